"""The triage services write their own access-log rows with the actor and the
context, also without a request (issue 10); a refused decision writes none."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from tests.service_audit import CONTEXT, assert_row, new_rows
from vangnet.triage.services import decide, find_known_persons, log_known_person_lookup

pytestmark = pytest.mark.django_db

RISK: dict[str, Any] = {"acute_danger": "nee", "already_in_care": "onbekend", "known_to_partners": "nee"}


def test_decision_writes_its_rows(melding, users):
    actor = users["meldpunt"]
    with new_rows() as rows:
        decide(melding, by=actor, outcome="doorverwijzen", referred_to="Wijkteam Noord", context=CONTEXT, **RISK)
    melding.refresh_from_db()
    # The new person (from the melding) and the decision on the melding.
    assert [(r.action, r.object_type) for r in rows] == [("C", "persoon"), ("U", "melding")]
    assert_row(rows[0], actor, action="C", object_type="persoon", person=melding.person)
    assert_row(rows[1], actor, action="U", object_type="melding", melding=melding, person=melding.person)


def test_refused_decision_writes_none(melding, users):
    with new_rows() as rows, pytest.raises(ValidationError):
        decide(melding, by=users["meldpunt"], outcome="geen_actie", context=CONTEXT, **RISK)  # no reason
    assert rows == []


def test_known_person_lookup_is_logged_for_the_user(melding, known_person, users):
    candidates = find_known_persons(melding, users["meldpunt"])
    with new_rows() as rows:
        log_known_person_lookup(
            users["meldpunt"], melding, candidates, reason="meldpunt van ontvangst", context=CONTEXT
        )
    assert rows[0].action == "E"
    assert_row(rows[0], users["meldpunt"], action="E", object_type="persoon", melding=melding)
    assert len(rows) == 1 + len(candidates)


def test_wvggz_decision_passes_the_context_on(melding, users):
    with new_rows() as rows:
        decide(melding, by=users["meldpunt"], outcome="wvggz", context=CONTEXT, **RISK)
    opened = [r for r in rows if r.object_type == "wvggz-onderzoek"]
    assert len(opened) == 1
    assert_row(opened[0], users["meldpunt"], action="C", object_type="wvggz-onderzoek", melding=melding)
