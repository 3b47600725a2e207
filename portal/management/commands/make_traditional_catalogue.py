"""Write the Traditional Chinese catalogues (locale/zh_Hant) from the Simplified ones (locale/zh_Hans).

Every translation is converted by OpenCC with the portal's conversion (portal.textnorm:
Taiwan's standard character forms, no vocabulary substituted), so that members in Hong Kong and
Taiwan read the interface in the characters they write, and the two catalogues never drift apart.
Run it after every change to the Simplified catalogues; `--check` only says whether the files are
up to date (tests/test_i18n.py runs it).

    .venv/bin/python manage.py make_traditional_catalogue          # writes and compiles zh_Hant
    .venv/bin/python manage.py make_traditional_catalogue --check  # exit status 1 when out of date
"""

import ast
import re
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from portal.textnorm import TRADITIONAL_CONVERSION, to_traditional

SOURCE, TARGET = "zh_Hans", "zh_Hant"
DOMAINS = ("django", "djangojs")
NOTICE = (
    "# Traditional Chinese interface strings, written from locale/{source}/LC_MESSAGES/{name} by\n"
    "# `manage.py make_traditional_catalogue` (OpenCC {conversion}). Do not edit: change the\n"
    "# Simplified catalogue and run the command again.\n"
)
_QUOTED = re.compile(r'^(\s*(?:msgstr(?:\[\d+\])?\s+)?)(".*")\s*$')


def po_escape(value):
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")


def convert_catalogue(text, name):
    """The .po file `text` (Simplified) with every msgstr in Traditional characters."""
    lines = text.splitlines()
    start = 0
    while start < len(lines) and lines[start].startswith("#") and not lines[start].startswith("#:"):
        start += 1  # the file's own comment block is replaced by the notice
    out = [NOTICE.format(source=SOURCE, name=name, conversion=TRADITIONAL_CONVERSION).rstrip("\n")]
    in_msgstr = False
    for line in lines[start:]:
        stripped = line.strip()
        if stripped.startswith("msgstr"):
            in_msgstr = True
        elif not stripped.startswith('"'):
            in_msgstr = False
        match = _QUOTED.match(line)
        if in_msgstr and match:
            prefix, quoted = match.groups()
            value = to_traditional(ast.literal_eval(quoted))
            value = value.replace(f"Language: {SOURCE}", f"Language: {TARGET}")
            value = value.replace("Language-Team: Simplified Chinese", "Language-Team: Traditional Chinese")
            line = f'{prefix}"{po_escape(value)}"'
        out.append(line)
    return "\n".join(out) + "\n"


class Command(BaseCommand):
    help = "Write locale/zh_Hant from locale/zh_Hans with OpenCC, then compile it."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true",
                            help="Write nothing; exit with status 1 when a catalogue is out of date.")
        parser.add_argument("--no-compile", action="store_true", help="Do not run compilemessages afterwards.")

    def handle(self, *args, check=False, no_compile=False, **options):
        locale = Path(settings.LOCALE_PATHS[0])
        stale = []
        for domain in DOMAINS:
            source = locale / SOURCE / "LC_MESSAGES" / f"{domain}.po"
            if not source.exists():
                continue
            target = locale / TARGET / "LC_MESSAGES" / f"{domain}.po"
            wanted = convert_catalogue(source.read_text(encoding="utf-8"), source.name)
            if target.exists() and target.read_text(encoding="utf-8") == wanted:
                continue
            stale.append(str(target.relative_to(locale.parent)))
            if not check:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(wanted, encoding="utf-8")
        if check:
            if stale:
                raise CommandError(f"Out of date (run manage.py make_traditional_catalogue): {', '.join(stale)}")
            self.stdout.write("The Traditional Chinese catalogues are up to date.")
            return
        for path in stale:
            self.stdout.write(f"Wrote {path}")
        if not no_compile:
            call_command("compilemessages", locale=[TARGET], verbosity=0)
        self.stdout.write(self.style.SUCCESS("Traditional Chinese catalogues are ready."))
