"""Two-factor login: enrolment forced by the organisation's policy, then the second step."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import assert_accessible, log_in, log_out, submit, totp
from tests.personas import PASSWORD

pytestmark = pytest.mark.e2e


def test_totp_helper_matches_rfc_6238():
    # RFC 6238, appendix B: the SHA-1 key "12345678901234567890", 8 digits.
    secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
    assert totp(secret, at=59, digits=8) == "94287082"
    assert totp(secret, at=1111111109, digits=8) == "07081804"
    assert totp(secret, at=2000000000, digits=8) == "69279037"
    assert totp(secret, at=59) == "287082"


@pytest.fixture
def mfa_policy(personas, settings):
    """Vejle requires two-factor login of its admins (the reference data's default)."""
    personas.other_org.mfa_required_roles = ["org_admin"]
    personas.other_org.save(update_fields=["mfa_required_roles"])
    # A code typed at the very end of its 30 seconds may arrive in the next period; allow one
    # period either side so the test never depends on the clock.
    settings.MFA_TOTP_TOLERANCE = 1
    return personas.other_org


def start_enrolment(page, email, organisation):
    """Log in; the policy sends the person to set up TOTP, and allauth asks for the password
    once more before it shows the secret (allauth's MFA_REAUTHENTICATION_REQUIRED)."""
    log_in(page, email)
    expect(page).to_have_url(re.compile(r"/accounts/reauthenticate/\?next=.*2fa.*totp.*activate"))
    expect(page.locator("main .alert-warning")).to_contain_text(organisation.name)
    assert_accessible(page)
    page.locator("main form input[name=password]").fill(PASSWORD)
    submit(page)
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/$"))


def test_policy_forces_totp_enrolment_then_login_asks_for_a_code(page, personas, mfa_policy):
    # The dashboard sends the admin to set up an authenticator app first.
    start_enrolment(page, personas.outsider.email, mfa_policy)
    expect(page.locator("main h1")).to_be_visible()
    assert_accessible(page)
    secret = page.locator("#authenticator_secret").input_value()
    assert re.fullmatch(r"[A-Z2-7]{32}", secret), secret

    page.locator("main form input[name=code]").fill(totp(secret))
    submit(page)

    expect(page).to_have_url(re.compile(r"/accounts/2fa/recovery-codes/$"))
    expect(page.locator("main .alert-success").first).to_be_visible()
    codes = page.locator("#recovery_codes")
    expect(codes).to_be_visible()
    assert len(codes.input_value().split()) == 10
    assert_accessible(page)

    page.goto("/o/vejle/")
    expect(page).to_have_url(re.compile(r"/o/vejle/$"))
    expect(page.locator("main h1")).to_have_text(mfa_policy.name)
    assert_accessible(page)
    page.goto("/accounts/2fa/")
    assert_accessible(page)

    log_out(page)
    log_in(page, personas.outsider.email)

    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/$"))
    assert_accessible(page)
    page.locator("main form input[name=code]").fill(totp(secret))
    submit(page)

    expect(page).to_have_url(re.compile(r"/o/vejle/$"))
    expect(page.locator("main h1")).to_have_text(mfa_policy.name)
    assert_accessible(page)


def test_wrong_code_is_refused(page, personas, mfa_policy):
    start_enrolment(page, personas.outsider.email, mfa_policy)
    secret = page.locator("#authenticator_secret").input_value()
    wrong = f"{(int(totp(secret)) + 500_000) % 1_000_000:06d}"
    page.locator("main form input[name=code]").fill(wrong)
    submit(page)

    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/$"))
    expect(page.locator("main .form-error-message")).to_be_visible()
    assert_accessible(page)
