"""Casus benchmark (issue 12, item 8): one casus with a long history, one user.

    DATABASE_URL=sqlite:////tmp/casus-a.sqlite3 .venv/bin/python -m bench.casus.run --attempts 10000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_page_bench .venv/bin/python -m bench.casus.run ...
    # the second data set (not tuned on): other seed, fewer attempts with long notes
    ... -m bench.casus.run --seed 2 --attempts 3000 --notes 300 --note-length 2000

Builds a small world with bench/scale (so the other sections of the casus page
find real tables), then one casus of the bench bemoeizorger with a duo partner
and ``--attempts`` contact attempts over four years (bulk_create of realistic
rows: all kinds and results, one in three with a note, half of them with the
duo), ``--notes`` notes and a few phase changes. Then, through the whole Django
stack (middleware, 2FA session, guard and access log, template), for that user:
the casus page, "toon eerdere" (HTMX), the HTMX attempt POST (each one really
saves an attempt) and once the print view. Targets: casus page p95 <= 150 ms,
HTMX attempt p95 <= 80 ms, page weight <= 150 kB.
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
from bench.scale.build import build, setup_django

NOTES = (
    "Aangebeld, niemand deed open. Gordijnen dicht, brievenbus vol.",
    "Buurvrouw zegt dat meneer 's nachts naar buiten gaat.",
    "Kaartje achtergelaten met ons telefoonnummer.",
    "Kort gesproken bij de voordeur, wil nu geen hulp.",
    "Telefoon gaat over, geen voicemail.",
    "Samen met wijkagent geweest; deur bleef dicht.",
)
TYPES = ("huisbezoek", "huisbezoek", "huisbezoek", "telefoon", "briefje", "straat", "netwerk")
RESULTS = ("geen_gehoor", "geen_gehoor", "geen_gehoor", "geweigerd", "kort_contact", "gesprek")


def long_casus(*, attempts: int, notes: int, note_length: int, seed: int) -> Any:
    """The bench casus with its history (or the one an earlier run built with this seed)."""
    from django.db import transaction
    from django.utils import timezone

    from bench.scale.build import _next_id
    from vangnet.accounts.models import User
    from vangnet.cases.models import CaseMember, CaseNote, Casus, ContactAttempt, Phase, PhaseChange
    from vangnet.persons.models import Person

    reference = f"C-BENCH-{seed}"
    found = Casus.objects.filter(reference=reference).first()
    if found is not None:
        return found
    rng = random.Random(f"bench-casus-{seed}")
    regisseur = User.objects.get(username="bench-bemoeizorger")
    duo = User.objects.filter(organisation=regisseur.organisation, role="bemoeizorger").exclude(pk=regisseur.pk)[0]
    person = Person.objects.filter(casussen__isnull=True).order_by("pk")[seed]
    organisation = regisseur.organisation
    assert organisation is not None
    now = timezone.now()
    opened = now - timedelta(days=4 * 365)
    span = (now - timedelta(hours=2) - opened).total_seconds()
    filler = " ".join(NOTES)

    def note_text(i: int) -> str:
        base = NOTES[i % len(NOTES)]
        if note_length <= len(base):
            return base
        return (base + " " + filler * (note_length // len(filler) + 1))[:note_length]

    with transaction.atomic():
        casus = Casus.objects.create(
            reference=reference,
            person=person,
            organisation=organisation,
            team=regisseur.teams.first(),
            casusregisseur=regisseur,
            opened_at=opened,
        )
        CaseMember.objects.create(casus=casus, user=regisseur, role=CaseMember.Role.REGISSEUR)
        CaseMember.objects.create(casus=casus, user=duo, role=CaseMember.Role.DUO)
        changes = [("", Phase.CONTACT_LEGGEN), (Phase.CONTACT_LEGGEN, Phase.VERKENNEN)]
        changes += [(Phase.VERKENNEN, Phase.LANGDURIG)]
        for i, (from_phase, to_phase) in enumerate(changes):
            PhaseChange.objects.create(
                casus=casus,
                from_phase=from_phase,
                to_phase=to_phase,
                reason="Bench: start" if not from_phase else "Bench: volgende fase",
                changed_by=regisseur,
                changed_at=opened + timedelta(days=400 * i),
            )
        through = ContactAttempt.workers.through
        first = _next_id(ContactAttempt)
        times = sorted(opened + timedelta(seconds=rng.random() * span) for _ in range(attempts))
        rows, workers = [], []
        for i, at in enumerate(times):
            pk = first + i
            rows.append(
                ContactAttempt(
                    id=pk,
                    casus=casus,
                    at=at,
                    type=rng.choice(TYPES),
                    result=rng.choice(RESULTS),
                    with_police=rng.random() < 0.05,
                    note=note_text(i) if rng.random() < 1 / 3 else "",
                    created_by=regisseur,
                )
            )
            workers.append(through(contactattempt_id=pk, user_id=regisseur.pk))
            if rng.random() < 0.5:
                workers.append(through(contactattempt_id=pk, user_id=duo.pk))
        ContactAttempt.objects.bulk_create(rows, batch_size=2000)
        through.objects.bulk_create(workers, batch_size=5000)
        from vangnet.cases.services import refresh_has_contact_attempt

        refresh_has_contact_attempt([casus.pk])  # bulk_create bypasses the service that keeps it
        note_rows = [
            CaseNote(casus=casus, text=note_text(i), author=rng.choice((regisseur, duo))) for i in range(notes)
        ]
        CaseNote.objects.bulk_create(note_rows, batch_size=2000)
        # created_at is auto_now_add: spread the notes over the years afterwards
        for n in CaseNote.objects.filter(casus=casus):
            n.created_at = opened + timedelta(seconds=rng.random() * span)
        CaseNote.objects.bulk_update(list(CaseNote.objects.filter(casus=casus)), ["created_at"], batch_size=2000)
        from bench.scale.build import _reset_sequences

        _reset_sequences(ContactAttempt)
    return casus


def timed(fn: Any, iterations: int) -> tuple[list[float], list[float]]:
    """Wall and process (CPU) milliseconds per call: on a shared machine the wall
    time includes waiting for a CPU, the process time does not."""
    times, cpu = [], []
    for _ in range(iterations):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return times, cpu


def figures(label: str, timings: tuple[list[float], list[float]], response: Any, queries: int) -> dict:
    times, cpu = timings
    return {
        "what": label,
        "status": response.status_code,
        "kB": round(len(response.content) / 1024, 1),
        "queries": queries,
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(percentile(times, 95), 1),
        "max_ms": round(max(times), 1),
        "cpu_p95_ms": round(percentile(cpu, 95), 1),
    }


def measure(casus: Any, iterations: int) -> dict:
    from django.conf import settings
    from django.db import connection
    from django.urls import reverse
    from django.utils import timezone

    from vangnet.cases import timeline

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    user, client = client_for("bench-bemoeizorger")
    duo = casus.members.exclude(user=user).first().user
    detail = reverse("cases:detail", args=[casus.pk])
    out: dict[str, Any] = {
        "vendor": connection.vendor,
        "attempts": casus.attempts.count(),
        "notes": casus.notes.count(),
        "results": [],
    }

    def once(fn: Any) -> tuple[Any, int]:
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            response = fn()
        assert response.status_code == 200, response.status_code
        return response, counter.count

    def page() -> Any:
        return client.get(detail)

    for _ in range(2):
        page()
    response, queries = once(page)
    out["results"].append(figures("casus page", timed(page, iterations), response, queries))

    before = timeline.timeline_page(casus).next_before

    def more() -> Any:
        return client.get(detail, {"voor": before}, HTTP_HX_REQUEST="true")

    response, queries = once(more)
    out["results"].append(figures("toon eerdere (HTMX)", timed(more, iterations), response, queries))

    url = reverse("cases:attempt_add", args=[casus.pk])

    def post() -> Any:
        at = (timezone.localtime() - timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M")
        data: dict[str, Any] = {"snel": "huisbezoek:geen_gehoor", "at": at, "with_police": "nee", "note": ""}
        data["workers"] = [str(user.pk), str(duo.pk)]
        return client.post(url, data, HTTP_HX_REQUEST="true")

    post()
    response, queries = once(post)
    assert b"De contactpoging is vastgelegd." in response.content
    out["results"].append(figures("HTMX attempt POST", timed(post, iterations), response, queries))

    printed = reverse("cases:print", args=[casus.pk])
    response, queries = once(lambda: client.get(printed))
    timings = timed(lambda: client.get(printed), 1)
    out["results"].append(figures("print view (whole timeline, once)", timings, response, queries))
    return out


def table(result: dict) -> str:
    lines = [
        f"{result['vendor']}: one casus with {result['attempts']} attempts and {result['notes']} notes",
        "",
        "| request | kB | queries | p50 ms | p95 ms | max ms | CPU p95 ms |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in result["results"]:
        lines.append(
            f"| {r['what']} | {r['kB']} | {r['queries']} | {r['p50_ms']} | {r['p95_ms']} | {r['max_ms']} "
            f"| {r['cpu_p95_ms']} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=10_000)
    parser.add_argument("--notes", type=int, default=100)
    parser.add_argument("--note-length", type=int, default=0, help="characters per note (0: a short sentence)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--iterations", type=int, default=20)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    say = lambda msg: print(msg, file=sys.stderr, flush=True)  # noqa: E731
    build(persons=500, meldingen=500, seed=1, casus_share=0.2, progress=say)
    t0 = time.perf_counter()
    casus = long_casus(attempts=args.attempts, notes=args.notes, note_length=args.note_length, seed=args.seed)
    say(f"casus {casus.reference}: built in {time.perf_counter() - t0:.1f} s")
    result = measure(casus, args.iterations)
    print(table(result))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
