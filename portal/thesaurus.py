"""The thesaurus at work: which concepts a text mentions, in any of its languages and spellings.

Concepts (portal.models.Concept) carry labels in Persian, Simplified and Traditional Chinese and
English. A text mentions a concept when one of its labels stands in it, compared by
`textnorm.matching_key` (Arabic/Persian letters, digits, ZWNJ, the ezafe and the indefinite «ای»
after a final «ه», case and punctuation folded), a Persian label also with its spaces left out
(«زمین لرزه» = «زمینلرزه») and with a plural or possessive ending («سامانه‌های») and with an
equivalent word in place of one of its own («زمین‌لرزه» for «زلزله»: EQUIVALENT_WORDS; «مراکز» for
«مرکز»: the plurals the search analyzers read, `equivalents`), an English label also in the plural,
a Chinese label anywhere in a run of Han characters, with any form of its characters (衞生 for 衛生) and
pinyin readings pasted between them ignored («应(yīng)急»). Search tags documents with the concepts
they mention and widens a query by the labels of the concepts it mentions (search/queries.py).

The matcher is built once per process from the database and rebuilt when a concept changes here,
or at the latest `MATCHER_SECONDS` after a change made by another process.
"""

import functools
import json
import re
import time
from dataclasses import dataclass
from pathlib import Path

import ahocorasick

from portal.chinese import variant_spellings
from portal.textnorm import HAN_RANGES, count_han, matching_key, persian_plurals, without_pinyin_readings

DATA = Path(__file__).resolve().parent / "data" / "thesaurus.json"
MATCHER_SECONDS = 60
# Endings a Persian word takes without becoming another word, on a label's last word: the
# ezafe/indefinite «ی», and the plurals «ات» and «ان» (too many words end in these to take them
# off everywhere: تهران, باران).
PERSIAN_ENDINGS = ("ای", "ی", "ات", "ان")
# The plural «ها» (with «ی» after it) is taken off every Persian word, of labels and texts alike,
# so a plural inside a label is found too: «تیم‌های واکنش اضطراری محله» is «تیم واکنش اضطراری محله».
# At least two letters stay (رها, بها are kept). Written apart («تیم های»), as the matching key has
# it for a ZWNJ typed as a space, it goes with its space; so does the ezafe or indefinite written
# apart after a final «ه» («برنامه ی جامع», «زلزله ای»), which the key folds when joined by a ZWNJ.
# Found by their letters, then checked for what stands before them: a pattern opening with a
# look-behind, a space or an optional space tried it at every character of every text.
_PERSIAN_PLURAL = re.compile("ها(?:یی|ی)?(?= )")
_EZAFE_APART = re.compile("ه ا?ی(?= )")
ENGLISH_ENDINGS = ("es", "s")
# Words that name the same thing in this field, each standing for the others inside any label, so a
# label written with one is found written with another: «بیمه زلزله» in a text that says «بیمه
# زمین‌لرزه», 防灾演练 in one that says 防灾演习 (the Mainland's word and Taiwan's and Hong Kong's;
# so with a volunteer: 志愿者, 义工 in Hong Kong, 志工 in Taiwan).
# Only true equivalents: not «ایمنی»/«امنیت» (safety, security), not «مانور»/«تمرین» (a drill, and any
# practice), not 避难/避险 (shelter, and also hedging). As matching keys: ZWNJ gone, a space kept;
# Chinese in each of its scripts, as labels are written.
EQUIVALENT_WORDS = (
    ("زلزله", "زمینلرزه", "زمین لرزه"),
    ("حریق", "آتشسوزی", "آتش سوزی"),
    ("سیل", "سیلاب"),
    ("سامانه", "سیستم"),
    ("طوفان", "توفان"),
    ("演练", "演习"),
    ("演練", "演習"),
    ("志愿者", "义工", "志工"),
    ("志願者", "義工", "志工"),
)
_HAN_RUN = re.compile(f"[{HAN_RANGES}]+")
# A Chinese label made of two other concepts' labels (地震演练: an earthquake, a drill) is also found
# with up to this many characters between its two parts, in one run of characters: Chinese puts a
# name's qualifiers inside it (地震应急疏散演练, 地震避難掩護演練: an earthquake drill, of emergency
# evacuation, of taking cover). Without them, the judged set's Chinese earthquake drills were
# tagged as earthquakes and exercises only, and a query for an earthquake drill missed them.
HAN_CHARACTERS_BETWEEN = 4
# Opening with the space, which most characters are not: a look-behind first is tried at each one.
_SPACE_BETWEEN_HAN = re.compile(f" (?<=[{HAN_RANGES}] )(?=[{HAN_RANGES}])")
_ARABIC_WORD = re.compile("[\u0600-\u06ff]")


def _fold_plurals(key):
    if not _ARABIC_WORD.search(key):
        return key

    apart = False

    def taken_off(ending):
        nonlocal apart
        at = ending.start()
        if at < 2 or not _ARABIC_WORD.match(key, at - 2):
            return ending[0]
        if key[at - 1] == " ":  # written apart, after a Persian word: its space goes too (below)
            apart = True
            return ""
        return "" if _ARABIC_WORD.match(key, at - 1) else ending[0]

    folded = _EZAFE_APART.sub("ه", _PERSIAN_PLURAL.sub(taken_off, f"{key} "))
    return (folded.replace("  ", " ") if apart else folded)[:-1]


def han_joined(text, has_han=None):
    """The text with no space between two Han characters: Chinese is written without spaces, so
    «地震 小区划», typed with one between two words, names what «地震小区划» names. Only a space: a
    comma or a full stop between two characters still parts them («发生地震，小区…»). `has_han`:
    whether the text has Han characters, when the caller knows."""
    if has_han is None:
        has_han = _HAN_RUN.search(text)
    return _SPACE_BETWEEN_HAN.sub("", text) if has_han and " " in text else text


def folded_key(text):
    """The form in which labels and texts meet: `matching_key`, Persian «ها» plurals taken off,
    Han characters joined across a space."""
    return _fold_plurals(matching_key(han_joined(text)))


@dataclass(frozen=True)
class Mention:
    concept: str  # the concept's slug
    text: str  # the label as it stood in the text (its matching key)


class Matcher:
    """Finds the concepts' labels in texts in one pass, however many labels there are.

    Each word label is a key with a space on both sides, its last word also in every plural or
    possessive form (and a Persian one also written without its spaces), found only as whole words
    of a text's matching key by an Aho-Corasick automaton. A Han label is found anywhere in a run
    of Han characters by a second automaton, asked only of texts with Han characters: in the first,
    the thousands of first characters of Han labels hung from its root and made every character of
    every text, Persian and English too, three to four times slower. Indexing reads every document
    through this, so it must cost little per character.
    """

    def __init__(self, concepts, top=(), broader=()):
        """`concepts`: (slug, {language: [labels]}) pairs; `top`: (slug, how many narrower concepts)
        of the concepts with no broader one (SKOS top concepts); `broader`: (slug, broader slug) pairs."""
        self.labels = {}  # slug -> {language: [labels]}
        self.top = dict(top)
        self.broader = {}  # slug -> (broader slugs)
        for slug, wider in broader:
            self.broader[slug] = (*self.broader.get(slug, ()), wider)
        self.broadest = frozenset(slug for slug, narrower in self.top.items() if narrower)
        keys = {}  # word key as searched for -> {slug}
        han = {}  # Han label -> {slug}
        for slug, labels in concepts:
            self.labels[slug] = labels
            keys_of_labels = {key for language_labels in labels.values() for label in language_labels
                              for key in equivalent_keys(folded_key(label))}
            for key in keys_of_labels:
                words = key.split()
                joined = "".join(words)
                if _HAN_RUN.fullmatch(joined):
                    if len(joined) > 1:  # one character would be found everywhere
                        for spelling in variant_spellings(joined):
                            han.setdefault(spelling, set()).add(slug)
                    continue
                forms = [words]
                if len(words) > 1 and _ARABIC_WORD.search(key):  # written with or without the spaces
                    forms.append([joined])
                for form in forms:
                    endings = PERSIAN_ENDINGS if _ARABIC_WORD.search(form[-1]) else ENGLISH_ENDINGS
                    for ending in ("", *endings):
                        keys.setdefault(" " + " ".join([*form[:-1], form[-1] + ending]) + " ", set()).add(slug)
        self.automaton = _automaton(keys)
        self.han = _automaton(han)
        self.han_pairs = self._han_pairs(han)
        self.pair_firsts = frozenset(first for first, _second in self.han_pairs)

    def _han_pairs(self, han):
        """{(first concept, second concept): concepts}: the concepts with a Han label that is a label of
        the first followed by one of the second (地震演练: earthquake, exercise → earthquake drill)."""
        pairs = {}
        if self.han is None:
            return pairs
        for label, slugs in han.items():
            # Where each part starts and ends (`_starts` places a match one before its first character).
            parts = [(start + 1, start + 1 + len(part), named) for start, part, named in _starts(self.han.iter(label))]
            for first_start, middle, first in parts:
                for second_start, second_end, second in parts:
                    if first_start == 0 and second_start == middle and second_end == len(label):
                        for key in ((a, b) for a in first for b in second):
                            pairs.setdefault(key, set()).update(set(slugs) - set(key))
        return {key: tuple(sorted(slugs)) for key, slugs in pairs.items() if slugs}

    def _han_apart(self, key, found):
        """The labels made of two others (`han_pairs`) found apart in `key`, at most
        HAN_CHARACTERS_BETWEEN characters between them, as `_starts` gives matches (`found`: the Han
        labels' matches in `key`): (one before where it starts, the characters it spans, slugs)."""
        firsts = [(start, label, slugs) for start, label, slugs in found if not self.pair_firsts.isdisjoint(slugs)]
        if not firsts:
            return []
        starting = {}
        for start, label, slugs in found:
            starting.setdefault(start, []).append((label, slugs))
        apart = []
        for first_start, first, first_slugs in firsts:
            middle = first_start + len(first)  # one before the character after it, as `found` counts
            for second_start in range(middle + 1, middle + HAN_CHARACTERS_BETWEEN + 1):
                if second_start not in starting or not _HAN_RUN.fullmatch(key[middle + 1:second_start + 1]):
                    continue
                for second, second_slugs in starting[second_start]:
                    slugs = {slug for a in first_slugs for b in second_slugs for slug in self.han_pairs.get((a, b), ())}
                    if slugs:
                        spanned = key[first_start + 1:second_start + 1 + len(second)]
                        apart.append((first_start, spanned, tuple(sorted(slugs))))
        return apart

    def mentions(self, text, limit=None):
        """The concepts `text` mentions, each once, in the order they first appear."""
        seen, found = set(), []
        for mention in self.occurrences(text, limit):
            if mention.concept not in seen:
                seen.add(mention.concept)
                found.append(mention)
        return found

    def occurrences(self, text, limit=None):
        """Every mention of a concept in `text`, as often as it stands there, in the text's order.

        Labels of one concept starting at the same place («سامانه هشدار سریع», «سامانه هشدار») are
        one mention; labels of different concepts may overlap (a drill and an earthquake drill).
        """
        found = {}  # (start, slug) -> label, the shortest found there
        for start, label, slugs in self._found(text, limit):
            for slug in slugs:
                found.setdefault((start, slug), label)
        return [Mention(slug, label.strip()) for (_start, slug), label in sorted(found.items(), key=_in_order)]

    def concepts_said(self, text, limit=None):
        """The slug of each mention in `text`, as often as it stands there (what indexing counts), in
        the order they stand."""
        return [slug for _start, slug in sorted({(start, slug) for start, _label, slugs in self._found(text, limit)
                                                 for slug in slugs})]

    def _found(self, text, limit):
        """(where it starts, label, slugs) of every label standing in the text's matching key."""
        text = without_pinyin_readings(text or "")
        han = self.han is not None and bool(_HAN_RUN.search(text))  # once: most texts have none
        key = matching_key(han_joined(text, han))
        if limit:
            key = key[:limit]
        key = _fold_plurals(key)
        found = []
        if key and self.automaton is not None:
            found += _starts(self.automaton.iter(f" {key} "))
        if han:
            in_han = _starts(self.han.iter(key))
            found += in_han
            if self.han_pairs:
                found += self._han_apart(key, in_han)
        return found


@functools.cache
def equivalents():
    """({word: its equivalents, itself included}, (Chinese groups)): EQUIVALENT_WORDS, and each
    Persian plural no suffix rule reaches with its singular (مراکز, مرکز: `persian_plurals`, which the
    search analyzers read too, so a label meets the plural wherever a query's words do). A word of
    letters may be two (زمین لرزه)."""
    by_word, han = {}, []
    plurals = ((folded_key(singular), folded_key(plural)) for plural, singular in persian_plurals())
    groups = [*EQUIVALENT_WORDS, *plurals]
    for group in groups:
        if all(_HAN_RUN.fullmatch(word) for word in group):
            han.append(group)
            continue
        merged = frozenset(group).union(*(by_word.get(word, ()) for word in group))
        for word in merged:
            by_word[word] = merged
    return by_word, tuple(han)


def equivalent_keys(key):
    """A label's matching key and its spellings with each of its words that has equivalents replaced
    by each of them (every combination: «حریق» and «سیل» in one label give six keys). A word of
    letters is replaced where it stands whole, a Chinese one wherever it stands (Chinese has no
    spaces)."""
    keys = {key} if key else set()
    by_word, han = equivalents()
    words = key.split()
    pairs = (f"{first} {second}" for first, second in zip(words, words[1:], strict=False))
    found = [by_word[word] for word in {*words, *pairs} if word in by_word]
    for group in found:
        for known in list(keys):
            padded = f" {known} "
            keys |= {padded.replace(f" {word} ", f" {other} ").strip()
                     for word in group if f" {word} " in padded for other in group}
    for group in han:
        for known in list(keys):
            keys |= {known.replace(word, other) for word in group if word in known for other in group}
    return keys


def _starts(matches):
    """(where it starts, label, slugs) of an automaton's matches, given as (where it ends, (label, slugs))."""
    return [(end - len(label), label, slugs) for end, (label, slugs) in matches]


def _automaton(keys):
    """An Aho-Corasick automaton of {key: slugs} giving (key, slugs) for each key found; None without keys."""
    if not keys:
        return None
    automaton = ahocorasick.Automaton()
    for key, slugs in keys.items():
        automaton.add_word(key, (key, tuple(sorted(slugs))))
    automaton.make_automaton()
    return automaton


def _in_order(item):
    """Where a mention ends (as the automaton finds them), the longer first."""
    (start, _slug), label = item
    return start + len(label), -len(label)


_matcher = None
_built_at = 0.0


def matcher():
    """The matcher of the concepts now in the database (cached; see the module's note)."""
    global _matcher, _built_at
    if _matcher is None or time.monotonic() - _built_at > MATCHER_SECONDS:
        from django.db.models import Count

        from portal.models import Concept

        top = Concept.objects.filter(broader__isnull=True).annotate(narrower_count=Count("narrower"))
        links = Concept.broader.through.objects.values_list("from_concept__slug", "to_concept__slug")
        _matcher = Matcher(((c.slug, c.all_labels()) for c in Concept.objects.all()),
                           top=top.values_list("slug", "narrower_count"), broader=links.order_by("pk"))
        _built_at = time.monotonic()
    return _matcher


def forget(**kwargs):
    """A concept changed: build the matcher again on next use."""
    global _matcher
    _matcher = None


def concepts_in(text, limit=None):
    return matcher().mentions(text, limit=limit)


def concepts_said(text, limit=None):
    """The concept of each mention in `text` (slugs, repeated as often as mentioned)."""
    return matcher().concepts_said(text, limit=limit)


def as_written(text, mention):
    """The words of `text` that make up `mention`, as the text writes them («زمین‌لرزه», where the
    mention holds its matching key «زمینلرزه»): what a reader is shown of their own words. The key
    itself when no run of whole words folds to it (a label inside a run of Han characters, which
    the key keeps as written). A run has at most twice as many words as the key, and a word more for
    each of its Han characters: folding takes off at most one word after each (a plural or an ezafe
    written apart, «تیم های»), and joins Han characters typed apart («地震 小区划»)."""
    words, most = text.split(), 2 * len(mention.text.split()) + count_han(mention.text)
    for start in range(len(words)):
        for end in range(start + 1, min(start + most, len(words)) + 1):
            if folded_key(" ".join(words[start:end])) == mention.text:
                return " ".join(words[start:end])
    return mention.text


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


def top_concepts():
    """{slug: how many narrower concepts} of the concepts with no broader one: the thesaurus's
    broadest terms ("hazard", "crisis management", "municipality") and a few lone specific ones."""
    return matcher().top


def wider_concepts(slug):
    """The concepts a concept is a kind or a part of: its broader ones, and those its own labels
    name, in any language («مانور زلزله», 防震演练, earthquake drill: an exercise, about earthquakes)."""
    found = matcher()
    labels = (label for values in found.labels.get(slug, {}).values() for label in values)
    named = {inside for label in labels for inside in found.concepts_said(label)}
    return (named | set(found.broader.get(slug, ()))) - {slug}


def broadest_concepts():
    """The top concepts that have narrower ones ("hazard", "crisis management"): nearly every
    document of a crisis-management network speaks of them, so they tell nothing about one."""
    return matcher().broadest


def any_label(slug):
    """The concept's first label in the first language that has one, else None."""
    return next((labels[0] for labels in labels_of(slug).values() if labels), None)


# --- loading the thesaurus the portal ships ---------------------------------------------------------

def shipped_concepts(path=DATA):
    return json.loads(Path(path).read_text(encoding="utf-8"))["concepts"]


def load(concept_model, concepts, replace_labels=False, add_labels=False):
    """Create the shipped concepts that are missing (and their broader links); return how many.

    Concepts the secretariat has already (same identifier) keep their labels unless
    `replace_labels`: the admin's edits win over the shipped file. With `add_labels`, they also get
    the shipped labels they lack (after their own, which stay as they are).
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
        elif add_labels:
            changed = False
            for language, values in data["labels"].items():
                name = f"labels_{language.replace('-', '_')}"
                own = [line for line in getattr(concept, name).splitlines() if line.strip()]
                known = {folded_key(line) for line in own}
                missing = [value for value in values if folded_key(value) not in known]
                if missing:
                    setattr(concept, name, "\n".join(own + missing))
                    changed = True
            if changed:
                concept.save()
    for data in concepts:
        broader = [existing[slug] for slug in data.get("broader", []) if slug in existing]
        if broader:
            existing[data["id"]].broader.add(*broader)
    forget()
    return created
