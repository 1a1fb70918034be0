"""The municipality's IT-system inventory: suppliers, system usages and contracts in outline.

The enums are KITOS's (OS2KITOS API v2, `ItSystemUsageResponseDTO.gdpr` and `general`), so a
KITOS import maps value for value. Every object may come from KITOS (API or file) and keeps
the KITOS UUID, where it came from (`source`) and when it was last synced; local objects
(source "local") coexist with imported ones.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from skanse.core.models import TenantModel


class Source(models.TextChoices):
    LOCAL = "local", _("Created in Skanse")
    KITOS = "kitos", _("KITOS (API)")
    FILE = "file", _("KITOS (file)")


class YesNoDontKnow(models.TextChoices):
    UNDECIDED = "Undecided", _("Not decided")
    YES = "Yes", _("Yes")
    NO = "No", _("No")
    DONT_KNOW = "DontKnow", _("Don't know")


class LifeCycleStatus(models.TextChoices):
    UNDECIDED = "Undecided", _("Not decided")
    NOT_IN_USE = "NotInUse", _("Not in use")
    PHASING_IN = "PhasingIn", _("Phasing in")
    OPERATIONAL = "Operational", _("In operation")
    PHASING_OUT = "PhasingOut", _("Phasing out")


class HostedAt(models.TextChoices):
    UNDECIDED = "Undecided", _("Not decided")
    ON_PREMISE = "OnPremise", _("On premises")
    EXTERNAL = "External", _("External")
    HYBRID = "Hybrid", _("Hybrid")


class DataSensitivityLevel(models.TextChoices):
    NONE = "None", _("No personal data")
    PERSON_DATA = "PersonData", _("Ordinary personal data")
    SENSITIVE_DATA = "SensitiveData", _("Sensitive personal data")
    LEGAL_DATA = "LegalData", _("Criminal convictions and offences")


class SpecificPersonalData(models.TextChoices):
    CPR_NUMBER = "CprNumber", _("CPR number")
    SOCIAL_PROBLEMS = "SocialProblems", _("Significant social problems")
    OTHER_PRIVATE_MATTERS = "OtherPrivateMatters", _("Other purely private matters")


class TechnicalPrecaution(models.TextChoices):
    ENCRYPTION = "Encryption", _("Encryption")
    PSEUDONYMIZATION = "Pseudonymization", _("Pseudonymisation")
    ACCESS_CONTROL = "AccessControl", _("Access control")
    LOGGING = "Logging", _("Logging")


class RiskLevel(models.TextChoices):
    UNDECIDED = "Undecided", _("Not decided")
    LOW = "Low", _("Low")
    MEDIUM = "Medium", _("Medium")
    HIGH = "High", _("High")


class ArchiveDuty(models.TextChoices):
    UNDECIDED = "Undecided", _("Not decided")
    B = "B", _("B: preserve and discard")
    K = "K", _("K: preserve")
    UNKNOWN = "Unknown", _("Unknown")
    PRESERVE_DATA = (
        "PreserveDataCanDiscardDocuments",
        _("Preserve data, documents may be discarded"),
    )


class KitosTracked(TenantModel):
    """Fields every inventory object has for its KITOS provenance."""

    kitos_uuid = models.UUIDField(_("KITOS UUID"), null=True, blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.LOCAL
    )
    synced_at = models.DateTimeField(_("last synced"), null=True, blank=True)
    # The KITOS lastModified of the imported version, so an unchanged object is not rewritten.
    kitos_modified_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True


class Supplier(KitosTracked):
    """A supplier (leverandør); deduplicated by CVR within an organisation."""

    name = models.CharField(_("name"), max_length=255)
    cvr = models.CharField(_("CVR number"), max_length=8, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("supplier")
        verbose_name_plural = _("suppliers")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "cvr"],
                condition=~Q(cvr=""),
                name="inventory_supplier_cvr_unique",
            ),
            models.UniqueConstraint(
                fields=["organisation", "kitos_uuid"],
                condition=Q(kitos_uuid__isnull=False),
                name="inventory_supplier_kitos_unique",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "name"])]

    def __str__(self):
        return self.name


class ITSystem(KitosTracked):
    """The municipality's use of an IT system (KITOS: "it-system-usage")."""

    name = models.CharField(_("name"), max_length=255)
    local_call_name = models.CharField(_("local call name"), max_length=100, blank=True)
    local_system_id = models.CharField(_("local system ID"), max_length=100, blank=True)
    system_version = models.CharField(_("version"), max_length=100, blank=True)
    kitos_system_uuid = models.UUIDField(_("KITOS catalogue system UUID"), null=True, blank=True)
    supplier = models.ForeignKey(
        Supplier,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="systems",
        verbose_name=_("supplier"),
    )
    purpose = models.TextField(_("purpose"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    data_classification = models.CharField(_("data classification"), max_length=100, blank=True)
    business_critical = models.CharField(
        _("business critical"),
        max_length=10,
        choices=YesNoDontKnow.choices,
        default=YesNoDontKnow.UNDECIDED,
    )
    hosted_at = models.CharField(
        _("hosting"), max_length=10, choices=HostedAt.choices, default=HostedAt.UNDECIDED
    )
    # Lists of DataSensitivityLevel / SpecificPersonalData / TechnicalPrecaution values.
    data_sensitivity_levels = models.JSONField(_("data sensitivity"), default=list, blank=True)
    specific_personal_data = models.JSONField(_("specific personal data"), default=list, blank=True)
    # Names from the municipality's own KITOS option lists (free text, kept as given).
    sensitive_personal_data = models.JSONField(
        _("kinds of sensitive personal data"), default=list, blank=True
    )
    registered_data_categories = models.JSONField(
        _("categories of data subjects"), default=list, blank=True
    )
    # Denormalised from the lists above for filtering (kept in step by save()).
    has_personal_data = models.BooleanField(_("processes personal data"), default=False)
    has_sensitive_data = models.BooleanField(_("processes sensitive data"), default=False)
    has_criminal_data = models.BooleanField(_("processes criminal-offence data"), default=False)
    has_cpr = models.BooleanField(_("processes CPR numbers"), default=False)

    technical_precautions_in_place = models.CharField(
        _("technical precautions in place"),
        max_length=10,
        choices=YesNoDontKnow.choices,
        default=YesNoDontKnow.UNDECIDED,
    )
    technical_precautions = models.JSONField(
        _("technical precautions applied"), default=list, blank=True
    )
    user_supervision = models.CharField(
        _("supervision of user rights"),
        max_length=10,
        choices=YesNoDontKnow.choices,
        default=YesNoDontKnow.UNDECIDED,
    )
    user_supervision_date = models.DateField(_("supervision date"), null=True, blank=True)
    risk_assessment = models.CharField(
        _("risk assessment conducted"),
        max_length=10,
        choices=YesNoDontKnow.choices,
        default=YesNoDontKnow.UNDECIDED,
    )
    risk_assessment_date = models.DateField(_("risk assessment date"), null=True, blank=True)
    risk_assessment_result = models.CharField(
        _("risk assessment result"),
        max_length=10,
        choices=RiskLevel.choices,
        default=RiskLevel.UNDECIDED,
    )
    risk_assessment_notes = models.TextField(_("risk assessment notes"), blank=True)
    planned_risk_assessment_date = models.DateField(
        _("next risk assessment planned"), null=True, blank=True
    )
    dpia = models.CharField(
        _("DPIA conducted"),
        max_length=10,
        choices=YesNoDontKnow.choices,
        default=YesNoDontKnow.UNDECIDED,
    )
    dpia_date = models.DateField(_("DPIA date"), null=True, blank=True)
    retention_period_defined = models.CharField(
        _("retention period defined"),
        max_length=10,
        choices=YesNoDontKnow.choices,
        default=YesNoDontKnow.UNDECIDED,
    )
    next_retention_evaluation = models.DateField(
        _("next retention evaluation"), null=True, blank=True
    )
    retention_evaluation_months = models.PositiveSmallIntegerField(
        _("retention evaluation every (months)"), null=True, blank=True
    )
    life_cycle_status = models.CharField(
        _("life-cycle status"),
        max_length=12,
        choices=LifeCycleStatus.choices,
        default=LifeCycleStatus.UNDECIDED,
    )
    valid_from = models.DateField(_("in use from"), null=True, blank=True)
    valid_to = models.DateField(_("in use until"), null=True, blank=True)
    archive_duty = models.CharField(
        _("archive duty"),
        max_length=40,
        choices=ArchiveDuty.choices,
        default=ArchiveDuty.UNDECIDED,
    )
    responsible_unit = models.CharField(_("responsible unit"), max_length=200, blank=True)
    owner = models.CharField(_("system owner"), max_length=200, blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("IT system")
        verbose_name_plural = _("IT systems")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kitos_uuid"],
                condition=Q(kitos_uuid__isnull=False),
                name="inventory_itsystem_kitos_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "name"]),
            models.Index(fields=["organisation", "life_cycle_status"]),
        ]

    def __str__(self):
        return self.name

    def _labels(self, field, choices) -> list[str]:
        known = dict(choices.choices)
        return [str(known.get(value, value)) for value in getattr(self, field) or []]

    def sensitivity_labels(self) -> list[str]:
        return self._labels("data_sensitivity_levels", DataSensitivityLevel)

    def specific_personal_data_labels(self) -> list[str]:
        return self._labels("specific_personal_data", SpecificPersonalData)

    def precaution_labels(self) -> list[str]:
        return self._labels("technical_precautions", TechnicalPrecaution)

    def refresh_flags(self) -> None:
        levels = set(self.data_sensitivity_levels or [])
        self.has_sensitive_data = DataSensitivityLevel.SENSITIVE_DATA in levels
        self.has_criminal_data = DataSensitivityLevel.LEGAL_DATA in levels
        self.has_cpr = SpecificPersonalData.CPR_NUMBER in (self.specific_personal_data or [])
        self.has_personal_data = bool(
            levels - {DataSensitivityLevel.NONE} or self.has_cpr or self.sensitive_personal_data
        )

    def save(self, *args, **kwargs):
        self.refresh_flags()
        super().save(*args, **kwargs)


class Contract(KitosTracked):
    """An IT contract in outline: supplier, the systems it covers, its period."""

    name = models.CharField(_("name"), max_length=255)
    contract_id = models.CharField(_("contract ID"), max_length=100, blank=True)
    contract_type = models.CharField(_("contract type"), max_length=100, blank=True)
    supplier = models.ForeignKey(
        Supplier,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contracts",
        verbose_name=_("supplier"),
    )
    systems = models.ManyToManyField(
        ITSystem, blank=True, related_name="contracts", verbose_name=_("IT systems")
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    notice_period_months = models.PositiveSmallIntegerField(
        _("notice period (months)"), null=True, blank=True
    )
    terminated_at = models.DateField(_("terminated"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kitos_uuid"],
                condition=Q(kitos_uuid__isnull=False),
                name="inventory_contract_kitos_unique",
            ),
        ]

    def __str__(self):
        return self.name
