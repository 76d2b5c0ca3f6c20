from django.db import transaction
from django.utils import timezone

from vangnet.core.references import assign_reference

from .models import Channel, Melding


@transaction.atomic
def register_melding(melding: Melding, *, categories, by) -> Melding:
    """Store a new melding (from a validated form) and give it its reference."""
    melding.created_by = by
    if not melding.received_at:
        melding.received_at = timezone.now()
    melding.save()
    melding.categories.set(categories)
    assign_reference(melding, "M")
    return melding


def register_partner_melding(melding: Melding, *, categories, by) -> Melding:
    """A network partner reports through their own login: it goes to the
    meldpunt serving their organisation and the partner only follows its status."""
    melding.channel = Channel.POLITIE if by.organisation.kind == "politie" else Channel.PARTNER
    melding.melder_organisation = by.organisation
    if not melding.melder_name:
        melding.melder_name = by.get_full_name()
    return register_melding(melding, categories=categories, by=by)


def partner_status(melding: Melding) -> str:
    """The minimal status a partner may see: no medical or casus detail."""
    from django.utils.translation import gettext as _

    if melding.status == Melding.Status.TE_TRIEREN:
        return _("Ontvangen")
    casus = melding.casus
    if casus is not None and casus.phase == "afgesloten":
        return _("Afgerond")
    if casus is not None:
        return _("In behandeling")
    return _("Afgehandeld door het meldpunt")
