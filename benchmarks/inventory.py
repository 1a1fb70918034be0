"""Issue #5: the inventory at national scale — a large municipality's system list (800
systems, 150 suppliers) and a KITOS import of 1,000 system usages, first and again."""

import json
import statistics
import time

from benchmarks._setup import django_setup, report

django_setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import translation  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

from skanse.inventory.demo import generate_inventory  # noqa: E402
from skanse.kitos import services  # noqa: E402
from skanse.kitos.fake_server import FakeKitos, municipality_bundle  # noqa: E402
from skanse.kitos.models import SyncRun  # noqa: E402
from skanse.tenancy.demo import load_demo  # noqa: E402
from skanse.tenancy.models import Organisation  # noqa: E402


def timed(client, url, runs=10):
    client.get(url)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(times) * 1000, len(queries.captured_queries)


def kitos_sync(organisation, user, kitos) -> tuple[float, SyncRun]:
    with scopes_disabled(), translation.override("en"):
        services.settings_save(
            actor=user,
            organisation=organisation,
            base_url=kitos.url,
            api_email=kitos.email,
            password=kitos.password,
        )
        run = SyncRun.objects.create(organisation=organisation, kind="kitos", started_by=user)
        start = time.perf_counter()
        services.sync_run(run)
        return time.perf_counter() - start, run


def main() -> None:
    load_demo()
    users = get_user_model().objects
    with scopes_disabled():
        aarhus = Organisation.objects.get(kind="municipality", code="751")
        vejle = Organisation.objects.get(kind="municipality", code="630")
    generate_inventory(aarhus, systems=800, suppliers=150)
    print("data: 800 systems, 150 suppliers, 300 contracts in one municipality")
    client = Client(HTTP_HOST="localhost")
    client.force_login(users.get(email="dpo@aarhus.demo.skanse.dk"))
    for label, query in [
        ("system list, first page", ""),
        ("system list, search + filters", "?q=sag&sensitivity=personal&life_cycle=Operational"),
        ("system list, page 16", "?page=16"),
    ]:
        ms, queries = timed(client, f"/o/aarhus/systems/{query}")
        report(f"{label} (ms)", ms, "ms", 150)
        report(f"{label}, queries", queries, "queries")

    # KITOS from the (local, fake) API: 1,000 system usages; then nothing changed since.
    admin = users.get(email="admin@vejle.demo.skanse.dk")
    with FakeKitos(org_cvr=vejle.cvr) as kitos:
        kitos.usages = municipality_bundle(kitos.org, 1000, 150)["itSystemUsages"]
        seconds, run = kitos_sync(vejle, admin, kitos)
        assert run.status == "done", run.error
        print("first sync, systems:", json.dumps(run.counts["systems"]))
        report("KITOS API sync, 1,000 usages, first (s)", seconds, "s", 10)
        seconds, run = kitos_sync(vejle, admin, kitos)
        report("KITOS API sync, nothing changed since (s)", seconds, "s", 10)

    # A whole municipality as a file: 1,000 usages, 500 contracts (150 suppliers) and 250
    # data-processing registrations (written through privacy's processor-agreement service).
    with scopes_disabled():
        laeso = Organisation.objects.get(kind="municipality", code="825")
        org = {"uuid": None, "name": laeso.name, "cvr": laeso.cvr}
        content = json.dumps(municipality_bundle(org, 1000, 150)).encode()
        for label in ("KITOS file, 1,000 usages + contracts + DPRs (s)", "same file again (s)"):
            start = time.perf_counter()
            run = services.file_import(
                actor=None, organisation=laeso, content=content, file_name="b.json", via="cli"
            )
            report(label, time.perf_counter() - start, "s", 10)
        print("file again:", json.dumps(run.counts))


if __name__ == "__main__":
    main()
