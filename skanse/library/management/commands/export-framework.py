from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from skanse.library.exporters import FORMATS, export_version
from skanse.library.models import FrameworkVersion


class Command(BaseCommand):
    help = "Export a framework version as OSCAL catalog JSON, Skanse YAML/JSON or Excel."

    def add_arguments(self, parser):
        parser.add_argument("urn")
        parser.add_argument("--format", choices=sorted(FORMATS), default="oscal-json")
        parser.add_argument(
            "--framework-version",
            dest="framework_version",
            default="",
            help="The version; the newest published one when left out.",
        )
        parser.add_argument(
            "--output", "-o", type=Path, help="The file to write; standard output when left out."
        )

    def handle(self, *args, urn, format, framework_version, output, **options):
        versions = FrameworkVersion.objects.filter(framework__urn=urn.lower())
        version = (
            versions.filter(version=framework_version).first()
            if framework_version
            else versions.filter(status="published").order_by("-published_at").first()
        )
        if version is None:
            raise CommandError(f"No framework {urn} {framework_version} in the library.".strip())
        content, _type, _name = export_version(version, format)
        if output is None:
            if format == "xlsx":
                raise CommandError("Excel is binary: give a file with --output.")
            self.stdout.write(content.decode(), ending="")
            return
        output.write_bytes(content)
        self.stderr.write(f"Wrote {output} ({len(content)} bytes).")
