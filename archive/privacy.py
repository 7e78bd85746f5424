"""Personal numbers that must not appear on public pages, and how they are masked."""

import re

# Mainland mobile numbers (13x–19x, 11 digits) and resident ID numbers (18 characters): personal.
# Office landlines such as 0391-6225005 stay readable; delegates call them.
# One pass for both, starting at a digit no digit precedes: every public page is masked whole (80 KB for a search
# page), and two patterns each opening with a look-behind took 2.5 ms of it.
_PERSONAL_NUMBER = re.compile(r"\d(?<!\d\d)(?:\d{16}[\dXx]|(?<=1)[3-9]\d{9})(?!\d)")


def _masked(match: re.Match) -> str:
    number = match[0]
    if len(number) == 18:  # an ID number keeps its region and its last four
        return f"{number[:6]}********{number[14:]}"
    return f"{number[:3]}****{number[7:]}"


def mask_personal_numbers(text: str) -> str:
    """Replace the middle digits of mobile and ID numbers with asterisks."""
    return _PERSONAL_NUMBER.sub(_masked, text)


def holds_personal_number(text: str) -> bool:
    """Whether the text names a mobile or ID number that masking would hide."""
    return bool(_PERSONAL_NUMBER.search(text))
