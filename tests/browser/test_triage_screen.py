"""The triage screen in a real browser: HTMX conditional fields, the acute-danger
warning, no CSP errors, and no serious axe-core violations."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import verified_client
from tests.factories import MeldingFactory, PersonFactory
from vangnet.cases.models import Casus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def melding(ggd, users):
    return MeldingFactory(
        meldpunt=ggd,
        created_by=users["meldpunt"],
        given_names="Jan",
        surname="van den Berg",
        date_of_birth=datetime.date(1970, 5, 17),
        received_at=timezone.make_aware(datetime.datetime(2026, 3, 1, 10, 0)),
    )


@pytest.fixture
def known_person(db):
    """The same man, registered earlier with the tussenvoegsel in its own field."""
    return PersonFactory(
        given_names="Jan", tussenvoegsel="van den", surname="Berg", date_of_birth=datetime.date(1970, 5, 17)
    )


def _login(page, live_server, user):
    client = verified_client(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_triage_screen_in_browser(page, live_server, check_a11y, users, melding, known_person):
    _login(page, live_server, users["meldpunt"])
    page.goto(reverse("triage:melding", args=[melding.pk]))
    assert page.get_by_role("heading", name="Is deze persoon al bekend?").is_visible()
    check_a11y(page, "triagescherm")

    # Without a chosen outcome every conditional part is shown (works without JS).
    assert page.locator("#id_referred_to").count() == 1
    page.get_by_label("Doorverwijzen naar reguliere zorg").check()
    page.locator("#id_casusregisseur").wait_for(state="detached")
    assert page.locator("#id_referred_to").count() == 1

    page.locator("#id_acute_danger_0").check()  # acuut gevaar: ja
    page.get_by_text("Acuut gevaar hoort bij de GGZ-crisisdienst of bij 112").wait_for()
    page.get_by_label("Doorgezet naar crisisdienst").check()
    page.get_by_text("Acuut gevaar hoort bij de GGZ-crisisdienst of bij 112").wait_for(state="detached")

    page.get_by_label("Bemoeizorg starten").check()
    page.locator("#id_casusregisseur").wait_for()
    assert page.locator("#id_referred_to").count() == 0
    check_a11y(page, "triagescherm na keuze bemoeizorg")

    # Choosing the person re-renders the decision fields (HTMX); a field changed meanwhile
    # keeps its value (test below), so waiting here only keeps the steps apart.
    fields_url = reverse("triage:decision_fields", args=[melding.pk])
    with page.expect_response(lambda r: r.url.endswith(fields_url)):
        page.get_by_label("Jan van den Berg · 17-05-1970").check()
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping')")
    page.locator("#id_casusregisseur").wait_for()
    page.locator("#id_already_in_care_2").check()
    page.locator("#id_known_to_partners_1").check()
    page.locator("#id_casusregisseur").select_option(str(users["bemoeizorger"].pk))
    page.get_by_role("button", name="Besluit vastleggen").click()
    page.wait_for_url("**/casussen/*/")
    casus = Casus.objects.get()
    assert casus.person == known_person
    assert not [e for e in page.console_errors if "Content Security Policy" in e or "Refused" in e]


def test_quick_successive_changes_keep_the_last_choice(page, live_server, users, melding):
    """Two changes before the first HTMX answer arrives (a fast worker, a slow
    network): the conditional fields must follow the last choice, not the first."""
    _login(page, live_server, users["meldpunt"])
    page.goto(reverse("triage:melding", args=[melding.pk]))
    page.locator("#id_casusregisseur").wait_for()
    page.evaluate(
        """() => {
          const acute = document.querySelector('input.triage-acute[value=nee]');
          acute.checked = true;
          acute.dispatchEvent(new Event('change', {bubbles: true}));
          const outcome = document.querySelector('input.triage-outcome[value=doorverwijzen]');
          outcome.checked = true;
          outcome.dispatchEvent(new Event('change', {bubbles: true}));
        }"""
    )
    page.locator("#id_casusregisseur").wait_for(state="detached")
    assert page.locator("#id_referred_to").count() == 1


def test_a_field_chosen_while_the_decision_fields_reload_is_kept(page, live_server, users, melding, known_person):
    """The worker picks the person (the decision fields reload) and at once the casusregisseur,
    before the answer is back: the answer must not throw the casusregisseur away."""
    _login(page, live_server, users["meldpunt"])
    page.goto(reverse("triage:melding", args=[melding.pk]))
    page.get_by_label("Bemoeizorg starten").check()
    page.locator("#id_casusregisseur").wait_for()
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping')")
    fields_url = reverse("triage:decision_fields", args=[melding.pk])
    # One JavaScript task: the request is on its way, its answer cannot arrive in between.
    with page.expect_response(lambda r: r.url.endswith(fields_url)):
        page.evaluate(
            """(regisseur) => {
              const person = document.querySelector('#triage-person-choice input[type=radio]:not([value=""])');
              person.checked = true;
              person.dispatchEvent(new Event('change', {bubbles: true}));
              const select = document.querySelector('#id_casusregisseur');
              select.value = regisseur;
              select.dispatchEvent(new Event('change', {bubbles: true}));
            }""",
            str(users["bemoeizorger"].pk),
        )
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping')")
    assert page.locator("#id_casusregisseur").input_value() == str(users["bemoeizorger"].pk)


def test_a_choice_made_as_the_decision_fields_come_back_reloads_them(page, live_server, users, melding):
    """The worker picks the outcome in the moment the previous answer is being swapped in (a
    CI run's browser did, 20 ms after the answer): that choice must still reload the fields.
    Before, the listeners lived on the swapped region and came back only once it settled, so
    the choice was lost and the screen showed fields for the old outcome."""
    _login(page, live_server, users["meldpunt"])
    page.goto(reverse("triage:melding", args=[melding.pk]))
    page.locator("#id_casusregisseur").wait_for()
    page.evaluate(
        """() => {
          document.addEventListener('htmx:afterSwap', () => {
            const outcome = document.querySelector('input.triage-outcome[value=doorverwijzen]');
            outcome.checked = true;
            outcome.dispatchEvent(new Event('change', {bubbles: true}));
          }, {once: true});
          const outcome = document.querySelector('input.triage-outcome[value=bemoeizorg]');
          outcome.checked = true;
          outcome.dispatchEvent(new Event('change', {bubbles: true}));
        }"""
    )
    page.locator("#id_referred_to").wait_for()
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping')")
    assert page.locator("#id_casusregisseur").count() == 0
