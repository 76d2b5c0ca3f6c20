"""``manage.py figures``: the indicators as one JSON object, and clear refusals of bad input."""

import json
import subprocess
import sys
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.management import CommandError, call_command

from vangnet.monitor.indicators import compute_indicators

from .conftest import local

pytestmark = pytest.mark.django_db

NOW = local(2026, 4, 10, 12)


def figures(*args: str) -> dict:
    out = StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("figures", *args, stdout=out)
    return json.loads(out.getvalue())


def test_the_json_is_the_functions_result(world):
    data = figures("--from", "2026-02-01", "--to", "2026-03-31", "--json")
    expected = compute_indicators(date(2026, 2, 1), date(2026, 3, 31), now=NOW).as_dict()
    assert data == expected
    # Numbers as numbers, a share with one decimal, the hand-computed values.
    assert data["meldingen_ontvangen"] == 5
    assert isinstance(data["meldingen_ontvangen"], int)
    assert data["triage_binnen_norm_pct"] == 60.0
    assert data["casussen_nooit_bereikt_pct"] == 33.3
    assert data["mediaan_dagen_tot_eerste_contact"] == 3.5
    assert data["gemeente"] is None


def test_one_gemeente_by_name_in_any_case(world):
    data = figures("--from", "2026-02-01", "--to", "2026-03-31", "--gemeente", "amstelveen", "--json")
    expected = compute_indicators(date(2026, 2, 1), date(2026, 3, 31), world.amstelveen, now=NOW).as_dict()
    assert data == expected
    assert data["gemeente"] == "Amstelveen"
    assert data["meldingen_ontvangen"] == 3


def test_undefined_shares_are_null(world):
    data = figures("--from", "2024-06-01", "--to", "2024-06-30", "--json")
    assert data["triage_binnen_norm_pct"] is None
    assert data["mediaan_doorlooptijd_dagen"] is None
    assert data["meldingen_ontvangen"] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2026-02-30", "--to", "2026-03-31"], "--from: '2026-02-30' is geen datum"),
        (["--from", "2026-02-01", "--to", "31-03-2026"], "--to: '31-03-2026' is geen datum"),
        (["--from", "20260201", "--to", "2026-03-31"], "is geen datum"),
        (["--from", "2026-04-01", "--to", "2026-03-31"], "ligt na --to"),
        (["--from", "2026-02-01", "--to", "2026-03-31", "--gemeente", "Atlantis"], "Onbekende gemeente 'Atlantis'"),
    ],
)
def test_bad_input_is_a_clear_dutch_error(world, args, message):
    with pytest.raises(CommandError, match=message):
        figures(*args, "--json")


def test_bad_input_from_the_shell_exits_non_zero_without_a_traceback():
    manage = Path(__file__).resolve().parents[2] / "manage.py"
    result = subprocess.run(
        [sys.executable, str(manage), "figures", "--from", "gisteren", "--to", "2026-03-31", "--json"],
        capture_output=True,
        text=True,
        check=False,
        env={"DJANGO_SETTINGS_MODULE": "vangnet.settings_test", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode != 0
    assert "is geen datum" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
