"""Stored files sent back as downloads."""

from django.http import HttpResponse
from django.utils.http import content_disposition_header


def attachment(field_file, *, name: str, content_type: str) -> HttpResponse:
    """The stored file as an attachment, never shown inline. Read whole (uploads and reports
    are size-limited), so the file is closed before the response leaves."""
    with field_file.open("rb") as handle:
        content = handle.read()
    response = HttpResponse(content, content_type=content_type or "application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
