"""Figures: referrals by partner and status, refusals by reason, median days to
intake, % still in care six months after the handover. Aggregates only."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from tests.factories import CasusFactory
from vangnet.network import services
from vangnet.network.models import Referral

from .factories import ServiceFactory, propose

pytestmark = pytest.mark.django_db
AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")


def at(y, m, d):
    return time_machine.travel(datetime.datetime(y, m, d, 10, tzinfo=AMS), tick=False)


@pytest.fixture
def story(ggd, users, service, fact_partner):
    worker = users["bemoeizorger"]
    other_service = ServiceFactory(name="Schuldhulp Test", type="schuldhulp")

    def casus():
        return CasusFactory(organisation=ggd, casusregisseur=worker)

    with at(2026, 1, 5):
        refused = [propose(casus(), service, worker) for _ in range(2)]
        refused.append(propose(casus(), other_service, worker))
        long = propose(casus(), service, worker)
        short = propose(casus(), service, worker)
        out = propose(casus(), service, worker)
        services.refuse_referral(refused[0], by=fact_partner, reason="geen_plek")
        services.refuse_referral(refused[1], by=fact_partner, reason="uitsluiting")
        services.refuse_referral(refused[2], by=worker, reason="doelgroep")
        for r in (long, short, out):
            services.accept_referral(r, by=fact_partner, intake_date=datetime.date(2026, 1, 9))
    with at(2026, 1, 9):
        services.record_intake(short, by=worker, on=datetime.date(2026, 1, 9), warm=True)  # 4 days
        services.record_intake(out, by=worker, on=datetime.date(2026, 1, 9), warm=False)  # 4 days
        services.record_in_care(short, by=worker)
        services.record_in_care(out, by=worker)
    with at(2026, 1, 25):
        services.record_intake(long, by=worker, on=datetime.date(2026, 1, 25), warm=True)  # 20 days
    with at(2026, 7, 10):
        services.answer_follow_up(short.follow_ups.get(key="6m"), by=worker, answer="ja")
        services.answer_follow_up(out.follow_ups.get(key="6m"), by=worker, answer="nee")
    # A referral of another organisation never counts.
    CasusFactory()
    return {"service": service, "other": other_service}


def test_figures(story, ggd):
    with at(2026, 7, 20):
        figs = services.figures(ggd)
    by_partner = {name: row for name, row, _ in figs.by_partner}
    assert by_partner[str(story["service"].organisation)] == {"geweigerd": 2, "intake_gedaan": 1, "in_zorg": 2}
    assert by_partner[str(story["other"].organisation)] == {"geweigerd": 1}
    refusals = {name: row for name, row, _ in figs.refusals}
    assert refusals[str(story["service"].organisation)] == {"geen_plek": 1, "uitsluiting": 1}
    assert figs.median_days_to_intake == 4 and figs.intake_count == 3
    assert (figs.six_month_yes, figs.six_month_no, figs.six_month_pct) == (1, 1, 50)


def test_six_months_counts_only_handovers_at_least_six_months_ago(story, ggd):
    with at(2026, 7, 8):
        figs = services.figures(ggd)
    assert figs.six_month_pct is None


def test_other_organisation_sees_none_of_it(story, other_org):
    figs = services.figures(other_org)
    assert figs.by_partner == [] and figs.median_days_to_intake is None


def test_page_and_csv_for_the_teamleider(story, users, login):
    # Fixed surnames: a faker name such as "Engels" is also on every page (the language menu).
    for referral in Referral.objects.select_related("casus__person"):
        referral.casus.person.surname = f"Verborgennaam{referral.pk}"
        referral.casus.person.save(update_fields=["surname"])
    client = login(users["teamleider"])
    with at(2026, 7, 20):
        page = client.get(reverse("network:figures")).content.decode()
        response = client.get(reverse("network:figures_csv"))
    assert "50%" in page and str(story["service"].organisation) in page
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode()
    assert "weigeringen per reden" in body and ";50" in body
    for referral in Referral.objects.all():
        assert referral.casus.person.surname not in body and referral.casus.person.surname not in page
