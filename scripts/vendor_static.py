"""Copy the front-end files Skanse serves from node_modules into skanse/static/vendor.

Only what the pages use is copied (one DKFDS theme, its fonts, icons and script; htmx), so
collectstatic stays fast and no source-map reference points at a missing file.
"""

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE = ROOT / "node_modules"
VENDOR = ROOT / "skanse" / "static" / "vendor"

FILES = {
    "dkfds/dist/css/dkfds-virkdk.min.css": "dkfds/css/dkfds-virkdk.min.css",
    "dkfds/dist/js/dkfds.min.js": "dkfds/js/dkfds.min.js",
    "dkfds/dist/LICENSE.md": "dkfds/LICENSE.md",
    "htmx.org/dist/htmx.min.js": "htmx/htmx.min.js",
}
TREES = {"dkfds/dist/fonts": "dkfds/fonts", "dkfds/dist/img": "dkfds/img"}


def strip_source_map(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if "sourceMappingURL" not in line]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    if not NODE.exists():
        raise SystemExit("node_modules is missing: run `npm ci` first.")
    for source, target in FILES.items():
        destination = VENDOR / target
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(NODE / source, destination)
        if destination.suffix in {".js", ".css"}:
            strip_source_map(destination)
    for source, target in TREES.items():
        shutil.copytree(NODE / source, VENDOR / target, dirs_exist_ok=True)


if __name__ == "__main__":
    main()
