"""Demo data for the breach log. Fictional.

`load_breaches_demo()` gives each demo municipality three breaches through the services (so they
are audited): one whose 72 hours are running, one notified late with its reason, one assessed as
no risk. `generate_breaches(organisation, count)` adds `count` breaches to one organisation in
bulk for national-scale measurements. Both are idempotent.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from skanse.breaches import services
from skanse.breaches.models import Breach, Risk, Status
from skanse.core.audit import audit_record
from skanse.inventory.models import ITSystem, Supplier
from skanse.tenancy.models import Organisation


def _demo_for(organisation, now) -> None:
    systems = list(ITSystem.objects.filter(organisation=organisation).order_by("name")[:2])
    processors = list(Supplier.objects.filter(organisation=organisation).order_by("name")[:1])
    services.breach_create(
        None,
        organisation,
        via="cli",
        reference="BR-D1",
        title="E-mail med CPR-numre sendt til forkert modtager",
        occurred_at=now - datetime.timedelta(hours=30),
        aware_at=now - datetime.timedelta(hours=28),
        description=(
            "En sagsbehandler sendte en e-mail med en liste over 40 borgere med CPR-numre til "
            "en ekstern modtager med et lignende navn."
        ),
        kinds=["confidentiality"],
        subject_categories=["citizens"],
        subjects_count=40,
        data_categories=["ordinary", "cpr"],
        records_count=1,
        systems=[s.uuid for s in systems[:1]],
        consequences="Risiko for identitetstyveri.",
        measures="Modtageren er bedt om at slette e-mailen og har bekræftet sletningen.",
        risk=Risk.RISK,
    )
    services.breach_create(
        None,
        organisation,
        via="cli",
        reference="BR-D2",
        title="Ransomware hos databehandler",
        occurred_at=now - datetime.timedelta(days=40),
        aware_at=now - datetime.timedelta(days=38),
        description="Databehandlerens driftsmiljø blev krypteret; backup var intakt.",
        kinds=["availability", "confidentiality"],
        subject_categories=["citizens", "children"],
        subjects_count=12000,
        data_categories=["ordinary", "health"],
        records_count=250000,
        systems=[s.uuid for s in systems],
        processors=[p.uuid for p in processors],
        consequences="Borgere kunne ikke booke tider i fire dage; mulig uautoriseret adgang.",
        measures="Genetableret fra backup; adgangskoder skiftet; databehandleren følges op.",
        risk=Risk.HIGH,
        authority_notified_at=now - datetime.timedelta(days=34),
        authority_reference="2026-441-0001",
        delay_reason="Databehandleren underrettede først kommunen efter fire dage.",
        subjects_notified_at=now - datetime.timedelta(days=33),
        subjects_notice="Brev i Digital Post til de berørte borgere.",
        status=Status.CLOSED,
    )
    services.breach_create(
        None,
        organisation,
        via="cli",
        reference="BR-D3",
        title="Krypteret bærbar glemt i toget",
        occurred_at=now - datetime.timedelta(days=10),
        aware_at=now - datetime.timedelta(days=10),
        description="En medarbejder glemte en bærbar computer i toget.",
        kinds=["availability"],
        subject_categories=["employees"],
        data_categories=["ordinary"],
        consequences="Ingen: disken er krypteret, og computeren er spærret.",
        measures="Computeren er spærret og slettet fjernt.",
        risk=Risk.NONE,
        risk_reasoning="Fuld diskkryptering og stærk adgangskode: ingen adgang til data.",
        status=Status.CLOSED,
    )


def load_breaches_demo() -> int:
    """The demo municipalities' breach logs. Idempotent: returns how many were filled now."""
    from skanse.tenancy.demo import DEMO_MUNICIPALITIES

    filled = 0
    now = timezone.now()
    with scopes_disabled():
        for organisation in Organisation.objects.filter(
            kind="municipality", code__in=DEMO_MUNICIPALITIES
        ):
            if Breach.objects.filter(organisation=organisation, reference="BR-D1").exists():
                continue
            with transaction.atomic():
                _demo_for(organisation, now)
            filled += 1
    return filled


def generate_breaches(organisation, count: int, *, seed=2026) -> int:
    """`count` generated breaches (references G-…) in bulk, with one audit event; returns how
    many were added now (none when the organisation has its generated breaches already)."""
    with scopes_disabled(), transaction.atomic():
        if Breach.objects.filter(organisation=organisation, reference="G-0000").exists():
            return 0
        rng = random.Random(f"{seed}-{organisation.pk}")  # noqa: S311 -- fictional data
        now = timezone.now()
        breaches = []
        for n in range(count):
            aware = now - datetime.timedelta(hours=rng.randint(1, 24 * 365))
            risk = rng.choice([Risk.NONE, Risk.RISK, Risk.RISK, Risk.HIGH])
            notified = (
                aware + datetime.timedelta(hours=rng.randint(2, 70)) if risk != Risk.NONE else None
            )
            if notified and notified > now:
                notified = None
            breaches.append(
                Breach(
                    organisation=organisation,
                    reference=f"G-{n:04d}",
                    title=f"Genereret brud {n}",
                    occurred_at=aware - datetime.timedelta(hours=rng.randint(0, 48)),
                    aware_at=aware,
                    description="Genereret til målinger.",
                    kinds=[rng.choice(["confidentiality", "integrity", "availability"])],
                    subject_categories=["citizens"],
                    subjects_count=rng.randint(1, 5000),
                    data_categories=["ordinary"],
                    risk=risk,
                    risk_reasoning="Krypteret." if risk == Risk.NONE else "",
                    authority_notified_at=notified,
                    # A closed high-risk breach says how the data subjects were told (Art. 34).
                    subjects_notice="Brev i Digital Post." if risk == Risk.HIGH else "",
                    status=Status.CLOSED if notified or risk == Risk.NONE else Status.OPEN,
                )
            )
        Breach.objects.bulk_create(breaches, batch_size=500)
        audit_record(
            actor=None,
            organisation=organisation,
            action="breaches.demo.generated",
            obj=organisation,
            via="cli",
            changes={"breaches": [None, count]},
        )
    return count
