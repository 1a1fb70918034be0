from django.core.management.base import BaseCommand

from skanse.breaches.services import breach_deadline_alert, due_deadline_alerts


class Command(BaseCommand):
    help = (
        "Alert the data protection officer and the security officer when a breach's 72-hour "
        "notification deadline is 24 hours away or less (run it often, e.g. every 15 minutes "
        "from cron). Each breach is alerted once; running it again sends nothing new."
    )

    def handle(self, *args, **options):
        sent = sum(breach_deadline_alert(breach, via="cli") for breach in due_deadline_alerts())
        self.stdout.write(f"{sent} breach alerts queued.")
