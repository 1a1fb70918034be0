import re

import pytest
from allauth.account.adapter import get_adapter
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from tests.personas import PASSWORD

LOGIN = reverse("account_login")


@pytest.fixture
def fresh_cache(settings):
    """Rate-limit counters live in the cache: start and end each test with an empty one."""
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,3/5m/key"}
    cache.clear()
    yield
    cache.clear()


def _too_many():
    with translation.override("da"):
        return str(get_adapter().error_messages["too_many_login_attempts"])


def test_it_logs_in_with_email_and_password(personas, client, fresh_cache):
    response = client.post(LOGIN, {"login": "Admin@Aarhus.test", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.session[SESSION_KEY] == str(personas.admin.pk)


def test_it_refuses_a_wrong_password(personas, client, fresh_cache):
    response = client.post(LOGIN, {"login": personas.admin.email, "password": "wrong"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert SESSION_KEY not in client.session


def test_it_limits_failed_logins_per_account(personas, client, fresh_cache):
    for _attempt in range(3):
        client.post(LOGIN, {"login": personas.admin.email, "password": "wrong"})
    # Now even the right password is refused for a while, with a message saying why.
    response = client.post(LOGIN, {"login": personas.admin.email, "password": PASSWORD})
    assert SESSION_KEY not in client.session
    assert _too_many() in response.context["form"].non_field_errors()
    # Other accounts are not locked out by it.
    other = client.post(LOGIN, {"login": personas.dpo.email, "password": PASSWORD})
    assert other.status_code == 302


def test_password_reset_sends_a_link_that_sets_a_new_password(personas, client, fresh_cache):
    response = client.post(reverse("account_reset_password"), {"email": personas.dpo.email})
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == [personas.dpo.email]
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+/)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert not form_page.context.get("token_fail")
    set_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    new_password = "a-brand-new-passphrase"
    done = client.post(set_url, {"password1": new_password, "password2": new_password})
    assert done.status_code == 302
    personas.dpo.refresh_from_db()
    assert personas.dpo.check_password(new_password)
    # The link works once.
    assert client.get(link, follow=True).context["token_fail"] is True
