"""Meeting ordinals as people write them, in the minutes and in a search box."""

import pytest

from portal.ordinals import meeting_ordinals, resolution_numbers, words_besides_references


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


@pytest.mark.parametrize(("text", "numbers"), [
    ("مصوبه ۵ نشست نهم", [5]),
    ("مصوبه شماره ۵", [5]),
    ("پنجمین مصوبه", [5]),
    ("بند پنجم", [5]),
    ("resolution 5 of the 9th meeting", [5]),
    ("the 5th resolution", [5]),
    ("resolution no. 5", [5]),
    ("第九次会议第五项决议", [5]),
    ("決議第5項", [5]),
    ("决议五", [5]),
])
def test_a_resolution_named_by_its_number(text, numbers):
    assert resolution_numbers(text) == numbers


@pytest.mark.parametrize("text", ["5 resolutions", "مصوبه", "第九次会议", "نشست ۵"])
def test_no_resolution_number_without_its_noun_beside_it(text):
    assert resolution_numbers(text) == []


@pytest.mark.parametrize(("text", "left"), [
    ("مصوبه ۵ نشست نهم درباره آموزش", ["درباره", "آموزش"]),
    ("resolution 5 of the 9th meeting", []),
    ("the 9th meeting in Hamedan", ["hamedan"]),
    ("第九次会议第五项决议 培训", ["培训"]),
    ("9 meetings in Hamedan", ["9", "meetings", "in", "hamedan"]),  # a count names nothing
    ("flood in the city", ["flood", "in", "the", "city"]),
])
def test_the_words_besides_the_meetings_and_resolutions_named(text, left):
    assert words_besides_references(text) == left
