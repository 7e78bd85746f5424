"""A reader subscribes on a place's page, confirms, and gets one digest of the new reply of that place, through
a real SMTP server; a second run sends nothing; one click unsubscribes."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from alerts.models import Digest, Subscription
from tests.alerts.smtp import a_day_passes, body, link, query_on

READER = "reader@example.cn"

pytestmark = pytest.mark.usefixtures("search_index")


@pytest.fixture
def letter(make_reply, indexed):
    """A public reply of this city, on wetlands: 资阳市 or 眉山市."""

    def make(city: str, tag: str, **fields):
        with indexed():
            return make_reply(title=f"关于保护{city}湿地{tag}的建议", agency=f"{city}生态环境局",
                              proposers=(f"{city}{tag}代表",), **fields)

    return make


@pytest.fixture
def subscribed(client, letter, inbox):
    """The reader subscribed daily on 资阳市's page and confirmed; an old reply of each city was there before."""
    old = letter("资阳市", "旧")
    letter("眉山市", "旧")
    page = client.get(old.proposal.place.get_absolute_url()).content.decode()
    client.post("/alerts/subscribe/", {"email": READER, "frequency": "daily", "query": query_on(page)})
    confirmation = inbox.to(READER)[-1]
    client.post(link(confirmation, "confirm"))
    return Subscription.objects.get(email=READER)


def send_alerts() -> str:
    out = StringIO()
    call_command("send_alerts", stdout=out)
    return out.getvalue()


def digests(inbox):
    return [mail for mail in inbox.to(READER) if "新答复" in mail["Subject"]]


def test_the_confirmation_mail_names_the_search_and_sends_nothing_else_before_it_is_confirmed(
        client, letter, inbox):
    reply = letter("资阳市", "旧")
    page = client.get(reply.proposal.place.get_absolute_url()).content.decode()

    answer = client.post("/alerts/subscribe/", {"email": READER, "frequency": "weekly", "query": query_on(page)})
    letter("资阳市", "新")
    a_day_passes()
    send_alerts()

    assert "请查收确认邮件" in answer.content.decode()
    [confirmation] = inbox.to(READER)
    assert "地区：资阳市" in body(confirmation) and "每周" in body(confirmation)
    assert confirmation["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert not Subscription.objects.get().confirmed


def test_opening_the_confirmation_link_shows_a_button_and_only_the_button_confirms(client, letter, inbox):
    reply = letter("资阳市", "旧")
    page = client.get(reply.proposal.place.get_absolute_url()).content.decode()
    client.post("/alerts/subscribe/", {"email": READER, "frequency": "daily", "query": query_on(page)})
    confirm = link(inbox.to(READER)[0], "confirm")

    opened = client.get(confirm).content.decode()
    assert "确认订阅" in opened and not Subscription.objects.get().confirmed

    confirmed = client.post(confirm).content.decode()
    assert "订阅已确认" in confirmed and Subscription.objects.get().confirmed


def test_the_digest_holds_the_new_reply_of_the_city_subscribed_to_and_not_the_other_citys(
        subscribed, letter, inbox):
    new = letter("资阳市", "新")
    letter("眉山市", "新")
    a_day_passes()

    output = send_alerts()

    [digest] = digests(inbox)
    text = body(digest)
    assert "关于保护资阳市湿地新的建议" in text and f"http://testserver{new.get_absolute_url()}" in text
    assert "资阳市生态环境局" in text
    assert "眉山市" not in text
    assert "资阳市湿地旧" not in text  # public before the subscription was confirmed
    assert "有 1 件新答复" in digest["Subject"]
    assert "发出 1 封提醒" in output


def test_every_digest_carries_the_one_click_unsubscribe_headers(subscribed, letter, inbox):
    letter("资阳市", "新")
    a_day_passes()
    send_alerts()

    [digest] = digests(inbox)
    unsubscribe = link(digest, "unsubscribe")
    assert digest["List-Unsubscribe"].strip() == f"<http://testserver{unsubscribe}>"  # long: folded
    assert f"List-Unsubscribe: \r\n <http://testserver{unsubscribe}>\r\n".encode() in digest.raw  # no encoded-word
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_second_run_sends_nothing(subscribed, letter, inbox):
    letter("资阳市", "新")
    a_day_passes()
    send_alerts()

    a_day_passes()
    output = send_alerts()

    assert len(digests(inbox)) == 1
    assert "发出 0 封提醒" in output


def test_a_daily_subscription_gets_nothing_twice_the_same_day(subscribed, letter, inbox):
    letter("资阳市", "新")
    a_day_passes()
    send_alerts()
    letter("资阳市", "又一件")

    send_alerts()

    assert len(digests(inbox)) == 1


def test_a_reply_of_the_next_day_comes_in_the_next_digest_alone(subscribed, letter, inbox):
    letter("资阳市", "新")
    a_day_passes()
    send_alerts()
    letter("资阳市", "次日")
    a_day_passes()

    send_alerts()

    first, second = digests(inbox)
    assert "资阳市湿地次日" in body(second) and "资阳市湿地新" not in body(second)


def test_one_click_unsubscribe_by_post_stops_the_next_digest(subscribed, letter, inbox):
    letter("资阳市", "新")
    a_day_passes()
    send_alerts()
    unsubscribe = link(digests(inbox)[0], "unsubscribe")

    # A mail program's RFC 8058 POST: no cookie, no CSRF token.
    answer = Client(enforce_csrf_checks=True).post(unsubscribe, "List-Unsubscribe=One-Click",
                                                   content_type="application/x-www-form-urlencoded")
    letter("资阳市", "退订后")
    a_day_passes()
    send_alerts()

    assert answer.status_code == 200 and "已退订" in answer.content.decode()
    assert len(digests(inbox)) == 1
    assert not Subscription.objects.exists()


def test_opening_the_unsubscribe_link_asks_before_unsubscribing(client, subscribed, letter, inbox):
    letter("资阳市", "新")
    a_day_passes()
    send_alerts()
    unsubscribe = link(digests(inbox)[0], "unsubscribe")

    page = client.get(unsubscribe).content.decode()

    assert "退订" in page and "<form" in page
    assert Subscription.objects.exists()


def test_a_weekly_subscription_waits_seven_days(subscribed, letter, inbox):
    Subscription.objects.update(frequency=Subscription.Frequency.WEEKLY)
    letter("资阳市", "新")
    for _ in range(6):
        a_day_passes()
    send_alerts()
    assert digests(inbox) == []

    a_day_passes()
    send_alerts()
    assert len(digests(inbox)) == 1


def test_a_draft_published_after_confirming_is_new_though_it_was_uploaded_before(
        client, letter, inbox, indexed):
    draft = letter("资阳市", "草稿", publish=False)
    reply = letter("资阳市", "旧")
    page = client.get(reply.proposal.place.get_absolute_url()).content.decode()
    client.post("/alerts/subscribe/", {"email": READER, "frequency": "daily", "query": query_on(page)})
    client.post(link(inbox.to(READER)[0], "confirm"))

    from archive.publishing import publish_reply

    with indexed():
        publish_reply(draft)
    a_day_passes()
    send_alerts()

    [digest] = digests(inbox)
    assert "资阳市湿地草稿" in body(digest)


def test_an_old_reply_edited_after_confirming_is_not_new(subscribed, letter, inbox, indexed):
    from archive.models import Reply

    old = Reply.objects.get(proposal__title__contains="资阳市湿地旧")
    with indexed():
        old.doc_number = "资环函〔2024〕1号"
        old.save()
    a_day_passes()
    send_alerts()

    assert digests(inbox) == []


def test_a_digest_the_server_refuses_is_sent_by_the_next_run(subscribed, letter, inbox):
    letter("资阳市", "新")
    a_day_passes()
    inbox.refuse.add(READER)

    with pytest.raises(Exception, match="拒收"):
        send_alerts()
    inbox.refuse.clear()
    send_alerts()

    [digest] = digests(inbox)
    assert "资阳市湿地新" in body(digest)


def test_with_the_search_engine_down_nothing_is_sent_and_the_next_run_sends_it(
        subscribed, letter, inbox, monkeypatch):
    from django.core.management.base import CommandError

    from search.executor import SearchUnavailable

    letter("资阳市", "新")
    a_day_passes()

    def down(params, limit):
        raise SearchUnavailable("connection refused")

    monkeypatch.setattr("alerts.delivery.every_match", down)
    with pytest.raises(CommandError, match="没有发送任何提醒"):
        send_alerts()
    assert digests(inbox) == [] and not Digest.objects.exists()

    monkeypatch.undo()
    send_alerts()
    assert len(digests(inbox)) == 1


def test_a_run_that_dies_after_recording_never_sends_those_replies_again(subscribed, letter, inbox, monkeypatch):
    letter("资阳市", "新")
    a_day_passes()

    def crash(subscription, replies):
        raise SystemExit("killed")  # the process dies between recording the digest and sending it

    monkeypatch.setattr("alerts.delivery.digest_mail", crash)
    with pytest.raises(SystemExit):
        send_alerts()
    monkeypatch.undo()
    a_day_passes()
    output = send_alerts()

    assert digests(inbox) == []  # at most once: the recorded reply may have gone out; it is not sent twice
    assert "1 封提醒已记录但未确认发出" in output
    assert Digest.objects.get().status == Digest.Status.LOST
