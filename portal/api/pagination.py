"""Page-number pagination: {"count", "next", "previous", "results"}."""

from django.http import QueryDict

from portal.addresses import absolute_url


def page_url(request, page):
    query = request.GET.copy() if isinstance(request.GET, QueryDict) else QueryDict(mutable=True)
    query["page"] = str(page)
    return absolute_url(f"{request.path}?{query.urlencode()}")


def paginate(request, queryset, page, page_size, present):
    """One page of `queryset`, each object passed through `present`.

    A page past the end is empty (with a link back), not an error.
    """
    count = queryset.count()
    start = (page - 1) * page_size
    objects = list(queryset[start:start + page_size]) if start < count else []
    last_page = max(1, -(-count // page_size))
    return {
        "count": count,
        "next": page_url(request, page + 1) if page < last_page else None,
        "previous": page_url(request, min(page - 1, last_page)) if page > 1 else None,
        "results": present(objects),
    }
