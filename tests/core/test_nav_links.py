"""The navigation links are kept per role, flags and language (vangnet.core.templatetags.
vangnet_nav, issue 17): a kept rendering never shows one user's link to another who may
not have it, and the unread count stays each user's own."""

import pytest
from django.contrib.auth.models import Permission
from django.template import Context, Template
from django.utils import translation

from vangnet.accounts.models import User

pytestmark = pytest.mark.django_db

NAV = Template("{% load vangnet_nav %}{% nav_links 'main' %}")


def _links(user, language="nl"):
    user = User.objects.get(pk=user.pk)  # a fresh permission cache, as on a new request
    with translation.override(language):
        return NAV.render(Context({"user": user, "nav_role": user.role}))


def test_a_partner_without_the_permission_never_gets_the_kept_in_beeld_link(users, other_org):
    from tests.factories import UserFactory
    from vangnet.accounts.roles import Role

    asking = UserFactory(username="vraagt", role=Role.PARTNER, organisation=users["partner"].organisation)
    asking.user_permissions.add(Permission.objects.get(codename="ask_inbeeld"))
    plain = users["partner"]
    plain.user_permissions.remove(*plain.user_permissions.filter(codename="ask_inbeeld"))
    plain.groups.clear()
    assert "In beeld?" in _links(asking)
    assert "In beeld?" not in _links(plain)
    assert "In beeld?" in _links(asking)  # and the other way round, after the plain one was kept


def test_the_links_follow_role_and_language(users):
    teamleider, meldpunt = _links(users["teamleider"]), _links(users["meldpunt"])
    assert "Teambelasting" in teamleider and "Teambelasting" not in meldpunt
    assert "Noodtoegang<" in meldpunt and "Noodtoegang<" not in teamleider
    assert "Monitor" in teamleider
    english = _links(users["teamleider"], "en")
    assert "Caseload" in english and "Teambelasting" not in english
    assert "Teambelasting" in _links(users["teamleider"])  # the Dutch one is kept apart


def test_each_page_shows_the_users_own_unread_count(users, login):
    from django.urls import reverse

    from vangnet.notifications.models import EventKind
    from vangnet.notifications.services import notify_event

    notify_event(users["bemoeizorger"], EventKind.CASUS_ROLE, reference="C-2026-00031")
    with_one = login(users["bemoeizorger"]).get(reverse("worklists:my_cases")).content.decode()
    none = login(users["duo"]).get(reverse("worklists:my_cases")).content.decode()
    assert '<span class="badge nav-count">1<span class="visually-hidden"> ongelezen' in with_one
    assert "nav-count" not in none
