"""The KITOS API: settings with a write-only password, starting a sync, reading the log."""

from django_scopes import scopes_disabled

from skanse.kitos.fake_server import usage
from skanse.kitos.models import SyncRun
from tests.helpers import bearer


def test_the_password_is_write_only(personas, client):
    headers = bearer(personas.admin, personas.org)
    put = client.put(
        "/api/v1/kitos/settings",
        {"base_url": "https://kitos.dk", "api_email": "api@aarhus.dk", "password": "hemmelig-1"},
        content_type="application/json",
        **headers,
    )
    assert put.status_code == 200
    read = client.get("/api/v1/kitos/settings", **headers)
    assert read.json()["has_password"] is True
    assert "hemmelig-1" not in put.content.decode() + read.content.decode()
    assert "password" not in read.json()


def test_a_sync_is_started_and_its_run_read(
    personas, client, kitos, django_capture_on_commit_callbacks
):
    kitos.usages = [usage(kitos.org, 1)]
    headers = bearer(personas.admin, personas.org)
    client.put(
        "/api/v1/kitos/settings",
        {"base_url": kitos.url, "api_email": kitos.email, "password": kitos.password},
        content_type="application/json",
        **headers,
    )
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(
            "/api/v1/kitos/syncs", {"full": True}, content_type="application/json", **headers
        )
    assert started.status_code == 202
    run = client.get(f"/api/v1/kitos/syncs/{started.json()['uuid']}", **headers).json()
    assert run["status"] == "done" and run["counts"]["systems"]["created"] == 1
    with scopes_disabled():
        assert SyncRun.objects.get().full


def test_a_sync_without_settings_is_refused_with_the_error_shape(personas, client):
    reply = client.post(
        "/api/v1/kitos/syncs",
        {},
        content_type="application/json",
        **bearer(personas.admin, personas.org),
    )
    assert reply.status_code == 400 and reply.json()["detail"]
