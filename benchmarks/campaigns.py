"""Issue #4: campaigns at national scale — 98 municipalities × 150 questions × 4 campaigns
(about 60,000 answers): launch time, and the coordinator's and a municipality's pages."""

import random
import statistics
import time

from benchmarks._setup import django_setup, report

django_setup()

import datetime  # noqa: E402

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import translation  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

from skanse.campaigns import demo, services  # noqa: E402
from skanse.campaigns.models import Response  # noqa: E402
from skanse.tenancy.demo import load_demo  # noqa: E402
from skanse.tenancy.models import Organisation  # noqa: E402


def questionnaire(sections: int = 15, per_section: int = 10) -> bytes:
    lines = [
        "format: skanse-questionnaire/1",
        "key: bench",
        'version: "1"',
        "name: Benchmark questionnaire",
        "scale: {min: 1, max: 5, target: 4, levels: []}",
        "sections:",
    ]
    tracks = ["baseline", "awareness", "iso27001", "architecture", "gdpr"]
    for s in range(sections):
        lines += [
            f"  - key: s{s}",
            f"    title: Section {s}",
            f"    track: {tracks[s % 5]}",
            "    questions:",
        ]
        lines += [
            f'      - {{key: Q{s}-{q}, type: maturity, text: "Question {s}.{q}"}}'
            for q in range(per_section)
        ]
    return "\n".join(lines).encode()


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


def main() -> None:
    load_demo()
    version = services.questionnaire_import(questionnaire())
    municipalities = list(Organisation.objects.filter(kind="municipality"))
    levels = {m.pk: 2.5 for m in municipalities}
    rng = random.Random(4)  # noqa: S311 - benchmark data, not secrets
    previous, campaigns, launches = None, [], []
    for n in range(4):
        campaign = services.campaign_create(
            actor=None,
            name=f"Bench {n}",
            questionnaire_version=version,
            kind="baseline" if previous is None else "follow_up",
            opens_on=datetime.date(2026, 1, 1),
            closes_on=datetime.date(2026, 12, 31),
            previous=previous,
        )
        start = time.perf_counter()
        services.campaign_launch(actor=None, campaign=campaign, participants=municipalities)
        launches.append(time.perf_counter() - start)
        with scopes_disabled():
            demo._fill(
                campaign,
                levels,
                rng,
                submit_share=1.0 if n < 3 else 0.7,
                keep_share=0.0 if previous is None else 0.5,
            )
        if n < 3:  # as in the programme: a campaign closes before its follow-up opens
            services.campaign_close(actor=None, campaign=campaign)
        levels = {pk: min(4.8, v + 0.3) for pk, v in levels.items()}
        campaigns.append(campaign)
        previous = campaign
    with scopes_disabled():
        answers = sum(Response.objects.filter(campaign=c).count() for c in campaigns) * 150
    print(f"data: 98 municipalities × 150 questions × 4 campaigns = {answers:,} answers")
    report("launch to 98 (baseline, no carry-over) (s)", launches[0], "s", 2.0)
    report("launch to 98 (follow-up, carrying 14,700 answers) (s)", max(launches[1:]), "s", 2.0)

    users = get_user_model().objects
    coordinator, municipal = Client(HTTP_HOST="localhost"), Client(HTTP_HOST="localhost")
    coordinator.force_login(users.get(email="koordinator@demo.skanse.dk"))
    municipal.force_login(users.get(email="sikkerhed@aarhus.demo.skanse.dk"))
    ms, queries = timed(coordinator, f"/o/kl/campaigns/{campaigns[-1].uuid}/")
    report("coordinator: participation + national results (ms)", ms, "ms", 200)
    report("coordinator page, queries", queries, "queries")
    with scopes_disabled():
        own = Response.objects.get(campaign=campaigns[-1], organisation__code="751")
    ms, queries = timed(municipal, f"/o/aarhus/responses/{own.uuid}/results/")
    report("municipality: results vs national, region, previous (ms)", ms, "ms", 200)
    report("municipality results page, queries", queries, "queries")

    # The PDF reports, made as the worker makes them, with no chart in the cache.
    from django.core.cache import cache
    from django_scopes import scope

    from skanse.campaigns import reports
    from skanse.reporting.models import Report

    def noop(percent, stage):
        pass

    aarhus = own.organisation
    kl = Organisation.objects.get(slug="kl")
    # A worker loads Pango's fonts and Vega's engine once, for its first PDF; measured apart.
    from skanse.reporting.charts import svg
    from skanse.reporting.pdf import html_to_pdf

    start = time.perf_counter()
    html_to_pdf("<p>warm</p>")
    svg({"mark": "point", "data": {"values": [{}]}}, title="warm")
    report(
        "a worker's first PDF: loading fonts and chart engine (s)", time.perf_counter() - start, "s"
    )
    for language in ("da", "en"):
        cache.clear()
        mine = Report(
            organisation=aarhus, kind=reports.MUNICIPALITY, subject_uuid=own.uuid, language=language
        )
        start = time.perf_counter()
        with translation.override(language), scope(organisation=aarhus):
            content, _name = reports.build_municipality(mine, noop)
        report(f"municipality PDF report ({language}) (s)", time.perf_counter() - start, "s", 3.0)
        national = Report(
            organisation=kl,
            kind=reports.NATIONAL,
            subject_uuid=campaigns[-1].uuid,
            language=language,
        )
        start = time.perf_counter()
        with translation.override(language), scope(organisation=kl):
            content, _name = reports.build_national(national, noop)
        report(f"national PDF report ({language}) (s)", time.perf_counter() - start, "s", 15.0)
    print(f"national report: {len(content) / 1024:.0f} KB")


if __name__ == "__main__":
    main()
