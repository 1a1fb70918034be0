"""Reminder emails, sent by the task worker."""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from skanse.campaigns.models import Response
from skanse.tenancy.models import Membership
from skanse.tenancy.roles import Cap, capabilities_for


@task
def send_reminder(response_id: int) -> None:
    """Email the people who can submit the response. Re-loads it: it may be submitted by now."""
    with scopes_disabled():
        response = (
            Response.objects.select_related("campaign", "organisation")
            .filter(pk=response_id)
            .exclude(status=Response.Status.SUBMITTED)
            .first()
        )
        if response is None:
            return
        recipients = sorted(
            m.user.email
            for m in Membership.objects.filter(organisation=response.organisation).select_related(
                "user"
            )
            if Cap.RESPONSES_SUBMIT in capabilities_for(m.role) and m.user.is_active
        )
    if not recipients:
        return
    link = settings.SITE_URL + reverse(
        "response_detail", args=[response.organisation.slug, response.uuid]
    )
    context = {"response": response, "link": link}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("campaigns/email/reminder_subject.txt", context).strip()
        body = render_to_string("campaigns/email/reminder.txt", context)
    send_mail(subject, body, None, recipients)
