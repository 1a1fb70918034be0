"""Requesting a report: one queued or running report per kind, subject and language at a
time; the worker makes it (tasks.make_report)."""

from django.db import transaction
from django.utils.translation import gettext as _

from skanse.core.audit import audit_record
from skanse.core.errors import DomainError
from skanse.reporting import registry
from skanse.reporting.models import Report


def report_request(
    *, actor, organisation, kind: str, subject_uuid, title: str, language: str, via: str = "web"
) -> Report:
    from skanse.reporting.tasks import make_report

    if kind not in registry.KINDS:
        raise DomainError(_("There is no report of that kind."))
    if language not in ("da", "en"):
        raise DomainError(_("Reports are made in Danish or English."), field="language")
    with transaction.atomic():
        pending = (
            Report.objects.with_scopes_disabled()
            .select_for_update()
            .filter(
                organisation=organisation,
                kind=kind,
                subject_uuid=subject_uuid,
                language=language,
                status__in=[Report.Status.QUEUED, Report.Status.RUNNING],
            )
            .first()
        )
        if pending is not None:
            return pending
        report = Report.objects.with_scopes_disabled().create(
            organisation=organisation,
            kind=kind,
            subject_uuid=subject_uuid,
            title=title[:300],
            language=language,
            requested_by=actor,
            stage=_("Waiting for the worker"),
        )
        audit_record(
            actor=actor,
            organisation=organisation,
            action="report.requested",
            obj=report,
            changes={"kind": [None, kind], "language": [None, language]},
            via=via,
        )
        transaction.on_commit(lambda: make_report.enqueue(report.pk))
    return report
