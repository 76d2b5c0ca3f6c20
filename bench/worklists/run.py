"""Worklists benchmark (issue 11 items 5, 6, 9): SQL query count and p50/p95 of the
home pages (meldpunt, teamleider, bemoeizorger, partner), the teambelasting and its
click-through lists, for one user, at the data size of the database.

    DATABASE_URL=sqlite:////tmp/wl-small.sqlite3 .venv/bin/python -m bench.worklists.run --persons 1000 --meldingen 2000
    DATABASE_URL=sqlite:////tmp/wl-large.sqlite3 .venv/bin/python -m bench.worklists.run --persons 100000 --meldingen 100000

Builds (or reuses) the data set with bench/scale, then asks each page through
Django's test client (middleware, 2FA session, the template, the access-log
inserts) ``--iterations`` times after two warm-up requests; the query count is
of one request. Target: the same query count at both sizes (no N+1), p95 <= 150 ms.
Each home visit also records the visit (worklists.HomeVisit), so after the warm-up
"new since the previous visit" is computed against a real previous visit.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time

from bench.common import client_for, percentile
from bench.scale.build import build, setup_django


def _pages(users: dict) -> list[tuple[str, str, str, dict]]:
    """(label, bench user, url name, GET parameters)."""
    from vangnet.accounts.models import User
    from vangnet.cases.models import Casus, Phase

    teamleider = User.objects.get(username=users["teamleider"])
    busiest = (
        Casus.objects.filter(organisation_id=teamleider.organisation_id)
        .exclude(phase=Phase.AFGESLOTEN)
        .values_list("casusregisseur_id", flat=True)
        .order_by("casusregisseur_id")
        .first()
    )
    worker = {"medewerker": str(busiest)} if busiest else {}
    return [
        ("home: meldpunt", "meldpunt", "worklists:home", {}),
        ("home: teamleider", "teamleider", "worklists:home", {}),
        ("home: bemoeizorger", "bemoeizorger", "worklists:home", {}),
        ("home: partner", "partner", "worklists:home", {}),
        ("te triëren (urgent eerst)", "meldpunt", "worklists:to_triage", {}),
        ("mijn casussen", "bemoeizorger", "worklists:my_cases", {}),
        ("teambelasting", "teamleider", "worklists:caseload", {}),
        ("teambelasting: lopend, alle medewerkers", "teamleider", "worklists:caseload_cases", {"cijfer": "lopend"}),
        (
            "teambelasting: lopend, één medewerker",
            "teamleider",
            "worklists:caseload_cases",
            {"cijfer": "lopend", **worker},
        ),
        ("teambelasting: zonder contact 14+ d", "teamleider", "worklists:caseload_cases", {"cijfer": "zonder_contact"}),
    ]


def measure(users: dict, iterations: int) -> dict:
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from vangnet.cases.models import Casus
    from vangnet.intake.models import Melding

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    clients: dict = {}
    out: dict = {
        "vendor": connection.vendor,
        "meldingen": Melding.objects.count(),
        "casussen": Casus.objects.count(),
        "pages": [],
    }
    for label, who, url_name, params in _pages(users):
        if who not in clients:
            clients[who] = client_for(users[who])
        _user, client = clients[who]
        url = reverse(url_name)
        for _ in range(2):
            response = client.get(url, params)
            assert response.status_code == 200, (label, url, response.status_code)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, params).status_code == 200
        queries = len(ctx.captured_queries)  # now: the property slices the live log, which later requests reset
        times = []
        for _ in range(iterations):
            t0 = time.perf_counter()
            client.get(url, params)
            times.append((time.perf_counter() - t0) * 1000)
        row = {
            "page": label,
            "user": who,
            "queries": queries,
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(percentile(times, 95), 1),
            "max_ms": round(max(times), 1),
        }
        out["pages"].append(row)
        print(json.dumps(row, ensure_ascii=False), file=sys.stderr, flush=True)
    return out


def table(result: dict) -> str:
    lines = [
        f"{result['vendor']}: {result['meldingen']} meldingen, {result['casussen']} casussen",
        "",
        "| page | user | queries | p50 ms | p95 ms | max ms |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for p in result["pages"]:
        lines.append(f"| {p['page']} | {p['user']} | {p['queries']} | {p['p50_ms']} | {p['p95_ms']} | {p['max_ms']} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--persons", type=int, default=1000)
    parser.add_argument("--meldingen", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--casus-share", type=float, default=0.1)
    parser.add_argument("--iterations", type=int, default=30)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    # A persistent connection (as in production): with CONN_MAX_AGE 0 Django reconnects at the
    # end of every request, which clears the query log and makes the count read 0.
    os.environ.setdefault("DB_CONN_MAX_AGE", "600")
    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    res = build(
        persons=args.persons,
        meldingen=args.meldingen,
        seed=args.seed,
        casus_share=args.casus_share,
        progress=lambda msg: print(msg, file=sys.stderr, flush=True),
    )
    result = measure(res.users, args.iterations)
    print(table(result))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
