"""Logging in and out through the real forms, and the language switch in the footer."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import assert_accessible, log_in, log_out, visit

pytestmark = pytest.mark.e2e


def test_log_in_lands_on_the_dashboard_and_log_out_ends_the_session(page, personas):
    response = page.goto("/")
    assert response is not None and response.ok
    expect(page).to_have_url(re.compile(r"/accounts/login/"))

    log_in(page, personas.admin.email)

    expect(page).to_have_url(re.compile(r"/o/aarhus/$"))
    expect(page.locator("main h1")).to_have_text(personas.org.name)
    expect(page.locator("header .username")).to_have_text(personas.admin.name)
    assert_accessible(page)

    # The logout page (for a GET, e.g. a bookmark) asks to confirm; the header button posts.
    visit(page, "/accounts/logout/")
    expect(page).to_have_url(re.compile(r"/accounts/logout/$"))
    log_out(page)
    assert_accessible(page)
    expect(page.locator("header .username")).to_have_count(0)
    page.goto("/o/aarhus/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/o/aarhus/"))
    assert_accessible(page)


def test_wrong_password_is_refused_with_an_accessible_error(page, personas):
    log_in(page, personas.admin.email, "not-the-password")

    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.locator("main .alert-error, main .form-error-message").first).to_be_visible()
    assert_accessible(page)


def test_language_switch_in_the_footer(page, personas):
    log_in(page, personas.admin.email)
    html = page.locator("html")
    log_out_button = page.locator("header form[action$='/accounts/logout/'] button")
    english = page.get_by_role("button", name="English")
    danish = page.get_by_role("button", name="Dansk")

    # Danish by default, although the browser asks for English.
    expect(html).to_have_attribute("lang", "da")
    expect(danish).to_have_attribute("aria-pressed", "true")
    expect(log_out_button).not_to_have_text("Log out")
    danish_label = log_out_button.inner_text()

    with page.expect_navigation():
        english.click()
    expect(page).to_have_url(re.compile(r"/o/aarhus/$"))
    expect(html).to_have_attribute("lang", "en")
    expect(english).to_have_attribute("aria-pressed", "true")
    expect(log_out_button).to_have_text("Log out")
    assert_accessible(page)

    # The choice sticks: the next page is English too.
    visit(page, "/o/aarhus/members/")
    expect(html).to_have_attribute("lang", "en")

    with page.expect_navigation():
        danish.click()
    expect(page).to_have_url(re.compile(r"/o/aarhus/members/$"))
    expect(html).to_have_attribute("lang", "da")
    expect(log_out_button).to_have_text(danish_label)
    assert_accessible(page)
