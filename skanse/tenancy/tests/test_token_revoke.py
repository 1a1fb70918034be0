from django.urls import reverse
from django_scopes import scopes_disabled

from skanse.tenancy import services
from skanse.tenancy.models import ApiToken
from tests.helpers import events


def _token(user, org):
    with scopes_disabled():
        return services.token_create(actor=user, organisation=org, name="sync")


def _url(org, token):
    return reverse("token_revoke", args=[org.slug, token.uuid])


def _revoked(token):
    with scopes_disabled():
        return ApiToken.objects.get(pk=token.pk).revoked_at is not None


def test_it_revokes_the_token(personas):
    token, secret = _token(personas.contributor, personas.org)
    response = personas.client(personas.contributor).post(_url(personas.org, token))
    assert response.status_code == 302
    assert response["Location"] == reverse("token_list", args=[personas.org.slug])
    assert _revoked(token)
    assert services.token_authenticate(secret) is None
    [event] = events(personas.org, "tenancy.api_token.revoked")
    assert (event.actor, event.object_uuid) == (personas.contributor, token.uuid)


def test_it_hides_other_tenants(personas):
    foreign, _secret = _token(personas.outsider, personas.other_org)
    response = personas.client(personas.admin).post(_url(personas.org, foreign))
    assert response.status_code == 404
    assert not _revoked(foreign)


def test_it_hides_other_members_tokens_even_from_an_admin(personas):
    token, secret = _token(personas.contributor, personas.org)
    response = personas.client(personas.admin).post(_url(personas.org, token))
    assert response.status_code == 404
    assert not _revoked(token)
    assert services.token_authenticate(secret) is not None


def test_it_rejects_get(personas):
    token, _secret = _token(personas.contributor, personas.org)
    response = personas.client(personas.contributor).get(_url(personas.org, token))
    assert response.status_code == 405
    assert not _revoked(token)
