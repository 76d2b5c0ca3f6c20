"""Search honours need-to-know exactly like the pages: every role x a record she may
and may not open."""

import pytest
from django.core.exceptions import PermissionDenied

from vangnet.access import policies as access
from vangnet.access.models import BreakGlassGrant
from vangnet.cases.models import Casus
from vangnet.intake.models import Melding
from vangnet.persons.models import Person
from vangnet.search import policies
from vangnet.search.services import search_everything, search_persons

pytestmark = pytest.mark.django_db

STAFF = [
    "meldpunt",
    "bemoeizorger",
    "duo",
    "teamleider",
    "consultant",
    "other_meldpunt",
    "other_bemoeizorger",
    "other_teamleider",
]

# record -> the users who find it (everyone else of STAFF must not).
FINDS = {
    # Jan's casus: its members, and the GGD's meldpunt and teamleider (organisation-wide).
    "casus": {"meldpunt", "bemoeizorger", "duo", "teamleider"},
    # A casus of the same GGD in which the bemoeizorger is not: she does not find it.
    "other_casus": {"meldpunt", "teamleider", "other_bemoeizorger"},
    "jan_melding": {"meldpunt", "bemoeizorger", "duo", "teamleider"},
    # Received by another meldpunt: the GGD's meldpunt does not find it.
    "elsewhere": {"other_meldpunt", "other_teamleider"},
    "untriaged": {"meldpunt", "teamleider"},
}


@pytest.mark.parametrize("record", list(FINDS))
@pytest.mark.parametrize("role", STAFF)
def test_reference_search_per_role(sw, users, record, role):
    obj = sw[record]
    results = search_everything(users[role], obj.reference)
    found = {h.obj.pk for h in (results.casussen if isinstance(obj, Casus) else results.meldingen)}
    assert (obj.pk in found) == (role in FINDS[record]), (role, record)


@pytest.mark.parametrize("role", STAFF)
def test_name_search_per_role(sw, users, role):
    results = search_everything(users[role], "Jan de Vries")
    sees = role in {"meldpunt", "bemoeizorger", "duo", "teamleider"}
    assert (sw["jan"].pk in {h.obj.pk for h in results.persons}) == sees
    # Nothing of Kees's casus leaks through a name search for Jan either.
    assert sw["other_casus"].pk not in {h.obj.pk for h in results.casussen}


def test_bemoeizorger_does_not_find_a_casus_she_is_not_in_by_name(sw, users):
    results = search_everything(users["bemoeizorger"], "Kees Hendriks")
    assert not results.persons and not results.casussen and not results.meldingen
    results = search_everything(users["other_bemoeizorger"], "Kees Hendriks")
    assert sw["other_casus"].pk in {h.obj.pk for h in results.casussen}


@pytest.mark.parametrize("role", ["partner", "beheerder"])
def test_no_register_search_for_partners_and_beheer(sw, users, role):
    with pytest.raises(PermissionDenied):
        search_everything(users[role], "Jan de Vries")
    with pytest.raises(PermissionDenied):
        search_persons(users[role], "Jan de Vries")
    assert not policies.can_search(users[role])


def test_break_glass_grant_is_found_and_marked(sw, users):
    user = users["other_meldpunt"]
    assert not search_everything(user, "Jan de Vries").persons
    BreakGlassGrant.objects.create(user=user, person=sw["jan"], reason="Spoed: identiteit vaststellen bij politie")
    results = search_everything(user, "Jan de Vries")
    [hit] = results.persons
    assert hit.basis == access.BASIS_BREAK_GLASS and hit.break_glass


@pytest.mark.parametrize("role", STAFF)
def test_bulk_bases_agree_with_the_single_record_rules(sw, users, role):
    user = users[role]
    BreakGlassGrant.objects.create(
        user=users["meldpunt"], person=sw["kees"], reason="Spoed: identiteit vaststellen bij politie"
    )
    persons = Person.objects.all()
    assert policies.person_bases(user, persons) == {
        p.pk: b for p in persons if (b := access.person_access_basis(user, p))
    }
    meldingen = Melding.objects.all()
    assert policies.melding_bases(user, meldingen) == {
        m.pk: b for m in meldingen if (b := access.melding_access_basis(user, m))
    }
    casussen = Casus.objects.all()
    assert policies.casus_bases(user, casussen) == {
        c.pk: b for c in casussen if (b := access.casus_access_basis(user, c))
    }


@pytest.mark.parametrize("role", STAFF)
def test_grants_asked_in_the_rows_query_give_the_same_bases_in_one_query(sw, users, role, django_assert_num_queries):
    """Issue 17: the bulk rules ask the user's break-the-glass grants inside the rows' own
    query (no query of their own); the bases are those the grants fetched apart gave."""
    user = users[role]
    granted = user if access.can_break_glass(user) else users["meldpunt"]
    BreakGlassGrant.objects.create(user=granted, person=sw["kees"], reason="Spoed: identiteit vaststellen bij politie")
    grants = policies.grants_of(user)
    for bulk, qs in (
        (policies.persons_with_basis, Person.objects.order_by("pk")),
        (policies.meldingen_with_basis, Melding.objects.order_by("pk")),
        (policies.casussen_with_basis, Casus.objects.order_by("pk")),
    ):
        with django_assert_num_queries(1):
            asked_inside = bulk(user, qs)
        assert asked_inside == bulk(user, qs, grants), bulk.__name__
