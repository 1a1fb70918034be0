from django.core.management.base import BaseCommand
from django.utils import timezone

from skanse.campaigns.services import due_reminders, response_remind


class Command(BaseCommand):
    help = (
        "Send the automatic campaign reminders that are due today (run it daily, e.g. from "
        "cron). Each response gets one automatic reminder when its deadline is as many days "
        "away as its campaign says."
    )

    def handle(self, *args, **options):
        due = due_reminders(timezone.localdate())
        for response in due:
            response_remind(actor=None, response=response, via="cli")
        self.stdout.write(f"{len(due)} reminders queued.")
