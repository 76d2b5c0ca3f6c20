"""Every state transition of a referral, every refusal path and every illegal step."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from vangnet.cases.models import Phase
from vangnet.core.concurrency import ConcurrentEditError
from vangnet.network import services
from vangnet.network.models import Referral, RefusalReason

from .factories import ServiceFactory, propose, to_in_care

pytestmark = pytest.mark.django_db
S = Referral.Status
TODAY = timezone.localdate


def test_propose_stores_only_the_shared_texts(casus, service, users):
    referral = propose(casus, service, users["bemoeizorger"], parts=("personalia", "situatie"))
    assert referral.status == S.PROPOSED
    assert referral.shared_parts == ["personalia", "situatie"]
    assert referral.situation
    assert referral.help_question == "" and referral.risks == ""  # not shared: not stored


@pytest.mark.parametrize(
    "kwargs,field",
    [
        ({"parts": ()}, "shared_parts"),
        ({"legal_ground": ""}, "legal_ground"),
        ({"legal_ground_text": "  "}, "legal_ground_text"),
        ({"parts": ("situatie",), "situation": ""}, "situation"),
        ({"parts": ("hulpvraag",), "help_question": ""}, "help_question"),
        ({"parts": ("risico",), "risks": ""}, "risks"),
    ],
)
def test_propose_refuses_incomplete_input(casus, service, users, kwargs, field):
    with pytest.raises(ValidationError) as exc:
        propose(casus, service, users["bemoeizorger"], **kwargs)
    assert field in exc.value.message_dict


def test_propose_refuses_a_second_running_referral_to_the_same_service(casus, service, users):
    propose(casus, service, users["bemoeizorger"])
    with pytest.raises(ValidationError) as exc:
        propose(casus, service, users["bemoeizorger"])
    assert "service" in exc.value.message_dict


def test_propose_refuses_inactive_service_and_closed_casus(casus, service, users):
    service.active = False
    service.save()
    with pytest.raises(ValidationError):
        propose(casus, service, users["bemoeizorger"])
    other = ServiceFactory()
    casus.phase = Phase.AFGESLOTEN
    casus.save()
    with pytest.raises(ValidationError):
        propose(casus, other, users["bemoeizorger"])


def test_accept_sets_intake_date(casus, service, users, fact_partner):
    referral = propose(casus, service, users["bemoeizorger"])
    services.accept_referral(referral, by=fact_partner, intake_date=TODAY() + datetime.timedelta(days=7))
    referral.refresh_from_db()
    assert referral.status == S.ACCEPTED
    assert referral.intake_date == TODAY() + datetime.timedelta(days=7)
    assert referral.answered_by == fact_partner and referral.accepted_at is not None


def test_accept_needs_a_date_not_before_the_proposal(casus, service, users, fact_partner):
    referral = propose(casus, service, users["bemoeizorger"])
    for bad in (None, TODAY() - datetime.timedelta(days=3)):
        with pytest.raises(ValidationError):
            services.accept_referral(referral, by=fact_partner, intake_date=bad)
    referral.refresh_from_db()
    assert referral.status == S.PROPOSED


@pytest.mark.parametrize("reason", [r for r in RefusalReason.values if r != RefusalReason.OTHER])
def test_refuse_with_each_listed_reason(casus, service, users, fact_partner, reason):
    referral = propose(casus, service, users["bemoeizorger"])
    services.refuse_referral(referral, by=fact_partner, reason=reason)
    referral.refresh_from_db()
    assert referral.status == S.REFUSED and referral.refusal_reason == reason and referral.refused_at


def test_refuse_other_needs_a_text(casus, service, users, fact_partner):
    referral = propose(casus, service, users["bemoeizorger"])
    with pytest.raises(ValidationError) as exc:
        services.refuse_referral(referral, by=fact_partner, reason=RefusalReason.OTHER, text=" ")
    assert "refusal_text" in exc.value.message_dict
    services.refuse_referral(referral, by=fact_partner, reason=RefusalReason.OTHER, text="Verhuisd buiten werkgebied")
    referral.refresh_from_db()
    assert referral.refusal_text == "Verhuisd buiten werkgebied"


def test_refuse_needs_a_reason_from_the_list(casus, service, users, fact_partner):
    referral = propose(casus, service, users["bemoeizorger"])
    with pytest.raises(ValidationError):
        services.refuse_referral(referral, by=fact_partner, reason="zomaar")


def test_after_a_refusal_a_new_referral_to_the_same_service_is_possible(casus, service, users, fact_partner):
    referral = propose(casus, service, users["bemoeizorger"])
    services.refuse_referral(referral, by=fact_partner, reason=RefusalReason.NO_CAPACITY)
    again = propose(casus, service, users["bemoeizorger"])
    assert again.status == S.PROPOSED


def test_intake_then_in_care_moves_casus_to_nazorg_and_plans_follow_ups(casus, service, users, fact_partner):
    referral = propose(casus, service, users["bemoeizorger"])
    services.accept_referral(referral, by=fact_partner, intake_date=TODAY())
    services.record_intake(referral, by=users["bemoeizorger"], on=TODAY(), warm=True)
    referral.refresh_from_db()
    assert referral.status == S.INTAKE_DONE and referral.warm is True and referral.intake_on == TODAY()
    services.record_in_care(referral, by=users["bemoeizorger"], on=TODAY())
    referral.refresh_from_db()
    casus.refresh_from_db()
    assert referral.status == S.IN_CARE and referral.in_care_on == TODAY()
    assert casus.phase == Phase.NAZORG
    assert casus.phase_changes.last().to_phase == Phase.NAZORG
    assert sorted(referral.follow_ups.values_list("key", flat=True)) == ["2w", "3m", "6m"]


def test_intake_not_warm_is_recorded(casus, service, users, fact_partner):
    referral = propose(casus, service, users["bemoeizorger"])
    services.accept_referral(referral, by=fact_partner, intake_date=TODAY())
    services.record_intake(referral, by=users["bemoeizorger"], on=TODAY(), warm=False)
    referral.refresh_from_db()
    assert referral.warm is False


def test_intake_cannot_be_in_the_future(casus, service, users, fact_partner):
    referral = propose(casus, service, users["bemoeizorger"])
    services.accept_referral(referral, by=fact_partner, intake_date=TODAY())
    with pytest.raises(ValidationError):
        services.record_intake(referral, by=users["bemoeizorger"], on=TODAY() + datetime.timedelta(days=1), warm=True)


def test_withdraw_from_proposed_and_accepted_needs_reason(casus, service, users, fact_partner):
    first = propose(casus, service, users["bemoeizorger"])
    with pytest.raises(ValidationError):
        services.withdraw_referral(first, by=users["bemoeizorger"], reason="")
    services.withdraw_referral(first, by=users["bemoeizorger"], reason="Betrokkene verhuisd")
    assert Referral.objects.get(pk=first.pk).status == S.WITHDRAWN
    second = propose(casus, service, users["bemoeizorger"])
    services.accept_referral(second, by=fact_partner, intake_date=TODAY())
    services.withdraw_referral(second, by=users["bemoeizorger"], reason="Andere plek gevonden")
    assert Referral.objects.get(pk=second.pk).status == S.WITHDRAWN


def _in_state(state, casus, service, users, partner):
    referral = propose(casus, service, users["bemoeizorger"])
    worker = users["bemoeizorger"]
    if state == S.REFUSED:
        services.refuse_referral(referral, by=partner, reason=RefusalReason.NOT_TARGET)
    elif state == S.WITHDRAWN:
        services.withdraw_referral(referral, by=worker, reason="Niet meer nodig")
    elif state != S.PROPOSED:
        services.accept_referral(referral, by=partner, intake_date=TODAY())
        if state in (S.INTAKE_DONE, S.IN_CARE):
            services.record_intake(referral, by=worker, on=TODAY(), warm=True)
        if state == S.IN_CARE:
            services.record_in_care(referral, by=worker, on=TODAY())
    referral.refresh_from_db()
    assert referral.status == state
    return referral


STEPS = {
    "accept": (lambda r, u, p: services.accept_referral(r, by=p, intake_date=TODAY()), {S.PROPOSED}),
    "refuse": (lambda r, u, p: services.refuse_referral(r, by=p, reason=RefusalReason.NO_CAPACITY), {S.PROPOSED}),
    "intake": (lambda r, u, p: services.record_intake(r, by=u, on=TODAY(), warm=True), {S.ACCEPTED}),
    "in_care": (lambda r, u, p: services.record_in_care(r, by=u, on=TODAY()), {S.INTAKE_DONE}),
    "withdraw": (lambda r, u, p: services.withdraw_referral(r, by=u, reason="x"), {S.PROPOSED, S.ACCEPTED}),
}
ILLEGAL = [(step, state) for step, (_fn, allowed) in STEPS.items() for state in S.values if state not in allowed]


@pytest.mark.parametrize("step,state", ILLEGAL, ids=[f"{s}-from-{st}" for s, st in ILLEGAL])
def test_illegal_transitions_are_refused(step, state, casus, service, users, fact_partner):
    referral = _in_state(state, casus, service, users, fact_partner)
    version = referral.version
    with pytest.raises(ValidationError) as exc:
        STEPS[step][0](referral, users["bemoeizorger"], fact_partner)
    assert exc.value.code == "illegal_transition"
    referral.refresh_from_db()
    assert referral.status == state and referral.version == version


def test_stale_version_is_a_concurrent_edit(casus, service, users, fact_partner):
    referral = propose(casus, service, users["bemoeizorger"])
    stale = referral.version
    services.accept_referral(Referral.objects.get(pk=referral.pk), by=fact_partner, intake_date=TODAY())
    fresh = Referral.objects.get(pk=referral.pk)
    fresh.status = S.PROPOSED  # what the second user's screen still showed
    with pytest.raises(ConcurrentEditError):
        services.refuse_referral(fresh, by=fact_partner, reason=RefusalReason.NO_CAPACITY, expected_version=stale)
    assert Referral.objects.get(pk=referral.pk).status == S.ACCEPTED


def test_in_care_on_a_casus_already_in_nazorg_keeps_the_phase(casus, service, users, fact_partner):
    first = to_in_care(propose(casus, service, users["bemoeizorger"]), users["bemoeizorger"], fact_partner)
    second = propose(casus, ServiceFactory(organisation=service.organisation), users["bemoeizorger"])
    to_in_care(second, users["bemoeizorger"], fact_partner)
    casus.refresh_from_db()
    assert casus.phase == Phase.NAZORG
    assert casus.phase_changes.filter(to_phase=Phase.NAZORG).count() == 1
    assert first.follow_ups.count() == second.follow_ups.count() == 3
