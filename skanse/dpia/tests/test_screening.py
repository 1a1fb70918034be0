import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from skanse.core.errors import DomainError
from skanse.core.models import AuditEvent
from skanse.dpia import services
from skanse.dpia.models import Screening
from skanse.dpia.tests.conftest import make_version
from skanse.inventory import services as inventory
from skanse.library.models import Requirement


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


def test_the_screening_page_shows_the_rule_of_thumb_and_the_librarys_criteria(
    personas, activity, wp248, django_assert_max_num_queries
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
    with scopes_disabled():
        c4 = Requirement.objects.get(urn="urn:skanse:framework:wp248-dpia-criteria:c4")
    assert reverse("library_requirement", args=[personas.org.slug, c4.uuid]) in body
    assert c4.description in body
    assert "a DPIA is likely required" in body
    # No DPIA yet: the page says what to do next.
    assert "Next step: carry out the DPIA" not in body  # the auditor cannot start one
    dpo_page = personas.client(personas.dpo).get(url).content.decode()
    assert "Next step: carry out the DPIA" in dpo_page


def test_the_screening_page_takes_the_same_queries_with_more_dpias(
    personas, activity, django_assert_num_queries
):
    screening = _screen(personas.org, activity=activity, outcome="required", reasons="x")
    client = personas.client(personas.dpo)
    url = reverse("screening_detail", args=[personas.org.slug, screening.uuid])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(4):
        make_version(personas.org, title=f"DPIA {n}", screening=screening)
    with django_assert_num_queries(len(one.captured_queries)):
        body = client.get(url).content.decode()
    assert "DPIA 3" in body


def test_a_screening_dated_in_the_future_or_mistyped_is_refused_at_the_field(personas, activity):
    client = personas.client(personas.dpo)
    url = reverse("screening_create", args=[personas.org.slug])
    data = {"activity": activity.uuid, "outcome": "required", "reasons": "Helbred"}
    for day, message in (
        ("2099-01-01", "This date is in the future"),
        ("0026-01-05", "Give a date between 2000 and 2099"),
        ("2026-02-30", "Enter a valid date"),
    ):
        response = client.post(url, {**data, "screened_on": day})
        assert response.status_code == 400
        body = response.content.decode()
        assert 'id="id_screened_on_error"' in body and message in body
    with scope(organisation=personas.org):
        assert not Screening.objects.exists()


def test_the_screening_form_marks_the_reasons_required_and_dates_today(personas):
    body = (
        personas.client(personas.dpo)
        .get(reverse("screening_create", args=[personas.org.slug]))
        .content.decode()
    )
    reasons = body[body.index('for="id_reasons"') :][:200]
    assert "optional" not in reasons
    assert f'value="{timezone.localdate().isoformat()}"' in body


def test_departing_from_the_rule_of_thumb_is_pointed_out(personas, activity):
    screening = _screen(
        personas.org,
        activity=activity,
        criteria=["c4", "c5"],
        outcome="not_required",
        reasons="Kun få borgere, ingen høj risiko",
    )
    body = (
        personas.client(personas.auditor)
        .get(reverse("screening_detail", args=[personas.org.slug, screening.uuid]))
        .content.decode()
    )
    assert "Two or more criteria are met, but the outcome is that no DPIA is required" in body


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
