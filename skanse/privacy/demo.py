"""Demo data for the records of processing, processor agreements and supervision.

`load_privacy_demo()` gives the demo municipalities a small, realistic record through the
services (so it is audited like any other change); it reuses the inventory's suppliers and
systems by name and adds the ones it needs. `generate_privacy_national()` fills every
municipality at national scale in bulk (300 processing activities and 150 processors each).
Both are idempotent. The data is fictional.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from skanse.core.audit import audit_record
from skanse.inventory.models import ITSystem, Supplier
from skanse.privacy import choices as c
from skanse.privacy import services
from skanse.privacy.models import ProcessingActivity, ProcessorAgreement, Supervision
from skanse.tenancy.models import Organisation

# (name, CVR) — fictional suppliers.
SUPPLIERS = [
    ("Nordlys Software A/S", "90000001"),
    ("Kommunedata Drift ApS", "90000002"),
    ("Skyhus Hosting A/S", "90000003"),
    ("Lønsystemer Danmark A/S", "90000004"),
]
# (system, supplier index)
SYSTEMS = [
    ("Sagsbehandling Social", 0),
    ("Skoleintra Demo", 1),
    ("Lønsystem", 3),
    ("Borgerservice Booking", 2),
]

ACTIVITIES = [
    {
        "reference": "BA-01",
        "name": "Sagsbehandling af ansøgninger om hjælp efter serviceloven",
        "purposes": "Afgørelser om hjælp og støtte til borgere efter serviceloven.",
        "legal_bases": ["art6_1_c", "art6_1_e", "art9_2_b", "art9_2_h", "dbl_11"],
        "legal_basis_notes": "Serviceloven og retssikkerhedsloven.",
        "subject_categories": ["citizens", "vulnerable_adults", "relatives"],
        "subject_count": "gt10000",
        "data_categories": ["ordinary", "health", "cpr"],
        "recipients": ["state", "health", "processors"],
        "erasure": "5y",
        "security_measures": "Rollebaseret adgang, logning, kryptering under transport.",
        "kle_numbers": ["27.24.00"],
        "responsible_unit": "Social og Sundhed",
        "information_duty": "met",
        "dpia_need": "required",
        "systems": [0],
        "processors": [0],
    },
    {
        "reference": "BA-02",
        "name": "Elevadministration i folkeskolen",
        "purposes": "Skolegang, undervisning og kontakt med forældre.",
        "legal_bases": ["art6_1_c", "art6_1_e", "dbl_11"],
        "subject_categories": ["pupils", "parents", "children"],
        "subject_count": "gt10000",
        "data_categories": ["ordinary", "cpr"],
        "recipients": ["internal", "state"],
        "erasure": "kle",
        "security_measures": "Adgang efter behov, to-faktor-login for medarbejdere.",
        "kle_numbers": ["17.01"],
        "responsible_unit": "Børn og Unge",
        "information_duty": "partly",
        "systems": [1],
        "processors": [1],
    },
    {
        "reference": "BA-03",
        "name": "Lønudbetaling og personaleadministration",
        "purposes": "Ansættelse, løn, fravær og fratrædelse.",
        "legal_bases": ["art6_1_b", "art6_1_c", "art9_2_b", "dbl_12", "dbl_11"],
        "subject_categories": ["employees", "former_employees"],
        "subject_count": "lt10000",
        "data_categories": ["ordinary", "health", "trade_union", "cpr"],
        "recipients": ["state", "pension_insurance", "unemployment_funds", "processors"],
        "erasure": "5y",
        "security_measures": "Adgang for løn- og personalekontoret, logning.",
        "kle_numbers": ["81.03"],
        "responsible_unit": "HR",
        "information_duty": "met",
        "systems": [2],
        "processors": [3],
    },
    {
        "reference": "BA-04",
        "name": "Tidsbestilling i Borgerservice",
        "purposes": "Booking af tider til pas, kørekort og andre ydelser.",
        "legal_bases": ["art6_1_e"],
        "subject_categories": ["citizens"],
        "subject_count": "gt10000",
        "data_categories": ["ordinary"],
        "recipients": ["processors", "third_country"],
        "third_country_transfer": True,
        "third_countries": "USA",
        "transfer_basis": "dpf",
        "erasure": "6m",
        "kle_numbers": ["15.00"],
        "responsible_unit": "Borgerservice",
        "systems": [3],
        "processors": [2],
    },
    {
        "reference": "BA-05",
        "name": "Rekruttering",
        "purposes": "Behandling af ansøgninger til ledige stillinger.",
        "subject_categories": ["job_applicants"],
        "subject_count": "lt1000",
        "data_categories": ["ordinary"],
        "erasure": "6m",
        "kle_numbers": ["81.02"],
        "responsible_unit": "HR",
    },
    {
        "reference": "BA-06",
        "name": "Kommunens lønberegning for selvejende institutioner",
        "role": "processor",
        "controller_name": "Den selvejende institution Solsikken",
        "controller_contact": "Solsikkevej 1, kontakt@solsikken.example",
        "purposes": "Lønberegning på vegne af institutionen.",
        "legal_bases": ["art6_1_b"],
        "subject_categories": ["employees"],
        "data_categories": ["ordinary", "cpr"],
        "security_measures": "Som kommunens lønsystem.",
        "responsible_unit": "HR",
    },
]


def _inventory(organisation):
    """The demo suppliers and systems, reused by name where they exist."""
    from skanse.inventory import services as inventory

    suppliers = []
    for name, cvr in SUPPLIERS:
        supplier = Supplier.objects.filter(organisation=organisation, name__iexact=name).first()
        if supplier is None:
            supplier = Supplier.objects.filter(organisation=organisation, cvr=cvr).first()
        if supplier is None:
            supplier = inventory.supplier_create(
                actor=None, organisation=organisation, via="cli", name=name, cvr=cvr
            )
        suppliers.append(supplier)
    systems = []
    for name, supplier_index in SYSTEMS:
        system = ITSystem.objects.filter(organisation=organisation, name__iexact=name).first()
        if system is None:
            system = inventory.system_create(
                actor=None,
                organisation=organisation,
                via="cli",
                name=name,
                supplier=suppliers[supplier_index],
                data_sensitivity_levels=["PersonData"],
            )
        systems.append(system)
    return suppliers, systems


def _demo_for(organisation) -> None:
    suppliers, systems = _inventory(organisation)
    services.controller_details_update(
        actor=None,
        organisation=organisation,
        via="cli",
        address=f"{organisation.name}, Rådhuset",
        email=f"kommune@{organisation.slug}.demo.skanse.dk",
        dpo_name="Dorthe Databeskyttelse",
        dpo_email=f"dpo@{organisation.slug}.demo.skanse.dk",
    )
    activities = []
    for data in ACTIVITIES:
        fields = dict(data)
        fields["systems"] = [systems[i].uuid for i in fields.get("systems", [])]
        fields["processors"] = [suppliers[i].uuid for i in fields.get("processors", [])]
        activities.append(
            services.processing_activity_create(None, organisation, via="cli", **fields)
        )
    today = timezone.localdate()
    social = services.processor_agreement_create(
        None,
        organisation,
        via="cli",
        name="Databehandleraftale – Sagsbehandling Social",
        supplier=suppliers[0].uuid,
        systems=[systems[0].uuid],
        activities=[activities[0].uuid],
        status="concluded",
        concluded_on=datetime.date(2023, 3, 1),
        template="dt_scc",
        breach_notice="24",
        risk_subjects="gt10000",
        risk_sensitive=True,
        risk_processing="ordinary",
        supervision_method="isae3000_2",
        supervision_interval="yearly",
    )
    services.sub_processor_add(
        None,
        social,
        via="cli",
        name="Skyhus Hosting A/S",
        processing="Drift og hosting",
        country="Danmark",
    )
    services.supervision_create(
        None,
        social,
        via="cli",
        performed_on=today - datetime.timedelta(days=400),
        method="isae3000_2",
        statement_type="isae3000_2",
        period_start=today - datetime.timedelta(days=800),
        period_end=today - datetime.timedelta(days=435),
        opinion="qualified",
        deviations="Manglende periodisk gennemgang af brugerrettigheder.",
        assessment="yellow",
        follow_up="Bed leverandøren om plan for gennemgang af brugerrettigheder.",
        follow_up_due=today - datetime.timedelta(days=300),
    )
    services.processor_agreement_create(
        None,
        organisation,
        via="cli",
        name="Databehandleraftale – Lønsystem",
        supplier=suppliers[3].uuid,
        systems=[systems[2].uuid],
        activities=[activities[2].uuid],
        status="concluded",
        concluded_on=datetime.date(2022, 1, 1),
        template="kl_kombit",
        breach_notice="48",
        risk_subjects="lt10000",
        risk_sensitive=True,
        supervision_method="isae3402_2",
        supervision_interval="yearly",
        next_supervision_on=today + datetime.timedelta(days=30),
    )
    services.processor_agreement_create(
        None,
        organisation,
        via="cli",
        name="Databehandleraftale – Skoleintra",
        supplier=suppliers[1].uuid,
        systems=[systems[1].uuid],
        activities=[activities[1].uuid],
        status="in_progress",
        template="dbs",
    )
    # Booking (Skyhus, third country) has no agreement: the dashboard shows the gap.


def load_privacy_demo() -> int:
    """The demo municipalities' records. Idempotent: returns how many were filled now."""
    from skanse.tenancy.demo import DEMO_MUNICIPALITIES

    filled = 0
    with scopes_disabled():
        for organisation in Organisation.objects.filter(
            kind="municipality", code__in=DEMO_MUNICIPALITIES
        ):
            if ProcessingActivity.objects.filter(
                organisation=organisation, reference="BA-01"
            ).exists():
                continue
            with transaction.atomic():
                _demo_for(organisation)
            filled += 1
    return filled


# --- National scale ----------------------------------------------------------------------------

SUBJECTS = [code for code, _label in c.SUBJECT_CATEGORIES]
DATA = [code for code, _label in c.DATA_CATEGORIES]
BASES = [code for code, _label in c.LEGAL_BASES]
RECIPIENTS = [code for code, _label in c.RECIPIENTS]
AREAS = ["Social", "Skole", "Sundhed", "Beskæftigelse", "Teknik", "Borgerservice", "HR", "Miljø"]


def _generated_activity(organisation, n: int, rng: random.Random) -> ProcessingActivity:
    area = AREAS[n % len(AREAS)]
    return ProcessingActivity(
        organisation=organisation,
        reference=f"G-{n:03d}",
        name=f"{area}: behandlingsaktivitet {n}",
        purposes=f"Opgaver inden for {area.lower()}.",
        legal_bases=sorted(rng.sample(BASES, rng.randint(0, 3)), key=BASES.index),
        subject_categories=sorted(rng.sample(SUBJECTS, rng.randint(1, 3)), key=SUBJECTS.index),
        data_categories=sorted(rng.sample(DATA, rng.randint(1, 3)), key=DATA.index),
        recipients=sorted(rng.sample(RECIPIENTS, rng.randint(0, 3)), key=RECIPIENTS.index),
        subject_count=rng.choice(["lt1000", "lt10000", "gt10000"]),
        erasure=rng.choice(["kle", "5y", "10y", ""]),
        security_measures="Adgangsstyring og logning.",
        kle_numbers=[f"{rng.randint(0, 85):02d}.{rng.randint(0, 20):02d}"],
        responsible_unit=area,
        information_duty=rng.choice(["met", "partly", ""]),
        source=c.Source.LOCAL,
    )


def generate_for(organisation, *, activities=300, processors=150, seed=2026) -> bool:
    """Fill one organisation in bulk; False when it has its generated record already."""
    rng = random.Random(f"{seed}-{organisation.pk}")  # noqa: S311 -- fictional data
    if ProcessingActivity.objects.filter(organisation=organisation, reference="G-000").exists():
        return False
    code = int(organisation.code or 0)
    Supplier.objects.bulk_create(
        [
            Supplier(
                organisation=organisation,
                name=f"Databehandler {n:03d} ApS",
                cvr=f"8{code:03d}{n:04d}",
            )
            for n in range(processors)
        ],
        ignore_conflicts=True,
    )
    suppliers = list(
        Supplier.objects.filter(organisation=organisation, name__startswith="Databehandler ")
    )
    systems = ITSystem.objects.bulk_create(
        [
            ITSystem(
                organisation=organisation,
                name=f"Fagsystem {n:03d}",
                supplier=suppliers[n % len(suppliers)],
                data_sensitivity_levels=["PersonData"],
                has_personal_data=True,
            )
            for n in range(processors)
        ]
    )
    rows = ProcessingActivity.objects.bulk_create(
        [_generated_activity(organisation, n, rng) for n in range(activities)]
    )
    system_links = ProcessingActivity.systems.through
    processor_links = ProcessingActivity.processors.through
    system_links.objects.bulk_create(
        [
            system_links(processingactivity_id=a.pk, itsystem_id=systems[i % len(systems)].pk)
            for i, a in enumerate(rows)
        ]
    )
    processor_links.objects.bulk_create(
        [
            processor_links(
                processingactivity_id=a.pk, supplier_id=suppliers[i % len(suppliers)].pk
            )
            for i, a in enumerate(rows)
        ]
    )
    today = timezone.localdate()
    agreements = ProcessorAgreement.objects.bulk_create(
        [
            ProcessorAgreement(
                organisation=organisation,
                name=f"Databehandleraftale {s.name}",
                supplier=s,
                status=rng.choice(["concluded", "concluded", "concluded", "in_progress"]),
                concluded_on=datetime.date(2022, 1, 1),
                template=rng.choice(["dt_scc", "dbs", "kl_kombit"]),
                risk_subjects="lt10000",
                risk_points=2,
                supervision_method="written",
                supervision_interval="yearly",
                next_supervision_on=today + datetime.timedelta(days=rng.randint(-120, 365)),
            )
            for s in suppliers
        ]
    )
    through = ProcessorAgreement.systems.through
    through.objects.bulk_create(
        [
            through(processoragreement_id=a.pk, itsystem_id=systems[i % len(systems)].pk)
            for i, a in enumerate(agreements)
        ]
    )
    Supervision.objects.bulk_create(
        [
            Supervision(
                organisation=organisation,
                agreement=a,
                performed_on=today - datetime.timedelta(days=rng.randint(30, 400)),
                method="written",
                assessment=rng.choice(["green", "green", "yellow"]),
                follow_up="Følg op på bemærkninger.",
            )
            for a in agreements[::3]
        ]
    )
    return True


def generate_privacy_national(activities=300, processors=150) -> int:
    """Every active municipality at national scale, in bulk; one audit event each."""
    filled = 0
    with scopes_disabled():
        for organisation in Organisation.objects.filter(kind="municipality", is_active=True):
            with transaction.atomic():
                if generate_for(organisation, activities=activities, processors=processors):
                    audit_record(
                        actor=None,
                        organisation=organisation,
                        action="privacy.demo.generated",
                        obj=organisation,
                        via="cli",
                        changes={"processing_activities": [None, activities]},
                    )
                    filled += 1
    return filled
