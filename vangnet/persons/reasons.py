"""Translatable labels for the matcher's reasons (the matcher speaks plain Dutch;
the screens show these so the English UI is English too). Unknown reasons pass through."""

from django.utils.translation import gettext_lazy as _

REASON_LABELS = {
    "BSN gelijk": _("BSN gelijk"),
    "BSN verschilt": _("BSN verschilt"),
    "achternaam bijna gelijk (tikfout?)": _("achternaam bijna gelijk (tikfout?)"),
    "achternaam gelijk": _("achternaam gelijk"),
    "achternaam klinkt gelijk": _("achternaam klinkt gelijk"),
    "achternaam lijkt op elkaar": _("achternaam lijkt op elkaar"),
    "achternaam verschilt": _("achternaam verschilt"),
    "achternaam verschilt (partnernaam?)": _("achternaam verschilt (partnernaam?)"),
    "andere voornaam bij dezelfde geboortedatum (tweeling?)": _(
        "andere voornaam bij dezelfde geboortedatum (tweeling?)"
    ),
    "geboortedatum deels gelijk": _("geboortedatum deels gelijk"),
    "geboortedatum gelijk": _("geboortedatum gelijk"),
    "geboortedatum gelijk met dag en maand omgedraaid": _("geboortedatum gelijk met dag en maand omgedraaid"),
    "geboortedatum verschilt": _("geboortedatum verschilt"),
    "geboortedatum wijkt één cijfer af": _("geboortedatum wijkt één cijfer af"),
    "geslacht gelijk": _("geslacht gelijk"),
    "geslacht verschilt": _("geslacht verschilt"),
    "leeftijd past": _("leeftijd past"),
    "leeftijd past niet": _("leeftijd past niet"),
    "leeftijd past ongeveer": _("leeftijd past ongeveer"),
    "leeftijd wijkt af": _("leeftijd wijkt af"),
    "leeftijd wijkt sterk af": _("leeftijd wijkt sterk af"),
    "leeftijd wijkt wat af": _("leeftijd wijkt wat af"),
    "plek gelijk": _("plek gelijk"),
    "roepnaam is een van de voornamen": _("roepnaam is een van de voornamen"),
    "roepnaam/bijnaam past bij voornaam": _("roepnaam/bijnaam past bij voornaam"),
    "voorletter past": _("voorletter past"),
    "voorletter verschilt": _("voorletter verschilt"),
    "voorletters passen": _("voorletters passen"),
    "voorletters verschillen": _("voorletters verschillen"),
    "voornaam bijna gelijk (tikfout?)": _("voornaam bijna gelijk (tikfout?)"),
    "voornaam gelijk": _("voornaam gelijk"),
    "voornaam verschilt": _("voornaam verschilt"),
    "voornaam verschilt (zelfde voorletter)": _("voornaam verschilt (zelfde voorletter)"),
    "zelfde adres": _("zelfde adres"),
    "zelfde huisnummer, toevoeging wijkt af": _("zelfde huisnummer, toevoeging wijkt af"),
    "zelfde postcode": _("zelfde postcode"),
    "zelfde straat": _("zelfde straat"),
    "zelfde telefoonnummer": _("zelfde telefoonnummer"),
    "zelfde woonplaats": _("zelfde woonplaats"),
}


def reason_label(reason: str) -> str:
    return str(REASON_LABELS.get(reason, reason))


def reason_labels(reasons) -> list[str]:
    return [reason_label(r) for r in reasons or ()]
