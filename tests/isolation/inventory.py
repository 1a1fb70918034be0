"""Isolation matrix rows for skanse.inventory (see tests/isolation/__init__.py)."""

from skanse.tenancy.roles import Cap
from tests.isolation import Row

VIEW, EDIT = Cap.RECORDS_VIEW, Cap.RECORDS_EDIT
UNDECIDED = (
    "life_cycle_status",
    "business_critical",
    "hosted_at",
    "technical_precautions_in_place",
    "user_supervision",
    "risk_assessment",
    "risk_assessment_result",
    "dpia",
    "retention_period_defined",
    "archive_duty",
)
SYSTEM = {"name": "Matrix system", **dict.fromkeys(UNDECIDED, "Undecided")}
SUPPLIER = {"name": "Matrix supplier"}
CONTRACT = {"name": "Matrix contract"}


def _supplier(personas, org, user):
    from skanse.inventory import services

    return services.supplier_create(actor=None, organisation=org, name="Matrix supplier")


def _system(personas, org, user):
    from skanse.inventory import services

    return services.system_create(actor=None, organisation=org, name="Matrix system")


def _contract(personas, org, user):
    from skanse.inventory import services

    return services.contract_create(actor=None, organisation=org, name="Matrix contract")


ORG_ROWS = {
    "system_list": Row(VIEW),
    "system_create": Row(EDIT, ("GET", "POST"), data=SYSTEM),
    "system_detail": Row(VIEW, obj="system"),
    "system_edit": Row(EDIT, ("GET", "POST"), obj="system", data=SYSTEM),
    "system_delete": Row(EDIT, ("POST",), obj="system"),
    "supplier_list": Row(VIEW),
    "supplier_create": Row(EDIT, ("GET", "POST"), data=SUPPLIER),
    "supplier_detail": Row(VIEW, obj="supplier"),
    "supplier_edit": Row(EDIT, ("GET", "POST"), obj="supplier", data=SUPPLIER),
    "supplier_delete": Row(EDIT, ("POST",), obj="supplier"),
    "contract_list": Row(VIEW),
    "contract_create": Row(EDIT, ("GET", "POST"), data=CONTRACT),
    "contract_detail": Row(VIEW, obj="contract"),
    "contract_edit": Row(EDIT, ("GET", "POST"), obj="contract", data=CONTRACT),
    "contract_delete": Row(EDIT, ("POST",), obj="contract"),
}

API_ROWS = {
    ("GET", "/api/v1/suppliers"): Row(VIEW),
    ("POST", "/api/v1/suppliers"): Row(EDIT, data={"name": "API supplier"}),
    ("GET", "/api/v1/suppliers/{uuid}"): Row(VIEW, obj="supplier"),
    ("PATCH", "/api/v1/suppliers/{uuid}"): Row(EDIT, obj="supplier", data={"notes": "Changed"}),
    ("DELETE", "/api/v1/suppliers/{uuid}"): Row(EDIT, obj="supplier"),
    ("GET", "/api/v1/it-systems"): Row(VIEW),
    ("POST", "/api/v1/it-systems"): Row(EDIT, data={"name": "API system"}),
    ("GET", "/api/v1/it-systems/{uuid}"): Row(VIEW, obj="system"),
    ("PATCH", "/api/v1/it-systems/{uuid}"): Row(EDIT, obj="system", data={"dpia": "Yes"}),
    ("DELETE", "/api/v1/it-systems/{uuid}"): Row(EDIT, obj="system"),
    ("GET", "/api/v1/contracts"): Row(VIEW),
    ("POST", "/api/v1/contracts"): Row(EDIT, data={"name": "API contract"}),
    ("GET", "/api/v1/contracts/{uuid}"): Row(VIEW, obj="contract"),
    ("PATCH", "/api/v1/contracts/{uuid}"): Row(EDIT, obj="contract", data={"notes": "Changed"}),
    ("DELETE", "/api/v1/contracts/{uuid}"): Row(EDIT, obj="contract"),
}
BUILDERS = {"supplier": _supplier, "system": _system, "contract": _contract}
PARAMS = {"supplier": "supplier", "system": "system", "contract": "contract"}
TENANT_OBJECTS = ("supplier", "system", "contract")
