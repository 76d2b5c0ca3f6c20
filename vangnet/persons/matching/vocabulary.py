"""The surname vocabulary of the match index, for typo-tolerant lookup. Shared by
``index`` (which adds the surnames it stores) and ``search`` (which looks up similar ones)."""

from __future__ import annotations

import time
from collections.abc import Iterable

from django.db import connection
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from .store_models import PersonMatchKey


class SurnameVocabulary:
    """The distinct surname keys in the store, for typo-tolerant lookup ("Jonssen" finds
    "Janssen"). Kept per process; loaded on first use, refreshed after ``max_age`` seconds
    and extended by this process's own imports and saves."""

    max_age = 600.0

    def __init__(self):
        self.by_length: dict[int, set[str]] = {}
        # The same words as lists, built once per length: rapidfuzz wants a sequence, and
        # turning a set of 100,000 surnames into a list on every query costs milliseconds.
        self._lists: dict[int, list[str]] = {}
        self.loaded_at: float | None = None

    def add(self, phonetics: Iterable[str]) -> None:
        if self.loaded_at is None:
            return  # loaded in full on first use anyway
        for ph in phonetics:
            words = self.by_length.setdefault(len(ph), set())
            if ph not in words:
                words.add(ph)
                self._lists.pop(len(ph), None)

    def _load(self) -> None:
        table = PersonMatchKey._meta.db_table
        by_length: dict[int, set[str]] = {}
        with connection.cursor() as cur:
            cur.execute(f"SELECT DISTINCT key FROM {table} WHERE key >= 's' AND key < 't'")
            for (key,) in cur.fetchall():
                by_length.setdefault(len(key) - 1, set()).add(key[1:])
        self.by_length = {n: set(v) for n, v in by_length.items()}
        self._lists = {}
        self.loaded_at = time.monotonic()

    def similar(self, phonetic: str) -> set[str]:
        if self.loaded_at is None or time.monotonic() - self.loaded_at > self.max_age:
            self._load()
        n = len(phonetic)
        if n < 3:
            return set()
        max_edits = 1 if n < 5 else 2
        found: set[str] = set()
        for length in range(n - max_edits, n + max_edits + 1):
            words = self.by_length.get(length)
            if not words:
                continue
            choices = self._lists.get(length)
            if choices is None:
                choices = self._lists[length] = list(words)
            for word, _score, _i in process.extract(
                phonetic, choices, scorer=Levenshtein.distance, score_cutoff=max_edits, limit=25
            ):
                found.add(word)
        return found


# One per process: index and search share it.
vocabulary = SurnameVocabulary()
