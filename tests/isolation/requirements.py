"""Isolation matrix rows for skanse.requirements (see tests/isolation/__init__.py)."""

from skanse.tenancy.roles import Cap
from tests.isolation import Row


def _requirement_set(personas, org, user):
    from skanse.requirements.models import RequirementSet
    from skanse.requirements.services import requirement_set_create

    existing = RequirementSet.objects.filter(organisation=org, name="Matrix krav").first()
    return existing or requirement_set_create(
        actor=None,
        organisation=org,
        name="Matrix krav",
        items=[{"code": "M1", "text": "Leverandøren logger adgang."}],
    )


ORG_ROWS = {
    "requirement_set_list": Row(Cap.RECORDS_VIEW),
    "requirement_set_create": Row(
        Cap.RECORDS_EDIT,
        ("GET", "POST"),
        data={"name": "Matrix ny", "items": "N1 | must | Drift | | Leverandøren tager backup."},
    ),
    "requirement_set_detail": Row(Cap.RECORDS_VIEW, obj="requirement_set"),
    "requirement_set_edit": Row(
        Cap.RECORDS_EDIT,
        ("GET", "POST"),
        obj="requirement_set",
        data={"name": "Matrix ændret", "items": "M1 | should | | | Leverandøren logger."},
    ),
}
API_ROWS = {
    ("GET", "/api/v1/requirement-sets"): Row(Cap.RECORDS_VIEW),
    ("POST", "/api/v1/requirement-sets"): Row(
        Cap.RECORDS_EDIT,
        data={"name": "API krav", "items": [{"code": "A1", "text": "Leverandøren krypterer."}]},
    ),
    ("GET", "/api/v1/requirement-sets/{uuid}"): Row(Cap.RECORDS_VIEW, obj="requirement_set"),
    ("PATCH", "/api/v1/requirement-sets/{uuid}"): Row(
        Cap.RECORDS_EDIT, obj="requirement_set", data={"description": "Ændret via API"}
    ),
}
BUILDERS = {"requirement_set": _requirement_set}
PARAMS = {"requirement_set": "requirement_set"}
TENANT_OBJECTS = ("requirement_set",)
