"""The registry: name parts, partial birth dates, addresses over time, and the duplicate review."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from tests.factories import CasusFactory, MeldingFactory, PersonFactory
from tests.service_audit import CONTEXT, assert_row, new_rows
from vangnet.audit.models import AccessLog
from vangnet.core.concurrency import ConcurrentEditError
from vangnet.persons import services
from vangnet.persons.models import DobPrecision, DuplicateCandidate, PersonAddress


def test_partner_name_in_use_and_partial_birth_date(db):
    p = PersonFactory(
        given_names="Maria",
        surname="Jansen",
        partner_prefix="de",
        partner_surname="Vries",
        date_of_birth=datetime.date(1950, 6, 1),
        dob_precision=DobPrecision.MONTH,
    )
    assert p.name_in_use == "Jansen-de Vries"
    assert p.dob_text == "06-1950"
    p.dob_precision = DobPrecision.YEAR
    assert p.dob_text == "1950"
    p.date_of_birth, p.estimated_birth_year = None, 1980
    assert p.dob_text == "ongeveer 1980"


def test_change_address_keeps_the_old_one(users):
    p = PersonFactory(street="Dorpsstraat", house_number="1", postcode="1234AB", city="Testdorp")
    before = AccessLog.objects.count()
    services.change_address(
        p,
        by=users["meldpunt"],
        expected_version=p.version,
        street="Kerkweg",
        house_number="7",
        postcode="1234CD",
        city="Testdorp",
        source="melding van de wijkagent",
    )
    p.refresh_from_db()
    assert (p.street, p.house_number, p.postcode) == ("Kerkweg", "7", "1234CD")
    old = PersonAddress.objects.get(person=p)
    assert (old.street, old.house_number, old.postcode, old.valid_to) == (
        "Dorpsstraat",
        "1",
        "1234AB",
        datetime.date.today(),
    )
    assert AccessLog.objects.filter(pk__gt=0).count() == before + 1


def test_change_address_refuses_a_stale_version(users):
    p = PersonFactory(street="Dorpsstraat")
    with pytest.raises(ConcurrentEditError):
        services.change_address(p, by=users["meldpunt"], expected_version=p.version + 5, street="Kerkweg")
    assert not PersonAddress.objects.exists()


# --- batch duplicate review ------------------------------------------------------------


@pytest.fixture
def registry(users, ggd, other_org):
    """Two records of one woman (spelling variants, same birth date), her daughter at the same
    address, and a duplicate pair at the other organisation."""
    a = PersonFactory(
        given_names="Wilhelmina",
        surname="Bakker",
        date_of_birth=datetime.date(1948, 2, 3),
        postcode="1234AB",
        house_number="5",
        sex="V",
    )
    b = PersonFactory(
        given_names="Willy",
        surname="Bakker",
        date_of_birth=datetime.date(1948, 2, 3),
        postcode="1234AB",
        house_number="5",
        sex="V",
    )
    daughter = PersonFactory(
        given_names="Anna",
        surname="Bakker",
        date_of_birth=datetime.date(1975, 9, 9),
        postcode="1234AB",
        house_number="5",
        sex="V",
    )
    c = PersonFactory(given_names="Piotr", surname="Wiśniewski", date_of_birth=datetime.date(1980, 1, 2))
    d = PersonFactory(given_names="Piotr", surname="Wisniewski", date_of_birth=datetime.date(1980, 1, 2))
    for p in (a, b, daughter):
        MeldingFactory(meldpunt=ggd, person=p, created_by=users["meldpunt"])
    for p in (c, d):
        CasusFactory(person=p, organisation=other_org)
    return {"a": a, "b": b, "daughter": daughter, "c": c, "d": d}


def _pairs():
    return {(x.person_a_id, x.person_b_id) for x in DuplicateCandidate.objects.all()}


def test_dedup_review_proposes_duplicates_not_relatives(registry, capsys):
    call_command("persons_dedup_review")
    r = registry
    pairs = _pairs()
    assert (r["a"].pk, r["b"].pk) in pairs
    assert (r["c"].pk, r["d"].pk) in pairs
    assert not {(r["a"].pk, r["daughter"].pk), (r["b"].pk, r["daughter"].pk)} & pairs
    cand = DuplicateCandidate.objects.get(person_a=r["a"], person_b=r["b"])
    assert cand.status == "open" and cand.score >= 0.5 and "geboortedatum gelijk" in cand.reasons["agree"]
    assert cand.cluster == r["a"].pk
    assert "nieuwe voorstellen" in capsys.readouterr().out


def test_dedup_review_does_not_repropose_reviewed_pairs(registry, users):
    call_command("persons_dedup_review")
    cand = DuplicateCandidate.objects.get(person_a=registry["a"], person_b=registry["b"])
    services.dismiss_duplicate(cand, by=users["teamleider"], reason="Moeder en tante, twee verschillende mensen.")
    call_command("persons_dedup_review")
    assert DuplicateCandidate.objects.filter(person_a=registry["a"], person_b=registry["b"]).count() == 1
    cand.refresh_from_db()
    assert cand.status == "dismissed"


def test_dedup_review_skips_merged_persons(registry, users):
    services.merge_persons(
        registry["a"], registry["b"], by=users["teamleider"], reason="Zelfde vrouw, Willy is roepnaam."
    )
    call_command("persons_dedup_review")
    assert not DuplicateCandidate.objects.filter(person_b=registry["b"]).exists()


def test_merge_closes_the_proposal(registry, users):
    call_command("persons_dedup_review")
    services.merge_persons(
        registry["a"], registry["b"], by=users["teamleider"], reason="Zelfde vrouw, Willy is roepnaam."
    )
    assert DuplicateCandidate.objects.get(person_a=registry["a"], person_b=registry["b"]).status == "merged"


def dup_url():
    return reverse("persons:duplicates")


def test_duplicates_page_lists_only_pairs_the_teamleider_may_see(registry, users, login):
    call_command("persons_dedup_review")
    before = AccessLog.objects.count()
    html = login(users["teamleider"]).get(dup_url()).content.decode()
    assert "Wilhelmina" in html and "Willy" in html
    assert "Piotr" not in html  # the other organisation's persons
    merge = reverse("persons:merge", args=[registry["a"].pk]) + f"?ander={registry['b'].pk}"
    assert merge in html
    shown = {r.person_id for r in AccessLog.objects.filter(pk__gt=0).order_by("id")[before:]}
    assert {str(registry["a"].pk), str(registry["b"].pk)} <= shown
    other = login(users["other_teamleider"]).get(dup_url()).content.decode()
    assert "Piotr" in other and "Wilhelmina" not in other


@pytest.mark.parametrize("role", ["meldpunt", "bemoeizorger", "consultant", "partner", "beheerder"])
def test_duplicates_page_is_for_the_teamleider_only(registry, users, login, role):
    call_command("persons_dedup_review")
    cand = DuplicateCandidate.objects.get(person_a=registry["a"], person_b=registry["b"])
    client = login(users[role])
    assert client.get(dup_url()).status_code == 403
    assert (
        client.post(
            reverse("persons:duplicate_dismiss", args=[cand.pk]), {"reason": "Twee verschillende mensen."}
        ).status_code
        == 403
    )


def test_dismiss_needs_a_reason_and_is_logged(registry, users, login):
    call_command("persons_dedup_review")
    cand = DuplicateCandidate.objects.get(person_a=registry["a"], person_b=registry["b"])
    client = login(users["teamleider"])
    url = reverse("persons:duplicate_dismiss", args=[cand.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200 and "Geef een reden." in response.content.decode()
    cand.refresh_from_db()
    assert cand.status == "open"
    reason = "Moeder en tante: andere BSN bij de gemeente."
    response = client.post(url, {"reason": reason})
    assert response.status_code == 302
    cand.refresh_from_db()
    assert cand.status == "dismissed" and cand.decided_by == users["teamleider"] and cand.decision_reason == reason
    rows = AccessLog.objects.filter(object_type="dubbele-kandidaat", reason=reason)
    assert {r.person_id for r in rows} == {str(registry["a"].pk), str(registry["b"].pk)}
    assert "Wilhelmina" not in client.get(dup_url()).content.decode()


def test_dismiss_of_an_invisible_pair_is_404(registry, users, login):
    call_command("persons_dedup_review")
    cand = DuplicateCandidate.objects.get(person_a=registry["c"], person_b=registry["d"])
    response = login(users["teamleider"]).post(
        reverse("persons:duplicate_dismiss", args=[cand.pk]), {"reason": "Twee verschillende mensen."}
    )
    assert response.status_code == 404
    cand.refresh_from_db()
    assert cand.status == "open"


def test_dismiss_service_reason_in_dutch(registry, users):
    call_command("persons_dedup_review")
    cand = DuplicateCandidate.objects.get(person_a=registry["a"], person_b=registry["b"])
    with pytest.raises(ValidationError) as exc:
        services.dismiss_duplicate(cand, by=users["teamleider"], reason="nee")
    assert "Geef een reden van minstens 10 tekens." in exc.value.messages


def test_person_page_shows_other_names_earlier_addresses_and_registry_actions(registry, users, login):
    a = registry["a"]
    services.change_address(
        a,
        by=users["meldpunt"],
        expected_version=a.version,
        street="Kerkweg",
        house_number="2",
        postcode="1234CD",
        city="Testdorp",
    )
    services.merge_persons(a, registry["b"], by=users["teamleider"], reason="Zelfde vrouw, Willy is roepnaam.")
    html = login(users["teamleider"]).get(reverse("persons:detail", args=[a.pk])).content.decode()
    assert "Andere namen" in html and "Willy Bakker" in html
    assert "Eerdere adressen" in html and "1234AB" in html
    assert reverse("persons:merge", args=[a.pk]) in html and reverse("persons:split", args=[a.pk]) in html
    html = login(users["bemoeizorger"]).get(reverse("persons:detail", args=[a.pk]))
    assert html.status_code in (200, 404)
    if html.status_code == 200:
        assert reverse("persons:merge", args=[a.pk]) not in html.content.decode()


def test_address_and_dismissal_called_without_a_request_write_their_rows(registry, users):
    p = registry["a"]
    with new_rows() as rows:
        services.change_address(p, by=users["meldpunt"], expected_version=p.version, street="Kerkweg", context=CONTEXT)
    assert len(rows) == 1
    assert_row(rows[0], users["meldpunt"], action="U", object_type="adres", person=p)
    cand = DuplicateCandidate.objects.create(person_a=registry["a"], person_b=registry["b"], score=0.9)
    with new_rows() as rows, pytest.raises(ValidationError):
        services.dismiss_duplicate(cand, by=users["teamleider"], reason="nee", context=CONTEXT)
    assert rows == []
    with new_rows() as rows:
        services.dismiss_duplicate(cand, by=users["teamleider"], reason="Twee verschillende mensen.", context=CONTEXT)
    assert len(rows) == 2  # one per person of the pair
    assert_row(rows[0], users["teamleider"], action="U", object_type="dubbele-kandidaat", person=registry["a"])
    assert_row(rows[1], users["teamleider"], action="U", object_type="dubbele-kandidaat", person=registry["b"])
