"""The thesaurus at work: which concepts a text mentions, in any of its languages and spellings.

Concepts (portal.models.Concept) carry labels in Persian, Simplified and Traditional Chinese and
English. A text mentions a concept when one of its labels stands in it, compared by
`textnorm.matching_key` (Arabic/Persian letters, digits, ZWNJ, case and punctuation folded), a
Persian label also with its spaces left out («زمین لرزه» = «زمینلرزه») and with a plural or
possessive ending («سامانه‌های»), an English label also in the plural, a Chinese label anywhere
in a run of Han characters. Search tags documents with the concepts they mention and widens a
query by the labels of the concepts it mentions (search/queries.py).

The matcher is built once per process from the database and rebuilt when a concept changes here,
or at the latest `MATCHER_SECONDS` after a change made by another process.
"""

import json
import re
import time
from dataclasses import dataclass
from pathlib import Path

from portal.textnorm import HAN_RANGES, matching_key

DATA = Path(__file__).resolve().parent / "data" / "thesaurus.json"
MATCHER_SECONDS = 60
# Endings a Persian word takes without becoming another word: plurals, the ezafe/indefinite «ی».
PERSIAN_ENDINGS = ("هایی", "های", "ها", "ای", "ی", "ات", "ان")
ENGLISH_ENDINGS = ("es", "s")
_HAN_RUN = re.compile(f"[{HAN_RANGES}]+")
_ARABIC_WORD = re.compile("[\u0600-\u06ff]")


@dataclass(frozen=True)
class Mention:
    concept: str  # the concept's slug
    text: str  # the label as it stood in the text (its matching key)


class Matcher:
    def __init__(self, concepts):
        """`concepts`: (slug, {language: [labels]}) pairs."""
        self.words = {}  # tuple of word keys -> {slug}
        self.han = {}  # Han label -> {slug}
        self.labels = {}  # slug -> {language: [labels]}
        self.longest = 1
        for slug, labels in concepts:
            self.labels[slug] = labels
            for label in (label for language_labels in labels.values() for label in language_labels):
                key = matching_key(label)
                if not key:
                    continue
                if _HAN_RUN.fullmatch(key.replace(" ", "")):
                    self.han.setdefault(key.replace(" ", ""), set()).add(slug)
                    continue
                words = tuple(key.split())
                self.words.setdefault(words, set()).add(slug)
                if len(words) > 1 and _ARABIC_WORD.search(key):  # written with or without the spaces
                    self.words.setdefault(("".join(words),), set()).add(slug)
                self.longest = max(self.longest, len(words))
        self.han_lengths = sorted({len(label) for label in self.han}, reverse=True)

    def _lookup(self, words):
        found = self.words.get(words)
        if found:
            return found
        last = words[-1]
        endings = PERSIAN_ENDINGS if _ARABIC_WORD.search(last) else ENGLISH_ENDINGS
        for ending in endings:
            if last.endswith(ending) and len(last) - len(ending) >= 2:
                if found := self.words.get((*words[:-1], last[: -len(ending)])):
                    return found
        return None

    def mentions(self, text, limit=None):
        """The concepts `text` mentions, each once, in the order they first appear."""
        seen, found = set(), []
        for mention in self.occurrences(text, limit):
            if mention.concept not in seen:
                seen.add(mention.concept)
                found.append(mention)
        return found

    def occurrences(self, text, limit=None):
        """Every mention of a concept in `text`, as often as it stands there (words first, then Han)."""
        key = matching_key(text or "")
        if limit:
            key = key[:limit]
        found = []

        def add(slugs, label, here):
            # Two labels of one concept starting at the same place («سامانه هشدار سریع» and
            # «سامانه هشدار») are one mention.
            found.extend(Mention(slug, label) for slug in sorted(slugs - here))
            here |= slugs

        words = key.split()
        for start in range(len(words)):
            here = set()
            for size in range(min(self.longest, len(words) - start), 0, -1):
                if slugs := self._lookup(tuple(words[start:start + size])):
                    add(slugs, " ".join(words[start:start + size]), here)
        for run in _HAN_RUN.findall(key):
            for start in range(len(run)):
                here = set()
                for size in self.han_lengths:
                    if (label := run[start:start + size]) in self.han and len(label) == size:
                        add(self.han[label], label, here)
        return found


_matcher = None
_built_at = 0.0


def matcher():
    """The matcher of the concepts now in the database (cached; see the module's note)."""
    global _matcher, _built_at
    if _matcher is None or time.monotonic() - _built_at > MATCHER_SECONDS:
        from portal.models import Concept

        _matcher = Matcher((c.slug, c.all_labels()) for c in Concept.objects.all())
        _built_at = time.monotonic()
    return _matcher


def forget(**kwargs):
    """A concept changed: build the matcher again on next use."""
    global _matcher
    _matcher = None


def concepts_in(text, limit=None):
    return matcher().mentions(text, limit=limit)


def occurrences_in(text, limit=None):
    return matcher().occurrences(text, limit=limit)


def labels_of(slug):
    return matcher().labels.get(slug, {})


# The label language for an interface language.
INTERFACE_LABELS = {"fa": "fa", "en": "en", "zh-hans": "zh-hans", "zh-hant": "zh-hant"}


def reader_language():
    """The label language of the interface language now active (English for any other)."""
    from django.utils.translation import get_language

    return INTERFACE_LABELS.get((get_language() or "").lower(), "en")


def preferred_label(slug, language):
    """The concept's first label in the language, else None."""
    labels = labels_of(slug).get(language) or []
    return labels[0] if labels else None


# --- loading the thesaurus the portal ships ---------------------------------------------------------

def shipped_concepts(path=DATA):
    return json.loads(Path(path).read_text(encoding="utf-8"))["concepts"]


def load(concept_model, concepts, replace_labels=False):
    """Create the shipped concepts that are missing (and their broader links); return how many.

    Concepts the secretariat has already (same identifier) keep their labels unless
    `replace_labels`: the admin's edits win over the shipped file.
    """
    existing = {c.slug: c for c in concept_model.objects.all()}
    created = 0
    for data in concepts:
        labels = {f"labels_{language.replace('-', '_')}": "\n".join(values)
                  for language, values in data["labels"].items()}
        concept = existing.get(data["id"])
        if concept is None:
            existing[data["id"]] = concept_model.objects.create(slug=data["id"], group=data["group"], **labels)
            created += 1
        elif replace_labels:
            for name, value in labels.items():
                setattr(concept, name, value)
            concept.group = data["group"]
            concept.save()
    for data in concepts:
        broader = [existing[slug] for slug in data.get("broader", []) if slug in existing]
        if broader:
            existing[data["id"]].broader.add(*broader)
    forget()
    return created
