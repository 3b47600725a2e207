"""From minutes to a meeting with its resolutions: what the admin preview and ``import_minutes`` share.

The parser (:mod:`resolutions.minutes`) knows nothing of the database; this module gives it the
organisations to match owners against, and turns what an editor confirmed into pages and rows in
one transaction.
"""

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from portal.dates import MONTH_NUMBERS as JALALI_MONTH_NAMES
from portal.dates import date_in_text, normalise_date_text
from portal.models import Organisation, OrganisationAlias
from portal.names import city_named_in, organisation_candidates
from portal.textnorm import fold_persian, to_latin_digits

from .minutes import decode_minutes, parse_minutes
from .models import MeetingIndexPage, MeetingPage, Resolution

IMPORT_REASON = "Imported from minutes"


class ImportRefused(ValueError):
    """The confirmed import cannot be saved; the message is meant for the editor."""


def owner_candidates(organisations=None):
    """Every organisation as a parser candidate (the ground's one list: names, learned spellings, cities)."""
    return organisation_candidates(organisations)


def read_minutes(*, text=None, data=None):
    """Parse pasted text or uploaded bytes (decoded first); raises MinutesError on bad input."""
    if data is not None:
        text = decode_minutes(data)
    return parse_minutes(text or "", owner_candidates())


def parsed_as_json(parsed):
    """The parser's result as plain data: what ``import_minutes --format json`` prints."""
    return [
        {
            "number": resolution.number,
            "text": resolution.text,
            "owners": [
                {"name": owner.name, "organisation": owner.organisation, "all_members": owner.all_members}
                for owner in resolution.owners
            ],
            "refers_to_meetings": list(resolution.refers_to_meetings),
        }
        for resolution in parsed.resolutions
    ]


_PARENTHESES = re.compile(r"[(（]([^()（）]+)[)）]")
_MONTH_WORD = re.compile("ماه|سال")
_NOT_A_PLACE = re.compile(r"\d+|\b(?:" + "|".join(JALALI_MONTH_NAMES) + r")\b|[،,؛;:/\-–.]")


def guess_host_city(title):
    """The place a title names in brackets: «… (همدان مهرماه ۱۳۹۱)» → «همدان»; "" if none."""
    if not title:
        return ""
    for inside in reversed(_PARENTHESES.findall(title)):
        place = _MONTH_WORD.sub(" ", to_latin_digits(fold_persian(inside)))
        place = _NOT_A_PLACE.sub(" ", place)
        if place := " ".join(place.split()):
            return place
    return ""


@dataclass
class MeetingHeader:
    """Where and when the minutes' heading says the meeting was held (what it does not say is empty)."""

    host_city: str = ""
    starts_on: object = None  # datetime.date
    day_given: bool = False  # False: the heading names a month, and starts_on is its first day


_HOST_CITY_LANGUAGE = {"fa": "fa", "en": "en", "zh": "zh-hans"}
_PLACE_TRIM = " ()（）[]،,，;؛:：-–—.。"
_MAX_PLACE_WORDS = 3
_MAX_PLACE_CHARS = 40


def read_header(parsed):
    """Host city and first day from the heading: «همدان مهرماه ۱۳۹۱», "Isfahan, 14 May 2025",
    "（二〇二四年十月，柳州）". The city is one of the portal's cities when a heading line names one
    (in any of its languages: it is given in the minutes' language), else the few words beside the date."""
    lines = parsed.header or ([parsed.title] if parsed.title else [])
    header = MeetingHeader()
    for line in lines:
        if (found := date_in_text(line)) is not None:
            header.starts_on, header.day_given = found.date, found.day_given
            header.host_city = _place_beside_date(line, found, parsed.language)
            break
    if not header.host_city:
        city = next(filter(None, (city_named_in(line) for line in lines)), None)
        header.host_city = _city_name(city, parsed.language) if city else guess_host_city(parsed.title)
    return header


def _place_beside_date(line, found, language):
    text = normalise_date_text(line)
    near = _bracket_around(text, found.span) or text
    if city := city_named_in(near):
        return _city_name(city, language)
    start, end = found.span
    rest = (near.replace(text[start:end], " ") if near != text else text[:start] + " " + text[end:])
    place = _MONTH_WORD.sub(" ", rest).strip(_PLACE_TRIM)
    return place if place and len(place.split()) <= _MAX_PLACE_WORDS and len(place) <= _MAX_PLACE_CHARS else ""


def _bracket_around(text, span):
    for match in _PARENTHESES.finditer(text):
        if match.start() <= span[0] and span[1] <= match.end():
            return match.group(1)
    return ""


def _city_name(city, language):
    return city.name_in(_HOST_CITY_LANGUAGE.get(language, "en")) or city.name


# --- What an editor confirmed -------------------------------------------------------------


@dataclass
class ConfirmedResolution:
    number: int
    text: str
    owners: list = field(default_factory=list)  # Organisation instances
    all_members: bool = False
    refers_to_meetings: list = field(default_factory=list)  # meeting ordinals
    is_public: bool = False
    due_on: object = None  # datetime.date
    # (owner as written, Organisation) the secretariat identified: remembered for the next minutes.
    learned_spellings: list = field(default_factory=list)


@dataclass
class ConfirmedMeeting:
    number: int
    title: str
    host_city: str
    starts_on: object  # datetime.date
    language: str = "fa"
    publish: bool = False
    resolutions: list = field(default_factory=list)  # ConfirmedResolution


def confirmed_from_parsed(parsed, *, number, title, host_city, starts_on, publish=False):
    """Take the parser's result as it stands (the command line has no preview to correct it)."""
    organisations = {org.slug: org for org in Organisation.objects.all()}
    return ConfirmedMeeting(
        number=number, title=title, host_city=host_city, starts_on=starts_on,
        language=parsed.language, publish=publish,
        resolutions=[
            ConfirmedResolution(
                number=item.number,
                text=item.text,
                owners=[organisations[o.organisation] for o in item.owners
                        if o.organisation in organisations],
                all_members=any(o.all_members for o in item.owners),
                refers_to_meetings=list(item.refers_to_meetings),
            )
            for item in parsed.resolutions
        ],
    )


def check_importable(meeting):
    """Refuse what would break a rule: a taken meeting number, repeated or empty resolutions."""
    if MeetingPage.objects.filter(number=meeting.number).exists():
        raise ImportRefused(_("Meeting %(number)s already exists. Choose another number.")
                            % {"number": meeting.number})
    numbers = [item.number for item in meeting.resolutions]
    if not numbers:
        raise ImportRefused(_("There is no resolution to import."))
    if len(set(numbers)) != len(numbers):
        repeated = sorted({n for n in numbers if numbers.count(n) > 1})
        raise ImportRefused(_("Resolution numbers repeat: %(numbers)s.")
                            % {"numbers": ", ".join(map(str, repeated))})
    if any(not item.text.strip() for item in meeting.resolutions):
        raise ImportRefused(_("Every resolution needs its text."))


def _free_slug(index, number):
    base = slugify(f"meeting-{number}") or "meeting"
    slug, n = base, 1
    while MeetingPage.objects.child_of(index).filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def import_meeting(meeting, *, user=None, index=None):
    """Create the meeting page and all its resolutions with owners, links and lines, or nothing."""
    check_importable(meeting)
    index = index or MeetingIndexPage.objects.first()
    if index is None:
        raise ImportRefused(_("There is no meetings index page to add the meeting to."))
    page = MeetingPage(
        title=meeting.title.strip() or f"Meeting {meeting.number}",
        slug=_free_slug(index, meeting.number),
        number=meeting.number,
        host_city=meeting.host_city,
        starts_on=meeting.starts_on,
        live=False,
    )
    index.add_child(instance=page)
    revision = page.save_revision(user=user, log_action=True)
    if meeting.publish:
        revision.publish(user=user)
        page.refresh_from_db()

    for item in meeting.resolutions:
        resolution = Resolution(
            meeting=page, number=item.number, text=item.text.strip(), language=meeting.language,
            owned_by_all_members=item.all_members, is_public=item.is_public, due_on=item.due_on,
        )
        resolution._change_reason = IMPORT_REASON
        resolution.save()
        resolution.owners.set(item.owners)
        earlier = MeetingPage.objects.filter(number__in=item.refers_to_meetings).exclude(pk=page.pk)
        resolution.follows_up_meetings.set(earlier)
        resolution.sync_lines()
        for spelling, organisation in item.learned_spellings:
            OrganisationAlias.objects.learn(organisation, spelling, user=user)
    return page
