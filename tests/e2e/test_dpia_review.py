"""A DPIA in the browser, through axe: a screening (with its form in the error state), the
DPIA from draft to approval with the next step named on the way, a risk form in its error
state, the approved version frozen, the prior consultation afterwards, a contributor's
assigned section; and screenshots for a person to see."""

import datetime
import os
from pathlib import Path

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from tests.e2e.browser import assert_accessible, log_in, log_out, submit, visit

pytestmark = pytest.mark.e2e
CATALOGUE = (
    Path(__file__).resolve().parents[2] / "skanse/library/catalogues/wp248-dpia-criteria.yaml"
)


def aarhus(name, *args):
    return reverse(name, args=["aarhus", *args])


def in_english(page):
    """The footer's language switch: the texts below are the English ones."""
    with page.expect_navigation():
        page.get_by_role("button", name="English").click()


def test_a_keeper_screens_an_activity_and_takes_the_dpia_to_approval(page, personas, tmp_path):
    from skanse.dpia.models import Dpia, Screening
    from skanse.library.services import library_import
    from skanse.privacy import services as privacy

    shots = Path(os.environ.get("SKANSE_SCREENSHOTS", tmp_path))
    library_import(CATALOGUE.read_bytes(), via="cli")
    with scopes_disabled():
        activity = privacy.processing_activity_create(
            None, personas.org, name="Visitation til hjemmepleje"
        )
    log_in(page, personas.admin.email)
    in_english(page)
    visit(page, aarhus("dpia_list"))

    # The screening: the reasons are required, and the message is at the field.
    visit(page, aarhus("screening_create") + f"?activity={activity.uuid}")
    page.check("input[name=criteria][value=c4]")
    page.check("input[name=criteria][value=c7]")
    page.check("input[name=outcome][value=required]")
    submit(page)
    expect(page.locator("#id_reasons_error")).to_be_visible()
    assert_accessible(page)
    page.fill("#id_reasons", "Helbredsoplysninger om ældre borgere: to kriterier.")
    submit(page)
    expect(page.locator("main")).to_contain_text("a DPIA is likely required")
    assert_accessible(page)
    page.screenshot(path=str(shots / "dpia_screening.png"), full_page=True)

    # The next step: start the DPIA from the screening.
    with page.expect_navigation():
        page.locator("main a", has_text="Start the DPIA").first.click()
    assert_accessible(page)
    submit(page)
    expect(page.locator("main .alert-info .alert-heading")).to_contain_text(
        "Next step: Describe the processing"
    )
    assert_accessible(page)
    with scopes_disabled():
        screening = Screening.objects.get(organisation=personas.org)
        dpia = Dpia.objects.get(screening=screening)
        version = dpia.versions.get()

    visit(page, aarhus("dpia_version_edit", version.uuid) + "?part=description")
    for name, text in (
        ("purposes", "Visitation til hjemmepleje."),
        ("data_flows", "Ansøgning → sagsbehandler → omsorgssystem."),
        ("data_categories", "Ældre borgere; helbred, CPR-nummer."),
        ("recipients", "Hjemmeplejeleverandører."),
        ("technical_support", "Omsorgssystem hos databehandler."),
    ):
        page.fill(f"#id_{name}", text)
    submit(page)
    assert_accessible(page)

    # A risk: the form in its error state, then a risk that stays high (Art. 36).
    visit(page, aarhus("dpia_risk_add", version.uuid))
    submit(page)
    expect(page.locator("#id_title_error")).to_be_visible()
    expect(page.locator("#id_likelihood_error")).to_be_visible()
    assert_accessible(page)
    page.fill("#id_title", "Uautoriseret adgang til helbredsoplysninger")
    page.select_option("#id_likelihood", "4")
    page.select_option("#id_severity", "4")
    page.fill("#id_measures", "Rollebaseret adgang.")
    page.select_option("#id_residual_likelihood", "3")
    page.select_option("#id_residual_severity", "4")
    submit(page)
    expect(page.locator("main")).to_contain_text("Prior consultation of Datatilsynet (Art. 36)")
    assert_accessible(page)

    visit(page, aarhus("dpia_version_consult", version.uuid))
    page.fill("#id_dpo_name", "Dorthe Databeskyttelse")
    page.fill("#id_dpo_opinion", "Enig; Datatilsynet skal høres.")
    submit(page)
    with page.expect_navigation():
        page.locator("main button", has_text="Send for approval").first.click()
    expect(page.locator("main .alert-info .alert-heading")).to_contain_text(
        "Next step: Management approves"
    )
    assert_accessible(page)

    with page.expect_navigation():
        page.locator("main a", has_text="Record the approval").first.click()
    assert_accessible(page)
    page.fill("#id_approved_by_name", "Direktør for Sundhed og Omsorg")
    page.fill("#id_approved_on", "2099-01-01")
    submit(page)
    expect(page.locator("#id_approved_on_error")).to_be_visible()
    assert_accessible(page)
    page.fill("#id_approved_on", datetime.date.today().isoformat())
    submit(page)
    expect(page.locator("main .font-lead")).to_contain_text("frozen")
    assert_accessible(page)
    page.screenshot(path=str(shots / "dpia_approved.png"), full_page=True)

    # After the approval: the prior consultation is what is left to record.
    with page.expect_navigation():
        page.locator("main a", has_text="Record the prior consultation").first.click()
    assert_accessible(page)
    page.fill("#id_prior_consultation_on", datetime.date.today().isoformat())
    submit(page)
    assert_accessible(page)
    visit(page, aarhus("dpia_version_edit", version.uuid) + "?part=description")
    expect(page.locator("main .alert-error")).to_contain_text("cannot be changed")


def test_a_contributor_fills_in_the_section_assigned_to_them(page, personas):
    from skanse.dpia import services
    from skanse.dpia.tests.conftest import make_version

    version = make_version(personas.org)
    with scopes_disabled():
        services.assignment_set(
            actor=None, version=version, section="risks", assignee=personas.contributor
        )
    log_in(page, personas.contributor.email)
    in_english(page)
    visit(page, aarhus("org_dashboard"))
    with page.expect_navigation():
        page.locator("main a", has_text="Risks to data subjects").first.click()
    expect(page.locator("main .alert-info .alert-heading")).to_contain_text("Assigned to you")
    assert_accessible(page)
    visit(page, aarhus("dpia_risk_add", version.uuid))
    visit(page, aarhus("dpia_version_edit", version.uuid) + "?part=description", status=403)
    log_out(page)
