"""Keyset paging of a person's access log (issue 17): the same rows in the same order as
the OR query of persons.services.access_log_for_person, page by page, both ways."""

import pytest

from tests.factories import CasusFactory, MeldingFactory, PersonFactory
from vangnet.audit.models import AccessLog
from vangnet.audit.paging import Subjects, row_id, subject_log_page
from vangnet.persons import services as person_services

pytestmark = pytest.mark.django_db


def _rows(n, **subject):
    return [AccessLog(user_id="7", action="R", object_type="x", **subject) for _ in range(n)]


@pytest.fixture
def person_with_log():
    person = PersonFactory()
    merged = PersonFactory(merged_into=person, is_active=False)
    casus = CasusFactory(person=person)
    melding = MeldingFactory(person=person, casus=casus)
    other = PersonFactory()
    # One bulk insert gives its rows one timestamp: the order then rests on id alone.
    AccessLog.objects.bulk_create(
        _rows(23, person_id=str(person.pk))
        + _rows(5, casus_id=str(casus.pk))  # no person id (written before the link)
        + _rows(4, melding_id=str(melding.pk))
        + _rows(3, person_id=str(merged.pk))
        + _rows(2, person_id=str(person.pk), casus_id=str(casus.pk), melding_id=str(melding.pk))
        + _rows(6, person_id=str(other.pk))
        + _rows(3, person_id=str(other.pk), melding_id=str(melding.pk))  # moved melding: still this person's
    )
    for n in range(30):
        AccessLog.objects.create(
            user_id="8",
            action="R",
            object_type="y",
            **[
                {"person_id": str(person.pk)},
                {"casus_id": str(casus.pk)},
                {"person_id": str(other.pk)},
            ][n % 3],
        )
    subjects = Subjects(person_ids=[person.pk, merged.pk], casus_ids=[casus.pk], melding_ids=[melding.pk])
    return person, subjects


def test_pages_older_walk_gives_the_or_query_rows_in_order(person_with_log):
    person, subjects = person_with_log
    expected = list(person_services.access_log_for_person(person).values_list("pk", flat=True))
    assert len(expected) == 23 + 5 + 4 + 3 + 2 + 3 + 20
    walked, voor, pages = [], None, 0
    while True:
        page = subject_log_page(subjects, voor=voor, size=7)
        walked += [r.pk for r in page]
        pages += 1
        if page.older is None:
            break
        voor = page.older
    assert walked == expected
    assert pages == -(-len(expected) // 7)


def test_pages_newer_walk_from_the_oldest_page(person_with_log):
    person, subjects = person_with_log
    expected = list(person_services.access_log_for_person(person).values_list("pk", flat=True))
    page = subject_log_page(subjects, oudste=True, size=7)
    assert [r.pk for r in page] == expected[-7:] and page.older is None
    walked = [r.pk for r in page]
    while page.newer is not None:
        page = subject_log_page(subjects, na=page.newer, size=7)
        walked = [r.pk for r in page] + walked
    # The newest page is a whole page again: some rows repeat at the top, none are missing.
    assert list(dict.fromkeys(walked)) == expected
    assert [r.pk for r in page] == expected[:7]


def test_newer_page_is_the_next_page_up(person_with_log):
    _person, subjects = person_with_log
    first = subject_log_page(subjects, size=7)
    second = subject_log_page(subjects, voor=first.older, size=7)
    third = subject_log_page(subjects, voor=second.older, size=7)
    back = subject_log_page(subjects, na=third.newer, size=7)
    assert [r.pk for r in back] == [r.pk for r in second]
    assert back.older == second.older and back.newer == second.newer


@pytest.mark.parametrize("value", [None, "", "abc", "-3", "1.5", "9" * 40, " 12 "])
def test_row_id_accepts_only_row_ids(value):
    assert row_id(value) == (12 if value == " 12 " else None)


def test_unknown_cursor_or_no_subjects_is_a_clean_page(person_with_log):
    _person, subjects = person_with_log
    newest = [r.pk for r in subject_log_page(subjects, size=7)]
    assert [r.pk for r in subject_log_page(subjects, voor=10**15, size=7)] == newest
    assert [r.pk for r in subject_log_page(subjects, na="x", size=7)] == newest
    assert subject_log_page(Subjects()).object_list == []
