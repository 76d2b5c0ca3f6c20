"""The pages of the page benchmark: which user asks which URL (with which GET or POST data),
found in the bench data set of the database. Shared by run.py (over HTTP) and the CI query
budget (tests/bench/test_web_budget.py, through Django's test client)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Page:
    key: str  # short, stable: the name in budget.json, --pages and the JSON output
    label: str
    role: str  # a bench user name (bench.scale.build.USERS), "" for anonymous
    path: str
    method: str = "GET"
    data: dict[str, str] = field(default_factory=dict)


LOGIN = "login"
FLOOR = "vloer"


def _common_name_melding(meldpunt: Any) -> Any:
    """A te-triëren melding of the meldpunt naming a person with one of the most common
    surnames: the triage page looks for candidates with that name."""
    from django.db.models import Count

    from bench.scale.build import COMMON_SURNAMES
    from vangnet.intake.models import Melding

    qs = Melding.objects.filter(status=Melding.Status.TE_TRIEREN, meldpunt_id=meldpunt.organisation_id).exclude(
        surname=""
    )
    common = (
        qs.filter(surname__in=[s for _p, s in COMMON_SURNAMES])
        .values("surname")
        .annotate(n=Count("pk"))
        .order_by("-n", "surname")
        .first()
    )
    if common:
        qs = qs.filter(surname=common["surname"])
    return qs.order_by("pk").first()


def pages() -> list[Page]:
    """Every page of the benchmark, in the order it runs (the login page first: the baseline)."""
    from django.urls import reverse

    from bench.scale.build import busy_casus_of
    from vangnet.accounts.models import User

    meldpunt = User.objects.get(username="bench-meldpunt")
    bemoeizorger = User.objects.get(username="bench-bemoeizorger")
    casus = busy_casus_of(bemoeizorger)  # with bench.scale's --busy-attempts: 1,000 more attempts
    melding = _common_name_melding(meldpunt)
    out = [
        Page(LOGIN, "inlogpagina (basis)", "", reverse("accounts:login")),
        # The floor of every staff page: a signed-in 2FA session, the middleware and the staff
        # base template (menu, header search), no personal data and no list: what ×login any
        # real page can reach at best.
        Page(FLOOR, "lege staff-pagina (vloer)", "meldpunt", reverse("accounts:password_change")),
        Page("home_meldpunt", "home: meldpunt", "meldpunt", reverse("worklists:home")),
        Page("home_teamleider", "home: teamleider", "teamleider", reverse("worklists:home")),
        Page("home_bemoeizorger", "home: bemoeizorger", "bemoeizorger", reverse("worklists:home")),
        Page("home_partner", "home: partner", "partner", reverse("worklists:home")),
        Page("te_trieren", "te triëren", "meldpunt", reverse("worklists:to_triage")),
        Page("te_laat", "te laat", "teamleider", reverse("worklists:overdue")),
        Page("mijn_casussen", "mijn casussen", "bemoeizorger", reverse("worklists:my_cases")),
        Page("teambelasting", "teambelasting", "teamleider", reverse("worklists:caseload")),
        Page("meldingen", "meldingen (lijst)", "meldpunt", reverse("intake:list")),
        Page("casussen", "casussen (lijst)", "bemoeizorger", reverse("cases:list")),
        Page("zoeken", "zoeken (Jansen)", "meldpunt", reverse("search:results"), "POST", {"q": "Jansen"}),
    ]
    if melding is not None:
        label = f"triage: {melding.surname} (te triëren)"
        out.append(Page("triage", label, "meldpunt", reverse("triage:melding", args=[melding.pk])))
    if casus is not None:
        out += [
            Page("casus", "casus (drukste)", "bemoeizorger", reverse("cases:detail", args=[casus.pk])),
            Page(
                "persoon", "persoon (van die casus)", "bemoeizorger", reverse("persons:detail", args=[casus.person_id])
            ),
            Page(
                "toegangslog",
                "toegangslog persoon",
                "teamleider",
                reverse("persons:access_log", args=[casus.person_id]),
            ),
        ]
    out += [
        Page("partner_verwijzingen", "verwijzingen (partner)", "partner", reverse("network:partner_inbox")),
        Page("wvggz_cijfers", "Wvggz-cijfers", "teamleider", reverse("wvggz:figures")),
        Page("wvggz_csv", "Wvggz-cijfers CSV", "teamleider", reverse("wvggz:figures_csv")),
        Page("monitor", "monitor", "teamleider", reverse("monitor:home")),
    ]
    return out


def select(all_pages: list[Page], keys: str | None) -> list[Page]:
    """The pages named in ``keys`` (comma separated), always with the login page first and the floor."""
    if not keys:
        return all_pages
    wanted = {k.strip() for k in keys.split(",") if k.strip()}
    unknown = wanted - {p.key for p in all_pages}
    if unknown:
        raise SystemExit(f"unknown pages: {', '.join(sorted(unknown))}; known: {', '.join(p.key for p in all_pages)}")
    return [p for p in all_pages if p.key in (LOGIN, FLOOR) or p.key in wanted]


def measure_in_process(page_list: list[Page], warmup: int = 2, progress: Any = None) -> dict[str, dict[str, Any]]:
    """SQL queries and access-log rows of one request per page, through Django's test client
    (a 2FA-verified session per role), after ``warmup`` requests. Nothing else may write to
    the access log meanwhile (run it before the server starts)."""
    from django.conf import settings
    from django.db import connection
    from django.db.models import Max
    from django.test import Client

    from bench.common import QueryCounter, client_for
    from vangnet.audit.models import AccessLog

    if "localhost" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    clients: dict[str, Any] = {}
    out: dict[str, dict[str, Any]] = {}
    for page in page_list:
        if page.role not in clients:
            clients[page.role] = client_for(f"bench-{page.role}")[1] if page.role else Client(HTTP_HOST="localhost")
        client = clients[page.role]
        client.raise_request_exception = False  # a page that fails is a figure (status 500), not the end

        def ask(client: Any = client, page: Page = page) -> Any:
            if page.method == "POST":
                return client.post(page.path, page.data)
            return client.get(page.path, page.data)

        for _ in range(warmup):
            ask()
        before = AccessLog.objects.aggregate(m=Max("seq"))["m"] or 0
        counter = QueryCounter()
        started = time.perf_counter()
        with connection.execute_wrapper(counter):
            response = ask()
        ms = round((time.perf_counter() - started) * 1000, 1)
        after = AccessLog.objects.aggregate(m=Max("seq"))["m"] or 0
        out[page.key] = {
            "status": response.status_code,
            "queries": counter.count,
            "log_rows": after - before,
            "in_process_ms": ms,
        }
        if progress:
            progress(f"{page.key}: {out[page.key]}")
    return out
