"""The pages: who sees what (table-driven), the partner's answer, the worker's
steps, the sociale kaart editing rights, the worklist section, and the logging."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from vangnet.accounts.models import Role
from vangnet.audit.models import AccessLog
from vangnet.cases.models import Phase
from vangnet.cases.services import add_note, log_contact_attempt
from vangnet.network.models import FollowUp, Referral, Service

from .factories import HELP_QUESTION, RISKS, SITUATION, ServiceFactory, propose, to_in_care

pytestmark = pytest.mark.django_db
NOTE = "GEHEIM-NOTITIE over de psychiatrische voorgeschiedenis"
ATTEMPT = "GEHEIM-POGING deur bleef dicht"


@pytest.fixture
def person_data(casus):
    person = casus.person
    person.street, person.house_number, person.postcode, person.city = "Kerkstraat", "12", "1234 AB", "Noordstad"
    person.phone = "0612345678"
    person.save()
    return person


@pytest.fixture
def full_casus(casus, users, melding, person_data):
    # A surname no page chrome contains: a random one ("Engels") matched the language menu.
    casus.person.surname = "Zwartewaal"
    casus.person.save(update_fields=["surname"])
    add_note(casus, text=NOTE, by=users["bemoeizorger"])
    log_contact_attempt(
        casus,
        at=timezone.now(),
        type="huisbezoek",
        result="geen_gehoor",
        workers=[users["bemoeizorger"]],
        with_police=False,
        note=ATTEMPT,
        by=users["bemoeizorger"],
    )
    return casus


ALWAYS_HIDDEN = [NOTE, ATTEMPT, "GEHEIM-MELDING", "C-TEST-"]

# shared parts -> (texts the partner must see, texts the partner must not see)
PARTNER_VIEW = [
    (("personalia",), ["{surname}"], ["Kerkstraat", "0612345678", SITUATION, HELP_QUESTION, RISKS]),
    (("contact",), ["Kerkstraat 12", "0612345678"], ["{surname}", SITUATION, HELP_QUESTION, RISKS]),
    (("situatie",), [SITUATION], ["{surname}", "Kerkstraat", HELP_QUESTION, RISKS]),
    (("hulpvraag", "risico"), [HELP_QUESTION, RISKS], ["{surname}", "Kerkstraat", SITUATION]),
    (
        ("personalia", "contact", "situatie", "hulpvraag", "risico"),
        ["{surname}", "Kerkstraat", SITUATION, HELP_QUESTION, RISKS],
        [],
    ),
]


@pytest.mark.parametrize("parts,visible,hidden", PARTNER_VIEW, ids=["+".join(p[0]) for p in PARTNER_VIEW])
def test_partner_sees_only_the_shared_parts(full_casus, service, users, fact_partner, login, parts, visible, hidden):
    referral = propose(full_casus, service, users["bemoeizorger"], parts=parts)
    surname = full_casus.person.surname
    client = login(fact_partner)
    for url in (reverse("network:partner_referral", args=[referral.pk]), reverse("network:partner_inbox")):
        response = client.get(url)
        assert response.status_code == 200
    page = client.get(reverse("network:partner_referral", args=[referral.pk])).content.decode()
    for text in visible:
        assert text.format(surname=surname) in page
    for text in hidden + ALWAYS_HIDDEN:
        assert text.format(surname=surname) not in page
    inbox = client.get(reverse("network:partner_inbox")).content.decode()
    assert surname not in inbox and SITUATION not in inbox


# who -> expected status on (partner page, worker page)
WHO_SEES = [
    ("fact_partner", 200, 403),
    ("fact_colleague", 200, 403),
    ("partner", 404, 403),  # police: another organisation
    ("bemoeizorger", 403, 200),
    ("duo", 403, 200),
    ("teamleider", 403, 200),
    ("meldpunt", 403, 200),
    ("consultant", 403, 404),
    ("other_bemoeizorger", 403, 404),
    ("other_teamleider", 403, 404),
    ("beheerder", 403, 403),
]


@pytest.mark.parametrize("who,partner_code,worker_code", WHO_SEES)
def test_who_sees_a_referral(casus, service, users, fact_partner, login, who, partner_code, worker_code):
    people = dict(
        users,
        fact_partner=fact_partner,
        fact_colleague=UserFactory(role=Role.PARTNER, organisation=fact_partner.organisation),
    )
    referral = propose(casus, service, users["bemoeizorger"])
    client = login(people[who])
    before_id = AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    assert client.get(reverse("network:partner_referral", args=[referral.pk])).status_code == partner_code
    assert client.get(reverse("network:referral_detail", args=[referral.pk])).status_code == worker_code
    expected_logs = [partner_code, worker_code].count(200)
    new = AccessLog.objects.filter(pk__gt=before_id)
    assert new.exclude(action="G").count() == expected_logs
    # Every refusal (404 or 403) is one REFUSED row.
    assert new.filter(action="G").count() == 2 - expected_logs
    if expected_logs:
        assert new.exclude(action="G").get().object_type == "verwijzing"


def test_partner_inbox_lists_only_own_organisation(casus, service, users, fact_partner, login):
    mine = propose(casus, service, users["bemoeizorger"])
    other = propose(casus, ServiceFactory(name="Andermans voorziening"), users["bemoeizorger"])
    page = login(fact_partner).get(reverse("network:partner_inbox")).content.decode()
    assert reverse("network:partner_referral", args=[mine.pk]) in page
    assert reverse("network:partner_referral", args=[other.pk]) not in page


def test_propose_through_the_page_logs_the_sharing_choice(casus, service, users, login):
    client = login(users["bemoeizorger"])
    url = reverse("network:referral_create", args=[casus.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "service": service.pk,
            "shared_parts": ["personalia", "hulpvraag"],
            "help_question": HELP_QUESTION,
            "legal_ground": "wettelijk",
            "legal_ground_text": "Wmo 2015 art. 5.2.1",
        },
    )
    referral = Referral.objects.get()
    assert response.status_code == 302
    log = AccessLog.objects.filter(action="C", object_type="verwijzing").get()
    assert log.casus_id == str(casus.pk)
    assert "personalia, hulpvraag" in log.detail and str(service.organisation) in log.detail
    assert log.reason == "Wettelijke taak: Wmo 2015 art. 5.2.1"
    assert referral.shared_parts == ["personalia", "hulpvraag"]


def test_propose_errors_keep_the_input(casus, service, users, login):
    response = login(users["bemoeizorger"]).post(
        reverse("network:referral_create", args=[casus.pk]),
        {
            "service": service.pk,
            "shared_parts": ["situatie"],
            "legal_ground": "toestemming",
            "legal_ground_text": "ja",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and not Referral.objects.exists()
    assert "schrijf de tekst die de partner te zien krijgt" in page
    assert 'value="situatie" ' in page and "checked" in page


def test_partner_refuses_then_accepts_a_new_referral(casus, service, users, fact_partner, login):
    first = propose(casus, service, users["bemoeizorger"])
    client = login(fact_partner)
    url = reverse("network:partner_referral", args=[first.pk])
    # Refusal without a reason: form error, nothing changes.
    response = client.post(url, {"answer": "weigeren", "version": first.version})
    assert response.status_code == 200 and "Kies de reden van de weigering." in response.content.decode()
    response = client.post(url, {"answer": "weigeren", "refusal_reason": "anders", "version": first.version})
    assert "licht de reden toe" in response.content.decode()
    response = client.post(url, {"answer": "weigeren", "refusal_reason": "geen_plek", "version": first.version})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == "geweigerd" and first.refusal_reason == "geen_plek"
    # Answered: no second answer.
    assert client.post(url, {"answer": "accepteren", "intake_date": "2030-01-01"}).status_code == 403
    worker_page = login(users["bemoeizorger"]).get(reverse("network:referral_detail", args=[first.pk])).content.decode()
    assert "Geen capaciteit" in worker_page and "Nieuwe verwijzing" in worker_page

    second = propose(casus, service, users["bemoeizorger"])
    url = reverse("network:partner_referral", args=[second.pk])
    response = client.post(url, {"answer": "accepteren", "version": second.version})
    assert "Vul de intakedatum in." in response.content.decode()
    intake = (timezone.localdate() + datetime.timedelta(days=5)).isoformat()
    assert (
        client.post(url, {"answer": "accepteren", "intake_date": intake, "version": second.version}).status_code == 302
    )
    second.refresh_from_db()
    assert second.status == "geaccepteerd" and second.intake_date.isoformat() == intake
    details = list(AccessLog.objects.filter(action="U", object_type="verwijzing").values_list("detail", flat=True))
    assert sorted(details) == ["verwijzing geaccepteerd", "verwijzing geweigerd: geen_plek"]


def test_worker_steps_through_the_pages(casus, service, users, fact_partner, login):
    referral = propose(casus, service, users["bemoeizorger"])
    from vangnet.network import services

    services.accept_referral(referral, by=fact_partner, intake_date=timezone.localdate())
    client = login(users["duo"])
    today = timezone.localdate().isoformat()
    response = client.post(reverse("network:referral_intake", args=[referral.pk]), {"intake_on": today, "version": 1})
    assert response.status_code == 200  # warm missing: the page again, with the error
    assert "Geef aan of u meeging." in response.content.decode()
    referral.refresh_from_db()
    response = client.post(
        reverse("network:referral_intake", args=[referral.pk]),
        {"intake_on": today, "warm": "ja", "version": referral.version},
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == "intake_gedaan" and referral.warm
    # A stale version (another tab): refused with the Dutch message.
    response = client.post(reverse("network:referral_in_care", args=[referral.pk]), {"in_care_on": today, "version": 1})
    assert "Iemand anders heeft dit intussen gewijzigd" in response.content.decode()
    response = client.post(
        reverse("network:referral_in_care", args=[referral.pk]), {"in_care_on": today, "version": referral.version}
    )
    assert response.status_code == 302
    casus.refresh_from_db()
    assert casus.phase == Phase.NAZORG and FollowUp.objects.filter(referral=referral).count() == 3
    # Illegal step through the page: a message, no 500.
    response = client.post(
        reverse("network:referral_withdraw", args=[referral.pk]),
        {"withdrawal_reason": "x", "version": referral.version + 1},
    )
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Intrekken kan niet: de verwijzing heeft nu de status" in page


def test_worker_steps_refused_for_others(casus, service, users, login):
    referral = propose(casus, service, users["bemoeizorger"])
    url = reverse("network:referral_withdraw", args=[referral.pk])
    assert login(users["meldpunt"]).post(url, {"withdrawal_reason": "x"}).status_code == 403
    assert login(users["other_bemoeizorger"]).post(url, {"withdrawal_reason": "x"}).status_code == 404
    assert login(users["partner"]).post(url, {"withdrawal_reason": "x"}).status_code == 403
    referral.refresh_from_db()
    assert referral.status == "voorgesteld"


def test_casus_page_shows_the_network_section(casus, service, users, login, melding):
    referral = propose(casus, service, users["bemoeizorger"])
    page = login(users["bemoeizorger"]).get(reverse("cases:detail", args=[casus.pk])).content.decode()
    assert "Netwerk" in page and reverse("network:referral_detail", args=[referral.pk]) in page
    assert reverse("network:referral_create", args=[casus.pk]) in page
    assert reverse("network:status_message", args=[melding.pk]) in page
    meldpunt_page = login(users["meldpunt"]).get(reverse("cases:detail", args=[casus.pk])).content.decode()
    assert reverse("network:referral_create", args=[casus.pk]) not in meldpunt_page


def test_follow_up_pages_and_worklist(casus, service, users, fact_partner, login):
    referral = to_in_care(propose(casus, service, users["bemoeizorger"]), users["bemoeizorger"], fact_partner)
    fu = referral.follow_ups.get(key="2w")
    client = login(users["bemoeizorger"])
    assert "Geen controles die nu aan de beurt zijn." in client.get(reverse("worklists:home")).content.decode()
    FollowUp.objects.filter(pk=fu.pk).update(due_date=timezone.localdate())
    home = client.get(reverse("worklists:home")).content.decode()
    assert reverse("network:follow_up_answer", args=[fu.pk]) in home
    assert AccessLog.objects.filter(detail="werkvoorraad: vinger aan de pols", casus_id=str(casus.pk)).exists()
    assert (
        reverse("network:follow_up_answer", args=[fu.pk])
        not in login(users["other_bemoeizorger"]).get(reverse("worklists:home")).content.decode()
    )

    url = reverse("network:follow_up_answer", args=[fu.pk])
    assert "Kies ja, nee of onbekend." in client.post(url, {}).content.decode()
    response = client.post(url, {"answer": "nee", "note": "Niet meer op afspraken"})
    assert response.status_code == 302 and response.url == reverse("network:follow_up_decide", args=[fu.pk])
    decide = reverse("network:follow_up_decide", args=[fu.pk])
    page = client.post(decide, {"decision": "heropend", "reason": "Uit zorg"}).content.decode()
    assert "Kies de fase waarin de casus weer opengaat." in page
    assert (
        client.post(decide, {"decision": "heropend", "to_phase": "toeleiding", "reason": "Uit zorg"}).status_code == 302
    )
    casus.refresh_from_db()
    assert casus.phase == Phase.TOELEIDING
    assert client.get(decide).status_code == 404  # decided
    assert AccessLog.objects.filter(detail="nog in zorg: nee").exists()


# --- sociale kaart ------------------------------------------------------------


def test_service_list_filter_and_search(service, users, login):
    ServiceFactory(name="Schuldhulp Noord", type="schuldhulp")
    ServiceFactory(name="Oud en verborgen", type="schuldhulp", active=False)
    client = login(users["bemoeizorger"])
    page = client.get(reverse("network:service_list"), {"type": "schuldhulp"}).content.decode()
    assert "Schuldhulp Noord" in page and service.name not in page and "Oud en verborgen" not in page
    page = client.get(reverse("network:service_list"), {"q": "FACT"}).content.decode()
    assert service.name in page and "Schuldhulp Noord" not in page
    assert client.get(reverse("network:service_list"), {"type": "onzin"}).status_code == 200


def _service_post(service, **changes):
    data = {
        "organisation": service.organisation_id,
        "name": service.name,
        "type": service.type,
        "description": "",
        "intake_criteria": "18+",
        "exclusion_criteria": "acute crisis",
        "phone": "",
        "email": "",
        "waiting_weeks": "6",
        "capacity_note": "",
        "active": "on",
        "version": service.version,
        "contact-TOTAL_FORMS": "1",
        "contact-INITIAL_FORMS": "0",
        "contact-MIN_NUM_FORMS": "0",
        "contact-MAX_NUM_FORMS": "1000",
        "contact-0-name": "Petra Intake",
        "contact-0-function": "",
        "contact-0-phone": "010-1234567",
        "contact-0-email": "",
    }
    data.update(changes)
    return data


def test_partner_edits_own_service_and_stamp(service, fact_partner, login):
    client = login(fact_partner)
    url = reverse("network:service_edit", args=[service.pk])
    response = client.post(url, _service_post(service))
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.waiting_weeks == 6 and service.updated_by == fact_partner and service.version == 2
    assert service.contacts.get().name == "Petra Intake"
    # A stale version is refused, the typed text stays.
    response = client.post(url, _service_post(service, waiting_weeks="9", version=1))
    assert (
        "Iemand anders heeft dit intussen gewijzigd" in response.content.decode()
        and 'value="9"' in response.content.decode()
    )


def test_partner_cannot_edit_or_create_for_another_organisation(service, users, fact_partner, login):
    other = ServiceFactory(name="Van een ander")
    client = login(fact_partner)
    assert client.get(reverse("network:service_edit", args=[other.pk])).status_code == 403
    response = client.post(reverse("network:service_create"), _service_post(other, name="Nieuw", version=""))
    assert response.status_code == 200 and not Service.objects.filter(name="Nieuw").exists()
    response = client.post(reverse("network:service_create"), _service_post(service, name="Nieuw", version=""))
    assert response.status_code == 302 and Service.objects.get(name="Nieuw").organisation == fact_partner.organisation


def test_beheerder_edits_any_service_staff_only_read(service, users, login):
    assert (
        login(users["beheerder"])
        .post(reverse("network:service_edit", args=[service.pk]), _service_post(service))
        .status_code
        == 302
    )
    assert login(users["bemoeizorger"]).get(reverse("network:service_edit", args=[service.pk])).status_code == 403
    assert login(users["bemoeizorger"]).get(reverse("network:service_detail", args=[service.pk])).status_code == 200


def test_service_form_errors_in_dutch(service, fact_partner, login):
    response = login(fact_partner).post(
        reverse("network:service_edit", args=[service.pk]),
        _service_post(service, name="", waiting_weeks="veel", email="geen-mail"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "Vul dit veld in." in page
        and "Vul een geheel aantal weken in." in page
        and "Vul een geldig e-mailadres in." in page
    )


@pytest.mark.parametrize("end", ["refuse", "withdraw"])
def test_partner_no_longer_sees_the_content_after_refusal_or_withdrawal(
    casus, service, users, fact_partner, login, end
):
    from vangnet.network import services

    referral = propose(casus, service, users["bemoeizorger"], parts=("personalia", "situatie"))
    if end == "refuse":
        services.refuse_referral(referral, by=fact_partner, reason="geen_plek")
    else:
        services.withdraw_referral(referral, by=users["bemoeizorger"], reason="Niet meer nodig")
    page = login(fact_partner).get(reverse("network:partner_referral", args=[referral.pk])).content.decode()
    assert SITUATION not in page and casus.person.surname not in page
    assert "niet meer zichtbaar" in page
