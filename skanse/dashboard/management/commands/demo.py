from django.core.management.base import BaseCommand

from skanse.breaches.demo import load_breaches_demo
from skanse.campaigns.demo import load_campaign_demo
from skanse.commons.demo import load_commons_demo
from skanse.design.demo import load_design_demo
from skanse.dpia.demo import load_dpia_demo
from skanse.kitos.demo import load_inventory_demo
from skanse.privacy.demo import load_privacy_demo
from skanse.tenancy.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Load the demo people and content (idempotent) and print the demo logins."

    def handle(self, *args, **options):
        logins = load_demo()
        campaigns = load_campaign_demo()
        load_inventory_demo()
        load_privacy_demo()
        load_breaches_demo()
        load_commons_demo()
        load_design_demo()
        load_dpia_demo()
        self.stdout.write(
            self.style.SUCCESS(
                f"Skanse demo data is ready ({len(campaigns)} campaigns for 98 municipalities)."
            )
        )
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        width = max(len(email) for email, _org, _role in logins)
        for email, org, role in logins:
            self.stdout.write(f"  {email.ljust(width)}  {org} — {role}")
