from django.core.management import call_command
from django.test import Client

from knowledge.models import KnowledgeItem
from portal.models import Organisation
from resolutions.models import FollowUpReport, MeetingPage, Resolution


def snapshot():
    return {
        "organisations": sorted(Organisation.objects.values_list("slug", "name_en", "aliases")),
        "meetings": sorted(MeetingPage.objects.values_list("number", "title", "live")),
        "resolutions": sorted(Resolution.objects.values_list("meeting__number", "number", "status", "text")),
        "lines": sorted(Resolution.objects.values_list("number", "lines__organisation__slug", "lines__status")),
        "reports": FollowUpReport.objects.count(),
        "items": sorted(KnowledgeItem.objects.values_list("slug", "title", "visibility", "live")),
    }


def test_load_demo_twice_gives_the_same_content(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    first = snapshot()
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert snapshot() == first
    assert len(first["organisations"]) >= 12
    assert [n for n, *_ in first["meetings"]] == [7, 8, 9]
    assert len([r for r in first["resolutions"] if r[0] == 9]) == 9


def test_demo_users_can_sign_in_and_reach_the_admin(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    for username, password in (("secretariat", "secretariat-demo"), ("isfahan", "isfahan-demo")):
        client = Client()
        assert client.login(username=username, password=password)
        assert client.get("/admin/").status_code == 200


def test_demo_home_page_shows_resolutions_and_knowledge(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    response = Client().get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Meeting 9 · Resolution" in html
    assert "Qazvin&#x27;s crisis-management master plan" in html  # its English title, for an English reader
    assert "Notes from the workshop on joining the Safe Community programme" not in html  # members only
    assert "یادداشت‌های کارگاه پیوستن به جامعه ایمن" not in html
    ninth = Resolution.objects.get(meeting__number=9, number=1)
    assert set(ninth.follows_up_meetings.values_list("number", flat=True)) == {7, 8}
