"""The beheer page "Zoekmodel personen" (issue 14): only functioneel beheer sees the trained
weights and may retrain; the numbers in Dutch; the empty state; the retrain button.

``trained.train_from_database`` is replaced by a fixed params dict: under test is the page and
the storing, not the estimation."""

import pytest
from django.urls import reverse

from tests.conftest import verified_client
from tests.factories import OrganisationFactory, UserFactory
from tests.persons.match_model_params import active, active_params, params
from vangnet.accounts.models import Role
from vangnet.audit.models import AccessLog, ObjectType
from vangnet.persons.matching import trained
from vangnet.persons.matching.store_models import MatchModelSource, MatchModelVersion

pytestmark = pytest.mark.django_db


PAGE = "persons:match_model"
TRAIN = "persons:match_model_train"
REFUSED_ROLES = ["meldpunt", "bemoeizorger", "teamleider", "consultant", "partner", "other_teamleider", "beleid"]


@pytest.fixture
def everyone(users):
    gemeente = OrganisationFactory(name="Gemeente Modelstad", kind="gemeente", runs_meldpunt=False)
    return {**users, "beleid": UserFactory(role=Role.BELEID, organisation=gemeente)}


@pytest.fixture
def beheer(users):
    return verified_client(users["beheerder"])


@pytest.fixture
def trainable(monkeypatch):
    """The tests of the button itself: no registry of 200 persons needed (the training is replaced)."""
    monkeypatch.setattr(trained, "MIN_TRAIN_RECORDS", 0)


def _text(response):
    assert response.status_code == 200
    return response.content.decode()


def test_without_a_model_the_page_says_the_default_weights_are_used(trainable, beheer):
    html = _text(beheer.get(reverse(PAGE)))
    assert "Nog geen getraind model; de standaardgewichten worden gebruikt" in html
    assert "Nu opnieuw trainen" in html
    assert "Er zijn geen eerdere versies." in html


def test_the_active_version_with_its_weights_in_dutch(beheer, users):
    trained.store_model(params(record_count=9000), source=MatchModelSource.SCHEMA)
    trained.store_model(params(), source=MatchModelSource.HANDMATIG, acting_user=users["beheerder"])
    html = _text(beheer.get(reverse(PAGE)))
    assert "Actieve versie: 2" in html
    assert "30 november 2026" in html  # trained_at 03:15 UTC, shown in local time
    assert "handmatig gestart" in html
    # counts with Dutch grouping, probabilities with a decimal comma and three significant digits
    assert "12.345" in html and "2.345.678" in html and "20.000" in html
    assert "<caption>Achternaam</caption>" in html and "<caption>Geboortedatum</caption>" in html
    assert "geboortedatum één cijfer anders" in html
    assert ">0,91<" in html and ">0,0012<" in html and ">0,0000412<" in html
    assert ">+9,57<" in html  # log2(0.91 / 0.0012) = 9.566
    assert ">-5,62<" in html  # achternaam anders: log2(0.02 / 0.9853)
    assert "Drempels" in html and ">0,99<" in html and ">0,5<" in html
    assert "zelfde namen, een generatie ertussen" in html and ">112<" in html and ">8,75<" in html
    assert ">-3,68<" in html
    # the earlier version, its size
    assert "Eerdere versies" in html and "9.000" in html and "volgens schema" in html


def test_the_numbers_follow_the_language_of_the_page(beheer, settings):
    trained.store_model(params(), source=MatchModelSource.SCHEMA)
    beheer.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = _text(beheer.get(reverse(PAGE)))
    assert ">0.0000412<" in html and "2,345,678" in html


def test_a_model_without_family_levels(beheer):
    trained.store_model(params(family=[]), source=MatchModelSource.IMPORT)
    html = _text(beheer.get(reverse(PAGE)))
    assert "Dit model heeft geen familieniveaus." in html and "geïmporteerd" in html


def test_the_page_shows_no_personal_data_and_needs_few_queries(beheer, users, django_assert_max_num_queries):
    for _ in range(5):
        trained.store_model(params(), source=MatchModelSource.SCHEMA)
    with django_assert_max_num_queries(12):  # session, user, device, the page: not one per version
        html = _text(beheer.get(reverse(PAGE)))
    assert html.count("volgens schema") == 5


@pytest.mark.parametrize("role", REFUSED_ROLES)
def test_every_other_role_is_refused_the_page_with_a_refused_row(everyone, role):
    trained.store_model(params(), source=MatchModelSource.SCHEMA)
    url = reverse(PAGE)
    before = AccessLog.objects.count()
    response = verified_client(everyone[role]).get(url)
    assert response.status_code == 403
    assert "Achternaam" not in response.content.decode()
    rows = list(AccessLog.objects.order_by("pk")[before:])
    assert [(r.action, r.path, r.user_id) for r in rows] == [(AccessLog.Action.REFUSED, url, str(everyone[role].pk))]


@pytest.mark.parametrize("role", REFUSED_ROLES)
def test_every_other_role_is_refused_the_retraining(everyone, role, monkeypatch):
    monkeypatch.setattr(trained, "train_from_database", lambda **kw: params())
    response = verified_client(everyone[role]).post(reverse(TRAIN))
    assert response.status_code == 403
    assert not MatchModelVersion.objects.exists()


def test_anonymous_is_sent_to_the_login(client):
    for name in (PAGE, TRAIN):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "inloggen" in response["Location"]
    assert client.post(reverse(TRAIN)).status_code == 302
    assert not MatchModelVersion.objects.exists()


def test_retraining_is_a_post(beheer):
    assert beheer.get(reverse(TRAIN)).status_code == 405


def test_nu_opnieuw_trainen_stores_a_new_active_version(trainable, beheer, users, monkeypatch):
    trained.store_model(params(record_count=9000), source=MatchModelSource.SCHEMA)
    monkeypatch.setattr(trained, "train_from_database", lambda **kw: params(record_count=31))
    response = beheer.post(reverse(TRAIN), follow=True)
    assert response.redirect_chain == [(reverse(PAGE), 302)]
    html = _text(response)
    assert "Het zoekmodel is opnieuw getraind; versie 2 is nu actief." in html
    version = active()
    assert (version.version, version.source, version.trained_by, version.record_count) == (
        2,
        "handmatig",
        users["beheerder"],
        31,
    )
    assert active_params()["record_count"] == 31
    rows = AccessLog.objects.filter(object_type=ObjectType.ZOEKMODEL).order_by("seq")
    asked, stored = list(rows)[-2:]
    assert asked.action == AccessLog.Action.EXECUTE and asked.user_id == str(users["beheerder"].pk)
    assert asked.path == reverse(TRAIN) and asked.ip_address
    assert stored.action == AccessLog.Action.CREATE and stored.user_id == str(users["beheerder"].pk)


def test_a_failed_training_says_so_and_keeps_the_version(trainable, beheer, monkeypatch):
    trained.store_model(params(), source=MatchModelSource.SCHEMA)

    def fails(**kwargs):
        raise RuntimeError("geen geheugen")

    monkeypatch.setattr(trained, "train_from_database", fails)
    html = _text(beheer.post(reverse(TRAIN), follow=True))
    assert "Het opnieuw trainen is mislukt. De vorige versie blijft actief." in html
    assert active().version == 1


def test_a_queued_training_says_it_started(trainable, beheer, monkeypatch, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    html = _text(beheer.post(reverse(TRAIN), follow=True))
    assert "Het opnieuw trainen is gestart." in html
    assert not MatchModelVersion.objects.exists()


def test_the_beheer_home_links_to_the_page(beheer, users):
    html = _text(beheer.get(reverse("worklists:home")))
    assert f'href="{reverse(PAGE)}"' in html and "Zoekmodel personen" in html
    staff_home = _text(verified_client(users["teamleider"]).get(reverse("worklists:home")))
    assert f'href="{reverse(PAGE)}"' not in staff_home


def test_a_registry_too_small_to_train_is_said_before_anything_is_queued(beheer, settings):
    """The demo's registry (under 200 persons): a queued training would fail in the worker,
    where nobody reads the reason; the page says it and offers no button, a POST queues nothing."""
    from tests.factories import PersonFactory

    PersonFactory.create_batch(3)
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    message = "Het register telt te weinig personen om het zoekmodel te trainen (3, minimaal 200)"
    html = _text(beheer.get(reverse(PAGE)))
    assert message in html and "Nu opnieuw trainen" not in html
    from django.tasks import task_backends
    from django.tasks.backends.dummy import DummyBackend

    html = _text(beheer.post(reverse(TRAIN), follow=True))
    assert message in html and "gestart" not in html
    backend = task_backends["default"]
    assert isinstance(backend, DummyBackend)
    assert backend.results == [] and not MatchModelVersion.objects.exists()


def test_a_registry_of_the_minimum_size_may_be_trained(beheer, monkeypatch):
    from tests.factories import PersonFactory

    monkeypatch.setattr(trained, "MIN_TRAIN_RECORDS", 4)
    PersonFactory.create_batch(4)
    html = _text(beheer.get(reverse(PAGE)))
    assert "te weinig personen" not in html and "Nu opnieuw trainen" in html
