"""Monitor benchmark (issue 13, item 7): the indicators of one year of a large region, p50/p95.

    DATABASE_URL=sqlite:////tmp/monitor-a.sqlite3 .venv/bin/python -m bench.monitor.run
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_monitor_bench .venv/bin/python -m bench.monitor.run

Builds the data set with bench/scale (or reuses the one in the database) so that
the last 365 days hold 100,000 meldingen (with triage decisions), 20,000
casussen (with their phase history: closings and reopenings) and about 600,000
contact attempts; runs ``analyze_database``; then times
``compute_indicators(van, tot)`` for that year, for the whole region and for one
gemeente, ``--iterations`` times after one warm-up, and, when the monitor page
exists, the page through the test client as a teamleider. Target: <= 1 s.
Also times each indicator group once (``--no-groups`` to skip), to see what dominates.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

from bench.common import QueryCounter, client_for, percentile
from bench.scale.build import build, setup_django

# The functions of vangnet.monitor.indicators that make up compute_indicators, in its order.
GROUPS = ("_intake", "_triage", "_flows", "_contact", "_running_at", "_repeated_persons")
# Names the monitor page may have (another part of issue 13 builds it); the first that resolves.
PAGE_NAMES = ("monitor:home", "monitor:index", "monitor:overview", "monitor:indicators", "monitor:dashboard")


def year() -> tuple[date, date]:
    """The last 365 days up to today (the data set's span), as local days."""
    from django.utils import timezone

    tot = timezone.localdate()
    return tot - timedelta(days=365), tot


def _timed(fn: Callable[[], Any], iterations: int) -> dict[str, Any]:
    from django.db import connection

    fn()  # warm-up
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        fn()
    wall, cpu = [], []
    for _ in range(iterations):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return {
        "queries": counter.count,
        "p50_ms": round(statistics.median(wall), 1),
        "p95_ms": round(percentile(wall, 95), 1),
        "cpu_p50_ms": round(statistics.median(cpu), 1),
        "cpu_p95_ms": round(percentile(cpu, 95), 1),
    }


@contextmanager
def group_timer(out: dict[str, dict[str, float]]) -> Iterator[None]:
    """Wraps each indicator group of ``vangnet.monitor.indicators`` (its module globals, which
    ``_compute`` calls) to add up wall time, CPU time and queries per group into ``out``."""
    from django.db import connection

    from vangnet.monitor import indicators

    originals = {name: getattr(indicators, name) for name in GROUPS}

    def wrap(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            counter = QueryCounter()
            t0, c0 = time.perf_counter(), time.process_time()
            with connection.execute_wrapper(counter):
                value = fn(*args, **kwargs)
            row = out.setdefault(name, {"ms": 0.0, "cpu_ms": 0.0, "queries": 0})
            row["ms"] += (time.perf_counter() - t0) * 1000
            row["cpu_ms"] += (time.process_time() - c0) * 1000
            row["queries"] += counter.count
            return value

        return timed

    for name, fn in originals.items():
        setattr(indicators, name, wrap(name, fn))
    try:
        yield
    finally:
        for name, fn in originals.items():
            setattr(indicators, name, fn)


def monitor_page() -> str | None:
    """The monitor page's URL, or None while it does not exist yet."""
    from django.urls import NoReverseMatch, reverse

    for name in PAGE_NAMES:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None


def measure(iterations: int, groups: bool = True, say: Callable[[str], None] = lambda m: None) -> dict[str, Any]:
    from django.conf import settings
    from django.db import connection
    from django.test.utils import override_settings

    from vangnet.cases.models import Casus, ContactAttempt, Phase, PhaseChange
    from vangnet.monitor.indicators import compute_indicators
    from vangnet.norms.workdays import start_of_day
    from vangnet.organisations.models import Gemeente
    from vangnet.triage.models import TriageDecision

    van, tot = year()
    start, end = start_of_day(van), start_of_day(tot + timedelta(days=1))
    gemeente = Gemeente.objects.filter(name__startswith="Bench").order_by("pk").first()
    result = compute_indicators(van, tot)
    out: dict[str, Any] = {
        "vendor": connection.vendor,
        "van": van.isoformat(),
        "tot": tot.isoformat(),
        "meldingen": result.meldingen_ontvangen,
        "getrieerd": TriageDecision.objects.filter(decided_at__gte=start, decided_at__lt=end).count(),
        "casussen": result.casussen_gestart,
        "attempts": ContactAttempt.objects.filter(at__gte=start, at__lt=end).count(),
        "afsluitingen": result.casussen_afgesloten,
        "heropeningen": result.casussen_heropend,
        "phase_changes": PhaseChange.objects.filter(changed_at__gte=start, changed_at__lt=end).count(),
        "lopend": Casus.objects.exclude(phase=Phase.AFGESLOTEN).count(),
        "rows": [],
    }
    say(json.dumps({k: v for k, v in out.items() if k != "rows"}))
    cases: list[tuple[str, Callable[[], Any]]] = [
        ("compute_indicators: jaar, hele regio", lambda: compute_indicators(van, tot)),
    ]
    if gemeente is not None:
        cases.append((f"compute_indicators: jaar, {gemeente.name}", lambda: compute_indicators(van, tot, gemeente)))
    url = monitor_page()
    if url is not None:
        _user, client = client_for("bench-teamleider")
        params = {"van": van.isoformat(), "tot": tot.isoformat()}

        def page() -> None:
            response = client.get(url, params)
            assert response.status_code == 200, (url, response.status_code)

        cases.append((f"pagina {url} (teamleider, jaar)", page))
    else:
        out["page_skipped"] = "the monitor page does not exist yet (no monitor:... URL)"
    with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "localhost"]):
        for label, fn in cases:
            row = {"what": label, **_timed(fn, iterations)}
            out["rows"].append(row)
            say(json.dumps(row, ensure_ascii=False))
    if groups:
        per_group: dict[str, dict[str, float]] = {}
        with group_timer(per_group):
            compute_indicators(van, tot)
        out["groups"] = {name: {k: round(v, 1) for k, v in row.items()} for name, row in per_group.items()}
    return out


def table(result: dict[str, Any]) -> str:
    lines = [
        f"{result['vendor']}, {result['van']} .. {result['tot']}: {result['meldingen']} meldingen, "
        f"{result['getrieerd']} triagebesluiten, {result['casussen']} casussen gestart, "
        f"{result['attempts']} contactpogingen, {result['afsluitingen']} afsluitingen, "
        f"{result['heropeningen']} heropeningen ({result['phase_changes']} fasewijzigingen)",
        "",
        "| what | queries | p50 ms | p95 ms | CPU p50 ms | CPU p95 ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in result["rows"]:
        lines.append(
            f"| {r['what']} | {r['queries']} | {r['p50_ms']} | {r['p95_ms']} | {r['cpu_p50_ms']} | {r['cpu_p95_ms']} |"
        )
    if result.get("page_skipped"):
        lines += ["", f"page: skipped, {result['page_skipped']}"]
    if result.get("groups"):
        lines += ["", "| group (one run, hele regio) | queries | ms | CPU ms |", "|---|---:|---:|---:|"]
        for name, g in result["groups"].items():
            lines.append(f"| {name} | {int(g['queries'])} | {g['ms']} | {g['cpu_ms']} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--meldingen", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--casus-share", type=float, default=0.2, help="share of persons with a casus")
    parser.add_argument("--attempts", type=int, nargs=2, default=(20, 40), help="attempts per casus: min max")
    parser.add_argument("--iterations", type=int, default=5)
    parser.add_argument("--no-groups", action="store_true", help="do not time the indicator groups")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--no-build", action="store_true", help="measure the database as it is")
    args = parser.parse_args(argv)
    setup_django()
    from django.core.management import call_command

    def say(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    if not args.no_build:
        call_command("migrate", verbosity=0)
        res = build(
            persons=args.persons,
            meldingen=args.meldingen,
            seed=args.seed,
            casus_share=args.casus_share,
            span_days=365,
            attempts_per_casus=tuple(args.attempts),
            history=True,
            progress=say,
        )
        if res.reused and not res.phase_changes:
            say("warning: the bench data set in this database was built without --history (no phase changes)")
        call_command("analyze_database", verbosity=0)
    result = measure(args.iterations, groups=not args.no_groups, say=say)
    print(table(result))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
