import html
import uuid
from datetime import UTC, datetime

from django.urls import reverse
from django.utils.text import capfirst
from django_scopes import scope

from skanse.breaches import services as breach_services
from skanse.tenancy import services
from skanse.tenancy.roles import Role
from tests.helpers import da, label


def _url(org, object_uuid):
    return reverse("object_history", args=[org.slug, object_uuid])


def _change_role(personas, membership, role, actor=None):
    with scope(organisation=membership.organisation):
        services.membership_change_role(
            actor=actor or personas.admin, membership=membership, role=role
        )


def test_it_shows_who_changed_which_field_from_what_to_what(personas):
    membership = personas.membership[personas.contributor.email]
    _change_role(personas, membership, "auditor")
    response = personas.client(personas.dpo).get(_url(personas.org, membership.uuid))
    assert response.status_code == 200
    added, changed = reversed(response.context["events"])
    assert added.action == "tenancy.membership.added"
    assert (changed.actor, changed.changes) == (
        personas.admin,
        {"role": [Role.CONTRIBUTOR.value, Role.AUDITOR.value]},
    )
    content = response.content.decode()
    assert personas.admin.email in content
    # Stored as codes, shown with the field's name and the values' labels in Danish.
    change = f"{label(Role.CONTRIBUTOR)} → {label(Role.AUDITOR)}"
    assert f"<strong>{da('role').capitalize()}</strong>: {html.escape(change)}" in content


def test_it_hides_other_tenants_trail_of_a_shared_object(personas):
    """Deactivating Vejle is in KL's trail and in Vejle's: each sees only its own entry."""
    services.organisation_set_active(
        actor=personas.coordinator,
        coordinator=personas.coordinator_org,
        organisation=personas.other_org,
        active=False,
    )
    response = personas.client(personas.coordinator).get(
        _url(personas.coordinator_org, personas.other_org.uuid)
    )
    assert [e.organisation_id for e in response.context["events"]] == [personas.coordinator_org.pk]
    # Aarhus has no entry about Vejle: as if the object did not exist.
    aarhus = personas.client(personas.admin).get(_url(personas.org, personas.other_org.uuid))
    assert aarhus.status_code == 404


def test_it_answers_404_for_an_object_without_history(personas):
    response = personas.client(personas.admin).get(_url(personas.org, uuid.uuid4()))
    assert response.status_code == 404


def test_its_query_count_stays_bounded(personas, django_assert_max_num_queries):
    membership = personas.membership[personas.contributor.email]
    client = personas.client(personas.admin)
    client.get(_url(personas.org, membership.uuid))
    with django_assert_max_num_queries(4):
        assert client.get(_url(personas.org, membership.uuid)).status_code == 200
    actors = [personas.admin, personas.security_officer]
    for n in range(30):
        _change_role(personas, membership, ["auditor", "dpo"][n % 2], actor=actors[n % 2])
    with django_assert_max_num_queries(4):
        response = client.get(_url(personas.org, membership.uuid))
    assert len(response.context["events"]) == 31


def _breach(personas):
    with scope(organisation=personas.org):
        return breach_services.breach_create(
            personas.dpo,
            personas.org,
            title="Brev til forkert modtager",
            occurred_at=datetime(2026, 10, 20, 22, 0, tzinfo=UTC),
            aware_at=datetime(2026, 10, 21, 0, 24, 59, 735914, tzinfo=UTC),
            description="Et brev med CPR-numre blev sendt forkert.",
            kinds=["confidentiality"],
            subject_categories=["citizens"],
            data_categories=["ordinary", "cpr"],
        )


def test_a_breachs_history_reads_as_words_in_local_time(personas):
    """Codes as their labels, times in Copenhagen time and the reader's format: no
    "confidentiality", "ordinary, cpr" or "2026-10-21T00:24:59.735914+00:00"."""
    breach = _breach(personas)
    client = personas.client(personas.dpo)
    content = html.unescape(client.get(_url(personas.org, breach.uuid)).content.decode())
    assert f"{capfirst(da('personal data breach'))}: " in content  # the kind, then "oprettet"
    assert "breaches.breach.created" not in content
    assert da("Confidentiality: disclosed or accessed without authorisation") in content
    assert f"{da('Ordinary personal data')}; {da('CPR number')}" in content
    assert "21.10.2026 02:24" in content  # 00:24 UTC, summer time in Copenhagen
    assert "2026-10-21T" not in content and "confidentiality" not in content
    client.cookies["django_language"] = "en"
    content = html.unescape(client.get(_url(personas.org, breach.uuid)).content.decode())
    assert "Personal data breach: created" in content
    assert "Ordinary personal data; CPR number" in content
    assert "10/21/2026 2:24 a.m." in content


def test_a_history_of_code_lists_keeps_its_query_count(personas, django_assert_max_num_queries):
    breach = _breach(personas)
    client = personas.client(personas.dpo)
    client.get(_url(personas.org, breach.uuid))
    with django_assert_max_num_queries(4):
        assert client.get(_url(personas.org, breach.uuid)).status_code == 200
    for n in range(20):
        with scope(organisation=personas.org):
            breach_services.breach_update(
                personas.dpo, breach, kinds=[["integrity"], ["availability"]][n % 2]
            )
    with django_assert_max_num_queries(4):
        response = client.get(_url(personas.org, breach.uuid))
    assert len(response.context["events"]) == 21
