"""Views of meetings' follow-up. Each module holds one area; the resolution page lives in followup."""

from .followup import can_report_on_line, post_report, resolution_page

__all__ = ["can_report_on_line", "post_report", "resolution_page"]
