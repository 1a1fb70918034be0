"""The coordinator's pages: campaigns and questionnaires, creating, importing, launching,
closing, and returning or extending a participant's response."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scopes_disabled

from skanse.campaigns import services
from skanse.campaigns.models import Campaign, QuestionnaireVersion, Response
from skanse.campaigns.tests.conftest import (
    answer,
    answer_all,
    dump,
    fill,
    import_small,
    launched,
    response_of,
    small_data,
    url,
)
from skanse.tenancy.models import Organisation
from tests.helpers import da, field_errors, shows


def coordinator_url(name, personas, *args):
    return url(name, personas.coordinator_org, *args)


def upload(content: bytes, name="questionnaire.yaml"):
    return {"file": SimpleUploadedFile(name, content, content_type="application/yaml")}


def test_the_list_shows_campaigns_and_questionnaires(personas, coordinator, campaign):
    page = coordinator.get(coordinator_url("campaign_list", personas))
    assert page.status_code == 200
    assert list(page.context["campaigns"]) == [campaign]
    assert shows(page, "Lille spørgeskema")
    assert coordinator_url("campaign_detail", personas, campaign.uuid) in page.content.decode()
    assert coordinator_url("questionnaire_import", personas) in page.content.decode()


def test_the_list_takes_the_same_number_of_queries_for_1_or_4_campaigns(
    personas, coordinator, campaign
):
    page = coordinator_url("campaign_list", personas)
    coordinator.get(page)
    with CaptureQueriesContext(connection) as one:
        coordinator.get(page)
    for n in range(3):
        data = small_data()
        data["key"] = f"more-{n}"
        launched([personas.org], import_small(data), name=f"More {n}")
    with CaptureQueriesContext(connection) as four:
        assert len(coordinator.get(page).context["campaigns"]) == 4
    assert len(one) == len(four)


def test_the_analyst_sees_the_list_without_the_forms(personas):
    page = personas.client(personas.analyst).get(coordinator_url("campaign_list", personas))
    assert page.status_code == 200
    assert coordinator_url("questionnaire_import", personas) not in page.content.decode()
    assert coordinator_url("campaign_create", personas) not in page.content.decode()


def test_a_questionnaire_is_imported_by_upload(personas, coordinator):
    target = coordinator_url("questionnaire_import", personas)
    reply = coordinator.post(target, upload(dump(small_data())), follow=True)
    assert reply.redirect_chain == [(coordinator_url("campaign_list", personas), 302)]
    version = QuestionnaireVersion.objects.get()
    assert shows(reply, da("%(name)s was imported.") % {"name": version})
    again = coordinator.post(target, upload(dump(small_data())), follow=True)
    assert shows(again, da("This questionnaire version is imported already."))
    assert QuestionnaireVersion.objects.count() == 1


def test_a_broken_questionnaire_shows_the_place_at_the_file_field(personas, coordinator):
    data = small_data()
    data["sections"][1]["track"] = "astrology"
    reply = coordinator.post(coordinator_url("questionnaire_import", personas), upload(dump(data)))
    assert reply.status_code == 400
    [error] = field_errors(reply, "file")
    assert error.startswith("sections[1].track: ")
    assert not QuestionnaireVersion.objects.exists()


def _form(version, **fields):
    return {
        "name": "Baseline 2026",
        "questionnaire_version": version.pk,
        "kind": "baseline",
        "opens_on": "2026-01-15",
        "closes_on": "2026-03-31",
        "reminder_days": "7",
    } | fields


def test_a_campaign_is_created(personas, coordinator, small):
    assert coordinator.get(coordinator_url("campaign_create", personas)).status_code == 200
    reply = coordinator.post(coordinator_url("campaign_create", personas), _form(small))
    campaign = Campaign.objects.get()
    assert reply.status_code == 302
    assert reply["Location"] == coordinator_url("campaign_detail", personas, campaign.uuid)
    assert (campaign.status, campaign.opens_on) == ("draft", datetime.date(2026, 1, 15))


def test_the_form_shows_errors_at_the_fields(personas, coordinator, small):
    target = coordinator_url("campaign_create", personas)
    dates = coordinator.post(target, _form(small, closes_on="2026-01-01"))
    assert dates.status_code == 400
    assert field_errors(dates, "closes_on") == [da("The campaign must close after it opens.")]
    follow_up = coordinator.post(target, _form(small, kind="follow_up"))
    assert field_errors(follow_up, "previous") == [
        da("A follow-up names the campaign it follows up on.")
    ]
    empty = coordinator.post(target, _form(small, name="", opens_on="soon"))
    assert field_errors(empty, "name") and field_errors(empty, "opens_on")
    assert not Campaign.objects.exists()


def test_a_campaign_is_launched_to_every_active_municipality(personas, coordinator, small):
    Organisation.objects.filter(pk=personas.other_org.pk).update(is_active=False)
    campaign = Campaign.objects.create(
        name="Baseline",
        questionnaire_version=small,
        kind="baseline",
        opens_on="2026-01-01",
        closes_on="2099-01-01",
    )
    launch = coordinator_url("campaign_launch", personas, campaign.uuid)
    reply = coordinator.post(launch, {"participants": "municipalities"}, follow=True)
    assert shows(reply, da("The campaign was launched to %(n)d organisations.") % {"n": 97})
    with scopes_disabled():
        kinds = set(Response.objects.values_list("organisation__kind", flat=True))
        assert kinds == {"municipality"} and Response.objects.count() == 97
        assert not Response.objects.filter(organisation=personas.other_org).exists()
    assert len(reply.context["rows"]) == 97
    again = coordinator.post(launch, {"participants": "municipalities"}, follow=True)
    assert shows(again, da("The campaign has been launched already."))


def test_regions_can_take_part_too(personas, coordinator, small):
    campaign = Campaign.objects.create(
        name="Survey",
        questionnaire_version=small,
        kind="survey",
        opens_on="2026-01-01",
        closes_on="2099-01-01",
    )
    coordinator.post(
        coordinator_url("campaign_launch", personas, campaign.uuid),
        {"participants": "municipalities_regions"},
    )
    with scopes_disabled():
        assert Response.objects.filter(organisation__kind="region").count() == 5
        assert Response.objects.count() == 98 + 5


def test_the_detail_shows_participation(personas, coordinator, campaign, response):
    answer_all(response)
    page = coordinator.get(coordinator_url("campaign_detail", personas, campaign.uuid))
    assert page.status_code == 200
    assert page.context["counts"]["in_progress"] == 1
    assert page.context["counts"]["not_started"] == 1
    assert [(r.organisation, r.percent) for r in page.context["rows"]] == [
        (personas.org, 88),  # 7 of 8 questions
        (personas.other_org, 0),
    ]


def test_participation_is_filtered_searched_and_paged(personas, coordinator):
    with scopes_disabled():
        participants = list(
            Organisation.objects.filter(kind="municipality", is_active=True).order_by("name")
        )
    campaign = launched(participants)
    answer_all(
        Response.objects.with_scopes_disabled().get(campaign=campaign, organisation=personas.org)
    )
    detail = coordinator_url("campaign_detail", personas, campaign.uuid)
    first = coordinator.get(detail)
    assert len(first.context["page"].object_list) == 25
    assert first.context["page"].paginator.count == len(participants)
    last = coordinator.get(detail, {"page": 4})
    assert [r.organisation for r in last.context["page"].object_list] == participants[75:]
    started = coordinator.get(detail, {"status": "in_progress"})
    assert [r.organisation for r in started.context["page"].object_list] == [personas.org]
    searched = coordinator.get(detail, {"q": "VEJLE"})
    assert [r.organisation for r in searched.context["page"].object_list] == [personas.other_org]
    # The counts over all participants stay in the summary and the status choices.
    assert searched.context["counts"]["not_started"] == len(participants) - 1
    assert f"({len(participants) - 1})" in searched.content.decode()
    nonsense = coordinator.get(detail, {"status": "nonsense", "page": "x"})
    assert nonsense.status_code == 200
    assert nonsense.context["page"].paginator.count == len(participants)


def test_each_participant_row_offers_its_actions(personas, coordinator, campaign, response):
    answer_all(response)
    with scopes_disabled():
        services.response_submit(actor=personas.admin, response=response)
        other = Response.objects.get(campaign=campaign, organisation=personas.other_org)
    html = coordinator.get(coordinator_url("campaign_detail", personas, campaign.uuid)).content
    html = html.decode()
    for target in (
        coordinator_url("participant_extend", personas, response.uuid),
        coordinator_url("participant_extend", personas, other.uuid),
        coordinator_url("participant_return", personas, response.uuid),
        coordinator_url("participant_remind", personas, other.uuid),
    ):
        assert f'action="{target}"' in html
    # A submitted response is not reminded; one in progress is not returned.
    assert coordinator_url("participant_remind", personas, response.uuid) not in html
    assert coordinator_url("participant_return", personas, other.uuid) not in html


def test_a_follow_up_counts_the_answers_still_to_confirm(personas, coordinator, small):
    baseline = launched([personas.org, personas.other_org], small)
    three = {"M1": 3, "Y1": "yes", "P1": 50}
    fill(baseline, {personas.org: three, personas.other_org: three})
    services.campaign_close(actor=None, campaign=baseline)
    follow_up = launched(
        [personas.org, personas.other_org], small, name="1st", kind="follow_up", previous=baseline
    )
    answer(response_of(follow_up, personas.org), "M1", 4)  # changed: confirmed
    page = coordinator.get(coordinator_url("campaign_detail", personas, follow_up.uuid))
    rows = {r.organisation: r.unconfirmed for r in page.context["page"].object_list}
    assert rows == {personas.org: 2, personas.other_org: 3}
    assert da("Carried over, not confirmed") in page.content.decode()
    baseline_page = coordinator.get(coordinator_url("campaign_detail", personas, baseline.uuid))
    assert da("Carried over, not confirmed") not in baseline_page.content.decode()


def test_a_campaign_is_closed(personas, coordinator, campaign):
    close = coordinator_url("campaign_close", personas, campaign.uuid)
    reply = coordinator.post(close, follow=True)
    assert shows(reply, da("The campaign was closed."))
    campaign.refresh_from_db()
    assert campaign.status == "closed" and campaign.closed_at is not None
    again = coordinator.post(close, follow=True)
    assert shows(again, da("Only an open campaign can be closed."))


def test_a_submitted_response_is_returned_with_a_reason(personas, coordinator, response):
    answer_all(response)
    with scopes_disabled():
        services.response_submit(actor=personas.admin, response=response)
    target = coordinator_url("participant_return", personas, response.uuid)
    missing = coordinator.post(target, {"reason": ""}, follow=True)
    assert shows(missing, da("Say what needs correcting."))
    response.refresh_from_db()
    assert response.status == "submitted"
    reply = coordinator.post(target, {"reason": "Check M1."}, follow=True)
    assert reply.redirect_chain[-1][0] == coordinator_url(
        "campaign_detail", personas, response.campaign.uuid
    )
    response.refresh_from_db()
    assert response.status == "returned"


def test_a_participants_deadline_is_extended(personas, coordinator, response):
    target = coordinator_url("participant_extend", personas, response.uuid)
    bad = coordinator.post(target, {"deadline": "someday"}, follow=True)
    assert shows(bad, da("Give a valid date."))
    past = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    refused = coordinator.post(target, {"deadline": past}, follow=True)
    assert shows(refused, da("The new deadline is in the past."))
    new = timezone.localdate() + datetime.timedelta(days=30)
    reply = coordinator.post(
        target, {"deadline": new.isoformat(), "shown": "status=not_started&page=2&evil=x"}
    )
    response.refresh_from_db()
    assert response.deadline == new
    # Back to the participants the coordinator was looking at, and nothing else.
    detail = coordinator_url("campaign_detail", personas, response.campaign.uuid)
    assert reply["Location"] == f"{detail}?status=not_started&page=2#participation"
