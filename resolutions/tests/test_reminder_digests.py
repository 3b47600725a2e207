"""Digests list overdue lines first; the secretariat's covers every owner; each is whole in its reader's language."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from portal.models import Membership
from portal.tests.languages import foreign_sentences, links_in
from resolutions.factories import ResolutionFactory, add_meeting
from resolutions.reminders import send_followup_reminders

DAY = datetime.date(2013, 6, 1)


@pytest.fixture
def owed(site_tree, orgs, people):
    meeting = add_meeting(site_tree["meetings"], 9)
    make = ResolutionFactory
    later = make(meeting=meeting, number=1, owners=[orgs["isfahan"]], text="Train the shelter wardens.",
                 due_on=datetime.date(2013, 9, 1))
    late = make(meeting=meeting, number=2, owners=[orgs["isfahan"], orgs["tehran"]],
                text="مطالعه گسل‌های شهری را بفرستید.", language="fa", due_on=datetime.date(2013, 3, 1))
    soon = make(meeting=meeting, number=3, owners=[orgs["isfahan"]], text="更新避难场所清单。", language="zh",
                due_on=datetime.date(2013, 7, 1))
    later_late = make(meeting=meeting, number=4, owners=[orgs["isfahan"]], text="Map the old quarter.",
                      due_on=datetime.date(2013, 5, 1))
    undated = make(meeting=meeting, number=5, owners=[orgs["tehran"]], text="Share the drill plan.")
    return locals()


def to(user):
    [message] = [m for m in mail.outbox if user.email in m.to]
    return message


def positions(body, *texts):
    return [body.index(text) for text in texts]


def test_a_citys_digest_lists_overdue_lines_first_then_the_soonest_due(owed, people):
    send_followup_reminders(DAY)
    body = to(people["isfahan"]).body
    # Overdue (oldest due first), then still open (soonest due first).
    order = positions(body, "مطالعه گسل‌های شهری", "Map the old quarter.", "更新避难场所清单。",
                      "Train the shelter wardens.")
    assert order == sorted(order)
    with translation.override("en"):
        overdue, still_open = translation.gettext("Overdue"), translation.gettext("Still open, soonest due first")
    Membership.objects.filter(user=people["isfahan"]).update(language="en", last_reminded_on=None)
    mail.outbox = []
    send_followup_reminders(DAY)
    body = to(people["isfahan"]).body
    assert body.index(overdue) < body.index("Map the old quarter.") < body.index(still_open) \
        < body.index("更新避难场所清单。")


def test_the_secretariat_gets_one_digest_across_the_network_overdue_counts_first(owed, people, orgs):
    Membership.objects.filter(user=people["secretariat"]).update(language="en")
    send_followup_reminders(DAY)
    network = to(people["secretariat"])
    assert len([m for m in mail.outbox if people["secretariat"].email in m.to]) == 1
    assert network.subject == "Follow-up across the network: 3 lines overdue · 3 lines still open"
    body = network.body
    # Isfahan (2 overdue) before Tehran (1 overdue); overdue count before the open count on each row.
    isfahan = body.index("\u2066Isfahan\u2069: 2 lines overdue · 2 lines still open")
    tehran = body.index("\u2066Tehran\u2069: 1 line overdue · 1 line still open")
    assert isfahan < tehran
    with translation.override("en"):
        board = "http://testserver" + reverse("tracking:board")
    assert f"{board}?owner={orgs['isfahan'].pk}&overdue=on" in body


@pytest.mark.parametrize("language", ["fa", "zh-hans", "en"])
def test_digests_are_whole_in_the_readers_language_and_link_where_they_act(owed, people, language):
    for person in ("isfahan", "secretariat"):
        Membership.objects.filter(user=people[person]).update(language=language)
    send_followup_reminders(DAY)
    for person in ("isfahan", "secretariat"):
        message = to(people[person])
        [(html, _)] = message.alternatives
        assert foreign_sentences(message.subject, language) == [], message.subject
        assert foreign_sentences(message.body, language) == [], message.body
        assert foreign_sentences(html, language, is_html=True) == [], html
        urls = links_in(message.body) + links_in(html)
        assert urls and all(url.startswith("http://testserver/") for url in urls)
        assert f"/{language}/account/reminders/" in message.extra_headers["List-Unsubscribe"]
    with translation.override(language):
        workspace = "http://testserver" + reverse("workspace")
        board = "http://testserver" + reverse("tracking:board")
    assert workspace in to(people["isfahan"]).body
    assert board in to(people["secretariat"]).body
