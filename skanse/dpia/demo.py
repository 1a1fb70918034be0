"""Demo DPIAs: in each demo municipality a screening that requires a DPIA and an approved
DPIA with a draft re-assessment; a screening without a DPIA for the dashboard's card. And a
generator for national scale (bulk rows, one audit event per organisation)."""

import datetime

from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from skanse.core.audit import audit_record
from skanse.dpia import criteria as k
from skanse.dpia import services
from skanse.dpia.models import Dpia, DpiaRisk, DpiaVersion, Screening
from skanse.privacy import services as privacy
from skanse.privacy.models import ProcessingActivity
from skanse.tenancy.models import Membership, Organisation
from skanse.tenancy.roles import Role

DEMO_TITLE = "Konsekvensanalyse: digital visitation på ældreområdet"


def _activity(organisation, reference, name) -> ProcessingActivity:
    """The privacy demo's activity with `reference`, or one made with `name`."""
    found = ProcessingActivity.objects.filter(organisation=organisation, reference=reference)
    return found.first() or privacy.processing_activity_create(
        None, organisation, via="cli", name=name
    )


def _demo_for(organisation) -> None:
    today = timezone.localdate()
    # Home care is granted under the Social Services Act (serviceloven § 83).
    first = _activity(
        organisation, "BA-01", "Sagsbehandling af ansøgninger om hjælp efter serviceloven"
    )
    screening = services.screening_create(
        actor=None,
        organisation=organisation,
        via="cli",
        activity=first,
        criteria=["c4", "c5", "c7"],
        outcome=k.Outcome.REQUIRED,
        reasons="Helbredsoplysninger om ældre borgere i stort omfang: tre kriterier opfyldt.",
        screened_on=today - datetime.timedelta(days=400),
    )
    dpia = services.dpia_create(
        actor=None,
        organisation=organisation,
        via="cli",
        title=DEMO_TITLE,
        screening=screening,
        document={
            "purposes": "Visitation til hjemmepleje og praktisk hjælp.",
            "data_flows": "Borgerens ansøgning → sagsbehandler → fagsystem → leverandør.",
            "data_categories": "Ældre borgere; helbredsoplysninger, CPR-nummer, kontaktdata.",
            "recipients": "Hjemmeplejeleverandører; borgerens læge ved samtykke.",
            "technical_support": "Omsorgssystem hos databehandler; kommunens netværk.",
            "nec_lawfulness": "Art. 6, stk. 1, litra e; art. 9, stk. 2, litra h; serviceloven.",
            "nec_minimisation": "Kun oplysninger, der er nødvendige for visitationen.",
            "nec_storage": "Slettes 5 år efter sagens afslutning.",
            "nec_security": "Rollebaseret adgang, logning, kryptering.",
        },
        risks=[
            {
                "title": "Uautoriseret adgang til helbredsoplysninger",
                "likelihood": 3,
                "severity": 4,
                "measures": "Rollebaseret adgang og månedlig logkontrol.",
                "residual_likelihood": 1,
                "residual_severity": 4,
            },
            {
                "title": "Forkerte oplysninger fører til forkert afgørelse",
                "likelihood": 2,
                "severity": 3,
                "measures": "Borgeren partshøres før afgørelsen.",
                "residual_likelihood": 1,
                "residual_severity": 3,
            },
        ],
    )
    version = dpia.versions.get()
    services.version_consult(
        actor=None,
        version=version,
        via="cli",
        dpo_name="Databeskyttelsesrådgiveren",
        dpo_consulted_on=today - datetime.timedelta(days=380),
        dpo_opinion="Enig i vurderingen; logkontrol skal dokumenteres.",
    )
    services.version_submit(actor=None, version=version, via="cli")
    services.version_approve(
        actor=None,
        version=version,
        via="cli",
        approved_by_name="Direktør for Sundhed og Omsorg",
        approved_on=today - datetime.timedelta(days=370),
        reassess_on=today + datetime.timedelta(days=20),
    )
    draft = services.dpia_reassess(actor=None, dpia=dpia, via="cli")
    # The re-assessment's risks go to a contributor from the department ("Assigned to you").
    contributor = (
        Membership.objects.filter(organisation=organisation, role=Role.CONTRIBUTOR)
        .select_related("user")
        .order_by("id")
        .first()
    )
    if contributor is not None:
        services.assignment_set(
            actor=None,
            version=draft,
            section="risks",
            assignee=contributor.user,
            due_on=today + datetime.timedelta(days=14),
            via="cli",
        )
    cameras = ProcessingActivity.objects.filter(
        organisation=organisation, name__icontains="overvågning"
    ).first() or privacy.processing_activity_create(
        None, organisation, via="cli", name="Tv-overvågning af kommunale bygninger"
    )
    services.screening_create(
        actor=None,
        organisation=organisation,
        via="cli",
        activity=cameras,
        criteria=["c3", "c8"],
        outcome=k.Outcome.REQUIRED,
        reasons="Systematisk overvågning med ny teknologi: to kriterier opfyldt.",
        screened_on=today - datetime.timedelta(days=10),
    )


def load_dpia_demo() -> int:
    """The demo municipalities' DPIAs. Idempotent: returns how many were filled now."""
    from skanse.tenancy.demo import DEMO_MUNICIPALITIES

    filled = 0
    with scopes_disabled():
        for organisation in Organisation.objects.filter(
            kind="municipality", code__in=DEMO_MUNICIPALITIES
        ):
            if Dpia.objects.filter(organisation=organisation, title=DEMO_TITLE).exists():
                continue
            with transaction.atomic():
                _demo_for(organisation)
            filled += 1
    return filled


# --- National scale ----------------------------------------------------------------------------


def generate_for(organisation, *, dpias=40, risks=6) -> bool:
    """Bulk DPIAs (with screenings, one version and `risks` risks each) for one organisation;
    False when it has its generated DPIAs already."""
    if Dpia.objects.filter(organisation=organisation, title="G-DPIA 000").exists():
        return False
    today = timezone.localdate()
    activities = list(
        ProcessingActivity.objects.filter(organisation=organisation).order_by("id")[:dpias]
    )
    screenings = Screening.objects.bulk_create(
        [
            Screening(
                organisation=organisation,
                activity=activities[n % len(activities)] if activities else None,
                criteria=["c4", "c5"] if n % 3 else ["c1"],
                outcome=k.Outcome.REQUIRED if n % 3 else k.Outcome.NOT_REQUIRED,
                reasons="Genereret screening.",
                screened_on=today - datetime.timedelta(days=n),
            )
            for n in range(dpias)
        ]
    )
    rows = Dpia.objects.bulk_create(
        [
            Dpia(
                organisation=organisation,
                title=f"G-DPIA {n:03d}",
                activity=screenings[n].activity,
                screening=screenings[n],
                reassess_on=today + datetime.timedelta(days=(n * 17) % 700 - 25),
            )
            for n in range(dpias)
        ]
    )
    statuses = [k.Status.DRAFT, k.Status.SUBMITTED, k.Status.APPROVED]
    versions = DpiaVersion.objects.bulk_create(
        [_generated_version(organisation, d, statuses[n % 3], today) for n, d in enumerate(rows)]
    )
    DpiaRisk.objects.bulk_create(
        [
            DpiaRisk(
                organisation=organisation,
                version=v,
                title=f"Risiko {r}",
                likelihood=1 + r % 4,
                severity=1 + (r * 3) % 4,
                residual_likelihood=1,
                residual_severity=1 + (r * 3) % 4,
                measures="Tiltag.",
            )
            for v in versions
            for r in range(risks)
        ]
    )
    return True


def _generated_version(organisation, dpia, status, today) -> DpiaVersion:
    """Version 1 in `status`; a submitted or approved one with the DPO's recorded opinion,
    an approved one with management's name and date, as the services would require."""
    version = DpiaVersion(
        organisation=organisation, dpia=dpia, number=1, status=status, purposes="Genereret."
    )
    if status != k.Status.DRAFT:
        version.dpo_name = "Databeskyttelsesrådgiveren"
        version.dpo_consulted_on = today - datetime.timedelta(days=60)
        version.dpo_opinion = "Genereret udtalelse."
    if status == k.Status.APPROVED:
        version.approved_by_name = "Direktionen"
        version.approved_on = today - datetime.timedelta(days=30)
    return version


def generate_dpia_national(dpias=40, risks=6) -> int:
    """Every active municipality at national scale, in bulk; one audit event each."""
    filled = 0
    with scopes_disabled():
        for organisation in Organisation.objects.filter(kind="municipality", is_active=True):
            with transaction.atomic():
                if generate_for(organisation, dpias=dpias, risks=risks):
                    audit_record(
                        actor=None,
                        organisation=organisation,
                        action="dpia.demo.generated",
                        obj=organisation,
                        via="cli",
                        changes={"dpias": [None, dpias]},
                    )
                    filled += 1
    return filled
