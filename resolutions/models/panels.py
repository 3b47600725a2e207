"""How the admin shows what it does not edit: fields the status rule derives and the secretariat's
decisions (who, when, why)."""

import datetime

from wagtail.admin.panels import FieldPanel

from portal.dates import format_date, format_datetime


class ShownPanel(FieldPanel):
    """Read-only, with its help text saying where the value comes from; empty shows as "—", times in
    the portal's time zone."""

    def __init__(self, field_name, **kwargs):
        kwargs["read_only"] = True
        super().__init__(field_name, **kwargs)

    def format_value_for_display(self, value):
        if value is None or value == "":
            return "—"
        if isinstance(value, datetime.datetime):
            return format_datetime(value)
        if isinstance(value, datetime.date):
            return format_date(value)
        return super().format_value_for_display(value)
