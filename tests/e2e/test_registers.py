"""The GDPR registers, the commons, the programme's keeping and the reports in the browser,
through axe: lists, details, forms in their error state, the field-by-field update page."""

import re

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from tests.e2e.browser import assert_accessible, log_in, submit, visit
from tests.e2e.test_campaigns import campaigns  # noqa: F401 - fixture

pytestmark = pytest.mark.e2e


@pytest.fixture
def registers(personas, campaigns):  # noqa: F811
    from skanse.commons.demo import load_commons_demo
    from skanse.kitos.demo import load_inventory_demo
    from skanse.privacy.demo import load_privacy_demo

    load_inventory_demo()
    load_privacy_demo()
    load_commons_demo()


def aarhus(name, *args):
    return reverse(name, args=["aarhus", *args])


def test_a_dpo_keeps_the_registers_and_takes_a_template_update(page, personas, registers):
    from skanse.commons.models import Adoption
    from skanse.inventory.models import ITSystem
    from skanse.privacy.models import ProcessingActivity, ProcessorAgreement

    with scopes_disabled():
        system = ITSystem.objects.filter(organisation=personas.org).first()
        activity = ProcessingActivity.objects.filter(organisation=personas.org).first()
        agreement = ProcessorAgreement.objects.filter(organisation=personas.org).first()
        adoption = Adoption.objects.filter(organisation=personas.org).first()
    log_in(page, personas.admin.email)
    visit(page, aarhus("org_dashboard"))
    expect(page.locator("#registers-heading")).to_be_visible()
    visit(page, aarhus("system_list"))
    visit(page, aarhus("system_detail", system.uuid))
    visit(page, aarhus("system_create"))
    submit(page)
    expect(page.locator("main .form-error-message").first).to_be_visible()
    assert_accessible(page)
    visit(page, aarhus("supplier_list"))
    visit(page, aarhus("contract_list"))
    visit(page, aarhus("kitos_settings"))
    visit(page, aarhus("activity_list"))
    visit(page, aarhus("activity_detail", activity.uuid))
    visit(page, aarhus("activity_edit", activity.uuid))
    visit(page, aarhus("agreement_list"))
    visit(page, aarhus("agreement_detail", agreement.uuid))
    visit(page, aarhus("supervision_list"))
    visit(page, aarhus("requirement_set_list"))
    visit(page, aarhus("commons_index"))
    visit(page, aarhus("commons_updates"))
    visit(page, aarhus("commons_adoption", adoption.uuid))
    visit(page, aarhus("report_list"))


def test_the_coordinator_keeps_the_programme_and_makes_the_national_report(
    page,
    personas,
    campaigns,  # noqa: F811
    settings,
):
    # The report waits in the queue (no worker runs here): the page shows it waiting.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    log_in(page, personas.coordinator.email)
    visit(page, "/o/kl/programme/")
    visit(page, "/o/kl/programme/edit/")
    visit(page, "/o/kl/programme/objectives/new/")
    submit(page)
    expect(page.locator("main .form-error-message").first).to_be_visible()
    assert_accessible(page)
    visit(page, "/o/kl/programme/recommendations/new/")
    visit(page, "/o/kl/programme/milestones/new/")
    visit(page, "/o/kl/campaigns/peer-groups/")
    visit(page, "/o/kl/campaigns/peer-groups/new/")
    visit(page, "/o/kl/campaigns/questionnaires/")
    visit(page, "/o/kl/commons/authoring/")
    visit(page, f"/o/kl/campaigns/{campaigns[-1].uuid}/")
    page.get_by_role("button", name=re.compile("dansk")).click()
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(r"/reports/[0-9a-f-]+/$"))
    assert_accessible(page)
