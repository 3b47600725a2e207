import pytest
from django.core import mail
from django.utils import translation

from portal.factories import HazardFactory, PhaseFactory

from . import files


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test stores uploads in its own folder, so "nothing was stored" can be checked on disk."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.WAGTAILADMIN_BASE_URL = "http://testserver"
    mail.outbox = []
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def english():
    """Messages are checked in English, whatever language an earlier test left active."""
    with translation.override("en"):
        yield


def in_english(user):
    """The admin speaks the user's preferred language."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def stored_files(media_root):
    return [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []


@pytest.fixture
def terms(db):
    return {
        "earthquake": HazardFactory(slug="earthquake", name_en="Earthquake", name_fa="زلزله"),
        "flood": HazardFactory(slug="flood", name_en="Flood", name_fa="سیل"),
        "prevention": PhaseFactory(slug="prevention", name_en="Prevention", name_fa="پیشگیری"),
        "response": PhaseFactory(slug="response", name_en="Response", name_fa="پاسخ"),
    }


@pytest.fixture
def share_form_data(terms):
    def build(**overrides):
        data = {
            "kind": "study",
            "title": "مطالعه خطر سیل اصفهان",
            "summary": "خلاصه‌ای از مطالعه خطر سیل.",
            "body": "First paragraph.\n\nSecond <b>paragraph</b>.",
            "language": "fa",
            "hazards": [terms["flood"].pk],
            "phases": [terms["prevention"].pk],
            "audience": "specialists",
            "visibility": "public",
            "answers_resolution": "",
            "action": "save",
        }
        data.update(overrides)
        return data

    return build


@pytest.fixture
def pdf():
    return lambda name="study.pdf": files.upload(name, files.pdf_bytes(), "application/pdf")
