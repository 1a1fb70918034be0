import io

from django.core import mail
from django.core.management import call_command
from django_scopes import scope, scopes_disabled

from skanse.breaches import services
from skanse.breaches.tests.conftest import ago, make_breach
from skanse.core.models import AuditEvent
from skanse.privacy import services as privacy


def test_the_registration_alert_goes_to_the_dpo_the_security_officer_and_the_dpo_address(
    personas, django_capture_on_commit_callbacks
):
    with scope(organisation=personas.org):
        privacy.controller_details_update(
            actor=None, organisation=personas.org, dpo_email="dpo@kommune.test"
        )
    with django_capture_on_commit_callbacks(execute=True):
        make_breach(personas.org, title="Mistet USB-nøgle")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == sorted(
        ["dpo@kommune.test", personas.dpo.email, personas.security_officer.email]
    )
    assert "Mistet USB-nøgle" in message.subject
    assert "/breaches/" in message.body
    assert personas.contributor.email not in message.to


def test_the_deadline_alert_is_due_with_24_hours_left_and_sent_once(
    personas, django_capture_on_commit_callbacks
):
    early = make_breach(personas.org, title="Tidligt", aware_at=ago(hours=40), risk="risk")
    due = make_breach(personas.org, title="Snart", aware_at=ago(hours=50), risk="risk")
    overdue = make_breach(personas.other_org, title="Forsinket", aware_at=ago(hours=80))
    make_breach(
        personas.org, title="Ingen risiko", aware_at=ago(hours=60), risk="none", risk_reasoning="x"
    )
    make_breach(
        personas.org,
        title="Anmeldt",
        aware_at=ago(hours=60),
        risk="risk",
        authority_notified_at=ago(hours=30),
    )
    mail.outbox.clear()
    with scopes_disabled():
        assert {b.pk for b in services.due_deadline_alerts()} == {due.pk, overdue.pk}
    with django_capture_on_commit_callbacks(execute=True):
        call_command("breach-alerts", stdout=io.StringIO())
    assert sorted(m.subject.split("–")[-1].strip() for m in mail.outbox) == ["Forsinket", "Snart"]
    with django_capture_on_commit_callbacks(execute=True):
        out = io.StringIO()
        call_command("breach-alerts", stdout=out)
    assert len(mail.outbox) == 2  # not again
    assert out.getvalue().startswith("0 ")
    with scopes_disabled():
        assert services.due_deadline_alerts() == []
        assert AuditEvent.objects.filter(action="breaches.breach.alerted").count() == 2
        # Twenty hours on, the early one has less than 24 hours left and is due in turn.
        assert [b.pk for b in services.due_deadline_alerts(now=ago(hours=-20))] == [early.pk]


def test_a_breach_notified_before_the_worker_runs_gets_no_deadline_mail(
    personas, django_capture_on_commit_callbacks
):
    breach = make_breach(personas.org, aware_at=ago(hours=50), risk="risk")
    mail.outbox.clear()
    from skanse.breaches.tasks import send_breach_alert

    with scope(organisation=personas.org):
        services.breach_update(None, breach, authority_notified_at=ago(hours=1))
    send_breach_alert.call(breach.pk, "deadline")
    assert mail.outbox == []


def test_a_later_awareness_moves_the_deadline_and_the_alert_is_due_again(
    personas, django_capture_on_commit_callbacks
):
    breach = make_breach(personas.org, title="Flyttet", aware_at=ago(hours=50), risk="risk")
    with scopes_disabled():
        assert services.breach_deadline_alert(breach)
        assert services.due_deadline_alerts() == []
    with scope(organisation=personas.org):
        # Corrected: the organisation became aware ten hours later than first registered.
        services.breach_update(None, breach, aware_at=ago(hours=40))
    with scopes_disabled():
        assert services.due_deadline_alerts() == []  # 32 hours left: not yet
        assert [b.pk for b in services.due_deadline_alerts(now=ago(hours=-10))] == [breach.pk]
        # An earlier awareness does not: the alert already went out before the new deadline.
        assert services.breach_deadline_alert(breach, now=ago(hours=-10))
    with scope(organisation=personas.org):
        services.breach_update(None, breach, aware_at=ago(hours=45))
    with scopes_disabled():
        assert services.due_deadline_alerts(now=ago(hours=-10)) == []
