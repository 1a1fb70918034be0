from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, no_translations

from skanse.privacy.commons_kinds import MAX_FILE_BYTES, ImportProblem, import_ropa_templates
from skanse.tenancy.models import Organisation


class Command(BaseCommand):
    help = (
        "Import a register of model processing activities in the municipal compliance tool's "
        "JSON format (one file per activity: name, description, gdprChoices, kleMainGroups, "
        "kleGroups) as the association's published templates. All or nothing: one bad file "
        "and nothing is imported. A changed file publishes a new version of its template."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)

    @no_translations  # messages in English, without leaving the process's language changed
    def handle(self, *args, files, **options):
        contents = []
        for path in files:
            try:
                if path.stat().st_size > MAX_FILE_BYTES:
                    raise CommandError(
                        f"{path}: the file is larger than {MAX_FILE_BYTES // 1024} KB. "
                        "Nothing was imported."
                    )
                contents.append((str(path), path.read_bytes()))
            except OSError as error:
                raise CommandError(
                    f"{path}: cannot be read ({error.strerror}). Nothing was imported."
                ) from None
        coordinator = Organisation.objects.get(kind="coordinator")
        try:
            result = import_ropa_templates(contents, organisation=coordinator, via="cli")
        except ImportProblem as problem:
            raise CommandError(f"{problem} Nothing was imported.") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(files)} files: {result.created} new templates, {result.updated} new "
                f"versions, {result.unchanged} unchanged."
            )
        )
