"""Query-string links for facets, sorting and pages: the current request with one change."""

from django.utils.http import urlencode


def _params(query_dict):
    return {key: [v for v in query_dict.getlist(key)] for key in query_dict}


def _encode(params):
    pairs = [(key, value) for key, values in params.items() for value in values if value != ""]
    return "?" + urlencode(pairs) if pairs else "?"


def with_value(query_dict, name, value):
    """Same search, `name` set to `value` (one value)."""
    params = _params(query_dict)
    params[name] = [str(value)]
    if name != "page":
        params.pop("page", None)
    return _encode(params)


def toggled(query_dict, name, value):
    """Same search with `value` added to or removed from the repeated parameter `name`."""
    params = _params(query_dict)
    values = params.get(name, [])
    params[name] = [v for v in values if v != value] if value in values else values + [value]
    params.pop("page", None)
    return _encode(params)


def without_filters(query_dict, names):
    params = {k: v for k, v in _params(query_dict).items() if k not in names and k != "page"}
    return _encode(params)


def renamed(query_dict, name, rename):
    """Same search, page and all, each value of `name` replaced by `rename(value)`."""
    params = _params(query_dict)
    params[name] = [rename(value) for value in params.get(name, [])]
    return _encode(params)
