"""Search benchmark: p50/p95/max and query counts per kind of query, per role.

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python -m bench.search.run --persons 100000 --meldingen 200000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python -m bench.search.run ...

Builds the data set with bench/scale (or reuses the one in the database), fills the
search index when it is empty, then runs a mix of queries (partial reference, name
with a typo, date of birth, BSN, postcode with number, phone, place words) as
three users of different roles, each search as the page does it: the search, the
results and their one bulk access-log insert. Target (issue 11): p95 <= 150 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet

from bench.common import percentile
from bench.scale.build import analyze, build, setup_django

KINDS = ("kenmerk (deel)", "naam met tikfout", "geboortedatum", "bsn", "postcode+nr", "telefoon", "plekwoorden")
ROLES = ("meldpunt", "bemoeizorger", "teamleider")


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    r = rng.random()
    if r < 0.4:
        return word[:i] + word[i + 1 :]  # dropped letter
    if r < 0.7:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]  # transposition
    return word[:i] + rng.choice("aeiouynrst") + word[i + 1 :]  # wrong letter


def make_queries(per_kind: int, seed: int, user: Any = None) -> dict[str, list[str]]:
    """Queries drawn from the data (for ``user``: from what she may see, half of them)."""
    from vangnet.access.policies import visible_meldingen, visible_persons
    from vangnet.intake.models import Melding
    from vangnet.persons.models import Person

    rng = random.Random(f"bench-search-{seed}")
    persons_qs: QuerySet = Person.objects.filter(is_active=True)
    meldingen_qs: QuerySet = Melding.objects.all()
    if user is not None:
        persons_qs, meldingen_qs = visible_persons(user, persons_qs), visible_meldingen(user, meldingen_qs)

    def sample(qs: QuerySet, n: int, **filters: Any) -> list[int]:
        ids = list(qs.filter(**filters).values_list("pk", flat=True)[:5000])
        return rng.sample(ids, min(n, len(ids)))

    out: dict[str, list[str]] = {k: [] for k in KINDS}
    for pk in sample(meldingen_qs, per_kind):
        ref = Melding.objects.values_list("reference", flat=True).get(pk=pk)
        out["kenmerk (deel)"].append(rng.choice([str(pk), f"M-{pk}", ref.rsplit("-", 1)[-1], ref]))
    for p in Person.objects.filter(pk__in=sample(persons_qs.exclude(surname=""), per_kind)):
        given = (p.roepnaam or p.given_names or "").split()
        surname = " ".join(x for x in [p.tussenvoegsel, _typo(p.surname, rng)] if x)
        out["naam met tikfout"].append(" ".join([*(given[:1] if given else []), surname]))
    for p in Person.objects.filter(pk__in=sample(persons_qs, per_kind, date_of_birth__isnull=False)):
        d = p.date_of_birth
        if d is None:
            continue
        out["geboortedatum"].append(rng.choice([f"{d.day}-{d.month}-{d.year}", d.strftime("%d-%m-%Y"), d.isoformat()]))
    out["bsn"] = list(
        Person.objects.filter(pk__in=sample(persons_qs.exclude(bsn=""), per_kind)).values_list("bsn", flat=True)
    )
    for p in Person.objects.filter(pk__in=sample(persons_qs.exclude(postcode="").exclude(house_number=""), per_kind)):
        out["postcode+nr"].append(f"{p.postcode} {p.house_number}")
    out["telefoon"] = list(
        Person.objects.filter(pk__in=sample(persons_qs.exclude(phone=""), per_kind)).values_list("phone", flat=True)
    )
    words = ["station", "portiek", "brug haven", "park vijver", "sporthal", "bibliotheek", "Lekweg", "supermarkt"]
    out["plekwoorden"] = [rng.choice(words) for _ in range(per_kind)]
    return out


def run(
    *,
    persons: int,
    meldingen: int,
    seed: int,
    common_surnames: float,
    per_kind: int,
    rebuild: bool = False,
    say: Callable[[str], None] = print,
) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from vangnet.audit.services import log_list_access
    from vangnet.search import services
    from vangnet.search.index import rebuild_index
    from vangnet.search.models import SearchToken

    res = build(persons=persons, meldingen=meldingen, seed=seed, common_surnames=common_surnames)
    say(
        f"data: {res.persons} persons, {res.meldingen} meldingen, {res.casussen} casussen ({'reused' if res.reused else f'built in {res.seconds} s'})"
    )
    if rebuild or not SearchToken.objects.exists():
        t = time.perf_counter()
        n = rebuild_index()
        analyze()
        say(f"search index: {n} tokens in {time.perf_counter() - t:.1f} s")
    User = get_user_model()
    users = {role: User.objects.get(username=res.users[role]) for role in ROLES}
    rf = RequestFactory()
    figures: dict = {}
    for role, user in users.items():
        # Half the queries about what the user may see, half drawn from the whole register.
        own = make_queries(per_kind // 2 or 1, seed, user)
        anyone = make_queries(per_kind - (per_kind // 2 or 1), seed + 1)
        services.search_everything(user, "de Vries")  # warm-up (vocabulary, caches)
        for kind in KINDS:
            times, search_times, counts, hits = [], [], [], []
            for q in own[kind] + anyone[kind]:
                request = rf.post("/zoeken/", {"q": q})
                request.user = user
                with CaptureQueriesContext(connection) as ctx:
                    t = time.perf_counter()
                    found = services.search_everything(user, q)
                    search_times.append((time.perf_counter() - t) * 1000)
                    if found.hits:
                        log_list_access(
                            request, records=services.reads_of(found), detail=services.log_detail(found.kind)
                        )
                    times.append((time.perf_counter() - t) * 1000)
                counts.append(len(ctx.captured_queries))
                hits.append(found.count)
            if times:
                figures[(role, kind)] = {
                    "n": len(times),
                    "p50": statistics.median(times),
                    "p95": percentile(times, 95),
                    "max": max(times),
                    "search_p95": percentile(search_times, 95),
                    "queries": max(counts),
                    "hits": statistics.mean(hits),
                }
    return figures


def format_table(figures: dict, vendor: str) -> str:
    lines = [
        f"database: {vendor}",
        f"{'rol':<13} {'soort':<18} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'queries':>8} {'resultaten':>10}",
    ]
    for (role, kind), f in figures.items():
        lines.append(
            f"{role:<13} {kind:<18} {f['n']:>4} {f['p50']:>8.1f} {f['p95']:>8.1f} {f['max']:>8.1f} {f['search_p95']:>9.1f} {f['queries']:>8} {f['hits']:>10.1f}"
        )
    all_p95 = max(f["p95"] for f in figures.values()) if figures else 0
    lines.append(
        f"worst p95: {all_p95:.1f} ms (target <= 150 ms); 'zoek p95' is the search alone, without the log insert"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--meldingen", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--common-surnames", type=float, default=0.0)
    parser.add_argument("--per-kind", type=int, default=40, help="queries per kind and role")
    parser.add_argument("--rebuild-index", action="store_true", help="rebuild the search index first")
    args = parser.parse_args(argv)
    setup_django()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    figures = run(
        persons=args.persons,
        meldingen=args.meldingen,
        seed=args.seed,
        common_surnames=args.common_surnames,
        per_kind=args.per_kind,
        rebuild=args.rebuild_index,
        say=lambda m: print(m, file=sys.stderr, flush=True),
    )
    print(format_table(figures, connection.vendor))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
