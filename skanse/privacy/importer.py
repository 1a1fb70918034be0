"""Import processing activities from the "Import" sheet of the record's Excel export.

All or nothing: every row goes through the same services as the interface, inside one
transaction; if any row is refused nothing is saved and every error is reported by row and
column (`Import!C7: …`). A row with an `id` updates that activity, a row without one creates
an activity. The file is checked before it is parsed: size, type, sheet, header, row count.
"""

import io
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from skanse.core.errors import DomainError
from skanse.inventory.models import ITSystem, Supplier
from skanse.privacy import services
from skanse.privacy.models import ProcessingActivity
from skanse.privacy.records import IMPORT_COLUMNS, LIST_COLUMNS, MARKER

SHEET = "Import"
MAX_ROWS = 5000
MAX_BYTES = 10 * 1024 * 1024
MAX_CELL = 10_000


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)


class ImportRefused(DomainError):
    """The import saved nothing; `errors` lists every problem found, by cell."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__(
            _("Nothing was imported: %(n)d problems were found.") % {"n": len(errors)}, "file"
        )


class _Rollback(Exception):
    pass


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value).strip()


def _open(content: bytes):
    from openpyxl import load_workbook

    if len(content) > min(MAX_BYTES, settings.LIBRARY_IMPORT_MAX_BYTES):
        raise DomainError(
            _("The file is larger than %(mb)d MB.") % {"mb": MAX_BYTES // 1_048_576}, "file"
        )
    if not content.startswith(b"PK\x03\x04"):
        raise DomainError(_("The file is not an Excel workbook (.xlsx)."), "file")
    try:
        return load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds (zip, XML, key errors) for a bad file
        raise DomainError(_("The file is not an Excel workbook (.xlsx)."), "file") from None


def read_rows(content: bytes) -> list[tuple[int, dict]]:
    """(row number, {column key: text}) for each non-empty data row of the Import sheet."""
    workbook = _open(content)
    try:
        if SHEET not in workbook.sheetnames:
            raise DomainError(
                _("The workbook has no sheet named “%(name)s”.") % {"name": SHEET}, "file"
            )
        rows = workbook[SHEET].iter_rows(max_col=len(IMPORT_COLUMNS), values_only=True)
        first = next(rows, ())
        if not first or _text(first[0]) != MARKER:
            raise DomainError(
                _("Cell %(ref)s must say “%(marker)s”: use the sheet from the export.")
                % {"ref": f"{SHEET}!A1", "marker": MARKER},
                "file",
            )
        header = [_text(v) for v in next(rows, ())]
        if tuple(header[: len(IMPORT_COLUMNS)]) != IMPORT_COLUMNS:
            raise DomainError(
                _("%(ref)s: the header row has been changed.") % {"ref": f"{SHEET}!A2"}, "file"
            )
        found = []
        for number, cells in enumerate(rows, start=3):
            if number > MAX_ROWS + 2:
                raise DomainError(
                    _("The sheet has more than %(n)d rows.") % {"n": MAX_ROWS}, "file"
                )
            values = {key: _text(v) for key, v in zip(IMPORT_COLUMNS, cells, strict=False)}
            if any(values.values()):
                found.append((number, values))
        return found
    finally:
        workbook.close()


def _ref(number: int, key: str) -> str:
    return f"{SHEET}!{get_column_letter(IMPORT_COLUMNS.index(key) + 1)}{number}"


def _names(model, organisation) -> dict[str, list]:
    by_name: dict[str, list] = {}
    for obj in model.objects.filter(organisation=organisation).only("id", "uuid", "name"):
        by_name.setdefault(obj.name.casefold(), []).append(obj.uuid)
    return by_name


def _fields(number, values, names, errors) -> dict | None:
    """The row as service arguments; None (with errors added) when it cannot be read."""
    fields = {}
    ok = True
    for key in IMPORT_COLUMNS:
        value = values.get(key, "")
        if len(value) > MAX_CELL:
            errors.append(f"{_ref(number, key)}: " + _("The text is too long."))
            ok = False
        elif key == "id":
            continue
        elif key in ("systems", "processors"):
            uuids = []
            for name in [p.strip() for p in value.split(",") if p.strip()]:
                matches = names[key].get(name.casefold(), [])
                if len(matches) != 1:
                    message = (
                        _("“%(name)s” is not in the inventory.")
                        if not matches
                        else _("“%(name)s” is in the inventory more than once.")
                    )
                    errors.append(f"{_ref(number, key)}: " + message % {"name": name})
                    ok = False
                else:
                    uuids.append(matches[0])
            fields[key] = uuids
        elif key in LIST_COLUMNS:
            fields[key] = [p.strip() for p in value.split(",") if p.strip()]
        elif key == "third_country_transfer":
            flag = value.casefold()
            if flag not in ("", "yes", "no", "ja", "nej", "true", "false", "1", "0"):
                errors.append(f"{_ref(number, key)}: " + _("Write yes or no."))
                ok = False
            fields[key] = flag in ("yes", "ja", "true", "1")
        elif key in ("status", "role") and not value:
            continue  # the defaults: active, controller
        else:
            fields[key] = value
    return fields if ok else None


def _target(number, values, organisation, errors):
    if not values.get("id"):
        return None
    try:
        key = uuid.UUID(values["id"])
    except ValueError:
        errors.append(f"{_ref(number, 'id')}: " + _("This is not an ID from the export."))
        return False
    activity = ProcessingActivity.objects.filter(organisation=organisation, uuid=key).first()
    if activity is None:
        errors.append(f"{_ref(number, 'id')}: " + _("No processing activity of yours has this ID."))
        return False
    return activity


def _messages(error: ValidationError, number: int) -> list[str]:
    found = []
    if hasattr(error, "error_dict"):
        for key, errors in error.error_dict.items():
            where = _ref(number, key) if key in IMPORT_COLUMNS else f"{SHEET}!{number}"
            found += [f"{where}: {m}" for e in errors for m in e.messages]
    else:
        found += [f"{SHEET}!{number}: {m}" for m in error.messages]
    return found


def import_file(actor, organisation, content: bytes, *, via="web") -> ImportResult:
    """Import every row or none; raises ImportRefused with all the errors."""
    rows = read_rows(content)
    if not rows:
        raise DomainError(_("The sheet has no rows to import."), "file")
    names = {
        "systems": _names(ITSystem, organisation),
        "processors": _names(Supplier, organisation),
    }
    result = ImportResult()
    try:
        with transaction.atomic():
            seen = set()
            for number, values in rows:
                fields = _fields(number, values, names, result.errors)
                target = _target(number, values, organisation, result.errors)
                if target:
                    if target.pk in seen:
                        result.errors.append(
                            f"{_ref(number, 'id')}: " + _("This ID is in the sheet twice.")
                        )
                        continue
                    seen.add(target.pk)
                if fields is None or target is False:
                    continue
                try:
                    with transaction.atomic():
                        if target is None:
                            services.processing_activity_create(
                                actor, organisation, via=via, source="excel", **fields
                            )
                            result.created += 1
                        else:
                            services.processing_activity_update(actor, target, via=via, **fields)
                            result.updated += 1
                except ValidationError as error:
                    result.errors += _messages(error, number)
            if result.errors:
                raise _Rollback
    except _Rollback:
        raise ImportRefused(result.errors) from None
    return result
