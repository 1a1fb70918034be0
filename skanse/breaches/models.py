"""The breach log: every personal data breach the organisation becomes aware of (GDPR Art. 33(5)),
the risk assessment that decides who must be told, and when they were told (Art. 33 and 34).

Breaches are never deleted: Art. 33(5) asks for every breach to be documented, notified or not.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from skanse.core.models import TenantModel


class Risk(models.TextChoices):
    UNASSESSED = "", _("Not assessed yet")
    NONE = "none", _("No risk: documented, not notified")
    RISK = "risk", _("Risk: notify the supervisory authority")
    HIGH = "high", _("High risk: also tell the data subjects (Art. 34)")


class Status(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


KINDS = [
    ("confidentiality", _("Confidentiality: disclosed or accessed without authorisation")),
    ("integrity", _("Integrity: altered without authorisation")),
    ("availability", _("Availability: lost or destroyed")),
]


class Breach(TenantModel):
    """One personal data breach (brud på persondatasikkerheden) and its handling."""

    reference = models.CharField(_("reference"), max_length=30, blank=True)
    title = models.CharField(_("title"), max_length=255)
    status = models.CharField(_("status"), max_length=6, choices=Status.choices, default="open")
    occurred_at = models.DateTimeField(_("when it happened"))
    # Art. 33(1): the 72 hours run from the moment the controller became aware.
    aware_at = models.DateTimeField(_("when we became aware"))
    description = models.TextField(_("what happened"))
    kinds = models.JSONField(_("kind of breach"), default=list, blank=True)
    subject_categories = models.JSONField(
        _("categories of data subjects"), default=list, blank=True
    )
    subjects_count = models.PositiveIntegerField(
        _("approximate number of data subjects"), null=True, blank=True
    )
    data_categories = models.JSONField(_("categories of personal data"), default=list, blank=True)
    records_count = models.PositiveIntegerField(
        _("approximate number of records"), null=True, blank=True
    )
    systems = models.ManyToManyField(
        "inventory.ITSystem", blank=True, related_name="breaches", verbose_name=_("IT systems")
    )
    processors = models.ManyToManyField(
        "inventory.Supplier",
        blank=True,
        related_name="breaches",
        verbose_name=_("data processors"),
    )
    activities = models.ManyToManyField(
        "privacy.ProcessingActivity",
        blank=True,
        related_name="breaches",
        verbose_name=_("processing activities"),
    )
    agreements = models.ManyToManyField(
        "privacy.ProcessorAgreement",
        blank=True,
        related_name="breaches",
        verbose_name=_("processor agreements"),
    )
    consequences = models.TextField(_("likely consequences"), blank=True)
    measures = models.TextField(_("measures taken or proposed"), blank=True)
    risk = models.CharField(
        _("risk assessment"), max_length=4, choices=Risk.choices, blank=True, default=""
    )
    risk_reasoning = models.TextField(_("reasoning for the risk assessment"), blank=True)
    authority_notified_at = models.DateTimeField(
        _("supervisory authority notified"), null=True, blank=True
    )
    authority_reference = models.CharField(
        _("the authority's reference"), max_length=100, blank=True
    )
    delay_reason = models.TextField(_("reason for notifying after 72 hours"), blank=True)
    subjects_notified_at = models.DateTimeField(_("data subjects told"), null=True, blank=True)
    subjects_notice = models.TextField(_("how the data subjects were told"), blank=True)
    # Set once when the "deadline nears" alert is queued, so `breach-alerts` sends it once.
    deadline_alert_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-aware_at", "-id"]
        verbose_name = _("personal data breach")
        verbose_name_plural = _("personal data breaches")
        indexes = [
            # The breach log, newest first, and the dashboard's open breaches.
            models.Index(fields=["organisation", "status", "-aware_at"]),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}".strip()
