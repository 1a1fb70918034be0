"""Import a KITOS bundle (system usages, contracts, data-processing registrations, deletions)
into an organisation's inventory and processor agreements: idempotent and incremental.

Objects are matched by their KITOS UUID; suppliers by KITOS UUID, then by CVR number. Each
object is written through the inventory's and privacy's own services (validated, audited)
in a savepoint: an object KITOS sends that Skanse cannot take is skipped with its reason,
the rest of the run goes on. The whole run is one transaction.
"""

import datetime
import json
import uuid as uuid_module
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from skanse.core.errors import DomainError
from skanse.inventory import services as inventory
from skanse.inventory.models import Contract, ITSystem, Supplier
from skanse.kitos import mapping
from skanse.kitos.mapping import Notes, block, ref_name, ref_uuid
from skanse.privacy import services as privacy
from skanse.privacy.models import ProcessorAgreement

MAX_FILE_BYTES = 25 * 1024 * 1024
MAX_SKIPS_KEPT = 500
KINDS = ("systems", "suppliers", "contracts", "agreements")
OUTCOMES = ("created", "updated", "unchanged", "deleted", "skipped")


class KitosFileError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Bundle:
    usages: list = field(default_factory=list)
    contracts: list = field(default_factory=list)
    registrations: list = field(default_factory=list)
    deletions: list = field(default_factory=list)


@dataclass
class Report:
    counts: dict = field(default_factory=lambda: {k: dict.fromkeys(OUTCOMES, 0) for k in KINDS})
    skipped: list = field(default_factory=list)
    # The latest lastModified / occurredAtUtc seen per resource: the next run's cursor.
    latest: dict = field(default_factory=dict)

    def count(self, kind: str, outcome: str) -> None:
        self.counts[kind][outcome] += 1

    def skip(self, kind: str, uuid, name: str, reasons, *, whole: bool) -> None:
        if whole:
            self.count(kind, "skipped")
        if len(self.skipped) < MAX_SKIPS_KEPT:
            self.skipped.append(
                {
                    "kind": kind,
                    "uuid": str(uuid or ""),
                    "name": (name or "")[:200],
                    "reason": "; ".join(reasons)[:1000],
                    "whole": whole,
                }
            )

    def seen(self, resource: str, when: datetime.datetime | None) -> None:
        if when is not None and (resource not in self.latest or when > self.latest[resource]):
            self.latest[resource] = when


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [f"{k}: {m}" for k, errs in error.error_dict.items() for e in errs for m in e]
    return list(error.messages)


class Importer:
    def __init__(self, *, organisation, source: str, actor, via: str, kitos_org_uuid=None):
        self.organisation = organisation
        self.source = source
        self.actor = actor
        self.via = via
        self.kitos_org_uuid = ref_uuid(kitos_org_uuid) if kitos_org_uuid else None
        self.now = timezone.now()
        self.report = Report()
        self.touched: dict = {ITSystem: [], Contract: []}
        self.systems = {
            s.kitos_uuid: s
            for s in ITSystem.objects.filter(organisation=organisation, kitos_uuid__isnull=False)
        }
        suppliers = list(Supplier.objects.filter(organisation=organisation))
        self.suppliers_by_uuid = {s.kitos_uuid: s for s in suppliers if s.kitos_uuid}
        self.suppliers_by_cvr = {s.cvr: s for s in suppliers if s.cvr}
        self.suppliers_by_name = {s.name.lower(): s for s in suppliers}

    # --- helpers -------------------------------------------------------------------------

    def _provenance(self, uuid, dto) -> dict:
        return {
            "kitos_uuid": uuid,
            "source": self.source,
            "synced_at": self.now,
            "kitos_modified_at": mapping.moment(dto.get("lastModified")),
        }

    def _foreign(self, dto) -> bool:
        """True when the object names another organisation than the one importing."""
        context = block(dto, "organizationContext")
        if not context:
            return False
        cvr = context.get("cvr")
        if self.organisation.cvr and isinstance(cvr, str) and cvr and cvr != self.organisation.cvr:
            return True
        theirs = ref_uuid(context)
        return bool(self.kitos_org_uuid and theirs and theirs != self.kitos_org_uuid)

    def _head(self, kind: str, dto):
        """(uuid, name) of a KITOS object, or None after noting why it is skipped."""
        if not isinstance(dto, dict):
            self.report.skip(kind, "", "", [_("not a JSON object")], whole=True)
            return None
        uuid = ref_uuid(dto.get("uuid"))
        name = ref_name(dto.get("systemContext")) or str(dto.get("name") or "")
        if uuid is None:
            self.report.skip(kind, "", name, [_("no valid uuid")], whole=True)
            return None
        if self._foreign(dto):
            self.report.skip(kind, uuid, name, [_("belongs to another organisation")], whole=True)
            return None
        return uuid, name

    def _write(self, kind: str, uuid, name: str, notes: Notes, action, *args) -> object | None:
        """Run one object's write in a savepoint; count its outcome; note what was skipped."""
        try:
            with transaction.atomic():
                obj, outcome = action(*args)
        except ValidationError as error:
            self.report.skip(kind, uuid, name, notes.reasons + _messages(error), whole=True)
            return None
        self.report.count(kind, outcome)
        if notes.reasons:
            self.report.skip(kind, uuid, name, notes.reasons, whole=False)
        return obj

    def _systems_of(self, refs, kind: str, notes: Notes) -> list[ITSystem]:
        found = []
        for ref in refs if isinstance(refs, list) else []:
            system = self.systems.get(ref_uuid(ref))
            if system is None:
                notes.add(
                    _("system usage “%(name)s” is not in Skanse")
                    % {"name": ref_name(ref) or ref_uuid(ref)}
                )
            else:
                found.append(system)
        return found

    # --- system usages -------------------------------------------------------------------

    def _create_many(self, kind: str, model, pending: list) -> list:
        """Create the new objects of a kind at once: [(uuid, name, data, notes, extra), …]."""
        made, errors = inventory.bulk_create(
            actor=self.actor,
            organisation=self.organisation,
            model=model,
            rows=[row[2] for row in pending],
            via=self.via,
        )
        made_iter = iter(made)
        created = []
        for index, (uuid, name, _data, notes, extra) in enumerate(pending):
            if index in errors:
                self.report.skip(kind, uuid, name, notes.reasons + _messages(errors[index]), True)
                continue
            self.report.count(kind, "created")
            if notes.reasons:
                self.report.skip(kind, uuid, name, notes.reasons, whole=False)
            created.append((next(made_iter), extra))
        return created

    def usages(self, items) -> None:
        pending, seen = [], set()
        for dto in items:
            head = self._head("systems", dto)
            if head is None:
                continue
            uuid = head[0]
            if uuid in seen:
                self.report.skip("systems", uuid, head[1], [_("appears twice")], whole=True)
                continue
            seen.add(uuid)
            self.report.seen("usages", mapping.moment(dto.get("lastModified")))
            notes = Notes()
            fields = mapping.usage_fields(dto, notes)
            if not fields["name"]:
                self.report.skip("systems", uuid, "", [*notes.reasons, _("no name")], whole=True)
                continue
            data = {**fields, **self._provenance(uuid, dto)}
            existing = self.systems.get(uuid)
            if existing is None:
                pending.append((uuid, fields["name"], data, notes, None))
                continue
            self._write("systems", uuid, fields["name"], notes, self._save_system, existing, data)
        for system, _extra in self._create_many("systems", ITSystem, pending):
            self.systems[system.kitos_uuid] = system

    def _unchanged(self, existing, data) -> bool:
        """KITOS says it has not changed since the version we hold: nothing to write."""
        return bool(
            data["kitos_modified_at"]
            and existing.kitos_modified_at == data["kitos_modified_at"]
            and existing.source == self.source
        )

    def _save_system(self, existing, data):
        if self._unchanged(existing, data):
            self.touched[ITSystem].append(existing.pk)
            return existing, "unchanged"
        changed = inventory.system_apply(actor=self.actor, system=existing, via=self.via, **data)
        return existing, "updated" if changed else "unchanged"

    # --- suppliers -----------------------------------------------------------------------

    def _find_supplier(self, data: dict) -> Supplier | None:
        found = self.suppliers_by_uuid.get(data["kitos_uuid"]) if data["kitos_uuid"] else None
        if found is None and data["cvr"]:
            found = self.suppliers_by_cvr.get(data["cvr"])
        if found is None and not data["kitos_uuid"] and not data["cvr"]:
            found = self.suppliers_by_name.get(data["name"].lower())
        return found

    def prepare_suppliers(self, refs) -> None:
        """Create the suppliers the contracts and registrations name, at once; link a local
        supplier with the same CVR number to KITOS instead of making a second one."""
        pending, keys = [], set()
        for ref in refs:
            data = mapping.organisation_ref(ref)
            if data is None:
                continue
            found = self._find_supplier(data)
            if found is not None:
                if found.kitos_uuid is None and data["kitos_uuid"]:
                    # Registered in Skanse before: linked to KITOS, otherwise kept as it is.
                    self._write(
                        "suppliers",
                        data["kitos_uuid"],
                        found.name,
                        Notes(),
                        self._link_supplier,
                        found,
                        data["kitos_uuid"],
                    )
                continue
            key = data["kitos_uuid"] or data["cvr"] or data["name"].lower()
            if key in keys:
                continue
            keys.add(key)
            row = {**data, "source": self.source, "synced_at": self.now}
            pending.append((data["kitos_uuid"], data["name"], row, Notes(), None))
        for supplier, _extra in self._create_many("suppliers", Supplier, pending):
            self._remember_supplier(supplier)

    def _link_supplier(self, supplier, kitos_uuid):
        inventory.supplier_update(
            actor=self.actor,
            supplier=supplier,
            via=self.via,
            kitos_uuid=kitos_uuid,
            synced_at=self.now,
        )
        self._remember_supplier(supplier)
        return supplier, "updated"

    def _remember_supplier(self, supplier) -> None:
        if supplier.kitos_uuid:
            self.suppliers_by_uuid[supplier.kitos_uuid] = supplier
        if supplier.cvr:
            self.suppliers_by_cvr[supplier.cvr] = supplier
        self.suppliers_by_name.setdefault(supplier.name.lower(), supplier)

    def supplier(self, ref) -> Supplier | None:
        data = mapping.organisation_ref(ref)
        return None if data is None else self._find_supplier(data)

    def _systems_of(self, refs, kind: str, notes: Notes) -> list[ITSystem]:
        found = []
        for ref in refs if isinstance(refs, list) else []:
            system = self.systems.get(ref_uuid(ref))
            if system is None:
                notes.add(
                    _("system usage “%(name)s” is not in Skanse")
                    % {"name": ref_name(ref) or ref_uuid(ref)}
                )
            else:
                found.append(system)
        return found

    # --- contracts -----------------------------------------------------------------------

    def contracts(self, items) -> None:
        existing = {
            c.kitos_uuid: c
            for c in Contract.objects.filter(
                organisation=self.organisation, kitos_uuid__isnull=False
            ).prefetch_related("systems")
        }
        pending, seen, supplied = [], set(), []
        for dto in items:
            head = self._head("contracts", dto)
            if head is None:
                continue
            uuid = head[0]
            if uuid in seen:
                self.report.skip("contracts", uuid, head[1], [_("appears twice")], whole=True)
                continue
            seen.add(uuid)
            self.report.seen("contracts", mapping.moment(dto.get("lastModified")))
            notes = Notes()
            fields = mapping.contract_fields(dto, notes)
            if not fields["name"]:
                self.report.skip("contracts", uuid, "", [*notes.reasons, _("no name")], whole=True)
                continue
            if "supplier" in dto:
                fields["supplier"] = self.supplier(block(dto, "supplier").get("organization"))
            systems = self._systems_of(dto.get("systemUsages"), "contracts", notes)
            data = {**fields, **self._provenance(uuid, dto)}
            if uuid not in existing:
                pending.append((uuid, fields["name"], data, notes, systems))
                continue
            contract = self._write(
                "contracts",
                uuid,
                fields["name"],
                notes,
                self._save_contract,
                existing[uuid],
                data,
                systems,
            )
            if contract is not None and contract.supplier_id:
                supplied += [(s, contract.supplier) for s in systems]
        created = self._create_many("contracts", Contract, pending)
        inventory.contracts_link_systems(
            actor=self.actor, organisation=self.organisation, links=created, via=self.via
        )
        for contract, systems in created:
            if contract.supplier_id:
                supplied += [(s, contract.supplier) for s in systems]
        self._supply(supplied)

    def _save_contract(self, existing, data, systems):
        same_systems = {s.pk for s in existing.systems.all()} == {s.pk for s in systems}
        if self._unchanged(existing, data) and same_systems:
            self.touched[Contract].append(existing.pk)
            return existing, "unchanged"
        changed = inventory.contract_update(
            actor=self.actor, contract=existing, via=self.via, systems=systems, **data
        )
        return existing, "updated" if changed else "unchanged"

    def _supply(self, pairs) -> None:
        """A system's supplier is its contract's supplier, unless one was chosen already."""
        wanted = {}
        for system, supplier in pairs:
            if system.supplier_id is None:
                wanted.setdefault(system.pk, (system, supplier))
        inventory.systems_set_supplier(
            actor=self.actor,
            organisation=self.organisation,
            pairs=list(wanted.values()),
            via=self.via,
        )

    # --- data-processing registrations ---------------------------------------------------

    def registrations(self, items) -> None:
        existing = {
            a.kitos_uuid: a
            for a in ProcessorAgreement.objects.filter(
                organisation=self.organisation, kitos_uuid__isnull=False
            ).prefetch_related("systems")
        }
        for dto in items:
            head = self._head("agreements", dto)
            if head is None:
                continue
            uuid = head[0]
            self.report.seen("registrations", mapping.moment(dto.get("lastModified")))
            notes = Notes()
            fields = mapping.registration_fields(dto, notes)
            if not fields["name"]:
                self.report.skip("agreements", uuid, "", [*notes.reasons, _("no name")], whole=True)
                continue
            processors = block(dto, "general").get("dataProcessors")
            if isinstance(processors, list):
                fields["supplier"] = self.supplier(processors[0]) if processors else None
                if len(processors) > 1:
                    notes.add(_("only the first data processor is linked"))
            systems = self._systems_of(dto.get("systemUsages"), "agreements", notes)
            fields.update(kitos_uuid=uuid, source=self.source)
            self._write(
                "agreements",
                uuid,
                fields["name"],
                notes,
                self._save_agreement,
                existing.get(uuid),
                fields,
                systems,
            )

    def _save_agreement(self, existing, fields, systems):
        if existing is None:
            agreement = privacy.processor_agreement_create(
                self.actor, self.organisation, via=self.via, systems=systems, **fields
            )
            return agreement, "created"

        def current(key):
            return existing.supplier_id if key == "supplier" else getattr(existing, key)

        wanted = {k: (v.pk if k == "supplier" and v else v) for k, v in fields.items()}
        same = all(current(k) == v for k, v in wanted.items()) and {
            s.pk for s in existing.systems.all()
        } == {s.pk for s in systems}
        if same:
            return existing, "unchanged"
        privacy.processor_agreement_update(
            self.actor, existing, via=self.via, systems=systems, **fields
        )
        return existing, "updated"

    # --- deletions -----------------------------------------------------------------------

    def deletions(self, items) -> None:
        targets = {
            "ItSystemUsage": ("systems", ITSystem),
            "ItContract": ("contracts", Contract),
            "DataProcessingRegistration": ("agreements", ProcessorAgreement),
        }
        for entry in items:
            if not isinstance(entry, dict):
                continue
            self.report.seen("deletions", mapping.moment(entry.get("occurredAtUtc")))
            target = targets.get(str(entry.get("entityType")))
            uuid = ref_uuid(entry.get("entityUuid"))
            if target is None or uuid is None:
                continue  # catalogue systems, interfaces, units: nothing of ours
            kind, model = target
            obj = model.objects.filter(organisation=self.organisation, kitos_uuid=uuid).first()
            if obj is not None:
                self._write(kind, uuid, str(obj), Notes(), self._delete, obj)
                self.systems.pop(uuid, None)

    def _delete(self, obj):
        """Delete what KITOS deleted — unless Skanse's own records still build on it: a
        system a processing activity names, an agreement with supervisions recorded."""
        if isinstance(obj, ITSystem) and obj.processing_activities.exists():
            raise DomainError(_("deleted in KITOS, but processing activities still name it"))
        if isinstance(obj, ProcessorAgreement) and obj.supervisions.exists():
            raise DomainError(_("deleted in KITOS, but supervisions are recorded for it"))
        if isinstance(obj, ITSystem):
            inventory.system_delete(actor=self.actor, system=obj, via=self.via)
        elif isinstance(obj, Contract):
            inventory.contract_delete(actor=self.actor, contract=obj, via=self.via)
        else:
            privacy.processor_agreement_delete(self.actor, obj, via=self.via)
        return obj, "deleted"

    def finish(self) -> None:
        """Unchanged objects are stamped as synced in one statement."""
        for model, pks in self.touched.items():
            for start in range(0, len(pks), 500):
                model.objects.filter(pk__in=pks[start : start + 500]).update(synced_at=self.now)


def supplier_refs(bundle: Bundle):
    """Every organisation the contracts (supplier) and registrations (processors) name."""
    for dto in bundle.contracts:
        if isinstance(dto, dict):
            yield block(block(dto, "supplier"), "organization") or None
    for dto in bundle.registrations:
        processors = block(dto, "general").get("dataProcessors") if isinstance(dto, dict) else None
        if isinstance(processors, list) and processors:
            yield processors[0]


@transaction.atomic
def run_import(
    *, organisation, bundle: Bundle, source: str, actor=None, via="task", kitos_org_uuid=None
) -> Report:
    importer = Importer(
        organisation=organisation,
        source=source,
        actor=actor,
        via=via,
        kitos_org_uuid=kitos_org_uuid,
    )
    importer.usages(bundle.usages)
    importer.prepare_suppliers(supplier_refs(bundle))
    importer.contracts(bundle.contracts)
    importer.registrations(bundle.registrations)
    importer.deletions(bundle.deletions)
    importer.finish()
    return importer.report


# --- Files of KITOS API responses ----------------------------------------------------------

FILE_KEYS = {
    "usages": ("itSystemUsages", "it-system-usages"),
    "contracts": ("itContracts", "it-contracts"),
    "registrations": ("dataProcessingRegistrations", "data-processing-registrations"),
    "deletions": ("deletedEntities", "deleted-entities", "delta-feed"),
}


def parse_file(content: bytes) -> Bundle:
    """A file of KITOS API responses: a JSON array of system usages, or an object with the
    arrays `itSystemUsages`, `itContracts`, `dataProcessingRegistrations`, `deletedEntities`
    (or the route names: `it-system-usages`, …)."""
    if len(content) > MAX_FILE_BYTES:
        raise KitosFileError(
            _("The file is larger than %(mb)d MB.") % {"mb": MAX_FILE_BYTES // 1_048_576}
        )
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise KitosFileError(_("The file is not JSON (UTF-8).")) from None
    if isinstance(data, list):
        data = {"itSystemUsages": data}
    if not isinstance(data, dict):
        raise KitosFileError(_("The file must hold a JSON array or object."))
    bundle = Bundle()
    found = False
    for attr, keys in FILE_KEYS.items():
        for key in keys:
            if key in data:
                if not isinstance(data[key], list):
                    raise KitosFileError(_("“%(key)s” must be a JSON array.") % {"key": key})
                getattr(bundle, attr).extend(data[key])
                found = True
    if not found:
        raise KitosFileError(
            _("The file holds none of itSystemUsages, itContracts, dataProcessingRegistrations.")
        )
    return bundle


def iso_after(moment: datetime.datetime) -> str:
    """The cursor for `changedSinceGtEq`: one microsecond after the last object seen."""
    later = moment + datetime.timedelta(microseconds=1)
    return later.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def valid_uuid(value) -> bool:
    try:
        uuid_module.UUID(str(value))
    except ValueError:
        return False
    return True
