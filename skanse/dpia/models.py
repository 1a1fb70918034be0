"""Data protection impact assessments (GDPR Art. 35–36): screenings, DPIAs and their versions.

A DPIA is a document that changes over time: each re-assessment is a new `DpiaVersion`, and
an approved version is frozen (the services refuse to change it), so what management approved
is what stays on record. Risks and assignments belong to one version."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from skanse.core.models import TenantModel
from skanse.dpia import criteria as k


class Screening(TenantModel):
    """Is a DPIA needed? A processing activity (or a system) against WP248 and the Danish list."""

    activity = models.ForeignKey(
        "privacy.ProcessingActivity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dpia_screenings",
        verbose_name=_("processing activity"),
    )
    system = models.ForeignKey(
        "inventory.ITSystem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dpia_screenings",
        verbose_name=_("IT system"),
    )
    criteria = models.JSONField(_("WP248 criteria met"), default=list, blank=True)
    art35_3 = models.JSONField(_("Art. 35(3) cases"), default=list, blank=True)
    danish_list = models.JSONField(_("Datatilsynet's list"), default=list, blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=k.Outcome.choices)
    reasons = models.TextField(_("reasons"))
    screened_on = models.DateField(_("screened on"))

    class Meta:
        ordering = ["-screened_on", "-id"]
        verbose_name = _("DPIA screening")
        verbose_name_plural = _("DPIA screenings")
        indexes = [
            # The dashboard: screenings that say a DPIA is required.
            models.Index(fields=["organisation", "outcome"]),
        ]

    def __str__(self):
        subject = self.activity or self.system
        return str(_("Screening of %(subject)s") % {"subject": subject or "–"})

    @property
    def likely_required(self) -> bool:
        """WP248's rule of thumb: two or more criteria met."""
        return len(self.criteria) >= k.RULE_OF_THUMB


class Dpia(TenantModel):
    """A data protection impact assessment (konsekvensanalyse) of an activity or a system."""

    title = models.CharField(_("title"), max_length=255)
    activity = models.ForeignKey(
        "privacy.ProcessingActivity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dpias",
        verbose_name=_("processing activity"),
    )
    system = models.ForeignKey(
        "inventory.ITSystem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dpias",
        verbose_name=_("IT system"),
    )
    screening = models.ForeignKey(
        Screening,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dpias",
        verbose_name=_("screening"),
    )
    reassess_on = models.DateField(_("re-assess by"), null=True, blank=True)

    class Meta:
        ordering = ["title", "id"]
        # Spelled out: the audit trail capitalises the name ("DPIA" would read "Dpia").
        verbose_name = _("data protection impact assessment")
        verbose_name_plural = _("data protection impact assessments")
        indexes = [
            # The dashboard: DPIAs due for re-assessment by date.
            models.Index(fields=["organisation", "reassess_on"]),
        ]

    def __str__(self):
        return self.title


class DpiaVersion(TenantModel):
    """One version of a DPIA: the document itself (Art. 35(7)), the DPO's opinion, approval."""

    dpia = models.ForeignKey(Dpia, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=12, choices=k.Status.choices, default=k.Status.DRAFT
    )
    # Art. 35(7)(a): systematic description
    purposes = models.TextField(_("purposes of the processing"), blank=True)
    data_flows = models.TextField(_("data flows"), blank=True)
    data_categories = models.TextField(
        _("categories of personal data and data subjects"), blank=True
    )
    recipients = models.TextField(_("recipients"), blank=True)
    technical_support = models.TextField(_("technical support"), blank=True)
    # Art. 35(7)(b): necessity and proportionality, one answer per Art. 5 principle
    nec_lawfulness = models.TextField(_("lawfulness, fairness and transparency"), blank=True)
    nec_purpose = models.TextField(_("purpose limitation"), blank=True)
    nec_minimisation = models.TextField(_("data minimisation"), blank=True)
    nec_accuracy = models.TextField(_("accuracy"), blank=True)
    nec_storage = models.TextField(_("storage limitation"), blank=True)
    nec_security = models.TextField(_("integrity and confidentiality"), blank=True)
    nec_accountability = models.TextField(_("accountability"), blank=True)
    # The risk matrix: likelihood × severity; a score (their product) from `high_from` is high.
    likelihood_levels = models.PositiveSmallIntegerField(_("levels of likelihood"), default=4)
    severity_levels = models.PositiveSmallIntegerField(_("levels of severity"), default=4)
    high_from = models.PositiveSmallIntegerField(_("high risk from score"), default=9)
    # Art. 35(2): the DPO's advice
    dpo_name = models.CharField(_("data protection officer"), max_length=200, blank=True)
    dpo_consulted_on = models.DateField(_("DPO consulted on"), null=True, blank=True)
    dpo_opinion = models.TextField(_("the DPO's opinion"), blank=True)
    # Management approval
    approved_by_name = models.CharField(_("approved by"), max_length=200, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    divergence_reasons = models.TextField(
        _("reasons for not following the DPO's advice"), blank=True
    )
    # Art. 36: prior consultation of Datatilsynet when high residual risk remains
    prior_consultation_on = models.DateField(
        _("Datatilsynet consulted on (Art. 36)"), null=True, blank=True
    )
    prior_consultation_notes = models.TextField(_("prior consultation, details"), blank=True)

    class Meta:
        ordering = ["dpia", "-number"]
        verbose_name = _("DPIA version")
        verbose_name_plural = _("DPIA versions")
        constraints = [
            models.UniqueConstraint(fields=["dpia", "number"], name="dpia_version_number_unique")
        ]
        indexes = [
            # The dashboard and the list: versions by status (awaiting approval).
            models.Index(fields=["organisation", "status"]),
        ]

    def __str__(self):
        return f"{self.dpia} v{self.number}"

    @property
    def editable(self) -> bool:
        return self.status in k.EDITABLE


class DpiaRisk(TenantModel):
    """A risk to the data subjects' rights and freedoms, its measures and the residual risk."""

    version = models.ForeignKey(DpiaVersion, on_delete=models.CASCADE, related_name="risks")
    title = models.CharField(_("risk"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    likelihood = models.PositiveSmallIntegerField(_("likelihood"))
    severity = models.PositiveSmallIntegerField(_("severity"))
    measures = models.TextField(_("measures"), blank=True)
    residual_likelihood = models.PositiveSmallIntegerField(_("residual likelihood"))
    residual_severity = models.PositiveSmallIntegerField(_("residual severity"))

    class Meta:
        ordering = ["version", "id"]
        verbose_name = _("DPIA risk")
        verbose_name_plural = _("DPIA risks")

    def __str__(self):
        return self.title

    @property
    def score(self) -> int:
        return self.likelihood * self.severity

    @property
    def residual_score(self) -> int:
        return self.residual_likelihood * self.residual_severity


class DpiaAssignment(TenantModel):
    """A section of a DPIA version given to a colleague to fill in."""

    version = models.ForeignKey(DpiaVersion, on_delete=models.CASCADE, related_name="assignments")
    section = models.CharField(_("section"), max_length=20, choices=k.pairs(k.SECTIONS))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("assigned to"),
    )
    due_on = models.DateField(_("due"), null=True, blank=True)

    class Meta:
        ordering = ["version", "section"]
        verbose_name = _("DPIA section assignment")
        verbose_name_plural = _("DPIA section assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "section"], name="dpia_assignment_one_per_section"
            )
        ]

    def __str__(self):
        return f"{self.version} · {self.get_section_display()}"
