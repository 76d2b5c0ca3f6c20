"""Plausible moments for contact attempts (issue 12, item 2): not in the future
beyond core.plausible.FUTURE_TOLERANCE, not before the casus's first melding (or
its start, when that is earlier), not before the person's birth; new and
corrected attempts alike, with the Dutch message on the field."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from vangnet.cases import services
from vangnet.cases.models import ContactAttempt
from vangnet.core.plausible import FUTURE_TOLERANCE
from vangnet.norms import services as norms

pytestmark = pytest.mark.django_db


def log(casus, user, at, result="gesprek"):
    return services.log_contact_attempt(
        casus, at=at, type="huisbezoek", result=result, workers=[], with_police=False, note="", by=user
    )


def field_errors(response, name):
    return response.context["attempt_form"].errors.get(name, [])


def test_attempt_dated_1_january_1899_is_refused_and_the_casus_shows_no_such_contact(casus, users, login, attempt_data):
    """The bug: a 'gesprek' dated 1-1-1899 was accepted; the casus then said
    'eerste echte contact: 1 januari 1899' and the norm 'binnen de norm'."""
    casus.person.date_of_birth = None  # the melding is the earlier bound that matters here
    casus.person.save()
    client = login(users["bemoeizorger"])
    response = client.post(
        reverse("cases:attempt_add", args=[casus.pk]), attempt_data(at="1899-01-01T10:00", result="gesprek")
    )
    assert response.status_code == 200
    [message] = field_errors(response, "at")
    assert message.startswith("Dit tijdstip ligt vóór de eerste melding (")
    assert 'value="1899-01-01T10:00"' in response.content.decode(), "the typed input is kept"
    assert not ContactAttempt.objects.exists()

    page = client.get(reverse("cases:detail", args=[casus.pk])).content.decode()
    assert "1899" not in page
    assert "nog geen contact" in page
    assert services.engagement(casus).first_contact_at is None
    assert norms.first_attempt_status(casus) != norms.FirstAttemptStatus.ON_TIME


def test_the_service_refuses_1899_too(casus, users):
    with pytest.raises(ValidationError) as exc:
        log(casus, users["bemoeizorger"], datetime(1899, 1, 1, 10, tzinfo=UTC))
    assert exc.value.code == "before_start"
    assert "at" in exc.value.message_dict


def test_the_database_refuses_an_attempt_before_1900(casus, users):
    """The absolute rule is a CHECK constraint: no code path can store 1899."""
    with pytest.raises(IntegrityError), transaction.atomic():
        ContactAttempt.objects.create(
            casus=casus,
            at=datetime(1899, 12, 31, 23, tzinfo=UTC),
            type="huisbezoek",
            result="gesprek",
            created_by=users["bemoeizorger"],
        )


def test_future_beyond_the_tolerance_is_refused_within_it_accepted(casus, users):
    now = timezone.now()
    with pytest.raises(ValidationError) as exc:
        log(casus, users["bemoeizorger"], now + FUTURE_TOLERANCE + timedelta(minutes=2))
    assert exc.value.code == "future"
    assert exc.value.message_dict["at"] == ["Dit tijdstip ligt in de toekomst. Vul in wanneer het was."]
    # A phone clock a couple of minutes ahead is not "the future".
    assert log(casus, users["bemoeizorger"], now + timedelta(minutes=2)).pk


def test_before_the_first_melding_is_refused_between_melding_and_start_accepted(casus, users):
    melding = casus.meldingen.get()
    with pytest.raises(ValidationError) as exc:
        log(casus, users["bemoeizorger"], melding.received_at - timedelta(minutes=1))
    assert "de eerste melding" in exc.value.message_dict["at"][0]
    # Work after the melding arrived but before the triage started the casus is real work.
    between = melding.received_at + timedelta(hours=1)
    assert between < casus.opened_at
    assert log(casus, users["bemoeizorger"], between).at == between


def test_a_casus_without_melding_counts_from_its_start(casus, users):
    casus.meldingen.update(casus=None)
    with pytest.raises(ValidationError) as exc:
        log(casus, users["bemoeizorger"], casus.opened_at - timedelta(hours=1))
    assert "de start van de casus" in exc.value.message_dict["at"][0]


def test_before_the_persons_birth_is_refused(casus, users):
    # A casus that goes back far (an old melding), about a person born recently.
    long_ago = timezone.now() - timedelta(days=4000)
    casus.meldingen.update(received_at=long_ago)
    casus.person.date_of_birth = timezone.localdate() - timedelta(days=1000)
    casus.person.save()
    casus.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        log(casus, users["bemoeizorger"], long_ago + timedelta(days=1))
    assert "de geboortedatum van de betrokkene" in exc.value.message_dict["at"][0]


def test_a_correction_to_1899_is_refused_on_the_field(casus, users, login):
    casus.person.date_of_birth = None
    casus.person.save()
    attempt = log(casus, users["bemoeizorger"], timezone.now() - timedelta(hours=1))
    response = login(users["bemoeizorger"]).post(
        reverse("cases:attempt_correct", args=[attempt.pk]),
        {
            "type": "huisbezoek",
            "result": "gesprek",
            "at": "1899-01-01T10:00",
            "with_police": "nee",
            "note": "",
            "reason": "Datum verkeerd",
            "version": attempt.version,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["at"][0].startswith("Dit tijdstip ligt vóór de eerste melding")
    attempt.refresh_from_db()
    assert attempt.at.year == timezone.now().year and attempt.version == 1
    assert not attempt.revisions.exists()
