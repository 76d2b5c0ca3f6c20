"""Issue 12: the print view of a melding (item 9) and plausible melding dates (item 2)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from tests.factories import MeldingFactory, category
from vangnet.audit.models import AccessLog
from vangnet.intake import services
from vangnet.intake.models import Melding

from .helpers import staff_post


@pytest.fixture
def melding(ggd, users):
    return MeldingFactory(
        meldpunt=ggd,
        created_by=users["meldpunt"],
        given_names="Johannes",
        surname="Meulenbroek",
        melder_phone="06 12345678",
    )


def print_url(melding):
    return reverse("intake:print", args=[melding.pk])


# --- print view -------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["meldpunt", "teamleider"])
def test_print_view_has_the_facts_without_forms_or_navigation(melding, users, login, role):
    response = login(users[role]).get(print_url(melding))
    html = response.content.decode()
    assert response.status_code == 200
    assert melding.reference in html and "Meulenbroek" in html and melding.description in html
    assert "06 12345678" in html
    assert "<form" not in html and "<nav" not in html and 'name="q"' not in html
    row = AccessLog.objects.get(username=users[role].username, action="R", melding_id=str(melding.pk))
    assert (row.detail, row.reason) == ("afdrukken", "meldpunt van ontvangst")


def test_melding_page_links_to_the_print_view(melding, users, login):
    assert (
        print_url(melding) in login(users["meldpunt"]).get(reverse("intake:detail", args=[melding.pk])).content.decode()
    )


@pytest.mark.parametrize(
    ("role", "status"), [("other_meldpunt", 404), ("bemoeizorger", 404), ("partner", 403), ("beheerder", 403)]
)
def test_print_view_refused_and_logged(melding, users, login, role, status):
    assert login(users[role]).get(print_url(melding)).status_code == status
    assert AccessLog.objects.filter(username=users[role].username, action=AccessLog.Action.REFUSED).count() == 1
    assert not AccessLog.objects.filter(username=users[role].username, action="R").exists()


# --- plausible dates when registering ---------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("received_at", "1999-12-31T23:00", "Het tijdstip van ontvangst kan niet vóór 2000 liggen."),
        ("received_at", "1899-01-01T10:00", "Het tijdstip van ontvangst kan niet vóór 2000 liggen."),
        ("date_of_birth", "2030-05-01", "De geboortedatum kan niet in de toekomst liggen."),
    ],
)
def test_registration_refuses_implausible_dates(users, login, field, value, message):
    response = login(users["meldpunt"]).post(reverse("intake:create"), staff_post(**{field: value}))
    assert response.status_code == 200
    assert response.context["form"].errors[field][0].startswith(message)
    assert f'value="{value}"' in response.content.decode()
    assert not Melding.objects.exists()


def test_a_few_minutes_ahead_is_not_the_future(users, login):
    ahead = (timezone.localtime() + datetime.timedelta(minutes=2)).strftime("%Y-%m-%dT%H:%M")
    assert login(users["meldpunt"]).post(reverse("intake:create"), staff_post(received_at=ahead)).status_code == 302


def test_register_service_checks_the_dates_itself(ggd, users):
    melding = Melding(
        meldpunt=ggd,
        channel="telefoon",
        melder_type="buurtbewoner",
        surname="Jansen",
        description="Zorgen.",
        received_at=timezone.now() + datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError) as exc:
        services.register_melding(melding, categories=[category()], by=users["meldpunt"])
    assert "received_at" in exc.value.message_dict
    assert not Melding.objects.exists()


@pytest.mark.parametrize(
    "values",
    [
        {"received_at": datetime.datetime(1999, 6, 1, tzinfo=datetime.UTC)},
        {"date_of_birth": datetime.date(1850, 1, 1)},
    ],
)
def test_database_refuses_what_is_never_plausible(melding, values):
    with pytest.raises(IntegrityError), transaction.atomic():
        Melding.objects.filter(pk=melding.pk).update(**values)
