"""Personas shared by every test: two look-alike municipalities, every role, a coordinator.

`personas.admin` … `personas.auditor` belong to the first municipality (Aarhus); `outsider`
is the admin of the second (Vejle), which has look-alike data; `coordinator` and `analyst`
belong to the coordinator organisation.
"""

from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django_scopes import scopes_disabled

from skanse.core.audit import audit_record
from skanse.tenancy.models import Membership, Organisation
from skanse.tenancy.roles import Role

User = get_user_model()
PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Personas:
    org: Organisation
    other_org: Organisation
    coordinator_org: Organisation
    admin: User
    security_officer: User
    dpo: User
    contributor: User
    auditor: User
    outsider: User
    coordinator: User
    analyst: User
    membership: dict  # user email -> Membership

    def client(self, user) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client


def make_user(email, name="", **fields):
    return User.objects.create_user(email, PASSWORD, name=name, **fields)


def add_member(org, user, role):
    with scopes_disabled():
        membership = Membership.objects.create(organisation=org, user=user, role=role)
        audit_record(
            actor=None,
            organisation=org,
            action="tenancy.membership.added",
            obj=membership,
            via="cli",
        )
    return membership


@pytest.fixture
def personas(db) -> Personas:
    org = Organisation.objects.get(kind="municipality", code="751")
    other = Organisation.objects.get(kind="municipality", code="630")
    coordinator_org = Organisation.objects.get(kind="coordinator")
    # The MFA policy has its own tests; here the personas log in with a password only.
    Organisation.objects.update(mfa_required_roles=[])
    users = {}
    memberships = {}
    for role, key in [
        (Role.ORG_ADMIN, "admin"),
        (Role.SECURITY_OFFICER, "security_officer"),
        (Role.DPO, "dpo"),
        (Role.CONTRIBUTOR, "contributor"),
        (Role.AUDITOR, "auditor"),
    ]:
        user = make_user(f"{key}@aarhus.test", name=f"{key.title()} Aarhus")
        users[key] = user
        memberships[user.email] = add_member(org, user, role)
        # Look-alike data in the other municipality: same roles, other people.
        twin = make_user(f"{key}@vejle.test", name=f"{key.title()} Vejle")
        memberships[twin.email] = add_member(other, twin, role)
    users["outsider"] = User.objects.get(email="admin@vejle.test")
    for role, key in [
        (Role.COORDINATOR_ADMIN, "coordinator"),
        (Role.COORDINATOR_ANALYST, "analyst"),
    ]:
        user = make_user(f"{key}@kl.test", name=key.title())
        users[key] = user
        memberships[user.email] = add_member(coordinator_org, user, role)
    return Personas(
        org=org, other_org=other, coordinator_org=coordinator_org, membership=memberships, **users
    )
