"""Isolation matrix rows for skanse.privacy (see tests/isolation/__init__.py)."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from skanse.tenancy.roles import Cap
from tests.isolation import Row

VIEW, EDIT = Cap.RECORDS_VIEW, Cap.RECORDS_EDIT
ACTIVITY = {"name": "Matrix activity", "status": "active", "role": "controller"}
AGREEMENT = {
    "name": "Matrix agreement",
    "status": "in_progress",
    "transfer_basis": "none",
    "risk_processing": "ordinary",
}
SUPERVISION = {"performed_on": "2026-01-15", "method": "written", "assessment": "green"}

ORG_ROWS = {
    "activity_list": Row(VIEW),
    "activity_create": Row(EDIT, ("GET", "POST"), data=ACTIVITY),
    "activity_import": Row(EDIT, ("GET", "POST")),
    "controller_edit": Row(EDIT, ("GET", "POST"), data={"email": "dpo@example.test"}),
    "record_xlsx": Row(VIEW),
    "record_pdf": Row(VIEW, ("POST",), data={"language": "da"}),
    "activity_detail": Row(VIEW, obj="activity"),
    "activity_edit": Row(EDIT, ("GET", "POST"), obj="activity", data=ACTIVITY),
    "activity_delete": Row(EDIT, ("POST",), obj="activity"),
    "agreement_list": Row(VIEW),
    "agreement_create": Row(EDIT, ("GET", "POST"), data=AGREEMENT),
    "agreement_detail": Row(VIEW, obj="agreement"),
    "agreement_edit": Row(EDIT, ("GET", "POST"), obj="agreement", data=AGREEMENT),
    "agreement_delete": Row(EDIT, ("POST",), obj="agreement"),
    "agreement_document": Row(VIEW, obj="agreement_document"),
    "sub_processor_add": Row(
        EDIT, ("POST",), obj="agreement", data={"name": "Sub", "transfer_basis": "none"}
    ),
    "sub_processor_remove": Row(EDIT, ("POST",), obj="sub_processor"),
    "supervision_list": Row(VIEW),
    "supervision_create": Row(EDIT, ("GET", "POST"), obj="agreement", data=SUPERVISION),
    "supervision_edit": Row(EDIT, ("GET", "POST"), obj="supervision", data=SUPERVISION),
    "supervision_delete": Row(EDIT, ("POST",), obj="supervision"),
}

API_ROWS = {
    ("GET", "/api/v1/controller-details"): Row(VIEW),
    ("PUT", "/api/v1/controller-details"): Row(EDIT, data={"email": "dpo@example.test"}),
    ("GET", "/api/v1/privacy/summary"): Row(VIEW),
    ("GET", "/api/v1/processing-activities"): Row(VIEW),
    ("POST", "/api/v1/processing-activities"): Row(EDIT, data={"name": "API activity"}),
    ("GET", "/api/v1/processing-activities/{uuid}"): Row(VIEW, obj="activity"),
    ("PATCH", "/api/v1/processing-activities/{uuid}"): Row(
        EDIT, obj="activity", data={"purposes": "Changed"}
    ),
    ("DELETE", "/api/v1/processing-activities/{uuid}"): Row(EDIT, obj="activity"),
    ("GET", "/api/v1/processor-agreements"): Row(VIEW),
    ("POST", "/api/v1/processor-agreements"): Row(EDIT, data={"name": "API agreement"}),
    ("GET", "/api/v1/processor-agreements/{uuid}"): Row(VIEW, obj="agreement"),
    ("PATCH", "/api/v1/processor-agreements/{uuid}"): Row(
        EDIT, obj="agreement", data={"notes": "Changed"}
    ),
    ("DELETE", "/api/v1/processor-agreements/{uuid}"): Row(EDIT, obj="agreement"),
    ("GET", "/api/v1/processor-agreements/{uuid}/sub-processors"): Row(VIEW, obj="agreement"),
    ("POST", "/api/v1/processor-agreements/{uuid}/sub-processors"): Row(
        EDIT, obj="agreement", data={"name": "API sub"}
    ),
    ("DELETE", "/api/v1/sub-processors/{uuid}"): Row(EDIT, obj="sub_processor"),
    ("GET", "/api/v1/supervisions"): Row(VIEW),
    ("GET", "/api/v1/supervisions/{uuid}"): Row(VIEW, obj="supervision"),
    ("POST", "/api/v1/processor-agreements/{uuid}/supervisions"): Row(
        EDIT, obj="agreement", data=SUPERVISION
    ),
    ("PATCH", "/api/v1/supervisions/{uuid}"): Row(
        EDIT, obj="supervision", data={"deviations": "None"}
    ),
    ("DELETE", "/api/v1/supervisions/{uuid}"): Row(EDIT, obj="supervision"),
}


def _activity(personas, org, user):
    from skanse.privacy import services

    return services.processing_activity_create(
        None, org, name=f"Matrix activity {org.code}", legal_bases=["art6_1_e"]
    )


def _agreement(personas, org, user):
    from skanse.privacy import services

    return services.processor_agreement_create(None, org, name=f"Matrix agreement {org.code}")


def _agreement_document(personas, org, user):
    from skanse.privacy import services

    upload = SimpleUploadedFile("dpa.pdf", b"%PDF-1.4 matrix", content_type="application/pdf")
    return services.processor_agreement_create(
        None, org, name=f"Matrix document {org.code}", document=upload
    )


def _sub_processor(personas, org, user):
    from skanse.privacy import services

    return services.sub_processor_add(None, _agreement(personas, org, user), name="Matrix sub")


def _supervision(personas, org, user):
    from skanse.privacy import services

    return services.supervision_create(
        None,
        _agreement(personas, org, user),
        performed_on=datetime.date(2026, 1, 15),
        method="written",
        assessment="green",
    )


BUILDERS = {
    "activity": _activity,
    "agreement": _agreement,
    "agreement_document": _agreement_document,
    "sub_processor": _sub_processor,
    "supervision": _supervision,
}
PARAMS = {
    "activity": "activity",
    "agreement": "agreement",
    "agreement_document": "agreement",
    "sub_processor": "sub_processor",
    "supervision": "supervision",
}
TENANT_OBJECTS = tuple(BUILDERS)
