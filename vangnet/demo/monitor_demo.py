"""A background history for the monitor (issue 13): fifteen months of a meldpunt of a
middle-sized region behind the named stories, so every figure and chart of /monitor/
has something to show for the default period (the last twelve whole months).

Around 30 meldingen a month (more in winter) from every bron and kanaal, triaged on
the same workday or a few days late, with every outcome but Wvggz (the Wvggz stories
are ``wvggz_demo``'s); bemoeizorg casussen for four more bemoeizorgers in two teams,
with first attempts (some late), contact after several attempts or never, phases,
closings with an uitkomst, warm handovers to the partners of the sociale kaart with
their vingers aan de pols, and people reported again (a running casus continued, a
closed one reopened). The persons are fictional: names from the fixed lists below.

Built like the story (``builders.py``): through the real services, in the order of
time, with the timestamps the services stamp as "now" moved back afterwards (demo
only). A fixed seed, so every build is the same. Nothing here touches the named
stories: the background has its own workers, persons and casussen."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from vangnet.accounts.models import Role, User
from vangnet.accounts.services import ensure_totp_device
from vangnet.cases.models import Casus, Phase, PhaseChange
from vangnet.cases.services import change_phase
from vangnet.core.months import add_months
from vangnet.intake.models import Melding
from vangnet.network import services as network
from vangnet.network.models import FollowUp, Referral, Service
from vangnet.norms.workdays import add_workdays
from vangnet.notifications.models import Notification
from vangnet.organisations.models import Team

from . import builders
from . import scenarios as S
from .grondslagen_demo import ensure_consent

SEED = S.DEMO_SEED + 13
MONTHS_BACK = 15  # the default period and three months before it (casussen running and closing at its start)
QUIET_DAYS = 7  # the last week is the named stories' own (the meldpunt's inbox)

# Extra teams of the GGD (key: name); the background workers (username: first, last, team key).
TEAMS = {"bz-polderveen": "Bemoeizorgteam Polderveen"}
WORKERS = {
    "jeroen": ("Jeroen", "Smeets", "bz"),
    "nadia": ("Nadia", "Haddou", "bz"),
    "wouter": ("Wouter", "Dijkman", "bz-polderveen"),
    "esra": ("Esra", "Demir", "bz-polderveen"),
}
TRIAGERS = ["fatima", "joost"]

GIVEN = {
    "M": [
        "Johan", "Peter", "Marcel", "Ricardo", "Henk", "Kevin", "Mohamed", "Stefan", "Wim", "Erik", "Bas", "Dennis",
        "Gerard", "Youssef", "Rob", "Arjen", "Klaas", "Tim", "Sander", "Willem", "Mehmet", "Jeroen", "Frank", "Luuk",
    ],
    "V": [
        "Anja", "Monique", "Sandra", "Fatma", "Ingrid", "Priscilla", "Wilma", "Linda", "Sylvia", "Naima", "Jolanda",
        "Bianca", "Greet", "Marja", "Romy", "Tineke", "Sevda", "Annemiek", "Hennie", "Daniëlle", "Kim", "Corrie",
    ],
}  # fmt: skip
SURNAMES = [
    ("", "Meijer"), ("de", "Graaf"), ("", "Vos"), ("", "Koster"), ("van", "Dam"), ("", "Smits"), ("", "Brouwer"),
    ("van der", "Linden"), ("", "Bosch"), ("", "Huisman"), ("", "Kok"), ("", "Postma"), ("de", "Jong"),
    ("", "Wijnands"), ("", "Sarıkaya"), ("", "El Idrissi"), ("van", "Wijk"), ("", "Schouten"), ("", "Nijland"),
    ("", "Tuinstra"), ("", "Dekkers"), ("ter", "Horst"), ("", "Mertens"), ("", "Oosterhuis"), ("", "Hofman"),
    ("van", "Beek"), ("", "Rutten"), ("", "Jacobs"), ("", "Kaya"), ("", "Bulut"), ("van", "Vliet"), ("", "Zijlstra"),
    ("", "Wouters"), ("", "Hermans"), ("de", "Haan"), ("", "Verbeek"), ("", "Gerritsen"), ("", "Boersma"),
    ("", "Snijders"), ("van", "Rijn"), ("", "Lammertink"), ("", "Hendrix"), ("", "Aydın"), ("", "Pranger"),
    ("de", "Ridder"), ("", "Veldman"),
]  # fmt: skip
# No background person shares a surname with a named story (a search for one finds only that one).
_STORY_PERSONS: list[dict[str, Any]] = [scen["person"] for scen in S.SCENARIOS if "person" in scen]  # type: ignore[misc]
_STORY_SURNAMES = {person.get("surname", "") for person in _STORY_PERSONS}
SURNAMES = [name for name in SURNAMES if name[1] not in _STORY_SURNAMES]
MELDER_NAMES = ["mevrouw Boon", "dhr. Kaptein", "familie Ruiter", "mevrouw Öztürk", "dhr. Pater", "mevrouw Lap"]

# kanaal: weight; per kanaal the bronnen (bron, relation, weight).
CHANNELS = {"telefoon": 40, "politie": 22, "web": 12, "email": 14, "partner": 12}
SOURCES = {
    "telefoon": [
        ("buurtbewoner", "buurman", 30), ("naaste", "dochter", 14), ("naaste", "broer", 8), ("huisarts", "POH-GGZ", 14),
        ("anders", "kerkelijk werker", 4), ("betrokkene", "", 4), ("zorgaanbieder", "thuiszorg", 8),
    ],
    "politie": [("politie", "wijkagent", 70), ("politie", "noodhulp", 30)],
    "web": [("buurtbewoner", "buurvrouw", 60), ("naaste", "zoon", 40)],
    "email": [("huisarts", "huisarts", 40), ("zorgaanbieder", "wijkverpleging", 35), ("wijkteam", "wijkcoach", 25)],
    "partner": [("woningcorporatie", "woonconsulent", 60), ("wijkteam", "wijkcoach", 40)],
}  # fmt: skip
# Zorg (code, weight); a melding has one to three.
ZORGEN = [
    ("psychisch", 30), ("verslaving", 16), ("verwaarlozing-zelf", 12), ("verwaarlozing-woning", 9),
    ("vervuiling-hoarding", 7), ("overlast", 14), ("sociaal-isolement", 12), ("schulden", 11), ("huisuitzetting", 5),
    ("dementie", 8), ("lvb", 4), ("agressie-gevaar", 4), ("dakloosheid", 6), ("lichamelijk", 4), ("anders", 2),
]  # fmt: skip
DESCRIPTIONS = {
    "psychisch": "Maakt een verwarde indruk, praat over stemmen en sluit zich op in de woning.",
    "verslaving": "Drinkt vanaf de ochtend; buren horen 's nachts geschreeuw en vinden lege flessen in de gang.",
    "verwaarlozing-zelf": "Ziet er onverzorgd uit, is erg vermagerd en draagt al weken dezelfde kleren.",
    "verwaarlozing-woning": "De woning is vervuild, er hangt een sterke lucht in het portiek.",
    "vervuiling-hoarding": "De woning staat vol spullen; de looppaden zijn bijna dicht.",
    "overlast": "Veel overlast voor de buren: harde muziek 's nachts en ruzie in het trappenhuis.",
    "sociaal-isolement": "Komt nauwelijks buiten en heeft geen contact meer met familie of buren.",
    "schulden": "Opent de post niet meer; de deurwaarder is al twee keer aan de deur geweest.",
    "huisuitzetting": "Huurachterstand van maanden; de corporatie heeft een ontruimingsvonnis aangevraagd.",
    "dementie": "Raakt de weg kwijt in de wijk en vergeet te eten; woont alleen.",
    "lvb": "Wordt vermoedelijk misbruikt door nieuwe 'vrienden' die in de woning verblijven.",
    "agressie-gevaar": "Dreigde een buurman met een mes; eerder ook verbaal agressief tegen de wijkagent.",
    "dakloosheid": "Slaapt sinds kort in de fietsenstalling bij het station.",
    "lichamelijk": "Heeft een open wond aan het been en wil niet naar de huisarts.",
    "anders": "Melder maakt zich zorgen maar kan niet goed zeggen waarom.",
}
ADVICE = [
    "Advies aan melder: samen met betrokkene naar de huisarts.",
    "Melder gewezen op het wijkteam en de mogelijkheid van buurtbemiddeling.",
    "Advies: eerst zelf in gesprek; bij nieuwe signalen opnieuw melden.",
]
NO_ACTION = [
    "Geen signalen van zorgwekkend gedrag; burenconflict.",
    "Betrokkene is al in zorg bij de huisarts en de wijkverpleging; geen rol voor het meldpunt.",
    "Dubbele melding van dezelfde situatie; al in behandeling.",
]
REFERRED = ["Wijkteam", "Huisarts", "Schuldhulpverlening Polderveen", "Veilig Thuis Rivierland", "Zorggroep De Linde"]
# Closings without a handover: (uitkomst, reason, weight).
OTHER_ENDS = [
    ("weigert_hulp", "Betrokkene wil blijvend geen hulp; geen acuut risico. Netwerk geïnformeerd.", 30),
    ("opgenomen", "Opgenomen in de kliniek; overgedragen aan de behandelaar.", 18),
    ("verhuisd", "Verhuisd buiten de regio; nieuwe gemeente geïnformeerd.", 14),
    ("detentie", "In detentie; medische dienst van de PI geïnformeerd.", 8),
    ("overleden", "Betrokkene is overleden.", 4),
    ("anders", "Familie neemt de zorg over.", 6),
    ("uit_beeld", "Al weken niet meer aangetroffen; niemand in het netwerk weet waar hij verblijft.", 20),
]
# The sociale kaart services a casus is handed over to (network_demo's names). Not those of GGZ
# Polderveen or the corporation: their partner logins (noor, linda) show only the named stories.
HANDOVER_SERVICES = [
    "Wijkteam Rivierstad-West", "Ambulante verslavingszorg", "Ambulante woonbegeleiding",
    "Schuldhulpverlening Polderveen", "Casemanagement dementie", "Opvang De Haven",
]  # fmt: skip


def _pick(rng: random.Random, weighted: list) -> Any:
    return rng.choices(weighted, weights=[row[-1] for row in weighted])[0]


@dataclass
class History:
    """What the planner knows of one background person while it walks through time."""

    key: str  # the key of the person's first melding
    identity: dict
    last_melding: datetime
    casus_key: str | None = None  # the melding whose triage started the casus
    regisseur: str = ""
    duo: str = ""
    team: str = ""
    # (from, until): when the casus ran; until None while it runs at the end of the plan.
    runs: list[tuple[datetime, datetime | None]] = field(default_factory=list)

    def running_at(self, moment: datetime) -> bool:
        return any(start <= moment and (end is None or moment < end) for start, end in self.runs)


class Planner:
    """Walks the months and plans every background step (a builders.Step) in time."""

    def __init__(self, clock: builders.Clock, rng: random.Random) -> None:
        self.clock, self.rng = clock, rng
        self.limit = clock.now - timedelta(hours=1)
        self.steps: list[builders.Step] = []
        self.histories: list[History] = []
        self.scenarios: dict[str, dict] = {}
        self.count = 0

    # --- time ---------------------------------------------------------------

    def moment(self, day: date, first: int = 9, last: int = 16) -> datetime:
        hour = self.rng.randint(first, last)
        return datetime.combine(day, time(hour, self.rng.randint(0, 59)), tzinfo=self.clock.tz)

    def workday(self, day: date, workdays: int = 0) -> datetime:
        """A working hour ``workdays`` workdays after ``day`` (a weekend day counts from Monday)."""
        return self.moment(add_workdays(day, workdays))

    def later(self, moment: datetime, days_from: int, days_to: int) -> datetime:
        day = timezone.localdate(moment) + timedelta(days=self.rng.randint(days_from, days_to))
        return max(self.workday(day), moment + timedelta(minutes=30))

    def add(self, at: datetime, kind: str, scen: dict, *args: Any) -> bool:
        """Plan a step; False (and nothing planned) when it would lie in the future."""
        if at >= self.limit:
            return False
        self.steps.append(builders.Step(at, (len(self.steps),), kind, scen, args))
        return True

    # --- meldingen ------------------------------------------------------------

    def identity(self) -> dict:
        rng = self.rng
        sex = rng.choice("MV")
        tussenvoegsel, surname = rng.choice(SURNAMES)
        city = "Rivierstad" if rng.random() < 0.6 else "Polderveen"
        age = int(min(92, max(19, rng.gauss(52, 17))))
        spec = {
            "given": rng.choice(GIVEN[sex]),
            "tussenvoegsel": tussenvoegsel,
            "surname": surname,
            "sex": sex,
            "age": age,
            "dob": rng.random() < 0.55,
            "bsn": rng.random() < 0.35,
            "city": city,
        }
        return builders.make_identity(spec, rng, self.clock.today)

    def melding(self, received: datetime) -> None:
        rng = self.rng
        self.count += 1
        key = f"bg-{self.count:04d}"
        channel = _pick(rng, list(CHANNELS.items()))[0]
        bron, relation, _weight = _pick(rng, SOURCES[channel])
        zorgen = [_pick(rng, ZORGEN)[0] for _ in range(rng.choice([1, 1, 2, 2, 3]))]
        zorgen = list(dict.fromkeys(zorgen))
        if channel == "politie":  # E33 at night as often as by day
            received = received.replace(hour=rng.choice([1, 3, 11, 15, 21, 23]))
        anonymous = bron == "buurtbewoner" and rng.random() < 0.25
        named = bron in ("buurtbewoner", "naaste") and not anonymous
        scen: dict[str, Any] = {
            "key": key,
            "by": rng.choice(TRIAGERS),
            "channel": channel,
            "melder": {
                "type": bron,
                "relation": relation,
                "anonymous": anonymous,
                "name": rng.choice(MELDER_NAMES) if named else "",
                "feedback": named and rng.random() < 0.5,
            },
            "categories": zorgen,
            "description": DESCRIPTIONS[zorgen[0]],
        }
        earlier = self.earlier_person(received)
        if earlier is not None:
            scen["same_person"] = earlier.key
            history = earlier
            history.last_melding = received
        else:
            history = History(key=key, identity=self.identity(), last_melding=received)
            self.histories.append(history)
        scen["identity"] = history.identity
        self.scenarios[key] = scen
        if not self.add(received, "melding", scen):
            return
        self.triage(scen, history, received)

    def earlier_person(self, received: datetime) -> History | None:
        """About one melding in seven is about someone reported in the year before."""
        if self.rng.random() > 0.14:
            return None
        window = [h for h in self.histories if timedelta(days=20) < received - h.last_melding < timedelta(days=330)]
        return self.rng.choice(window) if window else None

    # --- triage ----------------------------------------------------------------

    def triage(self, scen: dict, history: History, received: datetime) -> None:
        rng = self.rng
        day = timezone.localdate(received)
        workday = received.weekday() < 5
        if rng.random() < 0.1:  # late: busy days
            decided = self.workday(day, rng.randint(1, 3))
        elif workday and received.hour < 8:  # a night's E33: in the morning
            decided = self.moment(day, 9, 12)
        elif workday and received.hour < 16:
            decided = received + timedelta(minutes=rng.randint(20, 100))
        else:  # the evening or the weekend: the next workday (late after an evening)
            decided = self.workday(day + timedelta(days=1))
        decided = max(decided, received + timedelta(minutes=10))
        running = history.casus_key is not None and history.running_at(decided)
        if running:
            outcome = "bemoeizorg" if rng.random() < 0.75 else "geen_actie"
        elif history.casus_key is not None:
            outcome = "bemoeizorg"  # known, closed: the casus is reopened
        else:
            outcome = _pick(
                rng,
                [("bemoeizorg", 44), ("advies", 19), ("doorverwijzen", 16), ("geen_actie", 16), ("crisisdienst", 4)],
            )[0]
        triage: dict[str, Any] = {"outcome": outcome, "by": scen["by"], "acute": "nee"}
        if outcome == "advies":
            triage["reason"] = rng.choice(ADVICE)
        elif outcome == "geen_actie":
            triage["reason"] = "Casus loopt al bij het bemoeizorgteam." if running else rng.choice(NO_ACTION)
        elif outcome == "doorverwijzen":
            triage["referred_to"] = rng.choice(REFERRED)
        elif outcome == "crisisdienst":
            triage["acute"] = "ja"
            triage["reason"] = "Acuut gevaar: crisisdienst direct ingeschakeld."
        elif outcome == "bemoeizorg" and not running:
            if history.casus_key is None:
                history.regisseur = rng.choice(list(WORKERS))
                colleagues = [u for u, w in WORKERS.items() if w[2] == WORKERS[history.regisseur][2]]
                history.duo = rng.choice([u for u in colleagues if u != history.regisseur])
                history.team = WORKERS[history.regisseur][2]
            triage.update(regisseur=history.regisseur, duo=[history.duo], team=history.team)
            triage["reason"] = "Zorgmijdend; outreachend contact nodig."
        scen["triage"] = triage
        if not self.add(decided, "triage", scen):
            return
        if outcome == "bemoeizorg" and not running:
            history.casus_key = history.casus_key or scen["key"]
            end = self.traject(scen, history, decided)
            history.runs.append((decided, end))

    # --- the casus -------------------------------------------------------------------

    def attempt(self, scen: dict, at: datetime, result: str, worker: str, kind: str = "") -> bool:
        rng = self.rng
        kind = kind or rng.choice(["huisbezoek", "huisbezoek", "telefoon", "briefje", "straat", "netwerk"])
        if result in ("kort_contact", "gesprek") and kind == "briefje":
            kind = "huisbezoek"
        notes = {
            "geen_gehoor": "Niet thuis of doet niet open.",
            "geweigerd": "Wil niet praten; deur weer dicht.",
            "kort_contact": "Kort gesproken aan de deur.",
            "gesprek": "Gesprek over de situatie en wat betrokkene zelf wil.",
        }
        police = kind == "huisbezoek" and rng.random() < 0.05
        return self.add(at, S.TRY, scen, S.TRY, 0, kind, result, notes[result], [worker], police)

    def phase(self, scen: dict, at: datetime, to_phase: str, reason: str, by: str) -> bool:
        return self.add(at, S.PHASE, scen, S.PHASE, 0, to_phase, reason, by)

    def close(self, scen: dict, at: datetime, by: str, outcome: str, reason: str, partner: str = "") -> bool:
        """Closing with its uitkomst (a text with "anders", the receiving partner's voorziening)."""
        text = reason if outcome == "anders" else ""
        return self.add(at, "afsluiten", scen, reason, by, outcome, partner, text)

    def traject(self, scen: dict, history: History, start: datetime) -> datetime | None:
        """Plan a casus from its start (or reopening) to its closing; the closing moment,
        or None when it still runs now."""
        rng = self.rng
        worker = history.regisseur
        day = timezone.localdate(start)
        first = self.workday(day, _pick(rng, [(0, 30), (1, 35), (2, 20), (3, 8), (4, 4), (6, 3)])[0])
        first = max(first, start + timedelta(minutes=30))
        never = rng.random() < 0.13
        failures = rng.choice([2, 3, 4, 5]) if never else _pick(rng, [(0, 30), (1, 28), (2, 20), (3, 12), (5, 10)])[0]
        at = first
        for n in range(failures):
            if n:
                at = self.later(at, 2, 9)
            if not self.attempt(scen, at, "geweigerd" if rng.random() < 0.15 else "geen_gehoor", worker):
                return None
        if never:
            if rng.random() < 0.35:
                if not self.phase(scen, self.later(at, 3, 10), "uit_beeld", "", worker):
                    return None
                return None  # uit beeld, and still so
            end = self.later(at, 20, 45)
            uitkomst, reason = rng.choice(
                [("uit_beeld", "Nooit bereikt; uit beeld."), ("weigert_hulp", "Nooit echt contact; weigert elke hulp.")]
            )
            return end if self.close(scen, end, worker, uitkomst, reason) else None
        if failures:
            at = self.later(at, 2, 9)
        if not self.attempt(scen, at, rng.choice(["kort_contact", "gesprek"]), worker):
            return None
        if not self.phase(scen, at + timedelta(minutes=45), "verkennen", "", worker):
            return None
        if rng.random() < 0.07:
            self.phase(scen, self.later(at, 5, 20), "langdurig", "", worker)
            return None  # langdurige bemoeizorg: runs on
        at = self.later(at, 5, 25)
        if not self.phase(scen, at, "toeleiding", "", worker):
            return None
        branch = rng.random()
        if branch < 0.45:
            return self.handover(scen, history, at)
        if branch < 0.63:
            at = self.later(at, 10, 40)
            if not self.phase(scen, at, "overdracht", "", worker):
                return None
            end = self.later(at, 15, 50)
            reason = "Toegeleid naar de huisarts en het wijkteam; betrokkene gaat er zelf heen."
            return end if self.close(scen, end, worker, "toegeleid", reason) else None
        uitkomst, reason, _weight = _pick(rng, OTHER_ENDS)
        end = self.later(at, 15, 70)
        return end if self.close(scen, end, worker, uitkomst, reason) else None

    def handover(self, scen: dict, history: History, at: datetime) -> datetime | None:
        """A referral to a partner, the warm handover and in zorg (nazorg), the vingers aan
        de pols at two weeks, three and six months, and the closing in nazorg."""
        rng = self.rng
        worker = history.regisseur
        proposed = self.later(at, 3, 12)
        in_care = self.later(proposed, 10, 35)
        service = rng.choice(HANDOVER_SERVICES)
        if not self.add(in_care, "in_zorg", scen, service, proposed, worker):
            return None
        in_care_on = timezone.localdate(in_care)
        end = self.later(in_care, 25, 75)
        reason = f"Warme overdracht naar {service} geslaagd; nazorg afgerond."
        closed = self.close(scen, end, worker, "warme_overdracht", reason, partner=service)
        for key, days, months in network.follow_up_plan():
            due = add_months(in_care_on, months) + timedelta(days=days)  # as schedule_follow_ups
            answered = self.moment(due + timedelta(days=rng.randint(0, 9)), 9, 16)
            if key == network.SIX_MONTHS_KEY:
                answer = _pick(rng, [("ja", 60), ("nee", 30), ("onbekend", 10)])[0]
            else:
                answer = "ja" if rng.random() < 0.93 else "onbekend"
            self.add(answered, "pols", scen, key, answer, worker, due)
        return end if closed else None


def _workers(world: builders.DemoWorld) -> None:
    ggd = world.orgs[S.GGD_KEY]
    for key, name in TEAMS.items():
        world.teams[key] = Team.objects.create(organisation=ggd, name=name, is_bemoeizorgteam=True)
    password_hash = User.objects.get(username="sanne").password  # hashed once by the builder
    for username, (first, last, team_key) in WORKERS.items():
        user = User.objects.create(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@demo.vangnet.example",
            role=Role.BEMOEIZORGER,
            organisation=ggd,
            password=password_hash,
            phone="",
        )
        user.teams.set([world.teams[team_key]])
        ensure_totp_device(user, S.DEMO_TOTP_SECRET)
        world.users[username] = user


def _year_references(melding: Melding, moment: datetime) -> None:
    """A reference with the year the record is from (the services give the year of today)."""
    year = timezone.localtime(moment).year
    Melding.objects.filter(pk=melding.pk).update(reference=f"M-{year}-{melding.pk:05d}")


def _casus_reference(casus_id: int) -> None:
    opened_at = Casus.objects.values_list("opened_at", flat=True).get(pk=casus_id)
    Casus.objects.filter(pk=casus_id).update(reference=f"C-{timezone.localtime(opened_at).year}-{casus_id:05d}")


def _in_care(world: builders.DemoWorld, step: builders.Step, services: dict[str, Service]) -> None:
    """Propose, accept, intake and in zorg through the services (network_demo's way), moved back."""
    service_name, proposed, worker_key = step.args
    worker = world.users[worker_key]
    casus = builders._casus_of(world, step.scenario)
    casus.refresh_from_db()
    ensure_consent(casus, services[service_name].organisation)
    referral = network.propose_referral(
        casus,
        services[service_name],
        by=worker,
        shared_parts=["personalia", "contact", "situatie", "hulpvraag"],
        legal_ground="toestemming",
        legal_ground_text="Mondelinge toestemming van betrokkene tijdens huisbezoek",
        situation="Zorgmijdend, nu bereid tot hulp; woont alleen.",
        help_question="Behandeling en begeleiding thuis.",
    )
    today = timezone.localdate()
    network.accept_referral(referral, by=worker, intake_date=today)
    network.record_intake(referral, by=worker, on=today, warm=True)
    before = builders._last_phase_change_id()
    network.record_in_care(referral, by=worker, on=today)
    in_care_on = timezone.localdate(step.at)
    intake_on = in_care_on - timedelta(days=2)
    Referral.objects.filter(pk=referral.pk).update(
        proposed_at=proposed,
        accepted_at=proposed + timedelta(days=2),
        intake_date=intake_on,
        intake_on=intake_on,
        in_care_on=in_care_on,
    )
    PhaseChange.objects.filter(casus=casus, pk__gt=before).update(changed_at=step.at)
    referral.follow_ups.all().delete()
    network.schedule_follow_ups(referral, start=in_care_on)


def _close(world: builders.DemoWorld, step: builders.Step, services: dict[str, Service]) -> None:
    reason, by, outcome, service_name, text = step.args
    casus = builders._casus_of(world, step.scenario)
    change = change_phase(
        casus,
        Phase.AFGESLOTEN,
        by=world.users[by],
        reason=reason,
        outcome=outcome,
        outcome_text=text,
        outcome_partner=services[service_name].organisation if service_name else None,
    )
    PhaseChange.objects.filter(pk=change.pk).update(changed_at=step.at)
    Casus.objects.filter(pk=casus.pk).update(closed_at=step.at)


def _answer(world: builders.DemoWorld, step: builders.Step) -> None:
    key, answer, worker_key, due = step.args
    worker = world.users[worker_key]
    casus = builders._casus_of(world, step.scenario)
    follow_up = FollowUp.objects.filter(referral__casus=casus, key=key, due_date=due, answer="").first()
    if follow_up is None:  # pragma: no cover - a plan without its referral
        return
    checked_on = timezone.localdate(step.at)
    network.answer_follow_up(follow_up, by=worker, answer=answer, checked_on=checked_on)
    FollowUp.objects.filter(pk=follow_up.pk).update(answered_at=step.at)
    casus.refresh_from_db()
    if answer == FollowUp.Answer.NEE and (casus.phase == Phase.AFGESLOTEN or casus.phase in network.REOPEN_PHASES):
        # Closed after the handover (or running again after a new melding): the decision leaves it as it is.
        closed = casus.phase == Phase.AFGESLOTEN
        network.decide_after_no(
            follow_up,
            by=worker,
            decision=FollowUp.Decision.CLOSE if closed else FollowUp.Decision.REOPEN,
            to_phase="" if closed else casus.phase,
            reason="Niet meer in zorg bij de partner; betrokkene wil nu geen hulp. Melder weet de weg terug."
            if closed
            else "Niet meer in zorg bij de partner; de casus loopt al weer na een nieuwe melding.",
        )
        FollowUp.objects.filter(pk=follow_up.pk).update(decided_at=step.at + timedelta(minutes=20))
        PhaseChange.objects.filter(casus=casus, changed_at__gt=step.at).update(changed_at=step.at)
        Casus.objects.filter(pk=casus.pk, closed_at__gt=step.at).update(closed_at=step.at)


def build(world: builders.DemoWorld, clock: builders.Clock) -> None:
    """Called once from builders.build_demo, after the named stories and the network."""
    rng = random.Random(SEED)
    first_notification = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    _workers(world)
    planner = Planner(clock, rng)
    first_month = add_months(clock.today.replace(day=1), -MONTHS_BACK)
    last_day = clock.today - timedelta(days=QUIET_DAYS)
    day = first_month
    while day <= last_day:
        # More in the dark months, fewer in the summer; the named stories add to the last four.
        per_day = 30 * (1.2 if day.month in (11, 12, 1, 2) else 0.8 if day.month in (7, 8) else 1.0) / 30.4
        if day.weekday() >= 5:
            per_day *= 0.5
        for _n in range(sum(rng.random() < per_day / 4 for _ in range(4))):
            planner.melding(planner.moment(day, 8, 17))
        day += timedelta(days=1)
    planner.steps.sort(key=lambda s: (s.at, s.order))

    services = {s.name: s for s in Service.objects.filter(name__in=HANDOVER_SERVICES).select_related("organisation")}
    handlers: dict[str, Callable[[builders.Step], None]] = {
        "in_zorg": lambda step: _in_care(world, step, services),
        "afsluiten": lambda step: _close(world, step, services),
        "pols": lambda step: _answer(world, step),
    }
    for step in planner.steps:
        scen = step.scenario
        if step.kind == "melding":
            world.identities[scen["key"]] = scen["identity"]
            melding = builders._register(world, scen, step.at)
            _year_references(melding, step.at)
        elif step.kind == "triage":
            decision = builders._triage(world, scen, step.at)
            if decision.casus_id:
                _casus_reference(decision.casus_id)
        elif step.kind in handlers:
            handlers[step.kind](step)
        else:
            builders._event(world, step)
    # The notifications of the background (the workers', and the partners' of the referrals) are long read.
    Notification.objects.filter(pk__gt=first_notification).update(read_at=clock.now)
