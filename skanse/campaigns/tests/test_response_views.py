"""The participant's pages: its responses, a response's sections and questions, answering
(with and without htmx), sharing, assigning and submitting."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled

from skanse.campaigns import services
from skanse.campaigns.models import Answer, Response
from skanse.campaigns.tests.conftest import (
    COMPLETE,
    answer,
    answer_all,
    da_n,
    import_small,
    launched,
    response_of,
    small_data,
    url,
)
from tests.helpers import da, events, shows

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def admin(personas):
    return personas.client(personas.admin)


def question(response, key):
    with scopes_disabled():
        return response.campaign.questionnaire_version.sections.get(
            questions__key=key
        ).questions.get(key=key)


def save_url(personas, response, key):
    return url("answer_save", personas.org, response.uuid, question(response, key).uuid)


def section_url(personas, response, key):
    section = response.campaign.questionnaire_version.sections.get(key=key)
    return url("response_section", personas.org, response.uuid, section.uuid)


def stored(key):
    with scopes_disabled():
        return Answer.objects.filter(question__key=key).first()


def test_the_list_shows_the_organisations_responses(personas, admin, response):
    page = admin.get(url("response_list", personas.org))
    assert page.status_code == 200
    assert list(page.context["responses"]) == [response]
    assert url("response_detail", personas.org, response.uuid) in page.content.decode()


def test_the_list_takes_the_same_number_of_queries_for_1_or_4_campaigns(personas, admin, small):
    launched([personas.org], small, name="First")
    admin.get(url("response_list", personas.org))
    with CaptureQueriesContext(connection) as one:
        admin.get(url("response_list", personas.org))
    for n in range(3):
        data = small_data()
        data["key"] = f"more-{n}"
        launched([personas.org], import_small(data), name=f"More {n}")
    with CaptureQueriesContext(connection) as four:
        page = admin.get(url("response_list", personas.org))
    assert len(page.context["responses"]) == 4
    assert len(one) == len(four)


def test_the_detail_shows_the_sections_with_progress(personas, admin, response):
    answer(response, "M1", 3)
    answer(response, "Y1", not_relevant=True)
    page = admin.get(url("response_detail", personas.org, response.uuid))
    assert page.status_code == 200
    progress = {s.key: (s.answered, s.total) for s in page.context["sections"]}
    assert progress == {"gov": (2, 3), "ops": (0, 5)}
    assert page.context["total"] == 8
    assert shows(page, "Styring") and shows(page, "Drift")
    for form in ("response_assign", "response_share", "response_submit"):
        assert url(form, personas.org, response.uuid) in page.content.decode()


def test_a_read_only_role_sees_the_response_without_the_forms(personas, response):
    page = personas.client(personas.auditor).get(
        url("response_detail", personas.org, response.uuid)
    )
    assert page.status_code == 200
    assert url("response_submit", personas.org, response.uuid) not in page.content.decode()
    section = personas.client(personas.auditor).get(section_url(personas, response, "gov"))
    assert b'name="value"' not in section.content


def test_the_section_page_shows_its_questions_and_answers(personas, admin, response):
    answer(response, "M1", 4, comment="Policy approved")
    page = admin.get(section_url(personas, response, "gov"))
    assert page.status_code == 200
    assert [item["question"].key for item in page.context["items"]] == ["M1", "Y1", "P1"]
    content = page.content.decode()
    assert 'value="4" checked' in content
    assert "Policy approved" in content
    assert content.count('hx-trigger="change delay:300ms, submit"') == 3  # saved as you go


def test_an_htmx_save_answers_with_the_question_only(personas, admin, response):
    reply = admin.post(save_url(personas, response, "M1"), {"value": "4", "revision": "0"}, **HTMX)
    assert reply.status_code == 200
    assert [t.name for t in reply.templates] == ["campaigns/question.html"]
    content = reply.content.decode()
    assert content.startswith("<section") and "<html" not in content
    assert shows(reply, da("Saved"))
    assert 'name="revision" value="1"' in content
    assert stored("M1").value == 4


def test_an_htmx_save_shows_the_error_in_the_question(personas, admin, response):
    reply = admin.post(
        save_url(personas, response, "P1"), {"value": "120", "revision": "0"}, **HTMX
    )
    assert reply.status_code == 400
    assert [t.name for t in reply.templates] == ["campaigns/question.html"]
    assert shows(reply, da("Give a percentage from 0 to 100."))
    assert not shows(reply, da("Saved"))
    assert stored("P1") is None


def test_an_htmx_save_over_someone_elses_answer_is_refused(personas, admin, response):
    answer(response, "M1", 2, actor=personas.dpo)
    reply = admin.post(save_url(personas, response, "M1"), {"value": "5", "revision": "0"}, **HTMX)
    assert reply.status_code == 400
    assert shows(
        reply,
        da(
            "Someone else saved this answer while you were editing it. "
            "Reload to see their answer; yours was not saved."
        ),
    )
    assert stored("M1").value == 2


def test_not_relevant_and_several_choices_come_from_the_form(personas, admin, response):
    admin.post(save_url(personas, response, "Y1"), {"not_relevant": "on"}, **HTMX)
    assert stored("Y1").not_relevant
    admin.post(save_url(personas, response, "C1"), {"value": ["mfa", "edr"]}, **HTMX)
    assert stored("C1").value == ["edr", "mfa"]


def test_without_htmx_a_save_goes_back_to_the_section(personas, admin, response):
    target = section_url(personas, response, "gov")
    reply = admin.post(save_url(personas, response, "M1"), {"value": "3"})
    assert reply.status_code == 302 and reply["Location"] == target
    assert stored("M1").value == 3
    wrong = admin.post(save_url(personas, response, "M1"), {"value": "9"}, follow=True)
    assert wrong.redirect_chain == [(target, 302)]
    assert shows(
        wrong, "M1: " + da("Choose a level from %(min)s to %(max)s.") % {"min": 1, "max": 5}
    )
    assert stored("M1").value == 3


def test_sharing_is_switched_on_and_off(personas, admin, response):
    share = url("response_share", personas.org, response.uuid)
    assert admin.post(share, {"share": "yes"}).status_code == 302
    response.refresh_from_db()
    assert response.share_identified
    admin.post(share, {"share": "no"})
    response.refresh_from_db()
    assert not response.share_identified
    assert [e.changes for e in events(personas.org, "campaigns.response.sharing_changed")] == [
        {"share_identified": [False, True]},
        {"share_identified": [True, False]},
    ]


def test_the_submit_flow(personas, admin, response):
    submit = url("response_submit", personas.org, response.uuid)
    answer(response, "M1", 3)
    refused = admin.post(submit, follow=True)
    message = da_n(
        "%(n)d required question is not answered yet.",
        "%(n)d required questions are not answered yet.",
        6,
    )
    assert shows(refused, message)
    response.refresh_from_db()
    assert response.status == "in_progress"
    answer_all(response, {k: v for k, v in COMPLETE.items() if k != "M1"})
    done = admin.post(submit, follow=True)
    assert shows(done, da("The response was submitted. Thank you."))
    response.refresh_from_db()
    assert response.status == "submitted"
    assert submit not in done.content.decode()
    section = admin.get(section_url(personas, response, "gov"))
    assert b'name="value"' not in section.content


def test_confirming_a_sections_carried_over_answers(personas, admin, campaign):
    answer_all(response_of(campaign, personas.org))
    services.campaign_close(actor=None, campaign=campaign)
    follow_up = launched(
        [personas.org],
        campaign.questionnaire_version,
        name="1st follow-up",
        kind="follow_up",
        previous=campaign,
    )
    carried = response_of(follow_up, personas.org)
    page = admin.get(section_url(personas, carried, "gov"))
    assert page.context["carried"] == 3
    assert shows(page, da("Carried over — to confirm"))
    gov = follow_up.questionnaire_version.sections.get(key="gov")
    done = admin.post(url("response_confirm", personas.org, carried.uuid, gov.uuid), follow=True)
    assert done.context["carried"] == 0
    confirmed = da_n(
        "%(n)d carried-over answer was confirmed.", "%(n)d carried-over answers were confirmed.", 3
    )
    assert shows(done, confirmed)
    with scopes_disabled():
        assert Response.objects.get(pk=carried.pk).answers.filter(carried_over=True).count() == 4


def test_a_single_choice_checks_only_the_chosen_option(personas, admin, small):
    data = small_data()
    data["key"] = "overlap"
    data["sections"][1]["questions"][0]["options"][0]["key"] = "year"  # inside "yearly"
    campaign = launched([personas.org], import_small(data), name="Overlap")
    mine = response_of(campaign, personas.org)
    answer(mine, "S1", "yearly")
    content = admin.get(section_url(personas, mine, "ops")).content.decode()
    s1 = question(mine, "S1").uuid
    assert f'id="q-{s1}-yearly" value="yearly" checked' in content
    assert f'id="q-{s1}-year" value="year" checked' not in content
