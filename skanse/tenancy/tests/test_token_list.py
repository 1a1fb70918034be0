import hashlib

from django.urls import reverse
from django_scopes import scopes_disabled

from skanse.tenancy import services
from skanse.tenancy.models import ApiToken
from tests.helpers import events, field_errors


def _url(org):
    return reverse("token_list", args=[org.slug])


def _token(user, org, name):
    with scopes_disabled():
        return services.token_create(actor=user, organisation=org, name=name)[0]


def test_it_lists_the_persons_own_tokens(personas):
    mine = _token(personas.dpo, personas.org, "KITOS sync")
    _token(personas.admin, personas.org, "Admin batch job")
    response = personas.client(personas.dpo).get(_url(personas.org))
    assert response.status_code == 200
    assert list(response.context["tokens"]) == [mine]
    content = response.content.decode()
    assert f"skanse_{mine.prefix}" in content
    assert "Admin batch job" not in content


def test_it_hides_other_tenants(personas):
    """The same person's token in another organisation is not listed here."""
    _token(personas.outsider, personas.other_org, "Vejle sync")
    response = personas.client(personas.admin).get(_url(personas.org))
    assert list(response.context["tokens"]) == []
    assert "Vejle sync" not in response.content.decode()


def test_it_creates_a_token_and_shows_its_secret_once(personas):
    client = personas.client(personas.auditor)
    response = client.post(_url(personas.org), {"name": "Reporting"})
    assert response.status_code == 200
    secret = response.context["new_secret"]
    assert secret.startswith("skanse_") and secret in response.content.decode()
    with scopes_disabled():
        token = ApiToken.objects.get(user=personas.auditor)
    assert (token.name, token.organisation) == ("Reporting", personas.org)
    # Only the hash is stored; the secret authenticates.
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert services.token_authenticate(secret) == token
    [event] = events(personas.org, "tenancy.api_token.created")
    assert event.actor == personas.auditor
    assert secret not in str(event.changes)
    assert secret not in client.get(_url(personas.org)).content.decode()


def test_it_rejects_a_blank_name(personas):
    response = personas.client(personas.admin).post(_url(personas.org), {"name": "   "})
    assert response.status_code == 400
    assert field_errors(response, "name")
    with scopes_disabled():
        assert not ApiToken.objects.exists()


def test_its_query_count_stays_bounded(personas, django_assert_max_num_queries):
    client = personas.client(personas.admin)
    client.get(_url(personas.org))
    with django_assert_max_num_queries(4):
        assert client.get(_url(personas.org)).status_code == 200
    for n in range(30):
        _token(personas.admin, personas.org, f"token {n}")
    with django_assert_max_num_queries(4):
        response = client.get(_url(personas.org))
    assert len(response.context["tokens"]) == 30
