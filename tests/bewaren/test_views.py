"""The retention pages: the report and its release, holds placed and lifted, the run log;
and the refusals (a wrong user gets 403/404 and one REFUSED row, nothing written)."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from vangnet.audit.models import AccessLog
from vangnet.bewaren import services
from vangnet.bewaren.models import Hold, RetentionReport, RetentionRun

from .dossier import MARKER, build_dossier

pytestmark = pytest.mark.django_db


def later():
    return time_machine.travel(timezone.now() + timedelta(days=6 * 365 + 2), tick=False)


def refused_rows(user) -> int:
    return AccessLog.objects.filter(user_id=str(user.pk), action=AccessLog.Action.REFUSED).count()


def test_the_report_lists_references_and_counts_never_content(ggd, users, login):
    dossier = build_dossier(ggd, users)
    with later():
        services.write_report()
        page = login(users["privacy"]).get(reverse("bewaren:report"))
    text = page.content.decode()
    assert page.status_code == 200
    assert dossier["casus"].reference in text and dossier["loose"].reference in text
    assert MARKER not in text and dossier["person"].surname not in text
    assert "Rapport vrijgeven (5 gegevens)" in text


def test_release_needs_the_confirmation_and_happens_once(ggd, users, login):
    build_dossier(ggd, users)
    with later():
        report = services.write_report()
    client = login(users["privacy"])
    url = reverse("bewaren:release", args=[report.pk])
    page = client.post(url, {})
    assert page.status_code == 200 and "Bevestig dat u het rapport hebt beoordeeld." in page.content.decode()
    assert RetentionReport.objects.get().status == RetentionReport.Status.CONCEPT
    assert client.post(url, {"confirm": "on"}).status_code == 302
    again = client.post(url, {"confirm": "on"})
    assert again.status_code == 200 and "kan niet meer worden vrijgegeven" in again.content.decode()
    report.refresh_from_db()
    assert report.status == RetentionReport.Status.VRIJGEGEVEN and report.released_by == users["privacy"]
    assert AccessLog.objects.filter(object_type="bewaarrapport", action="U").count() == 1


def test_release_is_refused_to_the_teamleider(ggd, users, login):
    build_dossier(ggd, users)
    with later():
        report = services.write_report()
    response = login(users["teamleider"]).post(reverse("bewaren:release", args=[report.pk]), {"confirm": "on"})
    assert response.status_code == 403
    assert RetentionReport.objects.get().status == RetentionReport.Status.CONCEPT
    assert refused_rows(users["teamleider"]) == 1


@pytest.mark.parametrize("name", ["bewaren:report", "bewaren:runs", "bewaren:holds"])
def test_the_pages_are_refused_to_a_worker(users, login, name):
    assert login(users["bemoeizorger"]).get(reverse(name)).status_code == 403
    assert refused_rows(users["bemoeizorger"]) == 1


def test_a_teamleider_places_and_lifts_a_hold_on_her_organisations_casus(ggd, users, login):
    dossier = build_dossier(ggd, users)
    client = login(users["teamleider"])
    data = {"kind": "casus", "reference": dossier["casus"].reference.lower(), "reason": "Bezwaarprocedure loopt"}
    assert client.post(reverse("bewaren:holds"), data).status_code == 302
    assert client.post(reverse("bewaren:holds"), data).status_code == 200  # a double submit: one hold
    hold = Hold.objects.get()
    assert hold.casus == dossier["casus"] and hold.placed_by == users["teamleider"]
    assert AccessLog.objects.filter(object_type="bewaarblokkade", action="C", casus_id=str(hold.casus_id)).count() == 1
    lift = reverse("bewaren:hold_lift", args=[hold.pk])
    assert client.post(lift, {"reason": "kort", "version": hold.version}).status_code == 200
    assert client.post(lift, {"reason": "De procedure is afgerond", "version": hold.version}).status_code == 302
    hold.refresh_from_db()
    assert hold.lifted_by == users["teamleider"] and not hold.is_active


def test_a_hold_on_a_person_by_the_reference_of_his_melding(ggd, users, login):
    dossier = build_dossier(ggd, users)
    data = {"kind": "persoon", "reference": dossier["loose"].reference, "reason": "Klacht ingediend bij de GGD"}
    assert login(users["privacy"]).post(reverse("bewaren:holds"), data).status_code == 302
    assert Hold.objects.get().person == dossier["person"]
    assert Hold.objects.get().reference == f"P-{dossier['person'].pk}"


def test_another_organisations_teamleider_cannot_place_or_lift(ggd, users, login):
    dossier = build_dossier(ggd, users)
    outsider = users["other_teamleider"]
    data = {"kind": "casus", "reference": dossier["casus"].reference, "reason": "Bezwaarprocedure loopt"}
    page = login(outsider).post(reverse("bewaren:holds"), data)
    assert page.status_code == 200 and "Geen gegeven van deze soort" in page.content.decode()
    assert not Hold.objects.exists() and refused_rows(outsider) == 1
    hold = services.place_hold(dossier["casus"], reason="Bezwaarprocedure loopt", by=users["privacy"])
    lift = reverse("bewaren:hold_lift", args=[hold.pk])
    assert login(outsider).post(lift, {"reason": "Niet mijn organisatie", "version": 1}).status_code == 404
    hold.refresh_from_db()
    assert hold.is_active and refused_rows(outsider) == 2
    assert login(users["bemoeizorger"]).get(lift).status_code == 403


def test_the_run_log_shows_what_was_removed(ggd, users, login):
    dossier = build_dossier(ggd, users)
    with later():
        report = services.write_report()
        services.release_report(report, by=users["privacy"])
        services.run_daily()
        run = RetentionRun.objects.get()
        client = login(users["privacy"])
        assert str(run.removed) in client.get(reverse("bewaren:runs")).content.decode()
        text = client.get(reverse("bewaren:run_detail", args=[run.pk])).content.decode()
    assert dossier["casus"].reference in text and "Verwijderd" in text and MARKER not in text


def test_the_privacy_home_links_to_the_pages(users, login):
    text = login(users["privacy"]).get(reverse("worklists:home")).content.decode()
    for name in ("bewaren:report", "bewaren:holds", "bewaren:runs"):
        assert reverse(name) in text
