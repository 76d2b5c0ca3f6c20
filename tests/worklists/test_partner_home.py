"""Issue 11 item 9: a care partner or police officer lands on a home page with her
referrals, the procesregie actions aan zet and her own meldingen (not a redirect,
not an empty list); every row shown is logged as the full lists log it."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.factories import CasusFactory, MeldingFactory, UserFactory
from tests.network.factories import ServiceFactory, propose
from vangnet.accounts.models import Role
from vangnet.audit.models import AccessLog
from vangnet.procesregie.models import Action, Escalation
from vangnet.worklists.models import HomeVisit

pytestmark = pytest.mark.django_db

HOME = reverse("worklists:home")


@pytest.fixture
def partner_world(users, ggd, police):
    partner = users["partner"]
    regisseur = users["bemoeizorger"]
    casus = CasusFactory(organisation=ggd, casusregisseur=regisseur)
    referral = propose(casus, ServiceFactory(organisation=police, name="Wijkagent Noord"), regisseur)
    other_police = UserFactory(role=Role.PARTNER, organisation=ggd.__class__.objects.create(name="Woningcorporatie"))
    hidden = propose(
        CasusFactory(organisation=ggd, casusregisseur=regisseur),
        ServiceFactory(organisation=other_police.organisation, name="Huurdersloket"),
        regisseur,
    )
    escalation = Escalation.objects.create(
        casus=casus, description="Vast.", escalated_by=regisseur, procesregisseur=users["teamleider"]
    )
    action = Action.objects.create(
        escalation=escalation,
        organisation=police,
        description="Wijkagent gaat mee op huisbezoek.",
        due_date=timezone.localdate() - timedelta(days=1),
        assigned_by=users["teamleider"],
    )
    own = MeldingFactory(meldpunt=ggd, created_by=partner, channel="politie")
    foreign = MeldingFactory(meldpunt=ggd, created_by=other_police, channel="politie")
    return {
        "partner": partner,
        "other": other_police,
        "referral": referral,
        "hidden": hidden,
        "action": action,
        "own": own,
        "foreign": foreign,
    }


def test_partner_home_shows_referrals_actions_and_meldingen(login, partner_world):
    w = partner_world
    response = login(w["partner"]).get(HOME)
    assert response.status_code == 200
    assert response.templates[0].name == "worklists/home_partner.html"
    html = response.content.decode()
    assert [r.pk for r in response.context["referrals"]] == [w["referral"].pk]
    assert response.context["waiting_count"] == 1
    assert reverse("network:partner_referral", args=[w["referral"].pk]) in html
    assert "Wijkagent Noord" in html and "Huurdersloket" not in html
    assert [a.pk for a in response.context["actions"]] == [w["action"].pk]
    assert "Wijkagent gaat mee op huisbezoek." in html and "te laat" in html
    assert w["own"].reference in html and w["foreign"].reference not in html
    for name in ("network:partner_inbox", "procesregie:aan_zet", "intake:partner_list"):
        assert reverse(name) in html


def test_partner_home_logs_every_row_shown(login, partner_world):
    w = partner_world
    login(w["partner"]).get(HOME)
    rows = AccessLog.objects.filter(user_id=str(w["partner"].pk), action=AccessLog.Action.READ)
    by_type = {(r.object_type, r.reason) for r in rows}
    assert by_type == {
        ("verwijzing", "ontvangende netwerkpartner (verwijzing)"),
        ("procesregie-actie", "organisatie aan zet (procesregie)"),
        ("melding", "eigen melding (status)"),
    }
    assert rows.filter(object_type="melding", melding_id=str(w["own"].pk)).count() == 1
    assert not rows.filter(melding_id=str(w["foreign"].pk)).exists()
    assert rows.filter(object_type="verwijzing", casus_id=str(w["referral"].casus_id)).count() == 1


def test_other_partner_sees_nothing_of_this_organisation(login, partner_world):
    w = partner_world
    response = login(w["other"]).get(HOME)
    html = response.content.decode()
    assert [r.pk for r in response.context["referrals"]] == [w["hidden"].pk]
    assert response.context["actions"] == []
    assert "Wijkagent" not in html
    assert w["own"].reference not in html and w["foreign"].reference in html


def test_partner_home_new_since_previous_visit(login, partner_world, users, ggd, police):
    w = partner_world
    client = login(w["partner"])
    first = client.get(HOME)
    assert first.context["since"] is None
    assert "Dit is uw eerste bezoek" in first.content.decode()
    seen = HomeVisit.objects.get(user=w["partner"]).seen_at
    with time_machine.travel(timezone.now() + timedelta(minutes=2), tick=False):
        fresh = propose(
            CasusFactory(organisation=ggd, casusregisseur=users["bemoeizorger"]),
            ServiceFactory(organisation=police, name="Jeugdagent"),
            users["bemoeizorger"],
        )
    with time_machine.travel(timezone.now() + timedelta(minutes=3), tick=False):
        response = client.get(HOME)
    assert response.context["since"] == seen
    assert response.context["new_referrals_count"] == 1
    assert response.context["new_actions_count"] == 0
    new_rows = [r.pk for r in response.context["referrals"] if r.is_new]
    assert new_rows == [fresh.pk]
    assert "Nieuw sinds uw vorige bezoek" in response.content.decode()
    assert HomeVisit.objects.get(user=w["partner"]).seen_at > seen


def test_partner_home_query_count_is_flat(login, partner_world, users, ggd, police):
    w = partner_world
    client = login(w["partner"])
    client.get(HOME)

    def queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(HOME).status_code == 200
        return len(ctx.captured_queries)

    few = queries()
    service = ServiceFactory(organisation=police)
    for _ in range(8):
        propose(CasusFactory(organisation=ggd, casusregisseur=users["bemoeizorger"]), service, users["bemoeizorger"])
        MeldingFactory(meldpunt=ggd, created_by=w["partner"], channel="politie")
    # The rows shown are capped (5 per block), each logged: the count stops growing at the cap.
    capped = queries()
    for _ in range(5):
        propose(CasusFactory(organisation=ggd, casusregisseur=users["bemoeizorger"]), service, users["bemoeizorger"])
    assert queries() == capped
    assert capped >= few
