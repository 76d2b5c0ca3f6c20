"""A network partner submits meldingen and follows only their minimal status."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CasusFactory, MeldingFactory, OrganisationFactory, PersonFactory, UserFactory
from vangnet.accounts.models import Role
from vangnet.audit.models import AccessLog
from vangnet.cases.models import CaseNote
from vangnet.intake.models import Channel, Melding
from vangnet.intake.services import NoMeldpuntError, meldpunt_for_partner, partner_status
from vangnet.triage.models import TriageDecision

from .helpers import partner_post

CREATE = reverse("intake:partner_create")
LIST = reverse("intake:partner_list")

SECRET_NOTE = "Geheime notitie: psychose, opname besproken met psychiater"
SECRET_REASON = "Triage-overweging: verslaving en schulden, zus heeft gebeld"


@pytest.fixture
def partner(users, region):
    users["partner"].phone = "06 11112222"
    users["partner"].save()
    return users["partner"]


def test_form_shows_receiving_meldpunt(partner, login, ggd):
    response = login(partner).get(CREATE)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Uw melding gaat naar {ggd}" in html
    assert "06 11112222" in html  # phone prefilled
    assert 'name="channel"' not in html and 'name="received_at"' not in html


def test_partner_submits_melding(partner, login, ggd, region):
    client = login(partner)
    response = client.post(CREATE, partner_post(), REMOTE_ADDR="10.5.5.5")
    melding = Melding.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("intake:partner_submitted", args=[melding.pk])
    assert melding.meldpunt == ggd
    assert melding.channel == Channel.POLITIE  # the partner's organisation is the police
    assert melding.melder_organisation == partner.organisation
    assert melding.melder_type == "politie"
    assert melding.melder_name == partner.get_full_name()
    assert melding.melder_phone == "0900 8844"
    assert melding.melder_wants_feedback and not melding.melder_anonymous
    assert melding.created_by == partner
    assert melding.gemeente == region["zuid"]
    assert melding.estimated_age == 40
    assert melding.reference.startswith("M-")
    log = AccessLog.objects.get(action="C")
    assert log.melding_id == str(melding.pk) and log.role == "partner" and log.ip_address == "10.5.5.5"

    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert melding.reference in html
    assert "status" in html


def test_non_police_partner_channel_is_partner(other_partner, login, ggd, region, corporation):
    corporation.gemeenten.set([region["noord"]])
    login(other_partner).post(CREATE, partner_post())
    melding = Melding.objects.get()
    assert melding.channel == Channel.PARTNER
    assert melding.melder_type == "woningcorporatie"
    assert melding.meldpunt == ggd


def test_partner_form_same_validation_and_keeps_data(partner, login):
    data = partner_post(bsn="123456789", postcode="12AB", description="x" * 10_001)
    response = login(partner).post(CREATE, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) >= {"bsn", "postcode", "description"}
    html = response.content.decode()
    assert "Man, ~40, slaapt bij het station onder de fietsenstalling" in html
    assert "Wijkagent" in html and "0900 8844" in html
    assert not Melding.objects.exists()


def test_partner_must_identify_betrokkene(partner, login):
    response = login(partner).post(CREATE, partner_post(place_description=""))
    assert response.status_code == 200
    assert "vul ten minste een naam" in response.content.decode()
    assert not Melding.objects.exists()


def test_no_meldpunt_is_a_clear_error(users, login, police):
    """Two meldpunten in the installation, and no werkgebied overlap: no guess."""
    client = login(users["partner"])
    response = client.get(CREATE)
    assert "Er is geen meldpunt gevonden" in response.content.decode()
    response = client.post(CREATE, partner_post())
    assert response.status_code == 200
    assert "Er is geen meldpunt gevonden" in response.content.decode()
    assert not Melding.objects.exists()


@pytest.mark.parametrize("role", ["meldpunt", "teamleider", "bemoeizorger", "beheerder"])
def test_only_partners_use_partner_pages(users, login, role, ggd):
    melding = MeldingFactory(meldpunt=ggd, created_by=users["partner"])
    client = login(users[role])
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, partner_post()).status_code == 403
    assert client.get(LIST).status_code == 403
    assert client.get(reverse("intake:partner_detail", args=[melding.pk])).status_code == 403


# --- meldpunt_for_partner -------------------------------------------------


def test_meldpunt_for_partner_by_overlap(region, ggd, other_org, police):
    assert meldpunt_for_partner(police) == ggd
    police.gemeenten.set([region["oost"]])
    assert meldpunt_for_partner(police) == other_org


def test_meldpunt_for_partner_largest_overlap(region, ggd, other_org, police):
    other_org.gemeenten.add(region["zuid"])
    police.gemeenten.set([region["noord"], region["zuid"]])
    assert meldpunt_for_partner(police) == ggd  # two shared gemeenten against one


def test_meldpunt_for_partner_only_meldpunt(db):
    only = OrganisationFactory(name="Enig meldpunt", runs_meldpunt=True)
    OrganisationFactory(name="Wijkteam", kind="wijkteam", runs_meldpunt=False)
    partner_org = OrganisationFactory(name="Huisartsenpraktijk", kind="huisarts", runs_meldpunt=False)
    assert meldpunt_for_partner(partner_org) == only


def test_meldpunt_for_partner_none(ggd, other_org, police):
    with pytest.raises(NoMeldpuntError):
        meldpunt_for_partner(police)


# --- list and detail: own meldingen, minimal status ------------------------


@pytest.fixture
def handled_melding(partner, ggd, users):
    """The partner's melding, triaged to bemoeizorg, with a casus note and a triage reason."""
    person = PersonFactory(surname="Verborgenheim")
    casus = CasusFactory(person=person, organisation=ggd, casusregisseur=users["bemoeizorger"])
    CaseNote.objects.create(casus=casus, text=SECRET_NOTE, author=users["bemoeizorger"])
    melding = MeldingFactory(meldpunt=ggd, created_by=partner, person=person, casus=casus, status="getrieerd")
    TriageDecision.objects.create(
        melding=melding,
        acute_danger="nee",
        already_in_care="nee",
        known_to_partners="ja",
        outcome="bemoeizorg",
        reason=SECRET_REASON,
        casus=casus,
        decided_by=users["meldpunt"],
        decided_at=timezone.now(),
    )
    return melding


def test_partner_list_shows_only_own(partner, other_partner, login, ggd, handled_melding):
    mine_new = MeldingFactory(meldpunt=ggd, created_by=partner)
    theirs = MeldingFactory(meldpunt=ggd, created_by=other_partner)
    staff = MeldingFactory(meldpunt=ggd)
    response = login(partner).get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert handled_melding.reference in html and mine_new.reference in html
    assert theirs.reference not in html and staff.reference not in html
    assert "In behandeling" in html and "Ontvangen" in html
    for secret in (
        SECRET_NOTE,
        SECRET_REASON,
        handled_melding.casus.reference,
        "Verborgenheim",
        handled_melding.description,
    ):
        assert secret not in html
    logged = set(AccessLog.objects.filter(action="R", username="partner").values_list("melding_id", flat=True))
    assert logged == {str(handled_melding.pk), str(mine_new.pk)}


def test_partner_detail_minimal_status(partner, login, handled_melding):
    response = login(partner).get(reverse("intake:partner_detail", args=[handled_melding.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert handled_melding.reference in html
    assert "In behandeling" in html
    for secret in (
        SECRET_NOTE,
        SECRET_REASON,
        handled_melding.casus.reference,
        "Verborgenheim",
        "Bemoeizorg starten",
        handled_melding.description,
    ):
        assert secret not in html
    log = AccessLog.objects.get(action="R", melding_id=str(handled_melding.pk))
    assert log.reason == "eigen melding (status)"


def test_partner_never_sees_another_partners_melding(partner, other_partner, login, ggd):
    theirs = MeldingFactory(meldpunt=ggd, created_by=other_partner)
    client = login(partner)
    assert client.get(reverse("intake:partner_detail", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("intake:partner_submitted", args=[theirs.pk])).status_code == 404
    # Only the two refusals are on record, as REFUSED rows naming the melding asked for.
    assert list(AccessLog.objects.filter(melding_id=str(theirs.pk)).values_list("action", flat=True)) == ["G", "G"]
    # And the other partner does see it.
    assert login(other_partner).get(reverse("intake:partner_detail", args=[theirs.pk])).status_code == 200


def test_same_organisation_partner_does_not_see_colleagues_melding(partner, login, ggd, police):
    colleague = UserFactory(username="collega", role=Role.PARTNER, organisation=police)
    theirs = MeldingFactory(meldpunt=ggd, created_by=colleague)
    assert login(partner).get(reverse("intake:partner_detail", args=[theirs.pk])).status_code == 404
    assert theirs.reference not in login(partner).get(LIST).content.decode()


@pytest.mark.parametrize(
    "status,phase,expected",
    [
        ("te_trieren", None, "Ontvangen"),
        ("getrieerd", None, "Afgehandeld door het meldpunt"),
        ("getrieerd", "verkennen", "In behandeling"),
        ("getrieerd", "afgesloten", "Afgerond"),
    ],
)
def test_partner_status(ggd, users, status, phase, expected):
    casus = CasusFactory(organisation=ggd, phase=phase) if phase else None
    melding = MeldingFactory(meldpunt=ggd, status=status, casus=casus)
    assert partner_status(melding) == expected


def test_empty_list(partner, login):
    response = login(partner).get(LIST)
    assert "U heeft nog geen meldingen gedaan." in response.content.decode()


def test_list_garbage_page_number(partner, login, ggd):
    MeldingFactory(meldpunt=ggd, created_by=partner)
    assert login(partner).get(LIST + "?pagina=abc").status_code == 200
    assert login(partner).get(LIST + "?pagina=99999999999999999999").status_code == 200
