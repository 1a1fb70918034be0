"""Records of processing (Art. 30), processor agreements (Art. 28) and the supervision of
processors (Datatilsynet's guidance of 2021). Every row belongs to an organisation.

Multi-valued pick lists are JSON lists of codes from `choices.py` (validated by the services),
so records compare field by field — across versions and against the association's templates.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from skanse.core.models import TenantModel
from skanse.privacy import choices as c


class ControllerDetails(TenantModel):
    """Art. 30(1)(a): the controller's name and contact details, its representative and DPO.

    One row per organisation; the name, CVR number and address head the exported record."""

    address = models.TextField(_("address"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    representative = models.TextField(_("representative (Art. 27)"), blank=True)
    dpo_name = models.CharField(_("data protection officer"), max_length=200, blank=True)
    dpo_email = models.EmailField(_("DPO's e-mail"), blank=True)
    dpo_phone = models.CharField(_("DPO's phone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("controller details")
        verbose_name_plural = _("controller details")
        constraints = [
            models.UniqueConstraint(fields=["organisation"], name="privacy_controller_one")
        ]

    def __str__(self):
        return str(_("Controller details"))


class ProcessingActivity(TenantModel):
    """One processing activity (behandlingsaktivitet) in the record of processing."""

    reference = models.CharField(_("reference"), max_length=30, blank=True)
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=c.ActivityStatus.choices, default="active"
    )
    role = models.CharField(
        _("our role"), max_length=12, choices=c.Role.choices, default=c.Role.CONTROLLER
    )
    # Art. 30(1)(a) joint controllers; Art. 30(2)(a) the controllers we process for.
    joint_controllers = models.TextField(_("joint controllers"), blank=True)
    controller_name = models.CharField(_("controller we process for"), max_length=255, blank=True)
    controller_contact = models.TextField(_("that controller's contact details"), blank=True)
    # Art. 30(1)(b)
    purposes = models.TextField(_("purposes"), blank=True)
    legal_bases = models.JSONField(_("legal bases"), default=list, blank=True)
    legal_basis_notes = models.TextField(_("legal basis, details"), blank=True)
    # Art. 30(1)(c)
    subject_categories = models.JSONField(
        _("categories of data subjects"), default=list, blank=True
    )
    subject_notes = models.TextField(_("data subjects, details"), blank=True)
    subject_count = models.CharField(
        _("number of data subjects"), max_length=10, choices=c.SubjectCount.choices, blank=True
    )
    data_categories = models.JSONField(_("categories of personal data"), default=list, blank=True)
    data_notes = models.TextField(_("personal data, details"), blank=True)
    # Art. 30(1)(d)
    recipients = models.JSONField(_("categories of recipients"), default=list, blank=True)
    recipient_notes = models.TextField(_("recipients, details"), blank=True)
    # Art. 30(1)(e)
    third_country_transfer = models.BooleanField(_("transfer to third countries"), default=False)
    third_countries = models.CharField(
        _("third countries or international organisations"), max_length=500, blank=True
    )
    transfer_basis = models.CharField(
        _("basis for transfer"),
        max_length=12,
        choices=c.TransferBasis.choices,
        default=c.TransferBasis.NONE,
    )
    transfer_safeguards = models.TextField(_("documentation of safeguards"), blank=True)
    # Art. 30(1)(f)
    erasure = models.CharField(
        _("erasure deadline"), max_length=12, choices=c.Erasure.choices, blank=True
    )
    erasure_notes = models.TextField(_("erasure, details"), blank=True)
    # Art. 30(1)(g)
    security_measures = models.TextField(
        _("technical and organisational security measures"), blank=True
    )
    # Danish practice
    kle_numbers = models.JSONField(_("KLE subject numbers"), default=list, blank=True)
    responsible_unit = models.CharField(_("responsible unit"), max_length=200, blank=True)
    systems = models.ManyToManyField(
        "inventory.ITSystem",
        blank=True,
        related_name="processing_activities",
        verbose_name=_("IT systems"),
    )
    processors = models.ManyToManyField(
        "inventory.Supplier",
        blank=True,
        related_name="processing_activities",
        verbose_name=_("data processors"),
    )
    information_duty = models.CharField(
        _("duty to inform"), max_length=10, choices=c.InformationDuty.choices, blank=True
    )
    information_duty_notes = models.TextField(_("duty to inform, details"), blank=True)
    # TODO(#6): a foreign key to the DPIA goes here; until then the assessment of the need.
    dpia_need = models.CharField(_("DPIA"), max_length=12, choices=c.DpiaNeed.choices, blank=True)
    kitos_uuid = models.UUIDField(_("KITOS UUID"), null=True, blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=c.Source.choices, default=c.Source.LOCAL
    )

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("processing activity")
        verbose_name_plural = _("processing activities")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kitos_uuid"],
                condition=Q(kitos_uuid__isnull=False),
                name="privacy_activity_kitos_unique",
            ),
        ]
        indexes = [
            # The record's list page: one organisation's activities by name.
            models.Index(fields=["organisation", "name"]),
        ]

    def __str__(self):
        return f"{self.reference} {self.name}".strip()


class ProcessorAgreement(TenantModel):
    """A data processing agreement (databehandleraftale) and the supervision plan for it."""

    name = models.CharField(_("name"), max_length=255)
    supplier = models.ForeignKey(
        "inventory.Supplier",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="processor_agreements",
        verbose_name=_("data processor"),
    )
    systems = models.ManyToManyField(
        "inventory.ITSystem",
        blank=True,
        related_name="processor_agreements",
        verbose_name=_("IT systems"),
    )
    activities = models.ManyToManyField(
        ProcessingActivity,
        blank=True,
        related_name="agreements",
        verbose_name=_("processing activities"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=c.AgreementStatus.choices,
        default=c.AgreementStatus.IN_PROGRESS,
    )
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    template = models.CharField(
        _("template"), max_length=12, choices=c.AgreementTemplate.choices, blank=True
    )
    third_country_transfer = models.BooleanField(_("transfer to third countries"), default=False)
    third_countries = models.CharField(
        _("third countries or international organisations"), max_length=500, blank=True
    )
    transfer_basis = models.CharField(
        _("basis for transfer"),
        max_length=12,
        choices=c.TransferBasis.choices,
        default=c.TransferBasis.NONE,
    )
    breach_notice = models.CharField(
        _("breach notice agreed"), max_length=6, choices=c.BreachNotice.choices, blank=True
    )
    document = models.FileField(
        _("document"), upload_to="privacy/agreements/%Y/", blank=True, max_length=255
    )
    document_name = models.CharField(_("file name"), max_length=255, blank=True)
    document_type = models.CharField(_("file type"), max_length=100, blank=True)
    document_size = models.PositiveIntegerField(_("file size"), null=True, blank=True)
    document_link = models.URLField(_("link to the document"), max_length=500, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # The supervision plan: the point model's inputs, its score, the chosen method.
    risk_subjects = models.CharField(
        _("number of data subjects"), max_length=10, choices=c.SubjectCount.choices, blank=True
    )
    risk_sensitive = models.BooleanField(_("sensitive or criminal-offence data"), default=False)
    risk_cpr = models.BooleanField(_("CPR numbers"), default=False)
    risk_processing = models.CharField(
        _("kind of processing"),
        max_length=10,
        choices=c.ProcessingKind.choices,
        default=c.ProcessingKind.ORDINARY,
    )
    risk_points = models.PositiveSmallIntegerField(_("risk points"), null=True, blank=True)
    supervision_method = models.CharField(
        _("supervision method"), max_length=20, choices=c.Method.choices, blank=True
    )
    supervision_interval = models.CharField(
        _("supervision interval"), max_length=20, choices=c.Interval.choices, blank=True
    )
    next_supervision_on = models.DateField(_("next supervision due"), null=True, blank=True)
    kitos_uuid = models.UUIDField(_("KITOS UUID"), null=True, blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=c.Source.choices, default=c.Source.LOCAL
    )

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("processor agreement")
        verbose_name_plural = _("processor agreements")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kitos_uuid"],
                condition=Q(kitos_uuid__isnull=False),
                name="privacy_agreement_kitos_unique",
            ),
        ]
        indexes = [
            # The supervision overview and the dashboard: agreements due by date.
            models.Index(fields=["organisation", "next_supervision_on"]),
        ]

    def __str__(self):
        return self.name


class SubProcessor(TenantModel):
    """A sub-processor the agreement authorises (standard clauses, Clause 7 and Appendix B)."""

    agreement = models.ForeignKey(
        ProcessorAgreement, on_delete=models.CASCADE, related_name="sub_processors"
    )
    name = models.CharField(_("name"), max_length=255)
    cvr = models.CharField(_("CVR or company number"), max_length=20, blank=True)
    processing = models.CharField(_("what they process"), max_length=500, blank=True)
    country = models.CharField(_("location of processing"), max_length=100, blank=True)
    third_country = models.BooleanField(_("third country"), default=False)
    transfer_basis = models.CharField(
        _("basis for transfer"),
        max_length=12,
        choices=c.TransferBasis.choices,
        default=c.TransferBasis.NONE,
    )

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("sub-processor")
        verbose_name_plural = _("sub-processors")

    def __str__(self):
        return self.name


class Supervision(TenantModel):
    """One supervision carried out: the statement received, the assessment, the follow-up."""

    agreement = models.ForeignKey(
        ProcessorAgreement, on_delete=models.CASCADE, related_name="supervisions"
    )
    performed_on = models.DateField(_("carried out on"))
    method = models.CharField(_("method"), max_length=20, choices=c.Method.choices)
    statement_type = models.CharField(
        _("statement"), max_length=12, choices=c.StatementType.choices, blank=True
    )
    period_start = models.DateField(_("period covered, from"), null=True, blank=True)
    period_end = models.DateField(_("period covered, to"), null=True, blank=True)
    opinion = models.CharField(_("opinion"), max_length=12, choices=c.Opinion.choices, blank=True)
    deviations = models.TextField(_("deviations found"), blank=True)
    assessment = models.CharField(_("assessment"), max_length=6, choices=c.Assessment.choices)
    follow_up = models.TextField(_("follow-up actions"), blank=True)
    follow_up_due = models.DateField(_("follow-up due"), null=True, blank=True)
    follow_up_done = models.BooleanField(_("follow-up done"), default=False)
    evidence_link = models.URLField(_("link to the statement"), max_length=500, blank=True)

    class Meta:
        ordering = ["-performed_on", "-id"]
        verbose_name = _("supervision")
        verbose_name_plural = _("supervisions")

    def __str__(self):
        return f"{self.agreement} {self.performed_on}"
