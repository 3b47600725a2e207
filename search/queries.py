"""Building the engine query, one clause per method.

    ContentQuery(client).permission(user).text(q).filter(filters).sort(order).page(n)

Permissions go into the query itself (bool filter), so hits, totals, facet counts and
suggestion checks never see what the reader may not. The counts of a facet chosen from are
counted with the *other* facets' selections only: they show what choosing a value would give,
given everything else chosen (execute_page).
"""

from dataclasses import dataclass

from elasticsearch import ApiError
from elasticsearch.dsl import A, MultiSearch, Q, Search

from portal import thesaurus
from portal.audiences import Audience, sees
from portal.ordinals import meeting_ordinals, resolution_numbers
from portal.textnorm import count_han, matching_key, writes_arabic_script, writes_han, writes_latin

from . import conf
from .documents import (
    COMPOUND_FIELDS,
    HIGHLIGHTED,
    LANGUAGES,
    LANGUAGES_OF,
    MAIN_INDEXED,
    MENTION_LANGUAGES,
    compound_field,
    concept_term,
    language_field,
    mention_language,
)
from .facets import ALL_VALUES, BY_NAME, FACET_VALUES, FACETS, split_facet_value
from .indices import ANALYZERS
from .persian import without_detached_suffixes
from .results import NEWEST, Hit
from .text import normalise, searched_words

# Field → boost. Each is searched in its main field and the fields of the query's languages.
TEXT_BOOSTS = {"title": 3, "summary": 2, "body": 1, "english_summary": 1, "translations": 1.5, "extra_text": 0.5,
               "topics": 1}
# Lone characters of a Chinese query: both of two, at least half of more, in one field.
HAN_CHARACTERS_SHOULD_MATCH = "2<50%"
HAN_CHARACTERS_BOOST = 0.6
HAN_CHARACTERS_FOUND = 0.1  # their score before the ranking window scores them
ALL_WORDS_BOOST = 1.0
# An English word found in several fields (the title and the English summary) adds a share of the
# others to the best field's score. Persian and Chinese queries take the best field alone: on the
# tuning split they ranked the same or better so, and the engine then skips the documents that
# cannot reach the ranking window (a common Persian phrase's page scored a third as many).
LATIN_TIE_BREAKER = 0.3
PHRASE_BOOST = 2.0
# Concepts of the query: documents that speak of them, in any language.
CONCEPT_BOOST = 8.0
ACROSS_LANGUAGES = 0.35  # the share of CONCEPT_BOOST a document in another language gets
# Names of the clauses, reported per hit (`matched_queries`): how each result was found. One name
# per clause: the engine keeps the last clause given a name, so a second clause of the same name
# would hide the first one's matches.
WORDS, JOINED_WORDS, CHARACTERS = "words", "joined-words", "characters"
ALL_WORDS, PHRASE, CONCEPT_PREFIX = "all-words", "phrase", "concept:"
NAMED_MEETING, NAMED_RESOLUTION = "named-meeting", "named-resolution"
# A meeting the query names by its ordinal («نشست نهم», "9th meeting", 第九次会议): its page first,
# then what belongs to it (resolutions, follow-up reports), above what only shares the words; a
# resolution it names by number («مصوبه ۵ نشست نهم») above them all.
NAMED_MEETING_BOOST = 20.0
RANKING_FIELDS = ("title", "summary", "body")  # where all the words, and the phrase, lift a result
# The best this many by the words alone are ranked again with all the words and the phrase: a common
# word matches tens of thousands of documents, and asking those clauses of each took most of a search.
# A page past the window (ten pages) keeps the order of the words alone (the window is the same
# for every page, so a result is never on two pages). The engine keeps the window's best while it
# searches, and skips fewer documents the larger it is: 500 cost a tenth more time than 200, and 200
# up to a fifth more than 100 on a common phrase's ranked page. 100 ranks every judged query as 200
# did; on the benchmark's corpus it changed 5 of 223 first pages, each by near-identical items.
RANKING_WINDOW = 100
# The ranked page asks for the engine's request cache (execute_page). The benchmark turns it off to
# compare systems by the work each search does, none of them answered from the cache.
RANKED_PAGE_REQUEST_CACHE = True
# Highlighting re-reads the text of every hit: a page of book-length attachments took seconds at the
# engine's own limit (1,000,000). A match further in still finds the item, only without a snippet.
HIGHLIGHT_MAX_CHARACTERS = 200_000
OPENING_CHARACTERS = 180  # of a text shown when none of its words matched (a fragment's size)
SUGGESTION_FIELD = "spelling"
# Where a Persian query of several words finds its words written joined («کلانشهر» for «کلان شهر»).
JOINED_PAIRS_TEXTS = ("title", "summary", "body", "extra_text")
JOINED_PAIRS_ANALYZER = ANALYZERS["compound_query"].to_dict()  # its name
JOINED_PAIRS_PERSIAN_ANALYZER = ANALYZERS["compound_query_persian"].to_dict()


def query_languages(q):
    """The language fields worth asking for a query: those of the scripts it is written in.

    A language's analyzer only changes words of its own script (Persian stems and letter forms,
    Chinese two-character words, English stems); words of other scripts it leaves as the main
    field has them, already searched. Asking only the query's own languages halves the fields a
    search reads and the texts its highlighting analyses again. Digits alone: all of them.
    """
    scripts = (("fa", writes_arabic_script), ("zh", writes_han), ("en", writes_latin))
    return tuple(language for language, written_in in scripts if written_in(q)) or LANGUAGES


def language_fields(name, languages):
    return [language_field(name, language) for language in LANGUAGES_OF[name] if language in languages]


def text_fields(languages=LANGUAGES, boosts=TEXT_BOOSTS, main=True):
    """The main field and the given languages' fields of every text field, with boosts."""
    return [f"{field}^{boost}" for name, boost in boosts.items()
            for field in [name] * (main and name in MAIN_INDEXED) + language_fields(name, languages)]


def joined_pairs(q, name):
    """The query's neighbouring words joined («کلان شهر» → «کلانشهر») asked of a text: of a title's
    or summary's main field, where a text that writes them joined has them as one word, of another
    text's Persian field, stemmed as that field stems the joined word."""
    if name in MAIN_INDEXED:
        return Q("match", **{name: {"query": q, "analyzer": JOINED_PAIRS_ANALYZER}})
    return Q("match", **{language_field(name, "fa"): {"query": q, "analyzer": JOINED_PAIRS_PERSIAN_ANALYZER}})


def main_fields(languages, boosts=TEXT_BOOSTS):
    """The main fields of the texts that can be written in these languages (with boosts): not the
    English summary for a Persian query."""
    boosts = {name: boost for name, boost in boosts.items() if set(LANGUAGES_OF[name]) & set(languages)}
    return text_fields(languages=(), boosts=boosts)


COUNTED = "facets"  # the aggregation counting the values of every facet (facets.FACET_VALUES)
CHOICES = "choices"  # the aggregation counting a chosen facet's values without its own selection


@dataclass
class ResultPage:
    hits: list  # the engine's hits of the page, as it sends them: `_source`, `_score`, `highlight`…
    total: int
    found: dict  # {facet name: [(value, count)]}, unordered: what choosing each value would give
    # For each facet chosen from, how many matches its other facets' selections keep (choices()).
    totals_without_a_choice: tuple = ()

    def words_find_something(self):
        """Whether the words alone, without the selection, find something: True or False when these
        counts tell, None when only another request can (several facets chosen, none with a match)."""
        if not self.totals_without_a_choice:
            return self.total > 0
        if any(self.totals_without_a_choice):
            return True
        return False if len(self.totals_without_a_choice) == 1 else None


def facet_counts(found, left_out=None):
    """{facet name: [(value, count)]} of `found` (ResultPage.found) in each facet's order and size
    (Facet.ordered), without the values `left_out` names ({facet name: values}), so the facet still
    shows its full size."""
    left_out = left_out or {}
    return {name: BY_NAME[name].ordered([(value, count) for value, count in values
                                         if value not in left_out.get(name, ())])
            for name, values in found.items()}


def answers(searches):
    """The engine's answers to a MultiSearch as it sends them, plain dicts: wrapped (a Response per
    search, an object per hit, highlight and bucket), reading them cost a tenth of a search's Python
    time. An error in any of them raises ApiError, so the database answers instead."""
    responses = searches._using.msearch(searches=searches.to_dict())
    for answer in responses["responses"]:
        if answer.get("error"):
            raise ApiError("N/A", meta=responses.meta, body=answer)
    return responses["responses"]


def counted_values(answer):
    """(facet name, value, count) of every facet value a counts request found."""
    for bucket in answer["aggregations"][COUNTED]["buckets"]:
        name, value = split_facet_value(bucket["key"])
        yield name, value, bucket["doc_count"]


def query_concepts(q):
    """{slug: the words that named it, as the reader typed them} for the concepts a query names, the
    longest mention only («مدیریت بحران», not also «بحران»)."""
    mentions = thesaurus.concepts_in(q)
    texts = [mention.text for mention in mentions]
    return {mention.concept: thesaurus.as_written(q, mention) for mention in mentions
            if not any(mention.text != other and mention.text in other for other in texts)}


def concept_name(slug):
    """The name of a concept's clause, as the engine reports it in a hit's `matched_queries`."""
    return CONCEPT_PREFIX + slug


def concept_clause(slug, languages, documents_in=MENTION_LANGUAGES):
    """Documents that speak of the concept, in any language or spelling, ranked by how much they
    do (BM25 over the mentions counted at indexing, documents.with_concepts): a term per language
    to look up, however many labels the concept has. A document in another language than the
    query (or in none) gets ACROSS_LANGUAGES of the weight, so it ranks below an equally good one
    in the reader's words. `documents_in`: the mention languages of the documents asked (those a
    choice of document languages keeps): a term no document asked can hold is not looked up."""
    terms = [Q("term", concept_mentions={"value": concept_term(slug, language),
                                          "boost": CONCEPT_BOOST * (1 if language in languages else ACROSS_LANGUAGES)})
             for language in MENTION_LANGUAGES if language in documents_in]
    return Q("bool", should=terms, _name=concept_name(slug))


def named_meetings(meetings, resolutions):
    """Clauses for the meetings and resolutions a query names by number, in any language: «نهم»
    and «نهمین» are different words, and the minutes write «نشست ۹» and «مصوبه ۵»."""
    clauses = []
    of_meeting = one_of("meeting_number", meetings) if meetings else None
    of_resolution = one_of("number", resolutions) if resolutions else None
    if of_meeting:
        clauses.append(Q("constant_score", filter=of_meeting, boost=NAMED_MEETING_BOOST / 2, _name=NAMED_MEETING))
        # The meeting itself: what belongs to it has a number of its own.
        itself = Q("bool", filter=[of_meeting], must_not=[Q("exists", field="number")])
        clauses.append(Q("constant_score", filter=itself, boost=NAMED_MEETING_BOOST / 2))
    if of_resolution:
        # Of the meeting named: above the meeting itself. Of any meeting, when none is named: as high
        # as a meeting named would be.
        named = Q("bool", filter=[of_resolution, *([of_meeting] if of_meeting else [])])
        clauses.append(Q("constant_score", filter=named, boost=NAMED_MEETING_BOOST * (3 if of_meeting else 1),
                         _name=NAMED_RESOLUTION))
    return clauses


def visible_to(user):
    """The documents a reader may see: published, public or (for members) members-only.

    One filter of both conditions, kept whole by `constant_score`: the engine never caches a lone
    term, but caches this one as a set of documents after a few searches (the same for every reader
    of an audience), and a search then checks one set instead of two lists of nearly every
    document. On the benchmark, a search's p95 fell by about 7 %; a bare nested `bool` gained
    nothing (the engine merges it into the outer query)."""
    visibilities = [audience.value for audience in Audience if sees(user, audience)]
    return [Q("constant_score", filter=Q("bool", filter=[Q("term", live=True), one_of("visibility", visibilities)]))]


def one_of(field, values):
    """A filter on a keyword's values: `term` for one value (a `terms` query with one value is run
    as a multi-term query, which cost a search several milliseconds more)."""
    values = list(values)
    return Q("term", **{field: values[0]}) if len(values) == 1 else Q("terms", **{field: values})


class ContentQuery:
    def __init__(self, client, index=None):
        self.search = (
            Search(using=client, index=index or conf.alias_name())
            .extra(track_total_hits=True)
            .source(Hit.FIELDS)
        )
        self.query_text = ""
        self.languages = LANGUAGES
        self.compound = False  # whether the query also asks for joined pairs (Persian compounds)
        self.joined_texts = ()  # for Persian compounds: the texts where the query's joined pairs are asked
        self.concepts = {}  # the thesaurus concepts the query names: {slug: the words naming it}
        self.recall = []  # the words' clauses but the concepts' (text()): any of them finds a document
        self.searched_concepts = []  # the concepts whose documents the words find too (text())
        self.must = []
        self.should = []
        self.ranking = []  # all the words, the phrase, lone characters: how the best matches are ordered (build())
        self.by_score = True
        self.permission_filters = None
        self.selected = {}

    # --- clauses -------------------------------------------------------------------------------

    def permission(self, user):
        self.permission_filters = visible_to(user)
        return self

    def text(self, q):
        """Recall first, precision in the ranking.

        A document matching any meaningful word of the query in any field of the query's
        languages is found (words spelled or inflected otherwise meet in the language fields);
        a document matching all the words, or the words side by side, ranks above it. Chinese
        is matched by two-character words and, more weakly, by lone characters, so «防震演習»
        still finds a text that says 地震 and 演练. The thesaurus concepts the query names find
        the documents tagged with them, in every language, below equally good direct matches.
        """
        q = searched_words(q)
        self.query_text = q
        if not q:
            return self
        self.languages = query_languages(q)
        han = count_han(q)
        # Words as the analyzers part them: "damage-assessments" and "COVID-19" are two, «زمین‌لرزه» one.
        several_words = len(matching_key(q).split()) > 1
        chinese_only = self.languages == ("zh",)
        # Lone Han characters in the main field would find nearly everything: the language field's
        # two-character words do that job, and the characters come in below.
        # The language fields find what the main field finds, and more (stems, plurals, letter
        # forms); the main fields (of titles and summaries) are kept for what has no language field
        # of its own: digits alone, a lone Chinese character.
        fields = text_fields(self.languages, main=self.languages == LANGUAGES or (chinese_only and han < 2))
        recall = [Q("multi_match", query=q, fields=fields, type="best_fields",
                    tie_breaker=LATIN_TIE_BREAKER if "en" in self.languages else 0, _name=WORDS)]
        if han > 1:
            # Characters of the query's words standing alone or in other words (防震 and 地震):
            # half of them at least, so one shared character does not make a match.
            # Titles and summaries only: a text's lone characters say little, and cost the most.
            # They find at a constant score, and are scored only among the best matches (the ranking
            # window): scored in the query, they kept the engine from skipping any document that
            # shares two common characters with the query, a third of a Chinese search's time.
            short = {name: TEXT_BOOSTS[name] for name in ("title", "summary")}
            characters = Q("multi_match", query=q, fields=main_fields(("zh",), short), type="best_fields",
                           minimum_should_match=HAN_CHARACTERS_SHOULD_MATCH, boost=HAN_CHARACTERS_BOOST)
            recall.append(Q("constant_score", filter=characters, boost=HAN_CHARACTERS_FOUND, _name=CHARACTERS))
            self.ranking.append(characters)
        self.compound = writes_arabic_script(q)
        if self.compound:
            # «کلان شهر» typed with a space also finds «کلانشهر»: the query's joined pairs, asked of the
            # main fields, where a text that writes them joined has them as one word. Not of the
            # `.compound` fields, which also hold the pair of every text that writes it with the
            # space, as the words already find it: a common phrase's pair is in a third of the titles,
            # and scoring it there cost a Persian search's p95 about 6 %. «کلانشهر», one word, has no
            # pairs to join: it finds «کلان شهر» in titles and summaries, whose `.compound` fields hold
            # their joined pairs (bodies' would double indexing time).
            self.joined_texts = JOINED_PAIRS_TEXTS if several_words else COMPOUND_FIELDS
            # Not «تیم» and «های» as «تیمهای» (a ZWNJ typed as a space): the language field's stem
            # already finds every text with «تیم‌های», and counted again, they crowded out the answers.
            joined = without_detached_suffixes(q)
            if several_words:
                found = Q("dis_max", queries=[joined_pairs(joined, name) for name in self.joined_texts],
                          boost=0.5, _name=JOINED_WORDS)
            else:
                found = Q("multi_match", query=joined, analyzer=JOINED_PAIRS_ANALYZER, boost=0.5,
                          fields=[compound_field(name) for name in COMPOUND_FIELDS], _name=JOINED_WORDS)
            recall.append(found)
        recall += named_meetings(meeting_ordinals(q), resolution_numbers(q))
        self.concepts = query_concepts(q)
        # The broadest concepts («مدیریت بحران», "hazard") tag most of the index: one would find
        # nearly everything (and count it) for a query that names something more specific.
        self.searched_concepts = ([slug for slug in self.concepts if slug not in thesaurus.broadest_concepts()]
                                  or list(self.concepts))
        self.recall = recall
        if several_words or han > 1:
            # Every word in one field, then the words side by side as typed, rank first: asked of the
            # title, summary and text only (each further field costs every matching document).
            ranking = {name: TEXT_BOOSTS[name] for name in RANKING_FIELDS}
            all_fields = text_fields(self.languages, boosts=ranking, main=self.languages == LANGUAGES)
            self.ranking.append(Q("multi_match", query=q, fields=all_fields, type="best_fields", operator="and",
                                  boost=ALL_WORDS_BOOST, _name=ALL_WORDS))
            short = {name: boost for name, boost in ranking.items() if name != "body"}
            phrase_fields = (text_fields(("zh",), boosts=short, main=False) if chinese_only
                             else main_fields(self.languages, short))
            phrase = [Q("multi_match", query=q, fields=phrase_fields, type="phrase", slop=1)]
            if self.compound:
                # The words side by side written as one («کلانشهر» for «کلان شهر») are the phrase too.
                phrase.append(Q("multi_match", query=q, analyzer=JOINED_PAIRS_ANALYZER,
                                fields=main_fields(("fa",), short)))
            self.ranking.append(Q("dis_max", queries=phrase, boost=PHRASE_BOOST, _name=PHRASE))
        return self

    def filter(self, selected):
        """Facet selections: values of one facet are alternatives, facets combine. Kept in one order
        (the facets', values sorted), so the same choices make the same requests, whichever order
        the reader made them in, and the engine can answer them from its request cache."""
        self.selected = {facet.name: sorted(set(selected[facet.name]), key=str)
                         for facet in FACETS if selected.get(facet.name)}
        return self

    def sort(self, order):
        self.by_score = order != NEWEST and bool(self.query_text)
        if not self.by_score:
            # Ties by the newest id, not by score: a score to break ties would make the engine score
            # every matching document (a common word matches much of the index) to order by date.
            self.search = self.search.sort({"date": {"order": "desc", "missing": "_last"}},
                                           {"pk": {"order": "desc"}})
        else:
            # By score alone: a second key (the date, for ties) would make the engine score every
            # matching document instead of skipping those that cannot reach the page.
            self.search = self.search.sort("_score")
        return self

    def page(self, number, size):
        start = (number - 1) * size
        self.search = self.search[start:start + size]
        return self

    def highlight(self):
        """Marks the query's words in the hits' texts: in the language fields of the query's
        languages, which hold the same text as the main field, so their own analysis marks the
        words as they were matched (a Persian stem, Chinese two-character words; not the lone
        characters the main field would mark). Asked of the main fields with the language fields'
        terms as `matched_fields`, the same marks took twice as long.

        Each field is marked by a query of its own: the highlighter builds its query once per hit
        and field and looks up every term in it; with the whole query (every field's terms), that
        lookup was a third of highlighting. The concepts' labels and the phrase are not marked."""
        if not self.query_text:
            return self
        self.search = self.search.highlight_options(
            encoder="html", pre_tags=["<mark>"], post_tags=["</mark>"], type="unified",
            fragment_size=180, number_of_fragments=2,
            # Past this many characters of a long text (attachments), mark nothing (and do not fail).
            max_analyzed_offset=HIGHLIGHT_MAX_CHARACTERS,
        )
        for name in HIGHLIGHTED:
            for language in self.languages:
                if language not in LANGUAGES_OF[name]:
                    continue
                field = language_field(name, language)
                words = [Q("match", **{field: self.query_text})]
                options = {}
                if name == "title":
                    options["number_of_fragments"] = 0  # the whole title, marked
                if name == "body":
                    # A hit found by its number or its concepts, not its words: its text's opening, for
                    # a resolution or a report, whose text is all they have (backend.snippets).
                    options["no_match_size"] = OPENING_CHARACTERS
                if language == "fa" and name in self.joined_texts:
                    # «کلانشهر» marked where «کلان شهر» was asked, and the reverse: the joined pairs
                    # matched. A title's or summary's are marked from its `.compound` field: a marked
                    # field and its `matched_fields` must all keep their words' offsets, which main
                    # titles do not. Another text's are in its Persian field itself.
                    if name in COMPOUND_FIELDS:
                        options["matched_fields"] = [field, compound_field(name)]
                        words.append(Q("match", **{compound_field(name): {
                            "query": self.query_text, "analyzer": JOINED_PAIRS_ANALYZER}}))
                    else:
                        words.append(joined_pairs(self.query_text, name))
                query = words[0] if len(words) == 1 else Q("bool", should=words)
                self.search = self.search.highlight(field, highlight_query=query.to_dict(), **options)
        return self

    @staticmethod
    def marked(highlight, name):
        """The marked fragments of a text field, from whichever of its language fields has them
        (`highlight`: a hit's, as the engine sends it)."""
        return next((fragments for language in LANGUAGES_OF[name]
                     if (fragments := highlight.get(language_field(name, language)))), [])

    def suggest(self):
        """A "did you mean" for the query (checked against permissions in backend.py)."""
        if self.query_text:
            self.search = self.search.suggest(
                "did_you_mean", self.query_text,
                phrase={
                    "field": SUGGESTION_FIELD, "size": 3, "max_errors": 2, "confidence": 0.0,
                    "direct_generator": [
                        {"field": SUGGESTION_FIELD, "suggest_mode": "always", "min_word_length": 3},
                    ],
                },
            )
        return self

    def more_like(self, document_ids, types, size=5, hazards=(), phases=(), language=""):
        """Documents whose words resemble the given ones (not those themselves), of the given types.

        Each language field is compared with its own analyzer, so a Persian study finds Persian
        neighbours by stem and a Chinese one by two-character words; shared hazards and phases
        weigh in as well. With the documents' `language` known, only its fields (and the English
        summary) are compared: the others hold no word of that script worth comparing.
        """
        languages = (language,) if language in LANGUAGES else LANGUAGES
        like = [{"_index": conf.alias_name(), "_id": document_id} for document_id in document_ids]
        self.must.append(Q(
            "more_like_this", like=like,
            fields=[field for name in ("title", "summary", "body")
                    for field in language_fields(name, languages)] + [language_field("english_summary", "en")],
            min_term_freq=1, min_doc_freq=1, max_query_terms=15, minimum_should_match="10%",
        ))
        if hazards:
            self.should.append(Q("terms", hazards=list(hazards), boost=2))
        if phases:
            self.should.append(Q("terms", phases=list(phases)))
        self.search = self.search.filter("terms", type=list(types))
        self.search = self.search.source(["type", "pk"])[:size]
        return self

    def autocomplete(self, prefix, size=8):
        prefix = normalise(prefix)
        self.must.append(Q("match", **{"title.autocomplete": {"query": prefix, "operator": "and"}}))
        self.should.append(Q("match_phrase", title={"query": prefix, "boost": 2}))
        self.search = self.search.source(["type", "pk", "title", "url", "language"])[:size]
        return self

    # --- result ----------------------------------------------------------------------------------

    def _words(self, leaving_out=None):
        """The clause the words find documents by: any of the recall clauses, or a concept they name.
        Its concepts ask only the documents in the languages chosen (the Language facet, unless
        `leaving_out` is that facet): on the benchmark, a page with one language chosen took a fifth
        less time than when the concepts' terms in the others were looked up too."""
        if not self.recall:
            return []
        documents_in = MENTION_LANGUAGES
        if "lang" in self.selected and leaving_out != "lang":
            documents_in = {mention_language(value) for value in self.selected["lang"]}
        concepts = [concept_clause(slug, self.languages, documents_in) for slug in self.searched_concepts]
        return [Q("bool", should=self.recall + concepts, minimum_should_match=1)]

    def build(self, ranked_page=False):
        """The request; for a page ranked by score (`ranked_page`), the reader's permissions keep the
        hits as they are collected (`post_filter`) instead of in the query. Nearly everything is
        visible, and a filter that wide in the query kept the engine from skipping the matches that
        cannot reach the page: a page of two common Persian words took 12 ms, 6 ms this way, and a
        Chinese one 9.5 and 7.7. The hits, the window rescored and the marks are those the reader may
        see either way; a count (`count()`, `counts()`) keeps the filter in its query."""
        if self.permission_filters is None:
            raise ValueError("Call permission(user) before running a search: nothing is public by default.")
        collected = ranked_page and self.by_score
        # The selection narrows the query itself, so the engine only scores what the selection keeps.
        filters = [*([] if collected else self.permission_filters), *self._selection()]
        should = list(self.should)
        search = self.search
        if self.ranking and self.by_score:
            # Scores add up as they would in one query (`total`), only for the window's documents.
            search = search.extra(rescore={"window_size": RANKING_WINDOW, "query": {
                "rescore_query": Q("bool", should=self.ranking).to_dict(), "score_mode": "total"}})
        else:
            # Sorted by date, nothing is scored: the clauses only say which hits matched all the words.
            should += self.ranking
        query = Q("bool", must=[*self._words(), *self.must] or [Q("match_all")], should=should, filter=filters)
        if collected:
            search = search.post_filter(Q("bool", filter=self.permission_filters))
        return search.query(query)

    def execute(self):
        return self.build().execute()

    def execute_page(self):
        """A page of results: its hits, the total and the facet counts, in requests sent together.

        The ranked page alone: no total to count, so the engine skips documents that cannot reach
        the page. The counts alone, the query as a filter: nothing to score (a common word matches
        much of the index, and scoring all of it for the counts was most of a search's time). Every
        facet is counted among what the selection keeps (counts()); a facet chosen from, among what
        the *other* facets' selections keep (choices()): what choosing another of its values would give.

        The ranked page asks for the engine's request cache too (it caches only counts unless asked):
        the same search again (a reader going back, a shared link, a common query) skips the
        ranking and only marks the hits, until the index changes.
        """
        page = self.build(ranked_page=True).extra(track_total_hits=False).params(
            request_cache=RANKED_PAGE_REQUEST_CACHE)
        searches = MultiSearch(using=self.search._using).add(page).add(self.counts())
        for name in self.selected:
            searches = searches.add(self.choices(name))
        page_answer, counts_answer, *choices = answers(searches)
        found = {facet.name: [] for facet in FACETS}
        for name, value, count in counted_values(counts_answer):
            if name in found and name not in self.selected:  # not a facet since removed
                found[name].append((value, count))
        for name, answer in zip(self.selected, choices, strict=True):
            found[name] = [(str(bucket["key"]), bucket["doc_count"])
                           for bucket in answer["aggregations"][CHOICES]["buckets"]]
        return ResultPage(page_answer["hits"]["hits"], counts_answer["hits"]["total"]["value"], found,
                          tuple(answer["hits"]["total"]["value"] for answer in choices))

    def counts(self):
        """The total, and every facet's values among the matches the selection keeps: one
        aggregation over FACET_VALUES, one pass over those documents."""
        search = self._matches()
        search.aggs.bucket(COUNTED, A("terms", field=FACET_VALUES, size=ALL_VALUES))
        return search

    def choices(self, name):
        """The values of a facet chosen from, counted among the matches the *other* facets'
        selections keep, from that facet's field alone (a document has a value or two of it, and
        sixteen of all the facets together).

        The same request whichever of its values are chosen: when the reader adds or removes one,
        the engine answers it from its request cache (until the index changes)."""
        search = self._matches(leaving_out=name)
        search.aggs.bucket(CHOICES, A("terms", field=BY_NAME[name].field, size=ALL_VALUES))
        return search

    def _matches(self, leaving_out=None):
        """A request for nothing but counts of the matches the facets' selections keep (all but the
        one `leaving_out` names), their exact total among them: the aggregation visits every match
        anyway, and the totals tell whether the words alone find something
        (ResultPage.words_find_something) without a request of its own."""
        must = [*self._words(leaving_out), *self.must]
        return (Search(using=self.search._using, index=self.search._index)
                .query(Q("bool", filter=[*must, *self.permission_filters, *self._selection(leaving_out)]))
                .extra(size=0, track_total_hits=True))

    def _selection(self, leaving_out=None):
        return [self._facet_filter(name) for name in self.selected if name != leaving_out]

    def count(self):
        return self.build().count()

    def _facet_filter(self, name):
        return one_of(BY_NAME[name].field, self.selected[name])
