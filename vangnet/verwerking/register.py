"""The register of processing activities (verwerkingsregister, AVG art. 30), generated from
this installation's configuration rather than kept by hand:

- an activity is listed only when the app that performs it is installed (``app``);
- the controllers are the organisations that run a meldpunt or do bemoeizorg;
- the recipients are the kinds of partner organisation this installation has, with their names;
- the retention terms are the configured ones (``retention`` below);
- the security measures are read from the settings that enforce them.

So the register changes when the configuration changes, and says what the software does,
not what someone once wrote down. Texts are Dutch msgids (translated on output)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

Text = str | Promise

# Categories of data subjects, used by several activities.
BETROKKENE = gettext_lazy("betrokkene (persoon over wie gemeld is)")
MELDER = gettext_lazy("melder (buurtbewoner, naaste, professional)")
NAASTE = gettext_lazy("naasten van de betrokkene")
MEDEWERKER = gettext_lazy("medewerkers en netwerkpartners (gebruikers)")

HEALTH = gettext_lazy("gezondheid, waaronder psychische gezondheid en verslaving (bijzonder persoonsgegeven)")
CRIMINAL = gettext_lazy("politiegegevens en overlast (strafrechtelijk persoonsgegeven)")
IDENTITY = gettext_lazy("naam, geboortedatum, adres, BSN")
SITUATION = gettext_lazy("woon- en leefsituatie, leefgebieden, zorgen van de melder")

AVG_TASK = gettext_lazy("AVG art. 6 lid 1 sub e: taak van algemeen belang")
HEALTH_GROUND = gettext_lazy(
    "AVG art. 9 lid 2 sub h en UAVG art. 30 lid 3: gezondheidsgegevens, verwerkt door hulpverleners met geheimhoudingsplicht"
)
WMO = gettext_lazy(
    "Wmo 2015 art. 1.1.1 en 2.1.1: maatschappelijke ondersteuning, opvang en bescherming (bemoeizorg, OGGZ)"
)
WVGGZ = gettext_lazy("Wvggz hoofdstuk 5: melding bij het college en verkennend onderzoek binnen 14 dagen")
CONSENT = gettext_lazy("AVG art. 6 lid 1 sub a en art. 9 lid 2 sub a: uitdrukkelijke toestemming van de betrokkene")
VITAL = gettext_lazy("AVG art. 6 lid 1 sub d: vitaal belang (acuut gevaar), alleen in uitzonderingen")
LEGITIMATE_LOG = gettext_lazy("AVG art. 32 en NEN 7513: beveiliging, vastleggen wie persoonsgegevens inzag of wijzigde")
STATISTICS = gettext_lazy("AVG art. 89 en UAVG art. 24: statistiek voor beleid, alleen geaggregeerd")


@dataclass(frozen=True)
class ActivityDefinition:
    key: str
    app: str  # the app that performs it: listed only when installed
    name: Text
    purpose: Text
    grounds: tuple[Text, ...]
    subjects: tuple[Text, ...]
    categories: tuple[Text, ...]
    retention: tuple[str, ...]  # keys of ``retention_terms()``
    # Which organisation kinds receive data: None = none outside the controller.
    recipient_kinds: tuple[str, ...] | None = None
    recipients_note: Text = ""
    # The casus tasks this activity runs under: their grounds come from the catalogue
    # (vangnet.grondslagen.catalogue), the one the sharing forms offer.
    tasks: tuple[str, ...] = ()


@dataclass
class Activity:
    key: str
    name: str
    purpose: str
    grounds: list[str]
    subjects: list[str]
    categories: list[str]
    recipients: list[str]
    retention: list[str]
    controllers: list[str] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)
    transfer: str = ""


PARTNER_KINDS = ("ggz", "politie", "woningcorporatie", "huisarts", "wijkteam", "verslavingszorg", "opvang", "anders")

DEFINITIONS: tuple[ActivityDefinition, ...] = (
    ActivityDefinition(
        "melding",
        "vangnet.intake",
        gettext_lazy("Meldingen zorgwekkend gedrag aannemen en triëren"),
        gettext_lazy(
            "Zorgen over iemand die zelf geen hulp vraagt aannemen, beoordelen of er actie nodig is "
            "(triage) en beslissen wie die onderneemt."
        ),
        (AVG_TASK, WMO, HEALTH_GROUND),
        (BETROKKENE, MELDER),
        (IDENTITY, SITUATION, HEALTH, CRIMINAL),
        ("melding", "persoon"),
        ("politie", "woningcorporatie", "huisarts", "wijkteam"),
        gettext_lazy("melders uit deze organisaties krijgen alleen de status van hun eigen melding"),
    ),
    ActivityDefinition(
        "bemoeizorg",
        "vangnet.cases",
        gettext_lazy("Bemoeizorg: contact leggen, toeleiden naar zorg, warme overdracht en nazorg"),
        gettext_lazy(
            "Outreachend contact leggen met de betrokkene, hem naar passende zorg leiden, hem warm overdragen "
            "aan een partner en daarna de vinger aan de pols houden."
        ),
        (AVG_TASK, WMO, HEALTH_GROUND, CONSENT),
        (BETROKKENE, NAASTE),
        (IDENTITY, SITUATION, HEALTH, CRIMINAL),
        ("casus", "persoon"),
        PARTNER_KINDS,
        gettext_lazy("alleen bij een verwijzing of overdracht, met grondslag per deling"),
        ("toeleiding", "hulpverlening"),
    ),
    ActivityDefinition(
        "regie",
        "vangnet.procesregie",
        gettext_lazy("Regie en coördinatie: procesregie en casusoverleg"),
        gettext_lazy("Afspraken tussen netwerkpartners vastleggen en bewaken wie aan zet is bij vastgelopen casussen."),
        (AVG_TASK, WMO, CONSENT),
        (BETROKKENE,),
        (IDENTITY, SITUATION),
        ("casus",),
        PARTNER_KINDS,
        gettext_lazy("alleen de partners aan tafel, met grondslag per gedeeld agendapunt"),
        ("regie",),
    ),
    ActivityDefinition(
        "wvggz",
        "vangnet.wvggz",
        gettext_lazy("Wvggz verkennend onderzoek"),
        gettext_lazy(
            "Binnen 14 dagen onderzoeken of verplichte ggz nodig kan zijn en zo nodig een aanvraag voor een "
            "zorgmachtiging aan de officier van justitie doen."
        ),
        (AVG_TASK, WVGGZ, HEALTH_GROUND),
        (BETROKKENE, MELDER, NAASTE),
        (IDENTITY, SITUATION, HEALTH, CRIMINAL),
        ("wvggz_onderzoek",),
        ("ggz", "politie"),
        gettext_lazy("de officier van justitie bij een aanvraag; de melder hoort alleen de uitkomst"),
        ("wvggz",),
    ),
    ActivityDefinition(
        "in_beeld",
        "vangnet.inbeeld",
        gettext_lazy("Vragen van partners of iemand in beeld is"),
        gettext_lazy("Een partner laten weten of iemand al in beeld is, zonder inhoudelijke of medische informatie."),
        (AVG_TASK, WMO),
        (BETROKKENE,),
        (IDENTITY,),
        ("in_beeld_vraag",),
        ("politie", "woningcorporatie", "wijkteam"),
        gettext_lazy("alleen ja of nee en een contactpersoon, nooit bij bezwaar van de betrokkene"),
    ),
    ActivityDefinition(
        "terugkoppeling",
        "vangnet.network",
        gettext_lazy("Terugkoppeling aan melders"),
        gettext_lazy("De melder laten weten dat zijn melding in behandeling is, zonder inhoudelijke details."),
        (AVG_TASK,),
        (MELDER,),
        (gettext_lazy("naam en contactgegevens van de melder, kenmerk van de melding"),),
        ("statusbericht",),
        None,
    ),
    ActivityDefinition(
        "monitor",
        "vangnet.monitor",
        gettext_lazy("Monitor en cijfers voor de gemeente"),
        gettext_lazy("Het meldpunt en de bemoeizorg verantwoorden en sturen met geaggregeerde cijfers."),
        (STATISTICS,),
        (BETROKKENE,),
        (gettext_lazy("aantallen, doorlooptijden en uitkomsten; kleine aantallen afgeschermd (<5)"),),
        (),
        ("gemeente",),
        gettext_lazy("alleen cijfers, nooit een dossier"),
    ),
    ActivityDefinition(
        "toegangslog",
        "vangnet.audit",
        gettext_lazy("Toegangslog"),
        gettext_lazy("Vastleggen wie welke persoonsgegevens inzag, wijzigde of geweigerd werd, en waarom."),
        (LEGITIMATE_LOG,),
        (MEDEWERKER, BETROKKENE),
        (gettext_lazy("gebruiker, rol, organisatie, tijdstip, handeling, reden, IP-adres, kenmerk van het dossier"),),
        ("toegangslog",),
        None,
        gettext_lazy("de betrokkene ziet bij inzage wie zijn gegevens inzag"),
    ),
)

# The configured retention terms: key -> text. The access log's (vangnet.audit) and the records'
# (vangnet.bewaren, when installed) are built in; another app may register more. A key without
# a term is shown as not configured.
_retention_sources: list[Callable[[], dict[str, str]]] = []


def register_retention_source(source: Callable[[], dict[str, str]]) -> None:
    if source not in _retention_sources:
        _retention_sources.append(source)


def _access_log_term() -> dict[str, str]:
    from vangnet.audit.services import access_log_term_years

    return {
        "toegangslog": _(
            "Toegangslog: %(years)s jaar (NEN 7513: minimaal 5), daarna opgeschoond met een controlepunt "
            "in de hashketen"
        )
        % {"years": access_log_term_years()}
    }


def _record_terms() -> dict[str, str]:
    if not apps.is_installed("vangnet.bewaren"):
        return {}
    from vangnet.bewaren.terms import register_lines

    return register_lines()


def retention_terms() -> dict[str, str]:
    terms: dict[str, str] = {**_access_log_term(), **_record_terms()}
    for source in _retention_sources:
        terms.update(source())
    return terms


def _organisations_by_kind() -> dict[str, list[str]]:
    from vangnet.organisations.models import Organisation

    names: dict[str, list[str]] = {}
    for kind, name in Organisation.objects.order_by("name").values_list("kind", "name"):
        names.setdefault(kind, []).append(name)
    return names


def _kind_label(kind: str) -> str:
    from vangnet.organisations.models import Organisation

    return str(Organisation.Kind(kind).label) if kind in Organisation.Kind.values else kind


def _controllers() -> list[str]:
    from vangnet.organisations.models import Organisation

    rows = Organisation.objects.filter(runs_meldpunt=True) | Organisation.objects.filter(does_bemoeizorg=True)
    return list(rows.order_by("name").values_list("name", flat=True).distinct())


def security_measures() -> list[str]:
    """What the running configuration enforces, read from the settings that enforce it."""
    idle = int(getattr(settings, "SESSION_COOKIE_AGE", 0)) // 60
    hasher = (getattr(settings, "PASSWORD_HASHERS", None) or [""])[0].rsplit(".", 1)[-1]
    measures = [
        _("Inloggen met wachtwoord en een tweede factor (TOTP) voor elke rol"),
        _("Account geblokkeerd na %(n)s mislukte pogingen") % {"n": getattr(settings, "AXES_FAILURE_LIMIT", "?")},
        _("Sessie verloopt na %(n)s minuten zonder gebruik") % {"n": idle},
        _("Wachtwoorden opgeslagen met %(hasher)s") % {"hasher": hasher.replace("PasswordHasher", "")},
        _("Toegang op need-to-know; noodtoegang alleen met reden en achteraf beoordeeld"),
        _("Elke inzage, wijziging en weigering in een toegangslog met hashketen (niet te wijzigen of te verwijderen)"),
        _("Strikte Content Security Policy; geen scripts of stijlen van buiten"),
    ]
    if getattr(settings, "SESSION_COOKIE_SECURE", False):
        measures.append(_("Alleen via HTTPS (beveiligde cookies)"))
    return measures


def _recipients(definition: ActivityDefinition, organisations: dict[str, list[str]]) -> list[str]:
    if definition.recipient_kinds is None:
        return [_("Geen ontvangers buiten de verwerkingsverantwoordelijke")]
    lines = []
    for kind in definition.recipient_kinds:
        if organisations.get(kind):
            lines.append(f"{_kind_label(kind)}: {', '.join(organisations[kind])}")
    if not lines:
        lines.append(_("Nog geen partnerorganisaties ingericht"))
    if definition.recipients_note:
        lines.append(str(definition.recipients_note))
    return lines


def _task_grounds(definition: ActivityDefinition) -> list[str]:
    if not definition.tasks or not apps.is_installed("vangnet.grondslagen"):
        return []
    from vangnet.grondslagen import catalogue

    lines = []
    for task in definition.tasks:
        spec = catalogue.spec(task)
        for fit in spec.grounds:
            lines.append(f"{spec.label}: {fit.ground.label} ({fit.article})")
    return lines


def _retention(definition: ActivityDefinition, terms: dict[str, str]) -> list[str]:
    if not definition.retention:
        return [_("Geen persoonsgegevens bewaard: de cijfers worden bij het opvragen berekend")]
    return [
        terms.get(key) or _("Bewaartermijn niet ingesteld (%(key)s)") % {"key": key} for key in definition.retention
    ]


def processing_register() -> list[Activity]:
    organisations = _organisations_by_kind()
    terms = retention_terms()
    controllers = _controllers()
    measures = security_measures()
    register = []
    for definition in DEFINITIONS:
        if not apps.is_installed(definition.app):
            continue
        register.append(
            Activity(
                key=definition.key,
                name=str(definition.name),
                purpose=str(definition.purpose),
                grounds=[str(g) for g in definition.grounds] + _task_grounds(definition),
                subjects=[str(s) for s in definition.subjects],
                categories=[str(c) for c in definition.categories],
                recipients=_recipients(definition, organisations),
                retention=_retention(definition, terms),
                controllers=controllers,
                measures=measures,
                transfer=_("Geen doorgifte buiten de Europese Economische Ruimte"),
            )
        )
    return register


def columns() -> list[tuple[str, str]]:
    """(attribute, Dutch column header) in the order of the page and the exports."""
    return [
        ("name", _("Verwerking")),
        ("purpose", _("Doel")),
        ("grounds", _("Grondslag")),
        ("subjects", _("Betrokkenen")),
        ("categories", _("Soorten gegevens")),
        ("recipients", _("Ontvangers")),
        ("retention", _("Bewaartermijn")),
        ("controllers", _("Verwerkingsverantwoordelijke")),
        ("transfer", _("Doorgifte")),
        ("measures", _("Beveiligingsmaatregelen")),
    ]


def as_rows(register: list[Activity]) -> list[list[str]]:
    """Each activity as one row of text cells (lists joined with "; ") for the exports."""
    rows = []
    for activity in register:
        row = []
        for attribute, _header in columns():
            value = getattr(activity, attribute)
            row.append("; ".join(value) if isinstance(value, list) else value)
        rows.append(row)
    return rows
