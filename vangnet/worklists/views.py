"""Work queues per role. Thin views: the queries and norms live in services."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from vangnet.access import policies
from vangnet.access.guards import role_required
from vangnet.accounts import roles
from vangnet.audit.services import log_list_access
from vangnet.network.services import worklist_follow_ups as network_worklist

from . import policies as worklist_policies
from . import services

DASHBOARD_ROWS = 5
CLOSED_PER_PAGE = 25


def _log_meldingen(request, meldingen, detail):
    if meldingen:
        log_list_access(request, meldingen=meldingen, detail=detail, reason=policies.BASIS_MELDPUNT)


def _log_casussen(request, casussen, detail, reason):
    if casussen:
        log_list_access(request, casussen=casussen, detail=detail, reason=reason)


@login_required
def home(request):
    user = request.user
    if worklist_policies.can_view_partner_home(user):
        url = services.url_or_empty("intake:partner_list")
        if url:
            return redirect(url)
        return render(request, "worklists/home_partner.html")
    if worklist_policies.can_view_beheer_home(user):
        return render(request, "worklists/home_beheer.html", {"admin_url": services.url_or_empty("admin:index")})

    now, settings = services.now_and_settings()
    context = {"now": now, "norms": settings, "row_limit": DASHBOARD_ROWS}
    my_open = services.open_my_cases(user, now, settings)
    context["my_open"] = my_open[:DASHBOARD_ROWS]
    context["my_open_count"] = len(my_open)
    context["my_overdue_count"] = sum(1 for c in my_open if c.first_attempt_overdue)
    _log_casussen(request, context["my_open"], "werkvoorraad: mijn casussen", policies.BASIS_MEMBER)
    _add_wvggz(request, context)
    follow_ups = network_worklist(user)  # vinger aan de pols (vangnet.network)
    context["follow_ups"] = follow_ups
    follow_up_casussen = {fu.referral.casus_id: fu.referral.casus for fu in follow_ups}
    _log_casussen(request, list(follow_up_casussen.values()), "werkvoorraad: vinger aan de pols", policies.BASIS_MEMBER)

    if worklist_policies.can_view_organisation_overview(user):
        to_triage = services.meldingen_to_triage(user)
        shown = services.triage_rows(to_triage[:DASHBOARD_ROWS], now, settings)
        overdue_m = services.overdue_meldingen(user, now, settings)
        overdue_c = services.organisation_overdue_casussen(user, now, settings)
        context.update(
            {
                "is_triage_role": True,
                "to_triage": shown,
                "to_triage_count": to_triage.count(),
                "overdue_meldingen": overdue_m[:DASHBOARD_ROWS],
                "overdue_casussen": overdue_c[:DASHBOARD_ROWS],
                "overdue_meldingen_count": len(overdue_m),
                "overdue_casussen_count": len(overdue_c),
                "overdue_count": len(overdue_m) + len(overdue_c),
            }
        )
        _log_meldingen(request, _unique(shown + context["overdue_meldingen"]), "werkvoorraad: overzicht")
        _log_casussen(request, context["overdue_casussen"], "werkvoorraad: te laat", policies.BASIS_ORGANISATION)
    return render(request, "worklists/home.html", context)


def _add_wvggz(request, context):
    """Open Wvggz onderzoeken with their 14-day term: one's own, or the organisation's."""
    from vangnet.wvggz.policies import BASIS_TERM_WATCH
    from vangnet.wvggz.services import worklist_rows

    rows = worklist_rows(request.user)
    context["wvggz_rows"] = rows[:DASHBOARD_ROWS]
    context["wvggz_count"] = len(rows)
    if context["wvggz_rows"]:
        log_list_access(
            request,
            meldingen=[r.onderzoek.melding for r in context["wvggz_rows"]],
            detail="werkvoorraad: wvggz-onderzoeken",
            reason=BASIS_TERM_WATCH,
        )


def _unique(records):
    seen, out = set(), []
    for record in records:
        if record.pk not in seen:
            seen.add(record.pk)
            out.append(record)
    return out


@login_required
@role_required(*roles.ORGANISATION_WIDE)
def to_triage(request):
    now, settings = services.now_and_settings()
    meldingen = services.triage_rows(services.meldingen_to_triage(request.user), now, settings)
    _log_meldingen(request, meldingen, "werkvoorraad: te triëren")
    return render(
        request,
        "worklists/to_triage.html",
        {
            "meldingen": meldingen,
            "overdue_count": sum(1 for m in meldingen if m.triage_overdue),
            "norms": settings,
        },
    )


@login_required
@role_required(*roles.STAFF)
def my_cases(request):
    now, settings = services.now_and_settings()
    open_rows = services.open_my_cases(request.user, now, settings)
    page = Paginator(services.closed_my_cases(request.user), CLOSED_PER_PAGE).get_page(request.GET.get("pagina"))
    closed_rows = services.casus_rows(page.object_list, now, settings)
    _log_casussen(request, open_rows + closed_rows, "werkvoorraad: mijn casussen", policies.BASIS_MEMBER)
    return render(
        request,
        "worklists/my_cases.html",
        {
            "open_cases": open_rows,
            "closed_cases": closed_rows,
            "closed_page": page,
            "overdue_count": sum(1 for c in open_rows if c.first_attempt_overdue),
            "norms": settings,
        },
    )


@login_required
@role_required(*roles.ORGANISATION_WIDE)
def overdue(request):
    now, settings = services.now_and_settings()
    meldingen = services.overdue_meldingen(request.user, now, settings)
    casussen = services.organisation_overdue_casussen(request.user, now, settings)
    _log_meldingen(request, meldingen, "werkvoorraad: te laat")
    _log_casussen(request, casussen, "werkvoorraad: te laat", policies.BASIS_ORGANISATION)
    return render(
        request,
        "worklists/overdue.html",
        {"meldingen": meldingen, "casussen": casussen, "norms": settings},
    )
