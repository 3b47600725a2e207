"""A real SMTP server for the mail tests (aiosmtpd, on a free local port), and Django pointed at it.

`smtp_inbox` starts the server, sets the portal to send as production does (the queued backend,
delivering with Django's SMTP backend to that server) and yields the inbox: what arrived, as the
recipients' mail programs would read it.
"""

import email
import email.policy
import socket
from dataclasses import dataclass

import pytest
from aiosmtpd.controller import Controller


@dataclass
class Received:
    sender: str
    recipients: list
    message: email.message.EmailMessage

    @property
    def subject(self):
        # A long encoded subject is folded onto the next line; the space left in front means nothing.
        return str(self.message["Subject"]).strip()

    @property
    def body(self):
        return self.message.get_body(preferencelist=("plain",)).get_content()


class Inbox:
    """An aiosmtpd handler that keeps every message it is given."""

    def __init__(self):
        self.received = []
        self.refuse_with = None  # an SMTP answer ("451 ...") to give instead of taking messages

    async def handle_DATA(self, server, session, envelope):
        if self.refuse_with:
            return self.refuse_with
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def to(self, address):
        return [r for r in self.received if address in r.recipients]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_inbox(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "portal.mail.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = controller.hostname, controller.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 10
    yield inbox
    controller.stop()
