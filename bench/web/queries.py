"""Which SQL statements a page of the page benchmark runs, and from where: for finding the
query to remove when a page is over its budget (bench/web/budget.json).

    DATABASE_URL=sqlite:////tmp/webbench/demo.sqlite3 .venv/bin/python -m bench.web.queries casus persoon

Asks each named page once in-process after one warm-up request (as the CI budget does), on
the bench data set already in the database (run bench.web.run or bench.scale first), and
prints one line per statement: its number, the innermost project frame that ran it
(vangnet/…:line in function), and the start of the SQL.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from typing import Any

import django

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class QueryRecorder:
    """Keeps each statement with the project frames that led to it."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str]] = []

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        frames = [
            f"{os.path.relpath(f.filename, ROOT)}:{f.lineno} {f.name}"
            for f in traceback.extract_stack()[:-1]
            if f.filename.startswith(os.path.join(ROOT, "vangnet"))
        ]
        self.rows.append((" < ".join(reversed(frames[-3:])) or "(framework)", sql))
        return execute(sql, params, many, context)


def show(keys: list[str], width: int) -> int:
    from django.conf import settings
    from django.db import connection

    from bench.common import client_for
    from bench.web.pages import pages

    if "localhost" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    known = {p.key: p for p in pages()}
    for key in keys:
        page = known.get(key)
        if page is None:
            print(f"unknown page {key}; known: {', '.join(known)}", file=sys.stderr)
            return 2
        client = client_for(f"bench-{page.role}")[1]

        def ask(page: Any = page, client: Any = client) -> Any:
            return client.post(page.path, page.data) if page.method == "POST" else client.get(page.path, page.data)

        ask()
        recorder = QueryRecorder()
        with connection.execute_wrapper(recorder):
            response = ask()
        print(f"== {key} ({page.path}): status {response.status_code}, {len(recorder.rows)} queries")
        for i, (where, sql) in enumerate(recorder.rows, 1):
            print(f"{i:3} {where}\n      {' '.join(sql.split())[:width]}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("pages", nargs="+", help="page keys of bench/web/pages.py")
    parser.add_argument("--width", type=int, default=220, help="characters of SQL per statement")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vangnet.settings")
    os.environ.setdefault("DEBUG", "1")
    django.setup()
    return show(args.pages, args.width)


if __name__ == "__main__":
    sys.exit(main())
