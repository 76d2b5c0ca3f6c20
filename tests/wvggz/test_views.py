import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from vangnet.audit.models import AccessLog
from vangnet.wvggz import services
from vangnet.wvggz.models import Onderzoek, Outcome, Status

from .helpers import BEHAVIOUR, answer_all, make_onderzoek


@pytest.fixture
def onderzoek(ggd, users):
    o = make_onderzoek(
        ggd, users["meldpunt"], received_at=timezone.now() - datetime.timedelta(days=10), lead=users["bemoeizorger"]
    )
    answer_all(o, users["bemoeizorger"])
    return o


def _reads(user, onderzoek):
    return AccessLog.objects.filter(user_id=str(user.pk), action="R", melding_id=str(onderzoek.melding_id))


@pytest.mark.parametrize("name", ["bemoeizorger", "teamleider"])
def test_content_readers_see_findings_and_are_logged(login, users, onderzoek, name):
    html = login(users[name]).get(reverse("wvggz:detail", args=[onderzoek.pk])).content.decode()
    assert BEHAVIOUR.replace("'", "&#x27;") in html
    assert "nog 4 dagen" in html and "rag-oranje" in html
    row = _reads(users[name], onderzoek).get()
    assert row.reason in ("wvggz-onderzoeker", "teamleider organisatie (wvggz)")


def test_meldpunt_sees_summary_without_findings(login, users, onderzoek):
    response = login(users["meldpunt"]).get(reverse("wvggz:detail", args=[onderzoek.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert onderzoek.deadline.strftime("%Y") in html and "nog 4 dagen" in html
    assert "stemmen" not in html and "Dr. R. de Psychiater" not in html
    assert _reads(users["meldpunt"], onderzoek).get().reason.startswith("meldpunt")
    # ... and not the pages with content.
    for name in ("questionnaire", "decide"):
        assert login(users["meldpunt"]).get(reverse(f"wvggz:{name}", args=[onderzoek.pk])).status_code == 403


@pytest.mark.parametrize(
    "name,status",
    [
        ("duo", 404),
        ("consultant", 404),
        ("other_bemoeizorger", 404),
        ("other_teamleider", 404),
        ("other_meldpunt", 404),
        ("partner", 403),
        ("beheerder", 403),
    ],
)
def test_others_are_refused(login, users, onderzoek, name, status):
    client = login(users[name])
    assert client.get(reverse("wvggz:detail", args=[onderzoek.pk])).status_code == status
    assert not _reads(users[name], onderzoek).exists()


def test_questionnaire_page_saves_and_keeps_typed_values_on_error(login, users, onderzoek):
    client = login(users["bemoeizorger"])
    url = reverse("wvggz:questionnaire", args=[onderzoek.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Ernstige financiële schade" in page.content.decode()
    bad = client.post(url, {"version": onderzoek.version, "q_gedrag": "Nieuw gedrag", "q_stoornis": "misschien"})
    assert bad.status_code == 200 and "Nieuw gedrag" in bad.content.decode()
    good = client.post(url, {"version": onderzoek.version, "q_gedrag": "Nieuw gedrag", "q_stoornis": "nee"})
    assert good.status_code == 302
    gedrag = services.questions_of(onderzoek).get(key="gedrag")
    assert services.answers_by_question(onderzoek)[gedrag.pk] == "Nieuw gedrag"


def test_stale_questionnaire_post_shows_concurrency_message(login, users, onderzoek):
    client = login(users["bemoeizorger"])
    url = reverse("wvggz:questionnaire", args=[onderzoek.pk])
    client.post(url, {"version": onderzoek.version, "q_gedrag": "eerste"})
    response = client.post(url, {"version": onderzoek.version, "q_gedrag": "tweede"})
    assert response.status_code == 200 and "Iemand anders heeft dit intussen gewijzigd" in response.content.decode()
    assert "tweede" in response.content.decode()


def test_decide_page_errors_and_aanvraag_with_pdf_export_logged(login, users, onderzoek):
    client = login(users["bemoeizorger"])
    url = reverse("wvggz:decide", args=[onderzoek.pk])
    response = client.post(url, {"version": onderzoek.version, "outcome": "geen_aanvraag"})
    assert (
        response.status_code == 200 and "Kies wat er in plaats van een aanvraag gebeurt." in response.content.decode()
    )
    assert client.post(url, {"version": onderzoek.version, "outcome": "aanvraag"}).status_code == 302
    pdf = client.get(reverse("wvggz:request_pdf", args=[onderzoek.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert AccessLog.objects.filter(user_id=str(users["bemoeizorger"].pk), detail__contains="EXPORT").exists()
    for name in ("duo", "meldpunt", "other_teamleider"):
        assert login(users[name]).get(reverse("wvggz:request_pdf", args=[onderzoek.pk])).status_code in (403, 404)
    onderzoek.refresh_from_db()
    response = client.post(
        reverse("wvggz:request_sent", args=[onderzoek.pk]),
        {"version": onderzoek.version, "sent_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    onderzoek.refresh_from_db()
    assert onderzoek.request_sent_at is not None


def test_pdf_only_after_aanvraag(login, users, onderzoek):
    assert login(users["bemoeizorger"]).get(reverse("wvggz:request_pdf", args=[onderzoek.pk])).status_code == 404


def test_melder_page_prefills_letter_and_records(login, users, onderzoek):
    services.decide(
        onderzoek,
        by=users["bemoeizorger"],
        outcome=Outcome.GEEN_AANVRAAG,
        alternative="geen_actie",
        reason="Vrijwillige zorg geaccepteerd.",
    )
    onderzoek.refresh_from_db()
    client = login(users["bemoeizorger"])
    url = reverse("wvggz:melder", args=[onderzoek.pk])
    html = client.get(url).content.decode()
    assert "5:7" in html
    response = client.post(
        url,
        {
            "version": onderzoek.version,
            "how": "telefoon",
            "informed_on": timezone.localdate().isoformat(),
            "message": "Telefonisch verteld: geen aanvraag.",
        },
    )
    assert response.status_code == 302
    onderzoek.refresh_from_db()
    assert (
        onderzoek.melder_informed_how == "telefoon"
        and onderzoek.melder_message == "Telefonisch verteld: geen aanvraag."
    )


def test_assign_page_for_teamleider_only(login, users, onderzoek):
    url = reverse("wvggz:assign", args=[onderzoek.pk])
    assert login(users["bemoeizorger"]).get(url).status_code == 403
    assert login(users["other_teamleider"]).get(url).status_code == 404
    client = login(users["teamleider"])
    response = client.post(
        url, {"version": onderzoek.version, "lead": users["duo"].pk, "others": [users["bemoeizorger"].pk]}
    )
    assert response.status_code == 302
    assert onderzoek.lead == users["duo"]


def test_overview_and_overleg_lists(login, users, ggd, onderzoek):
    decided = make_onderzoek(ggd, users["meldpunt"], lead=users["bemoeizorger"])
    services.decide(
        decided, by=users["bemoeizorger"], outcome=Outcome.GEEN_AANVRAAG, alternative="geen_actie", reason="x"
    )
    late = make_onderzoek(ggd, users["meldpunt"], received_at=timezone.now() - datetime.timedelta(days=16))
    for name in ("teamleider", "meldpunt"):
        html = login(users[name]).get(reverse("wvggz:overleg")).content.decode()
        assert html.index(late.reference) < html.index(onderzoek.reference)
        assert "2 dagen te laat" in html and "nog 4 dagen" in html
    assert AccessLog.objects.filter(user_id=str(users["meldpunt"].pk), detail="wvggz-overleg: lijst").count() == 2
    # An assigned worker sees only their own in the overview; the overleg list is not theirs.
    html = login(users["bemoeizorger"]).get(reverse("wvggz:overview")).content.decode()
    assert onderzoek.reference in html and late.reference not in html
    assert login(users["bemoeizorger"]).get(reverse("wvggz:overleg")).status_code == 403
    html = login(users["other_teamleider"]).get(reverse("wvggz:overview")).content.decode()
    assert onderzoek.reference not in html


def test_worklist_home_shows_wvggz_section(login, users, onderzoek):
    html = login(users["bemoeizorger"]).get(reverse("worklists:home")).content.decode()
    assert onderzoek.reference in html and "nog 4 dagen" in html
    html = login(users["duo"]).get(reverse("worklists:home")).content.decode()
    assert onderzoek.reference not in html


def test_melding_form_has_wvggz_flag_and_triage_suggests_wvggz(login, users, ggd):
    from tests.factories import MeldingFactory

    client = login(users["meldpunt"])
    assert 'name="is_wvggz"' in client.get(reverse("intake:create")).content.decode()
    melding = MeldingFactory(meldpunt=ggd, created_by=users["meldpunt"], is_wvggz=True)
    html = client.get(reverse("triage:melding", args=[melding.pk])).content.decode()
    assert 'value="wvggz" class="triage-outcome" id="id_outcome_4" checked' in html or (
        'value="wvggz"' in html and "checked" in html.split('value="wvggz"')[1].split(">")[0]
    )


def test_notifications_page(login, users, onderzoek):
    client = login(users["teamleider"])
    html = client.get(reverse("notifications:list")).content.decode()
    assert onderzoek.reference in html
    other = login(users["other_teamleider"])
    assert onderzoek.reference not in other.get(reverse("notifications:list")).content.decode()
    other.post(reverse("notifications:mark_read"))
    assert users["teamleider"].notifications.filter(read_at=None).exists()  # not someone else's
    client.post(reverse("notifications:mark_read"))
    assert not users["teamleider"].notifications.filter(read_at=None).exists()


def test_status_closed_hides_work_pages(login, users, onderzoek):
    services.decide(onderzoek, by=users["bemoeizorger"], outcome=Outcome.AANVRAAG)
    assert Onderzoek.objects.get(pk=onderzoek.pk).status == Status.AFGEROND
    client = login(users["bemoeizorger"])
    assert client.get(reverse("wvggz:questionnaire", args=[onderzoek.pk])).status_code == 403
    assert client.get(reverse("wvggz:decide", args=[onderzoek.pk])).status_code == 403


def test_casus_page_links_the_onderzoek_that_started_it(login, users, onderzoek, team):
    services.decide(
        onderzoek,
        by=users["bemoeizorger"],
        outcome=Outcome.GEEN_AANVRAAG,
        alternative="bemoeizorg_casus",
        reason="Bemoeizorg mogelijk.",
        casusregisseur=users["bemoeizorger"],
        duo=[users["duo"]],
    )
    onderzoek.refresh_from_db()
    url = reverse("cases:detail", args=[onderzoek.casus_id])
    html = login(users["bemoeizorger"]).get(url).content.decode()
    assert onderzoek.reference in html and "Bemoeizorg gestart (casus)" in html
    # The duo is a casus member but not an onderzoeker: the casus, not the onderzoek.
    html = login(users["duo"]).get(url).content.decode()
    assert onderzoek.reference not in html
    assert not AccessLog.objects.filter(user_id=str(users["duo"].pk), object_type="wvggz-onderzoek").exists()


def test_triage_decision_page_links_the_onderzoek(login, users, ggd):
    from tests.factories import MeldingFactory
    from vangnet.triage.services import decide as triage_decide

    melding = MeldingFactory(meldpunt=ggd, created_by=users["meldpunt"])
    triage_decide(
        melding,
        by=users["meldpunt"],
        outcome="wvggz",
        acute_danger="nee",
        already_in_care="nee",
        known_to_partners="nee",
    )
    html = login(users["meldpunt"]).get(reverse("triage:melding", args=[melding.pk])).content.decode()
    assert reverse("wvggz:detail", args=[melding.wvggz_onderzoek.pk]) in html
