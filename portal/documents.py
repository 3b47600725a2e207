"""Which uploaded documents the public may download."""


def is_public_document(document):
    """True while a live, public page or a public resolution's report uses the document.

    A document nobody publishes (a draft's attachment, a members-only study's file) stays
    private, whatever URL someone guesses.
    """
    from knowledge.models import KnowledgeDocument, Visibility
    from resolutions.models import FollowUpReport, MeetingPage

    return (
        KnowledgeDocument.objects.filter(
            document=document, page__live=True, page__visibility=Visibility.PUBLIC
        ).exists()
        or MeetingPage.objects.live().filter(minutes_document=document).exists()
        or FollowUpReport.objects.filter(
            attachments=document, line__resolution__is_public=True,
            line__resolution__meeting__live=True,
        ).exists()
    )
