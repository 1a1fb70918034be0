"""The real task path: a service enqueues into the database, `db_worker` sends the email."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django_scopes import scope
from django_tasks_db.models import DBTaskResult

from skanse.tenancy import services

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def db_tasks(settings):
    # Django's tasks app resets its backends when the TASKS setting changes.
    settings.TASKS = DB_TASKS


@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_the_invitation_email(personas, db_tasks):
    with scope(organisation=personas.org):
        invitation = services.invitation_create(
            actor=personas.admin,
            organisation=personas.org,
            email="new@example.test",
            role="dpo",
        )
    # Queued, not sent: the request that invited does not wait for the mail server.
    assert mail.outbox == []
    queued = DBTaskResult.objects.get()
    assert queued.status == "READY"

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new@example.test"]
    secret = re.search(r"/invitations/([\w-]+)/", message.body).group(1)
    found = services.invitation_by_secret(secret)
    assert found is not None and found.pk == invitation.pk
    # The secret went out in the email; only its hash is stored, and not in the task queue.
    assert secret not in str(DBTaskResult.objects.get().args_kwargs)
    assert found.token_hash != secret
