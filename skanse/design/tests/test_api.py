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


def test_impossible_dates_are_refused_at_the_field_through_the_api(personas, client):
    system = make_system(personas.org, supplier=make_supplier(personas.org))
    headers = bearer(personas.dpo, personas.org)
    future = _call(
        client,
        "POST",
        "/api/v1/design/assessments",
        headers,
        {"system": str(system.uuid), "occasion": "design", "assessed_on": "2999-01-01"},
    )
    assert future.status_code == 400
    assert "assessed_on" in future.json()["errors"]
    made = _call(
        client,
        "POST",
        "/api/v1/design/assessments",
        headers,
        {"system": str(system.uuid), "occasion": "design", "assessed_on": "2026-06-01"},
    ).json()
    _call(
        client,
        "PATCH",
        f"/api/v1/design/assessments/{made['uuid']}/elements",
        headers,
        {"elements": [{"element": "SL-04", "result": "not_met"}]},
    )
    with scopes_disabled():
        row = ElementAssessment.objects.get(assessment__uuid=made["uuid"], element__ref_id="SL-04")
    early = _call(
        client,
        "PUT",
        f"/api/v1/design/gaps/{row.uuid}",
        headers,
        {"response": "system_change", "measure": "Sletning", "due_on": "2026-05-01"},
    )
    assert early.status_code == 400
    assert "due_on" in early.json()["errors"]
    impossible = _call(
        client,
        "PUT",
        f"/api/v1/design/gaps/{row.uuid}",
        headers,
        {"response": "system_change", "measure": "Sletning", "due_on": "2027-02-30"},
    )
    assert impossible.status_code == 400
    with scopes_disabled():
        row.refresh_from_db()
    assert row.response == ""


def test_the_system_list_takes_the_same_number_of_queries_for_more_systems(personas, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    headers = bearer(personas.auditor, personas.org)
    assessed(make_system(personas.org, name="S0"))
    client.get("/api/v1/design/systems", **headers)
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/design/systems", **headers)
    for n in range(1, 12):
        system = make_system(personas.org, name=f"S{n}")
        if n % 2:
            assessed(system)
    with CaptureQueriesContext(connection) as many:
        assert len(client.get("/api/v1/design/systems", **headers).json()["items"]) == 12
    assert len(many) == len(few)
