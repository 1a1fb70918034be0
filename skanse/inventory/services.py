"""Writes for the inventory: each service validates, runs in a transaction and is audited.

The KITOS import (skanse.kitos) writes through these same services, with `source`,
`kitos_uuid` and `synced_at` among the data, so an imported change is audited like any other.
"""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _

from skanse.core.audit import audit_record, diff, snapshot
from skanse.core.errors import DomainError
from skanse.core.models import AuditEvent
from skanse.inventory.models import (
    Contract,
    DataSensitivityLevel,
    ITSystem,
    SpecificPersonalData,
    Supplier,
    TechnicalPrecaution,
)

PROVENANCE = ["kitos_uuid", "source", "synced_at", "kitos_modified_at"]
SUPPLIER_FIELDS = ["name", "cvr", "contact_name", "contact_email", "contact_phone", "notes"]
SYSTEM_FIELDS = [
    "name",
    "local_call_name",
    "local_system_id",
    "system_version",
    "kitos_system_uuid",
    "supplier",
    "purpose",
    "notes",
    "data_classification",
    "business_critical",
    "hosted_at",
    "data_sensitivity_levels",
    "specific_personal_data",
    "sensitive_personal_data",
    "registered_data_categories",
    "technical_precautions_in_place",
    "technical_precautions",
    "user_supervision",
    "user_supervision_date",
    "risk_assessment",
    "risk_assessment_date",
    "risk_assessment_result",
    "risk_assessment_notes",
    "planned_risk_assessment_date",
    "dpia",
    "dpia_date",
    "retention_period_defined",
    "next_retention_evaluation",
    "retention_evaluation_months",
    "life_cycle_status",
    "valid_from",
    "valid_to",
    "archive_duty",
    "responsible_unit",
    "owner",
]
CONTRACT_FIELDS = [
    "name",
    "contract_id",
    "contract_type",
    "supplier",
    "valid_from",
    "valid_to",
    "notice_period_months",
    "terminated_at",
    "notes",
]
# The audited fields: provenance changes (a sync time) are not worth an entry on their own.
_AUDITED = {
    Supplier: [*SUPPLIER_FIELDS, "kitos_uuid", "source"],
    ITSystem: [*SYSTEM_FIELDS, "kitos_uuid", "source"],
    Contract: [*CONTRACT_FIELDS, "kitos_uuid", "source"],
}
_LISTS = {
    "data_sensitivity_levels": DataSensitivityLevel,
    "specific_personal_data": SpecificPersonalData,
    "technical_precautions": TechnicalPrecaution,
}
_ACTION = {Supplier: "supplier", ITSystem: "system", Contract: "contract"}


def _check_lists(data: dict) -> None:
    for field, choices in _LISTS.items():
        if field not in data:
            continue
        values = data[field] or []
        if not isinstance(values, list) or any(v not in choices.values for v in values):
            raise DomainError(_("Choose from the options given."), field)
        data[field] = sorted(set(values), key=list(choices.values).index)
    for field in ("sensitive_personal_data", "registered_data_categories"):
        if field in data:
            values = data[field] or []
            if not isinstance(values, list) or any(not isinstance(v, str) for v in values):
                raise DomainError(_("Give a list of names."), field)
            data[field] = [v.strip()[:200] for v in values if v.strip()]


def _check_period(obj, start: str, end: str) -> None:
    if getattr(obj, start) and getattr(obj, end) and getattr(obj, start) > getattr(obj, end):
        raise DomainError(_("The end date is before the start date."), end)


def _check_same_org(organisation, value, field: str) -> None:
    if value is not None and value.organisation_id != organisation.pk:
        raise DomainError(_("Choose from the options given."), field)


def _validate(obj) -> None:
    try:
        obj.full_clean(exclude=["organisation"])
    except ValidationError as error:
        # A unique constraint across organisation and CVR/KITOS UUID is worded for the field.
        if hasattr(error, "error_dict") and "__all__" in error.error_dict:
            raise DomainError(_("An entry with this KITOS UUID exists already.")) from error
        raise


def _write(*, actor, organisation, obj, data: dict, fields: list[str], via: str, created: bool):
    audited = _AUDITED[type(obj)]
    before = {} if created else snapshot(obj, audited)
    given = {name: getattr(obj, name, None) for name in data}
    for name, value in data.items():
        if name not in fields and name not in PROVENANCE:
            raise DomainError(_("Unknown field."), name)
        setattr(obj, name, value)
    if hasattr(obj, "valid_to"):
        _check_period(obj, "valid_from", "valid_to")
    _validate(obj)
    if not created and all(getattr(obj, name) == value for name, value in given.items()):
        # Saving what is already there changes nothing: not the "last changed" time that marks
        # a system due for its Art. 25 re-assessment, and not the trail.
        return obj, False
    obj.save()
    changes = diff(before, snapshot(obj, audited))
    if created or changes:
        verb = "created" if created else "changed"
        audit_record(
            actor=actor,
            organisation=organisation,
            action=f"inventory.{_ACTION[type(obj)]}.{verb}",
            obj=obj,
            changes=changes,
            via=via,
        )
    return obj, bool(created or changes)


def _delete(*, actor, obj, fields, via: str) -> None:
    audit_record(
        actor=actor,
        organisation=obj.organisation,
        action=f"inventory.{_ACTION[type(obj)]}.deleted",
        obj=obj,
        changes=diff(snapshot(obj, _AUDITED[type(obj)]), {}),
        via=via,
    )
    try:
        obj.delete()
    except (ProtectedError, RestrictedError) as error:
        # Another register (e.g. a processing activity) still points at it.
        raise DomainError(
            _("%(name)s cannot be deleted while other entries refer to it.") % {"name": obj}
        ) from error


# --- Suppliers -----------------------------------------------------------------------------


def _check_supplier(organisation, supplier: Supplier) -> None:
    supplier.cvr = (supplier.cvr or "").replace(" ", "")
    if supplier.cvr and not re.fullmatch(r"\d{8}", supplier.cvr):
        raise DomainError(_("A CVR number has 8 digits."), "cvr")
    if supplier.cvr:
        clash = Supplier.objects.filter(organisation=organisation, cvr=supplier.cvr)
        if supplier.pk:
            clash = clash.exclude(pk=supplier.pk)
        if clash.exists():
            raise DomainError(_("A supplier with this CVR number exists already."), "cvr")


@transaction.atomic
def supplier_create(*, actor, organisation, via="web", **data) -> Supplier:
    supplier = Supplier(organisation=organisation)
    for name in ("name", "cvr"):
        setattr(supplier, name, data.get(name, ""))
    _check_supplier(organisation, supplier)
    data["cvr"] = supplier.cvr
    obj, _changed = _write(
        actor=actor,
        organisation=organisation,
        obj=supplier,
        data=data,
        fields=SUPPLIER_FIELDS,
        via=via,
        created=True,
    )
    return obj


@transaction.atomic
def supplier_update(*, actor, supplier: Supplier, via="web", **data) -> Supplier:
    probe = Supplier(pk=supplier.pk, cvr=data.get("cvr", supplier.cvr))
    _check_supplier(supplier.organisation, probe)
    if "cvr" in data:
        data["cvr"] = probe.cvr
    obj, _changed = _write(
        actor=actor,
        organisation=supplier.organisation,
        obj=supplier,
        data=data,
        fields=SUPPLIER_FIELDS,
        via=via,
        created=False,
    )
    return obj


@transaction.atomic
def supplier_delete(*, actor, supplier: Supplier, via="web") -> None:
    _delete(actor=actor, obj=supplier, fields=SUPPLIER_FIELDS, via=via)


# --- IT systems ----------------------------------------------------------------------------


def _system_checks(organisation, data: dict) -> None:
    _check_lists(data)
    if "supplier" in data:
        _check_same_org(organisation, data["supplier"], "supplier")


@transaction.atomic
def system_create(*, actor, organisation, via="web", **data) -> ITSystem:
    _system_checks(organisation, data)
    system = ITSystem(organisation=organisation)
    obj, _changed = _write(
        actor=actor,
        organisation=organisation,
        obj=system,
        data=data,
        fields=SYSTEM_FIELDS,
        via=via,
        created=True,
    )
    return obj


def system_apply(*, actor, system: ITSystem, via="web", **data) -> bool:
    """Change `system`; True when anything audited changed (the importer counts these)."""
    _system_checks(system.organisation, data)
    return _write(
        actor=actor,
        organisation=system.organisation,
        obj=system,
        data=data,
        fields=SYSTEM_FIELDS,
        via=via,
        created=False,
    )[1]


@transaction.atomic
def system_update(*, actor, system: ITSystem, via="web", **data) -> ITSystem:
    system_apply(actor=actor, system=system, via=via, **data)
    return system


@transaction.atomic
def system_delete(*, actor, system: ITSystem, via="web") -> None:
    _delete(actor=actor, obj=system, fields=SYSTEM_FIELDS, via=via)


# --- Contracts -----------------------------------------------------------------------------


def _set_systems(*, actor, contract: Contract, systems, via: str) -> bool:
    systems = list(systems)
    for system in systems:
        _check_same_org(contract.organisation, system, "systems")
    before = sorted(str(s) for s in contract.systems.all())
    after = sorted(str(s) for s in systems)
    if before == after and {s.pk for s in contract.systems.all()} == {s.pk for s in systems}:
        return False
    contract.systems.set(systems)
    audit_record(
        actor=actor,
        organisation=contract.organisation,
        action="inventory.contract.systems_changed",
        obj=contract,
        changes={"systems": [before, after]},
        via=via,
    )
    return True


@transaction.atomic
def contract_create(*, actor, organisation, via="web", systems=(), **data) -> Contract:
    if "supplier" in data:
        _check_same_org(organisation, data["supplier"], "supplier")
    contract = Contract(organisation=organisation)
    obj, _changed = _write(
        actor=actor,
        organisation=organisation,
        obj=contract,
        data=data,
        fields=CONTRACT_FIELDS,
        via=via,
        created=True,
    )
    _set_systems(actor=actor, contract=obj, systems=systems, via=via)
    return obj


@transaction.atomic
def contract_update(*, actor, contract: Contract, via="web", systems=None, **data) -> bool:
    """Change `contract` (its systems when `systems` is given); True when anything changed."""
    if "supplier" in data:
        _check_same_org(contract.organisation, data["supplier"], "supplier")
    changed = _write(
        actor=actor,
        organisation=contract.organisation,
        obj=contract,
        data=data,
        fields=CONTRACT_FIELDS,
        via=via,
        created=False,
    )[1]
    if systems is not None:
        changed = _set_systems(actor=actor, contract=contract, systems=systems, via=via) or changed
    return changed


@transaction.atomic
def contract_delete(*, actor, contract: Contract, via="web") -> None:
    _delete(actor=actor, obj=contract, fields=CONTRACT_FIELDS, via=via)


# --- Many at once (imports) ------------------------------------------------------------------

_FIELDS = {Supplier: SUPPLIER_FIELDS, ITSystem: SYSTEM_FIELDS, Contract: CONTRACT_FIELDS}


def _event(*, actor, organisation, action: str, obj, changes: dict, via: str) -> AuditEvent:
    """The event `audit_record` would write, for writing many in one statement."""
    return AuditEvent(
        organisation=organisation,
        actor=actor if actor is not None and actor.pk else None,
        actor_label=getattr(actor, "email", "") or "system",
        action=action,
        object_type=obj._meta.label_lower,
        object_uuid=obj.uuid,
        object_repr=str(obj)[:200],
        changes=changes,
        via=via,
    )


def _audit_many(events: list[AuditEvent]) -> None:
    AuditEvent.objects.with_scopes_disabled().bulk_create(events, batch_size=500)


def _prepared(model, organisation, data: dict):
    data = dict(data)
    fields = _FIELDS[model]
    if model is ITSystem:
        _system_checks(organisation, data)
    elif data.get("supplier") is not None:
        _check_same_org(organisation, data["supplier"], "supplier")
    obj = model(organisation=organisation)
    for name, value in data.items():
        if name not in fields and name not in PROVENANCE:
            raise DomainError(_("Unknown field."), name)
        setattr(obj, name, value)
    if model is Supplier:
        obj.cvr = (obj.cvr or "").replace(" ", "")
        if obj.cvr and not re.fullmatch(r"\d{8}", obj.cvr):
            raise DomainError(_("A CVR number has 8 digits."), "cvr")
    else:
        _check_period(obj, "valid_from", "valid_to")
    # Uniqueness (CVR, KITOS UUID) is the caller's: an import creates only what it has not.
    obj.full_clean(exclude=["organisation"], validate_unique=False, validate_constraints=False)
    if model is ITSystem:
        obj.refresh_flags()  # bulk_create does not call save()
    return obj


@transaction.atomic
def bulk_create(*, actor, organisation, model, rows: list[dict], via="task"):
    """Create many new objects of `model` at once, each validated and audited as one by one.

    Returns (created objects, {row index: ValidationError}) — a refused row is left out and
    the rest are created."""
    made, errors = [], {}
    for index, data in enumerate(rows):
        try:
            made.append(_prepared(model, organisation, data))
        except ValidationError as error:
            errors[index] = error
    model.objects.bulk_create(made, batch_size=500)
    audited = _AUDITED[model]
    action = f"inventory.{_ACTION[model]}.created"
    _audit_many(
        [
            _event(
                actor=actor,
                organisation=organisation,
                action=action,
                obj=obj,
                changes=diff({}, snapshot(obj, audited)),
                via=via,
            )
            for obj in made
        ]
    )
    return made, errors


@transaction.atomic
def contracts_link_systems(*, actor, organisation, links: list, via="task") -> None:
    """Link new contracts to their systems at once: [(contract, [system, …]), …]."""
    through = Contract.systems.through
    rows, events = [], []
    for contract, systems in links:
        for system in systems:
            _check_same_org(organisation, system, "systems")
        rows += [through(contract_id=contract.pk, itsystem_id=s.pk) for s in systems]
        if systems:
            events.append(
                _event(
                    actor=actor,
                    organisation=organisation,
                    action="inventory.contract.systems_changed",
                    obj=contract,
                    changes={"systems": [[], sorted(str(s) for s in systems)]},
                    via=via,
                )
            )
    through.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
    _audit_many(events)


@transaction.atomic
def systems_set_supplier(*, actor, organisation, pairs: list, via="task") -> int:
    """Give systems a supplier at once: [(system, supplier), …]; audited per system."""
    now = timezone.now()
    changed, events = [], []
    for system, supplier in pairs:
        _check_same_org(organisation, supplier, "supplier")
        if system.supplier_id == supplier.pk:
            continue
        before = snapshot(system, ["supplier"])
        system.supplier, system.updated_at = supplier, now
        changed.append(system)
        events.append(
            _event(
                actor=actor,
                organisation=organisation,
                action="inventory.system.changed",
                obj=system,
                changes=diff(before, snapshot(system, ["supplier"])),
                via=via,
            )
        )
    ITSystem.objects.bulk_update(changed, ["supplier", "updated_at"], batch_size=500)
    _audit_many(events)
    return len(changed)
