"""Business rules of the public melding form (issue 18 part 1).

A resident (neighbour, relative, anyone) reports a worry without an account. The
melding goes through the meldpunt's own intake (``intake.services.register_melding``)
with channel "webformulier", so it lands in the same queue under the same norms as
a melding taken by phone. Who stored it: the installation's *webformulier* account,
which stands for "an anonymous resident through the public form" (it cannot log in:
inactive, no password, no role, no organisation); the access-log row of the submit
names it, with the address the post came from and the form's path."""

import secrets
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vangnet.audit.services import AuditContext
from vangnet.intake import services as intake_services
from vangnet.intake.models import Channel, ConcernCategory, MelderType, Melding, UrgencyIndicator
from vangnet.organisations.models import Gemeente, Organisation

from .models import Ontvangstbewijs

# The account that stands for the anonymous resident (see the module docstring).
WEB_FORM_USERNAME = "publiek-webformulier"

# What worries the resident, in plain words (B1), each mapped to the meldpunt's own
# concern category (intake.categories.STANDARD_CATEGORY_CODES). A category that
# functioneel beheer switched off is not offered.
PUBLIC_CONCERNS: tuple[tuple[str, Any, str], ...] = (
    ("in-de-war", gettext_lazy("Iemand lijkt in de war of psychisch ziek"), "psychisch"),
    ("drank-drugs", gettext_lazy("Iemand drinkt veel of gebruikt drugs"), "verslaving"),
    ("zorgt-niet", gettext_lazy("Iemand zorgt niet goed voor zichzelf (eten, wassen, kleren)"), "verwaarlozing-zelf"),
    ("huis-vies", gettext_lazy("Het huis is heel vies of staat vol met spullen"), "vervuiling-hoarding"),
    ("overlast", gettext_lazy("Iemand zorgt voor overlast (lawaai, ruzie, stank)"), "overlast"),
    ("eenzaam", gettext_lazy("Iemand is erg alleen of komt nooit buiten"), "sociaal-isolement"),
    ("geld", gettext_lazy("Iemand heeft grote geldzorgen of schulden"), "schulden"),
    ("huis-uit", gettext_lazy("Iemand moet misschien het huis uit"), "huisuitzetting"),
    ("vergeten", gettext_lazy("Iemand vergeet veel en raakt de weg kwijt"), "dementie"),
    ("boos", gettext_lazy("Iemand is boos, dreigt of is agressief"), "agressie-gevaar"),
    ("geen-huis", gettext_lazy("Iemand heeft geen vaste plek om te wonen of slapen"), "dakloosheid"),
    ("ziek", gettext_lazy("Iemand lijkt lichamelijk ziek"), "lichamelijk"),
    ("anders", gettext_lazy("Iets anders"), "anders"),
)

# "Is er nu gevaar?": the answers, and the urgency signal each one sets on the melding
# (a danger signal puts the melding at the top of every worklist, issue 11).
DANGER_NONE = "nee"
DANGER_SELF = "zelf"
DANGER_OTHERS = "anderen"
DANGER_SIGNAL = {DANGER_SELF: UrgencyIndicator.GEVAAR_ZELF, DANGER_OTHERS: UrgencyIndicator.GEVAAR_ANDEREN}

# Who the resident is to the person, and the kind of melder that makes them.
RELATION_NEIGHBOUR = "buur"
RELATION_FAMILY = "familie"
RELATION_OTHER = "anders"
MELDER_TYPE_BY_RELATION = {
    RELATION_NEIGHBOUR: MelderType.BUURTBEWONER,
    RELATION_FAMILY: MelderType.NAASTE,
    RELATION_OTHER: MelderType.ANDERS,
}

# The status code: eight characters without look-alikes (no 0/O, 1/I/L), about 40 bits.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8

# What the resident may see of their melding: one of three words, nothing of its content.
STATUS_RECEIVED = "ontvangen"
STATUS_IN_PROGRESS = "in_behandeling"
STATUS_DONE = "afgehandeld"


def offered_concerns() -> list[tuple[str, Any]]:
    """The plain-language concerns whose meldpunt category is active, in the form's order."""
    active = set(ConcernCategory.objects.filter(active=True).values_list("code", flat=True))
    return [(code, label) for code, label, category in PUBLIC_CONCERNS if category in active]


def categories_for(concerns: list[str]) -> list[ConcernCategory]:
    """The meldpunt's concern categories for the resident's chosen concerns."""
    by_code = {code: category for code, _label, category in PUBLIC_CONCERNS}
    wanted = {by_code[c] for c in concerns if c in by_code}
    return list(ConcernCategory.objects.filter(active=True, code__in=wanted))


def served_gemeenten() -> QuerySet[Gemeente]:
    """The gemeenten a resident can choose: those in the werkgebied of a meldpunt."""
    return Gemeente.objects.filter(organisation__runs_meldpunt=True).distinct().order_by("name")


def meldpunt_for_gemeente(gemeente: Gemeente | None) -> Organisation:
    """The meldpunt that receives meldingen about this gemeente: the meldpunt whose
    werkgebied holds it (the first by name if several do); without a gemeente, or when
    no meldpunt serves it, the only meldpunt of the installation. Raises a
    ValidationError on the gemeente field when there is none."""
    meldpunten = Organisation.objects.filter(runs_meldpunt=True).order_by("name", "pk")
    if gemeente is not None:
        match = meldpunten.filter(gemeenten=gemeente).first()
        if match is not None:
            return match
    only = list(meldpunten[:2])
    if len(only) == 1:
        return only[0]
    raise ValidationError(
        {
            "gemeente": ValidationError(
                _("Voor deze gemeente kunnen wij nu geen melding ontvangen. Bel het meldpunt: 0800-1205."),
                code="no_meldpunt",
            )
        }
    )


def web_form_user() -> Any:
    """The account that stands for the anonymous resident: made on first use, inactive,
    without password, role or organisation, so nobody can log in with it."""
    User = get_user_model()
    user = User.objects.filter(username=WEB_FORM_USERNAME).first()
    if user is not None:
        return user
    user = User(username=WEB_FORM_USERNAME, first_name="Webformulier", is_active=False)
    user.set_unusable_password()
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:  # made at the same moment by another request
        return User.objects.get(username=WEB_FORM_USERNAME)
    return user


def new_status_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(code: str) -> str:
    """What the resident typed, as stored: capitals, no spaces or dashes."""
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def format_code(code: str) -> str:
    """The code as shown: two groups of four (easier to copy down)."""
    return f"{code[:4]}-{code[4:]}"


@dataclass
class PublicMelding:
    """What the resident told us, step by step (the forms' cleaned data)."""

    concerns: list[str]
    description: str
    danger: str = DANGER_NONE
    person_name: str = ""
    person_description: str = ""
    estimated_age: int | None = None
    gemeente: Gemeente | None = None
    postcode: str = ""
    house_number: str = ""
    street: str = ""
    place_description: str = ""
    anonymous: bool = True
    melder_name: str = ""
    relation: str = RELATION_OTHER
    relation_detail: str = ""
    wants_feedback: bool = False
    email: str = ""
    phone: str = ""


@dataclass
class Receipt:
    melding: Melding
    code: str  # the status code in plain text: shown once, never stored


def _split_name(name: str) -> tuple[str, str]:
    """A name as typed, into the melding's given names and surname: the first word is
    the given name, the rest the surname ("Jan de Vries" -> "Jan", "de Vries");
    one word is a surname. Triage links the melding to the register's person."""
    parts = name.split()
    if len(parts) < 2:
        return "", " ".join(parts)
    return parts[0], " ".join(parts[1:])


def _melding_from(data: PublicMelding, meldpunt: Organisation) -> Melding:
    given_names, surname = _split_name(data.person_name)
    description = data.description.strip()
    if data.person_description.strip():
        description += "\n\n" + _("Over de persoon: %(text)s") % {"text": data.person_description.strip()}
    relation_label = {
        RELATION_NEIGHBOUR: _("buurtbewoner"),
        RELATION_FAMILY: _("familie of naaste"),
        RELATION_OTHER: _("anders"),
    }[data.relation]
    relation = relation_label + (f": {data.relation_detail.strip()}" if data.relation_detail.strip() else "")
    signal = DANGER_SIGNAL.get(data.danger)
    return Melding(
        channel=Channel.WEB,
        meldpunt=meldpunt,
        gemeente=data.gemeente,
        melder_type=MELDER_TYPE_BY_RELATION[data.relation],
        melder_anonymous=data.anonymous,
        melder_name="" if data.anonymous else data.melder_name.strip(),
        melder_email=data.email.strip() if data.wants_feedback else "",
        melder_phone=data.phone.strip(),
        melder_relation=relation[:200],
        melder_wants_feedback=data.wants_feedback,
        given_names=given_names[:200],
        surname=surname[:200],
        estimated_age=data.estimated_age,
        postcode=data.postcode,
        house_number=data.house_number.strip(),
        street=data.street.strip(),
        city=data.gemeente.name[:100] if data.gemeente else "",
        place_description=data.place_description.strip(),
        description=description,
        urgency_indicators=[signal.value] if signal else [],
    )


@transaction.atomic
def submit_public_melding(
    data: PublicMelding, *, submission_token: str, context: AuditContext | None = None
) -> Receipt:
    """Store a resident's melding through the meldpunt's own intake, with its receipt.

    The actor is anonymous: the melding is registered by the webformulier account, whose
    access-log row (written by ``register_melding`` in this transaction) carries the
    address and path of the post. ``submission_token`` is the form's nonce: a second post
    of the same form raises ``intake.services.AlreadySubmitted`` and stores nothing."""
    meldpunt = meldpunt_for_gemeente(data.gemeente)
    categories = categories_for(data.concerns)
    if not categories:
        raise ValidationError({"concerns": ValidationError(_("Kies wat u zorgen baart."), code="no_category")})
    melding = _melding_from(data, meldpunt)
    melding = intake_services.register_melding(
        melding, categories=categories, by=web_form_user(), submission_token=submission_token, context=context
    )
    code = new_status_code()
    Ontvangstbewijs.objects.create(melding=melding, code_hash=make_password(code))
    return Receipt(melding=melding, code=code)


def public_status(reference: str, code: str) -> str | None:
    """The status word of the melding with this reference, when ``code`` is its status
    code; None when either is wrong (the caller does not learn which). Reads only the
    melding's status and whether its casus is closed: no personal data."""
    row = (
        Ontvangstbewijs.objects.filter(melding__reference=(reference or "").strip().upper())
        .values("code_hash", "melding__status", "melding__casus_id", "melding__casus__phase")
        .first()
    )
    if row is None:
        make_password(normalise_code(code))  # about the same work as a wrong code
        return None
    if not check_password(normalise_code(code), row["code_hash"]):
        return None
    if row["melding__status"] == Melding.Status.TE_TRIEREN:
        return STATUS_RECEIVED
    if row["melding__casus_id"] is not None and row["melding__casus__phase"] != "afgesloten":
        return STATUS_IN_PROGRESS
    return STATUS_DONE
