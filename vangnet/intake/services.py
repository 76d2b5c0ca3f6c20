"""Business rules of the melding intake."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Count, Q
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from vangnet.access import policies
from vangnet.audit.services import Action, AuditContext, ObjectType, audit
from vangnet.core import identity, plausible
from vangnet.core.concurrency import ConcurrentEditError
from vangnet.core.references import assign_reference
from vangnet.organisations.models import Gemeente, Organisation

from . import policies as intake_policies
from .models import (
    BETROKKENE_FIELDS,
    EARLIEST_RECEIVED,
    MAX_REASON,
    ONTVANGST_MELDER_FIELDS,
    Channel,
    ConcernCategory,
    MelderType,
    Melding,
    MeldingRevision,
    UrgencyIndicator,
    urgency_rank_for,
)


class NoMeldpuntError(ValidationError):
    """No meldpunt can be found for a partner organisation."""


# What kind of melder a partner organisation is, for the statistics by source.
MELDER_TYPE_BY_ORGANISATION_KIND = {
    Organisation.Kind.POLITIE: MelderType.POLITIE,
    Organisation.Kind.WONINGCORPORATIE: MelderType.WONINGCORPORATIE,
    Organisation.Kind.HUISARTS: MelderType.HUISARTS,
    Organisation.Kind.WIJKTEAM: MelderType.WIJKTEAM,
    Organisation.Kind.GGZ: MelderType.ZORGAANBIEDER,
    Organisation.Kind.VERSLAVINGSZORG: MelderType.ZORGAANBIEDER,
    Organisation.Kind.OPVANG: MelderType.ZORGAANBIEDER,
    Organisation.Kind.GGD: MelderType.ZORGAANBIEDER,
}


class AlreadySubmitted(Exception):
    """The same form was posted before: ``melding`` is the one it stored then."""

    def __init__(self, melding: Melding):
        super().__init__(melding.reference)
        self.melding = melding


def earlier_submission(submission_token: str, by) -> Melding | None:
    """The melding this user already stored from the form with this nonce, if any."""
    if not submission_token:
        return None
    return Melding.objects.filter(submission_token=submission_token, created_by=by).first()


def register_melding(
    melding: Melding, *, categories, by, submission_token: str = "", context: AuditContext | None = None
) -> Melding:
    """Store a new melding (from a validated form) and give it its reference.

    ``submission_token`` is the nonce of the form: a second post of the same form
    raises ``AlreadySubmitted`` with the first melding instead of storing another,
    also when both posts arrive at the same moment (the unique column decides).
    The access-log row of ``by`` is written in the same transaction."""
    return _store(
        melding,
        categories=categories,
        by=by,
        submission_token=submission_token,
        context=context,
        detail=_("Melding geregistreerd"),
        basis=policies.BASIS_MELDPUNT,
    )


@transaction.atomic
def _store(melding: Melding, *, categories, by, submission_token: str, context, detail: str, basis: str) -> Melding:
    if melding.pk is not None:
        raise ValueError("register_melding only stores new meldingen")
    if not melding.meldpunt_id:
        raise ValidationError(_("Er is geen meldpunt gekozen voor deze melding."), code="no_meldpunt")
    categories = list(categories)
    if not categories:
        raise ValidationError({"categories": ValidationError(_("Kies ten minste één zorg."), code="no_category")})
    earlier = earlier_submission(submission_token, by)
    if earlier is not None:
        raise AlreadySubmitted(earlier)
    melding.created_by = by
    if not melding.received_at:
        melding.received_at = timezone.now()
    check_melding_dates(melding.received_at, melding.date_of_birth)
    melding.status = Melding.Status.TE_TRIEREN
    melding.submission_token = submission_token or None
    try:
        with transaction.atomic():
            melding.save()
    except IntegrityError:
        melding.pk = None
        if not submission_token:
            raise
        earlier = earlier_submission(submission_token, by)
        if earlier is None:  # another user's form token: never a real double post
            raise ValidationError(
                _("Het formulier is ongeldig geworden. Laad de pagina opnieuw."), code="invalid_token"
            ) from None
        raise AlreadySubmitted(earlier) from None
    melding.categories.set(categories)
    assign_reference(melding, "M")
    audit(
        by, Action.CREATE, context=context, melding=melding, object_type=ObjectType.MELDING, detail=detail, reason=basis
    )
    return melding


def meldpunt_for_partner(organisation: Organisation) -> Organisation:
    """The meldpunt that receives meldingen from a partner organisation.

    A meldpunt whose werkgebied overlaps the partner's werkgebied (the one with
    the largest overlap if there are several); otherwise the only meldpunt in
    the installation. Raises ``NoMeldpuntError`` when neither exists."""
    gemeente_ids = list(organisation.gemeenten.values_list("pk", flat=True))
    if gemeente_ids:
        overlapping = (
            Organisation.objects.filter(runs_meldpunt=True)
            .annotate(overlap=Count("gemeenten", filter=Q(gemeenten__in=gemeente_ids), distinct=True))
            .filter(overlap__gt=0)
            .order_by("-overlap", "name", "pk")
        )
        match = overlapping.first()
        if match is not None:
            return match
    meldpunten = list(Organisation.objects.filter(runs_meldpunt=True)[:2])
    if len(meldpunten) == 1:
        return meldpunten[0]
    raise NoMeldpuntError(
        _(
            "Er is geen meldpunt gevonden dat meldingen van uw organisatie ontvangt. "
            "Neem contact op met de functioneel beheerder van Vangnet; uw melding is niet verstuurd."
        ),
        code="no_meldpunt",
    )


def shared_gemeente(meldpunt: Organisation, organisation: Organisation):
    """The gemeente of the melding when the partner and the meldpunt share exactly one."""
    shared = list(meldpunt.gemeenten.filter(pk__in=organisation.gemeenten.values("pk"))[:2])
    return shared[0] if len(shared) == 1 else None


def register_partner_melding(
    melding: Melding,
    *,
    categories,
    by,
    submission_token: str = "",
    context: AuditContext | None = None,
    log_detail: str = "",
) -> Melding:
    """A network partner reports through their own login: it goes to the
    meldpunt serving their organisation and the partner only follows its status.
    ``log_detail`` says through which door it came (web form by default)."""
    organisation = by.organisation
    melding.channel = Channel.POLITIE if organisation.kind == Organisation.Kind.POLITIE else Channel.PARTNER
    melding.melder_organisation = organisation
    melding.melder_anonymous = False
    melding.melder_wants_feedback = True  # a partner always follows the status
    if not melding.meldpunt_id:
        melding.meldpunt = meldpunt_for_partner(organisation)
    if not melding.gemeente_id:
        melding.gemeente = shared_gemeente(melding.meldpunt, organisation)
    if not melding.melder_type:
        melding.melder_type = MELDER_TYPE_BY_ORGANISATION_KIND.get(organisation.kind, MelderType.ANDERS)
    if not melding.melder_name:
        melding.melder_name = by.get_full_name() or by.username
    if not melding.melder_email:
        melding.melder_email = by.email
    if not melding.melder_phone:
        melding.melder_phone = by.phone
    return _store(
        melding,
        categories=categories,
        by=by,
        submission_token=submission_token,
        context=context,
        detail=log_detail or _("Melding ingediend door netwerkpartner"),
        basis=policies.BASIS_OWN_MELDING,
    )


def partner_status(melding: Melding) -> str:
    """The minimal status a partner may see: no medical or casus detail."""
    if melding.status == Melding.Status.TE_TRIEREN:
        return _("Ontvangen")
    casus = melding.casus
    if casus is not None and casus.phase == "afgesloten":
        return _("Afgerond")
    if casus is not None:
        return _("In behandeling")
    return _("Afgehandeld door het meldpunt")


def partner_status_explanation(melding: Melding) -> str:
    """One sentence that tells the partner what the status means, nothing more."""
    status = partner_status(melding)
    explanations = {
        _("Ontvangen"): _("Het meldpunt heeft uw melding ontvangen en beoordeelt deze zo snel mogelijk."),
        _("In behandeling"): _("Het meldpunt heeft uw melding beoordeeld; er wordt actie op ondernomen."),
        _("Afgerond"): _("De zorg naar aanleiding van uw melding is afgerond."),
        _("Afgehandeld door het meldpunt"): _(
            "Het meldpunt heeft uw melding beoordeeld en afgehandeld. Om privacyredenen delen wij geen inhoudelijke details."
        ),
    }
    return explanations.get(status, "")


# --- corrections (issue 12) ----------------------------------------------------------

# What a correction may change: what the registration form asked. Not the reference,
# the meldpunt, the status or the links (those follow from triage), nor the Wvggz
# flag (triage acted on it).
CORRECTABLE_FIELDS = (
    *ONTVANGST_MELDER_FIELDS,
    *BETROKKENE_FIELDS,
    "description",
    "urgency_indicators",
)
CATEGORIES = "categories"


def check_melding_dates(received_at: datetime | None, date_of_birth: date | None) -> None:
    """The plausible-date rules of a melding (core/plausible.py), keyed by field."""
    if received_at is not None:
        plausible.check_moment(
            received_at,
            field="received_at",
            not_before=EARLIEST_RECEIVED,
            not_before_label=_("het jaar 2000"),
        )
    if date_of_birth is not None:
        plausible.check_birth_date(date_of_birth, field="date_of_birth")


def _as_json(name: str, value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    return value


def _same(name: str, stored: Any, value: Any) -> bool:
    """Whether saving the form leaves this field as it was. What the form cannot show
    or writes in its own notation is no change: a moment stored to the second (partner,
    API; the form shows minutes), a phone number or postcode in another notation, the
    urgency signals in another order."""
    if name == "received_at" and stored is not None and value is not None:
        return stored.replace(second=0, microsecond=0) == value.replace(second=0, microsecond=0)
    if name == "melder_phone" and stored and value:
        return identity.phone_key(stored) == identity.phone_key(value)
    if name == "postcode" and stored and value:
        return identity.postcode_key(stored) == identity.postcode_key(value)
    if name == "urgency_indicators":
        return sorted(stored or []) == sorted(value or [])
    return stored == value


def _category_codes(melding: Melding) -> list[str]:
    return sorted(melding.categories.values_list("code", flat=True))


@transaction.atomic
def correct_melding(
    melding: Melding,
    *,
    values: dict[str, Any],
    categories: Any,
    reason: str,
    by: Any,
    expected_version: int,
    context: AuditContext | None = None,
) -> MeldingRevision:
    """Correct a registered melding: ``values`` (field -> new value, of
    CORRECTABLE_FIELDS) and the zorgen. Always with a ``reason``; the earlier values
    of the changed fields are kept in a MeldingRevision, nothing is deleted.

    Raises PermissionDenied for someone who may not correct it, ConcurrentEditError
    when the melding changed since ``expected_version`` (someone else corrected or
    triaged it), ValidationError keyed by field for a missing reason, an implausible
    date or a correction that changes nothing. Writes one access-log row of ``by``
    in this transaction. A person linked to the melding is not changed (the melding
    is what the melder said; the person is the register's record)."""
    if not intake_policies.can_correct_melding(by, melding):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": ValidationError(_("Geef de reden van de correctie."), code="reason_required")})
    if len(reason) > MAX_REASON:
        raise ValidationError(
            {
                "reason": ValidationError(
                    _("De reden is te lang: maximaal %(max)d tekens, u gebruikte er %(n)d.")
                    % {"max": MAX_REASON, "n": len(reason)},
                    code="reason_too_long",
                )
            }
        )
    unknown = set(values) - set(CORRECTABLE_FIELDS)
    if unknown:
        raise ValueError(f"not correctable: {sorted(unknown)}")
    # The stored melding under a row lock, not the caller's copy (a bound form changes it).
    current = Melding.objects.select_for_update().filter(pk=melding.pk).first()
    if current is None or current.version != expected_version:
        raise ConcurrentEditError(ConcurrentEditError.message)
    changed = [name for name, value in values.items() if not _same(name, getattr(current, name), value)]
    check_melding_dates(
        values["received_at"] if "received_at" in changed else None,
        values["date_of_birth"] if "date_of_birth" in changed else None,
    )
    earlier = {name: _as_json(name, getattr(current, name)) for name in changed}
    new_categories = list(categories) if categories is not None else None
    if new_categories is not None:
        if not new_categories:
            raise ValidationError({CATEGORIES: ValidationError(_("Kies ten minste één zorg."), code="no_category")})
        before = _category_codes(current)
        if sorted(c.code for c in new_categories) != before:
            earlier[CATEGORIES] = before
    if not earlier:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: ValidationError(
                    _("U heeft niets gewijzigd; er is geen correctie opgeslagen."), code="nothing_changed"
                )
            }
        )

    for name in changed:
        setattr(current, name, values[name])
    fields = list(changed)
    if "urgency_indicators" in changed:
        # save_versioned is an UPDATE, which skips Melding.save(): the lists' urgency follows here.
        current.urgency_rank = urgency_rank_for(current.urgency_indicators)
        fields.append("urgency_rank")
    current.save_versioned(expected_version, fields)
    if new_categories is not None and CATEGORIES in earlier:
        current.categories.set(new_categories)
    revision = MeldingRevision.objects.create(
        melding=current, corrected_by=by, reason=reason, earlier=earlier, version=current.version
    )
    basis = policies.melding_access_basis(by, current) or ""
    audit(
        by,
        Action.UPDATE,
        context=context,
        melding=current,
        object_type=ObjectType.MELDING,
        # The names of the fields, never their values: the log holds no content.
        detail=f"melding gecorrigeerd ({', '.join(sorted(earlier))})",
        reason=basis,
    )
    # save_versioned is an UPDATE, which fires no post_save; the search index (SearchToken:
    # names, street, place) is kept in step through that signal, so send it.
    post_save.send(sender=Melding, instance=current, created=False, update_fields=frozenset(fields), raw=False)
    for name in changed:
        setattr(melding, name, getattr(current, name))
    melding.version = current.version
    return revision


@dataclass
class EarlierValue:
    label: str
    value: str


@dataclass
class Correction:
    """One correction as the melding page shows it."""

    revision: MeldingRevision
    earlier: list[EarlierValue]

    @property
    def fields(self) -> set[str]:
        return set(self.revision.earlier)


def _shown(name: str, value: Any, gemeenten: dict[int, str], categories: dict[str, str]) -> str:
    if value in (None, "", []):
        return "—"
    if name == CATEGORIES:
        return ", ".join(categories.get(code, code) for code in value)
    if name == "gemeente":
        return gemeenten.get(value, str(value))
    if name == "urgency_indicators":
        labels = dict(UrgencyIndicator.choices)
        return ", ".join(str(labels.get(code, code)) for code in value)
    field = _model_field(name)
    if isinstance(value, bool):
        return _("Ja") if value else _("Nee")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.DateTimeField):
        moment = parse_datetime(value)
        return date_format(timezone.localtime(moment), "j F Y H:i") if moment else str(value)
    if isinstance(field, models.DateField):
        day = parse_date(value)
        return date_format(day, "j F Y") if day else str(value)
    return str(value)


def _model_field(name: str) -> models.Field:
    field = Melding._meta.get_field(name)
    if not isinstance(field, models.Field):  # a reverse relation: never a correctable field
        raise LookupError(name)
    return field


def _label(name: str) -> str:
    return capfirst(str(_model_field(name).verbose_name))


def corrections(melding: Melding) -> list[Correction]:
    """The corrections of a melding, newest first, with the earlier values readable.
    Shown to whoever may see the melding itself: they are part of the same record."""
    revisions = list(melding.revisions.select_related("corrected_by"))
    if not revisions:
        return []
    gemeente_ids = {r.earlier["gemeente"] for r in revisions if r.earlier.get("gemeente")}
    gemeenten = {g.pk: g.name for g in Gemeente.objects.filter(pk__in=gemeente_ids)}
    categories = dict(ConcernCategory.objects.values_list("code", "label"))
    order = {name: i for i, name in enumerate((*CORRECTABLE_FIELDS, CATEGORIES))}
    return [
        Correction(
            revision=r,
            earlier=[
                EarlierValue(_label(name), _shown(name, r.earlier[name], gemeenten, categories))
                for name in sorted(r.earlier, key=lambda n: order.get(n, len(order)))
                if name in order
            ],
        )
        for r in revisions
    ]


def person_not_changed(melding: Melding, revision: MeldingRevision) -> bool:
    """A correction of the betrokkene (name, birth date, address, ...) on a melding
    linked to a person: the person's record is not changed with it, silently or
    otherwise; the worker decides that on the person's page."""
    return melding.person_id is not None and bool(set(BETROKKENE_FIELDS) & set(revision.earlier))
