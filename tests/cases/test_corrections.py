"""Corrections with history (issue 12, item 1): a contact attempt or note is
corrected or voided with a reason, never deleted; the earlier values stay on a
revision row and on the timeline; voided attempts stop counting; a concurrent
correction never overwrites silently; who may correct is refused otherwise."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from tests.core.concurrent_db import ensure_reference_data, in_thread, run_together, shared_database
from tests.service_audit import CONTEXT, assert_row, new_rows
from vangnet.audit.models import AccessLog
from vangnet.cases import filters as list_filters
from vangnet.cases import services
from vangnet.cases.models import CaseMember, CaseNote, CaseNoteRevision, ContactAttempt, ContactAttemptRevision
from vangnet.core.concurrency import ConcurrentEditError
from vangnet.norms import services as norms
from vangnet.worklists.services import my_casussen

pytestmark = pytest.mark.django_db


@pytest.fixture
def named(users):
    """Fixed names: the tests look for them in the HTML."""
    for key, (first, last) in {
        "bemoeizorger": ("Sanne", "de Vries"),
        "duo": ("Kees", "Bakker"),
        "teamleider": ("Marieke", "Smit"),
        "other_bemoeizorger": ("Ayse", "Yilmaz"),
    }.items():
        users[key].first_name, users[key].last_name = first, last
        users[key].save()
    return users


def log(casus, user, *, hours_ago=2, result="geen_gehoor", note="Niemand thuis.", workers=()):
    return services.log_contact_attempt(
        casus,
        at=timezone.now() - timedelta(hours=hours_ago),
        type="huisbezoek",
        result=result,
        workers=list(workers),
        with_police=False,
        note=note,
        by=user,
    )


def correct(attempt, by, **changes):
    values = {
        "at": attempt.at,
        "type": attempt.type,
        "result": attempt.result,
        "workers": list(attempt.workers.all()),
        "with_police": attempt.with_police,
        "note": attempt.note,
        "reason": "Verkeerd resultaat gekozen",
        "expected_version": attempt.version,
    }
    values.update(changes)
    return services.correct_contact_attempt(attempt, by=by, **values)


def post_data(attempt, **changes):
    data = {
        "type": attempt.type,
        "result": attempt.result,
        "at": timezone.localtime(attempt.at).strftime("%Y-%m-%dT%H:%M"),
        "workers": [w.pk for w in attempt.workers.all()],
        "with_police": "ja" if attempt.with_police else "nee",
        "note": attempt.note,
        "reason": "Verkeerd resultaat gekozen",
        "version": attempt.version,
    }
    data.update(changes)
    return data


def url(name, record):
    return reverse(f"cases:{name}", args=[record.pk])


# --- the service ------------------------------------------------------------------


def test_correction_keeps_the_earlier_values_and_writes_one_audit_row(casus, named):
    sanne, kees = named["bemoeizorger"], named["duo"]
    attempt = log(casus, sanne, workers=[sanne])
    earlier_at = attempt.at
    with new_rows() as rows:
        revision = correct(
            attempt,
            sanne,
            result="gesprek",
            workers=[sanne, kees],
            note="Toch even gesproken aan de deur.",
            at=earlier_at - timedelta(minutes=30),
            context=CONTEXT,
        )
    [row] = rows
    assert_row(row, sanne, action="U", object_type="contactpoging", casus=casus)
    assert row.detail == f"contactpoging {attempt.pk} gecorrigeerd" and row.reason == "casuslid"
    attempt.refresh_from_db()
    assert (attempt.result, attempt.note, attempt.version) == ("gesprek", "Toch even gesproken aan de deur.", 2)
    assert set(attempt.workers.all()) == {sanne, kees}
    assert (revision.action, revision.by, revision.reason) == ("gecorrigeerd", sanne, "Verkeerd resultaat gekozen")
    assert (revision.was_at, revision.was_result, revision.was_note) == (earlier_at, "geen_gehoor", "Niemand thuis.")
    assert list(revision.was_workers.all()) == [sanne]


def test_corrected_values_count_in_the_engagement_and_the_norm(casus, named):
    sanne = named["bemoeizorger"]
    first = log(casus, sanne, hours_ago=5)
    log(casus, sanne, hours_ago=1, result="gesprek")
    assert services.engagement(casus).attempts_before_contact == 1
    correct(first, sanne, result="kort_contact")
    facts = services.engagement(casus)
    assert (facts.first_contact_at, facts.attempts_before_contact) == (first.at, 0)


@pytest.mark.parametrize("reason", ["", "   \n "])
def test_a_correction_needs_a_reason(casus, named, reason):
    attempt = log(casus, named["bemoeizorger"])
    with new_rows() as rows, pytest.raises(ValidationError) as exc:
        correct(attempt, named["bemoeizorger"], result="gesprek", reason=reason)
    assert exc.value.message_dict["reason"] == ["Geef een reden: een correctie staat altijd met reden op de tijdlijn."]
    assert rows == [] and not ContactAttemptRevision.objects.exists()


def test_a_correction_that_changes_nothing_is_refused(casus, named):
    attempt = log(casus, named["bemoeizorger"])
    with pytest.raises(ValidationError) as exc:
        correct(attempt, named["bemoeizorger"])
    assert "U heeft niets gewijzigd" in exc.value.messages[0]
    assert not ContactAttemptRevision.objects.exists()


def test_a_stale_version_is_a_conflict_and_writes_nothing(casus, named):
    attempt = log(casus, named["bemoeizorger"])
    correct(attempt, named["bemoeizorger"], result="gesprek")
    stale = ContactAttempt.objects.get(pk=attempt.pk)
    with new_rows() as rows, pytest.raises(ConcurrentEditError):
        correct(stale, named["teamleider"], note="Andere tekst", expected_version=1)
    assert rows == [] and ContactAttemptRevision.objects.count() == 1


def test_the_database_refuses_a_revision_without_reason(casus, named):
    attempt = log(casus, named["bemoeizorger"])
    with pytest.raises(IntegrityError), transaction.atomic():
        ContactAttemptRevision.objects.create(
            attempt=attempt,
            action="gecorrigeerd",
            reason="",
            by=named["bemoeizorger"],
            at=timezone.now(),
            was_at=attempt.at,
            was_type=attempt.type,
            was_result=attempt.result,
            was_with_police=False,
        )


# --- voiding -----------------------------------------------------------------------


def test_a_voided_attempt_stays_but_no_longer_counts_anywhere(casus, named):
    sanne = named["bemoeizorger"]
    wrong = log(casus, sanne, result="gesprek", note="Hoorde bij een andere casus.")
    with new_rows() as rows:
        services.void_contact_attempt(
            wrong, reason="Bij de verkeerde casus vastgelegd", by=sanne, expected_version=1, context=CONTEXT
        )
    [row] = rows
    assert_row(row, sanne, action="U", object_type="contactpoging", casus=casus)
    assert ContactAttempt.objects.filter(pk=wrong.pk).exists(), "never deleted"
    assert ContactAttempt.objects.counting().count() == 0
    # every figure: the casus, the norm, the worklists, the casussen list
    facts = services.engagement(casus)
    assert (facts.first_contact_at, facts.total_attempts) == (None, 0)
    casus.refresh_from_db()
    # Asked before the deadline: PENDING, not done (the casus opened three days ago, so
    # 'now' is past the two-workday deadline on some weekdays and not on others).
    before_deadline = norms.first_attempt_deadline(casus) - timedelta(minutes=1)
    assert norms.first_attempt_status(casus, now=before_deadline) == norms.FirstAttemptStatus.PENDING
    assert norms.without_attempts(type(casus).objects.filter(pk=casus.pk)).exists()
    [mine] = my_casussen(sanne)
    assert (mine.attempt_count, mine.first_attempt_at, mine.first_contact_at) == (0, None, None)
    [listed] = list_filters.rows(list_filters.page_rows(sanne, [casus.pk]))
    assert listed.first_attempt_at is None


def test_a_voided_attempt_cannot_be_corrected_or_voided_again(casus, named):
    sanne = named["bemoeizorger"]
    attempt = log(casus, sanne)
    services.void_contact_attempt(attempt, reason="Dubbel ingevoerd", by=sanne, expected_version=1)
    attempt.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        correct(attempt, sanne, result="gesprek")
    assert "vervallen verklaard" in exc.value.messages[0]
    with pytest.raises(ValidationError):
        services.void_contact_attempt(attempt, reason="Nog eens", by=sanne, expected_version=attempt.version)


def test_note_correction_and_voiding(casus, named):
    kees = named["duo"]
    note = services.add_note(casus, text="Buurvrouw heeft sleutel.", by=kees)
    with new_rows() as rows:
        services.correct_note(
            note, text="Buurvrouw op nr. 14 heeft een sleutel.", reason="Huisnummer", by=kees, expected_version=1
        )
    [row] = rows
    assert (row.action, row.object_type, row.detail) == ("U", "notitie", f"notitie {note.pk} gecorrigeerd")
    note.refresh_from_db()
    assert note.text == "Buurvrouw op nr. 14 heeft een sleutel."
    assert CaseNoteRevision.objects.get().was_text == "Buurvrouw heeft sleutel."
    services.void_note(note, reason="Hoort bij een andere casus", by=kees, expected_version=note.version)
    note.refresh_from_db()
    assert note.voided_at is not None and CaseNote.objects.filter(pk=note.pk).exists()
    assert list(note.revisions.values_list("action", flat=True)) == ["gecorrigeerd", "vervallen"]


# --- who may -----------------------------------------------------------------------


def test_who_may_correct(casus, named):
    """Whoever logged it, the casusregisseur and the teamleider; not a duo partner
    who did not log it, not someone outside the casus (the service is the last line)."""
    sanne, kees, marieke = named["bemoeizorger"], named["duo"], named["teamleider"]
    by_kees = log(casus, kees, note="Van Kees")
    correct(by_kees, kees, note="Van Kees, gecorrigeerd door Kees")
    correct(ContactAttempt.objects.get(pk=by_kees.pk), sanne, note="Gecorrigeerd door de casusregisseur")
    correct(ContactAttempt.objects.get(pk=by_kees.pk), marieke, note="Gecorrigeerd door de teamleider")
    by_sanne = log(casus, sanne)
    for outsider in (kees, named["other_bemoeizorger"], named["meldpunt"]):
        with pytest.raises(PermissionDenied):
            correct(by_sanne, outsider, result="gesprek")
    assert not by_sanne.revisions.exists()


def test_a_duo_partner_is_refused_another_workers_attempt_with_a_refusal_row(casus, named, login):
    sanne, kees = named["bemoeizorger"], named["duo"]
    attempt = log(casus, sanne)
    before = AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    for path in (url("attempt_correct", attempt), url("attempt_void", attempt)):
        assert login(kees).get(path).status_code == 403
        assert login(kees).post(path, post_data(attempt, result="gesprek")).status_code == 403
    refused = AccessLog.objects.filter(pk__gt=before, action=AccessLog.Action.REFUSED)
    assert refused.count() == 4
    assert {(r.user_id, r.object_type, r.casus_id) for r in refused} == {(str(kees.pk), "contactpoging", str(casus.pk))}
    attempt.refresh_from_db()
    assert (attempt.result, attempt.version, attempt.voided_at) == ("geen_gehoor", 1, None)


def test_someone_outside_the_casus_gets_404_with_a_refusal_row(casus, named, login):
    attempt = log(casus, named["bemoeizorger"])
    note = services.add_note(casus, text="Notitie", by=named["bemoeizorger"])
    outsider = named["other_bemoeizorger"]
    for path in (url("attempt_correct", attempt), url("note_correct", note), url("note_void", note)):
        before = AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        assert login(outsider).get(path).status_code == 404
        [row] = AccessLog.objects.filter(pk__gt=before)
        assert (row.action, row.user_id, row.casus_id) == ("G", str(outsider.pk), str(casus.pk))


# --- the pages ---------------------------------------------------------------------


def test_correction_page_shows_the_current_values(casus, named, login):
    attempt = log(casus, named["bemoeizorger"], note="Briefje achtergelaten.")
    response = login(named["bemoeizorger"]).get(url("attempt_correct", attempt))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Briefje achtergelaten." in html and f'name="version" value="{attempt.version}"' in html
    assert "<title>Contactpoging corrigeren, casus " in html and casus.person.surname not in html.split("</title>")[0]


def test_correcting_an_attempt_shows_on_the_timeline_with_the_earlier_values(casus, named, login):
    sanne, kees = named["bemoeizorger"], named["duo"]
    attempt = log(casus, kees, note="Niemand thuis.")
    response = login(sanne).post(
        url("attempt_correct", attempt), post_data(attempt, result="gesprek", reason="Toch even gesproken")
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[casus.pk]) + "#tijdlijn"
    page = login(sanne).get(response["Location"]).content.decode()
    assert "Gecorrigeerd door Sanne de Vries op " in page and "(Toch even gesproken)" in page
    assert "Eerdere versie bekijken" in page and "Geen gehoor" in page  # the earlier result, readable
    assert "Huisbezoek: Gesprek" in page
    # Kees logged it, so he may correct it too; the teamleider sees the history as well.
    assert url("attempt_correct", attempt) in login(kees).get(response["Location"]).content.decode()
    assert "Gecorrigeerd door Sanne de Vries" in login(named["teamleider"]).get(response["Location"]).content.decode()


def test_the_corrigeren_link_only_for_who_may(casus, named, login):
    sanne, kees = named["bemoeizorger"], named["duo"]
    attempt = log(casus, sanne)
    detail = reverse("cases:detail", args=[casus.pk])
    assert url("attempt_correct", attempt) in login(sanne).get(detail).content.decode()
    assert url("attempt_correct", attempt) not in login(kees).get(detail).content.decode()
    assert url("attempt_correct", attempt) not in login(named["meldpunt"]).get(detail).content.decode()


def test_voiding_by_the_page_marks_the_timeline(casus, named, login):
    sanne = named["bemoeizorger"]
    attempt = log(casus, sanne, result="gesprek")
    client = login(sanne)
    response = client.post(url("attempt_void", attempt), {"reason": "Verkeerde casus", "version": 1})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Vervallen verklaard" in page and "telt niet meer mee" in page and "(Verkeerde casus)" in page
    assert "nog geen contact" in page
    assert url("attempt_correct", attempt) not in page


def test_void_without_reason_is_a_dutch_field_error(casus, named, login):
    attempt = log(casus, named["bemoeizorger"])
    response = login(named["bemoeizorger"]).post(url("attempt_void", attempt), {"reason": " ", "version": 1})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == ["Geef een reden."]
    attempt.refresh_from_db()
    assert attempt.voided_at is None


def test_a_concurrent_correction_gets_the_conflict_message_with_its_input_kept(casus, named, login):
    sanne, marieke = named["bemoeizorger"], named["teamleider"]
    attempt = log(casus, sanne)
    first, second = login(sanne), login(marieke)
    assert first.get(url("attempt_correct", attempt)).status_code == 200
    assert second.get(url("attempt_correct", attempt)).status_code == 200
    assert first.post(url("attempt_correct", attempt), post_data(attempt, result="gesprek")).status_code == 302
    response = second.post(
        url("attempt_correct", attempt), post_data(attempt, note="Mijn eigen aanvulling", reason="Aanvulling")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Iemand anders heeft dit intussen gewijzigd" in html
    assert "Mijn eigen aanvulling" in html and "Aanvulling" in html, "the input is kept"
    assert 'name="version" value="2"' in html, "saving again is a deliberate choice"
    assert "Gesprek" in html, "the page shows what the other person saved"
    attempt.refresh_from_db()
    assert (attempt.result, attempt.note, attempt.version) == ("gesprek", "Niemand thuis.", 2)
    assert ContactAttemptRevision.objects.count() == 1


def test_a_double_submit_makes_one_correction(casus, named, login):
    attempt = log(casus, named["bemoeizorger"])
    client = login(named["bemoeizorger"])
    data = post_data(attempt, result="gesprek")
    assert client.post(url("attempt_correct", attempt), data).status_code == 302
    assert client.post(url("attempt_correct", attempt), data).status_code == 200
    assert ContactAttemptRevision.objects.count() == 1


def test_bad_input_on_the_correction_form_is_dutch_not_500(casus, named, login):
    attempt = log(casus, named["bemoeizorger"])
    client = login(named["bemoeizorger"])
    bad: list[tuple[dict[str, Any], str, str | None]] = [
        ({"at": "gisteren"}, "at", "Vul een geldige datum en tijd in."),
        ({"result": "misschien"}, "result", None),
        ({"reason": ""}, "reason", "Geef een reden."),
        ({"workers": ["99999999999999999999999"]}, "workers", "Kies alleen mensen uit de lijst."),
        ({"version": "abc"}, "version", None),
    ]
    for changes, field, message in bad:
        response = client.post(url("attempt_correct", attempt), post_data(attempt, **changes))
        assert response.status_code == 200, changes
        errors = response.context["form"].errors[field]
        assert message is None or errors == [message], (changes, errors)
    assert not ContactAttemptRevision.objects.exists()


def test_note_correction_page(casus, named, login):
    kees = named["duo"]
    note = services.add_note(casus, text="Eerste versie.", by=kees)
    client = login(kees)
    response = client.post(url("note_correct", note), {"text": "Tweede versie.", "reason": "Typfout", "version": 1})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Tweede versie." in page and "Gecorrigeerd door Kees Bakker op " in page and "Eerste versie." in page


def test_a_former_duo_partner_stays_choosable_on_the_correction(casus, named, login):
    sanne, kees = named["bemoeizorger"], named["duo"]
    attempt = log(casus, sanne, workers=[sanne, kees])
    CaseMember.objects.filter(casus=casus, user=kees).delete()
    response = login(sanne).post(url("attempt_correct", attempt), post_data(attempt, note="Aangevuld"))
    assert response.status_code == 302
    assert set(ContactAttempt.objects.get(pk=attempt.pk).workers.all()) == {sanne, kees}


# --- real threads ------------------------------------------------------------------


@pytest.fixture
def reference_rows(transactional_db):
    """A transactional test may follow one that flushed the data migrations' rows."""
    ensure_reference_data()


@pytest.mark.django_db(transaction=True)
def test_two_corrections_at_once_one_wins_the_other_is_told(reference_rows, casus, named):
    sanne, marieke = named["bemoeizorger"], named["teamleider"]
    attempt = log(casus, sanne)

    def correction(by, note):
        def go():
            fresh = ContactAttempt.objects.select_related("casus__person").get(pk=attempt.pk)
            return correct(fresh, by, note=note, expected_version=1)

        return go

    with shared_database():
        results = run_together(correction(sanne, "Versie van Sanne"), correction(marieke, "Versie van Marieke"))
        stored = in_thread(lambda: (ContactAttemptRevision.objects.count(), ContactAttempt.objects.get().version))
    won = [r for r in results if isinstance(r, ContactAttemptRevision)]
    told = [r for r in results if isinstance(r, ConcurrentEditError)]
    assert (len(won), len(told)) == (1, 1), results
    assert stored == (1, 2)


def test_the_print_view_shows_the_marks_without_a_policy_query_per_entry(
    casus, named, login, django_assert_max_num_queries
):
    sanne = named["bemoeizorger"]
    for hours in range(3, 13):
        log(casus, sanne, hours_ago=hours)
    voided = log(casus, sanne, hours_ago=1, result="gesprek")
    services.void_contact_attempt(voided, reason="Verkeerde casus", by=sanne, expected_version=1)
    client = login(sanne)
    client.get(reverse("cases:print", args=[casus.pk]))  # warm up (session, caches)
    with django_assert_max_num_queries(40):
        page = client.get(reverse("cases:print", args=[casus.pk])).content.decode()
    assert "Vervallen verklaard" in page and "(Verkeerde casus)" in page
