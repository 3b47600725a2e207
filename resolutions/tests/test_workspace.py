"""The members' workspace: who opens it, what it lists and in which order, reports on several lines
at once (and the secretariat's on a city's behalf), what is new since the last visit."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from knowledge.tests import files
from resolutions import workspace as rules
from resolutions.factories import ResolutionFactory, add_meeting
from resolutions.models import FollowUpReport, LineStatus, ResolutionStatus, WorkspaceVisit

TODAY = timezone.localdate()
PDF = files.pdf_bytes("Drill plan")


@pytest.fixture
def world(site_tree, orgs, people):
    meeting = add_meeting(site_tree["meetings"], 9)
    day = datetime.timedelta(days=1)
    late = ResolutionFactory(meeting=meeting, number=1, owners=[orgs["isfahan"]], due_on=TODAY - 10 * day,
                             text="Survey the old bazaar's fire exits")
    soon = ResolutionFactory(meeting=meeting, number=2, owners=[orgs["isfahan"]], due_on=TODAY + 5 * day,
                             text="Train volunteers in every district")
    later = ResolutionFactory(meeting=meeting, number=3, owners=[orgs["isfahan"]], due_on=TODAY + 40 * day,
                              text="Budget talks with the water company", is_public=False)
    undated = ResolutionFactory(meeting=meeting, number=4, owners=[orgs["isfahan"]], text="Share the siren map")
    finished = ResolutionFactory(meeting=meeting, number=5, owners=[orgs["isfahan"]], due_on=TODAY - day,
                                 text="Finished work")
    finished.lines.get().record_report(author=people["isfahan"], text="All done.", status=LineStatus.DONE)
    shared = ResolutionFactory(meeting=meeting, number=6, owners=[orgs["isfahan"], orgs["tehran"]],
                               due_on=TODAY + 3 * day, text="Common radio channel")
    tehran_only = ResolutionFactory(meeting=meeting, number=7, owners=[orgs["tehran"]], due_on=TODAY - 2 * day,
                                    text="Tehran's own drill")
    return locals()


def line(resolution, organisation):
    return resolution.lines.get(organisation=organisation)


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


# --- who opens it ----------------------------------------------------------------------------------

def test_anonymous_readers_are_sent_to_the_sites_sign_in_and_come_back(client, world):
    response = client.get("/en/workspace/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/sign-in/?next=") and "workspace" in response["Location"]


def test_signed_in_non_members_are_refused(client, world, people):
    client.force_login(people["outsider"])
    assert client.get("/en/workspace/").status_code == 403


def test_the_url_is_named_workspace(world):
    assert reverse("workspace") == "/en/workspace/"


# --- the open lines --------------------------------------------------------------------------------

def test_open_lines_come_overdue_first_then_by_due_date(world, orgs, people):
    rows = rules.open_lines(orgs["isfahan"], people["isfahan"], TODAY)
    numbers = [row.resolution.number for row in rows]
    assert numbers == [1, 6, 2, 3, 4]  # late; then 3, 5, 40 days; undated last; the done line is gone
    assert [row.overdue for row in rows] == [True, False, False, False, False]


def test_a_cancelled_resolution_owes_nothing(world, orgs, people):
    world["soon"].decide(ResolutionStatus.CANCELLED, user=people["secretariat"])
    world["soon"].save()
    numbers = [row.resolution.number for row in rules.open_lines(orgs["isfahan"], people["isfahan"], TODAY)]
    assert 2 not in numbers


def test_the_page_lists_the_lines_with_text_marked_with_its_language_and_the_latest_report(
        client, world, orgs, people):
    line(world["soon"], orgs["isfahan"]).record_report(author=people["isfahan"], text="Two districts trained.",
                                                       status=LineStatus.IN_PROGRESS)
    client.force_login(people["isfahan"])
    whole = client.get("/en/workspace/").content.decode()
    page = whole[whole.index('id="lines-title"'):whole.index('id="calendar-title"')]
    assert "Survey the old bazaar" in page and "Budget talks" in page  # internal ones too, for members
    assert "Tehran&#x27;s own drill" not in page and "Finished work" not in page
    assert 'lang="en" dir="ltr">Train volunteers' in page
    assert "Two districts trained." in page
    assert page.index("Survey the old bazaar") < page.index("Common radio channel") < page.index("Train volunteers")


# --- reporting on several lines at once -------------------------------------------------------------

def post(client, lines, **data):
    payload = {"lines": [item.pk for item in lines], "status": LineStatus.IN_PROGRESS,
               "text": "Drill held with both fire brigades."} | data
    return client.post(reverse("workspace_report"), payload)


def test_one_report_on_several_lines_with_one_attachment(client, world, orgs, people):
    client.force_login(people["isfahan"])
    chosen = [line(world["late"], orgs["isfahan"]), line(world["shared"], orgs["isfahan"])]
    upload = SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf")
    response = post(client, chosen, status=LineStatus.DONE, attachment=upload)
    assert response.status_code == 302 and response["Location"] == "/en/workspace/"
    reports = FollowUpReport.objects.filter(line__in=chosen)
    assert reports.count() == 2
    assert {report.author for report in reports} == {people["isfahan"]}
    documents = {report.attachments.get() for report in reports}
    assert len(documents) == 1  # one file, attached to both reports
    assert not any(report.attachments_public for report in reports)  # members only unless ticked
    for item in chosen:
        item.refresh_from_db()
        assert item.status == LineStatus.DONE
    world["late"].refresh_from_db()
    assert world["late"].status == ResolutionStatus.DONE  # the resolution follows its only line
    world["shared"].refresh_from_db()
    assert world["shared"].status == ResolutionStatus.IN_PROGRESS  # Tehran has not finished


def test_the_attachment_is_public_only_when_the_reporter_says_so(client, world, orgs, people):
    client.force_login(people["isfahan"])
    upload = SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf")
    chosen = line(world["soon"], orgs["isfahan"])
    post(client, [chosen], attachment=upload, attachment_public="on")
    assert chosen.reports.get().attachments_public


def test_errors_keep_what_was_typed_and_ticked(client, world, orgs, people):
    client.force_login(people["isfahan"])
    before = FollowUpReport.objects.count()
    chosen = line(world["soon"], orgs["isfahan"])
    response = post(client, [chosen], text="   ")
    assert response.status_code == 400
    page = response.content.decode()
    assert "The report was not saved" in page and "This field is required." in page
    assert f'value="{chosen.pk}" id="line-{chosen.pk}" checked' in page
    response = post(client, [], text="Kept words")
    page = response.content.decode()
    assert "Tick at least one line to report on." in page and "Kept words" in page
    assert FollowUpReport.objects.count() == before


def test_errors_are_in_the_readers_language(client, world, people):
    client.force_login(people["isfahan"])
    response = client.post("/fa/workspace/report/", {"text": "گزارش", "status": LineStatus.IN_PROGRESS})
    assert response.status_code == 400
    assert "دست‌کم" in response.content.decode() or "حداقل" in response.content.decode()


def test_a_city_cannot_report_on_another_citys_line(client, world, orgs, people):
    client.force_login(people["isfahan"])
    tehrans = line(world["tehran_only"], orgs["tehran"])
    response = post(client, [tehrans])
    assert response.status_code == 400
    assert not tehrans.reports.exists()


def test_a_done_line_is_not_offered_again(client, world, orgs, people):
    client.force_login(people["isfahan"])
    before = FollowUpReport.objects.count()
    assert post(client, [line(world["finished"], orgs["isfahan"])]).status_code == 400
    assert FollowUpReport.objects.count() == before


# --- the secretariat ---------------------------------------------------------------------------------

def test_the_secretariat_sees_any_city_with_overdue_counts(client, world, orgs, people):
    client.force_login(people["secretariat"])
    page = client.get("/en/workspace/?city=tehran").content.decode()
    assert "Tehran&#x27;s own drill" in page and "Survey the old bazaar" not in page
    counts = {row.organisation.slug: (row.open, row.overdue) for row in rules.counts_per_organisation(TODAY)}
    assert counts["isfahan"] == (5, 1) and counts["tehran"] == (2, 1)
    assert client.get("/en/workspace/?city=nowhere").status_code == 404


def test_a_city_manager_cannot_open_another_citys_workspace(client, world, people):
    client.force_login(people["isfahan"])
    page = client.get("/en/workspace/?city=tehran").content.decode()
    assert "Tehran&#x27;s own drill" not in page and "Survey the old bazaar" in page


def test_the_secretariat_records_a_citys_report_with_its_source(client, world, orgs, people):
    client.force_login(people["secretariat"])
    chosen = line(world["tehran_only"], orgs["tehran"])
    missing = post(client, [chosen], city="tehran")
    assert missing.status_code == 400 and "Say how the city" in missing.content.decode()
    response = post(client, [chosen], city="tehran", source="letter", source_date="1405/09/12")
    assert response.status_code == 302 and response["Location"] == "/en/workspace/?city=tehran"
    report = chosen.reports.get()
    assert report.author is None and report.recorded_by == people["secretariat"]
    assert report.source == "letter" and report.source_date == datetime.date(2026, 12, 3)
    note = report.recorded_for_owner_note()
    assert note.startswith("Recorded by the secretariat (sec) from a letter of") and "2026" in note
    # Shown where the report is shown: the resolution page's owner rows.
    page = client.get(world["tehran_only"].get_url()).content.decode()
    assert "Recorded by the secretariat (sec) from a letter of" in page


def test_the_persian_page_says_the_source_in_persian_with_a_jalali_date(client, world, orgs, people):
    client.force_login(people["secretariat"])
    post(client, [line(world["tehran_only"], orgs["tehran"])], city="tehran", source="letter",
         source_date="2026-12-03")
    page = client.get("/fa/workspace/?city=tehran").content.decode()
    assert "۱۲ آذر ۱۴۰۵" in page


# --- since the last visit ------------------------------------------------------------------------

def test_news_since_the_last_visit(client, world, orgs, people):
    visit_time = timezone.now() - datetime.timedelta(days=2)
    WorkspaceVisit.objects.create(user=people["isfahan"], last_seen_at=visit_time, news_since=visit_time)
    # Everything in the world fixture is newer than the last visit; make the older resolutions old.
    from resolutions.models import Resolution
    Resolution.objects.exclude(pk=world["shared"].pk).update(created_at=visit_time - datetime.timedelta(days=1))
    line(world["shared"], orgs["tehran"]).record_report(author=people["tehran"], text="Radios bought.",
                                                       status=LineStatus.IN_PROGRESS)
    line(world["tehran_only"], orgs["tehran"]).record_report(author=people["tehran"], text="Not shared.",
                                                            status=LineStatus.IN_PROGRESS)
    client.force_login(people["isfahan"])
    page = client.get("/en/workspace/").content.decode()
    news = page[page.index('id="news-title"'):page.index('id="lines-title"')]
    news = news.replace("\u2068", "").replace("\u2069", "")  # names are set apart from the sentence
    assert "New resolution for Isfahan" in news and "Common radio channel" in news
    assert "Tehran reported" in news
    assert news.count("Tehran reported") == 1  # not on Tehran's own resolution
    assert "Survey the old bazaar" not in news
    # Opening it again within the hour is the same visit: the news stay.
    again = client.get("/en/workspace/").content.decode().replace("\u2068", "").replace("\u2069", "")
    assert "Tehran reported" in again


def test_the_last_visit_moves_after_an_hour(people, db):
    start = timezone.now()
    first = WorkspaceVisit.news_since_for(people["isfahan"], start)
    assert first < start
    assert WorkspaceVisit.news_since_for(people["isfahan"], start + datetime.timedelta(minutes=20)) == first
    later = start + datetime.timedelta(hours=3)
    assert WorkspaceVisit.news_since_for(people["isfahan"], later) == start + datetime.timedelta(minutes=20)


def test_a_resolution_reads_in_the_readers_language_where_translated(client, world, people):
    world["soon"].persian_summary = "آموزش داوطلبان در همه مناطق شهر"
    world["soon"].save()
    client.force_login(people["isfahan"])
    page = client.get("/fa/workspace/").content.decode()
    assert 'lang="fa" dir="rtl">آموزش داوطلبان در همه مناطق شهر' in page
    assert 'lang="en" dir="ltr">Train volunteers' in page  # the original, below it


# --- the admin's dashboard -----------------------------------------------------------------------

def dashboard_panel(client, user):
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    page = response.content.decode()
    if 'id="workspace' not in page:
        return None
    return page[page.index('id="workspace'):page.index("</section>", page.index('id="workspace'))]


def test_a_city_manager_opening_the_admin_finds_what_the_city_owes_and_the_way_to_the_workspace(
        client, world, people):
    panel = dashboard_panel(client, people["isfahan"])
    assert panel is not None
    assert "Isfahan" in panel
    assert "<br>1 line overdue<br>4 lines still open</p>" in panel  # the workspace's rows (test above)
    assert 'href="/en/workspace/"' in panel


def test_the_secretariat_opening_the_admin_finds_every_organisations_counts(client, world, people):
    panel = dashboard_panel(client, people["secretariat"])
    assert "All organisations" in panel
    assert "<br>2 lines overdue<br>5 lines still open</p>" in panel  # Isfahan 1 and 4, Tehran 1 and 1


def test_the_counts_on_the_dashboard_follow_a_report_that_finishes_a_line(client, world, orgs, people):
    line(world["late"], orgs["isfahan"]).record_report(author=people["isfahan"], text="Exits surveyed.",
                                                       status=LineStatus.DONE)
    assert "4 lines still open" in dashboard_panel(client, people["isfahan"])
    assert "overdue" not in dashboard_panel(client, people["isfahan"])


def test_a_persian_city_manager_reads_the_panel_in_persian_with_persian_digits(client, world, people):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(people["isfahan"])
    profile.preferred_language = "fa"
    profile.save()
    panel = dashboard_panel(client, people["isfahan"])
    assert "<br>۱ ردیف در دیرکرد<br>۴ ردیف هنوز باز</p>" in panel and "میز کار" in panel
    assert 'href="/fa/workspace/"' in panel


def test_an_editor_who_is_no_member_sees_no_workspace_on_the_dashboard(client, world, people):
    from django.contrib.auth.models import Permission

    people["outsider"].user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert dashboard_panel(client, people["outsider"]) is None
