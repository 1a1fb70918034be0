"""Demo and national-scale people for tenancy. Fictional people; real organisations.

Every demo account is marked `is_demo` (exempt from the MFA policy so the demo stays two
commands) and has an address under demo.skanse.dk, which is not a real mailbox.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django_scopes import scopes_disabled

from skanse.core.models import AuditEvent
from skanse.tenancy.models import Membership, Organisation
from skanse.tenancy.roles import Role
from skanse.tenancy.services import membership_add

User = get_user_model()

DEMO_PASSWORD = "skanse-demo"
DEMO_DOMAIN = "demo.skanse.dk"
DEMO_MUNICIPALITIES = ["751", "630", "825"]  # Aarhus, Vejle, Læsø: large, medium, small.

MUNICIPAL_ROLES = [
    ("admin", Role.ORG_ADMIN, "Anna Admin"),
    ("sikkerhed", Role.SECURITY_OFFICER, "Søren Sikkerhed"),
    ("dpo", Role.DPO, "Dorthe Databeskyttelse"),
    ("bidrag", Role.CONTRIBUTOR, "Bo Bidrag"),
    ("revisor", Role.AUDITOR, "Rita Revisor"),
]


def _demo_user(email: str, name: str):
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, DEMO_PASSWORD, name=name, is_demo=True)
    return user


def _ensure_member(organisation, user, role) -> None:
    if not Membership.objects.filter(organisation=organisation, user=user).exists():
        membership_add(actor=None, organisation=organisation, user=user, role=role, via="cli")


@transaction.atomic
def load_demo() -> list[tuple[str, str, str]]:
    """Create the demo people (idempotent). Returns (email, organisation, role) for the README."""
    logins = []
    with scopes_disabled():
        coordinator = Organisation.objects.get(kind="coordinator")
        for local, role, name in [
            ("koordinator", Role.COORDINATOR_ADMIN, "Karen Koordinator"),
            ("analytiker", Role.COORDINATOR_ANALYST, "Anders Analytiker"),
        ]:
            user = _demo_user(f"{local}@{DEMO_DOMAIN}", f"{name} (demo)")
            _ensure_member(coordinator, user, role)
            logins.append((user.email, coordinator.name, role.label))
        municipalities = Organisation.objects.filter(
            kind="municipality", code__in=DEMO_MUNICIPALITIES
        ).order_by("name")
        for municipality in municipalities:
            for local, role, name in MUNICIPAL_ROLES:
                email = f"{local}@{municipality.slug}.{DEMO_DOMAIN}"
                user = _demo_user(email, f"{name} (demo, {municipality.name})")
                _ensure_member(municipality, user, role)
                logins.append((email, municipality.name, role.label))
        # One consultant who works for two municipalities, to show switching between them.
        consultant = _demo_user(f"konsulent@{DEMO_DOMAIN}", "Kim Konsulent (demo)")
        for municipality in municipalities[:2]:
            _ensure_member(municipality, consultant, Role.CONTRIBUTOR)
            logins.append((consultant.email, municipality.name, Role.CONTRIBUTOR.label))
    return logins


@transaction.atomic
def generate_national(members_per_role: int = 1) -> int:
    """Members in every role for all 98 municipalities and 5 regions, in bulk. Idempotent."""
    password = make_password(DEMO_PASSWORD)
    created = 0
    with scopes_disabled():
        organisations = list(Organisation.objects.filter(kind__in=["municipality", "region"]))
        existing = set(
            User.objects.filter(email__endswith=f"national.{DEMO_DOMAIN}").values_list(
                "email", flat=True
            )
        )
        new_users, plan = [], []
        for organisation in organisations:
            for local, role, name in MUNICIPAL_ROLES:
                for n in range(1, members_per_role + 1):
                    email = f"{local}{n}@{organisation.slug}.national.{DEMO_DOMAIN}"
                    plan.append((organisation, email, role))
                    if email not in existing:
                        new_users.append(
                            User(
                                email=email,
                                name=f"{name} {n} (demo)",
                                password=password,
                                is_demo=True,
                            )
                        )
        User.objects.bulk_create(new_users, batch_size=1000)
        users = {u.email: u for u in User.objects.filter(email__endswith=f"national.{DEMO_DOMAIN}")}
        have = set(
            Membership.objects.filter(user__in=users.values()).values_list(
                "organisation_id", "user_id"
            )
        )
        memberships = [
            Membership(organisation=org, user=users[email], role=role)
            for org, email, role in plan
            if (org.pk, users[email].pk) not in have
        ]
        Membership.objects.bulk_create(memberships, batch_size=1000)
        AuditEvent.objects.bulk_create(
            [
                AuditEvent(
                    organisation=m.organisation,
                    actor=None,
                    actor_label="system",
                    action="tenancy.membership.added",
                    object_type="tenancy.membership",
                    object_uuid=m.uuid,
                    object_repr=str(m)[:200],
                    changes={"role": [None, str(Role(m.role).label)]},
                    via="cli",
                )
                for m in memberships
            ],
            batch_size=1000,
        )
        created = len(memberships)
    return created
