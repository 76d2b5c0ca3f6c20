import pytest
from django.test import RequestFactory

from tests.factories import CasusFactory, PersonFactory, UserFactory
from vangnet.audit.models import AccessLog
from vangnet.audit.services import log_access, log_list_access

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_as(ggd):
    user = UserFactory(organisation=ggd)
    request = RequestFactory().get("/lijst/?q=1", REMOTE_ADDR="203.0.113.9")
    request.user = user
    return request


def test_log_access_fields(request_as):
    person = PersonFactory()
    row = log_access(request_as, "C", person=person, object_type="persoon", detail="d" * 400, reason="casuslid")
    row.refresh_from_db()
    assert row.user_id == str(request_as.user.pk)
    assert row.organisation == "GGD Testregio"
    assert row.ip_address == "203.0.113.9"
    assert row.path == "/lijst/?q=1"
    assert len(row.detail) == 300
    assert row.person_id == str(person.pk) and not row.break_glass


def test_log_list_access_one_row_per_record_with_break_glass_flag(request_as):
    casussen = [CasusFactory(), CasusFactory()]
    persons = [PersonFactory()]
    log_list_access(
        request_as, casussen=casussen, persons=persons, detail="lijst", reason="noodtoegang", break_glass=True
    )
    rows = AccessLog.objects.filter(detail="lijst")
    assert rows.count() == 3
    assert all(r.break_glass and r.reason == "noodtoegang" and r.action == "R" for r in rows)
    assert {r.casus_id for r in rows if r.object_type == "casus"} == {str(c.pk) for c in casussen}
    assert {r.person_id for r in rows if r.object_type == "casus"} == {str(c.person_id) for c in casussen}


def test_log_list_access_default_not_break_glass(request_as):
    log_list_access(request_as, persons=[PersonFactory()], detail="lijst2")
    assert not AccessLog.objects.get(detail="lijst2").break_glass


def test_audit_from_a_service_needs_no_request(ggd):
    """Services write their own row with the acting user and an AuditContext."""
    from vangnet.audit.services import AuditContext, ObjectType, audit

    actor = UserFactory(organisation=ggd)
    casus = CasusFactory()
    row = audit(
        actor,
        "U",
        context=AuditContext(ip_address="198.51.100.4", path="/casus/1/"),
        casus=casus,
        object_type=ObjectType.CASUS,
        reason="casuslid",
    )
    row.refresh_from_db()
    assert (row.user_id, row.role, row.organisation) == (str(actor.pk), actor.role, "GGD Testregio")
    assert (row.ip_address, row.path, row.object_type) == ("198.51.100.4", "/casus/1/", "casus")
    assert row.casus_id == str(casus.pk) and row.person_id == str(casus.person_id)


def test_audit_context_from_request(request_as):
    from vangnet.audit.services import AuditContext

    assert AuditContext.from_request(request_as) == AuditContext("203.0.113.9", "/lijst/?q=1")
    assert AuditContext.from_request(None) == AuditContext()


def _queries_to_log(request, n):
    """Queries of one log_list_access over n casussen and n meldingen fetched without select_related."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import MeldingFactory
    from vangnet.cases.models import Casus
    from vangnet.intake.models import Melding

    made_c = [CasusFactory().pk for _ in range(n)]
    made_m = [MeldingFactory(person=PersonFactory()).pk for _ in range(n)]
    casussen = list(Casus.objects.filter(pk__in=made_c))
    meldingen = list(Melding.objects.filter(pk__in=made_m))
    with CaptureQueriesContext(connection) as ctx:
        rows = log_list_access(request, casussen=casussen, meldingen=meldingen, detail=f"n{n}")
    assert [r.person_id for r in rows] == [str(o.person_id) for o in casussen + meldingen]
    return len(ctx.captured_queries)


def test_log_list_access_fetches_no_person_per_row(request_as):
    """The person id of a casus or melding row comes from its person_id: the query count
    does not grow with the rows (it fetched the person per row before)."""
    assert _queries_to_log(request_as, 2) == _queries_to_log(request_as, 20)


def test_subject_fields_without_person(request_as):
    from tests.factories import MeldingFactory

    melding = MeldingFactory(person=None)
    row = log_access(request_as, "R", melding=melding, object_type="melding")
    assert (row.person_id, row.melding_id, row.casus_id) == ("", str(melding.pk), "")


def test_subject_fields_of_a_stand_in_without_person_id(request_as):
    """The guards log a refused id that names no record with a stand-in (pk, person)."""
    from types import SimpleNamespace

    row = log_access(request_as, "G", casus=SimpleNamespace(pk="999", person=None), object_type="casus")
    assert (row.person_id, row.casus_id) == ("", "999")
    person = PersonFactory()
    row = log_access(request_as, "G", melding=SimpleNamespace(pk="5", person=person), object_type="melding")
    assert (row.person_id, row.melding_id) == (str(person.pk), "5")
