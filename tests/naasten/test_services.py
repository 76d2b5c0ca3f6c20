"""The rules of the naasten: add, change, log a contact, the audit rows, double
submits, plausible dates, and the melder kept out of the inzage."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from vangnet.audit.models import AccessLog
from vangnet.cases.models import Phase
from vangnet.core.concurrency import ConcurrentEditError
from vangnet.naasten import services
from vangnet.naasten.models import Naaste, NaasteContact

from .conftest import add

pytestmark = pytest.mark.django_db


def _rows(object_type):
    return AccessLog.objects.filter(object_type=object_type)


def test_adding_a_naaste_stores_it_on_the_person_with_an_audit_row(casus, users):
    naaste = add(casus, users["duo"], reach=" 06-11112222 ", consent_on=timezone.localdate())
    assert naaste.person == casus.person and naaste.reach == "06-11112222"
    row = _rows("naaste").get()
    assert row.action == AccessLog.Action.CREATE and row.casus_id == str(casus.pk)
    assert "Marja" not in row.detail and "06-1111" not in row.detail  # no content in the log


def test_a_double_submit_stores_one_naaste(casus, users):
    first = add(casus, users["duo"])
    assert add(casus, users["duo"]) == first
    assert Naaste.objects.count() == 1 and _rows("naaste").count() == 1


def test_a_second_naaste_with_another_relation_is_a_new_one(casus, users):
    add(casus, users["duo"])
    add(casus, users["duo"], relation="buren")
    assert Naaste.objects.count() == 2


@pytest.mark.parametrize(
    "field, kwargs",
    [
        ("name", {"name": "  "}),
        ("relation", {"relation": "collega"}),
        ("consent", {"consent": "alles"}),
        ("consent_on", {"consent_on": timezone.localdate() + timedelta(days=3)}),
        ("consent_on", {"consent_on": date(1901, 1, 1)}),
    ],
)
def test_invalid_input_is_refused_on_its_field(casus, users, field, kwargs):
    with pytest.raises(ValidationError) as exc:
        add(casus, users["duo"], **kwargs)
    assert field in exc.value.error_dict
    assert not Naaste.objects.exists()


def test_changing_a_naaste_with_optimistic_locking(casus, users):
    naaste = add(casus, users["duo"])
    stale = Naaste.objects.get(pk=naaste.pk)
    services.change_naaste(
        naaste, expected_version=1, name="Marja", relation="familie", consent="nodig", by=users["bemoeizorger"]
    )
    with pytest.raises(ConcurrentEditError):
        services.change_naaste(
            stale, expected_version=1, name="Anders", relation="buren", consent="niets", by=users["duo"]
        )
    naaste.refresh_from_db()
    assert (naaste.name, naaste.consent, naaste.version) == ("Marja", "nodig", 2)
    assert _rows("naaste").filter(action=AccessLog.Action.UPDATE).count() == 1


@pytest.mark.parametrize("who", ["other_bemoeizorger", "meldpunt", "partner", "consultant", "beheerder"])
def test_who_does_not_work_on_the_casus_may_not_add_or_change(casus, users, who):
    with pytest.raises(PermissionDenied):
        add(casus, users[who])
    naaste = add(casus, users["duo"])
    with pytest.raises(PermissionDenied):
        services.change_naaste(naaste, expected_version=1, name="x", relation="familie", consent="niets", by=users[who])


def test_a_closed_casus_takes_no_new_naasten(casus, users):
    naaste = add(casus, users["duo"])
    casus.phase = Phase.AFGESLOTEN
    casus.save()
    with pytest.raises(PermissionDenied):
        add(casus, users["duo"], name="Ander")
    with pytest.raises(PermissionDenied):
        services.change_naaste(
            naaste, expected_version=1, name="x", relation="familie", consent="niets", by=users["duo"]
        )


def test_logging_a_contact_with_an_audit_row_and_one_row_on_a_double_submit(casus, users):
    naaste = add(casus, users["duo"])
    at = timezone.now() - timedelta(hours=2)
    first = services.log_naaste_contact(casus, naaste=naaste, at=at, way="telefoon", note="Belde", by=users["duo"])
    again = services.log_naaste_contact(casus, naaste=naaste, at=at, way="telefoon", note="Belde", by=users["duo"])
    assert first == again and NaasteContact.objects.count() == 1
    assert _rows("naaste-contact").count() == 1
    assert list(services.contacts(casus)) == [first]


@pytest.mark.parametrize(
    "field, at, way",
    [
        ("at", timezone.now() + timedelta(days=2), "bezoek"),
        ("at", timezone.now() - timedelta(days=400), "bezoek"),  # before the casus started
        ("at", None, "bezoek"),
        ("way", timezone.now() - timedelta(hours=1), "duif"),
    ],
)
def test_an_implausible_contact_is_refused_on_its_field(casus, users, field, at, way):
    naaste = add(casus, users["duo"])
    with pytest.raises(ValidationError) as exc:
        services.log_naaste_contact(casus, naaste=naaste, at=at, way=way, by=users["duo"])
    assert field in exc.value.error_dict
    assert not NaasteContact.objects.exists()


def test_a_contact_with_a_naaste_of_another_person_is_refused(casus, users, ggd, team):
    from tests.factories import CasusFactory

    other = CasusFactory(organisation=ggd, team=team, casusregisseur=users["duo"], opened_at=casus.opened_at)
    stranger = add(other, users["duo"], name="Iemand anders")
    with pytest.raises(ValidationError) as exc:
        services.log_naaste_contact(casus, naaste=stranger, at=timezone.now(), way="bericht", by=users["duo"])
    assert "naaste" in exc.value.error_dict


def test_a_melder_naaste_is_never_in_the_inzage(casus, users):
    sister = add(casus, users["duo"], name="Zus")
    add(casus, users["duo"], name="Buurman Piet", relation="buren", consent="nodig", is_melder=True)
    assert services.naasten_for_inzage(casus.person) == [sister]
    assert {n.name for n in services.naasten(casus.person)} == {"Zus", "Buurman Piet"}
