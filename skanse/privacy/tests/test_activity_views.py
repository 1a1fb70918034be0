import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scope

from skanse.core.models import AuditEvent
from skanse.privacy import services
from skanse.privacy.models import ProcessingActivity
from skanse.privacy.tests.conftest import make_activity


def _url(personas, name, **kwargs):
    return reverse(name, kwargs={"org": personas.org.slug, **kwargs})


def test_the_list_shows_the_organisations_activities_only(personas):
    make_activity(personas.org, name="Skolesager")
    make_activity(personas.other_org, name="Vejles skolesager")
    response = personas.client(personas.contributor).get(_url(personas, "activity_list"))
    assert response.status_code == 200
    assert b"Skolesager" in response.content
    assert b"Vejles" not in response.content


def test_the_list_runs_a_bounded_number_of_queries(personas, inv, django_assert_max_num_queries):
    for n in range(40):
        make_activity(
            personas.org,
            name=f"Aktivitet {n}",
            systems=[inv["own"]["social"].uuid, inv["own"]["booking"].uuid],
            processors=[inv["own"]["nordlys"].uuid],
        )
    client = personas.client(personas.dpo)
    client.get(_url(personas, "activity_list"))
    with django_assert_max_num_queries(12):
        response = client.get(_url(personas, "activity_list"))
    assert response.content.count(b"Sagssystem") == 40


def test_it_searches_and_filters(personas):
    make_activity(personas.org, name="Løn", legal_bases=["art6_1_b"], responsible_unit="HR")
    make_activity(personas.org, name="Booking")
    client = personas.client(personas.dpo)
    found = client.get(_url(personas, "activity_list"), {"q": "hr"})
    assert b"L\xc3\xb8n" in found.content and b"Booking" not in found.content
    missing = client.get(_url(personas, "activity_list"), {"problem": "no_legal_basis"})
    assert b"Booking" in missing.content and b"L\xc3\xb8n" not in missing.content
    by_basis = client.get(_url(personas, "activity_list"), {"legal_basis": "art6_1_b"})
    assert b"L\xc3\xb8n" in by_basis.content and b"Booking" not in by_basis.content


def test_an_htmx_request_gets_the_results_only(personas):
    make_activity(personas.org, name="Løn")
    response = personas.client(personas.dpo).get(
        _url(personas, "activity_list"), HTTP_HX_REQUEST="true"
    )
    assert b'id="results"' in response.content
    assert b"<html" not in response.content


def test_a_new_activity_is_saved_and_audited(personas, inv):
    response = personas.client(personas.dpo).post(
        _url(personas, "activity_create"),
        {
            "name": "Rekruttering",
            "status": "active",
            "role": "controller",
            "transfer_basis": "none",
            "legal_bases": ["art6_1_b", "dbl_12"],
            "kle_numbers": "81.02, 81.03.00",
            "systems": [str(inv["own"]["social"].uuid)],
        },
    )
    assert response.status_code == 302
    with scope(organisation=personas.org):
        activity = ProcessingActivity.objects.get(name="Rekruttering")
        assert activity.kle_numbers == ["81.02", "81.03.00"]
        assert [s.name for s in activity.systems.all()] == ["Sagssystem"]
    page = personas.client(personas.dpo).get(response["Location"])
    assert b"Rekruttering" in page.content
    assert b"dpo@aarhus.test" in page.content  # the history names who created it


def test_a_bad_kle_number_is_shown_at_the_field_and_nothing_is_saved(personas):
    response = personas.client(personas.dpo).post(
        _url(personas, "activity_create"),
        {"name": "X", "status": "active", "role": "controller", "kle_numbers": "abc"},
    )
    assert response.status_code == 400
    assert b"form-error" in response.content
    with scope(organisation=personas.org):
        assert not ProcessingActivity.objects.exists()


def test_another_organisations_system_is_refused_at_the_field(personas, inv):
    response = personas.client(personas.dpo).post(
        _url(personas, "activity_create"),
        {
            "name": "X",
            "status": "active",
            "role": "controller",
            "systems": [str(inv["other"]["social"].uuid)],
        },
    )
    assert response.status_code == 400
    assert b"form-error" in response.content


def test_the_detail_shows_the_history_to_those_who_read_the_audit_trail(personas):
    activity = make_activity(personas.org, name="Løn", purposes="Løn")
    with scope(organisation=personas.org):
        services.processing_activity_update(personas.security_officer, activity, purposes="Ny")
    url = _url(personas, "activity_detail", activity=activity.uuid)
    assert b"security_officer@aarhus.test" in personas.client(personas.dpo).get(url).content
    contributor = personas.client(personas.contributor).get(url)
    assert contributor.status_code == 200
    assert b"security_officer@aarhus.test" not in contributor.content


def test_the_detail_runs_a_bounded_number_of_queries(personas, inv, django_assert_max_num_queries):
    activity = make_activity(
        personas.org, name="Løn", systems=[inv["own"]["social"].uuid, inv["own"]["booking"].uuid]
    )
    client = personas.client(personas.dpo)
    url = _url(personas, "activity_detail", activity=activity.uuid)
    client.get(url)
    with django_assert_max_num_queries(14):
        assert client.get(url).status_code == 200


def test_editing_changes_only_the_organisations_own_activity(personas):
    foreign = make_activity(personas.other_org, name="Vejle")
    response = personas.client(personas.dpo).post(
        _url(personas, "activity_edit", activity=foreign.uuid), {"name": "Taken"}
    )
    assert response.status_code == 404


def test_an_auditor_cannot_edit(personas):
    activity = make_activity(personas.org)
    response = personas.client(personas.auditor).post(
        _url(personas, "activity_edit", activity=activity.uuid), {"name": "Changed"}
    )
    assert response.status_code == 403


def test_delete_rejects_get(personas):
    activity = make_activity(personas.org)
    response = personas.client(personas.dpo).get(
        _url(personas, "activity_delete", activity=activity.uuid)
    )
    assert response.status_code == 405


def test_the_controller_details_are_saved_and_audited(personas):
    response = personas.client(personas.dpo).post(
        _url(personas, "controller_edit"),
        {"dpo_name": "Dorthe", "dpo_email": "dpo@aarhus.test", "address": "Rådhuspladsen 2"},
    )
    assert response.status_code == 302
    with scope(organisation=personas.org):
        event = AuditEvent.objects.get(action="privacy.controller.changed")
    assert event.changes["dpo_name"] == ["", "Dorthe"]
    assert event.actor == personas.dpo


def test_a_bad_dpo_email_is_shown_at_the_field(personas):
    response = personas.client(personas.dpo).post(
        _url(personas, "controller_edit"), {"dpo_email": "not an address"}
    )
    assert response.status_code == 400
    assert b"form-error" in response.content


def test_two_activities_cannot_share_a_kitos_uuid(personas):
    key = uuid.uuid4()
    make_activity(personas.org, name="One", kitos_uuid=key, source="kitos")
    with pytest.raises(ValidationError):
        make_activity(personas.org, name="Two", kitos_uuid=key, source="kitos")
    assert make_activity(personas.other_org, name="Vejle", kitos_uuid=key, source="kitos").pk
