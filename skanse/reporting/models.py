from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from skanse.core.models import TenantModel


class Report(TenantModel):
    """A generated document (a PDF report, a large export), made in the task worker and kept
    for those of the organisation allowed to read its kind (see `registry`)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being made")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=60)
    subject_uuid = models.UUIDField(null=True, blank=True)  # what the report is about
    title = models.CharField(_("title"), max_length=300)
    language = models.CharField(_("language"), max_length=5)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(default=0)
    stage = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    file = models.FileField(upload_to="reports/%Y/", blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(null=True, blank=True)  # how long making it took
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        ordering = ["-created_at"]
        indexes = [
            # The report list of an organisation and "is one being made already?"
            models.Index(fields=["organisation", "kind", "subject_uuid"]),
        ]

    def __str__(self):
        return self.title

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
