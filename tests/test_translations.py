"""The Danish catalogue is complete and current: "Danish first, English complete".

When a test here fails, regenerate the catalogues and translate what is new:

    cd skanse && SKANSE_DEMO=true ../.venv/bin/python -m django makemessages \\
        -l da -l en --ignore 'static/*' --no-location

then fill every empty msgstr in skanse/locale/da/LC_MESSAGES/django.po, remove `#, fuzzy`
flags, and keep the placeholders. The English catalogue keeps empty msgstrs: English falls
back to the msgid.
"""

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.management import call_command

SKANSE_DIR = Path(__file__).resolve().parent.parent / "skanse"
LOCALE_DIR = SKANSE_DIR / "locale"
DANISH_PO = LOCALE_DIR / "da" / "LC_MESSAGES" / "django.po"
ENGLISH_PO = LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po"
HOW_TO_FIX = "Run makemessages and translate (see the docstring of tests/test_translations.py)."


# --- A small .po parser (the standard library has none, and we add no dependency) ----------


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)  # index 0 for a non-plural entry
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> tuple[str | None, str, str | None]:
        return (self.msgctxt, self.msgid, self.msgid_plural)

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    def __str__(self) -> str:
        context = f" (context {self.msgctxt!r})" if self.msgctxt is not None else ""
        return repr(self.msgid) + context


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b"}
_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+"(.*)"\s*$')
_CONTINUATION = re.compile(r'^"(.*)"\s*$')


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), text)


def parse_po(path: Path) -> list[Entry]:
    """Return the entries of a .po file, header included, obsolete (`#~`) entries left out."""
    entries: list[Entry] = []
    entry = Entry()
    seen_keyword = False
    target: tuple[str, int] | None = None

    def finish() -> None:
        nonlocal entry, seen_keyword, target
        if seen_keyword:
            entries.append(entry)
        entry, seen_keyword, target = Entry(), False, None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
        elif line.startswith("#~"):
            continue
        elif line.startswith("#,"):
            if seen_keyword:  # a flag line opens the next entry
                finish()
            entry.flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
        elif line.startswith("#"):
            if seen_keyword:
                finish()
        elif match := _KEYWORD.match(line):
            keyword, index, text = match.groups()
            if keyword in ("msgctxt", "msgid") and (
                seen_keyword and (keyword == "msgctxt" or entry.msgstr)
            ):
                finish()  # entries not separated by a blank line
            seen_keyword = True
            text = _unescape(text)
            if keyword.startswith("msgstr"):
                target = ("msgstr", int(index or 0))
                entry.msgstr[target[1]] = text
            else:
                target = (keyword, 0)
                setattr(entry, keyword, text)
        elif (match := _CONTINUATION.match(line)) and target is not None:
            text = _unescape(match.group(1))
            if target[0] == "msgstr":
                entry.msgstr[target[1]] += text
            else:
                setattr(entry, target[0], getattr(entry, target[0]) + text)
        else:
            raise ValueError(f"{path}:{number}: cannot parse {raw!r}")
    finish()
    return entries


def _listing(entries) -> str:
    return "\n".join(f"  {entry}" for entry in entries)


# --- The checks ----------------------------------------------------------------------------


def test_danish_catalogue_has_every_msgstr_and_nothing_fuzzy():
    entries = parse_po(DANISH_PO)
    assert len(entries) > 1, f"{DANISH_PO} has no messages"
    fuzzy = [entry for entry in entries if "fuzzy" in entry.flags]
    untranslated = [
        entry
        for entry in entries
        if not entry.is_header
        and (
            not entry.msgstr
            or any(not text.strip() for text in entry.msgstr.values())
            or (entry.msgid_plural is not None and len(entry.msgstr) < 2)
        )
    ]
    problems = []
    if untranslated:
        problems.append(f"{len(untranslated)} without a Danish text:\n{_listing(untranslated)}")
    if fuzzy:
        problems.append(f"{len(fuzzy)} marked fuzzy:\n" + _listing(fuzzy))
    assert not problems, f"{DANISH_PO}:\n" + "\n".join(problems) + "\n" + HOW_TO_FIX


_PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\{\s*\w+\s*\}\}")


def test_danish_texts_keep_the_placeholders():
    wrong = []
    for entry in parse_po(DANISH_PO):
        if entry.is_header:
            continue
        for index, text in entry.msgstr.items():
            source = entry.msgid if index == 0 or entry.msgid_plural is None else entry.msgid_plural
            expected = sorted(_PLACEHOLDER.findall(source))
            found = sorted(_PLACEHOLDER.findall(text))
            if text and found != expected:
                wrong.append(f"  {entry} [{index}]: expected {expected}, found {found}")
    assert not wrong, "Danish texts whose placeholders differ from the English:\n" + "\n".join(
        wrong
    )


def test_english_catalogue_has_nothing_fuzzy():
    fuzzy = [entry for entry in parse_po(ENGLISH_PO) if "fuzzy" in entry.flags]
    assert not fuzzy, f"{ENGLISH_PO} has fuzzy entries:\n{_listing(fuzzy)}\n{HOW_TO_FIX}"


def _copy_ignoring(directory: str, names: list[str]) -> set[str]:
    ignored = {name for name in names if name == "__pycache__" or name.endswith((".pyc", ".mo"))}
    if Path(directory).resolve() == SKANSE_DIR:
        # The vendored static files are not scanned (`--ignore 'static/*'`); the catalogues
        # are regenerated from scratch in the copy.
        ignored |= {"static", "locale"} & set(names)
    return ignored


def test_danish_catalogue_is_up_to_date(tmp_path, monkeypatch, settings):
    """makemessages on a copy of the source finds no msgid the committed catalogue lacks."""
    if shutil.which("xgettext") is None:
        pytest.fail("xgettext is needed to check the catalogue (Debian package: gettext).")
    source = tmp_path / "skanse"
    shutil.copytree(SKANSE_DIR, source, ignore=_copy_ignoring)
    (source / "locale").mkdir()
    # makemessages writes to LOCALE_PATHS as well as to ./locale: keep it off the real one.
    settings.LOCALE_PATHS = []
    monkeypatch.chdir(source)
    call_command(
        "makemessages",
        locale=["da"],
        ignore_patterns=["static/*"],
        no_location=True,
        verbosity=0,
    )
    generated = parse_po(source / "locale" / "da" / "LC_MESSAGES" / "django.po")
    committed = {entry.key for entry in parse_po(DANISH_PO)}
    missing = [entry for entry in generated if not entry.is_header and entry.key not in committed]
    assert len(generated) > 1, "makemessages found no messages in the copy of the source"
    assert not missing, (
        f"{len(missing)} msgids in the source are not in {DANISH_PO}:\n"
        f"{_listing(missing)}\n{HOW_TO_FIX}"
    )
