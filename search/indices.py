"""Analysis settings: how Persian, Chinese and English text becomes searchable terms.

Only components of Elasticsearch's analysis-common module (and the server's own `standard`
tokenizer, `lowercase`, `stop`, `shingle`) are used, so the settings work on any production
cluster; the development node gets the same names from `search/engine/`.

Each text field is indexed, when the text is written (partly) in their script, with
`portal_persian`, `portal_chinese` and `portal_english` in the fields `<name>_fa`, `<name>_zh` and
`<name>_en` (documents.py), so a document mixing languages is found in each of its languages and a
Persian text is not also analysed as Chinese and English. Titles and summaries are also indexed
with `portal_standard` in their main field. A query reads the fields of the scripts it is written
in (queries.py), and the main fields when it has no script of its own (digits, one Chinese
character). Index and query time use the same
analyzer everywhere (the autocomplete and `.compound` fields excepted), so a rule applied to
documents is applied to queries too.

Python does NFKC first (search.text.normalise); the rest happens here:

Persian  ي/ی and ك/ک are one letter (arabic_normalization + persian_normalization, which also
         drop diacritics and tatweel); ZWNJ is removed, so «کلان‌شهر» == «کلانشهر», and the
         `.compound` fields of titles and summaries join neighbouring words, so it finds «کلان
         شهر» too (and a spaced query's joined pairs find the joined spelling in every text); Persian,
         Arabic-Indic and Latin digits are one (decimal_digit); Persian stop words, and a plural or
         ezafe written apart («تیم های», «برنامه ی»); persian_stem
         (plural and possessive suffixes), and broken plurals (تجارب → تجربه) by a table
         (persian.py).
Chinese  Traditional → Simplified per character (a mapping generated from OpenCC, see
         chinese.py); pinyin readings pasted after characters, «區(qū)», are dropped; full and
         half width folded (cjk_width); overlapping bigrams (cjk_bigram), so a query word
         matches documents where its characters are adjacent, not merely present.
English  possessive 's, stop words, Porter stemming.
"""

from elasticsearch.dsl import analyzer, char_filter, token_filter

from portal.chinese import t2s_mapping_rules
from portal.textnorm import PINYIN_LETTERS

from .english import spelling_rules
from .persian import detached_suffixes, stemmer_rules

# --- character filters ----------------------------------------------------------------------

# ZWNJ joins the parts of a Persian word; writers use it, a space or nothing. Removing it makes
# the ZWNJ-split form and the joined form one token. The other invisible characters (zero-width
# space and joiner, direction marks, BOM, soft hyphen, word joiner) are removed likewise.
INVISIBLE_CHARACTERS = [
    "\\u200C", "\\u200B", "\\u200D", "\\u200E", "\\u200F", "\\uFEFF", "\\u00AD", "\\u2060",
]

invisible_characters = char_filter(
    "portal_invisible_characters",
    "mapping",
    mappings=[f"{char}=>" for char in INVISIBLE_CHARACTERS],
)

# «ای» after a word's final «ه» and a ZWNJ (منطقه‌ای, زلزله‌ای: "regional", "an earthquake"): with
# the ZWNJ gone the stemmer took «های» for the plural and cut منطقه to منطق ("logic"). Dropped
# first, the word keeps its «ه» and meets منطقه. Before a letter it is a verb's ending (رفته‌ایم).
persian_indefinite = char_filter(
    "portal_persian_indefinite", "pattern_replace",
    pattern=r"(?<=\u0647)\u200C[\u0627\u0622][\u06CC\u064A\u0649](?![\p{L}\p{M}\u200C])", replacement="",
)

# Pinyin readings pasted after characters, «區(qū)» (as portal.textnorm.without_pinyin_readings
# drops them for the thesaurus). The parenthesis comes first: most characters are not one, so the
# look-behind rarely runs.
PINYIN_READING = rf"[(（](?<=\p{{IsHan}}[(（])[{PINYIN_LETTERS}]{{1,8}}[)）]"

pinyin_readings = char_filter(
    "portal_pinyin_readings", "pattern_replace", pattern=PINYIN_READING, replacement=""
)


def british_to_american():
    return char_filter("portal_british_to_american", "mapping", mappings=spelling_rules())


def traditional_to_simplified():
    return char_filter("portal_t2s", "mapping", mappings=t2s_mapping_rules())


# --- token filters --------------------------------------------------------------------------

persian_stop = token_filter("portal_persian_stop", "stop", stopwords="_persian_")
# A plural or an ezafe written apart from its word, as a ZWNJ typed as a space leaves them («تیم
# های», «برنامه ی جامع»): not words of their own (the thesaurus takes them off too). Kept, a query
# typed so asked them of every text for all its words, and its phrase met only texts typed alike.
persian_detached = token_filter("portal_persian_detached", "stop", stopwords=detached_suffixes())
english_stop = token_filter("portal_english_stop", "stop", stopwords="_english_")
english_stemmer = token_filter("portal_english_stemmer", "stemmer", language="english")
english_possessive = token_filter("portal_english_possessive", "stemmer", language="possessive_english")
han_bigrams = token_filter("portal_han_bigrams", "cjk_bigram", output_unigrams=False)
title_prefixes = token_filter("portal_title_prefixes", "edge_ngram", min_gram=1, max_gram=20)
# Two neighbouring words also indexed as one: «کلان شهر» yields «کلانشهر» besides its words.
joined_pairs = token_filter("portal_joined_pairs", "shingle", min_shingle_size=2, max_shingle_size=2,
                            output_unigrams=True, token_separator="")
# At query time only the joined pairs (or the single word), so a query written with a space
# finds the joined spelling: «کلان شهر» → «کلانشهر».
joined_pairs_only = token_filter("portal_joined_pairs_only", "shingle", min_shingle_size=2,
                                 max_shingle_size=2, output_unigrams=False,
                                 output_unigrams_if_no_shingles=True, token_separator="")

# Folding every field shares: case, digits, width, Arabic/Persian letter variants, accents.
COMMON_FOLDING = ["lowercase", "decimal_digit", "cjk_width", "arabic_normalization", "persian_normalization"]
PERSIAN_FOLDING = ["lowercase", "decimal_digit", "arabic_normalization", "persian_normalization"]


# --- analyzers ------------------------------------------------------------------------------

def persian_word_forms():
    return token_filter("portal_persian_word_forms", "stemmer_override", rules=stemmer_rules())


def build_analyzers():
    t2s = traditional_to_simplified()
    return {
        # Main field: every script folded, no stemming. Han text is one token per character.
        "standard": analyzer(
            "portal_standard",
            char_filter=[invisible_characters, t2s],
            tokenizer="standard",
            filter=COMMON_FOLDING + ["asciifolding"],
        ),
        "persian": analyzer(
            "portal_persian",
            char_filter=[persian_indefinite, invisible_characters],
            tokenizer="standard",
            # Normalise before the stop filter: Lucene's Persian stop list is in normalised form.
            filter=PERSIAN_FOLDING + [persian_word_forms(), persian_stop, persian_detached, "persian_stem"],
        ),
        "chinese": analyzer(
            "portal_chinese",
            char_filter=[pinyin_readings, t2s],
            tokenizer="standard",
            filter=["cjk_width", "lowercase", "decimal_digit", han_bigrams],
        ),
        "english": analyzer(
            "portal_english",
            char_filter=[british_to_american()],
            tokenizer="standard",
            filter=[english_possessive, "lowercase", "decimal_digit", "asciifolding", english_stop,
                    english_stemmer],
        ),
        # Persian compounds written with a space, a ZWNJ or nothing (the `.compound` fields).
        "compound": analyzer(
            "portal_compound",
            char_filter=[invisible_characters],
            tokenizer="standard",
            filter=PERSIAN_FOLDING + [joined_pairs],
        ),
        "compound_query": analyzer(
            "portal_compound_query",
            char_filter=[invisible_characters],
            tokenizer="standard",
            filter=PERSIAN_FOLDING + [joined_pairs_only],
        ),
        # The same pairs as the Persian fields hold a joined word: «کلان شهرها» → «کلانشهر».
        "compound_query_persian": analyzer(
            "portal_compound_query_persian",
            char_filter=[persian_indefinite, invisible_characters],
            tokenizer="standard",
            filter=PERSIAN_FOLDING + [joined_pairs_only, persian_word_forms(), "persian_stem"],
        ),
        # Titles as typed so far: every prefix of every word (searched with `standard`).
        "autocomplete": analyzer(
            "portal_autocomplete",
            char_filter=[invisible_characters, t2s],
            tokenizer="standard",
            filter=COMMON_FOLDING + ["asciifolding", title_prefixes],
        ),
        # "Did you mean": words as written (lower-cased), so suggestions read naturally.
        "spelling": analyzer("portal_spelling", tokenizer="standard", filter=["lowercase"]),
    }


ANALYZERS = build_analyzers()


def index_settings():
    """Shard settings of a new index version (analysis comes from the document mapping)."""
    from . import conf

    return {
        "number_of_shards": 1,
        "number_of_replicas": conf.index_replicas(),
        # One shard keeps relevance statistics exact; the portal's corpus is small.
        # The highlighter's "weight matches" mode reads each hit's matches through the whole query,
        # so that a phrase is marked as one; the portal marks words, each field with a query of its
        # own words (queries.highlight). Off, every mark of the benchmark's 36 phrasings was the
        # same and the ranked page took a tenth less time.
        "highlight": {"weight_matches_mode": {"enabled": False}},
    }
