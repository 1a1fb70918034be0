"""Privacy by design in the browser, through axe: the overview, a system, the assessment with
every element, a gap's form in its error state, the national view; and screenshots."""

import os
from pathlib import Path

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from tests.e2e.browser import assert_accessible, log_in, submit, visit

pytestmark = pytest.mark.e2e
CATALOGUE = (
    Path(__file__).resolve().parents[2] / "skanse/library/catalogues/edpb-art25-elements.yaml"
)


def aarhus(name, *args):
    return reverse(name, args=["aarhus", *args])


def test_an_admin_assesses_a_system_and_answers_a_gap(page, personas, tmp_path, settings):
    from skanse.design import services
    from skanse.design.models import Assessment
    from skanse.inventory import services as inventory_services
    from skanse.library.services import library_import

    shots = Path(os.environ.get("SKANSE_SCREENSHOTS", tmp_path))
    library_import(CATALOGUE.read_bytes(), via="cli")
    with scopes_disabled():
        supplier = inventory_services.supplier_create(
            actor=None, organisation=personas.org, name="Systemhuset A/S"
        )
        system = inventory_services.system_create(
            actor=None, organisation=personas.org, name="Omsorgssystem", supplier=supplier
        )
        inventory_services.system_create(actor=None, organisation=personas.org, name="Løn")
    log_in(page, personas.admin.email)
    visit(page, aarhus("design_overview"))
    visit(page, aarhus("design_system", system.uuid))
    visit(page, aarhus("design_assessment_create", system.uuid))
    submit(page)
    with scopes_disabled():
        assessment = Assessment.objects.get(system=system)
    assert_accessible(page)  # the elements' form
    page.select_option("select[name='TR-01.result']", "not_met")
    page.select_option("select[name='TR-02.result']", "met")
    submit(page)
    assert_accessible(page)  # the assessment
    page.screenshot(path=str(shots / "design_assessment.png"), full_page=False)
    with scopes_disabled():
        gap = assessment.elements.get(element__ref_id="TR-01")
    visit(page, aarhus("design_gap_edit", gap.uuid))
    page.check("input[name=response][value=system_change]")
    page.fill("#id_measure", "Privatlivsinformation i klart sprog i borgerportalen.")
    submit(page)
    expect(page.locator("#id_due_on_error")).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=str(shots / "design_gap_error.png"), full_page=True)
    with scopes_disabled():
        services.gap_decide(
            actor=None,
            row=gap,
            response="accepted",
            accept_reason="Lav risiko",
            accepted_by="Direktionen",
        )
    visit(page, aarhus("design_overview"))
    page.screenshot(path=str(shots / "design_overview.png"), full_page=True)


def test_the_coordinator_reads_the_national_view(page, personas, settings):
    settings.CAMPAIGN_MIN_GROUP = 1
    library_file = CATALOGUE.read_bytes()
    from skanse.library.services import library_import

    library_import(library_file, via="cli")
    log_in(page, personas.coordinator.email)
    visit(page, reverse("design_national", args=[personas.coordinator_org.slug]))
