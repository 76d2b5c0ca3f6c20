"""Whose figures the monitor shows (issue 13): the teamleider her organisation's, exact;
functioneel beheer and the policy officer with the small-cell rule and without worker
names; the policy officer only the gemeenten of his werkgebied; the filters per team and
bron; the command's options give the page's numbers. The known world is conftest.py's."""

import json
import re
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.conftest import verified_client
from tests.factories import MeldingFactory, OrganisationFactory, TeamFactory, UserFactory
from tests.monitor.conftest import local
from vangnet.accounts.models import Role
from vangnet.audit.models import AccessLog
from vangnet.monitor.indicators import compute_indicators
from vangnet.monitor.policies import Scope, monitor_scope
from vangnet.organisations.models import Team

pytestmark = pytest.mark.django_db

PERIOD = "?van=2026-02-01&tot=2026-03-31"
VAN, TOT = date(2026, 2, 1), date(2026, 3, 31)


def _html(user, query: str = PERIOD) -> str:
    response = verified_client(user).get(reverse("monitor:home") + query)
    assert response.status_code == 200
    return response.content.decode()


def _value(html: str, key: str) -> str:
    match = re.search(rf'<p class="monitor-value" data-value="{key}">(.*?)</p>', html, re.S)
    assert match, key
    return match.group(1)


@pytest.fixture
def policy_officer(world):
    gemeente = OrganisationFactory(name="Gemeente Bussum (sociaal domein)", kind="gemeente")
    gemeente.gemeenten.set([world.bussum])
    return UserFactory(username="beleid", role=Role.BELEID, organisation=gemeente)


def test_the_teamleider_sees_her_own_organisation_only(world, users):
    other = users["other_teamleider"]
    MeldingFactory(meldpunt=other.organisation, received_at=local(2026, 2, 10, 10), gemeente=world.bussum)
    assert _value(_html(users["teamleider"]), "meldingen_ontvangen") == "5"
    # One melding of her own meldpunt: exact for the teamleider, whatever its size.
    assert _value(_html(other), "meldingen_ontvangen") == "1"
    assert _value(_html(other), "casussen_gestart") == "0"


def test_functioneel_beheer_sees_the_figures_with_small_cells_suppressed_and_no_worker_names(world, users):
    html = _html(users["beheerder"])
    assert _value(html, "meldingen_ontvangen") == "5"
    assert _value(html, "casussen_gestart") == "&lt;5"
    assert "Anna Jansen" not in html and "Bram de Vries" not in html
    assert "Casusregisseur 1" in html
    assert "aantallen onder de 5" in html
    # The teamleider sees the names and the exact count.
    own = _html(users["teamleider"])
    assert "Anna Jansen" in own and _value(own, "casussen_gestart") == "4"


def test_the_suppressed_view_is_logged_as_such(world, users):
    before = AccessLog.objects.count()
    _html(users["beheerder"])
    rows = list(AccessLog.objects.order_by("pk")[before:])
    assert [(r.action, r.object_type, r.detail, r.person_id) for r in rows] == [
        (AccessLog.Action.READ, "cijfers", "monitor (geaggregeerd, kleine aantallen onderdrukt)", "")
    ]


def test_the_policy_officer_sees_the_gemeenten_of_his_werkgebied_across_meldpunten(world, users, policy_officer):
    assert monitor_scope(policy_officer) == Scope(gemeente_ids=(world.bussum.pk,))
    # A melding from Bussum handled by another meldpunt counts for the gemeente.
    MeldingFactory(
        meldpunt=users["other_meldpunt"].organisation, received_at=local(2026, 3, 2, 10), gemeente=world.bussum
    )
    figures = compute_indicators(VAN, TOT, scope=monitor_scope(policy_officer))
    # m3 and m7 from Bussum in the period, plus the other meldpunt's one; none from Amstelveen.
    assert figures.meldingen_ontvangen == 3
    assert figures.meldingen_per_bron["huisarts"] == 0
    # c1 (m3) and c3 (m7) have a melding from Bussum.
    assert figures.casussen_gestart == 2
    html = _html(policy_officer)
    assert _value(html, "meldingen_ontvangen") == "&lt;5"
    assert "werkgebied" in html and "Anna Jansen" not in html


def test_the_policy_officer_cannot_choose_a_gemeente_outside_his_werkgebied(world, policy_officer):
    html = _html(policy_officer, f"{PERIOD}&gemeente={world.amstelveen.pk}")
    assert 'class="error-summary"' in html or "geen geldige keuze" in html.lower()
    assert 'data-value="meldingen_ontvangen"' not in html
    response = verified_client(policy_officer).get(
        reverse("monitor:export_csv") + f"{PERIOD}&gemeente={world.amstelveen.pk}"
    )
    assert response.status_code == 400


def test_a_policy_officer_without_werkgebied_gets_no_figures_and_a_message(world):
    bare = OrganisationFactory(name="Gemeente zonder werkgebied", kind="gemeente")
    user = UserFactory(username="beleid2", role=Role.BELEID, organisation=bare)
    html = _html(user)
    assert "geen werkgebied" in html
    assert _value(html, "meldingen_ontvangen") == "0"


def test_the_policy_officer_home_and_navigation_lead_to_the_monitor_only(world, policy_officer):
    response = verified_client(policy_officer).get(reverse("worklists:home"))
    html = response.content.decode()
    assert f'href="{reverse("monitor:home")}"' in html
    assert f'href="{reverse("overleg:list")}"' not in html
    assert f'href="{reverse("worklists:my_cases")}"' not in html


@pytest.mark.parametrize(
    "name", ["worklists:to_triage", "worklists:my_cases", "intake:list", "cases:list", "overleg:list"]
)
def test_the_policy_officer_is_refused_every_list_of_records(world, policy_officer, name):
    last = AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = verified_client(policy_officer).get(reverse(name))
    assert response.status_code == 403
    refused = AccessLog.objects.filter(pk__gt=last, action=AccessLog.Action.REFUSED)
    assert list(refused.values_list("user_id", flat=True)) == [str(policy_officer.pk)]


def test_the_team_filter_counts_the_teams_casussen_and_their_meldingen(world, users):
    noord = Team.objects.get(name="Team Noord")
    figures = compute_indicators(VAN, TOT, scope=Scope(organisation_id=users["teamleider"].organisation_id), team=noord)
    # c1 and c2 are Noord's; their meldingen in the period are m1, m3 (c1) and m2 (c2).
    assert (figures.casussen_gestart, figures.meldingen_ontvangen, figures.team) == (2, 3, "Team Noord")
    assert figures.casussen_afgesloten == 1  # c2 on 20 March
    html = _html(users["teamleider"], f"{PERIOD}&team={noord.pk}")
    assert _value(html, "casussen_gestart") == "2"
    assert "team Team Noord" in html


def test_the_bron_filter_counts_the_meldingen_of_that_melder_and_their_casussen(world, users):
    figures = compute_indicators(VAN, TOT, bron="politie")
    # m3 (politie) only; its casus c1 started in the period.
    assert (figures.meldingen_ontvangen, figures.casussen_gestart, figures.bron) == (1, 1, "politie")
    html = _html(users["teamleider"], f"{PERIOD}&bron=politie")
    assert _value(html, "meldingen_ontvangen") == "1"
    assert "bron: Politie" in html


def test_a_team_of_another_organisation_is_not_a_choice(world, users):
    foreign = TeamFactory(organisation=users["other_teamleider"].organisation, name="Elders")
    response = verified_client(users["teamleider"]).get(reverse("monitor:export_csv") + f"{PERIOD}&team={foreign.pk}")
    assert response.status_code == 400


def test_the_command_with_organisation_team_and_bron_gives_the_pages_numbers(world, users):
    noord = Team.objects.get(name="Team Noord")
    ggd = users["teamleider"].organisation
    out = StringIO()
    call_command(
        "figures",
        "--from", "2026-02-01", "--to", "2026-03-31", "--organisatie", ggd.name, "--team", "team noord",
        "--bron", "buurtbewoner", "--json", stdout=out,
    )  # fmt: skip
    printed = json.loads(out.getvalue())
    expected = compute_indicators(VAN, TOT, scope=Scope(organisation_id=ggd.pk), team=noord, bron="buurtbewoner")
    assert printed["meldingen_ontvangen"] == expected.meldingen_ontvangen == 1  # m1
    assert printed["casussen_gestart"] == expected.casussen_gestart == 1  # c1
    assert (printed["team"], printed["bron"]) == ("Team Noord", "buurtbewoner")
    html = _html(users["teamleider"], f"{PERIOD}&team={noord.pk}&bron=buurtbewoner")
    assert _value(html, "meldingen_ontvangen") == "1"


def test_the_export_names_the_filters(world, users):
    noord = Team.objects.get(name="Team Noord")
    response = verified_client(users["teamleider"]).get(
        reverse("monitor:export_csv") + f"{PERIOD}&team={noord.pk}&bron=politie"
    )
    text = response.content.decode("utf-8-sig")
    assert "Team;Team Noord" in text.replace('"', "") and "Bron;Politie" in text.replace('"', "")
