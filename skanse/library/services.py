"""Writes to the library: imports (all-or-nothing, in bulk), authoring drafts, publishing.

Library content is global; every change is still audited, in the organisation of the person
who made it (the coordinator) — or the coordinator organisation for command-line imports.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from skanse.core.audit import audit_record
from skanse.core.errors import DomainError
from skanse.library.documents import (
    FrameworkDoc,
    LibraryError,
    MappingSetDoc,
    NodeDoc,
    default_urn,
)
from skanse.library.formats.oscal import profile_source_name, resolve_profile
from skanse.library.formats.read import parse_bytes
from skanse.library.models import (
    Framework,
    FrameworkVersion,
    Mapping,
    MappingSet,
    Requirement,
)
from skanse.library.selectors import version_to_doc
from skanse.tenancy.models import Organisation

# progress(percent, stage) with stage one of "reading", "saving", "done": codes, shown in the
# reader's language by the job page.
Progress = Callable[[int, str], None]
MAX_TREE_DEPTH = 12


@dataclass
class ImportReport:
    format: str = ""
    created: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    requirements: int = 0
    mappings: int = 0

    def as_dict(self) -> dict:
        return self.__dict__.copy()


def _coordinator() -> Organisation:
    return Organisation.objects.get(kind="coordinator")


def _validate(doc: FrameworkDoc) -> list[tuple[NodeDoc, NodeDoc | None, int]]:
    """Check the tree before anything is written; give every node its URN."""
    if len(doc.urn) > 255 or not doc.urn.startswith("urn:"):
        raise LibraryError(
            _("The URN must start with “urn:” and be at most %(max)d characters.") % {"max": 255},
            "urn",
        )
    if len(doc.version) > 50:
        raise LibraryError(
            _("The version is longer than %(max)d characters.") % {"max": 50}, "version"
        )
    nodes = list(doc.walk())
    ref_ids, urns = {}, {}
    for node, _parent, depth in nodes:
        if depth > MAX_TREE_DEPTH:
            raise LibraryError(
                _("The tree is deeper than %(max)d levels.") % {"max": MAX_TREE_DEPTH},
                node.where,
            )
        if len(node.ref_id) > 100:
            raise LibraryError(
                _("An identifier is longer than %(max)d characters.") % {"max": 100}, node.where
            )
        node.urn = node.urn or default_urn(doc.urn, node.ref_id)
        if len(node.urn) > 255:
            raise LibraryError(
                _("A URN is longer than %(max)d characters.") % {"max": 255}, node.where
            )
        if node.ref_id in ref_ids:
            raise LibraryError(
                _("The identifier “%(ref)s” is used twice (also at %(other)s).")
                % {"ref": node.ref_id, "other": ref_ids[node.ref_id]},
                node.where,
            )
        if node.urn in urns:
            raise LibraryError(
                _("The URN “%(urn)s” is used twice.") % {"urn": node.urn}, node.where
            )
        ref_ids[node.ref_id] = node.where or "?"
        urns[node.urn] = node.where
    return nodes


def _write_tree(version: FrameworkVersion, nodes, progress: Progress | None) -> int:
    """Bulk-insert the nodes one depth at a time, so each level's parents have their ids."""
    by_depth: dict[int, list] = {}
    for position, (node, parent, depth) in enumerate(nodes):
        by_depth.setdefault(depth, []).append((position, node, parent))
    created: dict[int, Requirement] = {}  # id(NodeDoc) -> Requirement
    total, done = len(nodes), 0
    for depth in sorted(by_depth):
        rows = [
            Requirement(
                version=version,
                parent=created[id(parent)] if parent is not None else None,
                urn=node.urn,
                ref_id=node.ref_id,
                name=node.name,
                description=node.description,
                guidance=node.guidance,
                assessable=node.assessable,
                withdrawn=node.withdrawn,
                depth=depth,
                position=position,
                translations=node.translations,
                props={k: v for k, v in node.props.items() if k in ("oscal_id", "class")},
            )
            for position, node, parent in by_depth[depth]
        ]
        Requirement.objects.bulk_create(rows, batch_size=500)
        for (_position, node, _parent), row in zip(by_depth[depth], rows, strict=True):
            created[id(node)] = row
        done += len(rows)
        if progress:
            progress(done * 100 // max(total, 1), "saving")
    return total


def _already_there(existing, digest: str, doc, report: ImportReport) -> bool:
    """True (and reported as skipped) when this version is stored with the same content;
    a stored version with other content is refused: published versions never change."""
    if existing is None:
        return False
    if existing.content_hash == digest:
        report.skipped.append(f"{doc.urn} {doc.version}")
        return True
    raise LibraryError(
        _(
            "Version %(version)s of %(urn)s exists already with other content. "
            "Give the changed file a new version."
        )
        % {"version": doc.version, "urn": doc.urn},
        "version",
    )


def framework_import(
    doc: FrameworkDoc,
    *,
    actor=None,
    via="web",
    report: ImportReport,
    progress: Progress | None = None,
    source_name: str = "",
) -> FrameworkVersion | None:
    nodes = _validate(doc)
    digest = doc.content_hash()
    framework, _created = Framework.objects.get_or_create(urn=doc.urn)
    existing = FrameworkVersion.objects.filter(framework=framework, version=doc.version).first()
    label = f"{doc.urn} {doc.version}"
    if _already_there(existing, digest, doc, report):
        return None
    now = timezone.now()
    version = FrameworkVersion.objects.create(
        framework=framework,
        version=doc.version,
        status=doc.status if doc.status in ("draft", "published") else "published",
        ref_id=doc.ref_id[:100],
        locale=doc.locale,
        name=doc.name[:255],
        description=doc.description,
        provider=doc.provider[:200],
        copyright=doc.copyright,
        licence=doc.licence,
        translations=doc.translations,
        source_format=doc.source_format,
        library_urn=doc.library_urn,
        source_name=source_name[:255],
        content_hash=digest,
        requirement_count=len(nodes),
        published_at=now if doc.status != "draft" else None,
        created_by=actor,
    )
    report.requirements += _write_tree(version, nodes, progress)
    report.created.append(label)
    audit_record(
        actor=actor,
        organisation=_coordinator(),
        action="library.version.imported",
        obj=version,
        via=via,
        changes={
            "version": [None, doc.version],
            "requirements": [None, len(nodes)],
            "format": [None, doc.source_format],
        },
    )
    return version


def _version_for(urn: str, version: str, where: str, dependencies: list[str]):
    versions = FrameworkVersion.objects.filter(framework__urn=urn, status="published")
    found = (
        versions.filter(version=version).first()
        if version
        else (versions.order_by("-published_at", "-id").first())
    )
    if found is None:
        missing = [
            d for d in dependencies if not FrameworkVersion.objects.filter(library_urn=d).exists()
        ]
        if missing:
            raise LibraryError(
                _("This file depends on %(libs)s, which is not in the library. Import it first.")
                % {"libs": ", ".join(f"“{m}”" for m in missing)},
                where,
            )
        label = f"{urn} {version}".strip()
        raise LibraryError(
            _("The framework “%(label)s” is not in the library. Import it first.")
            % {"label": label},
            where,
        )
    return found


def _requirement_keys(version: FrameworkVersion) -> dict[str, int]:
    keys = {}
    for pk, ref_id, urn in version.requirements.values_list("pk", "ref_id", "urn"):
        keys[ref_id] = pk
        keys[ref_id.lower()] = pk
        keys[urn] = pk
    return keys


def mapping_set_import(
    doc: MappingSetDoc, *, actor=None, via="web", report: ImportReport
) -> MappingSet | None:
    source = _version_for(doc.source_urn, doc.source_version, "source", doc.dependencies)
    target = _version_for(doc.target_urn, doc.target_version, "target", doc.dependencies)
    digest = doc.content_hash()
    label = f"{doc.urn} {doc.version}"
    existing = MappingSet.objects.filter(urn=doc.urn, version=doc.version).first()
    if _already_there(existing, digest, doc, report):
        return None
    source_keys, target_keys = _requirement_keys(source), _requirement_keys(target)
    rows, seen = [], set()
    mapping_set = MappingSet.objects.create(
        urn=doc.urn,
        version=doc.version,
        name=doc.name[:255],
        description=doc.description,
        provider=doc.provider[:200],
        source=source,
        target=target,
        content_hash=digest,
    )
    for item in doc.mappings:
        source_pk = source_keys.get(item.source) or source_keys.get(item.source.lower())
        target_pk = target_keys.get(item.target) or target_keys.get(item.target.lower())
        if source_pk is None:
            raise LibraryError(
                _("“%(ref)s” is not a requirement of %(fw)s.")
                % {"ref": item.source, "fw": source.name},
                f"{item.where}.source",
            )
        if target_pk is None:
            raise LibraryError(
                _("“%(ref)s” is not a requirement of %(fw)s.")
                % {"ref": item.target, "fw": target.name},
                f"{item.where}.target",
            )
        if (source_pk, target_pk) in seen:
            continue
        seen.add((source_pk, target_pk))
        rows.append(
            Mapping(
                mapping_set=mapping_set,
                source_id=source_pk,
                target_id=target_pk,
                relationship=item.relationship,
                rationale=item.rationale,
            )
        )
    Mapping.objects.bulk_create(rows, batch_size=1000)
    report.created.append(label)
    report.mappings += len(rows)
    audit_record(
        actor=actor,
        organisation=_coordinator(),
        action="library.mapping_set.imported",
        obj=mapping_set,
        via=via,
        changes={"mappings": [None, len(rows)]},
    )
    return mapping_set


def _profile_base(data: dict, base: FrameworkVersion | None) -> FrameworkDoc:
    if base is None:
        name = profile_source_name(data)
        candidates = list(FrameworkVersion.objects.filter(source_name=name, status="published"))
        if len(candidates) != 1:
            raise LibraryError(
                _(
                    "This profile selects from “%(name)s”. Import that catalog first, or choose "
                    "the catalog it selects from."
                )
                % {"name": name},
                "profile.imports",
            )
        base = candidates[0]
    return version_to_doc(base)


def library_import(
    content: bytes,
    *,
    actor=None,
    via="web",
    progress: Progress | None = None,
    profile_base: FrameworkVersion | None = None,
    file_name: str = "",
) -> ImportReport:
    """Import one file: every framework and mapping set in it, or nothing (LibraryError)."""
    if progress:
        progress(0, "reading")
    parsed = parse_bytes(content)
    report = ImportReport(format=parsed.format)
    frameworks = list(parsed.frameworks)
    if parsed.profile is not None:
        frameworks.append(
            resolve_profile(parsed.profile, _profile_base(parsed.profile, profile_base))
        )
    with transaction.atomic():
        for doc in frameworks:
            framework_import(
                doc,
                actor=actor,
                via=via,
                report=report,
                progress=progress,
                source_name=file_name.rsplit("/", 1)[-1],
            )
        for doc in parsed.mapping_sets:
            mapping_set_import(doc, actor=actor, via=via, report=report)
    if progress:
        progress(100, "done")
    return report


# --- Authoring (coordinator) ------------------------------------------------------------------


def _draft_only(version: FrameworkVersion) -> None:
    if not version.is_draft:
        raise DomainError(_("A published version cannot be changed. Make a new version."))


def _renumber(version: FrameworkVersion) -> None:
    """Recompute depth and tree position after a draft's tree changed."""
    nodes = list(version.requirements.all().order_by("position", "id"))
    children: dict[int | None, list[Requirement]] = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node)
    position = 0
    stack = [(node, 1) for node in reversed(children.get(None, []))]
    while stack:
        node, depth = stack.pop()
        node.position, node.depth = position, depth
        position += 1
        stack.extend((child, depth + 1) for child in reversed(children.get(node.pk, [])))
    Requirement.objects.bulk_update(nodes, ["position", "depth"])
    version.requirement_count = len(nodes)
    version.save(update_fields=["requirement_count"])


@transaction.atomic
def framework_create(
    *,
    actor,
    organisation,
    name: str,
    ref_id: str,
    description: str,
    name_da: str = "",
    description_da: str = "",
) -> FrameworkVersion:
    slug = slugify(ref_id or name)[:60] or "framework"
    urn = f"urn:skanse:framework:{organisation.slug}:{slug}"
    if Framework.objects.filter(urn=urn).exists():
        raise DomainError(_("A framework with this short reference exists already."), "ref_id")
    framework = Framework.objects.create(urn=urn)
    translations = {
        "da": {k: v for k, v in {"name": name_da, "description": description_da}.items() if v}
    }
    version = FrameworkVersion(
        framework=framework,
        version="1",
        status=FrameworkVersion.Status.DRAFT,
        ref_id=ref_id,
        locale="en",
        name=name,
        description=description,
        provider=organisation.name,
        translations=translations if translations["da"] else {},
        source_format="skanse",
        created_by=actor,
    )
    version.full_clean()
    version.save()
    audit_record(
        actor=actor,
        organisation=organisation,
        action="library.version.created",
        obj=version,
        changes={"name": [None, name], "version": [None, "1"]},
    )
    return version


@transaction.atomic
def requirement_save(
    *,
    actor,
    organisation,
    version: FrameworkVersion,
    requirement: Requirement | None,
    parent: Requirement | None,
    ref_id: str,
    name: str,
    description: str,
    assessable: bool,
    name_da: str = "",
    description_da: str = "",
) -> Requirement:
    """Add a requirement to a draft (requirement=None) or change one."""
    _draft_only(version)
    if parent is not None and parent.version_id != version.pk:
        raise DomainError(_("Choose a parent in the same framework."), "parent")
    duplicate = version.requirements.filter(ref_id=ref_id)
    if requirement is not None:
        duplicate = duplicate.exclude(pk=requirement.pk)
        if parent is not None and (parent.pk == requirement.pk or _is_below(parent, requirement)):
            raise DomainError(_("A requirement cannot be placed under itself."), "parent")
    if duplicate.exists():
        raise DomainError(_("The identifier is used already in this framework."), "ref_id")
    creating = requirement is None
    if creating:
        last = version.requirements.order_by("-position").values_list("position", flat=True)
        requirement = Requirement(
            version=version,
            position=(last.first() or 0) + 1,
            urn=default_urn(version.framework.urn, ref_id),
        )
    before = {
        "ref_id": requirement.ref_id,
        "name": requirement.name,
        "description": requirement.description,
        "assessable": requirement.assessable,
    }
    requirement.parent = parent
    requirement.ref_id, requirement.name = ref_id, name
    requirement.description, requirement.assessable = description, assessable
    if creating or before["ref_id"] != ref_id:
        # A draft's URN follows its identifier; a stale one would block re-using the old one.
        requirement.urn = default_urn(version.framework.urn, ref_id)
    da = {k: v for k, v in {"name": name_da, "description": description_da}.items() if v}
    requirement.translations = {"da": da} if da else {}
    requirement.full_clean(exclude=["version", "parent"])
    requirement.save()
    _renumber(version)
    after = {"ref_id": ref_id, "name": name, "description": description, "assessable": assessable}
    audit_record(
        actor=actor,
        organisation=organisation,
        action="library.requirement.added" if creating else "library.requirement.changed",
        obj=version,
        changes={
            f"{ref_id}.{k}": [None if creating else before[k], v]
            for k, v in after.items()
            if creating or before[k] != v
        },
    )
    return requirement


def _is_below(node: Requirement, ancestor: Requirement) -> bool:
    current = node
    while current.parent_id is not None:
        if current.parent_id == ancestor.pk:
            return True
        current = current.parent
    return False


@transaction.atomic
def requirement_delete(*, actor, organisation, requirement: Requirement) -> None:
    version = requirement.version
    _draft_only(version)
    ref_id = requirement.ref_id
    requirement.delete()
    _renumber(version)
    audit_record(
        actor=actor,
        organisation=organisation,
        action="library.requirement.removed",
        obj=version,
        changes={ref_id: [requirement.name, None]},
    )


@transaction.atomic
def version_publish(*, actor, organisation, version: FrameworkVersion) -> FrameworkVersion:
    _draft_only(version)
    if not version.requirements.filter(assessable=True).exists():
        raise DomainError(_("Add at least one assessable requirement before publishing."))
    version.status = FrameworkVersion.Status.PUBLISHED
    version.published_at = timezone.now()
    doc = version_to_doc(version)
    doc.status = "published"  # hash it as its export reads, so re-importing that is a no-op
    version.content_hash = doc.content_hash()
    version.save(update_fields=["status", "published_at", "content_hash"])
    audit_record(
        actor=actor,
        organisation=organisation,
        action="library.version.published",
        obj=version,
        changes={"status": ["draft", "published"]},
    )
    return version


@transaction.atomic
def version_new_draft(*, actor, organisation, version: FrameworkVersion) -> FrameworkVersion:
    """A draft copy of a published version, numbered after the newest version."""
    if version.is_draft:
        raise DomainError(_("Finish and publish the draft first."))
    if version.framework.versions.filter(status=FrameworkVersion.Status.DRAFT).exists():
        raise DomainError(_("The framework has a draft already."))
    numbers = [
        int(v) for v in version.framework.versions.values_list("version", flat=True) if v.isdigit()
    ]
    doc = version_to_doc(version)
    doc.version = str(max(numbers, default=0) + 1)
    doc.status = "draft"
    report = ImportReport()
    draft = framework_import(doc, actor=actor, report=report)
    draft.created_by = actor
    draft.save(update_fields=["created_by"])
    audit_record(
        actor=actor,
        organisation=organisation,
        action="library.version.created",
        obj=draft,
        changes={"version": [version.version, doc.version]},
    )
    return draft


@transaction.atomic
def import_job_start(*, actor, organisation, upload, profile_base=None, language="da"):
    """Store the uploaded file and queue its import; the worker does the rest, reporting
    problems in `language` (the starter's)."""
    from skanse.library.models import ImportJob
    from skanse.library.tasks import run_library_import

    job = ImportJob(
        organisation=organisation,
        file_name=upload.name[:255],
        size=upload.size,
        started_by=actor,
        profile_base=profile_base,
        language=language,
    )
    job.file.save(f"{job.uuid}.upload", upload, save=False)
    job.save()
    audit_record(
        actor=actor,
        organisation=organisation,
        action="library.import.started",
        obj=job,
        changes={"file": [None, job.file_name]},
    )
    transaction.on_commit(lambda: run_library_import.enqueue(job.pk))
    return job
