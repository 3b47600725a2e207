"""The analyzers, checked with `_analyze` on a real index (what the engine does, not what we hope)."""

import functools
import uuid

import pytest
from elasticsearch import Elasticsearch

from portal.chinese import T2S_TABLE, t2s_pairs, to_simplified
from search.documents import content_index

ZWNJ = "\u200c"

pytestmark = pytest.mark.search_engine


class Analyzers:
    """One index with the portal's analysis settings, shared by this module (it holds no data)."""

    def __init__(self, client, index):
        self.client, self.index = client, index

    def analyze(self, analyzer, text):
        response = self.client.indices.analyze(index=self.index, analyzer=analyzer, text=text)
        return [token["token"] for token in response["tokens"]]


@pytest.fixture(scope="module")
def engine(engine_address):
    client = Elasticsearch(engine_address, request_timeout=30)
    index = f"test-{uuid.uuid4().hex[:12]}-analysis"
    content_index(index).create(using=client)
    yield Analyzers(client, index)
    client.indices.delete(index=index)


def same_terms(engine, analyzer, *texts):
    terms = [engine.analyze(analyzer, text) for text in texts]
    assert all(t == terms[0] for t in terms), dict(zip(texts, terms, strict=True))
    return terms[0]


# --- Persian --------------------------------------------------------------------------------

@pytest.mark.parametrize("analyzer", ["portal_persian", "portal_standard"])
def test_arabic_and_persian_yeh_and_kaf_are_one_letter(engine, analyzer):
    same_terms(engine, analyzer, "مديريت كرمان", "مدیریت کرمان")


@pytest.mark.parametrize("analyzer", ["portal_persian", "portal_standard"])
def test_zwnj_split_and_joined_forms_are_one_word(engine, analyzer):
    terms = same_terms(engine, analyzer, f"کلان{ZWNJ}شهر", "کلانشهر")
    assert len(terms) == 1
    # Other invisible characters writers leave inside words go too.
    same_terms(engine, analyzer, "کلان\u200bشهر", "\u200fکلانشهر\ufeff", "کلانشهر")


ALL_ANALYZERS = ["portal_persian", "portal_standard", "portal_english", "portal_chinese"]


@pytest.mark.parametrize("analyzer", ALL_ANALYZERS)
def test_persian_arabic_indic_and_latin_digits_are_one_number(engine, analyzer):
    assert same_terms(engine, analyzer, "۱۳۹۱", "١٣٩١", "1391") == ["1391"]


def test_diacritics_and_tatweel_are_ignored(engine):
    same_terms(engine, "portal_persian", "مُدیریَّت بحـــران", "مدیریت بحران")


def test_persian_stop_words_are_dropped_and_plurals_stemmed(engine):
    assert engine.analyze("portal_persian", "از و به") == []
    same_terms(engine, "portal_persian", "کلان‌شهرها", "کلانشهر")
    same_terms(engine, "portal_persian", "کتاب‌های", "کتاب")


# --- Chinese --------------------------------------------------------------------------------

def test_traditional_folds_to_simplified(engine):
    assert same_terms(engine, "portal_chinese", "社區", "社区") == ["社区"]
    assert same_terms(engine, "portal_chinese", "應急管理", "应急管理") == ["应急", "急管", "管理"]
    same_terms(engine, "portal_standard", "應急", "应急")


def test_chinese_is_indexed_as_overlapping_bigrams(engine):
    bigrams = ["城中", "中区", "区应", "应急", "急管", "管理", "理局"]
    assert engine.analyze("portal_chinese", "城中区应急管理局") == bigrams
    assert engine.analyze("portal_standard", "应急") == ["应", "急"]


def test_pinyin_readings_after_characters_are_dropped(engine):
    same_terms(engine, "portal_chinese", "城中區(qū)應(yīng)急管理局", "城中区应急管理局")


def test_parentheses_that_are_not_readings_are_kept(engine):
    bigrams = ["应急", "急管", "管理", "理部", "应急", "急部"]
    assert engine.analyze("portal_chinese", "應急管理部(應急部)") == bigrams
    assert "gdp" in engine.analyze("portal_chinese", "增长(GDP)")


def test_full_width_forms_fold(engine):
    same_terms(engine, "portal_chinese", "ＡＢＣ１２３", "abc123")


# --- English --------------------------------------------------------------------------------

def test_english_stemming_possessives_and_stop_words(engine):
    assert engine.analyze("portal_english", "The city's floods") == ["citi", "flood"]
    same_terms(engine, "portal_english", "flooding", "floods", "flood")


def test_british_and_american_spellings_meet(engine):
    pairs = [("organisation", "organization"), ("Centre", "Center"), ("defence", "defense"),
             ("neighbourhoods", "neighborhoods"), ("mobilised", "mobilized"), ("programme", "program"),
             ("travelling", "traveling"), ("analyse", "analyze"), ("kilometres", "kilometers")]
    british = " ".join(b for b, _ in pairs)
    assert engine.analyze("portal_english", british) == engine.analyze("portal_english", " ".join(a for _, a in pairs))
    # Words that merely contain the letters of a rule stay apart.
    english = functools.partial(engine.analyze, "portal_english")
    assert english("four hours our tour") != english("for hors or tor")
    assert len(set(engine.analyze("portal_english", "filled filed"))) == 2


def test_every_spelling_in_the_table_meets_its_american_form(engine):
    from search.english import spelling_pairs

    pairs = spelling_pairs()
    assert len(pairs) > 100
    british = " ".join(b for b, _ in pairs)
    assert engine.analyze("portal_english", british) == engine.analyze("portal_english", " ".join(a for _, a in pairs))


def test_autocomplete_indexes_prefixes(engine):
    terms = engine.analyze("portal_autocomplete", "Flood")
    assert terms == ["f", "fl", "flo", "floo", "flood"]


# --- the generated Traditional → Simplified table -------------------------------------------

def test_t2s_table_is_generated_one_to_one_and_final():
    pairs = t2s_pairs()
    assert T2S_TABLE.is_file() and len(pairs) > 3000
    traditional = {t for t, _ in pairs}
    assert all(len(t) == 1 and len(s) == 1 and t != s for t, s in pairs)
    assert not any(s in traditional for _, s in pairs)  # no chains: one mapping pass is enough
    assert to_simplified("應急管理 社區 城中區") == "应急管理 社区 城中区"


def test_t2s_table_matches_what_opencc_generates_now():
    """A regenerated table would be identical: the committed file is not stale."""
    from portal.chinese import generate_t2s_pairs

    assert tuple(generate_t2s_pairs()) == t2s_pairs()


def test_every_plural_in_the_table_meets_its_singular(engine):
    """Broken plurals (تجارب) and «-ات» plurals of words in «ه» (مصوبات) reach their singular,
    however the letters are written (the table is folded as the analyzer folds)."""
    from portal.textnorm import persian_plurals

    rows = persian_plurals()
    assert len(rows) > 100
    plurals = " ".join(plural for plural, _ in rows)
    singulars = " ".join(singular for _, singular in rows)
    assert engine.analyze("portal_persian", plurals) == engine.analyze("portal_persian", singulars)
    # Arabic letters and a missing ZWNJ change nothing.
    assert engine.analyze("portal_persian", "آسيبديدگان مصوبات") == engine.analyze("portal_persian", "آسیب‌دیده مصوبه")


def test_a_word_that_only_ends_like_a_plural_keeps_its_ending_and_meets_its_own_forms(engine):
    """«بحران» is not «بحر» with a plural ending: cut, it never met «بحران‌ها» or «بحرانی» (which
    lose their own ending and become «بحران») and met «بحر», the sea; «استان» met «است»."""
    assert same_terms(engine, "portal_persian", "بحران", "بحران‌ها", "بحرانها", "بحرانی") == ["بحران"]
    assert engine.analyze("portal_persian", "بحر") != ["بحران"]
    assert engine.analyze("portal_persian", "استان تهران اسکان") == ["استان", "تهران", "اسكان"]
    # Real plurals in «ان» still reach their singular.
    same_terms(engine, "portal_persian", "داوطلبان شهروندان", "داوطلب شهروند")


def test_a_word_in_heh_keeps_it_before_the_indefinite_ending(engine):
    """«منطقه‌ای» is «منطقه» with «ای»; read as «منطق» + «های» it met «منطق» ("logic")."""
    assert same_terms(engine, "portal_persian", "منطقه‌ای", "منطقه", "منطقه‌ها", "منطقه‌های") == ["منطقه"]
    same_terms(engine, "portal_persian", "زلزله‌ای خانه‌ای برنامه‌ای", "زلزله خانه برنامه")
    # Before another letter it is a verb's ending, not «ای».
    assert engine.analyze("portal_persian", "رفته‌ایم") != engine.analyze("portal_persian", "رفته")


def test_a_plural_or_ezafe_written_apart_is_not_a_word_of_its_own(engine):
    """A ZWNJ typed as a space leaves «های» and «ی» standing alone: the words are those of the
    ZWNJ's spelling, so a query typed so needs no «های» in a text to match all its words."""
    same_terms(engine, "portal_persian", "تیم های واکنش", "تیم‌های واکنش")
    same_terms(engine, "portal_persian", "برنامه ی جامع", "برنامه‌ی جامع", "برنامۀ جامع")
    same_terms(engine, "portal_persian", "منطقه ای", "منطقه‌ای", "منطقه")
    assert engine.analyze("portal_persian", "کتاب ها هایی") == engine.analyze("portal_persian", "کتاب")


def test_a_query_without_its_detached_suffixes_keeps_its_words():
    from search.persian import without_detached_suffixes

    assert without_detached_suffixes("تیم های واکنش اضطراری محله") == "تیم واکنش اضطراری محله"
    assert without_detached_suffixes("برنامه ی جامع و زلزله اي") == "برنامه جامع و زلزله"
    assert without_detached_suffixes("های بحران") == "های بحران"  # nothing before it to end
    assert without_detached_suffixes("تیم‌های واکنش") == "تیم‌های واکنش"  # joined: a word of its own


def test_every_kept_word_is_kept(engine):
    from search.persian import kept_words

    words = kept_words()
    assert len(words) > 50
    # None is a stop word (the stop filter would drop it whatever the list says): each stays whole.
    assert engine.analyze("portal_persian", " ".join(words)) == list(words)
