import html
import uuid

from django.urls import reverse
from django_scopes import scope

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
