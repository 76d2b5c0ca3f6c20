"""Person.objects.with_surname: the matcher's surname rule for other apps."""

import pytest

from tests.factories import PersonFactory
from vangnet.persons.models import Person

pytestmark = pytest.mark.django_db


def test_with_surname_uses_the_name_rules():
    person = PersonFactory(surname="Berg", tussenvoegsel="van den")
    PersonFactory(surname="Bergen", tussenvoegsel="")
    assert list(Person.objects.with_surname("van den Berg")) == [person]


def test_with_surname_without_a_key_finds_nobody():
    PersonFactory(surname="", tussenvoegsel="")
    assert not Person.objects.with_surname("").exists()
    assert not Person.objects.with_surname("  -  ").exists()
