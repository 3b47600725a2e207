"""Browser tests: Playwright for Python driving Debian's Chromium against pytest-django's live server.

Fixtures for every journey:

- `browser`: one headless Chromium for the session; the tests FAIL (never skip) when it is missing.
- `demo`: the demo network (`load_demo`) in a fresh database, with the demo users.
- `page`: a new browser page on the live server (`page.goto("/fa/")` works); English browser.
- `new_page(locale=..., width=...)`: more pages, e.g. a Persian browser or a phone-sized one.
- `login(page, username, password)`: sign in through /admin/login/ like a person.
- `axe_violations(page)` / `assert_accessible(page)`: axe-core (vendored) on the current page.
- `screenshot(page, name)`: saves screenshots/<name>.png (git-ignored) for people to look at.
- `search_engine`: the demo network indexed in the real Elasticsearch node, under an index prefix of
  its own, deleted afterwards; the live server searches it (it runs in this process and reads the
  same settings).
"""

import json
import os
import shutil
import uuid
from pathlib import Path

import pytest

# Playwright's sync API keeps an event loop running in this thread; Django would otherwise refuse
# every database query the tests make ("You cannot call this from an async context").
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

ROOT = Path(__file__).resolve().parent.parent.parent
SCREENSHOTS = ROOT / "screenshots"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 780}
DEMO_USERS = {"secretariat": "secretariat-demo", "isfahan": "isfahan-demo"}


def chromium_path():
    candidates = [os.environ.get("CHROMIUM_PATH"), shutil.which("chromium"), "/usr/bin/chromium"]
    return next((path for path in candidates if path and Path(path).is_file()), None)


@pytest.fixture(scope="session")
def migrated_rows(django_db_setup, django_db_blocker):
    """The rows the migrations made (Wagtail's root page and locale, roles, the thesaurus), as the
    test database's setup serialized them for the serialized rollback.

    Read before Chromium starts: while Playwright's event loop runs, Django hands this thread
    another connection object than the one the database was set up with, and that one carries no
    serialized rows. A browser test that came after other tests in a process then restored
    nothing, and the demo was loaded into an emptied database (no thesaurus: no Topic facet).
    """
    from django.db import connection

    return getattr(connection, "_test_serialized_contents", None)


@pytest.fixture(scope="session")
def browser(migrated_rows):
    executable = chromium_path()
    if executable is None:
        pytest.fail(
            "Chromium is missing, so the browser tests cannot run. Install Debian's Chromium "
            "(apt-get install chromium fonts-noto-core fonts-noto-cjk; scripts/test does it as root) "
            "or set CHROMIUM_PATH.",
            pytrace=False,
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover
        pytest.fail("The playwright package is missing: scripts/bootstrap installs requirements-test.txt.",
                    pytrace=False)
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        except Exception as error:  # noqa: BLE001
            pytest.fail(f"Chromium at {executable} did not start: {error}", pytrace=False)
        yield chromium
        chromium.close()


@pytest.fixture
def demo(transactional_db, django_db_serialized_rollback, migrated_rows):
    """The demo network. The serialized rollback brings back Wagtail's root page and locale, which
    migrations create and the live server's transactional tests would otherwise flush away."""
    from django.core.management import call_command
    from django.db import connection

    from portal import thesaurus

    if migrated_rows and getattr(connection, "_test_serialized_contents", None) is None:
        # This connection was not the one serialized (see migrated_rows): put the rows back here,
        # and give it the rows so that the rollback of the next tests puts them back too.
        connection._test_serialized_contents = migrated_rows
        connection.creation.deserialize_db_from_string(migrated_rows)

    # The rows came back without post_migrate: a thesaurus matcher built while the table was empty
    # would tag nothing, and the Topic facet would be missing from every page.
    thesaurus.forget()
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    from resolutions.models import MeetingPage

    ninth = MeetingPage.objects.get(number=9)
    return {
        "ninth_meeting_path": f"/meetings/{ninth.slug}/",
        "resolution_path": f"/meetings/{ninth.slug}/resolutions/3/",  # Isfahan owns it
        "study_path": "/knowledge/qazvin-crisis-management-master-plan/",
        "users": DEMO_USERS,
    }


@pytest.fixture
def search_engine(demo, settings):
    """The demo network in the real Elasticsearch node, under an index prefix of its own.

    Built with `search_index rebuild` after load_demo, as an operator would; later saves and
    publications index themselves. The node is never mocked: without it the journeys fail.
    """
    from django.core.management import call_command
    from elasticsearch import Elasticsearch

    from search.client import get_client
    from search.tests.conftest import Engine, engine_url

    url = engine_url()
    try:
        # Not ping(): the development node answers GET / with 405.
        Elasticsearch(url, request_timeout=5, max_retries=0).cluster.health()
    except Exception as exc:  # noqa: BLE001 - any failure means the same to the reader
        pytest.fail(f"The search journeys need the Elasticsearch node at {url} ({exc}). Start it with "
                    "`scripts/search-engine start` or point ELASTICSEARCH_URL at one.", pytrace=False)
    settings.ELASTICSEARCH_URL = url
    settings.SEARCH_INDEX_PREFIX = f"test-browser-{uuid.uuid4().hex[:12]}"
    engine = Engine(client=get_client(), prefix=settings.SEARCH_INDEX_PREFIX)
    try:
        call_command("search_index", "rebuild", stdout=open(os.devnull, "w"))  # noqa: SIM115
        engine.refresh()
        yield engine
    finally:
        engine.delete_all_versions()


@pytest.fixture
def new_page(browser, live_server):
    contexts = []

    def make(locale="en-US", width=None, viewport=None, bypass_csp=True):
        viewport = viewport or (dict(DESKTOP) if width is None else {"width": width, "height": 900})
        # bypass_csp: axe-core is injected as an inline script, which the portal's policy forbids.
        # Journeys that check what a policy allows or blocks pass bypass_csp=False.
        context = browser.new_context(base_url=live_server.url, locale=locale, viewport=viewport,
                                      bypass_csp=bypass_csp)
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


def login(page, username, password, next_path=None):
    """Sign in through the admin login form, as a person would; returns the page."""
    url = "/admin/login/" + (f"?next={next_path}" if next_path else "")
    page.goto(url)
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.locator("form button[type=submit], form input[type=submit]").first.click()
    assert "/admin/login/" not in page.url, f"{username} could not sign in"
    return page


def axe_violations(page, impacts=("serious", "critical")):
    """axe-core's violations on the current page, limited to the given impacts."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => await axe.run(document, {resultTypes: ['violations'], runOnly: {type: 'tag',
             values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"""
    )
    return [v for v in result["violations"] if impacts is None or v["impact"] in impacts]


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines)


def assert_accessible(page):
    violations = axe_violations(page)
    assert not violations, f"axe-core on {page.url}:\n{describe(violations)}"


def screenshot(page, name, full_page=True):
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def record(name, data):
    """Keep a JSON note next to the screenshots (e.g. the moderate axe findings)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=2)
    (SCREENSHOTS / f"{name}.json").write_text(text, encoding="utf-8")


# The helpers as fixtures, so journeys in any file use them without imports.
@pytest.fixture(name="login")
def login_fixture():
    return login


@pytest.fixture(name="axe")
def axe_fixture():
    """axe.violations(page), axe.check(page) (fails on serious or critical), axe.describe(list)."""
    class Axe:
        violations = staticmethod(axe_violations)
        check = staticmethod(assert_accessible)
        describe = staticmethod(describe)

    return Axe


@pytest.fixture(name="screenshot")
def screenshot_fixture():
    return screenshot


@pytest.fixture(name="record")
def record_fixture():
    return record
