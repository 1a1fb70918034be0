"""The KITOS integration: an organisation's connection settings and a log of every sync.

The API user's password is stored encrypted (Fernet, key derived from SECRET_KEY or
SKANSE_KITOS_KEY) and never shown again after saving; see `skanse.kitos.secrets`.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from skanse.core.models import TenantModel


class KitosSettings(TenantModel):
    base_url = models.URLField(_("KITOS address"), default="https://kitos.dk")
    # The municipality in KITOS. Empty: looked up by the organisation's CVR number.
    kitos_organisation_uuid = models.UUIDField(_("KITOS organisation UUID"), null=True, blank=True)
    api_email = models.EmailField(_("API user's e-mail address"), blank=True)
    # Encrypted; never rendered, never in the API, never in the audit trail.
    api_password_encrypted = models.TextField(blank=True, editable=False)
    credentials_saved_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Where the last successful sync reached, per KITOS resource (the incremental cursors).
    usages_changed_since = models.DateTimeField(null=True, blank=True, editable=False)
    contracts_changed_since = models.DateTimeField(null=True, blank=True, editable=False)
    registrations_changed_since = models.DateTimeField(null=True, blank=True, editable=False)
    deletions_since = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("KITOS settings")
        constraints = [
            models.UniqueConstraint(fields=["organisation"], name="kitos_settings_one_per_org")
        ]

    def __str__(self):
        return f"KITOS {self.base_url}"

    @property
    def has_credentials(self) -> bool:
        return bool(self.api_email and self.api_password_encrypted)


class SyncRun(TenantModel):
    """One KITOS sync (from the API) or import (from a file), with its counts and skips."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    class Kind(models.TextChoices):
        API = "kitos", _("KITOS (API)")
        FILE = "file", _("KITOS (file)")

    kind = models.CharField(_("source"), max_length=10, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    full = models.BooleanField(_("full sync"), default=False)
    file_name = models.CharField(_("file"), max_length=255, blank=True)
    # A file import started in the interface waits here for the worker; deleted when done.
    file = models.FileField(upload_to="kitos-imports/", blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # {"systems": {"created": n, "updated": n, "unchanged": n, "deleted": n, "skipped": n}, …}
    counts = models.JSONField(default=dict, blank=True)
    # [{"kind", "uuid", "name", "reason"}] — what was skipped or partly skipped, and why.
    skipped = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    language = models.CharField(max_length=5, default="da")
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("KITOS sync")
        indexes = [
            # The settings page: the organisation's latest runs.
            models.Index(fields=["organisation", "-created_at"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d %H:%M}"
