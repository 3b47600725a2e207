"""Posting reports from the site's forms: one path for the resolution page's form and the workspace's.

Whatever form sends it, a report is saved the same way: the attachment kept once as a Wagtail
document, then `FollowUpLine.record_report` on each line (which sets the line's status, and the
resolution's through its rule). A report's attachment is for members only unless the reporter
made it public.
"""

from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.models import Collection


def store_attachment(upload, user):
    """Keep an uploaded file as a Wagtail document in the root collection."""
    document = get_document_model()(
        title=upload.name, file=upload, collection=Collection.get_first_root_node(), uploaded_by_user=user
    )
    document._set_document_file_metadata()
    document.save()
    return document


@transaction.atomic
def record_reports(lines, user, data, *, for_owner=False):
    """One report on each line from a valid report form's `data`; returns the reports.

    With `for_owner`, the secretariat records what the line's owner sent (data's `source` and
    `source_date`): the report names who recorded it and from what, and has no author of its own.
    """
    upload = data.get("attachment")
    attachments = [store_attachment(upload, user)] if upload else []
    if for_owner:
        people = {"author": None, "recorded_by": user, "source": data["source"], "source_date": data["source_date"]}
    else:
        people = {"author": user}
    return [
        line.record_report(text=data["text"], status=data["status"], attachments=attachments,
                           attachments_public=bool(upload) and data["attachment_public"], **people)
        for line in lines
    ]
