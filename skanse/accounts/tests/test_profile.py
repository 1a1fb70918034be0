from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from tests.helpers import field_errors

PROFILE = reverse("profile")


def test_it_saves_the_name(personas):
    client = personas.client(personas.dpo)
    response = client.post(PROFILE, {"name": "  Dorthe Databeskyttelse  "})
    assert response.status_code == 302
    personas.dpo.refresh_from_db()
    assert personas.dpo.name == "Dorthe Databeskyttelse"


def test_it_shows_whether_two_factor_login_is_set_up(personas):
    client = personas.client(personas.dpo)
    assert client.get(PROFILE).context["has_mfa"] is False
    TOTP.activate(personas.dpo, generate_totp_secret())
    assert client.get(PROFILE).context["has_mfa"] is True


def test_it_rejects_a_blank_name(personas):
    response = personas.client(personas.dpo).post(PROFILE, {"name": "   "})
    assert response.status_code == 400
    assert field_errors(response, "name")
    personas.dpo.refresh_from_db()
    assert personas.dpo.name == "Dpo Aarhus"
