"""Writes for the records of processing, processor agreements and supervision.

Every service takes plain data (codes, text, dates, UUIDs of systems and suppliers), checks it,
saves inside a transaction and records the change in the audit trail. Other code (the API, the
Excel import, KITOS, the commons) calls these same functions, so the rules are the same.
"""

import datetime
import re
import uuid as uuid_module

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from skanse.core.audit import audit_record, diff, snapshot
from skanse.core.errors import DomainError
from skanse.inventory.models import ITSystem, Supplier
from skanse.privacy import choices as c
from skanse.privacy import supervision as points
from skanse.privacy.models import (
    ControllerDetails,
    ProcessingActivity,
    ProcessorAgreement,
    SubProcessor,
    Supervision,
)

KLE_NUMBER = re.compile(r"^\d{2}(\.\d{2}){0,2}$")

CONTROLLER_FIELDS = (
    "address",
    "email",
    "phone",
    "representative",
    "dpo_name",
    "dpo_email",
    "dpo_phone",
)
ACTIVITY_FIELDS = (
    "reference",
    "name",
    "description",
    "status",
    "role",
    "joint_controllers",
    "controller_name",
    "controller_contact",
    "purposes",
    "legal_bases",
    "legal_basis_notes",
    "subject_categories",
    "subject_notes",
    "subject_count",
    "data_categories",
    "data_notes",
    "recipients",
    "recipient_notes",
    "third_country_transfer",
    "third_countries",
    "transfer_basis",
    "transfer_safeguards",
    "erasure",
    "erasure_notes",
    "security_measures",
    "kle_numbers",
    "responsible_unit",
    "information_duty",
    "information_duty_notes",
    "dpia_need",
    "kitos_uuid",
    "source",
)
ACTIVITY_LISTS = {
    "legal_bases": c.LEGAL_BASES,
    "subject_categories": c.SUBJECT_CATEGORIES,
    "data_categories": c.DATA_CATEGORIES,
    "recipients": c.RECIPIENTS,
}
AGREEMENT_FIELDS = (
    "name",
    "supplier",
    "status",
    "concluded_on",
    "valid_until",
    "template",
    "third_country_transfer",
    "third_countries",
    "transfer_basis",
    "breach_notice",
    "document_name",
    "document_link",
    "notes",
    "risk_subjects",
    "risk_sensitive",
    "risk_cpr",
    "risk_processing",
    "risk_points",
    "supervision_method",
    "supervision_interval",
    "next_supervision_on",
    "kitos_uuid",
    "source",
)
SUB_PROCESSOR_FIELDS = (
    "name",
    "cvr",
    "processing",
    "country",
    "third_country",
    "transfer_basis",
)
SUPERVISION_FIELDS = (
    "performed_on",
    "method",
    "statement_type",
    "period_start",
    "period_end",
    "opinion",
    "deviations",
    "assessment",
    "follow_up",
    "follow_up_due",
    "follow_up_done",
    "evidence_link",
)

# Agreement documents: what may be uploaded.
DOCUMENT_TYPES = {
    ".pdf": {"application/pdf"},
    ".docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    ".odt": {"application/vnd.oasis.opendocument.text"},
}
DOCUMENT_MAGIC = {".pdf": b"%PDF-", ".docx": b"PK\x03\x04", ".odt": b"PK\x03\x04"}
DOCUMENT_MAX_BYTES = 20 * 1024 * 1024


# --- Helpers -----------------------------------------------------------------------------------


def clean_codes(value, pairs, field: str) -> list[str]:
    """A list of pick-list codes in the pick list's order; unknown codes are an error."""
    if value in (None, ""):
        return []
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, (list, tuple, set)):
        raise DomainError(_("Give a list of codes."), field)
    known = [code for code, _label in pairs]
    unknown = [str(v) for v in value if v not in known]
    if unknown:
        raise DomainError(
            _("Unknown value: %(values)s. Allowed: %(allowed)s.")
            % {"values": ", ".join(unknown), "allowed": ", ".join(known)},
            field,
        )
    return [code for code in known if code in value]


def clean_kle(value) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        value = [part.strip() for part in re.split(r"[,;\s]+", value) if part.strip()]
    if not isinstance(value, (list, tuple)):
        raise DomainError(_("Give a list of KLE numbers."), "kle_numbers")
    wrong = [str(v) for v in value if not KLE_NUMBER.match(str(v))]
    if wrong:
        raise DomainError(
            _("“%(value)s” is not a KLE number (like 27.24 or 27.24.00).") % {"value": wrong[0]},
            "kle_numbers",
        )
    return list(dict.fromkeys(str(v) for v in value))


def _objects(model, organisation, values, field: str):
    """Instances of `model` in `organisation` from instances or UUIDs; foreign ones refused."""
    ids = set()
    for value in values or []:
        if isinstance(value, model):
            if value.organisation_id != organisation.pk:
                raise DomainError(_("Choose from your own organisation's register."), field)
            ids.add(value.pk)
            continue
        try:
            ids.add(uuid_module.UUID(str(value)))
        except ValueError:
            raise DomainError(_("“%(value)s” is not an ID.") % {"value": value}, field) from None
    pks = {i for i in ids if isinstance(i, int)}
    uuids = {i for i in ids if isinstance(i, uuid_module.UUID)}
    found = list(model.objects.filter(organisation=organisation, uuid__in=uuids))
    if len(found) != len(uuids):
        raise DomainError(_("Choose from your own organisation's register."), field)
    return found + list(model.objects.filter(organisation=organisation, pk__in=pks))


def _related_snapshot(obj, names) -> dict:
    return {name: sorted(str(o) for o in getattr(obj, name).all()) for name in names}


def _full_clean(obj):
    """The model's checks, including the (organisation, kitos_uuid) constraint."""
    try:
        obj.full_clean()
    except ValidationError as error:
        if hasattr(error, "error_dict") and "__all__" in error.error_dict:
            raise DomainError(
                _("An entry with this KITOS UUID exists already."), "kitos_uuid"
            ) from error
        raise


def _assign(obj, fields: dict, allowed) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise DomainError(_("Unknown field: %(field)s.") % {"field": ", ".join(sorted(unknown))})
    for name, value in fields.items():
        setattr(obj, name, "" if value is None and _is_text(obj, name) else value)


def _is_text(obj, name) -> bool:
    field = obj._meta.get_field(name)
    return field.get_internal_type() in ("CharField", "TextField", "EmailField", "URLField")


# --- Controller details ------------------------------------------------------------------------


@transaction.atomic
def controller_details_update(*, actor, organisation, via="web", **fields) -> ControllerDetails:
    details, _created = ControllerDetails.objects.get_or_create(organisation=organisation)
    before = snapshot(details, CONTROLLER_FIELDS)
    _assign(details, fields, CONTROLLER_FIELDS)
    _full_clean(details)
    details.save()
    changes = diff(before, snapshot(details, CONTROLLER_FIELDS))
    if changes:
        audit_record(
            actor=actor,
            organisation=organisation,
            action="privacy.controller.changed",
            obj=details,
            changes=changes,
            via=via,
        )
    return details


# --- Processing activities ---------------------------------------------------------------------


def _clean_activity(activity: ProcessingActivity) -> None:
    for name, pairs in ACTIVITY_LISTS.items():
        setattr(activity, name, clean_codes(getattr(activity, name), pairs, name))
    activity.kle_numbers = clean_kle(activity.kle_numbers)
    if activity.role == c.Role.PROCESSOR and not activity.controller_name.strip():
        raise DomainError(
            _("Name the controller you process personal data for (Art. 30(2)(a))."),
            "controller_name",
        )
    if activity.third_country_transfer:
        if not activity.third_countries.strip():
            raise DomainError(_("Name the third countries."), "third_countries")
        if activity.transfer_basis in (c.TransferBasis.NONE, ""):
            raise DomainError(_("Choose the basis for the transfer."), "transfer_basis")
    elif activity.transfer_basis not in (c.TransferBasis.NONE, ""):
        activity.transfer_basis = c.TransferBasis.NONE
    if activity.erasure == c.Erasure.OTHER and not activity.erasure_notes.strip():
        raise DomainError(_("Describe the erasure deadline."), "erasure_notes")
    if not activity.transfer_basis:
        activity.transfer_basis = c.TransferBasis.NONE
    _full_clean(activity)


def _set_activity_links(activity, organisation, systems, processors) -> None:
    if systems is not None:
        activity.systems.set(_objects(ITSystem, organisation, systems, "systems"))
    if processors is not None:
        activity.processors.set(_objects(Supplier, organisation, processors, "processors"))


@transaction.atomic
def processing_activity_create(
    actor, organisation, *, via="web", systems=None, processors=None, **fields
) -> ProcessingActivity:
    """A new processing activity from plain data; systems and processors as UUIDs."""
    activity = ProcessingActivity(organisation=organisation)
    _assign(activity, fields, ACTIVITY_FIELDS)
    _clean_activity(activity)
    activity.save()
    _set_activity_links(activity, organisation, systems, processors)
    audit_record(
        actor=actor,
        organisation=organisation,
        action="privacy.activity.created",
        obj=activity,
        changes=diff(
            {},
            {
                **snapshot(activity, ACTIVITY_FIELDS),
                **_related_snapshot(activity, ("systems", "processors")),
            },
        ),
        via=via,
    )
    return activity


@transaction.atomic
def processing_activity_update(
    actor, activity: ProcessingActivity, *, via="web", systems=None, processors=None, **fields
) -> ProcessingActivity:
    """Change the given fields (others are kept); systems/processors replace the links."""
    activity = ProcessingActivity.objects.select_for_update().get(pk=activity.pk)
    related = ("systems", "processors")
    before = {**snapshot(activity, ACTIVITY_FIELDS), **_related_snapshot(activity, related)}
    _assign(activity, fields, ACTIVITY_FIELDS)
    _clean_activity(activity)
    activity.save()
    _set_activity_links(activity, activity.organisation, systems, processors)
    changes = diff(
        before, {**snapshot(activity, ACTIVITY_FIELDS), **_related_snapshot(activity, related)}
    )
    if changes:
        audit_record(
            actor=actor,
            organisation=activity.organisation,
            action="privacy.activity.changed",
            obj=activity,
            changes=changes,
            via=via,
        )
    return activity


@transaction.atomic
def processing_activity_delete(actor, activity: ProcessingActivity, *, via="web") -> None:
    audit_record(
        actor=actor,
        organisation=activity.organisation,
        action="privacy.activity.deleted",
        obj=activity,
        changes=diff(snapshot(activity, ("name", "reference")), {}),
        via=via,
    )
    activity.delete()


# --- Processor agreements ----------------------------------------------------------------------


def _clean_agreement(agreement: ProcessorAgreement) -> None:
    if agreement.supplier_id and agreement.supplier.organisation_id != agreement.organisation_id:
        raise DomainError(_("Choose from your own organisation's register."), "supplier")
    if agreement.status == c.AgreementStatus.CONCLUDED and agreement.concluded_on is None:
        raise DomainError(_("Give the date the agreement was concluded."), "concluded_on")
    if (
        agreement.concluded_on
        and agreement.valid_until
        and agreement.valid_until < agreement.concluded_on
    ):
        raise DomainError(_("The agreement cannot end before it was concluded."), "valid_until")
    if agreement.third_country_transfer:
        if not agreement.third_countries.strip():
            raise DomainError(_("Name the third countries."), "third_countries")
        if agreement.transfer_basis in (c.TransferBasis.NONE, ""):
            raise DomainError(_("Choose the basis for the transfer."), "transfer_basis")
    elif agreement.transfer_basis not in (c.TransferBasis.NONE, ""):
        agreement.transfer_basis = c.TransferBasis.NONE
    if not agreement.transfer_basis:
        agreement.transfer_basis = c.TransferBasis.NONE
    result = points.agreement_score(agreement)
    agreement.risk_points = result.points if result else None
    if not points.method_allowed(agreement.supervision_method, result):
        raise DomainError(
            _(
                "With %(points)d points the guidance allows concept %(lightest)d or heavier; "
                "this method is lighter."
            )
            % {"points": result.points, "lightest": result.lightest},
            "supervision_method",
        )
    _full_clean(agreement)


def _resolve_supplier(organisation, fields: dict) -> None:
    if "supplier" in fields and fields["supplier"] not in (None, ""):
        value = fields["supplier"]
        found = _objects(Supplier, organisation, [value], "supplier")
        fields["supplier"] = found[0]
    elif "supplier" in fields:
        fields["supplier"] = None


def _set_agreement_links(agreement, organisation, systems, activities) -> None:
    if systems is not None:
        agreement.systems.set(_objects(ITSystem, organisation, systems, "systems"))
    if activities is not None:
        agreement.activities.set(
            _objects(ProcessingActivity, organisation, activities, "activities")
        )


def check_document(upload) -> dict:
    """Refuse an upload that is not a PDF, Word or OpenDocument file, or is too large."""
    name = upload.name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    suffix = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if suffix not in DOCUMENT_TYPES:
        raise DomainError(_("Upload a PDF, Word (.docx) or OpenDocument (.odt) file."), "document")
    if upload.size > DOCUMENT_MAX_BYTES:
        raise DomainError(
            _("The file is larger than %(mb)d MB.") % {"mb": DOCUMENT_MAX_BYTES // 1_048_576},
            "document",
        )
    head = upload.read(8)
    upload.seek(0)
    if not head.startswith(DOCUMENT_MAGIC[suffix]):
        raise DomainError(_("The file's content does not match its type."), "document")
    return {
        "document_name": name[:255],
        "document_type": next(iter(DOCUMENT_TYPES[suffix])),
        "document_size": upload.size,
    }


def _attach(agreement, upload) -> None:
    if upload is None:
        return
    meta = check_document(upload)
    if agreement.document:
        agreement.document.delete(save=False)
    # Stored under a random name: the uploaded name is kept only as data (document_name).
    suffix = "." + meta["document_name"].rsplit(".", 1)[-1].lower()
    agreement.document.save(f"{uuid_module.uuid4()}{suffix}", upload, False)
    for key, value in meta.items():
        setattr(agreement, key, value)


@transaction.atomic
def processor_agreement_create(
    actor,
    organisation,
    *,
    via="web",
    systems=None,
    activities=None,
    document=None,
    **fields,
) -> ProcessorAgreement:
    """A new processor agreement; supplier, systems and activities as UUIDs."""
    _resolve_supplier(organisation, fields)
    agreement = ProcessorAgreement(organisation=organisation)
    _assign(agreement, fields, AGREEMENT_FIELDS)
    _clean_agreement(agreement)
    _attach(agreement, document)
    agreement.save()
    _set_agreement_links(agreement, organisation, systems, activities)
    related = ("systems", "activities")
    audit_record(
        actor=actor,
        organisation=organisation,
        action="privacy.agreement.created",
        obj=agreement,
        changes=diff(
            {},
            {**snapshot(agreement, AGREEMENT_FIELDS), **_related_snapshot(agreement, related)},
        ),
        via=via,
    )
    return agreement


@transaction.atomic
def processor_agreement_update(
    actor,
    agreement: ProcessorAgreement,
    *,
    via="web",
    systems=None,
    activities=None,
    document=None,
    remove_document=False,
    **fields,
) -> ProcessorAgreement:
    agreement = ProcessorAgreement.objects.select_for_update().get(pk=agreement.pk)
    organisation = agreement.organisation
    related = ("systems", "activities")
    before = {**snapshot(agreement, AGREEMENT_FIELDS), **_related_snapshot(agreement, related)}
    _resolve_supplier(organisation, fields)
    _assign(agreement, fields, AGREEMENT_FIELDS)
    _clean_agreement(agreement)
    if remove_document and agreement.document:
        agreement.document.delete(save=False)
        agreement.document_name, agreement.document_type, agreement.document_size = "", "", None
    _attach(agreement, document)
    agreement.save()
    _set_agreement_links(agreement, organisation, systems, activities)
    changes = diff(
        before, {**snapshot(agreement, AGREEMENT_FIELDS), **_related_snapshot(agreement, related)}
    )
    if changes:
        audit_record(
            actor=actor,
            organisation=organisation,
            action="privacy.agreement.changed",
            obj=agreement,
            changes=changes,
            via=via,
        )
    return agreement


@transaction.atomic
def processor_agreement_delete(actor, agreement: ProcessorAgreement, *, via="web") -> None:
    audit_record(
        actor=actor,
        organisation=agreement.organisation,
        action="privacy.agreement.deleted",
        obj=agreement,
        changes=diff(snapshot(agreement, ("name",)), {}),
        via=via,
    )
    if agreement.document:
        name, storage = agreement.document.name, agreement.document.storage
        transaction.on_commit(lambda: storage.delete(name))
    agreement.delete()


# --- Sub-processors ----------------------------------------------------------------------------


@transaction.atomic
def sub_processor_add(actor, agreement: ProcessorAgreement, *, via="web", **fields):
    sub = SubProcessor(organisation=agreement.organisation, agreement=agreement)
    _assign(sub, fields, SUB_PROCESSOR_FIELDS)
    if sub.third_country and sub.transfer_basis in (c.TransferBasis.NONE, ""):
        raise DomainError(_("Choose the basis for the transfer."), "transfer_basis")
    if not sub.transfer_basis:
        sub.transfer_basis = c.TransferBasis.NONE
    _full_clean(sub)
    sub.save()
    audit_record(
        actor=actor,
        organisation=agreement.organisation,
        action="privacy.sub_processor.added",
        obj=sub,
        changes=diff({}, snapshot(sub, SUB_PROCESSOR_FIELDS)),
        via=via,
    )
    return sub


@transaction.atomic
def sub_processor_remove(actor, sub: SubProcessor, *, via="web") -> None:
    audit_record(
        actor=actor,
        organisation=sub.organisation,
        action="privacy.sub_processor.removed",
        obj=sub,
        changes=diff(snapshot(sub, SUB_PROCESSOR_FIELDS), {}),
        via=via,
    )
    sub.delete()


# --- Supervision -------------------------------------------------------------------------------


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for candidate in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _clean_supervision(record: Supervision) -> None:
    if record.period_start and record.period_end and record.period_end < record.period_start:
        raise DomainError(_("The period cannot end before it starts."), "period_end")
    if record.statement_type and not record.opinion:
        raise DomainError(_("Give the auditor's opinion."), "opinion")
    if record.assessment in (c.Assessment.YELLOW, c.Assessment.RED) and not record.follow_up:
        raise DomainError(_("Describe the follow-up for a yellow or red assessment."), "follow_up")
    _full_clean(record)


def _plan_next(agreement: ProcessorAgreement, actor, via) -> None:
    """After a supervision: the next is due one interval after the latest one."""
    months = c.INTERVAL_MONTHS.get(agreement.supervision_interval)
    latest = agreement.supervisions.order_by("-performed_on").first()
    if months is None or latest is None:
        return
    due = _add_months(latest.performed_on, months)
    if due != agreement.next_supervision_on:
        before = agreement.next_supervision_on
        agreement.next_supervision_on = due
        agreement.save(update_fields=["next_supervision_on", "updated_at"])
        audit_record(
            actor=actor,
            organisation=agreement.organisation,
            action="privacy.agreement.changed",
            obj=agreement,
            changes=diff(
                {"next_supervision_on": _iso(before)}, {"next_supervision_on": due.isoformat()}
            ),
            via=via,
        )


def _iso(day):
    return day.isoformat() if day else None


@transaction.atomic
def supervision_create(actor, agreement: ProcessorAgreement, *, via="web", **fields):
    record = Supervision(organisation=agreement.organisation, agreement=agreement)
    _assign(record, fields, SUPERVISION_FIELDS)
    _clean_supervision(record)
    record.save()
    audit_record(
        actor=actor,
        organisation=agreement.organisation,
        action="privacy.supervision.created",
        obj=record,
        changes=diff({}, snapshot(record, SUPERVISION_FIELDS)),
        via=via,
    )
    _plan_next(agreement, actor, via)
    return record


@transaction.atomic
def supervision_update(actor, record: Supervision, *, via="web", **fields) -> Supervision:
    record = Supervision.objects.select_for_update().get(pk=record.pk)
    before = snapshot(record, SUPERVISION_FIELDS)
    _assign(record, fields, SUPERVISION_FIELDS)
    _clean_supervision(record)
    record.save()
    changes = diff(before, snapshot(record, SUPERVISION_FIELDS))
    if changes:
        audit_record(
            actor=actor,
            organisation=record.organisation,
            action="privacy.supervision.changed",
            obj=record,
            changes=changes,
            via=via,
        )
    _plan_next(record.agreement, actor, via)
    return record


@transaction.atomic
def supervision_delete(actor, record: Supervision, *, via="web") -> None:
    audit_record(
        actor=actor,
        organisation=record.organisation,
        action="privacy.supervision.deleted",
        obj=record,
        changes=diff(snapshot(record, ("performed_on", "assessment")), {}),
        via=via,
    )
    record.delete()


def upload_limit() -> int:
    return min(settings.LIBRARY_IMPORT_MAX_BYTES, 10 * 1024 * 1024)
