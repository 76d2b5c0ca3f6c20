"""The rules of task and ground per casus and of consent and objection, called
directly: each refusal on its field, one access-log row per change, none on a refusal."""

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.service_audit import CONTEXT, assert_row, new_rows
from tests.wvggz.helpers import make_onderzoek
from vangnet.audit.models import AccessLog
from vangnet.core.concurrency import ConcurrentEditError
from vangnet.grondslagen import services
from vangnet.grondslagen.models import CasusGrondslag, GrondslagWijziging, Toestemming

from .conftest import consent, object_to

pytestmark = pytest.mark.django_db


def change(casus, by, task="hulpverlening", ground="toestemming", reason="Meneer wil nu hulp", version=0):
    return services.change_grondslag(
        casus, task=task, ground=ground, reason=reason, expected_version=version, by=by, context=CONTEXT
    )


# --- task and ground -----------------------------------------------------------


def test_a_new_casus_runs_as_toeleiding_on_the_legal_task(casus):
    basis = services.current_basis(casus)
    assert (basis.task, basis.ground, basis.version) == ("toeleiding", "wettelijk", 0)
    assert basis.pk is None


def test_a_casus_of_a_wvggz_onderzoek_runs_under_the_wvggz_task(casus, ggd, users):
    onderzoek = make_onderzoek(ggd, users["meldpunt"], person=casus.person)
    type(onderzoek).objects.filter(pk=onderzoek.pk).update(casus=casus)
    basis = services.current_basis(casus)
    assert (basis.task, basis.ground) == ("wvggz", "wettelijk")


def test_change_with_reason_writes_history_and_one_row(casus, users):
    with new_rows() as rows:
        row = change(casus, users["duo"])
    [log] = rows
    assert_row(log, users["duo"], action="U", object_type="grondslag", casus=casus)
    assert "toeleiding/wettelijk -> hulpverlening/toestemming" in log.detail
    assert (row.task, row.ground, row.version) == ("hulpverlening", "toestemming", 1)
    [h] = services.history(casus)
    assert (h.old_task, h.old_ground, h.task, h.ground, h.reason) == (
        "toeleiding",
        "wettelijk",
        "hulpverlening",
        "toestemming",
        "Meneer wil nu hulp",
    )
    change(casus, users["bemoeizorger"], task="regie", ground="wettelijk", reason="Overleg", version=1)
    assert services.current_basis(casus).version == 2 and len(services.history(casus)) == 2


@pytest.mark.parametrize(
    "kwargs,field",
    [
        ({"reason": "  "}, "reason"),
        ({"reason": "x" * 1001}, "reason"),
        ({"task": "wvggz", "ground": "toestemming"}, "ground"),
        ({"task": "onzin"}, "task"),
        ({"ground": "onzin"}, "ground"),
        ({"task": "toeleiding", "ground": "wettelijk"}, "__all__"),
    ],
)
def test_change_is_refused_on_its_field(casus, users, kwargs, field):
    with new_rows() as rows, pytest.raises(ValidationError) as exc:
        change(casus, users["duo"], **kwargs)
    assert field in exc.value.message_dict
    assert not rows and not CasusGrondslag.objects.exists() and not GrondslagWijziging.objects.exists()


def test_a_ground_of_another_task_is_named_in_dutch(casus, users):
    with pytest.raises(ValidationError) as exc:
        change(casus, users["duo"], task="wvggz", ground="toestemming")
    assert "past niet bij de taak Wvggz verkennend onderzoek" in exc.value.message_dict["ground"][0]


def test_an_edit_conflict_changes_nothing(casus, users):
    change(casus, users["duo"])
    with pytest.raises(ConcurrentEditError):
        change(casus, users["bemoeizorger"], task="regie", ground="wettelijk", version=0)
    with pytest.raises(ConcurrentEditError):
        # The default's version (0) against a stored row, and a made-up version.
        change(casus, users["bemoeizorger"], task="regie", ground="wettelijk", version=7)
    assert services.current_basis(casus).task == "hulpverlening" and GrondslagWijziging.objects.count() == 1


@pytest.mark.parametrize("who", ["meldpunt", "other_bemoeizorger", "consultant", "partner", "beheerder"])
def test_only_whoever_works_on_the_casus_changes_it(casus, users, who):
    with new_rows() as rows, pytest.raises(PermissionDenied):
        change(casus, users[who])
    assert not rows and not CasusGrondslag.objects.exists()


def test_the_organisations_teamleider_may_change_it(casus, users):
    assert change(casus, users["teamleider"]).task == "hulpverlening"


# --- consent and objection --------------------------------------------------------


def test_record_consent_writes_one_row_and_a_double_submit_is_one_record(person, users, police):
    with new_rows() as rows:
        first = consent(person, users["duo"], organisation=police, task="hulpverlening", context=CONTEXT)
        again = consent(person, users["duo"], organisation=police, task="hulpverlening", context=CONTEXT)
    assert first.pk == again.pk and Toestemming.objects.count() == 1
    [row] = rows
    assert_row(row, users["duo"], action="C", object_type="toestemming", person=person)
    assert row.detail == f"vastgelegd: toestemming {police}"
    assert (first.recorded_by, first.how, first.given_on) == (users["duo"], "schriftelijk", timezone.localdate())


@pytest.mark.parametrize(
    "kwargs,field",
    [
        ({}, "organisation"),
        ({"organisation_kind": "politie", "with_org": True}, "organisation_kind"),
        ({"organisation_kind": "onzin"}, "organisation_kind"),
        ({"organisation_kind": "politie", "task": "onzin"}, "task"),
        ({"organisation_kind": "politie", "how": "telepathisch"}, "how"),
        ({"organisation_kind": "politie", "soort": "misschien"}, "soort"),
        ({"organisation_kind": "politie", "given_on": None}, "given_on"),
        ({"organisation_kind": "politie", "given_on": timezone.localdate() + timedelta(days=1)}, "given_on"),
        (
            {"organisation_kind": "politie", "ends_on": timezone.localdate() - timedelta(days=1)},
            "ends_on",
        ),
        ({"organisation_kind": "politie", "purpose": "x" * 301}, "purpose"),
    ],
)
def test_record_consent_is_refused_on_its_field(person, users, police, kwargs, field):
    data: dict[str, Any] = {
        "soort": "toestemming",
        "how": "mondeling",
        "given_on": timezone.localdate(),
        "organisation": None,
    }
    if kwargs.pop("with_org", False):
        data["organisation"] = police
    data.update(kwargs)
    with new_rows() as rows, pytest.raises(ValidationError) as exc:
        services.record_consent(person, by=users["duo"], **data)
    assert field in exc.value.message_dict
    assert not rows and not Toestemming.objects.exists()


def test_consent_while_an_objection_stands_is_refused(person, users, corporatie):
    object_to(person, users["duo"], organisation=corporatie)
    with pytest.raises(ValidationError) as exc:
        consent(person, users["duo"], organisation=corporatie)
    assert "bezwaar" in exc.value.message_dict["organisation"][0]


@pytest.mark.parametrize(
    "who", ["other_bemoeizorger", "consultant", "partner", "beheerder", "other_meldpunt", "privacy"]
)
def test_only_staff_on_the_persons_casus_or_organisation_record_consent(person, users, police, who):
    with new_rows() as rows, pytest.raises(PermissionDenied):
        consent(person, users[who], organisation=police)
    assert not rows and not Toestemming.objects.exists()


@pytest.mark.parametrize("who", ["bemoeizorger", "duo", "teamleider", "meldpunt"])
def test_casus_staff_and_the_organisations_desk_record_consent(person, users, police, who):
    assert consent(person, users[who], organisation=police).pk


def test_withdraw_ends_it_with_one_row(person, users, corporatie):
    t = object_to(person, users["duo"], organisation=corporatie)
    assert services.objects_to(person, corporatie)
    with new_rows() as rows:
        services.withdraw_consent(
            t, expected_version=t.version, reason="Hij wil het nu wel", by=users["duo"], context=CONTEXT
        )
        services.withdraw_consent(t, expected_version=t.version, by=users["duo"])  # a double submit
    [row] = rows
    assert_row(row, users["duo"], action="U", object_type="toestemming", person=person)
    t.refresh_from_db()
    assert t.withdrawn_on == timezone.localdate() and t.withdrawn_by == users["duo"]
    assert not services.objects_to(person, corporatie)


def test_withdraw_on_a_stale_version_is_a_conflict(person, users, corporatie):
    t = object_to(person, users["duo"], organisation=corporatie)
    with pytest.raises(ConcurrentEditError):
        services.withdraw_consent(t, expected_version=t.version + 1, by=users["duo"])
    assert services.objects_to(person, corporatie)


def test_withdraw_is_refused_for_others(person, users, corporatie):
    t = object_to(person, users["duo"], organisation=corporatie)
    with new_rows() as rows, pytest.raises(PermissionDenied):
        services.withdraw_consent(t, expected_version=t.version, by=users["other_bemoeizorger"])
    assert not rows
    t.refresh_from_db()
    assert t.withdrawn_on is None


def test_an_objection_by_kind_covers_every_organisation_of_that_kind(person, users, police):
    object_to(person, users["duo"], kind="politie")
    assert services.objects_to(person, police)


def test_an_objection_for_one_task_covers_only_that_task(person, users, police):
    object_to(person, users["duo"], organisation=police, task="hulpverlening")
    assert services.objection_to(person, police, "hulpverlening") is not None
    assert services.objection_to(person, police, "toeleiding") is None


def test_an_ended_consent_is_no_longer_in_force(person, users, police):
    today = timezone.localdate()
    consent(person, users["duo"], organisation=police, ends_on=today + timedelta(days=30))
    assert services.consent_for(person, police, "toeleiding") is not None
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        assert services.consent_for(person, police, "toeleiding") is None


# --- the sharing check --------------------------------------------------------------


def test_sharing_on_a_ground_outside_the_task_is_refused_on_the_ground_field(person, police):
    with pytest.raises(ValidationError) as exc:
        services.check_sharing(person, police, task="wvggz", ground="toestemming", ground_field="ground")
    assert "past niet bij de taak van de casus" in exc.value.message_dict["ground"][0]


def test_sharing_against_an_objection_needs_an_override_with_a_reason(person, users, police):
    object_to(person, users["duo"], organisation=police)
    with pytest.raises(ValidationError) as exc:
        services.check_sharing(person, police, task="toeleiding", ground="wettelijk", organisation_field="service")
    assert "bezwaar gemaakt tegen delen met Politie Testbasisteam" in exc.value.message_dict["service"][0]
    with pytest.raises(ValidationError) as exc:
        services.check_sharing(person, police, task="toeleiding", ground="wettelijk", override=True)
    assert "override_reason" in exc.value.message_dict
    check = services.check_sharing(
        person, police, task="toeleiding", ground="wettelijk", override=True, override_reason="Acuut gevaar"
    )
    assert check.deviation == "bezwaar" and check.log_reason() == "afwijking (bezwaar): Acuut gevaar"


def test_sharing_on_consent_needs_a_recorded_consent_for_the_task(person, users, police):
    with pytest.raises(ValidationError) as exc:
        services.check_sharing(person, police, task="toeleiding", ground="toestemming")
    assert "geen toestemming" in exc.value.message_dict["legal_ground"][0]
    consent(person, users["duo"], organisation=police, task="hulpverlening")
    with pytest.raises(ValidationError):
        services.check_sharing(person, police, task="toeleiding", ground="toestemming")
    consent(person, users["duo"], kind="politie", task="toeleiding")
    assert services.check_sharing(person, police, task="toeleiding", ground="toestemming").deviation is None


def test_consent_is_not_possible_for_an_unknown_person(police):
    with pytest.raises(ValidationError) as exc:
        services.check_sharing(
            None, police, task="toeleiding", ground="toestemming", override=True, override_reason="x"
        )
    assert "nog niet bekend" in exc.value.message_dict["legal_ground"][0]


# --- review of overrides -----------------------------------------------------------------


def _override(person, casus, users, police):
    check = services.SharingCheck(deviation="bezwaar", reason="Acuut gevaar")
    afwijking = services.record_override(
        check,
        person=person,
        casus=casus,
        organisation=police,
        via="verwijzing",
        reference="verwijzing 1",
        ground="wettelijk",
        by=users["duo"],
    )
    assert afwijking is not None
    return afwijking


def test_the_teamleider_marks_an_override_reviewed_once(person, casus, users, police):
    afwijking = _override(person, casus, users, police)
    assert list(services.overrides_to_review(users["teamleider"])) == [afwijking]
    assert not services.overrides_to_review(users["other_teamleider"]).exists()
    with pytest.raises(ValidationError) as exc:
        services.mark_override_reviewed(afwijking, note=" ", by=users["teamleider"])
    assert "note" in exc.value.message_dict
    with new_rows() as rows:
        services.mark_override_reviewed(afwijking, note="Terecht: acuut", by=users["teamleider"], context=CONTEXT)
        services.mark_override_reviewed(afwijking, note="Nog eens", by=users["teamleider"])
    [row] = rows
    assert_row(row, users["teamleider"], action="U", object_type="afwijking", casus=casus)
    assert (afwijking.reviewed_by, afwijking.review_note) == (users["teamleider"], "Terecht: acuut")


@pytest.mark.parametrize("who", ["other_teamleider", "bemoeizorger", "meldpunt"])
def test_only_the_teamleider_of_the_workers_organisation_reviews(person, casus, users, police, who):
    afwijking = _override(person, casus, users, police)
    before = AccessLog.objects.count()
    with pytest.raises(PermissionDenied):
        services.mark_override_reviewed(afwijking, note="ok", by=users[who])
    afwijking.refresh_from_db()
    assert afwijking.reviewed_at is None and AccessLog.objects.count() == before
