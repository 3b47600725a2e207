"""E-mail leaves through the task worker, so that no request waits for the mail server.

`EMAIL_BACKEND` is `QueuedEmailBackend`: whatever the portal, Wagtail or Django sends (review
notifications, follow-up reminders, password resets) becomes a `deliver_email` task, stored with
the request's own transaction, so a change that is rolled back sends nothing. The worker hands
each message to `EMAIL_DELIVERY_BACKEND` (the `EMAIL_BACKEND` environment variable: SMTP in
production, the console in development). A mail server that cannot take a message now (down,
or a 4xx answer) gets it again later, a few times; one that refuses it for good (5xx) leaves it
in a failed task, with the message in its arguments, for an administrator to see.
"""

import base64
import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

QUEUED_BACKEND = "portal.mail.QueuedEmailBackend"
# Seconds before each new try of a delivery the mail server could not take; then it fails.
RETRY_DELAYS = (60, 600, 3600, 6 * 3600)


def delivery_backend():
    """The backend that really delivers: EMAIL_DELIVERY_BACKEND behind the queue, else EMAIL_BACKEND."""
    if settings.EMAIL_BACKEND == QUEUED_BACKEND:
        return getattr(settings, "EMAIL_DELIVERY_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
    return settings.EMAIL_BACKEND


# --- a message as task arguments (JSON) and back ---------------------------------------------------

def to_data(message):
    """A message as JSON-ready data; TypeError for a part the queue cannot carry (a MIME object)."""
    attachments = []
    for attachment in message.attachments:
        if not isinstance(attachment, tuple):
            raise TypeError(f"a {type(attachment).__name__} attachment")
        filename, content, mimetype = attachment
        if isinstance(content, bytes):
            attachments.append({"filename": filename, "mimetype": mimetype,
                                "base64": base64.b64encode(content).decode("ascii")})
        else:
            attachments.append({"filename": filename, "mimetype": mimetype, "text": str(content)})
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": str(message.from_email),
        "to": [str(a) for a in message.to],
        "cc": [str(a) for a in message.cc],
        "bcc": [str(a) for a in message.bcc],
        "reply_to": [str(a) for a in message.reply_to],
        "headers": {str(k): str(v) for k, v in message.extra_headers.items()},
        "alternatives": [[str(content), mimetype] for content, mimetype in getattr(message, "alternatives", ())],
        "attachments": attachments,
        "encoding": message.encoding,
        "content_subtype": message.content_subtype,
        "mixed_subtype": message.mixed_subtype,
        "alternative_subtype": getattr(message, "alternative_subtype", "alternative"),
    }


def from_data(data):
    """The message `to_data` described, ready for any e-mail backend."""
    message = EmailMultiAlternatives(
        subject=data["subject"], body=data["body"], from_email=data["from_email"], to=data["to"],
        cc=data["cc"], bcc=data["bcc"], reply_to=data["reply_to"], headers=data["headers"],
        alternatives=data["alternatives"],
    )
    for attachment in data["attachments"]:
        content = base64.b64decode(attachment["base64"]) if "base64" in attachment else attachment["text"]
        message.attach(attachment["filename"], content, attachment["mimetype"])
    message.encoding = data["encoding"]
    message.content_subtype = data["content_subtype"]
    message.mixed_subtype = data["mixed_subtype"]
    message.alternative_subtype = data["alternative_subtype"]
    return message


# --- sending -----------------------------------------------------------------------------------

def _connection():
    backend = delivery_backend()
    if backend == QUEUED_BACKEND:
        raise ImproperlyConfigured("EMAIL_DELIVERY_BACKEND must deliver, not queue again.")
    return get_connection(backend, fail_silently=False)


def _temporary(error):
    """True when the mail server may take the message later (down, busy, a 4xx answer)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    return isinstance(error, (smtplib.SMTPServerDisconnected, OSError))


@task()
def deliver_email(message, attempt=1):
    """Deliver one queued message; try again later when the server cannot take it now."""
    email = from_data(message)
    try:
        _connection().send_messages([email])
    except (smtplib.SMTPException, OSError) as error:
        recipients = ", ".join(email.recipients())
        backend = deliver_email.get_backend()
        if not (attempt <= len(RETRY_DELAYS) and _temporary(error) and backend.supports_defer):
            logger.error("E-mail %r to %s not delivered: %s", email.subject, recipients, error)
            raise
        delay = RETRY_DELAYS[attempt - 1]
        deliver_email.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(message, attempt + 1)
        logger.warning("E-mail %r to %s not delivered (%s); trying again in %s s.", email.subject, recipients,
                       error, delay)
        return "retrying"
    return "sent"


class QueuedEmailBackend(BaseEmailBackend):
    """Puts every message on the task queue; the worker delivers it (`deliver_email`)."""

    def send_messages(self, email_messages):
        queued = 0
        for message in email_messages:
            if not message.recipients():
                continue
            try:
                data = to_data(message)
            except TypeError as reason:
                # Not lost for want of a queue: sent as it is, now.
                logger.warning("E-mail %r sent without the queue: it has %s.", message.subject, reason)
                queued += _connection().send_messages([message]) or 0
                continue
            try:
                deliver_email.enqueue(data)
            except Exception:
                if not self.fail_silently:
                    raise
                logger.exception("E-mail %r could not be queued.", message.subject)
                continue
            queued += 1
        return queued
