"""The uitkomst at closing (issue 13): required when closing, kept in the
history when the casus is reopened, "onbekend" for closings from before."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories import OrganisationFactory
from vangnet.cases import services
from vangnet.cases.models import Phase, PhaseChange, Uitkomst
from vangnet.network.models import Service

pytestmark = pytest.mark.django_db

REASON = "Zorg is geregeld."


def _refused_on(field, **kwargs):
    with pytest.raises(ValidationError) as exc:
        services.change_phase(kwargs.pop("casus"), Phase.AFGESLOTEN, reason=REASON, **kwargs)
    return exc.value.message_dict[field][0]


def test_closing_without_uitkomst_is_refused_on_the_field(casus, users):
    message = _refused_on("outcome", casus=casus, by=users["bemoeizorger"])
    assert "Kies de uitkomst" in message
    casus.refresh_from_db()
    assert casus.phase == Phase.CONTACT_LEGGEN


def test_onbekend_is_not_a_choice_when_closing(casus, users):
    assert _refused_on("outcome", casus=casus, by=users["bemoeizorger"], outcome="onbekend")


def test_anders_needs_a_text(casus, users):
    message = _refused_on("outcome_text", casus=casus, by=users["bemoeizorger"], outcome=Uitkomst.ANDERS)
    assert "anders" in message
    change = services.change_phase(
        casus, Phase.AFGESLOTEN, by=users["bemoeizorger"], reason=REASON, outcome="anders", outcome_text=" Emigratie "
    )
    assert (change.outcome, change.outcome_text) == ("anders", "Emigratie")


def test_outcome_is_only_kept_on_a_closing(casus, users):
    change = services.change_phase(casus, Phase.VERKENNEN, by=users["bemoeizorger"], outcome="toegeleid")
    assert change.outcome == ""


def test_reopening_keeps_the_outcome_in_the_history(casus, users):
    bz = users["bemoeizorger"]
    fact = OrganisationFactory(name="FACT Test")
    services.change_phase(
        casus, Phase.AFGESLOTEN, by=bz, reason=REASON, outcome="warme_overdracht", outcome_partner=fact
    )
    casus.refresh_from_db()
    assert casus.closing().outcome_partner == fact
    services.change_phase(casus, Phase.CONTACT_LEGGEN, by=bz, reason="Nieuwe melding.")
    casus.refresh_from_db()
    assert casus.closing() is None
    services.change_phase(casus, Phase.AFGESLOTEN, by=bz, reason=REASON, outcome="verhuisd")
    closings = PhaseChange.objects.filter(casus=casus, to_phase=Phase.AFGESLOTEN).order_by("id")
    assert [(c.outcome, c.outcome_partner_id) for c in closings] == [("warme_overdracht", fact.pk), ("verhuisd", None)]
    casus.refresh_from_db()
    assert casus.closing().outcome == "verhuisd"


def test_data_migration_marks_earlier_closings_onbekend(casus, users):
    now = timezone.now()
    kwargs = dict(casus=casus, changed_by=users["bemoeizorger"], changed_at=now)
    closed = PhaseChange.objects.create(from_phase="nazorg", to_phase="afgesloten", **kwargs)
    reopened = PhaseChange.objects.create(from_phase="afgesloten", to_phase="verkennen", **kwargs)
    known = PhaseChange.objects.create(from_phase="verkennen", to_phase="afgesloten", outcome="toegeleid", **kwargs)
    migration = importlib.import_module("vangnet.cases.migrations.0004_outcome_at_closing")
    migration.closings_before_outcomes_are_onbekend(apps, None)
    outcomes = dict(PhaseChange.objects.filter(pk__in=[closed.pk, reopened.pk, known.pk]).values_list("pk", "outcome"))
    assert outcomes == {closed.pk: "onbekend", reopened.pk: "", known.pk: "toegeleid"}


def test_phase_form_requires_outcome_and_shows_it_on_the_casus(casus, users, login, ggd):
    partner = OrganisationFactory(name="GGZ Testpartner")
    Service.objects.create(organisation=partner, name="FACT", type="ggz")
    client = login(users["bemoeizorger"])
    url = reverse("cases:phase", args=[casus.pk])
    page = client.get(url).content.decode()
    assert "GGZ Testpartner" in page and f">{ggd.name}<" not in page
    data = {"to_phase": "afgesloten", "reason": REASON, "version": casus.version}
    response = client.post(url, {**data, "outcome": "anders"})
    html = response.content.decode()
    assert "Beschrijf de uitkomst" in html and REASON in html
    response = client.post(url, {**data, "outcome": "warme_overdracht", "outcome_partner": partner.pk})
    assert response.status_code == 302
    detail = client.get(reverse("cases:detail", args=[casus.pk])).content.decode()
    assert "Warme overdracht gelukt" in detail and "naar GGZ Testpartner" in detail
    printed = client.get(reverse("cases:print", args=[casus.pk])).content.decode()
    assert "Warme overdracht gelukt" in printed
