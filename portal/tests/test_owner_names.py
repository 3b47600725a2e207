"""Which organisation an owner's name means: the one matcher every caller uses, on the demo network."""

import datetime
import io

import pytest
from django.core.management import call_command

from portal.dates import date_in_text, parse_date
from portal.models import Organisation, OrganisationAlias
from portal.names import city_named_in, match_organisation, owner_matcher


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())


# Spellings the demo's organisations do not carry: each must be found by the rules, not by an alias.
HELD_OUT = [
    ("مدیریت بحران شهرداری تهران", "tehran"),
    ("شهرداری تهران", "tehran"),
    ("Tehran Crisis Management Office", "tehran"),
    ("Isfahan Crisis Management Office", "isfahan"),
    ("柳州市应急管理局", "liuzhou-chengzhong"),
    ("دبیرخانه", "network-secretariat"),
    ("秘书处", "network-secretariat"),
    ("秘書處", "network-secretariat"),
    ("Secretariat", "network-secretariat"),
    ("دبیرخانه مدیران بحران کلان شهرها", "network-secretariat"),
    ("دبيرخانه مديران بحران كلان‌شهرها", "network-secretariat"),  # Arabic letters and a ZWNJ
    ("دبیرخانه مرکزی", "central-secretariat"),  # the longer, more precise name still wins
]


def test_held_out_spellings_match_on_the_demo_network(demo):
    matcher = owner_matcher()
    found = {text: matcher.owner(text).organisation for text, _slug in HELD_OUT}
    assert found == dict(HELD_OUT)
    assert match_organisation("Tehran Crisis Management Office").slug == "tehran"


def test_all_metropolises_stay_all_members(demo):
    matcher = owner_matcher()
    for text in ["کلیه کلان شهرها", "all metropolises", "所有特大城市"]:
        owner = matcher.owner(text)
        assert owner.all_members and owner.organisation is None, text
        assert match_organisation(text) is None


def test_city_with_two_member_offices_is_suggested_first_not_guessed(demo):
    Organisation.objects.create(slug="tehran-fire", kind="city_office", city="Tehran",
                                name_en="Tehran Fire Brigade", name_fa="آتش‌نشانی تهران")
    owner = owner_matcher().owner("شهرداری تهران")
    assert owner.organisation is None
    assert set(owner.suggestions[:2]) == {"tehran", "tehran-fire"}


def test_without_a_network_secretariat_the_short_name_is_not_guessed(demo):
    Organisation.objects.filter(kind="network_secretariat").update(is_active=False)
    assert owner_matcher().owner("秘書處").organisation is None


def test_learned_alias_matches_and_removing_it_undoes_that(demo):
    text = "واحد هماهنگی حوادث"
    assert match_organisation(text) is None
    kerman = Organisation.objects.get(slug="kerman")
    alias = OrganisationAlias.objects.learn(kerman, "  واحد  هماهنگي حوادث ")
    assert alias.text == "واحد هماهنگي حوادث" and alias.normalised == "واحد هماهنگی حوادث"
    assert match_organisation(text) == kerman
    # A spelling another organisation already has stays with it.
    assert OrganisationAlias.objects.learn(Organisation.objects.get(slug="isfahan"), text).organisation == kerman
    alias.delete()
    assert match_organisation(text) is None


def test_city_named_in_any_language(demo):
    assert city_named_in("（二〇二四年十月，柳州）").slug == "liuzhou"
    assert city_named_in("Isfahan, 14 May 2025").slug == "isfahan"
    assert city_named_in("همدان مهرماه ۱۳۹۱").slug == "hamedan"
    assert city_named_in("No city here") is None


@pytest.mark.parametrize("text, expected, day_given", [
    ("نهمین نشست (همدان مهرماه ۱۳۹۱)", datetime.date(2012, 9, 22), False),
    ("Isfahan, 14 May 2025", datetime.date(2025, 5, 14), True),
    ("（二〇二四年十月，柳州）", datetime.date(2024, 10, 1), False),
    ("第十次会议 2024年10月25日", datetime.date(2024, 10, 25), True),
    ("Tabriz, May 3, 2024", datetime.date(2024, 5, 3), True),
])
def test_dates_inside_a_heading(text, expected, day_given):
    found = date_in_text(text)
    assert (found.date, found.day_given) == (expected, day_given)


@pytest.mark.parametrize("text", ["Minutes of the tenth meeting", "۱۳۹۱/۱۳/۰۱", ""])
def test_heading_without_a_date(text):
    assert date_in_text(text) is None


@pytest.mark.parametrize("typed, expected", [
    ("۱۴۰۵/۰۹/۱۲", datetime.date(2026, 12, 3)),
    ("1405/09/12", datetime.date(2026, 12, 3)),
    ("٢٠٢٦-١٢-٠٣", datetime.date(2026, 12, 3)),
    ("2026-12-03", datetime.date(2026, 12, 3)),
    ("3 December 2026", datetime.date(2026, 12, 3)),
    ("二〇二六年十二月三日", datetime.date(2026, 12, 3)),
])
def test_due_dates_typed_in_either_calendar(typed, expected):
    assert parse_date(typed) == expected


@pytest.mark.parametrize("typed", ["12/03/2026", "December 2026", "1405/13/01", "soon"])
def test_due_dates_that_are_not_one_day_are_refused(typed):
    with pytest.raises(ValueError):
        parse_date(typed)


def test_the_api_finds_an_organisation_by_any_spelling_with_the_same_rule(client, demo):
    def slugs(name):
        response = client.get("/api/organisations/", {"name": name})
        assert response.status_code == 200, response.content[:300]
        return [o["slug"] for o in response.json()["results"]]

    assert slugs("شهرداری تهران") == ["tehran"]
    assert slugs("秘書處") == ["network-secretariat"]
    assert slugs("all metropolises") == []
    assert slugs("Eastern Emergency Desk") == []
    OrganisationAlias.objects.learn(Organisation.objects.get(slug="kerman"), "Eastern Emergency Desk")
    assert slugs("Eastern Emergency Desk") == ["kerman"]  # a learned spelling is not answered from cache
