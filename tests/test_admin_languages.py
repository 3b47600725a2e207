"""The admin screens the secretariat and city managers use say nothing in English in fa and zh-hans.

Each screen is read as its reader sees it (tags, scripts, styles and attributes left out); any Latin
word outside the allow-list (proper names, Wagtail's name, file extensions) is English left behind.
"""

import re

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from knowledge.models import KnowledgeItem
from portal.models import Membership
from portal.tests.languages import visible_text
from resolutions.factories import ResolutionFactory, add_meeting

ALLOWED = {
    "wagtail",  # the CMS's name, e.g. its logo's text and its editor guide
    "pdf", "doc", "docx", "odt", "xls", "xlsx", "ppt", "pptx", "jpg", "jpeg", "png",  # file extensions
    "utf", "windows", "mb",  # text encodings' and units' names
    "english",  # the language's own name, among فارسی and 中文 in a document's language field
    "sec", "isf", "localhost",  # the test users' names, the test site's host
}
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
LINK = re.compile(r"\S*https?://\S+")


def english_words(html):
    """The visible phrases holding English words (each as the reader sees it, to find its source)."""
    text = LINK.sub(" ", visible_text(html))
    phrases = set()
    for phrase in re.split(r"\s*\n\s*", text):
        if [word for word in LATIN_WORD.findall(phrase) if word.strip("-'’").lower() not in ALLOWED]:
            phrases.add(" ".join(phrase.split()))
    return sorted(phrases)


def speaks(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    Membership.objects.filter(user=user).update(language=language)


@pytest.fixture
def admin_world(client, site_tree, orgs, people):
    # Names and titles as a network writes them: in Persian, with Chinese names for Chinese readers.
    for organisation, name in ((orgs["secretariat"], "网络秘书处"), (orgs["isfahan"], "伊斯法罕"),
                               (orgs["tehran"], "德黑兰"), (orgs["retired"], "已退出的城市")):
        organisation.name_zh = name
        organisation.save()
    for page, title in ((site_tree["home"], "شبکه"), (site_tree["meetings"], "نشست‌ها"),
                        (site_tree["knowledge"], "دانش")):
        page.title = page.draft_title = title
        page.save()
    meeting = add_meeting(site_tree["meetings"], 9, title="نشست نهم", host_city="همدان")
    ResolutionFactory(meeting=meeting, number=1, owners=[orgs["isfahan"]], text="گزارش تمرین را بفرستید.")
    client.force_login(people["isfahan"])
    item = KnowledgeItem(title="مطالعه خطر سیل", slug="flood-study", summary="خلاصه", language="fa",
                         owner=people["isfahan"], organisation=orgs["isfahan"], live=False)
    site_tree["knowledge"].add_child(instance=item)
    item.save_revision(user=people["isfahan"])
    item.get_workflow().start(item, people["isfahan"])
    draft = KnowledgeItem(title="پیش‌نویس آموزش", slug="training-draft", summary="خلاصه", language="fa",
                          owner=people["isfahan"], organisation=orgs["isfahan"], live=False)
    site_tree["knowledge"].add_child(instance=draft)
    draft.save_revision(user=people["isfahan"])
    client.logout()
    return {"meeting": meeting, "item": item, "draft": draft}


def screens_of(role, world):
    if role == "secretariat":
        return {
            "dashboard": reverse("wagtailadmin_home"),
            "submission in review": reverse("wagtailadmin_pages:edit", args=[world["item"].pk]),
            "meeting": reverse("wagtailadmin_pages:edit", args=[world["meeting"].pk]),
            "explorer": reverse("wagtailadmin_explore", args=[world["meeting"].get_parent().pk]),
            "import minutes": reverse("resolutions_import_minutes"),
            "needs translation": reverse("knowledge_needs_translation"),
            "resolutions": reverse("wagtailsnippets_resolutions_resolution:list"),
            "follow-up lines": reverse("wagtailsnippets_resolutions_followupline:list"),
            "organisations": reverse("wagtailsnippets_portal_organisation:list"),
        }
    return {
        "dashboard": reverse("wagtailadmin_home"),
        "own draft": reverse("wagtailadmin_pages:edit", args=[world["draft"].pk]),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fa", "zh-hans"])
def test_the_sign_in_page_has_no_english(client, language):
    html = client.get(reverse("wagtailadmin_login"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert english_words(html) == []


@pytest.mark.parametrize("language", ["fa", "zh-hans"])
@pytest.mark.parametrize("role", ["secretariat", "isfahan"])
def test_the_admin_screens_of_each_role_have_no_english(client, admin_world, people, role, language):
    speaks(people[role], language)
    client.force_login(people[role])
    found = {}
    for name, url in screens_of("secretariat" if role == "secretariat" else "city", admin_world).items():
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        if words := english_words(response.content.decode()):
            found[name] = words
    assert found == {}


def userbar_words(html):
    """The user bar's words: Wagtail draws them from a <template> inside <wagtail-userbar>."""
    match = re.search(r"<wagtail-userbar\b.*?</wagtail-userbar>", html, re.S)
    assert match, "no user bar on the page"
    return english_words(re.sub(r"</?template\b[^>]*>", " ", match.group()))


@pytest.mark.parametrize("language", ["fa", "zh-hans"])
@pytest.mark.parametrize("role", ["secretariat", "isfahan"])
def test_the_user_bar_has_no_english(client, admin_world, site_tree, people, role, language):
    speaks(people[role], language)
    client.force_login(people[role])
    html = client.get(site_tree["knowledge"].url).content.decode()
    assert userbar_words(html) == []


@pytest.mark.parametrize("language", ["fa", "zh-hans"])
@pytest.mark.parametrize("action", ["approve", "reject"])
def test_the_review_dialog_and_the_screen_after_it_have_no_english(client, admin_world, people, action, language):
    speaks(people["secretariat"], language)
    client.force_login(people["secretariat"])
    item = KnowledgeItem.objects.get(pk=admin_world["item"].pk)
    task_state = item.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[item.pk, action, task_state.pk])
    dialog = client.get(url)  # what the "Approve with comment" / "Request changes" button opens
    assert dialog.status_code == 200
    assert english_words(dialog.json()["html"]) == []
    response = client.post(url, {"comment": "لطفاً منابع را بیفزایید."}, follow=True)
    assert response.status_code == 200
    assert english_words(response.content.decode()) == []
