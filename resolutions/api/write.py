"""Write endpoint: an organisation's systems post follow-up reports with the organisation's API token.

Only token authentication is accepted here (no session), so there is no CSRF to check.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from ninja import Router
from ninja.responses import Status

from portal.api.history_reason import change_reason
from portal.api.schemas import Error, ReportIn, ReportOut, ValidationErrors
from portal.api.tokens import TokenAuth

from ..visibility import resolutions_visible_to_organisation

router = Router()

EXAMPLE = """\
Posts a follow-up report on **your organisation's line** of a resolution, as the web form does:
the line takes the reported status and the resolution's status follows its owners' lines.

Authenticate with your organisation's API token (the secretariat issues it; it is shown once):

```
curl -X POST https://portal.example.org/api/follow-up/reports/ \\
  -H "Authorization: Bearer pcm_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX" \\
  -H "Content-Type: application/json" \\
  -d '{"resolution": 42, "text": "The flood study was sent to the secretariat.", "status": "done"}'
```

Answers: **201** the report; **401** unknown or revoked token; **403** a public resolution your
organisation does not own (nothing is written); **404** no such resolution, or none your organisation
may see (an internal resolution of others answers as if it did not exist); **422** invalid body;
**429** more than 30 requests in a minute with this token (see `Retry-After`).
The resolution's history records the change as "API token <name> (<organisation>)".
"""


def history_reason(token):
    return f"API token {token.name} ({token.organisation.name_in('en')})"


def post_report(token, *, resolution_id, text, status):
    """Record a report on the token organisation's line; raises Http404 / PermissionDenied."""
    resolution = resolutions_visible_to_organisation(token.organisation).filter(pk=resolution_id).first()
    if resolution is None:
        raise Http404("No such resolution.")
    line = resolution.lines.filter(organisation=token.organisation).first()
    if line is None:
        raise PermissionDenied("Your organisation does not own this resolution.")
    with transaction.atomic(), change_reason(history_reason(token)):
        report = line.record_report(author=None, text=text, status=status)
    resolution.refresh_from_db(fields=["status"])
    return report, resolution


@router.post(
    "/follow-up/reports/",
    auth=TokenAuth(),
    response={201: ReportOut, 400: Error, 401: Error, 403: Error, 404: Error, 422: ValidationErrors,
              429: Error},
    tags=["follow-up"],
    summary="Post a follow-up report (API token)",
    description=EXAMPLE,
)
def create_report(request, payload: ReportIn):
    token = request.auth
    report, resolution = post_report(token, resolution_id=payload.resolution, text=payload.text,
                                     status=payload.status)
    return Status(201, {
        "id": report.pk,
        "resolution": resolution.pk,
        "organisation": token.organisation.slug,
        "text": report.text,
        "status": report.status,
        "reported_on": report.reported_on,
        "resolution_status": resolution.status,
    })
