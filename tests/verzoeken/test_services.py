"""The rules of a request: who registers it, a double submit, deciding (a refusal needs a
reason, a granted correction says what was corrected), the restriction in effect until
lifted with a reason, the history of every change, and one access-log row per change."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.factories import MeldingFactory, PersonFactory
from tests.service_audit import CONTEXT, assert_row, new_rows
from vangnet.core.concurrency import ConcurrentEditError
from vangnet.verzoeken import services
from vangnet.verzoeken.models import Verzoek

from .conftest import grant, make

pytestmark = pytest.mark.django_db


def test_register_writes_the_request_its_history_and_one_row(person, users):
    with new_rows() as rows:
        verzoek = make(person, users["teamleider"], context=CONTEXT)
    [row] = rows
    assert_row(row, users["teamleider"], action="C", object_type="verzoek", person=person)
    assert row.detail.startswith(verzoek.reference)
    assert "geboortedatum" not in row.detail.lower(), "the log names the request, not what was asked"
    assert verzoek.status == "ontvangen"
    assert verzoek.organisation == users["teamleider"].organisation
    [event] = verzoek.history.all()
    assert (event.event, event.by) == ("geregistreerd", users["teamleider"])


def test_a_double_submit_is_one_request(person, users):
    first = make(person, users["teamleider"])
    with new_rows() as rows:
        second = make(person, users["teamleider"])
    assert first.pk == second.pk and Verzoek.objects.count() == 1 and rows == []


@pytest.mark.parametrize("who", ["meldpunt", "bemoeizorger", "duo", "other_teamleider", "privacy", "beheerder"])
def test_only_the_teamleider_of_an_organisation_that_holds_the_records_registers(person, users, who):
    with new_rows() as rows, pytest.raises(PermissionDenied):
        make(person, users[who])
    assert not Verzoek.objects.exists() and rows == []


def test_a_teamleider_whose_organisation_holds_nothing_of_the_person_is_refused(users):
    with pytest.raises(PermissionDenied):
        make(PersonFactory(), users["teamleider"])


def test_a_melding_received_by_the_meldpunt_is_enough(users, ggd):
    person = PersonFactory()
    MeldingFactory(meldpunt=ggd, created_by=users["meldpunt"], person=person)
    assert make(person, users["teamleider"]).person == person


@pytest.mark.parametrize(
    "field, kw",
    [
        ("kind", {"kind": "vergeten"}),
        ("channel", {"channel": "postduif"}),
        ("request_text", {"text": "   "}),
        ("request_text", {"text": "x" * 2001}),
    ],
)
def test_bad_input_is_refused_on_its_field(person, users, field, kw):
    with pytest.raises(ValidationError) as exc:
        make(person, users["teamleider"], **kw)
    assert field in exc.value.message_dict


def test_a_refusal_needs_a_reason(person, users):
    verzoek = make(person, users["teamleider"])
    with pytest.raises(ValidationError) as exc:
        services.decide_request(
            verzoek,
            expected_version=verzoek.version,
            outcome="afgewezen",
            decided_on=timezone.localdate(),
            answer=" ",
            by=users["teamleider"],
        )
    assert "answer" in exc.value.message_dict
    verzoek.refresh_from_db()
    assert verzoek.status == "ontvangen"


def test_a_granted_correction_says_what_was_corrected(person, users):
    verzoek = make(person, users["teamleider"])
    with pytest.raises(ValidationError) as exc:
        grant(verzoek, users["teamleider"], correction_done="")
    assert "correction_done" in exc.value.message_dict
    with new_rows() as rows:
        grant(verzoek, users["teamleider"], correction_done="Geboortedatum 1-2-1970 wordt 2-1-1970", context=CONTEXT)
    verzoek.refresh_from_db()
    assert (verzoek.status, verzoek.decided_by, verzoek.correction_done) == (
        "toegewezen",
        users["teamleider"],
        "Geboortedatum 1-2-1970 wordt 2-1-1970",
    )
    [row] = rows
    assert_row(row, users["teamleider"], action="U", object_type="verzoek", person=person)
    assert [h.event for h in verzoek.history.all()] == ["geregistreerd", "toegewezen"]
    assert "2-1-1970" in verzoek.history.last().note


def test_a_decided_request_is_not_decided_again(person, users):
    verzoek = grant(make(person, users["teamleider"]), users["teamleider"])
    with pytest.raises(ValidationError) as exc:
        grant(verzoek, users["teamleider"])
    assert exc.value.message_dict["__all__"] == ["Over dit verzoek is al besloten."]


def test_the_decision_date_is_not_before_receipt_nor_in_the_future(person, users):
    with time_machine.travel("2026-03-10 10:00 +01:00", tick=False):
        verzoek = make(person, users["teamleider"], received_on=date(2026, 3, 5))
        for day in (date(2026, 3, 4), date(2026, 3, 11)):
            with pytest.raises(ValidationError) as exc:
                grant(verzoek, users["teamleider"], decided_on=day)
            assert "decided_on" in exc.value.message_dict


def test_an_edit_conflict_changes_nothing(person, users):
    verzoek = make(person, users["teamleider"])
    stale = verzoek.version
    services.start_handling(verzoek, expected_version=stale, by=users["teamleider"])
    with pytest.raises(ConcurrentEditError):
        services.decide_request(
            Verzoek.objects.get(pk=verzoek.pk),
            expected_version=stale,
            outcome="afgewezen",
            decided_on=timezone.localdate(),
            answer="Nee",
            by=users["teamleider"],
        )
    verzoek.refresh_from_db()
    assert verzoek.status == "in_behandeling"


def test_another_organisations_teamleider_cannot_handle_it(person, users):
    verzoek = make(person, users["teamleider"])
    with pytest.raises(PermissionDenied):
        services.start_handling(verzoek, expected_version=verzoek.version, by=users["other_teamleider"])
    with pytest.raises(PermissionDenied):
        grant(verzoek, users["other_teamleider"])


# --- restriction ----------------------------------------------------------------------


def test_a_granted_restriction_restricts_processing_until_lifted_with_a_reason(person, users):
    verzoek = make(person, users["teamleider"], kind="beperking", text="Niets meer delen met de woningcorporatie")
    assert not services.processing_restricted(person), "a request alone does not restrict"
    grant(verzoek, users["teamleider"])
    assert services.processing_restricted(person)
    verzoek.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.lift_restriction(
            verzoek, expected_version=verzoek.version, lifted_on=timezone.localdate(), reason="", by=users["teamleider"]
        )
    assert "reason" in exc.value.message_dict
    assert services.processing_restricted(person)
    services.lift_restriction(
        verzoek,
        expected_version=verzoek.version,
        lifted_on=timezone.localdate(),
        reason="Juistheid vastgesteld; betrokkene vooraf geïnformeerd",
        by=users["teamleider"],
    )
    assert not services.processing_restricted(person)
    assert verzoek.history.last().event == "beperking_opgeheven"


def test_a_refused_restriction_does_not_restrict(person, users):
    verzoek = make(person, users["teamleider"], kind="beperking")
    services.decide_request(
        verzoek,
        expected_version=verzoek.version,
        outcome="afgewezen",
        decided_on=timezone.localdate(),
        answer="Wettelijke plicht",
        by=users["teamleider"],
    )
    assert not services.processing_restricted(person)


def test_only_an_active_restriction_can_be_lifted(person, users):
    verzoek = grant(make(person, users["teamleider"]), users["teamleider"])
    verzoek.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.lift_restriction(
            verzoek,
            expected_version=verzoek.version,
            lifted_on=timezone.localdate(),
            reason="x",
            by=users["teamleider"],
        )
    assert "__all__" in exc.value.message_dict


def test_processing_restricted_of_nobody_is_false():
    assert services.processing_restricted(None) is False


# --- worklist and register --------------------------------------------------------------


def test_the_worklist_shows_open_requests_due_within_a_week_overdue_first(person, users):
    tl = users["teamleider"]
    with time_machine.travel("2026-01-01 10:00 +01:00", tick=False):
        overdue = make(person, tl, received_on=date(2026, 1, 1), text="te laat")
    with time_machine.travel("2026-01-10 10:00 +01:00", tick=False):
        soon = make(person, tl, received_on=date(2026, 1, 10), text="bijna")
        later = make(person, tl, received_on=date(2026, 1, 10), text="later")
        services.extend_term(
            later, expected_version=later.version, reason="Veel verzoeken", told_on=date(2026, 1, 10), by=tl
        )
    with time_machine.travel("2026-01-20 10:00 +01:00", tick=False):
        far = make(person, tl, received_on=date(2026, 1, 20), text="ver weg")
        done = make(person, tl, received_on=date(2026, 1, 2), text="klaar")
        grant(done, tl)
    with time_machine.travel("2026-02-04 10:00 +01:00", tick=False):
        rows = services.worklist_rows(tl)
    assert [r.verzoek.pk for r in rows] == [overdue.pk, soon.pk]
    assert [r.overdue for r in rows] == [True, False]
    assert rows[1].days_left == 6
    assert far.pk not in [r.verzoek.pk for r in rows]
    assert services.worklist_rows(users["other_teamleider"]) == []
    assert services.worklist_rows(users["bemoeizorger"]) == []


def test_the_register_is_the_privacy_officers(person, users):
    make(person, users["teamleider"])
    assert len(services.register(users["privacy"])) == 1
    for who in ("teamleider", "beheerder", "meldpunt"):
        with pytest.raises(PermissionDenied):
            services.register(users[who])


def test_register_rows_hold_no_person_and_no_text(person, users):
    verzoek = make(person, users["teamleider"], text="=HYPERLINK(geheim)")
    [row] = services.register_rows([verzoek], timezone.localdate() + timedelta(days=40))
    flat = " ".join(str(c) for c in row)
    assert person.surname not in flat and "HYPERLINK" not in flat
    assert row[0] == verzoek.reference and row[services.REGISTER_COLUMNS.index("te laat")] == "ja"


def test_a_request_decided_after_its_term_is_marked_late(person, users):
    with time_machine.travel("2026-01-05 10:00 +01:00", tick=False):
        verzoek = make(person, users["teamleider"], received_on=date(2026, 1, 5))
    with time_machine.travel("2026-02-06 10:00 +01:00", tick=False):
        grant(verzoek, users["teamleider"], decided_on=date(2026, 2, 6))
    verzoek.refresh_from_db()
    assert verzoek.decided_late
    [row] = services.register_rows([verzoek], date(2026, 2, 6))
    assert row[services.REGISTER_COLUMNS.index("te laat besloten")] == "ja"
    assert row[services.REGISTER_COLUMNS.index("te laat")] == "nee"


def test_removing_the_person_keeps_the_register_but_nothing_about_him(person, users):
    verzoek = grant(make(person, users["teamleider"], text="Mijn adres is Dorpsstraat 1"), users["teamleider"])
    assert services.anonymise_requests_of(person) == 1
    verzoek.refresh_from_db()
    assert verzoek.person is None and verzoek.request_text == "" and verzoek.correction_done == ""
    assert verzoek.status == "toegewezen" and verzoek.received_on and verzoek.reference
    assert set(verzoek.history.values_list("note", flat=True)) == {""}
