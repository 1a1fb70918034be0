"""Isolation matrix rows for skanse.breaches (see tests/isolation/__init__.py)."""

import datetime

from django.utils import timezone

from skanse.tenancy.roles import Cap
from tests.isolation import Row

VIEW, EDIT = Cap.RECORDS_VIEW, Cap.RECORDS_EDIT
BREACH = {
    "title": "Matrix breach",
    "occurred_at": "2026-01-10T09:00",
    "aware_at": "2026-01-10T10:00",
    "description": "A letter went to the wrong address.",
    "status": "open",
    "risk": "risk",
    "authority_notified_at": "2026-01-11T10:00",
}
API_BREACH = {
    "title": "API breach",
    "occurred_at": "2026-01-10T09:00:00+01:00",
    "aware_at": "2026-01-10T10:00:00+01:00",
    "description": "A letter went to the wrong address.",
}

ORG_ROWS = {
    "breach_list": Row(VIEW),
    "breach_create": Row(EDIT, ("GET", "POST"), data=BREACH),
    "breach_log_xlsx": Row(VIEW),
    "breach_log_pdf": Row(VIEW),
    "breach_detail": Row(VIEW, obj="breach"),
    "breach_edit": Row(EDIT, ("GET", "POST"), obj="breach", data=BREACH),
    "breach_summary": Row(VIEW, obj="breach"),
}

API_ROWS = {
    ("GET", "/api/v1/breaches"): Row(VIEW),
    ("POST", "/api/v1/breaches"): Row(EDIT, data=API_BREACH),
    ("GET", "/api/v1/breaches/{uuid}"): Row(VIEW, obj="breach"),
    ("PATCH", "/api/v1/breaches/{uuid}"): Row(EDIT, obj="breach", data={"measures": "Changed"}),
}


def _breach(personas, org, user):
    from skanse.breaches import services

    aware = timezone.now() - datetime.timedelta(hours=5)
    return services.breach_create(
        None,
        org,
        title=f"Matrix breach {org.code}",
        occurred_at=aware - datetime.timedelta(hours=1),
        aware_at=aware,
        description="Matrix",
    )


BUILDERS = {"breach": _breach}
PARAMS = {"breach": "breach"}
TENANT_OBJECTS = tuple(BUILDERS)
