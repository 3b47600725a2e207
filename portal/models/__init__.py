from .api_tokens import ApiToken
from .names import MultilingualName
from .organisations import Organisation, OrganisationKind
from .pages import HomePage
from .people import Membership
from .taxonomy import Hazard, Phase

__all__ = [
    "ApiToken",
    "HomePage",
    "Hazard",
    "Membership",
    "MultilingualName",
    "Organisation",
    "OrganisationKind",
    "Phase",
]
