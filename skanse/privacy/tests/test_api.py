import json

from django_scopes import scope, scopes_disabled

from skanse.core.models import AuditEvent
from skanse.privacy.models import ProcessingActivity, ProcessorAgreement
from skanse.privacy.tests.conftest import make_activity, make_agreement
from skanse.tenancy import services as tenancy


def _headers(user, org):
    with scopes_disabled():
        _token, secret = tenancy.token_create(actor=user, organisation=org, name="t")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def _send(client, method, path, data, headers):
    return client.generic(
        method, f"/api/v1{path}", json.dumps(data), content_type="application/json", **headers
    )


def test_an_activity_is_created_with_codes_and_uuids_and_audited_as_api(client, personas, inv):
    response = _send(
        client,
        "POST",
        "/processing-activities",
        {
            "name": "Rekruttering",
            "legal_bases": ["dbl_12", "art6_1_b"],
            "systems": [str(inv["own"]["social"].uuid)],
        },
        _headers(personas.dpo, personas.org),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["legal_bases"] == ["art6_1_b", "dbl_12"]
    assert body["systems"] == [str(inv["own"]["social"].uuid)]
    with scope(organisation=personas.org):
        assert AuditEvent.objects.get(object_uuid=body["uuid"]).via == "api"


def test_an_unknown_code_gets_the_error_shape_with_the_field(client, personas):
    response = _send(
        client,
        "POST",
        "/processing-activities",
        {"name": "X", "data_categories": ["gossip"]},
        _headers(personas.dpo, personas.org),
    )
    assert response.status_code == 400
    assert "data_categories" in response.json()["errors"]
    with scope(organisation=personas.org):
        assert not ProcessingActivity.objects.exists()


def test_patch_changes_only_the_fields_sent(client, personas):
    activity = make_activity(personas.org, name="Løn", purposes="Før", legal_bases=["art6_1_b"])
    response = _send(
        client,
        "PATCH",
        f"/processing-activities/{activity.uuid}",
        {"purposes": "Efter"},
        _headers(personas.dpo, personas.org),
    )
    assert response.status_code == 200
    assert response.json()["purposes"] == "Efter"
    assert response.json()["legal_bases"] == ["art6_1_b"]


def test_the_list_is_the_organisations_own(client, personas):
    make_activity(personas.org, name="Aarhus")
    make_activity(personas.other_org, name="Vejle")
    response = client.get(
        "/api/v1/processing-activities", **_headers(personas.auditor, personas.org)
    )
    assert [a["name"] for a in response.json()["items"]] == ["Aarhus"]


def test_an_agreement_with_a_lighter_method_than_allowed_is_refused(client, personas, inv):
    response = _send(
        client,
        "POST",
        "/processor-agreements",
        {
            "name": "Aftale",
            "supplier": str(inv["own"]["nordlys"].uuid),
            "risk_subjects": "gt10000",
            "risk_sensitive": True,
            "supervision_method": "self_declaration",
        },
        _headers(personas.dpo, personas.org),
    )
    assert response.status_code == 400
    assert "supervision_method" in response.json()["errors"]
    with scope(organisation=personas.org):
        assert not ProcessorAgreement.objects.exists()


def test_a_supervision_is_recorded_for_an_agreement(client, personas):
    agreement = make_agreement(personas.org, supervision_interval="yearly")
    response = _send(
        client,
        "POST",
        f"/processor-agreements/{agreement.uuid}/supervisions",
        {"performed_on": "2026-01-10", "method": "written", "assessment": "green"},
        _headers(personas.dpo, personas.org),
    )
    assert response.status_code == 201
    got = client.get(
        f"/api/v1/processor-agreements/{agreement.uuid}", **_headers(personas.dpo, personas.org)
    )
    assert got.json()["next_supervision_on"] == "2027-01-10"


def test_the_summary_gives_the_dashboard_counts(client, personas):
    make_activity(personas.org, name="No basis")
    response = client.get("/api/v1/privacy/summary", **_headers(personas.auditor, personas.org))
    assert response.json()["activities_without_legal_basis"] == 1
