"""Checking an uploaded document before it is stored: its size, its name's extension, and
that its first bytes are what the extension claims (a renamed program is refused). The type
we store is the one we detected, never the one the browser sent."""

from dataclasses import dataclass
from pathlib import PurePath

from django.utils.translation import gettext as _

from skanse.core.errors import DomainError

ZIP = b"PK\x03\x04"


@dataclass(frozen=True)
class Kind:
    extensions: tuple[str, ...]
    content_type: str
    magic: tuple[bytes, ...] = ()  # one of these starts the file; () = plain text


DOCUMENTS = {
    "pdf": Kind((".pdf",), "application/pdf", (b"%PDF-",)),
    "png": Kind((".png",), "image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpeg": Kind((".jpg", ".jpeg"), "image/jpeg", (b"\xff\xd8\xff",)),
    "docx": Kind(
        (".docx",),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (ZIP,),
    ),
    "xlsx": Kind(
        (".xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (ZIP,)
    ),
    "pptx": Kind(
        (".pptx",),
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        (ZIP,),
    ),
    "odt": Kind((".odt",), "application/vnd.oasis.opendocument.text", (ZIP,)),
    "ods": Kind((".ods",), "application/vnd.oasis.opendocument.spreadsheet", (ZIP,)),
    "txt": Kind((".txt",), "text/plain"),
    "csv": Kind((".csv",), "text/csv"),
}


def allowed_extensions(kinds=DOCUMENTS) -> str:
    return ", ".join(ext for kind in kinds.values() for ext in kind.extensions)


def check_upload(upload, *, max_bytes: int, kinds=DOCUMENTS, field: str = "file") -> Kind:
    """The upload's kind, or a DomainError at `field` saying what is wrong with it."""
    name = PurePath(upload.name or "").name
    if not name or upload.size == 0:
        raise DomainError(_("The file is empty."), field=field)
    if upload.size > max_bytes:
        raise DomainError(
            _("The file is too large: at most %(mb)d MB.") % {"mb": max_bytes // (1024 * 1024)},
            field=field,
        )
    extension = PurePath(name).suffix.lower()
    kind = next((k for k in kinds.values() if extension in k.extensions), None)
    if kind is None:
        raise DomainError(
            _("Files of this type cannot be uploaded. Allowed: %(types)s.")
            % {"types": allowed_extensions(kinds)},
            field=field,
        )
    upload.seek(0)
    head = upload.read(4096)
    upload.seek(0)
    if kind.magic:
        fits = any(head.startswith(magic) for magic in kind.magic)
    else:
        fits = b"\x00" not in head and _is_text(head)
    if not fits:
        raise DomainError(
            _("The file's content does not match its name (%(name)s).") % {"name": name},
            field=field,
        )
    return kind


def _is_text(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is still text.
        return error.start >= len(head) - 3
    return True
