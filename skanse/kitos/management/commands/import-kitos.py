from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, no_translations
from django.db.models import Q
from django_scopes import scope

from skanse.kitos.importer import MAX_FILE_BYTES
from skanse.kitos.services import file_import
from skanse.tenancy.models import Organisation


class Command(BaseCommand):
    help = (
        "Import a file of KITOS API responses (JSON) into an organisation's inventory and "
        "processor agreements — for municipalities without KITOS API access. Idempotent: "
        "importing the same file again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--org", required=True, help="The organisation's official code (e.g. 751) or slug."
        )
        parser.add_argument("file", type=Path)

    @no_translations
    def handle(self, *args, org, file, **options):
        found = Organisation.objects.filter(Q(code=org) | Q(slug=org), is_active=True)
        if found.count() != 1:
            raise CommandError(f"No single active organisation with code or slug {org!r}.")
        organisation = found.get()
        try:
            if file.stat().st_size > MAX_FILE_BYTES:
                raise CommandError(f"{file}: larger than {MAX_FILE_BYTES // 1_048_576} MB.")
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(f"{file}: cannot be read ({error.strerror}).") from None
        with scope(organisation=organisation):
            try:
                run = file_import(
                    actor=None,
                    organisation=organisation,
                    content=content,
                    file_name=file.name,
                    via="cli",
                )
            except ValidationError as error:
                raise CommandError(
                    f"{file}: nothing imported. {' '.join(error.messages)}"
                ) from None
        self.stdout.write(self.style.SUCCESS(f"{file}: imported into {organisation.name}."))
        for kind, counts in run.counts.items():
            summary = ", ".join(f"{outcome} {n}" for outcome, n in counts.items())
            self.stdout.write(f"  {kind}: {summary}")
        for skip in run.skipped:
            what = "skipped" if skip["whole"] else "partly skipped"
            self.stdout.write(
                f"  {what} {skip['kind']} {skip['name'] or skip['uuid'] or '?'}: {skip['reason']}"
            )
