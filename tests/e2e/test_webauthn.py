"""A security key (WebAuthn) as the second factor, with Chromium's virtual authenticator."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import assert_accessible, log_in, log_out, submit, visit
from tests.personas import PASSWORD

pytestmark = pytest.mark.e2e


def _virtual_authenticator(page):
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    return cdp


def test_a_security_key_is_added_and_used_to_log_in(page, personas):
    _virtual_authenticator(page)
    log_in(page, personas.admin.email)
    page.goto("/accounts/2fa/webauthn/add/")
    if "reauthenticate" in page.url:
        assert_accessible(page)
        page.locator("main input[name=password]").fill(PASSWORD)
        submit(page)
    expect(page).to_have_url(re.compile(r"/accounts/2fa/webauthn/add/"))
    assert_accessible(page)
    page.locator("main input[name=name]").fill("Nøgle på skrivebordet")
    with page.expect_navigation():
        page.locator("#mfa_webauthn_add").click()
    assert_accessible(page)
    visit(page, "/accounts/2fa/webauthn/")
    expect(page.locator("main")).to_contain_text("Nøgle på skrivebordet")

    log_out(page)
    log_in(page, personas.admin.email)
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("sikkerhedsnøgle|security key", re.I)).click()
    expect(page).to_have_url(re.compile(r"/o/aarhus/$"))
