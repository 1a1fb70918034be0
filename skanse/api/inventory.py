"""API: the inventory (suppliers, IT systems, contracts) and the KITOS integration.

Read with records.view, write with records.edit; the KITOS settings and syncs need
integrations.manage. The API user's password is write-only: it is never returned.
"""

from datetime import date, datetime
from uuid import UUID

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from skanse.api.base import Error, need
from skanse.core.errors import DomainError
from skanse.inventory import selectors, services
from skanse.inventory.models import Contract, ITSystem, Supplier
from skanse.kitos import services as kitos_services
from skanse.kitos.models import SyncRun
from skanse.tenancy.roles import Cap

router = Router(tags=["inventory"])


class Provenance(Schema):
    kitos_uuid: UUID | None
    source: str
    synced_at: datetime | None
    created_at: datetime
    updated_at: datetime


class SupplierOut(Provenance):
    uuid: UUID
    name: str
    cvr: str
    contact_name: str
    contact_email: str
    contact_phone: str
    notes: str


class SupplierIn(Schema):
    name: str | None = None
    cvr: str | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    notes: str | None = None


class SystemOut(Provenance):
    uuid: UUID
    name: str
    local_call_name: str
    local_system_id: str
    system_version: str
    kitos_system_uuid: UUID | None
    supplier: UUID | None
    purpose: str
    notes: str
    data_classification: str
    business_critical: str
    hosted_at: str
    data_sensitivity_levels: list[str]
    specific_personal_data: list[str]
    sensitive_personal_data: list[str]
    registered_data_categories: list[str]
    technical_precautions_in_place: str
    technical_precautions: list[str]
    user_supervision: str
    user_supervision_date: date | None
    risk_assessment: str
    risk_assessment_date: date | None
    risk_assessment_result: str
    risk_assessment_notes: str
    planned_risk_assessment_date: date | None
    dpia: str
    dpia_date: date | None
    retention_period_defined: str
    next_retention_evaluation: date | None
    retention_evaluation_months: int | None
    life_cycle_status: str
    valid_from: date | None
    valid_to: date | None
    archive_duty: str
    responsible_unit: str
    owner: str

    @staticmethod
    def resolve_supplier(obj):
        return obj.supplier.uuid if obj.supplier_id else None


class SystemIn(Schema):
    name: str | None = None
    local_call_name: str | None = None
    local_system_id: str | None = None
    system_version: str | None = None
    supplier: UUID | None = None
    purpose: str | None = None
    notes: str | None = None
    data_classification: str | None = None
    business_critical: str | None = None
    hosted_at: str | None = None
    data_sensitivity_levels: list[str] | None = None
    specific_personal_data: list[str] | None = None
    sensitive_personal_data: list[str] | None = None
    registered_data_categories: list[str] | None = None
    technical_precautions_in_place: str | None = None
    technical_precautions: list[str] | None = None
    user_supervision: str | None = None
    user_supervision_date: date | None = None
    risk_assessment: str | None = None
    risk_assessment_date: date | None = None
    risk_assessment_result: str | None = None
    risk_assessment_notes: str | None = None
    planned_risk_assessment_date: date | None = None
    dpia: str | None = None
    dpia_date: date | None = None
    retention_period_defined: str | None = None
    next_retention_evaluation: date | None = None
    retention_evaluation_months: int | None = None
    life_cycle_status: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    archive_duty: str | None = None
    responsible_unit: str | None = None
    owner: str | None = None


class ContractOut(Provenance):
    uuid: UUID
    name: str
    contract_id: str
    contract_type: str
    supplier: UUID | None
    systems: list[UUID]
    valid_from: date | None
    valid_to: date | None
    notice_period_months: int | None
    terminated_at: date | None
    notes: str

    @staticmethod
    def resolve_supplier(obj):
        return obj.supplier.uuid if obj.supplier_id else None

    @staticmethod
    def resolve_systems(obj):
        return [s.uuid for s in obj.systems.all()]


class ContractIn(Schema):
    name: str | None = None
    contract_id: str | None = None
    contract_type: str | None = None
    supplier: UUID | None = None
    systems: list[UUID] | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    notice_period_months: int | None = None
    terminated_at: date | None = None
    notes: str | None = None


TEXT_FIELDS = {
    "name",
    "cvr",
    "contact_name",
    "contact_email",
    "contact_phone",
    "notes",
    "local_call_name",
    "local_system_id",
    "system_version",
    "purpose",
    "data_classification",
    "risk_assessment_notes",
    "responsible_unit",
    "owner",
    "contract_id",
    "contract_type",
}


def _data(request, payload: Schema) -> dict:
    """The fields the client sent; UUIDs of related objects resolved in the organisation."""
    data = payload.dict(exclude_unset=True)
    for name in list(data):
        if data[name] is None and name in TEXT_FIELDS:
            data[name] = ""
    if data.get("supplier") is not None:
        data["supplier"] = _related(request, Supplier, data["supplier"], "supplier")
    if data.get("systems") is not None:
        data["systems"] = [_related(request, ITSystem, u, "systems") for u in data["systems"]]
    return data


def _related(request, model, uuid, field):
    found = model.objects.filter(organisation=request.organisation, uuid=uuid).first()
    if found is None:
        raise DomainError(_("No such object in your organisation."), field)
    return found


def _get(request, model, uuid, capability=Cap.RECORDS_VIEW):
    need(request, capability)
    return get_object_or_404(model.objects.filter(organisation=request.organisation), uuid=uuid)


# --- Suppliers ------------------------------------------------------------------------------


@router.get("/suppliers", response=list[SupplierOut])
@paginate(PageNumberPagination, page_size=100)
def list_suppliers(request, q: str = ""):
    need(request, Cap.RECORDS_VIEW)
    return selectors.supplier_list(request.organisation, q=q[:100])


@router.post("/suppliers", response={201: SupplierOut, 400: Error})
def create_supplier(request, payload: SupplierIn):
    need(request, Cap.RECORDS_EDIT)
    data = _data(request, payload)
    return Status(
        201,
        services.supplier_create(
            actor=request.user, organisation=request.organisation, via="api", **data
        ),
    )


@router.get("/suppliers/{uuid}", response={200: SupplierOut, 404: Error})
def get_supplier(request, uuid: UUID):
    return _get(request, Supplier, uuid)


@router.patch("/suppliers/{uuid}", response={200: SupplierOut, 400: Error, 404: Error})
def update_supplier(request, uuid: UUID, payload: SupplierIn):
    supplier = _get(request, Supplier, uuid, Cap.RECORDS_EDIT)
    return services.supplier_update(
        actor=request.user, supplier=supplier, via="api", **_data(request, payload)
    )


@router.delete("/suppliers/{uuid}", response={204: None, 400: Error, 404: Error})
def delete_supplier(request, uuid: UUID):
    services.supplier_delete(
        actor=request.user, supplier=_get(request, Supplier, uuid, Cap.RECORDS_EDIT), via="api"
    )
    return Status(204, None)


# --- IT systems ------------------------------------------------------------------------------


@router.get("/it-systems", response=list[SystemOut])
@paginate(PageNumberPagination, page_size=100)
def list_systems(request, q: str = "", life_cycle: str = "", source: str = ""):
    """The organisation's IT systems (system usages), optionally filtered."""
    need(request, Cap.RECORDS_VIEW)
    return selectors.system_list(
        request.organisation, q=q[:100], life_cycle=life_cycle[:20], source=source[:10]
    )


@router.post("/it-systems", response={201: SystemOut, 400: Error})
def create_system(request, payload: SystemIn):
    need(request, Cap.RECORDS_EDIT)
    data = _data(request, payload)
    if not data.get("name"):
        raise DomainError("Give the system a name.", "name")
    return Status(
        201,
        services.system_create(
            actor=request.user, organisation=request.organisation, via="api", **data
        ),
    )


@router.get("/it-systems/{uuid}", response={200: SystemOut, 404: Error})
def get_system(request, uuid: UUID):
    need(request, Cap.RECORDS_VIEW)
    return get_object_or_404(selectors.system_detail_qs(request.organisation), uuid=uuid)


@router.patch("/it-systems/{uuid}", response={200: SystemOut, 400: Error, 404: Error})
def update_system(request, uuid: UUID, payload: SystemIn):
    system = _get(request, ITSystem, uuid, Cap.RECORDS_EDIT)
    return services.system_update(
        actor=request.user, system=system, via="api", **_data(request, payload)
    )


@router.delete("/it-systems/{uuid}", response={204: None, 400: Error, 404: Error})
def delete_system(request, uuid: UUID):
    services.system_delete(
        actor=request.user, system=_get(request, ITSystem, uuid, Cap.RECORDS_EDIT), via="api"
    )
    return Status(204, None)


# --- Contracts -------------------------------------------------------------------------------


def _contracts(request):
    return (
        Contract.objects.filter(organisation=request.organisation)
        .select_related("supplier")
        .prefetch_related("systems")
    )


@router.get("/contracts", response=list[ContractOut])
@paginate(PageNumberPagination, page_size=100)
def list_contracts(request):
    need(request, Cap.RECORDS_VIEW)
    return _contracts(request).order_by("name", "id")


@router.post("/contracts", response={201: ContractOut, 400: Error})
def create_contract(request, payload: ContractIn):
    need(request, Cap.RECORDS_EDIT)
    data = _data(request, payload)
    if not data.get("name"):
        raise DomainError("Give the contract a name.", "name")
    contract = services.contract_create(
        actor=request.user,
        organisation=request.organisation,
        via="api",
        systems=data.pop("systems", None) or [],
        **data,
    )
    return Status(201, contract)


@router.get("/contracts/{uuid}", response={200: ContractOut, 404: Error})
def get_contract(request, uuid: UUID):
    need(request, Cap.RECORDS_VIEW)
    return get_object_or_404(_contracts(request), uuid=uuid)


@router.patch("/contracts/{uuid}", response={200: ContractOut, 400: Error, 404: Error})
def update_contract(request, uuid: UUID, payload: ContractIn):
    contract = _get(request, Contract, uuid, Cap.RECORDS_EDIT)
    data = _data(request, payload)
    services.contract_update(
        actor=request.user, contract=contract, via="api", systems=data.pop("systems", None), **data
    )
    return get_object_or_404(_contracts(request), uuid=uuid)


@router.delete("/contracts/{uuid}", response={204: None, 400: Error, 404: Error})
def delete_contract(request, uuid: UUID):
    services.contract_delete(
        actor=request.user, contract=_get(request, Contract, uuid, Cap.RECORDS_EDIT), via="api"
    )
    return Status(204, None)


# --- KITOS -----------------------------------------------------------------------------------


class KitosSettingsOut(Schema):
    base_url: str
    kitos_organisation_uuid: UUID | None
    api_email: str
    has_password: bool
    credentials_saved_at: datetime | None


class KitosSettingsIn(Schema):
    base_url: str
    api_email: str
    kitos_organisation_uuid: UUID | None = None
    password: str = ""  # write-only; empty keeps the saved one


class SyncIn(Schema):
    full: bool = False


class SyncRunOut(Schema):
    uuid: UUID
    kind: str
    status: str
    full: bool
    file_name: str
    counts: dict
    skipped: list[dict]
    error: str
    created_at: datetime
    finished_at: datetime | None


def _settings_out(current):
    return {
        "base_url": current.base_url,
        "kitos_organisation_uuid": current.kitos_organisation_uuid,
        "api_email": current.api_email,
        "has_password": current.has_credentials,
        "credentials_saved_at": current.credentials_saved_at,
    }


@router.get("/kitos/settings", response=KitosSettingsOut, tags=["kitos"])
def get_kitos_settings(request):
    need(request, Cap.INTEGRATIONS_MANAGE)
    return _settings_out(kitos_services.settings_for(request.organisation))


@router.put("/kitos/settings", response={200: KitosSettingsOut, 400: Error}, tags=["kitos"])
def put_kitos_settings(request, payload: KitosSettingsIn):
    need(request, Cap.INTEGRATIONS_MANAGE)
    current = kitos_services.settings_for(request.organisation)
    if not payload.password and not current.has_credentials:
        raise DomainError("Give the API user's password.", "password")
    saved = kitos_services.settings_save(
        actor=request.user, organisation=request.organisation, via="api", **payload.dict()
    )
    return _settings_out(saved)


@router.post("/kitos/syncs", response={202: SyncRunOut, 400: Error}, tags=["kitos"])
def start_kitos_sync(request, payload: SyncIn):
    """Queue a sync from KITOS; poll the returned run for its result."""
    need(request, Cap.INTEGRATIONS_MANAGE)
    return Status(
        202,
        kitos_services.sync_start(
            actor=request.user, organisation=request.organisation, full=payload.full, via="api"
        ),
    )


@router.get("/kitos/syncs", response=list[SyncRunOut], tags=["kitos"])
@paginate(PageNumberPagination, page_size=50)
def list_kitos_syncs(request):
    need(request, Cap.INTEGRATIONS_MANAGE)
    return SyncRun.objects.filter(organisation=request.organisation)


@router.get("/kitos/syncs/{uuid}", response={200: SyncRunOut, 404: Error}, tags=["kitos"])
def get_kitos_sync(request, uuid: UUID):
    return _get(request, SyncRun, uuid, Cap.INTEGRATIONS_MANAGE)
