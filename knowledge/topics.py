"""Topics a text names, suggested on the share form.

The thesaurus reads the title, summary and text in any of their languages and spellings; the
hazards and phases whose concept (same slug) or whose own name the text mentions are offered
for ticking. The form has no script: suggestions appear whenever it shows text (a saved draft,
or a form sent back for corrections).
"""

from dataclasses import dataclass, field

from portal import thesaurus

# A text's first pages say what it is about; a long pasted report need not be read to the end.
TEXT_LIMIT = 20_000


@dataclass
class Suggestions:
    topics: list = field(default_factory=list)  # [(slug, label in the reader's language)]
    hazards: set = field(default_factory=set)  # primary keys, as strings (the checkboxes' values)
    phases: set = field(default_factory=set)

    def __bool__(self):
        return bool(self.topics or self.hazards or self.phases)


def suggest(*texts):
    from portal.models import Hazard, Phase

    text = " ".join(t for t in texts if t)[:TEXT_LIMIT]
    if not text.strip():
        return Suggestions()
    concepts = list(dict.fromkeys(mention.concept for mention in thesaurus.concepts_in(text)))
    language = thesaurus.reader_language()
    return Suggestions(
        topics=[(slug, thesaurus.preferred_label(slug, language) or slug) for slug in concepts],
        hazards=named_terms(Hazard, text, set(concepts)),
        phases=named_terms(Phase, text, set(concepts)),
    )


def named_terms(model, text, concepts):
    """The terms (hazards, phases) whose concept or whose own name in any language the text names."""
    rows = list(model.objects.all())
    names = thesaurus.Matcher(
        (row.slug, {"fa": [row.name_fa], "en": [row.name_en], "zh-hans": [row.name_zh]}) for row in rows
    )
    named = concepts | {mention.concept for mention in names.mentions(text)}
    return {str(row.pk) for row in rows if row.slug in named}
