"""The "in beeld?" check: may this partner ask, is the person known, and the log.

Matching is EXACT on purpose (never the fuzzy matcher of vangnet.persons): a
partner must not learn about near-misses or other people. A person counts as
"in beeld" when they have a casus that is not closed (every phase except
"afgesloten", so also "uit beeld" and "langdurig": the team still holds the
trajectory) at any organisation that does bemoeizorg. The answer carries
nothing else: no phase, no history, no other persons."""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import date, datetime, time

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.audit.models import AccessLog
from vangnet.audit.services import AuditContext, ObjectType, audit
from vangnet.cases.models import Casus, Phase
from vangnet.core import plausible
from vangnet.core.identity import is_valid_bsn, normalise_bsn
from vangnet.grondslagen import services as grondslagen
from vangnet.persons.models import DobPrecision, Person
from vangnet.persons.services import given_key, surname_key

from .models import DailyQuestionCount, InBeeldQuestion, Method
from .policies import PERMISSION, can_ask_in_beeld  # noqa: F401  (services.PERMISSION for callers)

# Questions per user per calendar day: enough for real work, too few for fishing.
DAILY_LIMIT = 20
OBJECT_TYPE = ObjectType.IN_BEELD_VRAAG
# The access-log note when the answer is "nee" because the person objected to the asker.
OBJECTION_WITHHELD = "niet getoond: bezwaar betrokkene tegen delen met deze organisatie"


@dataclass(frozen=True)
class Answer:
    yes: bool
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    question: InBeeldQuestion | None = None


def questions_today(user, now: datetime | None = None) -> int:
    """Questions stored today (the starting value of today's counter)."""
    now = timezone.localtime(now or timezone.now())
    start = timezone.make_aware(datetime.combine(now.date(), time.min), now.tzinfo)
    return InBeeldQuestion.objects.filter(asked_by=user, asked_at__gte=start).count()


def remaining_today(user) -> int:
    row = DailyQuestionCount.objects.filter(user=user, day=timezone.localdate()).first()
    used = row.count if row else questions_today(user)
    return max(0, DAILY_LIMIT - used)


def take_question_slot(user) -> bool:
    """Count one question against today's limit; False when it is reached.

    One conditional UPDATE on the user's row for today: concurrent requests
    queue on that row lock (PostgreSQL re-checks ``count < limit`` after the
    wait; SQLite has one writer at a time), so the limit holds under load.
    Call it inside the transaction that stores the question: a rollback gives
    the slot back."""
    day = timezone.localdate()
    today = DailyQuestionCount.objects.filter(user=user, day=day)
    # The write comes first, so SQLite takes its write lock before any read (no lock upgrade).
    if today.filter(count__lt=DAILY_LIMIT).update(count=F("count") + 1):
        return True
    if today.exists():
        return False
    # The day's first question: the row starts at what is already stored (a concurrent
    # first question may insert it first; then ours is ignored and the UPDATE decides).
    DailyQuestionCount.objects.bulk_create(
        [DailyQuestionCount(user=user, day=day, count=questions_today(user))], ignore_conflicts=True
    )
    return bool(today.filter(count__lt=DAILY_LIMIT).update(count=F("count") + 1))


def _query_fingerprint(method: str, *, bsn: str = "", surname: str = "", given_names: str = "", dob=None) -> str:
    """A keyed hash of the normalised question: repeated questions about one
    person can be found without storing who was asked about."""
    if method == Method.BSN:
        text = f"bsn:{bsn}"
    else:
        text = f"naam:{surname_key(surname)}|{given_key(given_names)}|{dob.isoformat() if dob else ''}"
    return hmac.new(settings.SECRET_KEY.encode(), text.encode(), hashlib.sha256).hexdigest()


def matching_persons(*, bsn: str = "", surname: str = "", given_names: str = "", dob: date | None = None):
    """Persons that match exactly: the same valid BSN, or the same surname
    (tussenvoegsel, case, accents ignored), the same first given name (or
    roepnaam) and the same full, exact date of birth."""
    people = Person.objects.filter(is_active=True)
    if bsn:
        return list(people.filter(bsn=bsn)) if is_valid_bsn(bsn) else []
    key, first = surname_key(surname), given_key(given_names)
    if not key or not first or dob is None:
        return []
    candidates = people.filter(surname_key=key, date_of_birth=dob, dob_precision=DobPrecision.EXACT)
    return [p for p in candidates if first in {given_key(p.given_names), given_key(p.roepnaam)}]


def active_casus_for(persons) -> Casus | None:
    """The most recent casus that is not closed, at an organisation doing bemoeizorg."""
    return (
        Casus.objects.filter(person__in=persons, organisation__does_bemoeizorg=True)
        .exclude(phase=Phase.AFGESLOTEN)
        .select_related("casusregisseur")
        .order_by("-opened_at", "-pk")
        .first()
    )


def ask_in_beeld(
    *,
    by,
    context: AuditContext | None = None,
    purpose: str,
    purpose_text: str = "",
    bsn: str = "",
    surname: str = "",
    given_names: str = "",
    dob: date | None = None,
) -> Answer:
    """Answer ``by``'s question and log it twice: as an InBeeldQuestion and in the access log."""
    user = by
    if not can_ask_in_beeld(user):
        raise PermissionDenied
    if dob is not None:
        # Before the counter: a typing error must not cost one of the day's questions.
        plausible.check_birth_date(dob, field="date_of_birth")
    with transaction.atomic():
        answer = _answer_within_limit(
            user,
            context,
            purpose=purpose,
            purpose_text=purpose_text,
            bsn=bsn,
            surname=surname,
            given_names=given_names,
            dob=dob,
        )
    if answer is None:
        # Logged outside the (empty) transaction above so the refusal is kept.
        audit(
            user,
            AccessLog.Action.EXECUTE,
            context=context,
            object_type=OBJECT_TYPE,
            detail="geweigerd: daglimiet bereikt",
            reason=purpose_text or purpose,
        )
        raise ValidationError(
            _(
                "U heeft vandaag al %(limit)d keer gevraagd of iemand in beeld is. Dat is het maximum per dag; "
                "morgen kunt u weer vragen. Is het dringend, bel dan het meldpunt."
            )
            % {"limit": DAILY_LIMIT},
            code="limit",
        )
    return answer


def _answer_within_limit(user, context, *, purpose, purpose_text, bsn, surname, given_names, dob) -> Answer | None:
    """The question, its log and the counter in one transaction; None over the limit."""
    if not take_question_slot(user):
        return None
    bsn = normalise_bsn(bsn) if bsn else ""
    method = Method.BSN if bsn else Method.NAAM
    persons = matching_persons(bsn=bsn, surname=surname, given_names=given_names, dob=dob)
    casus = active_casus_for(persons) if persons else None
    # issue 16: a person who objected to sharing with the asking organisation (or its kind)
    # is not revealed: the answer is the one for an unknown person; the access log keeps why.
    withheld = casus if casus is not None and grondslagen.objects_to(casus.person, user.organisation) else None
    if withheld is not None:
        casus = None
    question = InBeeldQuestion.objects.create(
        asked_by=user,
        username=user.get_username(),
        organisation=user.organisation,
        organisation_name=str(user.organisation),
        purpose=purpose,
        purpose_text=purpose_text,
        method=method,
        query_hash=_query_fingerprint(method, bsn=bsn, surname=surname, given_names=given_names, dob=dob),
        answer_yes=casus is not None,
        person=casus.person if casus else None,
        casus=casus,
    )
    audit(
        user,
        AccessLog.Action.EXECUTE,
        context=context,
        casus=casus or withheld,
        object_type=OBJECT_TYPE,
        detail=f"in-beeldvraag {question.pk} ({method}): {'ja' if casus else 'nee'}"
        + (f"; {OBJECTION_WITHHELD}" if withheld is not None else ""),
        reason=question.purpose_display,
    )
    if casus is None:
        return Answer(yes=False, question=question)
    regisseur = casus.casusregisseur
    return Answer(
        yes=True,
        contact_name=str(regisseur),
        contact_phone=regisseur.phone,
        contact_email=regisseur.email,
        question=question,
    )


def questions_about(casus, limit: int = 10):
    """For the casus page: which partner asked about this person, and why."""
    return list(InBeeldQuestion.objects.filter(casus=casus).order_by("-asked_at")[:limit])
