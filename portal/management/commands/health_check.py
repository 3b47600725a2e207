"""`manage.py health_check`: the checks of /healthz/, for a service manager's health probe.

django-health-check's own command with the portal's endpoint (`healthz`) as its default, running
that endpoint's checks in this process, so it needs no web server: the database, the search engine
and its cluster, the worker's oldest waiting task and the index changes waiting. It prints the same
JSON as /healthz/ (no host, address or credential) and exits 0 when all is well, 1 when a part
fails. `--http [ADDRPORT]` asks a running server instead, as the library does.
"""

import contextlib
import json
import logging

from asgiref.sync import async_to_sync
from django.core.management.base import CommandError
from django.urls import NoReverseMatch, resolve, reverse
from health_check.management.commands import health_check

# Their messages name hosts and addresses (a node failing, a connection refused); the verdict
# printed says what failed in words that name none.
QUIET_LOGGERS = ("health_check", "elastic_transport", "elasticsearch")


@contextlib.contextmanager
def quiet(names=QUIET_LOGGERS):
    """Nothing from these loggers (and those under them) while the checks run."""
    loggers = [logging.getLogger(name) for name in names]
    before = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for logger, level in zip(loggers, before, strict=True):
            logger.setLevel(level)


class Command(health_check.Command):
    help = ("Check the portal as /healthz/ does (database, search engine, worker, index changes) and exit "
            "0 when all is well, 1 when a part fails. --http asks a running server instead.")

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(use_http=False)
        for action in parser._actions:  # the library's endpoint, made optional: ours by default
            if action.dest == "endpoint":
                action.nargs, action.default, action.required = "?", "healthz", False

    def handle(self, *args, **options):
        if options["use_http"]:
            return super().handle(*args, **options)
        try:
            match = resolve(reverse(options["endpoint"]))
        except NoReverseMatch as error:
            raise CommandError(f"No health endpoint named {options['endpoint']!r}.", returncode=2) from error
        view = match.func.view_class(**match.func.view_initkwargs)
        with quiet():
            # async_to_sync: the checks' database queries run on this thread's connection.
            answer = async_to_sync(view.fresh_answer)()
        self.stdout.write(json.dumps(answer, ensure_ascii=False, indent=2))
        if answer["status"] != "ok":
            failing = ", ".join(name for name, part in answer["parts"].items() if not part["ok"])
            raise CommandError(f"failing: {failing}", returncode=1)
        return None
