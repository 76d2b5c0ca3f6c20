"""The rules of the life-domain picture and the rows its services write."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.service_audit import CONTEXT, assert_row, new_rows
from vangnet.cases.models import Phase
from vangnet.core.concurrency import ConcurrentEditError
from vangnet.leefgebieden import services
from vangnet.leefgebieden.models import Assessment, DomainScore, ScaleLabel

from .conftest import days_ago, record

pytestmark = pytest.mark.django_db


def test_the_scale_is_seeded_with_zrm_labels_1_acute_to_5_zelfredzaam():
    assert services.scale_labels() == {
        1: "Acute problematiek",
        2: "Niet zelfredzaam",
        3: "Beperkt zelfredzaam",
        4: "Voldoende zelfredzaam",
        5: "Volledig zelfredzaam",
    }


def test_record_picture_keeps_the_known_domains_and_writes_one_row(casus, users):
    with new_rows() as rows:
        picture = services.record_picture(
            casus,
            assessed_on=days_ago(1),
            scores={
                "wonen": (2, "Dreigende huisuitzetting"),
                "financien": (None, "Post ongeopend"),
                "netwerk": (None, ""),
            },
            note="Besproken aan de keukentafel",
            by=users["duo"],
            context=CONTEXT,
        )
    [row] = rows
    assert_row(row, users["duo"], action="C", object_type="leefgebiedenbeeld", casus=casus)
    assert row.reason == "casuslid"
    assert "Dreigende" not in row.detail, "the log names the day, never the content"
    got = {s.domain: (s.score, s.text) for s in DomainScore.objects.filter(assessment=picture)}
    assert got == {"wonen": (2, "Dreigende huisuitzetting"), "financien": (None, "Post ongeopend")}
    assert picture.note == "Besproken aan de keukentafel"


def test_a_picture_needs_at_least_one_score(casus, users):
    with new_rows() as rows, pytest.raises(ValidationError) as exc:
        record(casus, users["duo"], wonen=(None, "Nog niet binnen geweest"))
    assert "__all__" in exc.value.message_dict
    assert rows == [] and not Assessment.objects.exists()


def test_a_score_outside_1_to_5_is_refused_on_its_field(casus, users):
    with pytest.raises(ValidationError) as exc:
        record(casus, users["duo"], wonen=7)
    assert "score_wonen" in exc.value.message_dict


@pytest.mark.parametrize("day, code", [(1, "future"), (-30, "before_start")])
def test_the_date_must_be_plausible(casus, users, day, code):
    with pytest.raises(ValidationError) as exc:
        record(casus, users["duo"], timezone.localdate() + timedelta(days=day), wonen=3)
    assert exc.value.error_dict["assessed_on"][0].code == code


def test_the_same_picture_sent_twice_is_one_picture_and_one_row(casus, users):
    with new_rows() as rows:
        first = record(casus, users["duo"], days_ago(2), wonen=2)
        again = record(casus, users["duo"], days_ago(2), wonen=2)
    assert first.pk == again.pk
    assert Assessment.objects.count() == 1 and len(rows) == 1


def test_a_different_picture_on_a_day_that_has_one_is_refused_on_the_date(casus, users):
    record(casus, users["duo"], days_ago(2), wonen=2)
    with pytest.raises(ValidationError) as exc:
        record(casus, users["duo"], days_ago(2), wonen=3)
    assert exc.value.error_dict["assessed_on"][0].code == "same_day"
    assert Assessment.objects.count() == 1


def test_no_picture_on_a_closed_casus(casus, users):
    casus.phase = Phase.AFGESLOTEN
    casus.save()
    with pytest.raises(ValidationError) as exc:
        record(casus, users["duo"], wonen=2)
    assert "__all__" in exc.value.message_dict


@pytest.mark.parametrize("who", ["meldpunt", "other_bemoeizorger", "other_teamleider", "partner", "beheerder"])
def test_who_does_not_work_on_the_casus_may_not_record(casus, users, who):
    with new_rows() as rows, pytest.raises(PermissionDenied):
        record(casus, users[who], wonen=2)
    assert rows == [] and not Assessment.objects.exists()


def test_the_teamleider_of_the_organisation_may_record(casus, users):
    picture = record(casus, users["teamleider"], wonen=4)
    assert picture.created_by == users["teamleider"]


def test_correct_picture_replaces_the_scores_and_writes_an_update_row(casus, users):
    picture = record(casus, users["duo"], days_ago(3), wonen=2, verslaving=1)
    with new_rows() as rows:
        services.correct_picture(
            picture,
            expected_version=picture.version,
            assessed_on=days_ago(4),
            scores={"wonen": (3, "Huur betaald")},
            by=users["bemoeizorger"],
            context=CONTEXT,
        )
    [row] = rows
    assert_row(row, users["bemoeizorger"], action="U", object_type="leefgebiedenbeeld", casus=casus)
    picture.refresh_from_db()
    assert picture.assessed_on == days_ago(4) and picture.version == 2
    assert picture.updated_by == users["bemoeizorger"]
    assert {s.domain: s.score for s in picture.scores.all()} == {"wonen": 3}


def test_a_correction_on_an_old_version_changes_nothing(casus, users):
    picture = record(casus, users["duo"], days_ago(3), wonen=2)
    services.correct_picture(
        picture, expected_version=1, assessed_on=days_ago(3), scores={"wonen": (3, "")}, by=users["duo"]
    )
    stale = Assessment.objects.get(pk=picture.pk)
    stale.version = 1
    with new_rows() as rows, pytest.raises(ConcurrentEditError):
        services.correct_picture(
            stale, expected_version=1, assessed_on=days_ago(3), scores={"wonen": (5, "")}, by=users["bemoeizorger"]
        )
    assert rows == []
    assert DomainScore.objects.get(assessment=picture).score == 3


def test_a_correction_onto_the_day_of_another_picture_is_refused(casus, users):
    record(casus, users["duo"], days_ago(3), wonen=2)
    later = record(casus, users["duo"], days_ago(1), wonen=3)
    with pytest.raises(ValidationError) as exc:
        services.correct_picture(
            later, expected_version=later.version, assessed_on=days_ago(3), scores={"wonen": (3, "")}, by=users["duo"]
        )
    assert exc.value.error_dict["assessed_on"][0].code == "same_day"


def test_the_trend_per_domain_is_oldest_first(casus, users):
    record(casus, users["duo"], days_ago(6), wonen=1, psychisch=2)
    record(casus, users["duo"], days_ago(3), wonen=2)
    record(casus, users["duo"], days_ago(1), wonen=4, psychisch=3)
    trend = {t.domain: t for t in services.trend(casus)}
    assert [p.score for p in trend["wonen"].points] == [1, 2, 4]
    assert [p.score for p in trend["psychisch"].points] == [2, None, 3]
    assert [p.day for p in trend["wonen"].points] == [days_ago(6), days_ago(3), days_ago(1)]
    assert not trend["verslaving"].has_scores


def test_the_labels_are_what_functioneel_beheer_set(casus, users):
    # A transactional test before this one may have flushed the seeded rows.
    ScaleLabel.objects.update_or_create(score=1, defaults={"label": "Crisis"})
    picture = record(casus, users["duo"], wonen=1)
    [wonen] = [r for r in services.picture_rows(picture) if r.domain == "wonen"]
    assert (wonen.score, wonen.scale_label) == (1, "Crisis")
