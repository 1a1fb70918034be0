"""Read a library file of any supported format, safely, into documents.

The format is detected from the content, not the file name. Limits: the size
(`LIBRARY_IMPORT_MAX_BYTES`), no YAML aliases (they can expand a small file into a huge
structure), no XML DTDs or entities (defusedxml), a bounded nesting depth, and no network.
"""

import json
from dataclasses import dataclass, field

import yaml
from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from skanse.library.documents import FrameworkDoc, LibraryError, MappingSetDoc
from skanse.library.formats import ciso, native, oscal

MAX_DEPTH = 40


class _NoAliasLoader(yaml.SafeLoader):
    """A safe loader that refuses anchors and aliases (the "billion laughs" of YAML)."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise LibraryError(
                _("YAML aliases (*name) are not allowed in library files."),
                f"line {event.start_mark.line + 1}",
            )
        return super().compose_node(parent, index)


@dataclass
class ParsedFile:
    format: str
    frameworks: list[FrameworkDoc] = field(default_factory=list)
    mapping_sets: list[MappingSetDoc] = field(default_factory=list)
    profile: dict | None = None  # an OSCAL profile, resolved against a stored catalog later


def _too_deep(limit: int = MAX_DEPTH) -> LibraryError:
    return LibraryError(_("The file is nested deeper than %(limit)d levels.") % {"limit": limit})


def _depth(value, limit: int = MAX_DEPTH) -> None:
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            raise _too_deep(limit)
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)


def load_data(content: bytes):
    """The file's content as Python data (JSON, YAML) or OSCAL-shaped data (XML)."""
    limit = settings.LIBRARY_IMPORT_MAX_BYTES
    if len(content) > limit:
        raise LibraryError(
            _("The file is %(size)s MB; the limit is %(limit)s MB.")
            % {
                "size": number_format(len(content) / 1e6, 1),
                "limit": number_format(limit / 1e6, 0),
            }
        )
    if content.startswith(b"\xef\xbb\xbf"):
        content = content[3:]
    stripped = content.lstrip()
    if not stripped:
        raise LibraryError(_("The file is empty."))
    if stripped.startswith(b"<"):
        return "xml", oscal.xml_to_data(content)
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as error:
        raise LibraryError(_("The file is not UTF-8 text."), f"byte {error.start}") from None
    if stripped[:1] in (b"{", b"["):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise LibraryError(
                _("The JSON is malformed (%(problem)s).") % {"problem": error.msg},
                f"line {error.lineno}, column {error.colno}",
            ) from None
        except RecursionError:
            raise _too_deep() from None
        kind = "json"
    else:
        try:
            data = yaml.load(text, Loader=_NoAliasLoader)  # noqa: S506 - a SafeLoader subclass
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark
            where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
            raise LibraryError(
                _("The YAML is malformed (%(problem)s).") % {"problem": error.problem}, where
            ) from None
        except yaml.YAMLError as error:
            raise LibraryError(
                _("The YAML is malformed (%(problem)s).") % {"problem": error}
            ) from None
        except RecursionError:
            raise _too_deep() from None
        kind = "yaml"
    _depth(data)
    return kind, data


def parse_bytes(content: bytes) -> ParsedFile:
    kind, data = load_data(content)
    if not isinstance(data, dict):
        raise LibraryError(_("The file must hold an object at the top level."))
    if data.get("format") == native.FORMAT or str(data.get("format", "")).startswith("skanse"):
        doc = native.parse(data)
        if isinstance(doc, FrameworkDoc):
            return ParsedFile(format=f"skanse-{kind}", frameworks=[doc])
        return ParsedFile(format=f"skanse-{kind}", mapping_sets=[doc])
    if "catalog" in data:
        return ParsedFile(format=f"oscal-{kind}", frameworks=[oscal.parse_catalog(data)])
    if "profile" in data:
        return ParsedFile(format=f"oscal-profile-{kind}", profile=data)
    if ciso.is_ciso_library(data):
        frameworks, mapping_sets = ciso.parse(data)
        return ParsedFile(format="ciso-assistant", frameworks=frameworks, mapping_sets=mapping_sets)
    raise LibraryError(
        _(
            "The format is not recognised: expected a Skanse library file, an OSCAL catalog or "
            "profile, or a CISO Assistant library."
        )
    )
