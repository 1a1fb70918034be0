"""Reports are made here, in the worker."""

import logging
import time

from django.core.files.base import ContentFile
from django.tasks import task
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_scopes import scope

from skanse.reporting import registry
from skanse.reporting.models import Report

log = logging.getLogger(__name__)


def _progress(report_id: int):
    last = {"percent": -100}

    def report(percent: int, stage: str) -> None:
        if percent - last["percent"] >= 5 or percent == 100:
            last["percent"] = percent
            Report.objects.with_scopes_disabled().filter(pk=report_id).update(
                progress=percent, stage=stage[:200]
            )

    return report


@task
def make_report(report_id: int) -> None:
    report = Report.objects.with_scopes_disabled().select_related("organisation").get(pk=report_id)
    if report.status != Report.Status.QUEUED:
        return
    started = time.perf_counter()
    Report.objects.with_scopes_disabled().filter(pk=report_id).update(
        status=Report.Status.RUNNING, progress=1
    )
    with translation.override(report.language), scope(organisation=report.organisation):
        try:
            content, file_name = registry.get(report.kind).build(report, _progress(report_id))
        except Exception:  # a broken report must not leave the person waiting for ever
            log.exception("report %s (%s) failed", report.uuid, report.kind)
            Report.objects.with_scopes_disabled().filter(pk=report_id).update(
                status=Report.Status.FAILED,
                error=_("The report could not be made. Try again, or tell the support."),
                finished_at=timezone.now(),
            )
            return
    report.file.save(file_name, ContentFile(content), save=False)
    Report.objects.with_scopes_disabled().filter(pk=report_id).update(
        status=Report.Status.DONE,
        progress=100,
        stage="",
        file=report.file.name,
        file_name=file_name,
        content_type=registry.get(report.kind).content_type,
        size=len(content),
        seconds=round(time.perf_counter() - started, 3),
        finished_at=timezone.now(),
    )
