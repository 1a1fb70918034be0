"""KITOS syncs started in the interface ("sync now") run here, in the worker."""

from django.db import transaction
from django.tasks import task
from django.utils import translation
from django.utils.translation import gettext as _
from django_scopes import scope, scopes_disabled

from skanse.kitos.models import SyncRun
from skanse.kitos.services import _drop_file, _finish, file_run, sync_run
from skanse.tenancy.models import Membership
from skanse.tenancy.roles import Cap, capabilities_for


def _load(run_id: int):
    with scopes_disabled():
        run = SyncRun.objects.select_related("organisation", "started_by").get(pk=run_id)
        membership = Membership.objects.filter(
            organisation=run.organisation, user=run.started_by
        ).first()
    allowed = membership is not None and Cap.INTEGRATIONS_MANAGE in capabilities_for(
        membership.role
    )
    return run, allowed


def _run(run_id: int, work) -> None:
    """Re-load the run, re-check that its starter may still manage integrations, then work.

    The log is written in the starter's language: the worker has no request."""
    run, allowed = _load(run_id)
    if run.status != SyncRun.Status.QUEUED:
        return
    with translation.override(run.language), scope(organisation=run.organisation):
        if not allowed:
            _finish(
                run,
                SyncRun.Status.FAILED,
                error=_("The person who started the sync may no longer run it."),
            )
            _drop_file(run)
            return
        try:
            work(run)
        except Exception:
            # Never leave the run "running" for ever; the worker logs the error.
            with transaction.atomic():
                _finish(run, SyncRun.Status.FAILED, error=_("The sync failed unexpectedly."))
            _drop_file(run)
            raise


@task
def run_kitos_sync(run_id: int) -> None:
    _run(run_id, sync_run)


@task
def run_kitos_file(run_id: int) -> None:
    _run(run_id, file_run)
