"""Reads for requirement sets, tenant first."""

from django.db.models import Count, Prefetch

from skanse.requirements.models import RequirementItem, RequirementSet


def requirement_set_list(organisation):
    return (
        RequirementSet.objects.filter(organisation=organisation)
        .annotate(item_count=Count("items"))
        .order_by("name")
    )


def requirement_set_detail_queryset():
    items = RequirementItem.objects.select_related("library_requirement__version").order_by(
        "position"
    )
    return RequirementSet.objects.prefetch_related(Prefetch("items", queryset=items))
