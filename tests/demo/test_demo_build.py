"""The full demo (``load_demo``), built once for this module: a build takes seconds and
CI runs the suite twice, so every test here reads the same build.

The build is made in a transaction that the module rolls back at its end, and each test
runs in a savepoint inside it (tests/shared_db.py): a test that writes (the wipe) is
undone before the next one, and nothing reaches the tests of other modules.
The tests that need an empty database (the DEBUG gate, the build without background,
the reset that builds again) are in test_load_demo.py."""

import base64
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.shared_db import built_once
from vangnet.accounts.models import Role, User
from vangnet.accounts.services import BEHEER_GROUP_NAME, current_totp_code
from vangnet.audit.models import AccessLog
from vangnet.cases.models import CONTACT_RESULTS, Casus, ContactAttempt, Phase, PhaseChange
from vangnet.demo import bewaren_demo, builders, monitor_demo
from vangnet.demo import scenarios as S
from vangnet.intake.models import Channel, MelderType, Melding
from vangnet.monitor.forms import last_full_months
from vangnet.monitor.indicators import RUNNING_PHASES, compute_indicators
from vangnet.organisations.models import Gemeente, Organisation, Team
from vangnet.persons.models import Person
from vangnet.persons.validators import is_valid_bsn
from vangnet.triage.models import Outcome, TriageDecision
from vangnet.wvggz.deadlines import AMBER, GREEN, RED, term_state
from vangnet.wvggz.models import Onderzoek

pytestmark = pytest.mark.django_db


def load(*args) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def _build() -> tuple[str, frozenset[int]]:
    with override_settings(VANGNET_DEMO=True):
        output = load()
    return output, frozenset(User.objects.values_list("pk", flat=True))


@pytest.fixture(scope="module")
def built_demo(django_db_setup, django_db_blocker):
    """(the command's output, the demo users' ids) of the one build, rolled back after the module."""
    yield from built_once(django_db_blocker, _build)


@pytest.fixture
def demo_output(built_demo, settings):
    """The build's output; first a check that no earlier test left its writes behind
    (the reset makes new users, so their ids would differ)."""
    output, user_ids = built_demo
    assert frozenset(User.objects.values_list("pk", flat=True)) == user_ids
    settings.VANGNET_DEMO = True
    return output


# --- the named stories and the command's table -------------------------------


def test_builds_the_whole_story(demo_output):
    output = demo_output
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
    assert set(User.objects.filter(role=Role.PARTNER).values_list("organisation__kind", flat=True)) == {
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
    # (the retention demo's meldingen are years old on purpose: past their term)
    meldingen = Melding.objects.exclude(description=bewaren_demo.DESCRIPTION)
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
    assert len([m for m in untriaged if timezone.localdate(m.received_at) < today - timedelta(days=2)]) >= 2
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


# --- wiping and the reset ----------------------------------------------------


def test_wipe_removes_the_whole_demo_with_its_background(demo_output):
    # The reset itself is tested on the stories alone (test_load_demo.py): a second full
    # build in this module's transaction is slow on SQLite. What the reset adds for the
    # background is that its records go too: here.
    assert User.objects.filter(username__in=monitor_demo.WORKERS).count() == len(monitor_demo.WORKERS)
    builders.wipe_demo()
    assert not builders.demo_present()
    assert not User.objects.exists()
    assert not builders.demo_organisations().exists()  # the sociale kaart's partners stay (get_or_create)
    assert not Gemeente.objects.exists()
    assert not Melding.objects.exists()
    assert not TriageDecision.objects.exists()
    assert not Casus.objects.exists()
    assert not Person.objects.exists()
    assert not Onderzoek.objects.exists()


def test_reset_is_refused_once_the_app_was_used(demo_output):
    AccessLog.objects.create(user_id="1", username="fatima", action="R", path="/meldingen/1/")
    with pytest.raises(CommandError, match=r"db\.sqlite3"):
        load("--reset")
    assert Melding.objects.count() >= 50


# --- the Wvggz onderzoeken ---------------------------------------------------


def test_demo_has_open_onderzoeken_in_every_colour_and_one_decided(demo_output):
    open_colours = {term_state(o.deadline).rag for o in Onderzoek.objects.filter(status="open")}
    assert open_colours == {GREEN, AMBER, RED}
    decided = Onderzoek.objects.get(status="afgerond")
    assert decided.outcome == "aanvraag" and decided.request_sent_at and decided.melder_informed_how == "brief"
    assert decided.decided_at is not None and decided.decided_at.date() <= decided.deadline
    assert Onderzoek.objects.filter(worker_rows__isnull=True, status="open").count() == 1


# --- the monitor's background (issue 13) -------------------------------------
# In the default period (the last twelve whole months) every count is there, every split
# has its parts, every share and median can be computed, and the months have inflow and
# outflow. The demo is built from today, so the checks are on presence, not on exact
# values (which the monitor's own tests fix).


def test_the_default_period_shows_every_indicator_and_the_background_is_plausible(demo_output):
    figures = compute_indicators(*last_full_months(timezone.localdate())).as_dict()
    every_count_is_there(figures)
    every_share_and_median_can_be_computed(figures)
    every_split_shows_its_parts(figures)
    the_months_have_inflow_and_outflow(figures)
    the_background_is_in_order_of_time()
    out = StringIO()
    call_command("verify_access_log", stdout=out)
    assert out.getvalue().startswith("OK")


def every_count_is_there(figures: dict) -> None:
    counts = {key: value for key, value in figures.items() if isinstance(value, int)}
    assert set(counts) >= {
        "meldingen_ontvangen",
        "meldingen_getrieerd",
        "casussen_gestart",
        "casussen_afgesloten",
        "casussen_lopend_einde",
        "casussen_nooit_bereikt",
        "herhaalde_personen",
        "casussen_heropend",
        "zes_maanden_nagevraagd",
        "nog_in_zorg_na_zes_maanden",
    }
    assert {key: value for key, value in counts.items() if not value} == {}
    # Like a meldpunt of a middle-sized region: 25 to 60 meldingen a month.
    assert 25 * 12 <= figures["meldingen_ontvangen"] <= 60 * 12


def every_share_and_median_can_be_computed(figures: dict) -> None:
    derived = [key for key in figures if key.endswith("_pct") or key.startswith("mediaan_")]
    assert len(derived) >= 9
    assert {key: figures[key] for key in derived if figures[key] is None} == {}
    assert 0 < figures["triage_binnen_norm_pct"] < 100  # some triaged late
    assert 0 < figures["eerste_poging_binnen_norm_pct"] < 100  # some first attempts late
    assert 0 < figures["nog_in_zorg_na_zes_maanden_pct"] < 100  # ja and nee


def every_split_shows_its_parts(figures: dict) -> None:
    assert all(figures["meldingen_per_bron"][bron] for bron in MelderType.values)
    assert all(figures["meldingen_per_kanaal"][kanaal] for kanaal in Channel.values)
    assert sum(1 for n in figures["meldingen_per_zorg"].values() if n) >= 12
    assert all(figures["triage_uitkomsten"][outcome] for outcome in Outcome.values)
    assert all(figures["casussen_per_fase"][phase] for phase in RUNNING_PHASES)
    outcomes = figures["uitkomsten_bij_afsluiten"]
    assert sum(1 for n in outcomes.values() if n) >= 6
    assert outcomes["warme_overdracht"] and outcomes["toegeleid"] and outcomes["uit_beeld"]
    assert len(figures["caseload_per_medewerker"]) >= 2 + len(monitor_demo.WORKERS)
    assert len(figures["caseload_per_team"]) >= 2


def the_months_have_inflow_and_outflow(figures: dict) -> None:
    months = figures["instroom_uitstroom_per_maand"]
    assert len(months) == 12
    both = [m for m in months if m["gestart"] and m["afgesloten"]]
    assert len(both) >= 10
    assert len({m["gestart"] for m in months}) >= 3  # varied, not flat
    assert len({m["afgesloten"] for m in months}) >= 3


def the_background_is_in_order_of_time() -> None:
    """Received < triaged < casus opened < attempts and phase changes < now; closed_at is the closing."""
    now = timezone.now()
    for melding in Melding.objects.filter(status=Melding.Status.GETRIEERD).select_related("triage"):
        assert melding.received_at <= melding.triage.decided_at <= now
    for casus in Casus.objects.filter(casusregisseur__username__in=list(monitor_demo.WORKERS)):
        assert casus.meldingen.earliest("received_at").received_at <= casus.opened_at
        moments = [change.changed_at for change in casus.phase_changes.order_by("changed_at", "pk")]
        assert moments[0] == casus.opened_at and moments[-1] <= now
        attempts = [a.at for a in casus.attempts.all()]
        assert all(casus.opened_at <= at <= now for at in attempts)
        if casus.phase == Phase.AFGESLOTEN:
            assert casus.closed_at == casus.phase_changes.latest("changed_at", "pk").changed_at


def test_the_demo_shows_life_domain_pictures_and_one_shared_with_a_partner(built_demo):
    """Issue 15: a few casussen with a trend of pictures; noor (FACT) sees the latest
    picture on the one referral that shares it, and on no other."""
    from vangnet.leefgebieden.models import Assessment
    from vangnet.leefgebieden.services import shared_picture
    from vangnet.network.models import Referral

    per_casus: dict[int, int] = {}
    for casus_id in Assessment.objects.values_list("casus_id", flat=True):
        per_casus[casus_id] = per_casus.get(casus_id, 0) + 1
    assert len(per_casus) >= 3 and all(n >= 2 for n in per_casus.values())
    [sharing] = [r for r in Referral.objects.all() if "leefgebieden" in r.shared_parts]
    picture = shared_picture(sharing)
    assert picture is not None and picture == Assessment.objects.filter(casus=sharing.casus).first()
    noor = User.objects.get(username="noor")
    assert sharing.service.organisation_id == noor.organisation_id


def test_the_demo_shows_intensities_and_the_contact_board(built_demo):
    """Issue 15, part 3: casussen at several intensities, one opgeschaald with a reason
    (a timeline entry), and the contactbord of a worker is not empty."""
    from vangnet.cases.models import IntensityChange
    from vangnet.cases.services import timeline
    from vangnet.worklists import contact_board

    intensities = set(Casus.objects.exclude(phase=Phase.AFGESLOTEN).values_list("intensity", flat=True))
    assert len(intensities) >= 4
    step_up = next(c for c in IntensityChange.objects.order_by("-changed_at") if c.is_step_up and c.reason)
    titles = [e.title for e in timeline(step_up.casus) if e.kind == "intensiteit"]
    assert any(t.startswith("Opgeschaald naar") for t in titles)
    teamleiders = User.objects.filter(role="teamleider", organisation__casussen__isnull=False).distinct()
    assert any(contact_board.lapsed_count(u, timezone.now()) for u in teamleiders)


def test_the_demo_shows_crisis_cards_and_an_episode_with_feedback(built_demo):
    """Issue 15 part 4: a crisis card on a couple of casussen, one with an earlier version,
    one crisis episode whose feedback came back; and the triage decisions "crisisdienst"
    name their crisis service and when it was called."""
    from vangnet.crisis.models import CrisisCard, CrisisEpisode
    from vangnet.triage.models import TriageDecision

    cards = list(CrisisCard.objects.all())
    assert len(cards) >= 2 and any(card.versions.count() >= 2 for card in cards)
    assert CrisisEpisode.objects.exclude(feedback="").exists()
    crisis = TriageDecision.objects.filter(outcome="crisisdienst")
    assert crisis.exists() and not crisis.filter(crisis_service="").exists()
    assert not crisis.filter(crisis_called_at=None).exists()


def test_the_demo_shows_plans_with_a_partner_action_and_an_overdue_one(built_demo):
    """Issue 15 part 2: plans on a few casussen, with an action owned by a partner
    organisation and an overdue one on a worker's list."""
    from django.utils import timezone

    from vangnet.plannen.models import Action, Goal
    from vangnet.plannen.services import overdue_actions_for_worker, partner_actions

    assert Goal.objects.values("casus").distinct().count() >= 3
    assert Goal.objects.filter(own_words=True).exists()
    assert Action.objects.filter(owner_organisation__isnull=False).exists()
    late = Action.objects.filter(status="open", due_date__lt=timezone.localdate(), owner_user__isnull=False).first()
    assert late is not None and late in overdue_actions_for_worker(late.owner_user)
    assert Action.objects.filter(status="gedaan").exists()
    police = User.objects.filter(role="partner", organisation__kind="politie").first()
    if police is not None:
        assert all(a.owner_organisation_id == police.organisation_id for a in partner_actions(police))


def test_the_demo_shows_means_and_waiting_lists(built_demo):
    """Issue 15 part 6: an inzet approved by a teamleider, and two waiting-list entries
    of which one is placed (so the waiting times show both)."""
    from vangnet.middelen.models import Inzet, Wachtlijst

    item = Inzet.objects.select_related("approved_by", "casus").get()
    assert item.approved_by.role == "teamleider" and item.approved_by.organisation_id == item.casus.organisation_id
    assert set(Wachtlijst.objects.values_list("status", flat=True)) == {"wachtend", "geplaatst"}


def test_the_demo_shows_two_naasten_on_a_casus_one_a_melder(built_demo):
    """Issue 15 part 5: on one casus a naaste with a contact logged and a naaste who is
    the melder, left out of the inzage."""
    from vangnet.naasten.models import Naaste, NaasteContact
    from vangnet.naasten.services import naasten_for_inzage

    melder = Naaste.objects.get(is_melder=True)
    person_naasten = Naaste.objects.filter(person=melder.person)
    assert person_naasten.count() == 2
    assert NaasteContact.objects.filter(naaste__person=melder.person).exists()
    assert melder not in naasten_for_inzage(melder.person) and len(naasten_for_inzage(melder.person)) == 1


def test_the_demo_shows_requests_one_nearly_due_one_overdue_one_restriction(built_demo):
    """Issue 16 part 5: the teamleider's worklist holds a request nearly due and an overdue
    one; a granted restriction marks its person restricted."""
    from vangnet.verzoeken import services as verzoek_services
    from vangnet.verzoeken.models import Verzoek

    [restriction] = Verzoek.objects.filter(kind="beperking").select_related("registered_by")
    rows = verzoek_services.worklist_rows(restriction.registered_by)
    assert [r.overdue for r in rows] == [True, False]
    assert verzoek_services.processing_restricted(restriction.person)


def test_the_demo_has_a_concept_inzage_by_marieke_without_the_melder(built_demo):
    """Issue 16 part 4: marieke's concept inzage for the person with the melder-neighbour:
    free texts to review, the melder's name nowhere in it."""
    import json

    from vangnet.inzage.models import Inzage, Status

    inzage = Inzage.objects.get()
    assert (inzage.status, inzage.started_by.username) == (Status.CONCEPT, "marieke")
    assert inzage.items.exists()
    held = json.dumps(inzage.content) + " ".join(inzage.items.values_list("text", flat=True))
    assert "Doornbos" not in held
    assert inzage.person.surname in json.dumps(inzage.content)


def test_the_demo_shows_tasks_grounds_and_an_objection_to_the_corporatie(built_demo):
    """Issue 16 parts 1-2: two casussen changed task with a reason, the referrals on
    "toestemming" rest on a recorded consent, and one person objected to the corporatie."""
    from vangnet.grondslagen import services as grondslagen
    from vangnet.grondslagen.models import GrondslagWijziging, Toestemming
    from vangnet.network.models import Referral
    from vangnet.organisations.models import Organisation

    assert {w.task for w in GrondslagWijziging.objects.all()} == {"regie", "hulpverlening"}
    corporatie = Organisation.objects.get(name="Woonstichting Polderhof")
    objection = Toestemming.objects.get(soort="bezwaar")
    assert objection.organisation == corporatie and grondslagen.objects_to(objection.person, corporatie)
    for referral in Referral.objects.filter(legal_ground="toestemming").select_related("casus__person"):
        assert Toestemming.objects.filter(
            person=referral.casus.person, soort="toestemming", organisation=referral.service.organisation
        ).exists()
