"""The breach's 72-hour clock ticks in the browser: skanse.js recomputes the server's words
once a minute from `data-deadline`, in Danish and in English, turns bold with 24 hours left and
says "overdue" when the deadline passes. Playwright's fake clock moves time on; the expected
words come from skanse/breaches/deadline.py for the same moment, so the script and the server
must agree word for word. axe stays clean after the clocks have ticked, and the ticking text is
no live region (a screen reader is not told every minute)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from tests.e2e.browser import assert_accessible, log_in

pytestmark = pytest.mark.e2e

HOURS_72 = datetime.timedelta(hours=72)
LEFT = {
    # title: time left when registered; 30 seconds into the minute, so that the few seconds a
    # test takes never change the minute the words show.
    "Dage": datetime.timedelta(hours=49, seconds=30),  # "2 days 1 hour" → "2 days"
    "Timer": datetime.timedelta(hours=24, minutes=1, seconds=30),  # running → due soon
    "Minutter": datetime.timedelta(minutes=1, seconds=30),  # due soon → overdue
}


def _register(org, now):
    from skanse.breaches import services

    breaches = {}
    with scopes_disabled():
        for title, left in LEFT.items():
            aware = now - (HOURS_72 - left)
            breaches[title] = services.breach_create(
                None,
                org,
                title=title,
                occurred_at=aware,
                aware_at=aware,
                description="Testbrud.",
                risk="risk",
            )
        aware = now - datetime.timedelta(hours=10)
        breaches["Anmeldt"] = services.breach_create(
            None,
            org,
            title="Anmeldt",
            occurred_at=aware,
            aware_at=aware,
            description="Testbrud.",
            risk="risk",
            authority_notified_at=now - datetime.timedelta(hours=1),
        )
    return breaches


def _words(breach, at, language):
    from skanse.breaches.deadline import clock

    with translation.override(language):
        return clock(breach, at).words


def _clock(page, title):
    row = page.locator("main tr", has=page.get_by_role("link", name=title, exact=True))
    return row.locator(".breach-clock")


def _words_of(page, title):
    return _clock(page, title).locator(".breach-clock__words")


def _expect_clock(page, breach, at, language, state):
    clock = _clock(page, breach.title)
    expect(clock.locator(".breach-clock__words")).to_have_text(_words(breach, at, language))
    expect(clock).to_have_class(f"breach-clock breach-clock--{state}")
    bold = clock.locator(".breach-clock__words strong")
    expect(bold).to_have_count(0 if state == "running" else 1)


def _minutes(n) -> int:
    return int(datetime.timedelta(minutes=n).total_seconds() * 1000)


def test_the_countdown_ticks_in_both_languages_and_stays_quiet_and_accessible(page, personas):
    now = timezone.now()
    breaches = _register(personas.org, now)
    log_in(page, personas.admin.email)
    # The browser's clock starts where the server's is, and stands still while the test looks:
    # the words on the page then belong to one known moment. axe needs the clock to run.
    at = timezone.now() + datetime.timedelta(seconds=1)
    page.clock.install(time=at - datetime.timedelta(seconds=1))
    page.clock.pause_at(at)
    page.goto(reverse("breach_list", args=["aarhus"]))
    expect(page.locator("html")).to_have_attribute("lang", "da")

    # On load the script's words are the server's (in Danish, the default).
    _expect_clock(page, breaches["Dage"], at, "da", "running")
    _expect_clock(page, breaches["Timer"], at, "da", "running")
    _expect_clock(page, breaches["Minutter"], at, "da", "due_soon")
    expect(_words_of(page, "Dage")).to_have_text("2 dage 1 time tilbage")
    notified = _clock(page, "Anmeldt")
    notified_text = _words(breaches["Anmeldt"], at, "da")
    expect(notified).to_have_text(notified_text)
    expect(page.locator("main [data-deadline]")).to_have_count(3)  # not the notified one

    # Three minutes on: fewer minutes, bold with 24 hours left, overdue after the deadline.
    page.clock.run_for(_minutes(3))
    at += datetime.timedelta(minutes=3)
    _expect_clock(page, breaches["Dage"], at, "da", "running")
    _expect_clock(page, breaches["Timer"], at, "da", "due_soon")
    _expect_clock(page, breaches["Minutter"], at, "da", "overdue")
    expect(_words_of(page, "Minutter")).to_have_text("Overskredet med 1 minut")
    expect(_words_of(page, "Dage")).to_have_text("2 dage tilbage")
    expect(notified).to_have_text(notified_text)  # a notified breach's clock has stopped
    # The deadline itself does not move.
    expect(_clock(page, "Timer").locator("time")).to_have_attribute(
        "datetime",
        (now + LEFT["Timer"]).astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%MZ"),
    )
    # Not a live region: nothing announces the minutes.
    quiet = page.evaluate(
        """() => [...document.querySelectorAll('.breach-clock')].every(el => !el.closest(
            '[aria-live], [role=status], [role=alert], [role=log], [role=timer]'))"""
    )
    assert quiet
    page.clock.resume()
    assert_accessible(page)

    # In English, after the footer's switch, the same clocks tick in English.
    with page.expect_navigation():
        page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    at += datetime.timedelta(seconds=30)
    page.clock.pause_at(at)
    _expect_clock(page, breaches["Timer"], at, "en", "due_soon")
    page.clock.run_for(_minutes(60))
    at += datetime.timedelta(minutes=60)
    _expect_clock(page, breaches["Dage"], at, "en", "running")
    _expect_clock(page, breaches["Timer"], at, "en", "due_soon")
    _expect_clock(page, breaches["Minutter"], at, "en", "overdue")
    expect(_words_of(page, "Minutter")).to_have_text("Overdue by 1 hour 2 minutes")
    page.clock.resume()
    assert_accessible(page)


def test_the_breach_page_and_the_dashboard_card_tick_too(page, personas):
    breaches = _register(personas.org, timezone.now())
    breach = breaches["Minutter"]
    log_in(page, personas.admin.email)
    at = timezone.now() + datetime.timedelta(seconds=1)
    page.clock.install(time=at - datetime.timedelta(seconds=1))
    for path in (
        reverse("breach_detail", args=["aarhus", breach.uuid]),
        reverse("org_dashboard", args=["aarhus"]),
    ):
        page.clock.pause_at(at)
        page.goto(path)
        words = page.locator("main .breach-clock[data-deadline] .breach-clock__words").first
        expect(words).to_have_text(_words(breach, at, "da"))
        page.clock.run_for(_minutes(3))
        at += datetime.timedelta(minutes=3)
        expect(words).to_have_text(_words(breach, at, "da"))
        expect(page.locator("main .breach-clock--overdue")).to_have_count(1)
        page.clock.resume()
        assert_accessible(page)
        at += datetime.timedelta(seconds=30)
