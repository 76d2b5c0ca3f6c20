"""The inzage pages: start from the person, review (a bad decision shows its Dutch message on
the field and keeps the input), release, download; no download before release."""

import io
import json

import pytest
from django.urls import reverse
from pypdf import PdfReader

from vangnet.audit.models import AccessLog
from vangnet.inzage.models import Decision, Inzage, Status

from .conftest import release_all, start
from .story import MELDER, PERSON_SURNAME

pytestmark = pytest.mark.django_db


def test_the_person_page_links_to_the_inzage_for_the_teamleider_only(story, users, login):
    url = reverse("persons:detail", args=[story["person"].pk])
    start_url = reverse("inzage:start", args=[story["person"].pk])
    assert start_url in login(users["teamleider"]).get(url).content.decode()
    assert start_url not in login(users["bemoeizorger"]).get(url).content.decode()


def test_start_page_and_start_twice_is_one_concept(story, users, login):
    client = login(users["teamleider"])
    url = reverse("inzage:start", args=[story["person"].pk])
    page = client.get(url)
    assert page.status_code == 200 and "Inzage opstellen" in page.content.decode()
    assert PERSON_SURNAME not in page.content.decode().split("<title>")[1].split("</title>")[0]
    first = client.post(url)
    second = client.post(url)
    inzage = Inzage.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == reverse("inzage:review", args=[inzage.pk])
    assert "Er staat al een concept-inzage" in client.get(url).content.decode()


def test_review_page_lists_every_free_text_with_its_source(story, users, login):
    inzage = start(story["person"], users["teamleider"])
    body = login(users["teamleider"]).get(reverse("inzage:review", args=[inzage.pk])).content.decode()
    for item in inzage.items.all():
        assert f"{item.key}: {item.source}" in body
    assert MELDER not in body


def test_a_decision_from_the_page_and_a_bad_one_on_its_field(story, users, login):
    inzage = start(story["person"], users["teamleider"])
    item = inzage.items.first()
    client = login(users["teamleider"])
    url = reverse("inzage:review", args=[inzage.pk])
    prefix = f"i{item.pk}"
    bad = client.post(
        url,
        {
            "item": item.pk,
            f"{prefix}-decision": "afschermen",
            f"{prefix}-note": "mijn toelichting",
            f"{prefix}-version": item.version,
        },
    )
    assert bad.status_code == 200
    body = bad.content.decode()
    assert "Kies waarom u deze tekst afschermt." in body and "mijn toelichting" in body
    good = client.post(
        url,
        {
            "item": item.pk,
            f"{prefix}-decision": "afschermen",
            f"{prefix}-reason": "derden",
            f"{prefix}-version": item.version,
        },
    )
    assert good.status_code == 302
    item.refresh_from_db()
    assert (item.decision, item.reason) == (Decision.AFSCHERMEN, "derden")
    # An item of another inzage (or none) saves nothing.
    assert client.post(url, {"item": "99999999"}).status_code == 200


def test_no_download_before_release_and_release_from_the_page(story, users, login):
    tl = users["teamleider"]
    inzage = start(story["person"], tl)
    client = login(tl)
    pdf = reverse("inzage:pdf", args=[inzage.pk])
    before = AccessLog.objects.filter(action=AccessLog.Action.REFUSED).count()
    assert client.get(pdf).status_code == 403
    assert client.get(reverse("inzage:json", args=[inzage.pk])).status_code == 403
    assert AccessLog.objects.filter(action=AccessLog.Action.REFUSED).count() == before + 2
    release_url = reverse("inzage:release", args=[inzage.pk])
    early = client.post(release_url, {"release-version": inzage.version})
    assert early.status_code == 400 and "Beoordeel eerst alle vrije teksten" in early.content.decode()
    for item in inzage.items.all():
        prefix = f"i{item.pk}"
        client.post(
            reverse("inzage:review", args=[inzage.pk]),
            {"item": item.pk, f"{prefix}-decision": "vrijgeven", f"{prefix}-version": item.version},
        )
    inzage.refresh_from_db()
    assert client.post(release_url, {"release-version": inzage.version}).status_code == 302
    inzage.refresh_from_db()
    assert inzage.status == Status.VRIJGEGEVEN
    assert "Download als PDF" in client.get(reverse("inzage:review", args=[inzage.pk])).content.decode()


def test_downloads_are_the_files_and_each_is_a_logged_export(story, users, login):
    tl = users["teamleider"]
    inzage = release_all(start(story["person"], tl), tl)
    client = login(tl)
    pdf = client.get(reverse("inzage:pdf", args=[inzage.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == f'attachment; filename="inzage-{inzage.reference}.pdf"'
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert PERSON_SURNAME in text and MELDER not in text
    data = json.loads(client.get(reverse("inzage:json", args=[inzage.pk])).content)
    assert data["kenmerk"] == inzage.reference and data["formaat"] == "vangnet-inzage"
    rows = AccessLog.objects.filter(object_type="inzage", detail__startswith="EXPORT", user_id=str(tl.pk))
    assert sorted(r.detail for r in rows) == ["EXPORT: inzage (JSON)", "EXPORT: inzage (PDF)"]
    assert all(r.action == "R" and r.person_id == str(story["person"].pk) for r in rows)


def test_a_decision_after_someone_elses_keeps_the_input_and_says_so(story, users, login, ggd):
    from tests.factories import UserFactory
    from vangnet.accounts.roles import Role
    from vangnet.inzage import services

    inzage = start(story["person"], users["teamleider"])
    item = inzage.items.first()
    colleague = UserFactory(role=Role.TEAMLEIDER, organisation=ggd)
    services.decide_item(inzage, item_id=item.pk, decision="vrijgeven", version=item.version, by=colleague)
    prefix = f"i{item.pk}"
    response = login(users["teamleider"]).post(
        reverse("inzage:review", args=[inzage.pk]),
        {
            "item": item.pk,
            f"{prefix}-decision": "afschermen",
            f"{prefix}-reason": "anders",
            f"{prefix}-note": "over de buurman",
            f"{prefix}-version": item.version,
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "over de buurman" in body and "opgeslagen" in body.lower()
    item.refresh_from_db()
    assert (item.decision, item.decided_by) == ("vrijgeven", colleague)
