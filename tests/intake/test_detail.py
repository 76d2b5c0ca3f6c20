"""The staff detail page of a melding: access rules, access log, triage and casus."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CasusFactory, MeldingFactory, PersonFactory
from vangnet.audit.models import AccessLog
from vangnet.triage.models import TriageDecision


@pytest.fixture
def melding(ggd, users):
    return MeldingFactory(
        meldpunt=ggd,
        created_by=users["meldpunt"],
        surname="Brouwersgracht",
        description="Rommel tot aan het plafond, buren klagen over ongedierte.",
        melder_anonymous=True,
        urgency_indicators=["dieren"],
    )


def url(melding):
    return reverse("intake:detail", args=[melding.pk])


def test_meldpunt_sees_detail_and_read_is_logged(users, login, melding):
    response = login(users["meldpunt"]).get(url(melding), REMOTE_ADDR="10.9.8.7")
    assert response.status_code == 200
    html = response.content.decode()
    assert melding.reference in html
    assert "Brouwersgracht" in html
    assert "Rommel tot aan het plafond" in html
    assert "anoniem" in html
    assert "Dieren in nood" in html
    assert "Te triëren" in html
    assert "nog niet getrieerd" in html
    # Link to the triage screen for the meldpunt.
    assert reverse("triage:melding", args=[melding.pk]) in html
    log = AccessLog.objects.get(action="R", melding_id=str(melding.pk))
    assert log.username == "meldpunt"
    assert log.reason == "meldpunt van ontvangst"
    assert log.ip_address == "10.9.8.7"


def test_teamleider_sees_detail(users, login, melding):
    assert login(users["teamleider"]).get(url(melding)).status_code == 200


@pytest.mark.parametrize("who", ["other_meldpunt", "other_teamleider", "bemoeizorger"])
def test_staff_without_involvement_get_404(users, login, melding, who):
    """Other organisation, or a bemoeizorger who is not in a casus of this melding."""
    assert login(users[who]).get(url(melding)).status_code == 404
    assert not AccessLog.objects.filter(action="R", melding_id=str(melding.pk)).exists()


@pytest.mark.parametrize("who", ["partner", "beheerder"])
def test_partner_and_beheerder_refused(users, login, melding, who):
    assert login(users[who]).get(url(melding)).status_code == 403


def test_partner_cannot_see_staff_view_of_own_melding(users, login, ggd):
    own = MeldingFactory(meldpunt=ggd, created_by=users["partner"])
    assert login(users["partner"]).get(url(own)).status_code == 403


def test_unknown_melding_404(users, login, db):
    assert login(users["meldpunt"]).get("/meldingen/999999/").status_code == 404


def test_triage_decision_and_casus_shown(users, login, ggd, melding):
    person = PersonFactory()
    casus = CasusFactory(person=person, organisation=ggd, casusregisseur=users["bemoeizorger"])
    melding.person = person
    melding.casus = casus
    melding.status = "getrieerd"
    melding.save()
    TriageDecision.objects.create(
        melding=melding,
        acute_danger="nee",
        already_in_care="onbekend",
        known_to_partners="ja",
        known_to_partners_detail="Woningcorporatie",
        outcome="bemoeizorg",
        reason="Zorgmijder, eerder bekend bij de wijkagent.",
        casus=casus,
        decided_by=users["meldpunt"],
        decided_at=timezone.now(),
    )
    response = login(users["meldpunt"]).get(url(melding))
    html = response.content.decode()
    assert "Bemoeizorg starten" in html
    assert "Zorgmijder, eerder bekend bij de wijkagent." in html
    assert reverse("cases:detail", args=[casus.pk]) in html
    assert casus.reference in html

    # The bemoeizorger of the casus may read the melding (casuslid).
    response = login(users["bemoeizorger"]).get(url(melding))
    assert response.status_code == 200
    assert AccessLog.objects.filter(action="R", username="bemoeizorger", reason="casuslid").exists()
