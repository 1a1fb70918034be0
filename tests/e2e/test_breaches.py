"""The breach log in the browser, through axe: the log with its countdowns, the form in its
error state, a breach, the summary for the notification; and a screenshot for a person to see."""

import datetime

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from tests.e2e.browser import assert_accessible, log_in, submit, visit

pytestmark = pytest.mark.e2e


def aarhus(name, *args):
    return reverse(name, args=["aarhus", *args])


def test_a_dpo_registers_a_breach_and_reads_the_countdown(page, personas, tmp_path):
    from skanse.breaches.demo import load_breaches_demo
    from skanse.breaches.models import Breach

    load_breaches_demo()
    with scopes_disabled():
        breach = Breach.objects.get(organisation=personas.org, reference="BR-D1")
    log_in(page, personas.admin.email)
    visit(page, aarhus("breach_list"))
    countdown = page.locator("main .breach-clock--running time").first
    expect(countdown).to_have_attribute("datetime", breach_deadline(breach))
    page.screenshot(path=str(tmp_path / "breach_list.png"), full_page=True)
    visit(page, aarhus("breach_detail", breach.uuid))
    visit(page, aarhus("breach_summary", breach.uuid))
    visit(page, aarhus("breach_create"))
    page.fill("#id_title", "Forkert modtager")
    page.fill("#id_description", "Et brev blev sendt forkert.")
    page.fill("#id_occurred_at", "2026-01-02T10:00")
    page.fill("#id_aware_at", "2026-01-01T10:00")
    page.fill("#id_subjects_count", "-4")
    submit(page)
    expect(page.locator("#id_aware_at_error")).to_be_visible()
    expect(page.locator("#id_subjects_count_error")).to_be_visible()
    assert_accessible(page)


def breach_deadline(breach) -> str:
    from skanse.breaches.deadline import deadline

    return deadline(breach).astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%MZ")
