"""Daily follow-up digests, and the setting that stops them."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from portal.factories import city_manager
from portal.models import Membership
from resolutions.factories import ResolutionFactory, add_meeting
from resolutions.models import LineStatus
from resolutions.reminders import send_followup_reminders

DAY = datetime.date(2013, 6, 1)


@pytest.fixture
def world(site_tree, orgs, people):
    meeting = add_meeting(site_tree["meetings"], 9)
    late = ResolutionFactory(meeting=meeting, number=1, owners=[orgs["isfahan"]], text="Send the flood study.",
                             due_on=datetime.date(2013, 1, 1))
    open_one = ResolutionFactory(meeting=meeting, number=2, owners=[orgs["isfahan"], orgs["tehran"]],
                                 text="Share the drill plan.")
    done = ResolutionFactory(meeting=meeting, number=3, owners=[orgs["tehran"]], text="Host the workshop.")
    done.lines.get().record_report(author=people["tehran"], text="Held", status=LineStatus.DONE)
    Membership.objects.filter(user=people["isfahan"]).update(language="fa")
    Membership.objects.filter(user=people["tehran"]).update(language="en")
    return locals()


def messages_to(address):
    return [m for m in mail.outbox if address in m.to]


def test_each_person_gets_one_digest_of_open_and_overdue_lines(world, people, orgs):
    digests = send_followup_reminders(DAY)
    assert {d.membership.user.username for d in digests} == {"isf", "teh", "sec"}
    (isfahan,) = messages_to(people["isfahan"].email)
    (tehran,) = messages_to(people["tehran"].email)
    assert "Send the flood study." in isfahan.body and "Share the drill plan." in isfahan.body
    assert "Host the workshop." not in tehran.body  # done
    assert "Share the drill plan." in tehran.body and "Send the flood study." not in tehran.body
    # Links into the portal, in the person's language, and the way out.
    assert "/fa/meetings/meeting-9/resolutions/1/" in isfahan.body
    assert "/en/meetings/meeting-9/resolutions/2/" in tehran.body
    assert "/fa/account/reminders/" in isfahan.body and "/en/account/reminders/" in tehran.body
    assert "/fa/account/reminders/" in isfahan.extra_headers["List-Unsubscribe"]
    # Persian: Jalali dates with Persian digits; the overdue line is marked.
    assert "۱۱ خرداد ۱۳۹۲" in isfahan.body  # 2013-06-01
    with translation.override("fa"):
        overdue_mark = translation.gettext("Overdue")
        one_overdue = translation.ngettext("%(count)s line overdue", "%(count)s lines overdue", 1) % {"count": "۱"}
    assert overdue_mark in isfahan.body and one_overdue in isfahan.subject
    assert "June 1, 2013" in tehran.body or "Jun" in tehran.body
    assert "overdue" not in tehran.subject
    # The secretariat's organisation owes nothing here, but it hears of every owner's lines.
    (network,) = messages_to(people["secretariat"].email)
    assert orgs["isfahan"].name_in("fa") in network.body and orgs["tehran"].name_in("fa") in network.body
    assert Membership.objects.get(user=people["isfahan"]).last_reminded_on == DAY


def test_running_twice_a_day_sends_once(world):
    send_followup_reminders(DAY)
    send_followup_reminders(DAY)
    assert len(mail.outbox) == 3  # two cities' people and the secretariat
    send_followup_reminders(DAY - datetime.timedelta(days=3))  # a stale cron date
    assert len(mail.outbox) == 3
    send_followup_reminders(DAY + datetime.timedelta(days=1))
    assert len(mail.outbox) == 6


def test_dry_run_sends_and_records_nothing(world):
    digests = send_followup_reminders(DAY, dry_run=True)
    assert len(digests) == 3 and not mail.outbox
    assert not Membership.objects.exclude(last_reminded_on=None).exists()


def test_opted_out_people_and_people_without_address_hear_nothing(world, people):
    Membership.objects.filter(user=people["isfahan"]).update(receives_reminders=False)
    people["tehran"].email = ""
    people["tehran"].save()
    Membership.objects.filter(user=people["secretariat"]).update(receives_reminders=False)
    assert send_followup_reminders(DAY) == [] and not mail.outbox


def test_every_manager_of_an_owner_hears(world, orgs):
    second = city_manager(orgs["isfahan"], username="isf2")
    send_followup_reminders(DAY)
    assert messages_to(second.email)


def test_command_is_cron_friendly(world, people):
    out = io.StringIO()
    call_command("send_followup_reminders", "--dry-run", "--date", "2013-06-01", stdout=out)
    assert "would send" in out.getvalue() and not mail.outbox
    call_command("send_followup_reminders", "--date", "2013-06-01", stdout=out)
    call_command("send_followup_reminders", "--date", "2013-06-01", stdout=out)
    assert len(mail.outbox) == 3
    from django.core.management import CommandError
    with pytest.raises(CommandError):
        call_command("send_followup_reminders", "--date", "01/06/2013", stdout=out)


# --- the setting ----------------------------------------------------------------------------

URL = "/en/account/reminders/"


def test_members_turn_reminders_off_and_change_language(client, world, people):
    with translation.override("en"):
        assert reverse("tracking:reminder_settings") == URL
    client.force_login(people["isfahan"])
    assert client.get(URL).status_code == 200
    response = client.post(URL, {"language": "en"})  # checkbox left out = off
    assert response.status_code == 302
    membership = Membership.objects.get(user=people["isfahan"])
    assert not membership.receives_reminders and membership.language == "en"
    send_followup_reminders(DAY)
    assert not messages_to(people["isfahan"].email)
    client.post(URL, {"language": "fa", "receives_reminders": "on"})
    assert Membership.objects.get(user=people["isfahan"]).receives_reminders


def test_reminder_setting_is_for_members(client, world, people):
    response = client.get(URL)
    assert response.status_code == 302 and "/sign-in/" in response["Location"]
    client.force_login(people["outsider"])
    assert client.get(URL).status_code == 403
