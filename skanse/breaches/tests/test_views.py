import datetime
import re

from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from skanse.breaches.models import Breach
from skanse.breaches.tests.conftest import ago, make_breach
from skanse.core.models import AuditEvent


def _url(personas, name, **kwargs):
    return reverse(name, kwargs={"org": personas.org.slug, **kwargs})


def _local(value: datetime.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def _form(**fields):
    aware = ago(hours=5)
    data = {
        "title": "USB-nøgle mistet",
        "occurred_at": _local(aware - datetime.timedelta(hours=1)),
        "aware_at": _local(aware),
        "description": "En ukrypteret USB-nøgle med elevlister er mistet.",
        "status": "open",
        "risk": "",
    }
    data.update(fields)
    return data


def test_the_log_shows_the_countdown_in_words_with_a_machine_readable_deadline(personas):
    make_breach(personas.org, title="Fejlsendt brev", aware_at=ago(hours=30), risk="risk")
    make_breach(personas.other_org, title="Vejles brud")
    response = personas.client(personas.auditor).get(_url(personas, "breach_list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Fejlsendt brev" in html
    assert "Vejles brud" not in html
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\dZ">', html)
    assert "41 timer" in html or "41 hours" in html


def test_the_log_runs_a_bounded_number_of_queries(personas, inv, django_assert_max_num_queries):
    for n in range(30):
        make_breach(personas.org, title=f"Brud {n}", systems=[inv["own"]["system"].uuid])
    client = personas.client(personas.dpo)
    client.get(_url(personas, "breach_list"))
    with django_assert_max_num_queries(10):
        response = client.get(_url(personas, "breach_list"))
    assert response.content.count(b"<time datetime=") == 30


def test_registering_a_breach_saves_it_and_alerts_the_dpo_and_the_security_officer(
    personas, inv, django_capture_on_commit_callbacks
):
    client = personas.client(personas.security_officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url(personas, "breach_create"),
            _form(systems=[str(inv["own"]["system"].uuid)], subjects_count="25"),
        )
    assert response.status_code == 302
    with scope(organisation=personas.org):
        breach = Breach.objects.get()
        assert breach.subjects_count == 25
        assert list(breach.systems.all()) == [inv["own"]["system"]]
        assert AuditEvent.objects.get(object_uuid=breach.uuid).actor == personas.security_officer
    assert len(mail.outbox) == 1
    assert sorted(mail.outbox[0].to) == sorted(
        [personas.dpo.email, personas.security_officer.email]
    )


def test_bad_input_is_shown_at_the_field_and_nothing_is_saved(personas):
    client = personas.client(personas.dpo)
    aware = ago(hours=5)
    cases = [
        (
            {"aware_at": _local(aware), "occurred_at": _local(aware + datetime.timedelta(hours=2))},
            "aware_at",
        ),
        ({"subjects_count": "-3"}, "subjects_count"),
        ({"records_count": "100000001"}, "records_count"),
        ({"risk": "none"}, "risk_reasoning"),
        ({"aware_at": "not a date"}, "aware_at"),
        (
            {"authority_notified_at": _local(aware - datetime.timedelta(hours=1))},
            "authority_notified_at",
        ),
        (
            {
                "risk": "risk",
                "authority_notified_at": _local(ago(minutes=10)),
                "aware_at": _local(ago(hours=80)),
                "occurred_at": _local(ago(hours=81)),
            },
            "delay_reason",
        ),
    ]
    for fields, field in cases:
        response = client.post(_url(personas, "breach_create"), _form(**fields))
        assert response.status_code == 400, field
        assert response.context["form"].errors.get(field), (field, response.context["form"].errors)
        assert b"form-error" in response.content
    with scope(organisation=personas.org):
        assert not Breach.objects.exists()


def test_editing_a_foreign_breach_is_a_404(personas):
    foreign = make_breach(personas.other_org)
    client = personas.client(personas.dpo)
    assert client.get(_url(personas, "breach_edit", breach=foreign.uuid)).status_code == 404
    assert (
        client.post(_url(personas, "breach_edit", breach=foreign.uuid), _form()).status_code == 404
    )
    assert client.get(_url(personas, "breach_detail", breach=foreign.uuid)).status_code == 404


def test_a_read_only_role_cannot_register(personas):
    client = personas.client(personas.auditor)
    assert client.get(_url(personas, "breach_create")).status_code == 403
    assert client.post(_url(personas, "breach_create"), _form()).status_code == 403


def test_editing_records_the_late_notification_with_its_reason(personas):
    aware = ago(days=5)
    breach = make_breach(personas.org, aware_at=aware, occurred_at=aware, risk="risk")
    client = personas.client(personas.dpo)
    url = _url(personas, "breach_edit", breach=breach.uuid)
    late = _form(
        title=breach.title,
        occurred_at=_local(breach.occurred_at),
        aware_at=_local(breach.aware_at),
        risk="risk",
        authority_notified_at=_local(ago(days=1)),
        authority_reference="2026-441-7",
    )
    response = client.post(url, late)
    assert response.status_code == 400
    assert response.context["form"].errors["delay_reason"]
    response = client.post(url, {**late, "delay_reason": "Omfanget var uklart."})
    assert response.status_code == 302
    detail = client.get(_url(personas, "breach_detail", breach=breach.uuid)).content.decode()
    assert "2026-441-7" in detail
    assert "Omfanget var uklart." in detail


def test_the_detail_runs_a_bounded_number_of_queries(personas, inv, django_assert_max_num_queries):
    breach = make_breach(
        personas.org, systems=[inv["own"]["system"].uuid], processors=[inv["own"]["supplier"].uuid]
    )
    client = personas.client(personas.dpo)
    url = _url(personas, "breach_detail", breach=breach.uuid)
    client.get(url)
    with django_assert_max_num_queries(14):
        response = client.get(url)
    assert b"Sagssystem" in response.content
    assert b"Nordlys A/S" in response.content


def test_the_summary_follows_the_authoritys_form_order(personas, inv):
    breach = make_breach(
        personas.org,
        consequences="Risiko for identitetstyveri.",
        measures="Modtageren har slettet brevet.",
        subjects_count=4711,
        systems=[inv["own"]["system"].uuid],
    )
    response = personas.client(personas.auditor).get(
        _url(personas, "breach_summary", breach=breach.uuid)
    )
    assert response.status_code == 200
    text = response.context["text"]
    positions = [
        text.index(personas.org.name),
        text.index(timezone.localtime(breach.aware_at).strftime("%Y-%m-%d %H:%M")),
        text.index("Et brev med helbredsoplysninger"),
        text.index("4711"),
        text.index("Risiko for identitetstyveri."),
        text.index("Modtageren har slettet brevet."),
    ]
    assert positions == sorted(positions)
    assert text.index("7.") > positions[-1]


def test_saving_the_form_unchanged_keeps_the_stored_seconds_and_records_no_time_change(personas):
    """The inputs show minutes; a breach registered through the API keeps its exact times."""
    breach = make_breach(personas.org, risk="risk", authority_notified_at=ago(hours=1))
    assert breach.aware_at.microsecond or breach.aware_at.second  # `ago` is not minute-aligned
    client = personas.client(personas.dpo)
    url = _url(personas, "breach_edit", breach=breach.uuid)
    form = client.get(url).context["form"]
    data = {
        name: form[name].value() for name in form.fields if form[name].value() not in (None, [])
    }
    for name in ("occurred_at", "aware_at", "authority_notified_at"):
        data[name] = _local(getattr(breach, name))
    data["measures"] = "Brevet er hentet tilbage."
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    with scope(organisation=personas.org):
        event = AuditEvent.objects.filter(object_uuid=breach.uuid).first()
        stored = Breach.objects.get(pk=breach.pk)
    assert event.changes == {"measures": ["", "Brevet er hentet tilbage."]}
    assert stored.aware_at == breach.aware_at
    assert stored.authority_notified_at == breach.authority_notified_at
