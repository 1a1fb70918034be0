"""The library's neutral shape: what every importer produces and every exporter reads.

Parsers turn a file (our format, OSCAL, CISO Assistant) into these documents; the import
service validates them and writes them in bulk; exporters turn a stored version back into a
document. Nothing here touches the database.
"""

import hashlib
import json
from dataclasses import asdict, dataclass, field

RELATIONSHIPS = ("equal", "subset", "superset", "intersect", "related")
LANGUAGES = ("da", "en")


class LibraryError(Exception):
    """A problem with a library file, at a place in it: `where` is a path, line or element."""

    def __init__(self, message: str, where: str = ""):
        super().__init__(message)
        self.message = message
        self.where = where

    def __str__(self):
        return f"{self.where}: {self.message}" if self.where else self.message


@dataclass
class NodeDoc:
    ref_id: str
    name: str = ""
    description: str = ""
    guidance: str = ""
    urn: str = ""
    assessable: bool = True
    withdrawn: bool = False
    translations: dict = field(default_factory=dict)  # {"da": {"name": …, "description": …}}
    props: dict = field(default_factory=dict)  # format-specific extras kept for export
    children: list["NodeDoc"] = field(default_factory=list)
    where: str = ""  # the node's place in the source file, for error messages


@dataclass
class FrameworkDoc:
    urn: str
    version: str
    name: str
    ref_id: str = ""
    locale: str = "en"
    description: str = ""
    provider: str = ""
    copyright: str = ""
    licence: str = ""
    status: str = "published"
    translations: dict = field(default_factory=dict)
    requirements: list[NodeDoc] = field(default_factory=list)
    source_format: str = "skanse"
    library_urn: str = ""  # the CISO Assistant library a framework came in, for dependencies

    def walk(self):
        """Every node, depth first, with its parent (None at the top) and depth (1 at top)."""
        stack = [(node, None, 1) for node in reversed(self.requirements)]
        while stack:
            node, parent, depth = stack.pop()
            yield node, parent, depth
            stack.extend((child, node, depth + 1) for child in reversed(node.children))

    def content_hash(self) -> str:
        """A fingerprint of the content: the same file imported twice has the same hash."""
        data = asdict(self)
        data.pop("source_format")
        _canonical(data["requirements"], self.urn)
        text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()


def _canonical(nodes: list[dict], framework_urn: str) -> None:
    """Leave out what does not change the content: places in the file, default URNs."""
    for node in nodes:
        node.pop("where", None)
        node["urn"] = node["urn"] or default_urn(framework_urn, node["ref_id"])
        _canonical(node["children"], framework_urn)


@dataclass
class MappingDoc:
    source: str  # ref_id or urn in the source framework
    target: str
    relationship: str = "related"
    rationale: str = ""
    where: str = ""


@dataclass
class MappingSetDoc:
    urn: str
    version: str
    name: str
    source_urn: str
    target_urn: str
    source_version: str = ""  # empty: the newest published version
    target_version: str = ""
    description: str = ""
    provider: str = ""
    mappings: list[MappingDoc] = field(default_factory=list)
    source_format: str = "skanse"
    dependencies: list[str] = field(default_factory=list)

    def content_hash(self) -> str:
        data = asdict(self)
        data.pop("source_format")
        for mapping in data["mappings"]:
            mapping.pop("where", None)
        text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()


def default_urn(framework_urn: str, ref_id: str) -> str:
    return f"{framework_urn}:{ref_id.strip().lower().replace(' ', '-')}"
