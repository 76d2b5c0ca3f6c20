"""Who may see and work on a Wvggz verkennend onderzoek.

The onderzoek holds health data of the most sensitive kind (signs of a
psychiatric disorder, a psychiatrist's judgement). Need-to-know:

- content (questionnaire, decision, request PDF, melder letter): the workers
  assigned to it (bemoeizorger, teamleider or consultant of the onderzoek's
  organisation) and the teamleider of that organisation;
- summary (reference, melding reference, deadline, days left, status, who is
  assigned, outcome without reasons): also the meldpunt staff of the
  organisation. They registered the melding and answer the melder's "is it
  being handled?", and they keep an eye on the 14-day term in the
  Wvggz-overleg. They do not need the findings or the professional's
  judgement for that, so they do not get them;
- nobody else: other bemoeizorgers and consultants of the organisation
  (unless assigned), other organisations and partners get 404 for an
  onderzoek; partners and beheerders get 403 for the Wvggz pages.

Assigning workers is the teamleider's task. Break-the-glass never opens an
onderzoek: emergency access is for identifying a person, not for reading a
psychiatric assessment.

Figures (aggregates without personal data) are for the teamleider of the
organisation only, not for the functioneel beheerder: counts per period in a
small gemeente can still point at a person, and the beheerder has no task with
the outcomes of individual investigations."""

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from vangnet.access.policies import is_active_worker
from vangnet.accounts import roles
from vangnet.accounts.models import Role, User

BASIS_WORKER = "wvggz-onderzoeker"
BASIS_TEAMLEIDER = "teamleider organisatie (wvggz)"
BASIS_MELDPUNT_SUMMARY = "meldpunt: termijnbewaking wvggz (samenvatting)"
# Lists of open onderzoeken with their 14-day term (Wvggz page, werkvoorraad).
BASIS_TERM_WATCH = "wvggz: termijnbewaking"


def _worker(user) -> bool:
    return is_active_worker(user) and user.role in roles.STAFF


def is_assigned(user, onderzoek) -> bool:
    # a list of onderzoeken may carry the answer per user already (see assigned_to)
    known = onderzoek.__dict__.get("_assigned", {})
    if user.pk in known:
        return bool(known[user.pk])
    return onderzoek.worker_rows.filter(user=user).exists()


def assigned_to(user: Any, qs: QuerySet) -> QuerySet:
    """``qs`` with ``is_assigned(user, ...)`` answered in the same query (``remember_assigned``)."""
    from .models import OnderzoekWorker

    if getattr(user, "pk", None) is None:
        return qs
    return qs.annotate(user_is_assigned=Exists(OnderzoekWorker.objects.filter(onderzoek=OuterRef("pk"), user=user)))


def remember_assigned(user: Any, onderzoek: Any) -> None:
    if hasattr(onderzoek, "user_is_assigned"):
        onderzoek.__dict__.setdefault("_assigned", {})[user.pk] = onderzoek.user_is_assigned


def onderzoek_access_basis(user, onderzoek) -> str | None:
    """Basis for reading the content of the onderzoek (None: no content)."""
    if not _worker(user) or user.organisation_id != onderzoek.organisation_id:
        return None
    if user.role == Role.TEAMLEIDER:
        return BASIS_TEAMLEIDER
    if is_assigned(user, onderzoek):
        return BASIS_WORKER
    return None


def onderzoek_summary_basis(user, onderzoek) -> str | None:
    """Basis for the summary (deadline, status, workers); content basis included."""
    basis = onderzoek_access_basis(user, onderzoek)
    if basis:
        return basis
    if _worker(user) and user.role == Role.MELDPUNT and user.organisation_id == onderzoek.organisation_id:
        return BASIS_MELDPUNT_SUMMARY
    return None


def visible_onderzoeken(user, qs: QuerySet | None = None) -> QuerySet:
    """Onderzoeken whose content the user may read."""
    from .models import Onderzoek

    qs = qs if qs is not None else Onderzoek.objects.all()
    if not _worker(user):
        return qs.none()
    cond = Q(organisation_id=user.organisation_id)
    if user.role != Role.TEAMLEIDER:
        cond &= Q(worker_rows__user=user)
    return qs.filter(pk__in=Onderzoek.objects.filter(cond).values("pk"))


def can_view_organisation_onderzoeken(user: User) -> bool:
    """The overview shows the organisation's open onderzoeken (and the link to the
    Wvggz-overleg list), not only one's own."""
    return user.role in roles.ORGANISATION_WIDE


def summary_onderzoeken(user, qs: QuerySet | None = None) -> QuerySet:
    """Onderzoeken the user may see in lists (summary level)."""
    from .models import Onderzoek

    qs = qs if qs is not None else Onderzoek.objects.all()
    if _worker(user) and user.role in roles.ORGANISATION_WIDE:
        return qs.filter(organisation_id=user.organisation_id)
    return visible_onderzoeken(user, qs)


def can_work_on_onderzoek(user, onderzoek) -> bool:
    """Answer the questionnaire, decide, record sending and informing the melder."""
    return onderzoek_access_basis(user, onderzoek) is not None


def can_assign_onderzoek(user, onderzoek) -> bool:
    return _worker(user) and user.role == Role.TEAMLEIDER and user.organisation_id == onderzoek.organisation_id


def can_view_figures(user) -> bool:
    return is_active_worker(user) and user.role == Role.TEAMLEIDER
