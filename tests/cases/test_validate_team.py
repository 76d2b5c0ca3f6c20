"""cases.services.validate_team: the one rule for the team that starts a
bemoeizorg casus, used by triage (bemoeizorg) and by wvggz (geen aanvraag,
bemoeizorg casus)."""

import inspect

import pytest

from tests.factories import OrganisationFactory, TeamFactory, UserFactory
from vangnet.accounts.models import Role
from vangnet.cases.services import validate_team
from vangnet.triage import services as triage_services
from vangnet.wvggz import services as wvggz_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return OrganisationFactory()


def _codes(errors):
    return {key: [e.code for e in errs] for key, errs in errors.items()}


def test_case_workers_and_own_team_pass(org):
    lead = UserFactory(role=Role.BEMOEIZORGER, organisation=org)
    duo = UserFactory(role=Role.TEAMLEIDER, organisation=org)
    assert validate_team(org.pk, casusregisseur=lead, duo=[duo], team=TeamFactory(organisation=org)) == {}
    assert validate_team(org.pk, casusregisseur=lead, duo=[], team=None) == {}


def test_casusregisseur_is_required(org):
    assert _codes(validate_team(org.pk, casusregisseur=None, duo=[], team=None)) == {
        "casusregisseur": ["regisseur_required"]
    }


@pytest.mark.parametrize(
    "wrong",
    [
        {"role": Role.CONSULTANT},  # advises, does not carry a casus
        {"role": Role.MELDPUNT},
        {"role": Role.PARTNER},
        {"role": Role.BEMOEIZORGER, "other_org": True},
        {"role": Role.BEMOEIZORGER, "is_active": False},
    ],
)
def test_wrong_casusregisseur_or_duo_is_refused(org, wrong):
    wrong = dict(wrong)
    user_org = OrganisationFactory() if wrong.pop("other_org", False) else org
    user = UserFactory(organisation=user_org, **wrong)
    lead = UserFactory(role=Role.BEMOEIZORGER, organisation=org)
    assert _codes(validate_team(org.pk, casusregisseur=user, duo=[], team=None)) == {
        "casusregisseur": ["regisseur_invalid"]
    }
    assert _codes(validate_team(org.pk, casusregisseur=lead, duo=[user], team=None)) == {"duo": ["duo_invalid"]}


def test_team_of_another_organisation_is_refused(org):
    lead = UserFactory(role=Role.BEMOEIZORGER, organisation=org)
    other_team = TeamFactory(organisation=OrganisationFactory())
    assert _codes(validate_team(org.pk, casusregisseur=lead, duo=[], team=other_team)) == {"team": ["team_invalid"]}


def test_triage_and_wvggz_use_the_one_rule():
    # No private copy of the checks left in either app.
    for module in (triage_services, wvggz_services):
        assert module.validate_team is validate_team
        assert '"team_invalid"' not in inspect.getsource(module)
