"""Procesregie pages: who sees what (table-driven), forms, logs."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CasusFactory, OrganisationFactory, UserFactory
from vangnet.accounts.models import Role
from vangnet.audit.models import AccessLog
from vangnet.cases.models import CaseMember
from vangnet.procesregie import services
from vangnet.procesregie.models import Action, Escalation

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def casus(ggd, users):
    casus = CasusFactory(organisation=ggd, casusregisseur=users["bemoeizorger"])
    casus.person.given_names, casus.person.surname, casus.person.street = "Geertje", "Vermeulen", "Kerkpad"
    casus.person.save()
    CaseMember.objects.create(casus=casus, user=users["duo"], role=CaseMember.Role.DUO)
    return casus


@pytest.fixture
def escalation(casus, users):
    return services.escalate_casus(
        casus,
        description="GEHEIM: corporatie en GGZ wijzen naar elkaar",
        procesregisseur=users["teamleider"],
        by=users["bemoeizorger"],
    )


@pytest.fixture
def corp(db):
    return OrganisationFactory(
        name="Woonstichting Test", kind="woningcorporatie", runs_meldpunt=False, does_bemoeizorg=False
    )


@pytest.fixture
def actions(escalation, users, police, corp):
    services.record_decision(escalation, text="BESLUIT-TEKST: GGZ neemt regie", by=users["teamleider"])
    police_action = services.assign_action(
        escalation,
        organisation=police,
        description="Wijkagent gaat mee op huisbezoek",
        due_date=TODAY() + timedelta(days=3),
        by=users["teamleider"],
    )
    corp_action = services.assign_action(
        escalation,
        organisation=corp,
        description="Ontruiming aanhouden",
        due_date=TODAY() + timedelta(days=5),
        by=users["teamleider"],
    )
    late = Action.objects.create(
        escalation=escalation,
        organisation=police,
        description="Adrescheck politie",
        due_date=TODAY() - timedelta(days=2),
        assigned_by=users["teamleider"],
    )
    return {"police": police_action, "corp": corp_action, "late": late}


# --- what a partner sees on "Acties aan zet" (table-driven) -------------------------------------------

SEEN_BY_POLICE = ["Wijkagent gaat mee op huisbezoek", "Adrescheck politie", "te laat"]
NEVER_SEEN_BY_PARTNERS = ["Geertje", "Vermeulen", "Kerkpad", "GEHEIM", "BESLUIT-TEKST"]


@pytest.mark.parametrize(
    "who,sees,not_sees",
    [
        ("police", SEEN_BY_POLICE + ["casus_ref"], NEVER_SEEN_BY_PARTNERS + ["Ontruiming aanhouden"]),
        ("corp", ["Ontruiming aanhouden", "casus_ref"], NEVER_SEEN_BY_PARTNERS + SEEN_BY_POLICE),
        ("other", [], NEVER_SEEN_BY_PARTNERS + SEEN_BY_POLICE + ["Ontruiming aanhouden", "casus_ref"]),
    ],
)
def test_partner_sees_only_own_actions_and_casus_reference(actions, casus, users, corp, login, who, sees, not_sees):
    user = {
        "police": users["partner"],
        "corp": UserFactory(role=Role.PARTNER, organisation=corp),
        "other": UserFactory(
            role=Role.PARTNER, organisation=OrganisationFactory(kind="wijkteam", does_bemoeizorg=False)
        ),
    }[who]
    html = login(user).get(reverse("procesregie:aan_zet")).content.decode()
    for text in sees:
        assert (casus.reference if text == "casus_ref" else text) in html, text
    for text in not_sees:
        assert (casus.reference if text == "casus_ref" else text) not in html, text
    shown = AccessLog.objects.filter(object_type="procesregie-actie", user_id=str(user.pk))
    assert shown.count() == {"police": 2, "corp": 1, "other": 0}[who]


def test_partner_cannot_open_escalation_or_casus(actions, escalation, casus, users, login):
    client = login(users["partner"])
    assert client.get(reverse("procesregie:detail", args=[escalation.pk])).status_code == 404
    assert client.get(reverse("cases:detail", args=[casus.pk])).status_code in (403, 404)


def test_partner_marks_action_done(actions, users, login):
    action = actions["police"]
    client = login(users["partner"])
    response = client.post(
        reverse("procesregie:action_done", args=[action.pk]),
        {f"a{action.pk}-version": action.version, f"a{action.pk}-note": "Samen geweest"},
    )
    assert response.status_code == 302 and response.url == reverse("procesregie:aan_zet")
    action.refresh_from_db()
    assert action.status == "gedaan" and action.done_note == "Samen geweest"


def test_partner_of_other_organisation_cannot_mark_done(actions, corp, login):
    linda = UserFactory(role=Role.PARTNER, organisation=corp)
    action = actions["police"]
    response = login(linda).post(
        reverse("procesregie:action_done", args=[action.pk]), {f"a{action.pk}-version": action.version}
    )
    assert response.status_code == 404
    action.refresh_from_db()
    assert action.is_open


def test_stale_version_shows_dutch_message(actions, users, login):
    action = actions["police"]
    response = login(users["partner"]).post(
        reverse("procesregie:action_done", args=[action.pk]), {f"a{action.pk}-version": action.version + 5}, follow=True
    )
    assert "Iemand anders heeft dit intussen gewijzigd" in response.content.decode()
    action.refresh_from_db()
    assert action.is_open


# --- escalation pages -------------------------------------------------------------------------


def test_escalate_from_casus_page(casus, users, login):
    client = login(users["bemoeizorger"])
    page = client.get(reverse("cases:detail", args=[casus.pk])).content.decode()
    assert reverse("procesregie:escalate", args=[casus.pk]) in page
    url = reverse("procesregie:escalate", args=[casus.pk])
    response = client.post(url, {"description": "", "procesregisseur": ""})
    assert (
        "Beschrijf wat er vastzit." in response.content.decode()
        and "Kies de procesregisseur." in response.content.decode()
    )
    response = client.post(url, {"description": "Niemand pakt het op", "procesregisseur": users["teamleider"].pk})
    escalation = Escalation.objects.get()
    assert response.status_code == 302 and response.url == reverse("procesregie:detail", args=[escalation.pk])
    page = client.get(reverse("cases:detail", args=[casus.pk])).content.decode()
    assert "Geëscaleerd op" in page and "Escalatie bekijken" in page
    # a second escalation attempt goes to the open one
    assert client.get(url).url == reverse("procesregie:detail", args=[escalation.pk])


def test_ineligible_regisseur_is_refused_by_form(casus, users, login):
    response = login(users["bemoeizorger"]).post(
        reverse("procesregie:escalate", args=[casus.pk]), {"description": "x", "procesregisseur": users["partner"].pk}
    )
    assert "Kies een procesregisseur uit de lijst." in response.content.decode()
    assert not Escalation.objects.exists()


def test_detail_read_is_logged(escalation, users, login):
    login(users["duo"]).get(reverse("procesregie:detail", args=[escalation.pk]))
    assert AccessLog.objects.filter(
        object_type="procesregie", action="R", user_id=str(users["duo"].pk), reason="casuslid"
    ).exists()


def test_regisseur_decides_assigns_and_closes_through_pages(escalation, users, police, login):
    client = login(users["teamleider"])
    detail = reverse("procesregie:detail", args=[escalation.pk])
    r = client.post(
        reverse("procesregie:decision_add", args=[escalation.pk]),
        {"text": "Besluit 1", "decided_on": TODAY().isoformat()},
    )
    assert r.status_code == 302 and r.url == detail
    r = client.post(
        reverse("procesregie:action_add", args=[escalation.pk]),
        {"organisation": police.pk, "description": "", "due_date": "gisteren"},
    )
    assert r.status_code == 400 and "Vul een geldige datum in." in r.content.decode()
    r = client.post(
        reverse("procesregie:action_add", args=[escalation.pk]),
        {"organisation": police.pk, "description": "Mee op huisbezoek", "due_date": TODAY().isoformat()},
    )
    assert r.status_code == 302
    action = Action.objects.get()
    r = client.post(
        reverse("procesregie:close", args=[escalation.pk]), {"version": escalation.version, "note": "Klaar"}
    )
    assert "Er staan nog acties open" in r.content.decode()
    client.post(reverse("procesregie:action_done", args=[action.pk]), {f"a{action.pk}-version": action.version})
    r = client.post(
        reverse("procesregie:close", args=[escalation.pk]), {"version": escalation.version, "note": "Klaar"}
    )
    assert r.status_code == 302
    escalation.refresh_from_db()
    assert escalation.status == "afgerond"


def test_members_cannot_post_decisions(escalation, users, login):
    r = login(users["bemoeizorger"]).post(reverse("procesregie:decision_add", args=[escalation.pk]), {"text": "x"})
    assert r.status_code == 403


# --- overdue for the regisseur, figures for the teamleider ------------------------------------------


def test_overdue_shows_for_regisseur_on_home_and_worklist(actions, users, login):
    client = login(users["teamleider"])
    home = client.get(reverse("procesregie:home")).content.decode()
    assert "Adrescheck politie" in home and "row-overdue" in home
    assert "Wijkagent gaat mee" not in home.split("Escalaties waarvan ik")[0]  # not overdue
    worklist = client.get(reverse("worklists:home")).content.decode()
    assert "Procesregie: acties te laat" in worklist and "Adrescheck politie" in worklist
    other = login(users["bemoeizorger"]).get(reverse("worklists:home")).content.decode()
    assert "Procesregie: acties te laat" not in other


def test_figures_page(actions, users, login):
    html = login(users["teamleider"]).get(reverse("procesregie:figures")).content.decode()
    assert "Cijfers procesregie" in html and "Politie Testbasisteam" in html
    assert "Vermeulen" not in html
    html = login(users["other_teamleider"]).get(reverse("procesregie:figures")).content.decode()
    assert "Politie Testbasisteam" not in html


@pytest.mark.parametrize(
    "who,button,link",
    [("bemoeizorger", False, True), ("teamleider", False, True), ("meldpunt", False, False)],
)
def test_casus_page_section_with_open_escalation(actions, casus, users, login, who, button, link):
    html = login(users[who]).get(reverse("cases:detail", args=[casus.pk])).content.decode()
    assert "Geëscaleerd op" in html and "1 actie te laat" in html
    assert (reverse("procesregie:escalate", args=[casus.pk]) in html) is button
    assert ("Escalatie bekijken" in html) is link


def test_casus_page_after_closing_offers_new_escalation(escalation, casus, users, login):
    services.close_escalation(escalation, note="Opgelost", by=users["teamleider"])
    html = login(users["bemoeizorger"]).get(reverse("cases:detail", args=[casus.pk])).content.decode()
    assert "Laatste escalatie afgerond" in html
    assert reverse("procesregie:escalate", args=[casus.pk]) in html
    assert (
        "Escaleren naar procesregie"
        not in login(users["meldpunt"]).get(reverse("cases:detail", args=[casus.pk])).content.decode()
    )


def test_a_page_passes_its_ip_and_path_to_the_services_row(escalation, users, login):
    """The view gives the service an AuditContext from the request: the row says from where."""
    url = reverse("procesregie:decision_add", args=[escalation.pk])
    before = AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first()
    login(users["teamleider"]).post(
        url, {"text": "Besluit via pagina", "decided_on": TODAY().isoformat()}, REMOTE_ADDR="203.0.113.77"
    )
    row = AccessLog.objects.filter(pk__gt=before, object_type="procesregie", action="C").get()
    assert (row.user_id, row.path, row.ip_address) == (str(users["teamleider"].pk), url, "203.0.113.77")


def test_service_error_on_the_page_lands_on_its_field(escalation, users, login):
    tomorrow = (TODAY() + timedelta(days=1)).isoformat()
    r = login(users["teamleider"]).post(
        reverse("procesregie:decision_add", args=[escalation.pk]), {"text": "Later", "decided_on": tomorrow}
    )
    assert r.status_code == 400
    assert r.context["decision_form"].errors["decided_on"] == ["Deze datum ligt in de toekomst."]
