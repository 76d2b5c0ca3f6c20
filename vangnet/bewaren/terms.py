"""The bewaartermijnen: months per kind of record (settings.VANGNET_BEWAARTERMIJNEN, from
the environment), the floors below which a term is refused, and date arithmetic."""

from django.conf import settings
from django.utils.translation import gettext as _

from .models import Soort

# No term may be shorter than this (system check bewaren.E001): a typo must not empty the
# register. A closed casus and an onderzoek: two years covers a new melding about the same
# person ("draaideur") and a complaint; a melding half a year; the short-lived kinds a month.
FLOORS_MONTHS: dict[str, int] = {
    Soort.MELDING: 6,
    Soort.CASUS: 24,
    Soort.WVGGZ_ONDERZOEK: 24,
    Soort.IN_BEELD_VRAAG: 1,
    Soort.STATUSBERICHT: 1,
    Soort.PERSOON: 1,
}


def problems() -> list[str]:
    """What is wrong with the configured terms (empty: all fine)."""
    configured = settings.VANGNET_BEWAARTERMIJNEN
    found = []
    for kind, floor in FLOORS_MONTHS.items():
        value = str(configured.get(kind, "")).strip()
        env = f"VANGNET_BEWAARTERMIJN_{kind.upper()}"
        if not value.isdigit():
            found.append(f"{env} is {value!r}: expected a whole number of months.")
        elif int(value) < floor:
            found.append(f"{env} is {value} months, shorter than the floor of {floor} months.")
    return found


def months(kind: str) -> int:
    return int(str(settings.VANGNET_BEWAARTERMIJNEN[kind]).strip())


def register_lines() -> dict[str, str]:
    """The configured terms as lines of the register of processing (vangnet.verwerking)."""
    return {
        kind: _("%(kind)s: %(months)s maanden nadat het gegeven inactief werd")
        % {"kind": Soort(kind).label, "months": months(kind)}
        for kind in Soort.values
    }
