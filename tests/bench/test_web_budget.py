"""The SQL query budget of every page of the page benchmark (bench/web/budget.json): a new
N+1 on a page fails here, in `make test`, on both databases. A small data set (budget.SIZE),
built once for the module; each page is asked once first (warm-up), then counted once. No timings: those stay in bench/web/run.py."""

import json
import os

import pytest
from django.db import connection

from bench.scale.build import build
from bench.web import budget
from bench.web.pages import measure_in_process, pages
from tests.shared_db import built_once

pytestmark = pytest.mark.django_db
BUDGET = budget.load()
MEASURED: dict[str, int] = {}


def _make():
    build(**budget.SIZE)
    return {p.key: p for p in pages()}


@pytest.fixture(scope="module")
def bench_pages(django_db_setup, django_db_blocker):
    yield from built_once(django_db_blocker, _make)
    if path := os.environ.get("BENCH_BUDGET_RECORD"):  # bench/web/budget.py: recording new counts
        with open(path, "w") as f:
            json.dump({"vendor": connection.vendor, "queries": dict(sorted(MEASURED.items()))}, f, indent=1)


@pytest.mark.parametrize("key", sorted(BUDGET))
def test_page_stays_within_its_query_budget(bench_pages, key):
    assert key in bench_pages, f"page {key} of budget.json is not in bench/web/pages.py (or has no data)"
    got = measure_in_process([bench_pages[key]], warmup=1)[key]
    MEASURED[key] = got["queries"]
    assert got["status"] == 200, got
    assert got["queries"] <= BUDGET[key], (
        f"{key}: {got['queries']} SQL queries, budget {BUDGET[key]} (bench/web/budget.json). "
        "A new query per row shown (N+1)? Fetch it with select_related/prefetch_related, or lower "
        "the count; raise the budget only for a query that does not grow with the rows."
    )


def test_every_page_has_a_budget(bench_pages):
    assert set(bench_pages) <= set(BUDGET), f"pages without a budget: {sorted(set(bench_pages) - set(BUDGET))}"
