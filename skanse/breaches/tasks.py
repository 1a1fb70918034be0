"""Breach alerts by email, sent by the task worker (`skanse db_worker`)."""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from skanse.breaches import deadline
from skanse.breaches.models import Breach
from skanse.privacy.models import ControllerDetails
from skanse.tenancy.models import Membership
from skanse.tenancy.roles import Role

ALERTED_ROLES = (Role.DPO, Role.SECURITY_OFFICER)


def recipients(organisation) -> list[str]:
    """The organisation's DPOs and security officers, and the DPO address in its records."""
    emails = {
        m.user.email
        for m in Membership.objects.filter(
            organisation=organisation, role__in=ALERTED_ROLES, user__is_active=True
        ).select_related("user")
    }
    details = ControllerDetails.objects.filter(organisation=organisation).first()
    if details and details.dpo_email:
        emails.add(details.dpo_email)
    return sorted(emails)


@task
def send_breach_alert(breach_id: int, kind: str) -> None:
    """Email the alert of `kind` ("registered" or "deadline"). Re-loads the breach: it may be
    notified by now, and then the deadline alert is moot."""
    with scopes_disabled():
        breach = Breach.objects.select_related("organisation").filter(pk=breach_id).first()
        if breach is None:
            return
        if kind == "deadline" and breach.authority_notified_at:
            return
        to = recipients(breach.organisation)
    if not to:
        return
    link = settings.SITE_URL + reverse(
        "breach_detail", args=[breach.organisation.slug, breach.uuid]
    )
    with translation.override(settings.LANGUAGE_CODE):
        context = {"breach": breach, "link": link, "kind": kind, "clock": deadline.clock(breach)}
        subject = render_to_string("breaches/email/alert_subject.txt", context).strip()
        body = render_to_string("breaches/email/alert.txt", context)
    send_mail(subject, body, None, to)
