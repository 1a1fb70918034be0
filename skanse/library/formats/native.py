"""Our own library format (docs/library-format.md), in YAML or JSON."""

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

FORMAT = "skanse-library/1"
TEXT_FIELDS = ("name", "description", "guidance")


def _choices(*values: str) -> str:
    """The allowed values of a field, quoted, for a message."""
    return ", ".join(f"“{value}”" for value in values)


def _text(data: dict, key: str, where: str, required: bool = False) -> str:
    value = data.get(key, "")
    if value is None:
        value = ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise LibraryError(
            _("“%(key)s” must be text.") % {"key": key}, f"{where}.{key}" if where else key
        )
    if required and not value.strip():
        raise LibraryError(
            _("“%(key)s” is required.") % {"key": key}, f"{where}.{key}" if where else key
        )
    return value.strip()


def _bool(data: dict, key: str, default: bool, where: str) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise LibraryError(_("“%(key)s” must be true or false.") % {"key": key}, f"{where}.{key}")
    return value


def _translations(data: dict, where: str) -> dict:
    value = data.get("translations") or {}
    if not isinstance(value, dict):
        raise LibraryError(
            _("“%(key)s” must map a language to texts.") % {"key": "translations"},
            f"{where}.translations",
        )
    result = {}
    for language, texts in value.items():
        place = f"{where}.translations.{language}"
        if language not in LANGUAGES:
            continue  # other languages are kept out rather than refused: we show da and en
        if not isinstance(texts, dict):
            raise LibraryError(_("A translation must map fields to text."), place)
        result[language] = {key: _text(texts, key, place) for key in TEXT_FIELDS if texts.get(key)}
    return result


def _node(data, where: str) -> NodeDoc:
    if not isinstance(data, dict):
        raise LibraryError(_("A requirement must be an object with fields."), where)
    node = NodeDoc(
        ref_id=_text(data, "ref_id", where, required=True),
        name=_text(data, "name", where),
        description=_text(data, "description", where),
        guidance=_text(data, "guidance", where),
        urn=_text(data, "urn", where).lower(),
        assessable=_bool(data, "assessable", True, where),
        withdrawn=_bool(data, "withdrawn", False, where),
        translations=_translations(data, where),
        where=where,
    )
    if not node.name and not node.description:
        raise LibraryError(_("A requirement needs a name or a description."), where)
    order = data.get("order")
    if order is not None and not isinstance(order, int):
        raise LibraryError(
            _("“%(key)s” must be a whole number.") % {"key": "order"}, f"{where}.order"
        )
    node.props = {"order": order} if order is not None else {}
    children = data.get("children") or []
    if not isinstance(children, list):
        raise LibraryError(
            _("“%(key)s” must be a list.") % {"key": "children"}, f"{where}.children"
        )
    node.children = [_node(child, f"{where}.children[{i}]") for i, child in enumerate(children)]
    if "parent" in data:
        node.props["parent"] = _text(data, "parent", where)
    return node


def _nest(nodes: list[NodeDoc]) -> list[NodeDoc]:
    """Turn a flat list with `parent` references into a tree; keep nested input as it is."""
    if not any("parent" in n.props for n in nodes):
        return nodes
    by_key = {}
    for node in nodes:
        by_key[node.ref_id] = node
        if node.urn:
            by_key[node.urn] = node
    roots = []
    for node in nodes:
        parent_key = node.props.pop("parent", "")
        if not parent_key:
            roots.append(node)
            continue
        parent = by_key.get(parent_key) or by_key.get(parent_key.lower())
        if parent is None:
            raise LibraryError(
                _("The parent “%(parent)s” is not in the file.") % {"parent": parent_key},
                node.where,
            )
        parent.children.append(node)
    return roots


def _sort(nodes: list[NodeDoc]) -> list[NodeDoc]:
    nodes = (
        sorted(nodes, key=lambda n: n.props.get("order", 0))
        if any("order" in n.props for n in nodes)
        else nodes
    )
    for node in nodes:
        node.props.pop("order", None)
        node.children = _sort(node.children)
    return nodes


def parse(data) -> FrameworkDoc | MappingSetDoc:
    if not isinstance(data, dict):
        raise LibraryError(_("The file must hold an object at the top level."))
    if data.get("format") != FORMAT:
        raise LibraryError(
            _("“%(key)s” must be “%(value)s”.") % {"key": "format", "value": FORMAT}, "format"
        )
    kind = data.get("kind")
    if kind == "framework":
        return _framework(data)
    if kind == "mapping-set":
        return _mapping_set(data)
    raise LibraryError(
        _("“%(key)s” must be one of: %(choices)s.")
        % {"key": "kind", "choices": _choices("framework", "mapping-set")},
        "kind",
    )


def _framework(data: dict) -> FrameworkDoc:
    locale = _text(data, "locale", "") or "en"
    if locale not in LANGUAGES:
        raise LibraryError(
            _("“%(key)s” must be one of: %(choices)s.")
            % {"key": "locale", "choices": _choices(*LANGUAGES)},
            "locale",
        )
    status = _text(data, "status", "") or "published"
    if status not in ("published", "draft"):
        raise LibraryError(
            _("“%(key)s” must be one of: %(choices)s.")
            % {"key": "status", "choices": _choices("published", "draft")},
            "status",
        )
    requirements = data.get("requirements")
    if not isinstance(requirements, list) or not requirements:
        raise LibraryError(
            _("“%(key)s” must be a list that is not empty.") % {"key": "requirements"},
            "requirements",
        )
    nodes = [_node(item, f"requirements[{i}]") for i, item in enumerate(requirements)]
    return FrameworkDoc(
        urn=_text(data, "urn", "", required=True).lower(),
        version=_text(data, "version", "", required=True),
        name=_text(data, "name", "", required=True),
        ref_id=_text(data, "ref_id", ""),
        locale=locale,
        description=_text(data, "description", ""),
        provider=_text(data, "provider", ""),
        copyright=_text(data, "copyright", ""),
        licence=_text(data, "licence", ""),
        status=status,
        translations=_translations(data, ""),
        requirements=_sort(_nest(nodes)),
        source_format="skanse",
    )


def _ref(data: dict, key: str) -> tuple[str, str]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise LibraryError(
            _("“%(key)s” must give the framework's urn and version.") % {"key": key}, key
        )
    return _text(value, "urn", key, required=True).lower(), _text(value, "version", key)


def _mapping_set(data: dict) -> MappingSetDoc:
    source_urn, source_version = _ref(data, "source")
    target_urn, target_version = _ref(data, "target")
    items = data.get("mappings")
    if not isinstance(items, list):
        raise LibraryError(_("“%(key)s” must be a list.") % {"key": "mappings"}, "mappings")
    mappings = []
    for i, item in enumerate(items):
        where = f"mappings[{i}]"
        if not isinstance(item, dict):
            raise LibraryError(_("A mapping must be an object with fields."), where)
        relationship = _text(item, "relationship", where) or "related"
        if relationship not in RELATIONSHIPS:
            raise LibraryError(
                _("“%(key)s” must be one of: %(choices)s.")
                % {"key": "relationship", "choices": _choices(*RELATIONSHIPS)},
                f"{where}.relationship",
            )
        mappings.append(
            MappingDoc(
                source=_text(item, "source", where, required=True),
                target=_text(item, "target", where, required=True),
                relationship=relationship,
                rationale=_text(item, "rationale", where),
                where=where,
            )
        )
    return MappingSetDoc(
        urn=_text(data, "urn", "", required=True).lower(),
        version=_text(data, "version", "", required=True),
        name=_text(data, "name", "", required=True),
        description=_text(data, "description", ""),
        provider=_text(data, "provider", ""),
        source_urn=source_urn,
        source_version=source_version,
        target_urn=target_urn,
        target_version=target_version,
        mappings=mappings,
    )


# --- Export --------------------------------------------------------------------------------


def _node_out(node: NodeDoc, framework_urn: str) -> dict:
    out = {"ref_id": node.ref_id}
    if node.urn and node.urn != f"{framework_urn}:{node.ref_id.strip().lower().replace(' ', '-')}":
        out["urn"] = node.urn
    for key in TEXT_FIELDS:
        if getattr(node, key):
            out[key] = getattr(node, key)
    if not node.assessable:
        out["assessable"] = False
    if node.withdrawn:
        out["withdrawn"] = True
    if node.translations:
        out["translations"] = node.translations
    if node.children:
        out["children"] = [_node_out(child, framework_urn) for child in node.children]
    return out


def dump_framework(doc: FrameworkDoc) -> dict:
    out = {
        "format": FORMAT,
        "kind": "framework",
        "urn": doc.urn,
        "version": doc.version,
        "ref_id": doc.ref_id,
        "locale": doc.locale,
        "name": doc.name,
        "description": doc.description,
        "provider": doc.provider,
        "copyright": doc.copyright,
        "licence": doc.licence,
        "status": doc.status,
    }
    out = {k: v for k, v in out.items() if v != ""}
    if doc.translations:
        out["translations"] = doc.translations
    out["requirements"] = [_node_out(node, doc.urn) for node in doc.requirements]
    return out


def dump_mapping_set(doc: MappingSetDoc) -> dict:
    out = {
        "format": FORMAT,
        "kind": "mapping-set",
        "urn": doc.urn,
        "version": doc.version,
        "name": doc.name,
        "description": doc.description,
        "provider": doc.provider,
        "source": {"urn": doc.source_urn, "version": doc.source_version},
        "target": {"urn": doc.target_urn, "version": doc.target_version},
        "mappings": [
            {
                k: v
                for k, v in {
                    "source": m.source,
                    "target": m.target,
                    "relationship": m.relationship,
                    "rationale": m.rationale,
                }.items()
                if v
            }
            for m in doc.mappings
        ],
    }
    return {k: v for k, v in out.items() if v != ""}
