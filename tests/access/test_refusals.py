"""Every refused access to personal data is on record: exactly one REFUSED row
with who, in which role and organisation, what was asked for, where and from
where; an allowed user gets the one read row of the guard; a burst of
refusals tells the user's teamleider once per window.

The endpoints and the expected codes come from the permission matrix, so a
new personal-data URL is covered here as soon as it has its matrix row."""

import logging
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.conftest import verified_client
from tests.test_permission_matrix import GET_MATRIX, POST_ONLY, ROLES, world  # noqa: F401 (fixture)
from vangnet.access.models import RefusalAlert
from vangnet.audit.models import AccessLog
from vangnet.notifications.models import Notification

pytestmark = pytest.mark.django_db

# object key of the matrix world -> (kind written by the guard, field that holds the id asked for or "")
KIND = {
    "casus": ("casus", "casus_id"),
    "casus_melding": ("melding", "melding_id"),
    "untriaged": ("melding", "melding_id"),
    "partner_melding": ("melding", "melding_id"),
    "person": ("persoon", "person_id"),
    "duplicate": ("dubbele persoon", ""),
    "grant": ("noodtoegang", ""),
    "escalation": ("procesregie", ""),
    "regie_action": ("procesregie-actie", ""),
    "meeting": ("overleg", ""),
    "agenda_item": ("agendapunt", ""),
    "meeting_action": ("overleg-actiepunt", ""),
    "referral": ("verwijzing", ""),
    "follow_up": ("vinger aan de pols", ""),
    "follow_up_no": ("vinger aan de pols", ""),
    "wvggz_onderzoek": ("wvggz-onderzoek", ""),
    "wvggz_aanvraag": ("wvggz-onderzoek", ""),
    "attempt": ("contactpoging", ""),
    "note": ("notitie", ""),
    "leefgebiedenbeeld": ("leefgebiedenbeeld", ""),
    "crisisepisode": ("crisisepisode", ""),
    "plan_doel": ("plan-doel", ""),
    "plan_actie": ("plan-actie", ""),
    "wachtlijst": ("wachtlijst", ""),
    "naaste": ("naaste", ""),  # belongs to the person (no casus on its rows)
    "verzoek": ("verzoek", ""),  # a request of the betrokkene: belongs to the person (no casus)
    "inzage": ("inzage", ""),  # belongs to the person (no casus on its rows)
    "toestemming": ("toestemming", ""),  # belongs to the person (no casus on its rows)
    "afwijking": ("afwijking", ""),
    # issue 16 part 3: a hold on the matrix casus; the report and the run hold references only.
    "hold": ("bewaarblokkade", ""),
    "retention_report": ("bewaarrapport", ""),
    "retention_run": ("verwijderronde", ""),
}
# Records of other kinds and the casus they belong to (their refused rows name it).
SUBJECT = {
    "referral": lambda o: o.casus,
    "follow_up": lambda o: o.referral.casus,
    "follow_up_no": lambda o: o.referral.casus,
    "escalation": lambda o: o.casus,
    "regie_action": lambda o: o.escalation.casus,
    "attempt": lambda o: o.casus,
    "note": lambda o: o.casus,
    "leefgebiedenbeeld": lambda o: o.casus,
    "crisisepisode": lambda o: o.casus,
    "plan_doel": lambda o: o.casus,
    "plan_actie": lambda o: o.goal.casus,
    "wachtlijst": lambda o: o.casus,
    "afwijking": lambda o: o.casus,
    "hold": lambda o: o.casus,
}
# Pages whose success row names the record under another object type.
OBJECT_TYPE = {"persons:access_log": "toegangslog"}
# Reachable only after the user's own search (the matrix refuses everyone a bare URL).
NO_SUCCESS = {"access:break_glass_confirm"}

GET_ENDPOINTS = [(name, key) for name, key in GET_MATRIX if key in KIND]
POST_ENDPOINTS = [(name, key) for name, key in POST_ONLY if key in KIND]


def test_every_personal_data_endpoint_of_the_matrix_is_in_this_table():
    keyed = {key for _, key in list(GET_MATRIX) + list(POST_ONLY) if key}
    # service: the sociale kaart; notification: the user's own, holds only a kind and a reference.
    assert keyed - set(KIND) == {"service", "notification"}, (
        "a new kind of record: add it to KIND (service and notification are not personal data)"
    )


def _last_id():
    return AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _new_rows(before):
    return list(AccessLog.objects.filter(pk__gt=before).order_by("pk"))


def _check_refused_row(rows, *, user, url, status, key, obj, method):
    refused = [r for r in rows if r.action == AccessLog.Action.REFUSED]
    assert len(refused) == 1, (method, url, user.role, status, [(r.action, r.object_type) for r in rows])
    assert all(r.action == AccessLog.Action.REFUSED for r in rows), "nothing read or written on a refusal"
    row = refused[0]
    assert (row.user_id, row.username, row.role) == (str(user.pk), user.username, user.role)
    assert row.organisation == user.organisation.name
    assert row.path == url and row.ip_address == "127.0.0.1"
    kind, id_field = KIND[key]
    if status == 404 or row.object_type != "pagina":
        # The guard: the kind, and the id asked for in its field or the detail.
        assert row.object_type == kind
        if id_field:
            assert getattr(row, id_field) == str(obj.pk)
        else:
            assert row.detail.startswith(f"{kind} {obj.pk}")
        if key in SUBJECT:  # the record exists: the casus/person it belongs to is on the row too
            assert row.casus_id == str(SUBJECT[key](obj).pk) and row.person_id == str(SUBJECT[key](obj).person_id)
    else:
        # A role check: the page and the id in the detail.
        assert f"pk={obj.pk}" in row.detail or f"_pk={obj.pk}" in row.detail


def _client(people, role):
    return verified_client(people[role])


@pytest.mark.parametrize("name,key", GET_ENDPOINTS, ids=[n for n, _ in GET_ENDPOINTS])
def test_get_refusals_are_one_refused_row_and_success_one_read_row(world, name, key):  # noqa: F811
    people, objects = world
    objects["grant"].expires_at = objects["grant"].created_at  # as in the matrix: no live grant
    objects["grant"].save()
    obj = objects[key]
    url = reverse(name, args=[obj.pk])
    kind, id_field = KIND[key]
    for role in ROLES:
        expected = GET_MATRIX[(name, key)][role]
        if role == "anon":
            before = _last_id()
            Client().get(url)
            assert _new_rows(before) == [], "an anonymous visitor is sent to the login, nothing logged"
            continue
        user = people[role]
        before = _last_id()
        response = _client(people, role).get(url)
        assert response.status_code == expected, (role, response.status_code)
        rows = _new_rows(before)
        if expected in (403, 404):
            _check_refused_row(rows, user=user, url=url, status=expected, key=key, obj=obj, method="GET")
        elif expected == 200 and name not in NO_SUCCESS:
            assert not [r for r in rows if r.action == AccessLog.Action.REFUSED]
            object_type = OBJECT_TYPE.get(name, kind)
            mine = [r for r in rows if r.object_type == object_type and r.user_id == str(user.pk)]
            if id_field:
                mine = [r for r in mine if getattr(r, id_field) == str(obj.pk)]
            assert len(mine) == 1, (role, [(r.action, r.object_type, r.detail) for r in rows])
            assert mine[0].action in (AccessLog.Action.READ, AccessLog.Action.EXECUTE)
            assert mine[0].reason, "the basis of access is the reason"


@pytest.mark.parametrize("name,key", POST_ENDPOINTS, ids=[n for n, _ in POST_ENDPOINTS])
def test_refused_post_is_one_refused_row_and_changes_nothing(world, name, key):  # noqa: F811
    people, objects = world
    obj = objects[key]
    url = reverse(name, args=[obj.pk])
    for role in ROLES:
        if role == "anon" or role in POST_ONLY[(name, key)]:
            continue
        before = _last_id()
        response = _client(people, role).post(url, {})
        assert response.status_code in (403, 404), (role, response.status_code)
        _check_refused_row(
            _new_rows(before), user=people[role], url=url, status=response.status_code, key=key, obj=obj, method="POST"
        )


def test_view_own_permission_denied_is_logged_once_by_the_middleware(world):  # noqa: F811
    # overleg:create raises PermissionDenied itself (no role_required, no guard).
    people, _objects = world
    before = _last_id()
    assert _client(people, "regisseur").get(reverse("overleg:create")).status_code == 403
    (row,) = _new_rows(before)
    assert (row.action, row.object_type, row.detail) == ("G", "pagina", "overleg:create")


def test_api_403_is_logged_once(world):  # noqa: F811
    people, _objects = world
    before = _last_id()
    assert _client(people, "meldpunt").get(reverse("api:meldingen")).status_code == 403
    (row,) = _new_rows(before)
    assert (row.action, row.user_id, row.object_type) == ("G", str(people["meldpunt"].pk), "pagina")


# --- bursts ----------------------------------------------------------------------


@pytest.fixture
def burst(settings):
    settings.VANGNET_REFUSAL_BURST = 4
    settings.VANGNET_REFUSAL_BURST_MINUTES = 5


def _refuse(client, objects, times):
    for _ in range(times):
        assert client.get(reverse("cases:detail", args=[objects["casus"].pk])).status_code == 404


def test_burst_of_refusals_notifies_the_teamleider_once_per_window(world, burst, caplog):  # noqa: F811
    people, objects = world
    offender = people["other_meldpunt"]  # another GGD: casus not visible
    teamleider = people["other_teamleider"]  # her organisation's teamleider
    client = _client(people, "other_meldpunt")
    caplog.set_level(logging.INFO, logger="vangnet.security")
    start = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    new = Notification.objects.filter(pk__gt=start)
    _refuse(client, objects, 3)
    assert not new.exists()
    _refuse(client, objects, 6)  # the 4th refusal crosses the line; the rest are the same burst
    note = new.get()
    assert note.user == teamleider
    assert note.text == f"Gebruiker {offender.username} kreeg 4 weigeringen in 5 minuten."
    assert objects["casus"].person.surname not in note.text and objects["casus"].reference not in note.text
    events = [r.msg for r in caplog.records if r.name == "vangnet.security" and isinstance(r.msg, dict)]
    burst_events = [e for e in events if e["event"] == "access_refusal_burst"]
    assert len(burst_events) == 1 and burst_events[0]["user_id"] == offender.pk
    # The wrong teamleider (another organisation) hears nothing.
    assert not new.filter(user=people["teamleider"]).exists()
    # Once the alert lies a window behind (access-log times are the database's, so no time travel:
    # the alert is moved back), the burst that goes on is told again, once.
    RefusalAlert.objects.filter(user=offender).update(created_at=timezone.now() - timedelta(minutes=6))
    _refuse(client, objects, 3)
    assert new.filter(user=teamleider).count() == 2 and new.count() == 2
    assert RefusalAlert.objects.filter(user=offender).count() == 2


def test_refusals_below_the_burst_notify_nobody(world, burst):  # noqa: F811
    people, objects = world
    start = Notification.objects.count()
    _refuse(_client(people, "other_meldpunt"), objects, 3)
    assert Notification.objects.count() == start and not RefusalAlert.objects.exists()
