import datetime

import pytest
from django.utils import timezone

from resolutions.factories import ResolutionFactory, add_meeting
from resolutions.models import FollowUpReport, LineStatus, Resolution, ResolutionStatus


@pytest.fixture
def meeting(site_tree):
    return add_meeting(site_tree["meetings"], 9)


def test_all_member_metropolises_get_one_line_each(meeting, orgs):
    resolution = ResolutionFactory(meeting=meeting, owned_by_all_members=True, owners=[orgs["secretariat"]])
    owners = set(resolution.lines.values_list("organisation__slug", flat=True))
    # Active city offices plus the named owner; the inactive city owes nothing.
    assert owners == {"isfahan", "tehran", "network-secretariat"}


def test_status_follows_lines_until_every_owner_is_done(meeting, orgs, people):
    resolution = ResolutionFactory(meeting=meeting, owners=[orgs["isfahan"], orgs["tehran"]])
    isfahan, tehran = (resolution.lines.get(organisation=orgs[s]) for s in ("isfahan", "tehran"))
    assert resolution.status == ResolutionStatus.OPEN

    isfahan.record_report(author=people["isfahan"], text="Sent", status=LineStatus.DONE)
    resolution.refresh_from_db()
    assert resolution.status == ResolutionStatus.IN_PROGRESS

    tehran.record_report(author=people["tehran"], text="Sent too", status=LineStatus.DONE)
    resolution.refresh_from_db()
    assert resolution.status == ResolutionStatus.DONE
    assert resolution.closed_on == timezone.localdate()


def test_explicit_status_is_not_overwritten_by_reports(meeting, orgs, people):
    resolution = ResolutionFactory(meeting=meeting, owners=[orgs["isfahan"]])
    resolution.status = ResolutionStatus.CANCELLED
    resolution.save()
    resolution.lines.get().record_report(author=people["isfahan"], text="Done", status=LineStatus.DONE)
    resolution.refresh_from_db()
    assert resolution.status == ResolutionStatus.CANCELLED


def test_overdue_when_due_date_passed_and_not_closed(meeting, orgs):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    late = ResolutionFactory(meeting=meeting, owners=[orgs["isfahan"]], due_on=yesterday)
    done = ResolutionFactory(meeting=meeting, owners=[orgs["isfahan"]], due_on=yesterday,
                             status=ResolutionStatus.CANCELLED)
    future = ResolutionFactory(meeting=meeting, owners=[orgs["isfahan"]],
                               due_on=timezone.localdate() + datetime.timedelta(days=3))
    assert late.is_overdue and not done.is_overdue and not future.is_overdue
    assert list(Resolution.objects.overdue()) == [late]


def test_carry_over_links_into_the_next_meeting(meeting, orgs, site_tree):
    tenth = add_meeting(site_tree["meetings"], 10, slug="meeting-10")
    resolution = ResolutionFactory(meeting=meeting, owners=[orgs["isfahan"]])
    successor = resolution.carry_over_to(tenth, number=4)
    resolution.refresh_from_db()
    assert resolution.status == ResolutionStatus.CARRIED_OVER
    assert resolution.carried_over_to == successor
    assert list(successor.follows_up_resolutions.all()) == [resolution]
    assert successor.lines.get().organisation == orgs["isfahan"]


def test_removing_an_owner_keeps_lines_that_have_reports(meeting, orgs, people):
    resolution = ResolutionFactory(meeting=meeting, owners=[orgs["isfahan"], orgs["tehran"]])
    resolution.lines.get(organisation=orgs["isfahan"]).record_report(
        author=people["isfahan"], text="Started", status=LineStatus.IN_PROGRESS)
    resolution.owners.set([])
    resolution.sync_lines()
    assert list(resolution.lines.values_list("organisation__slug", flat=True)) == ["isfahan"]


def test_every_change_is_recorded_in_history(meeting, orgs, people):
    resolution = ResolutionFactory(meeting=meeting, owners=[orgs["isfahan"]])
    resolution.text = "Amended text"
    resolution.save()
    line = resolution.lines.get()
    report = line.record_report(author=people["isfahan"], text="First report", status=LineStatus.IN_PROGRESS)
    report_id = report.pk
    report.delete()

    texts = list(resolution.history.order_by("history_date").values_list("text", flat=True))
    assert texts[0].startswith("Resolution text") and "Amended text" in texts
    assert line.history.filter(status=LineStatus.IN_PROGRESS).exists()
    # A deleted report keeps its history, deletion included.
    kinds = list(FollowUpReport.history.filter(id=report_id).values_list("history_type", flat=True))
    assert sorted(kinds) == ["+", "-"]


def test_unique_number_within_meeting(meeting):
    from django.db import IntegrityError

    ResolutionFactory(meeting=meeting, number=1)
    with pytest.raises(IntegrityError):
        ResolutionFactory(meeting=meeting, number=1)
