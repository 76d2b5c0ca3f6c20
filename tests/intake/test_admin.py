"""Functioneel beheer of the concern categories; meldingen are not in the admin."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from tests.factories import MeldingFactory, category
from vangnet.intake.admin import ConcernCategoryAdmin
from vangnet.intake.models import ConcernCategory, Melding


def test_registration():
    assert ConcernCategory in admin.site._registry
    assert Melding not in admin.site._registry


@pytest.fixture
def model_admin():
    return ConcernCategoryAdmin(ConcernCategory, admin.site)


def test_category_in_use_cannot_be_deleted_or_recoded(db, users, model_admin):
    request = RequestFactory().get("/")
    request.user = users["beheerder"]
    request.user.is_superuser = True
    used = category("psychisch")
    unused = category("lvb")
    MeldingFactory(categories=[used])
    assert not model_admin.has_delete_permission(request, used)
    assert model_admin.has_delete_permission(request, unused)
    assert model_admin.get_readonly_fields(request, used) == ["code"]
    assert model_admin.get_readonly_fields(request, unused) == []
    assert "delete_selected" not in model_admin.get_actions(request)


def test_changelist_renders(db, users, login):
    beheerder = users["beheerder"]
    beheerder.is_superuser = True
    beheerder.save()
    MeldingFactory(categories=[category("psychisch")])
    response = login(beheerder).get("/beheer/intake/concerncategory/")
    assert response.status_code == 200
    assert "Psychische problemen" in response.content.decode()
    # Meldingen have no admin pages.
    assert login(beheerder).get("/beheer/intake/melding/").status_code == 404
