"""Build (and wipe) the demo data through the real services.

Meldingen are registered with ``register_melding`` / ``register_partner_melding``,
triaged with ``decide``, followed up with ``log_contact_attempt`` and
``change_phase``: the demo obeys the same business rules as real use. The
services stamp "now" on decisions and phase changes; because the story is
spread over the past four months, those timestamps are moved back to the
moment in the story right after each call (demo only).

Everything is generated from a fixed seed, so two runs give the same data."""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from vangnet.accounts.models import Role, User
from vangnet.accounts.services import ensure_beheer_group, ensure_totp_device
from vangnet.cases.models import CaseMember, CaseNote, Casus, ContactAttempt, PhaseChange
from vangnet.cases.services import (
    add_note,
    change_phase,
    correct_contact_attempt,
    log_contact_attempt,
    update_members,
    void_contact_attempt,
)
from vangnet.intake.models import ConcernCategory, Melding, MeldingRevision
from vangnet.intake.services import correct_melding, register_melding, register_partner_melding
from vangnet.organisations.models import Gemeente, Organisation, Team
from vangnet.persons.models import Person
from vangnet.triage.models import TriageDecision
from vangnet.triage.services import decide

from . import (
    bewaren_demo,
    crisis_demo,
    grondslagen_demo,
    intensity_demo,
    inzage_demo,
    leefgebieden_demo,
    middelen_demo,
    monitor_demo,
    naasten_demo,
    network_demo,
    plannen_demo,
    regie_demo,
    verzoeken_demo,
    wvggz_demo,
)
from . import scenarios as S

# --- small generators -------------------------------------------------------


def make_bsn(rng: random.Random) -> str:
    """A random BSN that passes the elfproef."""
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(7)]
        check = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
        if check < 10:
            return "".join(str(d) for d in digits) + str(check)


def make_phone(rng: random.Random) -> str:
    return "06-" + "".join(str(rng.randint(0, 9)) for _ in range(8))


def make_postcode(rng: random.Random, city: str) -> str:
    base = 9901 if city == "Rivierstad" else 9961
    letters = "".join(rng.choice("ABCDEGHJKLMNPRSTVWXZ") for _ in range(2))
    return f"{base + rng.randint(0, 30)} {letters}"


def make_identity(spec: dict, rng: random.Random, today: date) -> dict:
    """The betrokkene as the first melder describes them."""
    ident = {
        "given_names": spec.get("given", ""),
        "tussenvoegsel": spec.get("tussenvoegsel", ""),
        "surname": spec.get("surname", ""),
        "sex": spec.get("sex", ""),
        "city": spec.get("city", ""),
        "place_description": spec.get("place", ""),
        "date_of_birth": None,
        "estimated_age": spec.get("estimated_age"),
        "bsn": "",
        "street": "",
        "house_number": "",
        "postcode": "",
    }
    age = spec.get("age")
    if age and spec.get("dob"):
        ident["date_of_birth"] = date(today.year - age, rng.randint(1, 12), rng.randint(1, 28))
    elif age:
        ident["estimated_age"] = age
    if spec.get("bsn"):
        ident["bsn"] = make_bsn(rng)
    if not spec.get("place") and ident["city"]:
        ident["street"] = rng.choice(S.STREETS[ident["city"]])
        ident["house_number"] = str(rng.randint(1, 140))
        ident["postcode"] = make_postcode(rng, ident["city"])
    return ident


def _age_from(dob: date, on: date) -> int:
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


# --- the story clock ---------------------------------------------------------


class Clock:
    """Turns "days ago" and "days after the melding" into moments in the past."""

    def __init__(self, now: datetime, rng: random.Random):
        self.now = now
        self.today = timezone.localdate(now)
        self.rng = rng
        self.tz = timezone.get_current_timezone()

    def received_at(self, days_ago: int, channel: str) -> datetime:
        if days_ago == 0:
            start_of_today = datetime.combine(self.today, time(0, 1), tzinfo=self.tz)
            return max(start_of_today, self.now - timedelta(minutes=self.rng.randint(25, 150)))
        hour = self.rng.choice([1, 2, 3, 10, 15, 22]) if channel == "politie" else self.rng.randint(8, 16)
        day = self.today - timedelta(days=days_ago)
        return datetime.combine(day, time(hour, self.rng.randint(0, 59)), tzinfo=self.tz)

    def workday_moment(self, day: date) -> datetime:
        """A working hour on ``day`` (or the next Monday if that is not in the future)."""
        if day.weekday() >= 5:
            monday = day + timedelta(days=7 - day.weekday())
            if monday <= self.today:
                day = monday
        return datetime.combine(day, time(self.rng.randint(9, 16), self.rng.randint(0, 59)), tzinfo=self.tz)

    def clamp(self, moment: datetime) -> datetime:
        return min(moment, self.now - timedelta(minutes=2))


# --- the build ---------------------------------------------------------------


@dataclass
class Step:
    at: datetime
    order: tuple
    kind: str
    scenario: dict
    args: tuple = ()


@dataclass
class DemoWorld:
    gemeenten: dict = field(default_factory=dict)
    orgs: dict = field(default_factory=dict)
    teams: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    categories: dict = field(default_factory=dict)
    meldingen: dict = field(default_factory=dict)
    identities: dict = field(default_factory=dict)


def demo_present() -> bool:
    return Organisation.objects.filter(name=S.ORGANISATIONS[S.GGD_KEY][0]).exists()


def _build_organisations(world: DemoWorld) -> None:
    for name in S.GEMEENTEN:
        world.gemeenten[name] = Gemeente.objects.create(name=name)
    for key, (name, kind, meldpunt, bemoeizorg, gemeenten) in S.ORGANISATIONS.items():
        org = Organisation.objects.create(name=name, kind=kind, runs_meldpunt=meldpunt, does_bemoeizorg=bemoeizorg)
        org.gemeenten.set([world.gemeenten[g] for g in gemeenten])
        world.orgs[key] = org
    for key, (org_key, name, is_bz) in S.TEAMS.items():
        world.teams[key] = Team.objects.create(organisation=world.orgs[org_key], name=name, is_bemoeizorgteam=is_bz)


def _build_users(world: DemoWorld) -> None:
    password_hash = make_password(S.DEMO_PASSWORD)  # hash once: argon2 is slow on purpose
    beheer_group = ensure_beheer_group()
    for username, (first, last, role, org_key, team_keys) in S.USERS.items():
        user = User.objects.create(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@demo.vangnet.example",
            role=role,
            organisation=world.orgs[org_key],
            is_staff=role == Role.BEHEERDER,
            password=password_hash,
            phone="",
        )
        user.teams.set([world.teams[k] for k in team_keys])
        if role == Role.BEHEERDER:
            user.groups.add(beheer_group)
        ensure_totp_device(user, S.DEMO_TOTP_SECRET)
        world.users[username] = user


def _identity_for(world: DemoWorld, scen: dict, rng: random.Random, today: date) -> dict:
    if "same_person" in scen:
        ident = dict(world.identities[scen["same_person"]])
        override = scen.get("person_override", {})
        if override.get("bsn") is False:
            ident["bsn"] = ""
        if override.get("dob") is False and ident["date_of_birth"]:
            ident["estimated_age"] = _age_from(ident["date_of_birth"], today)
            ident["date_of_birth"] = None
        return ident
    return make_identity(scen["person"], rng, today)


def _plan(world: DemoWorld, clock: Clock, rng: random.Random) -> list[Step]:
    steps: list[Step] = []
    for index, scen in enumerate(S.SCENARIOS):
        world.identities[scen["key"]] = _identity_for(world, scen, rng, clock.today)
        received = clock.received_at(scen["days_ago"], scen["channel"])
        steps.append(Step(received, (index, 0), "melding", scen))
        triage = scen.get("triage")
        if triage is None:
            continue
        last = received + timedelta(minutes=triage.get("delay_minutes", rng.randint(30, 180)))
        if timezone.localtime(last).weekday() >= 5 and "delay_minutes" not in triage:
            last = clock.workday_moment(timezone.localdate(last))
        last = clock.clamp(max(last, received + timedelta(minutes=1)))
        steps.append(Step(last, (index, 1), "triage", scen))
        received_day = timezone.localdate(received)
        for n, event in enumerate(scen.get("events", []), start=2):
            moment = clock.workday_moment(received_day + timedelta(days=event[1]))
            if moment <= last:
                moment = last + timedelta(minutes=rng.randint(20, 90))
            moment = clock.clamp(moment)
            last = moment
            steps.append(Step(moment, (index, n), event[0], scen, event))
    steps.sort(key=lambda s: (s.at, s.order))
    return steps


def _register(world: DemoWorld, scen: dict, at: datetime) -> Melding:
    ident = world.identities[scen["key"]]
    melder = scen["melder"]
    by = world.users[scen["by"]]
    city = ident["city"]
    melding = Melding(
        received_at=at,
        channel=scen["channel"],
        meldpunt=world.orgs[S.GGD_KEY],
        gemeente=world.gemeenten.get(S.CITY_GEMEENTE.get(city, "")),
        melder_type=melder["type"],
        melder_anonymous=melder.get("anonymous", False),
        melder_name="" if melder.get("anonymous") else melder.get("name", ""),
        melder_relation=melder.get("relation", ""),
        melder_wants_feedback=melder.get("feedback", False),
        given_names=ident["given_names"],
        tussenvoegsel=ident["tussenvoegsel"],
        surname=ident["surname"],
        sex=ident["sex"],
        date_of_birth=ident["date_of_birth"],
        estimated_age=ident["estimated_age"],
        bsn=ident["bsn"],
        street=ident["street"],
        house_number=ident["house_number"],
        postcode=ident["postcode"],
        city=city,
        place_description=ident["place_description"],
        description=scen["description"],
        urgency_indicators=list(scen.get("urgency", [])),
    )
    if melding.melder_name and not melding.melder_anonymous and melder["type"] != "betrokkene":
        melding.melder_phone = make_phone(random.Random(scen["key"]))
    categories = [world.categories[c] for c in scen["categories"]]
    melding.full_clean(exclude=["reference", "created_by", "meldpunt"])
    if by.role == Role.PARTNER:
        register_partner_melding(melding, categories=categories, by=by)
    else:
        register_melding(melding, categories=categories, by=by)
    Melding.objects.filter(pk=melding.pk).update(created_at=at)
    world.meldingen[scen["key"]] = melding
    return melding


def _last_phase_change_id() -> int:
    return PhaseChange.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _triage(world: DemoWorld, scen: dict, at: datetime) -> TriageDecision:
    t = scen["triage"]
    melding = Melding.objects.get(pk=world.meldingen[scen["key"]].pk)
    person = None
    if "same_person" in scen:
        person = Melding.objects.get(pk=world.meldingen[scen["same_person"]].pk).person
    regisseur = world.users[t["regisseur"]] if "regisseur" in t else None
    casus_before = set(Casus.objects.filter(person=person).values_list("pk", flat=True)) if person else set()
    pc_before = _last_phase_change_id()
    decision = decide(
        melding,
        by=world.users[t["by"]],
        outcome=t["outcome"],
        acute_danger=t.get("acute", "nee"),
        already_in_care=t.get("care", "nee"),
        already_in_care_detail=t.get("care_detail", ""),
        known_to_partners=t.get("partners", "onbekend"),
        known_to_partners_detail=t.get("partners_detail", ""),
        reason=t.get("reason", ""),
        referred_to=t.get("referred_to", ""),
        # issue 15 part 4: which crisis service, called when the meldpunt decided.
        crisis_service=t.get("crisis_service", "GGZ-crisisdienst Polderveen") if t["outcome"] == "crisisdienst" else "",
        crisis_called_at=min(at, timezone.now()) if t["outcome"] == "crisisdienst" else None,
        person=person,
        casusregisseur=regisseur,
        duo=[world.users[k] for k in t.get("duo", [])],
        team=world.teams[t.get("team", "bz")] if t["outcome"] == "bemoeizorg" else None,
    )
    TriageDecision.objects.filter(pk=decision.pk).update(decided_at=at)
    if person is None:
        Person.objects.filter(pk=melding.person_id).update(created_at=at)
        roepnaam = scen.get("person", {}).get("roepnaam")
        if roepnaam:
            new_person = Person.objects.get(pk=melding.person_id)
            new_person.roepnaam = roepnaam
            new_person.save(update_fields=["roepnaam", "given_key", "surname_key"])
    if decision.casus_id:
        if decision.casus_id not in casus_before:
            Casus.objects.filter(pk=decision.casus_id).update(opened_at=at)
        PhaseChange.objects.filter(casus_id=decision.casus_id, pk__gt=pc_before).update(changed_at=at)
    return decision


def _casus_of(world: DemoWorld, scen: dict) -> Casus:
    melding = Melding.objects.select_related("casus").get(pk=world.meldingen[scen["key"]].pk)
    return melding.casus


def _event(world: DemoWorld, step: Step) -> None:
    casus = _casus_of(world, step.scenario)
    kind, args = step.kind, step.args
    if kind == S.TRY:
        _, _day, type_, result, note, workers, police = args
        log_contact_attempt(
            casus,
            at=step.at,
            type=type_,
            result=result,
            workers=[world.users[k] for k in workers],
            with_police=police,
            note=note,
            by=world.users[workers[0]],
        )
    elif kind == S.NOTE:
        _, _day, author, text = args
        note = add_note(casus, text=text, by=world.users[author])
        CaseNote.objects.filter(pk=note.pk).update(created_at=step.at)
    elif kind == S.PHASE:
        # A closing step carries its uitkomst as a sixth element.
        _, _day, to_phase, reason, by, *outcome = args
        change = change_phase(casus, to_phase, by=world.users[by], reason=reason, outcome=outcome[0] if outcome else "")
        PhaseChange.objects.filter(pk=change.pk).update(changed_at=step.at)
        if to_phase == "afgesloten":
            Casus.objects.filter(pk=casus.pk).update(closed_at=step.at)
    elif kind == S.CONSULT:
        _, _day, user_key = args
        duo = [m.user for m in casus.members.filter(role=CaseMember.Role.DUO).select_related("user")]
        update_members(
            casus,
            casusregisseur=casus.casusregisseur,
            duo=duo,
            consultant=world.users[user_key],
            by=casus.casusregisseur,
            expected_version=casus.version,
        )
    else:  # pragma: no cover - a typo in scenarios.py
        raise ValueError(f"Onbekende demo-stap: {kind}")


@transaction.atomic
def build_demo(now: datetime | None = None, *, background: bool = True) -> DemoWorld:
    """Create all demo data. The caller checks that it is not there yet.

    ``background=False`` leaves out the monitor's fifteen months (most of the build's
    time): for tests and looks that only need the named stories."""
    rng = random.Random(S.DEMO_SEED)
    clock = Clock(now or timezone.now(), rng)
    world = DemoWorld()
    world.categories = {c.code: c for c in ConcernCategory.objects.all()}
    _build_organisations(world)
    _build_users(world)
    for step in _plan(world, clock, rng):
        if step.kind == "melding":
            _register(world, step.scenario, step.at)
        elif step.kind == "triage":
            _triage(world, step.scenario, step.at)
        else:
            _event(world, step)
    _corrections()
    _melding_correction()
    regie_demo.build(world, clock)  # in beeld, procesregie, overleg
    network_demo.build(world, clock.now)  # sociale kaart, verwijzingen, vinger aan de pols
    leefgebieden_demo.build(world, clock.now)  # leefgebiedenbeelden over time, one shared on a referral
    intensity_demo.build(world, clock.now)  # intensities and the contactbord, one opgeschaald with a reason
    crisis_demo.build(world, clock.now)  # crisis cards (one with history) and a crisis episode with feedback
    plannen_demo.build(world, clock.now)  # plannen van aanpak: goals, actions for workers and partners
    middelen_demo.build(world, clock.now)  # an inzet and two waiting-list entries (one placed)
    naasten_demo.build(world, clock.now)  # naasten of a person: a mother with a contact, a melder-neighbour
    verzoeken_demo.build(world, clock.now)  # requests of betrokkenen: one nearly due, one overdue, one restriction
    wvggz_demo.build(world, clock)  # Wvggz verkennende onderzoeken (groen, oranje, rood, afgerond)
    grondslagen_demo.build(world, clock.now)  # tasks/grounds of two casussen, an objection to the corporatie
    inzage_demo.build(world)  # a concept inzage for meneer Martina, started by teamleider marieke
    bewaren_demo.build(world, clock.now)  # old meldingen past their term, one held; today's report
    if background:
        monitor_demo.build(world, clock)  # fifteen months of background for the monitor's figures
    return world


def _corrections() -> None:
    """Issue 12: one corrected attempt (a note completed afterwards) and one voided
    (typed in twice), through the real services, so the timeline shows both marks.
    The figures stay as they were: the void is of a duplicate."""
    attempt = ContactAttempt.objects.filter(result="geen_gehoor").order_by("casus__opened_at", "-at", "-pk").first()
    if attempt is None:
        return
    casus = attempt.casus
    by = attempt.created_by
    correct_contact_attempt(
        attempt,
        at=attempt.at,
        type=attempt.type,
        result=attempt.result,
        workers=list(attempt.workers.all()),
        with_police=attempt.with_police,
        note=(attempt.note + " Buurman zegt dat hij overdag naar de bibliotheek gaat.").strip(),
        reason="Aanvulling: buurman sprak ons aan bij het weggaan.",
        by=by,
        expected_version=attempt.version,
    )
    twice = log_contact_attempt(
        casus,
        at=attempt.at,
        type=attempt.type,
        result=attempt.result,
        workers=list(attempt.workers.all()),
        with_police=attempt.with_police,
        note=attempt.note,
        by=by,
    )
    void_contact_attempt(twice, reason="Dubbel ingevoerd (telefoon had geen bereik).", by=by, expected_version=1)


def _melding_correction() -> None:
    """Issue 12: one melding whose melder phone number was taken down wrongly, corrected
    through the real service, so its page shows the correction mark and the earlier value."""
    melding = (
        Melding.objects.filter(status=Melding.Status.TE_TRIEREN, channel="telefoon", created_by__role="meldpunt")
        .exclude(melder_phone="")
        .order_by("received_at", "pk")
        .first()
    )
    if melding is None or not melding.melder_phone[-1].isdigit():
        return
    phone = melding.melder_phone[:-1] + str((int(melding.melder_phone[-1]) + 3) % 10)
    correct_melding(
        melding,
        values={"melder_phone": phone},
        categories=None,
        reason="Telefoonnummer verkeerd overgenomen: melder belde terug.",
        by=melding.created_by,
        expected_version=melding.version,
    )


# --- wiping ------------------------------------------------------------------


def demo_organisations():
    return Organisation.objects.filter(name__in=[o[0] for o in S.ORGANISATIONS.values()])


@transaction.atomic
def wipe_demo() -> None:
    """Remove the demo records (not the audit log, which is append-only).

    Raises ProtectedError/IntegrityError if other records still point at them;
    the command turns that into advice to start from an empty database."""
    from vangnet.access.models import BreakGlassGrant

    orgs = list(demo_organisations())
    users = User.objects.filter(organisation__in=orgs)
    meldingen = Melding.objects.filter(meldpunt__in=orgs) | Melding.objects.filter(created_by__in=users)
    casussen = Casus.objects.filter(organisation__in=orgs)
    person_ids = set(meldingen.exclude(person=None).values_list("person_id", flat=True))
    person_ids |= set(casussen.values_list("person_id", flat=True))
    wvggz_demo.wipe(meldingen)  # onderzoeken protect their meldingen
    bewaren_demo.wipe()
    TriageDecision.objects.filter(melding__in=meldingen).delete()
    MeldingRevision.objects.filter(melding__in=meldingen).delete()  # corrections protect their meldingen
    Melding.objects.filter(pk__in=list(meldingen.values_list("pk", flat=True))).delete()
    casussen.delete()
    BreakGlassGrant.objects.filter(user__in=users).delete()
    verzoeken_demo.wipe(orgs)  # requests protect their organisation and teamleider
    Person.objects.filter(pk__in=person_ids).delete()
    users.delete()
    Team.objects.filter(organisation__in=orgs).delete()
    Organisation.objects.filter(pk__in=[o.pk for o in orgs]).delete()
    Gemeente.objects.filter(name__in=S.GEMEENTEN).delete()


# --- the logins table --------------------------------------------------------


def demo_logins() -> list[tuple[str, str, str, str]]:
    """(username, Dutch role, English role, organisation) for every demo user."""
    rows = []
    usernames = [*S.USERS, *network_demo.PARTNER_USERS, *monitor_demo.WORKERS]
    users = {u.username: u for u in User.objects.filter(username__in=usernames).select_related("organisation")}
    for username in usernames:
        user = users.get(username)
        if user is None:
            continue
        role = Role(user.role)
        rows.append((username, str(role.label), S.ROLE_ENGLISH[role], str(user.organisation or "")))
    return rows
