"""Reads for the inventory, tenant first; the list pages' filters and the dashboard figures."""

import datetime

from django.db.models import Count, Max, Q
from django.utils import timezone

from skanse.inventory.models import Contract, ITSystem, LifeCycleStatus, Supplier, YesNoDontKnow

# The sensitivity filter: each value is one condition on the denormalised flags.
SENSITIVITY_FILTERS = {
    "none": Q(has_personal_data=False),
    "personal": Q(has_personal_data=True),
    "sensitive": Q(has_sensitive_data=True),
    "criminal": Q(has_criminal_data=True),
    "cpr": Q(has_cpr=True),
}


def system_list(
    organisation,
    *,
    q: str = "",
    life_cycle: str = "",
    critical: str = "",
    sensitivity: str = "",
    source: str = "",
    supplier: Supplier | None = None,
):
    systems = ITSystem.objects.filter(organisation=organisation).select_related("supplier")
    if q:
        systems = systems.filter(
            Q(name__icontains=q)
            | Q(local_call_name__icontains=q)
            | Q(supplier__name__icontains=q)
            | Q(responsible_unit__icontains=q)
        )
    if life_cycle:
        systems = systems.filter(life_cycle_status=life_cycle)
    if critical:
        systems = systems.filter(business_critical=critical)
    if sensitivity:
        systems = systems.filter(SENSITIVITY_FILTERS[sensitivity])
    if source:
        systems = systems.filter(source=source)
    if supplier is not None:
        systems = systems.filter(supplier=supplier)
    return systems.order_by("name", "id")


def system_detail_qs(organisation):
    return ITSystem.objects.filter(organisation=organisation).select_related("supplier")


def supplier_list(organisation, *, q: str = ""):
    suppliers = Supplier.objects.filter(organisation=organisation).annotate(
        system_count=Count("systems", distinct=True),
        contract_count=Count("contracts", distinct=True),
    )
    if q:
        suppliers = suppliers.filter(Q(name__icontains=q) | Q(cvr__startswith=q))
    return suppliers.order_by("name", "id")


def contract_list(organisation, *, q: str = ""):
    contracts = (
        Contract.objects.filter(organisation=organisation)
        .select_related("supplier")
        .annotate(system_count=Count("systems"))
    )
    if q:
        contracts = contracts.filter(Q(name__icontains=q) | Q(supplier__name__icontains=q))
    return contracts.order_by("name", "id")


def dashboard_cards(organisation) -> dict:
    """A few figures for the organisation's dashboard (three queries, whatever the size).

    - systems: IT systems in the inventory;
    - personal_data: systems that process personal data;
    - personal_data_without_risk_assessment: of those, without a risk assessment ("Yes");
    - phasing_out: systems being phased out;
    - suppliers, contracts_ending_90_days;
    - last_kitos_sync: when anything was last synced from KITOS (None if never).
    """
    systems = ITSystem.objects.filter(organisation=organisation).aggregate(
        systems=Count("id"),
        personal_data=Count("id", filter=Q(has_personal_data=True)),
        personal_data_without_risk_assessment=Count(
            "id", filter=Q(has_personal_data=True) & ~Q(risk_assessment=YesNoDontKnow.YES)
        ),
        phasing_out=Count("id", filter=Q(life_cycle_status=LifeCycleStatus.PHASING_OUT)),
        last_system_sync=Max("synced_at"),
    )
    today = timezone.localdate()
    contracts = Contract.objects.filter(organisation=organisation).aggregate(
        contracts_ending_90_days=Count(
            "id",
            filter=Q(valid_to__gte=today, valid_to__lte=today + datetime.timedelta(days=90)),
        ),
        last_contract_sync=Max("synced_at"),
    )
    suppliers = Supplier.objects.filter(organisation=organisation).count()
    syncs = [s for s in (systems.pop("last_system_sync"), contracts.pop("last_contract_sync")) if s]
    return {
        **systems,
        **contracts,
        "suppliers": suppliers,
        "last_kitos_sync": max(syncs) if syncs else None,
    }
