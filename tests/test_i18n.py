"""Every interface string is translated into Persian and Simplified Chinese, and the compiled catalogs
match the .po files. Pure Python: no GNU gettext needed to run these.

To update the catalogs after changing strings (needs GNU gettext):

    .venv/bin/python manage.py makemessages -l fa -l zh_Hans --ignore='var/*' --ignore='tests/*' \
        --ignore='screenshots/*' --no-obsolete
    # translate every new msgid in locale/*/LC_MESSAGES/django.po, then
    .venv/bin/python manage.py compilemessages --ignore='.venv' --ignore='var'
    # Traditional Chinese (locale/zh_Hant) is written from the Simplified catalogue, never by hand:
    .venv/bin/python manage.py make_traditional_catalogue
"""

import ast
import gettext
import io
import re
import tokenize
from pathlib import Path

import pytest
from django.utils.translation.template import templatize

ROOT = Path(__file__).resolve().parent.parent
LOCALES = {"fa": "fa", "zh-hans": "zh_Hans", "zh-hant": "zh_Hant"}
SOURCE_APPS = ["portal", "resolutions", "knowledge", "search", "templates"]
UPDATE_HINT = (
    "Run makemessages -l fa -l zh_Hans (see tests/test_i18n.py), translate the new entries, "
    "then compilemessages and make_traditional_catalogue."
)


# --- a small .po reader ---------------------------------------------------------------------

def _unquote(line):
    return ast.literal_eval(line)


def read_po(path):
    """Entries of a .po file: dicts with msgctxt, msgid, msgid_plural, msgstr (list), flags."""
    entries, entry, field = [], None, None

    def finish():
        if entry is not None and "msgid" in entry:
            entries.append(entry)

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            finish()
            entry, field = None, None
            continue
        if entry is None:
            entry = {"msgctxt": None, "msgid_plural": None, "msgstr": {}, "flags": set(), "obsolete": False}
        if line.startswith("#~"):
            entry["obsolete"] = True
            continue
        if line.startswith("#,"):
            entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith("#"):
            continue
        if match := re.match(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")$", line):
            keyword, index, text = match.groups()
            if keyword.startswith("msgstr"):
                field = ("msgstr", int(index or 0))
                entry["msgstr"][field[1]] = _unquote(text)
            else:
                field = (keyword, None)
                entry[keyword] = _unquote(text)
        elif line.startswith('"') and field:
            if field[0] == "msgstr":
                entry["msgstr"][field[1]] += _unquote(line)
            else:
                entry[field[0]] += _unquote(line)
    finish()
    return [e for e in entries if not e["obsolete"]]


def catalog_entries(language):
    path = ROOT / "locale" / LOCALES[language] / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"{path.relative_to(ROOT)} is missing. {UPDATE_HINT}"
    return [e for e in read_po(path) if e["msgid"] != ""]


# --- what the source asks to translate ------------------------------------------------------

GETTEXT_FUNCTIONS = {
    "_": "simple", "gettext": "simple", "gettext_lazy": "simple", "gettext_noop": "simple",
    "ngettext": "plural", "ngettext_lazy": "plural",
    "pgettext": "context", "pgettext_lazy": "context",
    "npgettext": "context_plural", "npgettext_lazy": "context_plural",
}


def _key(kind, args):
    if kind in ("simple", "plural"):
        return (None, args[0]) if args else None
    return (args[0], args[1]) if len(args) >= 2 else None


def python_messages(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        kind = GETTEXT_FUNCTIONS.get(name)
        if not kind:
            continue
        args = []
        for arg in node.args:
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                args.append(arg.value)
            else:
                break
        if key := _key(kind, args):
            yield key


def template_messages(path):
    text = templatize(path.read_text(encoding="utf-8"), origin=str(path))
    for match in re.finditer(r"\b(n?p?gettext)\(", text):
        kind = {"gettext": "simple", "ngettext": "plural", "pgettext": "context",
                "npgettext": "context_plural"}[match.group(1)]
        args = []
        try:
            for token in tokenize.generate_tokens(io.StringIO(text[match.end():]).readline):
                if token.type == tokenize.STRING:
                    args.append(ast.literal_eval(token.string))
                elif token.string == ")":
                    break
        except (tokenize.TokenError, SyntaxError):
            pass
        if key := _key(kind, args):
            yield key


def source_messages():
    found = {}
    for app in SOURCE_APPS:
        for path in sorted((ROOT / app).rglob("*")):
            parts = set(path.relative_to(ROOT).parts)
            if "migrations" in parts or "tests" in parts or "__pycache__" in parts or not path.is_file():
                continue
            if path.suffix == ".py":
                keys = python_messages(path)
            elif path.suffix in (".html", ".txt") and "templates" in path.parts:
                keys = template_messages(path)
            else:
                continue
            for key in keys:
                found.setdefault(key, str(path.relative_to(ROOT)))
    return found


# --- the tests --------------------------------------------------------------------------------

@pytest.mark.parametrize("language", LOCALES)
def test_every_catalog_entry_is_translated_and_not_fuzzy(language):
    problems = []
    for entry in catalog_entries(language):
        label = entry["msgid"][:70]
        if "fuzzy" in entry["flags"]:
            problems.append(f"fuzzy: {label!r}")
        if not entry["msgstr"] or any(not text.strip() for text in entry["msgstr"].values()):
            problems.append(f"untranslated: {label!r}")
    summary = f"{language}: {len(problems)} entries need work. {UPDATE_HINT}"
    assert not problems, summary + "\n" + "\n".join(problems)


@pytest.mark.parametrize("language", LOCALES)
def test_translations_keep_their_placeholders(language):
    placeholder = re.compile(r"%\((\w+)\)[sd]|\{(\w*)\}")
    problems = []
    for entry in catalog_entries(language):
        wanted = set(placeholder.findall(entry["msgid"] + (entry["msgid_plural"] or "")))
        for text in entry["msgstr"].values():
            got = set(placeholder.findall(text))
            # A plural form may leave out the count (Chinese has one form for every number).
            optional = {("count", ""), ("counter", "")} if entry["msgid_plural"] else set()
            if got - wanted or (wanted - got) - optional:
                problems.append(f"{entry['msgid']!r}: {text!r}")
    assert not problems, f"{language}: placeholders differ\n" + "\n".join(problems)


@pytest.mark.parametrize("language", LOCALES)
def test_compiled_catalog_matches_the_po_file(language):
    mo = ROOT / "locale" / LOCALES[language] / "LC_MESSAGES" / "django.mo"
    assert mo.exists(), f"{mo.relative_to(ROOT)} is missing: run compilemessages and commit the .mo files."
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog
    stale = []
    for entry in catalog_entries(language):
        msgid = entry["msgid"] if entry["msgctxt"] is None else f"{entry['msgctxt']}\x04{entry['msgid']}"
        if entry["msgid_plural"]:
            for index, text in entry["msgstr"].items():
                if compiled.get((msgid, index)) != text:
                    stale.append(entry["msgid"])
        elif compiled.get(msgid) != entry["msgstr"].get(0):
            stale.append(entry["msgid"])
    assert not stale, (
        f"{language}: the .mo file is older than the .po file (run compilemessages): {stale[:10]}"
    )


def test_every_string_in_the_source_is_in_the_catalogs():
    wanted = source_messages()
    assert len(wanted) > 50, "the source scan found almost nothing: is SOURCE_APPS right?"
    for language in LOCALES:
        entries = catalog_entries(language)
        have = {(e["msgctxt"], e["msgid"]) for e in entries if any(e["msgstr"].values())}
        missing = [f"{where}: {key[1]!r}" for key, where in wanted.items() if key not in have]
        assert not missing, (
            f"{language}: {len(missing)} interface strings have no translation. {UPDATE_HINT}\n"
            + "\n".join(sorted(missing))
        )


def test_the_po_reader_reads_plurals_contexts_and_flags(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=2;\\n"\n\n'
        '#, fuzzy, python-format\nmsgid "One %(n)s"\nmsgstr "یک %(n)s"\n\n'
        'msgctxt "menu"\nmsgid "Open"\nmsgstr ""\n"باز"\n\n'
        'msgid "%(n)s city"\nmsgid_plural "%(n)s cities"\nmsgstr[0] "%(n)s شهر"\nmsgstr[1] ""\n\n'
        '#~ msgid "Old"\n#~ msgstr "کهنه"\n',
        encoding="utf-8",
    )
    entries = [e for e in read_po(po) if e["msgid"]]
    assert [e["msgid"] for e in entries] == ["One %(n)s", "Open", "%(n)s city"]
    assert "fuzzy" in entries[0]["flags"]
    assert entries[1]["msgctxt"] == "menu" and entries[1]["msgstr"][0] == "باز"
    assert entries[2]["msgid_plural"] == "%(n)s cities" and entries[2]["msgstr"] == {0: "%(n)s شهر", 1: ""}


def test_the_source_scan_finds_template_and_python_strings():
    wanted = source_messages()
    assert (None, "Skip to content") in wanted  # base.html
    assert (None, "%(n)s member city") in wanted  # blocktranslate count, home page
    assert (None, "Persian") in wanted  # settings.LANGUAGES via gettext_lazy


def test_the_traditional_chinese_catalogue_is_the_simplified_one_converted():
    """A string translated into Simplified Chinese but not converted would show Django's fallback,
    the Persian catalogue, to Traditional Chinese readers."""
    from django.core.management import call_command

    call_command("make_traditional_catalogue", "--check", stdout=io.StringIO())
