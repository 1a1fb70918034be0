import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django_scopes import scopes_disabled

from benchmarks.generate import oscal_catalog_bytes
from skanse.library import tasks
from skanse.library.models import Framework, FrameworkVersion, ImportJob, Requirement
from skanse.library.tests.conftest import framework_file, generated, profile_file, url
from skanse.tenancy.models import Membership
from skanse.tenancy.roles import Role
from tests.helpers import da, events, field_errors, shows

BROKEN = framework_file(urn="urn:test:broken", extra=[{"ref_id": "S1.1", "name": "Twice"}])


def _upload(client, personas, content, name="small.yaml", **data):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return client.post(url("library_import", personas.coordinator_org), {"file": upload, **data})


def _job() -> ImportJob:
    with scopes_disabled():
        return ImportJob.objects.get()


def _stored_uploads(media) -> list:
    folder = media / "library-imports"
    return list(folder.iterdir()) if folder.exists() else []


def test_it_shows_the_upload_form(personas, coordinator):
    response = coordinator.get(url("library_import", personas.coordinator_org))
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.content.decode()


def test_an_upload_is_imported_in_the_background_and_its_report_shown(
    personas, coordinator, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = _upload(coordinator, personas, framework_file())
    assert len(callbacks) == 1
    job = _job()
    assert response.status_code == 302
    assert response["Location"] == url("library_import_job", personas.coordinator_org, job.uuid)
    assert (job.status, job.progress, job.file_name) == ("done", 100, "small.yaml")
    assert job.report == {
        "format": "skanse-yaml",
        "created": ["urn:test:small 1"],
        "skipped": [],
        "requirements": 3,
        "mappings": 0,
    }
    assert job.finished_at is not None
    version = FrameworkVersion.objects.get(framework__urn="urn:test:small")
    assert (version.created_by, version.requirement_count) == (personas.coordinator, 3)
    page = coordinator.get(response["Location"])
    assert page.status_code == 200
    assert shows(page, da("Done"))
    assert shows(page, da("%(r)s requirements and %(m)s mappings saved.") % {"r": 3, "m": 0})
    assert shows(page, f"{da('Created:')} urn:test:small 1")
    assert 'value="100"' in page.content.decode()
    assert "hx-trigger" not in page.content.decode()  # finished: the page stops polling
    [started] = events(personas.coordinator_org, "library.import.started")
    assert (started.actor, started.via, started.object_uuid) == (
        personas.coordinator,
        "web",
        job.uuid,
    )
    [imported] = events(personas.coordinator_org, "library.version.imported")
    assert (imported.actor, imported.via, imported.object_uuid) == (
        personas.coordinator,
        "task",
        version.uuid,
    )


def test_the_uploaded_file_is_deleted_afterwards(
    personas, coordinator, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _upload(coordinator, personas, framework_file())
    assert len(_stored_uploads(media)) == 1  # kept until the worker has read it
    for callback in callbacks:
        callback()
    assert _stored_uploads(media) == []
    assert _job().file.name == ""


def test_progress_is_recorded_as_the_import_runs(
    personas, coordinator, media, django_capture_on_commit_callbacks, monkeypatch
):
    seen = []
    original = tasks._progress

    def recording(job_id):
        report = original(job_id)

        def wrapped(percent, stage):
            report(percent, stage)
            with scopes_disabled():
                job = ImportJob.objects.get(pk=job_id)
            seen.append((job.status, job.progress, job.report.get("stage")))

        return wrapped

    monkeypatch.setattr(tasks, "_progress", recording)
    with django_capture_on_commit_callbacks(execute=True):
        _upload(
            coordinator, personas, oscal_catalog_bytes(families=4, controls=10), name="catalog.json"
        )
    assert seen[0] == ("running", 0, "reading")
    saving = [progress for status, progress, stage in seen if stage == "saving"]
    assert saving == sorted(saving) and len(saving) >= 2
    assert seen[-1][1] == 100
    assert _job().status == "done"


def test_the_job_page_polls_while_the_import_runs(personas, coordinator):
    with scopes_disabled():
        job = ImportJob.objects.create(
            organisation=personas.coordinator_org,
            file_name="big.json",
            status="running",
            progress=40,
            report={"stage": "saving"},
            started_by=personas.coordinator,
        )
    page = url("library_import_job", personas.coordinator_org, job.uuid)
    response = coordinator.get(page, HTTP_HX_REQUEST="true")
    content = response.content.decode().strip()
    assert content.startswith('<div id="import-status"') and "<h1>" not in content
    assert f'hx-get="{page}"' in content and 'hx-trigger="every 1s"' in content
    assert '<progress max="100" value="40"' in content
    assert f"<strong>{da('Running')}</strong> — {da('Saving requirements')}" in content


def test_a_failing_file_shows_the_error_at_its_place_and_writes_nothing(
    personas, coordinator, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(coordinator, personas, BROKEN, name="broken.yaml")
    job = _job()
    assert job.status == "failed"
    [error] = job.report["errors"]
    assert error["where"] == "requirements[1]"
    assert "S1.1" in error["message"] and "requirements[0].children[0]" in error["message"]
    page = coordinator.get(response["Location"])
    assert shows(page, da("Nothing was imported"))
    assert "<strong>requirements[1]</strong>: " in page.content.decode()
    assert shows(page, error["message"])
    assert not Framework.objects.exists()
    assert not FrameworkVersion.objects.exists()
    assert not Requirement.objects.exists()
    assert events(personas.coordinator_org, "library.version.imported") == []
    assert _stored_uploads(media) == []


DUPLICATE = "The identifier “%(ref)s” is used twice (also at %(other)s)."
DUPLICATE_ARGS = {"ref": "S1.1", "other": "requirements[0].children[0]"}


@pytest.mark.parametrize(("language", "worker_language"), [("en", "da"), ("da", "en")])
def test_a_failed_job_reports_in_the_language_of_whoever_started_it(
    personas, coordinator, media, django_capture_on_commit_callbacks, language, worker_language
):
    english = DUPLICATE % DUPLICATE_ARGS
    message = english if language == "en" else da(DUPLICATE) % DUPLICATE_ARGS
    assert language == "en" or message != english  # the Danish catalogue has it
    coordinator.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = _upload(coordinator, personas, BROKEN, name="broken.yaml")
    assert _job().language == language
    # The worker runs in a language of its own; the job's language decides.
    with translation.override(worker_language):
        for callback in callbacks:
            callback()
    job = _job()
    assert job.status == "failed"
    assert job.report["errors"] == [{"where": "requirements[1]", "message": message}]
    page = coordinator.get(response["Location"])
    assert shows(page, message)
    assert "<strong>requirements[1]</strong>: " in page.content.decode()


def test_a_starter_who_lost_the_capability_gets_a_failed_job(
    personas, coordinator, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _upload(coordinator, personas, framework_file())
    with scopes_disabled():
        Membership.objects.filter(user=personas.coordinator).update(role=Role.COORDINATOR_ANALYST)
    for callback in callbacks:
        callback()
    job = _job()
    assert job.status == "failed"
    assert job.report["errors"][0]["message"] == da(
        "The person who started the import may no longer import."
    )
    assert not FrameworkVersion.objects.exists()
    assert _stored_uploads(media) == []


def test_an_unexpected_error_fails_the_job_and_deletes_the_upload(
    personas, coordinator, media, django_capture_on_commit_callbacks, monkeypatch
):
    def crash(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(tasks, "library_import", crash)
    with django_capture_on_commit_callbacks(execute=True):
        _upload(coordinator, personas, framework_file())
    job = _job()
    assert (job.status, job.progress) == ("failed", 100)
    assert job.report["errors"][0]["message"] == da("The import failed unexpectedly.")
    assert _stored_uploads(media) == []


def test_a_profile_is_resolved_against_the_chosen_catalog(
    personas, coordinator, media, django_capture_on_commit_callbacks
):
    base = generated(families=2, controls=3, enhancements=1)
    first = base.requirements.filter(depth=2).order_by("position").first()
    profile = profile_file(base, href="elsewhere.json")
    with django_capture_on_commit_callbacks(execute=True):
        _upload(coordinator, personas, profile, name="low.json", profile_base=base.pk)
    job = _job()
    assert job.status == "done", job.report
    resolved = FrameworkVersion.objects.get(framework__urn="urn:skanse:oscal:low-baseline")
    assert list(resolved.requirements.filter(assessable=True).values_list("ref_id", flat=True)) == [
        first.ref_id
    ]


def test_a_file_over_the_limit_is_refused_at_the_field(personas, coordinator, media, settings):
    settings.LIBRARY_IMPORT_MAX_BYTES = 100
    response = _upload(coordinator, personas, framework_file())
    assert response.status_code == 400
    assert field_errors(response, "file")
    with scopes_disabled():
        assert not ImportJob.objects.exists()
    assert _stored_uploads(media) == []


def test_a_missing_file_is_refused_at_the_field(personas, coordinator, media):
    # A browser always sends the form's other fields.
    response = coordinator.post(
        url("library_import", personas.coordinator_org), {"profile_base": ""}
    )
    assert response.status_code == 400
    assert field_errors(response, "file")


def test_the_job_page_rejects_post(personas, coordinator):
    with scopes_disabled():
        job = ImportJob.objects.create(
            organisation=personas.coordinator_org,
            file_name="x.yaml",
            started_by=personas.coordinator,
        )
    page = url("library_import_job", personas.coordinator_org, job.uuid)
    assert coordinator.post(page).status_code == 405
