"""The sharing forms and the "in beeld?" check respect the task, the person's objection
and consent: the network referral, the overleg share, and the partner's question."""

import re

import pytest
from django.urls import reverse

from tests.factories import OrganisationFactory
from tests.inbeeld.test_inbeeld import asker, by_name, known  # noqa: F401 (fixtures)
from tests.network.factories import ServiceFactory, propose
from vangnet.audit.models import AccessLog
from vangnet.grondslagen import services
from vangnet.grondslagen.models import Afwijking
from vangnet.inbeeld.models import InBeeldQuestion
from vangnet.inbeeld.services import OBJECTION_WITHHELD
from vangnet.network.models import Referral
from vangnet.overleg import services as overleg
from vangnet.overleg.models import AgendaShare, Meeting

from .conftest import consent, object_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def service(police):
    return ServiceFactory(organisation=police, name="Wijkagent-overleg", type="anders")


def _to_wvggz(casus, by):
    services.change_grondslag(
        casus, task="wvggz", ground="wettelijk", reason="Verkennend onderzoek loopt", expected_version=0, by=by
    )


# --- the network referral ------------------------------------------------------------


def test_the_referral_form_offers_only_the_grounds_of_the_task(casus, service, users, login):
    client = login(users["bemoeizorger"])
    url = reverse("network:referral_create", args=[casus.pk])
    page = client.get(url).content.decode()
    assert 'value="toestemming"' in page and 'value="vitaal"' in page
    _to_wvggz(casus, users["bemoeizorger"])
    page = client.get(url).content.decode()
    assert 'value="toestemming"' not in page and 'value="wettelijk"' in page and "Wvggz art. 5:2" in page
    response = client.post(
        url,
        {
            "service": service.pk,
            "shared_parts": ["personalia"],
            "legal_ground": "toestemming",
            "legal_ground_text": "Mondeling",
        },
    )
    assert response.status_code == 200 and not Referral.objects.exists()
    assert "Deze grondslag past niet bij de taak van de casus." in response.content.decode()


def test_the_referral_service_refuses_a_ground_outside_the_task(casus, service, users):
    _to_wvggz(casus, users["bemoeizorger"])
    with pytest.raises(services.ValidationError) as exc:
        propose(casus, service, users["bemoeizorger"], legal_ground="toestemming")
    assert "legal_ground" in exc.value.message_dict and not Referral.objects.exists()


def test_a_referral_to_an_organisation_the_person_objected_to_is_refused(casus, service, users, login):
    object_to(casus.person, users["duo"], organisation=service.organisation)
    form_page = login(users["bemoeizorger"]).get(reverse("network:referral_create", args=[casus.pk]))
    assert "Bezwaar van de betrokkene tegen delen met" in form_page.content.decode()
    with pytest.raises(services.ValidationError) as exc:
        propose(casus, service, users["bemoeizorger"])
    assert "bezwaar" in exc.value.message_dict["service"][0]
    response = login(users["bemoeizorger"]).post(
        reverse("network:referral_create", args=[casus.pk]),
        {
            "service": service.pk,
            "shared_parts": ["personalia"],
            "legal_ground": "wettelijk",
            "legal_ground_text": "Wpg art. 2",
            "override": "on",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and not Referral.objects.exists() and not Afwijking.objects.exists()
    assert "Schrijf waarom u toch deelt." in page and 'name="legal_ground_text"' in page and "Wpg art. 2" in page


def test_an_override_with_a_reason_shares_and_waits_for_review(casus, service, users, login):
    object_to(casus.person, users["duo"], kind="politie")
    response = login(users["bemoeizorger"]).post(
        reverse("network:referral_create", args=[casus.pk]),
        {
            "service": service.pk,
            "shared_parts": ["personalia"],
            "legal_ground": "zwaarwegend",
            "legal_ground_text": "Conflict van plichten",
            "override": "on",
            "override_reason": "Dreigt zichzelf iets aan te doen",
        },
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    afwijking = Afwijking.objects.get()
    assert (afwijking.what, afwijking.reference, afwijking.by, afwijking.casus) == (
        "bezwaar",
        f"verwijzing {referral.pk}",
        users["bemoeizorger"],
        casus,
    )
    log = AccessLog.objects.get(action="C", object_type="verwijzing")
    assert "afwijking (bezwaar): Dreigt zichzelf iets aan te doen" in log.reason
    assert list(services.overrides_to_review(users["teamleider"])) == [afwijking]


def test_a_referral_on_consent_needs_recorded_consent(casus, service, users):
    with pytest.raises(services.ValidationError) as exc:
        propose(casus, service, users["bemoeizorger"], legal_ground="toestemming")
    assert "geen toestemming" in exc.value.message_dict["legal_ground"][0]
    consent(casus.person, users["duo"], organisation=service.organisation)
    referral = propose(casus, service, users["bemoeizorger"], legal_ground="toestemming")
    assert referral.legal_ground == "toestemming" and not Afwijking.objects.exists()


# --- the overleg share -----------------------------------------------------------------


@pytest.fixture
def item(casus, users):
    meeting = overleg.create_meeting(
        kind=Meeting.Kind.CASUSOVERLEG, title="Casusoverleg", starts_at=casus.opened_at, by=users["teamleider"]
    )
    return overleg.add_agenda_item(meeting, reference=casus.reference, by=users["teamleider"])


def share(item, org, by, **kwargs):
    data = {"ground": "wettelijk", "legal_ground": "Convenant", **kwargs}
    return overleg.share_item(item, organisation=org, by=by, **data)


def test_the_overleg_share_offers_only_the_grounds_of_the_task(item, casus, users, login):
    client = login(users["teamleider"])
    url = reverse("overleg:item_edit", args=[item.pk])
    assert 'name="ground" value="toestemming"' in client.get(url).content.decode()
    _to_wvggz(casus, users["teamleider"])
    assert 'name="ground" value="toestemming"' not in client.get(url).content.decode()
    with pytest.raises(services.ValidationError) as exc:
        share(item, OrganisationFactory(kind="ggz"), users["teamleider"], ground="toestemming")
    assert "past niet bij de taak" in exc.value.message_dict["ground"][0]


def test_the_overleg_share_respects_an_objection(item, casus, corporatie, users, login):
    object_to(casus.person, users["duo"], organisation=corporatie)
    edit_page = login(users["teamleider"]).get(reverse("overleg:item_edit", args=[item.pk])).content.decode()
    assert "Bezwaar van de betrokkene tegen delen met" in edit_page and "Woonstichting Test" in edit_page
    with pytest.raises(services.ValidationError) as exc:
        share(item, corporatie, users["teamleider"])
    assert "bezwaar" in exc.value.message_dict["organisation"][0] and not AgendaShare.objects.exists()
    response = login(users["teamleider"]).post(
        reverse("overleg:item_share", args=[item.pk]),
        {"organisation": corporatie.pk, "ground": "wettelijk", "legal_ground": "Convenant"},
    )
    assert response.status_code == 400 and "bezwaar gemaakt" in response.content.decode()
    shared = share(item, corporatie, users["teamleider"], override=True, override_reason="Ontruiming morgen")
    assert shared.ground == "wettelijk"
    afwijking = Afwijking.objects.get()
    assert (afwijking.via, afwijking.reference) == ("agendapunt", f"agendapunt {item.pk}")
    log = AccessLog.objects.filter(object_type="agendapunt", detail__contains="gedeeld met").get()
    assert log.reason.startswith("afwijking (bezwaar): Ontruiming morgen")


def test_the_overleg_share_on_consent_needs_recorded_consent(item, casus, corporatie, users):
    with pytest.raises(services.ValidationError) as exc:
        share(item, corporatie, users["teamleider"], ground="toestemming")
    assert "geen toestemming" in exc.value.message_dict["ground"][0]
    consent(casus.person, users["duo"], kind="woningcorporatie")
    assert share(item, corporatie, users["teamleider"], ground="toestemming").ground == "toestemming"


# --- the "in beeld?" check -----------------------------------------------------------------


def _verdict(html):
    match = re.search(r'<p class="inbeeld-verdict">(.*?)</p>', html)
    assert match is not None
    return match.group(1)


def test_in_beeld_does_not_reveal_a_person_who_objected_to_the_asker(asker, known, users, login):  # noqa: F811
    unknown = _verdict(by_name(login(asker), surname="Jansen").content.decode())
    object_to(known.person, users["bemoeizorger"], organisation=asker.organisation)
    response = by_name(login(asker))
    html = response.content.decode()
    assert _verdict(html) == unknown == "Nee, niet bekend."
    assert str(known.casusregisseur) not in html and "010-5551234" not in html
    q = InBeeldQuestion.objects.latest("pk")
    assert not q.answer_yes and q.person is None and q.casus is None
    log = AccessLog.objects.filter(object_type="in-beeld-vraag").latest("pk")
    assert log.detail.endswith(f"nee; {OBJECTION_WITHHELD}") and log.casus_id == str(known.pk)


def test_in_beeld_respects_an_objection_against_the_kind_of_organisation(asker, known, users, login):  # noqa: F811
    object_to(known.person, users["bemoeizorger"], kind="politie")
    assert "Nee, niet bekend." in by_name(login(asker)).content.decode()


def test_in_beeld_still_answers_another_organisation(asker, known, users, login, corporatie):  # noqa: F811
    object_to(known.person, users["bemoeizorger"], organisation=corporatie)
    assert "Ja, bekend" in by_name(login(asker)).content.decode()


def test_in_beeld_answers_again_after_the_objection_is_withdrawn(asker, known, users, login):  # noqa: F811
    t = object_to(known.person, users["bemoeizorger"], organisation=asker.organisation)
    services.withdraw_consent(t, expected_version=t.version, by=users["bemoeizorger"])
    assert "Ja, bekend" in by_name(login(asker)).content.decode()


# --- a restriction of processing (issue 16 part 5, vangnet.verzoeken) -------------------


def _restrict(person, teamleider):
    from django.utils import timezone

    from vangnet.verzoeken import services as verzoeken

    verzoek = verzoeken.register_request(
        person,
        kind="beperking",
        received_on=timezone.localdate(),
        channel="schriftelijk",
        request_text="Beperk de verwerking tot de uitspraak van de rechter",
        by=teamleider,
    )
    verzoek.refresh_from_db()
    return verzoeken.decide_request(
        verzoek, expected_version=verzoek.version, outcome="toegewezen", decided_on=timezone.localdate(), by=teamleider
    )


def test_a_referral_while_processing_is_restricted_needs_an_override_and_is_reviewed(casus, service, users):
    verzoek = _restrict(casus.person, users["teamleider"])
    with pytest.raises(services.ValidationError) as exc:
        propose(casus, service, users["bemoeizorger"])
    assert verzoek.reference in exc.value.message_dict["service"][0] and not Referral.objects.exists()
    propose(casus, service, users["bemoeizorger"], override=True, override_reason="De rechter vraagt erom")
    assert Afwijking.objects.get().what == "beperking"


def test_once_the_restriction_is_lifted_sharing_needs_no_override(casus, service, users):
    from django.utils import timezone

    from vangnet.verzoeken import services as verzoeken

    verzoek = _restrict(casus.person, users["teamleider"])
    verzoek.refresh_from_db()
    verzoeken.lift_restriction(
        verzoek,
        expected_version=verzoek.version,
        lifted_on=timezone.localdate(),
        reason="Geschil opgelost",
        by=users["teamleider"],
    )
    assert propose(casus, service, users["bemoeizorger"]).pk and not Afwijking.objects.exists()
