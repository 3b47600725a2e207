"""Meeting ordinals as people write them, in the minutes and in a search box."""

import pytest

from portal.ordinals import meeting_ordinals


@pytest.mark.parametrize(("text", "ordinals"), [
    ("نهمین نشست مدیران بحران کلان‌شهرها", [9]),
    ("نشست نهم", [9]),
    ("جلسه ۹ همدان", [9]),
    ("مصوبات جلسات هفتم و هشتم", [7, 8]),
    ("نشست بیست و یکم", [21]),
    ("9th meeting", [9]),
    ("the ninth meeting", [9]),
    ("meeting no. 9", [9]),
    ("the twenty-first meeting", [21]),
    ("第九次会议", [9]),
    ("第9次會議", [9]),
    ("第七次、第八次会议", [7, 8]),
])
def test_a_meeting_named_by_its_ordinal(text, ordinals):
    assert meeting_ordinals(text) == ordinals


@pytest.mark.parametrize("text", ["2 meetings", "نهم", "مصوبه ۹", "1391 meeting", "九次会议", "نشست مدیران بحران"])
def test_no_ordinal_without_a_meeting_noun_beside_it(text):
    assert meeting_ordinals(text) == []
