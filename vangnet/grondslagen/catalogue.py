"""The catalogue of tasks (taken) and legal grounds (grondslagen), as configuration.

One place that says under which task a casus runs, which legal grounds fit each
task (with a short Dutch explanation and the article of law), what the task is
for, which categories of data it processes and who typically receives them.
The sharing forms offer only the grounds of the casus' task; the verwerkings-
register (issue 16 part 6) is generated from ``CATALOGUE``. No models, no
database: every layer may read it.

Change a task or a ground here (and add a test): the database stores only the
keys (``Task``, ``Ground``), so the texts may change without a migration; a new
key needs one (the choices of the fields)."""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Task(models.TextChoices):
    """The task (taak) under which a casus runs: each has its own legal frame (001 ch. 7)."""

    TOELEIDING = "toeleiding", _("Toeleiding naar zorg")
    HULPVERLENING = "hulpverlening", _("Hulpverlening")
    REGIE = "regie", _("Regie en coördinatie")
    WVGGZ = "wvggz", _("Wvggz verkennend onderzoek")


class Ground(models.TextChoices):
    """The legal ground (grondslag) for processing and sharing (AVG art. 6 and 9)."""

    TOESTEMMING = "toestemming", _("Toestemming van betrokkene")
    WETTELIJK = "wettelijk", _("Wettelijke taak")
    ZWAARWEGEND = "zwaarwegend", _("Zwaarwegend belang")
    VITAAL = "vitaal", _("Vitaal belang")


@dataclass(frozen=True)
class GroundFit:
    """A ground that fits a task: why, and on which article of law."""

    ground: Ground
    explanation: Promise
    article: str


@dataclass(frozen=True)
class TaskSpec:
    task: Task
    purpose: Promise
    data_categories: tuple[Promise, ...]
    recipients: tuple[Promise, ...]
    grounds: tuple[GroundFit, ...]
    default_ground: Ground

    @property
    def label(self) -> str:
        return str(self.task.label)

    def fit(self, ground: str) -> GroundFit | None:
        return next((g for g in self.grounds if g.ground == ground), None)


_CONSENT = GroundFit(
    Ground.TOESTEMMING,
    _("De betrokkene heeft toestemming gegeven voor dit delen, voor dit doel; leg die vast bij de persoon."),
    "AVG art. 6 lid 1 sub a en art. 9 lid 2 sub a",
)
_VITAL = GroundFit(
    Ground.VITAAL,
    _(
        "Delen is nodig om het leven of de gezondheid van de betrokkene of een ander te beschermen, en toestemming vragen kan niet."
    ),
    "AVG art. 6 lid 1 sub d en art. 9 lid 2 sub c",
)
_WEIGHTY = GroundFit(
    Ground.ZWAARWEGEND,
    _(
        "Conflict van plichten: zonder delen dreigt ernstige schade voor de betrokkene of een ander; het beroepsgeheim wijkt."
    ),
    "AVG art. 9 lid 2 sub g; UAVG art. 30 lid 3; conflict van plichten",
)

_CARE_DATA = (
    _("identificerende gegevens (naam, geboortedatum, adres, BSN)"),
    _("gezondheid (psychisch, verslaving)"),
    _("leefgebieden en sociale situatie"),
    _("contactpogingen en notities"),
)

CATALOGUE: dict[Task, TaskSpec] = {
    Task.TOELEIDING: TaskSpec(
        task=Task.TOELEIDING,
        purpose=_(
            "Een zorgmijder met zorgwekkend gedrag bereiken, contact leggen en toeleiden naar passende zorg "
            "of ondersteuning (bemoeizorg, openbare geestelijke gezondheidszorg)."
        ),
        data_categories=(*_CARE_DATA, _("meldingen en melders")),
        recipients=(_("bemoeizorgteam"), _("wijkteam"), _("GGZ en verslavingszorg"), _("huisarts")),
        grounds=(
            GroundFit(
                Ground.WETTELIJK,
                _(
                    "De gemeente voert de openbare geestelijke gezondheidszorg uit: zorgwekkende signalen opvolgen en kwetsbare personen bereiken."
                ),
                "Wpg art. 2; Wmo 2015 art. 2.1.1",
            ),
            _CONSENT,
            _WEIGHTY,
            _VITAL,
        ),
        default_ground=Ground.WETTELIJK,
    ),
    Task.HULPVERLENING: TaskSpec(
        task=Task.HULPVERLENING,
        purpose=_(
            "Hulp bieden aan een betrokkene die contact heeft en meewerkt: begeleiding, behandeling, praktische hulp."
        ),
        data_categories=(*_CARE_DATA, _("plan van aanpak en middelen")),
        recipients=(_("zorgaanbieders in de keten"), _("huisarts"), _("schuldhulp")),
        grounds=(
            _CONSENT,
            GroundFit(
                Ground.WETTELIJK,
                _("Maatschappelijke ondersteuning door of namens de gemeente, binnen de Wmo-taak."),
                "Wmo 2015 art. 2.3.2 en 5.2.1",
            ),
            _WEIGHTY,
            _VITAL,
        ),
        default_ground=Ground.TOESTEMMING,
    ),
    Task.REGIE: TaskSpec(
        task=Task.REGIE,
        purpose=_("De aanpak van meerdere partners afstemmen: casusregie, procesregie en casusoverleg."),
        data_categories=(
            _("identificerende gegevens"),
            _("betrokken partners en afspraken"),
            _("korte situatieschets"),
        ),
        recipients=(
            _("partners aan de overlegtafel"),
            _("Zorg- en Veiligheidshuis"),
            _("woningcorporatie"),
            _("politie"),
        ),
        grounds=(
            GroundFit(
                Ground.WETTELIJK,
                _(
                    "Regie op de ondersteuning van kwetsbare inwoners is een taak van de gemeente; het convenant regelt het delen."
                ),
                "Wmo 2015 art. 2.1.1 en 5.2.1; Wpg art. 2",
            ),
            _CONSENT,
            _WEIGHTY,
        ),
        default_ground=Ground.WETTELIJK,
    ),
    Task.WVGGZ: TaskSpec(
        task=Task.WVGGZ,
        purpose=_(
            "Na een melding onderzoeken of verplichte ggz nodig is (ernstig nadeel, psychische stoornis), "
            "binnen 14 dagen, en zo nodig een aanvraag aan de officier van justitie."
        ),
        data_categories=(*_CARE_DATA, _("melder en melding (Wvggz)"), _("justitiële gegevens")),
        recipients=(_("officier van justitie"), _("GGZ-instelling"), _("politie")),
        grounds=(
            GroundFit(
                Ground.WETTELIJK,
                _(
                    "Het college verricht na een melding een verkennend onderzoek en mag daarvoor gegevens verwerken en delen."
                ),
                "Wvggz art. 5:2 en 8:31",
            ),
            _VITAL,
        ),
        default_ground=Ground.WETTELIJK,
    ),
}


def spec(task: str) -> TaskSpec:
    """The catalogue entry of ``task`` (KeyError for a key that is not in the catalogue)."""
    return CATALOGUE[Task(task)]


def grounds_for(task: str) -> list[Ground]:
    """The grounds that fit ``task``, in the catalogue's order (the first is the most usual)."""
    return [fit.ground for fit in spec(task).grounds]


def fits(task: str, ground: str) -> bool:
    return task in Task.values and spec(task).fit(ground) is not None


def ground_choices(task: str) -> list[tuple[str, str]]:
    """Choices for a form: the fitting grounds, labelled with their article of law."""
    return [(fit.ground.value, f"{fit.ground.label} ({fit.article})") for fit in spec(task).grounds]
