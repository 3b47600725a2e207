"""The thesaurus: shipped with at least 400 concepts in four scripts, recognised in any spelling,
served as SKOS at /api/thesaurus/."""

import json

import pytest

from portal import thesaurus
from portal.models import Concept

pytestmark = pytest.mark.django_db


def test_the_shipped_thesaurus_is_loaded_with_labels_in_every_language():
    assert Concept.objects.count() >= 400
    for concept in Concept.objects.all():
        assert all(concept.labels(language) for language in ("fa", "zh-hans", "zh-hant", "en")), concept.slug
    assert Concept.objects.filter(broader__isnull=False).exists()


def slugs(text):
    return {mention.concept for mention in thesaurus.concepts_in(text)}


@pytest.mark.parametrize(
    "text", ["زلزله", "زمين لرزه در شهر", "زمین‌لرزه", "地震演练", "地震演練", "an earthquake drill"]
)
def test_a_concept_is_recognised_in_any_script_and_spelling(text):
    assert slugs(text) & {"earthquake", "earthquake-drill"}


def test_a_matcher_reads_plural_endings_and_spaced_compounds():
    matcher = thesaurus.Matcher([(1, {"fa": ["سامانه هشدار سریع"], "en": ["early warning system"]}),
                                 (2, {"fa": ["تجربه"], "en": ["shelter"]})])
    assert [m.concept for m in matcher.mentions("سامانه‌هشدارسریع و سامانه هشدار سریع")] == [1]
    assert [m.concept for m in matcher.mentions("Early-warning systems and shelters")] == [1, 2]
    assert [m.concept for m in matcher.mentions("تجربه‌های شهرها")] == [2]


def test_a_plural_inside_a_persian_label_is_found_but_words_merely_ending_alike_are_not():
    matcher = thesaurus.Matcher([(1, {"fa": ["تیم واکنش اضطراری محله"]}), (2, {"fa": ["تن"]})])
    assert [m.concept for m in matcher.mentions("آموزش تیم‌های واکنش اضطراری محله‌ها")] == [1]
    assert [m.concept for m in matcher.mentions("تيمهاي واكنش اضطراري محله")] == [1]  # Arabic letters, no ZWNJ
    assert matcher.mentions("رها شدن") == [] and [m.concept for m in matcher.mentions("تن‌ها")] == [2]


def test_an_edit_in_the_admin_reaches_the_matcher_at_once():
    concept = Concept.objects.first()
    concept.labels_en += "\nzyxwv drill word"
    concept.save()
    assert concept.slug in slugs("a zyxwv drill word here")


def test_the_thesaurus_is_served_as_skos_json_ld(client):
    response = client.get("/api/thesaurus/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    data = json.loads(response.content)
    assert data["@context"]["skos"] == "http://www.w3.org/2004/02/skos/core#"
    concepts = [node for node in data["@graph"] if node["@type"] == "skos:Concept"]
    assert len(concepts) == Concept.objects.count()
    earthquake = next(node for node in concepts if node["skos:notation"] == "earthquake")
    languages = {label["@language"] for label in earthquake["skos:prefLabel"]}
    assert languages == {"fa", "zh-Hans", "zh-Hant", "en"}
