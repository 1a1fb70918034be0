import pytest
from django_scopes import scope, scopes_disabled

from skanse.campaigns import services
from skanse.campaigns.models import Answer, SectionAssignment
from skanse.campaigns.tests.conftest import dump, url
from tests.helpers import events


def sections(response):
    return {s.key: s for s in response.campaign.questionnaire_version.sections.all()}


def question(response, key):
    return response.campaign.questionnaire_version.sections.get(questions__key=key).questions.get(
        key=key
    )


def post_answer(client, personas, response, key, value):
    return client.post(
        url("answer_save", personas.org, response.uuid, question(response, key).uuid),
        {"value": value, "revision": "0"},
    )


def assign(client, personas, response, section, user):
    return client.post(
        url("response_assign", personas.org, response.uuid),
        {"section": section.pk, "assignee": user.pk},
    )


def test_a_contributor_answers_nothing_until_assigned(personas, response):
    contributor = personas.client(personas.contributor)
    assert post_answer(contributor, personas, response, "M1", "3").status_code == 403
    confirm = url("response_confirm", personas.org, response.uuid, sections(response)["gov"].uuid)
    assert contributor.post(confirm).status_code == 403
    with scopes_disabled():
        assert not Answer.objects.exists()


@pytest.mark.parametrize("assigner", ["admin", "security_officer"])
def test_a_contributor_answers_the_sections_assigned_to_them(personas, response, assigner):
    gov = sections(response)["gov"]
    by = personas.client(getattr(personas, assigner))
    assert assign(by, personas, response, gov, personas.contributor).status_code == 302
    with scopes_disabled():
        assert SectionAssignment.objects.get().assignee == personas.contributor
    [event] = events(personas.org, "campaigns.section.assigned")
    assert event.changes == {"gov": [None, personas.contributor.email]}
    assert event.actor == getattr(personas, assigner)
    contributor = personas.client(personas.contributor)
    assert post_answer(contributor, personas, response, "M1", "3").status_code == 302
    assert post_answer(contributor, personas, response, "S1", "yearly").status_code == 403
    with scopes_disabled():
        assert list(Answer.objects.values_list("question__key", "value")) == [("M1", 3)]


def test_a_contributor_sees_and_answers_only_assigned_sections(personas, response):
    gov, ops = sections(response)["gov"], sections(response)["ops"]
    assign(personas.client(personas.admin), personas, response, gov, personas.contributor)
    contributor = personas.client(personas.contributor)
    assigned = contributor.get(url("response_section", personas.org, response.uuid, gov.uuid))
    assert [item["editable"] for item in assigned.context["items"]] == [True] * 3
    assert b'name="value"' in assigned.content
    # A section not assigned to them is hidden, as is its row on the response page.
    other = contributor.get(url("response_section", personas.org, response.uuid, ops.uuid))
    assert other.status_code == 404
    overview = contributor.get(url("response_detail", personas.org, response.uuid))
    assert [s.pk for s in overview.context["sections"]] == [gov.pk]


def test_a_section_can_be_reassigned(personas, response):
    gov = sections(response)["gov"]
    admin = personas.client(personas.admin)
    assign(admin, personas, response, gov, personas.contributor)
    assign(admin, personas, response, gov, personas.dpo)
    with scopes_disabled():
        assert SectionAssignment.objects.get().assignee == personas.dpo
    contributor = personas.client(personas.contributor)
    assert post_answer(contributor, personas, response, "M1", "3").status_code == 403


def test_only_colleagues_and_the_campaigns_sections_can_be_chosen(personas, response, campaign):
    admin = personas.client(personas.admin)
    gov = sections(response)["gov"]
    assign(admin, personas, response, gov, personas.outsider)
    data = {"format": "skanse-questionnaire/1", "key": "other", "version": "1", "name": "Other"}
    data["sections"] = [
        {
            "key": "x",
            "title": "X",
            "track": "gdpr",
            "questions": [{"key": "X1", "type": "maturity", "text": "?"}],
        }
    ]
    foreign_section = services.questionnaire_import(dump(data)).sections.get()
    assign(admin, personas, response, foreign_section, personas.contributor)
    with scopes_disabled():
        assert not SectionAssignment.objects.exists()


def test_can_answer_follows_the_role_and_the_assignment(personas, response):
    gov = sections(response)["gov"]
    membership = personas.membership

    def can(user):
        with scope(organisation=personas.org):
            return services.can_answer(user, membership[user.email], response, gov.pk)

    assert can(personas.admin) and can(personas.security_officer) and can(personas.dpo)
    assert not can(personas.auditor)
    assert not can(personas.contributor)
    with scopes_disabled():
        services.section_assign(
            actor=personas.admin, response=response, section=gov, assignee=personas.contributor
        )
    assert can(personas.contributor)
