"""Every page of the demo network, in every interface language, reads in that language.

The demo (`load_demo`) is loaded once for the module, inside a transaction rolled back at the end.
Each page is fetched in each interface language, as the public and as a city manager, and checked
by `page_language.problems`: headings and <title> in the page's language, text in another script
marked with lang/dir or isolated, no Persian comma outside Persian text, Persian digits in the
Persian interface's own words. Then the few rules no page walk can see: Jalali years in Persian
filters, file sizes, places, the Traditional Chinese catalogue, an upload error quoting a file name.
"""

import re

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.utils import translation
from page_language import problems

from portal import dates
from portal.views import url_in_language

# Marked, though the demo is loaded once per module (demo_network): the test database is only set up
# for a session whose tests ask for it, and unmarked tests run after the transactional ones, which
# leave the database emptied (run alone, this module reached the development database; in a full
# run, it once met no content types).
pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
SEARCHES = ["زلزله", "地震", "earthquake", "طرح جامع", "安全社区", "2019"]


def public_paths(language):
    """The demo's public pages in `language`: what the public reaches from the home page."""
    from knowledge.kinds import KINDS
    from knowledge.models import KnowledgeItem
    from portal.models import Hazard, Organisation
    from resolutions.models import MeetingPage, Resolution

    def localised(url):
        return url_in_language(url, language)

    paths = [f"/{language}/", f"/{language}/meetings/", f"/{language}/knowledge/", f"/{language}/start/",
             f"/{language}/organisations/", f"/{language}/search/"]
    for meeting in MeetingPage.objects.live().order_by("number"):
        paths += [localised(meeting.url), f"/{language}/minutes/{meeting.number}/"]
    for resolution in Resolution.objects.filter(is_public=True, meeting__live=True).select_related("meeting"):
        paths.append(localised(resolution.get_url()))
    for item in KnowledgeItem.objects.live().filter(visibility="public"):
        paths.append(localised(item.url))
    for organisation in Organisation.objects.all():
        paths.append(f"/{language}/organisations/{organisation.slug}/")
    knowledge = f"/{language}/knowledge/"
    paths += [f"{knowledge}?kind={kind}" for kind in KINDS]
    paths += [f"{knowledge}?hazard={Hazard.objects.order_by('sort_order').first().slug}", f"{knowledge}?year=2020"]
    paths += [f"/{language}/search/?q={query}" for query in SEARCHES]
    paths += [f"/{language}/search/?q=&year=2019", f"/{language}/start/?city=qazvin"]
    paths += [f"/{language}/sign-in/"]
    return paths


def member_paths(language):
    """What a city manager reads besides: the board, the share form, their submissions, a history."""
    from resolutions.models import Resolution

    resolution = Resolution.objects.filter(meeting__number=9, number=3).first()
    return [f"/{language}/board/", f"/{language}/knowledge/share/", f"/{language}/knowledge/mine/",
            f"/{language}/account/reminders/", f"/{language}/resolutions/{resolution.pk}/history/",
            f"/{language}/workspace/"]


@pytest.fixture(scope="module")
def demo_network(django_db_setup, django_db_blocker):
    """The demo network for the whole module, rolled back afterwards (load_demo takes a while)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with translation.override("en"):
                call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
            yield django_db_blocker
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def demo(demo_network):
    with demo_network.unblock():
        yield


def walk(client, paths, language):
    found = []
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, f"{path}: {response.status_code}"
        found += [f"{path}  {problem}" for problem in problems(response.content.decode(), language)]
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_reads_in_the_interface_language(demo, language):
    found = walk(Client(), public_paths(language), language)
    assert not found, f"{len(found)} problems on /{language}/ pages:\n" + "\n".join(found)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_not_found_page_reads_in_the_interface_language(demo, language):
    response = Client().get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    assert not problems(response.content.decode(), language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_a_city_manager_reads_is_in_the_interface_language(demo, language):
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username="isfahan"))
    found = walk(client, public_paths(language) + member_paths(language), language)
    assert not found, f"{len(found)} problems on /{language}/ pages:\n" + "\n".join(found)


def html_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def main_of(html):
    return html.split("<main", 1)[1].split("</main>", 1)[0]


# --- the site's own pages in each language ----------------------------------------------------

def test_home_heading_title_and_one_tagline_in_the_reader_language(demo):
    client = Client()
    expected = {
        "fa": "شبکه مدیریت بحران کلان‌شهرها",
        "en": "Metropolitan Crisis Management Network",
        "zh-hans": "特大城市应急管理网络",
        "zh-hant": "特大城市應急管理網絡",
    }
    intros = {"fa": "سابقه مشترک", "en": "A shared record", "zh-hans": "共同记录", "zh-hant": "共同記錄"}
    for language, name in expected.items():
        html = html_of(client, f"/{language}/")
        assert re.search(r"<title>\s*" + re.escape(name) + r"\s*</title>", html), language
        assert re.search(r'<h1 id="page-title" [^>]*>' + re.escape(name) + "</h1>", html), language
        hero = html.split('class="hero-text"', 1)[1].split("</div>\n  <div", 1)[0]
        assert intros[language] in hero
        others = [text for other, text in intros.items() if other != language and other[:2] != language[:2]]
        assert not any(text in hero for text in others), f"{language}: another language's tagline in the hero"
        assert hero.count('class="lead"') == 1


def test_index_pages_headings_and_intros_follow_the_reader(demo):
    client = Client()
    for language, heading, intro in [
        ("en", "Meetings", "The network's meetings"), ("zh-hans", "会议", "网络历次会议"),
        ("zh-hant", "會議", "網絡歷次會議"), ("fa", "نشست‌ها", "نشست‌های شبکه"),
    ]:
        html = html_of(client, f"/{language}/meetings/")
        assert f">{heading}</h1>" in html and intro in html, language
        assert f"<title>{heading} · " in html
    html = html_of(client, "/en/knowledge/")
    assert "<title>Knowledge · " in html and "Studies, plans and training experience" in html
    # The knowledge index's own introduction is plain text: shown as paragraphs, never as markup.
    html = html_of(client, "/fa/knowledge/")
    assert "<p>مطالعات، طرح‌ها" in html and "&lt;p&gt;" not in html


def test_an_index_page_renamed_by_its_editors_keeps_its_name_marked_in_persian(demo):
    from resolutions.models import MeetingIndexPage

    index = MeetingIndexPage.objects.get()
    index.title = "گردهمایی‌ها"
    index.texts.filter(language="en").update(title="")
    index.save()
    html = html_of(Client(), "/en/meetings/")
    assert '<h1 lang="fa" dir="rtl">گردهمایی‌ها</h1>' in html
    index.texts.filter(language="en").update(title="Gatherings")
    assert ">Gatherings</h1>" in html_of(Client(), "/en/meetings/")
    index.title = "نشست‌ها"
    index.save()


# --- direction ---------------------------------------------------------------------------------

def test_persian_meeting_titles_carry_their_direction_on_other_pages(demo):
    from resolutions.models import Resolution

    client = Client()
    html = html_of(client, "/en/meetings/")
    assert re.search(r'<h2 lang="fa" dir="rtl"><a href="/en/meetings/9th-meeting-hamedan/">نهمین نشست', html)
    resolution = Resolution.objects.get(meeting__number=9, number=3)
    html = html_of(client, url_in_language(resolution.get_url(), "zh-hans"))
    assert re.search(r'<p class="breadcrumb"><a href="[^"]+" lang="fa" dir="rtl">نهمین نشست', html)


def test_titles_in_another_script_are_isolated_in_the_title_element(demo):
    html = html_of(Client(), "/en/knowledge/qazvin-crisis-management-master-plan/")
    assert "<title>\u2067طرح جامع مدیریت بحران شهر قزوین\u2069 · Metropolitan" in html


def test_an_upload_error_quoting_a_file_name_keeps_the_sentence_right_to_left(demo):
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username="isfahan"))
    response = client.post("/fa/knowledge/share/", {
        "kind": "study", "title": "آزمون", "summary": "خلاصه", "language": "fa", "audience": "specialists",
        "visibility": "public", "action": "save",
        "documents": SimpleUploadedFile("setup.pdf", b"not a pdf at all", content_type="application/pdf"),
    })
    html = response.content.decode()
    # In the page's direction (no dir="auto": its first letter would be the file name's), the name
    # set apart (FSI … PDI) so that it keeps its own order.
    error = re.search(r'<li>([^<]*setup\.pdf[^<]*)</li>', html)
    assert error, "no upload error quoting the file"
    assert "«\u2068setup.pdf\u2069»" in error.group(1)
    assert "PDF" in error.group(1)


def test_the_date_hint_sets_its_examples_apart(demo):
    with translation.override("fa"):
        from portal.forms import date_help

        hint = str(date_help())
    assert hint == "شمسی (\u2066۱۳۹۸/۰۶/۲۶\u2069) یا میلادی (\u2066۲۰۱۹-۰۹-۱۷\u2069)."


# --- local forms --------------------------------------------------------------------------------

@pytest.mark.parametrize(("language", "hazards"), [
    ("en", "Earthquake, Flood, Fire"), ("zh-hans", "地震、洪水、火灾"), ("zh-hant", "地震、洪水、火災"),
    ("fa", "زلزله، سیل، آتش‌سوزی"),
])
def test_lists_use_the_reader_language_separator(demo, language, hazards):
    html = html_of(Client(), f"/{language}/knowledge/qazvin-crisis-management-master-plan/")
    assert f"<dd>{hazards}</dd>" in html


def test_persian_year_filter_and_facet_show_jalali_years_with_gregorian_values(demo):
    client = Client()
    html = html_of(client, "/fa/knowledge/")
    assert re.search(r'<option value="2020">\u200f۱۳۹۸–۱۳۹۹</option>', html)
    assert '<option value="2020">2020</option>' in html_of(client, "/en/knowledge/")
    # The same link works in every language: the value stays the Gregorian year.
    html = html_of(client, "/fa/knowledge/?year=2020")
    assert re.search(r'<option value="2020" selected>', html)
    # Among the languages, «中文» and "English" say theirs.
    assert '<option value="zh" lang="zh" dir="ltr">中文</option>' in html


def test_file_sizes_in_the_reader_digits_and_units():
    with translation.override("fa"):
        assert dates.format_file_size(616) == "۶۱۶ بایت"
        assert dates.format_file_size(50 * 1024 * 1024) == "۵۰ مگابایت"
        assert dates.format_file_size(1536) == "۱٫۵ کیلوبایت"
    with translation.override("en"):
        assert dates.format_file_size(1) == "1 byte"
        assert dates.format_file_size(50 * 1024 * 1024) == "50 MB"
    with translation.override("zh-hant"):
        assert dates.format_file_size(616) == "616 字節"


def test_places_name_city_and_country_in_the_reader_language(demo):
    client = Client()
    assert "<dd>اصفهان، ایران</dd>" in html_of(client, "/fa/organisations/isfahan/")
    assert "<dd>柳州，中国</dd>" in html_of(client, "/zh-hans/organisations/liuzhou-chengzhong/")
    assert "<dd>Isfahan, Iran</dd>" in html_of(client, "/en/organisations/isfahan/")


def test_an_unknown_country_is_shown_as_written_and_marked():
    from portal.templatetags.portal_tags import place

    with translation.override("en"):
        assert place("", "ایرانشهر") == '<span lang="fa" dir="rtl">ایرانشهر</span>'
        assert place("", "中國") == "China"


def test_persian_interface_counts_in_persian_digits(demo):
    html = main_of(html_of(Client(), "/fa/"))
    facts = html.split('class="facts-strip"', 1)[1].split("</ul>", 1)[0]
    assert not re.search(r"[0-9]", re.sub(r'href="[^"]*"', "", facts))


# --- Traditional Chinese ---------------------------------------------------------------------------

def test_traditional_chinese_pages_speak_traditional_chinese(demo):
    html = html_of(Client(), "/zh-hant/")
    assert '<html lang="zh-Hant" dir="ltr">' in html
    assert "最新決議" in html or "決議" in html
    assert "应急" not in main_of(html).split('class="facts-strip"', 1)[0]


def test_editors_give_an_index_page_its_title_and_introduction_in_each_language(demo):
    from django.contrib.auth import get_user_model
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    from resolutions.models import MeetingIndexPage

    index = MeetingIndexPage.objects.get()
    client = Client()
    client.force_login(get_user_model().objects.get(username="secretariat"))
    assert 'name="texts-0-title"' in html_of(client, f"/admin/pages/{index.pk}/edit/")
    # As the edit form sends them: the texts the page has (English retitled, Traditional Chinese
    # removed so that it falls back to the Simplified one), none added.
    wanted = {"en": ("Network meetings", "<p>Every meeting.</p>"), "zh-hans": ("", "<p>历次会议。</p>")}
    texts = [{"id": text.pk, "language": text.language, "title": wanted.get(text.language, ("", ""))[0],
              "intro": rich_text(wanted.get(text.language, ("", text.intro))[1]),
              "DELETE": "" if text.language in wanted else "1"}
             for text in index.texts.all()]
    data = nested_form_data({"title": index.title, "slug": index.slug, "intro": rich_text(index.intro),
                             "texts": inline_formset(texts, initial=len(texts)), "comments": inline_formset([]),
                             "action-publish": "publish"})
    response = client.post(f"/admin/pages/{index.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    html = html_of(Client(), "/en/meetings/")
    assert re.search(r"<h1 [^>]*>Network meetings</h1>", html), re.findall("<h1.*</h1>", html)
    assert "Every meeting." in html
    html = html_of(Client(), "/zh-hant/meetings/")
    assert ">會議</h1>" in html and "歷次會議。" in html  # the default title; the Simplified intro converted
