from .followup import FollowUpLine, FollowUpReport, LineStatus, ReportSource
from .meetings import MeetingIndexPage, MeetingPage
from .resolutions import Resolution, ResolutionStatus
from .workspace import CalendarKey, WorkspaceVisit

__all__ = [
    "CalendarKey",
    "FollowUpLine",
    "FollowUpReport",
    "LineStatus",
    "ReportSource",
    "MeetingIndexPage",
    "MeetingPage",
    "Resolution",
    "ResolutionStatus",
    "WorkspaceVisit",
]
