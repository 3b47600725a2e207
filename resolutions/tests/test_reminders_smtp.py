"""The daily digest, sent as production sends it: queued, then through SMTP to a real server."""

import datetime
import io

from django.core.management import call_command

from portal.models import Membership
from portal.tests.smtp import smtp_inbox  # noqa: F401 - a fixture
from resolutions.factories import ResolutionFactory, add_meeting

DAY = datetime.date(2013, 6, 1)


def test_each_person_reads_the_digest_in_their_own_language(site_tree, orgs, people, smtp_inbox):  # noqa: F811
    meeting = add_meeting(site_tree["meetings"], 9)
    ResolutionFactory(meeting=meeting, number=1, owners=[orgs["isfahan"]], text="Send the flood study.",
                      due_on=datetime.date(2013, 1, 1))
    ResolutionFactory(meeting=meeting, number=2, owners=[orgs["tehran"]], text="Share the drill plan.")
    Membership.objects.filter(user=people["isfahan"]).update(language="fa")
    Membership.objects.filter(user=people["tehran"]).update(language="zh-hans")

    call_command("send_followup_reminders", "--date", DAY.isoformat(), stdout=io.StringIO())

    [persian] = smtp_inbox.to(people["isfahan"].email)
    assert persian.recipients == [people["isfahan"].email]
    assert persian.subject == f"پیگیری \u2067{orgs['isfahan'].name_fa}\u2069: ۱ ردیف در دیرکرد"
    assert "همه مصوبات و وضعیت آن‌ها:" in persian.body  # "All resolutions and their status:"
    assert "Send the flood study." in persian.body and "۱۱ خرداد ۱۳۹۲" in persian.body  # 2013-06-01, Jalali
    assert "/fa/meetings/meeting-9/resolutions/1/" in persian.body

    [chinese] = smtp_inbox.to(people["tehran"].email)
    assert chinese.recipients == [people["tehran"].email]
    assert chinese.subject.endswith("的跟进：1 条仍未办结")  # "Follow-up for …: 1 line still open"
    assert "所有决议及其状态：" in chinese.body and "Share the drill plan." in chinese.body
    assert "/zh-hans/meetings/meeting-9/resolutions/2/" in chinese.body
    assert chinese.message["List-Unsubscribe"] == "<http://testserver/zh-hans/account/reminders/>"
    assert len(smtp_inbox.received) == 3  # and the secretariat's digest across the network
