"""Personal numbers that must not appear on public pages, and how they are masked."""

import re

# Mainland mobile numbers (13x–19x, 11 digits) and resident ID numbers (18 characters): personal.
# Office landlines such as 0391-6225005 stay readable; delegates call them.
_ID_NUMBER = re.compile(r"(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?!\d)")
_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")


def mask_personal_numbers(text: str) -> str:
    """Replace the middle digits of mobile and ID numbers with asterisks."""
    text = _ID_NUMBER.sub(lambda m: f"{m[1]}********{m[2]}", text)
    return _MOBILE.sub(lambda m: f"{m[1]}****{m[2]}", text)


def holds_personal_number(text: str) -> bool:
    """Whether the text names a mobile or ID number that masking would hide."""
    return bool(_ID_NUMBER.search(text) or _MOBILE.search(text))
