"""The public-site share form: drafts, resuming, who may use it, and refused uploads leaving nothing behind."""

import pytest
from django.contrib.auth.models import Permission
from django.test import override_settings
from django.urls import reverse
from wagtail.documents import get_document_model

from knowledge.factories import add_item
from knowledge.models import KnowledgeItem, Study, TrainingExperience
from resolutions.factories import ResolutionFactory, add_meeting

from . import files
from .conftest import stored_files

SHARE = "/en/knowledge/share/"
MINE = "/en/knowledge/mine/"


def my_item(user):
    return KnowledgeItem.objects.get(owner=user).specific


def test_share_needs_a_login_and_a_role(client, site_tree, people):
    response = client.get(SHARE)
    assert response.status_code == 302 and "/sign-in/" in response["Location"]
    client.force_login(people["outsider"])
    assert client.get(SHARE).status_code == 403
    assert client.get(MINE).status_code == 403


def test_city_manager_saves_a_draft_with_documents(client, site_tree, people, orgs, share_form_data, pdf,
                                                   terms, media_root):
    client.force_login(people["isfahan"])
    data = share_form_data(kind="training", documents=[pdf("برنامه آموزش.pdf"),
                                                       files.upload("notes.docx", files.docx_bytes())])
    response = client.post(SHARE, data)
    assert response.status_code == 302
    item = my_item(people["isfahan"])
    assert isinstance(item, TrainingExperience)
    assert not item.live and item.owner == people["isfahan"] and item.organisation == orgs["isfahan"]
    assert item.get_parent().pk == site_tree["knowledge"].pk
    assert list(item.hazards.all()) == [terms["flood"]]
    assert [block.block_type for block in item.body] == ["paragraph", "paragraph"]
    assert "&lt;b&gt;" in item.body[1].value.source  # plain text, never markup
    assert sorted(d.document.filename for d in item.documents.all()) == ["notes.docx", "برنامه_آموزش.pdf"]
    assert item.get_latest_revision() is not None
    assert len(stored_files(media_root)) == 2
    # Drafts stay out of the listing, for everyone.
    assert item.title not in client.get(site_tree["knowledge"].url).content.decode()
    mine = client.get(MINE).content.decode()
    assert item.title in mine and "state-draft" in mine


def test_a_draft_is_resumed_and_changed(client, site_tree, people, share_form_data, pdf):
    client.force_login(people["isfahan"])
    client.post(SHARE, share_form_data(documents=[pdf()]))
    item = my_item(people["isfahan"])
    url = reverse("knowledge:submission", args=[item.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"].initial["body"] == "First paragraph.\n\nSecond <b>paragraph</b>."
    link = item.documents.get()
    response = client.post(url, share_form_data(title="A better title", remove_documents=[link.pk]))
    assert response.status_code == 302
    item = my_item(people["isfahan"])
    assert item.title == "A better title" and isinstance(item, Study)
    assert not item.documents.exists()
    assert not get_document_model().objects.exists()


def test_a_city_manager_cannot_submit_for_another_organisation(client, site_tree, people, orgs, share_form_data):
    meeting = add_meeting(site_tree["meetings"], 9)
    tehrans = ResolutionFactory(meeting=meeting, number=1, owners=[orgs["tehran"]])
    client.force_login(people["isfahan"])
    # A posted organisation is ignored: there is no such field, the item is Isfahan's.
    client.post(SHARE, share_form_data(organisation=orgs["tehran"].pk))
    assert my_item(people["isfahan"]).organisation == orgs["isfahan"]
    # Nor can it answer a resolution its city does not own.
    response = client.post(SHARE, share_form_data(title="Other", answers_resolution=tehrans.pk))
    assert response.status_code == 400
    assert KnowledgeItem.objects.count() == 1


def test_answerable_resolutions_are_the_organisations_own_open_first(client, site_tree, people, orgs):
    meeting = add_meeting(site_tree["meetings"], 9)
    done = ResolutionFactory(meeting=meeting, number=1, owners=[orgs["isfahan"]], status="cancelled")
    everyone = ResolutionFactory(meeting=meeting, number=2, owned_by_all_members=True)
    ResolutionFactory(meeting=meeting, number=3, owners=[orgs["tehran"]])
    client.force_login(people["isfahan"])
    choices = list(client.get(SHARE).context["form"].fields["answers_resolution"].queryset)
    assert choices == [everyone, done]


def test_another_city_cannot_see_or_edit_a_draft(client, site_tree, people, share_form_data):
    client.force_login(people["tehran"])
    client.post(SHARE, share_form_data(title="Tehran draft"))
    draft = my_item(people["tehran"])
    client.force_login(people["isfahan"])
    url = reverse("knowledge:submission", args=[draft.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, share_form_data(title="Hijacked")).status_code == 404
    assert client.post(reverse("knowledge:withdraw", args=[draft.pk])).status_code == 404
    assert "Tehran draft" not in client.get(MINE).content.decode()
    assert client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).status_code in (302, 403)
    assert client.get(draft.url or f"/fa/knowledge/{draft.slug}/").status_code == 404
    assert my_item(people["tehran"]).title == "Tehran draft"


def test_an_item_in_review_cannot_be_changed_from_the_site(client, site_tree, people, share_form_data):
    client.force_login(people["isfahan"])
    client.post(SHARE, share_form_data(action="submit"))
    item = my_item(people["isfahan"])
    url = reverse("knowledge:submission", args=[item.pk])
    page = client.get(url)
    assert page.context["form"] is None and "state-in_review" in page.content.decode()
    client.post(url, share_form_data(title="Changed during review"))
    assert my_item(people["isfahan"]).title != "Changed during review"


BAD_UPLOADS = [
    ("wrong type", files.upload("setup.exe", files.EXE), "not accepted"),
    ("renamed executable", files.upload("study.pdf", files.EXE), "Windows program"),
    ("HTML disguised as pdf", files.upload("study.pdf", files.HTML), "web page"),
    ("empty", files.upload("empty.docx", b""), "empty"),
]


@pytest.mark.parametrize("case, bad, words", BAD_UPLOADS, ids=[b[0] for b in BAD_UPLOADS])
def test_a_bad_upload_is_refused_and_nothing_is_stored(client, site_tree, people, share_form_data, pdf, media_root,
                                                       case, bad, words):
    client.force_login(people["isfahan"])
    bad.seek(0)
    response = client.post(SHARE, share_form_data(documents=[pdf(), bad], action="submit"))
    assert response.status_code == 400
    html = response.content.decode()
    assert words in html and "Nothing was saved" in html
    assert not KnowledgeItem.objects.exists()
    assert not get_document_model().objects.exists()
    assert stored_files(media_root) == []


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1000)
def test_an_oversized_upload_is_refused_and_nothing_is_stored(client, site_tree, people, share_form_data,
                                                              media_root):
    client.force_login(people["isfahan"])
    big = files.upload("big.pdf", files.pdf_bytes() + b"\n" * 2000)
    response = client.post(SHARE, share_form_data(documents=[big]))
    assert response.status_code == 400
    assert "too big" in response.content.decode()
    assert not KnowledgeItem.objects.exists() and not get_document_model().objects.exists()
    assert stored_files(media_root) == []


def test_a_bad_upload_on_a_saved_draft_keeps_the_draft_unchanged(client, site_tree, people, share_form_data,
                                                                 media_root):
    client.force_login(people["isfahan"])
    client.post(SHARE, share_form_data())
    item = my_item(people["isfahan"])
    response = client.post(reverse("knowledge:submission", args=[item.pk]),
                           share_form_data(title="New title", documents=[files.upload("x.pdf", files.HTML)]))
    assert response.status_code == 400
    assert my_item(people["isfahan"]).title == item.title
    assert stored_files(media_root) == []


def test_published_items_by_others_are_not_in_my_submissions(client, site_tree, people, orgs):
    add_item(site_tree["knowledge"], orgs["isfahan"], title="Published by the secretariat",
             owner=people["secretariat"])
    client.force_login(people["isfahan"])
    assert "Published by the secretariat" not in client.get(MINE).content.decode()


@pytest.mark.parametrize(("kind", "details", "stored"), [
    ("study", {"study_type": "master_plan"}, {"study_type": "master_plan"}),
    ("training", {"people_trained": "۱۲۰۰"}, {"people_trained": 1200}),
    ("report", {"event_date": "1391/07/01"}, {"event_date": __import__("datetime").date(2012, 9, 22)}),
])
def test_each_kind_keeps_its_own_detail(client, site_tree, people, share_form_data, kind, details, stored):
    client.force_login(people["isfahan"])
    # Details for the other kinds, typed by mistake, are not stored on this one.
    others = {"study_type": "safety_plan", "people_trained": "7", "event_date": "2020-01-01"}
    response = client.post(SHARE, share_form_data(kind=kind, **(others | details)))
    assert response.status_code == 302
    item = my_item(people["isfahan"])
    for name, value in stored.items():
        assert getattr(item, name) == value
    if kind != "training":
        assert getattr(item, "people_trained", None) is None
    # Resuming the draft shows only this kind's detail, filled in.
    form = client.get(reverse("knowledge:submission", args=[item.pk])).context["form"]
    assert [name for name in ("study_type", "people_trained", "event_date") if name in form.fields] == list(stored)
    assert form.initial[next(iter(stored))] == next(iter(stored.values()))


def test_a_bad_detail_is_explained_and_nothing_is_saved(client, site_tree, people, share_form_data):
    client.force_login(people["isfahan"])
    response = client.post(SHARE, share_form_data(kind="training", people_trained="-3"))
    assert response.status_code == 400
    assert "people_trained" in response.context["form"].errors
    assert not KnowledgeItem.objects.filter(owner=people["isfahan"]).exists()


def test_the_form_suggests_topics_hazards_and_phases_its_text_names(client, site_tree, people, share_form_data,
                                                                    terms):
    client.force_login(people["isfahan"])
    blank = client.get(SHARE).content.decode()
    assert "Save the draft to see the topics your text names" in blank
    client.post(SHARE, share_form_data(
        title="Lessons from a school earthquake drill",
        summary="How our schools prepared for a quake, and the evacuation that followed.",
        body="Pupils left the buildings in four minutes; the response teams met at the shelter.",
        hazards=[], phases=[],
    ))
    item = my_item(people["isfahan"])
    html = client.get(reverse("knowledge:submission", args=[item.pk])).content.decode()
    assert "Topics found in your text:" in html
    assert '<span class="topic">earthquake drill</span>' in html
    assert '<span class="topic">evacuation</span>' in html
    suggested = [line for line in html.splitlines() if 'class="suggested"' in line]
    def marked(field, term):
        return any(f'name="{field}" value="{terms[term].pk}"' in line for line in suggested)

    assert marked("hazards", "earthquake") and marked("phases", "response")
    assert not marked("hazards", "flood") and not marked("phases", "prevention")


def test_the_admins_dashboard_leads_a_member_to_the_share_form_and_their_submissions(client, site_tree, people):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(people["isfahan"])
    page = client.get("/admin/").content.decode()
    panel = page[page.index('id="sharing'):]
    assert f'href="{SHARE}"' in panel and f'href="{MINE}"' in panel
    client.force_login(people["outsider"])  # who may not share finds no way to it there
    people["outsider"].user_permissions.add(Permission.objects.get(codename="access_admin"))
    response = client.get("/admin/")
    assert response.status_code == 200 and 'id="sharing' not in response.content.decode()
