"""``manage.py figures --from 2026-01-01 --to 2026-01-31 [--gemeente NAME] --json``:
the monitor's indicators as one JSON object, for the municipality's monthly report."""

import json
import re
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from vangnet.monitor.indicators import compute_indicators
from vangnet.organisations.models import Gemeente


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


class Command(BaseCommand):
    help = "Print the monitor's indicators for a period as one JSON object."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="van", required=True, help="First day, YYYY-MM-DD (inclusive).")
        parser.add_argument("--to", dest="tot", required=True, help="Last day, YYYY-MM-DD (inclusive).")
        parser.add_argument("--gemeente", default=None, help="Only this gemeente (its name).")
        parser.add_argument("--json", action="store_true", help="Print JSON (the only format for now).")

    def handle(self, *args: Any, **options: Any) -> None:
        van, tot = _day(options["van"], "--from"), _day(options["tot"], "--to")
        if van > tot:
            raise CommandError(
                _("--from (%(van)s) ligt na --to (%(tot)s): de begindatum moet vóór of op de einddatum liggen.")
                % {"van": van.isoformat(), "tot": tot.isoformat()}
            )
        gemeente = None
        if options["gemeente"] is not None:
            gemeente = Gemeente.objects.filter(name__iexact=options["gemeente"].strip()).first()
            if gemeente is None:
                raise CommandError(
                    _("Onbekende gemeente '%(name)s'. Bekende gemeenten: %(known)s.")
                    % {
                        "name": options["gemeente"],
                        "known": ", ".join(Gemeente.objects.values_list("name", flat=True)) or "-",
                    }
                )
        figures = compute_indicators(van, tot, gemeente).as_dict()
        self.stdout.write(json.dumps(_rounded(figures), ensure_ascii=False))
