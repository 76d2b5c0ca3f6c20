"""``manage.py figures --from 2026-01-01 --to 2026-01-31 [--gemeente NAME] --json``:
the monitor's indicators as one JSON object, for the municipality's monthly report.

``--organisatie NAME`` gives the figures a teamleider of that organisation sees on the
page (its meldpunt's meldingen, its casussen); ``--team NAME`` and ``--bron CODE`` are
the page's filters. Without them: the whole database."""

import json
import re
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from vangnet.intake.models import MelderType
from vangnet.monitor.indicators import compute_indicators
from vangnet.monitor.policies import Scope
from vangnet.organisations.models import Gemeente, Organisation, Team


def _day(value: str, option: str) -> date:
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _("%(option)s: '%(value)s' is geen datum; geef de datum als JJJJ-MM-DD, bijvoorbeeld 2026-01-31.")
            % {"option": option, "value": value}
        ) from None


def _rounded(value: Any) -> Any:
    """Floats to one decimal, through lists and dicts (counts stay whole numbers)."""
    if isinstance(value, float):
        return round(value, 1)
    if isinstance(value, dict):
        return {key: _rounded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_rounded(item) for item in value]
    return value


def _named[M: Model](rows: QuerySet[M], name: str | None, what: str) -> M | None:
    """The row called ``name`` (any case), None without a name; an unknown or ambiguous name is an error."""
    if name is None:
        return None
    found = list(rows.filter(name__iexact=name.strip())[:2])
    if len(found) != 1:
        raise CommandError(
            _("Onbekende %(what)s '%(name)s'. Bekend: %(known)s.")
            % {"what": what, "name": name, "known": ", ".join(rows.values_list("name", flat=True)) or "-"}
        )
    return found[0]


class Command(BaseCommand):
    help = "Print the monitor's indicators for a period as one JSON object."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="van", required=True, help="First day, YYYY-MM-DD (inclusive).")
        parser.add_argument("--to", dest="tot", required=True, help="Last day, YYYY-MM-DD (inclusive).")
        parser.add_argument("--gemeente", default=None, help="Only this gemeente (its name).")
        parser.add_argument("--organisatie", default=None, help="Only this organisation's meldpunt and casussen.")
        parser.add_argument("--team", default=None, help="Only the casussen of this team (its name).")
        parser.add_argument("--bron", default=None, choices=MelderType.values, help="Only meldingen of this bron.")
        parser.add_argument("--json", action="store_true", help="Print JSON (the only format for now).")

    def handle(self, *args: Any, **options: Any) -> None:
        van, tot = _day(options["van"], "--from"), _day(options["tot"], "--to")
        if van > tot:
            raise CommandError(
                _("--from (%(van)s) ligt na --to (%(tot)s): de begindatum moet vóór of op de einddatum liggen.")
                % {"van": van.isoformat(), "tot": tot.isoformat()}
            )
        gemeente = _named(Gemeente.objects.all(), options["gemeente"], _("gemeente"))
        organisation = _named(Organisation.objects.all(), options["organisatie"], _("organisatie"))
        teams = Team.objects.filter(organisation=organisation) if organisation else Team.objects.all()
        team = _named(teams, options["team"], _("team"))
        scope = Scope(organisation_id=organisation.pk) if organisation else Scope()
        figures = compute_indicators(van, tot, gemeente, scope=scope, team=team, bron=options["bron"]).as_dict()
        self.stdout.write(json.dumps(_rounded(figures), ensure_ascii=False))
