"""The SQL query budget per page (CI, issue 17 item 6): budget.json holds, per page of the page
benchmark, the most queries one view may run on the small CI data set (SIZE: the shape of the
bench/scale "demo" preset, smaller: 100 persons, 40 casussen, one busier casus, 1,000
access-log rows; built in a few seconds).
tests/bench/test_web_budget.py fails when a page runs more (a new N+1); the timing targets
stay in bench/web/run.py.

Record new counts (after making a page cheaper, lower its budget; never raise one to let a
new N+1 through):

    BENCH_BUDGET_RECORD=/tmp/q-sqlite.json .venv/bin/pytest tests/bench/test_web_budget.py -p no:randomly
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test BENCH_BUDGET_RECORD=/tmp/q-pg.json \\
        .venv/bin/pytest tests/bench/test_web_budget.py -p no:randomly
    .venv/bin/python -m bench.web.budget /tmp/q-sqlite.json /tmp/q-pg.json   # rewrites budget.json

The budget is the larger count of the two databases plus MARGIN."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

PATH = Path(__file__).with_name("budget.json")
SIZE: dict[str, Any] = {
    "persons": 100,
    "meldingen": 200,
    "casus_share": 0.4,
    "attempts_per_casus": (2, 6),
    "history": True,
    "common_surnames": 0.1,
    "access_log": 1_000,
    "busy_attempts": 60,
    "referrals": 8,
    "named_untriaged": 0.5,
    "seed": 1,
}
MARGIN = 2


def load() -> dict[str, int]:
    return dict(json.loads(PATH.read_text())["budget"])


def write(measured: dict[str, dict[str, int]]) -> dict[str, int]:
    """budget.json from the counts per database (vendor -> page -> queries)."""
    pages = sorted({p for counts in measured.values() for p in counts})
    budget = {p: max(c[p] for c in measured.values() if p in c) + MARGIN for p in pages}
    doc = {
        "about": "Most SQL queries per view on the CI data set; see bench/web/budget.py.",
        "size": {k: list(v) if isinstance(v, tuple) else v for k, v in SIZE.items()},
        "margin": MARGIN,
        "measured": measured,
        "budget": budget,
    }
    PATH.write_text(json.dumps(doc, indent=1, ensure_ascii=False, sort_keys=False) + "\n")
    return budget


def main(argv: list[str] | None = None) -> int:
    files = argv if argv is not None else sys.argv[1:]
    if not files:
        print(__doc__)
        return 2
    measured = {}
    for name in files:
        data = json.loads(Path(name).read_text())
        measured[data["vendor"]] = data["queries"]
    for page, n in write(measured).items():
        print(f"{page}: {n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
