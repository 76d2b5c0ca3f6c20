"""Triage: is this person already known, and what do we do with the melding?"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.access.policies import visible_casussen, visible_meldingen
from vangnet.cases.services import start_or_reopen_casus
from vangnet.intake.models import Melding
from vangnet.persons.models import Person
from vangnet.persons.normalise import given_key, surname_key

from .models import Outcome, TriageDecision


@dataclass
class KnownPerson:
    person: Person
    reasons: list[str]
    meldingen: list = field(default_factory=list)
    casussen: list = field(default_factory=list)


def find_known_persons(melding: Melding, user, limit: int = 10) -> list[KnownPerson]:
    """Simple exact/normalised lookup (fuzzy matching comes later): same BSN, or
    same normalised surname with the same date of birth, or the same surname and
    first name at the same postcode. Only history the user may see is returned."""
    conds = Q()
    if melding.bsn:
        conds |= Q(bsn=melding.bsn)
    skey = surname_key(melding.surname, melding.tussenvoegsel)
    if skey and melding.date_of_birth:
        conds |= Q(surname_key=skey, date_of_birth=melding.date_of_birth)
    gkey = given_key(melding.given_names)
    if skey and gkey and melding.postcode:
        conds |= Q(surname_key=skey, given_key=gkey, postcode=melding.postcode.replace(" ", "").upper())
    if not conds:
        return []
    results = []
    for person in Person.objects.filter(conds)[:limit]:
        reasons = []
        if melding.bsn and person.bsn == melding.bsn:
            reasons.append(_("zelfde BSN"))
        if person.surname_key == skey:
            reasons.append(_("zelfde achternaam"))
        if melding.date_of_birth and person.date_of_birth == melding.date_of_birth:
            reasons.append(_("zelfde geboortedatum"))
        if melding.postcode and person.postcode == melding.postcode.replace(" ", "").upper():
            reasons.append(_("zelfde postcode"))
        results.append(
            KnownPerson(
                person=person,
                reasons=reasons,
                meldingen=list(visible_meldingen(user, person.meldingen.exclude(pk=melding.pk))),
                casussen=list(visible_casussen(user, person.casussen.all())),
            )
        )
    return results


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
        postcode=melding.postcode.replace(" ", "").upper(),
        city=melding.city,
        place_description=melding.place_description,
    )


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
) -> TriageDecision:
    """Record the triage decision. ``person`` is the confirmed existing person,
    or None to register the betrokkene as a new person. Starting bemoeizorg
    creates or reopens the person's casus."""
    if melding.status != Melding.Status.TE_TRIEREN:
        raise ValidationError(_("Deze melding is al getrieerd."), code="already_triaged")
    if outcome not in Outcome.values:
        raise ValidationError(_("Kies een geldig besluit."), code="unknown_outcome")
    if outcome == Outcome.GEEN_ACTIE and not reason.strip():
        raise ValidationError(_("Geef een reden waarom er geen actie volgt."), code="reason_required")
    if outcome == Outcome.DOORVERWIJZEN and not referred_to.strip():
        raise ValidationError(_("Vul in naar wie is doorverwezen."), code="referral_required")
    if outcome == Outcome.BEMOEIZORG and casusregisseur is None:
        raise ValidationError(_("Kies een casusregisseur om bemoeizorg te starten."), code="regisseur_required")

    if person is None:
        person = person_from_melding(melding)
    melding.person = person
    melding.status = Melding.Status.GETRIEERD
    melding.save_versioned(melding.version if expected_version is None else expected_version, ["person", "status"])

    casus = None
    if outcome == Outcome.BEMOEIZORG:
        casus, _created = start_or_reopen_casus(
            person=person,
            organisation=by.organisation,
            team=team,
            casusregisseur=casusregisseur,
            duo=list(duo),
            by=by,
            melding=melding,
        )
    return TriageDecision.objects.create(
        melding=melding,
        acute_danger=acute_danger,
        already_in_care=already_in_care,
        already_in_care_detail=already_in_care_detail,
        known_to_partners=known_to_partners,
        known_to_partners_detail=known_to_partners_detail,
        outcome=outcome,
        reason=reason,
        referred_to=referred_to,
        casus=casus,
        decided_by=by,
        decided_at=timezone.now(),
    )
