"""Every status the portal shows for the demo's resolutions and follow-up lines, read where a reader
reads it (pages, API, feeds, exports, reminder e-mails), is the one stored value, and that value is
the one the rule gives (a resolution follows its owners' lines unless the secretariat decided)."""

import csv
import io
import re
import xml.etree.ElementTree as ET
from collections import defaultdict

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from openpyxl import load_workbook

from portal.models import Membership, Organisation
from resolutions import reminders
from resolutions.models import FollowUpLine, LineStatus, Resolution, ResolutionStatus
from resolutions.models.resolutions import status_from_lines

# <span data-resolution="12" data-status="in_progress" class="status status-in_progress status-overdue">…</span>
STATUS_SPAN = re.compile(
    r'<span(?: data-resolution="(?P<resolution>\d+)")?(?: data-line="(?P<line>\d+)")? '
    r'data-status="(?P<status>\w+)" class="status status-\w+(?P<overdue> status-overdue)?">(?P<label>[^<]*)</span>')
LABELS = {**dict(LineStatus.choices), **dict(ResolutionStatus.choices)}


def english(url):
    return re.sub(r"^/(fa|en|zh-hans|zh-hant)/", "/en/", url)


class Seen:
    """What each source said about each resolution and line: {("resolution", pk): {(status, overdue): [where]}}."""

    def __init__(self):
        self.said = defaultdict(lambda: defaultdict(list))

    def add(self, kind, pk, status, overdue, where):
        self.said[(kind, int(pk))][(status, overdue)].append(where)

    def page(self, client, url, who):
        response = client.get(url)
        assert response.status_code == 200, (url, who, response.status_code)
        html = response.content.decode()
        spans = list(STATUS_SPAN.finditer(html))
        for span in spans:
            label = span["label"].split("·")[0].strip()
            with translation.override("en"):
                assert label == str(LABELS[span["status"]]), (url, span.group(0))
            kind, pk = ("resolution", span["resolution"]) if span["resolution"] else ("line", span["line"])
            assert pk, f"{url}: a status that does not say whose it is: {span.group(0)}"
            self.add(kind, pk, span["status"], bool(span["overdue"]), f"{who} {url}")
        # Every status badge on the page was read.
        assert html.count("data-status=") == len(spans), url
        return spans


def label_to_status(label):
    with translation.override("en"):
        return {str(text): value for value, text in LABELS.items()}[label]


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())
    member = Client()
    member.force_login(Membership.objects.get(user__username="isfahan").user)
    secretariat = Client()
    secretariat.force_login(Membership.objects.get(user__username="secretariat").user)
    return {"public": Client(), "member": member, "secretariat": secretariat}


def test_every_status_shown_for_the_demo_is_the_one_the_rule_gives(demo):
    resolutions = list(Resolution.objects.select_related("meeting").order_by("meeting__number", "number"))
    lines = list(FollowUpLine.objects.select_related("resolution__meeting", "organisation"))
    assert len(resolutions) >= 9 and len(lines) > len(resolutions)

    # The stored values are the rule's.
    for resolution in resolutions:
        if not resolution.is_decided:
            assert (resolution.status, resolution.closed_on) == status_from_lines(resolution.lines.all()), resolution
    for line in lines:
        assert (line.closed_on is not None) == (line.status == LineStatus.DONE), line

    seen = Seen()
    by_number = {(r.meeting.number, r.number): r for r in resolutions}
    public_pks = {r.pk for r in resolutions if r.is_public}

    # --- pages -----------------------------------------------------------------------------------
    for who in ("public", "member", "secretariat"):
        client = demo[who]
        seen.page(client, "/en/", who)
        for meeting in {r.meeting for r in resolutions}:
            seen.page(client, english(meeting.url), who)
            seen.page(client, f"/en/minutes/{meeting.number}/", who)
        for resolution in resolutions:
            if who != "public" or resolution.pk in public_pks:
                spans = seen.page(client, english(resolution.get_url()), who)
                assert spans[0]["resolution"] == str(resolution.pk)  # its own status comes first
        for organisation in Organisation.objects.filter(follow_up_lines__isnull=False).distinct():
            seen.page(client, f"/en/organisations/{organisation.slug}/", who)
        for city in Organisation.objects.member_metropolises():
            seen.page(client, f"/en/start/?city={city.slug}", who)
    seen.page(demo["secretariat"], "/en/board/", "secretariat")

    # --- API -------------------------------------------------------------------------------------
    for who in ("public", "member"):
        client = demo[who]
        listing = client.get("/api/resolutions/?page_size=100").json()["results"]
        assert {item["id"] for item in listing} >= public_pks
        for item in listing + [client.get(f"/api/resolutions/{item['id']}/").json() for item in listing]:
            seen.add("resolution", item["id"], item["status"], item["overdue"], f"{who} API")
            assert item["status_label"] == str(LABELS[item["status"]])
            closed_on = Resolution.objects.get(pk=item["id"]).closed_on
            assert item["closed_on"] == (closed_on.isoformat() if closed_on else None), item
            for line in item.get("lines") or []:
                owner = line["organisation"]["slug"]
                pk = FollowUpLine.objects.get(resolution_id=item["id"], organisation__slug=owner).pk
                seen.add("line", pk, line["status"], None, f"{who} API")

    # --- feeds -----------------------------------------------------------------------------------
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.fromstring(demo["public"].get("/en/feeds/resolutions/").content)  # noqa: S314 (our own feed)
    entries = feed.findall(f"{atom}entry")
    assert entries
    for entry in entries:
        path = re.sub(r"^https?://[^/]+", "", entry.find(f"{atom}link").get("href"))
        resolution = next(r for r in resolutions if english(r.get_url()) == english(path))
        label = re.search(r"Status: (.+)$", entry.findtext(f"{atom}summary")).group(1).strip()
        seen.add("resolution", resolution.pk, label_to_status(label), None, "feed")

    # --- exports ---------------------------------------------------------------------------------
    for who in ("public", "member"):
        for meeting_number in sorted({r.meeting.number for r in resolutions}):
            body = demo[who].get(f"/en/minutes/{meeting_number}.csv").content.decode("utf-8-sig")
            header, *rows = list(csv.reader(io.StringIO(body)))
            sheet = load_workbook(io.BytesIO(demo[who].get(f"/en/minutes/{meeting_number}.xlsx").content)).active
            xlsx_header, *xlsx_rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
            for source, head, table in (("CSV", header, rows), ("XLSX", xlsx_header, xlsx_rows)):
                column = {name: i for i, name in enumerate(head)}
                for row in table:
                    resolution = by_number[(meeting_number, int(row[column["Resolution"]]))]
                    overdue = row[column["Overdue"]] == "yes"
                    seen.add("resolution", resolution.pk, label_to_status(row[column["Resolution status"]]),
                             overdue, f"{who} {source}")
                    if "Line status" in column and row[column["Line status"]]:
                        line = next(line for line in lines if line.resolution_id == resolution.pk
                                    and line.organisation.name_in("en") == row[column["Owner"]])
                        seen.add("line", line.pk, label_to_status(row[column["Line status"]]), None,
                                 f"{who} {source}")

    # --- reminder e-mails ------------------------------------------------------------------------
    for membership in Membership.objects.select_related("organisation", "user"):
        owed = list(reminders.open_lines(membership.organisation))
        if not owed:
            continue
        digest = reminders.build_digest(membership, owed, None)
        with translation.override(membership.language):
            said = [line for line in digest.message.body.splitlines() if " — " in line]
            assert len(said) == len(owed)
            for line, text in zip(owed, said, strict=True):
                label = text.split(" — ")[1].strip()
                status = {str(text): value for value, text in LineStatus.choices}[label]
                seen.add("line", line.pk, status, None, "reminder")

    # --- one value each, the stored one --------------------------------------------------------
    stored = {("resolution", r.pk): (r.status, r.is_overdue) for r in resolutions}
    stored |= {("line", line.pk): (line.status, line.is_overdue) for line in lines}
    disagreements = []
    for key, said in seen.said.items():
        status, overdue = stored[key]
        for (shown, shown_overdue), where in said.items():
            if shown != status or shown_overdue not in (None, overdue):
                disagreements.append(f"{key}: stored {status}{' overdue' if overdue else ''}, "
                                     f"shown {shown}{' overdue' if shown_overdue else ''} in {where[:3]}")
    assert not disagreements, "\n".join(disagreements)
    # Every resolution was read in many places, and every line somewhere.
    for resolution in resolutions:
        places = sum(len(where) for where in seen.said[("resolution", resolution.pk)].values())
        assert places >= 10, (resolution, places)
    assert {pk for kind, pk in seen.said if kind == "line"} == {line.pk for line in lines}


def test_the_demo_tells_one_story_and_counts_say_what_they_count(demo):
    ninth = Resolution.objects.get(meeting__number=9, number=2)
    isfahan = ninth.lines.get(organisation__slug="isfahan")
    # Isfahan reported its studies sent: its line is done, and its row shows the study it shared.
    assert isfahan.status == LineStatus.DONE and isfahan.latest_report().author.username == "isfahan"
    html = demo["member"].get(english(ninth.get_url())).content.decode()
    row = html[html.index(f'data-line="{isfahan.pk}"'):]
    row = row[:row.index("</tr>")]
    assert "Done" in row and "Earthquake and flood risk in Isfahan" in row  # the study's English title
    assert "Not sent yet" not in html
    organisation_page = demo["member"].get("/en/organisations/isfahan/").content.decode()
    assert f'data-line="{isfahan.pk}" data-status="done"' in organisation_page

    # Resolution 5 of the 9th meeting is internal: the public is told how many it does not see.
    meeting = ninth.meeting
    public_meeting = demo["public"].get(english(meeting.url)).content.decode()
    assert "8 public resolutions of 9 adopted" in public_meeting
    assert "Internal: for members of the network only." in public_meeting
    assert "9 resolutions adopted." in demo["member"].get(english(meeting.url)).content.decode()
    assert "8 public resolutions of 9" in demo["public"].get("/en/").content.decode()
    assert "9 resolutions" in demo["member"].get("/en/").content.decode()
    api = demo["public"].get(f"/api/meetings/{meeting.number}/").json()
    assert (api["resolution_count"], api["adopted_count"]) == (8, 9)

    # Closed dates are the day the last owner was done, not the day the demo was loaded.
    first = Resolution.objects.get(meeting__number=9, number=1)
    assert (first.status, str(first.closed_on)) == (ResolutionStatus.DONE, "2013-02-02")

    # Start here names whose status each badge is.
    start = demo["member"].get("/en/start/?city=liuzhou-chengzhong").content.decode()
    assert "follow-up:" in start and "Resolution:" in start
    # Each owner's line status is for members only; the public reads the resolution's own.
    start = demo["public"].get("/en/start/?city=liuzhou-chengzhong").content.decode()
    assert "follow-up:" not in start and "Resolution:" in start
