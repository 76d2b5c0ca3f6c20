"""Issue 14 at triage in a real phone-sized browser: "te weinig gegevens" instead of a ranking,
the place search over HTMX, picking the person found, axe-core and no CSP errors."""

import pytest
from django.urls import reverse

from tests.conftest import verified_client
from tests.factories import MeldingFactory, PersonFactory
from vangnet.intake.models import Melding

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, user):
    client = verified_client(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def _decision_fields_post(response) -> bool:
    return response.request.method == "POST" and "/besluitvelden/" in response.url


def test_too_little_then_search_by_place_and_pick(page, live_server, check_a11y, no_csp_violations, ggd, users):
    greet = PersonFactory(
        given_names="Greet",
        surname="",
        date_of_birth=None,
        estimated_birth_year=1951,
        sex="V",
        place_description="Zwerft rond de haven, grijze jas",
    )
    MeldingFactory(meldpunt=ggd, created_by=users["meldpunt"], person=greet, status="getrieerd", surname="")
    melding = MeldingFactory(
        meldpunt=ggd,
        created_by=users["meldpunt"],
        given_names="",
        surname="",
        sex="V",
        city="Hoorn",
        place_description="vrouw, ~75, zwerft rond de haven",
    )
    _login(page, live_server, users["meldpunt"])
    page.goto(reverse("triage:melding", args=[melding.pk]))
    note = page.get_by_role("note", name="Te weinig gegevens om betrouwbaar te zoeken")
    assert note.is_visible()
    check_a11y(page, "triage: te weinig gegevens")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    note.get_by_role("link", name="Zoeken op plek en beschrijving").click()
    field = page.get_by_label("Zoeken op plek en beschrijving")
    assert field.input_value() == "vrouw, ~75, zwerft rond de haven"
    field.fill("haven")
    with page.expect_response(lambda r: "plek-zoeken" in r.url):
        page.get_by_role("button", name="Zoek op plek").click()
    group = page.get_by_role("group", name="Bekend op deze plek: kies wie het is")
    group.wait_for()
    check_a11y(page, "triage: gezocht op plek")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # The person, acute danger and the outcome each re-render the conditional fields over HTMX.
    # The reason is not among them, so it needs no waiting: typed while those answers are still
    # on their way (held back here until it is typed), it stays.
    held = []

    def hold(route):
        held.append(route)

    page.route("**/besluitvelden/", hold)
    group.get_by_label("Greet", exact=False).check()
    page.locator("#id_acute_danger_1").check()  # nee
    page.get_by_label("Geen actie").check()
    page.locator("#id_already_in_care_2").check()
    page.locator("#id_known_to_partners_1").check()
    reason = page.get_by_label("Toelichting, reden of advies")
    reason.fill("Bekend bij het straatteam, geen zorgen nu.")
    assert held
    with page.expect_response(_decision_fields_post):
        for route in held:
            route.continue_()
    page.unroute("**/besluitvelden/", hold)
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')")
    assert reason.input_value() == "Bekend bij het straatteam, geen zorgen nu."
    page.get_by_role("button", name="Besluit vastleggen").click()
    page.wait_for_url(f"**{reverse('intake:detail', args=[melding.pk])}", wait_until="domcontentloaded")
    assert Melding.objects.get(pk=melding.pk).person_id == greet.pk
    no_csp_violations(page)
