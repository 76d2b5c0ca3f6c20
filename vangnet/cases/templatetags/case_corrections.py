"""The correction line of a timeline entry (issue 12): what the include
``cases/includes/entry_correction.html`` needs, without a query for the
entries that were never corrected (most of them: their version is 1)."""

from dataclasses import dataclass, field
from typing import Any

from django import template
from django.urls import reverse

from vangnet.access import policies
from vangnet.cases import policies as case_policies
from vangnet.cases.models import CaseNote, ContactAttempt

register = template.Library()

_URLS = {
    "poging": ("cases:attempt_correct", "cases:attempt_void"),
    "notitie": ("cases:note_correct", "cases:note_void"),
}


@dataclass
class CorrectionState:
    record: Any
    kind: str
    revisions: list = field(default_factory=list)
    may_correct: bool = False
    correct_url: str = ""
    void_url: str = ""

    @property
    def last(self) -> Any:
        return self.revisions[-1] if self.revisions else None

    @property
    def voided(self) -> bool:
        return self.record.voided_at is not None


@register.simple_tag(takes_context=True)
def correction_state(context: template.Context, entry: Any) -> CorrectionState | None:
    """None for an entry that cannot be corrected (a melding, a phase change)."""
    record = getattr(entry, "record", None)
    if not isinstance(record, ContactAttempt | CaseNote):
        return None
    kind = "poging" if isinstance(record, ContactAttempt) else "notitie"
    state = CorrectionState(record, kind)
    if record.version > 1:  # corrected or voided at least once
        related = ["was_workers"] if kind == "poging" else []
        state.revisions = list(record.revisions.select_related("by").prefetch_related(*related))
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or state.voided:
        return state
    casus = record.casus
    can_work = context.get("can_work")
    if can_work is None:  # a page without it in its context: once per casus and user, not per entry
        cache = casus.__dict__.setdefault("_can_work_by_user", {})
        if user.pk not in cache:
            cache[user.pk] = policies.can_work_on_casus(user, casus)
        can_work = cache[user.pk]
    author_id = record.created_by_id if isinstance(record, ContactAttempt) else record.author_id
    if can_work and case_policies.may_correct(user, casus, author_id):
        state.may_correct = True
        correct, void = _URLS[kind]
        state.correct_url = reverse(correct, args=[record.pk])
        state.void_url = reverse(void, args=[record.pk])
    return state
