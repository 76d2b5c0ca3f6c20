"""Business rules of the bemoeizorgtraject (no HTTP)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.factories import CasusFactory, MeldingFactory, PersonFactory, UserFactory
from vangnet.accounts.models import Role
from vangnet.cases import policies as case_policies
from vangnet.cases import services
from vangnet.cases.models import MAX_NOTE, CaseMember, Casus, ContactAttempt, Phase, PhaseChange
from vangnet.core.concurrency import ConcurrentEditError

pytestmark = pytest.mark.django_db


def attempt(casus, user, at, result, type="huisbezoek", **kw):
    return services.log_contact_attempt(
        casus,
        at=at,
        type=type,
        result=result,
        workers=kw.pop("workers", []),
        with_police=kw.pop("with_police", False),
        note=kw.pop("note", ""),
        by=user,
    )


# --- engagement -----------------------------------------------------------------


def test_engagement_first_contact_after_three_attempts(casus, users):
    t0 = timezone.now() - timedelta(days=2)
    for i in range(3):
        attempt(casus, users["bemoeizorger"], t0 + timedelta(hours=i), "geen_gehoor")
    contact = attempt(casus, users["bemoeizorger"], t0 + timedelta(hours=5), "kort_contact", type="straat")
    attempt(casus, users["bemoeizorger"], t0 + timedelta(hours=8), "gesprek")

    result = services.engagement(casus)
    assert result.first_contact_at == contact.at
    assert result.attempts_before_contact == 3
    assert result.total_attempts == 5
    assert result.has_contact


def test_engagement_uses_time_of_attempt_not_order_of_logging(casus, users):
    """Attempts are often typed in later; the first contact is the earliest by time."""
    t0 = timezone.now() - timedelta(days=2)
    bz = users["bemoeizorger"]
    attempt(casus, bz, t0 + timedelta(hours=10), "gesprek")  # logged first, happened last
    attempt(casus, bz, t0 + timedelta(hours=1), "geen_gehoor")
    early_contact = attempt(casus, bz, t0 + timedelta(hours=6), "kort_contact")
    attempt(casus, bz, t0 + timedelta(hours=3), "geweigerd")  # refusal is not contact

    result = services.engagement(casus)
    assert result.first_contact_at == early_contact.at
    assert result.attempts_before_contact == 2
    assert result.total_attempts == 4


def test_engagement_without_contact(casus, users):
    assert services.engagement(casus) == services.Engagement(None, 0, 0)
    t0 = timezone.now() - timedelta(days=1)
    attempt(casus, users["duo"], t0, "geen_gehoor")
    attempt(casus, users["duo"], t0 + timedelta(hours=1), "geweigerd")
    result = services.engagement(casus)
    assert result.first_contact_at is None
    assert not result.has_contact
    assert result.attempts_before_contact == 2
    assert result.total_attempts == 2


# --- contact attempts and notes ----------------------------------------------------


def test_attempt_in_the_future_is_refused(casus, users):
    with pytest.raises(ValidationError) as exc:
        attempt(casus, users["bemoeizorger"], timezone.now() + timedelta(hours=1), "geen_gehoor")
    assert exc.value.code == "future"
    assert not ContactAttempt.objects.exists()


def test_attempt_defaults_worker_to_the_logger_and_keeps_the_team(casus, users):
    a = attempt(casus, users["duo"], timezone.now(), "geen_gehoor")
    assert list(a.workers.all()) == [users["duo"]]
    b = attempt(
        casus, users["duo"], timezone.now(), "gesprek", workers=[users["duo"], users["bemoeizorger"]], with_police=True
    )
    assert set(b.workers.all()) == {users["duo"], users["bemoeizorger"]}
    assert b.with_police


def test_attempt_rejects_unknown_choices_and_long_notes(casus, users):
    with pytest.raises(ValidationError):
        attempt(casus, users["duo"], timezone.now(), "misschien")
    with pytest.raises(ValidationError):
        attempt(casus, users["duo"], timezone.now(), "gesprek", type="duif")
    with pytest.raises(ValidationError):
        attempt(casus, users["duo"], timezone.now(), "gesprek", note="x" * (MAX_NOTE + 1))
    assert not ContactAttempt.objects.exists()


def test_note_rules(casus, users):
    note = services.add_note(casus, text="  Buurvrouw zag hem gisteren bij de supermarkt.  ", by=users["duo"])
    assert note.text == "Buurvrouw zag hem gisteren bij de supermarkt."
    with pytest.raises(ValidationError):
        services.add_note(casus, text="x" * (MAX_NOTE + 1), by=users["duo"])
    with pytest.raises(ValidationError):
        services.add_note(casus, text="   ", by=users["duo"])
    assert casus.notes.count() == 1


# --- phases ------------------------------------------------------------------------


def test_forward_moves_need_no_reason(casus, users):
    bz = users["bemoeizorger"]
    for phase in (Phase.VERKENNEN, Phase.TOELEIDING, Phase.OVERDRACHT, Phase.NAZORG):
        change = services.change_phase(casus, phase, by=bz)
        assert change.to_phase == phase
    casus.refresh_from_db()
    assert casus.phase == Phase.NAZORG
    assert casus.closed_at is None


def test_moving_back_needs_a_reason(casus, users):
    bz = users["bemoeizorger"]
    services.change_phase(casus, Phase.TOELEIDING, by=bz)
    with pytest.raises(ValidationError) as exc:
        services.change_phase(casus, Phase.VERKENNEN, by=bz, reason="   ")
    assert exc.value.code == "reason_required"
    casus.refresh_from_db()
    assert casus.phase == Phase.TOELEIDING
    change = services.change_phase(casus, Phase.VERKENNEN, by=bz, reason="Zorgaanbieder weigert; opnieuw verkennen.")
    assert change.from_phase == Phase.TOELEIDING
    assert change.reason == "Zorgaanbieder weigert; opnieuw verkennen."


def test_closing_needs_a_reason_and_sets_closed_at(casus, users):
    bz = users["bemoeizorger"]
    services.change_phase(casus, Phase.NAZORG, by=bz)
    with pytest.raises(ValidationError):
        services.change_phase(casus, Phase.AFGESLOTEN, by=bz)
    services.change_phase(
        casus, Phase.AFGESLOTEN, by=bz, reason="Warme overdracht aan FACT-team gelukt.", outcome="warme_overdracht"
    )
    casus.refresh_from_db()
    assert casus.phase == Phase.AFGESLOTEN
    assert casus.closed_at is not None
    assert not casus.is_open


def test_reopening_needs_a_reason_and_clears_closed_at(casus, users):
    bz = users["bemoeizorger"]
    services.change_phase(casus, Phase.AFGESLOTEN, by=bz, reason="Overdracht gelukt.", outcome="toegeleid")
    with pytest.raises(ValidationError):
        services.change_phase(casus, Phase.VERKENNEN, by=bz)
    with pytest.raises(ValidationError):  # a side phase from closed is reopening too
        services.change_phase(casus, Phase.UIT_BEELD, by=bz)
    services.change_phase(casus, Phase.CONTACT_LEGGEN, by=bz, reason="Nieuwe zorgen van de buren.")
    casus.refresh_from_db()
    assert casus.phase == Phase.CONTACT_LEGGEN
    assert casus.closed_at is None


@pytest.mark.parametrize(
    "start", [Phase.CONTACT_LEGGEN, Phase.VERKENNEN, Phase.TOELEIDING, Phase.OVERDRACHT, Phase.NAZORG]
)
@pytest.mark.parametrize("side", [Phase.UIT_BEELD, Phase.LANGDURIG])
def test_side_phases_from_any_open_phase_without_reason(casus, users, start, side):
    Casus.objects.filter(pk=casus.pk).update(phase=start)
    casus.refresh_from_db()
    services.change_phase(casus, side, by=users["bemoeizorger"])
    casus.refresh_from_db()
    assert casus.phase == side
    # and back onto the path (even to an earlier phase) is not "moving back"
    services.change_phase(casus, Phase.CONTACT_LEGGEN, by=users["bemoeizorger"])
    casus.refresh_from_db()
    assert casus.phase == Phase.CONTACT_LEGGEN


def test_same_or_unknown_phase_is_refused(casus, users):
    with pytest.raises(ValidationError):
        services.change_phase(casus, Phase.CONTACT_LEGGEN, by=users["bemoeizorger"])
    with pytest.raises(ValidationError):
        services.change_phase(casus, "ergens", by=users["bemoeizorger"])


def test_phase_change_with_stale_version_changes_nothing(casus, users):
    seen = casus.version
    other = Casus.objects.get(pk=casus.pk)
    services.change_phase(other, Phase.VERKENNEN, by=users["duo"], expected_version=seen)
    stale = Casus.objects.get(pk=casus.pk)
    with pytest.raises(ConcurrentEditError):
        services.change_phase(stale, Phase.UIT_BEELD, by=users["bemoeizorger"], expected_version=seen)
    casus.refresh_from_db()
    assert casus.phase == Phase.VERKENNEN
    assert casus.version == seen + 1
    assert not PhaseChange.objects.filter(casus=casus, to_phase=Phase.UIT_BEELD).exists()


def test_no_automatic_closing_for_lack_of_contact(casus, users):
    """Dozens of attempts without contact never close a casus."""
    t0 = timezone.now() - timedelta(days=200)
    # A casus that ran that long (an attempt before its melding is refused).
    casus.meldingen.update(received_at=t0 - timedelta(hours=2))
    type(casus).objects.filter(pk=casus.pk).update(opened_at=t0)
    casus.refresh_from_db()
    for i in range(40):
        attempt(casus, users["duo"], t0 + timedelta(days=i * 4), "geen_gehoor")
    casus.refresh_from_db()
    assert casus.phase == Phase.CONTACT_LEGGEN
    assert casus.closed_at is None


# --- timeline ----------------------------------------------------------------------


def test_timeline_has_every_kind_newest_first(casus, users):
    bz = users["bemoeizorger"]
    now = timezone.now()
    attempt(casus, bz, now - timedelta(days=2), "geen_gehoor", note="Brievenbus puilt uit.", with_police=True)
    services.change_phase(casus, Phase.VERKENNEN, by=bz)
    services.add_note(casus, text="Overleg met wijkagent.", by=users["duo"])
    attempt(casus, bz, now - timedelta(days=1), "gesprek")  # logged late, happened before the phase change

    entries = services.timeline(casus)
    kinds = [e.kind for e in entries]
    assert set(kinds) == {"melding", "fase", "poging", "notitie"}
    times = [e.at for e in entries]
    assert times == sorted(times, reverse=True)
    # oldest two: the melding, then the start of the casus
    assert entries[-1].kind == "melding"
    assert entries[-1].title == "Melding M-2026-00001"
    assert entries[-2].kind == "fase"
    assert kinds == ["notitie", "fase", "poging", "poging", "fase", "melding"]
    police = entries[3]
    assert "met politie" in police.title
    assert police.text == "Brievenbus puilt uit."
    assert entries[1].title == "Fase: Verkennen (was: Contact leggen)"
    assert entries[0].kind_label == "Notitie"


# --- members -----------------------------------------------------------------------


def test_update_members_replaces_team_and_regisseur(casus, users, ggd):
    services.update_members(
        casus,
        casusregisseur=users["duo"],
        duo=[users["other_bemoeizorger"]],
        consultant=users["consultant"],
        by=users["teamleider"],
        expected_version=casus.version,
    )
    casus.refresh_from_db()
    assert casus.casusregisseur == users["duo"]
    roles = {m.user.username: m.role for m in casus.members.select_related("user")}
    assert roles == {"duo": "regisseur", "other_bz": "duo", "consultant": "consultant"}


def test_update_members_refuses_outsiders_and_wrong_roles(casus, users, other_org):
    outsider = UserFactory(role=Role.BEMOEIZORGER, organisation=other_org)
    bad = [
        {"casusregisseur": outsider, "duo": []},
        {"casusregisseur": users["meldpunt"], "duo": []},
        {"casusregisseur": users["bemoeizorger"], "duo": [outsider]},
        {"casusregisseur": users["bemoeizorger"], "duo": [], "consultant": users["duo"]},
        {"casusregisseur": users["bemoeizorger"], "duo": [users["consultant"]], "consultant": users["consultant"]},
    ]
    for kwargs in bad:
        with pytest.raises(ValidationError):
            services.update_members(casus, by=users["teamleider"], expected_version=casus.version, **kwargs)
    casus.refresh_from_db()
    assert casus.casusregisseur == users["bemoeizorger"]
    assert casus.members.count() == 2


def test_update_members_with_stale_version(casus, users):
    seen = casus.version
    services.change_phase(Casus.objects.get(pk=casus.pk), Phase.VERKENNEN, by=users["duo"])
    with pytest.raises(ConcurrentEditError):
        services.update_members(
            Casus.objects.get(pk=casus.pk),
            casusregisseur=users["duo"],
            duo=[],
            by=users["teamleider"],
            expected_version=seen,
        )
    casus.refresh_from_db()
    assert casus.casusregisseur == users["bemoeizorger"]


def test_start_or_reopen_reopens_closed_casus_with_reason(casus, users, ggd, team):
    services.change_phase(
        casus, Phase.AFGESLOTEN, by=users["bemoeizorger"], reason="Overdracht gelukt.", outcome="toegeleid"
    )
    melding = MeldingFactory(meldpunt=ggd, person=casus.person, reference="M-2026-00077")
    reopened, created = services.start_or_reopen_casus(
        person=casus.person,
        organisation=ggd,
        team=team,
        casusregisseur=users["duo"],
        duo=[users["bemoeizorger"]],
        by=users["meldpunt"],
        melding=melding,
    )
    assert reopened.pk == casus.pk and not created
    reopened.refresh_from_db()
    assert reopened.phase == Phase.CONTACT_LEGGEN
    assert reopened.casusregisseur == users["duo"]
    change = reopened.phase_changes.last()
    assert "M-2026-00077" in change.reason
    roles = dict(reopened.members.values_list("user__username", "role"))
    assert roles == {"duo": CaseMember.Role.REGISSEUR, "bemoeizorger": CaseMember.Role.DUO}
    melding.refresh_from_db()
    assert melding.casus_id == casus.pk


def test_start_creates_casus_with_start_phase(users, ggd, team):
    person = PersonFactory()
    casus, created = services.start_or_reopen_casus(
        person=person,
        organisation=ggd,
        team=team,
        casusregisseur=users["bemoeizorger"],
        duo=[users["duo"]],
        by=users["meldpunt"],
    )
    assert created
    assert casus.reference.startswith("C-")
    assert casus.phase_changes.get().to_phase == Phase.CONTACT_LEGGEN
    assert casus.members.count() == 2


def test_can_manage_members(casus, users):
    assert case_policies.can_manage_members(users["bemoeizorger"], casus)
    assert case_policies.can_manage_members(users["teamleider"], casus)
    for name in ("duo", "meldpunt", "other_teamleider", "partner", "beheerder", "consultant"):
        assert not case_policies.can_manage_members(users[name], casus), name
    other = CasusFactory(organisation=casus.organisation)
    assert not case_policies.can_manage_members(users["bemoeizorger"], other)
