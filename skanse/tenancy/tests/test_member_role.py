from django.urls import reverse
from django_scopes import scopes_disabled

from skanse.tenancy.models import Membership
from skanse.tenancy.roles import Role
from tests.helpers import da, events, field_errors
from tests.personas import add_member, make_user


def _url(org, membership):
    return reverse("member_role", args=[org.slug, membership.uuid])


def _role(membership):
    with scopes_disabled():
        return Membership.objects.get(pk=membership.pk).role


def test_it_changes_the_role(personas):
    membership = personas.membership[personas.contributor.email]
    response = personas.client(personas.admin).post(
        _url(personas.org, membership), {"role": "auditor"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "member_detail", args=[personas.org.slug, membership.uuid]
    )
    assert _role(membership) == "auditor"
    [event] = events(personas.org, "tenancy.membership.role_changed")
    assert event.actor == personas.admin
    assert event.object_uuid == membership.uuid
    assert event.via == "web"
    assert event.changes == {"role": [Role.CONTRIBUTOR.value, Role.AUDITOR.value]}


def test_it_hides_other_tenants(personas):
    foreign = personas.membership["contributor@vejle.test"]
    response = personas.client(personas.admin).post(
        _url(personas.org, foreign), {"role": "auditor"}
    )
    assert response.status_code == 404
    assert _role(foreign) == "contributor"
    assert events(personas.other_org, "tenancy.membership.role_changed") == []


def test_it_requires_members_manage(personas):
    membership = personas.membership[personas.contributor.email]
    response = personas.client(personas.security_officer).post(
        _url(personas.org, membership), {"role": "org_admin"}
    )
    assert response.status_code == 403
    assert _role(membership) == "contributor"
    assert events(personas.org, "tenancy.membership.role_changed") == []


def test_it_rejects_get(personas):
    membership = personas.membership[personas.contributor.email]
    response = personas.client(personas.admin).get(_url(personas.org, membership))
    assert response.status_code == 405


def test_it_rejects_a_role_of_another_kind_of_organisation(personas):
    membership = personas.membership[personas.contributor.email]
    response = personas.client(personas.admin).post(
        _url(personas.org, membership), {"role": "coordinator_admin"}
    )
    assert response.status_code == 400
    assert field_errors(response, "role")
    assert _role(membership) == "contributor"


def test_it_keeps_the_last_admin(personas):
    membership = personas.membership[personas.admin.email]
    response = personas.client(personas.admin).post(
        _url(personas.org, membership), {"role": "contributor"}
    )
    assert response.status_code == 400
    assert field_errors(response, "role") == [da("The organisation must keep at least one admin.")]
    assert _role(membership) == "org_admin"
    assert events(personas.org, "tenancy.membership.role_changed") == []


def test_it_lets_an_admin_step_down_when_another_admin_remains(personas):
    add_member(personas.org, make_user("second-admin@aarhus.test"), "org_admin")
    membership = personas.membership[personas.admin.email]
    response = personas.client(personas.admin).post(
        _url(personas.org, membership), {"role": "contributor"}
    )
    assert response.status_code == 302
    assert _role(membership) == "contributor"
