"""Issue #5: the record of processing of a large municipality — 300 processing activities and
150 processors (suppliers, systems and agreements): the activity list page (server time and
queries), and the full Art. 30 export as Excel and as PDF."""

import statistics
import time

from benchmarks._setup import django_setup, report

django_setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django_scopes import scope, scopes_disabled  # noqa: E402

from skanse.privacy import demo, records  # noqa: E402
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


def export_time(function, organisation, runs=3):
    times = []
    with scope(organisation=organisation):
        for _ in range(runs):
            start = time.perf_counter()
            content = function(organisation)
            times.append(time.perf_counter() - start)
    return statistics.median(times), len(content)


def main() -> None:
    load_demo()
    aarhus = Organisation.objects.get(kind="municipality", code="751")
    start = time.perf_counter()
    with scopes_disabled():
        demo.generate_for(aarhus, activities=300, processors=150)
    report("generate 300 activities, 150 processors (s)", time.perf_counter() - start, "s")

    client = Client(HTTP_HOST="localhost")
    client.force_login(get_user_model().objects.get(email="dpo@aarhus.demo.skanse.dk"))
    ms, queries = timed(client, "/o/aarhus/records/")
    report("activity list, first page of 300 (ms)", ms, "ms", 150)
    report("activity list, queries", queries, "queries")
    ms, queries = timed(client, "/o/aarhus/records/?q=skole&legal_basis=art6_1_e")
    report("activity list, searched and filtered (ms)", ms, "ms", 150)
    report("activity list searched, queries", queries, "queries")
    ms, queries = timed(client, "/o/aarhus/processor-agreements/")
    report("processor agreements, first page of 150 (ms)", ms, "ms", 150)
    report("processor agreements, queries", queries, "queries")
    ms, queries = timed(client, "/o/aarhus/supervision/", runs=5)
    report("supervision overview, 150 agreements (ms)", ms, "ms", 150)
    report("supervision overview, queries", queries, "queries")

    seconds, size = export_time(records.record_xlsx, aarhus)
    report(f"Art. 30 export, Excel ({size // 1024} KB) (s)", seconds, "s", 3.0)
    with CaptureQueriesContext(connection) as queries, scope(organisation=aarhus):
        records.record_xlsx(aarhus)
    report("Art. 30 export, Excel, queries", len(queries.captured_queries), "queries")
    seconds, size = export_time(records.record_pdf, aarhus, runs=1)
    report(f"Art. 30 export, PDF ({size // 1024} KB) (s)", seconds, "s")


if __name__ == "__main__":
    main()
