"""The monitor's indicators for a period (issue 13): plain functions over the database.

A period is ``van``..``tot`` inclusive, in local days (Europe/Amsterdam): from the
start of ``van`` up to the start of the day after ``tot``. Everything is counted in
the database (COUNT, GROUP BY, conditional aggregates, subqueries). Where a figure
needs the workday rules or a median, the database groups the rows by their local
days (or by the value itself) and returns one count per group: Python then works
on at most a few thousand (day, day, count) rows, never on the records, so a year
of a large region (100,000 meldingen, 600,000 attempts) stays well within a second.

Every indicator has a "hoe berekend" text in ``DEFINITIONS`` for the page.
"""

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any, TypedDict, cast

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateField,
    DateTimeField,
    Exists,
    F,
    Field,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import Col
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vangnet.cases.models import (
    CONTACT_RESULTS,
    TOEGELEID_OUTCOMES,
    Casus,
    ContactAttempt,
    Phase,
    PhaseChange,
    Uitkomst,
)
from vangnet.intake.models import Channel, ConcernCategory, MelderType, Melding
from vangnet.monitor.medians import median_of_counts
from vangnet.monitor.policies import Scope
from vangnet.network.models import FollowUp
from vangnet.network.services import SIX_MONTHS_KEY
from vangnet.norms.models import NormSettings
from vangnet.norms.workdays import add_workdays, end_of_day, local_zone, next_workday_on_or_after, start_of_day
from vangnet.norms.workdays import workdays_between as _workdays_between
from vangnet.organisations.models import Gemeente, Team
from vangnet.triage.models import Outcome, TriageDecision

# "Herhaald": another melding of the same person at most this long before (12 months as 365 days,
# which the database can subtract on every backend).
REPEAT_WINDOW = timedelta(days=365)

# The running phases, in the order of the casus screen.
RUNNING_PHASES = [phase for phase in Phase.values if phase != Phase.AFGESLOTEN]


class MonthFlow(TypedDict):
    maand: str  # "2026-03"
    gestart: int
    afgesloten: int


class WorkerLoad(TypedDict):
    medewerker: str
    casussen: int


class TeamLoad(TypedDict):
    team: str
    casussen: int


@dataclass
class Indicators:
    """The figures of one period (and optionally one gemeente). Shares are percentages,
    medians are numbers of days or attempts; both ``None`` when there is nothing to count."""

    van: date
    tot: date
    gemeente: str | None
    meldingen_ontvangen: int
    meldingen_per_bron: dict[str, int]
    meldingen_per_kanaal: dict[str, int]
    meldingen_per_zorg: dict[str, int]
    meldingen_getrieerd: int
    triage_binnen_norm_pct: float | None
    mediaan_werkdagen_tot_triage: float | None
    triage_uitkomsten: dict[str, int]
    casussen_gestart: int
    casussen_afgesloten: int
    casussen_lopend_einde: int
    instroom_uitstroom_per_maand: list[MonthFlow]
    eerste_poging_binnen_norm_pct: float | None
    mediaan_dagen_tot_eerste_contact: float | None
    mediaan_pogingen_tot_contact: float | None
    casussen_nooit_bereikt: int
    casussen_nooit_bereikt_pct: float | None
    mediaan_doorlooptijd_dagen: float | None
    casussen_per_fase: dict[str, int]
    herhaalde_personen: int
    casussen_heropend: int
    uitkomsten_bij_afsluiten: dict[str, int] = field(default_factory=dict)
    afsluitingen_uitkomst_bekend: int = 0
    afsluitingen_toegeleid: int = 0
    toegeleid_pct: float | None = None
    caseload_per_medewerker: list[WorkerLoad] = field(default_factory=list)
    caseload_per_team: list[TeamLoad] = field(default_factory=list)
    zes_maanden_nagevraagd: int = 0
    nog_in_zorg_na_zes_maanden: int = 0
    nog_in_zorg_na_zes_maanden_pct: float | None = None
    # The single figures per calendar month (``MONTH_COLUMNS``), one row per month.
    per_maand: list[dict[str, Any]] = field(default_factory=list)
    # The zorgen's labels by code (fetched with their counts) for the page and the exports: no
    # figure, so not in ``as_dict``.
    zorg_labels: dict[str, str] = field(default_factory=dict)
    # The filters, as names (like gemeente): they describe the result.
    team: str | None = None
    bron: str | None = None

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        del data["zorg_labels"]
        data["van"], data["tot"] = self.van.isoformat(), self.tot.isoformat()
        return data


DEFINITIONS: dict[str, Any] = {
    "meldingen_ontvangen": _(
        "Het aantal meldingen met een tijdstip van ontvangst in de periode (hele dagen, Nederlandse tijd)."
    ),
    "meldingen_per_bron": _("De ontvangen meldingen naar soort melder (bron)."),
    "meldingen_per_kanaal": _("De ontvangen meldingen naar kanaal waarlangs ze binnenkwamen."),
    "meldingen_per_zorg": _(
        "De ontvangen meldingen naar zorgcategorie. Een melding met meer zorgen telt bij elke zorg mee, "
        "dus de som kan groter zijn dan het aantal meldingen."
    ),
    "meldingen_getrieerd": _("Het aantal triagebesluiten met een besluitdatum in de periode."),
    "triage_binnen_norm_pct": _(
        "Van de meldingen die in de periode zijn getrieerd: het percentage dat uiterlijk op de laatste "
        "werkdag van de ingestelde triagenorm is getrieerd (weekenden en feestdagen tellen niet)."
    ),
    "mediaan_werkdagen_tot_triage": _(
        "De mediaan van het aantal werkdagen tussen ontvangst en triagebesluit, voor de meldingen die in de "
        "periode zijn getrieerd. Een melding op zaterdag die maandag is getrieerd telt 0 werkdagen."
    ),
    "triage_uitkomsten": _("De triagebesluiten in de periode naar besluit."),
    "casussen_gestart": _("Het aantal nieuwe casussen met een startdatum in de periode (heropeningen niet)."),
    "casussen_afgesloten": _(
        "Het aantal keer dat een casus in de periode is afgesloten (uit de fasegeschiedenis; een casus die "
        "twee keer is afgesloten telt twee keer)."
    ),
    "casussen_lopend_einde": _(
        "Het aantal casussen dat aan het eind van de periode liep: gestart vóór het einde en op dat moment "
        "niet afgesloten (volgens de fasegeschiedenis)."
    ),
    "instroom_uitstroom_per_maand": _(
        "Per kalendermaand van de periode: gestarte casussen (instroom) en afsluitingen (uitstroom)."
    ),
    "eerste_poging_binnen_norm_pct": _(
        "Van de casussen die in de periode zijn gestart: het percentage met een eerste contactpoging binnen "
        "de ingestelde norm in werkdagen. Vervallen verklaarde pogingen tellen niet. Casussen zonder poging "
        "waarvan de termijn nog loopt, tellen nog niet mee."
    ),
    "mediaan_dagen_tot_eerste_contact": _(
        "Van de casussen die in de periode zijn gestart en waar contact is gelegd: de mediaan van het aantal "
        "kalenderdagen tussen de start en het eerste echte contact (kort contact of gesprek)."
    ),
    "mediaan_pogingen_tot_contact": _(
        "Van dezelfde casussen: de mediaan van het aantal contactpogingen tot en met het eerste echte "
        "contact. Vervallen verklaarde pogingen tellen niet."
    ),
    "casussen_nooit_bereikt": _(
        "Het aantal afsluitingen in de periode van een casus waarin tot de afsluiting nooit echt contact "
        "(kort contact of gesprek) is geweest."
    ),
    "casussen_nooit_bereikt_pct": _("Het aandeel van de afsluitingen in de periode dat nooit bereikt is."),
    "mediaan_doorlooptijd_dagen": _(
        "Van de afsluitingen in de periode: de mediaan van het aantal kalenderdagen tussen de start (of de "
        "laatste heropening) en de afsluiting."
    ),
    "casussen_per_fase": _("De casussen die aan het eind van de periode liepen, naar hun fase op dat moment."),
    "herhaalde_personen": _(
        "Het aantal personen met een melding in de periode die in de 365 dagen daarvoor al eerder gemeld "
        "waren (twee of meer meldingen binnen twaalf maanden). Alleen meldingen die aan een persoon gekoppeld "
        "zijn tellen."
    ),
    "casussen_heropend": _("Het aantal keer dat een afgesloten casus in de periode is heropend."),
    "uitkomsten_bij_afsluiten": _(
        "De afsluitingen in de periode naar uitkomst, zoals vastgelegd bij het afsluiten; afsluitingen van "
        "voordat de uitkomst werd vastgelegd tellen als onbekend."
    ),
    "afsluitingen_uitkomst_bekend": _(
        "Het aantal afsluitingen in de periode waarbij een uitkomst is vastgelegd (niet onbekend)."
    ),
    "afsluitingen_toegeleid": _(
        "Van die afsluitingen: het aantal toegeleid naar zorg of ondersteuning of met een geslaagde warme overdracht."
    ),
    "toegeleid_pct": _(
        "Van de afsluitingen in de periode met een bekende uitkomst: het percentage dat is toegeleid naar "
        "zorg of ondersteuning of met een geslaagde warme overdracht is afgesloten."
    ),
    "caseload_per_medewerker": _("De casussen die aan het eind van de periode liepen, per huidige casusregisseur."),
    "caseload_per_team": _("De casussen die aan het eind van de periode liepen, per team."),
    "zes_maanden_nagevraagd": _(
        "Het aantal vingers aan de pols na zes maanden (zes maanden na de start van de zorg bij de partner, "
        "na een verwijzing vanuit een casus) dat in de periode is beantwoord met ja of nee. Antwoorden "
        "'onbekend' tellen niet mee."
    ),
    "nog_in_zorg_na_zes_maanden": _("Van die vingers aan de pols: het aantal met het antwoord ja, nog in zorg."),
    "nog_in_zorg_na_zes_maanden_pct": _(
        "Het percentage ja van de antwoorden ja en nee op de vinger aan de pols na zes maanden die in de "
        "periode zijn beantwoord; 'onbekend' telt niet mee, ook niet in het totaal. Het onderzoek mat een half "
        "jaar na het afsluiten van de bemoeizorg, hier is het een half jaar na de start van de zorg bij de partner."
    ),
    "per_maand": _(
        "Per kalendermaand van de periode op dezelfde manier geteld: meldingen naar de maand van ontvangst, "
        "triagebesluiten naar de maand van het besluit, gestarte casussen (met hun eerste poging en eerste "
        "contact) naar de maand van de start, afsluitingen en heropeningen naar de maand waarin ze gebeurden, "
        "vingers aan de pols naar de maand van het antwoord. Lopend aan het eind van een maand is teruggerekend "
        "vanaf het eind van de periode: een start telt er één bij, een afsluiting één af, een heropening één bij."
    ),
}


# --- helpers ------------------------------------------------------------------------


def _one_decimal(value: float | None) -> float | None:
    if value is None:
        return None
    return float(Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _pct(part: int, whole: int) -> float | None:
    return _one_decimal(100 * part / whole) if whole else None


def weighted_median(counts: Iterable[tuple[float, int]]) -> float | None:
    """The median of values given as (value, how often): the mean of the two middle ones when
    even, to one decimal (medians.median_of_counts, which the Wvggz and network figures use as is)."""
    merged: dict[float, int] = {}
    for value, n in counts:
        if n:
            merged[value] = merged.get(value, 0) + n
    middle = median_of_counts(merged)
    return None if middle is None else _one_decimal(middle)


@lru_cache(maxsize=4096)
def _workdays_to(start: date, end: date) -> int:
    """Workdays from the first workday on or after ``start`` up to ``end``: Saturday to Monday is 0."""
    return _workdays_between(next_workday_on_or_after(start), end)


def _summer_time(year: int) -> tuple[datetime, datetime] | None:
    """The UTC interval of summer time in the local zone in ``year``, by the EU rule (last Sunday
    of March and of October, 01:00 UTC), checked against the zone's own data; None when they differ."""
    zone = local_zone()

    def last_sunday(month: int) -> datetime:
        day = datetime(year, month, 31, 1, tzinfo=UTC)
        return day - timedelta(days=(day.weekday() + 1) % 7)

    begin, end = last_sunday(3), last_sunday(10)
    offsets = [moment.astimezone(zone).utcoffset() for moment in (begin - _SECOND, begin, end - _SECOND, end)]
    winter, summer = timedelta(hours=1), timedelta(hours=2)
    return (begin, end) if offsets == [winter, summer, summer, winter] else None


_SECOND = timedelta(seconds=1)


class LocalDay(TruncDate):
    """The local (Europe/Amsterdam) day of a moment, as ``TruncDate(tzinfo=...)``.

    On SQLite Django converts each row in a Python function (10x slower than the rest of a
    GROUP BY at 40,000 rows); here the offset comes from the summer-time intervals instead,
    with SQLite's own ``date()``. Moments outside the years covered keep Django's function."""

    def __init__(self, expression: Any, years: range) -> None:
        super().__init__(expression, tzinfo=local_zone())
        self.years = years

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        fallback = super().as_sql(compiler, connection, **extra_context)
        intervals = [_summer_time(year) for year in self.years]
        if not isinstance(self.lhs, Col) or None in intervals:
            # A subquery would be run once per mention: keep Django's function (also when the
            # zone left the EU rule).
            return fallback
        column, params = compiler.compile(self.lhs)
        assert not params  # noqa: S101 - a column has no parameters
        text = "%Y-%m-%d %H:%M:%S"
        summer = " OR ".join(
            f"({column} >= '{begin:{text}}' AND {column} < '{end:{text}}')"
            for begin, end in (i for i in intervals if i is not None)
        )
        sql = (
            f"CASE WHEN {column} < '{self.years.start:04d}-01-01' OR {column} >= '{self.years.stop:04d}-01-01' "
            f"THEN {fallback[0]} "
            f"WHEN {summer} THEN date({column}, '+2 hours') ELSE date({column}, '+1 hours') END"
        )
        return sql, fallback[1]


class _PerVendor(Func):
    """A function of one argument written out per database, as ``sqlite`` and ``postgresql``
    templates around ``{sql}`` (Django's SQLite versions of these are Python functions per row).
    The project runs on PostgreSQL and SQLite only."""

    sqlite = postgresql = ""

    def as_sql(
        self,
        compiler: Any,
        connection: Any,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> Any:
        raise NotImplementedError(connection.vendor)

    def _around(self, compiler: Any, template: str) -> Any:
        sql, params = compiler.compile(self.source_expressions[0])
        return template.format(sql=sql, **vars(self)), params

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        return self._around(compiler, self.sqlite)

    def as_postgresql(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        return self._around(compiler, self.postgresql)


class DaysBefore(_PerVendor):
    """``expression`` minus whole days, in the database's own date functions (Django's SQLite
    version is a Python function per row). On SQLite to the second, which is all a window of
    months needs. The project runs on PostgreSQL and SQLite only."""

    output_field = DateTimeField()
    sqlite = "strftime('%%Y-%%m-%%d %%H:%%M:%%S', {sql}, '-{days} days')"
    postgresql = "({sql} - INTERVAL '{days} days')"

    def __init__(self, expression: Any, days: int) -> None:
        super().__init__(expression)
        self.days = int(days)


class NotForIndex(_PerVendor):
    """The column as is, but on SQLite written ``+column`` so that its planner does not pick an
    index for a range on it (and reads the table in that index's order) where another index
    that the query walks in order is the better one; elsewhere just the column."""

    output_field = DateTimeField()
    sqlite = "+{sql}"
    postgresql = "{sql}"


def _local_day(expression: Any, years: range) -> TruncDate:
    """``years``: those the moments will mostly fall in (fast on SQLite); others are exact too."""
    return LocalDay(expression, years)


def _norm_workdays(name: str, norms: NormSettings | None) -> Any:
    """A norm in workdays for the statement that needs it: as given, else read by that statement
    (a scalar subquery of the one row ``NormSettings.current`` reads, or the field's default while
    that row is not there yet) instead of a query of its own (issue 17)."""
    if norms is not None:
        return Value(getattr(norms, name), output_field=IntegerField())
    current = NormSettings.objects.filter(pk=NORM_SETTINGS_PK).values(name)[:1]
    default = cast(Field, NormSettings._meta.get_field(name)).get_default()
    return Coalesce(Subquery(current), Value(default), output_field=IntegerField())


# The pk of the one NormSettings row (``NormSettings.current``: ``get_or_create(pk=1)``).
NORM_SETTINGS_PK = 1


def _years(start: datetime, end: datetime) -> range:
    # Received up to a year before a triage, attempts and closings after the start.
    return range(start.year - 1, end.year + 2)


def _within(rows: QuerySet, relation: str, scope: QuerySet) -> QuerySet:
    """``rows`` whose ``relation`` is in ``scope``; without a filter on the scope (no gemeente) no
    ``IN (SELECT ...)`` of every row."""
    return rows.filter(**{f"{relation}__in": scope}) if scope.query.where else rows


def _grouped_counts(rows: QuerySet, *names: str) -> list[tuple[Any, ...]]:
    """``rows.values_list(*names).annotate(n=Count("pk"))`` as tuples (values..., n).

    On SQLite a GROUP BY over correlated subqueries runs every subquery twice per row (once for
    the sorter, once more for the output); over a derived table that SQLite may not flatten
    (``LIMIT -1``) they run once: the first-contact pass over 20,000 casussen 188 -> 118 ms,
    the closings 66 -> 39 ms. Values come back through the same converters as the ORM's."""
    if connection.vendor != "sqlite":
        return [tuple(row) for row in rows.values_list(*names).annotate(n=Count("pk"))]
    compiler = rows.values_list(*names).query.get_compiler(connection=connection)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:  # e.g. a scope of no gemeenten (``__in=[]``): the ORM returns no rows
        return []
    group = ", ".join(str(position) for position in range(1, len(names) + 1))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT *, COUNT(*) FROM ({sql} LIMIT -1) GROUP BY {group}", tuple(params))  # noqa: S608
        fetched = cursor.fetchall()
    converters = compiler.get_converters([expression for expression, _sql, _alias in compiler.select])
    rows_out = [list(row) for row in fetched]
    for position, (functions, expression) in converters.items():
        # Each distinct value once (a few hundred days for thousands of groups): converters are pure.
        seen: dict[Any, Any] = {}
        for row in rows_out:
            raw = row[position]
            if raw not in seen:
                value = raw
                for function in functions:
                    value = function(value, expression, connection)
                seen[raw] = value
            row[position] = seen[raw]
    return [tuple(row) for row in rows_out]


def _months(van: date, tot: date) -> list[str]:
    months, day = [], van.replace(day=1)
    while day <= tot:
        months.append(day.strftime("%Y-%m"))
        day = (day + timedelta(days=32)).replace(day=1)
    return months


class _PerMonth:
    """The single figures per calendar month of the period, filled by the passes that compute
    them anyway (from the same grouped rows: no query more): counts, and for the shares and
    medians their parts, finished by ``rows``."""

    def __init__(self, van: date, tot: date) -> None:
        self.months = _months(van, tot)
        self.counts: dict[str, dict[str, int]] = {month: {} for month in self.months}
        self.values: dict[str, dict[str, dict[int, int]]] = {month: {} for month in self.months}
        # Per local day its month's rows: a pass calls this for every group (tens of thousands
        # for a year of a large region), strftime each time was a sixth of the whole.
        self._days: dict[date, tuple[dict[str, int], dict[str, dict[int, int]]]] = {}

    def _rows(self, day: date) -> tuple[dict[str, int], dict[str, dict[int, int]]]:
        rows = self._days.get(day)
        if rows is None:
            month = day.strftime("%Y-%m")
            rows = self._days[day] = (self.counts[month], self.values[month])
        return rows

    def count(self, day: date, name: str, n: int) -> None:
        counts = self._rows(day)[0]
        counts[name] = counts.get(name, 0) + n

    def value(self, day: date, name: str, value: int, n: int) -> None:
        histogram = self._rows(day)[1].setdefault(name, {})
        histogram[value] = histogram.get(value, 0) + n

    def rows(self, columns: dict[str, tuple[str, ...]]) -> list[dict[str, Any]]:
        """One row per month: a column is a count (``()``), a share (part, whole) or a median
        (``("mediaan",)``)."""
        out = []
        for month in self.months:
            counts, values = self.counts[month], self.values[month]
            row: dict[str, Any] = {"maand": month}
            for name, parts in columns.items():
                if not parts:
                    row[name] = counts.get(name, 0)
                elif parts == ("mediaan",):
                    row[name] = weighted_median(values.get(name, {}).items())
                else:
                    row[name] = _pct(counts.get(parts[0], 0), counts.get(parts[1], 0))
            out.append(row)
        return out


# The columns of ``per_maand``, in page order (see ``_PerMonth.rows``).
MONTH_COLUMNS: dict[str, tuple[str, ...]] = {
    "meldingen_ontvangen": (),
    "meldingen_getrieerd": (),
    "triage_binnen_norm_pct": ("triage_binnen_norm", "triage_telt"),
    "mediaan_werkdagen_tot_triage": ("mediaan",),
    "casussen_gestart": (),
    "casussen_afgesloten": (),
    "casussen_lopend_einde": (),
    "eerste_poging_binnen_norm_pct": ("eerste_poging_binnen_norm", "eerste_poging_telt"),
    "mediaan_dagen_tot_eerste_contact": ("mediaan",),
    "mediaan_pogingen_tot_contact": ("mediaan",),
    "casussen_nooit_bereikt": (),
    "casussen_nooit_bereikt_pct": ("casussen_nooit_bereikt", "casussen_afgesloten"),
    "mediaan_doorlooptijd_dagen": ("mediaan",),
    "casussen_heropend": (),
    "afsluitingen_uitkomst_bekend": (),
    "afsluitingen_toegeleid": (),
    "toegeleid_pct": ("afsluitingen_toegeleid", "afsluitingen_uitkomst_bekend"),
    "zes_maanden_nagevraagd": (),
    "nog_in_zorg_na_zes_maanden": (),
    "nog_in_zorg_na_zes_maanden_pct": ("nog_in_zorg_na_zes_maanden", "zes_maanden_nagevraagd"),
}


# --- the indicators -------------------------------------------------------------------


def compute_indicators(
    van: date,
    tot: date,
    gemeente: Gemeente | None = None,
    *,
    scope: Scope | None = None,
    team: Team | None = None,
    bron: str | None = None,
    now: datetime | None = None,
    norms: NormSettings | None = None,
) -> Indicators:
    """All indicators for the local days ``van`` up to and including ``tot``.

    ``scope``: whose data (see ``policies.Scope``; None: all). ``gemeente`` limits meldingen
    to that gemeente and casussen to those with a melding from it; ``bron`` (a melder type)
    likewise by the melder. ``team`` limits casussen to that team and meldingen to those
    of a casus of that team. ``now`` decides which first-attempt deadlines are still running."""
    if van > tot:
        raise ValueError("van after tot")
    now = now or timezone.now()
    start, end = start_of_day(van), start_of_day(tot + timedelta(days=1))
    meldingen, casussen = _scoped(scope or Scope(), gemeente, team, bron)

    # PostgreSQL's JIT is off for every connection (settings.DATABASES): for these thousands of
    # short correlated lookups its compiling took longer than the queries.
    result = _compute(van, tot, meldingen, casussen, start, end, now, norms)
    result.gemeente = gemeente.name if gemeente is not None else None
    result.team = team.name if team is not None else None
    result.bron = bron
    return result


def _scoped(scope: Scope, gemeente: Gemeente | None, team: Team | None, bron: str | None) -> tuple[QuerySet, QuerySet]:
    """The meldingen and casussen the figures are about."""
    meldingen = Melding.objects.all()
    casussen = Casus.objects.all()
    if scope.organisation_id is not None:
        meldingen = meldingen.filter(meldpunt_id=scope.organisation_id)
        casussen = casussen.filter(organisation_id=scope.organisation_id)
    # As the casus list filters: a casus belongs to every gemeente (and bron) one of its meldingen has.
    melding_filters: list[Q] = []
    if scope.gemeente_ids is not None:
        melding_filters.append(Q(gemeente_id__in=scope.gemeente_ids))
    if gemeente is not None:
        melding_filters.append(Q(gemeente=gemeente))
    if bron:
        melding_filters.append(Q(melder_type=bron))
    for condition in melding_filters:
        meldingen = meldingen.filter(condition)
        casussen = casussen.filter(pk__in=Melding.objects.filter(condition).values("casus_id"))
    if team is not None:
        casussen = casussen.filter(team=team)
        meldingen = meldingen.filter(casus__team=team)
    return meldingen, casussen


def _compute(
    van: date,
    tot: date,
    meldingen: QuerySet,
    casussen: QuerySet,
    start: datetime,
    end: datetime,
    now: datetime,
    norms: NormSettings | None,
) -> Indicators:
    # An index on Melding.received_at would serve this range on its own (the existing ones start
    # with urgency or meldpunt); at 100,000 rows a scan is still fast.
    received = meldingen.filter(received_at__gte=start, received_at__lt=end)

    per_month = _PerMonth(van, tot)
    intake = _intake(received, _repeated_persons(meldingen, start, end), per_month)
    triage = _triage(meldingen, start, end, norms, per_month)
    contact, started_per_day = _contact(casussen, start, end, now, norms, per_month)
    flows = _flows(casussen, van, tot, start, end, started_per_day, per_month)
    running = _running_at(casussen, end)
    follow_up = _follow_up(casussen, start, end, per_month)
    _running_per_month(per_month, running["casussen_lopend_einde"])
    return Indicators(
        van=van,
        tot=tot,
        gemeente=None,
        **intake,
        **triage,
        **flows,
        **contact,
        **running,
        **follow_up,
        per_maand=per_month.rows(MONTH_COLUMNS),
    )


def _running_per_month(per_month: _PerMonth, at_end: int) -> None:
    """Running at the end of each month, counted back from the end of the period: a month's
    start adds one, a closing takes one off, a reopening adds one (the phase history)."""
    running = at_end
    for month in reversed(per_month.months):
        counts = per_month.counts[month]
        counts["casussen_lopend_einde"] = running
        running -= counts.get("casussen_gestart", 0) - counts.get("casussen_afgesloten", 0)
        running -= counts.get("casussen_heropend", 0)


def _intake(received: QuerySet, repeated: Subquery, per_month: _PerMonth) -> dict[str, Any]:
    """The meldingen received, per bron, kanaal, month and zorg; ``repeated`` ("herhaald", a
    scalar subquery) goes along in the same statement."""
    # One pass for bron, kanaal and the local month together (at most 35 groups a month), from the
    # index melding_monitor_intake (meldpunt, received_at, melder_type, channel, gemeente) without
    # reading the wide melding rows. The month is a CASE over the local starts of the months,
    # computed here: exact at every summer-time change, no function per row (was a pass of its own
    # by UTC hour, and the bron/kanaal pass another, issue 17).
    firsts = [date.fromisoformat(f"{month}-01") for month in per_month.months]
    month = Case(
        *(When(received_at__lt=start_of_day(first), then=Value(i)) for i, first in enumerate(firsts[1:])),
        default=Value(len(firsts) - 1),
        output_field=IntegerField(),
    )
    per_bron = dict.fromkeys(MelderType.values, 0)
    per_kanaal = dict.fromkeys(Channel.values, 0)
    total = repeated_persons = 0
    for bron, kanaal, number, n, herhaald in (
        received.order_by().values_list("melder_type", "channel", month).annotate(n=Count("pk"), herhaald=repeated)
    ):
        per_bron[bron] = per_bron.get(bron, 0) + n
        per_kanaal[kanaal] = per_kanaal.get(kanaal, 0) + n
        per_month.count(firsts[number], "meldingen_ontvangen", n)
        total += n
        repeated_persons = herhaald
    # Every category is listed, also without meldingen, in the order of the intake form, with its
    # label for the page (was a query of the labels of its own and one of the categories, issue 17).
    # Its links to a melding of the period counted, that melding looked up in the period's ids
    # (SQLite 100 ms at 100,000 meldingen; a subquery per category read the wide melding rows, 650).
    per_zorg: dict[str, int] = {}
    zorg_labels: dict[str, str] = {}
    counted = Count("meldingen", filter=Q(meldingen__in=received.values("pk")))
    for code, text, n in (
        ConcernCategory.objects.order_by("order", "label").values_list("code", "label").annotate(n=counted)
    ):
        per_zorg[code] = n
        zorg_labels[code] = text
    return {
        "meldingen_ontvangen": total,
        "meldingen_per_bron": per_bron,
        "meldingen_per_kanaal": per_kanaal,
        "meldingen_per_zorg": per_zorg,
        "herhaalde_personen": repeated_persons,
        "zorg_labels": zorg_labels,
    }


def _triage(
    meldingen: QuerySet, start: datetime, end: datetime, norms: NormSettings | None, per_month: _PerMonth
) -> dict[str, Any]:
    # The index triage_decided_at (decided_at, outcome, melding) serves this range.
    decisions = _within(TriageDecision.objects.all(), "melding", meldingen).filter(
        decided_at__gte=start, decided_at__lt=end
    )
    outcomes = dict.fromkeys(Outcome.values, 0)
    # One row per (local day received, local day decided): the norm and the workdays follow from the
    # two days alone (a deadline is the end of a local workday), so Python never sees a melding. The
    # outcomes in the same pass as a count per outcome (was a query of their own, issue 17; as a
    # third grouping column it gave five times the groups, SQLite 200 ms more at 75,000 decisions).
    per_outcome = {f"outcome_{i}": Count("pk", filter=Q(outcome=value)) for i, value in enumerate(Outcome.values)}
    pairs = (
        decisions.order_by()
        # The years each column mostly falls in (fewer summer-time intervals per row on SQLite;
        # a moment outside them gets the exact slow path).
        .values_list(
            _local_day("melding__received_at", range(start.year - 1, end.year + 1)),
            _local_day("decided_at", range(start.year, end.year + 1)),
        )
        .annotate(n=Count("pk"), norm=_norm_workdays("triage_workdays", norms), **per_outcome)
    )
    total = within = 0
    workdays: dict[int, int] = {}
    dues: dict[date, date] = {}
    for received_day, decided_day, n, norm, *counts in pairs:
        for value, count in zip(Outcome.values, counts, strict=True):
            outcomes[value] += count
        total += n
        due = dues.get(received_day)
        if due is None:
            due = dues[received_day] = add_workdays(received_day, norm)
        per_month.count(decided_day, "meldingen_getrieerd", n)
        per_month.count(decided_day, "triage_telt", n)
        if decided_day <= due:
            within += n
            per_month.count(decided_day, "triage_binnen_norm", n)
        days = _workdays_to(received_day, decided_day)
        workdays[days] = workdays.get(days, 0) + n
        per_month.value(decided_day, "mediaan_werkdagen_tot_triage", days, n)
    return {
        "meldingen_getrieerd": total,
        "triage_binnen_norm_pct": _pct(within, total),
        "mediaan_werkdagen_tot_triage": weighted_median(workdays.items()),
        "triage_uitkomsten": outcomes,
    }


def _changes_to_or_from_closed(casussen: QuerySet, start: datetime, end: datetime) -> QuerySet:
    # The phase history is the record of closing: closed_at is cleared again on reopening.
    # The indexes phasechange_to_phase_at and phasechange_from_phase_at (phase, changed_at) serve
    # the two ranges.
    return _within(PhaseChange.objects.all(), "casus", casussen).filter(
        Q(to_phase=Phase.AFGESLOTEN) | Q(from_phase=Phase.AFGESLOTEN), changed_at__gte=start, changed_at__lt=end
    )


def _flows(
    casussen: QuerySet,
    van: date,
    tot: date,
    start: datetime,
    end: datetime,
    started_per_day: dict[date, int],
    per_month: _PerMonth,
) -> dict[str, Any]:
    """``started_per_day``: the casussen started in the period per local day (``_contact``'s pass)."""
    years = _years(start, end)
    flow = {month: MonthFlow(maand=month, gestart=0, afgesloten=0) for month in _months(van, tot)}
    started_total = 0
    for day, n in started_per_day.items():
        flow[day.strftime("%Y-%m")]["gestart"] += n
        per_month.count(day, "casussen_gestart", n)
        started_total += n

    # Doorlooptijd: from the casus's start, or its latest reopening before this closing. The local
    # days taken on the columns (inside the subquery), not on the COALESCE: SQLite's fast form
    # needs a column (on a COALESCE it falls back to a Python function per closing).
    last_start_day = Coalesce(
        Subquery(
            PhaseChange.objects.filter(
                casus=OuterRef("casus"), from_phase=Phase.AFGESLOTEN, changed_at__lt=OuterRef("changed_at")
            )
            .order_by("-changed_at")
            .annotate(day=_local_day("changed_at", years))
            .values("day")[:1]
        ),
        _local_day("casus__opened_at", years),
        output_field=DateField(),
    )
    # Never reached: no counting attempt with real contact up to the closing.
    reached = Exists(
        ContactAttempt.objects.counting().filter(
            casus=OuterRef("casus"), result__in=CONTACT_RESULTS, at__lte=OuterRef("changed_at")
        )
    )
    # The closings and the reopenings in one pass (was a query each, issue 17): per (closing or
    # not, local day of the start, of the change, uitkomst, reached) a count, at most a few
    # thousand rows, for the months, the doorlooptijd, the uitkomsten, "nooit bereikt" and the
    # reopenings together. A reopening's row skips the subqueries (CASE).
    closing = Q(to_phase=Phase.AFGESLOTEN)
    reopened_total = 0
    durations: dict[int, int] = {}
    outcomes = dict.fromkeys(Uitkomst.values, 0)
    closed_total = never = 0
    for is_closing, begin_day, closed_day, outcome, was_reached, n in _grouped_counts(
        _changes_to_or_from_closed(casussen, start, end)
        .order_by()
        .annotate(
            is_closing=Case(When(closing, then=True), default=False, output_field=BooleanField()),
            begin_day=Case(When(closing, then=last_start_day), output_field=DateField()),
            closed_day=_local_day("changed_at", years),
            closing_outcome=Case(When(closing, then=F("outcome"))),
            was_reached=Case(When(closing, then=reached), output_field=BooleanField()),
        ),
        "is_closing",
        "begin_day",
        "closed_day",
        "closing_outcome",
        "was_reached",
    ):
        if not is_closing:
            per_month.count(closed_day, "casussen_heropend", n)
            reopened_total += n
            continue
        flow[closed_day.strftime("%Y-%m")]["afgesloten"] += n
        per_month.count(closed_day, "casussen_afgesloten", n)
        days = (closed_day - begin_day).days
        durations[days] = durations.get(days, 0) + n
        per_month.value(closed_day, "mediaan_doorlooptijd_dagen", days, n)
        # A closing row without an uitkomst (only written outside the services) counts as unknown.
        outcomes[outcome or Uitkomst.ONBEKEND] += n
        if outcome and outcome != Uitkomst.ONBEKEND:
            per_month.count(closed_day, "afsluitingen_uitkomst_bekend", n)
            if outcome in TOEGELEID_OUTCOMES:
                per_month.count(closed_day, "afsluitingen_toegeleid", n)
        closed_total += n
        if not was_reached:
            never += n
            per_month.count(closed_day, "casussen_nooit_bereikt", n)
    known = sum(n for outcome, n in outcomes.items() if outcome != Uitkomst.ONBEKEND)
    toegeleid = sum(outcomes[o] for o in TOEGELEID_OUTCOMES)
    return {
        "casussen_gestart": started_total,
        "casussen_afgesloten": closed_total,
        "instroom_uitstroom_per_maand": list(flow.values()),
        "casussen_nooit_bereikt": never,
        "casussen_nooit_bereikt_pct": _pct(never, closed_total),
        "mediaan_doorlooptijd_dagen": weighted_median(durations.items()),
        "casussen_heropend": reopened_total,
        "uitkomsten_bij_afsluiten": outcomes,
        "afsluitingen_uitkomst_bekend": known,
        "afsluitingen_toegeleid": toegeleid,
        "toegeleid_pct": _pct(toegeleid, known),
    }


def _contact(
    casussen: QuerySet,
    start: datetime,
    end: datetime,
    now: datetime,
    norms: NormSettings | None,
    per_month: _PerMonth,
) -> tuple[dict[str, Any], dict[date, int]]:
    years = _years(start, end)
    # Each subquery is one probe of an index: attempt_counting (casus, voided_at, at, result) on SQLite
    # (its IS NULL is an equality there), the partial attempt_counting_at (casus, at, result) WHERE
    # voided_at IS NULL on PostgreSQL (which would otherwise sort each casus's attempts).
    attempts = ContactAttempt.objects.counting().filter(casus=OuterRef("pk"))
    contacts = attempts.filter(result__in=CONTACT_RESULTS)

    def first_day(rows: QuerySet) -> Subquery:
        # The local day taken inside the subquery, on the column, so SQLite runs it once per casus.
        return Subquery(rows.order_by("at").annotate(day=_local_day("at", years)).values("day")[:1])

    # The attempts up to and including the first contact (none, so NULL, without a contact).
    upto_contact = (
        ContactAttempt.objects.counting()
        .filter(casus=OuterRef("pk"), at__lte=OuterRef("first_contact_at"))
        .order_by()
        .values("casus")
        .annotate(c=Count("*"))  # not the id: the count comes from the index alone
        .values("c")
    )
    started = (
        casussen.filter(opened_at__gte=start, opened_at__lt=end)
        .order_by()
        .annotate(
            opened_day=_local_day("opened_at", years),
            first_attempt_day=first_day(attempts),
            first_contact_day=first_day(contacts),
            first_contact_at=Subquery(contacts.order_by("at").values("at")[:1]),
        )
        .annotate(tries=Subquery(upto_contact), norm=_norm_workdays("first_attempt_workdays", norms))
    )
    # One pass: per (local day opened, of the first attempt, of the first contact, attempts up to
    # it) a count.
    total = within = 0
    days: dict[int, int] = {}
    tries: dict[int, int] = {}
    dues: dict[date, date] = {}  # per local day opened (at most 366 of them for thousands of groups)
    # The casussen started per local day, for ``_flows`` (was a query of its own, issue 17).
    started_per_day: dict[date, int] = {}
    for opened_day, attempt_day, contact_day, upto, norm, n in _grouped_counts(
        started, "opened_day", "first_attempt_day", "first_contact_day", "tries", "norm"
    ):
        started_per_day[opened_day] = started_per_day.get(opened_day, 0) + n
        if contact_day is not None:
            days[(contact_day - opened_day).days] = days.get((contact_day - opened_day).days, 0) + n
            tries[upto] = tries.get(upto, 0) + n
            per_month.value(opened_day, "mediaan_dagen_tot_eerste_contact", (contact_day - opened_day).days, n)
            per_month.value(opened_day, "mediaan_pogingen_tot_contact", upto, n)
        due = dues.get(opened_day)
        if due is None:
            due = dues[opened_day] = add_workdays(opened_day, norm)
        if attempt_day is None:
            if now <= end_of_day(due):
                continue  # the term still runs: not yet on time or late
        elif attempt_day <= due:
            within += n
            per_month.count(opened_day, "eerste_poging_binnen_norm", n)
        total += n
        per_month.count(opened_day, "eerste_poging_telt", n)

    figures = {
        "eerste_poging_binnen_norm_pct": _pct(within, total),
        "mediaan_dagen_tot_eerste_contact": weighted_median(days.items()),
        "mediaan_pogingen_tot_contact": weighted_median(tries.items()),
    }
    return figures, started_per_day


def _running_at(casussen: QuerySet, end: datetime) -> dict[str, Any]:
    # The phase at the end of the period is the latest phase change before it; a casus
    # without history (never through the services) falls back to its current phase.
    phase_at_end = Coalesce(
        Subquery(
            PhaseChange.objects.filter(casus=OuterRef("pk"), changed_at__lt=end)
            .order_by("-changed_at", "-pk")
            .values("to_phase")[:1]
        ),
        F("phase"),
    )
    # Every casus started before the end, closed ones too: the closed groups are skipped below
    # (a WHERE on the phase would run the subquery a second time per casus on SQLite).
    started = casussen.filter(opened_at__lt=end).order_by().annotate(phase_at_end=phase_at_end)
    # One pass (the phase at the end is a subquery per casus): per (phase, casusregisseur, team) a
    # count, at most a few hundred rows, added up here per phase, per worker and per team.
    per_phase = dict.fromkeys(RUNNING_PHASES, 0)
    loads: dict[Any, list[Any]] = {}
    team_loads: dict[Any, list[Any]] = {}
    # The casusregisseur is the current one: the history of who held a casus is not recorded.
    for phase, worker_pk, first, last, username, team_pk, team_name, n in started.values_list(
        "phase_at_end",
        "casusregisseur_id",
        "casusregisseur__first_name",
        "casusregisseur__last_name",
        "casusregisseur__username",
        "team_id",
        "team__name",
    ).annotate(n=Count("pk")):
        if phase == Phase.AFGESLOTEN:
            continue
        per_phase[phase] = per_phase.get(phase, 0) + n
        loads.setdefault(worker_pk, [first, last, username, 0])[3] += n
        team_loads.setdefault(team_pk, [team_name, 0])[1] += n
    per_worker = sorted(
        (
            WorkerLoad(medewerker=f"{first} {last}".strip() or username, casussen=n)
            for first, last, username, n in loads.values()
        ),
        key=lambda row: (-row["casussen"], row["medewerker"]),
    )
    per_team = sorted(
        (
            TeamLoad(team=name if name is not None else str(_("Zonder team")), casussen=n)
            for name, n in team_loads.values()
        ),
        key=lambda row: (-row["casussen"], row["team"]),
    )
    return {
        "casussen_lopend_einde": sum(per_phase.values()),
        "casussen_per_fase": per_phase,
        "caseload_per_medewerker": per_worker,
        "caseload_per_team": per_team,
    }


def _follow_up(casussen: QuerySet, start: datetime, end: datetime, per_month: _PerMonth) -> dict[str, Any]:
    """The six-month vinger-aan-de-pols checks answered in the period, for referrals of ``casussen``."""
    answered = _within(FollowUp.objects.filter(key=SIX_MONTHS_KEY), "referral__casus", casussen).filter(
        answered_at__gte=start, answered_at__lt=end, answer__in=[FollowUp.Answer.JA, FollowUp.Answer.NEE]
    )
    asked = yes = 0
    # Per local day and answer (a few hundred rows at most), for the total and the months.
    days = answered.order_by().values_list(_local_day("answered_at", _years(start, end)), "answer")
    for day, answer, n in days.annotate(n=Count("pk")):
        asked += n
        per_month.count(day, "zes_maanden_nagevraagd", n)
        if answer == FollowUp.Answer.JA:
            yes += n
            per_month.count(day, "nog_in_zorg_na_zes_maanden", n)
    return {
        "zes_maanden_nagevraagd": asked,
        "nog_in_zorg_na_zes_maanden": yes,
        "nog_in_zorg_na_zes_maanden_pct": _pct(yes, asked),
    }


def _repeated_persons(meldingen: QuerySet, start: datetime, end: datetime) -> Subquery:
    """Persons with a melding received in the period (of ``meldingen``) that were gemeld (of any
    gemeente or meldpunt) at most ``REPEAT_WINDOW`` before it: per melding one probe of the index
    (person, received_at) for an earlier one. On SQLite the period's range is written so that its
    planner does not take it for an index (``NotForIndex``): it then walks that same index, which
    holds all the outer query needs, in person order, instead of reading every wide melding row
    through melding_urgent_first (data set B: 350 -> 63 ms)."""
    earlier = Melding.objects.filter(
        person=OuterRef("person"),
        received_at__lt=OuterRef("received_at"),
        received_at__gte=DaysBefore(OuterRef("received_at"), REPEAT_WINDOW.days),
    )
    received = (
        meldingen.filter(person__isnull=False)
        .alias(moment=NotForIndex("received_at"))
        .filter(moment__gte=start, moment__lt=end)
    )
    # A scalar subquery (one row: a constant for the GROUP BY), for the intake pass's statement.
    counted = received.filter(Exists(earlier)).order_by().annotate(all=Value(1)).values("all")
    return Subquery(counted.annotate(n=Count("person", distinct=True)).values("n"))
