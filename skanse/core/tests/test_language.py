"""Danish first: the language cookie decides, never the browser's Accept-Language."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.helpers import da


def _english(message):
    with translation.override("en"):
        return translation.gettext(message)


def test_the_interface_is_danish_even_for_an_english_browser(personas):
    client = personas.client(personas.admin)
    response = client.get(
        reverse("member_list", args=[personas.org.slug]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert response["Content-Language"] == "da"
    assert 'lang="da"' in response.content.decode()
    assert f"<h1>{da('Members')}</h1>" in response.content.decode()
    assert da("Members") != _english("Members")
    assert "Cookie" in response["Vary"]


def test_choosing_english_sets_the_cookie_and_later_pages_are_english(personas):
    client = personas.client(personas.admin)
    members = reverse("member_list", args=[personas.org.slug])
    response = client.post(reverse("set_language"), {"language": "en", "next": members})
    assert response.status_code == 302
    assert response["Location"] == members
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get(members)
    assert page["Content-Language"] == "en"
    assert 'lang="en"' in page.content.decode()
    assert "<h1>Members</h1>" in page.content.decode()
    # And back to Danish.
    client.post(reverse("set_language"), {"language": "da", "next": members})
    assert client.get(members)["Content-Language"] == "da"


def test_an_unsupported_language_in_the_cookie_falls_back_to_danish(client, db):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    response = client.get(reverse("accessibility"), HTTP_ACCEPT_LANGUAGE="de")
    assert response["Content-Language"] == "da"


def test_the_language_does_not_leak_into_the_next_request(client, db):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get(reverse("accessibility"))["Content-Language"] == "en"
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert client.get(reverse("accessibility"))["Content-Language"] == "da"
