import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from skanse.core.errors import DomainError
from skanse.privacy import selectors, services
from skanse.privacy import supervision as points
from skanse.privacy.tests.conftest import make_activity, make_agreement


@pytest.mark.parametrize(
    ("inputs", "expected_points", "lightest"),
    [
        ({"subjects": "lt1000"}, 1, 1),
        ({"subjects": "lt10000"}, 2, 1),
        ({"subjects": "gt10000"}, 3, 2),
        ({"subjects": "lt1000", "cpr": True, "processing": "extensive"}, 3, 2),
        ({"subjects": "lt10000", "sensitive": True}, 5, 3),
        ({"subjects": "gt10000", "sensitive": True}, 6, 3),
        ({"subjects": "gt10000", "sensitive": True, "processing": "extensive"}, 7, 5),
        (
            {"subjects": "gt10000", "sensitive": True, "processing": "new_tech", "transfer": True},
            10,
            5,
        ),
    ],
)
def test_the_point_model_gives_the_guidances_bands(inputs, expected_points, lightest):
    arguments = {"sensitive": False, "cpr": False, "processing": "ordinary", "transfer": False}
    result = points.score(**{**arguments, **inputs})
    assert (result.points, result.lightest) == (expected_points, lightest)
    assert [n for n, _label in result.concepts] == list(range(lightest, 7))


def test_no_score_without_the_number_of_data_subjects():
    assert (
        points.score(subjects="", sensitive=True, cpr=False, processing="", transfer=False) is None
    )


def test_a_method_lighter_than_the_score_allows_is_refused(personas):
    with pytest.raises(DomainError) as refused:
        make_agreement(
            personas.org,
            risk_subjects="gt10000",
            risk_sensitive=True,
            supervision_method="written",
        )
    assert "supervision_method" in refused.value.error_dict
    agreement = make_agreement(
        personas.org,
        risk_subjects="gt10000",
        risk_sensitive=True,
        supervision_method="isae3000_2",
    )
    assert agreement.risk_points == 6


def test_a_supervision_sets_the_next_due_date_from_the_interval(personas):
    agreement = make_agreement(personas.org, supervision_interval="every_other_year")
    with scope(organisation=personas.org):
        services.supervision_create(
            personas.dpo,
            agreement,
            performed_on=datetime.date(2025, 2, 28),
            method="written",
            assessment="green",
        )
        agreement.refresh_from_db()
    assert agreement.next_supervision_on == datetime.date(2027, 2, 28)


def test_a_yellow_or_red_assessment_needs_a_follow_up(personas):
    agreement = make_agreement(personas.org)
    with scope(organisation=personas.org), pytest.raises(DomainError) as refused:
        services.supervision_create(
            None,
            agreement,
            performed_on=datetime.date(2025, 1, 1),
            method="soc2_2",
            statement_type="soc2_2",
            opinion="qualified",
            assessment="red",
        )
    assert "follow_up" in refused.value.error_dict


def test_a_statement_needs_the_auditors_opinion(personas):
    agreement = make_agreement(personas.org)
    with scope(organisation=personas.org), pytest.raises(DomainError) as refused:
        services.supervision_create(
            None,
            agreement,
            performed_on=datetime.date(2025, 1, 1),
            method="isae3402_2",
            statement_type="isae3402_2",
            assessment="green",
        )
    assert "opinion" in refused.value.error_dict


def test_dashboard_cards_count_the_gaps(personas, inv):
    today = timezone.localdate()
    make_activity(personas.org, name="No basis")
    make_activity(personas.org, name="With basis", legal_bases=["art6_1_e"])
    make_activity(personas.org, name="Ended", status="ended")
    make_activity(personas.other_org, name="Vejle")
    make_agreement(
        personas.org,
        supplier=inv["own"]["nordlys"].uuid,
        status="concluded",
        concluded_on=datetime.date(2024, 1, 1),
        next_supervision_on=today - datetime.timedelta(days=1),
    )
    make_agreement(personas.org, next_supervision_on=today + datetime.timedelta(days=10))
    make_agreement(personas.org, next_supervision_on=today + datetime.timedelta(days=200))
    with scope(organisation=personas.org):
        cards = selectors.dashboard_cards(personas.org)
    assert cards == {
        "activities": 2,
        "activities_without_legal_basis": 1,
        "systems_without_agreement": 1,  # Booking: its supplier Skyhus has no agreement
        "supervisions_overdue": 1,
        "supervisions_due_soon": 1,
    }


def test_dashboard_cards_run_a_fixed_number_of_queries(personas, django_assert_num_queries):
    with scope(organisation=personas.org), django_assert_num_queries(4):
        selectors.dashboard_cards(personas.org)


def test_the_supervision_page_marks_overdue_in_words(personas):
    make_agreement(
        personas.org,
        name="Late",
        next_supervision_on=timezone.localdate() - datetime.timedelta(days=3),
    )
    response = personas.client(personas.auditor).get(
        reverse("supervision_list", kwargs={"org": personas.org.slug})
    )
    assert response.status_code == 200
    assert b"overskredet" in response.content or b"overdue" in response.content


def test_recording_a_supervision_in_the_page(personas):
    agreement = make_agreement(personas.org, supervision_interval="yearly")
    response = personas.client(personas.dpo).post(
        reverse(
            "supervision_create", kwargs={"org": personas.org.slug, "agreement": agreement.uuid}
        ),
        {
            "performed_on": "2026-03-01",
            "method": "isae3000_2",
            "statement_type": "isae3000_2",
            "opinion": "unqualified",
            "assessment": "green",
        },
    )
    assert response.status_code == 302
    with scope(organisation=personas.org):
        agreement.refresh_from_db()
    assert agreement.next_supervision_on == datetime.date(2027, 3, 1)


def test_the_supervision_page_runs_a_bounded_number_of_queries(
    personas, django_assert_max_num_queries
):
    for n in range(20):
        agreement = make_agreement(personas.org, name=f"Aftale {n}", supervision_interval="yearly")
        with scope(organisation=personas.org):
            services.supervision_create(
                None,
                agreement,
                performed_on=datetime.date(2025, 1, 1 + n),
                method="written",
                assessment="yellow",
                follow_up="Følg op",
            )
    client = personas.client(personas.dpo)
    url = reverse("supervision_list", kwargs={"org": personas.org.slug})
    client.get(url)
    with django_assert_max_num_queries(14):
        response = client.get(url)
    assert response.content.count(b"Aftale ") >= 20


def test_the_supervision_page_shows_only_the_organisations_agreements(personas):
    make_agreement(personas.org, name="Aarhus aftale")
    make_agreement(personas.other_org, name="Vejle aftale")
    response = personas.client(personas.dpo).get(
        reverse("supervision_list", kwargs={"org": personas.org.slug})
    )
    assert b"Aarhus aftale" in response.content
    assert b"Vejle aftale" not in response.content
