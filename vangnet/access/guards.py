"""View guards: fetch a record only if the user may see it, and log the access.

One guarded fetch for every personal-data record (``fetch``), driven by a
registry of kinds (``KINDS``): which model, which visibility policy, which
subject goes into the access log. Views never fetch personal data themselves
(tests/access/test_architecture.py checks that), so no view can forget the
rule or the log row:

- not visible (or not there): 404, the existence of a record is itself
  sensitive;
- visible, but the action is not allowed (``allow``): 403;
- one access-log row either way: the read/write row on success, a
  ``Action.REFUSED`` row on refusal (with the id that was asked for).

``role_required`` and the PermissionDenied middleware
(``vangnet.access.middleware``) write the REFUSED row for role checks, through
the same ``log_refusal``; a request is logged as refused at most once.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, wraps
from types import SimpleNamespace
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.http import Http404

from vangnet.audit.models import AccessLog, ObjectType
from vangnet.audit.services import AuditContext, log_access

from . import policies

Action = AccessLog.Action

REASON_NOT_VISIBLE = "niet zichtbaar voor gebruiker"
REASON_NOT_ALLOWED = "handeling niet toegestaan"
REASON_WRONG_ROLE = "rol niet toegestaan"
REASON_BREAK_GLASS_NO_WORK = "noodtoegang is alleen voor inzage"
_REFUSED_FLAG = "_vangnet_refusal_logged"


@dataclass(frozen=True)
class Kind:
    """One kind of personal-data record the views fetch."""

    name: ObjectType  # also the object_type of its access-log rows
    model: str  # "app_label.ModelName"
    basis: Callable  # (user, obj) -> basis text or None: the visibility policy
    subject: Callable = lambda obj: {}  # obj -> log_access(person=/casus=/melding=)
    id_field: str = ""  # "person", "casus" or "melding": where a refused id goes (else: detail)
    select_related: tuple = ()
    prefetch_related: tuple = ()
    label: Callable | None = None  # obj -> text put before the detail (e.g. a reference)
    # (queryset, user) -> queryset: what the policy asks about the user, in the fetch's own query
    for_user: Callable | None = None

    def queryset(self):
        qs = apps.get_model(self.model).objects.all()
        if self.select_related:
            qs = qs.select_related(*self.select_related)
        if self.prefetch_related:
            qs = qs.prefetch_related(*self.prefetch_related)
        return qs


def _call(module: str, name: str):
    """A policy function looked up when called (the apps' policies import their models)."""

    def call(*args, **kwargs):
        from importlib import import_module

        return getattr(import_module(module), name)(*args, **kwargs)

    return call


def _follow_up_basis(user, follow_up):
    return policies.casus_access_basis(user, follow_up.referral.casus, include_break_glass=False)


def _regie_action_basis(user, action):
    from vangnet.procesregie import policies as regie

    if not policies.is_active_worker(user):
        return None
    if action.escalation.procesregisseur_id == user.pk:
        return regie.BASIS_REGISSEUR
    if user.organisation_id == action.organisation_id:
        return regie.BASIS_AAN_ZET
    return None


def _agenda_item_basis(user, item):
    from vangnet.overleg import policies as overleg

    return overleg.meeting_access_basis(user, item.meeting)


def _meeting_action_basis(user, action):
    from vangnet.overleg import policies as overleg

    if overleg.meeting_access_basis(user, action.item.meeting) is None:
        return None
    return overleg.item_access_basis(user, action.item)


def _duplicate_basis(user, candidate):
    return policies.BASIS_REVIEW if policies.visible_open_duplicates(user).filter(pk=candidate.pk).exists() else None


def _item_subject(item):
    return {"casus": item.casus, "melding": item.melding}


@cache
def kinds() -> dict[str, Kind]:
    """The registry: every personal-data record a view can ask for by id."""
    registry = [
        Kind(
            ObjectType.CASUS,
            "cases.Casus",
            policies.casus_access_basis,
            lambda o: {"casus": o},
            "casus",
            select_related=("person", "organisation", "team", "casusregisseur"),
            for_user=policies.with_membership,
        ),
        Kind(
            ObjectType.MELDING,
            "intake.Melding",
            policies.melding_access_basis,
            lambda o: {"melding": o},
            "melding",
            select_related=("person", "casus", "meldpunt", "gemeente"),
        ),
        Kind(ObjectType.PERSOON, "persons.Person", policies.person_access_basis, lambda o: {"person": o}, "person"),
        # issue 12: a contact attempt or note is corrected on its own page; seen with its casus.
        Kind(
            ObjectType.CONTACTPOGING,
            "cases.ContactAttempt",
            lambda user, o: policies.casus_access_basis(user, o.casus),
            lambda o: {"casus": o.casus},
            select_related=("casus__person", "casus__organisation", "created_by"),
            prefetch_related=("workers",),
        ),
        Kind(
            ObjectType.NOTITIE,
            "cases.CaseNote",
            lambda user, o: policies.casus_access_basis(user, o.casus),
            lambda o: {"casus": o.casus},
            select_related=("casus__person", "casus__organisation", "author"),
        ),
        Kind(
            ObjectType.VERWIJZING,
            "network.Referral",
            _call("vangnet.network.policies", "referral_access_basis"),
            lambda o: {"casus": o.casus},
            select_related=("casus__person", "service__organisation", "proposed_by"),
        ),
        Kind(
            ObjectType.VINGER_AAN_DE_POLS,
            "network.FollowUp",
            _follow_up_basis,
            lambda o: {"casus": o.referral.casus},
            select_related=("referral__casus__person", "referral__service__organisation"),
        ),
        Kind(
            ObjectType.PROCESREGIE,
            "procesregie.Escalation",
            _call("vangnet.procesregie.policies", "escalation_access_basis"),
            lambda o: {"casus": o.casus},
            select_related=("casus__person", "casus__organisation", "procesregisseur"),
        ),
        Kind(
            ObjectType.PROCESREGIE_ACTIE,
            "procesregie.Action",
            _regie_action_basis,
            lambda o: {"casus": o.escalation.casus},
            select_related=("escalation__casus",),
        ),
        Kind(
            ObjectType.OVERLEG,
            "overleg.Meeting",
            _call("vangnet.overleg.policies", "meeting_access_basis"),
            select_related=("organisation",),
        ),
        Kind(
            ObjectType.AGENDAPUNT,
            "overleg.AgendaItem",
            _agenda_item_basis,
            _item_subject,
            select_related=("meeting", "casus__person", "melding__person"),
        ),
        Kind(
            ObjectType.OVERLEG_ACTIEPUNT,
            "overleg.ActionItem",
            _meeting_action_basis,
            lambda o: _item_subject(o.item),
            select_related=("item__meeting", "item__casus", "item__melding"),
        ),
        Kind(
            ObjectType.WVGGZ_ONDERZOEK,
            "wvggz.Onderzoek",
            _call("vangnet.wvggz.policies", "onderzoek_access_basis"),
            lambda o: {"melding": o.melding},
            select_related=("melding", "melding__person", "organisation", "questionnaire", "casus"),
            prefetch_related=("worker_rows__user",),
            label=lambda o: f"{o.reference}: ",
        ),
        # issue 15: a life-domain picture is corrected on its own page; seen with its casus.
        Kind(
            ObjectType.LEEFGEBIEDENBEELD,
            "leefgebieden.Assessment",
            _call("vangnet.leefgebieden.policies", "assessment_basis"),
            lambda o: {"casus": o.casus},
            select_related=("casus__person", "casus__organisation"),
            prefetch_related=("scores",),
        ),
        # issue 15 part 6: a waiting-list entry gets its placement on the casus' means page.
        Kind(
            ObjectType.WACHTLIJST,
            "middelen.Wachtlijst",
            _call("vangnet.middelen.policies", "wachtlijst_basis"),
            lambda o: {"casus": o.casus},
            select_related=("casus__person", "casus__organisation"),
        ),
        # issue 15 part 4: a crisis episode gets its feedback on its own page; seen with its casus.
        Kind(
            ObjectType.CRISISEPISODE,
            "crisis.CrisisEpisode",
            _call("vangnet.crisis.policies", "episode_basis"),
            lambda o: {"casus": o.casus},
            select_related=("casus__person", "casus__organisation", "recorded_by"),
        ),
        # issue 15 part 2: the plan van aanpak; an action is also seen by its partner organisation.
        Kind(
            ObjectType.PLAN_DOEL,
            "plannen.Goal",
            _call("vangnet.plannen.policies", "goal_basis"),
            lambda o: {"casus": o.casus},
            select_related=("casus__person", "casus__organisation"),
        ),
        Kind(
            ObjectType.PLAN_ACTIE,
            "plannen.Action",
            _call("vangnet.plannen.policies", "action_basis"),
            lambda o: {"casus": o.goal.casus},
            select_related=("goal__casus__person", "goal__casus__organisation", "owner_user", "owner_organisation"),
        ),
        # issue 15 part 5: a naaste belongs to the person; seen with a casus of the person.
        Kind(
            ObjectType.NAASTE,
            "naasten.Naaste",
            _call("vangnet.naasten.policies", "naaste_basis"),
            lambda o: {"person": o.person},
            select_related=("person",),
        ),
        # issue 16 part 5: a request of the betrokkene; seen by the organisation it was made to.
        Kind(
            ObjectType.VERZOEK,
            "verzoeken.Verzoek",
            _call("vangnet.verzoeken.policies", "verzoek_basis"),
            lambda o: {"person": o.person},
            select_related=("person", "organisation", "registered_by", "decided_by"),
            label=lambda o: f"{o.reference}: ",
        ),
        # issue 16 part 4: an inzage belongs to the person; seen by the teamleiders of its organisation.
        Kind(
            ObjectType.INZAGE,
            "inzage.Inzage",
            _call("vangnet.inzage.policies", "inzage_object_basis"),
            lambda o: {"person": o.person},
            select_related=("person", "organisation", "started_by", "released_by"),
        ),
        # issue 16 part 2: a consent or objection is withdrawn by id; seen with its person.
        Kind(
            ObjectType.TOESTEMMING,
            "grondslagen.Toestemming",
            _call("vangnet.grondslagen.policies", "toestemming_basis"),
            lambda o: {"person": o.person},
            select_related=("person", "organisation"),
        ),
        # issue 16 part 2: a share against the person's wishes, reviewed by the teamleider.
        Kind(
            ObjectType.AFWIJKING,
            "grondslagen.Afwijking",
            _call("vangnet.grondslagen.policies", "afwijking_basis"),
            lambda o: {"person": o.person, "casus": o.casus},
            select_related=("person", "casus", "by", "organisation"),
        ),
        Kind(
            ObjectType.DUBBELE_PERSOON,
            "persons.DuplicateCandidate",
            _duplicate_basis,
            select_related=("person_a", "person_b"),
        ),
        Kind(
            ObjectType.NOODTOEGANG,
            "access.BreakGlassGrant",
            _call("vangnet.access.services", "grant_review_basis"),
            lambda o: {"person": o.person},
            select_related=("user", "person", "reviewed_by"),
        ),
        # issue 16 part 3: a hold (bewaren wegens lopende procedure), lifted on its own page.
        Kind(
            ObjectType.BEWAARBLOKKADE,
            "bewaren.Hold",
            _call("vangnet.bewaren.policies", "hold_access_basis"),
            _hold_subject,
            select_related=("person", "melding", "casus", "placed_by"),
        ),
    ]
    return {kind.name: kind for kind in registry}


def _hold_subject(hold: Any) -> dict:
    if hold.casus_id:
        return {"casus": hold.casus}
    if hold.melding_id:
        return {"melding": hold.melding}
    return {"person": hold.person}


def personal_data_models() -> set[str]:
    """ "app_label.Model" of every registered kind (for the architecture test)."""
    return {kind.model for kind in kinds().values()}


# --- refusals ----------------------------------------------------------------


def _http_request(request):
    return getattr(request, "_request", request)  # a DRF Request wraps the HttpRequest


def refusal_logged(request) -> bool:
    return getattr(_http_request(request), _REFUSED_FLAG, False)


def log_refusal(
    request,
    *,
    object_type: str,
    object_id="",
    id_field: str = "",
    detail: str = "",
    reason: str = "",
    obj=None,
    subject: dict | None = None,
) -> AccessLog | None:
    """Write the one REFUSED row of this request (a second call writes nothing) and
    look for a burst of refusals by the same user. ``subject``: the casus/melding/
    person the refused record belongs to, so the attempt shows in their access log."""
    if request is None or refusal_logged(request):
        return None
    setattr(_http_request(request), _REFUSED_FLAG, True)
    subject = dict(subject or {})
    if id_field and object_id not in ("", None):
        # The record itself when it exists (so its person is on record too), else just the id asked for.
        stub = SimpleNamespace(pk=object_id, person=None)
        subject = {id_field: obj if obj is not None else stub}
    elif object_id not in ("", None):
        detail = f"{object_type} {object_id}: {detail}" if detail else f"{object_type} {object_id}"
    row = log_access(request, Action.REFUSED, object_type=object_type, detail=detail, reason=reason, **subject)
    from .services import check_refusal_burst

    check_refusal_burst(getattr(request, "user", None), context=AuditContext.from_request(request))
    return row


def refuse(request, kind: str, pk, *, status: int = 404, detail: str = "", reason: str = "", obj=None):
    """Log the refusal of ``kind`` ``pk`` and answer 404 (not visible) or 403 (not allowed)."""
    k = kinds()[kind]
    log_refusal(
        request,
        object_type=k.name,
        object_id=pk,
        id_field=k.id_field,
        detail=detail,
        reason=reason or (REASON_NOT_ALLOWED if status == 403 else REASON_NOT_VISIBLE),
        obj=obj,
        subject=k.subject(obj) if obj is not None and not k.id_field else None,
    )
    if status == 403:
        raise PermissionDenied
    raise Http404


def _asked_for(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return request.path[:200]
    args = ", ".join(f"{k}={v}" for k, v in sorted(match.kwargs.items()))
    return f"{match.view_name}({args})" if args else match.view_name


def log_role_refusal(request, reason: str = REASON_WRONG_ROLE) -> AccessLog | None:
    """The REFUSED row of a 403 that is not about one record (a role check, a page)."""
    return log_refusal(request, object_type=ObjectType.PAGINA, detail=_asked_for(request), reason=reason)


# --- the guarded fetch ---------------------------------------------------------


MAX_PK = 2**63 - 1  # the largest id a database column holds (SQLite raises OverflowError above it)


def _as_pk(pk):
    """The id as a number, or None for anything no record can have (then: 404)."""
    try:
        key = int(pk)
    except (TypeError, ValueError):
        return None
    return key if 0 < key <= MAX_PK else None


def fetch(
    request,
    kind: str,
    pk,
    *,
    action=Action.READ,
    policy: Callable | None = None,
    allow: Callable | None = None,
    allow_break_glass: bool = True,
    detail: str = "",
    queryset=None,
    object_type: ObjectType | None = None,
):
    """The ``kind`` record ``pk`` and the basis of access, with its access-log row.

    ``policy`` replaces the kind's visibility policy (e.g. a summary or a
    review basis); ``allow(user, obj)`` decides whether the action is allowed
    on a visible record; ``allow_break_glass=False`` refuses work on a record
    that is only visible through break-the-glass; ``queryset`` narrows where
    the record is looked for (not there: 404)."""
    k = kinds()[kind]
    user = request.user
    key = _as_pk(pk)
    qs = queryset if queryset is not None else k.queryset()
    if k.for_user is not None and user.is_authenticated:
        qs = k.for_user(qs, user)
    obj = qs.filter(pk=key).first() if key is not None else None
    basis = (policy or k.basis)(user, obj) if obj is not None else None
    if basis is None:
        refuse(request, kind, pk, status=404, detail=detail, obj=obj)
    if not allow_break_glass and basis == policies.BASIS_BREAK_GLASS:
        refuse(request, kind, pk, status=403, detail=detail, reason=REASON_BREAK_GLASS_NO_WORK, obj=obj)
    if allow is not None and not allow(user, obj):
        refuse(request, kind, pk, status=403, detail=detail, obj=obj)
    log_access(
        request,
        action,
        object_type=object_type or k.name,
        detail=(k.label(obj) if k.label else "") + detail,
        reason=basis,
        break_glass=basis == policies.BASIS_BREAK_GLASS,
        **k.subject(obj),
    )
    return obj, basis


def role_required(*roles):
    """Only users with one of ``roles`` (and an organisation) get in; others get 403
    and a REFUSED row."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                from django.contrib.auth.views import redirect_to_login

                return redirect_to_login(request.get_full_path())
            if user.role not in roles or not policies.is_active_worker(user):
                log_role_refusal(request)
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


# Thin wrappers, kept for the views and tests that name the kind in the function.


def get_casus(request, pk, *, action=Action.READ, detail="", queryset=None, allow=None):
    return fetch(request, "casus", pk, action=action, detail=detail, queryset=queryset, allow=allow)


def get_melding(request, pk, *, action=Action.READ, detail="", queryset=None, allow=None):
    return fetch(request, "melding", pk, action=action, detail=detail, queryset=queryset, allow=allow)


def get_person(request, pk, *, action=Action.READ, detail="", queryset=None, allow=None):
    return fetch(request, "persoon", pk, action=action, detail=detail, queryset=queryset, allow=allow)
