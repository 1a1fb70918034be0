import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django_scopes import scopes_disabled

from skanse.campaigns import services
from skanse.campaigns.models import Campaign, Response
from skanse.campaigns.tests.conftest import response_of
from skanse.core.errors import DomainError
from skanse.core.models import AuditEvent
from tests.helpers import da


def test_a_reminder_emails_those_who_can_submit(
    personas, response, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        answer = coordinator.post(reverse("participant_remind", args=["kl", response.uuid]))
    assert answer.status_code == 302
    [message] = mail.outbox
    # Admins and security officers submit; DPOs, contributors and auditors do not get it.
    assert sorted(message.to) == sorted([personas.admin.email, personas.security_officer.email])
    assert str(response.uuid) in message.body
    response.refresh_from_db()
    assert response.reminders_sent == 1 and response.last_reminder_at is not None
    with scopes_disabled():
        events = AuditEvent.objects.filter(action="campaigns.response.reminded")
        assert {e.organisation.slug for e in events} == {"kl", personas.org.slug}


def test_remind_all_skips_the_submitted(
    personas, campaign, coordinator, django_capture_on_commit_callbacks
):
    with scopes_disabled():
        Response.objects.filter(campaign=campaign, organisation=personas.other_org).update(
            status=Response.Status.SUBMITTED
        )
    with django_capture_on_commit_callbacks(execute=True):
        coordinator.post(reverse("campaign_remind", args=["kl", campaign.uuid]))
    assert len(mail.outbox) == 1
    assert personas.admin.email in mail.outbox[0].to
    assert response_of(campaign, personas.other_org).reminders_sent == 0


def test_a_submitted_response_is_not_reminded(personas, response):
    Response.objects.with_scopes_disabled().filter(pk=response.pk).update(status="submitted")
    response.refresh_from_db()
    with pytest.raises(DomainError) as caught:
        services.response_remind(actor=personas.coordinator, response=response)
    assert caught.value.messages == [da("The response is submitted already.")]
    assert mail.outbox == []


def test_the_automatic_reminder_goes_out_once_inside_the_window(
    personas, campaign, django_capture_on_commit_callbacks
):
    deadline = campaign.closes_on
    window_opens = deadline - datetime.timedelta(days=campaign.reminder_days)
    assert services.due_reminders(window_opens - datetime.timedelta(days=1)) == []
    due = services.due_reminders(window_opens)
    assert {r.organisation_id for r in due} == {personas.org.pk, personas.other_org.pk}
    with django_capture_on_commit_callbacks(execute=True):
        for response in due:
            services.response_remind(actor=None, response=response, via="cli")
    assert len(mail.outbox) == 2
    # Reminded now: a reminder sent inside the window is not repeated.
    Response.objects.with_scopes_disabled().filter(campaign=campaign).update(
        last_reminder_at=datetime.datetime.combine(
            window_opens, datetime.time(12), tzinfo=datetime.UTC
        )
    )
    assert services.due_reminders(window_opens + datetime.timedelta(days=1)) == []
    assert services.due_reminders(deadline + datetime.timedelta(days=1)) == []


def test_the_command_queues_what_is_due(personas, campaign, django_capture_on_commit_callbacks):
    Campaign.objects.filter(pk=campaign.pk).update(
        closes_on=datetime.date.today() + datetime.timedelta(days=3), reminder_days=7
    )
    Response.objects.with_scopes_disabled().filter(campaign=campaign).update(
        deadline=datetime.date.today() + datetime.timedelta(days=3)
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send-reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 2
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send-reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 2  # not again
