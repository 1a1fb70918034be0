"""The Art. 25 API: an assessment from start to completion, errors at the field, the views, a
system's assessments, deleting a draft, the measures, one gap, the suppliers' requirements."""

import datetime
import json

import pytest
from django_scopes import scopes_disabled

from skanse.design import services
from skanse.design.models import Assessment, ElementAssessment, Result
from skanse.design.tests.conftest import (
    assess_all,
    assessed,
    gap,
    make_supplier,
    make_system,
    start,
)
from skanse.requirements.services import requirement_set_create
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


# --- The rest of what the pages can do -----------------------------------------------------


def _with_measures(org, *, name="Sagssystem", supplier=None):
    """A system whose current assessment (made on 1 January 2025) has four measures: an
    organisational one past its due date, one done, a change to the system due in 2099 and an
    accepted gap (not a measure)."""
    supplier = supplier or make_supplier(org, name=f"Leverandør {name}")
    system = make_system(org, name=name, supplier=supplier)
    assessment = start(system, assessed_on=datetime.date(2025, 1, 1))
    assess_all(
        assessment,
        **dict.fromkeys(("TR-01", "TR-02", "DM-01", "SL-04"), Result.NOT_MET),
    )
    answers = {
        "TR-01": {
            "response": "organisational",
            "measure": "Opdatér privatlivspolitikken",
            "responsible": "Jura",
            "due_on": datetime.date(2025, 3, 1),
        },
        "TR-02": {
            "response": "organisational",
            "measure": "Undervis sagsbehandlerne",
            "due_on": datetime.date(2025, 2, 1),
            "done_on": datetime.date(2025, 2, 1),
        },
        "DM-01": {
            "response": "system_change",
            "measure": "Færre felter i skemaet",
            "due_on": datetime.date(2099, 1, 1),
        },
        "SL-04": {
            "response": "accepted",
            "accept_reason": "Lav risiko",
            "accepted_by": "Direktionen",
        },
    }
    with scopes_disabled():
        for ref, answer in answers.items():
            services.gap_decide(actor=None, row=gap(assessment, ref), **answer)
        services.assessment_complete(actor=None, assessment=assessment)
    return system, assessment


def test_a_systems_assessments_are_listed_and_only_a_draft_is_deleted(personas, client):
    system = make_system(personas.org)
    completed = assessed(system, gaps=("DM-01",), assessed_on=datetime.date(2025, 1, 1))
    draft = start(system, occasion="periodic")
    reader = bearer(personas.auditor, personas.org)
    listed = client.get(f"/api/v1/design/systems/{system.uuid}/assessments", **reader)
    assert listed.status_code == 200, listed.content
    items = listed.json()["items"]
    assert [(a["uuid"], a["status"]) for a in items] == [
        (str(draft.uuid), "draft"),
        (str(completed.uuid), "completed"),
    ]
    assert items[1]["gaps"] == 1 and items[1]["not_assessed"] == 0
    assert items[0]["not_assessed"] == 0  # the draft carried the results over
    shown = client.get(f"/api/v1/design/systems/{system.uuid}", **reader).json()
    assert shown["current_assessment"] == str(completed.uuid)
    assert shown["interval_months"] == 12 and shown["next_due_on"] == "2026-01-01"

    assert (
        _call(client, "DELETE", f"/api/v1/design/assessments/{draft.uuid}", reader).status_code
        == 403
    )
    writer = bearer(personas.dpo, personas.org)
    kept = _call(client, "DELETE", f"/api/v1/design/assessments/{completed.uuid}", writer)
    assert kept.status_code == 400
    assert kept.json()["detail"] == "A completed assessment cannot be changed. Start a new one."
    gone = _call(client, "DELETE", f"/api/v1/design/assessments/{draft.uuid}", writer)
    assert gone.status_code == 204
    with scopes_disabled():
        assert list(Assessment.objects.filter(system=system)) == [completed]
    deleted = events(personas.org, "design.assessment.deleted")
    assert [(e.object_uuid, e.via) for e in deleted] == [(draft.uuid, "api")]
    assert client.get(f"/api/v1/design/assessments/{draft.uuid}", **reader).status_code == 404


def test_the_measures_list_has_the_filters_of_the_measures_page(personas, client):
    _with_measures(personas.org, name="Borgerportal")
    _with_measures(personas.org, name="Økonomi")
    headers = bearer(personas.auditor, personas.org)

    def listed(query=""):
        response = client.get(f"/api/v1/design/measures{query}", **headers)
        assert response.status_code == 200, response.content
        return [(m["system_name"], m["element"]) for m in response.json()["items"]]

    # Open measures (the default), soonest due first; the accepted gap is no measure.
    assert listed() == [
        ("Borgerportal", "TR-01"),
        ("Økonomi", "TR-01"),
        ("Borgerportal", "DM-01"),
        ("Økonomi", "DM-01"),
    ]
    assert listed("?state=open") == listed()
    assert listed("?state=overdue") == [("Borgerportal", "TR-01"), ("Økonomi", "TR-01")]
    assert listed("?state=done") == [("Borgerportal", "TR-02"), ("Økonomi", "TR-02")]
    assert len(listed("?state=all")) == 6
    assert listed("?kind=system_change") == [("Borgerportal", "DM-01"), ("Økonomi", "DM-01")]
    assert listed("?state=all&kind=organisational&q=undervis") == [
        ("Borgerportal", "TR-02"),
        ("Økonomi", "TR-02"),
    ]
    assert listed("?q=Leverandør Økonomi") == [("Økonomi", "DM-01")]
    assert listed("?q=jura") == [("Borgerportal", "TR-01"), ("Økonomi", "TR-01")]
    first = client.get("/api/v1/design/measures", **headers).json()["items"][0]
    assert first["overdue"] is True and first["current"] is True
    assert first["measure"] == "Opdatér privatlivspolitikken" and first["responsible"] == "Jura"
    for query, field in (("?state=late", "state"), ("?kind=accepted", "kind")):
        refused = client.get(f"/api/v1/design/measures{query}", **headers)
        assert refused.status_code == 400
        assert list(refused.json()["errors"]) == [field]


def test_the_measures_list_takes_the_same_number_of_queries_for_more_measures(personas, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    headers = bearer(personas.auditor, personas.org)
    with scopes_disabled():
        requirement_set = requirement_set_create(
            actor=None, organisation=personas.org, name="Art. 25-krav"
        )
    _with_measures(personas.org, name="S0")
    client.get("/api/v1/design/measures?state=all", **headers)
    with CaptureQueriesContext(connection) as few:
        assert len(client.get("/api/v1/design/measures?state=all", **headers).json()["items"]) == 3
    for n in range(1, 5):
        other, later = _with_measures(personas.org, name=f"S{n}")
        # A draft adds rows that are not listed; a requirement set is read with the row.
        start(other)
        with scopes_disabled():
            row = gap(later, "DM-01")
            services.gap_decide(
                actor=None,
                row=row,
                response="system_change",
                measure="Færre felter",
                due_on=datetime.date(2099, 1, 1),
                requirement_set=requirement_set,
            )
    with CaptureQueriesContext(connection) as many:
        items = client.get("/api/v1/design/measures?state=all", **headers).json()["items"]
    assert len(items) == 15
    assert {m["requirement_set"] for m in items} == {None, str(requirement_set.uuid)}
    assert len(many) == len(few)


def test_one_gap_is_read_with_its_answer_and_its_measure_marked_done(personas, client):
    supplier = make_supplier(personas.org, name="Systemhuset")
    system, assessment = _with_measures(personas.org, supplier=supplier)
    with scopes_disabled():
        row = gap(assessment, "DM-01")
        met = gap(assessment, "AC-01")
    headers = bearer(personas.dpo, personas.org)
    read = client.get(f"/api/v1/design/gaps/{row.uuid}", **bearer(personas.auditor, personas.org))
    assert read.status_code == 200, read.content
    body = read.json()
    assert body["element"] == "DM-01" and body["principle"] == "DM"
    assert body["result"] == "not_met" and body["response"] == "system_change"
    assert body["measure"] == "Færre felter i skemaet" and body["due_on"] == "2099-01-01"
    assert body["supplier"] == str(supplier.uuid) and body["requirement_set"] is None
    assert body["assessment"] == str(assessment.uuid) and body["system"] == str(system.uuid)
    assert body["assessment_status"] == "completed" and body["current"] is True
    assert body["overdue"] is False and body["done_on"] is None
    accepted = client.get(f"/api/v1/design/gaps/{gap(assessment, 'SL-04').uuid}", **headers)
    assert accepted.json()["accepted_by"] == "Direktionen"
    assert accepted.json()["accepted_on"] is not None
    # An element that is met is no gap.
    assert client.get(f"/api/v1/design/gaps/{met.uuid}", **headers).status_code == 404

    # Following up a measure of the current assessment: the answer as read, with its done date.
    answer = {
        name: body[name]
        for name in ("response", "measure", "responsible", "due_on", "supplier", "requirement_set")
    }
    today = datetime.date.today().isoformat()
    done = _call(
        client, "PUT", f"/api/v1/design/gaps/{row.uuid}", headers, {**answer, "done_on": today}
    )
    assert done.status_code == 200, done.content
    assert done.json()["done_on"] == today and done.json()["assessment"] == str(assessment.uuid)
    done_list = client.get("/api/v1/design/measures?state=done", **headers).json()["items"]
    assert str(row.uuid) in {m["uuid"] for m in done_list}
    decided = events(personas.org, "design.gap.decided")[-1]
    assert decided.via == "api" and decided.object_uuid == row.uuid


def test_the_requirements_to_a_supplier_are_listed(personas, client):
    supplier = make_supplier(personas.org, name="Systemhuset")
    _with_measures(personas.org, name="Borgerportal", supplier=supplier)
    _with_measures(personas.org, name="Økonomi", supplier=supplier)
    _with_measures(personas.org, name="Løn")
    headers = bearer(personas.auditor, personas.org)
    suppliers = client.get("/api/v1/design/suppliers", **headers).json()
    assert [(s["name"], s["requirements"], s["open"]) for s in suppliers] == [
        ("Leverandør Løn", 1, 1),
        ("Systemhuset", 2, 2),
    ]
    listed = client.get(f"/api/v1/design/suppliers/{supplier.uuid}/requirements", **headers)
    assert listed.status_code == 200, listed.content
    items = listed.json()["items"]
    assert [(m["system_name"], m["element"], m["due_on"]) for m in items] == [
        ("Borgerportal", "DM-01", "2099-01-01"),
        ("Økonomi", "DM-01", "2099-01-01"),
    ]
    assert {m["supplier"] for m in items} == {str(supplier.uuid)}


def test_the_schedule_and_a_trigger_are_set_through_the_api(personas, client):
    system = make_system(personas.org)
    assessed(system, assessed_on=datetime.date(2025, 1, 1))
    headers = bearer(personas.dpo, personas.org)
    base = f"/api/v1/design/systems/{system.uuid}"
    refused = _call(client, "PUT", f"{base}/schedule", headers, {"interval_months": 61})
    assert refused.status_code == 400
    assert list(refused.json()["errors"]) == ["interval_months"]
    changed = _call(client, "PUT", f"{base}/schedule", headers, {"interval_months": 24})
    assert changed.status_code == 200, changed.content
    assert changed.json()["interval_months"] == 24
    assert changed.json()["next_due_on"] == "2027-01-01"
    bad = _call(client, "POST", f"{base}/trigger", headers, {"trigger": "whim"})
    assert bad.status_code == 400 and list(bad.json()["errors"]) == ["trigger"]
    triggered = _call(
        client, "POST", f"{base}/trigger", headers, {"trigger": "incident", "note": "Brud 7"}
    )
    assert triggered.status_code == 200, triggered.content
    body = triggered.json()
    assert (body["status"], body["trigger"], body["trigger_note"]) == ("due", "incident", "Brud 7")
    assert body["triggered_at"] is not None
    actions = [(e.action, e.via) for e in events(personas.org) if e.via == "api"]
    assert actions == [
        ("design.schedule.changed", "api"),
        ("design.reassessment.triggered", "api"),
    ]


def test_completing_is_refused_with_the_reason_and_nothing_changes(personas, client):
    system = make_system(personas.org)
    draft = start(system)
    assess_all(draft, **{"DM-01": Result.NOT_MET})
    headers = bearer(personas.dpo, personas.org)
    url = f"/api/v1/design/assessments/{draft.uuid}/complete"
    long = _call(client, "POST", url, headers, {"summary": "x" * 5001})
    assert long.status_code == 400 and list(long.json()["errors"]) == ["summary"]
    open_gap = _call(client, "POST", url, headers, {"summary": "Godt"})
    assert open_gap.status_code == 400
    assert open_gap.json()["detail"] == "One gap has no answer yet."
    with scopes_disabled():
        draft.refresh_from_db()
    assert draft.status == "draft" and draft.summary == ""
