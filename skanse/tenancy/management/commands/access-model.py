from django.core.management.base import BaseCommand
from django.utils import translation

from skanse.tenancy.roles import access_model_table


class Command(BaseCommand):
    help = "Print the role × capability table for docs/access-model.md."

    def handle(self, *args, **options):
        with translation.override("en"):
            self.stdout.write(access_model_table(), ending="")
