"""An admin invites a new member; the invitee opens the emailed link and creates an account."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import assert_accessible, follow_menu, log_in, submit

pytestmark = pytest.mark.e2e

NEW_EMAIL = "ny.medarbejder@aarhus.test"
NEW_NAME = "Nina Ny"
NEW_PASSWORD = "Blaabaer-Vandkande-73"


def test_admin_invites_a_member_who_joins_with_a_new_account(page, open_page, personas, mailoutbox):
    log_in(page, personas.admin.email)
    expect(page).to_have_url(re.compile(r"/o/aarhus/$"))
    assert_accessible(page)

    follow_menu(page, "/o/aarhus/members/")
    expect(page.locator("main h1")).to_be_visible()
    assert_accessible(page)

    with page.expect_navigation():
        page.locator("main a[href='/o/aarhus/members/invite/']").click()
    expect(page).to_have_url(re.compile(r"/o/aarhus/members/invite/$"))
    assert_accessible(page)

    # A mistake first: the errors are shown next to the field, and are accessible too.
    form = page.locator("main form")
    form.locator("input[name=email]").fill("not an address")
    submit(page)
    expect(form.locator(".form-error-message")).to_be_visible()
    expect(form.locator("input[name=email]")).to_have_attribute(
        "aria-describedby", re.compile("id_email_error")
    )
    assert_accessible(page)

    form.locator("input[name=email]").fill(NEW_EMAIL)
    form.locator("select[name=role]").select_option("security_officer")
    submit(page)

    expect(page).to_have_url(re.compile(r"/o/aarhus/members/$"))
    expect(page.locator("main .alert-success")).to_contain_text(NEW_EMAIL)
    open_invitations = page.locator("main table").nth(1)
    expect(open_invitations.locator("tbody tr")).to_have_count(1)
    expect(open_invitations.locator("tbody tr")).to_contain_text(NEW_EMAIL)
    assert_accessible(page)

    # The email went out when the invitation was committed (tasks run at once in tests).
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [NEW_EMAIL]
    links = re.findall(r"https?://\S+/invitations/\S+/", message.body)
    assert len(links) == 1, message.body

    # The invitee, in a browser of their own.
    invitee = open_page()
    response = invitee.goto(links[0])
    assert response is not None and response.status == 200
    expect(invitee.locator("main h1")).to_contain_text(personas.org.name)
    assert_accessible(invitee)
    form = invitee.locator("main form")
    form.locator("input[name=name]").fill(NEW_NAME)
    form.locator("input[name=password]").fill(NEW_PASSWORD)
    submit(invitee)

    expect(invitee).to_have_url(re.compile(r"/accounts/login/$"))
    expect(invitee.locator("main .alert-success")).to_be_visible()
    assert_accessible(invitee)

    log_in(invitee, NEW_EMAIL, NEW_PASSWORD)
    expect(invitee).to_have_url(re.compile(r"/o/aarhus/$"))
    expect(invitee.locator("main h1")).to_have_text(personas.org.name)
    expect(invitee.locator("header .username")).to_have_text(NEW_NAME)
    assert_accessible(invitee)

    # The link worked once only.
    response = invitee.goto(links[0])
    assert response is not None and response.status == 404
    assert_accessible(invitee)

    # The admin sees the new member, and no open invitation.
    page.reload()
    members = page.locator("main table").first
    expect(members).to_contain_text(NEW_NAME)
    expect(page.locator("main table")).to_have_count(1)
    assert_accessible(page)
