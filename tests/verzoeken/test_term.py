"""The legal term (AVG art. 12(3)): one calendar month after receipt, the end of a shorter
month when the day does not exist there; extendable once by two months within the first
month, with a reason and the day the person was told; overdue after its last day."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from vangnet.verzoeken import services

from .conftest import make

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "received, due",
    [
        (date(2026, 1, 15), date(2026, 2, 15)),
        (date(2026, 1, 31), date(2026, 2, 28)),  # no 31 February
        (date(2028, 1, 31), date(2028, 2, 29)),  # leap year
        (date(2026, 3, 31), date(2026, 4, 30)),
        (date(2026, 12, 31), date(2027, 1, 31)),  # over the year
        (date(2026, 2, 28), date(2026, 3, 28)),
    ],
)
def test_the_term_is_one_calendar_month(received, due):
    assert services.due_date(received) == due


def test_the_extended_term_is_three_months_after_receipt():
    assert services.extended_due_date(date(2025, 11, 30)) == date(2026, 2, 28)
    assert services.extended_due_date(date(2026, 1, 31)) == date(2026, 4, 30)


@time_machine.travel("2026-02-10 10:00 +01:00", tick=False)
def test_a_registered_request_gets_its_due_date(person, users):
    verzoek = make(person, users["teamleider"], received_on=date(2026, 1, 31))
    assert verzoek.due_on == date(2026, 2, 28)
    assert verzoek.term_ends_on == date(2026, 2, 28)


def test_overdue_only_after_the_last_day(person, users):
    with time_machine.travel("2026-01-31 10:00 +01:00", tick=False):
        verzoek = make(person, users["teamleider"], received_on=date(2026, 1, 31))
    assert not verzoek.is_overdue(date(2026, 2, 28))
    assert verzoek.is_overdue(date(2026, 3, 1))


def test_a_decided_request_is_never_overdue(person, users):
    with time_machine.travel("2026-01-05 10:00 +01:00", tick=False):
        verzoek = make(person, users["teamleider"], received_on=date(2026, 1, 5))
    with time_machine.travel("2026-03-01 10:00 +01:00", tick=False):
        verzoek.refresh_from_db()
        services.decide_request(
            verzoek,
            expected_version=verzoek.version,
            outcome="afgewezen",
            decided_on=date(2026, 3, 1),
            answer="De gegevens kloppen; bron: BRP.",
            by=users["teamleider"],
        )
    assert not verzoek.is_overdue(date(2026, 3, 2))


def _extend(verzoek, by, told_on, reason="Ingewikkeld: vier organisaties betrokken"):
    verzoek.refresh_from_db()
    return services.extend_term(verzoek, expected_version=verzoek.version, reason=reason, told_on=told_on, by=by)


def test_the_term_is_extended_by_two_months_with_a_reason(person, users):
    with time_machine.travel("2026-01-31 10:00 +01:00", tick=False):
        verzoek = make(person, users["teamleider"], received_on=date(2026, 1, 31))
    with time_machine.travel("2026-02-20 10:00 +01:00", tick=False):
        _extend(verzoek, users["teamleider"], date(2026, 2, 20))
    verzoek.refresh_from_db()
    assert verzoek.extended_until == date(2026, 4, 30)
    assert verzoek.term_ends_on == date(2026, 4, 30)
    assert not verzoek.is_overdue(date(2026, 3, 15))
    assert verzoek.is_overdue(date(2026, 5, 1))
    assert [h.event for h in verzoek.history.all()] == ["geregistreerd", "verlengd"]


def test_an_extension_needs_a_reason_and_when_the_person_was_told(person, users):
    verzoek = make(person, users["teamleider"])
    with pytest.raises(ValidationError) as exc:
        _extend(verzoek, users["teamleider"], verzoek.received_on, reason="  ")
    assert "reason" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        _extend(verzoek, users["teamleider"], None)
    assert "told_on" in exc.value.message_dict
    verzoek.refresh_from_db()
    assert verzoek.extended_until is None


def test_the_person_cannot_have_been_told_before_the_request_came_in(person, users):
    with time_machine.travel("2026-01-20 10:00 +01:00", tick=False):
        verzoek = make(person, users["teamleider"], received_on=date(2026, 1, 10))
        with pytest.raises(ValidationError) as exc:
            _extend(verzoek, users["teamleider"], date(2026, 1, 5))
        assert "told_on" in exc.value.message_dict
        with pytest.raises(ValidationError) as exc:
            _extend(verzoek, users["teamleider"], date(2026, 1, 25))
        assert exc.value.message_dict["told_on"] == ["Deze datum ligt in de toekomst."]


def test_an_extension_is_once_and_only_within_the_first_month(person, users):
    with time_machine.travel("2026-01-10 10:00 +01:00", tick=False):
        late = make(person, users["teamleider"], received_on=date(2026, 1, 10), text="A")
        once = make(person, users["teamleider"], received_on=date(2026, 1, 10), text="B")
        _extend(once, users["teamleider"], date(2026, 1, 10))
        with pytest.raises(ValidationError) as exc:
            _extend(once, users["teamleider"], date(2026, 1, 10))
        assert exc.value.message_dict["__all__"] == ["De termijn is al verlengd; dat kan maar één keer."]
    with time_machine.travel("2026-02-11 10:00 +01:00", tick=False):
        with pytest.raises(ValidationError) as exc:
            _extend(late, users["teamleider"], date(2026, 2, 11))
        assert "__all__" in exc.value.message_dict
    late.refresh_from_db()
    assert late.extended_until is None


def test_the_received_date_must_be_plausible(person, users):
    with time_machine.travel("2026-01-10 10:00 +01:00", tick=False):
        with pytest.raises(ValidationError) as exc:
            make(person, users["teamleider"], received_on=date(2026, 1, 11))
        assert exc.value.message_dict["received_on"] == ["Deze datum ligt in de toekomst."]
        with pytest.raises(ValidationError) as exc:
            make(person, users["teamleider"], received_on=date(1999, 12, 31))
        assert "received_on" in exc.value.message_dict
