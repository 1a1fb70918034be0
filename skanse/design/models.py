"""Privacy by design and by default (GDPR Art. 25): per IT system, assessments against the
EDPB's key design and default elements (library requirements), and the answer to each gap.

A system's `DesignProfile` holds its re-assessment interval and when it is next due; the
services keep it in step when an assessment is completed or a re-assessment is triggered.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from skanse.core.models import TenantModel
from skanse.library.models import FrameworkVersion, Requirement

# The library framework whose elements an assessment is made against.
EDPB_FRAMEWORK_URN = "urn:skanse:framework:edpb-dpbdd-elements"


class Occasion(models.TextChoices):
    DESIGN = "design", _("Design or procurement of a new system")
    REDESIGN = "redesign", _("Redesign")
    PERIODIC = "periodic", _("Periodic re-assessment")
    CHANGE = "change", _("Change to the system")
    NEW_ACTIVITY = "new_activity", _("New processing activity on the system")
    INCIDENT = "incident", _("Incident")


class Trigger(models.TextChoices):
    CHANGE = "change", _("Change to the system")
    NEW_ACTIVITY = "new_activity", _("New processing activity on the system")
    INCIDENT = "incident", _("Incident")


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    COMPLETED = "completed", _("Completed")


class Result(models.TextChoices):
    MET = "met", _("Met")
    PARTLY = "partly", _("Partly met")
    NOT_MET = "not_met", _("Not met")
    NOT_RELEVANT = "not_relevant", _("Not relevant")


GAP_RESULTS = (Result.PARTLY, Result.NOT_MET)


class Response(models.TextChoices):
    ORGANISATIONAL = "organisational", _("Organisational measure")
    SYSTEM_CHANGE = "system_change", _("Change to the system (requirement to the supplier)")
    ACCEPTED = "accepted", _("Accept the gap")


class DesignProfile(TenantModel):
    """An IT system's Art. 25 schedule: re-assessment interval, last and next assessment."""

    system = models.OneToOneField(
        "inventory.ITSystem", on_delete=models.CASCADE, related_name="design_profile"
    )
    interval_months = models.PositiveSmallIntegerField(
        _("re-assessment every (months)"), default=12
    )
    last_assessed_at = models.DateTimeField(_("last assessed"), null=True, blank=True)
    next_due_on = models.DateField(_("next re-assessment due"), null=True, blank=True)
    triggered_at = models.DateTimeField(_("re-assessment triggered"), null=True, blank=True)
    trigger = models.CharField(_("trigger"), max_length=20, choices=Trigger.choices, blank=True)
    trigger_note = models.TextField(_("trigger note"), blank=True, max_length=2000)
    # The latest completed assessment: the one whose gaps and measures count.
    current_assessment = models.ForeignKey(
        "design.Assessment", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Art. 25 schedule")
        verbose_name_plural = _("Art. 25 schedules")
        indexes = [
            # The overview's status counts: systems by next due date.
            models.Index(fields=["organisation", "next_due_on"]),
        ]

    def __str__(self):
        return str(self.system)


class Assessment(TenantModel):
    """One Art. 25 assessment of an IT system, made on an occasion, against one version of
    the EDPB elements."""

    system = models.ForeignKey(
        "inventory.ITSystem",
        on_delete=models.CASCADE,
        related_name="design_assessments",
        verbose_name=_("IT system"),
    )
    framework_version = models.ForeignKey(
        FrameworkVersion, on_delete=models.PROTECT, related_name="+"
    )
    occasion = models.CharField(_("occasion"), max_length=20, choices=Occasion.choices)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.DRAFT,
    )
    assessed_on = models.DateField(_("assessment date"))
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assessor"),
    )
    summary = models.TextField(_("summary"), blank=True, max_length=5000)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        ordering = ["-assessed_on", "-id"]
        verbose_name = _("Art. 25 assessment")
        verbose_name_plural = _("Art. 25 assessments")
        indexes = [
            # A system's assessments, newest first.
            models.Index(fields=["organisation", "system", "-assessed_on"]),
        ]

    def __str__(self):
        return f"{self.system} ({self.assessed_on:%Y-%m-%d})"

    @property
    def is_draft(self) -> bool:
        return self.status == AssessmentStatus.DRAFT


class ElementAssessment(TenantModel):
    """One EDPB element in an assessment: the result, evidence and note; for a gap (partly or
    not met), the answer: an organisational measure, a change to the system, or acceptance."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="elements")
    element = models.ForeignKey(
        Requirement, on_delete=models.PROTECT, related_name="+", verbose_name=_("element")
    )
    # The principle (the element's parent in the library), kept for counting gaps by principle.
    principle = models.ForeignKey(
        Requirement, on_delete=models.PROTECT, related_name="+", verbose_name=_("principle")
    )
    position = models.PositiveIntegerField(default=0)
    result = models.CharField(_("result"), max_length=15, choices=Result.choices, blank=True)
    evidence = models.TextField(_("evidence"), blank=True, max_length=4000)
    note = models.TextField(_("note"), blank=True, max_length=4000)
    response = models.CharField(
        _("how the gap is closed"), max_length=20, choices=Response.choices, blank=True
    )
    measure = models.TextField(_("measure or requirement"), blank=True, max_length=2000)
    responsible = models.CharField(_("responsible"), max_length=200, blank=True)
    due_on = models.DateField(_("due date"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    supplier = models.ForeignKey(
        "inventory.Supplier",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("supplier"),
    )
    requirement_set = models.ForeignKey(
        "requirements.RequirementSet",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requirement set"),
    )
    accept_reason = models.TextField(_("reason for accepting"), blank=True, max_length=2000)
    accepted_by = models.CharField(_("approved by"), max_length=200, blank=True)
    accepted_on = models.DateField(_("approved on"), null=True, blank=True)
    # True on the rows of the system's current (latest completed) assessment, the ones that
    # count in the overviews; kept by the services when an assessment is completed. Stored,
    # not derived, so the national view reads only the gap rows through one index.
    current = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["assessment", "position"]
        verbose_name = _("assessed element")
        verbose_name_plural = _("assessed elements")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "element"], name="design_element_once_per_assessment"
            )
        ]
        indexes = [
            # Gaps and open measures of current assessments, by principle: the overview, the
            # dashboard and the national view read only the gap rows, from the index alone.
            models.Index(
                fields=["organisation", "current", "result", "response", "principle", "done_on"],
                name="design_gap_response_idx",
            ),
        ]

    def __str__(self):
        return f"{self.element.ref_id} {self.element.name_i18n}"

    @property
    def is_gap(self) -> bool:
        return self.result in GAP_RESULTS

    @property
    def is_open_measure(self) -> bool:
        return (
            self.is_gap
            and self.response in (Response.ORGANISATIONAL, Response.SYSTEM_CHANGE)
            and self.done_on is None
        )
