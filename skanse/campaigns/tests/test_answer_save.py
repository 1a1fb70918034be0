import pytest
from django_scopes import scopes_disabled

from skanse.campaigns import services
from skanse.campaigns.models import Answer, Response
from skanse.campaigns.tests.conftest import (
    COMPLETE,
    answer,
    answer_all,
    launched,
    response_of,
)
from skanse.core.errors import DomainError
from tests.helpers import da, events


def test_it_saves_and_scores_an_answer(personas, response):
    saved = answer(response, "M1", "4", actor=personas.security_officer, comment=" Good ")
    assert (saved.value, saved.score, saved.revision) == (4, 0.75, 1)
    assert saved.comment == "Good" and saved.updated_by == personas.security_officer
    response.refresh_from_db()
    assert response.status == "in_progress" and response.answered_count == 1
    assert response.last_activity_at is not None


@pytest.mark.parametrize(
    ("key", "raw", "stored"),
    [
        ("M1", "2", 2),
        ("Y1", "partly", "partly"),
        ("P1", "12,5", 12.5),
        ("S1", "monthly", "monthly"),
        ("C1", ["edr", "mfa", "edr"], ["edr", "mfa"]),
        ("C1", "mfa", ["mfa"]),
        ("N1", "1,5", 1.5),
        ("D1", "2026-03-01", "2026-03-01"),
        ("T1", "Plans", "Plans"),
    ],
)
def test_each_type_stores_its_value(response, key, raw, stored):
    assert answer(response, key, raw).value == stored


@pytest.mark.parametrize(
    ("key", "raw", "message"),
    [
        ("M1", "6", "Choose a level from %(min)s to %(max)s."),
        ("M1", "0", "Choose a level from %(min)s to %(max)s."),
        ("M1", "three", "Choose a level from %(min)s to %(max)s."),
        ("Y1", "maybe", "Choose one of the options."),
        ("P1", "101", "Give a percentage from 0 to 100."),
        ("P1", "-1", "Give a percentage from 0 to 100."),
        ("S1", "daily", "Choose one of the options."),
        ("C1", ["mfa", "firewall"], "Choose one of the options."),
        ("N1", "many", "Give a number."),
        ("N1", "nan", "Give a number."),
        ("N1", "inf", "Give a number."),
        ("D1", "01-02-2026", "Give a date as YYYY-MM-DD."),
        ("D1", "2026-02-30", "Give a date as YYYY-MM-DD."),
    ],
)
def test_a_wrong_value_is_refused_at_the_value(response, key, raw, message):
    with pytest.raises(DomainError) as caught:
        answer(response, key, raw)
    assert caught.value.field == "value"
    assert caught.value.messages == [da(message) % {"min": 1, "max": 5}]
    with scopes_disabled():
        assert not Answer.objects.exists()


def test_not_relevant_drops_the_value_and_counts_as_answered(response):
    answer(response, "M1", 3)
    saved = answer(response, "M1", "5", not_relevant=True)
    assert saved.not_relevant and saved.value is None and saved.score is None
    response.refresh_from_db()
    assert response.answered_count == 1


def test_clearing_an_answer_uncounts_it(response):
    answer(response, "M1", 3)
    answer(response, "M1", "")
    response.refresh_from_db()
    assert response.answered_count == 0


def test_a_stale_revision_is_refused_and_overwrites_nothing(personas, response):
    first = answer(response, "M1", 2, actor=personas.security_officer)
    answer(response, "M1", 3, actor=personas.dpo, revision=first.revision)
    with pytest.raises(DomainError) as caught:
        answer(response, "M1", 5, actor=personas.admin, revision=first.revision)
    assert caught.value.field == "revision"
    with scopes_disabled():
        stored = Answer.objects.get()
    assert (stored.value, stored.revision, stored.updated_by) == (3, 2, personas.dpo)


def test_the_audit_trail_has_the_changed_fields(personas, response):
    answer(response, "M1", 2, actor=personas.security_officer)
    answer(response, "M1", 3, actor=personas.security_officer, comment="Approved")
    trail = events(personas.org, "campaigns.answer.saved")
    assert [e.changes for e in trail] == [
        {"M1.value": [None, 2]},
        {"M1.value": [2, 3], "M1.comment": ["", "Approved"]},
    ]
    assert {e.actor for e in trail} == {personas.security_officer}
    assert not events(personas.other_org, "campaigns.answer.saved")


def test_saving_a_carried_over_answer_clears_the_mark(personas, campaign):
    mine = response_of(campaign, personas.org)
    answer(mine, "M1", 2)
    services.campaign_close(actor=None, campaign=campaign)
    follow_up = launched(
        [personas.org],
        campaign.questionnaire_version,
        name="1st follow-up",
        kind="follow_up",
        previous=campaign,
    )
    carried = response_of(follow_up, personas.org)
    with scopes_disabled():
        assert carried.answers.get().carried_over
    # Saving unchanged confirms it too.
    saved = answer(carried, "M1", 2, actor=personas.admin)
    assert not saved.carried_over and saved.revision == 1


def test_a_submitted_response_cannot_be_changed(personas, response):
    answer_all(response)
    with scopes_disabled():
        services.response_submit(actor=personas.admin, response=response)
    with pytest.raises(DomainError) as caught:
        answer(response, "M1", 5)
    assert caught.value.messages == [da("The response is submitted and can no longer be changed.")]
    with scopes_disabled():
        assert Answer.objects.get(question__key="M1").value == COMPLETE["M1"]


def test_a_closed_campaign_cannot_be_answered(personas, campaign, response):
    services.campaign_close(actor=None, campaign=campaign)
    response = response_of(campaign, personas.org)
    with pytest.raises(DomainError) as caught:
        answer(response, "M1", 5)
    assert caught.value.messages == [da("The campaign is not open.")]
    with scopes_disabled():
        assert not Answer.objects.exists()
        assert Response.objects.get(pk=response.pk).status == "not_started"
