"""Read a meeting's minutes from a text file; show what was found, or create the meeting."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from resolutions.dates import parse_date_input
from resolutions.importing import (
    ImportRefused,
    confirmed_from_parsed,
    import_meeting,
    parsed_as_json,
    read_header,
    read_minutes,
)
from resolutions.minutes import MinutesError


class Command(BaseCommand):
    help = (
        "Import a meeting's minutes (UTF-8 or Windows-1256 text): numbered resolutions, their follow-up "
        "owners and the earlier meetings they refer to. With --dry-run nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the minutes as a text file")
        parser.add_argument("--meeting-number", type=int, help="the meeting's ordinal, if the title lacks it")
        parser.add_argument("--dry-run", action="store_true",
                            help="show what would be imported; write nothing")
        parser.add_argument("--format", choices=["text", "json"], default="text",
                            help="how --dry-run prints the resolutions")
        parser.add_argument("--title", help="the meeting's title (default: the first line of the minutes)")
        parser.add_argument("--host-city", help="the host city (default: the place named in the title)")
        parser.add_argument("--date", help="first day, Jalali 1391/07/19 or Gregorian 2012-10-10 "
                                           "(default: the first of the month the title names)")
        parser.add_argument("--publish", action="store_true",
                            help="publish the meeting at once (default: a draft to review in the admin)")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror or error}") from None
        try:
            parsed = read_minutes(data=data)
        except MinutesError as error:
            raise CommandError(str(error)) from None

        if options["dry_run"]:
            self.show(parsed, options["format"])
            return

        number = options["meeting_number"] or parsed.meeting_number
        if not number:
            raise CommandError("The minutes do not say which meeting this is: give --meeting-number.")
        title = options["title"] or parsed.title or f"Meeting {number}"
        header = read_header(parsed)
        host_city = options["host_city"] or header.host_city
        if not host_city:
            raise CommandError("The title names no host city: give --host-city.")
        if options["date"]:
            try:
                starts_on = parse_date_input(options["date"])
            except ValueError as error:
                raise CommandError(f"--date: {error}") from None
        else:
            starts_on = header.starts_on
            if starts_on is None:
                raise CommandError("The title gives no date: give --date (1391/07/19 or 2012-10-10).")

        meeting = confirmed_from_parsed(parsed, number=number, title=title, host_city=host_city,
                                        starts_on=starts_on, publish=options["publish"])
        try:
            page = import_meeting(meeting)
        except ImportRefused as error:
            raise CommandError(str(error)) from None
        state = "published" if page.live else "saved as a draft"
        self.stdout.write(self.style.SUCCESS(
            f"Meeting {page.number} ({page.title}) {state} with {len(meeting.resolutions)} resolutions."
        ))
        unmatched = [(item.number, owner.name) for item in parsed.resolutions for owner in item.owners
                     if not owner.organisation and not owner.all_members]
        for number, name in unmatched:
            self.stdout.write(self.style.WARNING(
                f"Resolution {number}: no organisation is called “{name}”; add its owner in the admin."
            ))

    def show(self, parsed, output_format):
        if output_format == "json":
            # Only the JSON: scripts pipe it on.
            self.stdout.write(json.dumps(parsed_as_json(parsed), ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"Title: {parsed.title or '—'}")
        self.stdout.write(f"Meeting number: {parsed.meeting_number or '—'}")
        self.stdout.write(f"Language: {parsed.language}")
        for item in parsed.resolutions:
            self.stdout.write("")
            self.stdout.write(f"{item.number}) {item.text}")
            for owner in item.owners:
                if owner.all_members:
                    match = "all member metropolises"
                elif owner.organisation:
                    match = owner.organisation
                else:
                    match = "UNKNOWN"
                    if owner.suggestions:
                        match += f" (closest: {', '.join(owner.suggestions)})"
                self.stdout.write(f"   owner: {owner.name} → {match}")
            if item.refers_to_meetings:
                self.stdout.write(f"   refers to meetings: {', '.join(map(str, item.refers_to_meetings))}")
