"""Isolation matrix rows for skanse.design (see tests/isolation/__init__.py)."""

from pathlib import Path

from skanse.tenancy.roles import Cap
from tests.isolation import Row

VIEW, EDIT = Cap.RECORDS_VIEW, Cap.RECORDS_EDIT
CATALOGUE = (
    Path(__file__).resolve().parents[2] / "skanse/library/catalogues/edpb-art25-elements.yaml"
)


def _edpb():
    from skanse.design.selectors import edpb_version
    from skanse.library.services import library_import

    if edpb_version() is None:
        library_import(CATALOGUE.read_bytes(), via="cli")


def _assessment(personas, org, user):
    """A draft assessment of its own system with one gap (DM-01 not met)."""
    from skanse.design import services
    from skanse.design.models import Assessment
    from skanse.inventory import services as inventory_services

    existing = Assessment.objects.filter(organisation=org, system__name="Matrix Art. 25").first()
    if existing is not None:
        return existing
    _edpb()
    system = inventory_services.system_create(actor=None, organisation=org, name="Matrix Art. 25")
    assessment = services.assessment_create(
        actor=None, organisation=org, system=system, occasion="design"
    )
    services.elements_save(
        actor=None, assessment=assessment, rows=[{"element": "DM-01", "result": "not_met"}]
    )
    return assessment


def _gap(personas, org, user):
    return _assessment(personas, org, user).elements.get(element__ref_id="DM-01")


def _start(personas, org):
    """The page's form data; the library must hold the elements for the start to succeed."""
    _edpb()
    return {"occasion": "design", "assessed_on": "2026-11-01"}


def _new_assessment(personas, org):
    from django_scopes import scopes_disabled

    from skanse.inventory import services as inventory_services

    _edpb()
    with scopes_disabled():
        system = inventory_services.system_create(actor=None, organisation=org, name="Matrix ny")
    return {"system": str(system.uuid), "occasion": "periodic"}


ACCEPT = {"response": "accepted", "accept_reason": "Lav risiko", "accepted_by": "Direktionen"}

ORG_ROWS = {
    "design_overview": Row(VIEW),
    "design_measures": Row(VIEW),
    "design_national": Row(Cap.ORGANISATIONS_VIEW, coordinator_only=True),
    "design_system": Row(VIEW, obj="system"),
    "design_schedule_edit": Row(
        EDIT, ("GET", "POST"), obj="system", data={"interval_months": "24"}
    ),
    "design_trigger": Row(EDIT, ("GET", "POST"), obj="system", data={"trigger": "incident"}),
    "design_assessment_create": Row(EDIT, ("GET", "POST"), obj="system", data=_start),
    "design_assessment_detail": Row(VIEW, obj="design_assessment"),
    "design_assessment_elements": Row(
        EDIT, ("GET", "POST"), obj="design_assessment", data={"TR-01.result": "met"}
    ),
    "design_assessment_complete": Row(EDIT, ("POST",), obj="design_assessment"),
    "design_assessment_delete": Row(EDIT, ("POST",), obj="design_assessment"),
    "design_gap_edit": Row(EDIT, ("GET", "POST"), obj="design_gap", data=ACCEPT),
    "design_supplier_xlsx": Row(VIEW, obj="supplier"),
    "design_supplier_pdf": Row(VIEW, obj="supplier"),
}
API_ROWS = {
    ("GET", "/api/v1/design/systems"): Row(VIEW),
    ("GET", "/api/v1/design/systems/{uuid}"): Row(VIEW, obj="system"),
    ("GET", "/api/v1/design/systems/{uuid}/assessments"): Row(VIEW, obj="system"),
    ("PUT", "/api/v1/design/systems/{uuid}/schedule"): Row(
        EDIT, obj="system", data={"interval_months": 6}
    ),
    ("POST", "/api/v1/design/systems/{uuid}/trigger"): Row(
        EDIT, obj="system", data={"trigger": "change", "note": "Ny version"}
    ),
    ("POST", "/api/v1/design/assessments"): Row(EDIT, data=_new_assessment),
    ("GET", "/api/v1/design/assessments/{uuid}"): Row(VIEW, obj="design_assessment"),
    ("DELETE", "/api/v1/design/assessments/{uuid}"): Row(EDIT, obj="design_assessment"),
    ("PATCH", "/api/v1/design/assessments/{uuid}/elements"): Row(
        EDIT, obj="design_assessment", data={"elements": [{"element": "TR-01", "result": "met"}]}
    ),
    ("POST", "/api/v1/design/assessments/{uuid}/complete"): Row(
        EDIT, obj="design_assessment", data={}
    ),
    ("GET", "/api/v1/design/gaps/{uuid}"): Row(VIEW, obj="design_gap"),
    ("PUT", "/api/v1/design/gaps/{uuid}"): Row(EDIT, obj="design_gap", data=ACCEPT),
    ("GET", "/api/v1/design/measures"): Row(VIEW),
    ("GET", "/api/v1/design/suppliers"): Row(VIEW),
    ("GET", "/api/v1/design/suppliers/{uuid}/requirements"): Row(VIEW, obj="supplier"),
    ("GET", "/api/v1/design/overview"): Row(VIEW),
    ("GET", "/api/v1/design/national"): Row(Cap.ORGANISATIONS_VIEW, coordinator_only=True),
}
BUILDERS = {"design_assessment": _assessment, "design_gap": _gap}
PARAMS = {"design_assessment": "assessment", "design_gap": "gap"}
TENANT_OBJECTS = ("design_assessment", "design_gap")
