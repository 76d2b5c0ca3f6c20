"""Triage: is this person already known, and what do we do with the melding?"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.access.policies import can_triage, visible_casussen, visible_meldingen
from vangnet.accounts.models import User
from vangnet.audit.models import AccessLog
from vangnet.audit.services import log_access
from vangnet.cases.services import REGISSEUR_ROLES, start_or_reopen_casus
from vangnet.core.concurrency import ConcurrentEditError
from vangnet.intake.models import Melding
from vangnet.organisations.models import Team
from vangnet.persons.models import Person
from vangnet.persons.normalise import given_key, surname_key

from .models import Outcome, TriageDecision, YesNoUnknown

Action = AccessLog.Action

# Who can lead or join a bemoeizorg casus started at triage: the same rule as
# the casus team form (a consultant joins later, through the casus members page).
CASE_WORKER_ROLES = REGISSEUR_ROLES

# The Wvggz: the municipality finishes its verkennend onderzoek within 14 days of the melding.
WVGGZ_DAYS = 14


@dataclass
class KnownPerson:
    person: Person
    reasons: list[str]
    meldingen: list = field(default_factory=list)
    casussen: list = field(default_factory=list)


def normalise_postcode(value: str) -> str:
    return "".join((value or "").split()).upper()


def _postcode_variants(value: str) -> list[str]:
    """'1234AB' and '1234 AB': persons registered elsewhere may keep the space."""
    pc = normalise_postcode(value)
    if not pc:
        return []
    variants = [pc]
    if len(pc) == 6:
        variants.append(f"{pc[:4]} {pc[4:]}")
    return variants


def find_known_persons(melding: Melding, user, limit: int = 10) -> list[KnownPerson]:
    """Simple exact/normalised lookup (fuzzy matching comes later): same BSN, or
    same normalised surname with the same date of birth, or the same surname and
    first name at the same postcode. Only history the user may see is returned."""
    conds = Q()
    bsn = (melding.bsn or "").strip()
    if bsn:
        conds |= Q(bsn=bsn)
    skey = surname_key(melding.surname, melding.tussenvoegsel)
    if skey and melding.date_of_birth:
        conds |= Q(surname_key=skey, date_of_birth=melding.date_of_birth)
    gkey = given_key(melding.given_names)
    postcodes = _postcode_variants(melding.postcode)
    if skey and gkey and postcodes:
        conds |= Q(surname_key=skey, given_key=gkey, postcode__in=postcodes)
    if not conds:
        return []
    # The melding's own person (if already linked) is a candidate like any other.
    results = []
    for person in Person.objects.filter(conds).order_by("surname_key", "given_key", "pk")[: limit * 2]:
        reasons = []
        if bsn and person.bsn == bsn:
            reasons.append(_("zelfde BSN"))
        if skey and person.surname_key == skey:
            reasons.append(_("zelfde achternaam"))
        if gkey and person.given_key == gkey:
            reasons.append(_("zelfde voornaam"))
        if melding.date_of_birth and person.date_of_birth == melding.date_of_birth:
            reasons.append(_("zelfde geboortedatum"))
        if postcodes and normalise_postcode(person.postcode) == postcodes[0]:
            reasons.append(_("zelfde postcode"))
        earlier_meldingen = visible_meldingen(
            user, person.meldingen.exclude(pk=melding.pk).select_related("meldpunt", "triage")
        ).order_by("-received_at")
        casussen = visible_casussen(
            user, person.casussen.select_related("casusregisseur", "organisation", "team")
        ).order_by("-opened_at")
        results.append(
            KnownPerson(person=person, reasons=reasons, meldingen=list(earlier_meldingen), casussen=list(casussen))
        )
    # Strongest evidence first: a BSN match beats a name match.
    results.sort(key=lambda k: (not (bsn and k.person.bsn == bsn), -len(k.reasons)))
    return results[:limit]


def log_known_person_lookup(request, melding: Melding, candidates: list[KnownPerson], *, reason: str = "") -> None:
    """The lookup is a search (E); every candidate and history row shown is a read (R).

    Each read carries its own basis: the history rows are visible through the
    user's organisation; a candidate person with no visible history is shown
    only because the worker must confirm who the melding is about."""
    from vangnet.access import policies

    user = request.user
    log_access(
        request,
        Action.EXECUTE,
        melding=melding,
        object_type="persoon",
        detail=f"triage {melding.reference}: zoeken naar bekende persoon ({len(candidates)} kandidaten)",
        reason=reason,
    )
    for known in candidates:
        log_access(
            request,
            Action.READ,
            person=known.person,
            object_type="persoon",
            detail=f"triage {melding.reference}: mogelijke bekende persoon ({', '.join(known.reasons)})",
            reason=policies.person_access_basis(user, known.person, include_break_glass=False)
            or "triage: identiteit bevestigen",
        )
        for m in known.meldingen:
            basis = policies.melding_access_basis(user, m)
            log_access(
                request, Action.READ, melding=m, person=known.person, object_type="melding",
                detail=f"triage {melding.reference}: eerdere melding",
                reason=basis or reason,
                break_glass=basis == policies.BASIS_BREAK_GLASS,
            )
        for c in known.casussen:
            basis = policies.casus_access_basis(user, c)
            log_access(
                request, Action.READ, casus=c, object_type="casus",
                detail=f"triage {melding.reference}: eerdere casus",
                reason=basis or reason,
                break_glass=basis == policies.BASIS_BREAK_GLASS,
            )


def eligible_case_workers(organisation) -> QuerySet:
    """Colleagues who can be casusregisseur or duo: active case workers of the organisation."""
    if organisation is None:
        return User.objects.none()
    return User.objects.filter(organisation=organisation, is_active=True, role__in=CASE_WORKER_ROLES).order_by(
        "first_name", "last_name", "username"
    )


def eligible_teams(organisation) -> QuerySet:
    if organisation is None:
        return Team.objects.none()
    return Team.objects.filter(organisation=organisation).order_by("name")


def wvggz_deadline(melding: Melding) -> date:
    """Last day of the Wvggz verkennend onderzoek: melding date + 14 days."""
    return timezone.localdate(melding.received_at) + timedelta(days=WVGGZ_DAYS)


def acute_danger_warning_needed(acute_danger: str, outcome: str) -> bool:
    """Acute danger belongs with the crisis service or 112; warn, do not block."""
    return acute_danger == YesNoUnknown.JA and bool(outcome) and outcome != Outcome.CRISISDIENST


def person_from_melding(melding: Melding) -> Person:
    estimated_year = None
    if melding.estimated_age is not None and not melding.date_of_birth:
        estimated_year = timezone.localdate(melding.received_at).year - melding.estimated_age
    return Person.objects.create(
        given_names=melding.given_names,
        tussenvoegsel=melding.tussenvoegsel,
        surname=melding.surname,
        sex=melding.sex,
        date_of_birth=melding.date_of_birth,
        estimated_birth_year=estimated_year,
        bsn=melding.bsn,
        street=melding.street,
        house_number=melding.house_number,
        postcode=normalise_postcode(melding.postcode),
        city=melding.city,
        place_description=melding.place_description,
    )


def _validate(melding, *, by, outcome, acute_danger, already_in_care, known_to_partners, reason, referred_to,
              casusregisseur, duo, team) -> None:
    errors: dict[str, list[ValidationError]] = {}

    def add(key, message, code):
        errors.setdefault(key, []).append(ValidationError(message, code=code))

    if not can_triage(by, melding):
        add(NON_FIELD_ERRORS, _("U mag deze melding niet triëren."), "not_allowed")
    if outcome not in Outcome.values:
        add("outcome", _("Kies een geldig besluit."), "unknown_outcome")
    for key, value in (
        ("acute_danger", acute_danger),
        ("already_in_care", already_in_care),
        ("known_to_partners", known_to_partners),
    ):
        if value not in YesNoUnknown.values:
            add(key, _("Kies ja, nee of onbekend."), "invalid_answer")
    if outcome == Outcome.GEEN_ACTIE and not reason.strip():
        add("reason", _("Geef een reden waarom er geen actie volgt."), "reason_required")
    if outcome == Outcome.ADVIES and not reason.strip():
        add("reason", _("Beschrijf het advies aan de melder."), "advice_required")
    if outcome == Outcome.DOORVERWIJZEN and not referred_to.strip():
        add("referred_to", _("Vul in naar wie is doorverwezen."), "referral_required")
    if outcome == Outcome.BEMOEIZORG:
        workers = eligible_case_workers(by.organisation)
        if casusregisseur is None:
            add("casusregisseur", _("Kies een casusregisseur om bemoeizorg te starten."), "regisseur_required")
        elif not workers.filter(pk=casusregisseur.pk).exists():
            add("casusregisseur", _("Deze casusregisseur hoort niet bij uw organisatie of heeft geen passende rol."), "regisseur_invalid")
        if any(not workers.filter(pk=u.pk).exists() for u in duo):
            add("duo", _("Kies alleen collega's van uw eigen organisatie."), "duo_invalid")
        if team is not None and team.organisation_id != by.organisation_id:
            add("team", _("Kies een team van uw eigen organisatie."), "team_invalid")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def decide(
    melding: Melding,
    *,
    by,
    outcome: str,
    acute_danger: str,
    already_in_care: str,
    known_to_partners: str,
    reason: str = "",
    already_in_care_detail: str = "",
    known_to_partners_detail: str = "",
    referred_to: str = "",
    person: Person | None = None,
    casusregisseur=None,
    duo=(),
    team=None,
    expected_version: int | None = None,
    request=None,
) -> TriageDecision:
    """Record the triage decision. ``person`` is the confirmed existing person,
    or None to register the betrokkene as a new person. Starting bemoeizorg
    creates or reopens the person's casus.

    Raises ``ConcurrentEditError`` when the melding was triaged or changed since
    ``expected_version``; raises ``ValidationError`` (a dict keyed by form field)
    for missing or invalid answers. Every write is logged in the access log."""
    reason = (reason or "").strip()
    referred_to = (referred_to or "").strip()
    duo = list(duo or [])
    # Read the current state under a row lock so two workers cannot both decide.
    current = Melding.objects.select_for_update().filter(pk=melding.pk).values("version", "status").first()
    if current is None:
        raise ConcurrentEditError(ConcurrentEditError.message)
    if expected_version is None:
        expected_version = melding.version
    if current["version"] != expected_version:
        raise ConcurrentEditError(ConcurrentEditError.message)
    if current["status"] != Melding.Status.TE_TRIEREN or TriageDecision.objects.filter(melding_id=melding.pk).exists():
        raise ValidationError({NON_FIELD_ERRORS: [ValidationError(_("Deze melding is al getrieerd."), code="already_triaged")]})
    _validate(
        melding, by=by, outcome=outcome, acute_danger=acute_danger, already_in_care=already_in_care,
        known_to_partners=known_to_partners, reason=reason, referred_to=referred_to,
        casusregisseur=casusregisseur, duo=duo, team=team,
    )

    new_person = person is None
    if new_person:
        person = person_from_melding(melding)
        log_access(request, Action.CREATE, person=person, object_type="persoon",
                   detail=f"nieuwe persoon bij triage {melding.reference}", reason="triage", user=by)
    melding.person = person
    melding.status = Melding.Status.GETRIEERD
    melding.save_versioned(expected_version, ["person", "status"])

    casus = None
    if outcome == Outcome.BEMOEIZORG:
        casus, created = start_or_reopen_casus(
            person=person,
            organisation=by.organisation,
            team=team,
            casusregisseur=casusregisseur,
            duo=duo,
            by=by,
            melding=melding,
        )
        log_access(
            request,
            Action.CREATE if created else Action.UPDATE,
            casus=casus,
            object_type="casus",
            detail=(f"casus gestart na triage {melding.reference}" if created
                    else f"casus hervat na triage {melding.reference}"),
            reason="triage",
            user=by,
        )
    decision = TriageDecision.objects.create(
        melding=melding,
        acute_danger=acute_danger,
        already_in_care=already_in_care,
        already_in_care_detail=(already_in_care_detail or "").strip(),
        known_to_partners=known_to_partners,
        known_to_partners_detail=(known_to_partners_detail or "").strip(),
        outcome=outcome,
        reason=reason,
        referred_to=referred_to if outcome == Outcome.DOORVERWIJZEN else "",
        casus=casus,
        decided_by=by,
        decided_at=timezone.now(),
    )
    log_access(
        request,
        Action.UPDATE,
        melding=melding,
        person=person,
        object_type="melding",
        detail=f"triagebesluit: {decision.get_outcome_display()}"
        + ("" if new_person else f"; bevestigd als bekende persoon {person.pk}"),
        reason="triage",
        user=by,
    )
    return decision
