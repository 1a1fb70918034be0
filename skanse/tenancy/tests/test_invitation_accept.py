from datetime import timedelta

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from skanse.tenancy import services
from skanse.tenancy.models import Invitation, Membership, Organisation
from tests.helpers import da, events, field_errors, invitation_link_secret, shows
from tests.personas import make_user

User = get_user_model()


def _invite(personas, capture, email="invitee@example.test", role="dpo"):
    with capture(execute=True), scopes_disabled():
        invitation = services.invitation_create(
            actor=personas.admin, organisation=personas.org, email=email, role=role
        )
    return invitation, reverse("invitation_accept", args=[invitation_link_secret()])


def _member(org, email):
    with scopes_disabled():
        return Membership.objects.filter(organisation=org, user__email=email).first()


def test_it_creates_an_account_and_joins(personas, client, django_capture_on_commit_callbacks):
    invitation, url = _invite(personas, django_capture_on_commit_callbacks)
    page = client.get(url)
    assert page.status_code == 200
    assert shows(page, personas.org.name)
    response = client.post(url, {"name": "Ny Person", "password": "a-long-passphrase-42"})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login")
    user = User.objects.get(email="invitee@example.test")
    assert user.name == "Ny Person"
    assert user.check_password("a-long-passphrase-42")
    assert _member(personas.org, user.email).role == "dpo"
    [accepted] = events(personas.org, "tenancy.invitation.accepted")
    assert (accepted.actor, accepted.object_uuid) == (user, invitation.uuid)
    # The link works once.
    assert client.get(url).status_code == 404


def test_it_lets_a_logged_in_person_join(personas, django_capture_on_commit_callbacks):
    _invitation, url = _invite(personas, django_capture_on_commit_callbacks, email="dpo@vejle.test")
    client = personas.client(personas.membership["dpo@vejle.test"].user)
    assert client.get(url).context["form"] is None
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("org_dashboard", args=[personas.org.slug])
    assert _member(personas.org, "dpo@vejle.test").role == "dpo"
    # Joining Aarhus leaves the Vejle membership as it was.
    assert _member(personas.other_org, "dpo@vejle.test").role == "dpo"


def test_it_refuses_a_person_logged_in_with_another_address(
    personas, django_capture_on_commit_callbacks
):
    _invitation, url = _invite(personas, django_capture_on_commit_callbacks)
    response = personas.client(personas.outsider).post(url)
    assert response.status_code == 400
    assert _member(personas.org, personas.outsider.email) is None
    assert "invitee@example.test" in response.content.decode()


def test_it_rejects_a_weak_password_at_the_field(
    personas, client, django_capture_on_commit_callbacks
):
    _invitation, url = _invite(personas, django_capture_on_commit_callbacks)
    response = client.post(url, {"name": "Ny Person", "password": "12345"})
    assert response.status_code == 400
    assert field_errors(response, "password")
    assert not User.objects.filter(email="invitee@example.test").exists()


def test_it_asks_a_person_with_an_account_to_log_in(
    personas, client, django_capture_on_commit_callbacks
):
    make_user("invitee@example.test")
    _invitation, url = _invite(personas, django_capture_on_commit_callbacks)
    response = client.post(url, {"name": "Ny Person", "password": "a-long-passphrase-42"})
    assert response.status_code == 400
    message = da("An account with this email exists. Log in to accept.")
    assert response.context["form"].non_field_errors() == [message]
    assert field_errors(response, "password") == []
    assert _member(personas.org, "invitee@example.test") is None


def test_it_refuses_expired_withdrawn_and_unknown_links(
    personas, client, django_capture_on_commit_callbacks
):
    invitation, url = _invite(personas, django_capture_on_commit_callbacks)
    with scopes_disabled():
        Invitation.objects.filter(pk=invitation.pk).update(
            expires_at=timezone.now() - timedelta(seconds=1)
        )
    assert client.get(url).status_code == 404
    assert client.post(url, {"name": "X", "password": "a-long-passphrase-42"}).status_code == 404
    assert not User.objects.filter(email="invitee@example.test").exists()
    assert client.get(reverse("invitation_accept", args=["made-up"])).status_code == 404


def test_it_refuses_a_link_to_a_deactivated_organisation(
    personas, client, django_capture_on_commit_callbacks
):
    _invitation, url = _invite(personas, django_capture_on_commit_callbacks)
    Organisation.objects.filter(pk=personas.org.pk).update(is_active=False)
    assert client.get(url).status_code == 404
