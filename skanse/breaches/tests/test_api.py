import json

from django.core import mail
from django_scopes import scope, scopes_disabled

from skanse.breaches.models import Breach
from skanse.breaches.tests.conftest import make_breach
from skanse.core.models import AuditEvent
from skanse.tenancy import services as tenancy


def _headers(user, org):
    with scopes_disabled():
        _token, secret = tenancy.token_create(actor=user, organisation=org, name="t")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def _send(client, method, path, data, headers):
    return client.generic(
        method, f"/api/v1{path}", json.dumps(data), content_type="application/json", **headers
    )


BREACH = {
    "title": "Phishing",
    "occurred_at": "2026-01-10T08:00:00+01:00",
    "aware_at": "2026-01-10T09:00:00+01:00",
    "description": "En medarbejder afgav sin adgangskode.",
    "kinds": ["confidentiality"],
    "subjects_count": 300,
}


def test_a_breach_is_registered_through_the_api_audited_and_alerted(
    client, personas, inv, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _send(
            client,
            "POST",
            "/breaches",
            {**BREACH, "systems": [str(inv["own"]["system"].uuid)]},
            _headers(personas.dpo, personas.org),
        )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["systems"] == [str(inv["own"]["system"].uuid)]
    assert body["clock"] == "overdue"
    assert body["deadline"].startswith("2026-01-13T08:00:00")
    with scope(organisation=personas.org):
        assert AuditEvent.objects.get(object_uuid=body["uuid"]).via == "api"
    assert len(mail.outbox) == 1


def test_bad_input_gets_the_error_shape_with_the_field_and_saves_nothing(client, personas):
    headers = _headers(personas.dpo, personas.org)
    for data, field in [
        ({**BREACH, "subjects_count": -1}, "subjects_count"),
        ({**BREACH, "aware_at": "2026-01-10T07:00:00+01:00"}, "aware_at"),
        ({**BREACH, "risk": "none"}, "risk_reasoning"),
        ({**BREACH, "occurred_at": "yesterday"}, "occurred_at"),
    ]:
        response = _send(client, "POST", "/breaches", data, headers)
        assert response.status_code == 400, field
        assert field in response.json()["errors"], response.json()
    with scope(organisation=personas.org):
        assert not Breach.objects.exists()


def test_patch_changes_only_the_fields_sent(client, personas):
    breach = make_breach(personas.org, measures="Før")
    response = _send(
        client,
        "PATCH",
        f"/breaches/{breach.uuid}",
        {"risk": "none", "risk_reasoning": "Krypteret."},
        _headers(personas.security_officer, personas.org),
    )
    assert response.status_code == 200, response.content
    assert response.json()["measures"] == "Før"
    assert response.json()["clock"] == "not_required"


def test_a_foreign_breach_is_404_and_a_reader_cannot_write(client, personas):
    foreign = make_breach(personas.other_org)
    headers = _headers(personas.dpo, personas.org)
    assert client.get(f"/api/v1/breaches/{foreign.uuid}", **headers).status_code == 404
    own = make_breach(personas.org)
    reader = _headers(personas.auditor, personas.org)
    assert client.get(f"/api/v1/breaches/{own.uuid}", **reader).status_code == 200
    assert (
        _send(client, "PATCH", f"/breaches/{own.uuid}", {"measures": "x"}, reader).status_code
        == 403
    )


def test_the_list_runs_a_bounded_number_of_queries(
    client, personas, inv, django_assert_max_num_queries
):
    for n in range(20):
        make_breach(personas.org, title=f"Brud {n}", systems=[inv["own"]["system"].uuid])
    headers = _headers(personas.dpo, personas.org)
    client.get("/api/v1/breaches", **headers)
    with django_assert_max_num_queries(14):
        response = client.get("/api/v1/breaches?risk=unassessed", **headers)
    assert response.json()["count"] == 20
