"""Fill Danish translations from JSON files into the catalogue.

    python scripts/translate.py [--overwrite] var/translations/*.json

Each JSON file maps an English msgid to its Danish msgstr (a list of two strings for a
plural entry: singular, plural). Run makemessages first (see tests/test_translations.py); the
given translations fill empty or fuzzy entries and leave translated ones as they are (with
--overwrite they replace translated ones too: for corrections). Prints the msgids still
untranslated.
"""

import json
import re
import sys
from pathlib import Path

PO = (
    Path(__file__).resolve().parent.parent
    / "skanse"
    / "locale"
    / "da"
    / "LC_MESSAGES"
    / "django.po"
)
KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$')


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def parse(lines: list[str]) -> dict[str, str]:
    fields: dict[str, str] = {}
    current = None
    for line in lines:
        match = KEYWORD.match(line)
        if match:
            current = match.group(1)
            fields[current] = json.loads(match.group(2))
        elif line.startswith('"') and current:
            fields[current] += json.loads(line)
    return fields


def main(paths: list[str], overwrite: bool = False) -> None:
    translations: dict = {}
    for path in paths:
        translations.update(json.loads(Path(path).read_text(encoding="utf-8")))
    blocks = PO.read_text(encoding="utf-8").split("\n\n")
    missing = []
    for index, block in enumerate(blocks):
        lines = block.splitlines()
        fields = parse(lines)
        msgid = fields.get("msgid")
        if not msgid or any(line.startswith("#~") for line in lines):
            continue
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        strings = [v for k, v in fields.items() if k.startswith("msgstr")]
        if all(strings) and not fuzzy and not (overwrite and msgid in translations):
            continue
        if msgid not in translations:
            missing.append(msgid)
            continue
        value = translations[msgid]
        kept = []
        for line in lines:
            if line.startswith("msgstr"):
                break
            if line.startswith("#|"):
                continue
            if line.startswith("#,"):
                flags = [f.strip() for f in line[2:].split(",") if f.strip() != "fuzzy"]
                if not flags:
                    continue
                line = "#, " + ", ".join(flags)
            kept.append(line)
        if "msgid_plural" in fields:
            kept += [f"msgstr[{i}] " + quote(v) for i, v in enumerate(value)]
        else:
            kept.append("msgstr " + quote(value))
        blocks[index] = "\n".join(kept)
    PO.write_text("\n\n".join(blocks), encoding="utf-8")
    for msgid in missing:
        print("untranslated:", msgid)


if __name__ == "__main__":
    arguments = sys.argv[1:]
    main([a for a in arguments if a != "--overwrite"], overwrite="--overwrite" in arguments)
