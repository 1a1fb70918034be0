"""Every page, as the coordinator admin and as a municipal admin, through axe-core.

Forms are also checked in their error state and after a successful post, since the error
markup and the success messages are where accessibility most often breaks.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.browser import MENU_LINKS, assert_accessible, log_in, visit
from tests.personas import PASSWORD, add_member

pytestmark = pytest.mark.e2e


def post_form(page: Page, fields: dict[str, str], *, status: int, form: str = "main form"):
    """Fill `fields` (by name) in `form`, submit it, check the status and the page."""
    target = page.locator(form)
    for name, value in fields.items():
        element = target.locator(f"[name={name}]")
        if element.evaluate("e => e.tagName") == "SELECT":
            element.select_option(value)
        else:
            element.fill(value)
    with page.expect_navigation() as navigation:
        target.locator("button[type=submit]").first.click()
    # After a redirect this is the response of the page it led to.
    response = navigation.value
    assert response.status == status, f"{page.url}: HTTP {response.status}, expected {status}"
    assert_accessible(page)


def crawl_public_pages(page: Page, email: str) -> None:
    visit(page, "/accounts/password/reset/")
    post_form(page, {"email": "not an address"}, status=200)
    expect(page.locator("main .form-error-message")).to_be_visible()
    post_form(page, {"email": email}, status=200)
    expect(page).to_have_url(re.compile(r"/accounts/password/reset/done/$"))
    visit(page, "/accessibility/")
    visit(page, "/no-such-page/", status=404)
    visit(page, "/invitations/not-a-real-link/", status=404)


def crawl_main_menu(page: Page) -> None:
    """Every section in the organisation's main menu and every page in a section's own menu,
    so new sections are checked too."""
    links = page.locator(MENU_LINKS)
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert len(hrefs) >= 4, hrefs
    sections = []
    for href in hrefs:
        visit(page, href)
        current = page.locator(f"{MENU_LINKS}[aria-current=page]")
        expect(current).to_have_attribute("href", href)
        section = page.locator("nav.section-menu a")
        sections += [section.nth(i).get_attribute("href") for i in range(section.count())]
    # A section's own menu (GDPR: records, agreements, supervision, DPIAs, Art. 25).
    for href in dict.fromkeys(s for s in sections if s not in hrefs):
        visit(page, href)
        expect(page.locator("nav.section-menu a[aria-current=page]")).to_have_attribute(
            "href", href
        )


def crawl_organisation(page: Page, slug: str, member_uuid, other_uuid=None) -> None:
    base = f"/o/{slug}"
    visit(page, f"{base}/")
    crawl_main_menu(page)  # the dashboard, the registers, members, audit trail…
    visit(page, f"{base}/members/{member_uuid}/")
    if other_uuid:
        visit(page, f"{base}/members/{other_uuid}/")
        post_form(
            page,
            {"role": "auditor"},
            status=200,
            form=f"main form[action$='/members/{other_uuid}/role/']",
        )
        expect(page.locator("main .alert-success")).to_be_visible()
    visit(page, f"{base}/members/invite/")
    post_form(page, {"email": ""}, status=400)
    expect(page.locator("main .form-error-message")).to_be_visible()
    visit(page, f"{base}/settings/")
    # Saved with no role ticked: the personas keep logging in without a second factor.
    post_form(page, {}, status=200)
    expect(page.locator("main .alert-success")).to_be_visible()
    visit(page, f"{base}/tokens/")
    post_form(page, {"name": "   "}, status=400)
    post_form(page, {"name": "KITOS synkronisering"}, status=200)
    expect(page.get_by_test_id("new-token")).to_have_text(re.compile(r"^skanse_"))
    visit(page, f"{base}/audit/?date_from=2030-01-02&date_to=2030-01-01")
    expect(page.locator("main .form-error-message")).to_be_visible()
    visit(page, f"/o/{slug}/history/{member_uuid}/")


@pytest.mark.parametrize("who", ["coordinator", "admin"])
def test_every_page_is_accessible(page, personas, who):
    user = getattr(personas, who)
    membership = personas.membership[user.email]
    organisation = membership.organisation
    if who == "admin":
        # A second organisation, so the start page asks which one to work in.
        add_member(personas.other_org, user, "contributor")
        other = personas.membership[personas.contributor.email]
    else:
        other = None
    aarhus_uuid = personas.org.uuid

    crawl_public_pages(page, user.email)
    log_in(page, user.email)
    if who == "admin":
        expect(page).to_have_url(re.compile(r"^https?://[^/]+/$"))
        expect(page.locator("main ul.org-choice li")).to_have_count(2)
        assert_accessible(page)
    visit(page, "/?choose=1")
    crawl_organisation(page, organisation.slug, membership.uuid, other and other.uuid)

    if who == "coordinator":
        base = f"/o/{organisation.slug}"
        visit(page, f"{base}/organisations/?kind=municipality&q=aarhus")
        expect(page.locator("main tbody tr")).to_have_count(1)
        visit(page, f"{base}/organisations/{aarhus_uuid}/")
        visit(page, f"{base}/organisations/new/")
        post_form(page, {"name": "", "cvr": "12"}, status=400)
        post_form(
            page, {"name": "Digitaliseringsstyrelsen", "kind": "other", "cvr": ""}, status=200
        )
        expect(page.locator("main h1")).to_have_text("Digitaliseringsstyrelsen")

    visit(page, "/accounts/profile/")
    post_form(page, {"name": f"{user.name} Jensen"}, status=200)
    expect(page.locator("header .username")).to_have_text(f"{user.name} Jensen")
    visit(page, "/accounts/password/change/")
    post_form(
        page,
        {"oldpassword": "wrong-password", "password1": "x", "password2": "y"},
        status=200,
    )
    expect(page.locator("main .form-error-message").first).to_be_visible()
    visit(page, "/accounts/2fa/")
    visit(page, "/accessibility/")
    visit(page, "/no-such-page/", status=404)
    visit(page, "/o/koebenhavns/", status=404)
    visit(page, f"/o/{organisation.slug}/members/00000000-0000-0000-0000-000000000000/", status=404)


def test_forbidden_page_is_accessible(page, personas):
    log_in(page, personas.contributor.email)
    visit(page, "/o/aarhus/members/invite/", status=403)
    visit(page, f"/o/aarhus/members/{personas.membership[personas.admin.email].uuid}/")
    expect(page.locator("main form")).to_have_count(0)
    visit(page, "/o/aarhus/tokens/")


def test_password_reset_by_email_link(page, personas, mailoutbox):
    visit(page, "/accounts/password/reset/")
    post_form(page, {"email": personas.contributor.email}, status=200)
    expect(page).to_have_url(re.compile(r"/accounts/password/reset/done/$"))
    assert len(mailoutbox) == 1
    links = re.findall(r"https?://\S+/accounts/password/reset/key/\S+/", mailoutbox[0].body)
    assert len(links) == 1, mailoutbox[0].body

    # allauth swaps the key in the link for a session value and redirects to a fixed address.
    page.goto(links[0])
    expect(page).to_have_url(re.compile(r"/accounts/password/reset/key/.+-set-password/$"))
    assert_accessible(page)
    post_form(page, {"password1": "kort", "password2": "kort"}, status=200)
    expect(page.locator("main .form-error-message").first).to_be_visible()
    post_form(
        page,
        {"password1": "Solsikke-Vandmelon-88", "password2": "Solsikke-Vandmelon-88"},
        status=200,
    )
    expect(page).to_have_url(re.compile(r"/accounts/password/reset/key/done/$"))

    log_in(page, personas.contributor.email, "Solsikke-Vandmelon-88")
    expect(page).to_have_url(re.compile(r"/o/aarhus/$"))


def test_password_change_succeeds(page, personas):
    log_in(page, personas.contributor.email)
    visit(page, "/accounts/password/change/")
    post_form(
        page,
        {
            "oldpassword": PASSWORD,
            "password1": "Ny-Adgangskode-2026",
            "password2": "Ny-Adgangskode-2026",
        },
        status=200,
    )
    expect(page.locator("main .alert-success, main .alert-info").first).to_be_visible()
