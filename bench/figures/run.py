"""Triage and figures benchmark (issue 17): queries and p50/p95 of the triage page (a common
name), its two HTMX searches, and the Wvggz and network figures pages with their CSV.

    DATABASE_URL=sqlite:////tmp/figures/small.sqlite3 .venv/bin/python -m bench.figures.run
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/figures_large .venv/bin/python -m bench.figures.run

Uses a database built by bench/scale (``--common-surnames 0.3`` makes the triage page's
candidates many). bench/scale makes no Wvggz onderzoeken: the first run adds them with
``bulk_create`` (``--wvggz-share`` of the getrieerde meldingen at meldpunt A, seeded, with a
random status, outcome and decision moment); later runs reuse them. Every page is asked
through Django's test client after two warm-up requests, ``--iterations`` times; the query
count is of one request.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from datetime import timedelta
from typing import Any

from bench.common import QueryCounter, client_for, percentile
from bench.scale.build import setup_django


def add_onderzoeken(share: float, seed: int) -> int:
    """Onderzoeken for ``share`` of meldpunt A's getrieerde meldingen (once)."""
    from django.utils import timezone

    from vangnet.accounts.models import User
    from vangnet.intake.models import Melding
    from vangnet.wvggz.deadlines import deadline_for
    from vangnet.wvggz.models import Alternative, Onderzoek, Outcome, Status
    from vangnet.wvggz.services import active_version

    if Onderzoek.objects.exists():
        return Onderzoek.objects.count()
    user = User.objects.get(username="bench-meldpunt")
    version = active_version()
    rng = random.Random(seed)
    ids = list(
        Melding.objects.filter(meldpunt_id=user.organisation_id, status=Melding.Status.GETRIEERD)
        .order_by("pk")
        .values_list("pk", "received_at")
    )
    picked = [row for row in ids if rng.random() < share]
    now = timezone.now()
    rows = []
    for pk, received_at in picked:
        deadline = deadline_for(received_at)
        status = Status.AFGEROND if rng.random() < 0.8 else Status.OPEN
        decided_at = None
        outcome = alternative = ""
        if status == Status.AFGEROND:
            decided_at = min(received_at + timedelta(days=rng.randint(1, 20), hours=rng.randint(0, 8)), now)
            outcome = rng.choice([Outcome.AANVRAAG, Outcome.GEEN_AANVRAAG])
            if outcome == Outcome.GEEN_AANVRAAG:
                alternative = rng.choice(list(Alternative.values))
        rows.append(
            Onderzoek(
                reference=f"W-B-{pk}",
                melding_id=pk,
                organisation_id=user.organisation_id,
                questionnaire=version,
                started_at=received_at,
                started_by=user,
                deadline=deadline,
                status=status,
                outcome=outcome,
                alternative=alternative,
                decided_at=decided_at,
            )
        )
    Onderzoek.objects.bulk_create(rows, batch_size=2000)
    Melding.objects.filter(pk__in=[pk for pk, _r in picked[::2]]).update(is_wvggz=True)
    return len(rows)


def common_name_melding() -> Any:
    """A melding to triage at meldpunt A naming a person with the most common surname (the
    first name and surname of such a person, no date of birth): bench/scale's meldingen to
    triage name nobody, so the first run writes the name into one of them."""
    from django.db.models import Count

    from vangnet.accounts.models import User
    from vangnet.intake.models import Melding
    from vangnet.persons.models import Person

    user = User.objects.get(username="bench-meldpunt")
    todo = Melding.objects.filter(meldpunt_id=user.organisation_id, status=Melding.Status.TE_TRIEREN)
    named = todo.exclude(surname="").order_by("pk").first()
    if named is not None:
        return named
    surname = Person.objects.values("surname").annotate(n=Count("pk")).order_by("-n", "surname")[0]["surname"]
    person = Person.objects.filter(surname=surname).order_by("pk").first()
    melding = todo.order_by("pk").first()
    if melding is None or person is None:
        return None
    Melding.objects.filter(pk=melding.pk).update(
        given_names=person.given_names.split()[0], tussenvoegsel=person.tussenvoegsel, surname=person.surname
    )
    return Melding.objects.get(pk=melding.pk)


def pages() -> list[tuple[str, str, str, str, dict]]:
    """(label, bench user, method, url, data)."""
    from django.urls import reverse
    from django.utils import timezone

    melding = common_name_melding()
    today = timezone.localdate()
    year = {"van": (today - timedelta(days=365)).isoformat(), "tot": today.isoformat()}
    out = []
    if melding is not None:
        name = f"{melding.given_names} {melding.surname}"
        out += [
            (f"triage: {name}", "meldpunt", "get", reverse("triage:melding", args=[melding.pk]), {}),
            (
                "triage: register doorzoeken",
                "meldpunt",
                "post",
                reverse("triage:register_search", args=[melding.pk]),
                {"register_q": melding.surname},
            ),
            (
                "triage: zoeken op plek",
                "meldpunt",
                "post",
                reverse("triage:place_search", args=[melding.pk]),
                {"place_q": "station"},
            ),
        ]
    out += [
        ("wvggz: cijfers, jaar", "teamleider", "get", reverse("wvggz:figures"), year),
        ("wvggz: cijfers CSV, jaar", "teamleider", "get", reverse("wvggz:figures_csv"), year),
        ("netwerk: cijfers", "teamleider", "get", reverse("network:figures"), {}),
        ("netwerk: cijfers CSV", "teamleider", "get", reverse("network:figures_csv"), {}),
    ]
    return out


def measure(iterations: int) -> dict:
    from django.conf import settings
    from django.db import connection

    from vangnet.intake.models import Melding
    from vangnet.wvggz.models import Onderzoek

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    out: dict[str, Any] = {
        "vendor": connection.vendor,
        "meldingen": Melding.objects.count(),
        "onderzoeken": Onderzoek.objects.count(),
        "pages": [],
    }
    clients: dict[str, Any] = {}
    for label, who, method, url, data in pages():
        if who not in clients:
            clients[who] = client_for(f"bench-{who}")
        _user, client = clients[who]

        def ask(client: Any = client, method: str = method, url: str = url, data: dict = data) -> Any:
            response = getattr(client, method)(url, data)
            assert response.status_code == 200, (url, response.status_code)
            return response

        ask()
        ask()
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            ask()
        times = []
        for _ in range(iterations):
            t0 = time.perf_counter()
            ask()
            times.append((time.perf_counter() - t0) * 1000)
        row = {
            "page": label,
            "queries": counter.count,
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(percentile(times, 95), 1),
        }
        out["pages"].append(row)
        print(json.dumps(row, ensure_ascii=False), file=sys.stderr, flush=True)
    return out


def table(result: dict) -> str:
    lines = [
        f"{result['vendor']}: {result['meldingen']} meldingen, {result['onderzoeken']} onderzoeken",
        "",
        "| page | queries | p50 ms | p95 ms |",
        "|---|---:|---:|---:|",
    ]
    for p in result["pages"]:
        lines.append(f"| {p['page']} | {p['queries']} | {p['p50_ms']} | {p['p95_ms']} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=20)
    parser.add_argument("--wvggz-share", type=float, default=0.1, help="share of getrieerde meldingen")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    setup_django()
    print(f"onderzoeken: {add_onderzoeken(args.wvggz_share, args.seed)}", file=sys.stderr, flush=True)
    result = measure(args.iterations)
    print(table(result))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
