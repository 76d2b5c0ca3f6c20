"""The registry views in the shape of the project-wide permission matrix
(tests/test_permission_matrix.py): who gets what on merge, split and the duplicate review."""

import pytest
from django.db.models import F
from django.urls import reverse

from tests.factories import MeldingFactory, PersonFactory
from tests.test_permission_matrix import ROLES, _client, only
from tests.test_permission_matrix import world as matrix_world  # noqa: F401
from vangnet.access.models import BreakGlassGrant
from vangnet.persons.models import DuplicateCandidate

pytestmark = pytest.mark.django_db

REGISTRY_MATRIX = {
    ("persons:merge", "person"): only({"meldpunt", "teamleider"}, other_meldpunt=404, other_teamleider=404),
    ("persons:split", "person"): only({"meldpunt", "teamleider"}, other_meldpunt=404, other_teamleider=404),
    ("persons:duplicates", None): only({"teamleider", "other_teamleider"}),
    ("persons:duplicate_dismiss", "duplicate"): only({"teamleider"}, other_teamleider=404),
}


@pytest.fixture
def world(matrix_world):  # noqa: F811
    # The matrix world is built once per module (tests/shared_db.py): its objects are shared,
    # so they are changed in the database only (undone after each test), and its own GGD is
    # used instead of the per-test ``ggd`` fixture, which would be a second "GGD Testregio".
    people, objects = matrix_world
    BreakGlassGrant.objects.filter(pk=objects["grant"].pk).update(expires_at=F("created_at"))
    twin = PersonFactory(surname=objects["person"].surname)
    MeldingFactory(meldpunt=people["meldpunt"].organisation, created_by=people["meldpunt"], person=twin)
    duplicate = DuplicateCandidate.objects.create(person_a=objects["person"], person_b=twin, score=0.9)
    return people, {**objects, "duplicate": duplicate}


@pytest.mark.parametrize("name,key", list(REGISTRY_MATRIX), ids=[n for n, _ in REGISTRY_MATRIX])
def test_registry_get_matrix(name, key, world):
    people, objects = world
    url = reverse(name, args=[objects[key].pk]) if key else reverse(name)
    got = {role: _client(role, people).get(url).status_code for role in ROLES}
    assert got == REGISTRY_MATRIX[(name, key)]
