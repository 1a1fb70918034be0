"""Campaigns in the browser: a municipality answers (saved as you go), confirms carried-over
answers and reads its results; the coordinator follows participation — all through axe."""

import re
from pathlib import Path

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from tests.e2e.browser import assert_accessible, log_in, submit, visit

pytestmark = pytest.mark.e2e

CATALOGUES = Path(__file__).resolve().parents[2] / "skanse" / "library" / "catalogues"


@pytest.fixture
def campaigns(personas):
    from skanse.campaigns.demo import load_campaign_demo
    from skanse.library.services import library_import

    for name in (
        "iso27001-2022",
        "gdpr",
        "nist-csf-2.0",
        "wp248-dpia-criteria",
        "edpb-art25-elements",
    ):
        library_import((CATALOGUES / f"{name}.yaml").read_bytes())
    return load_campaign_demo()


def test_a_municipality_answers_and_reads_its_results(page, personas, campaigns):
    follow_up = campaigns[-1]
    with scopes_disabled():
        response = follow_up.responses.get(organisation=personas.org)
    log_in(page, personas.admin.email)
    visit(page, "/o/aarhus/responses/")
    visit(page, f"/o/aarhus/responses/{response.uuid}/")
    with page.expect_navigation():
        page.locator("main table a").first.click()
    assert_accessible(page)

    # Change one answer: htmx saves it and swaps in the question with "Saved".
    card_id = page.locator("section.question-card:has(input[type=radio])").first.get_attribute("id")
    page.locator(f"#{card_id} input[type=radio]").last.check()
    expect(page.locator(f"#{card_id} .saved-note")).to_be_visible()
    assert_accessible(page)

    # A bad value is refused at the question, with the message in the page.
    number = page.locator("section.question-card:has(input[inputmode=decimal])").first
    if number.count():
        number.locator("input[inputmode=decimal]").fill("not a number")
        number.locator("input[inputmode=decimal]").press("Tab")
        expect(page.locator("section.question-card.form-error")).to_have_count(1)
        assert_accessible(page)

    visit(page, f"/o/aarhus/responses/{response.uuid}/results/")
    expect(page.locator("main table tbody tr").first).to_be_visible()
    visit(page, "/o/aarhus/programme/")
    expect(page.locator("main h2").first).to_be_visible()


def test_the_coordinator_follows_participation_and_results(page, personas, campaigns):
    log_in(page, personas.coordinator.email)
    visit(page, "/o/kl/campaigns/")
    for campaign in campaigns:
        visit(page, f"/o/kl/campaigns/{campaign.uuid}/")
        expect(page.locator("main")).to_contain_text(re.compile("Median|median"))
    # Remind everyone who has not submitted the open follow-up.
    visit(page, f"/o/kl/campaigns/{campaigns[-1].uuid}/")
    submit(page, "main form[action$='/remind/']")
    expect(page.locator("main .alert-success")).to_be_visible()
    assert_accessible(page)
    # Those still in progress; one of them gets a later deadline.
    page.select_option("main select[name=status]", "in_progress")
    with page.expect_navigation():
        page.click("main form[role=search] button[type=submit]")
    expect(page.locator("main tbody tr td:nth-child(2)").first).to_have_text("I gang")
    row = page.locator("main tbody tr").first
    row.locator("summary").click()
    assert_accessible(page)
    row.locator("input[type=date]").fill("2099-01-31")
    with page.expect_navigation():
        row.locator("form[action$='/extend/'] button").click()
    expect(page.locator("main .alert-success")).to_be_visible()
    expect(page.locator("main tbody").first).to_contain_text("31.01.2099")
    visit(page, "/o/kl/programme/")
    visit(page, "/o/kl/campaigns/new/")
    submit(page)
    expect(page.locator("main .form-error-message").first).to_be_visible()
    assert_accessible(page)
