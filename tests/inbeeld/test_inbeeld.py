"""The "in beeld?" check: who may ask, the minimal answer, exact matching only, the logs."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories import CasusFactory, OrganisationFactory, PersonFactory, UserFactory
from tests.service_audit import CONTEXT, assert_row, new_rows
from vangnet.accounts.models import Role
from vangnet.audit.models import AccessLog
from vangnet.cases.models import CaseNote, Phase
from vangnet.inbeeld import services
from vangnet.inbeeld.models import InBeeldQuestion

pytestmark = pytest.mark.django_db

URL = reverse("inbeeld:ask")
BSN = "111222333"  # passes the elfproef


def grant(user):
    user.user_permissions.add(Permission.objects.get(codename="ask_inbeeld", content_type__app_label="inbeeld"))
    return user


@pytest.fixture
def asker(users):
    # Fixed: the asker's own name is in the page header, and a faker name such as
    # "Dana van den Berg" would collide with the secrets the answer must not show.
    partner = users["partner"]
    partner.first_name, partner.last_name = "Henk", "Mulder"
    partner.save()
    return grant(partner)


@pytest.fixture
def known(ggd, users):
    """A person with a running casus at the GGD, with details a partner must never see."""
    regisseur = users["bemoeizorger"]
    regisseur.phone = "010-5551234"
    regisseur.first_name, regisseur.last_name = "Sanne", "de Vries"  # fixed: a faker name may need HTML escaping
    regisseur.save()
    person = PersonFactory(
        given_names="Johannes Petrus",
        roepnaam="Hans",
        tussenvoegsel="van der",
        surname="Berg",
        date_of_birth=date(1971, 4, 12),
        bsn=BSN,
        street="Dijkstraat",
        house_number="17",
        city="Rivierstad",
    )
    casus = CasusFactory(person=person, organisation=ggd, casusregisseur=regisseur, phase=Phase.VERKENNEN)
    CaseNote.objects.create(casus=casus, text="GEHEIME-NOTITIE over psychose", author=regisseur)
    return casus


def ask(client, **data):
    payload = {
        "purpose": "overlast",
        "purpose_text": "",
        "bsn": "",
        "surname": "",
        "given_names": "",
        "date_of_birth": "",
    }
    payload.update(data)
    return client.post(URL, payload)


def by_name(client, surname="van der Berg", given="Johannes", dob="1971-04-12", **extra):
    return ask(client, surname=surname, given_names=given, date_of_birth=dob, **extra)


# --- who may ask (table-driven) -------------------------------------------------


@pytest.mark.parametrize(
    "who,granted,expected",
    [
        ("partner", True, 200),
        ("partner", False, 403),
        ("meldpunt", True, 403),
        ("bemoeizorger", True, 403),
        ("teamleider", True, 403),
        ("consultant", False, 403),
        ("beheerder", True, 403),
    ],
)
def test_only_authorised_partners_may_ask(users, login, who, granted, expected):
    user = grant(users[who]) if granted else users[who]
    client = login(user)
    assert client.get(URL).status_code == expected
    assert by_name(client).status_code == expected
    if expected == 403:
        assert not InBeeldQuestion.objects.exists()


def test_anonymous_is_sent_to_login(client):
    assert client.get(URL).status_code == 302


def test_inactive_partner_with_permission_is_refused(asker, login):
    client = login(asker)
    asker.is_active = False
    asker.save()
    assert client.get(URL).status_code in (302, 403)


# --- the answer ---------------------------------------------------------------------


def test_yes_answer_is_minimal(asker, known, login):
    response = by_name(login(asker), purpose="politie_inzet")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ja, bekend bij het bemoeizorgteam." in html
    assert str(known.casusregisseur) in html and "010-5551234" in html
    for secret in [
        "Verkennen",
        "Dijkstraat",
        "Rivierstad",
        "GEHEIME-NOTITIE",
        known.reference,
        "Johannes",
        "Berg",
        BSN,
        "1971",
        "psychose",
    ]:
        assert secret not in html, secret


def test_yes_answer_is_logged_with_purpose(asker, known, login):
    by_name(login(asker), purpose="anders", purpose_text="buren bellen vaak")
    q = InBeeldQuestion.objects.get()
    assert q.answer_yes and q.person == known.person and q.casus == known
    assert q.asked_by == asker and q.organisation == asker.organisation and q.method == "naam"
    assert q.purpose == "anders" and q.purpose_text == "buren bellen vaak"
    assert "Berg" not in q.query_hash and len(q.query_hash) == 64
    log = AccessLog.objects.get(object_type=services.OBJECT_TYPE)
    assert log.action == AccessLog.Action.EXECUTE
    assert log.user_id == str(asker.pk) and log.person_id == str(known.person.pk)
    assert "buren bellen vaak" in log.reason and "ja" in log.detail


def test_no_answer_is_logged_without_person(asker, known, login):
    response = by_name(login(asker), surname="Jansen")
    assert "Nee, niet bekend." in response.content.decode()
    q = InBeeldQuestion.objects.get()
    assert not q.answer_yes and q.person is None and q.casus is None
    log = AccessLog.objects.get(object_type=services.OBJECT_TYPE)
    assert log.person_id == "" and log.casus_id == "" and log.reason == "Overlast of dreigende huisuitzetting"


def test_bsn_path(asker, known, login):
    response = ask(login(asker), bsn="111 222 333")
    assert "Ja, bekend" in response.content.decode()
    assert InBeeldQuestion.objects.get().method == "bsn"


def test_invalid_bsn_is_refused_by_the_form_and_not_asked(asker, known, login):
    response = ask(login(asker), bsn="111222334")
    assert "elfproef" in response.content.decode()
    assert not InBeeldQuestion.objects.exists()


@pytest.mark.parametrize(
    "surname,given,dob,expected",
    [
        ("van der Berg", "Johannes", "1971-04-12", True),
        ("Berg", "johannes", "1971-04-12", True),  # tussenvoegsel and case do not matter
        ("VAN DER BERG", "Hans", "1971-04-12", True),  # roepnaam
        ("van der Berg", "Johannes Petrus", "12-04-1971", True),
        ("van der Bergh", "Johannes", "1971-04-12", False),  # one letter off: never a near-miss
        ("van der Berg", "Johanes", "1971-04-12", False),
        ("van der Berg", "Petrus", "1971-04-12", False),  # second given name alone is not exact
        ("van der Berg", "Johannes", "1971-04-13", False),
        ("van der Berg", "Johannes", "1970-04-12", False),
    ],
)
def test_exact_matching_only(asker, known, login, surname, given, dob, expected):
    html = by_name(login(asker), surname=surname, given=given, dob=dob).content.decode()
    assert ("Ja, bekend" in html) is expected
    assert ("Nee, niet bekend" in html) is not expected


def test_closed_casus_gives_no(asker, known, login):
    known.phase = Phase.AFGESLOTEN
    known.closed_at = timezone.now()
    known.save()
    assert "Nee, niet bekend" in by_name(login(asker)).content.decode()
    assert "Nee, niet bekend" in ask(login(asker), bsn=BSN).content.decode()


@pytest.mark.parametrize("phase", [Phase.CONTACT_LEGGEN, Phase.NAZORG, Phase.UIT_BEELD, Phase.LANGDURIG])
def test_every_phase_but_closed_counts_as_in_beeld(asker, known, login, phase):
    known.phase = phase
    known.save()
    assert "Ja, bekend" in by_name(login(asker)).content.decode()


def test_casus_at_organisation_without_bemoeizorg_gives_no(asker, known, login):
    org = known.organisation
    org.does_bemoeizorg = False
    org.save()
    assert "Nee, niet bekend" in by_name(login(asker)).content.decode()


def test_person_without_casus_gives_no(asker, login):
    PersonFactory(given_names="Karel", surname="Appel", date_of_birth=date(1960, 1, 1))
    assert (
        "Nee, niet bekend" in by_name(login(asker), surname="Appel", given="Karel", dob="1960-01-01").content.decode()
    )


def test_partial_date_of_birth_never_matches(asker, known, login):
    person = known.person
    person.dob_precision = "jaar"
    person.save()
    assert "Nee, niet bekend" in by_name(login(asker)).content.decode()


def test_most_recent_regisseur_is_the_contact(asker, known, login, ggd):
    later = UserFactory(role=Role.BEMOEIZORGER, organisation=ggd, first_name="Zeno", last_name="Nieuw")
    CasusFactory(
        person=known.person, organisation=ggd, casusregisseur=later, opened_at=timezone.now() + timedelta(minutes=1)
    )
    assert "Zeno Nieuw" in by_name(login(asker)).content.decode()


def test_answer_page_does_not_echo_what_was_typed(asker, known, login):
    html = by_name(login(asker)).content.decode()
    assert 'value="van der Berg"' not in html and 'value="1971-04-12"' not in html


# --- form errors ----------------------------------------------------------------------


def test_missing_identity_and_purpose_give_dutch_errors(asker, login):
    response = login(asker).post(URL, {"purpose": "", "surname": "Berg"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kies het doel van uw vraag." in html and "Vul dit in, of vul het BSN in." in html
    assert 'value="Berg"' in html  # kept what was typed
    assert not InBeeldQuestion.objects.exists()


def test_other_purpose_needs_explanation(asker, login):
    html = by_name(login(asker), purpose="anders").content.decode()
    assert "Licht het doel toe" in html
    assert not InBeeldQuestion.objects.exists()


# --- fishing ----------------------------------------------------------------------------


def test_daily_limit(asker, known, login):
    client = login(asker)
    for _ in range(services.DAILY_LIMIT):
        InBeeldQuestion.objects.create(
            asked_by=asker,
            username=asker.username,
            organisation=asker.organisation,
            organisation_name="x",
            purpose="overlast",
            method="naam",
            query_hash="x",
            answer_yes=False,
        )
    response = by_name(client)
    html = response.content.decode()
    assert "maximum per dag" in html and "Ja, bekend" not in html
    assert InBeeldQuestion.objects.count() == services.DAILY_LIMIT
    assert AccessLog.objects.filter(object_type=services.OBJECT_TYPE, detail__contains="daglimiet").exists()


def test_yesterdays_questions_do_not_count(asker, known, login):
    InBeeldQuestion.objects.bulk_create(
        InBeeldQuestion(
            asked_by=asker,
            username="x",
            organisation_name="x",
            purpose="overlast",
            method="naam",
            query_hash="x",
            answer_yes=False,
            asked_at=timezone.now() - timedelta(days=1, hours=1),
        )
        for _ in range(services.DAILY_LIMIT)
    )
    assert "Ja, bekend" in by_name(login(asker)).content.decode()


# --- transparency on the casus page ---------------------------------------------------------


def test_casusregisseur_sees_who_asked_and_why(asker, known, login):
    by_name(login(asker), purpose="anders", purpose_text="dreigende ontruiming")
    html = login(known.casusregisseur).get(reverse("cases:detail", args=[known.pk])).content.decode()
    assert "Vragen van partners" in html
    assert str(asker.organisation) in html and "dreigende ontruiming" in html


def test_no_question_no_section(known, login):
    html = login(known.casusregisseur).get(reverse("cases:detail", args=[known.pk])).content.decode()
    assert "Vragen van partners" not in html


def test_nav_shows_in_beeld_only_with_permission(users, login):
    partner = users["partner"]
    assert URL not in login(partner).get(reverse("procesregie:aan_zet")).content.decode()
    grant(partner)
    assert URL in login(partner).get(reverse("procesregie:aan_zet")).content.decode()


def test_housing_corporation_partner_can_be_authorised(login):
    corp = OrganisationFactory(kind="woningcorporatie", runs_meldpunt=False, does_bemoeizorg=False)
    linda = grant(UserFactory(role=Role.PARTNER, organisation=corp))
    assert login(linda).get(URL).status_code == 200


# --- called directly: the service writes its own access-log row -------------------


def test_ask_in_beeld_called_without_a_request_writes_one_row(asker, known):
    with new_rows() as rows:
        answer = services.ask_in_beeld(by=asker, context=CONTEXT, purpose="overlast", bsn=BSN)
    assert answer.yes and len(rows) == 1
    assert_row(rows[0], asker, action="E", object_type="in-beeld-vraag", casus=known, person=known.person)
    # Over the limit the service refuses; the refusal itself is on record (one row, no question).
    services.DailyQuestionCount.objects.filter(user=asker).update(count=services.DAILY_LIMIT)
    with new_rows() as rows, pytest.raises(ValidationError):
        services.ask_in_beeld(by=asker, context=CONTEXT, purpose="overlast", bsn=BSN)
    assert len(rows) == 1 and "daglimiet" in rows[0].detail and rows[0].casus_id == ""
    assert_row(rows[0], asker, action="E", object_type="in-beeld-vraag")
