from django import template

from portal.admin_words import stored_name as _stored_name

register = template.Library()


@register.filter
def stored_name(name):
    """A workflow's or task's stored name in the reader's language (portal.admin_words)."""
    return _stored_name(name)
