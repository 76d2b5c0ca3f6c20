"""Issue 17: a list writes the read rows of what it shows in one insert (one
``log_list_access``), with the same rows as the per-row ``log_access`` wrote: the same
object type, basis, detail and subjects; and the page costs the same queries with
more rows shown."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import CasusFactory
from tests.network.factories import ServiceFactory, propose
from vangnet.access.policies import BASIS_OWN_MELDING
from vangnet.audit.models import AccessLog, ObjectType
from vangnet.network.policies import BASIS_RECEIVING_PARTNER
from vangnet.procesregie.models import Action, Escalation
from vangnet.procesregie.policies import BASIS_AAN_ZET

from .test_partner_home import partner_world  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def _get(client, url):
    """(rows logged, INSERTs into the access log, queries) of one GET."""
    before = AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    inserts = sum(1 for q in ctx.captured_queries if q["sql"].startswith('INSERT INTO "audit_accesslog"'))
    rows = [
        (r.object_type, r.reason, r.detail, r.person_id, r.casus_id, r.melding_id, r.action)
        for r in AccessLog.objects.filter(pk__gt=before).order_by("pk")
    ]
    return rows, inserts, len(ctx.captured_queries)


def _casus_row(object_type, reason, detail, casus):
    return (object_type, reason, detail, str(casus.person_id), str(casus.pk), "", AccessLog.Action.READ)


def _more_referrals(users, ggd, police, n):
    service = ServiceFactory(organisation=police)
    return [
        propose(CasusFactory(organisation=ggd, casusregisseur=users["bemoeizorger"]), service, users["bemoeizorger"])
        for _ in range(n)
    ]


def test_partner_inbox_logs_each_referral_in_one_insert(login, partner_world, users, ggd, police):  # noqa: F811
    client = login(partner_world["partner"])
    url = reverse("network:partner_inbox")
    rows, inserts, few = _get(client, url)
    referral = partner_world["referral"]
    assert rows == [
        _casus_row(ObjectType.VERWIJZING, BASIS_RECEIVING_PARTNER, "verwijzingen (netwerkpartner)", referral.casus)
    ]
    assert inserts == 1
    more = _more_referrals(users, ggd, police, 6)
    rows, inserts, many = _get(client, url)
    shown = [*reversed(more), referral]  # newest first
    assert rows == [
        _casus_row(ObjectType.VERWIJZING, BASIS_RECEIVING_PARTNER, "verwijzingen (netwerkpartner)", r.casus)
        for r in shown
    ]
    assert inserts == 1
    assert many == few  # 46 queries for 50 rows before (the person of each log row)


def _actions(users, police, n, start=0):
    out = []
    for i in range(n):
        casus = CasusFactory(casusregisseur=users["bemoeizorger"])
        escalation = Escalation.objects.create(
            casus=casus, description="Vast.", escalated_by=users["bemoeizorger"], procesregisseur=users["teamleider"]
        )
        out.append(
            Action.objects.create(
                escalation=escalation,
                organisation=police,
                description=f"Actie {i}",
                due_date=timezone.localdate() + timedelta(days=start + i),
                assigned_by=users["teamleider"],
            )
        )
    return out


def test_aan_zet_logs_each_action_with_its_own_detail_in_one_insert(login, users, police):
    client = login(users["partner"])
    url = reverse("procesregie:aan_zet")
    first = _actions(users, police, 2)
    rows, inserts, few = _get(client, url)
    expected = [
        _casus_row(ObjectType.PROCESREGIE_ACTIE, BASIS_AAN_ZET, f"actie {a.pk} aan zet", a.escalation.casus)
        for a in first
    ]
    assert [r[:6] for r in rows] == [e[:6] for e in expected] and inserts == 1
    second = _actions(users, police, 8, start=10)
    rows, inserts, many = _get(client, url)
    assert [r[2] for r in rows] == [f"actie {a.pk} aan zet" for a in first + second]
    assert inserts == 1 and many == few


def test_partner_home_writes_its_three_blocks_in_one_insert(login, partner_world):  # noqa: F811
    w = partner_world
    rows, inserts, _queries = _get(login(w["partner"]), reverse("worklists:home"))
    casus = w["referral"].casus
    own = w["own"]
    assert rows == [
        _casus_row(ObjectType.VERWIJZING, BASIS_RECEIVING_PARTNER, "startpagina: verwijzingen (netwerkpartner)", casus),
        _casus_row(ObjectType.PROCESREGIE_ACTIE, BASIS_AAN_ZET, f"startpagina: actie {w['action'].pk} aan zet", casus),
        (
            ObjectType.MELDING,
            BASIS_OWN_MELDING,
            "startpagina: eigen meldingen (status)",
            str(own.person_id or ""),
            "",
            str(own.pk),
            AccessLog.Action.READ,
        ),
    ]
    assert inserts == 1
