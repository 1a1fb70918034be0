"""The Art. 25 API: an assessment from start to completion, errors at the field, the views."""

import json

import pytest
from django_scopes import scopes_disabled

from skanse.design.models import ElementAssessment
from skanse.design.tests.conftest import assessed, make_supplier, make_system
from tests.helpers import bearer, events

pytestmark = pytest.mark.usefixtures("edpb")


def _call(client, method, path, headers, data=None):
    return client.generic(
        method, path, json.dumps(data or {}), content_type="application/json", **headers
    )


def test_an_assessment_is_made_answered_and_completed_through_the_api(personas, client):
    supplier = make_supplier(personas.org)
    system = make_system(personas.org, supplier=supplier)
    headers = bearer(personas.dpo, personas.org)
    made = _call(
        client,
        "POST",
        "/api/v1/design/assessments",
        headers,
        {"system": str(system.uuid), "occasion": "redesign"},
    )
    assert made.status_code == 201, made.content
    body = made.json()
    elements = [{"element": e["element"], "result": "met"} for e in body["elements"]]
    elements[0]["result"] = "not_met"
    saved = _call(
        client,
        "PATCH",
        f"/api/v1/design/assessments/{body['uuid']}/elements",
        headers,
        {"elements": elements},
    )
    assert saved.status_code == 200, saved.content
    row = next(e for e in saved.json()["elements"] if e["result"] == "not_met")
    gap_url = f"/api/v1/design/gaps/{row['uuid']}"
    refused = _call(
        client, "PUT", gap_url, headers, {"response": "system_change", "measure": "Ny funktion"}
    )
    assert refused.status_code == 400
    assert "due_on" in refused.json()["errors"]
    answered = _call(
        client,
        "PUT",
        gap_url,
        headers,
        {"response": "system_change", "measure": "Ny funktion", "due_on": "2027-01-31"},
    )
    assert answered.status_code == 200, answered.content
    assert answered.json()["supplier"] == str(supplier.uuid)
    done = _call(client, "POST", f"/api/v1/design/assessments/{body['uuid']}/complete", headers)
    assert done.status_code == 200, done.content
    assert done.json()["status"] == "completed"
    assert {e.via for e in events(personas.org) if e.action.startswith("design.")} == {"api"}


def test_a_bad_element_row_is_refused_whole(personas, client):
    system = make_system(personas.org)
    headers = bearer(personas.dpo, personas.org)
    made = _call(
        client,
        "POST",
        "/api/v1/design/assessments",
        headers,
        {"system": str(system.uuid), "occasion": "design"},
    ).json()
    rows = [{"element": "TR-01", "result": "met"}, {"element": "TR-02", "result": "meh"}]
    response = _call(
        client,
        "PATCH",
        f"/api/v1/design/assessments/{made['uuid']}/elements",
        headers,
        {"elements": rows},
    )
    assert response.status_code == 400
    assert "TR-02.result" in response.json()["errors"]
    with scopes_disabled():
        assert not ElementAssessment.objects.filter(result="met").exists()


def test_the_overview_and_the_system_list_give_the_status(personas, client):
    assessed(make_system(personas.org, name="A"))
    make_system(personas.org, name="B")
    headers = bearer(personas.auditor, personas.org)
    overview = client.get("/api/v1/design/overview", **headers).json()
    assert overview["status"]["current"] == 1
    assert overview["status"]["never"] == 1
    listed = client.get("/api/v1/design/systems?status=never", **headers).json()
    assert [s["name"] for s in listed["items"]] == ["B"]


def test_the_national_aggregate_is_for_the_coordinator(personas, client, settings):
    settings.CAMPAIGN_MIN_GROUP = 1
    assessed(make_system(personas.org))
    coordinator = client.get(
        "/api/v1/design/national", **bearer(personas.coordinator, personas.coordinator_org)
    )
    assert coordinator.status_code == 200
    assert coordinator.json()["national"]["status"]["current"] == 1
    member = client.get("/api/v1/design/national", **bearer(personas.admin, personas.org))
    assert member.status_code == 403
