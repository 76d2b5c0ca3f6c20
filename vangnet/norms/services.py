"""Response norms: when a melding must be triaged and a casus must have had its
first contact attempt, and which ones are past that.

Deadlines are the end of a workday in local time (see ``workdays``). The norm
lengths come from ``NormSettings.current()``, which the functioneel beheerder
edits; pass ``norms`` explicitly when computing many deadlines at once so the
settings row is read only once.

"Overdue" is an action that is still open and late:
- a melding is triage-overdue while it is still *te triëren* after its deadline;
- a casus is first-attempt-overdue while it is open, has no contact attempt at
  all and its deadline has passed. A first attempt logged after the deadline
  ends the overdue state (there is nothing left to do), but the norm stays
  missed: ``first_attempt_status`` then says ``LATE_DONE``.
"""

from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import NormSettings
from .workdays import deadline_end_of_day, local_date, start_of_day


def _norms(norms: NormSettings | None) -> NormSettings:
    return norms if norms is not None else NormSettings.current()


# --- deadlines ---------------------------------------------------------------


def triage_deadline(melding, norms: NormSettings | None = None) -> datetime:
    """End of the workday ``triage_workdays`` after the melding was received."""
    return deadline_end_of_day(melding.received_at, _norms(norms).triage_workdays)


def first_attempt_deadline(casus, norms: NormSettings | None = None) -> datetime:
    """End of the workday ``first_attempt_workdays`` after the casus was opened."""
    return deadline_end_of_day(casus.opened_at, _norms(norms).first_attempt_workdays)


# --- single records ------------------------------------------------------------


def _is_untriaged(melding) -> bool:
    from vangnet.intake.models import Melding

    return melding.status == Melding.Status.TE_TRIEREN


def is_triage_overdue(melding, now: datetime | None = None, norms: NormSettings | None = None) -> bool:
    now = now or timezone.now()
    return _is_untriaged(melding) and now > triage_deadline(melding, norms)


def _first_attempt_at(casus) -> datetime | None:
    """The first attempt's time; uses an annotation ``first_attempt_at`` when present."""
    if hasattr(casus, "first_attempt_at"):
        return casus.first_attempt_at
    first = casus.attempts.counting().order_by("at").values_list("at", flat=True).first()
    return first


class FirstAttemptStatus(StrEnum):
    ON_TIME = "op_tijd"  # first attempt within the norm
    LATE_DONE = "te_laat_gedaan"  # first attempt made, but after the deadline
    PENDING = "open"  # no attempt yet, deadline not passed
    OVERDUE = "te_laat"  # no attempt yet and the deadline has passed
    CLOSED = "afgesloten"  # closed without any attempt: nothing to do any more


FIRST_ATTEMPT_LABELS = {
    FirstAttemptStatus.ON_TIME: _("Eerste poging binnen de norm"),
    FirstAttemptStatus.LATE_DONE: _("Eerste poging na de norm gedaan"),
    FirstAttemptStatus.PENDING: _("Eerste poging nog te doen"),
    FirstAttemptStatus.OVERDUE: _("Eerste contactpoging te laat"),
    FirstAttemptStatus.CLOSED: _("Afgesloten zonder contactpoging"),
}


def first_attempt_status(casus, now: datetime | None = None, norms: NormSettings | None = None) -> FirstAttemptStatus:
    now = now or timezone.now()
    deadline = first_attempt_deadline(casus, norms)
    first_at = _first_attempt_at(casus)
    if first_at is not None:
        return FirstAttemptStatus.ON_TIME if first_at <= deadline else FirstAttemptStatus.LATE_DONE
    if not casus.is_open:
        return FirstAttemptStatus.CLOSED
    return FirstAttemptStatus.OVERDUE if now > deadline else FirstAttemptStatus.PENDING


def is_first_attempt_overdue(casus, now: datetime | None = None, norms: NormSettings | None = None) -> bool:
    return first_attempt_status(casus, now, norms) == FirstAttemptStatus.OVERDUE


# --- querysets ------------------------------------------------------------------
#
# A deadline is never earlier than the end of the local day the clock started,
# so only records that started before today (local) can be overdue: the
# database does that coarse cut, Python the exact workday arithmetic.


def overdue_triage(meldingen: QuerySet, now: datetime | None = None, norms: NormSettings | None = None) -> list:
    """The untriaged meldingen of ``meldingen`` past their triage deadline, oldest first.

    Each returned melding has ``triage_deadline`` set."""
    from vangnet.intake.models import Melding

    now = now or timezone.now()
    norms = _norms(norms)
    today_start = start_of_day(local_date(now))
    candidates = meldingen.filter(status=Melding.Status.TE_TRIEREN, received_at__lt=today_start).order_by(
        "received_at", "pk"
    )
    result = []
    for melding in candidates:
        melding.triage_deadline = triage_deadline(melding, norms)
        if now > melding.triage_deadline:
            result.append(melding)
    return result


def without_attempts(casussen: QuerySet) -> QuerySet:
    """The casussen without a counting contact attempt (a voided one does not count).

    Reads the stored ``Casus.has_contact_attempt`` (kept by ``cases.services``), so
    with the partial index ``casus_waiting_first_attempt`` the first-attempt norm is
    an index range instead of an anti-join over every open casus."""
    return casussen.filter(has_contact_attempt=False)


def overdue_first_attempt(casussen: QuerySet, now: datetime | None = None, norms: NormSettings | None = None) -> list:
    """The open casussen of ``casussen`` with no contact attempt past the deadline, oldest first.

    Each returned casus has ``first_attempt_deadline`` set."""
    from vangnet.cases.models import Phase

    now = now or timezone.now()
    norms = _norms(norms)
    today_start = start_of_day(local_date(now))
    candidates = (
        without_attempts(casussen)
        .exclude(phase=Phase.AFGESLOTEN)
        .filter(opened_at__lt=today_start)
        .order_by("opened_at", "pk")
    )
    result = []
    for casus in candidates:
        casus.first_attempt_deadline = first_attempt_deadline(casus, norms)
        if now > casus.first_attempt_deadline:
            result.append(casus)
    return result


def annotate_triage(meldingen: Iterable, now: datetime | None = None, norms: NormSettings | None = None) -> list:
    """Set ``triage_deadline`` and ``triage_overdue`` on each melding (for display)."""
    now = now or timezone.now()
    norms = _norms(norms)
    out = []
    for melding in meldingen:
        melding.triage_deadline = triage_deadline(melding, norms)
        melding.triage_overdue = _is_untriaged(melding) and now > melding.triage_deadline
        out.append(melding)
    return out
