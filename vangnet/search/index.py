"""Keep the search index (``SearchToken``) in step with meldingen and persons.

- ``melding_tokens`` / ``person_tokens``: the tokens of one record;
- ``index_melding`` / ``index_person``: rebuild one record's tokens (on every save,
  through the signals connected in ``SearchConfig.ready``);
- ``rebuild_index()``: all of them, in bulk (after an import or a restore, and by
  the scale benchmark; ``manage.py rebuild_search_index``).

A bulk ``update()`` elsewhere (a merge moving meldingen) does not fire the signals;
the tokens then describe the melding as it was, which only widens what is looked
at: every result is filtered by the user's access afterwards."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import post_save

from vangnet.intake.models import Melding
from vangnet.persons.matching.features import features_from, place_words, record_keys
from vangnet.persons.models import Person

from .models import SearchToken

WORD = "w"
KEY = "k"
TOKEN_LENGTH = 80

MELDING_FIELDS = (
    "pk",
    "person_id",
    "given_names",
    "tussenvoegsel",
    "surname",
    "sex",
    "date_of_birth",
    "bsn",
    "street",
    "house_number",
    "postcode",
    "city",
    "place_description",
)
PERSON_FIELDS = ("pk", "street", "place_description")


def _get(record: Any, name: str) -> Any:
    return record.get(name) if isinstance(record, dict) else getattr(record, name)


def words_of(*texts: str) -> set[str]:
    out: set[str] = set()
    for text in texts:
        out |= place_words(text or "")
    return {WORD + w for w in out}


def melding_tokens(m: Any) -> set[str]:
    """A melding (instance or ``values(*MELDING_FIELDS)`` dict)."""
    # Not the town: a word every tenth record shares finds nothing (the matcher's keys
    # combine the town with a name or a street).
    tokens = words_of(_get(m, "place_description"), _get(m, "street"))
    if _get(m, "person_id") is None:
        f = features_from(
            given_names=_get(m, "given_names"),
            surname_prefix=_get(m, "tussenvoegsel"),
            surname=_get(m, "surname"),
            sex=_get(m, "sex"),
            date_of_birth=_get(m, "date_of_birth"),
            bsn=_get(m, "bsn"),
            street=_get(m, "street"),
            house_number=_get(m, "house_number"),
            postcode=_get(m, "postcode"),
            city=_get(m, "city"),
        )
        tokens |= {KEY + k for k in record_keys(f)}
    return {t[:TOKEN_LENGTH] for t in tokens}


def person_tokens(p: Any) -> set[str]:
    """A person: the words of the place description and the street (names, date of
    birth, BSN, postcode and phone are in the matcher's key table already)."""
    return {t[:TOKEN_LENGTH] for t in words_of(_get(p, "place_description"), _get(p, "street"))}


def index_melding(melding: Melding) -> None:
    with transaction.atomic():
        SearchToken.objects.filter(melding_id=melding.pk).delete()
        SearchToken.objects.bulk_create(SearchToken(melding_id=melding.pk, token=t) for t in melding_tokens(melding))


def index_person(person: Person) -> None:
    with transaction.atomic():
        SearchToken.objects.filter(person_id=person.pk).delete()
        SearchToken.objects.bulk_create(SearchToken(person_id=person.pk, token=t) for t in person_tokens(person))


def _chunks(qs: QuerySet, fields: tuple[str, ...], size: int) -> Iterator[list[dict]]:
    last = 0
    while True:
        rows = list(qs.filter(pk__gt=last).order_by("pk").values(*fields)[:size])
        if not rows:
            return
        yield rows
        last = rows[-1]["pk"]


def _insert(tokens: Iterable[SearchToken]) -> int:
    rows = list(tokens)
    SearchToken.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def rebuild_index(batch_size: int = 5000) -> int:
    """Rebuild every token; returns how many were written."""
    SearchToken.objects.all().delete()
    n = 0
    for rows in _chunks(Person.objects.all(), PERSON_FIELDS, batch_size):
        with transaction.atomic():
            n += _insert(SearchToken(person_id=r["pk"], token=t) for r in rows for t in person_tokens(r))
    for rows in _chunks(Melding.objects.all(), MELDING_FIELDS, batch_size):
        with transaction.atomic():
            n += _insert(SearchToken(melding_id=r["pk"], token=t) for r in rows for t in melding_tokens(r))
    return n


def _melding_saved(sender: type, instance: Melding, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        index_melding(instance)


def _person_saved(sender: type, instance: Person, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        index_person(instance)


def connect() -> None:
    post_save.connect(_melding_saved, sender=Melding, dispatch_uid="search_index_melding")
    post_save.connect(_person_saved, sender=Person, dispatch_uid="search_index_person")
