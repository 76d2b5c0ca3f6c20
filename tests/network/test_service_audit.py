"""Each network service writes its own access-log row with the actor and the
context, also without a request (issue 10); a refusal writes none."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.service_audit import CONTEXT, assert_row, new_rows
from vangnet.network import services

from .factories import propose, to_in_care

pytestmark = pytest.mark.django_db


def test_propose_writes_one_row_with_the_legal_ground(casus, service, users):
    with new_rows() as rows:
        propose(casus, service, users["bemoeizorger"], context=CONTEXT)
    [row] = rows
    assert_row(row, users["bemoeizorger"], action="C", object_type="verwijzing", casus=casus)
    assert row.reason.endswith("Wpg art. 2, OGGZ-taak gemeente")


def test_propose_refused_writes_none(casus, service, users):
    with new_rows() as rows, pytest.raises(ValidationError):
        propose(casus, service, users["bemoeizorger"], parts=(), context=CONTEXT)
    assert rows == []


def test_accept_and_refuse_write_one_row_each(casus, service, users, fact_partner):
    first = propose(casus, service, users["bemoeizorger"])
    with new_rows() as rows:
        services.refuse_referral(first, by=fact_partner, reason="geen_plek", context=CONTEXT)
    [row] = rows
    assert_row(row, fact_partner, action="U", object_type="verwijzing", casus=casus)
    assert row.detail == "verwijzing geweigerd: geen_plek" and row.reason == "ontvangende netwerkpartner (verwijzing)"

    second = propose(casus, service, users["bemoeizorger"])
    with new_rows() as rows, pytest.raises(ValidationError):
        services.accept_referral(second, by=fact_partner, intake_date=None, context=CONTEXT)  # type: ignore[arg-type]
    assert rows == []
    with new_rows() as rows:
        services.accept_referral(second, by=fact_partner, intake_date=timezone.localdate(), context=CONTEXT)
    [row] = rows
    assert_row(row, fact_partner, action="U", object_type="verwijzing", casus=casus)
    assert row.detail == "verwijzing geaccepteerd"


def test_worker_steps_write_one_row_each(casus, service, users, fact_partner):
    worker, today = users["duo"], timezone.localdate()
    referral = propose(casus, service, users["bemoeizorger"])
    services.accept_referral(referral, by=fact_partner, intake_date=today)
    with new_rows() as rows:
        services.record_intake(referral, by=worker, on=today, warm=True, context=CONTEXT)
    [row] = rows
    assert_row(row, worker, action="U", object_type="verwijzing", casus=casus)
    assert row.detail == "intake vastgelegd" and row.reason == "casuslid"
    with new_rows() as rows:
        services.record_in_care(referral, by=worker, on=today, context=CONTEXT)
    # The referral's row, and the casus moving to nazorg (change_phase's own row).
    assert [(r.object_type, r.detail) for r in rows] == [
        ("verwijzing", "in zorg vastgelegd"),
        ("casus", "fase gewijzigd naar nazorg"),
    ]
    for row in rows:
        assert_row(row, worker, action="U", object_type=row.object_type, casus=casus)


def test_withdraw_writes_one_row_and_refused_none(casus, service, users):
    referral = propose(casus, service, users["bemoeizorger"])
    with new_rows() as rows, pytest.raises(ValidationError):
        services.withdraw_referral(referral, by=users["duo"], reason=" ", context=CONTEXT)
    assert rows == []
    with new_rows() as rows:
        services.withdraw_referral(referral, by=users["duo"], reason="Niet meer nodig", context=CONTEXT)
    [row] = rows
    assert_row(row, users["duo"], action="U", object_type="verwijzing", casus=casus)


def test_follow_up_answer_and_decision_write_their_rows(casus, service, users, fact_partner):
    referral = to_in_care(propose(casus, service, users["bemoeizorger"]), users["bemoeizorger"], fact_partner)
    follow_up = referral.follow_ups.get(key="2w")
    with new_rows() as rows, pytest.raises(ValidationError):
        services.answer_follow_up(follow_up, by=users["duo"], answer="misschien", context=CONTEXT)
    assert rows == []
    with new_rows() as rows:
        follow_up = services.answer_follow_up(follow_up, by=users["duo"], answer="nee", context=CONTEXT)
    [row] = rows
    assert_row(row, users["duo"], action="U", object_type="vinger aan de pols", casus=casus)
    assert row.detail == "nog in zorg: nee"
    with new_rows() as rows:
        services.decide_after_no(
            follow_up, by=users["duo"], decision="heropend", to_phase="toeleiding", reason="Uit zorg", context=CONTEXT
        )
    assert [r.detail for r in rows] == ["fase gewijzigd naar toeleiding", "besluit na vinger aan de pols: heropend"]
    for row in rows:
        assert_row(row, users["duo"], action="U", object_type="casus", casus=casus)


def test_status_message_writes_one_row(melding, users):
    with new_rows() as rows:
        services.send_status_message(melding, template="ontvangen", by=users["meldpunt"], context=CONTEXT)
    [row] = rows
    assert_row(row, users["meldpunt"], action="U", object_type="statusbericht", melding=melding)
    assert row.detail == "statusbericht ontvangen via email"


def test_status_message_refused_writes_none(melding, users):
    with new_rows() as rows, pytest.raises(ValidationError):
        services.send_status_message(melding, template="onzin", by=users["meldpunt"], context=CONTEXT)
    assert rows == []
