"""Review e-mails are whole in their reader's language: subject, sentences, links to where they act."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from knowledge.models import KnowledgeItem
from portal.models import Membership
from portal.tests.languages import foreign_sentences, links_in

SHARE = "/fa/knowledge/share/"
# Each reader gets a title and a comment written in another language than their own.
TITLES = {"fa": "Flood risk of the old quarter", "zh-hans": "مطالعه خطر سیل بافت قدیم",
          "en": "老城区洪水风险研究"}
COMMENTS = {"fa": "Please add the evacuation map.", "zh-hans": "لطفاً نقشه تخلیه را اضافه کنید.",
            "en": "请补充疏散地图。"}


def reads(user, language):
    Membership.objects.filter(user=user).update(language=language)


def act(client, user, item, action, comment=""):
    client.force_login(user)
    task_state = item.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[item.pk, action, task_state.pk])
    assert client.post(url, {"comment": comment}).status_code in (200, 302)
    return KnowledgeItem.objects.get(pk=item.pk).specific


def assert_whole(message, language):
    """No sentence in another language in the subject, the text or the HTML; links at the portal."""
    assert foreign_sentences(message.subject, language) == [], message.subject
    assert foreign_sentences(message.body, language) == [], message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert foreign_sentences(html, language, is_html=True) == [], html
    assert f'lang="{language if language == "fa" or language == "en" else "zh-Hans"}"' in html
    for url in links_in(message.body) + links_in(html):
        assert url.startswith("http://testserver/"), url
    return html


def to(user):
    return [m for m in mail.outbox if user.email in m.to]


@pytest.mark.parametrize("language", ["fa", "zh-hans", "en"])
def test_submission_changes_and_publication_are_told_in_the_readers_language(
    client, site_tree, people, share_form_data, language,
):
    reads(people["secretariat"], language)
    reads(people["isfahan"], language)
    client.force_login(people["isfahan"])
    assert client.post(SHARE, share_form_data(action="submit", title=TITLES[language])).status_code == 302
    item = KnowledgeItem.objects.get(owner=people["isfahan"]).specific

    # The secretariat hears once, and is sent to the admin's page where it reviews.
    [received] = to(people["secretariat"])
    html = assert_whole(received, language)
    assert TITLES[language] in received.subject and "<bdi" in html
    assert f"http://testserver/admin/pages/{item.pk}/edit/" in received.body
    assert "Secretariat" not in received.body  # the workflow's stored English name stays out

    # Changes requested: the portal's words, the reviewer's comment, the submitter's own page.
    mail.outbox = []
    item = act(client, people["secretariat"], item, "reject", comment=COMMENTS[language])
    [changes] = to(people["isfahan"])
    assert_whole(changes, language)
    with translation.override(language):
        assert translation.gettext("Changes requested: %(title)s").split("%")[0].strip() in changes.subject
        submission = "http://testserver" + reverse("knowledge:submission", args=[item.pk])
    assert COMMENTS[language] in changes.body
    assert submission in changes.body and "/admin/" not in changes.body.split("--")[0]

    # Sent again and approved: published, with the submission and the public page.
    client.force_login(people["isfahan"])
    client.post(reverse("knowledge:submission", args=[item.pk]),
                share_form_data(action="submit", title=TITLES[language]))
    item = act(client, people["secretariat"], KnowledgeItem.objects.get(pk=item.pk).specific, "approve")
    assert item.live
    [published] = [m for m in to(people["isfahan"]) if m is not changes]
    assert_whole(published, language)
    assert submission in published.body
    with translation.override(language):
        assert "http://testserver" + item.get_url() in published.body


def test_the_reader_language_falls_back_to_the_admin_preference_then_persian(people, outsider_profile):
    from portal.notices import language_of

    assert language_of(people["outsider"]) == "fa"
    outsider_profile("zh-hans")
    assert language_of(people["outsider"]) == "zh-hans"
    reads(people["tehran"], "en")
    assert language_of(type(people["tehran"]).objects.get(pk=people["tehran"].pk)) == "en"


@pytest.fixture
def outsider_profile(people):
    from wagtail.users.models import UserProfile

    def prefer(language):
        profile = UserProfile.get_for_user(people["outsider"])
        profile.preferred_language = language
        profile.save()

    return prefer


@pytest.mark.parametrize("language", ["fa", "zh-hans", "en"])
def test_a_password_reset_is_written_in_the_accounts_language(client, people, language):
    reads(people["isfahan"], language)
    response = client.post("/admin/password_reset/", {"email": people["isfahan"].email},
                           HTTP_ACCEPT_LANGUAGE="en" if language != "en" else "fa")
    assert response.status_code == 302
    [message] = to(people["isfahan"])
    assert_whole(message, language)
    assert "http://testserver/admin/password_reset/confirm/" in message.body
