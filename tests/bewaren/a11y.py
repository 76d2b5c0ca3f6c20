"""Retention objects for the browser tests, made on first use: a melding without follow-up
triaged long ago (so today's report lists it), a hold on the scenario's casus, a run."""

import datetime

from django.utils import timezone

from tests.factories import MeldingFactory
from vangnet.bewaren import services
from vangnet.bewaren.models import RetentionRemoval, RetentionRun, Soort
from vangnet.triage.models import TriageDecision


def old_melding(org, by):
    """A melding triaged to 'geen actie' three years ago: past the two-year term."""
    long_ago = timezone.now() - datetime.timedelta(days=3 * 365)
    melding = MeldingFactory(meldpunt=org, created_by=by, status="getrieerd", received_at=long_ago)
    TriageDecision.objects.create(
        melding=melding,
        acute_danger="nee",
        already_in_care="nee",
        known_to_partners="nee",
        outcome="geen_actie",
        reason="Buurtruzie, geen zorgen over de persoon",
        decided_by=by,
        decided_at=long_ago,
    )
    return melding


def bewaren_objects(s, p):
    if "bewaren" in s:
        return s["bewaren"]
    melding = old_melding(s["casus"].organisation, p["meldpunt"])
    hold = services.place_hold(s["casus"], reason="Klacht bij de klachtencommissie loopt", by=p["privacy"])
    report = services.write_report()
    run = RetentionRun.objects.create(report=None, removed=1, finished_at=timezone.now())
    RetentionRemoval.objects.create(
        run=run, kind=Soort.MELDING, object_id=0, reference="M-2020-0001", outcome="verwijderd", rows=12
    )
    s["bewaren"] = {"melding": melding, "hold": hold, "report": report, "run": run}
    return s["bewaren"]


def submit_release_unconfirmed(page):
    page.get_by_role("button", name="Vrijgeven voor verwijdering").click()
    page.get_by_role("alert").wait_for()
