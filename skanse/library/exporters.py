"""Export a framework version: OSCAL catalog JSON, our format (YAML or JSON), or Excel."""

import io
import json

import yaml
from openpyxl import Workbook

from skanse.library.formats import native, oscal
from skanse.library.models import FrameworkVersion
from skanse.library.selectors import version_to_doc

FORMATS = {
    "oscal-json": ("application/json", "oscal.json"),
    "yaml": ("application/yaml", "yaml"),
    "json": ("application/json", "json"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}


def _xlsx(doc) -> bytes:
    workbook = Workbook(write_only=True)
    meta = workbook.create_sheet("Framework")
    for key in (
        "urn",
        "version",
        "ref_id",
        "name",
        "description",
        "provider",
        "copyright",
        "licence",
        "locale",
        "status",
    ):
        meta.append([key, getattr(doc, key)])
    sheet = workbook.create_sheet("Requirements")
    sheet.append(
        [
            "ref_id",
            "parent",
            "depth",
            "name",
            "name_da",
            "description",
            "description_da",
            "guidance",
            "assessable",
            "withdrawn",
            "urn",
        ]
    )
    for node, parent, depth in doc.walk():
        da = node.translations.get("da", {})
        sheet.append(
            [
                node.ref_id,
                parent.ref_id if parent else "",
                depth,
                node.name,
                da.get("name", ""),
                node.description,
                da.get("description", ""),
                node.guidance,
                "yes" if node.assessable else "no",
                "yes" if node.withdrawn else "no",
                node.urn,
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_version(version: FrameworkVersion, fmt: str) -> tuple[bytes, str, str]:
    """(content, content type, file name) of the version in `fmt` (a key of FORMATS)."""
    content_type, extension = FORMATS[fmt]
    doc = version_to_doc(version)
    if fmt == "oscal-json":
        content = json.dumps(
            oscal.export_catalog(doc, version.published_at), indent=2, ensure_ascii=False
        ).encode()
    elif fmt == "yaml":
        content = yaml.safe_dump(
            native.dump_framework(doc), allow_unicode=True, sort_keys=False, width=100
        ).encode()
    elif fmt == "json":
        content = json.dumps(native.dump_framework(doc), indent=2, ensure_ascii=False).encode()
    else:
        content = _xlsx(doc)
    stem = doc.urn.rsplit(":", 1)[-1] or "framework"
    return content, content_type, f"{stem}-{doc.version}.{extension}"
