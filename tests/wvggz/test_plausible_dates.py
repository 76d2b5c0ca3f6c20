"""Issue 12, item 2: the dates of a verkennend onderzoek are plausible: the
professional's judgement, the request sent to the officier van justitie and
the day the melder was told are not ahead and not before what they follow."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from vangnet.wvggz import services
from vangnet.wvggz.models import Onderzoek, Outcome
from vangnet.wvggz.questionnaire import field_name

from .helpers import answer_all, full_answers, make_onderzoek

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def onderzoek(ggd, users):
    return make_onderzoek(ggd, users["meldpunt"], received_at=timezone.now() - 10 * DAY, lead=users["bemoeizorger"])


def _with_judgement_on(onderzoek, day: str) -> dict:
    answers = full_answers(onderzoek)
    question = services.questions_of(onderzoek).get(key="oordeel")
    answers[question.pk] = {**answers[question.pk], "date": day}
    return answers


def _judgement_field(onderzoek) -> str:
    return field_name(services.questions_of(onderzoek).get(key="oordeel"), "date")


@pytest.mark.parametrize(
    ("day", "code"),
    [("2099-12-31", "future"), ("1899-01-01", "before_start")],
)
def test_a_judgement_ahead_or_before_the_melding_is_refused_on_its_field(onderzoek, users, day, code):
    with pytest.raises(ValidationError) as caught:
        services.save_answers(onderzoek, _with_judgement_on(onderzoek, day), by=users["bemoeizorger"])
    errors = caught.value.error_dict[_judgement_field(onderzoek)]
    assert [e.code for e in errors] == [code]
    assert not onderzoek.answers.exists()


def test_a_judgement_on_the_day_of_the_melding_is_fine(onderzoek, users):
    day = timezone.localdate(onderzoek.melding.received_at).isoformat()
    services.save_answers(onderzoek, _with_judgement_on(onderzoek, day), by=users["bemoeizorger"])
    assert onderzoek.answers.count() == len(full_answers(onderzoek))


def test_the_questionnaire_page_puts_the_message_on_the_judgement_date(onderzoek, users, login):
    field = _judgement_field(onderzoek)
    url = reverse("wvggz:questionnaire", args=[onderzoek.pk])
    response = login(users["bemoeizorger"]).post(
        url, {"version": onderzoek.version, field: "2099-12-31", "q_gedrag": "Getypt gedrag"}
    )
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page and "Deze datum ligt in de toekomst." in page
    assert "Getypt gedrag" in page and 'value="2099-12-31"' in page
    assert not onderzoek.answers.exists()


@pytest.fixture
def decided(onderzoek, users):
    answer_all(onderzoek, users["bemoeizorger"])
    services.decide(onderzoek, by=users["bemoeizorger"], outcome=Outcome.AANVRAAG)
    onderzoek.refresh_from_db()
    return onderzoek


def test_a_request_sent_tomorrow_or_before_the_decision_is_refused_on_its_field(decided, users):
    bz = users["bemoeizorger"]
    for moment, code in ((timezone.now() + DAY, "future"), (decided.decided_at - DAY, "before_start")):
        with pytest.raises(ValidationError) as caught:
            services.record_request_sent(decided, sent_at=moment, by=bz)
        assert [e.code for e in caught.value.error_dict["sent_on"]] == [code]
    assert Onderzoek.objects.get(pk=decided.pk).request_sent_at is None


def test_the_melder_page_puts_a_future_date_on_its_field(decided, users, login):
    url = reverse("wvggz:melder", args=[decided.pk])
    response = login(users["bemoeizorger"]).post(
        url,
        {"version": decided.version, "how": "brief", "informed_on": "2099-12-31", "message": "Brief gestuurd."},
    )
    page = response.content.decode()
    assert 'id="id_informed_on_error"' in page and "Deze datum ligt in de toekomst." in page
    assert Onderzoek.objects.get(pk=decided.pk).melder_informed_at is None


def test_the_melder_page_refuses_a_day_before_the_decision(decided, users, login):
    before = timezone.localdate(decided.decided_at) - DAY
    url = reverse("wvggz:melder", args=[decided.pk])
    response = login(users["bemoeizorger"]).post(
        url,
        {"version": decided.version, "how": "brief", "informed_on": before.isoformat(), "message": "Brief."},
    )
    page = response.content.decode()
    assert 'id="id_informed_on_error"' in page and "het besluit" in page
    assert Onderzoek.objects.get(pk=decided.pk).melder_informed_at is None


def test_the_database_refuses_a_decision_before_the_start(decided):
    with pytest.raises(IntegrityError), transaction.atomic():
        Onderzoek.objects.filter(pk=decided.pk).update(decided_at=decided.started_at - DAY)
