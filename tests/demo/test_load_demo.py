import base64
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from vangnet.accounts.models import Role, User
from vangnet.accounts.services import BEHEER_GROUP_NAME, current_totp_code
from vangnet.audit.models import AccessLog
from vangnet.cases.models import CONTACT_RESULTS, Casus, ContactAttempt, Phase, PhaseChange
from vangnet.demo import monitor_demo
from vangnet.demo import scenarios as S
from vangnet.intake.models import Melding
from vangnet.organisations.models import Gemeente, Organisation, Team
from vangnet.persons.models import Person
from vangnet.persons.validators import is_valid_bsn
from vangnet.triage.models import Outcome, TriageDecision


def load(*args) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo_settings(settings):
    settings.DEBUG = False
    settings.VANGNET_DEMO = True
    return settings


@pytest.mark.django_db
def test_refuses_without_debug_or_demo_flag(settings):
    settings.DEBUG = False
    settings.VANGNET_DEMO = False
    with pytest.raises(CommandError, match="nooit in productie"):
        load()
    assert not User.objects.exists()
    assert not Melding.objects.exists()


@pytest.mark.django_db
def test_runs_with_debug_only(settings):
    settings.DEBUG = True
    settings.VANGNET_DEMO = False
    load()
    assert Melding.objects.count() >= 50


@pytest.mark.django_db
def test_builds_the_whole_story(demo_settings):
    output = load()
    now = timezone.now()

    # organisations
    assert Gemeente.objects.filter(name__in=S.GEMEENTEN).count() == 2
    ggd = Organisation.objects.get(runs_meldpunt=True)
    assert ggd.does_bemoeizorg and ggd.gemeenten.count() == 2
    assert Team.objects.get(organisation=ggd, name="Bemoeizorgteam").is_bemoeizorgteam
    kinds = set(Organisation.objects.values_list("kind", flat=True))
    assert {"ggd", "ggz", "politie", "woningcorporatie"} <= kinds

    # users: all roles, one password, one TOTP secret
    users = list(User.objects.all())
    assert len(users) >= 10
    assert {u.role for u in users} == set(Role.values)
    assert User.objects.filter(role=Role.MELDPUNT).count() == 2
    assert User.objects.filter(role=Role.BEMOEIZORGER).count() == 3 + len(monitor_demo.WORKERS)
    assert User.objects.filter(role=Role.BEMOEIZORGER, organisation__kind="ggz").exists()
    # police and corporation report; noor (GGZ) answers referrals (vangnet.network)
    assert {u.organisation.kind for u in User.objects.filter(role=Role.PARTNER)} == {
        "politie",
        "woningcorporatie",
        "ggz",
    }
    beheerders = list(User.objects.filter(role=Role.BEHEERDER))
    assert len(beheerders) == 2  # four eyes: one asks, the other approves
    for beheerder in beheerders:
        assert beheerder.is_staff and not beheerder.is_superuser
        assert beheerder.groups.filter(name=BEHEER_GROUP_NAME).exists()
    assert Group.objects.get(name=BEHEER_GROUP_NAME).permissions.exists()
    raw_key = base64.b32decode(S.DEMO_TOTP_SECRET)
    for user in users:
        assert user.check_password(S.DEMO_PASSWORD), user.username
        device = TOTPDevice.objects.get(user=user)
        assert device.confirmed
        expected = TOTP(raw_key, step=30, t0=0, digits=6)
        expected.time = 1_800_000_000
        assert current_totp_code(device, at=1_800_000_000) == f"{expected.token():06d}"

    # meldingen in every stage: the stories spread over the past four months, the monitor's background over 15
    meldingen = Melding.objects.all()
    assert meldingen.count() >= 50
    received = sorted(meldingen.values_list("received_at", flat=True))
    assert received[-1] <= now
    assert 15 * 30 <= (now - received[0]).days <= 16 * 31
    stories = meldingen.filter(description__in=[scen["description"] for scen in S.SCENARIOS])
    oldest_story = stories.earliest("received_at").received_at
    assert (now - oldest_story).days >= 100 and (now - oldest_story).days <= 125
    assert len({m.channel for m in meldingen}) >= 4
    assert len({m.melder_type for m in meldingen}) >= 6
    assert meldingen.filter(melder_anonymous=True).exists()
    untriaged = meldingen.filter(status=Melding.Status.TE_TRIEREN)
    assert untriaged.count() >= 5
    today = timezone.localdate()
    assert sum(1 for m in untriaged if timezone.localdate(m.received_at) < today - timezone.timedelta(days=2)) >= 2
    assert set(TriageDecision.objects.values_list("outcome", flat=True)) == set(Outcome.values)
    assert meldingen.filter(created_by__role=Role.PARTNER).count() >= 5
    assert all(m.categories.exists() for m in meldingen)

    # casussen in every phase, with realistic histories
    assert set(Casus.objects.values_list("phase", flat=True)) == set(Phase.values)
    failed_only = [
        c
        for c in Casus.objects.filter(phase=Phase.CONTACT_LEGGEN)
        if c.attempts.exists() and not c.attempts.filter(result__in=CONTACT_RESULTS).exists()
    ]
    assert failed_only
    reopened = PhaseChange.objects.filter(from_phase=Phase.AFGESLOTEN, to_phase=Phase.CONTACT_LEGGEN).exclude(
        casus__casusregisseur__username__in=monitor_demo.WORKERS
    )
    assert reopened.count() == 1
    assert reopened.get().casus.meldingen.count() == 2
    assert Casus.objects.filter(phase=Phase.AFGESLOTEN, closed_at__isnull=False).count() >= 2
    assert ContactAttempt.objects.count() >= 60
    assert not ContactAttempt.objects.filter(at__gt=now).exists()
    assert set(ContactAttempt.objects.values_list("type", flat=True)) >= {"huisbezoek", "telefoon", "briefje", "straat"}
    assert ContactAttempt.objects.filter(with_police=True).exists()
    assert Casus.objects.filter(notes__isnull=False).distinct().count() >= 8
    assert Casus.objects.filter(members__role="consultant").exists()
    for casus in Casus.objects.all():
        assert casus.members.filter(role="regisseur", user=casus.casusregisseur).exists()
        assert casus.opened_at <= now
        changes = list(casus.phase_changes.order_by("changed_at", "id"))
        assert changes[-1].to_phase == casus.phase
        for attempt in casus.attempts.all():
            assert attempt.at >= casus.opened_at

    # persons: nameless ones, an EU citizen without BSN, only valid BSNs
    assert Person.objects.filter(surname="", given_names="").exclude(place_description="").count() >= 2
    eu = Person.objects.get(surname="Kowalczyk")
    assert eu.bsn == ""
    bsns = [
        *Person.objects.exclude(bsn="").values_list("bsn", flat=True),
        *meldingen.exclude(bsn="").values_list("bsn", flat=True),
    ]
    assert len(bsns) >= 15
    assert all(is_valid_bsn(b) for b in bsns)

    # the table at the end
    assert "http://127.0.0.1:8000" in output
    assert S.DEMO_PASSWORD in output and S.DEMO_TOTP_SECRET in output
    assert "manage.py totp_code" in output
    for user in users:
        assert user.username in output


@pytest.mark.django_db
def test_second_run_adds_nothing_and_reset_reloads_the_same_story(demo_settings):
    load()
    counts = (Melding.objects.count(), User.objects.count(), Casus.objects.count(), Person.objects.count())
    bsns = sorted(Person.objects.values_list("bsn", flat=True))

    output = load()
    assert "al" in output and "fatima" in output and S.DEMO_PASSWORD in output
    assert (Melding.objects.count(), User.objects.count(), Casus.objects.count(), Person.objects.count()) == counts

    first_user_ids = set(User.objects.values_list("pk", flat=True))
    load("--reset")
    assert (Melding.objects.count(), User.objects.count(), Casus.objects.count(), Person.objects.count()) == counts
    assert not first_user_ids & set(User.objects.values_list("pk", flat=True))
    assert sorted(Person.objects.values_list("bsn", flat=True)) == bsns  # fixed seed: reproducible


@pytest.mark.django_db
def test_reset_is_refused_once_the_app_was_used(demo_settings):
    load()
    AccessLog.objects.create(user_id="1", username="fatima", action="R", path="/meldingen/1/")
    with pytest.raises(CommandError, match="db.sqlite3"):
        load("--reset")
    assert Melding.objects.count() >= 50
