"""Issue 12 item 3: triage never silently replaces the casusregisseur of a running casus.

A new melding about a person whose casus is running at the organisation keeps
that casus's team by default (no regisseur needs to be chosen); only an explicit
"team wijzigen" changes it, through the casus team change (audit row and
notifications for the people concerned)."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import CasusFactory, MeldingFactory
from vangnet.audit.models import AccessLog
from vangnet.cases.models import CaseMember
from vangnet.cases.services import update_members
from vangnet.intake.models import Melding
from vangnet.notifications.models import EventKind, Notification
from vangnet.triage.models import TriageDecision
from vangnet.triage.services import decide

from .conftest import decision_post

RISK: dict[str, Any] = {"acute_danger": "nee", "already_in_care": "ja", "known_to_partners": "nee"}


@pytest.fixture
def running(known_person, users, ggd, team):
    """The person's running casus: regisseur 'bemoeizorger', duo 'duo', team Bemoeizorgteam."""
    casus = CasusFactory(
        person=known_person, organisation=ggd, team=team, casusregisseur=users["bemoeizorger"], reference="C-LOOP-1"
    )
    CaseMember.objects.create(casus=casus, user=users["duo"], role=CaseMember.Role.DUO)
    MeldingFactory(meldpunt=ggd, person=known_person, casus=casus, status="getrieerd")
    return casus


@pytest.fixture
def second(make_melding, known_person):
    return make_melding(surname="Berg", tussenvoegsel="van den", date_of_birth=known_person.date_of_birth)


def _team(casus):
    return dict(casus.members.values_list("user__username", "role"))


def url(melding):
    return reverse("triage:melding", args=[melding.pk])


# --- the service ------------------------------------------------------------------


def test_running_casus_keeps_its_team_without_choosing_a_regisseur(running, second, known_person, users):
    decision = decide(second, by=users["meldpunt"], outcome="bemoeizorg", person=known_person, **RISK)

    running.refresh_from_db()
    assert decision.casus == running
    assert running.casusregisseur == users["bemoeizorger"]
    assert _team(running) == {"bemoeizorger": "regisseur", "duo": "duo"}
    assert not Notification.objects.filter(kind=EventKind.CASUS_REGISSEUR_CHANGED).exists()


def test_another_regisseur_without_team_change_is_refused_not_applied(running, second, known_person, users):
    """Today's bug: choosing someone else replaced the regisseur silently."""
    with pytest.raises(ValidationError) as exc:
        decide(
            second,
            by=users["meldpunt"],
            outcome="bemoeizorg",
            person=known_person,
            casusregisseur=users["teamleider"],
            **RISK,
        )
    assert "change_team" in exc.value.message_dict
    running.refresh_from_db()
    assert running.casusregisseur == users["bemoeizorger"]
    assert _team(running) == {"bemoeizorger": "regisseur", "duo": "duo"}
    assert not TriageDecision.objects.exists()
    assert Melding.objects.get(pk=second.pk).status == Melding.Status.TE_TRIEREN


def test_explicit_team_change_goes_through_the_casus_team_change(running, second, known_person, users):
    decide(
        second,
        by=users["meldpunt"],
        outcome="bemoeizorg",
        person=known_person,
        change_team=True,
        casusregisseur=users["teamleider"],
        duo=[users["duo"]],
        **RISK,
    )
    running.refresh_from_db()
    assert running.casusregisseur == users["teamleider"]
    assert _team(running) == {"teamleider": "regisseur", "duo": "duo"}
    # The team change's own audit row and its notifications: the new regisseur joins,
    # the duo who stayed hears the regisseur changed.
    assert AccessLog.objects.filter(
        action="U", object_type="casus", casus_id=str(running.pk), detail="casusleden gewijzigd"
    ).exists()
    assert Notification.objects.filter(user=users["teamleider"], kind=EventKind.CASUS_ROLE).exists()
    assert Notification.objects.filter(user=users["duo"], kind=EventKind.CASUS_REGISSEUR_CHANGED).exists()


def test_team_change_needs_a_regisseur(running, second, known_person, users):
    with pytest.raises(ValidationError) as exc:
        decide(second, by=users["meldpunt"], outcome="bemoeizorg", person=known_person, change_team=True, **RISK)
    assert "casusregisseur" in exc.value.message_dict
    running.refresh_from_db()
    assert running.casusregisseur == users["bemoeizorger"]


def test_a_new_casus_still_needs_a_regisseur(second, users):
    with pytest.raises(ValidationError) as exc:
        decide(second, by=users["meldpunt"], outcome="bemoeizorg", **RISK)
    assert "casusregisseur" in exc.value.message_dict


# --- the screen ------------------------------------------------------------------


def test_screen_shows_the_current_team_for_the_chosen_person(login, running, second, known_person, users):
    client = login(users["meldpunt"])
    data = decision_post(second, person=str(known_person.pk), outcome="bemoeizorg", casusregisseur="")
    html = client.post(reverse("triage:decision_fields", args=[second.pk]), data).content.decode()
    assert "C-LOOP-1" in html
    assert str(users["bemoeizorger"]) in html and str(users["duo"]) in html
    assert 'name="change_team"' in html
    # Keeping the team is the default: no regisseur to choose until "team wijzigen".
    assert 'name="casusregisseur"' not in html
    assert AccessLog.objects.filter(
        username="meldpunt", action="R", object_type="casus", casus_id=str(running.pk)
    ).exists()
    data["change_team"] = "on"
    html = client.post(reverse("triage:decision_fields", args=[second.pk]), data).content.decode()
    assert 'name="casusregisseur"' in html
    # The change starts from the current team.
    assert f'value="{users["bemoeizorger"].pk}" selected' in html


def test_form_without_regisseur_keeps_the_running_team(login, running, second, known_person, users):
    client = login(users["meldpunt"])
    data = decision_post(second, person=str(known_person.pk), outcome="bemoeizorg", casusregisseur="")
    response = client.post(url(second), data)
    assert response.status_code == 302, response.context["form"].errors
    running.refresh_from_db()
    assert running.casusregisseur == users["bemoeizorger"]
    assert TriageDecision.objects.get(melding=second).casus == running


def test_form_regisseur_without_team_change_shows_the_dutch_message(login, running, second, known_person, users):
    client = login(users["meldpunt"])
    data = decision_post(
        second, person=str(known_person.pk), outcome="bemoeizorg", casusregisseur=str(users["teamleider"].pk)
    )
    response = client.post(url(second), data)
    assert response.status_code == 200
    assert "Team wijzigen" in response.context["form"].errors["change_team"][0]
    running.refresh_from_db()
    assert running.casusregisseur == users["bemoeizorger"]


def test_form_team_change_changes_the_regisseur(login, running, second, known_person, users):
    client = login(users["meldpunt"])
    data = decision_post(
        second,
        person=str(known_person.pk),
        outcome="bemoeizorg",
        change_team="on",
        casusregisseur=str(users["teamleider"].pk),
        duo=[str(users["duo"].pk)],
    )
    assert client.post(url(second), data).status_code == 302
    running.refresh_from_db()
    assert running.casusregisseur == users["teamleider"]


def test_a_team_change_made_meanwhile_is_not_overwritten_unseen(running, second, known_person, users):
    seen = running.version
    # Meanwhile the casusregisseur hands over on the casus page.
    update_members(running, casusregisseur=users["duo"], duo=[], by=users["bemoeizorger"], expected_version=seen)
    with pytest.raises(ValidationError) as exc:
        decide(
            second,
            by=users["meldpunt"],
            outcome="bemoeizorg",
            person=known_person,
            change_team=True,
            running_version=seen,
            casusregisseur=users["teamleider"],
            **RISK,
        )
    assert "intussen gewijzigd" in exc.value.message_dict["change_team"][0]
    running.refresh_from_db()
    assert running.casusregisseur == users["duo"]


def test_the_screen_carries_the_version_of_the_team_it_shows(login, running, second, known_person, users):
    data = decision_post(second, person=str(known_person.pk), outcome="bemoeizorg", casusregisseur="")
    html = login(users["meldpunt"]).post(reverse("triage:decision_fields", args=[second.pk]), data).content.decode()
    assert f'name="running_version" value="{running.version}"' in html
