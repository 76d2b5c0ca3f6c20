"""Keyset paging of the access log of a set of subjects (issue 17): the rows about any
of some person, casus and melding ids, newest first (``-timestamp, -id``, the model's
ordering), one page at a time, at the same cost on page 1, page 100 and the oldest
page, however large the log.

A page is asked relative to a row: ``voor`` (the rows older than row id X, the
"ouder" link), ``na`` (newer than X, "nieuwer"), ``oudste`` (the oldest page), or
nothing (the newest page). Instead of an OR over three columns (which reads every
row of the subject to sort them), the query is a UNION of one index range scan per
subject id, each stopping after a page of rows (the indexes of migration 0008:
subject + timestamp + id), and the page is the first rows of that union."""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import connection
from django.db.models.expressions import RawSQL

from .models import AccessLog

PAGE_SIZE = 50
TABLE = AccessLog._meta.db_table
# (column, partial-index condition): repeated in the query so SQLite uses the partial index.
COLUMNS = {
    "person_id": "",
    "casus_id": " AND NOT (casus_id = '')",
    "melding_id": " AND NOT (melding_id = '')",
}
ROW_ID = re.compile(r"^[0-9]{1,18}$")


@dataclass(frozen=True)
class Subjects:
    """The ids an access log is about (as text, how the log stores them)."""

    person_ids: Iterable[object] = ()
    casus_ids: Iterable[object] = ()
    melding_ids: Iterable[object] = ()

    def pairs(self) -> list[tuple[str, str]]:
        found = {
            "person_id": {str(i) for i in self.person_ids},
            "casus_id": {str(i) for i in self.casus_ids},
            "melding_id": {str(i) for i in self.melding_ids},
        }
        return [(column, value) for column, values in found.items() for value in sorted(values) if value]


@dataclass
class LogPage:
    """One page; ``older`` / ``newer`` are the row ids for the "ouder" (``?voor=``) and
    "nieuwer" (``?na=``) links, None when there is nothing that way."""

    object_list: list = field(default_factory=list)
    older: int | None = None
    newer: int | None = None

    def __iter__(self) -> Iterator[Any]:  # the views add display attributes
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    @property
    def has_other_pages(self) -> bool:
        return self.older is not None or self.newer is not None


def row_id(value: object) -> int | None:
    """A ``voor``/``na`` parameter as a row id; anything else is None (the newest page)."""
    text = str(value or "").strip()
    return int(text) if ROW_ID.match(text) else None


def _ids_sql(
    pairs: list[tuple[str, str]], cursor_row: tuple[datetime, int] | None, older: bool, limit: int
) -> tuple[str, list]:
    """The ids of the first ``limit`` rows before (``older``) or after the cursor row."""
    op, order = ("<", "DESC") if older else (">", "ASC")
    keyset, keyset_params = "", []
    if cursor_row is not None:
        stamp = connection.ops.adapt_datetimefield_value(cursor_row[0])
        keyset, keyset_params = f' AND ("timestamp", id) {op} (%s, %s)', [stamp, cursor_row[1]]
    branches, params = [], []
    for n, (column, value) in enumerate(pairs):
        branches.append(
            f'SELECT * FROM (SELECT id, "timestamp" FROM {TABLE} WHERE {column} = %s{COLUMNS[column]}{keyset}'
            f' ORDER BY "timestamp" {order}, id {order} LIMIT {int(limit)}) AS b{n}'
        )
        params += [value, *keyset_params]
    union = " UNION ".join(branches)
    sql = f'SELECT id FROM ({union}) AS u ORDER BY "timestamp" {order}, id {order} LIMIT {int(limit)}'
    return sql, params


def _rows(
    pairs: list[tuple[str, str]], cursor_row: tuple[datetime, int] | None, older: bool, limit: int
) -> list[AccessLog]:
    sql, params = _ids_sql(pairs, cursor_row, older, limit)
    # Values are parameters; the column names and the LIMIT come from this module.
    ids = RawSQL(sql, params)  # noqa: S611
    rows = list(AccessLog.objects.filter(pk__in=ids).order_by("-timestamp", "-id"))
    return rows if older else rows[::-1]  # oldest first, nearest the cursor first


def subject_log_page(
    subjects: Subjects, *, voor: object = None, na: object = None, oudste: bool = False, size: int = PAGE_SIZE
) -> LogPage:
    """The page of ``subjects``' access log that the parameters ask for (see the module
    docstring); a cursor that is no row id, or a row that is gone, gives the newest page."""
    pairs = subjects.pairs()
    if not pairs:
        return LogPage()
    before, after = row_id(voor), row_id(na)
    cursor_id = before if before is not None else after
    cursor_row = None
    if cursor_id is not None and not oudste:
        cursor_row = AccessLog.objects.filter(pk=cursor_id).values_list("timestamp", "id").first()
    if cursor_row is not None and before is not None:
        rows = _rows(pairs, cursor_row, older=True, limit=size + 1)
        shown = rows[:size]
        return LogPage(shown, older=shown[-1].pk if len(rows) > size else None, newer=shown[0].pk if shown else None)
    if (cursor_row is not None and after is not None) or oudste:
        rows = _rows(pairs, cursor_row, older=False, limit=size + 1)  # nearest the cursor first
        if oudste or len(rows) > size:
            shown = rows[:size][::-1]  # newest first again
            newer = shown[0].pk if len(rows) > size else None
            return LogPage(shown, older=shown[-1].pk if cursor_row is not None else None, newer=newer)
        # Fewer than a page newer than the cursor: that is the newest page.
    rows = _rows(pairs, None, older=True, limit=size + 1)
    shown = rows[:size]
    return LogPage(shown, older=shown[-1].pk if len(rows) > size else None)
