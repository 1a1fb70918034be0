"""KITOS API v2 objects → Skanse field values (DOMAIN.md §1.6–1.8), tolerant of real data.

Real data varies: enums come as strings or (with KITOS's SerializeEnumAsInteger header) as
integers, blocks are missing, option lists hold values this version does not know. A field
that cannot be read is left out (an existing value is kept) and noted in the report; an
object without a UUID or a name is skipped whole.
"""

import datetime
import uuid as uuid_module

from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from skanse.inventory.models import (
    ArchiveDuty,
    DataSensitivityLevel,
    HostedAt,
    LifeCycleStatus,
    RiskLevel,
    SpecificPersonalData,
    TechnicalPrecaution,
    YesNoDontKnow,
)

# The integer form of each KITOS enum, in the C# declaration order (DOMAIN.md §1.6).
INTEGERS = {
    YesNoDontKnow: ["No", "Yes", "DontKnow", "Undecided"],
    LifeCycleStatus: ["Undecided", "NotInUse", "PhasingIn", "Operational", "PhasingOut"],
    HostedAt: ["Undecided", "OnPremise", "External", "Hybrid"],
    DataSensitivityLevel: ["None", "PersonData", "SensitiveData", "LegalData"],
    SpecificPersonalData: ["CprNumber", "SocialProblems", "OtherPrivateMatters"],
    TechnicalPrecaution: ["Encryption", "Pseudonymization", "AccessControl", "Logging"],
    RiskLevel: ["Low", "Medium", "High", "Undecided"],
    ArchiveDuty: ["Undecided", "B", "K", "Unknown", "PreserveDataCanDiscardDocuments"],
}
YES_NO_IRRELEVANT = ["No", "Yes", "Irrelevant", "Undecided"]
YES_NO_UNDECIDED = ["No", "Yes", "Undecided"]


class Notes:
    """What was skipped in one object, collected while mapping it."""

    def __init__(self):
        self.reasons: list[str] = []

    def add(self, reason: str) -> None:
        self.reasons.append(reason)


def block(data, key) -> dict:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, dict) else {}


def ref_name(value) -> str:
    """The name of a `{uuid, name}` reference ('' when absent)."""
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return value["name"].strip()
    return ""


def ref_uuid(value) -> uuid_module.UUID | None:
    if isinstance(value, dict):
        value = value.get("uuid")
    try:
        return uuid_module.UUID(str(value)) if value else None
    except ValueError:
        return None


def enum_value(raw, values: list[str], field: str, notes: Notes) -> str | None:
    """A KITOS enum value from its string or integer form; None (and a note) if unknown."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raw = int(raw)
    if isinstance(raw, int) and 0 <= raw < len(values):
        return values[raw]
    if isinstance(raw, str):
        for value in values:
            if value.lower() == raw.strip().lower():
                return value
    notes.add(_("%(field)s: unknown value “%(value)s”") % {"field": field, "value": str(raw)[:60]})
    return None


def enum(raw, choices, field: str, notes: Notes) -> str | None:
    return enum_value(raw, INTEGERS[choices], field, notes)


def enum_list(raw, choices, field: str, notes: Notes) -> list[str] | None:
    if raw is None:
        return None
    if not isinstance(raw, list):
        notes.add(_("%(field)s: not a list") % {"field": field})
        return None
    found = [enum(item, choices, field, notes) for item in raw]
    return [value for value in found if value is not None]


def names(raw) -> list[str] | None:
    """Names of option references (`[{uuid, name}]`), e.g. the local sensitive-data types."""
    if raw is None:
        return None
    if not isinstance(raw, list):
        return []
    return [ref_name(item)[:200] for item in raw if ref_name(item)]


def day(raw, field: str, notes: Notes) -> datetime.date | None:
    if raw in (None, ""):
        return None
    if isinstance(raw, str):
        parsed = parse_datetime(raw)
        if parsed is not None:
            return parsed.date()
        try:
            parsed_date = parse_date(raw[:10])
        except ValueError:
            parsed_date = None
        if parsed_date is not None:
            return parsed_date
    notes.add(_("%(field)s: not a date (“%(value)s”)") % {"field": field, "value": str(raw)[:40]})
    return None


def moment(raw) -> datetime.datetime | None:
    if not isinstance(raw, str):
        return None
    try:
        parsed = parse_datetime(raw)
    except ValueError:
        return None
    if parsed is not None and parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=datetime.UTC)
    return parsed


def text(raw, limit: int) -> str | None:
    if raw is None:
        return None
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        raw = str(raw)
    return raw.strip()[:limit] if isinstance(raw, str) else None


def _set(fields: dict, name: str, value) -> None:
    """Take a value only when KITOS gave one: a missing value keeps the current one."""
    if value is not None:
        fields[name] = value


def _owner(roles) -> str | None:
    if not isinstance(roles, list):
        return None
    for item in roles:
        if isinstance(item, dict) and "ejer" in ref_name(item.get("role")).lower():
            return ref_name(item.get("user"))[:200] or None
    return None


def usage_fields(dto: dict, notes: Notes) -> dict:
    """An `ItSystemUsageResponseDTO` as ITSystem field values (without the provenance)."""
    general, gdpr = block(dto, "general"), block(dto, "gdpr")
    validity = block(general, "validity")
    fields: dict = {}
    name = ref_name(dto.get("systemContext")) or (text(general.get("localCallName"), 255) or "")
    fields["name"] = name[:255]
    _set(fields, "kitos_system_uuid", ref_uuid(dto.get("systemContext")))
    _set(fields, "local_call_name", text(general.get("localCallName"), 100))
    _set(fields, "local_system_id", text(general.get("localSystemId"), 100))
    _set(fields, "system_version", text(general.get("systemVersion"), 100))
    _set(fields, "notes", text(general.get("notes"), 10_000))
    if "dataClassification" in general:
        fields["data_classification"] = ref_name(general.get("dataClassification"))[:100]
    _set(
        fields,
        "life_cycle_status",
        enum(validity.get("lifeCycleStatus"), LifeCycleStatus, "lifeCycleStatus", notes),
    )
    _set(fields, "valid_from", day(validity.get("validFrom"), "validFrom", notes))
    _set(fields, "valid_to", day(validity.get("validTo"), "validTo", notes))
    unit = block(dto, "organizationUsage").get("responsibleOrganizationUnit")
    if "organizationUsage" in dto:
        fields["responsible_unit"] = ref_name(unit)[:200]
    _set(fields, "owner", _owner(dto.get("roles")))
    duty = block(dto, "archiving").get("archiveDuty")
    _set(fields, "archive_duty", enum(duty, ArchiveDuty, "archiveDuty", notes))
    if not gdpr:
        if "gdpr" not in dto:
            notes.add(_("gdpr: the block is missing"))
        return fields
    _set(fields, "purpose", text(gdpr.get("purpose"), 10_000))
    yes_no = {
        "business_critical": "businessCritical",
        "technical_precautions_in_place": "technicalPrecautionsInPlace",
        "user_supervision": "userSupervision",
        "risk_assessment": "riskAssessmentConducted",
        "dpia": "dpiaConducted",
        "retention_period_defined": "retentionPeriodDefined",
    }
    for field, key in yes_no.items():
        _set(fields, field, enum(gdpr.get(key), YesNoDontKnow, key, notes))
    _set(fields, "hosted_at", enum(gdpr.get("hostedAt"), HostedAt, "hostedAt", notes))
    _set(
        fields,
        "risk_assessment_result",
        enum(gdpr.get("riskAssessmentResult"), RiskLevel, "riskAssessmentResult", notes),
    )
    lists = {
        "data_sensitivity_levels": ("dataSensitivityLevels", DataSensitivityLevel),
        "specific_personal_data": ("specificPersonalData", SpecificPersonalData),
        "technical_precautions": ("technicalPrecautionsApplied", TechnicalPrecaution),
    }
    for field, (key, choices) in lists.items():
        _set(fields, field, enum_list(gdpr.get(key), choices, key, notes))
    _set(fields, "sensitive_personal_data", names(gdpr.get("sensitivePersonData")))
    _set(fields, "registered_data_categories", names(gdpr.get("registeredDataCategories")))
    dates = {
        "user_supervision_date": "userSupervisionDate",
        "risk_assessment_date": "riskAssessmentConductedDate",
        "planned_risk_assessment_date": "plannedRiskAssessmentDate",
        "dpia_date": "dpiaDate",
        "next_retention_evaluation": "nextDataRetentionEvaluationDate",
    }
    for field, key in dates.items():
        _set(fields, field, day(gdpr.get(key), key, notes))
    _set(fields, "risk_assessment_notes", text(gdpr.get("riskAssessmentNotes"), 10_000))
    months = gdpr.get("dataRetentionEvaluationFrequencyInMonths")
    if isinstance(months, int) and not isinstance(months, bool) and 0 <= months <= 1200:
        fields["retention_evaluation_months"] = months
    elif months is not None:
        notes.add(_("dataRetentionEvaluationFrequencyInMonths: not a number of months"))
    return fields


def organisation_ref(raw) -> dict | None:
    """A KITOS organisation reference `{uuid, name, cvr}` as supplier data, or None."""
    if not isinstance(raw, dict):
        return None
    name = ref_name(raw)
    cvr = raw.get("cvr") if isinstance(raw.get("cvr"), str) else ""
    cvr = cvr.replace(" ", "")
    if cvr and not (len(cvr) == 8 and cvr.isdigit()):
        cvr = ""
    if not name:
        return None
    return {"name": name[:255], "cvr": cvr, "kitos_uuid": ref_uuid(raw)}


def _months(raw) -> int | None:
    value = raw.get("name") if isinstance(raw, dict) else raw
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 0 <= value <= 600 else None
    if isinstance(value, str):
        digits = "".join(ch for ch in value if ch.isdigit())
        return int(digits) if digits and int(digits) <= 600 else None
    return None


def contract_fields(dto: dict, notes: Notes) -> dict:
    """An `ItContractResponseDTO` as Contract field values (supplier and systems apart)."""
    general = block(dto, "general")
    validity = block(general, "validity")
    fields: dict = {"name": (text(dto.get("name"), 255) or "")}
    _set(fields, "contract_id", text(general.get("contractId"), 100))
    if "contractType" in general:
        fields["contract_type"] = ref_name(general.get("contractType"))[:100]
    _set(fields, "notes", text(general.get("notes"), 10_000))
    _set(fields, "valid_from", day(validity.get("validFrom"), "validFrom", notes))
    _set(fields, "valid_to", day(validity.get("validTo"), "validTo", notes))
    termination = block(dto, "termination")
    _set(fields, "terminated_at", day(termination.get("terminatedAt"), "terminatedAt", notes))
    months = _months(block(termination, "terms").get("noticePeriodMonths"))
    _set(fields, "notice_period_months", months)
    return fields


TRANSFER_BASES = {
    "eu og eøs": "adequacy",
    "eu's standard kontrakt /standard contract clauses": "scc",
    "binding corporate rules / bcr": "bcr",
    "intet": "unclear",
    "andet": "other",
}


def registration_fields(dto: dict, notes: Notes) -> dict:
    """A `DataProcessingRegistrationResponseDTO` as ProcessorAgreement field values."""
    general = block(dto, "general")
    fields: dict = {"name": (text(dto.get("name"), 255) or "")}
    concluded = enum_value(
        general.get("isAgreementConcluded"), YES_NO_IRRELEVANT, "isAgreementConcluded", notes
    )
    concluded_at = day(general.get("agreementConcludedAt"), "agreementConcludedAt", notes)
    if concluded == "Yes" and concluded_at is None:
        notes.add(_("isAgreementConcluded: Yes without a date; kept as in progress"))
        concluded = "Undecided"
    status = {
        "Yes": "concluded",
        "No": "missing",
        "Irrelevant": "not_relevant",
        "Undecided": "in_progress",
    }.get(concluded)
    _set(fields, "status", status)
    _set(fields, "concluded_on", concluded_at if concluded == "Yes" else None)
    transfer = enum_value(
        general.get("transferToInsecureThirdCountries"),
        YES_NO_UNDECIDED,
        "transferToInsecureThirdCountries",
        notes,
    )
    countries = names(general.get("insecureCountriesSubjectToDataTransfer")) or []
    if transfer == "Yes" and countries:
        fields["third_country_transfer"] = True
        fields["third_countries"] = ", ".join(countries)[:500]
        basis = ref_name(general.get("basisForTransfer")).lower()
        fields["transfer_basis"] = TRANSFER_BASES.get(basis, "unclear")
    elif transfer == "Yes":
        notes.add(_("transferToInsecureThirdCountries: Yes without countries; not taken"))
    elif transfer == "No":
        fields["third_country_transfer"] = False
        fields["third_countries"] = ""
    return fields
