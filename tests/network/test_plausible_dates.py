"""Issue 12, item 2: implausible referral and follow-up dates are refused on
their field with a Dutch message (today 31-12-2099 is accepted as an intake
date), and the absolute rules hold in the database too."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from vangnet.core.plausible import PLANNING_HORIZON
from vangnet.network import services
from vangnet.network.models import FollowUp, Referral

from .factories import propose, to_in_care

pytestmark = pytest.mark.django_db
S = Referral.Status
TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


def _codes(error: ValidationError, field: str) -> list[str | None]:
    return [e.code for e in error.error_dict[field]]


# --- the planned intake (the partner's answer) -----------------------------------


def test_an_intake_planned_in_2099_is_refused_on_its_field(casus, service, users, fact_partner):
    referral = propose(casus, service, users["bemoeizorger"])
    with pytest.raises(ValidationError) as caught:
        services.accept_referral(referral, by=fact_partner, intake_date=datetime.date(2099, 12, 31))
    assert _codes(caught.value, "intake_date") == ["too_far"]
    referral.refresh_from_db()
    assert referral.status == S.PROPOSED and referral.intake_date is None


def test_an_intake_on_the_planning_horizon_is_fine_one_day_later_is_not(casus, service, users, fact_partner):
    referral = propose(casus, service, users["bemoeizorger"])
    with pytest.raises(ValidationError):
        services.accept_referral(referral, by=fact_partner, intake_date=TODAY() + PLANNING_HORIZON + DAY)
    services.accept_referral(referral, by=fact_partner, intake_date=TODAY() + PLANNING_HORIZON)
    assert Referral.objects.get(pk=referral.pk).status == S.ACCEPTED


def test_an_intake_planned_before_the_referral_names_the_referral(casus, service, users, fact_partner):
    referral = propose(casus, service, users["bemoeizorger"])
    with pytest.raises(ValidationError) as caught:
        services.accept_referral(referral, by=fact_partner, intake_date=TODAY() - DAY)
    assert _codes(caught.value, "intake_date") == ["before_start"]
    assert "het voorstel van de verwijzing" in caught.value.messages[0]


def test_the_partner_page_says_what_is_wrong_and_keeps_the_typed_date(casus, service, users, fact_partner, login):
    referral = propose(casus, service, users["bemoeizorger"])
    url = reverse("network:partner_referral", args=[referral.pk])
    response = login(fact_partner).post(
        url, {"answer": "accepteren", "intake_date": "2099-12-31", "version": referral.version}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Deze datum ligt te ver in de toekomst" in page
    assert 'value="2099-12-31"' in page
    assert Referral.objects.get(pk=referral.pk).status == S.PROPOSED


# --- the intake held and "in zorg sinds" (the worker) ----------------------------


def _accepted(casus, service, users, partner):
    referral = propose(casus, service, users["bemoeizorger"])
    return services.accept_referral(referral, by=partner, intake_date=TODAY())


def test_an_intake_held_tomorrow_or_before_the_referral_is_refused(casus, service, users, fact_partner):
    referral = _accepted(casus, service, users, fact_partner)
    worker = users["bemoeizorger"]
    for day, code in ((TODAY() + DAY, "future"), (TODAY() - DAY, "before_start")):
        with pytest.raises(ValidationError) as caught:
            services.record_intake(referral, by=worker, on=day, warm=True)
        assert _codes(caught.value, "intake_on") == [code]
    assert Referral.objects.get(pk=referral.pk).status == S.ACCEPTED


def test_in_care_since_tomorrow_or_before_the_intake_is_refused(casus, service, users, fact_partner):
    worker = users["bemoeizorger"]
    with time_machine.travel(timezone.now() - 10 * DAY, tick=False):
        referral = _accepted(casus, service, users, fact_partner)
        services.record_intake(referral, by=worker, on=TODAY(), warm=True)
    intake = referral.intake_on
    for day, code in ((TODAY() + DAY, "future"), (intake - DAY, "before_start")):
        with pytest.raises(ValidationError) as caught:
            services.record_in_care(referral, by=worker, on=day)
        assert _codes(caught.value, "in_care_on") == [code]
    services.record_in_care(referral, by=worker, on=intake)
    assert Referral.objects.get(pk=referral.pk).status == S.IN_CARE


def test_in_care_since_in_the_future_on_the_page_is_a_field_error(casus, service, users, fact_partner, login):
    worker = users["bemoeizorger"]
    referral = _accepted(casus, service, users, fact_partner)
    services.record_intake(referral, by=worker, on=TODAY(), warm=True)
    referral.refresh_from_db()
    url = reverse("network:referral_in_care", args=[referral.pk])
    response = login(worker).post(url, {"in_care_on": "2099-12-31", "version": referral.version})
    page = response.content.decode()
    assert "Deze datum ligt in de toekomst." in page and 'value="2099-12-31"' in page
    assert Referral.objects.get(pk=referral.pk).status == S.INTAKE_DONE


# --- vinger aan de pols: the day it was checked -------------------------------


@pytest.fixture
def in_care(casus, service, users, fact_partner):
    with time_machine.travel(timezone.now() - 20 * DAY, tick=False):
        return to_in_care(propose(casus, service, users["bemoeizorger"]), users["bemoeizorger"], fact_partner)


def test_a_follow_up_checked_tomorrow_is_refused(in_care, users):
    follow_up = in_care.follow_ups.get(key="2w")
    with pytest.raises(ValidationError) as caught:
        services.answer_follow_up(follow_up, by=users["bemoeizorger"], answer="ja", checked_on=TODAY() + DAY)
    assert _codes(caught.value, "checked_on") == ["future"]
    assert FollowUp.objects.get(pk=follow_up.pk).answer == ""


def test_a_follow_up_checked_before_it_started_is_refused(in_care, users):
    follow_up = in_care.follow_ups.get(key="2w")
    with pytest.raises(ValidationError) as caught:
        services.answer_follow_up(follow_up, by=users["bemoeizorger"], answer="ja", checked_on=in_care.in_care_on - DAY)
    assert _codes(caught.value, "checked_on") == ["before_start"]
    assert "de start van de zorg bij de partner" in caught.value.messages[0]


def test_a_follow_up_keeps_the_day_it_was_checked(in_care, users):
    follow_up = in_care.follow_ups.get(key="2w")
    services.answer_follow_up(follow_up, by=users["bemoeizorger"], answer="ja", checked_on=TODAY() - 2 * DAY)
    assert FollowUp.objects.get(pk=follow_up.pk).checked_on == TODAY() - 2 * DAY
    other = in_care.follow_ups.get(key="3m")
    services.answer_follow_up(other, by=users["bemoeizorger"], answer="onbekend")
    assert FollowUp.objects.get(pk=other.pk).checked_on == TODAY()  # not typed: today


def test_the_follow_up_page_puts_the_message_on_the_date(in_care, users, login):
    follow_up = in_care.follow_ups.get(key="2w")
    url = reverse("network:follow_up_answer", args=[follow_up.pk])
    response = login(users["bemoeizorger"]).post(url, {"answer": "ja", "checked_on": "2099-12-31"})
    page = response.content.decode()
    assert "Deze datum ligt in de toekomst." in page and 'value="2099-12-31"' in page
    assert FollowUp.objects.get(pk=follow_up.pk).answer == ""


# --- the database keeps the absolute rules ----------------------------------------


def test_the_database_refuses_in_care_before_the_intake(casus, service, users, fact_partner):
    referral = to_in_care(propose(casus, service, users["bemoeizorger"]), users["bemoeizorger"], fact_partner)
    with pytest.raises(IntegrityError), transaction.atomic():
        Referral.objects.filter(pk=referral.pk).update(in_care_on=referral.intake_on - DAY)


@pytest.mark.parametrize("field", ["accepted_at", "refused_at", "withdrawn_at"])
def test_the_database_refuses_an_answer_before_the_proposal(casus, service, users, field):
    referral = propose(casus, service, users["bemoeizorger"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Referral.objects.filter(pk=referral.pk).update(**{field: referral.proposed_at - DAY})


def test_the_database_refuses_a_decision_before_the_answer(in_care, users):
    follow_up = in_care.follow_ups.get(key="2w")
    services.answer_follow_up(follow_up, by=users["bemoeizorger"], answer="nee")
    follow_up.refresh_from_db()
    with pytest.raises(IntegrityError), transaction.atomic():
        FollowUp.objects.filter(pk=follow_up.pk).update(decided_at=follow_up.answered_at - DAY)


def test_the_referral_page_shows_the_day_it_was_checked(in_care, users, login):
    follow_up = in_care.follow_ups.get(key="2w")
    day = TODAY() - DAY
    services.answer_follow_up(follow_up, by=users["bemoeizorger"], answer="ja", checked_on=day)
    page = login(users["bemoeizorger"]).get(reverse("network:referral_detail", args=[in_care.pk])).content.decode()
    with translation.override("nl"):
        assert f"Ja, nog in zorg (nagevraagd op {date_format(day, 'j F Y')})" in page
