"""OSCAL catalogs (JSON and XML, models 1.0 and 1.1) and profiles, and OSCAL catalog export.

Import keeps groups as headings and controls (with their enhancements nested) as
requirements; withdrawn controls are kept but marked withdrawn. The statement becomes the
description (items flattened with their labels, parameters shown by their label), the
guidance part the guidance.
"""

import re
import uuid
from datetime import UTC, datetime

from defusedxml import DefusedXmlException, ElementTree
from django.utils.translation import gettext as _

from skanse.library.documents import FrameworkDoc, LibraryError, NodeDoc

NS = "http://csrc.nist.gov/ns/oscal/1.0"
SKANSE_NS = "https://skanse.dk/ns/oscal"
OSCAL_VERSION = "1.1.2"
INSERT = re.compile(r"\{\{\s*insert:\s*param,\s*([^\s}]+)\s*\}\}")
TOKEN_START = re.compile(r"^[A-Za-z_]")
NOT_TOKEN = re.compile(r"[^A-Za-z0-9._-]+")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80]


def _props(obj: dict) -> dict:
    return {p.get("name"): p.get("value") for p in obj.get("props", []) if isinstance(p, dict)}


def _param_labels(params: list) -> dict:
    labels = {}
    for param in params or []:
        if not isinstance(param, dict) or "id" not in param:
            continue
        if param.get("label"):
            labels[param["id"]] = f"[Assignment: {param['label']}]"
        elif isinstance(param.get("select"), dict):
            choices = [c for c in param["select"].get("choice", []) if isinstance(c, str)]
            labels[param["id"]] = f"[Selection: {'; '.join(choices)}]"
        else:
            labels[param["id"]] = f"[Assignment: {param['id']}]"
    return labels


def _prose(part: dict, labels: dict, depth: int = 0) -> list[str]:
    """A part's prose and its item sub-parts, as lines with their labels."""
    lines = []
    text = part.get("prose", "")
    label = _props(part).get("label", "")
    if text or label:
        text = INSERT.sub(lambda m: labels.get(m.group(1), m.group(0)), text)
        lines.append(("  " * depth) + (f"{label} " if label else "") + text.strip())
    for child in part.get("parts", []) or []:
        if isinstance(child, dict) and child.get("name") in ("item", "statement", None):
            lines.extend(_prose(child, labels, depth + (1 if text or label else 0)))
    return lines


def _text_of(parts: list, name: str, labels: dict) -> str:
    for part in parts or []:
        if isinstance(part, dict) and part.get("name") == name:
            return "\n".join(_prose(part, labels)).strip()
    return ""


def _ref_id(obj: dict) -> str:
    return _props(obj).get("label") or obj.get("id", "")


def _control(control: dict, framework_urn: str, where: str, inherited: dict) -> NodeDoc:
    if not isinstance(control, dict) or not control.get("id"):
        raise LibraryError(_("A control needs an “id”."), where)
    props = _props(control)
    labels = {**inherited, **_param_labels(control.get("params"))}
    withdrawn = (props.get("status") or "").lower() == "withdrawn"
    node = NodeDoc(
        ref_id=_ref_id(control),
        name=(control.get("title") or "").strip(),
        description=_text_of(control.get("parts"), "statement", labels),
        guidance=_text_of(control.get("parts"), "guidance", labels),
        urn=f"{framework_urn}:{control['id'].lower()}",
        assessable=props.get("assessable", "true") != "false",
        withdrawn=withdrawn,
        props={"oscal_id": control["id"], "class": control.get("class", "")},
        where=where,
    )
    if not node.name and not node.description:
        node.name = node.ref_id
    node.children = [
        _control(child, framework_urn, f"{where}.controls[{i}]", labels)
        for i, child in enumerate(control.get("controls", []) or [])
    ]
    return node


def _group(group: dict, framework_urn: str, where: str) -> NodeDoc:
    if not isinstance(group, dict):
        raise LibraryError(_("A group must be an object."), where)
    group_id = group.get("id") or slug(group.get("title", "")) or f"group-{where}"
    node = NodeDoc(
        ref_id=_ref_id(group) or group_id,
        name=(group.get("title") or "").strip() or group_id,
        description=_text_of(group.get("parts"), "overview", {}),
        guidance=_text_of(group.get("parts"), "guidance", {}),
        urn=f"{framework_urn}:{group_id.lower()}",
        assessable=False,
        withdrawn=(_props(group).get("status") or "").lower() == "withdrawn",
        props={"oscal_id": group_id, "class": group.get("class", ""), "group": True},
        where=where,
    )
    node.children = [
        _group(child, framework_urn, f"{where}.groups[{i}]")
        for i, child in enumerate(group.get("groups", []) or [])
    ] + [
        _control(child, framework_urn, f"{where}.controls[{i}]", {})
        for i, child in enumerate(group.get("controls", []) or [])
    ]
    return node


def parse_catalog(data: dict, urn: str = "") -> FrameworkDoc:
    catalog = data.get("catalog")
    if not isinstance(catalog, dict):
        raise LibraryError(_("An OSCAL catalog must have a “catalog” object."), "catalog")
    metadata = catalog.get("metadata")
    if not isinstance(metadata, dict) or not metadata.get("title"):
        raise LibraryError(_("The catalog's metadata needs a title."), "catalog.metadata.title")
    meta_props = _props(metadata)
    urn = urn or meta_props.get("skanse-urn") or f"urn:skanse:oscal:{slug(metadata['title'])}"
    urn = urn.lower()
    nodes = [
        _group(group, urn, f"catalog.groups[{i}]")
        for i, group in enumerate(catalog.get("groups", []) or [])
    ] + [
        _control(control, urn, f"catalog.controls[{i}]", {})
        for i, control in enumerate(catalog.get("controls", []) or [])
    ]
    if not nodes:
        raise LibraryError(_("The catalog has no groups or controls."), "catalog")
    return FrameworkDoc(
        urn=urn,
        version=str(metadata.get("version") or "1"),
        name=metadata["title"].strip(),
        ref_id=meta_props.get("skanse-ref-id", ""),
        locale=meta_props.get("skanse-locale", "en")
        if meta_props.get("skanse-locale") in ("da", "en")
        else "en",
        description=(metadata.get("remarks") or "").strip(),
        provider=", ".join(
            p.get("name", "")
            for p in metadata.get("parties", []) or []
            if isinstance(p, dict) and p.get("name")
        ),
        requirements=nodes,
        source_format="oscal",
    )


# --- Profiles -------------------------------------------------------------------------------


def profile_source_name(data: dict) -> str:
    """The file name of the catalog the profile's first import points at."""
    profile = data.get("profile") or {}
    imports = profile.get("imports") or []
    if not imports or not isinstance(imports[0], dict) or not imports[0].get("href"):
        raise LibraryError(_("The profile imports no catalog."), "profile.imports")
    href = imports[0]["href"]
    if href.startswith("#"):
        resource_id = href[1:]
        for resource in (profile.get("back-matter") or {}).get("resources", []) or []:
            if resource.get("uuid") == resource_id:
                for rlink in resource.get("rlinks", []) or []:
                    if rlink.get("href"):
                        return rlink["href"].rsplit("/", 1)[-1]
        raise LibraryError(
            _("The profile's import “%(href)s” names no resource.") % {"href": href},
            "profile.imports",
        )
    return href.rsplit("/", 1)[-1]


def _selected_ids(imports: dict) -> tuple[set | None, set, bool]:
    """(ids to include or None for all, ids to exclude, include children of included)."""
    include = None
    with_children = False
    if "include-controls" in imports:
        include = set()
        for selection in imports["include-controls"] or []:
            include.update(i.lower() for i in selection.get("with-ids", []) or [])
            with_children = with_children or selection.get("with-child-controls") == "yes"
    exclude = set()
    for selection in imports.get("exclude-controls", []) or []:
        exclude.update(i.lower() for i in selection.get("with-ids", []) or [])
    return include, exclude, with_children


def resolve_profile(data: dict, base: FrameworkDoc) -> FrameworkDoc:
    """A profile's selection applied to an already imported catalog, as a framework of its own."""
    profile = data.get("profile")
    if not isinstance(profile, dict):
        raise LibraryError(_("An OSCAL profile must have a “profile” object."), "profile")
    metadata = profile.get("metadata") or {}
    if not metadata.get("title"):
        raise LibraryError(_("The profile's metadata needs a title."), "profile.metadata.title")
    include, exclude, with_children = _selected_ids((profile.get("imports") or [{}])[0])
    urn = f"urn:skanse:oscal:{slug(metadata['title'])}"

    def keep(node: NodeDoc, parent_included: bool) -> NodeDoc | None:
        oscal_id = str(node.props.get("oscal_id", node.ref_id)).lower()
        is_group = node.props.get("group", False)
        included = (
            not is_group
            and oscal_id not in exclude
            and (include is None or oscal_id in include or (with_children and parent_included))
        )
        children = [c for c in (keep(child, included) for child in node.children) if c]
        if not included and not children:
            return None
        copy = NodeDoc(
            **{**node.__dict__, "children": children, "urn": node.urn.replace(base.urn, urn, 1)}
        )
        if not included:
            copy.assessable = False
        return copy

    nodes = [n for n in (keep(node, False) for node in base.requirements) if n]
    if not nodes:
        raise LibraryError(_("The profile selects no control of the catalog."), "profile.imports")
    return FrameworkDoc(
        urn=urn,
        version=str(metadata.get("version") or "1"),
        name=metadata["title"].strip(),
        description=f"Resolved from the profile against {base.name} {base.version}.",
        provider=base.provider,
        copyright=base.copyright,
        requirements=nodes,
        source_format="oscal-profile",
    )


# --- XML ------------------------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _xml_prose(element) -> str:
    """The prose of a part: its paragraphs and lists as text, parameters as insert markers."""
    chunks = []

    def walk(node):
        name = _local(node.tag)
        if name == "insert" and node.get("type") == "param":
            chunks.append("{{ insert: param, " + (node.get("id-ref") or "") + " }}")
        elif node.text:
            chunks.append(node.text)
        for child in node:
            if _local(child.tag) in ("part", "prop", "link"):
                continue
            walk(child)
            if _local(child.tag) in ("p", "li"):
                chunks.append("\n")
            if child.tail:
                chunks.append(child.tail)

    for child in element:
        if _local(child.tag) in ("p", "ol", "ul", "table", "pre", "h1", "h2", "h3"):
            walk(child)
            chunks.append("\n")
    return re.sub(r"[ \t]+", " ", "".join(chunks)).strip()


def _xml_obj(element) -> dict:
    """An OSCAL XML element in the shape of its JSON counterpart (what the importer reads)."""
    obj = dict(element.attrib)
    for child in element:
        name = _local(child.tag)
        if name == "title":
            obj["title"] = "".join(child.itertext()).strip()
        elif name == "prop":
            obj.setdefault("props", []).append(dict(child.attrib))
        elif name == "param":
            param = dict(child.attrib)
            for sub in child:
                if _local(sub.tag) == "label":
                    param["label"] = "".join(sub.itertext()).strip()
                elif _local(sub.tag) == "select":
                    param["select"] = {
                        "choice": [
                            "".join(c.itertext()).strip() for c in sub if _local(c.tag) == "choice"
                        ]
                    }
            obj.setdefault("params", []).append(param)
        elif name == "part":
            part = _xml_obj(child)
            prose = _xml_prose(child)
            if prose:
                part["prose"] = prose
            obj.setdefault("parts", []).append(part)
        elif name in ("group", "control"):
            obj.setdefault(name + "s", []).append(_xml_obj(child))
        elif name in ("version", "remarks", "oscal-version", "last-modified"):
            obj[name] = "".join(child.itertext()).strip()
        elif name == "metadata":
            obj["metadata"] = _xml_obj(child)
        elif name == "party":
            party = {}
            for sub in child:
                if _local(sub.tag) == "name":
                    party["name"] = "".join(sub.itertext()).strip()
            obj.setdefault("parties", []).append(party)
    return obj


def xml_to_data(text: bytes) -> dict:
    try:
        root = ElementTree.fromstring(text, forbid_dtd=True)
    except ElementTree.ParseError as error:
        line, _column = getattr(error, "position", (0, 0))
        raise LibraryError(
            _("The XML is not well-formed (%(problem)s).") % {"problem": error}, f"line {line}"
        ) from None
    except DefusedXmlException:
        raise LibraryError(
            _("The XML declares a DTD or entities, which library files may not use.")
        ) from None
    name = _local(root.tag)
    if name != "catalog":
        raise LibraryError(
            _("Only OSCAL catalogs are read as XML, not “%(name)s”.") % {"name": name}, name
        )
    if not root.tag.startswith("{" + NS):
        raise LibraryError(_("The XML is not in the OSCAL namespace."), name)
    return {"catalog": _xml_obj(root)}


# --- Export ---------------------------------------------------------------------------------


def _token(ref_id: str) -> str:
    token = NOT_TOKEN.sub("-", ref_id.strip().lower()).strip("-") or "x"
    return token if TOKEN_START.match(token) else f"r{token}"


def _parts(node: NodeDoc, oscal_id: str) -> list:
    parts = []
    if node.description:
        parts.append({"id": f"{oscal_id}_smt", "name": "statement", "prose": node.description})
    if node.guidance:
        parts.append({"id": f"{oscal_id}_gdn", "name": "guidance", "prose": node.guidance})
    return parts


def _export_control(node: NodeDoc, used: set) -> dict:
    oscal_id = _unique(_token(node.ref_id), used)
    props = [{"name": "label", "value": node.ref_id}]
    if node.withdrawn:
        props.append({"name": "status", "value": "withdrawn"})
    if not node.assessable:
        props.append({"name": "assessable", "ns": SKANSE_NS, "value": "false"})
    control = {"id": oscal_id, "title": node.name or node.ref_id, "props": props}
    parts = _parts(node, oscal_id)
    if parts:
        control["parts"] = parts
    if node.children:
        control["controls"] = [_export_control(child, used) for child in node.children]
    return control


def _unique(token: str, used: set) -> str:
    candidate, n = token, 2
    while candidate in used:
        candidate, n = f"{token}-{n}", n + 1
    used.add(candidate)
    return candidate


def _split(nodes: list[NodeDoc]) -> tuple[list[NodeDoc], list[NodeDoc]]:
    """OSCAL keeps a level's groups before its controls, so only the leading headings (those
    with children) can be groups; a heading after a control stays a control, marked not
    assessable. This keeps the order of siblings through export and import."""
    cut = 0
    while cut < len(nodes) and not nodes[cut].assessable and nodes[cut].children:
        cut += 1
    return nodes[:cut], nodes[cut:]


def _export_group(node: NodeDoc, used: set) -> dict:
    oscal_id = _unique(_token(node.ref_id), used)
    group = {
        "id": oscal_id,
        "title": node.name or node.ref_id,
        "props": [{"name": "label", "value": node.ref_id}],
    }
    if node.withdrawn:
        group["props"].append({"name": "status", "value": "withdrawn"})
    parts = []
    if node.description:
        parts.append({"id": f"{oscal_id}_ovw", "name": "overview", "prose": node.description})
    if node.guidance:
        parts.append({"id": f"{oscal_id}_gdn", "name": "guidance", "prose": node.guidance})
    if parts:
        group["parts"] = parts
    groups, controls = _split(node.children)
    if groups:
        group["groups"] = [_export_group(child, used) for child in groups]
    if controls:
        group["controls"] = [_export_control(child, used) for child in controls]
    return group


def export_catalog(doc: FrameworkDoc, last_modified: datetime | None = None) -> dict:
    """An OSCAL 1.1 catalog: headings with children become groups, the rest controls."""
    used: set = set()
    groups, controls = _split(doc.requirements)
    metadata = {
        "title": doc.name,
        "last-modified": (last_modified or datetime.now(UTC)).isoformat(timespec="seconds"),
        "version": doc.version,
        "oscal-version": OSCAL_VERSION,
        "props": [
            {"name": "skanse-urn", "ns": SKANSE_NS, "value": doc.urn},
            {"name": "skanse-locale", "ns": SKANSE_NS, "value": doc.locale},
        ],
    }
    if doc.ref_id:
        metadata["props"].append({"name": "skanse-ref-id", "ns": SKANSE_NS, "value": doc.ref_id})
    if doc.description:
        metadata["remarks"] = doc.description
    catalog = {
        "uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{doc.urn}@{doc.version}")),
        "metadata": metadata,
    }
    if groups:
        catalog["groups"] = [_export_group(node, used) for node in groups]
    if controls:
        catalog["controls"] = [_export_control(node, used) for node in controls]
    return {"catalog": catalog}
