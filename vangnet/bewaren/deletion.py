"""Deleting a record with everything that belongs to it, across all apps.

``collect(roots, allowed)`` walks the reverse relations of every model (the
``_meta.related_objects`` plus the hidden ones with ``related_name="+"``: the list Django's
own delete collector walks), whatever their ``on_delete``: a contact attempt, a referral
with its follow-ups, a crisis card, a consent record of an app written later, they all
belong to the record that they point at and go with it. Two things stop the walk:

- a *record* (``RECORD_MODELS``: person, melding, casus, Wvggz onderzoek) that is not in
  the ``allowed`` set: something outside the expired set still needs the record, so
  nothing is removed and the caller reports what needed it (labels and counts only);
- an active hold (``bewaren.Hold`` not lifted).

Relations with ``SET_NULL`` / ``SET_DEFAULT`` / ``SET(...)`` are not walked: Django clears
the link when the record goes (the row stays for its own record, anonymised: an in-beeld
question keeps no link to the removed person). Auto-created many-to-many rows go with the
delete. ``remove(collected)`` then deletes child before parent (so ``PROTECT`` is never
hit), one layer at a time, and returns the rows removed per table."""

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models.deletion import get_candidate_relations_to_delete

# The records with a bewaartermijn of their own: never removed as a part of another one.
RECORD_MODELS = frozenset({"persons.Person", "intake.Melding", "cases.Casus", "wvggz.Onderzoek"})

Node = tuple[str, int]  # (model label, pk)

WALKED = (models.CASCADE, models.PROTECT, models.RESTRICT, models.DO_NOTHING)


class Blocked(Exception):
    """Something outside the expired set still needs the record."""

    def __init__(self, needed_by: dict[str, int]):
        super().__init__(needed_by)
        self.needed_by = needed_by

    def summary(self) -> str:
        return ", ".join(f"{label} ×{count}" for label, count in sorted(self.needed_by.items()))[:300]


@dataclass
class Collected:
    nodes: set[Node] = field(default_factory=set)
    children: dict[Node, set[Node]] = field(default_factory=dict)  # parent -> rows pointing at it
    needed_by: Counter = field(default_factory=Counter)

    def counts(self) -> dict[str, int]:
        return dict(Counter(label for label, _pk in self.nodes))


def _blocking(model: type[models.Model], pks: list[int]) -> set[int]:
    """Rows of ``model`` among ``pks`` that forbid the removal by themselves (an active hold)."""
    if model._meta.label == "bewaren.Hold":
        return set(model._base_manager.filter(pk__in=pks, lifted_at__isnull=True).values_list("pk", flat=True))
    return set()


def collect(roots: dict[str, set[int]], allowed: set[Node] | None = None) -> Collected:
    """Everything that belongs to ``roots`` ({label: pks}); ``needed_by`` is non-empty when
    a record outside ``allowed`` (the roots themselves are always allowed) needs one of them."""
    result = Collected()
    allowed = set(allowed or set())
    pending: dict[str, set[int]] = {}
    for label, pks in roots.items():
        for pk in pks:
            node = (label, pk)
            allowed.add(node)
            result.nodes.add(node)
            pending.setdefault(label, set()).add(pk)
    while pending:
        label, pks = pending.popitem()
        model = apps.get_model(label)
        for rel in get_candidate_relations_to_delete(model._meta):
            if getattr(rel, "on_delete", None) not in WALKED:
                continue
            child_model: Any = rel.related_model
            child_label = child_model._meta.label
            fk: Any = getattr(rel, "field")  # noqa: B009 (a reverse relation's foreign key)
            rows = list(child_model._base_manager.filter(**{f"{fk.name}__in": list(pks)}).values_list("pk", fk.attname))
            if not rows:
                continue
            blocking = _blocking(child_model, [pk for pk, _ in rows])
            for child_pk, parent_pk in rows:
                child = (child_label, child_pk)
                if child_pk in blocking or (child_label in RECORD_MODELS and child not in allowed):
                    result.needed_by[child_label] += 1
                    continue
                result.children.setdefault((label, parent_pk), set()).add(child)
                if child not in result.nodes:
                    result.nodes.add(child)
                    pending.setdefault(child_label, set()).add(child_pk)
    return result


def remove(collected: Collected) -> dict[str, int]:
    """Delete what ``collect`` found, children first. Raises ``Blocked`` if it found a need."""
    if collected.needed_by:
        raise Blocked(dict(collected.needed_by))
    remaining = set(collected.nodes)
    removed: Counter = Counter()
    while remaining:
        layer = [n for n in remaining if not (collected.children.get(n, set()) & remaining)]
        if not layer:  # a cycle of required links: leave it to a person, remove nothing more
            raise Blocked({label: 1 for label, _pk in remaining})
        by_model: dict[str, list[int]] = {}
        for label, pk in layer:
            by_model.setdefault(label, []).append(pk)
        for label, pks in by_model.items():
            _total, per_model = apps.get_model(label)._base_manager.filter(pk__in=pks).delete()
            removed.update(per_model)
        remaining -= set(layer)
    return {label: count for label, count in removed.items() if count}
