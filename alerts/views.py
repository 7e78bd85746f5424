"""The subscribe form's answer, and the pages the mails' links open.

The confirmation and unsubscribe links show a page with a button and act only on its POST, so a mail
scanner that opens every link confirms and unsubscribes nothing. The unsubscribe POST needs no CSRF
token: its signed link is the proof, and a mail program's one-click POST (RFC 8058) carries no cookie.
"""

from functools import wraps

from django.core import signing
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from alerts import limits, subscribing, tokens
from alerts.forms import SubscribeForm
from alerts.models import Subscription
from alerts.saved_search import describe, params_of, search_path
from config.client_address import client_address

BAD_LINK = "这个链接无效：可能没有复制完整，或被改动过。请从邮件中重新打开，或重新订阅。"
EXPIRED = f"确认链接已过期（有效期 {limits.CONFIRM_MAX_AGE.days} 天），订阅没有生效。请重新订阅。"
GONE = "这个订阅已不存在：可能已经退订，或超过有效期仍未确认。需要的话请重新订阅。"
TOO_MANY = f"提交过于频繁：同一网络地址每小时最多提交 {limits.REQUESTS_PER_HOUR} 次订阅，请一小时后再试。"


def _notice(request, title: str, message: str, status: int):
    return render(request, "alerts/notice.html", {"title": title, "message": message}, status=status)


@require_POST
def subscribe(request):
    if not limits.request_allowed(client_address(request)):
        response = _notice(request, "提交过于频繁", TOO_MANY, 429)
        response["Retry-After"] = "3600"
        return response
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return render(request, "alerts/subscribe.html", {"form": form}, status=400)
    data = form.cleaned_data
    subscribing.subscribe(data["email"], data["query"], data["frequency"])
    return render(request, "alerts/subscribed.html", {"search": describe(params_of(data["query"])),
                                                      "days": limits.CONFIRM_MAX_AGE.days})


def _signed_link(read_key):
    """The view gets the subscription key its link names; a forged or expired link gets a page saying so."""

    def decorate(view):
        @wraps(view)
        def with_key(request, token):
            try:
                key = read_key(token)
            except signing.SignatureExpired:
                return _notice(request, "确认链接已过期", EXPIRED, 400)
            except signing.BadSignature:
                return _notice(request, "链接无效", BAD_LINK, 400)
            return view(request, key)

        return with_key

    return decorate


@require_http_methods(["GET", "POST"])
@_signed_link(tokens.confirmed_key)
def confirm(request, key):
    subscription = Subscription.objects.filter(key=key).first()
    if subscription is None:
        return _notice(request, "订阅不存在", GONE, 404)
    if request.method == "POST":
        subscribing.confirm(subscription)
    return render(request, "alerts/confirm.html", _about(subscription))


@csrf_exempt
@require_http_methods(["GET", "POST"])
@_signed_link(tokens.unsubscribed_key)
def unsubscribe(request, key):
    subscription = Subscription.objects.filter(key=key).first()
    if request.method == "POST" or subscription is None:  # a second click finds it gone: still unsubscribed
        Subscription.objects.filter(key=key).delete()
        return _notice(request, "已退订", "已退订：这个邮箱不会再收到这项检索的提醒。", 200)
    return render(request, "alerts/unsubscribe.html", _about(subscription))


def _about(subscription: Subscription) -> dict:
    params = params_of(subscription.query)
    return {"subscription": subscription, "search": describe(params), "search_url": search_path(params)}
