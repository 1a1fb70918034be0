"""Library imports started in the interface run here, in the worker."""

from django.db import transaction
from django.tasks import task
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_scopes import scope, scopes_disabled

from skanse.library.documents import LibraryError
from skanse.library.models import ImportJob
from skanse.library.services import library_import
from skanse.tenancy.models import Membership
from skanse.tenancy.roles import Cap, capabilities_for


def _progress(job_id: int):
    last = {"percent": -100}  # the first report (0 %, "Reading the file") is always written

    def report(percent: int, stage: str) -> None:
        # Write only when the figure moves, so a large import is not slowed by its own meter.
        if percent - last["percent"] >= 5 or percent == 100:
            last["percent"] = percent
            ImportJob.objects.with_scopes_disabled().filter(pk=job_id).update(
                progress=percent, report={"stage": stage}
            )

    return report


@task
def run_library_import(job_id: int) -> None:
    """Re-load the job and re-check that its starter may still import, then import.

    The worker has no request: the errors are written in the language of the person who
    started the import, as the job page shows them as they are stored."""
    with scopes_disabled():
        job = ImportJob.objects.select_related("organisation", "started_by").get(pk=job_id)
        membership = Membership.objects.filter(
            organisation=job.organisation, user=job.started_by
        ).first()
    with translation.override(job.language), scope(organisation=job.organisation):
        if membership is None or Cap.LIBRARY_MANAGE not in capabilities_for(membership.role):
            _finish(
                job,
                ImportJob.Status.FAILED,
                {
                    "errors": [
                        {
                            "where": "",
                            "message": _("The person who started the import may no longer import."),
                        }
                    ]
                },
            )
            return
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING)
        try:
            with job.file.open("rb") as handle:
                content = handle.read()
            report = library_import(
                content,
                actor=job.started_by,
                via="task",
                progress=_progress(job.pk),
                file_name=job.file_name,
                profile_base=job.profile_base,
            )
        except LibraryError as error:
            _finish(
                job,
                ImportJob.Status.FAILED,
                {"errors": [{"where": error.where, "message": error.message}]},
            )
        except Exception:
            # Never leave the job "running" for ever with its upload kept; the worker logs it.
            _finish(
                job,
                ImportJob.Status.FAILED,
                {"errors": [{"where": "", "message": _("The import failed unexpectedly.")}]},
            )
            raise
        else:
            _finish(job, ImportJob.Status.DONE, report.as_dict())


@transaction.atomic
def _finish(job: ImportJob, status: str, report: dict) -> None:
    job.file.delete(save=False)  # the upload is not kept once it is imported or refused
    ImportJob.objects.filter(pk=job.pk).update(
        status=status, report=report, progress=100, finished_at=timezone.now(), file=""
    )
