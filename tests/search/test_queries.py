"""Each kind of query finds what it should (as the teamleider, who sees the whole GGD)."""

import pytest

from vangnet.search import services
from vangnet.search.services import search_everything

pytestmark = pytest.mark.django_db


def titles(results):
    return {h.title for h in results.hits}


def person_ids(results):
    return {h.obj.pk for h in results.persons}


def melding_ids(results):
    return {h.obj.pk for h in results.meldingen}


@pytest.mark.parametrize(
    "fmt",
    [
        "{ref}",  # M-2026-00042
        "{ref_lower}",
        "{number}",  # 00042
        "{short}",  # 42
        "M-{short}",
        "M{short}",
        "M {number}",
        "{year}-{number}",
    ],
)
def test_melding_by_full_or_partial_reference(sw, users, fmt):
    m = sw["jan_melding"]
    prefix, year, number = m.reference.split("-")
    query = fmt.format(ref=m.reference, ref_lower=m.reference.lower(), number=number, short=int(number), year=year)
    results = search_everything(users["teamleider"], query)
    assert results.kind == services.KIND_REFERENCE
    assert m.pk in melding_ids(results)


def test_casus_reference_prefix_only_finds_casussen(sw, users):
    c = sw["casus"]
    results = search_everything(users["teamleider"], f"C-{c.pk}")
    assert [h.obj.pk for h in results.casussen] == [c.pk]
    assert not results.meldingen


def test_wrong_year_finds_nothing(sw, users):
    m = sw["jan_melding"]
    assert not search_everything(users["teamleider"], f"M-1999-{m.pk:05d}").meldingen


@pytest.mark.parametrize(
    "query",
    ["Jan de Vries", "de Vries", "Vries, Jan de", "jan vries", "Johannes de Vries", "Jan de Vriess", "J. de Vries"],
)
def test_person_by_name_with_dutch_name_rules(sw, users, query):
    results = search_everything(users["teamleider"], query)
    assert results.kind == services.KIND_WORDS
    assert sw["jan"].pk in person_ids(results)
    # A found person brings her meldingen and casussen.
    assert sw["jan_melding"].pk in melding_ids(results)
    assert sw["casus"].pk in {h.obj.pk for h in results.casussen}


@pytest.mark.parametrize("query", ["Bylsma", "bijlsma", "Sukru Bijlsma", "Şükrü Bijlsma", "Bijlsme"])
def test_ij_y_diacritics_and_typos(sw, users, query):
    assert sw["bijlsma"].pk in person_ids(search_everything(users["teamleider"], query))


def test_a_name_does_not_find_someone_else(sw, users):
    assert sw["kees"].pk not in person_ids(search_everything(users["teamleider"], "Jan de Vries"))


@pytest.mark.parametrize("query", ["3-4-1975", "03-04-1975", "1975-04-03", "3/4/1975", "03.04.1975"])
def test_date_of_birth(sw, users, query):
    results = search_everything(users["teamleider"], query)
    assert results.kind == services.KIND_DOB
    assert person_ids(results) == {sw["jan"].pk}


def test_date_of_birth_finds_an_untriaged_melding(sw, users):
    results = search_everything(users["teamleider"], "30-11-1948")
    assert sw["untriaged"].pk in melding_ids(results)


@pytest.mark.parametrize("query", ["111222333", "111 222 333"])
def test_bsn(sw, users, query):
    results = search_everything(users["teamleider"], query)
    assert results.kind == services.KIND_BSN
    assert person_ids(results) == {sw["jan"].pk}


def test_nine_digits_failing_the_11_proef_is_no_bsn(sw, users):
    assert search_everything(users["teamleider"], "111222334").kind != services.KIND_BSN


@pytest.mark.parametrize("query", ["1234AB", "1234 ab", "1234 AB 12", "1234AB12"])
def test_postcode_and_house_number(sw, users, query):
    results = search_everything(users["teamleider"], query)
    assert results.kind == services.KIND_POSTCODE
    assert sw["jan"].pk in person_ids(results)


def test_postcode_with_another_house_number_finds_nobody(sw, users):
    assert not search_everything(users["teamleider"], "1234 AB 99").persons


@pytest.mark.parametrize("query", ["0612345678", "06-12345678", "+31 6 12345678", "06 123 456 78"])
def test_phone(sw, users, query):
    results = search_everything(users["teamleider"], query)
    assert results.kind == services.KIND_PHONE
    assert person_ids(results) == {sw["jan"].pk}


def test_place_words_on_persons_and_meldingen(sw, users):
    results = search_everything(users["teamleider"], "station")
    assert sw["station_man"].pk in person_ids(results)
    assert sw["station_melding"].pk in melding_ids(results)
    results = search_everything(users["teamleider"], "portiek")
    assert sw["untriaged"].pk in melding_ids(results)


def test_address_word(sw, users):
    assert sw["jan"].pk in person_ids(search_everything(users["teamleider"], "Lekweg"))


def test_untriaged_melding_by_name(sw, users):
    results = search_everything(users["teamleider"], "Gerda Oosterhuis")
    assert sw["untriaged"].pk in melding_ids(results)


def test_too_short_finds_nothing(sw, users):
    results = search_everything(users["teamleider"], "a")
    assert results.kind == services.KIND_TOO_SHORT
    assert not results.hits


def test_results_carry_status_and_next_action(sw, users):
    results = search_everything(users["meldpunt"], sw["untriaged"].reference)
    [hit] = results.meldingen
    assert hit.status == "Te triëren"
    assert hit.next_action == "Triëren"
    assert hit.url == f"/triage/melding/{sw['untriaged'].pk}/"


@pytest.mark.parametrize("role", ["teamleider", "bemoeizorger"])
@pytest.mark.parametrize("text", ["station", "portiek station", "Lekweg", "Gerda Oosterhuis"])
def test_person_and_melding_words_in_one_statement_as_apart(sw, users, role, text, django_assert_num_queries):
    """Issue 17: the words of the persons and of the meldingen are looked up in one
    statement; each gives the ids, in the order, it gave on its own (also within a
    bemoeizorger's own persons and meldingen)."""
    scope = services._scope(users[role])
    weights = dict.fromkeys(services._word_tokens(text), 3.0)
    for t, w in services._name_key_weights(text).items():
        weights.setdefault(t, w)
    lookups = [
        services._person_token_lookup(services._word_tokens(text), 50, scope),
        services._melding_token_lookup(weights, 50, min_weight=2.0, scope=scope),
        services._melding_token_lookup(weights, 3, scope=scope),
    ]
    apart = [services._ids_by_token_lookups([lookup])[0] for lookup in lookups]
    with django_assert_num_queries(1):
        together = services._ids_by_token_lookups(lookups)
    assert together == apart
    if role == "teamleider":
        assert any(apart)
