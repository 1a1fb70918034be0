"""Inventory pages: IT systems, suppliers and contracts — list, detail, create, edit, delete."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from skanse.core.errors import apply_to_form, perform
from skanse.core.paging import paginate
from skanse.inventory import selectors, services
from skanse.inventory.forms import (
    ContractForm,
    SearchForm,
    SupplierForm,
    SystemFilterForm,
    SystemForm,
)
from skanse.inventory.models import Contract, ITSystem, Supplier
from skanse.tenancy.access import get_for_org, requires
from skanse.tenancy.roles import Cap

PAGE_SIZE = 50


def _query(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _filters(form) -> dict:
    return {k: v for k, v in form.cleaned_data.items() if v} if form.is_valid() else {}


def _edit(request, *, form, save, template, context, done):
    """Create or edit: the service's refusal is shown at the field, nothing is saved."""
    if request.method == "POST" and form.is_valid():
        try:
            obj = save(form.cleaned_data)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("%(name)s was saved.") % {"name": obj})
            return done(obj)
    status = 400 if form.errors else 200
    return render(request, template, {"form": form, **context}, status=status)


# --- IT systems ----------------------------------------------------------------------------


@require_safe
@requires(Cap.RECORDS_VIEW)
def system_list(request, org):
    form = SystemFilterForm(request.GET or None)
    systems = selectors.system_list(request.organisation, **_filters(form))
    page = paginate(request, systems, PAGE_SIZE)
    template = "inventory/system_list.html" + ("#results" if request.htmx else "")
    return render(request, template, {"form": form, "page": page, "query": _query(request)})


@require_safe
@requires(Cap.RECORDS_VIEW)
def system_detail(request, org, system):
    obj = get_for_org(request, selectors.system_detail_qs(request.organisation), uuid=system)
    contracts = obj.contracts.select_related("supplier").order_by("name")
    return render(request, "inventory/system_detail.html", {"system": obj, "contracts": contracts})


@requires(Cap.RECORDS_EDIT)
def system_create(request, org):
    form = SystemForm(request.POST or None, organisation=request.organisation)
    return _edit(
        request,
        form=form,
        save=lambda data: services.system_create(
            actor=request.user, organisation=request.organisation, **data
        ),
        template="inventory/system_form.html",
        context={"system": None},
        done=lambda obj: redirect("system_detail", org=org, system=obj.uuid),
    )


@requires(Cap.RECORDS_EDIT)
def system_edit(request, org, system):
    obj = get_for_org(request, ITSystem.objects.all(), uuid=system)
    form = SystemForm(
        request.POST or None,
        initial=model_to_dict(obj, fields=SystemForm._meta.fields),
        organisation=request.organisation,
    )
    return _edit(
        request,
        form=form,
        save=lambda data: services.system_update(actor=request.user, system=obj, **data),
        template="inventory/system_form.html",
        context={"system": obj},
        done=lambda obj: redirect("system_detail", org=org, system=obj.uuid),
    )


@require_POST
@requires(Cap.RECORDS_EDIT)
def system_delete(request, org, system):
    obj = get_for_org(request, ITSystem.objects.all(), uuid=system)
    if perform(
        request,
        lambda: services.system_delete(actor=request.user, system=obj),
        _("%(name)s was deleted.") % {"name": obj},
    ):
        return redirect("system_list", org=org)
    return redirect("system_detail", org=org, system=obj.uuid)


# --- Suppliers -----------------------------------------------------------------------------


@require_safe
@requires(Cap.RECORDS_VIEW)
def supplier_list(request, org):
    form = SearchForm(request.GET or None)
    page = paginate(request, selectors.supplier_list(request.organisation, **_filters(form)), 50)
    return render(
        request,
        "inventory/supplier_list.html",
        {"form": form, "page": page, "query": _query(request)},
    )


@require_safe
@requires(Cap.RECORDS_VIEW)
def supplier_detail(request, org, supplier):
    obj = get_for_org(request, Supplier.objects.all(), uuid=supplier)
    return render(
        request,
        "inventory/supplier_detail.html",
        {
            "supplier": obj,
            "systems": obj.systems.order_by("name")[:200],
            "contracts": obj.contracts.order_by("name")[:200],
        },
    )


@requires(Cap.RECORDS_EDIT)
def supplier_create(request, org):
    return _edit(
        request,
        form=SupplierForm(request.POST or None),
        save=lambda data: services.supplier_create(
            actor=request.user, organisation=request.organisation, **data
        ),
        template="inventory/supplier_form.html",
        context={"supplier": None},
        done=lambda obj: redirect("supplier_detail", org=org, supplier=obj.uuid),
    )


@requires(Cap.RECORDS_EDIT)
def supplier_edit(request, org, supplier):
    obj = get_for_org(request, Supplier.objects.all(), uuid=supplier)
    form = SupplierForm(
        request.POST or None, initial=model_to_dict(obj, fields=SupplierForm._meta.fields)
    )
    return _edit(
        request,
        form=form,
        save=lambda data: services.supplier_update(actor=request.user, supplier=obj, **data),
        template="inventory/supplier_form.html",
        context={"supplier": obj},
        done=lambda obj: redirect("supplier_detail", org=org, supplier=obj.uuid),
    )


@require_POST
@requires(Cap.RECORDS_EDIT)
def supplier_delete(request, org, supplier):
    obj = get_for_org(request, Supplier.objects.all(), uuid=supplier)
    if perform(
        request,
        lambda: services.supplier_delete(actor=request.user, supplier=obj),
        _("%(name)s was deleted.") % {"name": obj},
    ):
        return redirect("supplier_list", org=org)
    return redirect("supplier_detail", org=org, supplier=obj.uuid)


# --- Contracts -----------------------------------------------------------------------------


@require_safe
@requires(Cap.RECORDS_VIEW)
def contract_list(request, org):
    form = SearchForm(request.GET or None)
    page = paginate(request, selectors.contract_list(request.organisation, **_filters(form)), 50)
    return render(
        request,
        "inventory/contract_list.html",
        {"form": form, "page": page, "query": _query(request)},
    )


@require_safe
@requires(Cap.RECORDS_VIEW)
def contract_detail(request, org, contract):
    obj = get_for_org(request, Contract.objects.select_related("supplier"), uuid=contract)
    return render(
        request,
        "inventory/contract_detail.html",
        {"contract": obj, "systems": obj.systems.order_by("name")},
    )


def _contract_save(request, contract=None):
    def save(data):
        data = dict(data)
        systems = data.pop("systems", [])
        if contract is None:
            return services.contract_create(
                actor=request.user, organisation=request.organisation, systems=systems, **data
            )
        services.contract_update(actor=request.user, contract=contract, systems=systems, **data)
        return contract

    return save


@requires(Cap.RECORDS_EDIT)
def contract_create(request, org):
    return _edit(
        request,
        form=ContractForm(request.POST or None, organisation=request.organisation),
        save=_contract_save(request),
        template="inventory/contract_form.html",
        context={"contract": None},
        done=lambda obj: redirect("contract_detail", org=org, contract=obj.uuid),
    )


@requires(Cap.RECORDS_EDIT)
def contract_edit(request, org, contract):
    obj = get_for_org(request, Contract.objects.all(), uuid=contract)
    form = ContractForm(
        request.POST or None,
        initial=model_to_dict(obj, fields=ContractForm._meta.fields),
        organisation=request.organisation,
    )
    return _edit(
        request,
        form=form,
        save=_contract_save(request, obj),
        template="inventory/contract_form.html",
        context={"contract": obj},
        done=lambda obj: redirect("contract_detail", org=org, contract=obj.uuid),
    )


@require_POST
@requires(Cap.RECORDS_EDIT)
def contract_delete(request, org, contract):
    obj = get_for_org(request, Contract.objects.all(), uuid=contract)
    if perform(
        request,
        lambda: services.contract_delete(actor=request.user, contract=obj),
        _("%(name)s was deleted.") % {"name": obj},
    ):
        return redirect("contract_list", org=org)
    return redirect("contract_detail", org=org, contract=obj.uuid)
