"""In development (DEBUG on) uploaded images are served as files, documents never: a document is only
reachable through /documents/, which checks who may download it."""

import pytest
from django.http import Http404
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import RegexPattern

from portal.urls import development_media_urls


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    for name, content in {"documents/draft-plan.pdf": b"%PDF-1.4 draft", "original_images/map.png": b"png",
                          "images/map.width-400.png": b"small png"}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(content)
    return tmp_path


def fetch(rf, patterns, path):
    """What the development patterns answer to `path`: the response, or Http404."""
    match = URLResolver(RegexPattern(r"^/"), patterns).resolve(path)
    response = match.func(rf.get(path), *match.args, **match.kwargs)
    return b"".join(response.streaming_content)


def test_development_serves_images_and_renditions(settings, media, rf):
    settings.DEBUG = True
    patterns = development_media_urls()
    assert fetch(rf, patterns, "/media/original_images/map.png") == b"png"
    assert fetch(rf, patterns, "/media/images/map.width-400.png") == b"small png"


@pytest.mark.parametrize("path", [
    "/media/documents/draft-plan.pdf",
    "/media/images/../documents/draft-plan.pdf",
    "/media/original_images/../../media/documents/draft-plan.pdf",
    "/media/./documents/draft-plan.pdf",
])
def test_development_never_serves_documents(settings, media, rf, path):
    settings.DEBUG = True
    with pytest.raises(Http404):
        fetch(rf, development_media_urls(), path)


def test_nothing_under_media_is_served_without_debug(settings, media, client, db):
    settings.DEBUG = False
    assert development_media_urls() == []
    assert all("development_media" not in str(getattr(p, "callback", "")) for p in get_resolver().url_patterns)
    assert client.get("/media/documents/draft-plan.pdf").status_code in (302, 404)
