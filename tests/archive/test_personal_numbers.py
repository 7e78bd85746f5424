"""Masking personal numbers: mobile numbers and resident ID numbers, wherever they stand in a text."""

import re

from hypothesis import given
from hypothesis import strategies as st

from archive.privacy import holds_personal_number, mask_personal_numbers

# The rules as first written, two patterns in two passes: the one-pass pattern must mask exactly as they do.
_ID_NUMBER = re.compile(r"(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?!\d)")
_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")


def _two_passes(text: str) -> str:
    text = _ID_NUMBER.sub(lambda m: f"{m[1]}********{m[2]}", text)
    return _MOBILE.sub(lambda m: f"{m[1]}****{m[2]}", text)


def test_mobile_and_id_numbers_are_masked_and_landlines_are_not():
    text = "联系人：王芳，电话13912345678，身份证51010219900101123X；办公室0391-6225005。"
    assert mask_personal_numbers(text) == (
        "联系人：王芳，电话139****5678，身份证510102********123X；办公室0391-6225005。"
    )
    assert holds_personal_number(text)
    assert not holds_personal_number("办公室0391-6225005，邮编315300，2024年6月28日")


def test_longer_runs_of_digits_are_no_personal_number():
    # 12 digits (an account) and 19 digits (a bank card) are not read as a phone or an ID number.
    text = "账号139123456789，卡号6222021234567890123"
    assert mask_personal_numbers(text) == text


# Digits, X, separators and Chinese: texts where numbers touch, overlap and run on.
_PIECES = st.sampled_from(["1", "3", "9", "0", "5", "X", "x", "-", " ", "电话", "１", "3912345678", "13912345678",
                           "51010219900101123", "510102199001011234"])


@given(st.lists(_PIECES, max_size=30).map("".join))
def test_one_pass_masks_exactly_as_the_two_patterns_did(text):
    assert mask_personal_numbers(text) == _two_passes(text)
    assert holds_personal_number(text) == (_two_passes(text) != text)
