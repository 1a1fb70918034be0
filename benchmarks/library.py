"""Issue #3: import a catalog the size of NIST SP 800-53 rev. 5, and show its tree page."""

import resource
import statistics
import time
import tracemalloc

from benchmarks._setup import django_setup, report

django_setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from benchmarks.generate import oscal_catalog_bytes  # noqa: E402
from skanse.library.models import FrameworkVersion  # noqa: E402
from skanse.library.services import library_import  # noqa: E402
from skanse.tenancy.demo import load_demo  # noqa: E402


def main() -> None:
    runs = []
    for run in range(3):
        content = oscal_catalog_bytes(title=f"Benchmark catalog {run}")
        start = time.perf_counter()
        library_import(content)
        runs.append(time.perf_counter() - start)
    print(f"catalog: {len(content) / 1e6:.1f} MB of OSCAL JSON, 1,220 controls and enhancements")
    report("import, median of 3 (s)", statistics.median(runs), "s", 1.0)

    content = oscal_catalog_bytes(title="Benchmark catalog memory")
    tracemalloc.start()
    with CaptureQueriesContext(connection) as queries:
        library_import(content)
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    report("import, peak Python memory (MB)", peak, "MB", 300)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    report("whole process, peak resident memory so far (MB)", rss, "MB", 300)
    report("import, SQL statements", len(queries.captured_queries), "stmts")

    load_demo()
    client = Client(HTTP_HOST="localhost")
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(email="koordinator@demo.skanse.dk"))
    version = FrameworkVersion.objects.get(name="Benchmark catalog 0")
    url = f"/o/kl/library/{version.uuid}/"
    client.get(url)  # warm caches and templates
    times = []
    for _ in range(10):
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    report("tree page, 1,220 nodes, median of 10 (ms)", statistics.median(times) * 1000, "ms", 100)
    report("tree page, queries", len(queries.captured_queries), "queries")
    start = time.perf_counter()
    client.get(url + "?q=system", HTTP_HX_REQUEST="true")
    report("tree search fragment (ms)", (time.perf_counter() - start) * 1000, "ms", 100)


if __name__ == "__main__":
    main()
