"""The monitor's indicators as the page and the exports show them (issue 13, items 2-6).

``compute_indicators`` gives the numbers; this module gives them labels, charts,
data tables and research comparisons for the page, and rows for the exports with
the small-cell rule applied. It works per key of the result, so an indicator added
to ``indicators.py`` (with its ``DEFINITIONS`` text) appears on the page and in the
exports without a template change. No database access except the zorg labels when the caller does not pass them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import formats
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vangnet.cases.models import Phase, Uitkomst
from vangnet.intake.models import Channel, ConcernCategory, MelderType
from vangnet.monitor import charts, privacy
from vangnet.monitor.exports import IndicatorRow
from vangnet.monitor.indicators import DEFINITIONS
from vangnet.triage.models import Outcome

# The period and the filters describe the result; they are nobody's figure.
OTHER = ("van", "tot", "gemeente", "team", "bron")
# The trend per month of single figures: ``per_maand.<indicator>`` is that indicator per
# calendar month, shown as the chart of the indicator's own section.
TRENDS = "per_maand"

LABELS: dict[str, Any] = {
    "meldingen_ontvangen": gettext_lazy("Meldingen ontvangen"),
    "meldingen_per_bron": gettext_lazy("Meldingen per bron"),
    "meldingen_per_kanaal": gettext_lazy("Meldingen per kanaal"),
    "meldingen_per_zorg": gettext_lazy("Meldingen per zorg"),
    "meldingen_getrieerd": gettext_lazy("Meldingen getrieerd"),
    "triage_binnen_norm_pct": gettext_lazy("Getrieerd binnen de norm"),
    "mediaan_werkdagen_tot_triage": gettext_lazy("Mediaan werkdagen tot triage"),
    "triage_uitkomsten": gettext_lazy("Uitkomsten van de triage"),
    "casussen_gestart": gettext_lazy("Casussen gestart"),
    "casussen_afgesloten": gettext_lazy("Casussen afgesloten"),
    "casussen_lopend_einde": gettext_lazy("Casussen lopend aan het eind van de periode"),
    "instroom_uitstroom_per_maand": gettext_lazy("Instroom en uitstroom per maand"),
    "eerste_poging_binnen_norm_pct": gettext_lazy("Eerste contactpoging binnen de norm"),
    "mediaan_dagen_tot_eerste_contact": gettext_lazy("Mediaan dagen tot eerste contact"),
    "mediaan_pogingen_tot_contact": gettext_lazy("Mediaan pogingen tot contact"),
    "casussen_nooit_bereikt": gettext_lazy("Afgesloten zonder ooit contact"),
    "casussen_nooit_bereikt_pct": gettext_lazy("Aandeel afgesloten zonder ooit contact"),
    "mediaan_doorlooptijd_dagen": gettext_lazy("Mediaan doorlooptijd in dagen"),
    "casussen_per_fase": gettext_lazy("Lopende casussen per fase"),
    "herhaalde_personen": gettext_lazy("Personen opnieuw gemeld binnen twaalf maanden"),
    "casussen_heropend": gettext_lazy("Casussen heropend"),
    "caseload_per_medewerker": gettext_lazy("Lopende casussen per casusregisseur"),
    "caseload_per_team": gettext_lazy("Lopende casussen per team"),
    "uitkomsten_bij_afsluiten": gettext_lazy("Uitkomsten bij afsluiten"),
    "afsluitingen_uitkomst_bekend": gettext_lazy("Afsluitingen met een bekende uitkomst"),
    "afsluitingen_toegeleid": gettext_lazy("Afsluitingen toegeleid of warm overgedragen"),
    "toegeleid_pct": gettext_lazy("Toegeleid of warm overgedragen"),
    "zes_maanden_nagevraagd": gettext_lazy("Na zes maanden nagevraagd (ja of nee)"),
    "nog_in_zorg_na_zes_maanden": gettext_lazy("Nog in zorg na zes maanden"),
    "nog_in_zorg_na_zes_maanden_pct": gettext_lazy("Aandeel nog in zorg na zes maanden"),
}

FIELD_LABELS: dict[str, Any] = {
    "gestart": gettext_lazy("Instroom (gestart)"),
    "afgesloten": gettext_lazy("Uitstroom (afgesloten)"),
    "casussen": gettext_lazy("Casussen"),
}

# What each share or median is computed from (the small-cell rule hides it with them).
DERIVED_FROM: dict[str, tuple[str, ...]] = {
    "triage_binnen_norm_pct": ("meldingen_getrieerd",),
    "mediaan_werkdagen_tot_triage": ("meldingen_getrieerd",),
    "eerste_poging_binnen_norm_pct": ("casussen_gestart",),
    "mediaan_dagen_tot_eerste_contact": ("casussen_gestart",),
    "mediaan_pogingen_tot_contact": ("casussen_gestart",),
    "casussen_nooit_bereikt_pct": ("casussen_nooit_bereikt", "casussen_afgesloten"),
    "mediaan_doorlooptijd_dagen": ("casussen_afgesloten",),
    # Like casussen_nooit_bereikt_pct: hidden when the part or the whole is small.
    "nog_in_zorg_na_zes_maanden_pct": ("nog_in_zorg_na_zes_maanden", "zes_maanden_nagevraagd"),
    # Not from every count (the safe default for a share without sources): its own part and whole.
    "toegeleid_pct": ("afsluitingen_toegeleid", "afsluitingen_uitkomst_bekend"),
}


@dataclass(frozen=True)
class Research:
    text: Any
    source: Any


ROEG_2012 = gettext_lazy("Roeg e.a. (2012), Tilburg University: ruim 500 cliënten in drie regio's, 2008-2011.")
# Matched on a part of the indicator key, so an outcome indicator added later finds its line.
RESEARCH: list[tuple[str, Research]] = [
    (
        "toegeleid_pct",
        Research(
            gettext_lazy("Onderzoek (Roeg e.a. 2012): ongeveer twee derde naar zorg of ondersteuning."), ROEG_2012
        ),
    ),
    (
        # The share only: the research line once, next to the figure it compares with.
        "in_zorg_na_zes_maanden_pct",
        Research(
            gettext_lazy("Onderzoek (Roeg e.a. 2012): een half jaar na afsluiten ruim 60 % nog in zorg."), ROEG_2012
        ),
    ),
    (
        "nooit_bereikt_pct",
        Research(
            # xgettext:no-python-format ("10 % raakte" is no "%r")
            gettext_lazy("Onderzoek (Roeg e.a. 2012): ruim 10 % raakte uit beeld of bleef zorgmijdend."),
            ROEG_2012,
        ),
    ),
]


def label(key: str) -> str:
    if key in LABELS:
        return str(LABELS[key])
    base, _sep, part = key.partition(".")
    if base == TRENDS and part:
        return _("%(indicator)s per maand") % {"indicator": label(part)}
    if part:
        return f"{label(base)}: {FIELD_LABELS.get(part, part)}"
    return key.replace("_", " ").capitalize()


def part_label(key: str) -> str:
    """A column of a list indicator by itself ("Instroom (gestart)")."""
    part = key.partition(".")[2]
    return str(FIELD_LABELS.get(part, part)) if part else label(key)


def definition(key: str) -> str:
    text = DEFINITIONS.get(_indicator(key), "")
    if key.startswith(f"{TRENDS}.") and text:
        return f"{text} {DEFINITIONS[TRENDS]}"
    return str(text)


def _choices(choices: Any) -> Callable[[], dict[str, str]]:
    return lambda: {value: str(text) for value, text in choices.choices}


def _zorg_labels() -> dict[str, str]:
    return dict(ConcernCategory.objects.values_list("code", "label"))


def _phase_labels() -> dict[str, str]:
    return {value: str(text) for value, text in Phase.choices}


SUB_LABELS: dict[str, Callable[[], dict[str, str]]] = {
    "meldingen_per_bron": _choices(MelderType),
    "meldingen_per_kanaal": _choices(Channel),
    "meldingen_per_zorg": _zorg_labels,
    "triage_uitkomsten": _choices(Outcome),
    "casussen_per_fase": _phase_labels,
    "uitkomsten_bij_afsluiten": _choices(Uitkomst),
}


def sub_labels(key: str, subs: list[str], zorg_labels: Mapping[str, str] | None = None) -> list[str]:
    """``zorg_labels``: the zorgen's labels when the caller has them (fetched with the figures),
    else they are read here."""
    base = key.partition(".")[0]
    known = (
        dict(zorg_labels) if base == "meldingen_per_zorg" and zorg_labels is not None else SUB_LABELS.get(base, dict)()
    )
    if key.startswith(("instroom_uitstroom_per_maand", f"{TRENDS}.")):
        known = {sub: month_label(sub) for sub in subs}
    return [known.get(sub) or _code_label(sub) for sub in subs]


def _code_label(sub: str) -> str:
    """A code without a label ("weigert_hulp") readable; a name (a team, a worker) as it is."""
    return sub.replace("_", " ").capitalize() if re.fullmatch(r"[a-z0-9_]+", sub) else sub


def month_label(month: str) -> str:
    """ "2026-02" as "feb 2026"."""
    try:
        year, number = (int(part) for part in month.split("-"))
        return formats.date_format(date(year, number, 1), "b Y")
    except ValueError:
        return month


def _indicator(key: str) -> str:
    """The indicator a (flattened) key is about: "per_maand.x_pct" is about "x_pct"."""
    base, _sep, part = key.partition(".")
    return part if base == TRENDS and part else base


def is_derived(key: str) -> bool:
    base = _indicator(key)
    return base in DERIVED_FROM or base.endswith("_pct") or base.startswith("mediaan_")


def unit(key: str) -> str:
    return "%" if _indicator(key).endswith("_pct") else ""


def decimals(key: str) -> int:
    return 1 if is_derived(key) else 0


def _text_field(row: Mapping[str, Any]) -> str | None:
    return next((name for name, value in row.items() if isinstance(value, str)), None)


def normalised(data: Mapping[str, Any]) -> dict[str, Any]:
    """Numbers and splits only: a list of rows (per month, per worker) becomes one
    split per number column, keyed by the text column ("key" for one column,
    "key.column" for more)."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if not isinstance(value, list):
            out[key] = value
            continue
        rows = [row for row in value if isinstance(row, Mapping)]
        name = _text_field(rows[0]) if rows else None
        columns = [c for c in (rows[0] if rows else {}) if c != name]
        if not columns:
            out[key] = {}
            continue
        for column in columns:
            split = {str(row[name]) if name else str(i): row[column] for i, row in enumerate(rows)}
            out[key if len(columns) == 1 else f"{key}.{column}"] = split
    return out


def without_worker_names(data: Mapping[str, Any]) -> dict[str, Any]:
    """The caseload per worker with "Casusregisseur 1, 2, ..." (busiest first) for the names:
    outside the team the distribution counts, not who carries it."""
    out = dict(data)
    if "caseload_per_medewerker" in out:
        rows = sorted(out["caseload_per_medewerker"], key=lambda row: -row["casussen"])
        out["caseload_per_medewerker"] = [
            {**row, "medewerker": _("Casusregisseur %(n)d") % {"n": n}} for n, row in enumerate(rows, start=1)
        ]
    return out


def for_export(data: Mapping[str, Any]) -> dict[str, Any]:
    """What may leave the team: the small-cell rule over every figure, no worker names."""
    flat = normalised(without_worker_names(data))
    derived_keys = [key for key in flat if key not in OTHER and is_derived(key)]
    counts = [key for key in flat if key not in OTHER and key not in derived_keys]
    derived: dict[str, tuple[str, ...]] = {}
    for key in derived_keys:
        # A month's share or median follows the same month's counts.
        prefix = f"{TRENDS}." if key.startswith(f"{TRENDS}.") else ""
        name = key.removeprefix(prefix)
        pool = [count for count in counts if count.startswith(prefix)] if prefix else counts
        stem = prefix + name.removesuffix("_pct")
        sources = tuple(prefix + source for source in DERIVED_FROM.get(name, ()))
        # A new share without a declared source is hidden with any small count (the safe side).
        derived[key] = sources or ((stem,) if stem in pool else tuple(pool))
    return privacy.suppress_small_cells(
        flat, counts=counts, derived=derived, other=[key for key in OTHER if key in flat]
    )


def export_rows(data: Mapping[str, Any], zorg_labels: Mapping[str, str] | None = None) -> list[IndicatorRow]:
    """One row per figure (a split: one row per part), small cells suppressed."""
    shown = for_export(data)
    rows = [
        IndicatorRow("periode_van", _("Van"), shown["van"], ""),
        IndicatorRow("periode_tot", _("Tot en met"), shown["tot"], ""),
        IndicatorRow("gemeente", _("Gemeente"), shown.get("gemeente") or _("Alle gemeenten"), ""),
        IndicatorRow("team", _("Team"), shown.get("team") or _("Alle teams"), ""),
        IndicatorRow("bron", _("Bron"), bron_label(shown.get("bron")), ""),
    ]
    for key, value in shown.items():
        if key in OTHER:
            continue
        if isinstance(value, Mapping):
            subs = list(value)
            for sub, sub_label in zip(subs, sub_labels(key, subs, zorg_labels), strict=True):
                rows.append(IndicatorRow(f"{key}.{sub}", f"{label(key)}: {sub_label}", value[sub], definition(key)))
        else:
            rows.append(IndicatorRow(key, label(key), value, definition(key)))
    return rows


def bron_label(bron: str | None) -> str:
    return str(MelderType(bron).label) if bron in MelderType.values else _("Alle bronnen")


# --- the page ---------------------------------------------------------------------


@dataclass
class Section:
    key: str
    label: str
    definition: str
    value: str | None = None  # a single figure, formatted
    columns: list[str] = field(default_factory=list)
    # Per row: its header and its cells as (column, value), so a phone card labels each value.
    rows: list[tuple[str, list[tuple[str, str | None]]]] = field(default_factory=list)
    chart: SafeString | None = None
    research: list[Research] = field(default_factory=list)
    # A single figure's trend per month: its chart, and a table of (month, value).
    trend_chart: SafeString | None = None
    trend_rows: list[tuple[str, str | None]] = field(default_factory=list)


def shown(value: Any, key: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return charts.dutch_number(value, decimals(key), unit(key))


def _research(key: str) -> list[Research]:
    return [research for part, research in RESEARCH if part in key]


def _add_trend(section: Section, trend: Mapping[str, Any] | None) -> None:
    if not trend:
        return
    months = list(trend)
    names = [month_label(month) for month in months]
    section.trend_rows = [(name, shown(trend[month], section.key)) for month, name in zip(months, names, strict=True)]
    section.trend_chart = charts.line_chart(
        _("%(indicator)s per maand") % {"indicator": section.label},
        names,
        {section.label: [_plotted(trend[month]) for month in months]},
        unit=unit(section.key),
        chart_id=f"grafiek-{section.key}-per-maand",
    )


def _plotted(value: Any) -> float | None:
    """A suppressed cell ("<5", "—") has no bar and no point."""
    return value if isinstance(value, int | float) else None


def sections(
    data: Mapping[str, Any], *, suppressed: bool = False, zorg_labels: Mapping[str, str] | None = None
) -> list[Section]:
    """One section per indicator: ``DEFINITIONS`` order, then any other key. ``suppressed``:
    as the figures leave the team (small cells, no worker names), for viewers outside it."""
    flat = for_export(data) if suppressed else normalised(data)
    keys = [key for key in DEFINITIONS if key in data] + [key for key in data if key not in DEFINITIONS]
    out = []
    for key in keys:
        if key in OTHER or key == TRENDS:
            continue
        section = Section(key=key, label=label(key), definition=definition(key), research=_research(key))
        parts = [k for k in flat if k == key or k.startswith(f"{key}.")]
        if parts == [key] and not isinstance(flat[key], Mapping):
            section.value = shown(flat[key], key)
            _add_trend(section, flat.get(f"{TRENDS}.{key}"))
        elif len(parts) == 1:
            split = flat[key]
            subs = list(split)
            names = sub_labels(key, subs, zorg_labels)
            section.columns = [label(key), _("Aantal") if not is_derived(key) else _("Waarde")]
            section.rows = [
                (name, [(section.columns[1], shown(split[sub], key))]) for sub, name in zip(subs, names, strict=True)
            ]
            if subs:
                section.chart = charts.bar_chart(
                    label(key), names, [_plotted(split[sub]) for sub in subs], unit=unit(key), chart_id=f"grafiek-{key}"
                )
        elif parts:
            subs = list(flat[parts[0]])
            names = sub_labels(key, subs, zorg_labels)
            section.columns = [_("Maand") if "maand" in key else label(key), *(part_label(part) for part in parts)]
            section.rows = [
                (name, [(part_label(part), shown(flat[part][sub], part)) for part in parts])
                for sub, name in zip(subs, names, strict=True)
            ]
            if subs:
                section.chart = charts.line_chart(
                    label(key),
                    names,
                    {part_label(part): [_plotted(flat[part][sub]) for sub in subs] for part in parts},
                    chart_id=f"grafiek-{key}",
                )
        out.append(section)
    return out
