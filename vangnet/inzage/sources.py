"""What an inzage contains: one function per source of data, listed in ``SOURCES``.

A source is ``def source(scope: Scope, b: Builder) -> list[Record]``: the records of that
kind about ``scope.person`` that ``scope``'s organisation holds (``scope.casussen`` and
``scope.meldingen``: what the teamleider sees through her organisation, the visibility policies
of vangnet.access, never break-the-glass). Adding a source is one such function and one line
in ``sources()``.

Every free text goes through ``b.text(...)``: it becomes an item the teamleider reviews, and the
record holds ``{"vrije_tekst": key}`` in its place. Every string (free or not, except the
betrokkene's own identity fields) has the melders' identity replaced by ``MELDER_REDACTED``
(``Redactor``), and the melder fields of a melding are never read into the export at all."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.access.policies import BASIS_OWN_MELDING
from vangnet.accounts.roles import Role
from vangnet.audit.models import AccessLog
from vangnet.cases import services as case_services
from vangnet.cases.models import Casus
from vangnet.crisis.models import CrisisCard, CrisisEpisode
from vangnet.grondslagen import services as grondslagen_services
from vangnet.grondslagen.models import GrondslagWijziging, Toestemming
from vangnet.inbeeld.models import InBeeldQuestion
from vangnet.intake.models import Melding
from vangnet.leefgebieden.models import Assessment
from vangnet.middelen.models import Inzet, Wachtlijst
from vangnet.naasten import services as naasten_services
from vangnet.naasten.models import Naaste, NaasteContact
from vangnet.network.models import Referral
from vangnet.persons.models import Person
from vangnet.plannen.models import Goal
from vangnet.verzoeken.models import Verzoek
from vangnet.wvggz.models import Onderzoek

MELDER_REDACTED = "[melder afgeschermd]"

# The betrokkene's own identity (in his record and as a melder described him): never redacted.
IDENTITY_FIELDS = frozenset(
    {
        "given_names",
        "roepnaam",
        "tussenvoegsel",
        "prefix",
        "surname",
        "partner_prefix",
        "partner_surname",
        "bsn",
        "date_of_birth",
        "street",
        "house_number",
        "postcode",
        "city",
    }
)
# Name parts that identify nobody on their own.
_PARTICLES = frozenset({"de", "den", "der", "van", "von", "het", "ten", "ter", "te", "la", "le", "el", "al", "mevrouw"})
_MIN_TOKEN = 3

Record = dict[str, Any]

_MARK = re.escape(MELDER_REDACTED)
_ADJACENT = re.compile(_MARK + r"(?:\s+(?:(?:" + "|".join(sorted(_PARTICLES)) + r")\s+)*" + _MARK + ")+", re.IGNORECASE)


# --- redaction -------------------------------------------------------------------------


class Redactor:
    """Replaces the known identity of melders (names, each name part, phone numbers, e-mail
    addresses) in a text by ``MELDER_REDACTED``; longest first, whole words, any case."""

    def __init__(self, names: Iterable[str], phones: Iterable[str] = (), emails: Iterable[str] = ()) -> None:
        terms: set[str] = set()
        for name in names:
            name = " ".join(name.split())
            if not name:
                continue
            terms.add(name)
            terms.update(
                t for t in re.split(r"[\s,.;()]+", name) if len(t) >= _MIN_TOKEN and t.lower() not in _PARTICLES
            )
        terms.update(e.strip() for e in emails if e.strip())
        literal = sorted(terms, key=len, reverse=True)
        self._pattern = (
            re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in literal) + r")(?!\w)", re.IGNORECASE)
            if literal
            else None
        )
        # A phone number however it is written: its digits with anything but letters between them.
        digits = {re.sub(r"\D", "", p) for p in phones}
        self._phones = [
            re.compile(r"(?<!\d)" + r"[^\w]*".join(re.escape(d) for d in number) + r"(?!\d)")
            for number in sorted(digits, key=len, reverse=True)
            if len(number) >= 6
        ]

    def __call__(self, text: str) -> str:
        if not text:
            return text
        for phone in self._phones:
            text = phone.sub(MELDER_REDACTED, text)
        if self._pattern is not None:
            text = self._pattern.sub(MELDER_REDACTED, text)
        # "Wilhelmina van Oosterhout" written apart is one redaction, not three.
        return _ADJACENT.sub(MELDER_REDACTED, text)


def melder_redactor(person: Person) -> Redactor:
    """What identifies the melders about ``person``: of every melding about him (of any
    organisation: a melder stays protected), and the naasten marked as melder."""
    meldingen = Melding.objects.filter(person=person).values_list("melder_name", "melder_phone", "melder_email")
    names, phones, emails = [], [], []
    for name, phone, email in meldingen:
        names.append(name)
        phones.append(phone)
        emails.append(email)
    for naaste in Naaste.objects.filter(person=person, is_melder=True):
        names.append(naaste.name)
        phones.extend(re.findall(r"[\d][\d\s-]{5,}\d", naaste.reach))
        emails.extend(re.findall(r"[\w.+-]+@[\w-]+\.[\w.-]+", naaste.reach))
    return Redactor(names, phones, emails)


# --- building records ----------------------------------------------------------------------


@dataclass(frozen=True)
class FreeText:
    key: str
    section: str
    source: str
    text: str


@dataclass
class Scope:
    """Whose data, seen by whom: the casussen and meldingen of the person the organisation holds."""

    person: Person
    by: Any
    casussen: list[Casus]
    meldingen: list[Melding]


@dataclass
class Builder:
    redact: Callable[[str], str]
    items: list[FreeText] = field(default_factory=list)
    section: str = ""

    def text(self, source: str, value: Any) -> Any:
        """A free text: redacted, held back as an item for review; "" stays ""."""
        value = self.redact(str(value or "")).strip()
        if not value:
            return ""
        key = f"T{len(self.items) + 1}"
        self.items.append(FreeText(key, self.section, source[:200], value))
        return {"vrije_tekst": key}

    def plain(self, value: Any, *, redact: bool = True) -> Any:
        if value is None or isinstance(value, bool | int):
            return value
        if isinstance(value, datetime):
            return timezone.localtime(value).isoformat(timespec="minutes")
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, Decimal):
            return str(value)
        if isinstance(value, list | tuple):
            return [self.plain(v, redact=redact) for v in value]
        text = str(value)
        return self.redact(text) if redact else text


def veld(name: str, label: Any, value: Any) -> dict[str, Any]:
    return {"veld": name, "label": str(label), "waarde": value}


def _is_free(f: models.Field) -> bool:
    """Typed-in text: a text field, or a long character field without choices."""
    if isinstance(f, models.TextField):
        return True
    return isinstance(f, models.CharField) and not f.choices and (f.max_length or 0) >= 200


def fields(obj: models.Model, names: Iterable[str], b: Builder, source: str) -> list[dict[str, Any]]:
    """The named fields of ``obj`` as export fields: choices as their label, a related record
    as its name, free texts (``_is_free``) as review items."""
    out = []
    for name in names:
        f = obj._meta.get_field(name)
        label = getattr(f, "verbose_name", name)
        value = getattr(obj, name)
        if getattr(f, "choices", None) and value not in ("", None):
            value = str(getattr(obj, f"get_{name}_display")())
        elif isinstance(f, models.ForeignKey):
            value = str(value) if value is not None else None
        if isinstance(f, models.Field) and _is_free(f) and name not in IDENTITY_FIELDS:
            value = b.text(f"{source}: {label}", value)
        else:
            value = b.plain(value, redact=name not in IDENTITY_FIELDS)
        out.append(veld(name, label, value))
    return out


def record(title: str, velden: list[dict[str, Any]]) -> Record:
    return {"titel": title, "velden": velden}


# --- the sources -------------------------------------------------------------------------

PERSON_FIELDS = (
    "given_names",
    "roepnaam",
    "tussenvoegsel",
    "surname",
    "partner_prefix",
    "partner_surname",
    "sex",
    "date_of_birth",
    "dob_precision",
    "bsn",
    "street",
    "house_number",
    "postcode",
    "city",
    "place_description",
    "phone",
    "created_at",
)


def person_source(scope: Scope, b: Builder) -> list[Record]:
    person = scope.person
    records = [record(_("Persoonsgegevens"), fields(person, PERSON_FIELDS, b, _("Persoonsgegevens")))]
    for alias in person.aliases.all().order_by("created_at", "pk"):
        records.append(
            record(
                _("Andere naam"),
                fields(alias, ("kind", "given_names", "prefix", "surname", "note"), b, _("Andere naam")),
            )
        )
    for address in person.addresses.all().order_by("valid_from", "pk"):
        names = ("street", "house_number", "postcode", "city", "place_description", "valid_from", "valid_to", "source")
        records.append(record(_("Adres"), fields(address, names, b, _("Adres"))))
    return records


MELDING_FIELDS = (
    "received_at",
    "channel",
    "meldpunt",
    "status",
    "given_names",
    "tussenvoegsel",
    "surname",
    "sex",
    "date_of_birth",
    "bsn",
    "street",
    "house_number",
    "postcode",
    "city",
    "place_description",
    "description",
    "is_wvggz",
)
TRIAGE_FIELDS = (
    "decided_at",
    "acute_danger",
    "already_in_care",
    "already_in_care_detail",
    "known_to_partners",
    "known_to_partners_detail",
    "outcome",
    "reason",
    "referred_to",
    "crisis_service",
    "crisis_called_at",
)


def meldingen_source(scope: Scope, b: Builder) -> list[Record]:
    records = []
    for m in scope.meldingen:
        source = _("Melding %(ref)s") % {"ref": m.reference}
        velden = [veld("reference", _("kenmerk"), m.reference), veld("melder", _("melder"), MELDER_REDACTED)]
        velden += fields(m, MELDING_FIELDS, b, source)
        velden.append(veld("categories", _("zorgen"), [str(c) for c in m.categories.all()]))
        velden.append(veld("urgency_indicators", _("urgentie-signalen"), b.plain(list(m.urgency_indicators or []))))
        triage = getattr(m, "triage", None)
        if triage is not None:
            velden += [
                {**f, "veld": f"triage.{f['veld']}", "label": _("triage: %(label)s") % {"label": f["label"]}}
                for f in fields(triage, TRIAGE_FIELDS, b, source + " " + _("(triage)"))
            ]
        records.append(record(source, velden))
    return records


def casussen_source(scope: Scope, b: Builder) -> list[Record]:
    names = ("organisation", "team", "phase", "casusregisseur", "opened_at", "closed_at", "intensity")
    return [
        record(
            _("Casus %(ref)s") % {"ref": c.reference},
            [veld("reference", _("kenmerk"), c.reference)] + fields(c, names, b, c.reference),
        )
        for c in scope.casussen
    ]


# Timeline kinds that have a section of their own (with more of the record than the timeline shows).
OWN_SECTION_KINDS = frozenset({"melding", "crisis"})


def timeline_source(scope: Scope, b: Builder) -> list[Record]:
    """The casus timeline (cases.services.timeline with every registered source), oldest first;
    the meldingen and crisis episodes are sections of their own."""
    records = []
    for casus in scope.casussen:
        for entry in reversed(case_services.timeline(casus)):
            if entry.kind in OWN_SECTION_KINDS:
                continue
            source = f"{casus.reference}: {entry.kind_label}"
            velden = [
                veld("casus", _("casus"), casus.reference),
                veld("at", _("wanneer"), b.plain(entry.at)),
                veld("kind", _("soort"), str(entry.kind_label)),
                veld("title", _("wat"), b.plain(entry.title)),
                veld("text", _("tekst"), b.text(source, entry.text)),
                veld("by", _("door"), b.plain(entry.by)),
            ]
            records.append(record(source, velden))
    return records


def plan_source(scope: Scope, b: Builder) -> list[Record]:
    records = []
    for goal in Goal.objects.filter(casus__in=scope.casussen).select_related("casus").order_by("created_at", "pk"):
        source = _("%(ref)s: doel") % {"ref": goal.casus.reference}
        velden = [veld("casus", _("casus"), goal.casus.reference)] + fields(
            goal, ("text", "own_words", "status", "created_at"), b, source
        )
        records.append(record(source, velden))
        for action in goal.actions.select_related("owner_user", "owner_organisation").order_by("created_at", "pk"):
            source = _("%(ref)s: actie") % {"ref": goal.casus.reference}
            names = ("description", "owner_user", "owner_organisation", "due_date", "status", "created_at", "done_at")
            records.append(
                record(source, [veld("casus", _("casus"), goal.casus.reference)] + fields(action, names, b, source))
            )
    return records


def leefgebieden_source(scope: Scope, b: Builder) -> list[Record]:
    records = []
    for a in Assessment.objects.filter(casus__in=scope.casussen).select_related("casus").order_by("assessed_on", "pk"):
        source = _("%(ref)s: leefgebiedenbeeld") % {"ref": a.casus.reference}
        velden = [veld("casus", _("casus"), a.casus.reference)] + fields(a, ("assessed_on", "note"), b, source)
        for score in a.scores.all().order_by("pk"):
            label = score.get_domain_display()
            velden.append(veld(f"score.{score.domain}", label, score.score))
            velden.append(veld(f"tekst.{score.domain}", label, b.text(f"{source}: {label}", score.text)))
        records.append(record(source, velden))
    return records


def middelen_source(scope: Scope, b: Builder) -> list[Record]:
    records = []
    for i in Inzet.objects.filter(casus__in=scope.casussen).select_related("casus").order_by("spent_on", "pk"):
        source = _("%(ref)s: inzet van middelen") % {"ref": i.casus.reference}
        names = ("kind", "amount", "purpose", "spent_on")
        records.append(record(source, [veld("casus", _("casus"), i.casus.reference)] + fields(i, names, b, source)))
    for w in Wachtlijst.objects.filter(casus__in=scope.casussen).select_related("casus").order_by("listed_on", "pk"):
        source = _("%(ref)s: wachtlijst") % {"ref": w.casus.reference}
        listed = ("kind", "provider", "listed_on", "placed_on", "status")
        records.append(record(source, [veld("casus", _("casus"), w.casus.reference)] + fields(w, listed, b, source)))
    return records


def crisis_source(scope: Scope, b: Builder) -> list[Record]:
    records = []
    names = (
        "early_signs",
        "what_helps",
        "what_not",
        "who_to_call",
        "copy_holders",
        "agreed_with_person",
        "agreed_on",
        "updated_at",
    )
    if scope.casussen:
        card = CrisisCard.objects.filter(person=scope.person).first()
        if card is not None:
            records.append(record(_("Crisiskaart"), fields(card, names, b, _("Crisiskaart"))))
    episodes = CrisisEpisode.objects.filter(casus__in=scope.casussen).select_related("casus").order_by("at", "pk")
    for e in episodes:
        source = _("%(ref)s: crisis") % {"ref": e.casus.reference}
        episode = ("kind", "at", "what_happened", "feedback", "feedback_at")
        records.append(record(source, [veld("casus", _("casus"), e.casus.reference)] + fields(e, episode, b, source)))
    return records


REFERRAL_FIELDS = (
    "service",
    "status",
    "legal_ground",
    "legal_ground_text",
    "situation",
    "help_question",
    "risks",
    "proposed_at",
    "accepted_at",
    "intake_date",
    "refused_at",
    "refusal_reason",
    "refusal_text",
    "intake_on",
    "warm",
    "in_care_on",
    "withdrawn_at",
    "withdrawal_reason",
)


def referrals_source(scope: Scope, b: Builder) -> list[Record]:
    records = []
    referrals = Referral.objects.filter(casus__in=scope.casussen).select_related("casus", "service__organisation")
    for r in referrals.order_by("proposed_at", "pk"):
        source = _("%(ref)s: verwijzing") % {"ref": r.casus.reference}
        velden = [
            veld("casus", _("casus"), r.casus.reference),
            veld("organisation", _("organisatie"), str(r.service.organisation)),
            veld("shared_parts", _("gedeelde onderdelen"), [str(p) for p in r.get_shared_labels()]),
        ]
        records.append(record(source, velden + fields(r, REFERRAL_FIELDS, b, source)))
    return records


def wvggz_source(scope: Scope, b: Builder) -> list[Record]:
    """The onderzoeken on the meldingen in scope; the melder's part (how and what he was told)
    is left out: it is about the melder."""
    records = []
    onderzoeken = Onderzoek.objects.filter(melding__in=scope.meldingen).select_related("melding", "organisation")
    names = (
        "organisation",
        "started_at",
        "deadline",
        "status",
        "outcome",
        "alternative",
        "referred_to",
        "reason",
        "decided_at",
        "request_sent_at",
    )
    for o in onderzoeken.order_by("started_at", "pk"):
        source = _("Wvggz-onderzoek %(ref)s") % {"ref": o.reference}
        velden = [veld("reference", _("kenmerk"), o.reference), veld("melding", _("melding"), o.melding.reference)]
        velden += fields(o, names, b, source)
        for answer in o.answers.select_related("question").order_by("question__order", "pk"):
            shown = _answer(b, f"{source}: {answer.question.text}", answer.value)
            velden.append(veld(f"antwoord.{answer.question_id}", answer.question.text, shown))
        records.append(record(source, velden))
    return records


def _answer(b: Builder, source: str, value: Any) -> Any:
    """A questionnaire answer: typed text (also the text parts of a composite answer) is a
    free text; a choice or a list of choices is plain."""
    if isinstance(value, str):
        return b.text(source, value)
    if isinstance(value, dict):
        parts = [f"{k}: {', '.join(map(str, v)) if isinstance(v, list) else v}" for k, v in value.items() if v]
        return b.text(source, "\n".join(parts))
    return b.plain(value)


def inbeeld_source(scope: Scope, b: Builder) -> list[Record]:
    """Who asked whether he is "in beeld" (the organisation, not the worker), and the answer."""
    records = []
    for q in InBeeldQuestion.objects.filter(person=scope.person).order_by("asked_at", "pk"):
        source = _("In-beeldvraag")
        velden = [
            veld("asked_at", _("gevraagd op"), b.plain(q.asked_at)),
            veld("organisation", _("organisatie"), b.plain(q.organisation_name)),
        ]
        velden += fields(q, ("purpose", "purpose_text", "method", "answer_yes"), b, source)
        records.append(record(source, velden))
    return records


def naasten_source(scope: Scope, b: Builder) -> list[Record]:
    """The naasten he may see (never a naaste who reported: naasten_for_inzage), and the
    contacts with them on the casussen in scope."""
    records = []
    shown = naasten_services.naasten_for_inzage(scope.person)
    for n in shown:
        names = ("name", "relation", "reach", "consent", "consent_on")
        records.append(record(_("Naaste"), fields(n, names, b, _("Naaste"))))
    contacts = NaasteContact.objects.filter(naaste__in=shown, casus__in=scope.casussen).select_related(
        "naaste", "casus"
    )
    for c in contacts.order_by("at", "pk"):
        source = _("%(ref)s: contact met naaste") % {"ref": c.casus.reference}
        velden = [veld("casus", _("casus"), c.casus.reference), veld("naaste", _("naaste"), b.plain(c.naaste.name))]
        records.append(record(source, velden + fields(c, ("at", "way", "note"), b, source)))
    return records


def grondslag_source(scope: Scope, b: Builder) -> list[Record]:
    """Under which task and legal ground each casus runs, and every change with its reason."""
    records = []
    for casus in scope.casussen:
        source = _("%(ref)s: taak en grondslag") % {"ref": casus.reference}
        basis = grondslagen_services.current_basis(casus)
        records.append(
            record(source, [veld("casus", _("casus"), casus.reference)] + fields(basis, ("task", "ground"), b, source))
        )
    changes = GrondslagWijziging.objects.filter(casus__in=scope.casussen).select_related("casus")
    for change in changes.order_by("changed_at", "pk"):
        source = _("%(ref)s: taak of grondslag gewijzigd") % {"ref": change.casus.reference}
        names = ("old_task", "old_ground", "task", "ground", "reason", "changed_at")
        records.append(
            record(source, [veld("casus", _("casus"), change.casus.reference)] + fields(change, names, b, source))
        )
    return records


def toestemming_source(scope: Scope, b: Builder) -> list[Record]:
    """What he consented to or objected to (his own wishes, whoever recorded them)."""
    source = _("Toestemming of bezwaar")
    names = (
        "soort",
        "organisation",
        "organisation_kind",
        "task",
        "purpose",
        "how",
        "given_on",
        "ends_on",
        "withdrawn_on",
        "withdrawal_reason",
    )
    rows = Toestemming.objects.filter(person=scope.person).select_related("organisation").order_by("given_on", "pk")
    return [record(source, fields(t, names, b, source)) for t in rows]


def verzoeken_source(scope: Scope, b: Builder) -> list[Record]:
    """His requests (inzage, correctie, beperking, bezwaar) to this organisation and their answers."""
    names = (
        "kind",
        "received_on",
        "channel",
        "request_text",
        "due_on",
        "extended_until",
        "extension_reason",
        "status",
        "decided_on",
        "answer",
        "correction_done",
        "restriction_lifted_on",
        "restriction_lifted_reason",
    )
    rows = Verzoek.objects.filter(person=scope.person, organisation=scope.by.organisation).order_by("received_on", "pk")
    return [
        record(
            _("Verzoek %(ref)s") % {"ref": v.reference},
            fields(v, names, b, _("Verzoek %(ref)s") % {"ref": v.reference}),
        )
        for v in rows
    ]


def access_log_source(scope: Scope, b: Builder) -> list[Record]:
    """Who saw or changed his data: when, which role of which organisation, what and why.

    Workers are named by a number per export ("medewerker 3"), not by name: the betrokkene sees
    every access, repeated access by the same worker, her role and organisation (NEN 7513), while
    the identity of employees acting for the organisation is not a "recipient" under art. 15 AVG
    (CJEU C-579/21); the organisation can name a worker on a reasoned request (the log keeps her).
    A partner reading the status of her own melding is a melder: her organisation is shielded."""
    numbers: dict[str, int] = {}
    roles = dict(Role.choices)
    records = []
    rows = AccessLog.objects.filter(person_id=str(scope.person.pk)).order_by("timestamp", "id")
    for row in rows.iterator():
        number = numbers.setdefault(row.user_id, len(numbers) + 1)
        reason = b.text(_("Toegangslog: reden noodtoegang"), row.reason) if row.break_glass else b.plain(row.reason)
        velden = [
            veld("timestamp", _("tijdstip"), b.plain(row.timestamp)),
            veld("worker", _("medewerker"), _("medewerker %(n)s") % {"n": number}),
            veld("role", _("rol"), str(roles.get(row.role, row.role))),
            veld(
                "organisation",
                _("organisatie"),
                MELDER_REDACTED if row.reason == BASIS_OWN_MELDING else b.plain(row.organisation),
            ),
            veld("action", _("actie"), row.get_action_display()),
            veld("object_type", _("soort gegeven"), row.object_type),
            veld("reason", _("reden / grondslag"), reason),
            veld("break_glass", _("noodtoegang"), row.break_glass),
        ]
        records.append(record(_("Toegang"), velden))
    return records


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    records: Callable[[Scope, Builder], list[Record]]


def sources() -> list[Source]:
    """The sections of the export, in this order (the JSON's ``secties`` keys)."""
    return [
        Source("persoon", _("Persoonsgegevens"), person_source),
        Source("meldingen", _("Meldingen"), meldingen_source),
        Source("casussen", _("Casussen"), casussen_source),
        Source("tijdlijn", _("Tijdlijn van de casussen"), timeline_source),
        Source("plan", _("Plan van aanpak"), plan_source),
        Source("leefgebieden", _("Leefgebieden"), leefgebieden_source),
        Source("middelen", _("Middelen en wachtlijsten"), middelen_source),
        Source("crisis", _("Crisiskaart en crisismomenten"), crisis_source),
        Source("verwijzingen", _("Verwijzingen"), referrals_source),
        Source("wvggz", _("Wvggz-onderzoeken"), wvggz_source),
        Source("inbeeld", _("Vragen of u in beeld bent"), inbeeld_source),
        Source("naasten", _("Naasten"), naasten_source),
        Source("grondslag", _("Taak en grondslag van de casussen"), grondslag_source),
        Source("toestemming", _("Toestemming en bezwaar"), toestemming_source),
        Source("verzoeken", _("Uw verzoeken"), verzoeken_source),
        Source("toegangslog", _("Wie uw gegevens heeft ingezien"), access_log_source),
    ]


def build(scope: Scope) -> tuple[list[dict[str, Any]], list[FreeText]]:
    """The sections of the export and its free texts (to review)."""
    b = Builder(melder_redactor(scope.person))
    sections = []
    for source in sources():
        b.section = str(source.title)
        sections.append({"sleutel": source.key, "titel": str(source.title), "records": source.records(scope, b)})
    return sections, b.items
