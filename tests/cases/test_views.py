"""The casus pages over HTTP: what they show, the quick forms, audit rows."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from vangnet.audit.models import AccessLog
from vangnet.cases import services
from vangnet.cases.models import MAX_NOTE, CaseMember, CaseNote, ContactAttempt, Phase

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(name, casus):
    return reverse(f"cases:{name}", args=[casus.pk])


def audit_rows(casus, user, action):
    return AccessLog.objects.filter(casus_id=str(casus.pk), user_id=str(user.pk), action=action)


# --- the casus page ---------------------------------------------------------------


def test_detail_shows_person_team_meldingen_and_no_contact(casus, users, login):
    bz = users["bemoeizorger"]
    response = login(bz).get(url("detail", casus))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Jan Jansen" in html
    assert "Dorpsstraat 12, 1234AB Noordstad" in html
    assert "Contact leggen" in html
    assert str(users["duo"]) in html and "Duo-partner" in html
    assert "M-2026-00001" in html
    assert "nog geen contact" in html
    assert 'id="attempt-form-wrap"' in html
    # mobile first: the quick form comes before the timeline and the person card
    assert html.index('id="attempt-form-wrap"') < html.index('id="tijdlijn"') < html.index('id="person-heading"')
    assert audit_rows(casus, bz, "R").filter(reason="casuslid").count() == 1


def test_detail_shows_engagement_facts(casus, users, login):
    t0 = timezone.now() - timedelta(days=1)
    for i in range(3):
        services.log_contact_attempt(
            casus,
            at=t0 + timedelta(hours=i),
            type="telefoon",
            result="geen_gehoor",
            workers=[],
            with_police=False,
            note="",
            by=users["duo"],
        )
    services.log_contact_attempt(
        casus,
        at=t0 + timedelta(hours=4),
        type="straat",
        result="kort_contact",
        workers=[],
        with_police=False,
        note="Even gesproken bij de bank.",
        by=users["duo"],
    )
    html = login(users["duo"]).get(url("detail", casus)).content.decode()
    assert "nog geen contact" not in html
    assert "Pogingen vóór het eerste contact" in html
    assert "<dd>3</dd>" in html and "<dd>4</dd>" in html
    assert "Even gesproken bij de bank." in html


def test_meldpunt_sees_page_without_forms(casus, users, login):
    html = login(users["meldpunt"]).get(url("detail", casus)).content.decode()
    assert "Jan Jansen" in html
    assert 'id="attempt-form-wrap"' not in html
    assert url("phase", casus) not in html
    assert url("members", casus) not in html


# --- contact attempts ----------------------------------------------------------------


def test_attempt_get_renders_form_with_defaults(casus, users, login):
    response = login(users["duo"]).get(url("attempt_add", casus))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="datetime-local"' in html
    assert timezone.localtime().strftime("%Y-%m-%dT") in html
    assert f'value="{users["duo"].pk}" id="id_workers_' in html and "checked" in html
    for label in (
        "Huisbezoek",
        "Telefoon",
        "Briefje / kaartje",
        "Straat / vindplek",
        "Via netwerk",
        "Geen gehoor",
        "Geweigerd",
        "Kort contact",
        "Gesprek",
    ):
        assert label in html


def test_attempt_htmx_post_returns_partial(casus, users, login, attempt_data):
    duo = users["duo"]
    client = login(duo)
    response = client.post(
        url("attempt_add", casus), attempt_data(result="kort_contact", note="Deur ging op een kier."), **HTMX
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert 'id="attempt-form-wrap"' in html
    assert (
        'id="casus-engagement" class="card engagement" aria-labelledby="engagement-heading" hx-swap-oob="true"' in html
    )
    # only the new entry, put at the top of the list, never the whole timeline again (issue 12)
    assert 'id="tijdlijn"' not in html and 'hx-swap-oob="afterbegin:#timeline-list"' in html
    assert "Deur ging op een kier." in html
    assert "De contactpoging is vastgelegd." in html
    assert "nog geen contact" not in html
    # the fresh form is empty again
    assert 'value="kort_contact" checked' not in html.replace("\n", " ")
    a = ContactAttempt.objects.get()
    assert (a.type, a.result, a.with_police, a.created_by) == ("huisbezoek", "kort_contact", False, duo)
    assert list(a.workers.all()) == [duo]
    assert audit_rows(casus, duo, "C").count() == 1


def test_attempt_plain_post_redirects(casus, users, login, attempt_data):
    bz = users["bemoeizorger"]
    data = attempt_data(type="telefoon", with_police="ja", workers=[bz.pk, users["duo"].pk])
    response = login(bz).post(url("attempt_add", casus), data)
    assert response.status_code == 302
    assert response["Location"] == url("detail", casus) + "#tijdlijn"
    a = ContactAttempt.objects.get()
    assert a.with_police
    assert set(a.workers.all()) == {bz, users["duo"]}
    assert audit_rows(casus, bz, "C").count() == 1


def test_attempt_in_the_future_is_refused(casus, users, login, attempt_data):
    future = (timezone.localtime() + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    for extra in ({}, HTMX):
        response = login(users["duo"]).post(url("attempt_add", casus), attempt_data(at=future), **extra)
        assert response.status_code == 200
        assert "Dit tijdstip ligt in de toekomst" in response.content.decode()
    assert not ContactAttempt.objects.exists()
    assert not AccessLog.objects.filter(action="C").exists()


def test_attempt_bad_input_gives_dutch_errors_not_500(casus, users, login, attempt_data):
    client = login(users["duo"])
    cases = [
        ({"type": ""}, "Kies de soort contactpoging."),
        ({"result": "misschien"}, "Selecteer een geldige keuze"),
        ({"at": "gisteren"}, "Vul een geldige datum en tijd in."),
        ({"note": "x" * (MAX_NOTE + 1)}, "De tekst is te lang"),
        ({"workers": [users["other_teamleider"].pk]}, "Kies alleen mensen uit de lijst."),
        ({"with_police": "soms"}, "Selecteer een geldige keuze"),
    ]
    for override, message in cases:
        response = client.post(url("attempt_add", casus), attempt_data(**override))
        assert response.status_code == 200, override
        assert message in response.content.decode(), override
    assert not ContactAttempt.objects.exists()


# --- notes ----------------------------------------------------------------------------


def test_note_add_plain_and_htmx(casus, users, login):
    client = login(users["duo"])
    response = client.post(url("note_add", casus), {"text": "Buurman belde: licht brandt weer."})
    assert response.status_code == 302
    response = client.post(url("note_add", casus), {"text": "Tweede notitie."}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and "Tweede notitie." in html
    assert 'hx-swap-oob="afterbegin:#timeline-list"' in html and "Buurman belde" not in html
    assert CaseNote.objects.count() == 2
    assert audit_rows(casus, users["duo"], "C").count() == 2


def test_oversized_note_is_refused(casus, users, login):
    response = login(users["duo"]).post(url("note_add", casus), {"text": "x" * (MAX_NOTE + 1)})
    assert response.status_code == 200
    assert "De tekst is te lang: maximaal 5000 tekens" in response.content.decode()
    assert not CaseNote.objects.exists()
    response = login(users["duo"]).post(url("note_add", casus), {"text": "   "})
    assert "Vul dit veld in." in response.content.decode()
    assert not CaseNote.objects.exists()


# --- phase ----------------------------------------------------------------------------


def test_phase_forward_and_audit(casus, users, login):
    bz = users["bemoeizorger"]
    client = login(bz)
    form = client.get(url("phase", casus))
    assert form.status_code == 200
    assert f'name="version" value="{casus.version}"' in form.content.decode()
    response = client.post(url("phase", casus), {"to_phase": "verkennen", "reason": "", "version": casus.version})
    assert response.status_code == 302
    casus.refresh_from_db()
    assert casus.phase == Phase.VERKENNEN
    assert audit_rows(casus, bz, "U").count() == 1


def test_phase_back_without_reason_shows_error(casus, users, login):
    # Arranged without the service, which would write an update row of its own.
    type(casus).objects.filter(pk=casus.pk).update(phase=Phase.TOELEIDING)
    casus.refresh_from_db()
    response = login(users["duo"]).post(
        url("phase", casus), {"to_phase": "contact_leggen", "reason": "", "version": casus.version}
    )
    assert response.status_code == 200
    assert "Geef een reden" in response.content.decode()
    casus.refresh_from_db()
    assert casus.phase == Phase.TOELEIDING
    assert not AccessLog.objects.filter(action="U").exists()


def test_phase_bad_input_no_500(casus, users, login):
    client = login(users["duo"])
    for data in (
        {"to_phase": "nergens", "version": casus.version},
        {"to_phase": "verkennen", "version": "abc"},
        {"to_phase": "verkennen"},
        {"to_phase": "contact_leggen", "version": casus.version},
        {"to_phase": "afgesloten", "reason": "x" * (MAX_NOTE + 1), "version": casus.version},
    ):
        response = client.post(url("phase", casus), data)
        assert response.status_code == 200, data
    casus.refresh_from_db()
    assert casus.phase == Phase.CONTACT_LEGGEN


def test_phase_concurrent_edit_second_gets_message(casus, users, login):
    first, second = login(users["bemoeizorger"]), login(users["duo"])
    version = casus.version
    assert f'name="version" value="{version}"' in first.get(url("phase", casus)).content.decode()
    assert f'name="version" value="{version}"' in second.get(url("phase", casus)).content.decode()

    assert (
        first.post(url("phase", casus), {"to_phase": "verkennen", "reason": "", "version": version}).status_code == 302
    )
    typed = "Betrokkene is verhuisd naar onbekend adres."
    response = second.post(url("phase", casus), {"to_phase": "uit_beeld", "reason": typed, "version": version})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Iemand anders heeft dit intussen gewijzigd" in html
    assert typed in html  # the typed reason is kept
    assert f'name="version" value="{version + 1}"' in html  # a deliberate retry may go on from the new state
    casus.refresh_from_db()
    assert casus.phase == Phase.VERKENNEN
    assert casus.phase_changes.filter(to_phase="uit_beeld").count() == 0


# --- members --------------------------------------------------------------------------


def test_members_change_by_regisseur(casus, users, login):
    bz = users["bemoeizorger"]
    client = login(bz)
    page = client.get(url("members", casus)).content.decode()
    assert "Casusregisseur" in page and "Consultant" in page
    assert str(users["meldpunt"]) not in page  # not eligible for the team
    response = client.post(
        url("members", casus),
        {
            "casusregisseur": bz.pk,
            "duo": [users["other_bemoeizorger"].pk],
            "consultant": users["consultant"].pk,
            "version": casus.version,
        },
    )
    assert response.status_code == 302
    roles = dict(casus.members.values_list("user__username", "role"))
    assert roles == {"bemoeizorger": "regisseur", "other_bz": "duo", "consultant": "consultant"}
    assert audit_rows(casus, bz, "U").count() == 1


def test_members_teamleider_changes_regisseur_and_stale_version(casus, users, login):
    tl = users["teamleider"]
    version = casus.version
    other_tab = login(users["bemoeizorger"])
    response = login(tl).post(
        url("members", casus),
        {"casusregisseur": users["duo"].pk, "duo": [users["bemoeizorger"].pk], "version": version},
    )
    assert response.status_code == 302
    casus.refresh_from_db()
    assert casus.casusregisseur == users["duo"]
    # the former regisseur, still on an old form, cannot undo this unseen
    response = other_tab.post(url("members", casus), {"casusregisseur": users["bemoeizorger"].pk, "version": version})
    assert response.status_code in (200, 403)
    casus.refresh_from_db()
    assert casus.casusregisseur == users["duo"]
    assert casus.members.get(user=users["bemoeizorger"]).role == CaseMember.Role.DUO


def test_members_conflict_message(casus, users, login):
    tl = users["teamleider"]
    version = casus.version
    services.change_phase(casus, Phase.VERKENNEN, by=users["duo"])
    response = login(tl).post(url("members", casus), {"casusregisseur": users["duo"].pk, "version": version})
    assert response.status_code == 200
    assert "Iemand anders heeft dit intussen gewijzigd" in response.content.decode()
    casus.refresh_from_db()
    assert casus.casusregisseur == users["bemoeizorger"]


def test_members_refuses_outsider_choice(casus, users, login):
    response = login(users["teamleider"]).post(
        url("members", casus),
        {
            "casusregisseur": users["other_teamleider"].pk,
            "version": casus.version,
        },
    )
    assert response.status_code == 200
    assert "Kies een casusregisseur uit de lijst." in response.content.decode()
