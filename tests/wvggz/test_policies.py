import pytest

from vangnet.wvggz import policies
from vangnet.wvggz.models import Onderzoek

from .helpers import make_onderzoek

NAMES = [
    "meldpunt",
    "bemoeizorger",
    "duo",
    "teamleider",
    "consultant",
    "partner",
    "beheerder",
    "other_meldpunt",
    "other_bemoeizorger",
    "other_teamleider",
]


@pytest.fixture
def onderzoeken(ggd, other_org, users):
    return [
        make_onderzoek(ggd, users["meldpunt"], lead=users["bemoeizorger"], others=[users["consultant"]]),
        make_onderzoek(ggd, users["meldpunt"]),
        make_onderzoek(other_org, users["other_meldpunt"], lead=users["other_teamleider"]),
    ]


@pytest.mark.parametrize("name", NAMES)
def test_querysets_and_single_checks_agree(users, onderzoeken, name):
    user = users[name]
    content = set(policies.visible_onderzoeken(user).values_list("pk", flat=True))
    summary = set(policies.summary_onderzoeken(user).values_list("pk", flat=True))
    for o in Onderzoek.objects.all():
        assert (o.pk in content) == (policies.onderzoek_access_basis(user, o) is not None), o
        assert (o.pk in summary) == (policies.onderzoek_summary_basis(user, o) is not None), o
    assert content <= summary


def test_who_sees_what(users, onderzoeken):
    mine, unassigned, other = onderzoeken
    see = lambda name: set(policies.visible_onderzoeken(users[name]))  # noqa: E731
    assert see("bemoeizorger") == {mine} and see("consultant") == {mine}
    assert see("teamleider") == {mine, unassigned}
    assert see("meldpunt") == set() and see("duo") == set() and see("partner") == set() and see("beheerder") == set()
    assert see("other_teamleider") == {other}
    assert set(policies.summary_onderzoeken(users["meldpunt"])) == {mine, unassigned}
    users["bemoeizorger"].is_active = False
    assert policies.onderzoek_access_basis(users["bemoeizorger"], mine) is None
    # A worker who moved to another organisation loses access, even while still listed.
    users["consultant"].organisation = users["other_teamleider"].organisation
    assert policies.onderzoek_access_basis(users["consultant"], mine) is None


@pytest.mark.parametrize(
    ("name", "allowed"),
    [
        ("meldpunt", True),
        ("teamleider", True),
        ("bemoeizorger", False),
        ("consultant", False),
        ("partner", False),
        ("beheerder", False),
    ],
)
def test_organisation_onderzoeken_only_for_meldpunt_and_teamleider(users, name, allowed):
    assert policies.can_view_organisation_onderzoeken(users[name]) is allowed
