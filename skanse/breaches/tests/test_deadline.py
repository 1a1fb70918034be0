import datetime

from django.utils import timezone

from skanse.breaches import deadline
from skanse.breaches.models import Breach

NOW = datetime.datetime(2026, 3, 10, 12, 0, tzinfo=datetime.UTC)


def _breach(hours_ago, **fields) -> Breach:
    return Breach(aware_at=NOW - datetime.timedelta(hours=hours_ago), **fields)


def test_the_clock_counts_down_from_72_hours_after_awareness():
    clock = deadline.clock(_breach(30, risk="risk"), NOW)
    assert clock.state == "running"
    assert clock.deadline == NOW + datetime.timedelta(hours=42)
    assert clock.words == "42 hours 0 minutes left"


def test_the_last_24_hours_are_urgent():
    clock = deadline.clock(_breach(60.5), NOW)
    assert clock.state == "due_soon"
    assert clock.urgent
    assert clock.words == "11 hours 30 minutes left"


def test_after_72_hours_it_says_how_long_overdue():
    assert deadline.clock(_breach(73, risk="high"), NOW).words == "Overdue by 1 hour 0 minutes"
    assert deadline.clock(_breach(72 + 24 * 3 + 5), NOW).words == "Overdue by 3 days 5 hours"


def test_a_notified_breach_says_whether_it_was_in_time():
    aware = NOW - datetime.timedelta(hours=100)
    on_time = Breach(aware_at=aware, authority_notified_at=aware + datetime.timedelta(hours=20))
    late = Breach(aware_at=aware, authority_notified_at=aware + datetime.timedelta(hours=80))
    assert deadline.clock(on_time, NOW).state == "notified"
    assert deadline.clock(late, NOW).state == "notified_late"
    assert deadline.clock(late, NOW).words == "Notified late, 3 days 8 hours after awareness"


def test_no_risk_stops_the_clock():
    clock = deadline.clock(_breach(100, risk="none"), NOW)
    assert clock.state == "not_required"
    assert not clock.urgent


def test_the_default_now_is_the_server_time():
    breach = Breach(aware_at=timezone.now())
    assert deadline.clock(breach).state == "running"


def test_a_counting_clock_gives_the_script_its_deadline_to_the_millisecond():
    from django.template.loader import render_to_string

    aware = NOW - datetime.timedelta(hours=30, microseconds=250_500)
    running = deadline.clock(Breach(aware_at=aware, risk="risk"), NOW)
    assert running.live
    assert running.deadline_iso == "2026-03-12T05:59:59.749+00:00"
    html = render_to_string("breaches/_clock.html", {"clock": running})
    assert 'data-deadline="2026-03-12T05:59:59.749+00:00"' in html
    assert '<span class="breach-clock__words">41 hours 59 minutes left</span>' in html
    assert "aria-live" not in html
    stopped = deadline.clock(_breach(100, risk="none"), NOW)
    assert not stopped.live
    assert "data-deadline" not in render_to_string("breaches/_clock.html", {"clock": stopped})
