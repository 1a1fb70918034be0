import datetime

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from skanse.campaigns import services
from skanse.campaigns.tests.conftest import (
    COMPLETE,
    answer,
    answer_all,
    da_n,
    launched,
    response_of,
)
from skanse.core.errors import DomainError
from tests.helpers import events


def submit(response, actor):
    with scope(organisation=response.organisation):
        return services.response_submit(actor=actor, response=response)


def test_it_refuses_while_required_questions_are_unanswered(personas, response):
    answer(response, "M1", 3)
    answer(response, "Y1", not_relevant=True)  # answered, as "not relevant"
    with pytest.raises(DomainError) as caught:
        submit(response, personas.admin)
    # 7 required questions (T1 is optional), 2 answered.
    assert caught.value.messages == [
        da_n(
            "%(n)d required question is not answered yet.",
            "%(n)d required questions are not answered yet.",
            5,
        )
    ]
    response.refresh_from_db()
    assert response.status == "in_progress"


def test_it_submits_a_complete_response(personas, response):
    answer_all(response)
    submit(response, personas.security_officer)
    response.refresh_from_db()
    assert response.status == "submitted" and response.submitted_at is not None
    assert response.submitted_by == personas.security_officer
    [event] = events(personas.org, "campaigns.response.submitted")
    assert event.changes == {"status": ["in_progress", "submitted"]}
    with pytest.raises(DomainError):
        submit(response, personas.security_officer)


@pytest.fixture
def carried(personas, campaign):
    """Aarhus's follow-up response, with every answer carried over from the campaign."""
    answer_all(response_of(campaign, personas.org))
    services.campaign_close(actor=None, campaign=campaign)
    follow_up = launched(
        [personas.org],
        campaign.questionnaire_version,
        name="1st follow-up",
        kind="follow_up",
        previous=campaign,
    )
    return response_of(follow_up, personas.org)


def test_it_refuses_while_carried_over_answers_are_unconfirmed(personas, carried):
    answer(carried, "M1", 4)  # changed, so no longer "carried over"
    with pytest.raises(DomainError) as caught:
        submit(carried, personas.admin)
    message = da_n(
        "%(n)d answer carried over from the previous campaign is not confirmed yet.",
        "%(n)d answers carried over from the previous campaign are not confirmed yet.",
        len(COMPLETE) - 1,
    )
    assert caught.value.messages == [message]


def test_confirming_carried_over_answers_lets_it_submit(personas, carried):
    ops = carried.campaign.questionnaire_version.sections.get(key="ops")
    with scope(organisation=personas.org):
        confirmed = services.answer_confirm_carried(
            actor=personas.dpo, response=carried, section=ops
        )
        assert confirmed == 4  # S1, C1, N1, D1
        assert carried.answers.filter(carried_over=True).count() == 3
        assert services.answer_confirm_carried(actor=personas.dpo, response=carried) == 3
        assert services.answer_confirm_carried(actor=personas.dpo, response=carried) == 0
    assert [e.changes for e in events(personas.org, "campaigns.answer.confirmed")] == [
        {"confirmed": [None, 4]},
        {"confirmed": [None, 3]},
    ]
    submit(carried, personas.admin)
    assert carried.status == "submitted"


@pytest.fixture
def submitted(personas, response):
    answer_all(response)
    submit(response, personas.admin)
    return response


@pytest.mark.parametrize("reason", ["", "   "])
def test_returning_needs_a_reason(personas, submitted, reason):
    with pytest.raises(DomainError) as caught:
        services.response_return(actor=personas.coordinator, response=submitted, reason=reason)
    assert caught.value.field == "reason"
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_a_returned_response_can_be_corrected_and_submitted_again(personas, submitted):
    services.response_return(actor=personas.coordinator, response=submitted, reason=" Check M1. ")
    submitted.refresh_from_db()
    assert submitted.status == "returned"
    for organisation in (personas.coordinator_org, personas.org):
        [event] = events(organisation, "campaigns.response.returned")
        assert event.changes["reason"] == [None, "Check M1."]
    answer(submitted, "M1", 4)
    submit(submitted, personas.admin)
    assert submitted.status == "submitted"
    [_first, again] = events(personas.org, "campaigns.response.submitted")
    assert again.changes == {"status": ["returned", "submitted"]}


def test_only_a_submitted_response_is_returned(personas, response):
    with pytest.raises(DomainError):
        services.response_return(actor=personas.coordinator, response=response, reason="Why")


def test_the_coordinator_extends_a_deadline(personas, response):
    new = timezone.localdate() + datetime.timedelta(days=14)
    services.response_extend(actor=personas.coordinator, response=response, deadline=new)
    response.refresh_from_db()
    assert response.deadline == new
    for organisation in (personas.coordinator_org, personas.org):
        [event] = events(organisation, "campaigns.response.extended")
        assert event.changes == {"deadline": ["2099-12-31", new.isoformat()]}


def test_a_deadline_in_the_past_is_refused(personas, response):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    with pytest.raises(DomainError) as caught:
        services.response_extend(actor=personas.coordinator, response=response, deadline=yesterday)
    assert caught.value.field == "deadline"
    with scopes_disabled():
        response.refresh_from_db()
    assert response.deadline.year == 2099
