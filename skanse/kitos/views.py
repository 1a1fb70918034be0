"""KITOS pages: the connection settings, "sync now", a file import, and the sync log."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST, require_safe

from skanse.core.errors import apply_to_form, perform
from skanse.kitos import services
from skanse.kitos.forms import FileImportForm, SettingsForm, SyncForm
from skanse.kitos.models import SyncRun
from skanse.tenancy.access import get_for_org, requires
from skanse.tenancy.roles import Cap

KIND_LABELS = {
    "systems": _lazy("IT systems"),
    "suppliers": _lazy("Suppliers"),
    "contracts": _lazy("Contracts"),
    "agreements": _lazy("Processor agreements"),
}
OUTCOME_LABELS = {
    "created": _lazy("Created"),
    "updated": _lazy("Updated"),
    "unchanged": _lazy("Unchanged"),
    "deleted": _lazy("Deleted"),
    "skipped": _lazy("Skipped"),
}


def _page(request, *, form=None, file_form=None, status=200):
    current = services.settings_for(request.organisation)
    if form is None:
        initial = {
            "base_url": current.base_url,
            "kitos_organisation_uuid": current.kitos_organisation_uuid,
            "api_email": current.api_email,
        }
        form = SettingsForm(initial=initial, has_password=current.has_credentials)
    runs = SyncRun.objects.filter(organisation=request.organisation).select_related("started_by")[
        :10
    ]
    context = {
        "settings": current,
        "form": form,
        "sync_form": SyncForm(),
        "file_form": file_form or FileImportForm(),
        "runs": runs,
    }
    return render(request, "kitos/settings.html", context, status=status)


@requires(Cap.INTEGRATIONS_MANAGE)
def kitos_settings(request, org):
    if request.method != "POST":
        return _page(request)
    current = services.settings_for(request.organisation)
    form = SettingsForm(request.POST, has_password=current.has_credentials)
    if form.is_valid():
        try:
            services.settings_save(
                actor=request.user, organisation=request.organisation, **form.cleaned_data
            )
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The KITOS settings were saved."))
            return redirect("kitos_settings", org=org)
    return _page(request, form=form, status=400)


@require_POST
@requires(Cap.INTEGRATIONS_MANAGE)
def kitos_sync(request, org):
    form = SyncForm(request.POST)
    full = form.cleaned_data["full"] if form.is_valid() else False
    perform(
        request,
        lambda: services.sync_start(
            actor=request.user, organisation=request.organisation, full=full
        ),
        _("The sync has started. This page shows the result when it is done."),
    )
    return redirect("kitos_settings", org=org)


@require_POST
@requires(Cap.INTEGRATIONS_MANAGE)
def kitos_import(request, org):
    form = FileImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            run = services.file_import_start(
                actor=request.user,
                organisation=request.organisation,
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The file is being imported. This page shows the result."))
            return redirect("kitos_run", org=org, run=run.uuid)
    return _page(request, file_form=form, status=400)


@require_safe
@requires(Cap.INTEGRATIONS_MANAGE)
def kitos_run(request, org, run):
    obj = get_for_org(request, SyncRun.objects.select_related("started_by"), uuid=run)
    rows = [
        (label, [obj.counts.get(kind, {}).get(outcome, 0) for outcome in OUTCOME_LABELS])
        for kind, label in KIND_LABELS.items()
    ]
    context = {"run": obj, "rows": rows, "outcomes": OUTCOME_LABELS.values(), "kinds": KIND_LABELS}
    # While the run waits or runs, htmx asks for the status part again every second or two.
    template = "kitos/run_detail.html" + ("#status" if request.htmx else "")
    return render(request, template, context)
