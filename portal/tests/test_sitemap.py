"""/sitemap.xml lists what the public may read, in every language, and nothing else."""

import re

from knowledge.factories import add_item
from resolutions.factories import ResolutionFactory, add_meeting


def locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return re.findall(r"<loc>([^<]+)</loc>", response.content.decode())


def test_public_pages_resolutions_and_organisations_in_every_language(client, site_tree, orgs):
    meeting = add_meeting(site_tree["meetings"], 9, title="Ninth")
    ResolutionFactory(meeting=meeting, number=1, is_public=True)
    ResolutionFactory(meeting=meeting, number=2, is_public=False)
    add_item(site_tree["knowledge"], orgs["tehran"], title="Public study", slug="public-study")
    add_item(site_tree["knowledge"], orgs["tehran"], title="Members study", slug="members-study",
             visibility="members")
    add_item(site_tree["knowledge"], orgs["tehran"], title="Draft study", slug="draft-study", publish=False)

    urls = locations(client)
    paths = {re.sub(r"^https?://[^/]+", "", url) for url in urls}
    for language in ("fa", "en", "zh-hans"):
        assert f"/{language}/knowledge/public-study/" in paths
        assert f"/{language}/meetings/{meeting.slug}/resolutions/1/" in paths
        assert f"/{language}/organisations/tehran/" in paths
    assert not [p for p in paths if "members-study" in p or "draft-study" in p or "/resolutions/2/" in p]
