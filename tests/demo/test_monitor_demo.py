"""The demo's background for the monitor (issue 13): in the default period (the last twelve
whole months) every count is there, every split has its parts, every share and median
can be computed, and the months have inflow and outflow. The demo is built from today,
so the checks are on presence, not on exact values (which the monitor's own tests fix)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from vangnet.cases.models import Casus, Phase
from vangnet.demo import monitor_demo
from vangnet.intake.models import Channel, MelderType, Melding
from vangnet.monitor.forms import last_full_months
from vangnet.monitor.indicators import RUNNING_PHASES, compute_indicators
from vangnet.triage.models import Outcome

pytestmark = pytest.mark.django_db


def test_the_default_period_shows_every_indicator_and_the_background_is_plausible(settings):
    # One build for all the checks: the demo takes seconds.
    settings.VANGNET_DEMO = True
    call_command("load_demo", stdout=StringIO())
    figures = compute_indicators(*last_full_months(timezone.localdate())).as_dict()
    every_count_is_there(figures)
    every_share_and_median_can_be_computed(figures)
    every_split_shows_its_parts(figures)
    the_months_have_inflow_and_outflow(figures)
    the_background_is_in_order_of_time()
    out = StringIO()
    call_command("verify_access_log", stdout=out)
    assert out.getvalue().startswith("OK")


def every_count_is_there(figures: dict) -> None:
    counts = {key: value for key, value in figures.items() if isinstance(value, int)}
    assert set(counts) >= {
        "meldingen_ontvangen",
        "meldingen_getrieerd",
        "casussen_gestart",
        "casussen_afgesloten",
        "casussen_lopend_einde",
        "casussen_nooit_bereikt",
        "herhaalde_personen",
        "casussen_heropend",
        "zes_maanden_nagevraagd",
        "nog_in_zorg_na_zes_maanden",
    }
    assert {key: value for key, value in counts.items() if not value} == {}
    # Like a meldpunt of a middle-sized region: 25 to 60 meldingen a month.
    assert 25 * 12 <= figures["meldingen_ontvangen"] <= 60 * 12


def every_share_and_median_can_be_computed(figures: dict) -> None:
    derived = [key for key in figures if key.endswith("_pct") or key.startswith("mediaan_")]
    assert len(derived) >= 9
    assert {key: figures[key] for key in derived if figures[key] is None} == {}
    assert 0 < figures["triage_binnen_norm_pct"] < 100  # some triaged late
    assert 0 < figures["eerste_poging_binnen_norm_pct"] < 100  # some first attempts late
    assert 0 < figures["nog_in_zorg_na_zes_maanden_pct"] < 100  # ja and nee


def every_split_shows_its_parts(figures: dict) -> None:
    assert all(figures["meldingen_per_bron"][bron] for bron in MelderType.values)
    assert all(figures["meldingen_per_kanaal"][kanaal] for kanaal in Channel.values)
    assert sum(1 for n in figures["meldingen_per_zorg"].values() if n) >= 12
    assert all(figures["triage_uitkomsten"][outcome] for outcome in Outcome.values)
    assert all(figures["casussen_per_fase"][phase] for phase in RUNNING_PHASES)
    outcomes = figures["uitkomsten_bij_afsluiten"]
    assert sum(1 for n in outcomes.values() if n) >= 6
    assert outcomes["warme_overdracht"] and outcomes["toegeleid"] and outcomes["uit_beeld"]
    assert len(figures["caseload_per_medewerker"]) >= 2 + len(monitor_demo.WORKERS)
    assert len(figures["caseload_per_team"]) >= 2


def the_months_have_inflow_and_outflow(figures: dict) -> None:
    months = figures["instroom_uitstroom_per_maand"]
    assert len(months) == 12
    both = [m for m in months if m["gestart"] and m["afgesloten"]]
    assert len(both) >= 10
    assert len({m["gestart"] for m in months}) >= 3  # varied, not flat
    assert len({m["afgesloten"] for m in months}) >= 3


def the_background_is_in_order_of_time() -> None:
    """Received < triaged < casus opened < attempts and phase changes < now; closed_at is the closing."""
    now = timezone.now()
    for melding in Melding.objects.filter(status=Melding.Status.GETRIEERD).select_related("triage"):
        assert melding.received_at <= melding.triage.decided_at <= now
    for casus in Casus.objects.filter(casusregisseur__username__in=list(monitor_demo.WORKERS)):
        assert casus.meldingen.earliest("received_at").received_at <= casus.opened_at
        moments = [change.changed_at for change in casus.phase_changes.order_by("changed_at", "pk")]
        assert moments[0] == casus.opened_at and moments[-1] <= now
        attempts = [a.at for a in casus.attempts.all()]
        assert all(casus.opened_at <= at <= now for at in attempts)
        if casus.phase == Phase.AFGESLOTEN:
            assert casus.closed_at == casus.phase_changes.latest("changed_at", "pk").changed_at
