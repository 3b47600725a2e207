"""Which organisation an owner's name, as minutes or a letter write it, means.

One matcher for every caller (the minutes import and its preview, `import_minutes`, the API, the
document import): exact name or alias first, then a name one contains the other of, then the one
member office of a city the text names («شهرداری تهران», "Isfahan Crisis Management Office",
柳州市应急管理局), then the network's secretariat for its short names in any language («دبیرخانه»,
"Secretariat", 秘书处, 秘書處). "All metropolises" and its translations stay the "all members" owner.
What matches nothing gets suggestions, the organisations of a city the text names first.

The matcher itself is pure Python (:class:`OwnerMatcher` over :class:`OwnerCandidate`); the
organisations, their learned spellings and their cities come from :func:`organisation_candidates`.
"""

import difflib
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from portal.textnorm import HAN_RANGES, matching_key


@dataclass(frozen=True)
class OwnerCandidate:
    """One organisation the owners written in minutes can match."""

    key: str  # e.g. slug or primary key as string
    label: str  # display name
    names: tuple[str, ...]  # all names and aliases, any language
    city_names: tuple[str, ...] = ()  # a member city office: its city's names, any language
    is_network_secretariat: bool = False


@dataclass
class ParsedOwner:
    name: str  # the owner as written, without brackets or marker
    organisation: str | None  # the matched OwnerCandidate.key
    all_members: bool  # "all member cities" and the like
    suggestions: list[str]  # closest candidate keys when unmatched, best first, at most 3


# Several owners in one marker. Commas and the like separate them (unless the whole marker text is
# a known name). "و", "and", 和 and 及 may also sit inside one organisation's name, so a split
# there is undone when the name the whole text matches spans the conjunction.
_LIST_SEPARATOR = re.compile("[،,、；;，؛]")
_CONJUNCTION = re.compile(r"(\s+(?:و|and|&)\s+|以及|和|及)", re.IGNORECASE)
_MAX_PARTS_IN_NAME = 6  # «سازمان پیشگیری و مدیریت بحران تهران» has two
_OWNER_TRIM = " \t.。،,;؛:：、-–—\"'«»“”‘’"
_SPACES = re.compile(r"\s+")

_SUGGESTION_THRESHOLD = 0.5
_MAX_SUGGESTIONS = 3
_SIMILARITY_CHARS = 200  # owner text beyond this says nothing more about which body it is
_NAMED_CITY_BONUS = 2.0  # above any similarity (at most 1) and containment (1): the city decides

_HAN_CHAR = re.compile(f"([{HAN_RANGES}])")

# Owner names repeat from item to item: normalise each spelling once.
_key = functools.lru_cache(maxsize=4096)(matching_key)


def _compact(key: str) -> str:
    """A matching key without spaces: «کلان شهرها» and «کلان‌شهرها» meet here."""
    return key.replace(" ", "")


def _words(key: str) -> str:
    """The key as " w w w ", each Chinese character a word, for whole-word containment."""
    return " " + " ".join(_HAN_CHAR.sub(r" \1 ", key).split()) + " "


def clean_owner(text: str) -> str:
    """An owner text without surrounding punctuation, quotes and extra spaces."""
    return _SPACES.sub(" ", text).strip().strip(_OWNER_TRIM)


def owner_identity(owner: ParsedOwner) -> str:
    """What two mentions of the same owner share (for dropping repeats)."""
    return owner.organisation or ("*all*" if owner.all_members else "?" + _key(owner.name))


ALL_MEMBERS = frozenset(
    _compact(matching_key(phrase))
    for phrase in (
        *(f"{every} {cities}" for every in ("کلیه", "همه", "تمام", "تمامی")
          for cities in ("کلان شهرها", "کلان شهرهای کشور", "کلان شهرهای عضو", "شهرهای عضو")),
        "all metropolises", "all member metropolises", "all member cities", "all metropolitan cities",
        "all members",
        "所有成员城市", "各成员城市", "全体成员城市", "各特大城市", "所有特大城市",
        "所有成員城市", "各成員城市", "全體成員城市",
    )
)

# The network secretariat's short names; a text holding one (and naming nothing more precise) is it.
SECRETARIAT_WORDS = tuple(_words(matching_key(word)) for word in ("دبیرخانه", "secretariat", "秘书处", "秘書處"))


@dataclass(frozen=True)
class _Name:
    candidate: str  # OwnerCandidate.key
    key: str  # matching_key of the name
    words: str  # _words(key)


class OwnerMatcher:
    """Matches owner texts to candidates (see the module's docstring for the order)."""

    def __init__(self, candidates: Sequence[OwnerCandidate]):
        self._names = [
            _Name(candidate.key, key, _words(key))
            for candidate in candidates
            for name in (candidate.label, *candidate.names)
            if (key := matching_key(name))
        ]
        self._exact: dict[str, str] = {}
        for name in self._names:
            self._exact.setdefault(_compact(name.key), name.candidate)  # first candidate wins a shared alias
        self._city_names = [
            _Name(candidate.key, key, _words(key))
            for candidate in candidates
            for name in candidate.city_names
            if (key := matching_key(name))
        ]
        secretariats = [candidate.key for candidate in candidates if candidate.is_network_secretariat]
        self._secretariat = secretariats[0] if secretariats else None
        self._cache: dict[str, tuple[str | None, tuple[str, ...]]] = {}

    def owners(self, owner_text: str) -> list[ParsedOwner]:
        """The owners in one marker's text, as written, each matched or with suggestions."""
        text = clean_owner(owner_text)
        if not text:
            return []
        if owner := self._exact_owner(text):
            return [owner]
        pieces = filter(None, map(clean_owner, _LIST_SEPARATOR.split(text)))
        return [owner for piece in pieces for owner in self._owners_in_piece(piece)]

    def owner(self, name: str) -> ParsedOwner:
        """One owner text taken whole (no splitting at commas or conjunctions)."""
        name = clean_owner(name)
        if owner := self._exact_owner(name):
            return owner
        key = _key(name)
        if key not in self._cache:
            found = self._found(key)
            suggestions = () if found else tuple(self._suggestions(key))
            self._cache[key] = (found, suggestions)
        organisation, suggestions = self._cache[key]
        return ParsedOwner(name, organisation, False, list(suggestions))

    def _found(self, key: str) -> str | None:
        if name := self._containing(key):
            return name.candidate
        return self._secretariat_named(key) or self._city_office_named(key)

    def _owners_in_piece(self, piece: str) -> list[ParsedOwner]:
        if owner := self._exact_owner(piece):
            return [owner]
        parts = self._owners_between_conjunctions(piece)
        if len(parts) > 1 and not self._name_spans_parts(piece, parts):
            return parts
        return [self.owner(piece)]

    def _owners_between_conjunctions(self, piece: str) -> list[ParsedOwner]:
        # Names sit at even positions, conjunctions at odd ones. The longest run of names that
        # is exactly a known name stays together («… پیشگیری و مدیریت بحران تهران»).
        chunks = _CONJUNCTION.split(piece)
        compacts = [_compact(_key(chunk)) for chunk in chunks]  # of a run: joined
        count = len(chunks) // 2 + 1
        owners, i = [], 0
        while i < count:
            for j in range(min(count, i + _MAX_PARTS_IN_NAME), i + 1, -1):
                compact = "".join(compacts[2 * i:2 * j - 1])
                if compact in self._exact or compact in ALL_MEMBERS:
                    owners.append(self._exact_owner(clean_owner("".join(chunks[2 * i:2 * j - 1]))))
                    i = j
                    break
            else:
                if name := clean_owner(chunks[2 * i]):
                    owners.append(self.owner(name))
                i += 1
        return owners

    def _name_spans_parts(self, piece: str, parts: list[ParsedOwner]) -> bool:
        """Whether the name the whole piece contains (or lies in) crosses a conjunction, as
        «住房和城乡建设局» does in «市住房和城乡建设局»: then splitting there would be wrong."""
        name = self._containing(_key(piece))
        return bool(name) and not any(name.words in _words(_key(part.name)) for part in parts)

    def _exact_owner(self, name: str) -> ParsedOwner | None:
        compact = _compact(_key(name))
        if compact in ALL_MEMBERS:
            return ParsedOwner(name, None, True, [])
        if organisation := self._exact.get(compact):
            return ParsedOwner(name, organisation, False, [])
        return None

    def _containing(self, key: str) -> _Name | None:
        """The name sharing the longest stretch with the owner text, where one of the two
        contains the other; None when candidates tie. So «دبیرخانه مرکزی» goes to
        «دبیرخانه مرکزی نشست شهرداران» rather than to a body called just «دبیرخانه»."""
        words = _words(key)
        longest, best = 0, {}
        for name in self._names:
            if name.words in words:
                shared = len(name.key)
            elif words in name.words:
                shared = len(key)
            else:
                continue
            if shared > longest:
                longest, best = shared, {}
            if shared == longest:
                best.setdefault(name.candidate, name)
        return next(iter(best.values())) if len(best) == 1 else None

    def _secretariat_named(self, key: str) -> str | None:
        words = _words(key)
        if self._secretariat and any(word in words for word in SECRETARIAT_WORDS):
            return self._secretariat
        return None

    def _offices_of_named_city(self, key: str) -> set[str]:
        words = _words(key)
        return {name.candidate for name in self._city_names if name.words in words}

    def _city_office_named(self, key: str) -> str | None:
        """The member office of the city the text names, when that city has exactly one."""
        offices = self._offices_of_named_city(key)
        return next(iter(offices)) if len(offices) == 1 else None

    def _suggestions(self, key: str) -> list[str]:
        key = key[:_SIMILARITY_CHARS]
        words = _words(key)
        similarity = difflib.SequenceMatcher(None, b=key)
        scores: dict[str, float] = {}
        for name in self._names:
            similarity.set_seq1(name.key)
            contained = words in name.words or name.words in words
            # The quick upper bounds skip most names without the full comparison.
            if not contained and (similarity.real_quick_ratio() < _SUGGESTION_THRESHOLD
                                  or similarity.quick_ratio() < _SUGGESTION_THRESHOLD):
                continue
            ratio = similarity.ratio()
            if not contained and ratio < _SUGGESTION_THRESHOLD:
                continue
            score = ratio + contained  # names in a containment tie come first
            scores[name.candidate] = max(score, scores.get(name.candidate, 0.0))
        for office in self._offices_of_named_city(key):  # the city the text names comes first
            scores[office] = scores.get(office, 0.0) + _NAMED_CITY_BONUS
        return sorted(scores, key=scores.__getitem__, reverse=True)[:_MAX_SUGGESTIONS]


# --- The portal's organisations as candidates ------------------------------------------------


def organisation_candidates(organisations: Iterable | None = None) -> list[OwnerCandidate]:
    """Every organisation (or those given) with all its names, learned spellings and, for a member
    city office, its city's names in every language; keyed by slug."""
    from portal.models import City, Organisation, OrganisationKind

    if organisations is None:
        organisations = Organisation.objects.prefetch_related("learned_aliases")
    return [
        OwnerCandidate(
            key=org.slug,
            label=org.name_in("en") or org.slug,
            names=tuple(org.all_names()),
            city_names=_city_names(org, City) if org.is_member_metropolis else (),
            is_network_secretariat=org.kind == OrganisationKind.NETWORK_SECRETARIAT and org.is_active,
        )
        for org in organisations
    ]


def _city_names(organisation, city_model) -> tuple[str, ...]:
    if not organisation.city.strip():
        return ()
    city = city_model.named(organisation.city)
    return tuple(city.all_names()) if city else (organisation.city,)


def owner_matcher(organisations: Iterable | None = None) -> OwnerMatcher:
    return OwnerMatcher(organisation_candidates(organisations))


def match_organisation(text: str, organisations: Iterable | None = None):
    """The organisation one owner text names (taken whole), or None; with every caller's rules."""
    from portal.models import Organisation

    found = owner_matcher(organisations).owner(text or "")
    if not found.organisation:
        return None
    return Organisation.objects.filter(slug=found.organisation).first()


# --- Cities named in a text ------------------------------------------------------------------


def city_named_in(text: str):
    """The portal's city a text names (any of its names or spellings, in any language), or None;
    the longest name wins («شهرداری تهران» → Tehran, "（二〇二四年十月，柳州）" → Liuzhou)."""
    from portal.models.taxonomy import city_keys

    words = _words(matching_key(text or ""))
    named = [(len(key), city) for key, city in city_keys().items() if key and _words(key) in words]
    return max(named, key=lambda found: found[0])[1] if named else None
