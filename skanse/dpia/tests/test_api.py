import json

from django_scopes import scope, scopes_disabled

from skanse.core.models import AuditEvent
from skanse.dpia.models import DpiaRisk
from skanse.dpia.tests.conftest import make_version
from skanse.tenancy import services as tenancy


def _headers(user, org):
    with scopes_disabled():
        _token, secret = tenancy.token_create(actor=user, organisation=org, name="t")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def _send(client, method, path, data, headers):
    return client.generic(
        method, f"/api/v1{path}", json.dumps(data), content_type="application/json", **headers
    )


def test_a_screening_is_created_with_codes_and_audited_as_api(client, personas, activity):
    response = _send(
        client,
        "POST",
        "/dpia/screenings",
        {
            "activity": str(activity.uuid),
            "criteria": ["c7", "c4"],
            "outcome": "required",
            "reasons": "Sårbare borgere",
        },
        _headers(personas.dpo, personas.org),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["criteria"] == ["c4", "c7"] and body["likely_required"] is True
    with scope(organisation=personas.org):
        assert AuditEvent.objects.get(object_uuid=body["uuid"]).via == "api"


def test_a_risk_outside_the_matrix_gets_the_error_shape_and_nothing_is_saved(client, personas):
    version = make_version(personas.org, risks=[])
    response = _send(
        client,
        "POST",
        f"/dpia-versions/{version.uuid}/risks",
        {"title": "R", "likelihood": 7, "severity": 2},
        _headers(personas.dpo, personas.org),
    )
    assert response.status_code == 400
    assert "likelihood" in response.json()["errors"]
    with scope(organisation=personas.org):
        assert not DpiaRisk.objects.exists()


def test_approval_before_consultation_is_a_400_at_the_field(client, personas):
    version = make_version(personas.org)
    response = _send(
        client,
        "POST",
        f"/dpia-versions/{version.uuid}/approval",
        {"approved_by_name": "D", "approved_on": "2026-01-15", "reassess_on": "2027-01-15"},
        _headers(personas.dpo, personas.org),
    )
    assert response.status_code == 400
    assert "approved_on" in response.json()["errors"]


def test_the_dpia_shows_its_versions_and_the_art36_flag(client, personas):
    version = make_version(personas.org)
    response = client.get(
        f"/api/v1/dpias/{version.dpia.uuid}", **_headers(personas.auditor, personas.org)
    )
    assert response.status_code == 200
    body = response.json()
    assert body["versions"][0]["number"] == 1
    assert body["versions"][0]["prior_consultation_required"] is False
