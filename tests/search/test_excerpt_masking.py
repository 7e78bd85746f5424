"""An excerpt is a window of a section: wherever a personal number falls against its edges, none shows unmasked."""

import pytest

from archive.privacy import mask_personal_numbers
from search.excerpts import SectionText, find_excerpts


class _Reply:
    body_text = ""

    def get_absolute_url(self):
        return "/replies/1/"


NUMBERS = [("13912345678", "139****5678"), ("510102199001011234", "510102********1234")]


@pytest.mark.parametrize(("number", "masked"), NUMBERS)
@pytest.mark.parametrize("offset", [*range(0, 42, 3), *range(62, 160, 3)])
def test_no_window_shows_a_personal_number_whatever_its_place(number, masked, offset):
    # The searched word stands at 60 (the window starts 24 before it); the number moves from before the window to
    # well past its end.
    text = list("交" * 200)
    text[60:62] = "养老"
    text[offset : offset + len(number)] = number
    text = "".join(text)[:200]
    section = SectionText(level=1, number="一", title="养老服务", text=f"一、养老服务\n{text}", anchor="s1")
    excerpts = find_excerpts(_Reply(), [section], ["养老"])
    shown = str(excerpts[0].html).replace("<mark>", "").replace("</mark>", "").strip("…")
    # What shows is a piece of the section masked whole: no digit that masking hides.
    assert shown in mask_personal_numbers(section.text).replace("\n", " "), shown
    assert "养老" in shown and (masked in shown or number[3:7] not in shown)


def test_a_number_beside_the_word_is_shown_masked():
    section = SectionText(1, "一", "联系", "一、联系\n" + "交" * 300 + "养老事宜请联系13912345678。", "s1")
    assert "139****5678" in str(find_excerpts(_Reply(), [section], ["养老"])[0].html)
