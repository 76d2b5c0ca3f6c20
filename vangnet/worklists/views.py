"""Work queues per role. Thin views: the queries and norms live in services."""

from datetime import datetime
from typing import Any, cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vangnet.access import guards, policies
from vangnet.access.guards import role_required
from vangnet.accounts import roles
from vangnet.accounts.models import User
from vangnet.audit.models import ObjectType
from vangnet.audit.services import ListRead, log_list_access
from vangnet.norms.models import NormSettings
from vangnet.norms.workdays import local_date
from vangnet.persons import policies as person_policies

from . import policies as worklist_policies
from . import services

DASHBOARD_ROWS = 5
CLOSED_PER_PAGE = 25
OPEN_PER_PAGE = 25
CASELOAD_PER_PAGE = 50
TRIAGE_PER_PAGE = 50
OVERDUE_PER_PAGE = 50  # per list on 'te laat'
FOLLOW_UP_ROWS = 10


def _user(request: HttpRequest) -> User:
    """The logged-in user (every view here is behind login_required or role_required)."""
    return cast(User, request.user)


def _log_meldingen(request: HttpRequest, meldingen: list, detail: str) -> None:
    if meldingen:
        log_list_access(request, meldingen=meldingen, detail=detail, reason=policies.BASIS_MELDPUNT)


def _log_casussen(request: HttpRequest, casussen: list, detail: str, reason: str) -> None:
    if casussen:
        log_list_access(request, casussen=casussen, detail=detail, reason=reason)


class _Reads:
    """The read rows of one page's blocks, each with its own kind, basis and detail, given
    to ``log_list_access`` once at the end. (The request's batch, AccessLogBatchMiddleware,
    also joins separate calls into one append; this keeps the blocks' rows in one place.)"""

    def __init__(self) -> None:
        self.records: list[ListRead] = []

    def meldingen(self, meldingen: list, detail: str, reason: str = policies.BASIS_MELDPUNT) -> None:
        self.records += [ListRead(ObjectType.MELDING, reason, melding=m, detail=detail) for m in meldingen]

    def casussen(self, casussen: list, detail: str, reason: str) -> None:
        self.records += [ListRead(ObjectType.CASUS, reason, casus=c, detail=detail) for c in casussen]

    def add(self, object_type: str, reason: str, detail: str, **subject: Any) -> None:
        self.records.append(ListRead(object_type, reason, detail=detail, **subject))

    def write(self, request: HttpRequest) -> None:
        if self.records:
            log_list_access(request, records=self.records)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if worklist_policies.can_view_partner_home(user):
        return _partner_home(request)
    if worklist_policies.can_view_figures_home(user):
        return render(request, "worklists/home_beleid.html")
    if worklist_policies.can_view_privacy_home(user):
        return render(request, "worklists/home_privacy.html")
    if worklist_policies.can_view_beheer_home(user):
        return render(
            request,
            "worklists/home_beheer.html",
            {
                "admin_url": services.url_or_empty("admin:index"),
                "can_manage_match_model": person_policies.can_manage_match_model(user),
            },
        )

    now, settings = services.now_and_settings()
    figures = services.staff_home_figures(user, now, settings)  # one statement; see there
    since = figures[services.PREVIOUS_VISIT]
    context: dict[str, Any] = {"now": now, "norms": settings, "row_limit": DASHBOARD_ROWS, "since": since}
    context["figures"] = figures
    context["my_open"] = services.my_open_head(user, now, settings, DASHBOARD_ROWS, since) if figures["my_open"] else []
    context["new_casussen_count"] = figures["my_new"]
    context["my_open_count"] = figures["my_open"]
    context["my_overdue_count"] = figures["my_overdue"]
    context["new_notifications_count"] = figures["new_notifications"]
    reads = _Reads()
    reads.casussen(context["my_open"], "werkvoorraad: mijn casussen", policies.BASIS_MEMBER)
    _add_wvggz(request, context, reads, figures["any_wvggz"])
    # vinger aan de pols (vangnet.network)
    follow_ups = services.follow_ups_urgent_first(user, FOLLOW_UP_ROWS) if figures["any_follow_up"] else []
    context["follow_ups"] = follow_ups
    follow_up_casussen = {fu.referral.casus_id: fu.referral.casus for fu in follow_ups}
    reads.casussen(list(follow_up_casussen.values()), "werkvoorraad: vinger aan de pols", policies.BASIS_MEMBER)

    if worklist_policies.can_view_organisation_overview(user):
        context["new_triage_count"] = figures["triage_new"]
        overdue_m_count = figures["triage_overdue"]
        shown: list = []
        overdue_m: list = []
        if figures["triage_total"]:
            shown, overdue_m = services.triage_heads(user, now, settings, DASHBOARD_ROWS, overdue_m_count)
        services.mark_new(shown, lambda m: since is not None and m.created_at > since)
        overdue_c: list = []
        overdue_c_count = 0
        if figures["any_casus_overdue"]:
            overdue_c, overdue_c_count = services.organisation_overdue_casussen_head(
                user, now, settings, DASHBOARD_ROWS
            )
        context.update(
            {
                "is_triage_role": True,
                "to_triage": shown,
                "to_triage_count": figures["triage_total"],
                "overdue_meldingen": overdue_m,
                "overdue_casussen": overdue_c,
                "overdue_meldingen_count": overdue_m_count,
                "overdue_casussen_count": overdue_c_count,
                "overdue_count": overdue_m_count + overdue_c_count,
            }
        )
        reads.meldingen(_unique(shown + context["overdue_meldingen"]), "werkvoorraad: overzicht")
        reads.casussen(context["overdue_casussen"], "werkvoorraad: te laat", policies.BASIS_ORGANISATION)
    reads.write(request)
    context["new_total"] = (
        context.get("new_triage_count", 0) + context["new_casussen_count"] + context["new_notifications_count"]
    )
    services.record_home_visit(user, now)
    return render(request, "worklists/home.html", context)


def _partner_home(request: HttpRequest) -> HttpResponse:
    """A care partner's or police officer's home: referrals to the organisation,
    procesregie actions aan zet and their own meldingen, each the first rows with a
    link to the full list; every row shown is logged as those lists log it."""
    from vangnet.intake.services import partner_status
    from vangnet.network.policies import BASIS_RECEIVING_PARTNER
    from vangnet.procesregie import policies as regie_policies
    from vangnet.procesregie.services import open_actions_aan_zet

    user = _user(request)
    now = timezone.now()
    figures = services.partner_home_figures(user)  # one statement; see there
    since = figures[services.PREVIOUS_VISIT]

    def is_new(at: datetime) -> bool:
        return since is not None and at > since

    referrals = list(services.partner_referrals(user)[:DASHBOARD_ROWS]) if figures["referrals"] else []
    services.mark_new(referrals, lambda r: is_new(r.proposed_at))
    reads = _Reads()
    for referral in referrals:  # as network:partner_inbox logs its rows
        reads.add(
            ObjectType.VERWIJZING,
            BASIS_RECEIVING_PARTNER,
            "startpagina: verwijzingen (netwerkpartner)",
            casus=referral.casus,
        )

    open_actions: list = []
    if figures.get("any_aan_zet"):  # only asked of who may see the actions aan zet
        open_actions = list(open_actions_aan_zet(user))
    today = local_date(now)
    actions = open_actions[:DASHBOARD_ROWS]
    for action in actions:
        action.overdue = action.is_overdue(today)
    new_actions = services.mark_new(open_actions, lambda a: is_new(a.assigned_at))
    for action in actions:  # as procesregie:aan_zet logs its rows
        reads.add(
            ObjectType.PROCESREGIE_ACTIE,
            regie_policies.BASIS_AAN_ZET,
            f"startpagina: actie {action.pk} aan zet",
            casus=action.escalation.casus,
        )

    meldingen = list(services.partner_meldingen(user)[:DASHBOARD_ROWS]) if figures["meldingen"] else []
    melding_rows = [{"melding": m, "status": partner_status(m)} for m in meldingen]
    # as intake:partner_list logs its rows
    reads.meldingen(meldingen, "startpagina: eigen meldingen (status)", policies.BASIS_OWN_MELDING)
    reads.write(request)

    new_referrals = figures["referrals_new"]
    new_notifications = figures["new_notifications"]
    context = {
        "since": since,
        "figures": figures,
        "referrals": referrals,
        "referral_count": figures["referrals"],
        "waiting_count": figures["referrals_waiting"],
        "new_referrals_count": new_referrals,
        "actions": actions,
        "action_count": len(open_actions),
        "overdue_action_count": sum(1 for a in open_actions if a.is_overdue(today)),
        "new_actions_count": new_actions,
        "melding_rows": melding_rows,
        "melding_count": figures["meldingen"],
        "new_notifications_count": new_notifications,
        "new_total": new_referrals + new_actions + new_notifications,
        "can_view_aan_zet": regie_policies.can_view_aan_zet(user),
    }
    services.record_home_visit(user, now)
    return render(request, "worklists/home_partner.html", context)


def _add_wvggz(request: HttpRequest, context: dict[str, Any], reads: _Reads, any_open: bool) -> None:
    """Open Wvggz onderzoeken with their 14-day term: one's own, or the organisation's
    (no query when the figures found none open)."""
    from vangnet.wvggz.policies import BASIS_TERM_WATCH
    from vangnet.wvggz.services import worklist_rows

    # Urgent melding first; the sort is stable, so the term order stays within a rank.
    open_rows = worklist_rows(_user(request)) if any_open else []
    rows = sorted(open_rows, key=lambda r: -r.onderzoek.melding.urgency_rank)
    context["wvggz_rows"] = rows[:DASHBOARD_ROWS]
    context["wvggz_count"] = len(rows)
    reads.meldingen(
        [r.onderzoek.melding for r in context["wvggz_rows"]], "werkvoorraad: wvggz-onderzoeken", BASIS_TERM_WATCH
    )


def _unique(records: list) -> list:
    seen, out = set(), []
    for record in records:
        if record.pk not in seen:
            seen.add(record.pk)
            out.append(record)
    return out


@login_required
@role_required(*roles.ORGANISATION_WIDE)
def to_triage(request: HttpRequest) -> HttpResponse:
    now, settings = services.now_and_settings()
    user = _user(request)
    counts = services.triage_counts(user, now, settings, None)
    paginator = Paginator(services.meldingen_to_triage(user), TRIAGE_PER_PAGE)
    paginator.count = counts["total"]  # counted with the overdue ones in one aggregate
    page = paginator.get_page(request.GET.get("pagina"))
    meldingen = services.triage_rows(page.object_list, now, settings)
    _log_meldingen(request, meldingen, "werkvoorraad: te triëren")
    return render(
        request,
        "worklists/to_triage.html",
        {
            "meldingen": meldingen,
            "page": page,
            "total": page.paginator.count,
            "overdue_count": counts["overdue"],
            "norms": settings,
        },
    )


@login_required
@role_required(*roles.STAFF)
def my_cases(request: HttpRequest) -> HttpResponse:
    now, settings = services.now_and_settings()
    user = _user(request)
    # Both lists page in SQL (a worker may carry hundreds): open by ?lopend=, closed by ?pagina=.
    open_page = Paginator(services.open_my_cases_order(user), OPEN_PER_PAGE).get_page(request.GET.get("lopend"))
    open_rows = services.casus_rows_for(list(open_page.object_list), now, settings)
    page = Paginator(services.closed_my_cases_order(user), CLOSED_PER_PAGE).get_page(request.GET.get("pagina"))
    closed_rows = services.casus_rows_for(list(page.object_list), now, settings)
    _log_casussen(request, open_rows + closed_rows, "werkvoorraad: mijn casussen", policies.BASIS_MEMBER)
    return render(
        request,
        "worklists/my_cases.html",
        {
            "open_cases": open_rows,
            "open_page": open_page,
            "closed_cases": closed_rows,
            "closed_page": page,
            "overdue_count": services.my_open_counts(user, now, settings, set())["overdue"],
            "norms": settings,
        },
    )


@login_required
@role_required(*roles.ORGANISATION_WIDE)
def overdue(request: HttpRequest) -> HttpResponse:
    # Paged (issue 17): at a region's size the whole list was 19,000 rows, each an
    # access-log row, in one request; 50 a page per list, urgent first as before.
    now, settings = services.now_and_settings()
    user = _user(request)
    melding_page = Paginator(services.overdue_meldingen(user, now, settings), OVERDUE_PER_PAGE).get_page(
        request.GET.get("meldingen")
    )
    casus_page = Paginator(services.organisation_overdue_casussen(user, now, settings), OVERDUE_PER_PAGE).get_page(
        request.GET.get("casussen")
    )
    meldingen = services.triage_rows(melding_page.object_list, now, settings)
    casussen = services.overdue_casus_rows(casus_page.object_list, now, settings)
    reads = _Reads()
    reads.meldingen(meldingen, "werkvoorraad: te laat")
    reads.casussen(casussen, "werkvoorraad: te laat", policies.BASIS_ORGANISATION)
    reads.write(request)
    return render(
        request,
        "worklists/overdue.html",
        {
            "meldingen": meldingen,
            "casussen": casussen,
            "melding_page": melding_page,
            "casus_page": casus_page,
            "norms": settings,
        },
    )


# --- teambelasting ------------------------------------------------------------------------


def _caseload_allowed(request: HttpRequest) -> None:
    if not worklist_policies.can_view_caseload(_user(request)):
        guards.log_role_refusal(request)
        raise PermissionDenied


@login_required
def caseload(request: HttpRequest) -> HttpResponse:
    """Per worker of the teamleider's organisation: counts only (no personal data of clients)."""
    _caseload_allowed(request)
    now = timezone.now()
    loads = services.caseload(_user(request), now)
    return render(
        request,
        "worklists/caseload.html",
        {
            "loads": loads,
            "figure": {
                "RUNNING": services.Figure.RUNNING,
                "ATTEMPTS": services.Figure.ATTEMPTS,
                "NO_CONTACT": services.Figure.NO_CONTACT,
                "FOLLOW_UP": services.Figure.FOLLOW_UP,
            },
            "no_contact_days": services.NO_CONTACT_DAYS,
            "week_start": services.week_start(now),
            "totals": _totals(loads),
        },
    )


def _totals(loads: list) -> dict:
    phases = {p: sum(load.phases[p] for load in loads) for p, _label, _n in (loads[0].phase_rows() if loads else [])}
    return {
        "running": sum(load.running for load in loads),
        "phases": phases,
        "no_contact": sum(load.no_contact for load in loads),
        "overdue_follow_ups": sum(load.overdue_follow_ups for load in loads),
    }


FIGURE_LABELS = {
    services.Figure.RUNNING: gettext_lazy("Lopende casussen"),
    services.Figure.ATTEMPTS: gettext_lazy("Casussen met contactpogingen deze week"),
    services.Figure.NO_CONTACT: gettext_lazy("Lopende casussen zonder echt contact in de laatste 14 dagen"),
    services.Figure.FOLLOW_UP: gettext_lazy("Lopende casussen met een vinger aan de pols over tijd"),
}


@login_required
def caseload_cases(request: HttpRequest) -> HttpResponse:
    """The casussen behind one caseload figure (``?medewerker=<id>&cijfer=<key>``)."""
    _caseload_allowed(request)
    figure = request.GET.get("cijfer") or services.Figure.RUNNING
    if figure not in services.Figure.all():
        figure = services.Figure.RUNNING
    worker = None
    raw = request.GET.get("medewerker", "")
    if raw:
        worker_id = int(raw) if raw.isdigit() and len(raw) < 19 else None
        worker = services.caseload_worker(_user(request), worker_id) if worker_id is not None else None
        if worker is None:  # not a worker of her organisation: its existence is not hers to know
            guards.log_refusal(
                request,
                object_type=ObjectType.PAGINA,
                detail=f"teambelasting medewerker {raw[:40]}",
                reason=guards.REASON_NOT_VISIBLE,
            )
            raise Http404
    now = timezone.now()
    settings = NormSettings.current()
    qs = services.caseload_casussen(_user(request), now, figure=figure, worker_id=worker.pk if worker else None)
    page = Paginator(qs, CASELOAD_PER_PAGE).get_page(request.GET.get("pagina"))
    casussen = services.casus_rows_for(list(page.object_list), now, settings)
    _log_casussen(request, casussen, "teambelasting: casussen achter een cijfer", policies.BASIS_ORGANISATION)
    phase_labels = {str(p): p.label for p in services.RUNNING_PHASES}
    if figure in phase_labels:
        title = _("Lopende casussen in de fase %(phase)s") % {"phase": phase_labels[figure]}
    else:
        title = str(FIGURE_LABELS[figure])
    return render(
        request,
        "worklists/caseload_cases.html",
        {"casussen": casussen, "page": page, "worker": worker, "title": title, "figure": figure},
    )
