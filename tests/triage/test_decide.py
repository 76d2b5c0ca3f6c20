"""The triage decision service: outcomes, persons, casussen and concurrency."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.factories import CasusFactory, MeldingFactory, UserFactory
from vangnet.accounts.models import Role
from vangnet.audit.models import AccessLog
from vangnet.cases.models import CaseMember, Phase, PhaseChange
from vangnet.cases.services import change_phase
from vangnet.core.concurrency import ConcurrentEditError
from vangnet.intake.models import Melding
from vangnet.persons.models import Person
from vangnet.triage.models import Outcome, TriageDecision
from vangnet.triage.services import decide, wvggz_deadline

RISK = {"acute_danger": "nee", "already_in_care": "onbekend", "known_to_partners": "nee"}
# issue 15 part 4: the outcome "crisisdienst" names which crisis service and when.
CRISIS = {"crisis_service": "GGZ-crisisdienst Noord", "crisis_called_at": timezone.now()}


def _decide(melding, user, **kwargs):
    for k, v in RISK.items():
        kwargs.setdefault(k, v)
    return decide(melding, by=user, **kwargs)


@pytest.mark.parametrize(
    ("outcome", "extra", "field", "message"),
    [
        ("geen_actie", {}, "reason", "Geef een reden waarom er geen actie volgt."),
        ("advies", {"reason": "   "}, "reason", "Beschrijf het advies aan de melder."),
        ("doorverwijzen", {}, "referred_to", "Vul in naar wie is doorverwezen."),
        ("bemoeizorg", {}, "casusregisseur", "Kies een casusregisseur om bemoeizorg te starten."),
    ],
)
def test_required_fields_per_outcome(melding, users, outcome, extra, field, message):
    with pytest.raises(ValidationError) as exc:
        _decide(melding, users["meldpunt"], outcome=outcome, **extra)
    assert exc.value.message_dict[field] == [message]
    melding.refresh_from_db()
    assert melding.status == Melding.Status.TE_TRIEREN
    assert not TriageDecision.objects.exists()
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    ("outcome", "extra"),
    [
        ("geen_actie", {"reason": "Zorg is al geregeld door de huisarts."}),
        ("advies", {"reason": "Melder geadviseerd de huisarts te bellen."}),
        ("doorverwijzen", {"referred_to": "Wijkteam Noord"}),
        ("wvggz", {}),
        ("crisisdienst", CRISIS),
    ],
)
def test_outcomes_without_casus(melding, users, outcome, extra):
    decision = _decide(melding, users["meldpunt"], outcome=outcome, **extra)
    melding.refresh_from_db()
    assert melding.status == Melding.Status.GETRIEERD
    assert decision.outcome == outcome
    assert decision.casus is None
    assert melding.casus is None
    assert melding.person is not None
    if outcome == "doorverwijzen":
        assert decision.referred_to == "Wijkteam Noord"


def test_new_person_is_created_from_the_melding(make_melding, users):
    melding = make_melding(given_names="Kees", surname="van Dijk", postcode="1234 ab", estimated_age=50)
    _decide(melding, users["meldpunt"], outcome="wvggz")
    person = Person.objects.get()
    assert (person.given_names, person.surname, person.postcode) == ("Kees", "van Dijk", "1234AB")
    assert person.estimated_birth_year == timezone.localdate(melding.received_at).year - 50
    assert Melding.objects.get(pk=melding.pk).person == person
    assert AccessLog.objects.filter(action="C", object_type="persoon", person_id=str(person.pk)).exists()


def test_confirmed_person_is_linked_and_no_new_person(melding, known_person, users):
    _decide(melding, users["meldpunt"], outcome="crisisdienst", person=known_person, **CRISIS)
    assert Person.objects.count() == 1
    assert Melding.objects.get(pk=melding.pk).person == known_person
    row = AccessLog.objects.get(action="U", object_type="melding", melding_id=str(melding.pk))
    assert row.person_id == str(known_person.pk)


def test_bemoeizorg_creates_a_casus(melding, users, team):
    decision = _decide(
        melding,
        users["meldpunt"],
        outcome="bemoeizorg",
        casusregisseur=users["bemoeizorger"],
        duo=[users["duo"]],
        team=team,
    )
    casus = decision.casus
    assert casus.organisation == users["meldpunt"].organisation
    assert casus.team == team
    assert casus.phase == Phase.CONTACT_LEGGEN
    assert dict(casus.members.values_list("user__username", "role")) == {"bemoeizorger": "regisseur", "duo": "duo"}
    assert Melding.objects.get(pk=melding.pk).casus == casus
    assert AccessLog.objects.filter(action="C", object_type="casus", casus_id=str(casus.pk)).exists()
    assert AccessLog.objects.filter(action="U", object_type="melding", melding_id=str(melding.pk)).exists()


def test_open_casus_is_reused(make_melding, known_person, users, ggd):
    casus = CasusFactory(person=known_person, organisation=ggd, casusregisseur=users["bemoeizorger"])
    first = MeldingFactory(meldpunt=ggd, person=known_person, casus=casus, status="getrieerd")
    second = make_melding(surname="Berg", tussenvoegsel="van den", date_of_birth=known_person.date_of_birth)

    decision = _decide(
        second, users["meldpunt"], outcome="bemoeizorg", person=known_person, casusregisseur=users["bemoeizorger"]
    )

    assert decision.casus == casus
    assert known_person.casussen.count() == 1
    assert set(casus.meldingen.values_list("pk", flat=True)) == {first.pk, second.pk}
    assert not PhaseChange.objects.filter(casus=casus).exists()  # reuse changes no phase
    assert AccessLog.objects.filter(action="U", object_type="casus", casus_id=str(casus.pk)).exists()


def test_closed_casus_is_reopened_with_reason(make_melding, known_person, users, ggd):
    casus = CasusFactory(person=known_person, organisation=ggd, casusregisseur=users["bemoeizorger"])
    first = MeldingFactory(meldpunt=ggd, person=known_person, casus=casus, status="getrieerd")
    change_phase(
        casus,
        Phase.AFGESLOTEN,
        by=users["bemoeizorger"],
        reason="Warme overdracht aan FACT gelukt.",
        outcome="warme_overdracht",
    )
    second = make_melding(surname="Berg", tussenvoegsel="van den", date_of_birth=known_person.date_of_birth)

    decision = _decide(
        second, users["meldpunt"], outcome="bemoeizorg", person=known_person, casusregisseur=users["duo"]
    )

    casus.refresh_from_db()
    assert decision.casus == casus
    assert casus.phase == Phase.CONTACT_LEGGEN
    assert casus.closed_at is None
    assert casus.casusregisseur == users["duo"]
    reopen = PhaseChange.objects.filter(casus=casus).last()
    assert (reopen.from_phase, reopen.to_phase) == (Phase.AFGESLOTEN, Phase.CONTACT_LEGGEN)
    assert second.reference in reopen.reason
    assert set(casus.meldingen.values_list("pk", flat=True)) == {first.pk, second.pk}
    # Exactly one regisseur: the former one stays as duo.
    assert list(casus.members.filter(role=CaseMember.Role.REGISSEUR).values_list("user__username", flat=True)) == [
        "duo"
    ]


def test_closed_casus_of_other_organisation_is_not_reopened(melding, known_person, users, other_org):
    foreign = CasusFactory(person=known_person, organisation=other_org, phase=Phase.AFGESLOTEN)
    decision = _decide(
        melding, users["meldpunt"], outcome="bemoeizorg", person=known_person, casusregisseur=users["bemoeizorger"]
    )
    foreign.refresh_from_db()
    assert decision.casus != foreign
    assert foreign.phase == Phase.AFGESLOTEN
    assert known_person.casussen.count() == 2


def test_regisseur_and_duo_must_be_colleagues(melding, users, other_org):
    outsider = UserFactory(role=Role.BEMOEIZORGER, organisation=other_org)
    with pytest.raises(ValidationError) as exc:
        _decide(melding, users["meldpunt"], outcome="bemoeizorg", casusregisseur=outsider, duo=[users["partner"]])
    assert "casusregisseur" in exc.value.message_dict
    assert "duo" in exc.value.message_dict


def test_stale_version_is_refused(melding, users):
    stale = melding.version
    Melding.objects.get(pk=melding.pk).save_versioned(stale, ["description"])  # someone else edited it
    with pytest.raises(ConcurrentEditError):
        _decide(melding, users["meldpunt"], outcome="wvggz", expected_version=stale)
    assert not TriageDecision.objects.exists()
    assert not Person.objects.exists()


def test_second_decision_on_the_same_melding_is_refused(melding, users):
    version = melding.version
    copy = Melding.objects.get(pk=melding.pk)
    _decide(melding, users["meldpunt"], outcome="wvggz", expected_version=version)
    # The second worker (stale version) is told what happened: already triaged.
    with pytest.raises(ValidationError) as stale:
        _decide(copy, users["teamleider"], outcome="crisisdienst", expected_version=version)
    assert stale.value.messages == ["Deze melding is al getrieerd."]
    # Even with the current version a second decision is not possible.
    fresh = Melding.objects.get(pk=melding.pk)
    with pytest.raises(ValidationError) as exc:
        _decide(fresh, users["teamleider"], outcome="crisisdienst", expected_version=fresh.version)
    assert exc.value.messages == ["Deze melding is al getrieerd."]
    assert TriageDecision.objects.get().outcome == Outcome.WVGGZ


def test_only_own_meldpunt_may_decide(melding, users):
    with pytest.raises(ValidationError) as exc:
        _decide(melding, users["other_meldpunt"], outcome="wvggz")
    assert exc.value.messages == ["U mag deze melding niet triëren."]


def test_wvggz_deadline_is_melding_date_plus_14_days(melding):
    assert wvggz_deadline(melding).isoformat() == "2026-03-15"


def test_invalid_answers_are_refused(melding, users):
    with pytest.raises(ValidationError) as exc:
        decide(
            melding,
            by=users["meldpunt"],
            outcome="onzin",
            acute_danger="misschien",
            already_in_care="nee",
            known_to_partners="nee",
        )
    assert set(exc.value.message_dict) == {"outcome", "acute_danger"}
