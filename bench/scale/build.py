"""A reusable bulk data generator for the scale benchmarks (search, lists).

    python -m bench.scale.build --persons 100000 --meldingen 200000 --seed 1

Writes into the database of ``DATABASE_URL`` (default: the SQLite file of the
settings), after ``migrate``. Everything is synthetic (bench/persons' population:
Dutch names, addresses, dates of birth, BSNs, phones). Persons go through the
matcher's bulk import, so their search keys exist; meldingen, casussen,
members and contact attempts go in with ``bulk_create``. See README.md.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from typing import Any


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vangnet.settings")
    # DEBUG off (no query log, production-like timings) with the development key: bench data only.
    os.environ.setdefault("VANGNET_ALLOW_INSECURE_KEY", "1")
    import django

    django.setup()


PREFIX = "Bench"
# Where homeless people and meldingen about them are known by ("man ~40, slaapt bij het station").
PLACES = (
    "slaapt bij het station",
    "slaapt in een portiek aan de Lekweg",
    "bankje in het park bij de vijver",
    "onder de brug bij de haven",
    "tentje achter de sporthal",
    "zit overdag bij de supermarkt op het plein",
    "slaapt in de fietsenkelder van het station",
    "portiek van de bibliotheek",
)
LOOKS = ("man ~{age}, lang, baard", "vrouw ~{age}, rode jas", "man ~{age}, rugzak en hond", "vrouw ~{age}, rolkoffer")
COMMON_SURNAMES = (
    ("de", "Jong"),
    ("", "Jansen"),
    ("de", "Vries"),
    ("van den", "Berg"),
    ("van", "Dijk"),
    ("", "Bakker"),
    ("", "Janssen"),
    ("", "Visser"),
    ("", "Smit"),
    ("", "Meijer"),
)
DESCRIPTIONS = (
    "Meneer komt de deur niet meer uit en de brievenbus puilt uit.",
    "Buren horen 's nachts geschreeuw; de woning vervuilt.",
    "Mevrouw lijkt verward en loopt 's nachts op straat.",
    "Huurachterstand van vier maanden, reageert niet op brieven.",
    "Slaapt buiten, wil geen hulp, lijkt ziek.",
)


@dataclass
class BuildResult:
    """What was built; ``users`` maps a bench role name to a username (password: ``PASSWORD``)."""

    persons: int = 0
    meldingen: int = 0
    casussen: int = 0
    attempts: int = 0
    phase_changes: int = 0
    triage_decisions: int = 0
    access_log: int = 0
    referrals: int = 0
    meldpunten: int = 2
    seconds: float = 0.0
    users: dict[str, str] = field(default_factory=dict)
    reused: bool = False


PASSWORD = "bench-wachtwoord-niet-gebruiken"  # noqa: S105 (synthetic bench users only)
USERS = {
    # name: (role, organisation index)
    "meldpunt": ("meldpunt", 0),
    "meldpunt_b": ("meldpunt", 1),
    "teamleider": ("teamleider", 0),
    "bemoeizorger": ("bemoeizorger", 0),
    "consultant": ("consultant", 0),
    "partner": ("partner", 2),
}
BEMOEIZORGERS = 20  # per care organisation; the first one is the "bemoeizorger" user

# The named sizes of the page benchmark (bench/web, issue 17). "region" is the large region of
# the issue (50,000 persons, ~97,000 meldingen, 20,000 casussen with 20-50 attempts each, ~1.9 M
# access-log rows); "demo" the same shape at 1,000 persons (the flatness target compares the two);
# "national" ten years of a country (1 M persons, 2 M meldingen, 100 meldpunten; A is one region).
PRESETS: dict[str, dict[str, Any]] = {
    "demo": {
        "persons": 1_000,
        "meldingen": 1_940,
        "casus_share": 0.4,
        "attempts_per_casus": (20, 50),
        "history": True,
        "common_surnames": 0.1,
        "access_log": 38_000,
        "busy_attempts": 1_000,
        "referrals": 60,
        "named_untriaged": 0.5,
    },
    "region": {
        "persons": 50_000,
        "meldingen": 97_000,
        "casus_share": 0.4,
        "attempts_per_casus": (20, 50),
        "history": True,
        "common_surnames": 0.1,
        "access_log": 1_900_000,
        "busy_attempts": 1_000,
        "referrals": 600,
        "named_untriaged": 0.5,
    },
    "national": {
        "persons": 1_000_000,
        "meldingen": 2_000_000,
        "casus_share": 0.1,
        "attempts_per_casus": (5, 30),
        "history": True,
        "common_surnames": 0.1,
        "span_days": 3650,
        "meldpunten": 100,
        "share_a": 0.05,
        "access_log": 5_000_000,
        "busy_attempts": 1_000,
        "referrals": 600,
        "named_untriaged": 0.5,
    },
}


def preset(name: str, scale: float = 1.0) -> dict[str, Any]:
    """The build options of a named size, its counts multiplied by ``scale`` (a reduced trial)."""
    sizes = dict(PRESETS[name])
    for key in ("persons", "meldingen", "access_log", "referrals"):
        sizes[key] = max(1, round(sizes[key] * scale))
    return sizes


def _registry_rows(n: int, seed: int, common_surnames: float) -> list[dict]:
    """n registry rows from bench/persons' population (written to a temporary dir, read back)."""
    from bench.persons.generate import generate_main

    rng = random.Random(f"bench-scale-rows-{seed}")
    with tempfile.TemporaryDirectory() as tmp:
        generate_main(n, 0, 0.0, seed, tmp)
        with open(os.path.join(tmp, "registry.csv"), newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
    for r in rows:
        if common_surnames and rng.random() < common_surnames:
            r["surname_prefix"], r["surname"] = rng.choice(COMMON_SURNAMES)
        if not r.get("street") and rng.random() < 0.8:
            r["place_description"] = rng.choice(PLACES)
        r["record_id"] = f"scale-{seed}-{r['record_id']}"
    return rows


def existing() -> BuildResult | None:
    """The data set already in the database (built by an earlier run), or None."""
    from vangnet.audit.models import AccessLog
    from vangnet.cases.models import Casus, ContactAttempt, PhaseChange
    from vangnet.intake.models import Melding
    from vangnet.network.models import Referral
    from vangnet.organisations.models import Organisation
    from vangnet.persons.models import Person
    from vangnet.triage.models import TriageDecision

    if not Organisation.objects.filter(name=f"{PREFIX} GGD A").exists():
        return None
    return BuildResult(
        access_log=AccessLog.objects.count(),
        referrals=Referral.objects.count(),
        meldpunten=Organisation.objects.filter(name__startswith=f"{PREFIX} GGD ").count(),
        persons=Person.objects.count(),
        meldingen=Melding.objects.count(),
        casussen=Casus.objects.count(),
        attempts=ContactAttempt.objects.count(),
        phase_changes=PhaseChange.objects.count(),
        triage_decisions=TriageDecision.objects.count(),
        users={name: f"bench-{name}" for name in USERS},
        reused=True,
    )


def _organisations(meldpunten: int = 2) -> tuple[list, list, list, dict, dict]:
    """Gemeenten, the care organisations (A, B and with ``meldpunten`` > 2 more, each with a
    meldpunt, a bemoeizorgteam and BEMOEIZORGERS workers), the partner, the bench users.
    Returns (gemeenten per care organisation, care organisations + partner last, teams, users, workers)."""
    from vangnet.accounts.models import User
    from vangnet.organisations.models import Gemeente, Organisation, Team

    gemeenten = [Gemeente.objects.get_or_create(name=f"{PREFIX} gemeente {i}")[0] for i in range(6)]
    names = ["A", "B"] + [f"{i:03d}" for i in range(3, meldpunten + 1)]
    care = [
        Organisation.objects.create(
            name=f"{PREFIX} GGD {letter}", kind=Organisation.Kind.GGD, runs_meldpunt=True, does_bemoeizorg=True
        )
        for letter in names
    ]
    per_org = [gemeenten[:4], gemeenten[4:]]
    for i in range(2, len(care)):
        per_org.append([Gemeente.objects.get_or_create(name=f"{PREFIX} gemeente {i + 4}")[0]])
    for organisation, gs in zip(care, per_org, strict=True):
        organisation.gemeenten.set(gs)
    partner_kind = next(k for k in Organisation.Kind.values if k != Organisation.Kind.GGD)
    orgs = [*care, Organisation.objects.create(name=f"{PREFIX} partner", kind=partner_kind)]
    teams = [
        Team.objects.create(organisation=o, name=f"{PREFIX} team {o.name[9:]}", is_bemoeizorgteam=True) for o in care
    ]
    users = {}
    for name, (role, org) in USERS.items():
        # The partner user belongs to the partner organisation (last), the others to A or B.
        u = User(
            username=f"bench-{name}",
            role=role,
            organisation=orgs[-1] if role == "partner" else orgs[org],
            first_name="Bench",
            last_name=name,
        )
        u.set_password(PASSWORD)
        u.save()
        users[name] = u
    workers: dict[int, list] = {i: [] for i in range(len(care))}
    workers[0].append(users["bemoeizorger"])
    for org in workers:
        while len(workers[org]) < BEMOEIZORGERS:
            u = User(
                username=f"bench-bz-{org}-{len(workers[org])}",
                role="bemoeizorger",
                organisation=care[org],
                first_name="Bench",
                last_name=f"bz {len(workers[org])}",
            )
            u.set_unusable_password()
            workers[org].append(u)
        User.objects.bulk_create([u for u in workers[org] if u.pk is None])
        workers[org] = list(User.objects.filter(organisation=care[org], role="bemoeizorger").order_by("pk"))
        member = User.teams.through
        member.objects.bulk_create([member(user_id=u.pk, team_id=teams[org].pk) for u in workers[org]])
    return per_org, orgs, teams, users, workers


def _next_id(model: Any) -> int:
    from django.db.models import Max

    return (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1


def _reset_sequences(*models: Any) -> None:
    from django.core.management.color import no_style
    from django.db import connection

    sql = connection.ops.sequence_reset_sql(no_style(), list(models))
    if sql:
        with connection.cursor() as cur:
            for statement in sql:
                cur.execute(statement)


def _refresh_has_contact_attempt(casus_ids: list[int]) -> None:
    """bulk_create skips the service: set the stored Casus.has_contact_attempt as it would."""
    from vangnet.cases.services import refresh_has_contact_attempt

    for start in range(0, len(casus_ids), 5000):
        refresh_has_contact_attempt(casus_ids[start : start + 5000])


def build(
    *,
    persons: int = 1000,
    meldingen: int = 2000,
    seed: int = 1,
    casus_share: float = 0.1,
    common_surnames: float = 0.0,
    reuse: bool = True,
    progress: Callable[[str], None] | None = None,
    span_days: int = 700,
    attempts_per_casus: tuple[int, int] = (5, 30),
    history: bool = False,
    meldpunten: int = 2,
    share_a: float = 0.8,
    access_log: int = 0,
    busy_attempts: int = 0,
    referrals: int = 0,
    named_untriaged: float = 0.0,
) -> BuildResult:
    """Fill the database (see the module docstring); returns what is there.

    ``casus_share``: share of persons with a casus; ``common_surnames``: share of
    persons given one of the ten most common Dutch surnames (a harder data set).
    With ``reuse`` an earlier bench data set in the database is returned as is.
    ``span_days``: meldingen are received and casussen opened in the last so many days;
    ``attempts_per_casus``: the range of contact attempts per casus. With ``history``
    (the monitor benchmark) every casus gets its phase history (start, phase changes,
    closings, some reopenings) and every linked melding a triage decision; without it
    (the default) there are none, as before.

    The page benchmark (bench/web) adds: ``meldpunten`` care organisations (meldpunt +
    bemoeizorgteam each; A gets ``share_a`` of the work, the rest share the remainder);
    ``access_log`` access-log rows through ``AccessLog.objects.bulk_create`` (the hash chain
    stays valid); ``busy_attempts`` extra contact attempts on one casus of the bemoeizorger
    user (a busy casus); ``referrals`` verwijzingen to the partner's voorziening;
    ``named_untriaged``: share of the te-triëren meldingen that name a known person (name,
    date of birth, address copied; not linked: the triage page's candidates). Each of these
    has its own random stream, so the defaults give the data set of before."""
    from django.db import transaction
    from django.utils import timezone

    from vangnet.cases.models import CaseMember, Casus, ContactAttempt, Phase, PhaseChange
    from vangnet.intake.models import Channel, ConcernCategory, MelderType, Melding, UrgencyIndicator, urgency_rank_for
    from vangnet.persons.matching.index import import_registry
    from vangnet.triage.models import TriageDecision

    say = progress or (lambda msg: None)
    if reuse and (found := existing()) is not None:
        return found
    started = time.perf_counter()
    rng = random.Random(f"bench-scale-{seed}")
    result = BuildResult()
    with transaction.atomic():
        gemeenten, orgs, teams, users, workers = _organisations(meldpunten)
    n_care = len(teams)

    def pick_org(u: float) -> int:
        # One draw per choice as before: with two organisations this is ``0 if u < 0.8 else 1``.
        if u < share_a:
            return 0
        return 1 + min(n_care - 2, int((u - share_a) / (1 - share_a) * (n_care - 1)))

    result.users = {name: u.username for name, u in users.items()}

    say(f"persons: generating {persons}")
    rows = _registry_rows(persons, seed, common_surnames)
    say("persons: importing")
    from vangnet.persons.models import Person

    first_person = _next_id(Person)
    imported = import_registry(rows, source=f"bench-scale-{seed}")
    result.persons = imported.persons
    person_rows = list(
        Person.objects.filter(pk__gte=first_person)
        .order_by("pk")
        .values_list(
            "pk",
            "given_names",
            "tussenvoegsel",
            "surname",
            "sex",
            "date_of_birth",
            "street",
            "house_number",
            "postcode",
            "city",
            "place_description",
        )
    )
    now = timezone.now()
    year = timezone.localtime(now).year

    # --- casussen, members, contact attempts
    say("casussen")
    with_casus = rng.sample(range(len(person_rows)), round(len(person_rows) * casus_share))
    casus_id = _next_id(Casus)
    casussen: list[Casus] = []
    casus_of_person: dict[int, tuple[int, int]] = {}
    phases = list(Phase.values)
    for i in with_casus:
        pid = person_rows[i][0]
        org = pick_org(rng.random())
        regisseur = rng.choice(workers[org])
        opened = now - timedelta(days=rng.randint(1, span_days))
        phase = rng.choice(phases)
        casussen.append(
            Casus(
                id=casus_id,
                reference=f"C-{year}-{casus_id:05d}",
                person_id=pid,
                organisation=orgs[org],
                team=teams[org],
                phase=phase,
                casusregisseur=regisseur,
                opened_at=opened,
                closed_at=now if phase == Phase.AFGESLOTEN else None,
            )
        )
        casus_of_person[pid] = (casus_id, org)
        casus_id += 1
    org_index = {o.pk: i for i, o in enumerate(orgs[:n_care])}
    members: list[CaseMember] = []
    attempts: list[ContactAttempt] = []
    attempt_workers = []
    attempt_id = _next_id(ContactAttempt)
    through = ContactAttempt.workers.through
    for c in casussen:
        org = org_index[c.organisation_id]
        members.append(CaseMember(casus_id=c.id, user=c.casusregisseur, role=CaseMember.Role.REGISSEUR))
        duo = rng.choice(workers[org])
        if duo.pk != c.casusregisseur.pk:
            members.append(CaseMember(casus_id=c.id, user=duo, role=CaseMember.Role.DUO))
        for _ in range(rng.randint(*attempts_per_casus)):
            at = c.opened_at + timedelta(hours=rng.randint(1, 24 * 300))
            attempts.append(
                ContactAttempt(
                    id=attempt_id,
                    casus_id=c.id,
                    at=min(at, now),
                    type=rng.choice(("huisbezoek", "telefoon", "briefje", "straat", "netwerk")),
                    result=rng.choice(("geen_gehoor", "geweigerd", "kort_contact", "gesprek")),
                    created_by=c.casusregisseur,
                )
            )
            attempt_workers.append(through(contactattempt_id=attempt_id, user_id=c.casusregisseur.pk))
            attempt_id += 1
    changes = _phase_history(casussen, now, seed) if history else []
    with transaction.atomic():
        Casus.objects.bulk_create(casussen, batch_size=2000)
        CaseMember.objects.bulk_create(members, batch_size=5000)
        ContactAttempt.objects.bulk_create(attempts, batch_size=5000)
        through.objects.bulk_create(attempt_workers, batch_size=5000)
        PhaseChange.objects.bulk_create(changes, batch_size=5000)
        _refresh_has_contact_attempt([c.id for c in casussen])
    result.casussen, result.attempts, result.phase_changes = len(casussen), len(attempts), len(changes)
    del attempts, attempt_workers, changes

    # --- meldingen, with categories
    say(f"meldingen: {meldingen}")
    categories = list(ConcernCategory.objects.values_list("pk", flat=True))
    signals = list(UrgencyIndicator.values)
    creators = {0: users["meldpunt"], 1: users["meldpunt_b"]}
    for i in range(2, n_care):
        creators[i] = workers[i][0]
    mid = _next_id(Melding)
    cat_through = Melding.categories.through
    batch: list[Melding] = []
    cats: list = []

    decisions: list[TriageDecision] = []
    triage_rng = random.Random(f"bench-scale-triage-{seed}")
    named_rng = random.Random(f"bench-scale-named-{seed}")

    def flush() -> None:
        with transaction.atomic():
            Melding.objects.bulk_create(batch, batch_size=2000)
            cat_through.objects.bulk_create(cats, batch_size=5000)
            TriageDecision.objects.bulk_create(decisions, batch_size=5000)
        result.triage_decisions += len(decisions)
        batch.clear()
        cats.clear()
        decisions.clear()

    for _ in range(meldingen):
        linked = rng.random() < 0.75 and person_rows
        p = rng.choice(person_rows) if linked else None
        casus = casus_of_person.get(p[0]) if p else None
        org = casus[1] if casus else pick_org(rng.random())
        indicators = rng.sample(signals, rng.choice((0, 0, 0, 1, 1, 2)))
        received = now - timedelta(minutes=rng.randint(1, 60 * 24 * span_days))
        m = Melding(
            id=mid,
            reference=f"M-{year}-{mid:05d}",
            received_at=received,
            channel=rng.choice(Channel.values),
            meldpunt=orgs[org],
            gemeente=rng.choice(gemeenten[org]),
            status=Melding.Status.GETRIEERD if linked else Melding.Status.TE_TRIEREN,
            melder_type=rng.choice(MelderType.values),
            melder_name="Melder",
            description=rng.choice(DESCRIPTIONS),
            urgency_indicators=indicators,
            urgency_rank=urgency_rank_for(indicators),
            person_id=p[0] if p else None,
            casus_id=casus[0] if casus and rng.random() < 0.7 else None,
            created_by=creators[org],
        )
        if p:
            (
                _,
                m.given_names,
                m.tussenvoegsel,
                m.surname,
                m.sex,
                m.date_of_birth,
                m.street,
                m.house_number,
                m.postcode,
                m.city,
                m.place_description,
            ) = p
        elif rng.random() < 0.3:
            m.place_description = f"{rng.choice(LOOKS).format(age=rng.randint(25, 70))}, {rng.choice(PLACES)}"
        if not p and named_untriaged and person_rows and named_rng.random() < named_untriaged:
            (
                _,
                m.given_names,
                m.tussenvoegsel,
                m.surname,
                m.sex,
                m.date_of_birth,
                m.street,
                m.house_number,
                m.postcode,
                m.city,
                m.place_description,
            ) = named_rng.choice(person_rows)
        m.created_at = received
        batch.append(m)
        if history and m.status == Melding.Status.GETRIEERD:
            decisions.append(_triage_decision(m, now, triage_rng))
        for cat in rng.sample(categories, min(len(categories), rng.randint(1, 2))):
            cats.append(cat_through(melding_id=mid, concerncategory_id=cat))
        mid += 1
        if len(batch) >= 10000:
            flush()
            say(f"meldingen: {mid - 1}")
    if batch:
        flush()
    result.meldingen = meldingen
    result.meldpunten = n_care
    _reset_sequences(Casus, ContactAttempt, Melding, PhaseChange, TriageDecision)
    if busy_attempts:
        say(f"busy casus: {busy_attempts} attempts")
        result.attempts += _busy_casus(users["bemoeizorger"], busy_attempts, now, seed)
    if referrals:
        say(f"referrals: {referrals}")
        result.referrals = _referrals(orgs[-1], users["bemoeizorger"], referrals, now, seed)
    if access_log:
        result.access_log = _access_log(access_log, orgs, users, workers, seed, say)
    _after_build(say)
    result.seconds = round(time.perf_counter() - started, 1)
    return result


def busy_casus_of(user: Any) -> Any:
    """The casus the busy attempts go to: the oldest running casus the user directs."""
    from vangnet.cases.models import Casus, Phase

    return Casus.objects.filter(casusregisseur=user).exclude(phase=Phase.AFGESLOTEN).order_by("pk").first()


def _busy_casus(user: Any, n: int, now: Any, seed: int) -> int:
    """``n`` more contact attempts on one casus (a casus worked for years: the casus page)."""
    from django.db import transaction

    from vangnet.cases.models import ContactAttempt

    casus = busy_casus_of(user)
    if casus is None:
        return 0
    rng = random.Random(f"bench-scale-busy-{seed}")
    through = ContactAttempt.workers.through
    first = _next_id(ContactAttempt)
    span = max(1, int((now - casus.opened_at).total_seconds()))
    attempts = [
        ContactAttempt(
            id=first + i,
            casus_id=casus.pk,
            at=casus.opened_at + timedelta(seconds=rng.randint(1, span)),
            type=rng.choice(("huisbezoek", "telefoon", "briefje", "straat", "netwerk")),
            result=rng.choice(("geen_gehoor", "geweigerd", "kort_contact", "gesprek")),
            created_by_id=casus.casusregisseur_id,
        )
        for i in range(n)
    ]
    with transaction.atomic():
        ContactAttempt.objects.bulk_create(attempts, batch_size=5000)
        through.objects.bulk_create(
            [through(contactattempt_id=a.id, user_id=casus.casusregisseur_id) for a in attempts], batch_size=5000
        )
    _reset_sequences(ContactAttempt)
    return n


def _referrals(partner: Any, proposer: Any, n: int, now: Any, seed: int) -> int:
    """``n`` verwijzingen from casussen of organisation A to the partner's voorziening."""
    from vangnet.cases.models import Casus, Phase
    from vangnet.network.models import LegalGround, Referral, Service, ServiceType, SharedPart

    rng = random.Random(f"bench-scale-referrals-{seed}")
    service, _ = Service.objects.get_or_create(
        organisation=partner, name=f"{PREFIX} beschermd wonen", defaults={"type": ServiceType.values[0]}
    )
    casussen = list(
        Casus.objects.filter(organisation__name=f"{PREFIX} GGD A")
        .exclude(phase=Phase.AFGESLOTEN)
        .order_by("pk")
        .values_list("pk", "opened_at")[:n]
    )
    statuses = [Referral.Status.PROPOSED, Referral.Status.PROPOSED, Referral.Status.ACCEPTED, Referral.Status.REFUSED]
    rows = []
    for pk, opened in casussen:
        proposed = min(now, opened + timedelta(days=rng.randint(1, 60)))
        status = rng.choice(statuses)
        rows.append(
            Referral(
                casus_id=pk,
                service=service,
                status=status,
                shared_parts=[SharedPart.PERSONALIA, SharedPart.SITUATIE, SharedPart.HULPVRAAG],
                legal_ground=LegalGround.WETTELIJK,
                legal_ground_text="Wmo-taak bemoeizorg",
                situation="Leeft teruggetrokken, vervuilde woning.",
                help_question="Passende woonplek met begeleiding.",
                proposed_by=proposer,
                proposed_at=proposed,
                accepted_at=proposed if status == Referral.Status.ACCEPTED else None,
                refused_at=proposed if status == Referral.Status.REFUSED else None,
                refusal_reason="vol" if status == Referral.Status.REFUSED else "",
            )
        )
    Referral.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


# Rows per chain.append: the insert trigger refuses a timestamp more than 60 s from the database
# clock, and a busy SQLite took longer than that for 10,000.
ACCESS_BATCH = 2_000
ACCESS_DETAILS = (
    ("casus", "casus bekeken", "casuslid"),
    ("casus", "werkvoorraad: mijn casussen", "casuslid"),
    ("melding", "werkvoorraad: te triëren", "meldpunt van de melding"),
    ("melding", "melding bekeken", "meldpunt van de melding"),
    ("persoon", "persoon bekeken", "casuslid"),
    ("persoon (zoekresultaat)", "zoekresultaat", "zoekopdracht"),
    ("contactpoging", "contactpoging vastgelegd", "casuslid"),
)


def _access_log(n: int, orgs: list, users: dict, workers: dict, seed: int, say: Callable[[str], None]) -> int:
    """``n`` access-log rows as the pages write them (reads of casussen, meldingen, persons by
    the users of A and B), through ``AccessLog.objects.bulk_create``: chain.append numbers and
    hashes them, so ``verify_access_log`` still passes. 2 % are about one busy person (the
    person of the busy casus), for the access-log page. Batches of ACCESS_BATCH, one transaction each."""
    from vangnet.audit.models import AccessLog
    from vangnet.cases.models import Casus
    from vangnet.intake.models import Melding

    rng = random.Random(f"bench-scale-access-{seed}")
    ab = [o.pk for o in orgs[:2]]
    casussen = list(Casus.objects.filter(organisation_id__in=ab).values_list("pk", "person_id"))
    meldingen = list(Melding.objects.filter(meldpunt_id__in=ab).values_list("pk", "person_id"))
    busy = busy_casus_of(users["bemoeizorger"])
    actors = [u for name, u in users.items() if name != "partner"] + workers[0] + workers[1]
    org_names = {o.pk: str(o) for o in orgs}
    actions = [AccessLog.Action.READ] * 18 + [AccessLog.Action.UPDATE, AccessLog.Action.CREATE]
    done = 0
    while done < n:
        rows = []
        for _ in range(min(ACCESS_BATCH, n - done)):
            u = rng.choice(actors)
            object_type, detail, reason = rng.choice(ACCESS_DETAILS)
            casus_id = melding_id = ""
            if busy is not None and rng.random() < 0.02:
                person_id, casus_id = busy.person_id, str(busy.pk)
            elif object_type == "melding" and meldingen:
                mpk, person_id = rng.choice(meldingen)
                melding_id = str(mpk)
            else:
                cpk, person_id = rng.choice(casussen) if casussen else ("", "")
                casus_id = str(cpk)
            rows.append(
                AccessLog(
                    user_id=str(u.pk),
                    username=u.username,
                    role=u.role,
                    organisation=org_names.get(u.organisation_id, ""),
                    action=rng.choice(actions),
                    person_id=str(person_id or ""),
                    casus_id=casus_id,
                    melding_id=melding_id,
                    object_type=object_type,
                    detail=detail,
                    reason=reason,
                    break_glass=False,
                    ip_address=f"10.0.{rng.randint(0, 3)}.{rng.randint(1, 250)}",
                    path=f"/casussen/{casus_id}/" if casus_id else f"/meldingen/{melding_id}/",
                )
            )
        AccessLog.objects.bulk_create(rows)
        done += len(rows)
        if done % 100_000 < ACCESS_BATCH or done == n:
            say(f"access log: {done}")
    return done


def _phase_history(casussen: list, now: Any, seed: int) -> list:
    """Each casus's phase changes as the services write them: the start (to contact leggen),
    running phases in between, a closing for a closed casus (its closed_at), and for about one
    in eight casussen an earlier closing and reopening. Own random stream: the rest stays as it was."""
    from vangnet.cases.models import Phase, PhaseChange

    rng = random.Random(f"bench-scale-history-{seed}")
    running = [p for p in Phase.values if p not in (Phase.AFGESLOTEN, Phase.CONTACT_LEGGEN)]
    changes: list = []
    for c in casussen:
        path = [Phase.CONTACT_LEGGEN.value]
        for _ in range(rng.randint(0, 2)):
            path.append(rng.choice(running))
        if rng.random() < 0.125:
            path += [Phase.AFGESLOTEN.value, rng.choice((Phase.CONTACT_LEGGEN.value, Phase.VERKENNEN.value))]
        if path[-1] != c.phase:
            path.append(c.phase)
        span = max(1, int((now - c.opened_at).total_seconds()))
        moments = sorted(rng.randint(1, span) for _ in path[1:])
        previous = ""
        for i, phase in enumerate(path):
            at = c.opened_at if i == 0 else c.opened_at + timedelta(seconds=moments[i - 1])
            changes.append(
                PhaseChange(
                    casus_id=c.id, from_phase=previous, to_phase=phase, changed_by=c.casusregisseur, changed_at=at
                )
            )
            previous = phase
        if c.phase == Phase.AFGESLOTEN:
            c.closed_at = changes[-1].changed_at
    return changes


def _triage_decision(m: Any, now: Any, rng: random.Random) -> Any:
    """A decision a few hours to two weeks after receipt (never after now): bemoeizorg when the
    melding went to a casus, otherwise one of the other outcomes."""
    from vangnet.triage.models import Outcome, TriageDecision, YesNoUnknown

    others = [o for o in Outcome.values if o != Outcome.BEMOEIZORG]
    answers = YesNoUnknown.values
    return TriageDecision(
        melding_id=m.id,
        acute_danger=rng.choice(answers),
        already_in_care=rng.choice(answers),
        known_to_partners=rng.choice(answers),
        outcome=Outcome.BEMOEIZORG if m.casus_id else rng.choice(others),
        casus_id=m.casus_id,
        decided_by=m.created_by,
        decided_at=min(now, m.received_at + timedelta(hours=rng.randint(1, 24 * 14))),
    )


def analyze() -> None:
    """Fresh planner statistics: after a bulk load PostgreSQL (and SQLite) would otherwise
    plan as if the tables were empty, and every timing after it would be off."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("ANALYZE")


def _after_build(say: Callable[[str], None]) -> None:
    """Let apps with their own derived tables (the search index) catch up with the bulk insert."""
    from django.apps import apps

    if apps.is_installed("vangnet.search"):
        from vangnet.search.index import rebuild_index

        say("search index")
        rebuild_index()
    say("analyze")
    analyze()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=1000)
    parser.add_argument("--meldingen", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--casus-share", type=float, default=0.1, help="share of persons with a casus")
    parser.add_argument("--common-surnames", type=float, default=0.0, help="share given a top-10 surname")
    parser.add_argument("--span-days", type=int, default=700, help="received/opened in the last so many days")
    parser.add_argument("--attempts", type=int, nargs=2, default=(5, 30), help="attempts per casus: min max")
    parser.add_argument("--history", action="store_true", help="phase history and triage decisions")
    parser.add_argument("--meldpunten", type=int, default=2, help="care organisations (meldpunt + team each)")
    parser.add_argument("--share-a", type=float, default=0.8, help="share of the work for organisation A")
    parser.add_argument("--access-log", type=int, default=0, help="access-log rows (hash-chained, in batches)")
    parser.add_argument("--busy-attempts", type=int, default=0, help="extra attempts on one busy casus")
    parser.add_argument("--referrals", type=int, default=0, help="verwijzingen to the partner")
    parser.add_argument("--named-untriaged", type=float, default=0.0, help="share of te-triëren with a name")
    parser.add_argument(
        "--preset",
        choices=sorted(PRESETS),
        help="a named size (bench/web): sets the options above; explicit options are ignored then",
    )
    parser.add_argument("--no-migrate", action="store_true")
    parser.add_argument("--fresh", action="store_true", help="build even if bench data is already there")
    parser.add_argument("--scale", type=float, default=1.0, help="with --preset: multiply its counts (0.02: a trial)")
    args = parser.parse_args(argv)
    sizes = preset(args.preset, args.scale) if args.preset else {}
    setup_django()
    if not args.no_migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    options: dict[str, Any] = {
        "persons": args.persons,
        "meldingen": args.meldingen,
        "casus_share": args.casus_share,
        "common_surnames": args.common_surnames,
        "span_days": args.span_days,
        "attempts_per_casus": tuple(args.attempts),
        "history": args.history,
        "meldpunten": args.meldpunten,
        "share_a": args.share_a,
        "access_log": args.access_log,
        "busy_attempts": args.busy_attempts,
        "referrals": args.referrals,
        "named_untriaged": args.named_untriaged,
    }
    options.update(sizes)
    res = build(
        **options,
        seed=args.seed,
        reuse=not args.fresh,
        progress=lambda msg: print(msg, file=sys.stderr, flush=True),
    )
    print(asdict(res))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
