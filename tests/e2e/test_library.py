"""The library in the browser: import with progress, browse, search as you type, author and
publish, compare versions — every page through axe-core."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import assert_accessible, log_in, submit, visit

pytestmark = pytest.mark.e2e

CATALOGUES = Path(__file__).resolve().parents[2] / "skanse" / "library" / "catalogues"


def test_the_coordinator_imports_browses_and_authors(page, personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    log_in(page, personas.coordinator.email)
    visit(page, "/o/kl/library/")

    # Import the built-in ISO/IEC 27001 catalogue through the upload form.
    visit(page, "/o/kl/library/import/")
    page.locator("main input[name=file]").set_input_files(str(CATALOGUES / "iso27001-2022.yaml"))
    submit(page)
    expect(page).to_have_url(re.compile(r"/o/kl/library/imports/[0-9a-f-]+/$"))
    expect(page.locator("#import-status .alert-success")).to_be_visible()
    assert_accessible(page)

    # A bad file: the report names the place, and nothing is imported.
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: skanse-library/1\nkind: framework\nurn: urn:x\nversion: '1'\n")
    visit(page, "/o/kl/library/import/")
    page.locator("main input[name=file]").set_input_files(str(bad))
    submit(page)
    expect(page.locator("#import-status .alert-error")).to_contain_text("requirements")
    assert_accessible(page)

    # Browse the tree, search as you type (htmx swaps the tree), open a requirement.
    visit(page, "/o/kl/library/")
    with page.expect_navigation():
        page.locator("main table a", has_text="ISO/IEC 27001").first.click()
    assert_accessible(page)
    page.locator("#id_q").fill("A.5.1")
    expect(page.locator("#requirement-tree")).to_contain_text("A.5.15")
    expect(page.locator("#requirement-tree li")).to_have_count(11)  # A.5.1 and A.5.10–A.5.19
    assert_accessible(page)
    with page.expect_navigation():
        page.locator("#requirement-tree a", has_text="Politikker for informationssikkerhed").click()
    expect(page.locator("main h1")).to_contain_text("A.5.1")
    assert_accessible(page)

    # Author the programme's own recommendations, publish, make version 2, compare.
    visit(page, "/o/kl/library/new/")
    submit(page)
    expect(page.locator("main .form-error-message").first).to_be_visible()
    assert_accessible(page)
    page.locator("main [name=name]").fill("Security Programme recommendations")
    page.locator("main [name=name_da]").fill("Sikkerhedsprogrammets anbefalinger")
    page.locator("main [name=ref_id]").fill("KL-ANB")
    submit(page)
    expect(page.locator("main .alert-warning")).to_be_visible()  # a draft
    assert_accessible(page)
    for ref_id, name in (("1", "Appoint a security coordinator"), ("2", "Run a risk assessment")):
        with page.expect_navigation():
            page.get_by_role("link", name=re.compile("Tilføj krav|Add requirement")).click()
        assert_accessible(page)
        page.locator("main [name=ref_id]").fill(ref_id)
        page.locator("main [name=name]").fill(name)
        submit(page)
    expect(page.locator("#requirement-tree li")).to_have_count(2)
    submit(page, "main form[action$='/publish/']")
    expect(page.locator("main .alert-success")).to_be_visible()
    assert_accessible(page)
    submit(page, "main form[action$='/new-version/']")
    expect(page.locator("main .alert-warning")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("Tilføj krav|Add requirement")).click()
    page.locator("main [name=ref_id]").fill("3")
    page.locator("main [name=name]").fill("Train the staff")
    submit(page)
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("Sammenlign|Compare")).click()
    expect(page.locator("main")).to_contain_text("Train the staff")
    assert_accessible(page)


def test_a_member_reads_the_library_and_the_api_documentation(page, personas):
    log_in(page, personas.contributor.email)
    visit(page, "/o/aarhus/library/")
    visit(page, "/o/aarhus/library/import/", status=403)
    visit(page, "/api/v1/docs/")
    expect(page.locator("main h1")).to_be_visible()
