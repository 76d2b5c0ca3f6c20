"""Issue 12 item 1: a registered melding can be corrected, always with a reason,
never deleted; the earlier values stay readable; figures, norms, urgency and the
search index follow the corrected values; optimistic locking; one audit row."""

import datetime
import html as htmllib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from tests.factories import CasusFactory, MeldingFactory, PersonFactory
from tests.service_audit import CONTEXT, assert_row, new_rows
from vangnet.audit.models import AccessLog
from vangnet.cases.models import CaseMember
from vangnet.core.concurrency import ConcurrentEditError
from vangnet.intake import services
from vangnet.intake.models import Melding, MeldingRevision, UrgencyRank
from vangnet.norms.services import overdue_triage, triage_deadline
from vangnet.search.index import melding_tokens
from vangnet.search.models import SearchToken

from .helpers import staff_post

CONFLICT = str(ConcurrentEditError.message)
REASON = "Telefoonnummer verkeerd overgenomen"


@pytest.fixture
def meldpunt(users):
    user = users["meldpunt"]
    user.first_name, user.last_name = "Fatima", "Bakker"
    user.save()
    return user


@pytest.fixture
def melding(meldpunt, login):
    """A melding registered through the form, as the meldpunt does."""
    response = login(meldpunt).post(reverse("intake:create"), staff_post())
    assert response.status_code == 302
    return Melding.objects.get()


def correct_url(melding):
    return reverse("intake:correct", args=[melding.pk])


def correction(melding, **overrides):
    """The registration post with some fields changed, the version and a reason."""
    data = staff_post(**overrides)
    data.setdefault("version", str(melding.version))
    data.setdefault("reason", REASON)
    return {k: v for k, v in data.items() if v is not None}


def current(melding):
    return Melding.objects.get(pk=melding.pk)


# --- the correction and its history ---------------------------------------------------


def test_correcting_the_melder_phone_keeps_the_earlier_value(melding, meldpunt, login):
    response = login(meldpunt).post(correct_url(melding), correction(melding, melder_phone="06 87654321"))

    assert response.status_code == 302
    assert response["Location"] == reverse("intake:detail", args=[melding.pk])
    stored = current(melding)
    assert stored.melder_phone == "06 87654321"
    assert stored.version == melding.version + 1
    revision = MeldingRevision.objects.get()
    # Only the changed field, with its value before the correction.
    assert revision.earlier == {"melder_phone": "06 12345678"}
    assert (revision.corrected_by, revision.reason, revision.version) == (meldpunt, REASON, stored.version)
    rows = AccessLog.objects.filter(action="U", object_type="melding", melding_id=str(melding.pk))
    assert [r.detail for r in rows] == ["melding gecorrigeerd (melder_phone)"]
    assert rows[0].reason == "meldpunt van ontvangst"
    assert "06 12345678" not in rows[0].detail  # the log names fields, never their content


def test_a_moment_with_seconds_is_not_changed_by_the_minute_the_form_shows(melding, meldpunt, login):
    """A partner's or the API's melding is stored to the second; the form shows minutes."""
    stored = datetime.datetime(2025, 3, 4, 9, 15, 42, 123456, tzinfo=timezone.get_current_timezone())
    Melding.objects.filter(pk=melding.pk).update(received_at=stored)
    login(meldpunt).post(correct_url(melding), correction(melding, melder_phone="06 87654321"))
    assert MeldingRevision.objects.get().earlier == {"melder_phone": "06 12345678"}
    assert current(melding).received_at == stored


def test_another_notation_is_no_change(melding, meldpunt, login):
    """Stored in another notation (older data, the demo): saving the form's own is no correction."""
    Melding.objects.filter(pk=melding.pk).update(
        melder_phone="06-12345678", postcode="1234AB", urgency_indicators=["geen_voedsel"]
    )
    response = login(meldpunt).post(correct_url(melding), correction(melding))
    assert response.status_code == 200
    assert "U heeft niets gewijzigd" in str(response.context["form"].non_field_errors())


def test_melding_page_shows_the_correction_mark_and_earlier_value(melding, meldpunt, login):
    client = login(meldpunt)
    client.post(correct_url(melding), correction(melding, melder_phone="06 87654321"))
    page = htmllib.unescape(client.get(reverse("intake:detail", args=[melding.pk])).content.decode())
    with translation.override("nl"):
        at = date_format(timezone.localtime(MeldingRevision.objects.get().corrected_at), "j F Y H:i")
    assert f"Gecorrigeerd door Fatima Bakker op {at} ({REASON})" in page
    assert "Telefoon melder" in page and "eerder: 06 12345678" in page
    assert "06 87654321" in page


def test_two_corrections_are_both_kept(melding, meldpunt, login):
    client = login(meldpunt)
    client.post(correct_url(melding), correction(melding, melder_phone="06 87654321"))
    client.post(
        correct_url(melding),
        correction(
            current(melding), melder_phone="06 87654321", surname="Meulenbroeck", reason="Achternaam verschreven"
        ),
    )
    earlier = list(MeldingRevision.objects.order_by("pk").values_list("earlier", flat=True))
    assert earlier == [{"melder_phone": "06 12345678"}, {"surname": "Meulenbroek"}]
    assert current(melding).surname == "Meulenbroeck"


def test_reason_is_required_and_the_typed_input_is_kept(melding, meldpunt, login):
    response = login(meldpunt).post(correct_url(melding), correction(melding, melder_phone="06 87654321", reason="  "))
    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == ["Geef de reden van de correctie."]
    assert 'value="06 87654321"' in response.content.decode()
    assert current(melding).melder_phone == "06 12345678"
    assert not MeldingRevision.objects.exists()


def test_a_correction_that_changes_nothing_is_refused(melding, meldpunt, login):
    response = login(meldpunt).post(correct_url(melding), correction(melding))
    assert response.status_code == 200
    assert "U heeft niets gewijzigd" in str(response.context["form"].non_field_errors())
    assert not MeldingRevision.objects.exists()


def test_bad_input_is_a_dutch_message_on_the_field(melding, meldpunt, login):
    response = login(meldpunt).post(correct_url(melding), correction(melding, melder_phone="bel me"))
    assert response.status_code == 200
    assert "Vul een geldig telefoonnummer in" in response.context["form"].errors["melder_phone"][0]
    assert 'value="bel me"' in response.content.decode()


def test_concurrent_correction_gets_the_conflict_message_and_keeps_input(melding, meldpunt, users, login):
    first = login(meldpunt)
    second = login(users["teamleider"])
    seen = correction(melding, melder_name="Anja de Buurvrouw", reason="Naam melder aangevuld")
    first.post(correct_url(melding), correction(melding, melder_phone="06 87654321"))

    response = second.post(correct_url(melding), seen)

    assert response.status_code == 200
    page = htmllib.unescape(response.content.decode())
    assert CONFLICT in page
    assert 'value="Anja de Buurvrouw"' in page
    # The form moved to the current version: saving again is a deliberate choice.
    assert response.context["form"].data["version"] == str(current(melding).version)
    stored = current(melding)
    assert (stored.melder_name, stored.melder_phone) == ("Anja Buurvrouw", "06 87654321")
    assert MeldingRevision.objects.count() == 1


def test_a_correction_during_triage_makes_the_triage_a_conflict(melding, meldpunt, users):
    """The triage worker decided on what she saw; the melding changed meanwhile."""
    from vangnet.triage.services import decide

    seen = current(melding).version
    services.correct_melding(
        melding, values={"surname": "Meulenbroeck"}, categories=None, reason=REASON, by=meldpunt, expected_version=seen
    )
    with pytest.raises(ConcurrentEditError):
        decide(
            current(melding),
            by=users["teamleider"],
            outcome="crisisdienst",
            acute_danger="ja",
            already_in_care="nee",
            known_to_partners="nee",
            expected_version=seen,
        )
    assert current(melding).status == Melding.Status.TE_TRIEREN


def test_double_submit_stores_one_correction(melding, meldpunt, login):
    client = login(meldpunt)
    data = correction(melding, melder_phone="06 87654321")
    client.post(correct_url(melding), data)
    again = client.post(correct_url(melding), data)
    assert again.status_code == 200
    assert MeldingRevision.objects.count() == 1


# --- figures, norms, urgency, search and the person follow the corrected values --------


def test_the_triage_norm_uses_the_corrected_received_moment(melding, meldpunt, login):
    before = triage_deadline(current(melding))
    login(meldpunt).post(
        correct_url(melding), correction(melding, received_at="2025-03-14T09:15", reason="Datum verkeerd getypt")
    )
    stored = current(melding)
    assert timezone.localtime(stored.received_at).date() == datetime.date(2025, 3, 14)
    assert triage_deadline(stored) > before
    assert list(MeldingRevision.objects.get().earlier) == ["received_at"]


def test_the_overdue_list_follows_a_corrected_received_moment(ggd, meldpunt):
    """Registered as arriving today, but it came in two weeks ago: now it is late."""
    melding = MeldingFactory(meldpunt=ggd, created_by=meldpunt)
    assert overdue_triage(Melding.objects.all()) == []
    services.correct_melding(
        melding,
        values={"received_at": timezone.now() - datetime.timedelta(days=14)},
        categories=None,
        reason="Melding lag twee weken in de mailbox",
        by=meldpunt,
        expected_version=melding.version,
    )
    assert [m.pk for m in overdue_triage(Melding.objects.all())] == [melding.pk]


def test_urgency_follows_corrected_signals(melding, meldpunt, login):
    assert current(melding).urgency_rank == UrgencyRank.SIGNAAL
    login(meldpunt).post(
        correct_url(melding),
        correction(melding, urgency_indicators=["gevaar_zelf"], reason="Melder noemde suïcidale uitingen"),
    )
    stored = current(melding)
    assert stored.urgency_indicators == ["gevaar_zelf"]
    assert stored.urgency_rank == UrgencyRank.GEVAAR
    assert Melding.objects.filter(urgency_rank=UrgencyRank.GEVAAR).count() == 1


def test_corrected_categories_keep_the_earlier_ones(melding, meldpunt, login):
    client = login(meldpunt)
    client.post(correct_url(melding), correction(melding, categories=["psychisch"], reason="Geen vervuiling"))
    assert set(current(melding).categories.values_list("code", flat=True)) == {"psychisch"}
    assert MeldingRevision.objects.get().earlier == {"categories": ["psychisch", "verwaarlozing-woning"]}
    page = client.get(reverse("intake:detail", args=[melding.pk])).content.decode()
    assert "eerder: Psychische problemen, Verwaarlozing woning" in page


def test_the_search_index_follows_a_corrected_name(melding, meldpunt, login):
    before = set(SearchToken.objects.filter(melding_id=melding.pk).values_list("token", flat=True))
    login(meldpunt).post(
        correct_url(melding), correction(melding, surname="Vermeulen", street="Dorpsstraat", reason="Verkeerd verstaan")
    )
    after = set(SearchToken.objects.filter(melding_id=melding.pk).values_list("token", flat=True))
    assert after == melding_tokens(current(melding))
    assert after != before
    assert "wdorpsstraat" in after and "wkerkstraat" not in after


def test_a_name_correction_does_not_change_the_linked_person(melding, meldpunt, login):
    person = PersonFactory(given_names="Johannes", surname="Meulenbroek")
    Melding.objects.filter(pk=melding.pk).update(person=person)
    response = login(meldpunt).post(
        correct_url(melding),
        correction(current(melding), surname="Meulenbroeck", reason="Achternaam verschreven"),
        follow=True,
    )
    person.refresh_from_db()
    assert person.surname == "Meulenbroek"
    assert current(melding).surname == "Meulenbroeck"
    assert "De gekoppelde persoon is niet aangepast" in response.content.decode()


# --- plausible dates in a correction ----------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("received_at", "1999-12-31T10:00", "Het tijdstip van ontvangst kan niet vóór 2000 liggen."),
        ("received_at", "2099-01-01T10:00", "Het tijdstip van ontvangst kan niet in de toekomst liggen."),
        ("date_of_birth", "2099-01-01", "De geboortedatum kan niet in de toekomst liggen."),
        ("date_of_birth", "1850-01-01", "De geboortedatum kan niet vóór 1900 liggen."),
    ],
)
def test_implausible_dates_are_refused(melding, meldpunt, login, field, value, message):
    response = login(meldpunt).post(correct_url(melding), correction(melding, **{field: value}))
    assert response.status_code == 200
    assert response.context["form"].errors[field][0].startswith(message)
    assert not MeldingRevision.objects.exists()


def test_service_checks_dates_too(melding, meldpunt):
    with pytest.raises(ValidationError) as exc:
        services.correct_melding(
            melding,
            values={"received_at": timezone.now() + datetime.timedelta(days=2)},
            categories=None,
            reason=REASON,
            by=meldpunt,
            expected_version=melding.version,
        )
    assert "received_at" in exc.value.message_dict


# --- the service's own row and who may correct -----------------------------------------


def test_service_writes_one_row_with_context(melding, meldpunt):
    with new_rows() as rows:
        services.correct_melding(
            melding,
            values={"melder_phone": "06 87654321"},
            categories=None,
            reason=REASON,
            by=meldpunt,
            expected_version=melding.version,
            context=CONTEXT,
        )
    [row] = rows
    assert_row(row, meldpunt, action="U", object_type="melding", melding=melding)


def test_service_refuses_an_old_version(melding, meldpunt):
    with pytest.raises(ConcurrentEditError):
        services.correct_melding(
            melding,
            values={"melder_phone": "06 87654321"},
            categories=None,
            reason=REASON,
            by=meldpunt,
            expected_version=melding.version - 1,
        )


@pytest.fixture
def casus_melding(melding, users, ggd):
    """The melding is in a casus: its bemoeizorger and consultant can read it."""
    casus = CasusFactory(person=PersonFactory(), organisation=ggd, casusregisseur=users["bemoeizorger"])
    CaseMember.objects.create(casus=casus, user=users["consultant"], role=CaseMember.Role.CONSULTANT)
    Melding.objects.filter(pk=melding.pk).update(casus=casus, person=casus.person)
    return current(melding)


def test_teamleider_of_the_meldpunt_may_correct(casus_melding, users, login):
    response = login(users["teamleider"]).post(
        correct_url(casus_melding), correction(casus_melding, melder_phone="06 87654321")
    )
    assert response.status_code == 302
    assert MeldingRevision.objects.get().corrected_by == users["teamleider"]


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("bemoeizorger", 403),  # sees the melding through the casus, may not correct it
        ("consultant", 403),
        ("partner", 403),
        ("beheerder", 403),
        ("other_meldpunt", 404),  # another meldpunt's melding is not visible
        ("other_teamleider", 404),
        ("other_bemoeizorger", 404),
    ],
)
def test_wrong_roles_are_refused_and_logged(casus_melding, users, login, role, status):
    client = login(users[role])
    assert client.get(correct_url(casus_melding)).status_code == status
    assert (
        client.post(correct_url(casus_melding), correction(casus_melding, melder_phone="06 87654321")).status_code
        == status
    )
    assert current(casus_melding).melder_phone == "06 12345678"
    assert not MeldingRevision.objects.exists()
    assert AccessLog.objects.filter(username=users[role].username, action=AccessLog.Action.REFUSED).count() == 2


def test_correct_button_only_for_those_who_may(casus_melding, users, login):
    url = reverse("intake:detail", args=[casus_melding.pk])
    assert correct_url(casus_melding) in login(users["meldpunt"]).get(url).content.decode()
    assert correct_url(casus_melding) not in login(users["bemoeizorger"]).get(url).content.decode()


def test_service_refuses_a_casus_member(casus_melding, users):
    with pytest.raises(PermissionDenied):
        services.correct_melding(
            casus_melding,
            values={"melder_phone": "06 87654321"},
            categories=None,
            reason=REASON,
            by=users["bemoeizorger"],
            expected_version=casus_melding.version,
        )
