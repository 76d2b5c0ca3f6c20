"""The rules of practical means and waiting lists, and the rows the services write."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.factories import CasusFactory, UserFactory
from tests.service_audit import CONTEXT, assert_row, new_rows
from vangnet.accounts.models import Role
from vangnet.cases.models import Phase
from vangnet.core.concurrency import ConcurrentEditError
from vangnet.middelen import services
from vangnet.middelen.models import Inzet, Wachtlijst, WachtlijstStatus

from .conftest import days_ago, inzet, listing

pytestmark = pytest.mark.django_db


def test_record_inzet_stores_it_and_writes_one_row_without_the_purpose(casus, users):
    with new_rows() as rows:
        item = inzet(casus, users["duo"], users["teamleider"], "275.50", purpose="Pension De Linde", context=CONTEXT)
    assert (item.amount, item.approved_by, item.recorded_by) == (Decimal("275.50"), users["teamleider"], users["duo"])
    [row] = rows
    assert_row(row, users["duo"], action="C", object_type="inzet", casus=casus)
    assert row.reason == "casuslid"
    assert "Linde" not in row.detail


def test_a_double_submit_records_one_inzet(casus, users):
    first = inzet(casus, users["duo"], users["teamleider"])
    with new_rows() as rows:
        second = inzet(casus, users["duo"], users["teamleider"])
    assert first.pk == second.pk and Inzet.objects.count() == 1 and rows == []


@pytest.mark.parametrize(
    "amount, code", [("0", "not_positive"), ("-5", "not_positive"), ("25000.01", "too_high"), ("1.005", "cents")]
)
def test_implausible_amounts_are_refused_on_the_amount(casus, users, amount, code):
    with pytest.raises(ValidationError) as exc:
        inzet(casus, users["duo"], users["teamleider"], amount)
    assert exc.value.error_dict["amount"][0].code == code
    assert not Inzet.objects.exists()


def test_the_approval_must_name_a_teamleider_of_the_casus_organisation(casus, users):
    for approver in (users["duo"], users["other_teamleider"], None):
        with pytest.raises(ValidationError) as exc:
            inzet(casus, users["duo"], approver)
        assert "approved_by" in exc.value.error_dict
    assert not Inzet.objects.exists()


@pytest.mark.parametrize("ago, code", [(-1, "future"), (20, "before_start")])
def test_an_implausible_inzet_day_is_refused(casus, users, ago, code):
    with pytest.raises(ValidationError) as exc:
        inzet(casus, users["duo"], users["teamleider"], day=days_ago(ago))
    assert exc.value.error_dict["spent_on"][0].code == code


def test_who_may_not_work_on_the_casus_cannot_record(casus, users):
    for who in ("meldpunt", "partner", "other_bemoeizorger", "consultant", "other_teamleider"):
        with pytest.raises(PermissionDenied):
            inzet(casus, users[who], users["teamleider"])
        with pytest.raises(PermissionDenied):
            listing(casus, users[who])
    assert not Inzet.objects.exists() and not Wachtlijst.objects.exists()


def test_never_under_break_the_glass(casus, users):
    from vangnet.access.models import BreakGlassGrant

    outsider = users["other_bemoeizorger"]
    BreakGlassGrant.objects.create(
        user=outsider, person=casus.person, reason="Acute zorg", expires_at=timezone.now() + timedelta(hours=1)
    )
    with pytest.raises(PermissionDenied):
        inzet(casus, outsider, users["teamleider"])


def test_put_on_the_waiting_list_and_the_placement(casus, users):
    with new_rows() as rows:
        entry = listing(casus, users["duo"], days_ago(30), context=CONTEXT)
        services.record_placement(
            entry, expected_version=entry.version, status="geplaatst", placed_on=days_ago(2), by=users["duo"]
        )
    entry.refresh_from_db()
    assert (entry.status, entry.placed_on, entry.version) == (WachtlijstStatus.GEPLAATST, days_ago(2), 2)
    assert [(r.action, r.object_type) for r in rows] == [("C", "wachtlijst"), ("U", "wachtlijst")]
    assert "Onderdak" not in rows[0].detail


def test_a_double_submit_puts_the_person_on_the_list_once(casus, users):
    assert listing(casus, users["duo"]).pk == listing(casus, users["duo"]).pk
    assert Wachtlijst.objects.count() == 1


def test_implausible_list_days_are_refused(casus, users):
    for day, code in ((days_ago(-1), "future"), (days_ago(11 * 365), "before_start")):
        with pytest.raises(ValidationError) as exc:
            listing(casus, users["duo"], day)
        assert exc.value.error_dict["listed_on"][0].code == code
    # Listed before the casus started is fine: the person may have waited long already.
    assert listing(casus, users["duo"], days_ago(200)).listed_on == days_ago(200)


def test_a_placement_is_not_before_the_list_day_and_needs_a_day(casus, users):
    entry = listing(casus, users["duo"], days_ago(5))
    with pytest.raises(ValidationError) as exc:
        services.record_placement(entry, expected_version=1, status="geplaatst", placed_on=days_ago(6), by=users["duo"])
    assert exc.value.error_dict["placed_on"][0].code == "before_start"
    with pytest.raises(ValidationError) as exc:
        services.record_placement(entry, expected_version=1, status="geplaatst", placed_on=None, by=users["duo"])
    assert "placed_on" in exc.value.error_dict
    entry.refresh_from_db()
    assert entry.status == WachtlijstStatus.WACHTEND


def test_a_lapsed_entry_has_no_placement_day(casus, users):
    entry = listing(casus, users["duo"])
    services.record_placement(entry, expected_version=1, status="vervallen", placed_on=days_ago(1), by=users["duo"])
    entry.refresh_from_db()
    assert (entry.status, entry.placed_on) == ("vervallen", None)


def test_a_concurrent_placement_is_refused_and_changes_nothing(casus, users):
    entry = listing(casus, users["duo"])
    stale = Wachtlijst.objects.get(pk=entry.pk)
    services.record_placement(entry, expected_version=1, status="vervallen", placed_on=None, by=users["duo"])
    with pytest.raises(ConcurrentEditError):
        services.record_placement(
            stale, expected_version=1, status="geplaatst", placed_on=days_ago(1), by=users["bemoeizorger"]
        )
    assert Wachtlijst.objects.get(pk=entry.pk).status == "vervallen"


def test_waiting_times_per_kind_on_known_data(casus, users, ggd, team):
    other = CasusFactory(
        organisation=ggd, team=team, casusregisseur=users["duo"], opened_at=timezone.now() - timedelta(days=3)
    )
    by = users["duo"]
    # beschermd wonen: two placed after 10 and 20 days, one waiting 40 days; one lapsed (not counted)
    for listed, placed in ((30, 20), (50, 30)):
        e = listing(casus if listed == 30 else other, by, days_ago(listed))
        services.record_placement(e, expected_version=1, status="geplaatst", placed_on=days_ago(placed), by=by)
    listing(other, by, days_ago(40), provider="Anders")
    lapsed = listing(casus, by, days_ago(60), provider="Weg")
    services.record_placement(lapsed, expected_version=1, status="vervallen", placed_on=None, by=by)
    # opvang: two waiting, 4 and 8 days
    listing(casus, by, days_ago(4), kind="opvang")
    listing(other, by, days_ago(8), kind="opvang")
    # another organisation's waiting list is not counted
    foreign = CasusFactory(organisation=users["other_teamleider"].organisation)
    Wachtlijst.objects.create(
        casus=foreign, kind="opvang", listed_on=days_ago(100), recorded_by=by, recorded_at=timezone.now()
    )
    figures = {f.kind: f for f in services.waiting_times(ggd)}
    bw, opvang, anders = figures["beschermd-wonen"], figures["opvang"], figures["anders"]
    assert (bw.waiting, bw.placed, bw.median_days_waiting, bw.median_days_placed) == (1, 2, 40, 15)
    assert (opvang.waiting, opvang.placed, opvang.median_days_waiting, opvang.median_days_placed) == (2, 0, 6, None)
    assert (anders.waiting, anders.placed) == (0, 0)
    # a period counts the placements in it only
    recent = {f.kind: f for f in services.waiting_times(ggd, (days_ago(25), days_ago(0)))}
    assert (recent["beschermd-wonen"].placed, recent["beschermd-wonen"].median_days_placed) == (1, 10)


def test_waiting_times_take_one_query(casus, users, ggd, django_assert_num_queries):
    listing(casus, users["duo"])
    with django_assert_num_queries(1):
        services.waiting_times(ggd)


def test_a_closed_casus_takes_no_new_means(casus, users):
    casus.phase = Phase.AFGESLOTEN
    with pytest.raises(ValidationError):
        inzet(casus, users["duo"], users["teamleider"])


def test_an_inactive_teamleider_cannot_approve(casus, users, ggd):
    gone = UserFactory(role=Role.TEAMLEIDER, organisation=ggd, is_active=False)
    with pytest.raises(ValidationError) as exc:
        inzet(casus, users["duo"], gone)
    assert "approved_by" in exc.value.error_dict
