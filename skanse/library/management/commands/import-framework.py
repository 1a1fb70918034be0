import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, no_translations

from skanse.library.documents import LibraryError
from skanse.library.models import FrameworkVersion
from skanse.library.services import library_import


class Command(BaseCommand):
    help = (
        "Import library files: Skanse YAML/JSON, OSCAL catalogs and profiles (JSON or XML), "
        "CISO Assistant libraries. The format is detected from the content. Each file is "
        "all-or-nothing; re-importing the same version changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument(
            "--profile-base",
            default="",
            help="For an OSCAL profile: the catalog as URN or URN@VERSION.",
        )

    def _bar(self, name: str):
        interactive = sys.stderr.isatty()

        def progress(percent: int, stage: str) -> None:
            if interactive:
                filled = percent // 5
                sys.stderr.write(
                    f"\r{name}: [{'#' * filled}{'.' * (20 - filled)}] "
                    f"{percent:3d}% {stage[:30]:<30}"
                )
                sys.stderr.flush()

        return progress

    @no_translations  # messages in English, without leaving the process's language changed
    def handle(self, *args, files, profile_base, **options):
        base = None
        if profile_base:
            urn, _, version = profile_base.partition("@")
            versions = FrameworkVersion.objects.filter(
                framework__urn=urn.lower(), status="published"
            )
            base = (
                versions.filter(version=version) if version else versions.order_by("-published_at")
            ).first()
            if base is None:
                raise CommandError(f"No published framework {profile_base} in the library.")
        failed = 0
        for path in files:
            try:
                content = path.read_bytes()
            except OSError as error:
                self.stderr.write(self.style.ERROR(f"{path}: cannot be read ({error.strerror})."))
                failed += 1
                continue
            try:
                report = library_import(
                    content,
                    via="cli",
                    progress=self._bar(path.name),
                    profile_base=base,
                    file_name=path.name,
                )
            except LibraryError as error:
                self.stderr.write("\n" if sys.stderr.isatty() else "")
                self.stderr.write(self.style.ERROR(f"{path}: nothing imported. {error}"))
                failed += 1
                continue
            if sys.stderr.isatty():
                self.stderr.write("")
            summary = (
                f"{path}: {report.format}; created {len(report.created)}, "
                f"skipped {len(report.skipped)} (unchanged); "
                f"{report.requirements} requirements, {report.mappings} mappings."
            )
            self.stdout.write(self.style.SUCCESS(summary))
            for item in report.created:
                self.stdout.write(f"  created {item}")
            for item in report.skipped:
                self.stdout.write(f"  unchanged {item}")
        if failed:
            raise CommandError(f"{failed} of {len(files)} files were not imported.")
