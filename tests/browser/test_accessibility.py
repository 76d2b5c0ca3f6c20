"""axe-core (WCAG 2.1 A and AA) on every main page, in the phone viewport,
for the role that uses it. No serious or critical violations allowed. Every
page is also checked for CSP refusals and JavaScript errors."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.bewaren.a11y import bewaren_objects as _bewaren
from tests.bewaren.a11y import submit_release_unconfirmed as _release_unconfirmed
from tests.browser.conftest import PASSWORD, TOTP_SECRET, describe_violations, serious_violations
from tests.crisis.a11y import crisis_objects as _crisis
from tests.factories import MeldingFactory, category
from tests.grondslagen.a11y import grondslagen_objects as _grond
from tests.inzage.a11y import inzage_objects as _inzage
from tests.leefgebieden.a11y import leefgebieden_objects as _leef
from tests.middelen.a11y import middelen_objects as _middelen
from tests.naasten.a11y import naasten_objects as _naasten
from tests.network.a11y import network_objects as _net
from tests.plannen.a11y import plannen_objects as _plan
from tests.triage.a11y import running_team_screen as _running_team
from tests.verzoeken.a11y import verzoeken_objects as _verz
from tests.wvggz.a11y import wvggz_objects as _wvggz
from vangnet.accounts.services import ensure_totp_device
from vangnet.cases import services as case_services
from vangnet.triage.services import decide

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def scenario(people, region):
    """One melding waiting for triage, one triaged into a running casus with
    contact attempts, and one melding a partner made."""
    ggd, police = region["ggd"], region["police"]
    now = timezone.now()
    waiting = MeldingFactory(
        meldpunt=ggd,
        gemeente=region["gemeente"],
        created_by=people["meldpunt"],
        given_names="Petra",
        surname="Smit",
        place_description="Vrouw, ongeveer 60, slaapt in het portiek bij de bakker.",
        urgency_indicators=["geen_voedsel"],
        received_at=now - datetime.timedelta(hours=3),
        categories=[category("psychisch"), category("dakloosheid")],
    )
    triaged = MeldingFactory(
        meldpunt=ggd,
        gemeente=region["gemeente"],
        created_by=people["meldpunt"],
        given_names="Johannes",
        surname="Meulenbroek",
        date_of_birth=datetime.date(1961, 7, 14),
        bsn="111222333",
        street="Kerkstraat",
        house_number="12b",
        postcode="1234 AB",
        city="Noordstad",
        received_at=now - datetime.timedelta(days=5),
    )
    decision = decide(
        triaged,
        by=people["meldpunt"],
        outcome="bemoeizorg",
        acute_danger="nee",
        already_in_care="nee",
        known_to_partners="ja",
        known_to_partners_detail="Wijkagent",
        casusregisseur=people["regisseur"],
        duo=[people["duo"]],
        team=region["team"],
    )
    casus = decision.casus
    for days, type_, result in [
        (4, "huisbezoek", "geen_gehoor"),
        (3, "briefje", "geen_gehoor"),
        (1, "huisbezoek", "gesprek"),
    ]:
        case_services.log_contact_attempt(
            casus,
            at=now - datetime.timedelta(days=days),
            type=type_,
            result=result,
            workers=[people["regisseur"], people["duo"]],
            with_police=False,
            note="",
            by=people["regisseur"],
        )
    case_services.add_note(casus, text="Meneer liet ons binnen; koffie gedronken.", by=people["regisseur"])
    partner_melding = MeldingFactory(
        meldpunt=ggd,
        channel="partner",
        melder_type="politie",
        melder_organisation=police,
        created_by=people["partner"],
        given_names="",
        surname="",
        place_description="Man, ongeveer 40, verward op het stationsplein.",
    )
    return {
        "waiting": waiting,
        "triaged": triaged,
        "casus": casus,
        "person": casus.person,
        "partner_melding": partner_melding,
    }


def _password_step(page, user, *, totp=False):
    if totp:
        ensure_totp_device(user, TOTP_SECRET)
    page.goto(reverse("accounts:login"))
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def _submit_empty(page):
    page.get_by_role("button", name="Melding registreren").click()
    page.get_by_role("alert").wait_for()


def _choose_bemoeizorg(page):
    page.get_by_role("group", name="Besluit").get_by_label("Bemoeizorg starten").check()
    expect(page.get_by_label("Doorverwezen naar")).to_have_count(0)


def _regie(scenario, people):
    from tests.procesregie.world import regie_browser_objects

    return regie_browser_objects(scenario, people)


def _ask_in_beeld(page):
    page.goto(reverse("inbeeld:ask"))
    page.get_by_label("Politie-inzet").check()
    page.get_by_label("BSN").fill("111222333")
    page.get_by_role("button", name="Vraag stellen").click()
    page.get_by_role("heading", name="Antwoord").wait_for()


def _attempt_url(scenario, name):
    return reverse(f"cases:{name}", args=[scenario["casus"].attempts.order_by("pk").first().pk])


def _stored_match_model():
    from tests.persons.match_model_params import params
    from vangnet.persons.matching import trained

    trained.store_model(params(record_count=11000), source="schema")
    trained.store_model(params(), source="handmatig")


def _unread_notification(user):
    from vangnet.notifications.models import EventKind
    from vangnet.notifications.services import notify_event

    notify_event(user, EventKind.REFERRAL_RECEIVED, reference="W-2026-00001", url=reverse("network:partner_inbox"))


def _lapsed(s):
    """The scenario's casus started ten days ago without contact: over its weekly rhythm."""
    casus = s["casus"]
    type(casus).objects.filter(pk=casus.pk).update(opened_at=timezone.now() - datetime.timedelta(days=10))


# group -> [(page id, who is logged in, how to get there)]. One test per group:
# the pages share one scenario, which keeps the suite fast.
PAGES = {
    "inloggen": [
        ("login", None, lambda page, s, p: page.goto(reverse("accounts:login"))),
        (
            "login-fout",
            None,
            lambda page, s, p: (
                page.goto(reverse("accounts:login")),
                page.get_by_role("button", name="Inloggen").click(),
                page.get_by_role("alert").wait_for(),
            ),
        ),
        ("otp-verificatie", None, lambda page, s, p: _password_step(page, p["regisseur"], totp=True)),
        ("otp-instellen", None, lambda page, s, p: _password_step(page, p["new_user"])),
    ],
    "meldpunt": [
        ("werkvoorraad-meldpunt", "meldpunt", lambda page, s, p: page.goto(reverse("worklists:home"))),
        ("te-trieren", "meldpunt", lambda page, s, p: page.goto(reverse("worklists:to_triage"))),
        ("te-laat", "meldpunt", lambda page, s, p: page.goto(reverse("worklists:overdue"))),
        ("nieuwe-melding", "meldpunt", lambda page, s, p: page.goto(reverse("intake:create"))),
        (
            "nieuwe-melding-fouten",
            "meldpunt",
            lambda page, s, p: (page.goto(reverse("intake:create")), _submit_empty(page)),
        ),
        ("melding-detail", "meldpunt", lambda page, s, p: page.goto(reverse("intake:detail", args=[s["waiting"].pk]))),
        # issue 12: correcting a melding (and its error state: no reason), and its print view
        (
            "melding-corrigeren",
            "meldpunt",
            lambda page, s, p: page.goto(reverse("intake:correct", args=[s["waiting"].pk])),
        ),
        (
            "melding-corrigeren-fouten",
            "meldpunt",
            lambda page, s, p: (
                page.goto(reverse("intake:correct", args=[s["waiting"].pk])),
                page.get_by_role("button", name="Correctie opslaan").click(),
                page.wait_for_load_state(),
            ),
        ),
        (
            "melding-afdrukken",
            "meldpunt",
            lambda page, s, p: page.goto(reverse("intake:print", args=[s["waiting"].pk])),
        ),
        ("triage", "meldpunt", lambda page, s, p: page.goto(reverse("triage:melding", args=[s["waiting"].pk]))),
        (
            "triage-bemoeizorg-gekozen",
            "meldpunt",
            lambda page, s, p: (page.goto(reverse("triage:melding", args=[s["waiting"].pk])), _choose_bemoeizorg(page)),
        ),
        # issue 12: a new melding about the person of a running casus keeps its team by default
        ("triage-lopende-casus", "meldpunt", lambda page, s, p: _running_team(page, s, p)),
        ("triagebesluit", "meldpunt", lambda page, s, p: page.goto(reverse("triage:melding", args=[s["triaged"].pk]))),
    ],
    "bemoeizorger": [
        ("werkvoorraad-bemoeizorger", "regisseur", lambda page, s, p: page.goto(reverse("worklists:home"))),
        ("mijn-casussen", "regisseur", lambda page, s, p: page.goto(reverse("worklists:my_cases"))),
        ("casus", "regisseur", lambda page, s, p: page.goto(reverse("cases:detail", args=[s["casus"].pk]))),
        ("casus-afdrukken", "regisseur", lambda page, s, p: page.goto(reverse("cases:print", args=[s["casus"].pk]))),
        ("fase-wijzigen", "regisseur", lambda page, s, p: page.goto(reverse("cases:phase", args=[s["casus"].pk]))),
        # issue 13: closing without an uitkomst, refused on the field
        (
            "fase-afsluiten-fouten",
            "regisseur",
            lambda page, s, p: (
                page.goto(reverse("cases:phase", args=[s["casus"].pk])),
                page.get_by_label("Nieuwe fase").select_option("afgesloten"),
                page.get_by_label("Reden").fill("Zorg geregeld."),
                page.get_by_role("button", name="Fase opslaan").click(),
                page.get_by_role("alert").wait_for(),
            ),
        ),
        ("team-wijzigen", "regisseur", lambda page, s, p: page.goto(reverse("cases:members", args=[s["casus"].pk]))),
        # issue 12: correcting a contact attempt (and its error state: no reason), voiding it, a note
        ("contactpoging-corrigeren", "regisseur", lambda page, s, p: page.goto(_attempt_url(s, "attempt_correct"))),
        (
            "contactpoging-corrigeren-fouten",
            "regisseur",
            lambda page, s, p: (
                page.goto(_attempt_url(s, "attempt_correct")),
                page.get_by_role("button", name="Correctie opslaan").click(),
                page.get_by_role("alert").wait_for(),
            ),
        ),
        ("contactpoging-vervallen", "regisseur", lambda page, s, p: page.goto(_attempt_url(s, "attempt_void"))),
        (
            "notitie-corrigeren",
            "regisseur",
            lambda page, s, p: page.goto(reverse("cases:note_correct", args=[s["casus"].notes.first().pk])),
        ),
        ("persoon", "regisseur", lambda page, s, p: page.goto(reverse("persons:detail", args=[s["person"].pk]))),
        ("wachtwoord-wijzigen", "regisseur", lambda page, s, p: page.goto(reverse("accounts:password_change"))),
    ],
    # issue 11, search: the page, and results (cards) reached from the header's search box
    "zoeken": [
        ("zoeken", "meldpunt", lambda page, s, p: page.goto(reverse("search:results"))),
        (
            "zoekresultaten",
            "meldpunt",
            lambda page, s, p: (
                page.goto(reverse("worklists:home")),
                page.get_by_role("searchbox", name="Zoeken").fill("Meulenbroek"),
                page.get_by_role("searchbox", name="Zoeken").press("Enter"),
                page.get_by_role("heading", name="Personen").wait_for(),
            ),
        ),
    ],
    "netwerkpartner": [
        ("partner-melding-doen", "partner", lambda page, s, p: page.goto(reverse("intake:partner_create"))),
        ("partner-mijn-meldingen", "partner", lambda page, s, p: page.goto(reverse("intake:partner_list"))),
        (
            "partner-status",
            "partner",
            lambda page, s, p: page.goto(reverse("intake:partner_detail", args=[s["partner_melding"].pk])),
        ),
    ],
    "regie": [
        # before _regie() escalates the scenario casus
        ("escaleren", "regisseur", lambda page, s, p: page.goto(reverse("procesregie:escalate", args=[s["casus"].pk]))),
        ("in-beeld", "partner", lambda page, s, p: (_regie(s, p), page.goto(reverse("inbeeld:ask")))),
        ("in-beeld-antwoord", "partner", lambda page, s, p: _ask_in_beeld(page)),
        ("acties-aan-zet", "partner", lambda page, s, p: page.goto(reverse("procesregie:aan_zet"))),
        (
            "overleg-partner",
            "partner",
            lambda page, s, p: page.goto(reverse("overleg:detail", args=[_regie(s, p)["meeting"].pk])),
        ),
        ("procesregie-home", "teamleider", lambda page, s, p: page.goto(reverse("procesregie:home"))),
        (
            "escalatie",
            "teamleider",
            lambda page, s, p: page.goto(reverse("procesregie:detail", args=[_regie(s, p)["escalation"].pk])),
        ),
        (
            "escalatie-afronden",
            "teamleider",
            lambda page, s, p: page.goto(reverse("procesregie:close", args=[_regie(s, p)["escalation"].pk])),
        ),
        ("procesregie-cijfers", "teamleider", lambda page, s, p: page.goto(reverse("procesregie:figures"))),
        ("overleg-lijst", "teamleider", lambda page, s, p: page.goto(reverse("overleg:list"))),
        ("overleg-nieuw", "teamleider", lambda page, s, p: page.goto(reverse("overleg:create"))),
        (
            "overleg",
            "teamleider",
            lambda page, s, p: page.goto(reverse("overleg:detail", args=[_regie(s, p)["meeting"].pk])),
        ),
        (
            "overleg-deelnemer",
            "teamleider",
            lambda page, s, p: page.goto(reverse("overleg:attendee_add", args=[_regie(s, p)["meeting"].pk])),
        ),
        (
            "overleg-agendapunt",
            "teamleider",
            lambda page, s, p: page.goto(reverse("overleg:item_edit", args=[_regie(s, p)["item"].pk])),
        ),
    ],
    "netwerk": [
        ("sociale-kaart", "regisseur", lambda page, s, p: (_net(s, p), page.goto(reverse("network:service_list")))),
        (
            "voorziening",
            "regisseur",
            lambda page, s, p: page.goto(reverse("network:service_detail", args=[_net(s, p)["service"].pk])),
        ),
        (
            "verwijzen",
            "regisseur",
            lambda page, s, p: page.goto(reverse("network:referral_create", args=[s["casus"].pk])),
        ),
        (
            "verwijzen-fouten",
            "regisseur",
            lambda page, s, p: (
                page.goto(reverse("network:referral_create", args=[s["casus"].pk])),
                page.get_by_role("button", name="Verwijzing voorstellen").click(),
                page.get_by_role("alert").wait_for(),
            ),
        ),
        (
            "verwijzing-geaccepteerd",
            "regisseur",
            lambda page, s, p: page.goto(reverse("network:referral_detail", args=[_net(s, p)["accepted"].pk])),
        ),
        (
            "verwijzing-in-zorg",
            "regisseur",
            lambda page, s, p: page.goto(reverse("network:referral_detail", args=[_net(s, p)["in_care"].pk])),
        ),
        (
            "casus-netwerk",
            "regisseur",
            lambda page, s, p: page.goto(reverse("cases:detail", args=[_net(s, p)["in_care"].casus_id])),
        ),
        (
            "vinger-aan-de-pols",
            "regisseur",
            lambda page, s, p: page.goto(reverse("network:follow_up_answer", args=[_net(s, p)["due"].pk])),
        ),
        (
            "besluit-na-nee",
            "regisseur",
            lambda page, s, p: page.goto(reverse("network:follow_up_decide", args=[_net(s, p)["no"].pk])),
        ),
        ("werkvoorraad-vinger-aan-de-pols", "regisseur", lambda page, s, p: page.goto(reverse("worklists:home"))),
        (
            "statusbericht",
            "regisseur",
            lambda page, s, p: page.goto(reverse("network:status_message", args=[s["triaged"].pk])),
        ),
        ("partner-verwijzingen", "partner", lambda page, s, p: page.goto(reverse("network:partner_inbox"))),
        (
            "partner-verwijzing",
            "partner",
            lambda page, s, p: page.goto(reverse("network:partner_referral", args=[_net(s, p)["proposed"].pk])),
        ),
        (
            "partner-voorziening-bewerken",
            "partner",
            lambda page, s, p: page.goto(reverse("network:service_edit", args=[_net(s, p)["service"].pk])),
        ),
        ("cijfers-netwerk", "teamleider", lambda page, s, p: page.goto(reverse("network:figures"))),
    ],
    # issue 15: the life-domain picture (vangnet.leefgebieden).
    "leefgebieden": [
        (
            "leefgebieden-overzicht",
            "regisseur",
            lambda page, s, p: (_leef(s, p), page.goto(reverse("leefgebieden:overview", args=[s["casus"].pk]))),
        ),
        (
            "leefgebieden-nieuw",
            "regisseur",
            lambda page, s, p: page.goto(reverse("leefgebieden:picture_add", args=[s["casus"].pk])),
        ),
        (
            "leefgebieden-nieuw-fouten",
            "regisseur",
            lambda page, s, p: (
                page.goto(reverse("leefgebieden:picture_add", args=[s["casus"].pk])),
                page.get_by_role("button", name="Beeld vastleggen").click(),
                page.get_by_role("alert").wait_for(),
            ),
        ),
        (
            "leefgebieden-corrigeren",
            "regisseur",
            lambda page, s, p: page.goto(reverse("leefgebieden:picture_correct", args=[_leef(s, p)["first"].pk])),
        ),
        (
            "casus-leefgebieden",
            "regisseur",
            lambda page, s, p: page.goto(reverse("cases:detail", args=[s["casus"].pk])),
        ),
        (
            "partner-verwijzing-leefgebieden",
            "partner",
            lambda page, s, p: page.goto(reverse("network:partner_referral", args=[_leef(s, p)["referral"].pk])),
        ),
    ],
    # issue 15, part 3: the contact-lapse board and op- of afschalen.
    "contactbord": [
        ("contactbord", "regisseur", lambda page, s, p: (_lapsed(s), page.goto(reverse("worklists:contact_board")))),
        ("contactbord-teamleider", "teamleider", lambda page, s, p: page.goto(reverse("worklists:contact_board"))),
        (
            "intensiteit",
            "regisseur",
            lambda page, s, p: page.goto(reverse("cases:intensity", args=[s["casus"].pk])),
        ),
        (
            "intensiteit-fouten",
            "regisseur",
            lambda page, s, p: (
                page.goto(reverse("cases:intensity", args=[s["casus"].pk])),
                page.get_by_role("button", name="Intensiteit opslaan").click(),
                page.get_by_role("alert").wait_for(),
            ),
        ),
    ],
    # issue 15 part 4: the crisis card and crisis episodes (vangnet.crisis).
    "crisis": [
        (
            "crisiskaart",
            "regisseur",
            lambda page, s, p: (_crisis(s, p), page.goto(reverse("crisis:card", args=[s["casus"].pk]))),
        ),
        (
            "crisiskaart-bewerken",
            "regisseur",
            lambda page, s, p: page.goto(reverse("crisis:card_edit", args=[s["casus"].pk])),
        ),
        (
            "crisiskaart-bewerken-fouten",
            "regisseur",
            lambda page, s, p: (
                page.goto(reverse("crisis:card_edit", args=[s["casus"].pk])),
                page.get_by_label("Afgesproken met de betrokkene").check(),
                page.get_by_label("Datum van de afspraak").fill(""),
                page.get_by_role("button", name="Crisiskaart opslaan").click(),
                page.get_by_role("alert").wait_for(),
            ),
        ),
        (
            "crisis-nieuw",
            "regisseur",
            lambda page, s, p: page.goto(reverse("crisis:episode_add", args=[s["casus"].pk])),
        ),
        (
            "crisis-terugkoppeling",
            "regisseur",
            lambda page, s, p: page.goto(reverse("crisis:episode_feedback", args=[_crisis(s, p)["episode"].pk])),
        ),
        (
            "casus-crisiskaart",
            "regisseur",
            lambda page, s, p: page.goto(reverse("cases:detail", args=[s["casus"].pk])),
        ),
        (
            "partner-verwijzing-crisiskaart",
            "partner",
            lambda page, s, p: page.goto(reverse("network:partner_referral", args=[_crisis(s, p)["referral"].pk])),
        ),
    ],
    # issue 15 part 2: the plan van aanpak (vangnet.plannen).
    # issue 15 part 6: practical means and waiting lists (vangnet.middelen).
    "middelen": [
        (
            "middelen",
            "regisseur",
            lambda page, s, p: (_middelen(s, p), page.goto(reverse("middelen:overview", args=[s["casus"].pk]))),
        ),
        (
            "middelen-wachttijden",
            "teamleider",
            lambda page, s, p: (_middelen(s, p), page.goto(reverse("middelen:figures"))),
        ),
        (
            "middelen-inzet-fouten",
            "regisseur",
            lambda page, s, p: (
                page.goto(reverse("middelen:overview", args=[s["casus"].pk])),
                page.get_by_text("Inzet vastleggen", exact=True).first.click(),
                page.get_by_role("button", name="Inzet vastleggen").click(),
                page.get_by_role("alert").wait_for(),
            ),
        ),
    ],
    "plannen": [
        (
            "plan",
            "regisseur",
            lambda page, s, p: (_plan(s, p), page.goto(reverse("plannen:plan", args=[s["casus"].pk]))),
        ),
        (
            "plan-doel-nieuw",
            "regisseur",
            lambda page, s, p: page.goto(reverse("plannen:goal_add", args=[s["casus"].pk])),
        ),
        (
            "plan-doel-nieuw-fouten",
            "regisseur",
            lambda page, s, p: (
                page.goto(reverse("plannen:goal_add", args=[s["casus"].pk])),
                page.get_by_role("button", name="Doel opslaan").click(),
                page.get_by_role("alert").wait_for(),
            ),
        ),
        (
            "plan-doel-wijzigen",
            "regisseur",
            lambda page, s, p: page.goto(reverse("plannen:goal_edit", args=[_plan(s, p)["goal"].pk])),
        ),
        (
            "plan-actie-nieuw",
            "regisseur",
            lambda page, s, p: page.goto(reverse("plannen:action_add", args=[_plan(s, p)["goal"].pk])),
        ),
        (
            "plan-actie-wijzigen",
            "regisseur",
            lambda page, s, p: page.goto(reverse("plannen:action_edit", args=[_plan(s, p)["late"].pk])),
        ),
        (
            "plan-werkvoorraad-te-laat",
            "regisseur",
            lambda page, s, p: (_plan(s, p), page.goto(reverse("worklists:home"))),
        ),
        (
            "plan-partner-acties",
            "partner",
            lambda page, s, p: (_plan(s, p), page.goto(reverse("plannen:partner_actions"))),
        ),
    ],
    # issue 16 part 4: the inzage of a person (vangnet.inzage): start, review (also with an
    # error on a decision), and a released one with its downloads.
    "inzage": [
        (
            "inzage-starten",
            "teamleider",
            lambda page, s, p: (_inzage(s, p), page.goto(reverse("inzage:start", args=[s["person"].pk]))),
        ),
        (
            "inzage-beoordelen",
            "teamleider",
            lambda page, s, p: page.goto(reverse("inzage:review", args=[_inzage(s, p)["concept"].pk])),
        ),
        (
            "inzage-beoordelen-fout",
            "teamleider",
            lambda page, s, p: (
                page.goto(reverse("inzage:review", args=[_inzage(s, p)["concept"].pk])),
                page.locator("li.card").first.get_by_label("Afschermen", exact=True).check(),
                page.locator("li.card").first.get_by_role("button", name="opslaan").click(),
                page.get_by_role("alert").first.wait_for(),
            ),
        ),
        (
            "inzage-vrijgegeven",
            "teamleider",
            lambda page, s, p: page.goto(reverse("inzage:review", args=[_inzage(s, p)["released"].pk])),
        ),
    ],
    # issue 15 part 5: the naasten of the person (vangnet.naasten).
    # issue 16 parts 1-2: task and ground of a casus, consent and objection, the override review.
    "grondslagen": [
        (
            "casus-taak",
            "regisseur",
            lambda page, s, p: (_grond(s, p), page.goto(reverse("grondslagen:casus_task", args=[s["casus"].pk]))),
        ),
        (
            "casus-taak-fouten",
            "regisseur",
            lambda page, s, p: (
                page.goto(reverse("grondslagen:casus_task", args=[s["casus"].pk])),
                page.get_by_role("button", name="Wijziging opslaan").click(),
                page.get_by_role("alert").wait_for(),
            ),
        ),
        (
            "toestemming-nieuw",
            "regisseur",
            lambda page, s, p: page.goto(reverse("grondslagen:consent_add", args=[s["person"].pk])),
        ),
        (
            "toestemming-nieuw-fouten",
            "regisseur",
            lambda page, s, p: (
                page.goto(reverse("grondslagen:consent_add", args=[s["person"].pk])),
                page.get_by_role("button", name="Vastleggen").click(),
                page.get_by_role("alert").wait_for(),
            ),
        ),
        (
            "casus-grondslag",
            "regisseur",
            lambda page, s, p: page.goto(reverse("cases:detail", args=[s["casus"].pk])),
        ),
        (
            "persoon-toestemming",
            "regisseur",
            lambda page, s, p: page.goto(reverse("persons:detail", args=[s["person"].pk])),
        ),
        ("afwijkingen", "teamleider", lambda page, s, p: page.goto(reverse("grondslagen:override_review"))),
    ],
    "naasten": [
        (
            "naasten",
            "regisseur",
            lambda page, s, p: (_naasten(s, p), page.goto(reverse("naasten:overview", args=[s["casus"].pk]))),
        ),
        (
            "naasten-fouten",
            "regisseur",
            lambda page, s, p: (
                _naasten(s, p),
                page.goto(reverse("naasten:overview", args=[s["casus"].pk])),
                page.get_by_role("button", name="Naaste toevoegen").click(),
                page.get_by_role("alert").wait_for(),
            ),
        ),
        (
            "naaste-wijzigen",
            "regisseur",
            lambda page, s, p: page.goto(reverse("naasten:naaste_edit", args=[_naasten(s, p)["sister"].pk])),
        ),
    ],
    "wvggz": [
        ("wvggz-overzicht", "teamleider", lambda page, s, p: (_wvggz(s, p), page.goto(reverse("wvggz:overview")))),
        ("wvggz-overleg", "teamleider", lambda page, s, p: page.goto(reverse("wvggz:overleg"))),
        ("wvggz-cijfers", "teamleider", lambda page, s, p: page.goto(reverse("wvggz:figures"))),
        (
            "wvggz-toewijzen",
            "teamleider",
            lambda page, s, p: page.goto(reverse("wvggz:assign", args=[_wvggz(s, p)["open"].pk])),
        ),
        ("notificaties", "teamleider", lambda page, s, p: page.goto(reverse("notifications:list"))),
        (
            "wvggz-onderzoek",
            "regisseur",
            lambda page, s, p: page.goto(reverse("wvggz:detail", args=[_wvggz(s, p)["open"].pk])),
        ),
        (
            "wvggz-vragenlijst",
            "regisseur",
            lambda page, s, p: page.goto(reverse("wvggz:questionnaire", args=[_wvggz(s, p)["open"].pk])),
        ),
        (
            "wvggz-besluit",
            "regisseur",
            lambda page, s, p: page.goto(reverse("wvggz:decide", args=[_wvggz(s, p)["open"].pk])),
        ),
        (
            "wvggz-besluit-fouten",
            "regisseur",
            lambda page, s, p: (
                page.goto(reverse("wvggz:decide", args=[_wvggz(s, p)["open"].pk])),
                page.get_by_role("button", name="Besluit vastleggen").click(),
                page.get_by_role("alert").wait_for(),
            ),
        ),
        (
            "wvggz-afgerond",
            "regisseur",
            lambda page, s, p: page.goto(reverse("wvggz:detail", args=[_wvggz(s, p)["decided"].pk])),
        ),
        (
            "wvggz-melder",
            "regisseur",
            lambda page, s, p: page.goto(reverse("wvggz:melder", args=[_wvggz(s, p)["decided"].pk])),
        ),
        (
            "wvggz-samenvatting-meldpunt",
            "meldpunt",
            lambda page, s, p: page.goto(reverse("wvggz:detail", args=[_wvggz(s, p)["open"].pk])),
        ),
    ],
    # Issue 11, notify-delivery: the e-mail choices per kind and the list with an unread one.
    "notificaties": [
        ("notificaties-instellingen", "partner", lambda page, s, p: page.goto(reverse("notifications:preferences"))),
        (
            "notificaties-opgeslagen",
            "partner",
            lambda page, s, p: (
                page.goto(reverse("notifications:preferences")),
                page.get_by_role("button", name="Opslaan").click(),
                page.get_by_role("status").wait_for(),
            ),
        ),
        (
            "notificaties-lijst-ongelezen",
            "partner",
            lambda page, s, p: (
                _unread_notification(p["partner"]),
                page.goto(reverse("notifications:list") + "?filter=ongelezen"),
            ),
        ),
    ],
    # lists (issue 11 item 4): all meldingen, all casussen, with filters and a filter error
    "lijsten": [
        ("alle-meldingen", "meldpunt", lambda page, s, p: page.goto(reverse("intake:list"))),
        (
            "alle-meldingen-gefilterd",
            "meldpunt",
            lambda page, s, p: page.goto(reverse("intake:list") + "?status=te_trieren&urgentie=1&sorteer=kenmerk"),
        ),
        ("alle-meldingen-fout", "meldpunt", lambda page, s, p: page.goto(reverse("intake:list") + "?van=31-02-2026")),
        ("alle-casussen-teamleider", "teamleider", lambda page, s, p: page.goto(reverse("cases:list"))),
        ("alle-casussen-bemoeizorger", "regisseur", lambda page, s, p: page.goto(reverse("cases:list") + "?wie=team")),
    ],
    "teamleider": [
        (
            "toegangslog-teamleider",
            "teamleider",
            lambda page, s, p: page.goto(reverse("persons:access_log", args=[s["person"].pk])),
        ),
        ("monitor", "teamleider", lambda page, s, p: page.goto(reverse("monitor:home"))),
    ],
    # issue 14: functioneel beheer's home and the matcher's trained model, before and after a training
    "beheer": [
        ("startpagina-beheer", "beheerder", lambda page, s, p: page.goto(reverse("worklists:home"))),
        ("zoekmodel-leeg", "beheerder", lambda page, s, p: page.goto(reverse("persons:match_model"))),
        (
            "zoekmodel",
            "beheerder",
            lambda page, s, p: (_stored_match_model(), page.goto(reverse("persons:match_model"))),
        ),
    ],
    # issue 16: the privacy officer's pages (retention, requests, register of processing).
    "privacy": [
        ("startpagina-privacy", "privacy", lambda page, s, p: page.goto(reverse("worklists:home"))),
        ("verwerkingsregister", "privacy", lambda page, s, p: page.goto(reverse("verwerking:register"))),
    ],
    # issue 16 part 5: the betrokkene's requests (vangnet.verzoeken).
    "verzoeken": [
        (
            "verzoek-registreren",
            "teamleider",
            lambda page, s, p: page.goto(reverse("verzoeken:register_request", args=[s["person"].pk])),
        ),
        (
            "verzoek-registreren-fouten",
            "teamleider",
            lambda page, s, p: (
                page.goto(reverse("verzoeken:register_request", args=[s["person"].pk])),
                page.get_by_role("button", name="Verzoek registreren").click(),
                page.get_by_role("alert").wait_for(),
            ),
        ),
        (
            "verzoek",
            "teamleider",
            lambda page, s, p: page.goto(reverse("verzoeken:detail", args=[_verz(s, p)["overdue"].pk])),
        ),
        (
            "verzoek-besluiten",
            "teamleider",
            lambda page, s, p: page.goto(reverse("verzoeken:decide", args=[_verz(s, p)["overdue"].pk])),
        ),
        (
            "verzoek-verlengen",
            "teamleider",
            lambda page, s, p: page.goto(reverse("verzoeken:extend", args=[_verz(s, p)["soon"].pk])),
        ),
        (
            "verzoek-beperking-opheffen",
            "teamleider",
            lambda page, s, p: page.goto(reverse("verzoeken:lift", args=[_verz(s, p)["restriction"].pk])),
        ),
        ("verzoeken-overzicht", "teamleider", lambda page, s, p: page.goto(reverse("verzoeken:list"))),
        ("werkvoorraad-verzoeken", "teamleider", lambda page, s, p: page.goto(reverse("worklists:home"))),
        (
            "persoon-beperkt",
            "regisseur",
            lambda page, s, p: page.goto(reverse("persons:detail", args=[s["person"].pk])),
        ),
        (
            "casus-beperkt",
            "regisseur",
            lambda page, s, p: page.goto(reverse("cases:detail", args=[s["casus"].pk])),
        ),
        ("register-verzoeken", "privacy", lambda page, s, p: page.goto(reverse("verzoeken:register"))),
    ],
    # issue 16 part 3: retention (vangnet.bewaren): the report, its release, holds, the run log.
    "bewaren": [
        ("bewaarrapport", "privacy", lambda page, s, p: (_bewaren(s, p), page.goto(reverse("bewaren:report")))),
        (
            "bewaarrapport-vrijgeven",
            "privacy",
            lambda page, s, p: page.goto(reverse("bewaren:release", args=[_bewaren(s, p)["report"].pk])),
        ),
        (
            "bewaarrapport-vrijgeven-fouten",
            "privacy",
            lambda page, s, p: (
                page.goto(reverse("bewaren:release", args=[_bewaren(s, p)["report"].pk])),
                _release_unconfirmed(page),
            ),
        ),
        ("bewaarblokkades", "privacy", lambda page, s, p: page.goto(reverse("bewaren:holds"))),
        (
            "bewaarblokkade-opheffen",
            "privacy",
            lambda page, s, p: page.goto(reverse("bewaren:hold_lift", args=[_bewaren(s, p)["hold"].pk])),
        ),
        ("verwijderrondes", "privacy", lambda page, s, p: page.goto(reverse("bewaren:runs"))),
        (
            "verwijderronde",
            "privacy",
            lambda page, s, p: page.goto(reverse("bewaren:run_detail", args=[_bewaren(s, p)["run"].pk])),
        ),
        ("bewaarblokkades-teamleider", "teamleider", lambda page, s, p: page.goto(reverse("bewaren:holds"))),
    ],
    # Issue 11, worklists (items 5, 6, 9): the partner home with a referral, an action aan zet
    # and a melding; the teamleider's teambelasting and the casussen behind one figure.
    "werkvoorraad-issue11": [
        (
            "startpagina-partner",
            "partner",
            lambda page, s, p: (_net(s, p), _regie(s, p), page.goto(reverse("worklists:home"))),
        ),
        ("werkvoorraad-teamleider", "teamleider", lambda page, s, p: page.goto(reverse("worklists:home"))),
        ("teambelasting", "teamleider", lambda page, s, p: page.goto(reverse("worklists:caseload"))),
        (
            "teambelasting-casussen",
            "teamleider",
            lambda page, s, p: page.goto(
                reverse("worklists:caseload_cases") + f"?medewerker={p['regisseur'].pk}&cijfer=lopend"
            ),
        ),
    ],
}

# Violations waiting for a template fix: (page id, axe rule id) -> the template and the fix.
# A group with only known violations is reported as xfail naming them; a known
# violation that no longer occurs fails the test, so this list cannot go stale.
KNOWN_VIOLATIONS: dict[tuple[str, str], str] = {}


@pytest.mark.parametrize("group", list(PAGES))
def test_pages_are_accessible(group, page, session_login, scenario, people, no_csp_violations):
    failures, known_seen = [], []
    current_user = object()
    navigations = []
    page.on("response", lambda r: navigations.append((r.status, r.url)) if r.request.is_navigation_request() else None)
    for page_id, who, go in PAGES[group]:
        if who != current_user:
            page.context.clear_cookies()
            if who is not None:
                session_login(page, people[who])
            current_user = who
        navigations.clear()
        go(page, scenario, people)
        page.wait_for_load_state()
        refused = [(status, url) for status, url in navigations if status >= 400]
        assert not refused, f"{page_id}: the server answered {refused}"
        assert page.locator("h1").count() == 1, f"{page_id}: not exactly one h1"
        violations = serious_violations(page)
        unknown = [v for v in violations if (page_id, v["id"]) not in KNOWN_VIOLATIONS]
        known_seen += [(page_id, v["id"]) for v in violations if (page_id, v["id"]) in KNOWN_VIOLATIONS]
        if unknown:
            failures.append(f"{page_id} ({page.url}):\n{describe_violations(unknown)}")
        if who is None:
            page.context.clear_cookies()  # the 2FA pages leave a half-logged-in session
    no_csp_violations(page)
    assert not failures, "axe-core found serious/critical violations:\n" + "\n".join(failures)

    page_ids = {page_id for page_id, _who, _go in PAGES[group]}
    fixed = [key for key in KNOWN_VIOLATIONS if key[0] in page_ids and key not in known_seen]
    assert not fixed, f"fixed, remove from KNOWN_VIOLATIONS: {fixed}"
    if known_seen:
        pytest.xfail(
            "; ".join(f"{page_id}: {rule}: {KNOWN_VIOLATIONS[(page_id, rule)]}" for page_id, rule in known_seen)
        )
