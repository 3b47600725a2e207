"""Request and response shapes of the API (they make the OpenAPI schema)."""

import datetime
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import StringConstraints, field_validator

from portal.addresses import MAX_URL_LENGTH

# --- values a filter accepts -------------------------------------------------------------------

SLUG_PATTERN = r"^[-a-zA-Z0-9_]{1,80}$"
MAX_VALUES = 20  # values of one repeated filter (?hazard=a&hazard=b…)
MAX_ID = 2**63 - 1

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
City = Annotated[str, StringConstraints(min_length=1, max_length=120, pattern=r"^[^\x00-\x1f\x7f]+$")]
Year = Annotated[int, Field(ge=1000, le=2999)]
OwnerName = Annotated[str, StringConstraints(min_length=1, max_length=255, pattern=r"^[^\x00-\x1f\x7f]+$")]
MeetingNumber = Annotated[int, Field(ge=1, le=32767)]

# The kinds' names as the knowledge listing's URLs and search use them (knowledge/kinds.py).
KnowledgeKind = Literal["study", "training", "report"]
# Names the API used before; still accepted in filters so that old links keep working.
OLD_KIND_NAMES = {"training_experience": "training", "experience_report": "report"}
DocumentLanguage = Literal["fa", "en", "zh", "other"]
ResolutionLanguage = Literal["fa", "en", "zh"]
ResolutionStatusValue = Literal["open", "in_progress", "done", "cancelled", "carried_over"]
LineStatusValue = Literal["open", "in_progress", "done"]
OrganisationKindValue = Literal[
    "city_office", "network_secretariat", "central_secretariat", "national_body", "other"
]


def _values(description):
    return Field(default_factory=list, max_length=MAX_VALUES, description=description)


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=10_000, description="Page number, from 1.")
    page_size: int = Field(20, ge=1, le=100, description="Results per page (at most 100).")


class MeetingFilters(PageQuery):
    organisation: list[Slug] = _values("Participating organisation (slug); repeat for any of several.")
    city: list[City] = _values("Host city, as written on the meeting.")
    year: list[Year] = _values("Year the meeting began.")


class ResolutionFilters(PageQuery):
    meeting: list[MeetingNumber] = _values("Meeting number (9 for the 9th meeting).")
    organisation: list[Slug] = _values("Owner organisation (slug), including “all member metropolises”.")
    city: list[City] = _values("Host city of the meeting.")
    hazard: list[Slug] = _values("Hazard (slug).")
    lang: list[ResolutionLanguage] = _values("Language of the adopted text.")
    year: list[Year] = _values("Year of the meeting.")
    status: list[ResolutionStatusValue] = _values("Follow-up status.")
    overdue: bool | None = Field(None, description="Only (true) or no (false) overdue resolutions.")


class KnowledgeFilters(PageQuery):
    type: list[KnowledgeKind] = _values("Kind of knowledge item.")

    @field_validator("type", mode="before")
    @classmethod
    def renamed_kinds(cls, values):
        if isinstance(values, str):
            values = [values]
        return [OLD_KIND_NAMES.get(v, v) if isinstance(v, str) else v for v in values or []]

    organisation: list[Slug] = _values("Submitting organisation (slug).")
    city: list[City] = _values("City of the submitting organisation.")
    hazard: list[Slug] = _values("Hazard (slug).")
    phase: list[Slug] = _values("Crisis-management phase (slug).")
    lang: list[DocumentLanguage] = _values("Document language.")
    year: list[Year] = _values("Year of the document (or of its publication).")


class OrganisationFilters(PageQuery):
    kind: list[OrganisationKindValue] = _values("Kind of organisation.")
    city: list[City] = _values("City.")
    active: bool | None = Field(None, description="Current (true) or former (false) members.")
    name: OwnerName | None = Field(
        None, description="A name or spelling as minutes and letters write it, in any language (e.g. "
        "«شهرداری تهران», \"Secretariat\", 柳州市应急管理局): the one organisation it means, by the rule the "
        "minutes import uses; none when it names no organisation or all member cities.")


# --- what the API returns ----------------------------------------------------------------------

class Error(Schema):
    detail: str


class ValidationErrors(Schema):
    detail: list[dict]


class Names(Schema):
    fa: str
    en: str
    zh: str


class OrganisationRef(Schema):
    slug: str
    name: str
    names: Names


class Term(Schema):
    slug: str
    name: str
    names: Names


class Organisation(Schema):
    slug: str
    name: str
    names: Names
    kind: OrganisationKindValue
    city: str
    country: str
    joined_on: datetime.date | None
    is_active: bool
    website: str
    url: str
    contact_email: str | None = Field(None, description="Members only; absent for the public.")


class MeetingSummary(Schema):
    number: int
    title: str
    host_city: str
    location: str
    starts_on: datetime.date
    ends_on: datetime.date | None
    url: str


class Meeting(MeetingSummary):
    summary: str = Field(description="Plain text.")
    participants: list[OrganisationRef]
    resolution_count: int = Field(description="Resolutions the caller may see.")
    adopted_count: int = Field(description="Every resolution the meeting adopted, internal ones included "
                                           "(resolution_count of adopted_count are shown to the caller).")


class ResolutionRef(Schema):
    id: int
    meeting: int
    number: int


class FollowUpLineOut(Schema):
    organisation: OrganisationRef
    status: LineStatusValue
    closed_on: datetime.date | None


class TranslatedText(Schema):
    title: str = Field(description="\"\" for a resolution, which has no title of its own")
    summary: str


TRANSLATIONS = Field(description="The title and summary people wrote in other interface languages "
                                 "(fa, en, zh-hans, zh-hant) than the original's, by language.")


class Resolution(Schema):
    id: int
    meeting: MeetingSummary
    number: int
    text: str
    language: str
    english_summary: str
    translations: dict[str, TranslatedText] = TRANSLATIONS
    owners: list[OrganisationRef]
    owned_by_all_members: bool
    status: ResolutionStatusValue
    status_label: str
    due_on: datetime.date | None
    overdue: bool
    closed_on: datetime.date | None
    is_public: bool
    hazards: list[Term]
    carried_over_to: ResolutionRef | None
    url: str
    lines: list[FollowUpLineOut] | None = Field(
        None, description="Each owner's follow-up status: members only; absent for the public."
    )


class KnowledgeDocumentOut(Schema):
    title: str
    url: str


class KnowledgeItem(Schema):
    id: int
    type: KnowledgeKind
    type_label: str
    title: str
    summary: str
    english_summary: str
    translations: dict[str, TranslatedText] = TRANSLATIONS
    authors: str
    language: str
    document_date: datetime.date | None
    year: int | None
    organisation: OrganisationRef
    hazards: list[Term]
    phases: list[Term]
    audience: str
    visibility: Literal["public", "members"]
    source_url: str = Field(max_length=MAX_URL_LENGTH,
                            description="Where the document was first published (\"\" when unknown).")
    answers_resolution: ResolutionRef | None
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None
    study_type: str | None
    people_trained: int | None
    event_date: datetime.date | None
    documents: list[KnowledgeDocumentOut]
    url: str


class Paged(Schema):
    count: int
    next: str | None
    previous: str | None


class MeetingPage(Paged):
    results: list[Meeting]


class ResolutionPage(Paged):
    results: list[Resolution]


class KnowledgePage(Paged):
    results: list[KnowledgeItem]


class OrganisationPage(Paged):
    results: list[Organisation]


class MeetingDetail(Meeting):
    resolutions: list[ResolutionRef]


# --- writing -----------------------------------------------------------------------------------

class ReportIn(Schema):
    resolution: int = Field(ge=1, le=MAX_ID, description="The resolution's id (as in /api/resolutions/).")
    text: str = Field(min_length=1, max_length=20_000, description="What has been done.")
    status: LineStatusValue = Field(description="Your organisation's follow-up status after this report.")

    model_config = {"extra": "forbid"}

    @field_validator("text")
    @classmethod
    def clean_text(cls, value):
        value = value.strip()
        if not value:
            raise ValueError("The report is empty.")
        if any(ord(c) < 32 and c not in "\n\r\t" or ord(c) == 0x7F for c in value):
            raise ValueError("The report contains control characters.")
        return value


class ReportOut(Schema):
    id: int
    resolution: int
    organisation: str = Field(description="Slug of the token's organisation.")
    text: str
    status: LineStatusValue
    reported_on: datetime.date
    resolution_status: ResolutionStatusValue
