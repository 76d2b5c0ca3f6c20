"""The login backend answers permissions (direct and through a group) in one query
(issue 17), with the same answers as Django's ModelBackend."""

import pytest
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from vangnet.accounts.backends import ModelBackend
from vangnet.accounts.models import User

pytestmark = pytest.mark.django_db


def _perm(codename: str) -> Permission:
    return Permission.objects.get(codename=codename)


@pytest.fixture
def users():
    group = Group.objects.create(name="perm-test-groep")
    group.permissions.add(_perm("view_group"))
    direct = User.objects.create_user(username="direct", password="x-Ab3!long-enough")
    direct.user_permissions.add(_perm("change_group"))
    grouped = User.objects.create_user(username="grouped", password="x-Ab3!long-enough")
    grouped.groups.add(group)
    both = User.objects.create_user(username="both", password="x-Ab3!long-enough")
    both.groups.add(group)
    both.user_permissions.add(_perm("view_group"), _perm("change_group"))
    nobody = User.objects.create_user(username="nobody", password="x-Ab3!long-enough")
    return {u.username: u for u in (direct, grouped, both, nobody)}


def test_direct_and_group_permissions_are_granted_and_others_refused(users):
    backend = ModelBackend()
    fresh = {name: User.objects.get(pk=u.pk) for name, u in users.items()}
    assert backend.has_perm(fresh["direct"], "auth.change_group")
    assert not backend.has_perm(fresh["direct"], "auth.view_group")
    assert backend.has_perm(fresh["grouped"], "auth.view_group")
    assert not backend.has_perm(fresh["grouped"], "auth.change_group")
    assert backend.get_all_permissions(fresh["both"]) == {"auth.view_group", "auth.change_group"}
    assert not backend.has_perm(fresh["nobody"], "auth.view_group")
    assert backend.get_all_permissions(fresh["nobody"]) == set()


def test_same_answers_as_djangos_backend(users):
    inactive = users["both"]
    inactive.is_active = False
    inactive.save()
    superuser = User.objects.create_superuser(username="super", password="x-Ab3!long-enough")
    for user in [*users.values(), superuser]:
        ours = ModelBackend().get_all_permissions(User.objects.get(pk=user.pk))
        django_s = DjangoModelBackend().get_all_permissions(User.objects.get(pk=user.pk))
        assert ours == django_s, user.username


def test_one_query_per_request_user(users):
    user = User.objects.get(pk=users["both"].pk)
    backend = ModelBackend()
    with CaptureQueriesContext(connection) as queries:
        backend.has_perm(user, "auth.view_group")
        backend.has_perm(user, "auth.change_group")
        backend.has_perm(user, "auth.delete_group")
    assert len(queries) == 1
