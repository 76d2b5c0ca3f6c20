"""The load_demo command on an empty database: the gate, the build without the monitor's
background, and running it again. These build the stories alone (seconds instead of half
a minute); the full build's contents, its wipe and the refused reset are checked in
test_demo_build.py."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from vangnet.accounts.models import User
from vangnet.cases.models import Casus
from vangnet.demo import bewaren_demo, monitor_demo
from vangnet.demo import scenarios as S
from vangnet.intake.models import Melding
from vangnet.persons.models import Person

STORIES = "--zonder-achtergrond"


def load(*args) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_refuses_without_debug_or_demo_flag(settings):
    settings.DEBUG = False
    settings.VANGNET_DEMO = False
    with pytest.raises(CommandError, match="nooit in productie"):
        load()
    assert not User.objects.exists()
    assert not Melding.objects.exists()


@pytest.mark.django_db
def test_runs_with_debug_only_and_can_leave_out_the_background(settings):
    # Both in one test: a build takes seconds, and the one without background is the quick one.
    settings.DEBUG = True
    settings.VANGNET_DEMO = False
    output = load(STORIES)
    stories = {scen["description"] for scen in S.SCENARIOS}
    assert set(Melding.objects.filter(description__in=stories).values_list("description", flat=True)) == stories
    assert set(S.USERS) <= set(User.objects.values_list("username", flat=True))
    assert not User.objects.filter(username__in=monitor_demo.WORKERS).exists()
    assert not any(worker in output for worker in monitor_demo.WORKERS)
    # Only the stories' four months, not the background's fifteen.
    # (the retention demo's meldingen are years old on purpose: past their term)
    oldest = Melding.objects.exclude(description=bewaren_demo.DESCRIPTION).earliest("received_at").received_at
    assert (timezone.now() - oldest).days <= 125


@pytest.fixture
def demo_settings(settings):
    settings.DEBUG = False
    settings.VANGNET_DEMO = True
    return settings


@pytest.mark.django_db
def test_second_run_adds_nothing_and_reset_reloads_the_same_story(demo_settings):
    load(STORIES)
    counts = (Melding.objects.count(), User.objects.count(), Casus.objects.count(), Person.objects.count())
    bsns = sorted(Person.objects.values_list("bsn", flat=True))

    output = load(STORIES)
    assert "al" in output and "fatima" in output and S.DEMO_PASSWORD in output
    assert (Melding.objects.count(), User.objects.count(), Casus.objects.count(), Person.objects.count()) == counts

    first_user_ids = set(User.objects.values_list("pk", flat=True))
    load("--reset", STORIES)
    assert (Melding.objects.count(), User.objects.count(), Casus.objects.count(), Person.objects.count()) == counts
    assert not first_user_ids & set(User.objects.values_list("pk", flat=True))
    assert sorted(Person.objects.values_list("bsn", flat=True)) == bsns  # fixed seed: reproducible
