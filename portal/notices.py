"""E-mails to people, each written whole in the recipient's language.

A notice is composed under the recipient's language (`language_of`): subject, sentences and links.
Names, titles and comments written in another language are set apart from the sentence around them
(`Foreign`: Unicode isolates in the text part, <bdi lang> in the HTML part), so a Persian sentence
stays Persian around an English title. Every link starts with PORTAL_BASE_URL and leads to the
page where the recipient acts.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from . import dates
from .addresses import absolute_url


def language_of(user):
    """The language a person reads e-mails in: the one chosen for the portal's e-mails (membership),
    else the admin's preferred language, else the site's default."""
    from wagtail.users.models import UserProfile

    known = dict(settings.LANGUAGES)
    membership = getattr(user, "membership", None) if user.pk else None
    if membership is not None and membership.language in known:
        return membership.language
    preferred = UserProfile.get_for_user(user).preferred_language if user.pk else ""
    return preferred if preferred in known else settings.LANGUAGE_CODE


def link(path):
    """A link into the portal for an e-mail: at PORTAL_BASE_URL, whatever host a request came on."""
    return absolute_url(path)


def link_to(url_name, *args, **kwargs):
    """`link` to a named URL, in the language active while the notice is composed."""
    return link(reverse(url_name, args=args or None, kwargs=kwargs or None))


# --- words in another language ---------------------------------------------------------------------

@dataclass
class Foreign:
    """A name, title or comment as its author wrote it, set apart from the notice's own sentences."""

    text: str
    language: str = ""  # a language code when known; otherwise the script tells

    def __post_init__(self):
        self.text = "" if self.text is None else str(self.text)
        if not self.language:
            self.language = dates.written_in(self.text)[1] or ""

    @classmethod
    def name(cls, value):
        """A multilingual name (organisation, city) as this reader gets it, or a plain name."""
        text, language = dates.written_in(value)
        return cls(text, language or "")

    @classmethod
    def person(cls, user):
        return cls(user.get_full_name() or user.get_username())

    def as_text(self):
        return dates.isolate(self.text, dates.text_direction(self.language))

    def as_html(self):
        tag = dates.html_lang(self.language)
        if tag:
            return format_html('<bdi lang="{}" dir="{}">{}</bdi>', tag, dates.text_direction(self.language), self.text)
        return format_html("<bdi>{}</bdi>", self.text)


def _text(value):
    return value.as_text() if isinstance(value, Foreign) else dates.local_digits_in_text(str(value))


def _html(value):
    return value.as_html() if isinstance(value, Foreign) else escape(dates.local_digits_in_text(str(value)))


@dataclass
class Sentence:
    """A translated sentence with %(name)s places for values (Foreign ones are set apart)."""

    message: str
    values: dict = field(default_factory=dict)

    def as_text(self):
        message = dates.local_digits_in_text(str(self.message))
        return message % {k: _text(v) for k, v in self.values.items()} if self.values else message

    def as_html(self):
        message = escape(dates.local_digits_in_text(str(self.message)))
        if self.values:
            message = message % {k: _html(v) for k, v in self.values.items()}
        return mark_safe(message)  # noqa: S308 - every part was escaped above

    def __str__(self):
        return self.as_text()


def say(message, **values):
    return Sentence(message, values)


@dataclass
class Action:
    """A link with what it is for: "Review it here:" https://…"""

    label: str
    url: str


@dataclass
class Entry:
    """One line of a list: its sentences (or texts as written) and where it leads."""

    parts: list
    url: str = ""


@dataclass
class Section:
    heading: Sentence
    entries: list = field(default_factory=list)  # Entries


@dataclass
class Notice:
    """What one e-mail says, already in the recipient's language."""

    subject: Sentence
    paragraphs: list = field(default_factory=list)  # Sentences
    quote: Foreign | None = None  # e.g. the reviewer's comment, as written
    items: list = field(default_factory=list)  # Foreign texts listed one per line
    sections: list = field(default_factory=list)  # Sections: headed lists (a digest's lines)
    actions: list = field(default_factory=list)  # Actions; the first is where the recipient acts
    footer: list = field(default_factory=list)  # Sentences: why this e-mail came
    footer_action: Action | None = None  # where to choose which e-mails come


def greeting(user):
    return say(translation.gettext("Hello %(name)s,"), name=Foreign.person(user))


def signature():
    from .models import Network

    return Foreign(Network.load().name_in(translation.get_language()),
                   translation.get_language())


def email_for(user, compose, *, headers=None):
    """The e-mail `compose()` writes for `user`, composed and rendered in the user's language
    (`headers`, a function, gives headers whose links are in that language too)."""
    language = language_of(user)
    with translation.override(language):
        notice = compose()
        headers = headers() if headers else {}
        context = {
            "notice": notice, "greeting": greeting(user), "signature": signature(),
            "lang": dates.html_lang(language), "dir": dates.text_direction(language),
        }
        subject = " ".join(notice.subject.as_text().split())
        text = render_to_string("portal/email/notice.txt", context)
        html = render_to_string("portal/email/notice.html", context)
    message = EmailMultiAlternatives(
        subject=subject, body=text, from_email=notification_sender(), to=[user.email],
        headers={"Auto-Submitted": "auto-generated", **headers},
    )
    message.attach_alternative(html, "text/html")
    return message


def notification_sender():
    return getattr(settings, "WAGTAILADMIN_NOTIFICATION_FROM_EMAIL", None) or settings.DEFAULT_FROM_EMAIL
