"""The organisation's MFA policy, enforced by OrganisationMiddleware on every /o/<org>/ page."""

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from skanse.tenancy.models import Organisation
from tests.personas import add_member, make_user

PAGES = ["org_dashboard", "member_list", "token_list", "audit_list"]


@pytest.fixture
def policy(personas):
    """Aarhus requires two-factor login of its admins and DPOs."""
    Organisation.objects.filter(pk=personas.org.pk).update(mfa_required_roles=["org_admin", "dpo"])
    return personas


def test_it_sends_a_member_without_a_second_factor_to_set_one_up(policy):
    client = policy.client(policy.admin)
    for page in PAGES:
        response = client.get(reverse(page, args=[policy.org.slug]))
        assert response.status_code == 302, page
        assert response["Location"] == reverse("mfa_activate_totp")
    # The set-up page itself is outside the organisation, so there is no redirect loop.
    final = client.get(reverse("org_dashboard", args=[policy.org.slug]), follow=True)
    assert final.status_code == 200
    assert not final.request["PATH_INFO"].startswith("/o/")


def test_it_lets_a_member_with_an_authenticator_app_in(policy):
    TOTP.activate(policy.admin, generate_totp_secret())
    client = policy.client(policy.admin)
    for page in PAGES:
        assert client.get(reverse(page, args=[policy.org.slug])).status_code == 200


def test_it_applies_only_to_the_roles_named(policy):
    client = policy.client(policy.contributor)
    assert client.get(reverse("org_dashboard", args=[policy.org.slug])).status_code == 200
    blocked = policy.client(policy.dpo).get(reverse("org_dashboard", args=[policy.org.slug]))
    assert blocked["Location"] == reverse("mfa_activate_totp")


def test_it_applies_per_organisation(policy):
    """The same person, without a second factor, works in Vejle (no policy) but not in Aarhus."""
    both = make_user("both@example.test")
    add_member(policy.org, both, "org_admin")
    add_member(policy.other_org, both, "org_admin")
    client = policy.client(both)
    assert client.get(reverse("org_dashboard", args=[policy.other_org.slug])).status_code == 200
    assert client.get(reverse("org_dashboard", args=[policy.org.slug])).status_code == 302


def test_it_exempts_demo_accounts(policy):
    demo = make_user("admin@aarhus.demo.skanse.dk", is_demo=True)
    add_member(policy.org, demo, "org_admin")
    response = policy.client(demo).get(reverse("org_dashboard", args=[policy.org.slug]))
    assert response.status_code == 200


def test_recovery_codes_alone_do_not_count(policy):
    RecoveryCodes.activate(policy.admin)
    response = policy.client(policy.admin).get(reverse("org_dashboard", args=[policy.org.slug]))
    assert response["Location"] == reverse("mfa_activate_totp")
