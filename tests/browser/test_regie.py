"""In a real browser: a partner asks "in beeld?" (yes and no), a casus is escalated,
the police are put aan zet and mark their action done, an overdue action shows
for the procesregisseur."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import CasusFactory, PersonFactory
from vangnet.procesregie.models import Action, Escalation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def casus(people, region):
    person = PersonFactory(given_names="Gerrit", surname="Hoekstra", date_of_birth=datetime.date(1966, 3, 9))
    return CasusFactory(
        organisation=region["ggd"], team=region["team"], person=person, casusregisseur=people["regisseur"]
    )


def test_in_beeld_escalation_and_aan_zet(page, session_login, people, casus, no_csp_violations):
    partner, regisseur, teamleider = people["partner"], people["regisseur"], people["teamleider"]
    partner.user_permissions.add(Permission.objects.get(codename="ask_inbeeld", content_type__app_label="inbeeld"))

    # The police ask whether Gerrit Hoekstra is known: yes, with the casusregisseur as contact.
    session_login(page, partner)
    page.goto(reverse("procesregie:aan_zet"))
    page.get_by_role("button", name="Menu").click()  # on a phone the header folds behind Menu
    page.get_by_role("link", name="In beeld?").first.click()
    page.get_by_label("Overlast of dreigende huisuitzetting").check()
    page.get_by_label("Achternaam").fill("Hoekstra")
    page.get_by_label("Voornamen").fill("Gerrit")
    page.get_by_label("Geboortedatum").fill("1966-03-09")
    page.get_by_role("button", name="Vraag stellen").click()
    answer = page.get_by_role("status").filter(has_text="Antwoord")
    expect(answer).to_contain_text("Ja, bekend bij het bemoeizorgteam.")
    expect(answer).to_contain_text("Bram Bakker")
    expect(answer).not_to_contain_text("Contact leggen")
    # One letter off: no.
    page.get_by_label("Politie-inzet").check()
    page.get_by_label("Achternaam").fill("Hoekstr")
    page.get_by_label("Voornamen").fill("Gerrit")
    page.get_by_label("Geboortedatum").fill("1966-03-09")
    page.get_by_role("button", name="Vraag stellen").click()
    expect(page.get_by_role("status").filter(has_text="Antwoord")).to_contain_text("Nee, niet bekend.")

    # The casusregisseur sees the question and escalates the casus.
    session_login(page, regisseur)
    page.goto(reverse("cases:detail", args=[casus.pk]))
    expect(page.get_by_role("region", name="Vragen van partners (in beeld?)")).to_contain_text("Overlast")
    page.get_by_role("link", name="Escaleren naar procesregie").click()
    page.get_by_label("Wat zit er vast?").fill("Corporatie en GGZ wijzen naar elkaar; ontruiming dreigt.")
    page.get_by_label("Procesregisseur").select_option(label=f"Tessa Visser (Teamleider, {teamleider.organisation})")
    page.get_by_role("button", name="Escaleren").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Procesregie")
    escalation = Escalation.objects.get(casus=casus)

    # The procesregisseur puts the police aan zet.
    session_login(page, teamleider)
    page.goto(reverse("procesregie:detail", args=[escalation.pk]))
    page.get_by_role("combobox", name="Organisatie aan zet").select_option(label="Politie Noordstad")
    page.get_by_role("textbox", name="Actie").fill("Wijkagent gaat mee op huisbezoek.")
    page.get_by_label("Uiterlijk").fill((timezone.localdate() + datetime.timedelta(days=3)).isoformat())
    page.get_by_role("button", name="Actie toewijzen").click()
    expect(page.get_by_role("table")).to_contain_text("Wijkagent gaat mee op huisbezoek.")
    # An older action is past its date: the regisseur sees it on the worklist and in Mijn procesregie.
    Action.objects.create(
        escalation=escalation,
        organisation=partner.organisation,
        description="Adrescheck politie",
        due_date=timezone.localdate() - datetime.timedelta(days=2),
        assigned_by=teamleider,
    )
    page.goto(reverse("worklists:home"))
    expect(page.get_by_role("table", name="Acties aan zet die te laat zijn")).to_contain_text("Adrescheck politie")
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="Procesregie", exact=True).first.click()
    expect(page.locator("tr.row-overdue")).to_contain_text("Adrescheck politie")

    # The police mark their action done, seeing only the text, the date and the casus reference.
    session_login(page, partner)
    page.goto(reverse("worklists:home"))
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="Acties aan zet").first.click()
    card = page.locator("li.card", has_text="Wijkagent gaat mee op huisbezoek.")
    expect(card).to_contain_text(casus.reference)
    expect(page.locator("main")).not_to_contain_text("Hoekstra")
    card.get_by_label("Toelichting").fill("Samen langs geweest, meneer deed open.")
    card.get_by_role("button", name="Markeer als gedaan").click()
    expect(page.get_by_role("status").filter(has_text="gedaan")).to_be_visible()
    done = Action.objects.get(description="Wijkagent gaat mee op huisbezoek.")
    assert done.status == "gedaan" and done.done_by == partner
    no_csp_violations(page)
