"""When a city's answer to a resolution is published, its open follow-up line moves to "in progress"."""

from django.utils.translation import gettext as _
from wagtail.signals import page_published

from resolutions.models import LineStatus


def mark_line_in_progress(item):
    """Record a report on the submitting city's line if it was still open; return the report or None."""
    resolution = item.answers_resolution
    if resolution is None:
        return None
    line = resolution.lines.filter(organisation=item.organisation, status=LineStatus.OPEN).first()
    if line is None:
        return None
    text = _("Shared on the portal and approved by the secretariat: %(title)s %(url)s") % {
        "title": item.title, "url": item.full_url or "",
    }
    return line.record_report(author=item.owner, text=text, status=LineStatus.IN_PROGRESS)


def answer_published(sender, instance, **kwargs):
    from .models import KnowledgeItem

    if isinstance(instance, KnowledgeItem):
        mark_line_in_progress(instance)


def connect():
    page_published.connect(answer_published, dispatch_uid="knowledge_answer_published")
