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
    from vangnet.cases.models import Casus, ContactAttempt, PhaseChange
    from vangnet.intake.models import Melding
    from vangnet.organisations.models import Organisation
    from vangnet.persons.models import Person
    from vangnet.triage.models import TriageDecision

    if not Organisation.objects.filter(name=f"{PREFIX} GGD A").exists():
        return None
    return BuildResult(
        persons=Person.objects.count(),
        meldingen=Melding.objects.count(),
        casussen=Casus.objects.count(),
        attempts=ContactAttempt.objects.count(),
        phase_changes=PhaseChange.objects.count(),
        triage_decisions=TriageDecision.objects.count(),
        users={name: f"bench-{name}" for name in USERS},
        reused=True,
    )


def _organisations() -> tuple[list, list, list, dict, dict]:
    from vangnet.accounts.models import User
    from vangnet.organisations.models import Gemeente, Organisation, Team

    gemeenten = [Gemeente.objects.get_or_create(name=f"{PREFIX} gemeente {i}")[0] for i in range(6)]
    orgs = [
        Organisation.objects.create(
            name=f"{PREFIX} GGD {letter}", kind=Organisation.Kind.GGD, runs_meldpunt=True, does_bemoeizorg=True
        )
        for letter in "AB"
    ]
    orgs[0].gemeenten.set(gemeenten[:4])
    orgs[1].gemeenten.set(gemeenten[4:])
    partner_kind = next(k for k in Organisation.Kind.values if k != Organisation.Kind.GGD)
    orgs.append(Organisation.objects.create(name=f"{PREFIX} partner", kind=partner_kind))
    teams = [
        Team.objects.create(organisation=o, name=f"{PREFIX} team {o.name[-1]}", is_bemoeizorgteam=True)
        for o in orgs[:2]
    ]
    users = {}
    for name, (role, org) in USERS.items():
        u = User(username=f"bench-{name}", role=role, organisation=orgs[org], first_name="Bench", last_name=name)
        u.set_password(PASSWORD)
        u.save()
        users[name] = u
    workers = {0: [users["bemoeizorger"]], 1: []}
    for org in (0, 1):
        while len(workers[org]) < BEMOEIZORGERS:
            u = User(
                username=f"bench-bz-{org}-{len(workers[org])}",
                role="bemoeizorger",
                organisation=orgs[org],
                first_name="Bench",
                last_name=f"bz {len(workers[org])}",
            )
            u.set_unusable_password()
            workers[org].append(u)
        User.objects.bulk_create([u for u in workers[org] if u.pk is None])
        workers[org] = list(User.objects.filter(organisation=orgs[org], role="bemoeizorger").order_by("pk"))
        for u in workers[org]:
            u.teams.add(teams[org])
    return gemeenten, orgs, teams, users, workers


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
) -> BuildResult:
    """Fill the database (see the module docstring); returns what is there.

    ``casus_share``: share of persons with a casus; ``common_surnames``: share of
    persons given one of the ten most common Dutch surnames (a harder data set).
    With ``reuse`` an earlier bench data set in the database is returned as is.
    ``span_days``: meldingen are received and casussen opened in the last so many days;
    ``attempts_per_casus``: the range of contact attempts per casus. With ``history``
    (the monitor benchmark) every casus gets its phase history (start, phase changes,
    closings, some reopenings) and every linked melding a triage decision; without it
    (the default) there are none, as before."""
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
        gemeenten, orgs, teams, users, workers = _organisations()
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
        org = 0 if rng.random() < 0.8 else 1
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
    members: list[CaseMember] = []
    attempts: list[ContactAttempt] = []
    attempt_workers = []
    attempt_id = _next_id(ContactAttempt)
    through = ContactAttempt.workers.through
    for c in casussen:
        org = 0 if c.organisation_id == orgs[0].pk else 1
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
    mid = _next_id(Melding)
    cat_through = Melding.categories.through
    batch: list[Melding] = []
    cats: list = []

    decisions: list[TriageDecision] = []
    triage_rng = random.Random(f"bench-scale-triage-{seed}")

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
        org = casus[1] if casus else (0 if rng.random() < 0.8 else 1)
        indicators = rng.sample(signals, rng.choice((0, 0, 0, 1, 1, 2)))
        received = now - timedelta(minutes=rng.randint(1, 60 * 24 * span_days))
        m = Melding(
            id=mid,
            reference=f"M-{year}-{mid:05d}",
            received_at=received,
            channel=rng.choice(Channel.values),
            meldpunt=orgs[org],
            gemeente=rng.choice(gemeenten[:4] if org == 0 else gemeenten[4:]),
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
    _reset_sequences(Casus, ContactAttempt, Melding, PhaseChange, TriageDecision)
    _after_build(say)
    result.seconds = round(time.perf_counter() - started, 1)
    return result


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
    parser.add_argument("--no-migrate", action="store_true")
    parser.add_argument("--fresh", action="store_true", help="build even if bench data is already there")
    args = parser.parse_args(argv)
    setup_django()
    if not args.no_migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    res = build(
        persons=args.persons,
        meldingen=args.meldingen,
        seed=args.seed,
        casus_share=args.casus_share,
        common_surnames=args.common_surnames,
        reuse=not args.fresh,
        span_days=args.span_days,
        attempts_per_casus=tuple(args.attempts),
        history=args.history,
        progress=lambda msg: print(msg, file=sys.stderr, flush=True),
    )
    print(asdict(res))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
