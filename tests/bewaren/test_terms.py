"""The bewaartermijnen come from the environment and are checked at startup."""

from datetime import UTC, datetime

from django.test import override_settings

from vangnet.bewaren.checks import check_retention_terms
from vangnet.core.months import add_months

DEFAULTS = {
    "melding": "24",
    "casus": "60",
    "wvggz_onderzoek": "60",
    "in_beeld_vraag": "6",
    "statusbericht": "6",
    "persoon": "3",
}


def errors():
    return [e for e in check_retention_terms() if e.id == "bewaren.E001"]


def test_the_defaults_pass_the_check():
    with override_settings(VANGNET_BEWAARTERMIJNEN=DEFAULTS):
        assert errors() == []


def test_a_term_below_its_floor_or_not_a_number_is_refused():
    with override_settings(VANGNET_BEWAARTERMIJNEN=DEFAULTS | {"casus": "3", "melding": "twee jaar"}):
        messages = [e.msg for e in errors()]
    assert any("VANGNET_BEWAARTERMIJN_CASUS is 3 months" in m for m in messages)
    assert any("VANGNET_BEWAARTERMIJN_MELDING is 'twee jaar'" in m for m in messages)


def test_months_are_calendar_months():
    assert add_months(datetime(2024, 1, 31, tzinfo=UTC), 1) == datetime(2024, 2, 29, tzinfo=UTC)
    assert add_months(datetime(2024, 3, 15, tzinfo=UTC), -15) == datetime(2022, 12, 15, tzinfo=UTC)
