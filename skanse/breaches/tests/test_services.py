import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django_scopes import scope

from skanse.breaches import services
from skanse.breaches.models import Breach
from skanse.breaches.tests.conftest import ago, make_breach
from skanse.core.models import AuditEvent


def _error_field(excinfo) -> str:
    return next(iter(excinfo.value.error_dict))


def test_a_breach_is_registered_with_its_links_and_audited(personas, inv):
    breach = make_breach(
        personas.org,
        subjects_count=40,
        records_count=1,
        kinds=["confidentiality"],
        subject_categories=["citizens"],
        data_categories=["cpr", "ordinary"],
        systems=[inv["own"]["system"].uuid],
        processors=[inv["own"]["supplier"].uuid],
    )
    with scope(organisation=personas.org):
        event = AuditEvent.objects.get(object_uuid=breach.uuid)
        assert [s.name for s in breach.systems.all()] == ["Sagssystem"]
    assert event.action == "breaches.breach.created"
    assert event.changes["subjects_count"] == [None, 40]
    assert event.changes["systems"] == [None, ["Sagssystem"]]
    assert breach.data_categories == ["ordinary", "cpr"]  # the pick list's order


def test_an_update_records_only_what_changed(personas):
    breach = make_breach(personas.org)
    with scope(organisation=personas.org):
        services.breach_update(personas.dpo, breach, measures="Brevet er hentet tilbage.")
        event = AuditEvent.objects.filter(object_uuid=breach.uuid).first()
    assert event.action == "breaches.breach.changed"
    assert event.actor == personas.dpo
    assert event.changes == {"measures": ["", "Brevet er hentet tilbage."]}


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"occurred_at": ago(hours=1), "aware_at": ago(hours=5)}, "aware_at"),
        ({"aware_at": ago(hours=-3), "occurred_at": ago(hours=1)}, "aware_at"),
        ({"occurred_at": ago(hours=-1), "aware_at": ago(hours=-2)}, "occurred_at"),
        ({"authority_notified_at": ago(hours=20), "risk": "risk"}, "authority_notified_at"),
        (
            {"subjects_notified_at": ago(hours=20), "subjects_notice": "Brev"},
            "subjects_notified_at",
        ),
        ({"authority_notified_at": ago(hours=-1), "risk": "risk"}, "authority_notified_at"),
        ({"subjects_count": -1}, "subjects_count"),
        ({"records_count": -5}, "records_count"),
        ({"risk": "none"}, "risk_reasoning"),
        ({"risk": "catastrophic"}, "risk"),
        ({"kinds": ["gossip"]}, "kinds"),
        ({"title": "  "}, "title"),
        ({"description": ""}, "description"),
    ],
)
def test_impossible_input_is_refused_at_the_field_and_nothing_is_saved(personas, fields, field):
    with pytest.raises(ValidationError) as excinfo:
        make_breach(personas.org, **fields)
    assert _error_field(excinfo) == field
    with scope(organisation=personas.org):
        assert not Breach.objects.exists()
        assert not AuditEvent.objects.filter(action__startswith="breaches.").exists()
    assert mail.outbox == []


def test_a_notification_after_72_hours_needs_the_reason_for_the_delay(personas):
    aware = ago(days=10)
    with pytest.raises(ValidationError) as excinfo:
        make_breach(
            personas.org,
            aware_at=aware,
            risk="risk",
            authority_notified_at=aware + datetime.timedelta(hours=73),
        )
    assert _error_field(excinfo) == "delay_reason"
    assert "72" in excinfo.value.messages[0]
    breach = make_breach(
        personas.org,
        aware_at=aware,
        risk="risk",
        authority_notified_at=aware + datetime.timedelta(hours=73),
        delay_reason="Databehandleren meldte bruddet sent.",
    )
    assert breach.delay_reason


def test_a_notification_within_72_hours_needs_no_reason(personas):
    aware = ago(days=10)
    breach = make_breach(
        personas.org,
        aware_at=aware,
        risk="risk",
        authority_notified_at=aware + datetime.timedelta(hours=71),
    )
    assert breach.authority_notified_at


def test_a_foreign_system_is_refused_and_the_update_is_all_or_nothing(personas, inv):
    breach = make_breach(personas.org)
    with scope(organisation=personas.org), pytest.raises(ValidationError) as excinfo:
        services.breach_update(
            None, breach, measures="Ændret", systems=[inv["other"]["system"].uuid]
        )
    assert _error_field(excinfo) == "systems"
    with scope(organisation=personas.org):
        breach.refresh_from_db()
        assert breach.measures == ""
        assert AuditEvent.objects.filter(object_uuid=breach.uuid).count() == 1


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({}, "risk"),
        ({"risk": "risk"}, "authority_notified_at"),
        ({"risk": "high", "authority_notified_at": ago(hours=2)}, "subjects_notice"),
    ],
)
def test_a_breach_is_closed_only_when_its_handling_is_documented(personas, fields, field):
    with pytest.raises(ValidationError) as excinfo:
        make_breach(personas.org, status="closed", **fields)
    assert _error_field(excinfo) == field


def test_a_no_risk_breach_with_reasoning_is_documented_and_may_be_closed(personas):
    breach = make_breach(
        personas.org, risk="none", risk_reasoning="Disken var krypteret.", status="closed"
    )
    assert breach.status == "closed"


def test_naive_times_from_the_api_are_read_as_local_time(personas):
    aware = ago(hours=3).replace(tzinfo=None)
    breach = make_breach(personas.org, aware_at=aware, occurred_at=aware)
    assert breach.aware_at.tzinfo is not None


def test_one_submission_shows_all_its_mistakes_at_their_fields(personas, inv):
    with pytest.raises(ValidationError) as excinfo:
        make_breach(
            personas.org,
            title="",
            occurred_at=ago(hours=1),
            aware_at=ago(hours=5),
            subjects_count=-2,
            records_count=100_000_001,
            kinds=["gossip"],
            risk="none",
            authority_notified_at=ago(hours=6),
            authority_reference="2026-441-1",
            systems=[inv["other"]["system"].uuid],
        )
    assert set(excinfo.value.error_dict) == {
        "title",
        "aware_at",
        "authority_notified_at",
        "subjects_count",
        "records_count",
        "kinds",
        "risk_reasoning",
        "systems",
    }


def test_a_registration_with_a_foreign_link_saves_nothing(personas, inv):
    """The breach row is not left behind when a link is refused after the checks."""
    with pytest.raises(ValidationError) as excinfo:
        make_breach(
            personas.org,
            systems=[inv["own"]["system"].uuid],
            processors=[inv["other"]["supplier"].uuid],
        )
    assert _error_field(excinfo) == "processors"
    with scope(organisation=personas.org):
        assert not Breach.objects.exists()
        assert not AuditEvent.objects.filter(action__startswith="breaches.").exists()
    assert mail.outbox == []


def test_a_count_out_of_range_is_refused_in_the_readers_language(personas):
    from django.utils import translation

    with translation.override("da"), pytest.raises(ValidationError) as excinfo:
        make_breach(personas.org, records_count=100_000_001)
    assert excinfo.value.message_dict["records_count"] == ["Angiv højst 100.000.000."]
