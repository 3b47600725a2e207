"""Schemathesis against /api/openapi.json through the Django WSGI application: generated requests
(valid and invalid) never get a server error, and every answer conforms to the schema (status code,
content type, body, headers). Bounded: a few dozen examples per operation and mode."""

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import (
    content_type_conformance,
    ignored_auth,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.generation.modes import GenerationMode

from portal.models import ApiToken
from portal.tests import test_api_fixtures

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance, response_headers_conformance]
EXAMPLES = 15

world = test_api_fixtures.world  # the shared fixture


@pytest.fixture
def wsgi_app(settings):
    """Django's WSGI application on the test database: like the test client, keep the connection
    (and its transaction) open between requests."""
    settings.API_TOKEN_RATE_LIMIT = 10_000
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    cache.clear()
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
        cache.clear()


def operations(app):
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    found = [result.ok() for result in schema.get_all_operations()]
    assert len(found) == 10, [op.label for op in found]  # with GET /api/thesaurus/
    return found


def run(operation, mode, headers=None, examples=EXAMPLES, checks=CHECKS):
    @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
              phases=[Phase.explicit, Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode, headers=headers))
    def check(case):
        case.call_and_validate(checks=checks)

    check()


def session_cookie(client, user):
    client.force_login(user)
    return {"Cookie": f"sessionid={client.cookies['sessionid'].value}"}


def test_schemathesis_finds_no_server_error_and_no_schema_violation(world, wsgi_app, client, people, orgs):
    _token, clear = ApiToken.issue(orgs["isfahan"], "Schemathesis")
    member = session_cookie(client, people["isfahan"])
    for operation in operations(wsgi_app):
        is_write = operation.method.upper() == "POST"
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                run(operation, mode)  # anonymous (and, for the write endpoint, without a token)
            except Unsatisfiable:
                if mode is not GenerationMode.NEGATIVE:
                    raise  # nothing to make invalid: only an operation without parameters (thesaurus)
        if is_write:
            run(operation, GenerationMode.POSITIVE, headers={"Authorization": f"Bearer {clear}"})
            run(operation, GenerationMode.POSITIVE, examples=5, checks=CHECKS + [ignored_auth],
                headers={"Authorization": f"Bearer {clear}"})
        else:
            run(operation, GenerationMode.POSITIVE, headers=member, examples=5)
