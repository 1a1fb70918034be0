"""Syncing from the KITOS API, against a local server that answers like KITOS."""

import datetime

import pytest
from django.utils import timezone, translation
from django_scopes import scopes_disabled

from skanse.inventory.models import ITSystem
from skanse.kitos import services
from skanse.kitos.fake_server import contract, registration, stamp, supplier_ref, usage
from skanse.kitos.models import KitosSettings, SyncRun
from skanse.kitos.tests.conftest import connect
from tests.helpers import events


@pytest.fixture
def sync(personas, django_capture_on_commit_callbacks):
    """Start a sync as the admin; the task runs on commit, at once (immediate backend)."""

    def start(personas, full=False) -> SyncRun:
        with (
            django_capture_on_commit_callbacks(execute=True),
            scopes_disabled(),
            translation.override("en"),
        ):
            run = services.sync_start(actor=personas.admin, organisation=personas.org, full=full)
        with scopes_disabled():
            return SyncRun.objects.get(pk=run.pk)

    return start


def org_systems(personas):
    with scopes_disabled():
        return {str(s.kitos_uuid): s for s in ITSystem.objects.filter(organisation=personas.org)}


def test_a_sync_reads_every_page_and_imports_usages_contracts_and_registrations(
    personas, kitos, sync
):
    kitos.usages = [usage(kitos.org, n) for n in range(260)]
    kitos.contracts = [contract(kitos.org, 1, kitos.usages[:3], supplier_ref(1))]
    kitos.registrations = [registration(kitos.org, 1, kitos.usages[:1], supplier_ref(1))]
    connect(personas, kitos)
    run = sync(personas)
    assert run.status == "done", run.error
    assert run.counts["systems"]["created"] == 260
    assert run.counts["contracts"]["created"] == 1
    assert run.counts["agreements"]["created"] == 1
    assert run.counts["suppliers"]["created"] == 1
    usage_pages = [q for path, q in kitos.requests if path == "/api/v2/it-system-usages"]
    assert [q["page"] for q in usage_pages] == ["0", "1"]
    assert all(q["pageSize"] == "250" for q in usage_pages)
    assert all(q["organizationUuid"] == kitos.org["uuid"] for q in usage_pages)
    assert "changedSinceGtEq" not in usage_pages[0]
    # The municipality was found in KITOS by its CVR number.
    assert ("/api/v2/organizations", {"cvrContent": "55133018", "page": "0", "pageSize": "2"}) in (
        kitos.requests
    )
    system = org_systems(personas)[kitos.usages[0]["uuid"]]
    assert system.source == "kitos" and system.synced_at is not None
    assert events(personas.org, "inventory.system.created")[0].via == "task"


def test_the_next_sync_asks_only_for_changes_and_applies_deletions(personas, kitos, sync):
    kitos.usages = [usage(kitos.org, n) for n in range(3)]
    connect(personas, kitos)
    assert sync(personas).counts["systems"]["created"] == 3
    with scopes_disabled():
        cursor = KitosSettings.objects.get(organisation=personas.org).usages_changed_since
    assert cursor == datetime.datetime(2025, 3, 1, 10, 0, 2, tzinfo=datetime.UTC)
    kitos.requests.clear()
    changed = dict(kitos.usages[1], lastModified=stamp(day=5))
    changed["gdpr"] = dict(changed["gdpr"], dpiaConducted="Yes")
    kitos.usages[1] = changed
    kitos.deletions = [
        {
            "entityType": "ItSystemUsage",
            "entityUuid": kitos.usages[2]["uuid"],
            "occurredAtUtc": timezone.now().strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        }
    ]
    run = sync(personas)
    assert run.counts["systems"]["updated"] == 1
    assert run.counts["systems"]["created"] == 0
    assert run.counts["systems"]["deleted"] == 1
    asked = next(q for path, q in kitos.requests if path == "/api/v2/it-system-usages")
    assert asked["changedSinceGtEq"] == "2025-03-01T10:00:02.000001Z"
    assert asked["orderByProperty"] == "LastChanged"
    found = org_systems(personas)
    assert found[kitos.usages[1]["uuid"]].dpia == "Yes"
    assert kitos.usages[2]["uuid"] not in found
    assert kitos.usages[0]["uuid"] in found


def test_a_sync_with_nothing_new_changes_nothing(personas, kitos, sync):
    kitos.usages = [usage(kitos.org, n) for n in range(3)]
    connect(personas, kitos)
    sync(personas)
    audited = len(events(personas.org))
    run = sync(personas, full=True)
    assert run.counts["systems"]["unchanged"] == 3
    assert run.counts["systems"]["updated"] == 0
    # Only the second sync's "started" entry is new.
    assert len(events(personas.org)) == audited + 1


def test_a_wrong_password_fails_the_run_with_a_message_and_imports_nothing(personas, kitos, sync):
    kitos.usages = [usage(kitos.org, 1)]
    connect(personas, kitos)
    kitos.password = "changed-in-kitos"
    run = sync(personas)
    assert run.status == "failed"
    assert run.error == "KITOS refused the API user (HTTP 401)."
    assert org_systems(personas) == {}


def test_an_unreachable_kitos_fails_the_run(personas, kitos, sync):
    connect(personas, kitos)
    kitos.server.shutdown()
    kitos.server.server_close()
    run = sync(personas)
    assert run.status == "failed"
    assert run.error.startswith("KITOS could not be reached")


def test_a_second_sync_cannot_start_while_one_waits(personas, kitos, settings, sync):
    from skanse.core.errors import DomainError

    connect(personas, kitos)
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    sync(personas)
    with pytest.raises(DomainError):
        sync(personas)


def test_the_kitos_organisation_uuid_can_be_given_instead_of_the_cvr_lookup(personas, kitos, sync):
    kitos.usages = [usage(kitos.org, 1)]
    connect(personas, kitos, kitos_organisation_uuid=kitos.org["uuid"])
    run = sync(personas)
    assert run.counts["systems"]["created"] == 1
    assert not [p for p, _q in kitos.requests if p == "/api/v2/organizations"]


def test_the_worker_refuses_a_run_whose_starter_lost_the_right(personas, kitos, settings, sync):
    from skanse.kitos.tasks import run_kitos_sync

    kitos.usages = [usage(kitos.org, 1)]
    connect(personas, kitos)
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    run = sync(personas)
    with scopes_disabled():
        membership = personas.membership[personas.admin.email]
        membership.role = "auditor"
        membership.save()
    with translation.override("en"):
        run_kitos_sync.call(run.pk)
    run.refresh_from_db()
    assert run.status == "failed"
    assert run.error == "The person who started the sync may no longer run it."
    assert org_systems(personas) == {}
