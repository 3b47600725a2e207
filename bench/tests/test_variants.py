from bench.relevance import measure
from bench.relevance.variants import (
    VARIANTS,
    alef_without_madda,
    arabic_letters,
    as_question,
    hyphenated,
    letter_left_out,
    no_zwnj,
    other_script,
    plural_apart,
    rewritten,
    space_for_zwnj,
)


def query(text, language, script=""):
    return {"id": "q", "query": text, "language": language, "script": script or language, "judgements": {}}


def test_each_variant_types_a_query_as_readers_do():
    persian = query("تیم‌های آموزش کلانشهر", "fa")
    assert space_for_zwnj(persian) == "تیم های آموزش کلانشهر"
    assert no_zwnj(persian) == "تیمهای آموزش کلانشهر"
    assert plural_apart(query("مدیران کلانشهرها و تیم‌های محله", "fa")) == "مدیران کلانشهر ها و تیم های محله"
    assert plural_apart(query("رها", "fa")) == "رها"  # a word that only ends so
    assert arabic_letters(persian) == "تيم‌هاي آموزش كلانشهر"
    assert alef_without_madda(persian) == "تیم‌های اموزش کلانشهر"
    assert other_script(query("防震演习", "zh", "hans")) == "防震演習"
    assert other_script(query("應急管理幹部培訓", "zh", "hant")) == "应急管理干部培训"
    assert hyphenated(query("damage assessment report", "en")) == "damage-assessment report"
    assert as_question(query("防震演习", "zh", "hans")) == "如何做好防震演习？"
    assert letter_left_out(query("landslide risk", "en")) == "landlide risk"
    assert letter_left_out(query("مرکز عملیات اضطراری", "fa")) == "مرکز عملیات اضطاری"


def test_a_variant_leaves_the_queries_it_does_not_apply_to():
    english = query("flood warning", "en")
    assert space_for_zwnj(english) is None and other_script(english) is None
    assert hyphenated(query("drill", "en")) is None
    assert letter_left_out(query("dam risk", "en")) is None and letter_left_out(query("防震演习", "zh")) is None
    assert rewritten([query("سیل", "fa")], space_for_zwnj) == []  # nothing to change


def test_every_variant_changes_some_judged_queries_and_names_itself():
    queries = measure.queries()
    for variant in VARIANTS:
        assert variant.__doc__
        assert rewritten(queries, variant), variant.__doc__
