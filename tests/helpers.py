"""Small helpers for the view, service and API tests (the personas live in tests/personas.py)."""

import html
import re

from django.core import mail
from django.utils import translation
from django.utils.translation import gettext
from django_scopes import scopes_disabled

from skanse.core.models import AuditEvent
from skanse.tenancy.models import Membership
from skanse.tenancy.services import membership_add, token_create
from tests.personas import make_user

AUDIT = AuditEvent.objects.with_scopes_disabled()


def da(message: str) -> str:
    """`message` as the Danish interface says it."""
    with translation.override("da"):
        return gettext(message)


def shows(response, text: str) -> bool:
    """True when the page shows `text` (as HTML-escaped text)."""
    return html.escape(text) in response.content.decode()


def label(choice, language: str = "da") -> str:
    """A choice's label as the audit trail stores it: in the language of the request."""
    with translation.override(language):
        return str(choice.label)


def events(organisation, action: str | None = None) -> list[AuditEvent]:
    """The organisation's audit events (of one action), oldest first."""
    found = AUDIT.filter(organisation=organisation).order_by("created_at", "id")
    if action:
        found = found.filter(action=action)
    return list(found)


def field_errors(response, field: str, form: str = "form") -> list[str]:
    """The errors the page's form shows at `field`; and check they are rendered at the field."""
    errors = list(response.context[form].errors.get(field, []))
    if errors:
        content = response.content.decode()
        assert f'id="id_{field}_error"' in content, f"{field}'s error is not shown at the field"
    return errors


def invitation_link_secret(message=None) -> str:
    """The secret in the invitation link of `message` (by default the last email sent)."""
    message = message or mail.outbox[-1]
    return re.search(r"/invitations/([\w-]+)/", message.body).group(1)


def grow_members(organisation, count: int, prefix: str = "extra") -> list[Membership]:
    """`count` more members in `organisation`, each added (and audited) by the service."""
    members = []
    with scopes_disabled():
        for n in range(count):
            user = make_user(f"{prefix}{n}@{organisation.slug}.test", name=f"{prefix} {n}")
            members.append(
                membership_add(
                    actor=None,
                    organisation=organisation,
                    user=user,
                    role="contributor"
                    if not organisation.is_coordinator
                    else "coordinator_analyst",
                    via="cli",
                )
            )
    return members


def bearer(user, organisation) -> dict:
    """Request headers with a fresh API token of `user` in `organisation`."""
    with scopes_disabled():
        _token, secret = token_create(actor=user, organisation=organisation, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
