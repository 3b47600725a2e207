from .api_tokens import ApiToken
from .content_version import ContentVersion
from .names import MultilingualName
from .organisations import Organisation, OrganisationKind
from .pages import HomePage
from .people import Membership
from .taxonomy import City, Hazard, Phase

__all__ = [
    "ApiToken",
    "City",
    "ContentVersion",
    "HomePage",
    "Hazard",
    "Membership",
    "MultilingualName",
    "Organisation",
    "OrganisationKind",
    "Phase",
]
