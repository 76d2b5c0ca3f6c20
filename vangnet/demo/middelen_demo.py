"""Demo data of practical means (vangnet.middelen, issue 15 part 6): one flexible
budget approved by the teamleider, and two waiting-list entries for a follow-up
place, one of them placed (so the waiting times show both). Built through the services."""

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from vangnet.cases.models import Casus
from vangnet.intake.models import Melding
from vangnet.middelen import services


def _casus(world: Any, key: str) -> Casus | None:
    melding = world.meldingen.get(key)
    if melding is None:
        return None
    casus = Melding.objects.select_related("casus").get(pk=melding.pk).casus
    return casus if casus is not None and casus.is_open else None


def build(world: Any, now: datetime | None = None) -> None:
    """Called once from builders.build_demo, after plannen_demo."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    benali, hoekstra = _casus(world, "c-benali"), _casus(world, "c-hoekstra")
    if benali is not None:
        approvers = services.approvers(benali)
        start = timezone.localdate(benali.opened_at)
        if approvers:
            services.record_inzet(
                benali,
                kind="budget",
                amount=Decimal("185.00"),
                purpose="Treinkaartje naar Utrecht en een week boodschappen, tot de uitkering loopt.",
                approved_by=approvers[0],
                spent_on=max(today - timedelta(days=6), start),
                by=benali.casusregisseur,
            )
        services.put_on_waiting_list(
            benali,
            kind="beschermd-wonen",
            provider="Stichting Onderdak Rivierstad",
            listed_on=today - timedelta(days=48),
            by=benali.casusregisseur,
        )
    if hoekstra is not None:
        entry = services.put_on_waiting_list(
            hoekstra,
            kind="opvang",
            provider="De Herberg",
            listed_on=today - timedelta(days=30),
            by=hoekstra.casusregisseur,
        )
        services.record_placement(
            entry,
            expected_version=entry.version,
            status="geplaatst",
            placed_on=today - timedelta(days=9),
            by=hoekstra.casusregisseur,
        )
