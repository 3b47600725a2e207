from .followup import FollowUpLine, FollowUpReport, LineStatus
from .meetings import MeetingIndexPage, MeetingPage
from .resolutions import Resolution, ResolutionStatus

__all__ = [
    "FollowUpLine",
    "FollowUpReport",
    "LineStatus",
    "MeetingIndexPage",
    "MeetingPage",
    "Resolution",
    "ResolutionStatus",
]
