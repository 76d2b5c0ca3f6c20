"""Rules of the partner API that are not the intake's: idempotent submission."""

import hashlib
import json
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import KEY_LIFETIME, MAX_KEY_LENGTH, IdempotencyKey


class InvalidKey(ValueError):
    """The Idempotency-Key header is empty, too long or has odd characters."""


class KeyReused(Exception):
    """The key was used before for a request with another body."""


@dataclass
class Answer:
    status_code: int
    body: dict
    melding: object = None
    replayed: bool = False


def check_key(key: str) -> str:
    key = key.strip()
    if not key or len(key) > MAX_KEY_LENGTH or not key.isascii() or not key.isprintable():
        raise InvalidKey(
            _("De Idempotency-Key moet 1 tot %(max)d leesbare ASCII-tekens lang zijn.") % {"max": MAX_KEY_LENGTH}
        )
    return key


def request_fingerprint(data) -> str:
    """SHA-256 of the parsed body: the same melding sent as other JSON text (key
    order, spacing) is the same request."""
    if hasattr(data, "lists"):  # a QueryDict from a form post
        data = {key: values for key, values in data.lists()}
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def forget_expired_keys() -> None:
    IdempotencyKey.objects.filter(created_at__lt=timezone.now() - KEY_LIFETIME).delete()


def answer_once(*, user, key: str, fingerprint: str, produce) -> Answer:
    """Run ``produce()`` (which returns an ``Answer``) once per user and key.

    The key row is inserted first, in the same transaction as the melding: a
    second request with the same key waits for the first one's commit (the
    unique constraint on PostgreSQL, the write lock on SQLite) and then gets its
    stored answer. When ``produce`` raises (invalid input), everything is rolled
    back and the key can be used again."""
    forget_expired_keys()
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = IdempotencyKey.objects.create(
                    user=user, key=key, request_hash=fingerprint, status_code=0, response_body={}
                )
        except IntegrityError:
            earlier = IdempotencyKey.objects.select_related("melding").get(user=user, key=key)
            if earlier.request_hash != fingerprint:
                raise KeyReused(key) from None
            return Answer(earlier.status_code, earlier.response_body, earlier.melding, replayed=True)
        answer = produce()
        record.status_code = answer.status_code
        record.response_body = answer.body
        record.melding = answer.melding
        record.save(update_fields=["status_code", "response_body", "melding"])
        return answer
