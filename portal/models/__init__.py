from .aliases import OrganisationAlias
from .api_tokens import ApiToken
from .content_version import ContentVersion
from .names import MultilingualName
from .network import Network
from .organisations import Organisation, OrganisationKind
from .pages import HomePage, PageText, TranslatedPage
from .people import Membership
from .taxonomy import City, Hazard, Phase
from .thesaurus import Concept, ConceptGroup

__all__ = [
    "ApiToken",
    "City",
    "Concept",
    "ConceptGroup",
    "ContentVersion",
    "HomePage",
    "Hazard",
    "Membership",
    "MultilingualName",
    "Network",
    "Organisation",
    "OrganisationAlias",
    "OrganisationKind",
    "PageText",
    "Phase",
    "TranslatedPage",
]
