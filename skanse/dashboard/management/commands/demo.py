from django.core.management.base import BaseCommand

from skanse.tenancy.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Load the demo people and content (idempotent) and print the demo logins."

    def handle(self, *args, **options):
        logins = load_demo()
        self.stdout.write(self.style.SUCCESS("Skanse demo data is ready."))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        width = max(len(email) for email, _org, _role in logins)
        for email, org, role in logins:
            self.stdout.write(f"  {email.ljust(width)}  {org} — {role}")
