"""CISO Assistant library YAML: its frameworks and requirement mapping sets."""

from django.utils.translation import gettext as _

from skanse.library.documents import (
    LANGUAGES,
    RELATIONSHIPS,
    FrameworkDoc,
    LibraryError,
    MappingDoc,
    MappingSetDoc,
    NodeDoc,
)

# CISO Assistant's relationships that we store; "not_related" says there is no mapping.
RELATIONSHIP_MAP = {r: r for r in RELATIONSHIPS} | {"not_related": None}


def is_ciso_library(data) -> bool:
    return isinstance(data, dict) and isinstance(data.get("objects"), dict) and "urn" in data


def _str(value) -> str:
    if value is None:
        return ""
    return str(value).strip()


def _translations(obj: dict) -> dict:
    result = {}
    for language, texts in (obj.get("translations") or {}).items():
        if language in LANGUAGES and isinstance(texts, dict):
            fields = {
                "name": texts.get("name"),
                "description": texts.get("description"),
                "guidance": texts.get("annotation"),
            }
            result[language] = {k: _str(v) for k, v in fields.items() if v}
    return result


def parse(data: dict) -> tuple[list[FrameworkDoc], list[MappingSetDoc]]:
    objects = data["objects"]
    library_urn = _str(data["urn"]).lower()
    locale = _str(data.get("locale")) or "en"
    frameworks = objects.get("framework")
    frameworks = [frameworks] if isinstance(frameworks, dict) else (frameworks or [])
    mapping_sets = objects.get("requirement_mapping_sets") or []
    if isinstance(objects.get("requirement_mapping_set"), dict):
        mapping_sets = [objects["requirement_mapping_set"], *mapping_sets]
    if not frameworks and not mapping_sets:
        raise LibraryError(_("The library holds no framework and no mapping set."), "objects")
    docs = [
        _framework(fw, data, library_urn, locale, f"objects.framework[{i}]")
        for i, fw in enumerate(frameworks)
    ]
    dependencies = [_str(d).lower() for d in data.get("dependencies") or []]
    sets = [
        _mapping_set(ms, data, dependencies, f"objects.requirement_mapping_sets[{i}]")
        for i, ms in enumerate(mapping_sets)
    ]
    return docs, sets


def _framework(fw: dict, library: dict, library_urn: str, locale: str, where: str):
    if not isinstance(fw, dict) or not fw.get("urn"):
        raise LibraryError(_("The framework needs a “urn”."), where)
    items = fw.get("requirement_nodes")
    if not isinstance(items, list) or not items:
        raise LibraryError(
            _("The framework has no requirement nodes."), f"{where}.requirement_nodes"
        )
    nodes: dict[str, NodeDoc] = {}
    roots: list[NodeDoc] = []
    for i, item in enumerate(items):
        place = f"{where}.requirement_nodes[{i}]"
        if not isinstance(item, dict) or not item.get("urn"):
            raise LibraryError(_("A requirement node needs a “urn”."), place)
        urn = _str(item["urn"]).lower()
        if urn in nodes:
            raise LibraryError(_("The urn “%(urn)s” appears twice.") % {"urn": urn}, place)
        ref_id = _str(item.get("ref_id")) or urn.rsplit(":", 1)[-1]
        node = NodeDoc(
            ref_id=ref_id,
            name=_str(item.get("name")),
            description=_str(item.get("description")),
            guidance=_str(item.get("annotation")),
            urn=urn,
            assessable=bool(item.get("assessable", False)),
            translations=_translations(item),
            where=place,
        )
        if not node.name and not node.description:
            node.name = ref_id
        nodes[urn] = node
        parent_urn = _str(item.get("parent_urn")).lower()
        if parent_urn:
            parent = nodes.get(parent_urn)
            if parent is None:
                raise LibraryError(
                    _("The parent “%(parent)s” is not defined before this node.")
                    % {"parent": parent_urn},
                    place,
                )
            parent.children.append(node)
        else:
            roots.append(node)
    return FrameworkDoc(
        urn=_str(fw["urn"]).lower(),
        version=_str(library.get("version")) or "1",
        name=_str(fw.get("name")) or _str(library.get("name")),
        ref_id=_str(fw.get("ref_id")),
        locale=locale if locale in LANGUAGES else "en",
        description=_str(fw.get("description")) or _str(library.get("description")),
        provider=_str(library.get("provider")),
        copyright=_str(library.get("copyright")),
        translations=_translations(fw) or _translations(library),
        requirements=roots,
        source_format="ciso-assistant",
        library_urn=library_urn,
    )


def _mapping_set(ms: dict, library: dict, dependencies: list[str], where: str):
    if not isinstance(ms, dict):
        raise LibraryError(_("A mapping set must be an object with fields."), where)
    for key in ("urn", "source_framework_urn", "target_framework_urn"):
        if not ms.get(key):
            raise LibraryError(
                _("The mapping set needs “%(key)s”.") % {"key": key}, f"{where}.{key}"
            )
    mappings = []
    for i, item in enumerate(ms.get("requirement_mappings") or []):
        place = f"{where}.requirement_mappings[{i}]"
        relationship = _str(item.get("relationship")) or "related"
        if relationship not in RELATIONSHIP_MAP:
            raise LibraryError(
                _("Unknown relationship “%(relationship)s”.") % {"relationship": relationship},
                f"{place}.relationship",
            )
        if RELATIONSHIP_MAP[relationship] is None:
            continue
        if not item.get("source_requirement_urn") or not item.get("target_requirement_urn"):
            raise LibraryError(_("A mapping needs a source and a target urn."), place)
        mappings.append(
            MappingDoc(
                source=_str(item["source_requirement_urn"]).lower(),
                target=_str(item["target_requirement_urn"]).lower(),
                relationship=RELATIONSHIP_MAP[relationship],
                rationale=_str(item.get("rationale") or item.get("annotation")),
                where=place,
            )
        )
    return MappingSetDoc(
        urn=_str(ms["urn"]).lower(),
        version=_str(library.get("version")) or "1",
        name=_str(ms.get("name")) or _str(library.get("name")),
        description=_str(ms.get("description")),
        provider=_str(library.get("provider")),
        source_urn=_str(ms["source_framework_urn"]).lower(),
        target_urn=_str(ms["target_framework_urn"]).lower(),
        mappings=mappings,
        source_format="ciso-assistant",
        dependencies=dependencies,
    )
