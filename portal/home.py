"""What the home page shows: the network's numbers and the newest items of each app.

The apps register their lists (`front_page_list`) and numbers (`directory.network_fact`) from
their AppConfig.ready(); the page caches ids and numbers per audience until content changes.
"""

from portal import directory, freshness

LATEST = 6  # items in each of the home page's lists

# name -> (ids(reader): the newest ids, cached; rows(reader, ids): the rows still visible, in order).
# The apps register what the home page lists (resolutions: `latest_resolutions`; knowledge:
# `recent_knowledge`) from their AppConfig.ready().
FRONT_PAGE_LISTS = {}


def front_page_list(name, ids, rows):
    FRONT_PAGE_LISTS[name] = (ids, rows)


def front_page_contents(user):
    """What the home page shows `user`'s audience: the network's numbers and the newest ids.

    Plain numbers and ids (the same in every language), cached by the page.
    """
    return {
        "facts": directory.network_facts(user),
        "ids": {name: ids(user) for name, (ids, _rows) in FRONT_PAGE_LISTS.items()},
    }


def home_context(request):
    user = request.user
    contents = freshness.remember("home", user, lambda: front_page_contents(user), per_language=False)
    context = {"facts": contents["facts"]}
    # The rows themselves are read again (by primary key, and only if still visible): cheap, and
    # what the page shows in any language is built from today's rows.
    for name, (_ids, rows) in FRONT_PAGE_LISTS.items():
        context[name] = rows(user, contents["ids"].get(name, []))
    return context
