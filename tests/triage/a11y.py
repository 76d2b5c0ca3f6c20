"""Triage state for tests/browser/test_accessibility.py (issue 12 item 3): a new
melding about the person of the scenario's running casus, triaged with
"Bemoeizorg starten", so the screen shows the casus's team, kept by default."""

import datetime

from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import MeldingFactory


def running_team_screen(page, s, p):
    if "triage_second" not in s:
        s["triage_second"] = MeldingFactory(
            meldpunt=s["casus"].organisation,
            created_by=p["meldpunt"],
            given_names="Johannes",
            surname="Meulenbroek",
            date_of_birth=datetime.date(1961, 7, 14),
            bsn="111222333",
        )
    page.goto(reverse("triage:melding", args=[s["triage_second"].pk]))
    # Each choice posts the whole form for fresh decision fields (hx-sync replace: the last
    # answer wins), so wait for what the last one shows, not for a response event: a CI run
    # missed the first choice's response (the two may come back as one).
    page.locator(f'input[name="person"][value="{s["person"].pk}"]').check()
    page.get_by_role("group", name="Besluit").get_by_label("Bemoeizorg starten").check()
    expect(page.get_by_text("het team blijft zoals het is")).to_be_visible()
    expect(page.get_by_label("Casusregisseur")).to_have_count(0)
