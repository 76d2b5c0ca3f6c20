"""The pages: the casus section, the overview with the trend, a new picture and a correction."""

import pytest
from django.urls import reverse

from vangnet.audit.models import AccessLog
from vangnet.leefgebieden.models import Assessment

from .conftest import days_ago, record

pytestmark = pytest.mark.django_db


def _post(day, **scores):
    data = {"assessed_on": day.isoformat(), "note": ""}
    for domain, value in scores.items():
        score, text = value if isinstance(value, tuple) else (value, "")
        data[f"score_{domain}"] = "" if score is None else str(score)
        data[f"text_{domain}"] = text
    return data


def test_the_casus_page_shows_the_latest_picture_to_the_team(casus, users, login):
    record(casus, users["duo"], days_ago(5), wonen=(1, "Slaapt in de auto"))
    record(casus, users["duo"], days_ago(1), wonen=(3, "Tijdelijk bij zus"))
    body = login(users["duo"]).get(reverse("cases:detail", args=[casus.pk])).content.decode()
    assert "Leefgebieden" in body and "Tijdelijk bij zus" in body and "Slaapt in de auto" not in body
    assert reverse("leefgebieden:picture_add", args=[casus.pk]) in body


def test_the_casus_page_shows_no_picture_to_the_meldpunt(casus, users, login):
    record(casus, users["duo"], wonen=(1, "Slaapt in de auto"))
    response = login(users["meldpunt"]).get(reverse("cases:detail", args=[casus.pk]))
    assert response.status_code == 200
    assert "Slaapt in de auto" not in response.content.decode()
    assert reverse("leefgebieden:overview", args=[casus.pk]) not in response.content.decode()


def test_the_overview_shows_the_trend_with_a_chart_and_a_table(casus, users, login):
    record(casus, users["duo"], days_ago(6), wonen=1)
    record(casus, users["duo"], days_ago(1), wonen=4)
    response = login(users["bemoeizorger"]).get(reverse("leefgebieden:overview", args=[casus.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Wonen: 1 → 4" in body
    assert body.count("<svg") == 1, "a chart for the one domain with scores"
    assert "Voldoende zelfredzaam" in body
    row = AccessLog.objects.filter(casus_id=str(casus.pk), detail__contains="leefgebieden bekeken").get()
    assert row.user_id == str(users["bemoeizorger"].pk) and row.reason == "casuslid"


def test_a_new_picture_is_recorded_from_the_form(casus, users, login):
    url = reverse("leefgebieden:picture_add", args=[casus.pk])
    client = login(users["duo"])
    assert client.get(url).status_code == 200
    response = client.post(url, _post(days_ago(0), wonen=(2, "Huurachterstand"), psychisch=3))
    assert response.status_code == 302
    picture = Assessment.objects.get()
    assert {s.domain: (s.score, s.text) for s in picture.scores.all()} == {
        "wonen": (2, "Huurachterstand"),
        "psychisch": (3, ""),
    }


def test_a_double_submit_makes_one_picture(casus, users, login):
    url = reverse("leefgebieden:picture_add", args=[casus.pk])
    client = login(users["duo"])
    data = _post(days_ago(0), wonen=2)
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert Assessment.objects.count() == 1


def test_a_future_date_is_a_dutch_message_on_the_field_and_the_input_stays(casus, users, login):
    url = reverse("leefgebieden:picture_add", args=[casus.pk])
    data = _post(days_ago(-2), wonen=(2, "Mijn eigen woorden"))
    response = login(users["duo"]).post(url, data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Deze datum ligt in de toekomst." in body and "Mijn eigen woorden" in body
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("bad", ["9", "x", "-1", "99999999999999999999"])
def test_a_bad_score_is_a_message_not_a_500(casus, users, login, bad):
    url = reverse("leefgebieden:picture_add", args=[casus.pk])
    data = _post(days_ago(0), wonen=2)
    data["score_wonen"] = bad
    response = login(users["duo"]).post(url, data)
    assert response.status_code == 200
    assert "Kies een score van 1 tot en met 5" in response.content.decode()
    assert not Assessment.objects.exists()


def test_an_empty_picture_is_refused_with_a_message(casus, users, login):
    url = reverse("leefgebieden:picture_add", args=[casus.pk])
    response = login(users["duo"]).post(url, _post(days_ago(0)))
    assert response.status_code == 200
    assert "Geef minstens één leefgebied een score" in response.content.decode()


def test_a_correction_from_the_form(casus, users, login):
    picture = record(casus, users["duo"], days_ago(2), wonen=2)
    url = reverse("leefgebieden:picture_correct", args=[picture.pk])
    client = login(users["bemoeizorger"])
    page = client.get(url).content.decode()
    assert 'value="2"' in page and "checked" in page
    data = _post(days_ago(2), wonen=(3, "Huur weer betaald"))
    data["version"] = "1"
    assert client.post(url, data).status_code == 302
    picture.refresh_from_db()
    assert picture.version == 2 and picture.scores.get().text == "Huur weer betaald"


def test_an_edit_conflict_keeps_the_input(casus, users, login):
    picture = record(casus, users["duo"], days_ago(2), wonen=2)
    url = reverse("leefgebieden:picture_correct", args=[picture.pk])
    first = _post(days_ago(2), wonen=(4, "Eerste"))
    first["version"] = "1"
    assert login(users["duo"]).post(url, first).status_code == 302
    second = _post(days_ago(2), wonen=(5, "Mijn tweede versie"))
    second["version"] = "1"
    response = login(users["bemoeizorger"]).post(url, second)
    body = response.content.decode()
    assert response.status_code == 200 and "Mijn tweede versie" in body
    assert 'name="version" value="2"' in body
    picture.refresh_from_db()
    assert picture.scores.get().text == "Eerste"


def test_functioneel_beheer_changes_a_scale_label_and_the_form_shows_it(casus, users, login):
    from vangnet.accounts.services import ensure_beheer_group
    from vangnet.leefgebieden.models import ScaleLabel

    beheerder = users["beheerder"]
    beheerder.groups.add(ensure_beheer_group())
    level, _new = ScaleLabel.objects.get_or_create(score=1, defaults={"label": "Acute problematiek"})
    client = login(beheerder)
    url = reverse("admin:leefgebieden_scalelabel_change", args=[level.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"label": "Crisis", "description": "Direct handelen."})
    assert response.status_code == 302
    assert ScaleLabel.objects.get(score=1).label == "Crisis"
    assert client.get(reverse("admin:leefgebieden_scalelabel_add")).status_code == 403
    form = login(users["duo"]).get(reverse("leefgebieden:picture_add", args=[casus.pk])).content.decode()
    assert "1. Crisis" in form


def test_functioneel_beheer_never_sees_the_pictures_in_the_admin(casus, users, login):
    from vangnet.accounts.services import ensure_beheer_group

    record(casus, users["duo"], wonen=2)
    users["beheerder"].groups.add(ensure_beheer_group())
    assert login(users["beheerder"]).get("/beheer/leefgebieden/assessment/").status_code in (403, 404)
