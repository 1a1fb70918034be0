import time

from django.core.management.base import BaseCommand, CommandError

from skanse.campaigns.demo import load_campaign_demo
from skanse.tenancy.demo import generate_national


class Command(BaseCommand):
    help = "Generate demo data at national scale: all 98 municipalities and 5 regions."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=["national"], default="national")
        parser.add_argument("--members-per-role", type=int, default=1)

    def handle(self, *args, scale, members_per_role, **options):
        if not 1 <= members_per_role <= 50:
            raise CommandError("--members-per-role must be between 1 and 50.")
        start = time.perf_counter()
        created = generate_national(members_per_role)
        campaigns = load_campaign_demo()
        elapsed = time.perf_counter() - start
        self.stdout.write(
            self.style.SUCCESS(
                f"National scale ({scale}): {created} new memberships; {len(campaigns)} "
                f"campaigns answered by all 98 municipalities; {elapsed:.1f} s."
            )
        )
