"""Background work for tenancy, run by the task worker (`skanse db_worker`)."""

import hashlib
import secrets

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from skanse.tenancy.models import Invitation


def new_secret() -> tuple[str, str]:
    """A link secret and the hash that is stored in its place."""
    secret = secrets.token_urlsafe(32)
    return secret, hashlib.sha256(secret.encode()).hexdigest()


@task
def send_invitation_email(invitation_id: int) -> None:
    """Make the invitation's link secret and email it.

    The secret is made here, not when the task is queued, so it is never stored in the task
    queue; only its hash is kept. Re-loads the invitation: it may have been revoked meanwhile.
    """
    with scopes_disabled():
        invitation = (
            Invitation.objects.select_related("organisation", "invited_by")
            .filter(pk=invitation_id, accepted_at__isnull=True, revoked_at__isnull=True)
            .first()
        )
        if invitation is None:
            return
        secret, token_hash = new_secret()
        Invitation.objects.filter(pk=invitation.pk).update(token_hash=token_hash)
    link = settings.SITE_URL + reverse("invitation_accept", args=[secret])
    context = {"invitation": invitation, "link": link}
    # Danish first: the invitee has no language preference yet.
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("tenancy/email/invitation_subject.txt", context).strip()
        body = render_to_string("tenancy/email/invitation.txt", context)
    send_mail(subject, body, None, [invitation.email])
