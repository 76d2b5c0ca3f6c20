"""The matcher's trained model (issue 14): stored versions, the one active version, the
cached params the search reads, training from the schedule, the command and the task.

``trained.train_from_database`` is replaced by a fixed params dict: what is tested here is the
storage around the estimation, not the estimation."""

import json
import time
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction

from tests.factories import PersonFactory
from tests.persons.match_model_params import active, active_params, params
from vangnet.audit.models import AccessLog, ObjectType
from vangnet.persons.matching import trained
from vangnet.persons.matching.store_models import MatchModelSource, MatchModelVersion
from vangnet.persons.tasks import train_match_model

pytestmark = pytest.mark.django_db


def model_rows():
    return AccessLog.objects.filter(object_type=ObjectType.ZOEKMODEL).order_by("seq")


@pytest.fixture
def trains(monkeypatch):
    """train_from_database returns a small model; the calls are counted."""
    calls = []

    def fake(**kwargs):
        calls.append(kwargs)
        return params(record_count=100 + len(calls))

    monkeypatch.setattr(trained, "train_from_database", fake)
    return calls


# --- storing ---------------------------------------------------------------------------


def test_store_makes_numbered_versions_and_only_the_newest_is_active(users):
    first = trained.store_model(params(), source=MatchModelSource.SCHEMA)
    second = trained.store_model(
        params(record_count=12400), source=MatchModelSource.HANDMATIG, acting_user=users["beheerder"]
    )
    first.refresh_from_db()
    assert (first.version, second.version) == (1, 2)
    assert not first.is_active and second.is_active
    assert MatchModelVersion.objects.filter(is_active=True).get() == second
    assert second.record_count == 12400 and second.query_count == 20000 and second.pair_count == 2_345_678
    assert second.trained_at == datetime(2026, 11, 30, 3, 15, tzinfo=UTC)
    assert second.trained_by == users["beheerder"] and first.trained_by is None
    assert second.params["comparisons"]["surname"]["levels"][0]["code"] == "exact"


def test_store_writes_an_audit_row_without_personal_data(users):
    trained.store_model(params(), source=MatchModelSource.SCHEMA)
    trained.store_model(params(), source=MatchModelSource.HANDMATIG, acting_user=users["beheerder"])
    schedule, by_hand = model_rows()
    assert schedule.action == AccessLog.Action.CREATE and schedule.user_id == "systeem"
    assert "versie 1" in schedule.detail and "bron schema" in schedule.detail
    assert by_hand.user_id == str(users["beheerder"].pk) and by_hand.username == users["beheerder"].username
    assert "versie 2" in by_hand.detail
    assert not any([by_hand.person_id, by_hand.casus_id, by_hand.melding_id])


def test_a_failing_audit_write_stores_no_version(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("log unavailable")

    monkeypatch.setattr(trained, "audit", broken)
    with pytest.raises(RuntimeError):
        trained.store_model(params(), source=MatchModelSource.SCHEMA)
    assert not MatchModelVersion.objects.exists()


@pytest.mark.parametrize(
    "bad",
    [
        params(format="fs-0"),
        params(record_count=-1),
        params(pair_count="veel"),
        params(comparisons={}),
        params(comparisons={"surname": {"label": "Achternaam", "levels": [{"code": "exact", "label": "x", "m": 0.9}]}}),
        params(family=[{"code": "x", "label": "x", "observed": 1, "expected": "twee", "weight": 1.0}]),
        params(thresholds={"match": 0.99}),
        ["geen", "object"],
    ],
)
def test_store_refuses_params_the_matcher_cannot_read(bad):
    with pytest.raises(ValueError):
        trained.store_model(bad, source=MatchModelSource.SCHEMA)
    assert not MatchModelVersion.objects.exists() and not model_rows().exists()


def test_store_refuses_an_unknown_source():
    with pytest.raises(ValueError):
        trained.store_model(params(), source="zomaar")


def test_the_database_allows_one_active_version():
    trained.store_model(params(), source=MatchModelSource.SCHEMA)
    with pytest.raises(IntegrityError), transaction.atomic():
        MatchModelVersion.objects.create(
            version=9, trained_at=datetime(2026, 1, 1, tzinfo=UTC), params=params(), source="schema", is_active=True
        )


def test_earlier_versions_are_all_but_the_active_newest_first():
    for _ in range(3):
        trained.store_model(params(), source=MatchModelSource.SCHEMA)
    assert [v.version for v in trained.earlier_versions()] == [2, 1]
    assert active().version == 3


# --- the cached params ---------------------------------------------------------------


def test_active_params_is_none_until_a_model_is_stored():
    assert trained.active_params() is None
    trained.store_model(params(), source=MatchModelSource.SCHEMA)
    assert active_params()["record_count"] == 12345


def test_active_params_costs_no_query_within_the_check_interval(django_assert_num_queries):
    trained.store_model(params(), source=MatchModelSource.SCHEMA)
    with django_assert_num_queries(2):  # the active id, then its params
        trained.active_params()
    with django_assert_num_queries(0):
        for _ in range(50):
            assert active_params()["format"] == "fs-1"


def test_no_model_is_cached_too(django_assert_num_queries):
    with django_assert_num_queries(1):
        assert trained.active_params() is None
    with django_assert_num_queries(0):
        assert trained.active_params() is None


def _another_process_activates(record_count):
    """What a store in another worker process looks like from here: rows change, our cache is not told."""
    MatchModelVersion.objects.filter(is_active=True).update(is_active=False)
    latest = MatchModelVersion.objects.order_by("-version").first()
    MatchModelVersion.objects.create(
        version=(latest.version if latest else 0) + 1,
        trained_at=datetime(2026, 12, 1, tzinfo=UTC),
        params=params(record_count=record_count),
        source="schema",
        is_active=True,
    )


def test_a_version_activated_elsewhere_is_read_after_the_interval(monkeypatch, django_assert_num_queries):
    now = [1000.0]
    monkeypatch.setattr(time, "monotonic", lambda: now[0])
    trained.store_model(params(), source=MatchModelSource.SCHEMA)
    assert active_params()["record_count"] == 12345
    _another_process_activates(record_count=777)
    now[0] += trained.CHECK_SECONDS - 1
    assert active_params()["record_count"] == 12345  # still within the interval
    now[0] += 2
    assert active_params()["record_count"] == 777
    # Unchanged after the next interval: one cheap query, the params are not read again.
    now[0] += trained.CHECK_SECONDS + 1
    with django_assert_num_queries(1):
        assert active_params()["record_count"] == 777


def test_a_store_in_this_process_is_seen_at_once():
    trained.store_model(params(), source=MatchModelSource.SCHEMA)
    assert active_params()["record_count"] == 12345
    trained.store_model(params(record_count=5), source=MatchModelSource.SCHEMA)
    assert active_params()["record_count"] == 5


def test_clear_cache_forgets(django_assert_num_queries):
    trained.active_params()
    trained.clear_cache()
    with django_assert_num_queries(1):
        trained.active_params()


# --- training: service, task, command ------------------------------------------------


def test_train_and_store(trains, users):
    version = trained.train_and_store(source=MatchModelSource.HANDMATIG, acting_user=users["beheerder"])
    assert version.is_active and version.record_count == 101 and version.source == "handmatig"
    assert trains == [{}]
    trained.train_and_store(source=MatchModelSource.SCHEMA, sample_queries=500)
    assert trains[-1] == {"sample_queries": 500}


def test_a_failed_training_keeps_the_active_version(monkeypatch):
    trained.store_model(params(), source=MatchModelSource.SCHEMA)

    def fails(**kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(trained, "train_from_database", fails)
    with pytest.raises(RuntimeError):
        trained.train_and_store(source=MatchModelSource.SCHEMA)
    assert active().version == 1


def test_the_task_trains_for_the_schedule_and_for_a_beheerder(trains, users):
    result = train_match_model.enqueue()
    assert result.return_value == 1
    asked = train_match_model.enqueue(source=MatchModelSource.HANDMATIG, acting_user_id=users["beheerder"].pk)
    assert asked.return_value == 2
    schedule, by_hand = MatchModelVersion.objects.order_by("version")
    assert (schedule.source, schedule.trained_by) == ("schema", None)
    assert (by_hand.source, by_hand.trained_by) == ("handmatig", users["beheerder"])


def test_command_dry_run_prints_the_figures_and_stores_nothing(trains, capsys):
    call_command("train_match_model", "--dry-run", "--sample-queries", "300")
    out = capsys.readouterr().out
    assert "personen 101" in out and "paren 2345678" in out
    assert "surname (Achternaam):" in out and "exact" in out  # levels by code
    assert "m=0.91" in out and "Niets opgeslagen" in out
    assert trains == [{"sample_queries": 300}]
    assert not MatchModelVersion.objects.exists() and not model_rows().exists()


def test_command_stores_a_version_for_the_schedule(trains, capsys):
    call_command("train_match_model")
    version = MatchModelVersion.objects.get()
    assert version.is_active and version.source == "schema" and version.trained_by is None
    assert "Versie 1 opgeslagen en actief" in capsys.readouterr().out


def test_command_imports_params_from_a_file(tmp_path, trains):
    path = tmp_path / "model.json"
    path.write_text(json.dumps(params(record_count=4242)), encoding="utf-8")
    call_command("train_match_model", "--from-file", str(path))
    version = MatchModelVersion.objects.get()
    assert (version.source, version.record_count) == ("import", 4242)
    assert trains == []  # nothing trained here


def test_command_refuses_a_bad_file(tmp_path):
    path = tmp_path / "model.json"
    path.write_text(json.dumps(params(format="iets anders")), encoding="utf-8")
    with pytest.raises(CommandError, match="Ongeldige params"):
        call_command("train_match_model", "--from-file", str(path))
    with pytest.raises(CommandError, match="niet lezen"):
        call_command("train_match_model", "--from-file", str(tmp_path / "er-niet.json"))
    assert not MatchModelVersion.objects.exists()


def test_command_can_leave_the_training_to_the_worker(trains, capsys):
    call_command("train_match_model", "--queue")  # the immediate backend of the tests runs it at once
    assert MatchModelVersion.objects.get().source == "schema"
    assert "wachtrij" in capsys.readouterr().out


def test_a_registry_too_small_keeps_the_hand_set_weights(users):
    """A handful of persons says nothing about how people are written: no model, a clear
    message, and the matcher goes on with its own weights."""
    PersonFactory.create_batch(5)
    with pytest.raises(trained.TooSmallToTrain, match="te weinig personen om het zoekmodel te trainen"):
        trained.train_from_database()
    with pytest.raises(CommandError, match="te weinig personen om het zoekmodel te trainen"):
        call_command("train_match_model", stdout=StringIO())
    assert not MatchModelVersion.objects.exists()
    assert trained.current_weights().trained is False


def test_what_is_stored_can_be_read_back_by_the_matcher():
    """A stored version is what every search reads: a family level without its u would pass
    the store and break the search (KeyError) on the next query."""
    from vangnet.persons.matching.model import TrainedWeights

    TrainedWeights(params())
    without_u = params()
    del without_u["family"][0]["u"]
    with pytest.raises(ValueError, match="mist u"):
        trained.store_model(without_u, source=MatchModelSource.SCHEMA)
