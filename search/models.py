from django.db import models
from django.utils.translation import gettext_lazy as _


class PendingIndexChange(models.Model):
    """A change the search index has not taken yet because the engine could not be reached.

    One row per object: a later change to the same object updates the row. Replayed by
    `manage.py search_index sync`, and automatically after the next successful index operation.
    Replaying re-reads the object, so the row only needs to say which object to look at.
    """

    class Action(models.TextChoices):
        INDEX = "index", _("index")
        DELETE = "delete", _("delete")

    model_label = models.CharField(_("model"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices, default=Action.INDEX)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["model_label", "object_id"], name="one_pending_change_per_object")
        ]
        verbose_name = _("pending index change")
        verbose_name_plural = _("pending index changes")

    def __str__(self):
        return f"{self.action} {self.model_label} #{self.object_id}"


class DocumentText(models.Model):
    """The text extracted from an uploaded document, kept so that re-indexing does not parse it again.

    Valid while the document's file has this hash and name; search.attachments extracts again when
    either changed (a replaced file), and the row goes with the document.
    """

    document = models.OneToOneField("wagtaildocs.Document", on_delete=models.CASCADE,
                                    related_name="extracted_text", verbose_name=_("document"))
    file_hash = models.CharField(_("file hash"), max_length=40)
    file_name = models.CharField(_("file name"), max_length=255)
    text = models.TextField(_("text"), blank=True)
    extracted_at = models.DateTimeField(_("extracted at"))

    class Meta:
        verbose_name = _("document text")
        verbose_name_plural = _("document texts")

    def __str__(self):
        return f"{self.document_id} · {self.file_hash}"
