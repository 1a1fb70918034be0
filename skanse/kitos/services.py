"""Writes for the KITOS integration: settings, starting a sync, running it, file imports."""

from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from skanse.core.audit import audit_record, diff, snapshot
from skanse.core.errors import DomainError
from skanse.kitos import secrets
from skanse.kitos.client import KitosClient, KitosError
from skanse.kitos.importer import Bundle, KitosFileError, Report, iso_after, parse_file, run_import
from skanse.kitos.models import KitosSettings, SyncRun

SETTINGS_FIELDS = ["base_url", "kitos_organisation_uuid", "api_email"]
DELTA_TYPES = ("ItSystemUsage", "ItContract", "DataProcessingRegistration")


def _allowed_address(url: str) -> bool:
    """https only; plain http just for a KITOS on this machine (a test or local mirror)."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return True
    return parts.scheme == "http" and parts.hostname in ("localhost", "127.0.0.1")


def settings_for(organisation) -> KitosSettings:
    found = KitosSettings.objects.filter(organisation=organisation).first()
    return found or KitosSettings(organisation=organisation)


@transaction.atomic
def settings_save(
    *,
    actor,
    organisation,
    base_url,
    api_email,
    kitos_organisation_uuid=None,
    password="",
    via="web",
) -> KitosSettings:
    """Save the connection; an empty `password` keeps the one saved before."""
    current = settings_for(organisation)
    before = snapshot(current, SETTINGS_FIELDS) if current.pk else {}
    current.base_url = base_url
    current.api_email = api_email
    current.kitos_organisation_uuid = kitos_organisation_uuid
    if not _allowed_address(base_url):
        raise DomainError(_("The KITOS address must start with https://."), "base_url")
    changes = {}
    if password:
        current.api_password_encrypted = secrets.encrypt(password)
        current.credentials_saved_at = timezone.now()
        # The trail says that the password changed, never what it is.
        changes["api_password"] = ["", _("changed")]
    current.full_clean(exclude=["organisation"])
    current.save()
    changes = {**diff(before, snapshot(current, SETTINGS_FIELDS)), **changes}
    if changes:
        audit_record(
            actor=actor,
            organisation=organisation,
            action="kitos.settings.changed",
            obj=current,
            changes=changes,
            via=via,
        )
    return current


@transaction.atomic
def sync_start(*, actor, organisation, full: bool = False, via="web") -> SyncRun:
    """Queue a sync from the KITOS API; the worker runs it (`tasks.run_kitos_sync`)."""
    from skanse.kitos.tasks import run_kitos_sync

    current = settings_for(organisation)
    if not current.pk or not current.has_credentials:
        raise DomainError(_("Save the KITOS address and API user first."))
    if SyncRun.objects.filter(
        organisation=organisation, status__in=[SyncRun.Status.QUEUED, SyncRun.Status.RUNNING]
    ).exists():
        raise DomainError(_("A sync is already waiting or running."))
    run = SyncRun.objects.create(
        organisation=organisation,
        kind=SyncRun.Kind.API,
        full=full,
        started_by=actor,
        language=translation.get_language() or "da",
    )
    audit_record(
        actor=actor,
        organisation=organisation,
        action="kitos.sync.started",
        obj=run,
        changes={"full": [None, full]},
        via=via,
    )
    transaction.on_commit(lambda: run_kitos_sync.enqueue(run.pk))
    return run


def _since(cursor) -> dict:
    return {} if cursor is None else {"changedSinceGtEq": iso_after(cursor)}


def fetch(current: KitosSettings, organisation, *, full: bool) -> tuple[Bundle, str]:
    """The changes since the last sync (everything when `full`), read from the KITOS API."""
    password = secrets.decrypt(current.api_password_encrypted)
    if password is None:
        raise KitosError(_("The saved password cannot be read; save it again."))
    client = KitosClient(current.base_url)
    client.login(current.api_email, password)
    org_uuid = str(current.kitos_organisation_uuid or "")
    if not org_uuid:
        if not organisation.cvr:
            raise KitosError(_("Give the KITOS organisation UUID or the organisation's CVR."))
        org_uuid = client.organisation_uuid(organisation.cvr)
    common = {"organizationUuid": org_uuid, "orderByProperty": "LastChanged"}

    def cursor(name):
        return None if full else getattr(current, name)

    bundle = Bundle(
        usages=list(
            client.pages(
                "/api/v2/it-system-usages", {**common, **_since(cursor("usages_changed_since"))}
            )
        ),
        contracts=list(
            client.pages(
                "/api/v2/it-contracts", {**common, **_since(cursor("contracts_changed_since"))}
            )
        ),
        registrations=list(
            client.pages(
                "/api/v2/data-processing-registrations",
                {**common, **_since(cursor("registrations_changed_since"))},
            )
        ),
    )
    # Deletions matter only once something was imported: the first run starts the cursor.
    if current.deletions_since is not None:
        for entity in DELTA_TYPES:
            bundle.deletions += list(
                client.pages(
                    "/api/v2/delta-feed/deleted-entities",
                    {"entityType": entity, "deletedSinceUTC": iso_after(current.deletions_since)},
                )
            )
    return bundle, org_uuid


def _advance(current: KitosSettings, report: Report, started) -> None:
    cursors = {
        "usages": "usages_changed_since",
        "contracts": "contracts_changed_since",
        "registrations": "registrations_changed_since",
    }
    for resource, name in cursors.items():
        if resource in report.latest:
            setattr(current, name, report.latest[resource])
    current.deletions_since = report.latest.get("deletions", current.deletions_since or started)
    KitosSettings.objects.filter(pk=current.pk).update(
        usages_changed_since=current.usages_changed_since,
        contracts_changed_since=current.contracts_changed_since,
        registrations_changed_since=current.registrations_changed_since,
        deletions_since=current.deletions_since,
    )


def sync_run(run: SyncRun, *, via="task") -> SyncRun:
    """Run a queued API sync: fetch, import in one transaction, move the cursors, log."""
    organisation = run.organisation
    current = settings_for(organisation)
    SyncRun.objects.filter(pk=run.pk).update(status=SyncRun.Status.RUNNING)
    started = timezone.now()
    try:
        if not current.pk or not current.has_credentials:
            raise KitosError(_("Save the KITOS address and API user first."))
        bundle, org_uuid = fetch(current, organisation, full=run.full)
        with transaction.atomic():
            report = run_import(
                organisation=organisation,
                bundle=bundle,
                source="kitos",
                actor=run.started_by,
                via=via,
                kitos_org_uuid=org_uuid,
            )
            _advance(current, report, started)
    except KitosError as error:
        return _finish(run, SyncRun.Status.FAILED, error=error.message)
    return _finish(run, SyncRun.Status.DONE, report=report)


def _finish(run: SyncRun, status: str, *, report: Report | None = None, error="") -> SyncRun:
    run.status = status
    run.error = error
    run.finished_at = timezone.now()
    if report is not None:
        run.counts, run.skipped = report.counts, report.skipped
    SyncRun.objects.filter(pk=run.pk).update(
        status=run.status,
        error=run.error,
        finished_at=run.finished_at,
        counts=run.counts,
        skipped=run.skipped,
    )
    return run


def file_import(*, actor, organisation, content: bytes, file_name: str, via="web") -> SyncRun:
    """Import a file of KITOS API responses at once; all-or-nothing; logged like a sync."""
    try:
        bundle = parse_file(content)
    except KitosFileError as error:
        raise DomainError(error.message, "file") from None
    with transaction.atomic():
        run = SyncRun.objects.create(
            organisation=organisation,
            kind=SyncRun.Kind.FILE,
            status=SyncRun.Status.RUNNING,
            file_name=file_name[:255],
            started_by=actor,
            language=translation.get_language() or "da",
        )
        audit_record(
            actor=actor,
            organisation=organisation,
            action="kitos.file.imported",
            obj=run,
            changes={"file_name": [None, run.file_name]},
            via=via,
        )
        report = run_import(
            organisation=organisation, bundle=bundle, source="file", actor=actor, via=via
        )
        return _finish(run, SyncRun.Status.DONE, report=report)


@transaction.atomic
def file_import_start(*, actor, organisation, upload, via="web") -> SyncRun:
    """Check an uploaded file's shape now (a refusal is shown at the field), then store it
    and queue its import for the worker (`tasks.run_kitos_file`)."""
    from skanse.kitos.tasks import run_kitos_file

    content = upload.read()
    try:
        parse_file(content)
    except KitosFileError as error:
        raise DomainError(error.message, "file") from None
    upload.seek(0)
    run = SyncRun(
        organisation=organisation,
        kind=SyncRun.Kind.FILE,
        file_name=upload.name[:255],
        started_by=actor,
        language=translation.get_language() or "da",
    )
    run.file.save(f"{run.uuid}.json", upload, save=False)
    run.save()
    audit_record(
        actor=actor,
        organisation=organisation,
        action="kitos.file.imported",
        obj=run,
        changes={"file_name": [None, run.file_name]},
        via=via,
    )
    transaction.on_commit(lambda: run_kitos_file.enqueue(run.pk))
    return run


def file_run(run: SyncRun, *, via="task") -> SyncRun:
    """Import a queued file run, all or nothing; the stored upload is deleted afterwards."""
    SyncRun.objects.filter(pk=run.pk).update(status=SyncRun.Status.RUNNING)
    try:
        with run.file.open("rb") as handle:
            bundle = parse_file(handle.read())
        with transaction.atomic():
            report = run_import(
                organisation=run.organisation,
                bundle=bundle,
                source="file",
                actor=run.started_by,
                via=via,
            )
            finished = _finish(run, SyncRun.Status.DONE, report=report)
    except KitosFileError as error:
        finished = _finish(run, SyncRun.Status.FAILED, error=error.message)
    _drop_file(run)
    return finished


def _drop_file(run: SyncRun) -> None:
    if run.file:
        run.file.delete(save=False)
        SyncRun.objects.filter(pk=run.pk).update(file="")
