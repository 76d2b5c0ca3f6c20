"""Wrong users are refused: 404 for who cannot see, 403 for who sees but may not act,
one REFUSED access-log row each, nothing written."""

import pytest
from django.urls import reverse

from vangnet.audit.models import AccessLog
from vangnet.grondslagen import services
from vangnet.grondslagen.models import CasusGrondslag, Toestemming

from .conftest import object_to

pytestmark = pytest.mark.django_db
REFUSED = AccessLog.Action.REFUSED


def test_changing_the_task_is_refused_for_others(casus, users, login):
    url = reverse("grondslagen:casus_task", args=[casus.pk])
    data = {"task": "regie", "ground": "wettelijk", "reason": "x", "version": 0}
    assert login(users["other_bemoeizorger"]).post(url, data).status_code == 404
    assert login(users["meldpunt"]).post(url, data).status_code == 403
    assert login(users["consultant"]).get(url).status_code == 404
    assert login(users["partner"]).get(url).status_code == 403
    assert not CasusGrondslag.objects.exists()
    assert AccessLog.objects.filter(casus_id=str(casus.pk), action=REFUSED).count() == 3


def test_recording_consent_is_refused_for_others(person, users, login, police):
    url = reverse("grondslagen:consent_add", args=[person.pk])
    data = {"soort": "bezwaar", "organisation": police.pk, "how": "mondeling", "given_on": "2026-01-01"}
    assert login(users["other_bemoeizorger"]).post(url, data).status_code == 404
    assert login(users["consultant"]).post(url, data).status_code == 404
    assert login(users["other_meldpunt"]).get(url).status_code == 404
    assert login(users["beheerder"]).get(url).status_code == 403
    assert not Toestemming.objects.exists()
    assert AccessLog.objects.filter(person_id=str(person.pk), action=REFUSED).count() == 3


def test_withdrawing_is_refused_for_others(person, corporatie, users, login):
    t = object_to(person, users["duo"], organisation=corporatie)
    url = reverse("grondslagen:consent_withdraw", args=[t.pk])
    assert login(users["other_bemoeizorger"]).post(url, {"version": t.version}).status_code == 404
    assert login(users["partner"]).post(url, {"version": t.version}).status_code == 403
    t.refresh_from_db()
    assert t.withdrawn_on is None
    assert AccessLog.objects.filter(action=REFUSED).count() == 2


def test_the_review_is_only_for_the_teamleider_of_the_workers_organisation(casus, users, police, login):
    afwijking = services.record_override(
        services.SharingCheck(deviation="bezwaar", reason="Acuut"),
        person=casus.person,
        casus=casus,
        organisation=police,
        via="verwijzing",
        reference="verwijzing 1",
        ground="wettelijk",
        by=users["duo"],
    )
    assert afwijking is not None
    url = reverse("grondslagen:override_mark_reviewed", args=[afwijking.pk])
    assert login(users["other_teamleider"]).post(url, {"note": "ok"}).status_code == 404
    assert login(users["bemoeizorger"]).post(url, {"note": "ok"}).status_code == 403
    assert login(users["bemoeizorger"]).get(reverse("grondslagen:override_review")).status_code == 403
    afwijking.refresh_from_db()
    assert afwijking.reviewed_at is None
    assert AccessLog.objects.filter(action=REFUSED).count() == 3


@pytest.mark.parametrize("given", [None, "", "betrokkenheid organisatie"])
def test_person_section_asks_the_basis_unless_the_page_gives_it(person, users, given):
    """Issue 17: the person page hands its basis to the consent block; a page without it
    (a missing template variable is "") lets the block ask, so no one sees it unasked."""
    from vangnet.grondslagen.templatetags.grondslagen_tags import grondslagen_person_section

    outsider = users["other_meldpunt"]
    context = {"request": type("Req", (), {"user": outsider})()}
    shown = grondslagen_person_section(context, person, given)["shown"]
    assert shown is (given == "betrokkenheid organisatie")  # only a basis the page asked counts
