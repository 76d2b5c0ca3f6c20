"""'Te laat' with more than one page of late meldingen (issue 17 pages it, 50 a list): the
pager on a phone (390 px) and at 320 px reflow, axe-core on both pages, and page 2 holds
the rest of the late meldingen."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import MeldingFactory
from vangnet.worklists.views import OVERDUE_PER_PAGE

pytestmark = pytest.mark.browser

LATE = OVERDUE_PER_PAGE + 7


@pytest.fixture
def late_meldingen(region, people):
    received = timezone.now() - timedelta(days=30)
    return [
        MeldingFactory(meldpunt=region["ggd"], created_by=people["meldpunt"], received_at=received - timedelta(hours=i))
        for i in range(LATE)
    ]


def _references(page) -> set[str]:
    return set(re.findall(r"M-TEST-\d+", page.locator("main").inner_text()))


def _no_sideways_scroll(page) -> None:
    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"{width[0]} px wide at {width[1]} px"


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 320, "height": 640}])
def test_te_laat_pager_on_a_phone(page, session_login, people, late_meldingen, check_a11y, viewport):
    page.set_viewport_size(viewport)
    session_login(page, people["meldpunt"])
    page.goto(reverse("worklists:overdue"))
    pager = page.get_by_role("navigation", name="Pagina's van de meldingen over de triagenorm")
    expect(pager).to_contain_text("Pagina 1 van 2")
    _no_sideways_scroll(page)
    check_a11y(page, f"te laat, pagina 1, {viewport['width']} px")
    first = _references(page)

    pager.get_by_role("link", name="Volgende").click()
    page.wait_for_url("**meldingen=2**")
    pager = page.get_by_role("navigation", name="Pagina's van de meldingen over de triagenorm")
    expect(pager).to_contain_text("Pagina 2 van 2")
    expect(pager.get_by_role("link", name="Vorige")).to_be_visible()
    second = _references(page)
    assert len(first) == OVERDUE_PER_PAGE and not first & second
    assert first | second == {m.reference for m in late_meldingen}
    _no_sideways_scroll(page)
    check_a11y(page, f"te laat, pagina 2, {viewport['width']} px")
