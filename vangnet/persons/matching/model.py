"""The matcher's model: Fellegi-Sunter weights estimated from the registry it serves (issue 14).

A pair of person descriptions is compared field by field; each field lands on one *level*
("achternaam gelijk", "geboortedatum één cijfer anders", ...). Each level has two
probabilities, estimated without any truth:

- ``m``: how often the level occurs when both describe the same person (EM on blocked pairs),
- ``u``: how often it occurs for two different people (random pairs of the registry; for an
  exact name, the name's own frequency: a shared "de Jong" says less than a shared "Zwaanswijk").

The weight of a level is log2(m / u), the evidence in bits. Family levels (same house, same
birth date and another given name; same names a generation apart) correct for what the
independent fields double-count: their weight comes from how often such pairs of *different*
people occur in the registry, against how often chance alone would make them.

``params`` (the stored form, JSON):
    {"format": "fs-1", "trained_at": iso, "record_count": int, "pair_count": int,
     "query_count": int, "iterations": int, "prior_match": float,
     "comparisons": {name: {"label": str, "levels": [{"code", "label", "m", "u", "weight"}]}},
     "family": [{"code", "label", "observed", "expected", "weight"}],
     "thresholds": {"match": 0.99, "possible": float}}
"""

from __future__ import annotations

from typing import Any

FORMAT = "fs-1"


def train_from_database(*, sample_queries: int = 20_000) -> dict[str, Any]:
    """Estimate the model on the persons in the database (and the meldingen it served).

    Returns ``params`` as described above; storing it is the caller's job."""
    raise NotImplementedError  # filled in by the model work of issue 14
