"""Training the matcher's model from the database (``trained.train_from_database``, issue 14)
and searching with the stored result: the persons are the registry, the meldingen the
descriptions it was asked about. Names, dates and addresses come from the seeded synthetic
households of ``test_match_model_estimation``, passed to the factories explicitly, so the
test is the same on every run."""

from functools import partial

import pytest

from tests.factories import MeldingFactory, OrganisationFactory, PersonFactory, UserFactory
from tests.persons.test_match_model_estimation import U_PAIRS, describe, people
from vangnet.accounts.models import Role
from vangnet.persons.matching import model, trained
from vangnet.persons.matching.search import find_candidates
from vangnet.persons.models import Person

pytestmark = pytest.mark.django_db

PERSONS = 300
ABOUT_REGISTERED = 200  # meldingen about a registered person (a noisy copy)
ABOUT_OTHERS = 50  # and about people who are not registered


def person_fields(p: dict) -> dict:
    fields = {k: v for k, v in p.items() if k != "surname_prefix"}
    return {**fields, "tussenvoegsel": p["surname_prefix"]}


@pytest.fixture
def registry(monkeypatch):
    """The registry and its meldingen; no model stored yet."""
    # Fewer random pairs for u than the default 200.000, only to keep the test fast.
    monkeypatch.setattr(model, "train", partial(model.train, u_pairs=U_PAIRS))
    trained.clear_cache()
    persons = [PersonFactory(**person_fields(p)) for p in people(7, PERSONS)]
    # An inactive (merged) person is no part of the registry the model learns from.
    PersonFactory(given_names="Oud", surname="Record", is_active=False)
    meldpunt = OrganisationFactory(name="GGD Synthetisch")
    author = UserFactory(role=Role.MELDPUNT, organisation=meldpunt)
    others = people(8, ABOUT_OTHERS)
    described = [people(7, PERSONS)[(i * 37) % PERSONS] for i in range(ABOUT_REGISTERED)] + list(others)
    for i, p in enumerate(described):
        fields = person_fields(describe(p, f"melding|{i}"))
        MeldingFactory(meldpunt=meldpunt, created_by=author, **fields)
    yield persons
    trained.clear_cache()


def test_training_reads_the_active_persons_and_the_meldingen(registry):
    params = trained.train_from_database()
    assert params["record_count"] == Person.objects.filter(is_active=True).count() == PERSONS
    assert params["query_count"] > 0
    # Enough meldingen found someone: EM learnt from them, not from the registry's own pairs.
    assert params["em_source"] == "meldingen"
    assert 0.5 <= params["prior_match"] <= 0.95


def test_the_stored_model_finds_an_exact_description_as_the_match(registry):
    assert trained.current_weights().trained is False
    trained.store_model(trained.train_from_database(), source="schema")
    assert trained.current_weights().trained is True
    for person in registry[:20]:
        query = {
            "given_names": person.given_names,
            "surname_prefix": person.tussenvoegsel,
            "surname": person.surname,
            "sex": person.sex,
            "date_of_birth": person.date_of_birth.isoformat(),
            "street": person.street,
            "house_number": person.house_number,
            "postcode": person.postcode,
            "city": person.city,
        }
        found = find_candidates(query)
        assert found, person
        assert (found[0].person_id, found[0].verdict) == (person.pk, "match"), (person, found[:2])
