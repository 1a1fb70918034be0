import datetime

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from skanse.campaigns import objectives
from skanse.campaigns.models import Answer, Objective, Response
from skanse.campaigns.tests.conftest import fill, launched, municipalities
from skanse.programme.models import Milestone, Programme, Track


@pytest.fixture
def programme(db):
    programme = Programme.objects.create(
        name="Programme", starts=datetime.date(2026, 1, 1), ends=datetime.date(2028, 1, 1)
    )
    track = Track.objects.create(programme=programme, key="iso27001", name="ISO 27001")
    Milestone.objects.create(track=track, name="Baseline", year=2026, quarter=1, done=True)
    return programme


def _objective(programme, campaign, section_key="gov", threshold=3.0, share=0.8):
    return Objective.objects.create(
        programme=programme,
        track=programme.tracks.get(),
        name="Level 3",
        threshold=threshold,
        target_share=share,
        section_key=section_key,
        due_campaign=campaign,
    )


def test_attainment_is_computed_along_the_series(personas, programme):
    orgs = municipalities(6, personas.org)
    baseline = launched(orgs)
    fill(baseline, {org: {"M1": 2} for org in orgs})  # everyone at level 2
    follow_up = launched(
        orgs, baseline.questionnaire_version, name="Follow-up", kind="follow_up", previous=baseline
    )
    with scopes_disabled():  # the carried-over answers, raised to level 4 and submitted
        Answer.objects.filter(response__campaign=follow_up, question__key="M1").update(
            value=4, score=0.75, carried_over=False
        )
        Response.objects.filter(campaign=follow_up).update(status="submitted")
    objective = _objective(
        programme,
        follow_up,
        section_key=follow_up.questionnaire_version.sections.get(questions__key="M1").key,
    )
    results = objectives.attainment(objective)
    assert [r["campaign"] for r in results] == [baseline, follow_up]
    assert results[1]["n"] == 6 and results[1]["share"] == 1.0 and results[1]["attained"]
    assert results[0]["share"] < 0.8 and results[0]["attained"] is False


def test_attainment_is_not_shown_for_a_small_group(personas, programme):
    campaign = launched(municipalities(3, personas.org))
    fill(campaign, {org: {"M1": 5} for org in municipalities(3, personas.org)})
    objective = _objective(
        programme,
        campaign,
        section_key=campaign.questionnaire_version.sections.get(questions__key="M1").key,
    )
    [result] = objectives.attainment(objective)
    assert result["n"] == 3 and result["share"] is None and result["attained"] is None


def test_the_programme_page_shows_objectives_and_the_timeline(
    personas, programme, django_assert_max_num_queries
):
    campaign = launched(municipalities(6, personas.org))
    _objective(programme, campaign)
    client = personas.client(personas.contributor)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("programme", args=[personas.org.slug]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Level 3" in content and "2026 Q1" in content
