"""Table-driven permission test: every role x relationship x object.

Each row is (user, object, expected basis or None). For every row the test also
checks that the queryset rule (visible_*) agrees with the single-object rule."""

import pytest

from vangnet.access import policies as p
from vangnet.access.policies import (
    BASIS_BREAK_GLASS as BG,
)
from vangnet.access.policies import (
    BASIS_MELDPUNT as MP,
)
from vangnet.access.policies import (
    BASIS_MEMBER as MEMBER,
)
from vangnet.access.policies import (
    BASIS_ORGANISATION as ORG,
)
from vangnet.access.policies import (
    BASIS_OWN_MELDING as OWN,
)

OBJECTS = [
    "casus_own",
    "melding_own",
    "p_own",
    "melding_meld",
    "p_meld",
    "casus_other",
    "melding_other",
    "p_other",
    "partner_melding",
]
NOTHING = dict.fromkeys(OBJECTS)

# What a meldpunt worker / teamleider of the GGD sees through the organisation.
GGD_ORG_WIDE = {
    **NOTHING,
    "casus_own": ORG,
    "melding_own": MP,
    "p_own": ORG,
    "melding_meld": MP,
    "p_meld": MP,
    "partner_melding": MP,
}
GGD_MEMBER = {**NOTHING, "casus_own": MEMBER, "melding_own": MEMBER, "p_own": MEMBER}
OTHER_ORG_WIDE = {**NOTHING, "casus_other": ORG, "melding_other": MP, "p_other": ORG}

TABLE = {
    # own organisation, member of the casus
    "bemoeizorger": GGD_MEMBER,
    "duo": GGD_MEMBER,
    "consultant": GGD_MEMBER,
    # own organisation, not a member
    "other_bemoeizorger": NOTHING,
    "consultant_nm": NOTHING,
    # own organisation, organisation-wide roles
    "meldpunt": GGD_ORG_WIDE,
    "teamleider": GGD_ORG_WIDE,
    # other organisation
    "other_meldpunt": OTHER_ORG_WIDE,
    "other_teamleider": OTHER_ORG_WIDE,
    "other_org_bz": {**NOTHING, "casus_other": MEMBER, "melding_other": MEMBER, "p_other": MEMBER},
    # teamleider of a third organisation who is a member of the GGD casus: membership only
    "tl_member": GGD_MEMBER,
    # partner: own melding, status only; never persons or casussen
    "partner": {**NOTHING, "partner_melding": OWN},
    # beheer: no personal data
    "beheerder": NOTHING,
    # break the glass: active / expired / expires_at too far / role that may not break the glass
    "bg_active": {**GGD_ORG_WIDE, "casus_other": BG, "melding_other": BG, "p_other": BG},
    "bg_expired": GGD_ORG_WIDE,
    "bg_overlong": GGD_ORG_WIDE,
    "bg_wrong_role": NOTHING,
    # account state
    "inactive": NOTHING,
    "no_org": NOTHING,
}


def _basis(user, key, obj):
    if key.startswith("casus"):
        return p.casus_access_basis(user, obj)
    if key.startswith("p_"):
        return p.person_access_basis(user, obj)
    return p.melding_access_basis(user, obj)


def _visible(user, key, obj):
    if key.startswith("casus"):
        return p.visible_casussen(user).filter(pk=obj.pk).exists()
    if key.startswith("p_"):
        return p.visible_persons(user).filter(pk=obj.pk).exists()
    return p.visible_meldingen(user).filter(pk=obj.pk).exists()


def test_table_covers_every_object_for_every_user():
    for user, expected in TABLE.items():
        assert set(expected) == set(OBJECTS), user


@pytest.mark.parametrize("user_key", list(TABLE))
def test_access_basis(world, user_key):
    """One test per user (the world is built once per test); all objects checked, all mismatches reported."""
    user = world.users[user_key]
    wrong = []
    for obj_key, expected in TABLE[user_key].items():
        obj = world.objects[obj_key]
        got = _basis(user, obj_key, obj)
        if got != expected:
            wrong.append(f"{user_key} -> {obj_key}: basis {got!r}, expected {expected!r}")
        if _visible(user, obj_key, obj) != (expected is not None):
            wrong.append(f"{user_key} -> {obj_key}: visible_* disagrees with *_access_basis")
    assert not wrong, "\n".join(wrong)


def test_anonymous_user_sees_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    anon = AnonymousUser()
    for key, obj in world.objects.items():
        assert _basis(anon, key, obj) is None
        assert not _visible(anon, key, obj)
    assert not p.can_break_glass(anon)


def test_break_glass_without_flag_is_ignored(world):
    user = world.users["bg_active"]
    assert p.person_access_basis(user, world.p_other, include_break_glass=False) is None
    assert not p.visible_casussen(user, include_break_glass=False).filter(pk=world.casus_other.pk).exists()
    assert not p.visible_meldingen(user, include_break_glass=False).filter(pk=world.melding_other.pk).exists()


def test_break_glass_until_is_capped_at_four_hours(world):
    assert p.break_glass_until(world.users["bg_active"], world.p_other.pk) is not None
    assert p.break_glass_until(world.users["bg_overlong"], world.p_other.pk) is None
    assert p.break_glass_until(world.users["bg_expired"], world.p_other.pk) is None


@pytest.mark.parametrize(
    ("user_key", "allowed"),
    [
        ("meldpunt", True),
        ("bg_active", True),
        ("teamleider", False),
        ("bemoeizorger", False),
        ("consultant", False),
        ("partner", False),
        ("beheerder", False),
        ("inactive", False),
        ("no_org", False),
    ],
)
def test_can_break_glass(world, user_key, allowed):
    assert p.can_break_glass(world.users[user_key]) is allowed


ACCESS_LOG_ROWS = [
    ("teamleider", "p_own", p.BASIS_REVIEW),
    ("teamleider", "p_meld", p.BASIS_REVIEW),
    # a GGD meldpunt worker broke the glass for p_other: the GGD teamleider reviews that
    ("teamleider", "p_other", p.BASIS_BREAK_GLASS_REVIEW),
    ("other_teamleider", "p_other", p.BASIS_REVIEW),
    ("other_teamleider", "p_own", None),
    ("other_teamleider", "p_meld", None),
    # membership of another organisation's casus is not supervision
    ("tl_member", "p_own", None),
    ("meldpunt", "p_own", None),
    ("bemoeizorger", "p_own", None),
    ("consultant", "p_own", None),
    ("partner", "p_own", None),
    ("beheerder", "p_own", None),
]


@pytest.mark.parametrize(("user_key", "obj_key", "expected"), ACCESS_LOG_ROWS)
def test_person_access_log_basis(world, user_key, obj_key, expected):
    user, person = world.users[user_key], world.objects[obj_key]
    assert p.person_access_log_basis(user, person) == expected
    assert p.can_view_person_access_log(user, person) is (expected is not None)


def test_inactive_teamleider_cannot_view_access_log(world):
    tl = world.users["teamleider"]
    tl.is_active = False
    tl.save()
    assert not p.can_view_person_access_log(tl, world.p_own)


@pytest.mark.parametrize(
    ("user_key", "obj_key", "expected"),
    [
        ("bemoeizorger", "casus_own", True),
        ("consultant", "casus_own", True),
        ("teamleider", "casus_own", True),
        ("meldpunt", "casus_own", False),  # sees it for triage, does not work on it
        ("tl_member", "casus_own", True),
        ("other_bemoeizorger", "casus_own", False),
        ("other_teamleider", "casus_own", False),
        ("bg_active", "casus_other", False),  # break the glass is for looking, not for working
        ("partner", "casus_own", False),
        ("inactive", "casus_own", False),
    ],
)
def test_can_work_on_casus(world, user_key, obj_key, expected):
    assert p.can_work_on_casus(world.users[user_key], world.objects[obj_key]) is expected


@pytest.mark.parametrize(
    ("user_key", "expected"),
    [
        ("meldpunt", True),
        ("teamleider", True),
        ("other_meldpunt", False),
        ("bemoeizorger", False),
        ("partner", False),
        ("inactive", False),
        ("no_org", False),
    ],
)
def test_can_triage(world, user_key, expected):
    assert p.can_triage(world.users[user_key], world.melding_meld) is expected
