"""Requirement sets: the organisation's requirements to suppliers (list, create, read, edit)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from skanse.commons.selectors import adoption_for_object
from skanse.core.errors import apply_to_form
from skanse.core.paging import paginate
from skanse.requirements import selectors, services
from skanse.requirements.forms import RequirementSetForm
from skanse.requirements.models import RequirementSet
from skanse.tenancy.access import get_for_org, requires
from skanse.tenancy.roles import Cap


@require_safe
@requires(Cap.RECORDS_VIEW)
def requirement_set_list(request, org):
    page = paginate(request, selectors.requirement_set_list(request.organisation), 50)
    return render(request, "requirements/list.html", {"page": page})


@requires(Cap.RECORDS_EDIT)
def requirement_set_create(request, org):
    form = RequirementSetForm.for_set(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            obj = services.requirement_set_create(
                actor=request.user, organisation=request.organisation, **form.values()
            )
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The requirement set was created."))
            return redirect("requirement_set_detail", org=org, requirement_set=obj.uuid)
    return render(
        request,
        "requirements/form.html",
        {"form": form, "requirement_set": None},
        status=400 if form.errors else 200,
    )


@require_safe
@requires(Cap.RECORDS_VIEW)
def requirement_set_detail(request, org, requirement_set):
    obj = get_for_org(request, selectors.requirement_set_detail_queryset(), uuid=requirement_set)
    return render(
        request,
        "requirements/detail.html",
        {
            "requirement_set": obj,
            "items": obj.items.all(),
            "adoption": adoption_for_object(request.organisation, obj),
        },
    )


@requires(Cap.RECORDS_EDIT)
def requirement_set_edit(request, org, requirement_set):
    obj = get_for_org(request, RequirementSet.objects.all(), uuid=requirement_set)
    form = RequirementSetForm.for_set(
        request.POST or None, obj, services.items_of(obj) if request.method != "POST" else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.requirement_set_update(
                actor=request.user, requirement_set=obj, **form.values()
            )
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The requirement set was saved."))
            return redirect("requirement_set_detail", org=org, requirement_set=obj.uuid)
    return render(
        request,
        "requirements/form.html",
        {"form": form, "requirement_set": obj},
        status=400 if form.errors else 200,
    )
