"""The stored ``Casus.has_contact_attempt`` (the first-attempt norm at scale) always says
what the attempts say: every path that records or voids one keeps it, and the "te laat"
lists built on it show exactly the rows the old anti-join over the attempts showed."""

import importlib
import random
from datetime import timedelta

import pytest
from django.apps import apps as django_apps
from django.db.models import Exists, OuterRef
from django.utils import timezone

from tests.factories import CasusFactory, PersonFactory
from vangnet.cases import services
from vangnet.cases.models import Casus, ContactAttempt, Phase
from vangnet.norms.cutoffs import overdue_before
from vangnet.norms.models import NormSettings
from vangnet.worklists import services as worklists

pytestmark = pytest.mark.django_db


def _log(casus, at=None):
    return services.log_contact_attempt(
        casus,
        at=at or timezone.now() - timedelta(hours=1),
        type="huisbezoek",
        result="geen_gehoor",
        workers=[],
        with_police=False,
        note="",
        by=casus.casusregisseur,
    )


def _void(attempt):
    attempt.refresh_from_db()
    services.void_contact_attempt(
        attempt, reason="verkeerde casus", by=attempt.created_by, expected_version=attempt.version
    )


def _stored(casus) -> bool:
    return Casus.objects.values_list("has_contact_attempt", flat=True).get(pk=casus.pk)


def _from_attempts() -> dict[int, bool]:
    counting = ContactAttempt.objects.counting().filter(casus_id=OuterRef("pk"))
    return dict(Casus.objects.annotate(real=Exists(counting)).values_list("pk", "real"))


def _stored_all() -> dict[int, bool]:
    return dict(Casus.objects.values_list("pk", "has_contact_attempt"))


def test_logging_correcting_and_voiding_keep_the_flag(users, ggd):
    casus = CasusFactory(
        organisation=ggd, casusregisseur=users["bemoeizorger"], opened_at=timezone.now() - timedelta(days=3)
    )
    assert not _stored(casus)
    first = _log(casus)
    assert _stored(casus) and casus.has_contact_attempt
    second = _log(casus)
    first.refresh_from_db()
    services.correct_contact_attempt(
        first,
        at=first.at - timedelta(hours=1),
        type=first.type,
        result="gesprek",
        workers=[casus.casusregisseur],
        with_police=False,
        note="",
        reason="resultaat verkeerd",
        by=casus.casusregisseur,
        expected_version=first.version,
    )
    assert _stored(casus)
    _void(first)
    assert _stored(casus)  # the second still counts
    _void(second)
    assert not _stored(casus)  # only voided attempts left: none counts
    version = Casus.objects.get(pk=casus.pk).version
    _log(casus)
    assert _stored(casus)
    assert Casus.objects.get(pk=casus.pk).version == version  # a derived fact, no edit of the casus


def test_the_migration_and_the_bulk_refresh_fill_it_from_the_attempts(users, ggd):
    casussen = [CasusFactory(organisation=ggd, casusregisseur=users["bemoeizorger"]) for _ in range(4)]
    for casus in casussen[:3]:
        ContactAttempt.objects.create(
            casus=casus, at=casus.opened_at, type="telefoon", result="gesprek", created_by=casus.casusregisseur
        )
    ContactAttempt.objects.filter(casus=casussen[2]).update(voided_at=timezone.now())
    Casus.objects.filter(pk=casussen[3].pk).update(has_contact_attempt=True)  # wrong on purpose
    migration = importlib.import_module("vangnet.cases.migrations.0010_has_contact_attempt")
    migration.fill_has_contact_attempt(django_apps, None)
    assert _stored_all() == _from_attempts() == {c.pk: i < 2 for i, c in enumerate(casussen)}
    Casus.objects.update(has_contact_attempt=False)
    services.refresh_has_contact_attempt([c.pk for c in casussen])
    assert _stored_all() == _from_attempts()


# --- the old queries, as they were before the stored flag: the reference ---------------


def _old_overdue_ids(user, now, settings) -> list[int]:
    from vangnet.access.policies import visible_casussen

    qs = visible_casussen(user, include_break_glass=False).filter(organisation_id=user.organisation_id)
    counting = ContactAttempt.objects.counting().filter(casus=OuterRef("pk"))
    return list(
        worklists.with_urgency(Casus.objects.filter(pk__in=qs.values("pk")))
        .filter(~Exists(counting))
        .exclude(phase=Phase.AFGESLOTEN)
        .filter(opened_at__lt=overdue_before(now, settings.first_attempt_workdays))
        .order_by("-urgency_rank", "opened_at", "pk")
        .values_list("pk", flat=True)
    )


def _old_my_open_ids(user) -> list[int]:
    counting = ContactAttempt.objects.counting().filter(casus=OuterRef("pk"))
    return list(
        worklists.with_urgency(worklists._my_open(user))
        .annotate(has_attempt=Exists(counting))
        .order_by("-urgency_rank", "has_attempt", "opened_at", "pk")
        .values_list("pk", flat=True)
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_te_laat_shows_the_same_rows_as_the_anti_join_on_a_random_world(users, ggd, other_org, seed):
    rng = random.Random(seed)
    now = timezone.now()
    settings = NormSettings.current()
    workers = [users["bemoeizorger"], users["consultant"]]
    attempts, bulk_loaded = [], []
    for i in range(40):
        casus = CasusFactory(
            organisation=ggd if rng.random() < 0.8 else other_org,
            casusregisseur=rng.choice(workers) if rng.random() < 0.8 else users["teamleider"],
            person=PersonFactory(),
            phase=rng.choice(list(Phase.values)),
            opened_at=now - timedelta(days=rng.randint(0, 20), hours=rng.randint(0, 23)),
            members=[users["bemoeizorger"]] if rng.random() < 0.3 else [],
        )
        for _ in range(rng.choice([0, 0, 1, 2])):
            attempts.append(_log(casus, at=casus.opened_at + (now - casus.opened_at) * rng.random()))
        if i % 7 == 0:
            ContactAttempt.objects.create(  # a bulk load: refreshed at the end, as bench/scale does
                casus=casus, at=casus.opened_at, type="telefoon", result="gesprek", created_by=casus.casusregisseur
            )
            bulk_loaded.append(casus.pk)
    for attempt in rng.sample(attempts, len(attempts) // 3):
        _void(attempt)
    services.refresh_has_contact_attempt(bulk_loaded)
    assert _stored_all() == _from_attempts()

    teamleider = users["teamleider"]
    new = [c.pk for c in worklists.organisation_overdue_casussen(teamleider, now, settings)]
    assert new and new == _old_overdue_ids(teamleider, now, settings)
    head, count = worklists.organisation_overdue_casussen_head(teamleider, now, settings, 5)
    assert [c.pk for c in head] == new[:5] and count == len(new)
    for user in (users["bemoeizorger"], teamleider):
        assert list(worklists.open_my_cases_order(user)) == _old_my_open_ids(user)
        old_overdue = len(
            [
                pk
                for pk in _old_my_open_ids(user)
                if not Casus.objects.get(pk=pk).attempts.counting().exists()
                and Casus.objects.get(pk=pk).opened_at < overdue_before(now, settings.first_attempt_workdays)
            ]
        )
        assert worklists.my_open_counts(user, now, settings, set())["overdue"] == old_overdue
