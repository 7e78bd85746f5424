"""The subscribe form: an address, a frequency and the search (its query string, a hidden field).

The address becomes a mail header, so it is checked before anything else: no line breaks or control
characters (a header injection), no display name, quotes, angle brackets, commas or spaces (a second
recipient smuggled in), at most 254 characters, and then Django's own e-mail validation. It is not
stripped first: an address ending in CR LF is refused, not quietly trimmed.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from alerts.limits import MAX_ADDRESS_LENGTH, MAX_QUERY_LENGTH
from alerts.models import Subscription
from alerts.saved_search import canonical, describe, params_of

# C0 and C1 controls and Unicode's line and paragraph separators: anything a mail header could break on.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# What an address list or a display name is made of, and what no ordinary address contains.
_NOT_AN_ADDRESS = re.compile(r"[\s\"<>,;:()\[\]\\]")

ADDRESS_TOO_LONG = f"邮箱地址过长：最多 {MAX_ADDRESS_LENGTH} 个字符。"
ADDRESS_CONTROL = "邮箱地址中不能有换行或其他控制字符。"
ADDRESS_NOT_BARE = "请只填写一个邮箱地址本身，例如 name@example.com：不要带姓名、引号、尖括号、逗号、分号或空格。"
ADDRESS_INVALID = "邮箱地址格式不正确，例如 name@example.com。"
QUERY_TOO_LONG = f"检索条件过长（超过 {MAX_QUERY_LENGTH} 个字符），无法订阅，请精简检索词或筛选条件后再订阅。"
QUERY_CONTRADICTORY = "所选条件互相矛盾，没有答复能同时满足，无法订阅，请先去掉其中一个条件。"


def check_address(value: str) -> None:
    if len(value) > MAX_ADDRESS_LENGTH:
        raise ValidationError(ADDRESS_TOO_LONG, code="too_long")
    if _CONTROL.search(value):
        raise ValidationError(ADDRESS_CONTROL, code="control")
    if _NOT_AN_ADDRESS.search(value) or value.count("@") != 1:
        raise ValidationError(ADDRESS_NOT_BARE, code="not_bare")
    try:
        validate_email(value)
        value.rpartition("@")[2].encode("idna")  # as sending will: a label too long for IDNA is no domain
    except (ValidationError, UnicodeError):
        raise ValidationError(ADDRESS_INVALID, code="invalid") from None


class AddressField(forms.EmailField):
    default_validators = [check_address]

    def __init__(self, **kwargs):
        super().__init__(max_length=None, **kwargs)  # the length is check_address's, with its message
        self.strip = False
        self.widget.attrs.update(maxlength=str(MAX_ADDRESS_LENGTH), autocomplete="email")

    def to_python(self, value):
        return super().to_python(value).lower()  # one inbox, one address: limits and duplicates count it once


class SubscribeForm(forms.Form):
    email = AddressField(label="邮箱", error_messages={"required": "请填写邮箱地址。"})
    frequency = forms.ChoiceField(label="频率", choices=Subscription.Frequency.choices,
                                  initial=Subscription.Frequency.DAILY, widget=forms.RadioSelect)
    query = forms.CharField(required=False, strip=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="alert-%s", **kwargs)

    @property
    def search(self) -> str:
        """The search this form subscribes to, in words."""
        return describe(params_of(self["query"].value() or ""))

    def clean_query(self) -> str:
        """The search as it is saved (``alerts.saved_search.canonical``)."""
        raw = self.cleaned_data["query"]
        if len(raw) > MAX_QUERY_LENGTH:
            raise ValidationError(QUERY_TOO_LONG, code="too_long")
        params = params_of(raw)
        if params.contradictory:
            raise ValidationError(QUERY_CONTRADICTORY, code="contradictory")
        query = canonical(params)
        if len(query) > MAX_QUERY_LENGTH:
            raise ValidationError(QUERY_TOO_LONG, code="too_long")
        return query
