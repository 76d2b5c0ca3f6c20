"""Access-log benchmark (issue 17, item 4): a person's access log at 10 M rows, on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/auditscale_large \\
      VANGNET_ALLOW_INSECURE_KEY=1 VANGNET_ALLOW_CONSOLE_EMAIL=1 \\
      .venv/bin/python -m bench.accesslog.run --rows 10000000

1. builds a small bench data set with bench/scale (a few thousand persons with
   casussen and meldingen, the bench users) or reuses it;
2. fills ``audit_accesslog`` up to ``--rows`` rows in bulk (INSERT ... SELECT over
   generate_series, 1 M rows a statement, with the secondary indexes dropped and
   rebuilt after, and the triggers disabled: the rows carry old timestamps, which the
   database-clock trigger refuses). The rows look like the real log: skewed over the
   persons (person i gets a share ~ 1/sqrt(i), so one busy person has many rows),
   reads of casussen (with the person id, as ``_subject_fields`` writes them), of
   meldingen (5 % without a person, like an untriaged melding), of persons, and rows
   without a subject (pages, searches); 1 % break-glass; 114,000 rows a day (the
   issue's 50 users) ending now. The hash columns are filler: the bench database's
   chain does not verify, and is not production;
3. VACUUM ANALYZE, then times page 1, page 100 and the last (oldest) page of the
   busiest person's access log through the real view (Django test client, a
   2FA-verified teamleider session), ``--iterations`` times each: p50/p95 and the
   SQL query count, plus EXPLAIN (ANALYZE, BUFFERS) of the view's log query and the
   table and index sizes (bytes per row, a year's growth).

``--paging offset`` asks the pages as main did (``?pagina=N``); the default
``keyset`` follows the keyset links (``?voor=<id>``, ``?oudste=1``).
Target (issue 17): every page <= 150 ms at 10 M rows.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from datetime import timedelta
from typing import Any

from bench.common import QueryCounter, client_for, percentile
from bench.scale.build import build, setup_django

CHUNK = 1_000_000
ROWS_PER_DAY = 114_000  # the figure for 50 users
WORKING_DAYS = 250
PAGE_SIZE = 50

SUBJECTS = """
CREATE TEMP TABLE bench_subj AS
SELECT (row_number() OVER (ORDER BY busy DESC, nmel DESC, id) - 1)::int AS idx, id,
       coalesce(cas, '{}') AS cas, coalesce(mel, '{}') AS mel
FROM (
  SELECT p.id,
         EXISTS (SELECT 1 FROM cases_casus c WHERE c.person_id = p.id AND c.organisation_id = %s) AS busy,
         (SELECT count(*) FROM intake_melding m WHERE m.person_id = p.id) AS nmel,
         (SELECT array_agg(c.id) FROM cases_casus c WHERE c.person_id = p.id) AS cas,
         (SELECT array_agg(m.id) FROM intake_melding m WHERE m.person_id = p.id) AS mel
  FROM persons_person p WHERE p.is_active
) s;
CREATE UNIQUE INDEX ON bench_subj (idx);
CREATE TEMP TABLE bench_users AS
SELECT (row_number() OVER (ORDER BY u.id) - 1)::int AS idx, u.id, u.username, u.role,
       coalesce(o.name, '') AS org
FROM accounts_user u LEFT JOIN organisations_organisation o ON o.id = u.organisation_id;
CREATE UNIQUE INDEX ON bench_users (idx);
CREATE TEMP TABLE bench_loose AS
SELECT (row_number() OVER (ORDER BY id) - 1)::int AS idx, id FROM intake_melding WHERE person_id IS NULL;
"""

FILL = """
INSERT INTO audit_accesslog (id, seq, prev_hash, hash, "timestamp", user_id, username, role, organisation,
                             action, person_id, casus_id, melding_id, object_type, detail, reason,
                             break_glass, ip_address, path)
SELECT g, g, md5((g - 1)::text) || md5((g - 1)::text || 'v'), md5(g::text) || md5(g::text || 'v'),
       %(start)s::timestamptz + (g * %(step)s) * interval '1 microsecond',
       u.id::text, u.username, u.role, u.org,
       CASE WHEN r4 < 0.95 THEN 'R' WHEN r4 < 0.98 THEN 'U' WHEN r4 < 0.995 THEN 'E' ELSE 'G' END,
       CASE WHEN kind IN ('casus', 'persoon') THEN p.id::text
            WHEN kind = 'melding' AND r2 >= 0.05 THEN p.id::text ELSE '' END,
       CASE WHEN kind = 'casus' THEN p.cas[1 + floor(r2 * cardinality(p.cas))::int]::text ELSE '' END,
       CASE WHEN kind = 'melding' AND r2 >= 0.05 THEN p.mel[1 + floor(r3 * cardinality(p.mel))::int]::text
            WHEN kind = 'melding' THEN coalesce(l.id::text, p.mel[1]::text) ELSE '' END,
       CASE WHEN kind = 'leeg' THEN (ARRAY['pagina', 'zoekopdracht', 'cijfers'])[1 + floor(r2 * 3)::int]
            ELSE kind END,
       (ARRAY['werklijst te triëren', 'casus bekeken', 'persoon bekeken', 'mijn casussen',
              'melding bekeken', 'zoeken'])[1 + floor(r3 * 6)::int],
       CASE WHEN r5 < 0.01 AND kind <> 'leeg' THEN 'noodtoegang: acute zorg, telefonisch overleg met huisarts'
            ELSE (ARRAY['casuslid', 'organisatie', 'meldpunt', 'triage'])[1 + floor(r3 * 4)::int] END,
       r5 < 0.01 AND kind <> 'leeg',  -- break-glass rows are about a person
       ('10.0.' || floor(r3 * 250)::int || '.' || floor(r2 * 250)::int)::inet,
       '/' || kind || '/' || g %% 100000 || '/'
FROM (
  SELECT g, r2, r3, r4, r5, pidx, uidx, lidx,
         CASE WHEN r1 < 0.45 AND cardinality(p0.cas) > 0 THEN 'casus'
              WHEN r1 < 0.80 AND cardinality(p0.mel) > 0 THEN 'melding'
              WHEN r1 < 0.92 THEN 'persoon' ELSE 'leeg' END AS kind
  FROM (
    SELECT g, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5,
           least(floor(%(persons)s * power(random(), 2))::int, %(persons)s - 1) AS pidx,
           floor(%(users)s * random())::int AS uidx,
           floor(%(loose)s * random())::int AS lidx
    FROM generate_series(%(first)s::bigint, %(last)s::bigint) AS g
  ) s0 JOIN bench_subj p0 ON p0.idx = s0.pidx
) s
JOIN bench_subj p ON p.idx = s.pidx
JOIN bench_users u ON u.idx = s.uidx
LEFT JOIN bench_loose l ON l.idx = s.lidx
ORDER BY g
"""


def say(msg: str) -> None:
    print(msg, flush=True)


def _secondary_indexes(cursor: Any) -> list[tuple[str, str]]:
    """(name, CREATE INDEX statement) of the log's indexes that back no constraint."""
    cursor.execute(
        """SELECT i.indexname, i.indexdef FROM pg_indexes i
           WHERE i.tablename = 'audit_accesslog'
             AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)"""
    )
    return list(cursor.fetchall())


def fill(rows: int) -> None:
    from django.db import connection, transaction

    from vangnet.organisations.models import Organisation

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM audit_accesslog")
        have = cursor.fetchone()[0]
    if have >= rows:
        say(f"access log: {have:,} rows already, reused")
        return
    org_a = Organisation.objects.filter(name="Bench GGD A").values_list("pk", flat=True).first()
    t0 = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(SUBJECTS, [org_a])
        cursor.execute("SELECT count(*) FROM bench_subj")
        persons = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM bench_users")
        users = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM bench_loose")
        loose = cursor.fetchone()[0]
        cursor.execute("SELECT coalesce(max(seq), 0) FROM audit_accesslog")
        start_at = cursor.fetchone()[0] + 1
        cursor.execute("SELECT clock_timestamp()")
        now = cursor.fetchone()[0]
        days = rows / ROWS_PER_DAY
        start = now - timedelta(days=days)
        step = int(days * 86400 * 1e6 / rows)  # microseconds between rows
        indexes = _secondary_indexes(cursor)
        for name, _sql in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute("ALTER TABLE audit_accesslog DISABLE TRIGGER USER")
        first = start_at
        while first <= rows:
            last = min(first + CHUNK - 1, rows)
            cursor.execute(
                FILL,
                {
                    "start": start,
                    "step": step,
                    "persons": persons,
                    "users": users,
                    "loose": max(loose, 1),
                    "first": first,
                    "last": last,
                },
            )
            say(f"  rows {first:,}-{last:,} ({time.perf_counter() - t0:.0f} s)")
            first = last + 1
        cursor.execute("ALTER TABLE audit_accesslog ENABLE TRIGGER USER")
        t1 = time.perf_counter()
        for _name, sql in indexes:
            cursor.execute(sql)
        say(f"  {len(indexes)} secondary indexes rebuilt in {time.perf_counter() - t1:.0f} s")
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('audit_accesslog', 'id'), (SELECT max(id) FROM audit_accesslog))"
        )
        cursor.execute(
            "UPDATE audit_accesslogchainhead SET seq = l.seq, hash = l.hash"
            " FROM (SELECT seq, hash FROM audit_accesslog ORDER BY seq DESC LIMIT 1) l WHERE audit_accesslogchainhead.id = 1"
        )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE audit_accesslog")
    say(f"access log filled to {rows:,} rows in {time.perf_counter() - t0:.0f} s")


def busiest_person() -> Any:
    from django.db import connection

    from vangnet.persons.models import Person

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT person_id FROM audit_accesslog WHERE person_id <> '' AND seq <= 2000000"
            " GROUP BY person_id ORDER BY count(*) DESC LIMIT 1"
        )
        pk = int(cursor.fetchone()[0])
    return Person.objects.get(pk=pk)


class Recorder:
    """Keeps the SQL of a request (for EXPLAIN) and counts it."""

    def __init__(self) -> None:
        self.statements: list[tuple[str, Any]] = []

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.statements.append((sql, params))
        return execute(sql, params, many, context)


def log_query(statements: list[tuple[str, Any]]) -> tuple[str, Any] | None:
    """The statement that reads the page's rows (the longest SELECT on the log)."""
    reads = [(s, p) for s, p in statements if s.lstrip().upper().startswith("SELECT") and "audit_accesslog" in s]
    return max(reads, key=lambda sp: len(sp[0]), default=None)


def keyset_cursor(client: Any, url: str, page: int) -> int | None:
    """The ``voor`` id of page ``page`` (newest first), following the view's "ouder" links."""
    before = None
    for _ in range(page - 1):
        html = client.get(url if before is None else f"{url}?voor={before}").content.decode()
        older = re.search(r"\?voor=([0-9]+)", html)
        if older is None:
            return before
        before = int(older[1])
    return before


def time_page(client: Any, url: str, iterations: int) -> tuple[list[float], int, list[tuple[str, Any]]]:
    from django.db import connection

    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(iterations):
        t = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - t) * 1000)
    recorder = Recorder()
    counter = QueryCounter()
    with connection.execute_wrapper(counter), connection.execute_wrapper(recorder):
        client.get(url)
    return times, counter.count, recorder.statements


def explain(sql: str, params: Any) -> list[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        return [r[0] for r in cursor.fetchall()]


def sizes(rows: int) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM audit_accesslog")
        n = cursor.fetchone()[0]
        cursor.execute(
            "SELECT pg_relation_size('audit_accesslog'), pg_total_relation_size('audit_accesslog'),"
            " pg_indexes_size('audit_accesslog')"
        )
        heap, total, idx = cursor.fetchone()
        cursor.execute(
            "SELECT indexrelname, pg_relation_size(indexrelid) FROM pg_stat_user_indexes"
            " WHERE relname = 'audit_accesslog' ORDER BY 2 DESC"
        )
        per_index = cursor.fetchall()
    mb = 1024 * 1024
    say(f"\nsizes at {n:,} rows: table {heap / mb:,.0f} MB, indexes {idx / mb:,.0f} MB, total {total / mb:,.0f} MB")
    for name, size in per_index:
        say(f"  {name:55s} {size / mb:9,.1f} MB")
    per_row = total / max(n, 1)
    year = ROWS_PER_DAY * WORKING_DAYS
    say(
        f"bytes per row: {heap / max(n, 1):.0f} table + {idx / max(n, 1):.0f} indexes = {per_row:.0f};"
        f" a year ({ROWS_PER_DAY:,} rows x {WORKING_DAYS} working days = {year / 1e6:.1f} M rows)"
        f" = {per_row * year / 1024**3:.1f} GB"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--persons", type=int, default=3000)
    parser.add_argument("--meldingen", type=int, default=6000)
    parser.add_argument("--iterations", type=int, default=20)
    parser.add_argument("--paging", choices=["keyset", "offset"], default="keyset")
    parser.add_argument("--fill-only", action="store_true")
    args = parser.parse_args(argv)

    setup_django()
    from django.db import connection
    from django.urls import reverse

    if connection.vendor != "postgresql":
        say("bench/accesslog needs PostgreSQL (DATABASE_URL=postgres://...)")
        return 2
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    res = build(persons=args.persons, meldingen=args.meldingen, seed=17, casus_share=0.3, progress=say)
    fill(args.rows)
    if args.fill_only:
        return 0
    person = busiest_person()
    _user, client = client_for(res.users["teamleider"])
    url = reverse("persons:access_log", args=[person.pk])
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM audit_accesslog WHERE person_id = %s", [str(person.pk)])
        own = cursor.fetchone()[0]
    say(f"\nbusiest person {person.pk}: {own:,} rows with its person id ({args.paging} paging)")
    if args.paging == "offset":
        from vangnet.persons.services import access_log_for_person

        t = time.perf_counter()
        total = access_log_for_person(person).count()
        say(f"its access log (the view's OR of three subjects): {total:,} rows, count {time.perf_counter() - t:.1f} s")
        last_page = -(-total // PAGE_SIZE)
        urls = [("page 1", url), ("page 100", f"{url}?pagina=100"), ("last page", f"{url}?pagina={last_page}")]
    else:
        cursor_100 = keyset_cursor(client, url, 100)
        urls = [("page 1", url), ("page 100", f"{url}?voor={cursor_100}"), ("last page", f"{url}?oudste=1")]
    say(f"{'page':10s} {'p50 ms':>8s} {'p95 ms':>8s} {'queries':>8s}")
    explained = []
    for label, page_url in urls:
        times, queries, statements = time_page(client, page_url, args.iterations)
        say(f"{label:10s} {statistics.median(times):8.1f} {percentile(times, 95):8.1f} {queries:8d}")
        explained.append((label, log_query(statements)))
    for label, stmt in explained:
        if stmt is None:
            continue
        say(f"\nEXPLAIN ANALYZE ({label}):")
        for line in explain(*stmt):
            if re.search(r"Scan|Limit|Sort|Append|Union|Join|Execution|Planning|Index Cond|Buffers: shared", line):
                say("  " + line[:160])
    sizes(args.rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
