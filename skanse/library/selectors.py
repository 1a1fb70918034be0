"""Reads of the library. Library content is global: no tenant scope is involved."""

from django.conf import settings
from django.db.models import Count, Prefetch, Q
from django.utils import translation

from skanse.library.documents import FrameworkDoc, NodeDoc
from skanse.library.models import FrameworkVersion, Mapping, MappingSet, Requirement


def version_list(include_drafts: bool = False):
    versions = FrameworkVersion.objects.select_related("framework").order_by(
        "name", "framework__urn", "-created_at"
    )
    if not include_drafts:
        versions = versions.filter(status=FrameworkVersion.Status.PUBLISHED)
    return versions


def versions_of(version: FrameworkVersion, include_drafts: bool = False):
    versions = version.framework.versions.order_by("-created_at")
    if not include_drafts:
        versions = versions.filter(status=FrameworkVersion.Status.PUBLISHED)
    return versions


def requirement_tree(version: FrameworkVersion, query: str = "") -> list[dict]:
    """The version's nodes in tree order, as plain rows with the title in the reader's
    language; with a query, the matching nodes only. Plain rows, not model instances: the
    tree of a large catalog (1,200 nodes) must render in well under 100 ms."""
    nodes = version.requirements.order_by("position")
    if query:
        nodes = nodes.filter(
            Q(ref_id__icontains=query) | Q(name__icontains=query) | Q(description__icontains=query)
        )
    language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    rows = []
    for row in nodes.values(
        "uuid", "ref_id", "name", "assessable", "withdrawn", "depth", "translations"
    ):
        translated = (row.pop("translations") or {}).get(language, {}).get("name")
        if translated:
            row["name"] = translated
        if len(row["name"]) > 160:
            row["name"] = row["name"][:159] + "…"
        row["depth"] = min(row["depth"], 6)
        rows.append(row)
    return rows


def requirement_detail(requirement_uuid):
    """A requirement with its ancestors' ids, and its mappings both ways."""
    mapping_qs = Mapping.objects.select_related("mapping_set", "source__version", "target__version")
    return (
        Requirement.objects.select_related("version__framework", "parent")
        .prefetch_related(
            Prefetch("mappings_out", queryset=mapping_qs),
            Prefetch("mappings_in", queryset=mapping_qs),
        )
        .get(uuid=requirement_uuid)
    )


def ancestors(requirement: Requirement) -> list[Requirement]:
    """From the top of the tree down to the requirement's parent (one query per level)."""
    chain = []
    current = requirement.parent
    while current is not None:
        chain.append(current)
        current = current.parent
    return list(reversed(chain))


def mapping_set_list():
    return MappingSet.objects.select_related("source", "target").annotate(
        mapping_count=Count("mappings")
    )


def version_to_doc(version: FrameworkVersion) -> FrameworkDoc:
    """A stored version as a document, for export and comparison (two queries)."""
    version = FrameworkVersion.objects.select_related("framework").get(pk=version.pk)
    doc = FrameworkDoc(
        urn=version.framework.urn,
        version=version.version,
        name=version.name,
        ref_id=version.ref_id,
        locale=version.locale,
        description=version.description,
        provider=version.provider,
        copyright=version.copyright,
        licence=version.licence,
        status=version.status,
        translations=version.translations,
        source_format=version.source_format,
        library_urn=version.library_urn,
    )
    nodes: dict[int, NodeDoc] = {}
    for row in version.requirements.order_by("position"):
        node = NodeDoc(
            ref_id=row.ref_id,
            name=row.name,
            description=row.description,
            guidance=row.guidance,
            urn=row.urn,
            assessable=row.assessable,
            withdrawn=row.withdrawn,
            translations=row.translations,
            props=dict(row.props),
        )
        nodes[row.pk] = node
        if row.parent_id is None:
            doc.requirements.append(node)
        else:
            nodes[row.parent_id].children.append(node)
    return doc


def version_compare(old: FrameworkVersion, new: FrameworkVersion) -> dict:
    """Added, removed and changed requirements between two versions, matched by identifier."""
    fields = ("name", "description", "guidance", "assessable", "withdrawn")

    def index(version):
        rows = version.requirements.select_related("parent").order_by("position")
        return {r.ref_id: r for r in rows}

    before, after = index(old), index(new)
    changed = []
    for ref_id, row in after.items():
        if ref_id not in before:
            continue
        previous = before[ref_id]
        diffs = [
            (f, getattr(previous, f), getattr(row, f))
            for f in fields
            if getattr(previous, f) != getattr(row, f)
        ]
        old_parent = previous.parent.ref_id if previous.parent else ""
        new_parent = row.parent.ref_id if row.parent else ""
        if old_parent != new_parent:
            diffs.append(("parent", old_parent, new_parent))
        if diffs:
            changed.append((row, diffs))
    return {
        "added": [row for ref_id, row in after.items() if ref_id not in before],
        "removed": [row for ref_id, row in before.items() if ref_id not in after],
        "changed": changed,
    }
