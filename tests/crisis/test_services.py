"""The rules of the crisis card and episodes, and the rows their services write."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.service_audit import CONTEXT, assert_row, new_rows
from vangnet.access.models import BreakGlassGrant
from vangnet.cases.models import Phase
from vangnet.core.concurrency import ConcurrentEditError
from vangnet.crisis import services
from vangnet.crisis.models import CrisisCard, CrisisCardVersion, CrisisEpisode

from .conftest import CARD, episode, hours_ago, save

pytestmark = pytest.mark.django_db


def test_a_new_card_is_version_1_with_one_row_naming_no_content(casus, users):
    with new_rows() as rows:
        card = services.save_card(casus, expected_version=0, values=CARD, by=users["duo"], context=CONTEXT)
    [row] = rows
    assert_row(row, users["duo"], action="C", object_type="crisiskaart", casus=casus, person=casus.person)
    assert row.reason == "casuslid" and "stemmen" not in row.detail
    assert (card.version, card.person_id, card.who_to_call) == (1, casus.person_id, "Zus Anja 06 11 22 33 44")
    assert [v.number for v in card.versions.all()] == [1]


def test_every_change_keeps_the_earlier_version_readable(casus, users):
    card = save(casus, users["duo"])
    card = save(casus, users["bemoeizorger"], version=1, who_to_call="Zus Anja 06 11 22 33 44; FACT-team")
    history = services.card_history(card)
    assert [v.number for v in history] == [2, 1]
    assert history[1].who_to_call == "Zus Anja 06 11 22 33 44" and history[1].saved_by == users["duo"]
    assert history[0].who_to_call.endswith("FACT-team") and history[0].saved_by == users["bemoeizorger"]
    assert CrisisCard.objects.get().version == 2


def test_one_card_per_person_also_from_another_casus(casus, users, ggd, team):
    from tests.factories import CasusFactory

    save(casus, users["duo"])
    second = CasusFactory(organisation=ggd, team=team, casusregisseur=users["duo"], person=casus.person)
    card = save(second, users["duo"], version=1, what_helps="Muziek")
    assert CrisisCard.objects.count() == 1 and card.what_helps == "Muziek"


def test_a_concurrent_edit_is_refused_and_nothing_changes(casus, users):
    save(casus, users["duo"])
    save(casus, users["duo"], version=1, what_helps="Eerste wijziging")
    with new_rows() as rows, pytest.raises(ConcurrentEditError):
        save(casus, users["bemoeizorger"], version=1, what_helps="Tweede wijziging")
    assert rows == []
    assert CrisisCard.objects.get().what_helps == "Eerste wijziging"
    assert CrisisCardVersion.objects.count() == 2


def test_two_new_cards_at_once_the_second_is_an_edit_conflict(casus, users):
    save(casus, users["duo"])
    with pytest.raises(ConcurrentEditError):
        save(casus, users["bemoeizorger"], version=0, what_helps="Iets anders")


def test_the_same_card_sent_twice_is_one_version_and_one_row(casus, users):
    with new_rows() as rows:
        first = save(casus, users["duo"])
        again = save(casus, users["duo"])  # the double submit still carries version 0
    assert first.pk == again.pk and len(rows) == 1
    assert CrisisCardVersion.objects.count() == 1


def test_saving_without_a_change_makes_no_version(casus, users):
    save(casus, users["duo"])
    with new_rows() as rows:
        save(casus, users["duo"], version=1)
    assert rows == [] and CrisisCardVersion.objects.count() == 1


def test_an_empty_card_is_refused(casus, users):
    empty = dict.fromkeys(["early_signs", "what_helps", "what_not", "who_to_call"], " ")
    with pytest.raises(ValidationError) as exc:
        save(casus, users["duo"], **empty)
    assert "__all__" in exc.value.message_dict
    assert not CrisisCard.objects.exists()


def test_agreed_with_the_person_needs_a_date(casus, users):
    with pytest.raises(ValidationError) as exc:
        save(casus, users["duo"], agreed_with_person=True, agreed_on=None)
    assert exc.value.error_dict["agreed_on"][0].code == "required"


@pytest.mark.parametrize("days, code", [(-2, "future"), (6 * 365, "before_start")])
def test_the_agreement_date_must_be_plausible(casus, users, days, code):
    day = timezone.localdate() - timedelta(days=days)
    with pytest.raises(ValidationError) as exc:
        save(casus, users["duo"], agreed_with_person=True, agreed_on=day)
    assert exc.value.error_dict["agreed_on"][0].code == code


def test_the_agreement_date_is_kept_only_when_agreed(casus, users):
    card = save(casus, users["duo"], agreed_with_person=False, agreed_on=timezone.localdate())
    assert card.agreed_on is None
    card = save(casus, users["duo"], version=1, agreed_with_person=True, agreed_on=timezone.localdate())
    assert card.agreed_on == timezone.localdate()


@pytest.mark.parametrize("who", ["meldpunt", "other_bemoeizorger", "partner", "beheerder", "consultant"])
def test_the_card_is_changed_only_by_who_works_on_the_casus(casus, users, who):
    with new_rows() as rows, pytest.raises(PermissionDenied):
        save(casus, users[who])
    assert rows == [] and not CrisisCard.objects.exists()


def test_never_under_break_the_glass(casus, users, other_org):
    from tests.factories import UserFactory
    from vangnet.accounts.models import Role

    outsider = UserFactory(role=Role.MELDPUNT, organisation=other_org)
    BreakGlassGrant.objects.create(user=outsider, person=casus.person, reason="Politie aan de lijn, spoed")
    with pytest.raises(PermissionDenied):
        save(casus, outsider)
    with pytest.raises(PermissionDenied):
        episode(casus, outsider)


def test_the_teamleider_changes_the_card(casus, users):
    assert save(casus, users["teamleider"]).created_by == users["teamleider"]


def test_a_closed_casus_takes_no_card_or_episode(casus, users):
    type(casus).objects.filter(pk=casus.pk).update(phase=Phase.AFGESLOTEN)
    casus.refresh_from_db()
    with pytest.raises(ValidationError):
        save(casus, users["duo"])
    with pytest.raises(ValidationError):
        episode(casus, users["duo"])


# --- episodes ------------------------------------------------------------------------------


def test_an_episode_is_recorded_with_one_row(casus, users):
    with new_rows() as rows:
        made = services.record_episode(
            casus,
            kind="acute_opname",
            at=hours_ago(5),
            what_happened="Opgenomen op de PAAZ",
            by=users["duo"],
            context=CONTEXT,
        )
    [row] = rows
    assert_row(row, users["duo"], action="C", object_type="crisisepisode", casus=casus)
    assert "PAAZ" not in row.detail
    assert (made.kind, made.feedback, made.feedback_at) == ("acute_opname", "", None)


def test_an_episode_sent_twice_is_one_episode(casus, users):
    at = hours_ago(1)
    first = episode(casus, users["duo"], at=at)
    again = episode(casus, users["duo"], at=at)
    assert first.pk == again.pk and CrisisEpisode.objects.count() == 1


@pytest.mark.parametrize(
    "at, code",
    [(timedelta(hours=-3), "future"), (timedelta(days=400), "before_start")],
)
def test_the_moment_of_an_episode_must_be_plausible(casus, users, at, code):
    with pytest.raises(ValidationError) as exc:
        episode(casus, users["duo"], at=timezone.now() - at)
    assert exc.value.error_dict["at"][0].code == code


def test_an_episode_before_the_casus_within_a_year_is_fine(casus, users):
    assert episode(casus, users["duo"], at=timezone.now() - timedelta(days=200)).pk


@pytest.mark.parametrize("field, values", [("kind", {"kind": "brand"}), ("what_happened", {"what": " "})])
def test_an_episode_needs_a_kind_and_what_happened(casus, users, field, values):
    with pytest.raises(ValidationError) as exc:
        episode(casus, users["duo"], **values)
    assert field in exc.value.message_dict


@pytest.mark.parametrize("who", ["meldpunt", "other_bemoeizorger", "partner"])
def test_an_episode_is_recorded_only_by_who_works_on_the_casus(casus, users, who):
    with pytest.raises(PermissionDenied):
        episode(casus, users[who])
    assert not CrisisEpisode.objects.exists()


def test_feedback_is_added_later_with_one_row(casus, users):
    made = episode(casus, users["duo"])
    with new_rows() as rows:
        done = services.add_feedback(
            made,
            expected_version=1,
            feedback="Geen opname; FACT neemt contact op",
            by=users["bemoeizorger"],
            context=CONTEXT,
        )
    [row] = rows
    assert_row(row, users["bemoeizorger"], action="U", object_type="crisisepisode", casus=casus)
    done.refresh_from_db()
    assert (done.version, done.feedback, done.feedback_by) == (
        2,
        "Geen opname; FACT neemt contact op",
        users["bemoeizorger"],
    )
    assert done.what_happened == "Crisisdienst gebeld door de zus"


def test_feedback_on_a_stale_version_is_an_edit_conflict(casus, users):
    made = episode(casus, users["duo"])
    services.add_feedback(made, expected_version=1, feedback="Eerste bericht", by=users["duo"])
    stale = CrisisEpisode.objects.get(pk=made.pk)
    with new_rows() as rows, pytest.raises(ConcurrentEditError):
        services.add_feedback(stale, expected_version=1, feedback="Ander bericht", by=users["bemoeizorger"])
    assert rows == [] and CrisisEpisode.objects.get().feedback == "Eerste bericht"


def test_the_same_feedback_sent_twice_is_one_change(casus, users):
    made = episode(casus, users["duo"])
    services.add_feedback(made, expected_version=1, feedback="Bericht", by=users["duo"])
    fresh = CrisisEpisode.objects.get(pk=made.pk)
    with new_rows() as rows:
        services.add_feedback(fresh, expected_version=1, feedback="Bericht", by=users["duo"])
    assert rows == [] and CrisisEpisode.objects.get().version == 2


def test_empty_feedback_is_refused(casus, users):
    made = episode(casus, users["duo"])
    with pytest.raises(ValidationError) as exc:
        services.add_feedback(made, expected_version=1, feedback="  ", by=users["duo"])
    assert "feedback" in exc.value.message_dict


def test_the_meldpunt_adds_no_feedback(casus, users):
    made = episode(casus, users["duo"])
    with pytest.raises(PermissionDenied):
        services.add_feedback(made, expected_version=1, feedback="Bericht", by=users["meldpunt"])
