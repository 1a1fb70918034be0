"""The 72-hour clock of Art. 33(1), computed on the server: what to show for one breach now."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from skanse.breaches.models import Risk, Status

NOTIFY_WITHIN = datetime.timedelta(hours=72)
# `breach-alerts` warns the DPO and the security officer once when this much time is left.
ALERT_BEFORE = datetime.timedelta(hours=24)
# The states in which the clock counts; skanse/static/skanse/skanse.js ticks these on the page.
LIVE_STATES = ("running", "due_soon", "overdue")


def deadline(breach) -> datetime.datetime:
    return breach.aware_at + NOTIFY_WITHIN


def is_late(breach) -> bool:
    """Whether the authority was (or would now be) notified after the 72 hours."""
    notified = breach.authority_notified_at
    return notified is not None and notified > deadline(breach)


def duration_words(delta: datetime.timedelta) -> str:
    """“41 hours 12 minutes”, or “3 days 4 hours” for two days and more."""
    minutes = max(0, int(delta.total_seconds() // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days >= 2:
        parts = [ngettext("%(n)d day", "%(n)d days", days) % {"n": days}]
        if hours:
            parts.append(ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours})
        return " ".join(parts)
    hours += days * 24
    parts = []
    if hours:
        parts.append(ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours})
    parts.append(ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes})
    return " ".join(parts)


@dataclass(frozen=True)
class Clock:
    state: str  # running, due_soon, overdue, notified, notified_late, not_required, closed
    deadline: datetime.datetime
    words: str
    left: datetime.timedelta | None = None

    @property
    def urgent(self) -> bool:
        return self.state in ("due_soon", "overdue")

    @property
    def live(self) -> bool:
        """Whether the clock is still counting: the page's script may tick it on."""
        return self.state in LIVE_STATES

    @property
    def deadline_iso(self) -> str:
        """The deadline to the millisecond in UTC, for the script (`data-deadline`)."""
        return self.deadline.astimezone(datetime.UTC).isoformat(timespec="milliseconds")


def clock(breach, now: datetime.datetime | None = None) -> Clock:
    """What the countdown says for `breach` at `now`."""
    now = now or timezone.now()
    due = deadline(breach)
    if breach.authority_notified_at:
        taken = duration_words(breach.authority_notified_at - breach.aware_at)
        if is_late(breach):
            return Clock(
                "notified_late",
                due,
                _("Notified late, %(taken)s after awareness") % {"taken": taken},
            )
        return Clock(
            "notified", due, _("Notified in time, %(taken)s after awareness") % {"taken": taken}
        )
    if breach.risk == Risk.NONE:
        return Clock("not_required", due, _("No notification: assessed as no risk"))
    if breach.status == Status.CLOSED:
        return Clock("closed", due, _("Closed without notification"))
    left = due - now
    if left <= datetime.timedelta(0):
        return Clock(
            "overdue", due, _("Overdue by %(time)s") % {"time": duration_words(-left)}, left
        )
    state = "due_soon" if left <= ALERT_BEFORE else "running"
    return Clock(state, due, _("%(time)s left") % {"time": duration_words(left)}, left)
