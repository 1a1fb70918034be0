from pathlib import Path

from django.core.management.base import BaseCommand

from skanse.library.services import library_import

CATALOGUES = Path(__file__).resolve().parents[2] / "catalogues"


class Command(BaseCommand):
    help = "Load the built-in catalogues (idempotent: unchanged versions are skipped)."

    def handle(self, *args, **options):
        files = sorted(CATALOGUES.glob("*.yaml"))
        # Frameworks first: mapping sets need both of their frameworks in place.
        files.sort(key=lambda path: path.name.startswith("mapping-"))
        for path in files:
            report = library_import(path.read_bytes(), via="cli", file_name=path.name)
            state = "created" if report.created else "unchanged"
            self.stdout.write(f"{path.name}: {state}")
