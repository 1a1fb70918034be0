"""Art. 25 demo data: a few assessments (through the services, so audited) in the demo
municipalities, and `generate_design_national()` for every municipality in bulk."""

import datetime
import random
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from skanse.core.audit import audit_record
from skanse.design import services
from skanse.design.models import (
    GAP_RESULTS,
    Assessment,
    AssessmentStatus,
    DesignProfile,
    ElementAssessment,
    Response,
    Result,
)
from skanse.design.selectors import edpb_elements, edpb_version
from skanse.inventory.models import ITSystem
from skanse.library.services import library_import
from skanse.requirements.models import RequirementSet
from skanse.requirements.services import requirement_set_create
from skanse.tenancy.models import Organisation

CATALOGUE = (
    Path(__file__).resolve().parents[1] / "library" / "catalogues" / "edpb-art25-elements.yaml"
)
DEMO_CODES = ("751", "630", "825")  # Aarhus, Vejle, Læsø
RESULTS = [Result.MET] * 7 + [Result.PARTLY, Result.NOT_MET, Result.NOT_RELEVANT]


def ensure_library():
    """The library's EDPB elements, imported from the built-in catalogue when missing."""
    version = edpb_version()
    if version is None:
        library_import(CATALOGUE.read_bytes(), via="cli")
        version = edpb_version()
    return version


def _assess(system, assessed_on, rng, *, complete=True, requirement_set=None):
    assessment = services.assessment_create(
        actor=None,
        organisation=system.organisation,
        system=system,
        occasion="periodic" if hasattr(system, "design_profile") else "design",
        assessed_on=assessed_on,
        via="cli",
    )
    rows = [
        {
            "element": row.element.ref_id,
            "result": rng.choice(RESULTS),
            "evidence": "Gennemgået med systemejer og leverandør.",
        }
        for row in assessment.elements.select_related("element")
    ]
    services.elements_save(actor=None, assessment=assessment, rows=rows, via="cli")
    gaps = assessment.elements.filter(result__in=GAP_RESULTS).select_related(
        "element", "assessment__system"
    )
    for n, row in enumerate(gaps):
        if not complete and n % 2:
            continue
        kind = n % 3
        if kind == 0 or (kind == 1 and system.supplier_id is None):
            services.gap_decide(
                actor=None,
                row=row,
                response=Response.ORGANISATIONAL,
                measure="Instruks til medarbejderne og kvartalsvis kontrol.",
                responsible="Systemejer",
                due_on=assessed_on + datetime.timedelta(days=90),
                via="cli",
            )
        elif kind == 1:
            services.gap_decide(
                actor=None,
                row=row,
                response=Response.SYSTEM_CHANGE,
                measure=f"Leverandøren retter systemet, så {row.element.ref_id} opfyldes.",
                due_on=assessed_on + datetime.timedelta(days=180),
                requirement_set=requirement_set,
                via="cli",
            )
        else:
            services.gap_decide(
                actor=None,
                row=row,
                response=Response.ACCEPTED,
                accept_reason="Lav risiko for de registrerede; omkostningen er for høj.",
                accepted_by="Direktionen",
                accepted_on=assessed_on,
                via="cli",
            )
    if complete:
        services.assessment_complete(
            actor=None, assessment=assessment, summary="Demo-vurdering.", via="cli"
        )
    return assessment


def load_design_demo() -> int:
    """A handful of assessments in each demo municipality (idempotent); returns how many
    municipalities got them."""
    filled = 0
    today = timezone.localdate()
    with scopes_disabled():
        if ensure_library() is None:
            return 0
        for organisation in Organisation.objects.filter(kind="municipality", code__in=DEMO_CODES):
            if Assessment.objects.filter(organisation=organisation).exists():
                continue
            systems = list(ITSystem.objects.filter(organisation=organisation).order_by("name")[:6])
            if len(systems) < 4:
                continue
            rng = random.Random(f"design-{organisation.code}")  # noqa: S311 - fictional data
            with transaction.atomic():
                requirements = RequirementSet.objects.filter(
                    organisation=organisation, name="Art. 25-krav til leverandører"
                ).first() or requirement_set_create(
                    actor=None,
                    organisation=organisation,
                    name="Art. 25-krav til leverandører",
                    description="Krav fra vurderinger af databeskyttelse gennem design.",
                    via="cli",
                )
                overdue, current, draft, triggered = systems[:4]
                _assess(
                    overdue, today - datetime.timedelta(days=430), rng, requirement_set=requirements
                )
                _assess(
                    current, today - datetime.timedelta(days=20), rng, requirement_set=requirements
                )
                _assess(triggered, today - datetime.timedelta(days=200), rng)
                services.reassessment_trigger(
                    actor=None,
                    system=triggered,
                    trigger="incident",
                    note="Brud på persondatasikkerheden: forkert modtager af brev.",
                    via="cli",
                )
                _assess(draft, today, rng, complete=False)
            filled += 1
    return filled


# --- National scale ------------------------------------------------------------------------


def generate_design_for(organisation, *, assessed=40, seed=2026) -> bool:
    """Completed assessments of the first `assessed` systems, in bulk (not audited:
    generated data); False if already done."""
    version = edpb_version()
    if version is None:
        return False
    elements = list(edpb_elements(version))
    rng = random.Random(f"{seed}-{organisation.pk}")  # noqa: S311 - fictional data
    today = timezone.localdate()
    with scopes_disabled(), transaction.atomic():
        if Assessment.objects.filter(organisation=organisation, summary="Genereret").exists():
            return False
        systems = list(
            ITSystem.objects.filter(organisation=organisation)
            .exclude(design_assessments__isnull=False)
            .order_by("id")[:assessed]
        )
        dates = [today - datetime.timedelta(days=rng.randint(0, 500)) for _ in systems]
        made = timezone.now()
        assessments = Assessment.objects.bulk_create(
            [
                Assessment(
                    organisation=organisation,
                    system=system,
                    framework_version=version,
                    occasion="periodic",
                    status=AssessmentStatus.COMPLETED,
                    assessed_on=day,
                    completed_at=made,
                    summary="Genereret",
                )
                for system, day in zip(systems, dates, strict=True)
            ]
        )
        rows = []
        for assessment in assessments:
            for position, element in enumerate(elements):
                result = rng.choice(RESULTS)
                row = ElementAssessment(
                    organisation=organisation,
                    assessment=assessment,
                    element=element,
                    principle_id=element.parent_id,
                    position=position,
                    result=result,
                    current=True,
                )
                if result in GAP_RESULTS:
                    row.response = rng.choice([Response.ORGANISATIONAL, Response.ACCEPTED])
                    if row.response == Response.ACCEPTED:
                        row.accept_reason, row.accepted_by = "Lav risiko", "Direktionen"
                    else:
                        row.measure = "Instruks og kontrol."
                        row.due_on = assessment.assessed_on + datetime.timedelta(days=120)
                rows.append(row)
        ElementAssessment.objects.bulk_create(rows, batch_size=2000)
        DesignProfile.objects.bulk_create(
            [
                DesignProfile(
                    organisation=organisation,
                    system_id=assessment.system_id,
                    current_assessment=assessment,
                    last_assessed_at=made,
                    next_due_on=services.add_months(assessment.assessed_on, 12),
                )
                for assessment in assessments
            ],
            # A system may already have a schedule (a re-assessment triggered by a breach or
            # a processing activity): it is then brought up to date, as completing would.
            update_conflicts=True,
            unique_fields=["system"],
            update_fields=[
                "current_assessment",
                "last_assessed_at",
                "next_due_on",
                "trigger",
                "trigger_note",
                "triggered_at",
            ],
        )
    return True


def generate_design_national(assessed=40) -> int:
    """Every active municipality: `assessed` systems with a completed assessment each; one
    audit event per municipality."""
    filled = 0
    with scopes_disabled():
        if ensure_library() is None:
            return 0
        for organisation in Organisation.objects.filter(kind="municipality", is_active=True):
            with transaction.atomic():
                if generate_design_for(organisation, assessed=assessed):
                    audit_record(
                        actor=None,
                        organisation=organisation,
                        action="design.demo.generated",
                        obj=organisation,
                        via="cli",
                        changes={"assessments": [None, assessed]},
                    )
                    filled += 1
    return filled
