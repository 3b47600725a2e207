"""E-mail leaves through the task worker and reaches a real SMTP server (portal/mail.py)."""

import pytest
from django.core import mail
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.test import override_settings
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from portal import mail as queued_mail
from portal.checks import deployment_settings

from .smtp import free_port, smtp_inbox  # noqa: F401 - a fixture
from .worker import database_tasks, waiting  # noqa: F401 - a fixture

pytestmark = pytest.mark.worker  # run after the rest, in one process (scripts/test)

DELIVER = "portal.mail.deliver_email"


def test_a_message_survives_the_queue_unchanged():
    message = EmailMultiAlternatives(
        subject="گزارش پیگیری · 跟进报告", body="متن پیام\n\nSecond line", from_email="Portal <portal@example.org>",
        to=["isf@example.org"], cc=["cc@example.org"], bcc=["hidden@example.org"], reply_to=["sec@example.org"],
        headers={"List-Unsubscribe": "<https://portal.example.org/fa/account/reminders/>"},
    )
    message.attach_alternative("<p>متن پیام</p>", "text/html")
    message.attach("minutes.txt", "صورتجلسه", "text/plain")
    message.attach("map.png", b"\x89PNG\r\n\x1a\n\x00\xff", "image/png")

    again = queued_mail.from_data(queued_mail.to_data(message))
    for name in ("subject", "body", "from_email", "to", "cc", "bcc", "reply_to", "extra_headers", "alternatives",
                 "attachments"):
        assert getattr(again, name) == getattr(message, name), name
    assert again.recipients() == message.recipients()
    assert again.message().as_bytes().count(b"Content-Disposition: attachment") == 2


def test_queued_mail_is_sent_by_the_task_and_nothing_before(settings, database_tasks):  # noqa: F811
    settings.EMAIL_BACKEND = queued_mail.QUEUED_BACKEND
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert EmailMessage("Review requested", "Body", to=["sec@example.org"]).send() == 1
    assert mail.outbox == []  # the caller did not wait for delivery
    assert waiting(DELIVER).count() == 1

    database_tasks()
    [sent] = mail.outbox
    assert (sent.subject, sent.body, sent.to) == ("Review requested", "Body", ["sec@example.org"])
    assert DBTaskResult.objects.get(task_path=DELIVER).status == TaskResultStatus.SUCCESSFUL


def test_the_worker_delivers_through_smtp(smtp_inbox, database_tasks):  # noqa: F811
    EmailMessage("Workshop in Tabriz", "دستور جلسه پیوست است.", to=["teh@example.org"]).send()
    assert smtp_inbox.received == []
    database_tasks()
    [received] = smtp_inbox.received
    assert received.recipients == ["teh@example.org"]
    assert received.subject == "Workshop in Tabriz"
    assert received.body.strip() == "دستور جلسه پیوست است."


def test_a_mail_server_that_is_away_gets_the_message_later(smtp_inbox, database_tasks, settings, caplog):  # noqa: F811
    real_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = free_port()  # nothing listens there
    EmailMessage("Drill report", "Held", to=["sec@example.org"]).send()
    database_tasks()
    first = DBTaskResult.objects.get(task_path=DELIVER, status=TaskResultStatus.SUCCESSFUL)
    assert first.return_value == "retrying"
    [retry] = waiting(DELIVER)
    assert retry.args_kwargs["args"][1] == 2  # the second attempt
    assert retry.run_after > first.finished_at  # not before the delay
    assert "trying again in 60 s" in caplog.text

    settings.EMAIL_PORT = real_port
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=first.finished_at)  # the delay has passed
    database_tasks()
    assert [r.subject for r in smtp_inbox.received] == ["Drill report"]


def test_a_message_the_server_refuses_for_good_is_kept_in_a_failed_task(smtp_inbox, database_tasks):  # noqa: F811
    smtp_inbox.refuse_with = "554 Transaction failed: relaying denied"
    EmailMessage("Drill report", "Held", to=["sec@example.org"]).send()
    database_tasks()
    failed = DBTaskResult.objects.get(task_path=DELIVER)
    assert failed.status == TaskResultStatus.FAILED
    assert failed.args_kwargs["args"][0]["subject"] == "Drill report"  # still there to send again
    assert not waiting(DELIVER).exists()


@pytest.mark.parametrize("delivery, errors", [
    ("django.core.mail.backends.smtp.EmailBackend", []),
    ("django.core.mail.backends.console.EmailBackend", ["portal.E003"]),
])
def test_production_checks_look_at_how_the_worker_delivers(delivery, errors):
    with override_settings(PORTAL_PRODUCTION=True, PORTAL_BASE_URL="https://portal.example.org",
                           ALLOWED_HOSTS=["portal.example.org"], EMAIL_BACKEND=queued_mail.QUEUED_BACKEND,
                           EMAIL_DELIVERY_BACKEND=delivery):
        assert [m.id for m in deployment_settings()] == errors
