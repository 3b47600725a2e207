"""The load test's tests run a live server: transactional, so the database is emptied after each.

With the serialized rollback they use, that empty database would be left to the tests that come
after them (tests without the `db` fixture run last, e.g. a module that loads the demo once): the
rows the migrations made (Wagtail's root page and locale, content types) are put back here.
"""

import pytest
from pytest_django.plugin import blocking_manager_key


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield
    # After the last test the test database is already gone: nothing follows to need its rows.
    if nextitem is None or "live_server" not in getattr(item, "fixturenames", ()):
        return
    from django.db import connections

    with item.config.stash[blocking_manager_key].unblock():
        for connection in connections.all():
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                connection.creation.deserialize_db_from_string(contents)
