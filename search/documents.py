"""The index mapping: one document per searchable item, whatever its kind.

One index (behind the alias `<prefix>-content`) holds knowledge items, meetings, resolutions
and follow-up reports, told apart by the `type` keyword. One index, because the search page
ranks all kinds against each other (relevance statistics are then comparable), facets count
across kinds, and there is one alias to swap and one analysis configuration to keep right.

Only published material is indexed; `visibility` says who may see it ("public" or "members")
and `live` is kept as a second guard. Drafts are never indexed, so nobody finds them.
"""

from elasticsearch.dsl import (
    Boolean,
    Date,
    Document,
    Index,
    InnerDoc,
    Integer,
    Keyword,
    MetaField,
    Object,
    Text,
)

from .indices import ANALYZERS, index_settings

TEXT_FIELDS = ("title", "summary", "body", "english_summary", "extra_text", "topics")
LANGUAGE_SUBFIELDS = ("fa", "zh", "en")
# The English summary is English: Persian and Chinese analysis of it would only cost time.
SUBFIELDS_OF = {name: ("en",) if name == "english_summary" else LANGUAGE_SUBFIELDS for name in TEXT_FIELDS}
COMPOUND_FIELDS = ("title", "summary", "body")
LANGUAGE_ANALYZERS = {"fa": "persian", "zh": "chinese", "en": "english"}


def multilingual_text(languages=LANGUAGE_SUBFIELDS, compound=False, **kwargs):
    """A text field analysed by each language's analyzer (sub-fields) besides the main analyzer.

    `compound` adds the `.compound` sub-field (neighbouring words joined), for the fields where
    a Persian compound written with a space should find its joined spelling.
    """
    fields = {language: Text(analyzer=ANALYZERS[LANGUAGE_ANALYZERS[language]]) for language in languages}
    if compound:
        fields["compound"] = Text(analyzer=ANALYZERS["compound"], search_analyzer=ANALYZERS["compound_query"])
    fields.update(kwargs.pop("fields", {}))
    return Text(analyzer=ANALYZERS["standard"], fields=fields, **kwargs)


class OrganisationRef(InnerDoc):
    slug = Keyword()
    name = Text(analyzer=ANALYZERS["standard"])  # every name and spelling (proper names: no stemming)


class ContentDocument(Document):
    type = Keyword()
    pk = Integer()
    url = Keyword(index=False)
    external_id = Keyword()

    title = multilingual_text(
        compound=True,
        copy_to="spelling",
        fields={
            "autocomplete": Text(analyzer=ANALYZERS["autocomplete"], search_analyzer=ANALYZERS["standard"]),
        },
    )
    summary = multilingual_text(compound=True, copy_to="spelling")
    body = multilingual_text(compound=True)
    english_summary = multilingual_text(SUBFIELDS_OF["english_summary"])
    extra_text = multilingual_text()  # attachments and the like (search.text.extra_searchable_text)
    topics = multilingual_text()  # names of the hazards and phases, in every language
    # Source of "did you mean" suggestions: the words of titles and summaries, the vocabulary
    # people search with (the bodies too would double the cost of indexing them for little gain).
    spelling = Text(analyzer=ANALYZERS["spelling"])

    # Facets.
    language = Keyword()
    organisation = Object(OrganisationRef, multi=True)
    city = Keyword(multi=True)
    hazards = Keyword(multi=True)
    phases = Keyword(multi=True)
    year = Integer()
    date = Date()
    resolution_status = Keyword()

    # Permissions.
    visibility = Keyword()
    live = Boolean()
    organisation_id = Integer()  # the owning organisation (knowledge items, follow-up reports)

    # For titles of items that have none of their own (resolutions, reports).
    meeting_number = Integer()
    number = Integer()

    class Meta:
        dynamic = MetaField("strict")  # a field the mapping does not know is a bug: fail loudly


def content_index(name):
    """An Index object for one version of the content index, with mapping and analysis."""
    index = Index(name)
    index.settings(**index_settings())
    index.document(ContentDocument)
    return index


def document_id(type_name, pk):
    return f"{type_name}-{pk}"
