"""Merge and split of person records: nothing lost, everything logged, only for the right people."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.access.conftest import grant
from tests.factories import CasusFactory, MeldingFactory, PersonFactory
from tests.service_audit import CONTEXT, assert_row, new_rows
from vangnet.audit.models import AccessLog
from vangnet.audit.services import log_access
from vangnet.cases.models import Casus
from vangnet.core.concurrency import ConcurrentEditError
from vangnet.intake.models import Melding
from vangnet.persons import services
from vangnet.persons.matching.store_models import PersonMatchKey
from vangnet.persons.models import Person, PersonAddress, PersonAlias, PersonMergeRecord, PersonSplitRecord

REASON = "Zelfde BSN bij de gemeente nagevraagd: dubbel geregistreerd."


@pytest.fixture
def pair(users, ggd):
    """The same man registered twice at the GGD, each record with its own history."""
    keep = PersonFactory(
        given_names="Hendrik",
        roepnaam="Henk",
        tussenvoegsel="van de",
        surname="Berg",
        date_of_birth=datetime.date(1964, 3, 2),
        street="Dorpsstraat",
        house_number="1",
        postcode="1234AB",
        city="Testdorp",
    )
    remove = PersonFactory(
        given_names="Henk",
        surname="Vandenberg",
        date_of_birth=None,
        bsn="111222333",
        street="Stationsplein",
        house_number="3",
        postcode="1000AA",
        city="Teststad",
    )
    keep_casus = CasusFactory(person=keep, organisation=ggd, casusregisseur=users["bemoeizorger"])
    keep_melding = MeldingFactory(meldpunt=ggd, person=keep, casus=keep_casus, created_by=users["meldpunt"])
    remove_casus = CasusFactory(person=remove, organisation=ggd, casusregisseur=users["bemoeizorger"])
    remove_m1 = MeldingFactory(meldpunt=ggd, person=remove, casus=remove_casus, created_by=users["meldpunt"])
    remove_m2 = MeldingFactory(meldpunt=ggd, person=remove, created_by=users["meldpunt"])
    PersonAlias.objects.create(person=remove, kind="bijnaam", given_names="Henkie")
    log_access(
        None,
        AccessLog.Action.READ,
        person=remove,
        object_type="persoon",
        detail="eerder gelezen",
        user=users["teamleider"],
    )
    return {
        "keep": keep,
        "remove": remove,
        "keep_casus": keep_casus,
        "keep_melding": keep_melding,
        "remove_casus": remove_casus,
        "remove_meldingen": [remove_m1, remove_m2],
    }


# --- merge: the service -------------------------------------------------------------


def test_merge_keeps_every_melding_casus_and_audit_row(pair, users):
    keep, remove = pair["keep"], pair["remove"]
    meldingen_before = Melding.objects.count()
    casussen_before = Casus.objects.count()
    audit_before = list(AccessLog.objects.values_list("pk", flat=True))
    removed_rows = AccessLog.objects.filter(person_id=str(remove.pk)).count()
    assert removed_rows >= 1

    record = services.merge_persons(keep, remove, by=users["teamleider"], reason=REASON)

    assert Melding.objects.count() == meldingen_before and Casus.objects.count() == casussen_before
    assert set(Melding.objects.filter(person=keep).values_list("pk", flat=True)) == {
        pair["keep_melding"].pk,
        *[m.pk for m in pair["remove_meldingen"]],
    }
    assert set(Casus.objects.filter(person=keep).values_list("pk", flat=True)) == {
        pair["keep_casus"].pk,
        pair["remove_casus"].pk,
    }
    assert not Melding.objects.filter(person=remove).exists() and not Casus.objects.filter(person=remove).exists()
    # No audit row lost; the removed id's rows are found through the kept person's access log.
    assert set(audit_before) <= set(AccessLog.objects.values_list("pk", flat=True))
    assert AccessLog.objects.filter(person_id=str(remove.pk)).count() >= removed_rows
    log_ids = set(services.access_log_for_person(keep).values_list("pk", flat=True))
    assert set(AccessLog.objects.filter(person_id=str(remove.pk)).values_list("pk", flat=True)) <= log_ids
    # The removed record stays, inactive, pointing at the kept one.
    remove.refresh_from_db()
    assert remove.is_active is False and remove.merged_into_id == keep.pk
    assert record.kept_id == keep.pk and record.removed_id == remove.pk and record.reason == REASON
    assert record.snapshot["surname"] == "Vandenberg" and record.snapshot["bsn"] == "111222333"


def test_merge_keeps_name_as_alias_address_as_history_and_fills_blanks(pair, users):
    keep, remove = pair["keep"], pair["remove"]
    services.merge_persons(keep, remove, by=users["teamleider"], reason=REASON)
    keep.refresh_from_db()
    assert keep.bsn == "111222333"  # filled from the removed record
    assert keep.surname == "Berg" and keep.street == "Dorpsstraat"  # own data untouched
    names = {(a.given_names, a.surname) for a in PersonAlias.objects.filter(person=keep)}
    assert ("Henk", "Vandenberg") in names and ("Henkie", "") in names
    assert PersonAddress.objects.filter(person=keep, street="Stationsplein", postcode="1000AA").exists()


def test_merge_writes_audit_rows_with_the_reason(pair, users):
    keep, remove = pair["keep"], pair["remove"]
    before = AccessLog.objects.count()
    record = services.merge_persons(keep, remove, by=users["teamleider"], reason=REASON)
    rows = AccessLog.objects.order_by("id")[before:]
    assert all(r.reason == REASON and r.user_id == str(users["teamleider"].pk) for r in rows)
    actions = {(r.action, r.object_type, r.person_id) for r in rows}
    assert ("U", "persoon", str(keep.pk)) in actions
    assert ("D", "persoon", str(remove.pk)) in actions
    assert ("C", "andere naam", str(keep.pk)) in actions
    moved = {r.melding_id for r in rows if r.object_type == "melding" and r.action == "U"}
    assert moved == {str(m.pk) for m in pair["remove_meldingen"]}
    assert {r.casus_id for r in rows if r.object_type == "casus"} == {str(pair["remove_casus"].pk)}
    assert any(f"samenvoeging {record.pk}" in r.detail for r in rows)


def test_merge_moves_break_glass_grants_and_reindexes(pair, users):
    keep, remove = pair["keep"], pair["remove"]
    g = grant(users["meldpunt"], remove)
    assert PersonMatchKey.objects.filter(person=remove).exists()
    services.merge_persons(keep, remove, by=users["teamleider"], reason=REASON)
    g.refresh_from_db()
    assert g.person_id == keep.pk
    assert not PersonMatchKey.objects.filter(person=remove).exists()
    # The kept person is found by the BSN it got from the removed record.
    assert PersonMatchKey.objects.filter(person=keep, key__startswith="b").exists()


def test_merge_needs_a_reason_in_dutch(pair, users):
    with pytest.raises(ValidationError) as exc:
        services.merge_persons(pair["keep"], pair["remove"], by=users["teamleider"], reason="dubbel")
    assert "Geef een reden van minstens 10 tekens." in exc.value.message_dict["reason"]
    assert pair["remove"].meldingen.count() == 2


def test_merge_with_itself_is_refused(pair, users):
    with pytest.raises(ValidationError):
        services.merge_persons(pair["keep"], pair["keep"], by=users["teamleider"], reason=REASON)


def test_merge_refuses_a_stale_version(pair, users):
    keep, remove = pair["keep"], pair["remove"]
    stale = keep.version
    keep.save_versioned(keep.version, ["surname"])  # someone else edited
    with pytest.raises(ConcurrentEditError):
        services.merge_persons(
            keep, remove, by=users["teamleider"], reason=REASON, keep_version=stale, remove_version=remove.version
        )
    assert remove.meldingen.count() == 2 and not PersonMergeRecord.objects.exists()


def test_merge_chain_access_log_covers_every_merged_id(pair, users):
    keep, remove = pair["keep"], pair["remove"]
    third = PersonFactory(surname="Berg")
    log_access(None, AccessLog.Action.READ, person=third, object_type="persoon", user=users["teamleider"])
    services.merge_persons(remove, third, by=users["teamleider"], reason=REASON)
    remove.refresh_from_db()
    services.merge_persons(keep, remove, by=users["teamleider"], reason=REASON)
    person_ids = set(services.access_log_for_person(keep).values_list("person_id", flat=True))
    assert {str(keep.pk), str(remove.pk), str(third.pk)} <= person_ids


# --- split: the service --------------------------------------------------------------


def test_split_moves_exactly_the_chosen_records(pair, users):
    keep = pair["keep"]
    services.merge_persons(keep, pair["remove"], by=users["teamleider"], reason=REASON)
    m1, m2 = pair["remove_meldingen"]
    casus = pair["remove_casus"]
    audit_before = AccessLog.objects.count()

    new, record = services.split_person(
        keep,
        meldingen=[m1, m2],
        casussen=[casus],
        by=users["teamleider"],
        new_identity={"given_names": "Henk", "surname": "Vandenberg", "bsn": "", "date_of_birth": None},
        reason="Twee verschillende mannen: andere geboortedatum bij de huisarts.",
    )

    assert set(new.meldingen.values_list("pk", flat=True)) == {m1.pk, m2.pk}
    assert list(new.casussen.values_list("pk", flat=True)) == [casus.pk]
    assert list(keep.meldingen.values_list("pk", flat=True)) == [pair["keep_melding"].pk]
    assert list(keep.casussen.values_list("pk", flat=True)) == [pair["keep_casus"].pk]
    assert record.source_id == keep.pk and record.new_person_id == new.pk
    assert record.melding_ids == sorted([m1.pk, m2.pk]) and record.casus_ids == [casus.pk]
    rows = AccessLog.objects.order_by("id")[audit_before:]
    assert {(r.action, r.person_id) for r in rows if r.object_type == "persoon"} == {
        ("C", str(new.pk)),
        ("U", str(keep.pk)),
    }
    assert PersonMatchKey.objects.filter(person=new).exists()


def test_split_keeps_melding_and_its_casus_together(pair, users):
    m1 = pair["remove_meldingen"][0]  # belongs to remove_casus
    with pytest.raises(ValidationError) as exc:
        services.split_person(
            pair["remove"],
            meldingen=[m1],
            casussen=[],
            by=users["teamleider"],
            new_identity={"surname": "Anders"},
            reason="Andere persoon, zegt de melder.",
        )
    assert "verplaats die casus mee" in " ".join(exc.value.messages)


def test_split_needs_reason_selection_and_identity(pair, users):
    with pytest.raises(ValidationError) as exc:
        services.split_person(
            pair["remove"], meldingen=[], casussen=[], by=users["teamleider"], new_identity={}, reason=""
        )
    text = " ".join(exc.value.messages)
    assert "Geef een reden van minstens 10 tekens." in text
    assert "Kies minstens één melding of casus" in text
    assert "minstens een naam of een omschrijving" in text
    assert Person.objects.count() == 2 and not PersonSplitRecord.objects.exists()


# --- the pages ------------------------------------------------------------------------


def merge_url(keep, other=None):
    url = reverse("persons:merge", args=[keep.pk])
    return f"{url}?ander={other.pk}" if other else url


def merge_post(pair, **overrides):
    data = {
        "ander": pair["remove"].pk,
        "keep_version": pair["keep"].version,
        "remove_version": pair["remove"].version,
        "reason": REASON,
        "confirm": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.parametrize("role", ["teamleider", "meldpunt"])
def test_merge_page_shows_both_side_by_side_and_merges(pair, users, login, role):
    client = login(users[role])
    html = client.get(merge_url(pair["keep"], pair["remove"])).content.decode()
    assert "Hendrik" in html and "Vandenberg" in html and "Beide personen naast elkaar" in html
    assert "111222333" not in html  # BSN masked
    response = client.post(merge_url(pair["keep"]), merge_post(pair))
    assert response.status_code == 302 and response.url == reverse("persons:detail", args=[pair["keep"].pk])
    assert PersonMergeRecord.objects.filter(kept=pair["keep"], removed=pair["remove"], by=users[role]).exists()


def test_merge_page_without_other_asks_for_it(pair, users, login):
    response = login(users["teamleider"]).get(merge_url(pair["keep"]))
    assert response.status_code == 200 and "Nummer van de andere persoon" in response.content.decode()


@pytest.mark.parametrize("role", ["bemoeizorger", "consultant", "partner", "beheerder"])
def test_merge_and_split_refuse_other_roles(pair, users, login, role):
    client = login(users[role])
    assert client.get(merge_url(pair["keep"], pair["remove"])).status_code == 403
    assert client.post(merge_url(pair["keep"]), merge_post(pair)).status_code == 403
    assert client.get(reverse("persons:split", args=[pair["keep"].pk])).status_code == 403
    assert not PersonMergeRecord.objects.exists()


def test_merge_with_an_invisible_person_is_404(pair, users, login, other_org):
    stranger = PersonFactory(surname="Onbekend")
    CasusFactory(person=stranger, organisation=other_org)
    client = login(users["teamleider"])
    assert client.get(merge_url(pair["keep"], stranger)).status_code == 404
    assert client.post(merge_url(pair["keep"]), merge_post(pair, ander=stranger.pk)).status_code == 404
    # and the other organisation's teamleider cannot see the kept person
    other = login(users["other_teamleider"])
    assert other.get(merge_url(pair["keep"], pair["remove"])).status_code == 404
    assert not PersonMergeRecord.objects.exists()


def test_merge_page_requires_reason_and_confirmation(pair, users, login):
    client = login(users["teamleider"])
    response = client.post(merge_url(pair["keep"]), merge_post(pair, reason="kort", confirm=None))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Geef een reden van minstens 10 tekens." in html
    assert "Bevestig dat u beide personen hebt vergeleken." in html
    assert not PersonMergeRecord.objects.exists()


def test_merge_page_stale_version_gives_dutch_error(pair, users, login):
    client = login(users["teamleider"])
    data = merge_post(pair, keep_version=pair["keep"].version - 1 if pair["keep"].version > 1 else 99)
    response = client.post(merge_url(pair["keep"]), data)
    assert response.status_code == 200
    assert "Iemand anders heeft dit intussen gewijzigd" in response.content.decode()
    assert not PersonMergeRecord.objects.exists()


def test_merged_person_page_redirects_to_the_kept_one(pair, users, login):
    services.merge_persons(pair["keep"], pair["remove"], by=users["teamleider"], reason=REASON)
    response = login(users["teamleider"]).get(reverse("persons:detail", args=[pair["remove"].pk]))
    assert response.status_code == 302 and response.url == reverse("persons:detail", args=[pair["keep"].pk])


def test_access_log_page_shows_rows_of_the_merged_person(pair, users, login):
    services.merge_persons(pair["keep"], pair["remove"], by=users["teamleider"], reason=REASON)
    html = login(users["teamleider"]).get(reverse("persons:access_log", args=[pair["keep"].pk])).content.decode()
    assert "eerder gelezen" in html


def split_url(person):
    return reverse("persons:split", args=[person.pk])


def test_split_page_moves_the_chosen_records(pair, users, login):
    remove = pair["remove"]
    m1, m2 = pair["remove_meldingen"]
    client = login(users["meldpunt"])
    page = client.get(split_url(remove)).content.decode()
    assert m1.reference in page and pair["remove_casus"].reference in page
    response = client.post(
        split_url(remove),
        {
            "version": remove.version,
            "meldingen": [m2.pk],
            "surname": "Anders",
            "given_names": "Kees",
            "reason": "Melding ging over de buurman, niet over Henk.",
        },
    )
    assert response.status_code == 302
    new = Person.objects.get(surname="Anders")
    assert response.url == reverse("persons:detail", args=[new.pk])
    assert list(new.meldingen.values_list("pk", flat=True)) == [m2.pk]
    assert set(remove.meldingen.values_list("pk", flat=True)) == {m1.pk}


def test_split_page_reason_required_and_only_visible_records(pair, users, login, other_org):
    remove = pair["remove"]
    hidden = MeldingFactory(meldpunt=other_org, person=remove)
    client = login(users["meldpunt"])
    assert hidden.reference not in client.get(split_url(remove)).content.decode()
    response = client.post(
        split_url(remove),
        {
            "version": remove.version,
            "meldingen": [hidden.pk],
            "surname": "Anders",
            "reason": "",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Geef een reden." in html
    assert "Kies alleen meldingen van deze persoon die u mag inzien." in html
    assert hidden.person_id == remove.pk and not PersonSplitRecord.objects.exists()


def test_split_invisible_person_is_404(users, login, other_org):
    stranger = PersonFactory()
    MeldingFactory(meldpunt=other_org, person=stranger)
    assert login(users["meldpunt"]).get(split_url(stranger)).status_code == 404


# --- called directly: the services write their own access-log rows ----------------


def test_merge_and_split_called_without_a_request_write_their_rows(pair, users):
    tl, keep, remove = users["teamleider"], pair["keep"], pair["remove"]
    with new_rows() as rows, pytest.raises(ValidationError):
        services.merge_persons(keep, remove, by=tl, reason="kort", context=CONTEXT)
    assert rows == []
    with new_rows() as rows:
        services.merge_persons(keep, remove, by=tl, reason=REASON, context=CONTEXT)
    # The kept and the removed person, the 2 meldingen and 1 casus moved, the kept name and address.
    assert [(r.action, r.object_type) for r in rows] == [
        ("U", "persoon"),
        ("D", "persoon"),
        ("U", "melding"),
        ("U", "melding"),
        ("U", "casus"),
        ("C", "andere naam"),
        ("C", "adres"),
    ]
    assert_row(rows[0], tl, action="U", object_type="persoon", person=keep)
    assert_row(rows[1], tl, action="D", object_type="persoon", person=remove)
    for row in rows[2:]:
        assert_row(row, tl, action=row.action, object_type=row.object_type, person=keep)
    m1, _m2 = pair["remove_meldingen"]
    with new_rows() as rows, pytest.raises(ValidationError):
        services.split_person(
            keep, meldingen=[m1], casussen=[], new_identity={"surname": "Anders"}, by=tl, reason="", context=CONTEXT
        )
    assert rows == []
    with new_rows() as rows:
        new, _record = services.split_person(
            keep,
            meldingen=[pair["keep_melding"]],
            casussen=[pair["keep_casus"]],
            new_identity={"surname": "Anders"},
            by=tl,
            reason=REASON,
            context=CONTEXT,
        )
    assert [(r.action, r.object_type) for r in rows] == [
        ("C", "persoon"),
        ("U", "persoon"),
        ("U", "melding"),
        ("U", "casus"),
    ]
    assert_row(rows[0], tl, action="C", object_type="persoon", person=new)
    assert_row(rows[1], tl, action="U", object_type="persoon", person=keep)
    assert_row(rows[2], tl, action="U", object_type="melding", person=new, melding=pair["keep_melding"])
