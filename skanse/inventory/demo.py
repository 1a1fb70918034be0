"""Inventory demo data: a few locally registered systems, and a generator at national scale
(800 systems, 150 suppliers and 300 contracts per municipality, clearly fictional)."""

import datetime
import random

from django.db import transaction
from django_scopes import scopes_disabled

from skanse.inventory import services
from skanse.inventory.models import (
    Contract,
    DataSensitivityLevel,
    HostedAt,
    ITSystem,
    LifeCycleStatus,
    RiskLevel,
    SpecificPersonalData,
    Supplier,
    TechnicalPrecaution,
    YesNoDontKnow,
)

LOCAL_SYSTEMS = [
    # name, purpose, sensitivity, life-cycle, critical
    ("Mødebooking (lokal)", "Booking af mødelokaler.", ["None"], "Operational", "No"),
    (
        "Ansøgningsportal (lokal)",
        "Modtagelse af ansøgninger til ledige stillinger.",
        ["PersonData"],
        "PhasingIn",
        "No",
    ),
    (
        "Gammelt journalsystem (lokal)",
        "Opslag i journaler fra før 2015.",
        ["PersonData", "SensitiveData"],
        "PhasingOut",
        "Yes",
    ),
]
AREAS = ("Borgerservice", "Social og Sundhed", "Børn og Unge", "Teknik og Miljø", "HR", "IT")
KINDS = ("Sagssystem", "Fagsystem", "Portal", "Registreringssystem", "Integration", "App")


@transaction.atomic
def load_local_demo(organisation) -> int:
    """A few systems registered in Skanse itself (idempotent by name); how many were new."""
    created = 0
    with scopes_disabled():
        for name, purpose, levels, status, critical in LOCAL_SYSTEMS:
            if ITSystem.objects.filter(organisation=organisation, name=name).exists():
                continue
            services.system_create(
                actor=None,
                organisation=organisation,
                via="cli",
                name=name,
                purpose=purpose,
                data_sensitivity_levels=levels,
                life_cycle_status=status,
                business_critical=critical,
                responsible_unit="IT",
            )
            created += 1
    return created


def _system(organisation, n: int, supplier, rng: random.Random) -> ITSystem:
    levels = rng.choice(
        [
            [DataSensitivityLevel.NONE],
            [DataSensitivityLevel.PERSON_DATA],
            [DataSensitivityLevel.PERSON_DATA, DataSensitivityLevel.SENSITIVE_DATA],
            [DataSensitivityLevel.PERSON_DATA, DataSensitivityLevel.LEGAL_DATA],
        ]
    )
    assessed = rng.random() < 0.6
    system = ITSystem(
        organisation=organisation,
        name=f"{KINDS[n % len(KINDS)]} {n:03d}",
        local_call_name=f"G{n:03d}",
        supplier=supplier,
        purpose="Genereret testsystem.",
        responsible_unit=AREAS[n % len(AREAS)],
        owner=f"Systemejer {n % 60}",
        life_cycle_status=rng.choice(
            [LifeCycleStatus.OPERATIONAL] * 6
            + [LifeCycleStatus.PHASING_IN, LifeCycleStatus.PHASING_OUT, LifeCycleStatus.NOT_IN_USE]
        ),
        business_critical=rng.choice(list(YesNoDontKnow.values)),
        hosted_at=rng.choice(list(HostedAt.values)),
        data_sensitivity_levels=levels,
        specific_personal_data=[SpecificPersonalData.CPR_NUMBER] if rng.random() < 0.5 else [],
        technical_precautions=[TechnicalPrecaution.ACCESS_CONTROL, TechnicalPrecaution.LOGGING],
        technical_precautions_in_place=YesNoDontKnow.YES,
        risk_assessment=YesNoDontKnow.YES if assessed else YesNoDontKnow.NO,
        risk_assessment_date=datetime.date(2025, 1, 1) + datetime.timedelta(days=n % 365)
        if assessed
        else None,
        risk_assessment_result=rng.choice(list(RiskLevel.values)) if assessed else "Undecided",
        dpia=rng.choice([YesNoDontKnow.YES, YesNoDontKnow.NO, YesNoDontKnow.UNDECIDED]),
    )
    system.refresh_flags()  # bulk_create does not call save()
    return system


def generate_inventory(
    organisation, *, systems: int = 800, suppliers: int = 150, contracts: int = 300, seed=2026
) -> bool:
    """Fill one organisation in bulk (not audited: generated data); False if already done."""
    rng = random.Random(f"{seed}-{organisation.pk}")  # noqa: S311 - fictional data
    with scopes_disabled(), transaction.atomic():
        if ITSystem.objects.filter(organisation=organisation, local_call_name="G000").exists():
            return False
        code = int(organisation.code or 0) % 1000
        Supplier.objects.bulk_create(
            [
                Supplier(
                    organisation=organisation,
                    name=f"Leverandør {n:03d} A/S",
                    cvr=f"7{code:03d}{n:04d}",
                    contact_email=f"kontakt{n}@leverandoer.example",
                )
                for n in range(suppliers)
            ],
            ignore_conflicts=True,
        )
        made = list(
            Supplier.objects.filter(organisation=organisation, name__startswith="Leverandør ")
        )
        rows = ITSystem.objects.bulk_create(
            [_system(organisation, n, made[n % len(made)], rng) for n in range(systems)]
        )
        deals = Contract.objects.bulk_create(
            [
                Contract(
                    organisation=organisation,
                    name=f"Kontrakt {n:03d}",
                    contract_id=f"GK-{n:03d}",
                    supplier=made[n % len(made)],
                    valid_from=datetime.date(2023, 1, 1),
                    valid_to=datetime.date(2026, 1, 1) + datetime.timedelta(days=7 * n),
                )
                for n in range(contracts)
            ]
        )
        through = Contract.systems.through
        through.objects.bulk_create(
            [
                through(contract_id=deal.pk, itsystem_id=rows[(i * 3 + k) % len(rows)].pk)
                for i, deal in enumerate(deals)
                for k in range(2)
            ],
            ignore_conflicts=True,
        )
    return True
