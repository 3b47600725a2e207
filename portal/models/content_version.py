from django.db import models


class ContentVersion(models.Model):
    """One row whose token changes whenever published content changes (see portal.freshness).

    Kept in the database rather than in the cache: it changes in the transaction that changes the
    content (and rolls back with it), and every server process sees the same value.
    """

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField()

    def __str__(self):
        return self.token
