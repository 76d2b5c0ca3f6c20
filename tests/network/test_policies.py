"""The network's role rules that pick a list (the rest is in test_views/test_referrals)."""

import pytest

from vangnet.network import policies

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "allowed"),
    [
        ("meldpunt", True),
        ("bemoeizorger", True),
        ("teamleider", True),
        ("consultant", True),
        ("partner", False),
        ("beheerder", False),
    ],
)
def test_only_staff_have_a_due_follow_up_list(users, name, allowed):
    assert policies.can_view_due_follow_ups(users[name]) is allowed
