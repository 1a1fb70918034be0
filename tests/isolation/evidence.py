"""Isolation matrix rows for evidence files on campaign answers (see __init__.py)."""

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from skanse.tenancy.roles import Cap
from tests.isolation import Row


def _evidence(personas, org, user):
    from skanse.campaigns.models import Answer, Evidence
    from tests.test_isolation_matrix import _campaign

    matrix = _campaign(personas)
    response = matrix["responses"][org.pk if not org.is_coordinator else personas.org.pk]
    existing = Evidence.objects.filter(answer__response=response).first()
    if existing is not None:
        return existing
    answer, _created = Answer.objects.get_or_create(
        response=response,
        question=matrix["question"],
        defaults={"organisation": response.organisation},
    )
    evidence = Evidence(
        organisation=response.organisation,
        answer=answer,
        name="matrix.pdf",
        content_type="application/pdf",
        size=15,
    )
    evidence.file.save("matrix.pdf", ContentFile(b"%PDF-1.7 matrix"), save=False)
    evidence.save()
    return evidence


def _upload(personas, org):
    return {"file": SimpleUploadedFile("proof.pdf", b"%PDF-1.7 proof", "application/pdf")}


ORG_ROWS = {
    "evidence_upload": Row(
        Cap.RESPONSES_ANSWER,
        ("POST",),
        obj="response",
        extra={"question": "question"},
        data=_upload,
    ),
    "evidence_download": Row(Cap.RESPONSES_VIEW, obj="evidence"),
    "evidence_delete": Row(Cap.RESPONSES_ANSWER, ("POST",), obj="evidence"),
}
API_ROWS = {}
BUILDERS = {"evidence": _evidence}
PARAMS = {"evidence": "evidence"}
TENANT_OBJECTS = ("evidence",)
