"""Business rules of the melding intake."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.access import policies
from vangnet.audit.services import Action, AuditContext, ObjectType, audit
from vangnet.core.references import assign_reference
from vangnet.organisations.models import Organisation

from .models import Channel, MelderType, Melding


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
