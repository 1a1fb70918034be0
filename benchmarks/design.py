"""Issue #6: privacy by design (Art. 25) at national scale — a large municipality's
overview over 800 systems (400 assessed, ~40,000 assessed elements), and the coordinator's
national view over 98 municipalities with 800 systems each (40 assessed in each)."""

import time

from benchmarks._setup import django_setup, report

django_setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

from benchmarks.inventory import timed  # noqa: E402
from skanse.design.demo import (  # noqa: E402
    ensure_library,
    generate_design_for,
    generate_design_national,
)
from skanse.inventory.demo import generate_inventory  # noqa: E402
from skanse.tenancy.demo import load_demo  # noqa: E402
from skanse.tenancy.models import Organisation  # noqa: E402


def main() -> None:
    load_demo()
    users = get_user_model().objects
    with scopes_disabled():
        aarhus = Organisation.objects.get(kind="municipality", code="751")
        coordinator = Organisation.objects.get(kind="coordinator")
        municipalities = list(Organisation.objects.filter(kind="municipality", is_active=True))
    start = time.perf_counter()
    for municipality in municipalities:
        generate_inventory(municipality, systems=800, suppliers=150, contracts=0)
    report("generate 98 × 800 systems (s)", time.perf_counter() - start, "s")
    start = time.perf_counter()
    ensure_library()
    generate_design_for(aarhus, assessed=400)
    report("generate 400 assessments in Aarhus (s)", time.perf_counter() - start, "s")
    start = time.perf_counter()
    generate_design_national(assessed=40)
    report(
        "generate 40 assessments in each other municipality (s)", time.perf_counter() - start, "s"
    )

    client = Client(HTTP_HOST="localhost")
    client.force_login(users.get(email="dpo@aarhus.demo.skanse.dk"))
    for label, query in [
        ("Art. 25 overview, 800 systems, first page", ""),
        ("Art. 25 overview, status filter", "?status=overdue"),
        ("Art. 25 overview, page 16", "?page=16"),
        ("Art. 25 measures, open, first page", "measures/"),
        ("Art. 25 measures, past due date", "measures/?state=overdue"),
    ]:
        ms, queries = timed(client, f"/o/{aarhus.slug}/design/{query}")
        report(f"{label} (ms)", ms, "ms", 200)
        report(f"{label}, queries", queries, "queries")

    client.force_login(users.get(email="koordinator@demo.skanse.dk"))
    ms, queries = timed(client, f"/o/{coordinator.slug}/design/national/")
    report("national Art. 25 view, 98 municipalities (ms)", ms, "ms", 200)
    report("national Art. 25 view, queries", queries, "queries")


if __name__ == "__main__":
    main()
