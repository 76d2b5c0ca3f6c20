"""The 14-day term of the verkennend onderzoek and its traffic light.

The Wvggz counts calendar days (not workdays): the deadline is the local
(Europe/Amsterdam) date of the melding plus 14 days. Using the local date
matters around midnight and at DST changes: a melding at 00:30 in summer is
22:30 UTC the day before.

Traffic light (RAG), by whole calendar days left until the deadline:
- green: more than 7 days left (the first week after the melding);
- amber: 3 to 7 days left (from day 7, the first reminder);
- red: 2 days or fewer left, the deadline day itself, or overdue (from day
  12, the second reminder).
A decided onderzoek has no colour."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

WVGGZ_DAYS = 14
# Reminders: on these days after the melding, at REMINDER_HOUR local time.
REMINDER_DAYS = {"dag7": 7, "dag12": 12}
REMINDER_HOUR = 8

AMBER_DAYS_LEFT = 7
RED_DAYS_LEFT = 2

GREEN, AMBER, RED = "groen", "oranje", "rood"
RAG_LABELS = {GREEN: _("op schema"), AMBER: _("let op"), RED: _("dringend")}


def melding_date(received_at: datetime) -> date:
    return timezone.localdate(received_at)


def deadline_for(received_at: datetime) -> date:
    """Last day of the verkennend onderzoek: local melding date + 14 calendar days."""
    return melding_date(received_at) + timedelta(days=WVGGZ_DAYS)


def wvggz_deadline(melding) -> date:
    return deadline_for(melding.received_at)


def days_left(deadline: date, today: date | None = None) -> int:
    """Calendar days until the deadline; 0 on the deadline day, negative when overdue."""
    return (deadline - (today or timezone.localdate())).days


def rag(days: int) -> str:
    if days <= RED_DAYS_LEFT:
        return RED
    if days <= AMBER_DAYS_LEFT:
        return AMBER
    return GREEN


def reminder_moment(received_at: datetime, kind: str) -> datetime:
    """When the reminder ``kind`` is due: REMINDER_HOUR local time on day N after the melding."""
    day = melding_date(received_at) + timedelta(days=REMINDER_DAYS[kind])
    return timezone.make_aware(datetime.combine(day, time(REMINDER_HOUR)))


@dataclass
class TermState:
    deadline: date
    days_left: int
    rag: str

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def overdue_days(self) -> int:
        return max(0, -self.days_left)

    @property
    def rag_label(self):
        return RAG_LABELS[self.rag]


def term_state(deadline: date, today: date | None = None) -> TermState:
    left = days_left(deadline, today)
    return TermState(deadline=deadline, days_left=left, rag=rag(left))
