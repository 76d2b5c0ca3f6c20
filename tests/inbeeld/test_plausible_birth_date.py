"""Issue 12, item 2: a birth date in 2030 was answered "nee" and cost one of
the 20 daily questions. An implausible birth date is refused with a message
on the field before the question counts."""

from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse

from vangnet.audit.models import AccessLog
from vangnet.inbeeld import services
from vangnet.inbeeld.models import DailyQuestionCount, InBeeldQuestion

pytestmark = pytest.mark.django_db
URL = reverse("inbeeld:ask")


@pytest.fixture
def asker(users):
    partner = users["partner"]
    partner.user_permissions.add(Permission.objects.get(codename="ask_inbeeld", content_type__app_label="inbeeld"))
    return partner


def _ask(asker, dob):
    return services.ask_in_beeld(by=asker, purpose="melding", surname="Berg", given_names="Hans", dob=dob)


@pytest.mark.parametrize(("dob", "code"), [(date(2030, 1, 1), "future"), (date(1899, 12, 31), "too_early")])
def test_an_implausible_birth_date_is_refused_and_does_not_count(asker, dob, code):
    remaining = services.remaining_today(asker)
    with pytest.raises(ValidationError) as caught:
        _ask(asker, dob)
    assert [e.code for e in caught.value.error_dict["date_of_birth"]] == [code]
    assert services.remaining_today(asker) == remaining == services.DAILY_LIMIT
    assert not InBeeldQuestion.objects.exists()
    assert not DailyQuestionCount.objects.filter(user=asker, count__gt=0).exists()
    assert not AccessLog.objects.filter(object_type="in-beeldvraag").exists()


def test_the_page_says_so_on_the_field_and_the_counter_stays(asker, login):
    client = login(asker)
    response = client.post(
        URL, {"purpose": "melding", "surname": "Berg", "given_names": "Hans", "date_of_birth": "2030-01-01"}
    )
    page = response.content.decode()
    assert 'id="id_date_of_birth_error"' in page
    assert "De geboortedatum kan niet in de toekomst liggen." in page
    assert 'value="2030-01-01"' in page  # the typed input stays
    assert services.remaining_today(asker) == services.DAILY_LIMIT
    assert not InBeeldQuestion.objects.exists()


def test_a_plausible_birth_date_still_counts(asker):
    _ask(asker, date(1971, 4, 12))
    assert services.remaining_today(asker) == services.DAILY_LIMIT - 1
