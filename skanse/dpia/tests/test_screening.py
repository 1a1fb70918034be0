import datetime

import pytest
from django.urls import reverse
from django_scopes import scope

from skanse.core.errors import DomainError
from skanse.core.models import AuditEvent
from skanse.dpia import services
from skanse.dpia.models import Screening
from skanse.dpia.tests.conftest import make_version
from skanse.inventory import services as inventory


def _screen(org, **fields):
    with scope(organisation=org):
        return services.screening_create(actor=None, organisation=org, **fields)


def test_a_screening_with_two_criteria_is_likely_to_require_a_dpia(personas, activity):
    screening = _screen(
        personas.org,
        activity=activity,
        criteria=["c5", "c4"],
        outcome="required",
        reasons="Helbred i stort omfang",
    )
    assert screening.criteria == ["c4", "c5"]
    assert screening.likely_required
    with scope(organisation=personas.org):
        assert AuditEvent.objects.filter(action="dpia.screening.created").count() == 1


def test_it_refuses_a_screening_without_reasons(personas, activity):
    with pytest.raises(DomainError) as error:
        _screen(personas.org, activity=activity, outcome="not_required", reasons="  ")
    assert "reasons" in error.value.error_dict
    with scope(organisation=personas.org):
        assert not Screening.objects.exists()


def test_it_refuses_not_required_when_datatilsynets_list_applies(personas, activity):
    with pytest.raises(DomainError) as error:
        _screen(
            personas.org,
            activity=activity,
            criteria=["c5"],
            danish_list=["biometric"],
            outcome="not_required",
            reasons="Vi mener ikke",
        )
    assert "outcome" in error.value.error_dict


def test_a_listed_item_that_needs_a_criterion_does_not_apply_alone(personas, activity):
    screening = _screen(
        personas.org,
        activity=activity,
        danish_list=["location"],
        outcome="not_required",
        reasons="Kun lokation, intet andet kriterium",
    )
    assert services.danish_list_applies(screening) == []


def test_it_refuses_another_organisations_activity(personas, foreign_activity):
    with pytest.raises(DomainError) as error:
        _screen(personas.org, activity=foreign_activity.uuid, outcome="required", reasons="x")
    assert "activity" in error.value.error_dict


def test_it_refuses_unknown_criteria(personas, activity):
    with pytest.raises(DomainError) as error:
        _screen(personas.org, activity=activity, criteria=["c10"], outcome="required", reasons="x")
    assert "criteria" in error.value.error_dict


def test_the_form_shows_a_missing_reason_at_the_field_and_saves_nothing(personas, activity):
    client = personas.client(personas.dpo)
    response = client.post(
        reverse("screening_create", args=[personas.org.slug]),
        {"activity": activity.uuid, "criteria": ["c4", "c5"], "outcome": "required"},
    )
    assert response.status_code == 400
    assert "Give the reasons for the outcome" in response.content.decode()
    with scope(organisation=personas.org):
        assert not Screening.objects.exists()


def test_the_screening_page_shows_the_rule_of_thumb_and_the_library_urns(
    personas, activity, django_assert_max_num_queries
):
    screening = _screen(
        personas.org,
        activity=activity,
        criteria=["c4", "c5"],
        outcome="required",
        reasons="To kriterier",
        screened_on=datetime.date(2026, 1, 5),
    )
    client = personas.client(personas.auditor)
    url = reverse("screening_detail", args=[personas.org.slug, screening.uuid])
    client.get(url)
    with django_assert_max_num_queries(20):
        response = client.get(url)
    body = response.content.decode()
    assert "urn:skanse:framework:wp248-dpia-criteria:c4" in body
    assert "a DPIA is likely required" in body


def test_a_system_can_be_screened_and_the_dpia_form_takes_its_links(personas):
    with scope(organisation=personas.org):
        system = inventory.system_create(actor=None, organisation=personas.org, name="Kamera")
    screening = _screen(
        personas.org,
        system=system.uuid,
        criteria=["c3"],
        art35_3=["c"],
        outcome="required",
        reasons="Overvågning af offentligt område",
    )
    client = personas.client(personas.dpo)
    url = reverse("dpia_create", args=[personas.org.slug]) + f"?screening={screening.uuid}"
    assert "Kamera" in client.get(url).content.decode()
    response = client.post(url, {"title": "DPIA: kamera", "system": system.uuid})
    assert response.status_code == 302
    with scope(organisation=personas.org):
        dpia = screening.dpias.get()
    assert dpia.system == system


def test_the_list_filters_by_status_and_text(personas):
    make_version(personas.org, title="Kameraovervågning")
    make_version(personas.org, title="Visitation")
    client = personas.client(personas.auditor)
    url = reverse("dpia_list", args=[personas.org.slug])
    body = client.get(url, {"q": "kamera", "status": "draft"}).content.decode()
    assert "Kameraovervågning" in body and "Visitation</a>" not in body
    assert "Kameraovervågning" not in client.get(url, {"status": "approved"}).content.decode()
