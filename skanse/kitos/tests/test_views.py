"""The KITOS pages: settings (the password never shown back), sync now, file import, log."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled

from skanse.inventory.models import ITSystem
from skanse.kitos import secrets
from skanse.kitos.fake_server import usage
from skanse.kitos.models import KitosSettings, SyncRun
from skanse.kitos.tests.conftest import EXAMPLE, connect
from tests.helpers import events, field_errors


def url(name, personas, *args):
    return reverse(name, args=[personas.org.slug, *args])


def test_the_settings_are_saved_with_the_password_encrypted_and_never_shown(personas):
    admin = personas.client(personas.admin)
    reply = admin.post(
        url("kitos_settings", personas),
        {"base_url": "https://kitos.dk", "api_email": "api@aarhus.dk", "password": "s3cret-pw"},
    )
    assert reply.status_code == 302
    with scopes_disabled():
        saved = KitosSettings.objects.get(organisation=personas.org)
    assert "s3cret-pw" not in saved.api_password_encrypted
    assert secrets.decrypt(saved.api_password_encrypted) == "s3cret-pw"
    page = admin.get(url("kitos_settings", personas))
    assert "s3cret-pw" not in page.content.decode()
    assert saved.api_password_encrypted not in page.content.decode()
    (event,) = events(personas.org, "kitos.settings.changed")
    assert "s3cret-pw" not in str(event.changes)
    assert event.changes["api_email"] == [None, "api@aarhus.dk"]
    # Saving again without a password keeps the saved one.
    admin.post(
        url("kitos_settings", personas),
        {"base_url": "https://kitos.dk", "api_email": "ny@aarhus.dk", "password": ""},
    )
    saved.refresh_from_db()
    assert secrets.decrypt(saved.api_password_encrypted) == "s3cret-pw"


def test_a_plain_http_address_is_refused_at_the_field(personas):
    reply = personas.client(personas.admin).post(
        url("kitos_settings", personas),
        {"base_url": "http://kitos.example.test", "api_email": "a@b.dk", "password": "x"},
    )
    assert reply.status_code == 400
    assert field_errors(reply, "base_url")
    with scopes_disabled():
        assert not KitosSettings.objects.exists()


def test_the_first_save_needs_a_password(personas):
    reply = personas.client(personas.admin).post(
        url("kitos_settings", personas), {"base_url": "https://kitos.dk", "api_email": "a@b.dk"}
    )
    assert reply.status_code == 400 and field_errors(reply, "password")


def test_sync_now_runs_in_the_worker_and_the_log_shows_the_counts(
    personas, kitos, django_capture_on_commit_callbacks
):
    kitos.usages = [usage(kitos.org, n) for n in range(3)]
    connect(personas, kitos)
    admin = personas.client(personas.admin)
    with django_capture_on_commit_callbacks(execute=True):
        reply = admin.post(url("kitos_sync", personas))
    assert reply.status_code == 302
    with scopes_disabled():
        run = SyncRun.objects.get()
    assert run.status == "done" and run.counts["systems"]["created"] == 3
    page = admin.get(url("kitos_run", personas, run.uuid))
    assert page.status_code == 200
    assert [str(n) for n in page.context["rows"][0][1]] == ["3", "0", "0", "0", "0"]


def test_a_file_is_imported_in_the_worker_and_its_skips_are_listed(
    personas, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    admin = personas.client(personas.admin)
    upload = SimpleUploadedFile("kitos.json", EXAMPLE.read_bytes(), "application/json")
    with django_capture_on_commit_callbacks(execute=True):
        reply = admin.post(url("kitos_import", personas), {"file": upload})
    with scopes_disabled():
        run = SyncRun.objects.get()
    assert reply.status_code == 302
    assert run.status == "done" and run.counts["systems"]["created"] == 4
    assert not run.file  # the upload is not kept
    assert reply["Location"] == url("kitos_run", personas, run.uuid)
    with django_assert_max_num_queries(10):
        page = admin.get(reply["Location"])
    assert "Vejles system" in page.content.decode()


def test_a_broken_file_is_shown_at_the_file_field(personas):
    upload = SimpleUploadedFile("kitos.json", b"{broken", "application/json")
    reply = personas.client(personas.admin).post(url("kitos_import", personas), {"file": upload})
    assert reply.status_code == 400
    assert field_errors(reply, "file", form="file_form")


def test_an_imported_system_shows_where_it_came_from_and_when_it_was_synced(
    personas, django_capture_on_commit_callbacks
):
    admin = personas.client(personas.admin)
    upload = SimpleUploadedFile("kitos.json", EXAMPLE.read_bytes(), "application/json")
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(url("kitos_import", personas), {"file": upload})
    with scopes_disabled():
        system = ITSystem.objects.get(organisation=personas.org, name="Eksempelsystem")
    page = admin.get(url("system_detail", personas, system.uuid))
    content = page.content.decode()
    assert str(system.kitos_uuid) in content
    assert system.get_source_display() in content
    assert "Jens Hansen" in content and "Systemhuset A/S" in content
    assert url("object_history", personas, system.uuid) in content
    assert admin.get(url("object_history", personas, system.uuid)).status_code == 200


def test_a_waiting_run_page_polls_for_its_status(personas, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    admin = personas.client(personas.admin)
    upload = SimpleUploadedFile("kitos.json", EXAMPLE.read_bytes(), "application/json")
    reply = admin.post(url("kitos_import", personas), {"file": upload})
    page = admin.get(reply["Location"])
    assert 'hx-trigger="every 2s"' in page.content.decode()
    part = admin.get(reply["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert part.lstrip().startswith('<div id="run-status"')
    with scopes_disabled():
        run = SyncRun.objects.get()
    assert run.status == "queued" and run.file
    run.file.delete(save=False)
