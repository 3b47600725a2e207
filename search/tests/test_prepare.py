"""The model → document functions and the indexing rules, without the engine."""

import datetime

import pytest
from django.utils import translation
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from knowledge.factories import add_item
from knowledge.search import prepare_knowledge_item
from portal.factories import HazardFactory, PhaseFactory
from portal.textnorm import guess_language
from resolutions.factories import ResolutionFactory, add_meeting
from resolutions.models import LineStatus
from resolutions.search import prepare_follow_up_report, prepare_meeting, prepare_resolution
from search import prepare, registry
from search.documents import (
    HIGHLIGHTED,
    LANGUAGE_FIELD_NAMES,
    TOPICS_KEPT,
    content_index,
    document_id,
    searchable,
    with_concepts,
    with_language_fields,
)
from search.text import extra_searchable_text, html_to_text, normalise, register_extra_text, searched_words


@pytest.fixture
def meeting(site_tree, orgs):
    meeting = add_meeting(site_tree["meetings"], 9, title="نهمین نشست مدیران بحران", host_city="Hamedan",
                          location="تالار شهر", summary="<p>مصوبات درباره مانور <b>سیل</b></p>")
    meeting.participants.set([orgs["isfahan"], orgs["tehran"]])
    meeting.save_revision().publish()
    return meeting


def test_knowledge_item_document_has_every_facet_and_permission_field(site_tree, orgs):
    orgs["isfahan"].city = "Isfahan"
    orgs["isfahan"].aliases = "شهرداری اصفهان"
    orgs["isfahan"].save()
    flood, fire = HazardFactory(slug="flood"), HazardFactory(slug="fire")
    response = PhaseFactory(slug="response")
    item = add_item(
        site_tree["knowledge"], orgs["isfahan"], title="طرح جامع مديريت بحران", kind="training",
        summary="خلاصه", english_summary="Master plan", language="fa", visibility="members",
        document_date=datetime.date(2019, 9, 17), authors="Dr. Rahimi", external_id="seed-000",
        body=[("heading", "Four phases"), ("paragraph", RichText("<p>Prevention &amp; <i>response</i></p>"))],
        hazards=[flood, fire], phases=[response],
    )
    document = prepare_knowledge_item(item)

    assert document["type"] == "training"
    assert document["pk"] == item.pk
    assert document["title"] == "طرح جامع مديريت بحران"  # the text as written; folding is the engine's
    assert document["body"] == "Four phases Prevention & response Dr. Rahimi"
    assert document["english_summary"] == "Master plan"
    [organisation] = document["organisation"]
    assert organisation["slug"] == "isfahan"
    assert "Isfahan" in organisation["name"] and "شهرداری اصفهان" in organisation["name"]  # names and aliases
    assert document["city"] == ["Isfahan"]
    assert document["hazards"] == ["fire", "flood"]
    assert document["phases"] == ["response"]
    assert (document["year"], document["date"]) == (2019, "2019-09-17")
    assert document["language"] == "fa"
    assert document["visibility"] == "members"
    assert document["live"] is True
    assert document["organisation_id"] == orgs["isfahan"].pk
    assert document["external_id"] == "seed-000"
    assert document["url"] == item.get_url().replace("/en/", "/fa/") and document["url"].startswith("/fa/")


def test_item_without_document_date_takes_its_publication_year(site_tree, orgs):
    item = add_item(site_tree["knowledge"], orgs["tehran"], title="Flood drill")
    document = prepare_knowledge_item(item)
    assert document["year"] == item.first_published_at.year
    assert document["visibility"] == "public"
    assert document["type"] == "study"


def test_document_fields_match_the_mapping(site_tree, orgs, meeting, people):
    """A prepare function writes every field of the (strict) mapping but the language copies, the
    concepts and the facet values (added by documents.searchable)."""
    derived = {"spelling", "concepts", "concept_mentions", "facet_values", *LANGUAGE_FIELD_NAMES}
    mapping = set(content_index("x").to_dict()["mappings"]["properties"]) - derived
    resolution = ResolutionFactory(meeting=meeting, number=1, owners=[orgs["isfahan"]])
    report = resolution.lines.get().record_report(author=people["isfahan"], text="Done",
                                                  status=LineStatus.DONE)
    item = add_item(site_tree["knowledge"], orgs["tehran"], title="Flood drill")
    for document in (prepare_knowledge_item(item), prepare_meeting(meeting),
                     prepare_resolution(resolution), prepare_follow_up_report(report)):
        assert set(document) == mapping


def test_facet_values_hold_every_facets_values_under_its_name(site_tree, orgs):
    flood = HazardFactory(slug="flood")
    item = add_item(site_tree["knowledge"], orgs["tehran"], title="Flood drill and evacuation", hazards=[flood])
    document = searchable(prepare_knowledge_item(item))
    values = set(document["facet_values"])
    assert {"type:study", "organisation:tehran", "hazard:flood", f"year:{document['year']}",
            f"lang:{document['language']}"} <= values
    assert {f"topic:{slug}" for slug in document["concepts"]} <= values
    assert document["concepts"]  # the title names thesaurus concepts


def test_a_documents_topics_are_the_concepts_it_speaks_of_most(db):
    document = with_concepts({
        "title": "Evacuation drill for schools", "language": "en",
        "summary": "Crisis management notes on early warning, volunteers, emergency shelters, heatwaves, "
                   "epidemics, business continuity and risk assessment. Epidemic control comes back later.",
        "body": "Closing remarks name the incident command system once.",
    })
    topics = document["concepts"]
    assert len(topics) == TOPICS_KEPT
    assert {"evacuation", "exercise", "schools"} <= set(topics)  # in the title: counted three times
    assert "epidemic" in topics  # named twice, above those named once after it
    assert "incident-command-system" not in topics  # named once, last
    assert "crisis-management" not in topics  # the broadest concepts are never offered as topics
    # A query naming a concept still finds the document: every mention is kept for it.
    assert "incident_command_system_en" in document["concept_mentions"].split()


def test_a_concept_is_mentioned_once_a_time_in_the_documents_language_or_in_none(db):
    english = with_concepts({"title": "Earthquake drill", "language": "en", "summary": "", "body": ""})
    assert set(english["concept_mentions"].split()) >= {"earthquake_en", "exercise_en"}
    assert not {"earthquake", "earthquake_fa"} & set(english["concept_mentions"].split())
    unknown = with_concepts({"title": "Earthquake", "language": "", "summary": "", "body": ""})
    assert "earthquake" in unknown["concept_mentions"].split()


def test_a_study_is_tagged_with_what_its_chapters_name_after_pages_of_preface(db):
    preface = ("This volume was prepared by the planning office and revised after the comments of "
               "the steering group; the editors thank every office that sent figures and photographs. ")
    document = with_concepts({
        "title": "City study, volume 2", "language": "en", "summary": "",
        "body": preface * 30 + "\n\nChapter 1. Seismic microzonation of the old districts.",
    })
    assert len(preface) * 30 > 4000  # two pages of it
    assert "seismic-microzonation" in document["concepts"]


def test_meeting_document(meeting, orgs):
    document = prepare_meeting(meeting)
    assert document["type"] == "meeting"
    assert document["summary"] == "مصوبات درباره مانور سیل"
    assert document["body"] == "Hamedan تالار شهر"
    assert document["language"] == "fa"  # guessed from the script of title and summary
    assert [o["slug"] for o in document["organisation"]] == ["isfahan", "tehran"]
    assert document["city"] == ["Hamedan"]
    assert (document["year"], document["meeting_number"]) == (2012, 9)
    assert document["visibility"] == "public" and document["live"] is True


def test_a_meeting_summary_in_several_languages_is_kept_apart_by_language(site_tree, orgs):
    summary = ("<p>نشست دهم در <b>شیراز</b> برگزار شد.</p><p>The tenth meeting met in Shiraz.</p>"
               "<p>第十次會議在設拉子舉行。</p><p>第十次会议通过了八项决议。</p><p>۱۳۹۲</p>")
    meeting = add_meeting(site_tree["meetings"], 10, title="دهمین نشست (شیراز)", summary=summary)
    document = prepare_meeting(meeting)
    assert document["language"] == "fa"
    # Its own language's paragraphs (and one of digits only) are the summary; the others, translations.
    assert document["summary"] == "نشست دهم در شیراز برگزار شد. ۱۳۹۲"
    assert document["english_summary"] == "The tenth meeting met in Shiraz."
    assert document["summaries"] == {
        "en": {"title": "", "summary": "The tenth meeting met in Shiraz."},
        "zh-hant": {"title": "", "summary": "第十次會議在設拉子舉行。"},
        "zh-hans": {"title": "", "summary": "第十次会议通过了八项决议。"},
    }
    assert document["translations"] == "第十次會議在設拉子舉行。 第十次会议通过了八项决议。"
    # A summary with no paragraph in the meeting's language is its summary for every reader.
    meeting.summary = "<p>Held in Shiraz.</p>"
    document = prepare_meeting(meeting)
    assert (document["summary"], document["english_summary"], document["summaries"]) == ("Held in Shiraz.", "", {})


def test_resolution_document_never_carries_the_internal_note(meeting, orgs):
    resolution = ResolutionFactory(
        meeting=meeting, number=3, text="مقرر شد طرح جامع تهیه شود", language="fa",
        english_summary="A master plan", owners=[orgs["isfahan"]], is_public=False,
        internal_note="Budget quarrel with the ministry",
    )
    resolution.hazards.set([HazardFactory(slug="earthquake")])
    document = prepare_resolution(resolution)
    assert "Budget quarrel" not in str(document)
    assert document["body"] == "مقرر شد طرح جامع تهیه شود"
    assert document["visibility"] == "members"
    assert document["resolution_status"] == "open"
    assert document["hazards"] == ["earthquake"]
    assert (document["meeting_number"], document["number"]) == (9, 3)
    assert document["url"].endswith("/resolutions/3/")


def test_resolution_owned_by_all_members_lists_every_line_organisation(meeting, orgs):
    resolution = ResolutionFactory(meeting=meeting, number=4, owned_by_all_members=True)
    slugs = [o["slug"] for o in prepare_resolution(resolution)["organisation"]]
    assert slugs == ["isfahan", "tehran"]  # the active city offices


def test_follow_up_report_document_is_members_only_and_carries_the_resolution_status(meeting, orgs, people):
    resolution = ResolutionFactory(meeting=meeting, number=1, owners=[orgs["isfahan"]], is_public=True)
    report = resolution.lines.get().record_report(
        author=people["isfahan"], text="The drill took place", status=LineStatus.DONE,
        reported_on=datetime.date(2013, 2, 1),
    )
    document = prepare_follow_up_report(report)
    assert document["visibility"] == "members"
    assert document["resolution_status"] == "done"
    assert document["language"] == "en"
    assert document["organisation_id"] == orgs["isfahan"].pk
    assert (document["year"], document["number"]) == (2013, 1)


def test_extra_text_providers_add_searchable_text(site_tree, orgs):
    item = add_item(site_tree["knowledge"], orgs["tehran"], title="Flood drill")

    def provider(obj):
        return "text of the attached PDF" if obj.pk == item.pk else ""

    register_extra_text(provider)
    try:
        assert extra_searchable_text(item) == "text of the attached PDF"
        assert prepare_knowledge_item(item)["extra_text"] == "text of the attached PDF"
    finally:
        from search import text

        text._extra_text_providers.remove(provider)


# --- which rows are indexed ---------------------------------------------------------------------

def test_published_pages_are_indexable_and_restricted_ones_for_members_or_not_at_all(site_tree, orgs, people):
    public = add_item(site_tree["knowledge"], orgs["tehran"], title="Public")
    members = add_item(site_tree["knowledge"], orgs["tehran"], title="Members", visibility="members")
    draft = add_item(site_tree["knowledge"], orgs["tehran"], title="Draft", publish=False,
                     owner=people["tehran"])
    restricted = {}
    for kind in (PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD, PageViewRestriction.GROUPS):
        restricted[kind] = add_item(site_tree["knowledge"], orgs["tehran"], title=f"Restricted {kind}")
        PageViewRestriction.objects.create(page=restricted[kind], restriction_type=kind, password="secret")
    study = registry.BY_NAME["study"]

    # Members pass a login or password restriction; a group restriction keeps every list out.
    assert set(study.queryset().values_list("title", flat=True)) == {
        "Public", "Members", "Restricted login", "Restricted password"}
    assert draft.pk not in study.queryset().values_list("pk", flat=True)
    assert set(study.visible_to(people["outsider"]).values_list("pk", flat=True)) == {public.pk}
    assert set(study.visible_to(people["isfahan"]).values_list("pk", flat=True)) == {
        public.pk, members.pk, restricted["login"].pk, restricted["password"].pk}
    [batch] = study.batches(study.queryset(), 500)
    assert {prepare_knowledge_item(item)["title"]: prepare_knowledge_item(item)["visibility"] for item in batch} == {
        "Public": "public", "Members": "members", "Restricted login": "members", "Restricted password": "members"}
    assert prepare_knowledge_item(restricted["login"])["visibility"] == "members"  # outside a batch too


def test_resolutions_of_unpublished_meetings_are_not_indexable(meeting, orgs, people):
    resolution = ResolutionFactory(meeting=meeting, number=1, owners=[orgs["isfahan"]], is_public=False)
    report = resolution.lines.get().record_report(author=people["isfahan"], text="x", status=LineStatus.DONE)
    resolutions, reports = registry.BY_NAME["resolution"], registry.BY_NAME["follow_up_report"]
    assert list(resolutions.queryset()) == [resolution]
    assert list(resolutions.visible_to(people["outsider"])) == []
    assert list(reports.visible_to(people["outsider"])) == []
    assert list(reports.visible_to(people["tehran"])) == [report]

    meeting.unpublish()
    assert list(resolutions.queryset()) == [] and list(reports.queryset()) == []


def test_refs_for_a_report_include_its_resolution(meeting, orgs, people):
    resolution = ResolutionFactory(meeting=meeting, number=1, owners=[orgs["isfahan"]])
    report = resolution.lines.get().record_report(author=people["isfahan"], text="x", status=LineStatus.DONE)
    assert registry.refs_for(report) == [registry.Ref("resolutions.followupreport", report.pk),
                                         registry.Ref("resolutions.resolution", resolution.pk)]
    assert registry.Ref("resolutions.followupreport", report.pk) in registry.refs_for(meeting)
    assert document_id("follow_up_report", report.pk) == f"follow_up_report-{report.pk}"


# --- text helpers -------------------------------------------------------------------------------

def test_normalise_applies_nfkc():
    assert normalise("\ufed9\ufe8e\ufeae") == "كار"  # presentation forms → letters
    assert normalise("Ｆｌｏｏｄ　２０２０") == "Flood 2020"
    assert normalise("\uf907") == "\u9f9c"  # a compatibility ideograph → the unified one
    assert normalise(None) == ""


def test_a_question_is_searched_by_its_keywords():
    assert searched_words("如何做好防震演習？") == "防震演習"
    assert searched_words("地震后如何安置") == "地震后 安置"
    assert searched_words("防震演习吗") == "防震演习"
    assert searched_words("How do cities run an evacuation drill?") == "do cities run an evacuation drill"
    # Only whole words; and a query of nothing else stays as it was.
    assert searched_words("somewhere showing whatever") == "somewhere showing whatever"
    assert searched_words("如何") == "如何"
    assert searched_words("  Ｆｌｏｏｄ  ") == "Flood"


def test_html_to_text_and_language_guess():
    assert html_to_text("<p>One</p><p>Two &amp; three</p>") == "One Two & three"
    assert guess_language("مدیریت بحران") == "fa"
    assert guess_language("应急管理 2020") == "zh"
    assert guess_language("Flood 2020") == "en"
    assert guess_language("2020") == ""


def test_texts_are_copied_into_the_fields_of_the_scripts_they_are_written_in():
    document = with_language_fields(prepare.empty_document("study", 1) | {
        "title": "مدیریت بحران GIS", "summary": "应急管理", "body": "Flood drills", "english_summary": "Flood",
        "topics": "زلزله Earthquake 地震",
    })
    copies = {name: document[name] for name in LANGUAGE_FIELD_NAMES if name in document}
    assert copies == {
        "title_fa": "مدیریت بحران GIS", "title_en": "مدیریت بحران GIS", "summary_zh": "应急管理",
        "body_en": "Flood drills", "english_summary_en": "Flood",
        "topics_fa": "زلزله Earthquake 地震", "topics_zh": "زلزله Earthquake 地震",
        "topics_en": "زلزله Earthquake 地震",
    }
    assert set(document) <= set(content_index("x").to_dict()["mappings"]["properties"])


def test_a_batch_reads_its_hazards_and_phases_at_once_and_prepares_the_same_documents(
    site_tree, orgs, django_assert_max_num_queries,
):
    flood, fire = HazardFactory(slug="flood", name_fa="سیل"), HazardFactory(slug="fire")
    response = PhaseFactory(slug="response")
    for number in range(6):
        add_item(site_tree["knowledge"], orgs["isfahan"], title=f"Study {number}",
                 hazards=[flood, fire][:number % 3], phases=[response] * (number % 2))
    study = registry.BY_NAME["study"]
    one_by_one = [prepare_knowledge_item(item) for item in study.queryset()]
    # Not one per item: the items, documents, terms and links, and which of them the public sees.
    with django_assert_max_num_queries(10):
        [batch] = study.batches(study.queryset(), 500)
    assert [prepare_knowledge_item(item) for item in batch] == one_by_one
    assert [document["hazards"] for document in one_by_one] == [[], ["flood"], ["fire", "flood"]] * 2


def test_only_persian_titles_and_summaries_are_indexed_as_joined_pairs_too():
    from search.drift import field_types

    fields = field_types(content_index("x").to_dict()["mappings"]["properties"])
    assert sorted(name for name in fields if name.endswith(".compound")) == ["summary_fa.compound", "title_fa.compound"]


def test_urls_worked_out_in_bulk_are_the_urls_wagtail_gives(site_tree, orgs, meeting, settings):
    """A rebuild puts each page's path after the serving view's root (prepare.PageUrls) instead of
    asking Wagtail page by page: the two must agree, for Persian and Chinese slugs too, and for
    pages on a second site (full URLs then)."""
    from wagtail.models import Page, Site

    add_item(site_tree["knowledge"], orgs["isfahan"], title="مانور زلزله", slug="مانور-زلزله")
    add_item(site_tree["knowledge"], orgs["isfahan"], title="社区演练", slug="社区演练")
    add_item(site_tree["knowledge"], orgs["isfahan"], title="Drill", slug="drill-2024")

    def bulk_and_wagtail():
        pages = [page.specific for page in Page.objects.exclude(depth=1)]
        with prepare.site_roots_read_once():
            bulk = [prepare.stored_url(page.get_url) for page in pages]
        with translation.override(settings.LANGUAGE_CODE):
            return bulk, [page.get_url() or "" for page in pages]

    bulk, wagtail = bulk_and_wagtail()
    assert bulk == wagtail
    assert any("%D9%85%D8%A7%D9%86%D9%88%D8%B1" in url for url in bulk) and any("drill-2024" in url for url in bulk)

    Site.objects.create(hostname="second.example", root_page=site_tree["knowledge"], port=80)
    bulk, wagtail = bulk_and_wagtail()
    assert bulk == wagtail
    assert any(url.startswith("http://") for url in bulk)


@pytest.mark.django_db
def test_every_field_snippets_are_marked_in_keeps_its_offsets():
    """Marked from the index, not by analysing each hit's text again (documents.HIGHLIGHTED): the
    engine refuses to mix fields with and without offsets in one highlight."""
    from search.queries import ContentQuery
    from search.results import SNIPPET_FIELDS

    assert set(SNIPPET_FIELDS) < set(HIGHLIGHTED)
    properties = content_index("x").to_dict()["mappings"]["properties"]

    def options(path):
        name, _, sub = path.partition(".")
        field = properties[name]
        return (field["fields"][sub] if sub else field).get("index_options")

    for q in ("کلان شهر ایمن", "应急演练", "flood drill 2020"):
        highlight = ContentQuery(None).text(q).highlight().search.to_dict()["highlight"]["fields"]
        marked = {path for name, spec in highlight.items() for path in [name, *spec.get("matched_fields", [])]}
        assert marked and all(options(path) == "offsets" for path in marked), q
