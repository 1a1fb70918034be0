from django.urls import reverse
from django_scopes import scopes_disabled

from skanse.tenancy import services
from skanse.tenancy.models import ApiToken, Membership
from skanse.tenancy.roles import Role
from tests.helpers import da, events, shows
from tests.personas import add_member, make_user


def _url(org, membership):
    return reverse("member_remove", args=[org.slug, membership.uuid])


def _exists(membership):
    with scopes_disabled():
        return Membership.objects.filter(pk=membership.pk).exists()


def test_it_removes_the_member_and_their_tokens(personas):
    membership = personas.membership[personas.contributor.email]
    with scopes_disabled():
        token, secret = services.token_create(
            actor=personas.contributor, organisation=personas.org, name="sync"
        )
    response = personas.client(personas.admin).post(_url(personas.org, membership))
    assert response.status_code == 302
    assert response["Location"] == reverse("member_list", args=[personas.org.slug])
    assert not _exists(membership)
    [event] = events(personas.org, "tenancy.membership.removed")
    assert event.actor == personas.admin
    assert event.object_uuid == membership.uuid
    assert event.changes == {
        "user": [str(personas.contributor), None],
        "role": [Role.CONTRIBUTOR.value, None],
    }
    with scopes_disabled():
        assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    assert services.token_authenticate(secret) is None
    dashboard = reverse("org_dashboard", args=[personas.org.slug])
    assert personas.client(personas.contributor).get(dashboard).status_code == 404


def test_it_sends_an_admin_who_leaves_home(personas):
    add_member(personas.org, make_user("second-admin@aarhus.test"), "org_admin")
    membership = personas.membership[personas.admin.email]
    response = personas.client(personas.admin).post(_url(personas.org, membership))
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert not _exists(membership)


def test_it_hides_other_tenants(personas):
    foreign = personas.membership["contributor@vejle.test"]
    response = personas.client(personas.admin).post(_url(personas.org, foreign))
    assert response.status_code == 404
    assert _exists(foreign)


def test_it_requires_members_manage(personas):
    membership = personas.membership[personas.contributor.email]
    response = personas.client(personas.dpo).post(_url(personas.org, membership))
    assert response.status_code == 403
    assert _exists(membership)


def test_it_rejects_get(personas):
    membership = personas.membership[personas.contributor.email]
    response = personas.client(personas.admin).get(_url(personas.org, membership))
    assert response.status_code == 405
    assert _exists(membership)


def test_it_keeps_the_last_admin(personas):
    membership = personas.membership[personas.admin.email]
    response = personas.client(personas.admin).post(_url(personas.org, membership))
    assert response.status_code == 400
    assert shows(response, da("The organisation must keep at least one admin."))
    assert _exists(membership)
    assert events(personas.org, "tenancy.membership.removed") == []
