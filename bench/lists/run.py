"""List benchmark (issue 11): p50/p95 and the SQL query count per list page, for one user.

    DATABASE_URL=sqlite:////tmp/lists-a.sqlite3 .venv/bin/python -m bench.lists.run --persons 100000 --meldingen 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_lists_bench .venv/bin/python -m bench.lists.run ...

Builds the data set with bench/scale (or reuses the one in the database), then
asks each list page as the page is used: the whole request through Django's
test client (middleware, 2FA session, the filters, count + page in SQL, the
template, and the one access-log insert per page of 25), ``--iterations`` times
after two warm-up requests. The query count is of one such request. Target
(issue 11): the same query count at 100 and at 100,000 rows, p95 <= 150 ms.
Also times one CSV export of the default meldingen list (capped at 10,000 rows).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import timedelta
from typing import Any

from bench.common import QueryCounter, client_for, percentile
from bench.scale.build import build, setup_django


def pages() -> list[tuple[str, str, str, dict]]:
    """(label, bench user, url name, GET parameters)."""
    from django.utils import timezone

    from vangnet.intake.models import ConcernCategory
    from vangnet.organisations.models import Gemeente

    gemeente = Gemeente.objects.filter(name__startswith="Bench").order_by("pk").first()
    category = ConcernCategory.objects.order_by("pk").first()
    year_ago = (timezone.localdate() - timedelta(days=365)).isoformat()
    g = str(gemeente.pk) if gemeente else ""
    c = str(category.pk) if category else ""
    return [
        ("meldingen: standaard (urgent eerst)", "meldpunt", "intake:list", {}),
        (
            "meldingen: te trieren + urgentie + gemeente",
            "teamleider",
            "intake:list",
            {"status": "te_trieren", "urgentie": ["1", "2"], "gemeente": g},
        ),
        ("meldingen: te laat", "meldpunt", "intake:list", {"te_laat": "on"}),
        (
            "meldingen: zorgen + periode, nieuwste, p.3",
            "meldpunt",
            "intake:list",
            {"zorgen": c, "van": year_ago, "sorteer": "-ontvangen", "pagina": "3"},
        ),
        (
            "meldingen: kanaal + bron, gemeente-sort, p.40",
            "teamleider",
            "intake:list",
            {"kanaal": ["telefoon", "web"], "bron": "buurtbewoner", "sorteer": "gemeente", "pagina": "40"},
        ),
        ("casussen: standaard (teamleider)", "teamleider", "cases:list", {}),
        ("casussen: te laat + fase", "teamleider", "cases:list", {"te_laat": "on", "fase": "contact_leggen"}),
        (
            "casussen: gemeente + zorgen, regisseur-sort",
            "teamleider",
            "cases:list",
            {"gemeente": g, "zorgen": c, "sorteer": "regisseur"},
        ),
        ("casussen: eigen (bemoeizorger)", "bemoeizorger", "cases:list", {}),
    ]


def matching(user: Any, url_name: str, params: dict) -> int:
    from django.http import QueryDict

    from vangnet.cases.filters import casussen_list
    from vangnet.intake.filters import meldingen_list

    data = QueryDict(mutable=True)
    for key, value in params.items():
        data.setlist(key, value if isinstance(value, list) else [value])
    fn = meldingen_list if url_name == "intake:list" else casussen_list
    _fs, qs = fn(user, data)
    return -1 if qs is None else qs.count()


def measure(iterations: int) -> dict:
    from django.conf import settings
    from django.db import connection
    from django.urls import reverse

    from vangnet.cases.models import Casus
    from vangnet.intake.models import Melding

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    clients = {}
    out: dict[str, Any] = {
        "vendor": connection.vendor,
        "meldingen": Melding.objects.count(),
        "casussen": Casus.objects.count(),
        "pages": [],
    }
    for label, who, url_name, params in pages():
        if who not in clients:
            clients[who] = client_for(f"bench-{who}")
        user, client = clients[who]
        url = reverse(url_name)
        for _ in range(2):
            assert client.get(url, params).status_code == 200, (label, url)
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            response = client.get(url, params)
        assert response.status_code == 200
        times, cpu = [], []
        for _ in range(iterations):
            t0, c0 = time.perf_counter(), time.process_time()
            client.get(url, params)
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
        out["pages"].append(
            {
                "page": label,
                "user": who,
                "matching": matching(user, url_name, params),
                "queries": counter.count,
                "p50_ms": round(statistics.median(times), 1),
                "cpu_p95_ms": round(percentile(cpu, 95), 1),
                "p95_ms": round(percentile(times, 95), 1),
                "max_ms": round(max(times), 1),
            }
        )
        print(json.dumps(out["pages"][-1], ensure_ascii=False), file=sys.stderr, flush=True)
    # one export of the default list (up to the 10,000 cap), with its bulk log insert
    user, client = clients["meldpunt"]
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        t0 = time.perf_counter()
        response = client.get(reverse("intake:list_export"))
        seconds = time.perf_counter() - t0
    out["export"] = {
        "rows": response.content.count(b"\n") - 1,
        "seconds": round(seconds, 2),
        "queries": counter.count,
    }
    return out


def table(result: dict) -> str:
    lines = [
        f"{result['vendor']}: {result['meldingen']} meldingen, {result['casussen']} casussen",
        "",
        "| page | user | matching | queries | p50 ms | p95 ms | max ms | CPU p95 ms |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for p in result["pages"]:
        lines.append(
            f"| {p['page']} | {p['user']} | {p['matching']} | {p['queries']} | {p['p50_ms']} | {p['p95_ms']} "
            f"| {p['max_ms']} | {p['cpu_p95_ms']} |"
        )
    e = result["export"]
    lines += ["", f"export meldingen (CSV): {e['rows']} rows in {e['seconds']} s, {e['queries']} queries"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=1000)
    parser.add_argument("--meldingen", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--casus-share", type=float, default=0.1)
    parser.add_argument("--common-surnames", type=float, default=0.0)
    parser.add_argument("--iterations", type=int, default=40)
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--no-build", action="store_true", help="measure the database as it is")
    args = parser.parse_args(argv)
    setup_django()
    from django.core.management import call_command

    if not args.no_build:
        call_command("migrate", verbosity=0)
        build(
            persons=args.persons,
            meldingen=args.meldingen,
            seed=args.seed,
            casus_share=args.casus_share,
            common_surnames=args.common_surnames,
            progress=lambda msg: print(msg, file=sys.stderr, flush=True),
        )
    result = measure(args.iterations)
    print(table(result))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
