"""Isolation matrix rows for skanse.dpia (see tests/isolation/__init__.py)."""

import datetime

from skanse.tenancy.roles import Cap
from tests.isolation import Row

VIEW, EDIT = Cap.RECORDS_VIEW, Cap.RECORDS_EDIT
RISK = {
    "title": "Matrix risk",
    "likelihood": "2",
    "severity": "2",
    "residual_likelihood": "1",
    "residual_severity": "2",
    "measures": "Adgangsstyring",
}
DOCUMENT = {
    "purposes": "Matrix",
    "likelihood_levels": "4",
    "severity_levels": "4",
    "high_from": "9",
}
CONSULT = {"dpo_name": "DPO", "dpo_consulted_on": "2026-01-10", "dpo_opinion": "Fine."}
# Refused by the service (no consultation yet): the matrix sees a 400 with a form error.
APPROVAL = {
    "approved_by_name": "Direktør",
    "approved_on": "2026-01-15",
    "reassess_on": "2027-01-15",
}


def _screening_data(personas, org):
    from django_scopes import scopes_disabled

    with scopes_disabled():
        activity = _activity(personas, org, None)
    return {
        "activity": str(activity.uuid),
        "outcome": "required",
        "reasons": "Matrix",
        "criteria": ["c4", "c5"],
    }


def _assign_data(personas, org):
    user = personas.coordinator if org.is_coordinator else personas.admin
    return {"section": "risks", "assignee": str(user.uuid)}


# Pages a colleague may use for the section assigned to them (risks, description, necessity,
# the DPO's opinion) check `records.view` and then the assignment; the builders assign
# nothing, so without `records.edit` these are a 403 as the rows say. The assignment itself
# is tested in skanse/dpia/tests/test_workflow.py.
ORG_ROWS = {
    "dpia_list": Row(VIEW),
    "dpia_create": Row(EDIT, ("GET", "POST"), data={"title": "Matrix DPIA"}),
    "screening_create": Row(EDIT, ("GET", "POST"), data=_screening_data),
    "screening_detail": Row(VIEW, obj="dpia_screening"),
    "screening_edit": Row(EDIT, ("GET", "POST"), obj="dpia_screening", data=_screening_data),
    "screening_delete": Row(EDIT, ("POST",), obj="dpia_screening"),
    "dpia_detail": Row(VIEW, obj="dpia"),
    "dpia_edit": Row(EDIT, ("GET", "POST"), obj="dpia", data={"title": "Changed"}),
    "dpia_delete": Row(EDIT, ("POST",), obj="dpia"),
    "dpia_reassess": Row(EDIT, ("POST",), obj="dpia"),
    "dpia_version_edit": Row(EDIT, ("GET", "POST"), obj="dpia_version", data=DOCUMENT),
    "dpia_version_consult": Row(EDIT, ("GET", "POST"), obj="dpia_version", data=CONSULT),
    "dpia_version_submit": Row(EDIT, ("POST",), obj="dpia_version"),
    "dpia_version_approve": Row(EDIT, ("GET", "POST"), obj="dpia_version", data=APPROVAL),
    "dpia_version_prior": Row(
        EDIT,
        ("GET", "POST"),
        obj="dpia_version",
        data={"prior_consultation_on": "2026-02-01", "prior_consultation_notes": "J.nr."},
    ),
    "dpia_pdf": Row(VIEW, obj="dpia_version"),
    "dpia_risk_add": Row(EDIT, ("GET", "POST"), obj="dpia_version", data=RISK),
    "dpia_assign": Row(EDIT, ("POST",), obj="dpia_version", data=_assign_data),
    "dpia_risk_edit": Row(EDIT, ("GET", "POST"), obj="dpia_risk", data=RISK),
    "dpia_risk_delete": Row(EDIT, ("POST",), obj="dpia_risk"),
    "dpia_unassign": Row(EDIT, ("POST",), obj="dpia_assignment"),
}

API_ROWS = {
    ("GET", "/api/v1/dpia/summary"): Row(VIEW),
    ("GET", "/api/v1/dpia/screenings"): Row(VIEW),
    ("POST", "/api/v1/dpia/screenings"): Row(EDIT, data=_screening_data),
    ("GET", "/api/v1/dpia/screenings/{uuid}"): Row(VIEW, obj="dpia_screening"),
    ("PATCH", "/api/v1/dpia/screenings/{uuid}"): Row(
        EDIT, obj="dpia_screening", data={"reasons": "Changed"}
    ),
    ("DELETE", "/api/v1/dpia/screenings/{uuid}"): Row(EDIT, obj="dpia_screening"),
    ("GET", "/api/v1/dpias"): Row(VIEW),
    ("POST", "/api/v1/dpias"): Row(EDIT, data={"title": "API DPIA"}),
    ("GET", "/api/v1/dpias/{uuid}"): Row(VIEW, obj="dpia"),
    ("POST", "/api/v1/dpias/{uuid}/reassessment"): Row(EDIT, obj="dpia"),
    ("PATCH", "/api/v1/dpia-versions/{uuid}"): Row(
        EDIT, obj="dpia_version", data={"purposes": "Changed"}
    ),
    ("POST", "/api/v1/dpia-versions/{uuid}/risks"): Row(
        EDIT, obj="dpia_version", data={"title": "API risk", "likelihood": 2, "severity": 2}
    ),
    ("PATCH", "/api/v1/dpia-risks/{uuid}"): Row(EDIT, obj="dpia_risk", data={"measures": "More"}),
    ("DELETE", "/api/v1/dpia-risks/{uuid}"): Row(EDIT, obj="dpia_risk"),
    ("POST", "/api/v1/dpia-versions/{uuid}/consultation"): Row(
        EDIT, obj="dpia_version", data=CONSULT
    ),
    ("POST", "/api/v1/dpia-versions/{uuid}/submission"): Row(EDIT, obj="dpia_version"),
    ("POST", "/api/v1/dpia-versions/{uuid}/approval"): Row(EDIT, obj="dpia_version", data=APPROVAL),
    ("PATCH", "/api/v1/dpias/{uuid}"): Row(EDIT, obj="dpia", data={"title": "Changed"}),
    ("DELETE", "/api/v1/dpias/{uuid}"): Row(EDIT, obj="dpia"),
    ("GET", "/api/v1/dpia-versions/{uuid}"): Row(VIEW, obj="dpia_version"),
    ("POST", "/api/v1/dpia-versions/{uuid}/prior-consultation"): Row(
        EDIT, obj="dpia_version", data={"prior_consultation_on": "2026-02-01"}
    ),
    ("POST", "/api/v1/dpia-versions/{uuid}/assignments"): Row(
        EDIT, obj="dpia_version", data=_assign_data
    ),
    ("DELETE", "/api/v1/dpia-assignments/{uuid}"): Row(EDIT, obj="dpia_assignment"),
}


def _activity(personas, org, user):
    from skanse.privacy import services

    return services.processing_activity_create(None, org, name=f"DPIA matrix activity {org.code}")


def _screening(personas, org, user):
    from skanse.dpia import services

    return services.screening_create(
        actor=None,
        organisation=org,
        activity=_activity(personas, org, user),
        criteria=["c4", "c5"],
        outcome="required",
        reasons="Matrix",
        screened_on=datetime.date(2026, 1, 5),
    )


def _dpia(personas, org, user):
    from skanse.dpia import services

    return services.dpia_create(
        actor=None,
        organisation=org,
        title=f"Matrix DPIA {org.code}",
        document={"purposes": "Matrix"},
        risks=[{"title": "Risk", "likelihood": 2, "severity": 2, "measures": ""}],
    )


def _version(personas, org, user):
    return _dpia(personas, org, user).versions.get()


def _risk(personas, org, user):
    return _version(personas, org, user).risks.get()


def _assignment(personas, org, user):
    from skanse.dpia import services
    from skanse.dpia.models import DpiaAssignment

    version = _version(personas, org, user)
    if org.is_coordinator:
        # Nobody there fills in a DPIA (the service refuses); the row only needs an object
        # for a URL that the coordinator's roles are refused anyway.
        return DpiaAssignment.objects.create(
            organisation=org, version=version, section="risks", assignee=personas.coordinator
        )
    assignee = personas.outsider if org == personas.other_org else personas.admin
    return services.assignment_set(actor=None, version=version, section="risks", assignee=assignee)


BUILDERS = {
    "dpia_screening": _screening,
    "dpia": _dpia,
    "dpia_version": _version,
    "dpia_risk": _risk,
    "dpia_assignment": _assignment,
}
PARAMS = {
    "dpia_screening": "screening",
    "dpia": "dpia",
    "dpia_version": "version",
    "dpia_risk": "risk",
    "dpia_assignment": "assignment",
}
TENANT_OBJECTS = tuple(BUILDERS)
