"""The session's TOTP device comes with the user's own query (issue 17): the same device
django-otp would load, and the same refusals (another user's device, an unconfirmed or a
removed one), with one query less on every page."""

from typing import Any, cast

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.middleware import OTPMiddleware as DjangoOTPMiddleware
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import verified_client
from tests.factories import UserFactory
from vangnet.accounts.middleware import AuthenticationMiddleware, OTPMiddleware

pytestmark = pytest.mark.django_db


def _answer(request: HttpRequest) -> HttpResponse:
    return HttpResponse()


def _request(client, otp_middleware=OTPMiddleware):
    request = RequestFactory().get("/")
    request.session = SessionStore(client.session.session_key)
    AuthenticationMiddleware(_answer).process_request(request)
    otp_middleware(_answer)._install_lazy_accessors(request)
    return request


def _with_device(client, persistent_id):
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = persistent_id
    session.save()
    return client


def test_the_joined_device_is_the_one_django_otp_loads_in_one_query_less():
    user = UserFactory()
    client = verified_client(user)
    device = TOTPDevice.objects.get(user=user)
    device.drift = 1
    device.throttling_failure_count = 2
    device.save()

    ours = _request(client)
    with CaptureQueriesContext(connection) as ours_queries:
        assert ours.user.is_verified()
    theirs = _request(client, DjangoOTPMiddleware)
    with CaptureQueriesContext(connection) as their_queries:
        assert theirs.user.is_verified()

    assert len(ours_queries) == len(their_queries) - 1
    assert ours.user == theirs.user == user
    joined, loaded = ours.user.otp_device, theirs.user.otp_device
    assert isinstance(joined, TOTPDevice) and joined.get_deferred_fields() == set()
    for field in TOTPDevice._meta.concrete_fields:
        assert getattr(joined, field.attname) == getattr(loaded, field.attname), field.name
    # A real instance: saving it changes the stored row only where it was changed.
    joined.drift = 0
    joined.save()
    device.refresh_from_db()
    assert (device.drift, device.throttling_failure_count, device.key) == (0, 2, loaded.key)


def test_another_users_device_does_not_verify_the_session():
    user, other = UserFactory(), UserFactory()
    client = verified_client(user)
    theirs = TOTPDevice.objects.create(user=other, name="ander", confirmed=True)
    request = _request(_with_device(client, theirs.persistent_id))
    assert request.user == user
    assert not request.user.is_verified()
    assert DEVICE_ID_SESSION_KEY not in request.session


@pytest.mark.parametrize("change", ["unconfirmed", "removed"])
def test_an_unconfirmed_or_removed_device_does_not_verify_the_session(change):
    user = UserFactory()
    client = verified_client(user)
    device = TOTPDevice.objects.get(user=user)
    if change == "unconfirmed":
        TOTPDevice.objects.filter(pk=device.pk).update(confirmed=False)
    else:
        device.delete()
    request = _request(client)
    assert not request.user.is_verified()
    assert DEVICE_ID_SESSION_KEY not in request.session


def test_another_kind_of_device_is_loaded_as_django_otp_does():
    user = UserFactory()
    client = verified_client(user)
    static = StaticDevice.objects.create(user=user, name="reserve", confirmed=True)
    request = _request(_with_device(client, static.persistent_id))
    assert request.user.otp_device == static
    assert request.user.is_verified()


def test_an_anonymous_session_is_not_verified():
    request = RequestFactory().get("/")
    request.session = SessionStore()
    AuthenticationMiddleware(_answer).process_request(request)
    OTPMiddleware(_answer)._install_lazy_accessors(request)
    user = cast(Any, request.user)
    assert not user.is_authenticated
    assert not user.is_verified()
