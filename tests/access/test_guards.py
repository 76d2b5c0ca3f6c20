"""Guards: refusal is a 404 with exactly one REFUSED row; success writes exactly one complete access-log row."""

import pytest
from django.http import Http404
from django.test import RequestFactory
from django.utils import timezone

from vangnet.access import guards, policies
from vangnet.audit.models import AccessLog

GUARDS = {
    "casus": guards.get_casus,
    "melding": guards.get_melding,
    "persoon": guards.get_person,
}

# (guard, object, refused users)
REFUSALS = [
    (
        "casus",
        "casus_own",
        [
            "other_bemoeizorger",
            "consultant_nm",
            "other_teamleider",
            "other_meldpunt",
            "partner",
            "beheerder",
            "inactive",
            "no_org",
            "bg_wrong_role",
        ],
    ),
    (
        "melding",
        "melding_own",
        ["other_bemoeizorger", "consultant_nm", "other_teamleider", "partner", "beheerder", "inactive", "no_org"],
    ),
    (
        "persoon",
        "p_own",
        [
            "other_bemoeizorger",
            "consultant_nm",
            "other_teamleider",
            "partner",
            "beheerder",
            "inactive",
            "no_org",
            "bg_wrong_role",
        ],
    ),
    ("casus", "casus_other", ["meldpunt", "bg_expired", "bg_overlong", "teamleider"]),
    ("melding", "melding_other", ["meldpunt", "bg_expired", "bg_overlong"]),
    ("persoon", "p_other", ["meldpunt", "bg_expired", "bg_overlong", "teamleider"]),
]

# (guard, object, user, expected basis)
SUCCESSES = [
    ("casus", "casus_own", "bemoeizorger", policies.BASIS_MEMBER),
    ("casus", "casus_own", "teamleider", policies.BASIS_ORGANISATION),
    ("melding", "melding_own", "meldpunt", policies.BASIS_MELDPUNT),
    ("melding", "partner_melding", "partner", policies.BASIS_OWN_MELDING),
    ("persoon", "p_own", "consultant", policies.BASIS_MEMBER),
    ("casus", "casus_other", "bg_active", policies.BASIS_BREAK_GLASS),
    ("melding", "melding_other", "bg_active", policies.BASIS_BREAK_GLASS),
    ("persoon", "p_other", "bg_active", policies.BASIS_BREAK_GLASS),
]


def _request(user, ip="192.0.2.44"):
    request = RequestFactory().get("/ergens/", REMOTE_ADDR=ip)
    request.user = user
    return request


ID_FIELD = {"casus": "casus_id", "melding": "melding_id", "persoon": "person_id"}


def _last_id():
    return AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


@pytest.mark.parametrize(("guard", "obj_key", "user_keys"), REFUSALS)
def test_refusal_is_404_and_one_refused_row(world, guard, obj_key, user_keys):
    obj = world.objects[obj_key]
    for key in user_keys:
        user = world.users[key]
        before = _last_id()
        with pytest.raises(Http404):
            GUARDS[guard](_request(user), obj.pk)
        row = AccessLog.objects.get(pk__gt=before)
        assert row.action == AccessLog.Action.REFUSED
        assert (row.user_id, row.username, row.role) == (str(user.pk), user.username, user.role)
        assert row.organisation == (user.organisation.name if user.organisation else "")
        assert row.object_type == guard and getattr(row, ID_FIELD[guard]) == str(obj.pk)
        assert (row.path, row.ip_address) == ("/ergens/", "192.0.2.44")
        assert not row.break_glass and row.reason == guards.REASON_NOT_VISIBLE


def test_unknown_id_is_404_and_one_refused_row_with_the_id_asked_for(world):
    for name, guard in GUARDS.items():
        before = _last_id()
        with pytest.raises(Http404):
            guard(_request(world.users["teamleider"]), 999_999)
        row = AccessLog.objects.get(pk__gt=before)
        assert row.action == AccessLog.Action.REFUSED and getattr(row, ID_FIELD[name]) == "999999"


def test_garbage_id_is_404_and_logged_in_the_detail_for_other_kinds(world):
    before = _last_id()
    with pytest.raises(Http404):
        guards.fetch(_request(world.users["teamleider"]), "verwijzing", "abc", detail="verwijzing bekeken")
    row = AccessLog.objects.get(pk__gt=before)
    assert row.action == AccessLog.Action.REFUSED and row.detail.startswith("verwijzing abc")
    assert (row.person_id, row.casus_id, row.melding_id) == ("", "", "")


@pytest.mark.parametrize("pk", [2**63, 10**30, -1, 0, "1.5", None])
def test_impossible_id_is_404_with_one_refused_row_never_a_500(world, pk):
    before = _last_id()
    with pytest.raises(Http404):
        guards.get_person(_request(world.users["teamleider"]), pk)
    assert AccessLog.objects.get(pk__gt=before).action == AccessLog.Action.REFUSED


def test_huge_id_in_the_url_is_404_not_500(world, login):
    from django.urls import reverse

    response = login(world.users["teamleider"]).get(reverse("cases:detail", args=[10**30]))
    assert response.status_code == 404


def test_visible_but_not_allowed_is_403_with_one_refused_row(world):
    from django.core.exceptions import PermissionDenied

    before = _last_id()
    with pytest.raises(PermissionDenied):
        guards.fetch(_request(world.users["meldpunt"]), "casus", world.casus_own.pk, allow=policies.can_work_on_casus)
    row = AccessLog.objects.get(pk__gt=before)
    assert row.action == AccessLog.Action.REFUSED and row.reason == guards.REASON_NOT_ALLOWED
    assert row.casus_id == str(world.casus_own.pk) and row.person_id == str(world.p_own.pk)


def test_break_glass_may_look_but_not_work(world):
    from django.core.exceptions import PermissionDenied

    request = _request(world.users["bg_active"])
    with pytest.raises(PermissionDenied):
        guards.fetch(request, "persoon", world.p_other.pk, allow_break_glass=False)
    assert AccessLog.objects.latest("id").reason == guards.REASON_BREAK_GLASS_NO_WORK


def test_a_request_is_refused_on_record_once(world):
    request = _request(world.users["other_teamleider"])
    before = _last_id()
    for _ in range(2):
        with pytest.raises(Http404):
            guards.get_casus(request, world.casus_own.pk)
    assert AccessLog.objects.filter(pk__gt=before).count() == 1


@pytest.mark.parametrize(("guard", "obj_key", "user_key", "basis"), SUCCESSES)
def test_success_writes_exactly_one_complete_row(world, guard, obj_key, user_key, basis):
    user, obj = world.users[user_key], world.objects[obj_key]
    before_ids = set(AccessLog.objects.values_list("pk", flat=True))
    start = timezone.now()
    got, got_basis = GUARDS[guard](_request(user), obj.pk, action=AccessLog.Action.READ)
    assert got == obj and got_basis == basis
    rows = list(AccessLog.objects.exclude(pk__in=before_ids))
    assert len(rows) == 1
    row = rows[0]
    assert row.user_id == str(user.pk)
    assert row.username == user.username
    assert row.role == user.role
    assert row.organisation == user.organisation.name
    assert row.action == AccessLog.Action.READ
    assert row.object_type == guard
    assert row.reason == basis
    assert row.break_glass is (basis == policies.BASIS_BREAK_GLASS)
    assert row.ip_address == "192.0.2.44"
    assert start <= row.timestamp <= timezone.now()
    assert row.path == "/ergens/"
    if guard == "casus":
        assert (row.casus_id, row.person_id, row.melding_id) == (str(obj.pk), str(obj.person_id), "")
    elif guard == "melding":
        person_id = str(obj.person_id) if obj.person_id else ""
        assert (row.melding_id, row.person_id, row.casus_id) == (str(obj.pk), person_id, "")
    else:
        assert (row.person_id, row.casus_id, row.melding_id) == (str(obj.pk), "", "")


def test_guard_passes_action_through(world):
    guards.get_casus(_request(world.users["bemoeizorger"]), world.casus_own.pk, action=AccessLog.Action.UPDATE)
    assert AccessLog.objects.latest("id").action == AccessLog.Action.UPDATE


@pytest.mark.parametrize("user_key", ["inactive", "no_org", "bemoeizorger"])
def test_role_required_refuses_inactive_without_org_and_wrong_role(world, user_key):
    from django.core.exceptions import PermissionDenied

    view = guards.role_required("meldpunt")(lambda request: "ok")
    before = _last_id()
    with pytest.raises(PermissionDenied):
        view(_request(world.users[user_key]))
    row = AccessLog.objects.get(pk__gt=before)
    assert (row.action, row.user_id, row.reason) == ("G", str(world.users[user_key].pk), guards.REASON_WRONG_ROLE)
    assert view(_request(world.users["meldpunt"])) == "ok"
    assert AccessLog.objects.filter(pk__gt=row.pk).count() == 0
