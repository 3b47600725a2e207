"""The portal's JSON API (django-ninja), mounted at /api/ with its schema at /api/openapi.json.

- main.py: the NinjaAPI object, its description and error answers;
- read.py: the read endpoints (meetings, resolutions, knowledge items, organisations);
- write.py: follow-up reports posted with an organisation's API token;
- schemas.py: request and response shapes (they make the OpenAPI schema);
- visibility.py, filters.py, present.py, pagination.py: the rules as plain functions (who sees
  what, what a filter means, what is shown of an object, pages);
- tokens.py: bearer-token authentication and the per-token rate limit;
- history_reason.py: the change reason written into django-simple-history records;
- middleware.py (with urlconf.py): CORS headers and 404s that stay 404s;
- admin.py: API tokens in the Wagtail admin.
"""
