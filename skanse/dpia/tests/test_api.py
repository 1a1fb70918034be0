import json

from django_scopes import scope, scopes_disabled

from skanse.core.models import AuditEvent
from skanse.dpia.models import Dpia, DpiaRisk
from skanse.dpia.tests.conftest import approve, consult, make_version
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


def test_a_dpia_is_changed_and_deleted_until_approved(client, personas):
    headers = _headers(personas.dpo, personas.org)
    version = make_version(personas.org)
    path = f"/dpias/{version.dpia.uuid}"
    changed = _send(client, "PATCH", path, {"title": "Visitation, ny"}, headers)
    assert changed.status_code == 200, changed.content
    assert changed.json()["title"] == "Visitation, ny"
    approve(consult(version))
    refused = _send(client, "DELETE", path, {}, headers)
    assert refused.status_code == 400
    with scope(organisation=personas.org):
        assert Dpia.objects.filter(pk=version.dpia.pk).exists()
    draft = make_version(personas.org)
    assert _send(client, "DELETE", f"/dpias/{draft.dpia.uuid}", {}, headers).status_code == 204
    with scope(organisation=personas.org):
        assert not Dpia.objects.filter(pk=draft.dpia.pk).exists()


def test_prior_consultation_is_recorded_on_the_approved_version(client, personas):
    headers = _headers(personas.dpo, personas.org)
    version = make_version(personas.org)
    approve(consult(version))
    response = _send(
        client,
        "POST",
        f"/dpia-versions/{version.uuid}/prior-consultation",
        {"prior_consultation_on": "2026-02-01", "prior_consultation_notes": "Svar modtaget"},
        headers,
    )
    assert response.status_code == 200, response.content
    read = client.get(f"/api/v1/dpia-versions/{version.uuid}", **headers).json()
    assert read["prior_consultation_on"] == "2026-02-01"
    assert read["prior_consultation_notes"] == "Svar modtaget"


def test_a_section_is_assigned_to_a_colleague_who_may_fill_it_in(client, personas):
    headers = _headers(personas.dpo, personas.org)
    version = make_version(personas.org)
    path = f"/dpia-versions/{version.uuid}/assignments"
    auditor = _send(
        client, "POST", path, {"section": "risks", "assignee": str(personas.auditor.uuid)}, headers
    )
    assert auditor.status_code == 400
    assert "assignee" in auditor.json()["errors"]
    outsider = _send(
        client, "POST", path, {"section": "risks", "assignee": str(personas.outsider.uuid)}, headers
    )
    assert outsider.status_code == 400
    given = _send(
        client,
        "POST",
        path,
        {"section": "risks", "assignee": str(personas.contributor.uuid)},
        headers,
    )
    assert given.status_code == 201, given.content
    read = client.get(f"/api/v1/dpia-versions/{version.uuid}", **headers).json()
    assert [(a["section"], a["assignee"]) for a in read["assignments"]] == [
        ("risks", str(personas.contributor.uuid))
    ]
    removed = _send(client, "DELETE", f"/dpia-assignments/{given.json()['uuid']}", {}, headers)
    assert removed.status_code == 204
    assert (
        client.get(f"/api/v1/dpia-versions/{version.uuid}", **headers).json()["assignments"] == []
    )
