"""The register of processing (issue 16 part 6) is generated from the configuration:
installed apps, organisations, retention terms, security settings."""

import csv
import io

import openpyxl  # type: ignore[import-untyped]
import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories import OrganisationFactory
from vangnet.audit.models import AccessLog
from vangnet.verwerking import register

pytestmark = pytest.mark.django_db


def _activity(key):
    return next(a for a in register.processing_register() if a.key == key)


def test_every_installed_activity_is_listed_with_its_purpose_and_grounds(ggd):
    keys = [a.key for a in register.processing_register()]
    assert keys == ["melding", "bemoeizorg", "regie", "wvggz", "in_beeld", "terugkoppeling", "monitor", "toegangslog"]
    wvggz = _activity("wvggz")
    assert "14 dagen" in wvggz.purpose
    assert any("Wvggz" in g for g in wvggz.grounds)
    assert ggd.name in wvggz.controllers


def test_an_activity_of_an_app_that_is_not_installed_is_left_out(monkeypatch):
    gone = register.ActivityDefinition("weg", "vangnet.niet_geinstalleerd", "Weg", "", (), (), (), ())
    monkeypatch.setattr(register, "DEFINITIONS", (*register.DEFINITIONS, gone))
    assert "weg" not in [a.key for a in register.processing_register()]


def test_recipients_are_the_partner_organisations_of_this_installation(ggd):
    assert not any("Woonstichting Test" in line for line in _activity("in_beeld").recipients)
    OrganisationFactory(name="Woonstichting Test", kind="woningcorporatie")
    recipients = _activity("in_beeld").recipients
    assert any(line.startswith("Woningcorporatie: ") and "Woonstichting Test" in line for line in recipients)
    # The reply to melders goes to nobody outside the controller.
    assert _activity("terugkoppeling").recipients == ["Geen ontvangers buiten de verwerkingsverantwoordelijke"]


def test_the_retention_terms_come_from_the_registered_source(monkeypatch):
    monkeypatch.setattr(register, "_retention_sources", [])
    monkeypatch.setattr(register, "_record_terms", dict)  # as without vangnet.bewaren
    assert _activity("wvggz").retention == ["Bewaartermijn niet ingesteld (wvggz_onderzoek)"]
    register.register_retention_source(lambda: {"wvggz_onderzoek": "5 jaar na het besluit"})
    assert _activity("wvggz").retention == ["5 jaar na het besluit"]


@override_settings(AXES_FAILURE_LIMIT=7, SESSION_COOKIE_AGE=20 * 60)
def test_the_security_measures_follow_the_settings():
    measures = register.security_measures()
    assert "Account geblokkeerd na 7 mislukte pogingen" in measures
    assert "Sessie verloopt na 20 minuten zonder gebruik" in measures


def test_the_privacy_officer_reads_the_register(users, login):
    response = login(users["privacy"]).get(reverse("verwerking:register"))
    assert response.status_code == 200
    assert "Wvggz verkennend onderzoek" in response.content.decode()


def test_the_csv_export_has_one_row_per_activity_and_no_formula(users, login):
    OrganisationFactory(name="=HYPERLINK(1)", kind="politie")
    response = login(users["beheerder"]).get(reverse("verwerking:register_csv"))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:2] == ["Verwerking", "Doel"]
    assert len(rows) == 1 + len(register.processing_register())
    # A name that starts like a formula stays text in the spreadsheet (csv_export).
    assert "'=HYPERLINK(1)" in response.content.decode("utf-8-sig")


def test_the_excel_export_reads_back(users, login):
    response = login(users["privacy"]).get(reverse("verwerking:register_xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Verwerking"
    assert [row[0] for row in values[1:]] == [a.name for a in register.processing_register()]


@pytest.mark.parametrize("name", ["bemoeizorger", "teamleider", "partner"])
def test_others_are_refused_with_a_refusal_row(users, login, name):
    before = AccessLog.objects.filter(action=AccessLog.Action.REFUSED).count()
    assert login(users[name]).get(reverse("verwerking:register")).status_code == 403
    assert AccessLog.objects.filter(action=AccessLog.Action.REFUSED).count() == before + 1


def test_the_configured_retention_terms_and_the_access_log_term_are_in_the_register(settings):
    settings.VANGNET_BEWAARTERMIJNEN = {**settings.VANGNET_BEWAARTERMIJNEN, "casus": "84"}
    settings.VANGNET_TOEGANGSLOG_BEWAARTERMIJN_JAREN = 7
    assert "Afgesloten casus: 84 maanden nadat het gegeven inactief werd" in _activity("bemoeizorg").retention
    assert _activity("toegangslog").retention[0].startswith("Toegangslog: 7 jaar")


def test_the_grounds_of_a_task_come_from_the_catalogue_the_sharing_forms_use():
    from vangnet.grondslagen import catalogue

    lines = _activity("wvggz").grounds
    for fit in catalogue.spec("wvggz").grounds:
        assert f"Wvggz verkennend onderzoek: {fit.ground.label} ({fit.article})" in lines
    assert not any(line.startswith("Wvggz verkennend onderzoek: Toestemming") for line in lines)
