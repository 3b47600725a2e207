"""A misspelled word, searched as the index spells it: "landlide risk" is searched as "landslide
risk", «مرکز عملیات اضطاری» as «مرکز عملیات اضطراری» (backend.engine_search shows the corrected
search's results, with a link back to the words as typed).

Asked only of a page whose best matches are weak (no result has all the words) or that found
nothing: there a misspelled word is the likeliest cause, and every other search pays nothing.
A word is misspelled when it finds nothing the reader may see in the fields a search asks: a
word only members-only texts hold is unknown to the public, and never spelled out to them. A
word the thesaurus knows is left as typed (it finds its concept in every language), and so are
Han characters: a wrong character is no typing slip, and Chinese has no spaces to find words by.
"""

import re

from elasticsearch.dsl import MultiSearch, Q, Search

from portal.textnorm import fold_persian, writes_han

from . import conf
from .queries import answers, query_languages, text_fields, visible_to

# Shorter words have too many neighbours one letter away («سیل», flood, and «سال», year).
MIN_LETTERS = 4
# Two letters off only in a long word: a short name the texts never hold ("Wuhan") is two letters
# from many words ("woman"), and is more likely a name than two slips.
TWO_SLIPS_FROM = 7
# Where a correction comes from: the words of titles, summaries and texts, as written.
SUGGESTED_FROM = "spelling"
CANDIDATES = 3  # near spellings weighed per word
COUNTED_UP_TO = 1_000  # how far a near spelling's documents are counted: enough to compare them
# Where words stand side by side: the titles and summaries as written, the texts as their
# languages' fields have them (each keeps its words' positions).
PHRASE_TEXTS = ("title", "summary", "body", "extra_text")
WAYS = 4  # how a near spelling is counted (best_in_context)
_WORD = re.compile(r"[\w\u200c]+")


def checked_words(q, concepts_named):
    """The words of a query that could be misspelled: four letters or more, no digit, not Han, not
    among `concepts_named` (the words that name the thesaurus concepts the query names, as the
    query already found them: ContentQuery.concepts)."""
    named = {word for said in concepts_named for word in said.split()}
    return [word for word in dict.fromkeys(_WORD.findall(q))
            if sum(character.isalpha() for character in word) >= MIN_LETTERS
            and not any(character.isdigit() for character in word)
            and not writes_han(word) and word not in named]


def unknown_words(client, words, user):
    """The words that find nothing the reader may see, in one request. A word the analyzers drop
    (a stop word) finds everything: there is nothing to correct."""
    searches = MultiSearch(using=client)
    for word in words:
        found = Q("multi_match", query=word, fields=text_fields(query_languages(word)), zero_terms_query="all")
        searches = searches.add(Search(index=conf.alias_name()).query(Q("bool", must=[found], filter=visible_to(user)))
                                .extra(size=0, terminate_after=1, track_total_hits=True))
    return [word for word, answer in zip(words, answers(searches), strict=True)
            if not answer["hits"]["total"]["value"]]


def near_spellings(client, words):
    """{word: indexed words near it, nearest first}: one letter off (two from TWO_SLIPS_FROM letters
    on), the first letter kept (a slip of the fingers seldom starts a word)."""
    search = Search(using=client, index=conf.alias_name()).extra(size=0)
    for number, word in enumerate(words):
        search = search.suggest(str(number), word, term={
            "field": SUGGESTED_FROM, "suggest_mode": "always", "max_edits": 2 if len(word) >= TWO_SLIPS_FROM else 1,
            "prefix_length": 1, "min_word_length": MIN_LETTERS, "size": CANDIDATES, "sort": "score"})
    suggested = search.execute().suggest.to_dict()
    near = {}
    for number, word in enumerate(words):
        options = [option for entry in suggested.get(str(number), [])[:1] for option in entry["options"]]
        options.sort(key=lambda option: (-option["score"], -option["freq"]))
        if options:
            # In Persian letters: the index folds «ک» and «ی» to their Arabic forms, readers do not.
            near[word] = list(dict.fromkeys(fold_persian(option["text"]) for option in options))[:CANDIDATES]
    return near


def best_in_context(client, q, near, user):
    """{word: the near spelling the texts write beside the query's words around it} («اسان موقت»:
    «اسکان موقت», temporary housing, not «اساس», basis, though both are one letter off); failing
    that, the nearest found with all the query's other words, then with any of them, then at all
    (the other words may find only texts in other languages, through the thesaurus). A word whose
    near spellings the reader's texts never hold is left out: one that only members-only texts
    hold is never offered to the public."""
    words = _WORD.findall(q)
    others = " ".join(word for word in words if word not in near)
    searches, asked = MultiSearch(using=client), []
    for position, word in enumerate(words):
        if word not in near or word in dict(asked):
            continue
        around = [pair for pair in (words[position - 1:position + 1], words[position:position + 2])
                  if len(pair) == 2 and not (set(pair) - {word}) & set(near)]
        for spelling in near[word]:
            beside = [_found(" ".join(spelling if w == word else w for w in pair), phrase=True) for pair in around]
            ways = (Q("bool", should=beside, minimum_should_match=1) if beside else None,
                    Q("bool", must=[_found(spelling), _found(others, every=True)]) if others else None,
                    Q("bool", must=[_found(spelling), _found(others)]) if others else None,
                    _found(spelling))
            for found in ways:
                searches = searches.add(_counted(found, user))
            asked.append((word, spelling))
    counts = [answer["hits"]["total"]["value"] for answer in answers(searches)]
    best = {}
    for number, (word, spelling) in enumerate(asked):
        # Found beside the words around it, or else with all the others, or else with any of them:
        # the nearest spelling so found, then the one found most often.
        found = tuple(counts[number * WAYS:number * WAYS + WAYS])
        rank = (found[0] > 0, found[1] > 0, found[2] > 0, -near[word].index(spelling), found)
        if found[-1] and rank > best.get(word, ("", ()))[1]:
            best[word] = (spelling, rank)
    return {word: spelling for word, (spelling, _rank) in best.items()}


def _counted(query, user):
    """How many documents the reader may see match `query` (None: none), up to COUNTED_UP_TO."""
    query = query or Q("match_none")
    return (Search(index=conf.alias_name()).query(Q("bool", must=[query], filter=visible_to(user)))
            .extra(size=0, track_total_hits=COUNTED_UP_TO))


def _found(words, phrase=False, every=False):
    """Documents with any of the words (`every`: all of them, in one text) in the fields a search
    asks for them; or (`phrase`) with the words side by side, as written, in the texts."""
    if phrase:
        fields = text_fields(query_languages(words), boosts=dict.fromkeys(PHRASE_TEXTS, 1))
        return Q("multi_match", query=words, fields=fields, type="phrase", slop=1)
    return Q("multi_match", query=words, fields=text_fields(query_languages(words)),
             **({"operator": "and"} if every else {}))


def respelled(client, q, user, concepts_named=()):
    """The query with its unknown words spelled as the index spells them, or "" when none is
    unknown or none has a near spelling found with the other words (`concepts_named`: see
    checked_words)."""
    words = checked_words(q, concepts_named)
    unknown = unknown_words(client, words, user) if words else []
    near = near_spellings(client, unknown) if unknown else {}
    corrected = best_in_context(client, q, near, user) if near else {}
    if not corrected:
        return ""
    return _WORD.sub(lambda word: corrected.get(word[0], word[0]), q)
