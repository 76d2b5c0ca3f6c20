"""Retention really deletes (issue 16 part 3): after the term, the released report removes a
person's whole dossier from every table; a hold, something still active and a dry run keep it."""

from datetime import timedelta

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.utils import timezone

from vangnet.audit.models import AccessLog
from vangnet.bewaren import services
from vangnet.bewaren.models import RetentionRemoval, RetentionReport, RetentionRun, Soort
from vangnet.cases.models import Casus
from vangnet.intake.models import Melding
from vangnet.persons.models import Person

from .dossier import BSN, MARKER, build_dossier

pytestmark = pytest.mark.django_db(transaction=False)

TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def rows_with(needle: str) -> dict[str, int]:
    """Every table's text columns scanned for ``needle`` (case-insensitive): label -> rows."""
    found: dict[str, int] = {}
    for model in apps.get_models(include_auto_created=True):
        fields = [f.attname for f in model._meta.concrete_fields if isinstance(f, TEXT_FIELDS)]
        if not fields:
            continue
        hits = sum(1 for values in model._base_manager.values_list(*fields) if needle.lower() in str(values).lower())
        if hits:
            found[model._meta.label] = hits
    return found


def later(years: int = 6):
    return time_machine.travel(timezone.now() + timedelta(days=365 * years + 2), tick=False)


def daily() -> RetentionRun:
    """The daily run; the removal run it made."""
    services.run_daily()
    run = RetentionRun.objects.order_by("-pk").first()
    assert run is not None
    return run


def release_and_run(users) -> RetentionRun:
    """Today's report, released by the privacy officer, carried out by the next daily run."""
    report = services.write_report()
    services.release_report(report, by=users["privacy"])
    return daily()


def test_the_dossier_is_everywhere_before(ggd, users):
    build_dossier(ggd, users)
    found = rows_with(MARKER)
    for label in (
        "persons.Person",
        "persons.PersonMatchKey",
        "cases.CaseNote",
        "crisis.CrisisCard",
        "naasten.Naaste",
        "network.Referral",
        "inbeeld.InBeeldQuestion",
        "accounts.FormDraft",
        "notifications.Notification",
        "wvggz.Onderzoek",
        "network.StatusMessage",
        "leefgebieden.DomainScore",
        "plannen.Goal",
        "grondslagen.GrondslagWijziging",
        "grondslagen.Toestemming",
        "verzoeken.Verzoek",
        "inzage.Inzage",
    ):
        assert label in found, label
    assert "persons.Person" in rows_with(BSN)


def test_after_the_term_nothing_of_the_person_is_left_in_any_table(ggd, users):
    dossier = build_dossier(ggd, users)
    person = dossier["person"]
    before = AccessLog.objects.count()
    with later():
        run = release_and_run(users)
        assert rows_with(MARKER) == {}
        assert rows_with(BSN) == {}
    assert not Person.objects.filter(pk=person.pk).exists()
    kinds = dict(run.removals.values_list("kind", "outcome"))
    # The status message goes with its melding (not an item of its own when the melding expires too).
    assert kinds == {kind: RetentionRemoval.Outcome.VERWIJDERD for kind in Soort.values if kind != Soort.STATUSBERICHT}
    assert run.removed == 5 and run.kept == 0
    casus_row = run.removals.get(kind=Soort.CASUS)
    assert casus_row.reference.startswith(dossier["casus"].reference) and casus_row.counts["cases.CaseNote"] == 1
    # One access-log row per removed record, with the reason; ids and references only.
    deleted = AccessLog.objects.filter(pk__gt=0, action="D", reason=services.REASON).order_by("pk")
    assert AccessLog.objects.count() > before
    assert {row.object_type for row in deleted} == {"persoon", "casus", "melding", "wvggz-onderzoek", "in-beeld-vraag"}
    assert deleted.filter(object_type="melding").count() == 3
    assert deleted.get(object_type="casus").casus_id == str(dossier["casus"].pk)
    assert {row.user_id for row in deleted} == {str(users["privacy"].pk)}


def test_before_the_term_nothing_is_in_the_report(ggd, users):
    build_dossier(ggd, users)
    with later(years=1):
        report = services.write_report()
    # Only the short-lived kinds have passed (status message, in-beeld question).
    assert set(report.items.values_list("kind", flat=True)) == {Soort.STATUSBERICHT, Soort.IN_BEELD_VRAAG}


def test_a_held_person_survives_with_everything(ggd, users):
    dossier = build_dossier(ggd, users)
    hold = services.place_hold(dossier["person"], reason="Klacht bij de tuchtrechter loopt", by=users["privacy"])
    with later():
        report = services.write_report()
        assert report.items.filter(held=True).count() == report.items.count() > 0
        services.release_report(report, by=users["privacy"])
        run = daily()
    assert run.removed == 0
    assert Person.objects.filter(pk=dossier["person"].pk).exists()
    assert Casus.objects.filter(pk=dossier["casus"].pk).exists()
    assert {"cases.CaseNote", "crisis.CrisisCard", "persons.PersonMatchKey"} <= set(rows_with(MARKER))
    # Lifted: the next report can be released and carried out.
    services.lift_hold(hold, reason="Procedure is afgerond, geen bezwaar", by=users["teamleider"])
    with later(years=7):
        release_and_run(users)
        assert rows_with(MARKER) == {}


def test_a_hold_placed_after_the_release_still_keeps_the_record(ggd, users):
    dossier = build_dossier(ggd, users)
    with later():
        report = services.write_report()
        services.release_report(report, by=users["privacy"])
        services.place_hold(dossier["casus"], reason="Verzoek om inzage loopt nog", by=users["teamleider"])
        run = daily()
    outcomes = dict(run.removals.values_list("kind", "outcome"))
    assert outcomes[Soort.CASUS] == RetentionRemoval.Outcome.BLOKKADE
    # His casus is still there, so he is no longer a person without a dossier.
    assert outcomes[Soort.PERSOON] == RetentionRemoval.Outcome.NIET_VERLOPEN
    assert Casus.objects.filter(pk=dossier["casus"].pk).exists()
    assert not Melding.objects.filter(pk=dossier["loose"].pk).exists()  # its own dossier went


def test_a_person_with_an_active_casus_survives(ggd, users):
    dossier = build_dossier(ggd, users, close_casus=False)
    with later():
        report = services.write_report()
        kinds = set(report.items.values_list("kind", flat=True))
        assert Soort.CASUS not in kinds and Soort.PERSOON not in kinds
        release_and_run(users)
    assert Casus.objects.filter(pk=dossier["casus"].pk).exists()
    assert Person.objects.filter(pk=dossier["person"].pk).exists()
    assert Melding.objects.filter(pk=dossier["melding"].pk).exists()
    # The melding without follow-up and the closed onderzoek had their own terms.
    assert not Melding.objects.filter(pk=dossier["loose"].pk).exists()


def _table_counts() -> dict[str, int]:
    return {m._meta.label: m._base_manager.count() for m in apps.get_models()}


def test_the_dry_run_removes_nothing(ggd, users, capsys):
    build_dossier(ggd, users)
    with later():
        before = _table_counts()
        call_command("apply_retention", "--dry-run")
        assert _table_counts() == before
    out = capsys.readouterr().out
    assert "5 te verwijderen" in out and MARKER not in out
    assert not RetentionReport.objects.exists()


def test_an_unreleased_report_removes_nothing(ggd, users):
    dossier = build_dossier(ggd, users)
    with later():
        services.write_report()
        call_command("apply_retention")
    assert Person.objects.filter(pk=dossier["person"].pk).exists()
    assert RetentionReport.objects.get().status == RetentionReport.Status.CONCEPT


def test_one_report_a_day_and_the_older_one_is_superseded(ggd, users):
    build_dossier(ggd, users)
    with later():
        first = services.write_report()
        assert services.write_report().pk == first.pk
    with later(years=7):
        second = services.write_report()
    first.refresh_from_db()
    assert first.status == RetentionReport.Status.VERVALLEN and second.status == RetentionReport.Status.CONCEPT


def test_a_person_merged_into_the_removed_one_goes_with_him(ggd, users):
    from tests.factories import PersonFactory
    from vangnet.persons.models import PersonMergeRecord
    from vangnet.persons.services import merge_persons

    dossier = build_dossier(ggd, users)
    twin = PersonFactory(given_names=MARKER, surname="Dubbel")
    merge_persons(dossier["person"], twin, by=users["teamleider"], reason="Zelfde persoon, dubbel geregistreerd")
    assert PersonMergeRecord.objects.exists()
    with later():
        release_and_run(users)
        assert rows_with(MARKER) == {}
    assert not Person._base_manager.filter(pk=twin.pk).exists()
    assert not PersonMergeRecord.objects.exists()


def test_the_daily_task_carries_out_the_released_report(ggd, users):
    from vangnet.bewaren.tasks import apply_retention

    dossier = build_dossier(ggd, users)
    with later():
        services.release_report(services.write_report(), by=users["privacy"])
        result = apply_retention.enqueue()
    assert result.return_value == 5
    assert not Person.objects.filter(pk=dossier["person"].pk).exists()


def test_the_daily_run_prunes_the_access_log_past_its_own_term(ggd, users, capsys):
    from datetime import UTC, datetime

    from dateutil.relativedelta import relativedelta

    from tests.audit.conftest import append_old_rows
    from vangnet.audit.models import AccessLogCheckpoint
    from vangnet.audit.services import verify_access_log

    old = append_old_rows(datetime.now(UTC) - relativedelta(years=6), 3)
    young = AccessLog.objects.count() - len(old)
    call_command("apply_retention", "--dry-run")
    assert "toegangslog: 3 regels ouder dan 5 jaar (proefrun)" in capsys.readouterr().out
    assert AccessLog.objects.count() == young + 3
    call_command("apply_retention")
    assert "toegangslog: 3 regels ouder dan 5 jaar verwijderd" in capsys.readouterr().out
    assert not AccessLog.objects.filter(pk__in=[row.pk for row in old]).exists()
    assert AccessLogCheckpoint.objects.get().seq == old[-1].seq
    assert verify_access_log().ok
