"""Issue 11 item 5: the home page shows what is new since the user's previous visit
(new meldingen to triage, new casussen, new notifications), with a badge on new rows."""

from datetime import timedelta

import pytest
from django.urls import reverse

from tests.factories import CasusFactory, MeldingFactory
from vangnet.cases.models import CaseMember
from vangnet.notifications.models import Notification
from vangnet.worklists.models import HomeVisit

from .conftest import NOW, local

pytestmark = pytest.mark.django_db

HOME = reverse("worklists:home")


def test_first_visit_has_nothing_new_and_is_remembered(users, login, ggd, frozen):
    MeldingFactory(meldpunt=ggd, received_at=local(2026, 5, 6, 9, 0))
    response = login(users["meldpunt"]).get(HOME)
    html = response.content.decode()
    assert "Dit is uw eerste bezoek" in html
    assert response.context["new_total"] == 0
    assert HomeVisit.objects.get(user=users["meldpunt"]).seen_at == NOW


def test_meldpunt_sees_new_meldingen_since_previous_visit(users, login, ggd, frozen):
    me = users["meldpunt"]
    client = login(me)
    old = MeldingFactory(meldpunt=ggd, received_at=local(2026, 5, 6, 9, 0), surname="Eerdersma")
    client.get(HOME)
    frozen.shift(timedelta(minutes=3))
    new = MeldingFactory(meldpunt=ggd, received_at=local(2026, 5, 7, 10, 15), surname="Nieuwenhuis")
    Notification.objects.create(user=me, text="Nieuwe melding", reference=new.reference)
    frozen.shift(timedelta(minutes=5))
    response = client.get(HOME)
    assert response.context["new_triage_count"] == 1
    assert response.context["new_notifications_count"] == 1
    assert {m.pk: m.is_new for m in response.context["to_triage"]} == {old.pk: False, new.pk: True}
    html = response.content.decode()
    assert "Nieuw sinds uw vorige bezoek" in html
    assert "1 nieuwe melding te triëren" in " ".join(html.split()).replace("</span> ", " ").replace(
        '<span class="badge new">', ""
    )
    assert html.count('<span class="badge new">Nieuw') == 1  # the row badge, on the new melding only
    # Seen now: a third visit has nothing new.
    frozen.shift(timedelta(minutes=5))
    again = client.get(HOME)
    assert again.context["new_total"] == 0
    assert "Niets nieuws sinds uw vorige bezoek." in again.content.decode()


def test_member_sees_casussen_she_joined_since_previous_visit(users, login, ggd, frozen):
    me = users["bemoeizorger"]
    client = login(me)
    mine = CasusFactory(organisation=ggd, casusregisseur=me, opened_at=local(2026, 5, 1, 9, 0))
    client.get(HOME)
    frozen.shift(timedelta(minutes=10))
    joined = CasusFactory(organisation=ggd, casusregisseur=users["duo"], opened_at=local(2026, 4, 1, 9, 0))
    CaseMember.objects.create(casus=joined, user=me, role=CaseMember.Role.DUO)
    CasusFactory(organisation=ggd, casusregisseur=users["duo"])  # not hers: never new for her
    frozen.shift(timedelta(minutes=1))
    response = client.get(HOME)
    assert response.context["new_casussen_count"] == 1
    assert {c.pk: c.is_new for c in response.context["my_open"]} == {joined.pk: True, mine.pk: False}


def test_two_visits_at_once_keep_one_row(users, frozen):
    from vangnet.worklists.services import record_home_visit

    record_home_visit(users["meldpunt"], NOW)
    record_home_visit(users["meldpunt"], NOW + timedelta(minutes=1))
    assert HomeVisit.objects.filter(user=users["meldpunt"]).count() == 1
    assert HomeVisit.objects.get(user=users["meldpunt"]).seen_at == NOW + timedelta(minutes=1)
