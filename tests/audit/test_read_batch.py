"""One access-log append per request for its reads (issue 17): the READ rows of a
page are collected on the request (AccessLogBatchMiddleware) and written in one
chain append before the response leaves; changes and refusals are written at once;
nothing is ever dropped, also not when the view fails or logs after the flush."""

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory

from tests.factories import CasusFactory, PersonFactory
from vangnet.audit.middleware import AccessLogBatchMiddleware
from vangnet.audit.models import AccessLog
from vangnet.audit.services import (
    Action,
    AuditContext,
    audit,
    audit_row,
    flush_batch,
    log_access,
    log_list_access,
    open_batch,
    write_rows,
)

pytestmark = pytest.mark.django_db


def _request(user):
    request = RequestFactory().get("/x/", REMOTE_ADDR="192.0.2.9")
    request.user = user
    return request


def _inserts(statements):
    return [s for s in statements if s.lstrip().upper().startswith("INSERT INTO") and "audit_accesslog" in s]


class _Statements:
    def __init__(self):
        self.sql = []

    def __call__(self, execute, sql, params, many, context):
        self.sql.append(sql)
        return execute(sql, params, many, context)


def test_the_reads_of_a_request_are_one_insert_in_the_order_they_were_logged(users):
    user = users["meldpunt"]
    person, casussen = PersonFactory(), CasusFactory.create_batch(3)

    def view(request):
        log_access(request, Action.READ, person=person, object_type="persoon", reason="meldpunt")
        log_list_access(request, casussen=casussen, detail="lijst", reason="organisatie")
        audit(user, Action.READ, context=AuditContext.from_request(request), person=person, object_type="persoon")
        assert AccessLog.objects.count() == 0, "nothing written before the response"
        return HttpResponse("ok")

    statements = _Statements()
    with connection.execute_wrapper(statements):
        AccessLogBatchMiddleware(view)(_request(user))
    assert len(_inserts(statements.sql)) == 1
    rows = list(AccessLog.objects.order_by("seq"))
    assert [r.object_type for r in rows] == ["persoon", "casus", "casus", "casus", "persoon"]
    assert [r.casus_id for r in rows[1:4]] == [str(c.pk) for c in casussen]
    assert {r.ip_address for r in rows} == {"192.0.2.9"}
    assert {r.user_id for r in rows} == {str(user.pk)}


def test_a_change_is_written_at_once_and_the_reads_still_arrive(users):
    user = users["meldpunt"]
    person = PersonFactory()

    def view(request):
        log_access(request, Action.READ, person=person, object_type="persoon")
        audit(user, Action.UPDATE, context=AuditContext.from_request(request), person=person, object_type="persoon")
        assert list(AccessLog.objects.values_list("action", flat=True)) == [Action.UPDATE]
        return HttpResponse("ok")

    AccessLogBatchMiddleware(view)(_request(user))
    assert sorted(AccessLog.objects.values_list("action", flat=True)) == [Action.READ, Action.UPDATE]


def test_the_reads_are_written_when_the_view_fails(users):
    person = PersonFactory()

    def view(request):
        log_access(request, Action.READ, person=person, object_type="persoon")
        raise RuntimeError("stuk")

    with pytest.raises(RuntimeError):
        AccessLogBatchMiddleware(view)(_request(users["meldpunt"]))
    assert AccessLog.objects.filter(action=Action.READ, person_id=str(person.pk)).count() == 1


def test_a_read_after_the_flush_is_written_at_once(users):
    request = _request(users["meldpunt"])
    open_batch(request)
    context = AuditContext.from_request(request)  # taken before the flush, used after it
    flush_batch(request)
    audit(users["meldpunt"], Action.READ, context=context, person=PersonFactory(), object_type="persoon")
    assert AccessLog.objects.count() == 1


def test_write_rows_takes_the_pending_reads_along_before_a_search(users):
    user = users["meldpunt"]
    request = _request(user)
    open_batch(request)
    context = AuditContext.from_request(request)
    log_access(request, Action.READ, person=PersonFactory(), object_type="persoon", detail="eerst")
    search = audit_row(user, Action.EXECUTE, context=context, object_type="zoekopdracht", detail="daarna")
    read = audit_row(user, Action.READ, context=context, person=PersonFactory(), object_type="persoon", detail="toen")
    write_rows([search, read], context)
    assert list(AccessLog.objects.order_by("seq").values_list("detail", flat=True)) == ["eerst", "daarna", "toen"]
    assert flush_batch(request) == []


def test_without_a_batch_every_call_writes_at_once(users):
    request = _request(users["meldpunt"])
    log_access(request, Action.READ, person=PersonFactory(), object_type="persoon")
    assert AccessLog.objects.count() == 1
