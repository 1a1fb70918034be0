import time

from django.core.management.base import BaseCommand, CommandError
from django_scopes import scopes_disabled

from skanse.breaches.demo import generate_breaches
from skanse.campaigns.demo import load_campaign_demo
from skanse.design.demo import generate_design_national
from skanse.dpia.demo import generate_dpia_national
from skanse.inventory.demo import generate_inventory
from skanse.privacy.demo import generate_privacy_national
from skanse.tenancy.demo import generate_national
from skanse.tenancy.models import Organisation


class Command(BaseCommand):
    help = (
        "Generate demo data at national scale: all 98 municipalities and 5 regions, their "
        "campaign answers and (unless --no-registers) their GDPR registers, DPIAs, Art. 25 "
        "assessments and breach logs."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=["national"], default="national")
        parser.add_argument("--members-per-role", type=int, default=1)
        parser.add_argument(
            "--no-registers",
            action="store_true",
            help="Leave out the IT systems, suppliers and records of processing.",
        )

    def handle(self, *args, scale, members_per_role, no_registers, **options):
        if not 1 <= members_per_role <= 50:
            raise CommandError("--members-per-role must be between 1 and 50.")
        start = time.perf_counter()
        created = generate_national(members_per_role)
        campaigns = load_campaign_demo()
        self.stdout.write(
            f"{created} new memberships; {len(campaigns)} campaigns answered by all 98 "
            f"municipalities ({time.perf_counter() - start:.1f} s)."
        )
        if not no_registers:
            with scopes_disabled():
                municipalities = list(Organisation.objects.filter(kind="municipality"))
            filled = sum(generate_inventory(m) for m in municipalities)
            self.stdout.write(f"IT systems and suppliers for {filled} municipalities.")
            filled = generate_privacy_national()
            self.stdout.write(f"Records of processing for {filled} municipalities.")
            filled = generate_dpia_national()
            self.stdout.write(f"DPIAs for {filled} municipalities.")
            filled = generate_design_national()
            self.stdout.write(f"Art. 25 assessments for {filled} municipalities.")
            breaches = sum(generate_breaches(m, 12) for m in municipalities)
            self.stdout.write(f"{breaches} personal data breaches.")
        self.stdout.write(
            self.style.SUCCESS(f"National scale ({scale}) in {time.perf_counter() - start:.1f} s.")
        )
