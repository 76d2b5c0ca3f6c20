import pytest
from django.core.exceptions import ValidationError

from vangnet.core.concurrency import ConcurrentEditError
from vangnet.wvggz import services
from vangnet.wvggz.models import Answer, Question, QuestionKind, QuestionnaireVersion
from vangnet.wvggz.questionnaire import QuestionnaireForm

from .helpers import answer_all, full_answers, make_onderzoek


@pytest.fixture
def v1(db):
    return QuestionnaireVersion.objects.get(number=1)


def test_version_1_is_seeded_with_the_questions_of_the_issue(v1):
    assert v1.published
    keys = set(v1.questions.values_list("key", flat=True))
    assert {"melding", "bronnen", "gedrag", "stoornis", "ernstig_nadeel", "vrijwillig", "oordeel", "conclusie"} <= keys
    nadeel = dict(v1.questions.get(key="ernstig_nadeel").choice_pairs())
    for kind in (
        "levensgevaar",
        "lichamelijk_letsel",
        "psychische_schade",
        "materiele_schade",
        "immateriele_schade",
        "financiele_schade",
        "verwaarlozing",
        "verstoorde_ontwikkeling",
        "agressie_oproepen",
    ):
        assert kind in nadeel
    assert v1.questions.get(key="oordeel").kind == QuestionKind.PROFESSIONAL
    assert v1.questions.get(key="bronnen").kind == QuestionKind.SOURCES


def test_published_version_and_its_questions_cannot_be_changed(v1):
    question = v1.questions.get(key="gedrag")
    question.text = "Iets anders"
    with pytest.raises(ValidationError):
        question.save()
    with pytest.raises(ValidationError):
        question.full_clean()
    with pytest.raises(ValidationError):
        question.delete()
    with pytest.raises(ValidationError):
        Question.objects.create(version=v1, key="nieuw", text="Nieuwe vraag", kind="text")
    v1.title = "Andere titel"
    with pytest.raises(ValidationError):
        v1.save()
    with pytest.raises(ValidationError):
        v1.delete()
    assert Question.objects.get(pk=question.pk).text == "Waargenomen gedrag"


def test_editing_makes_a_new_version_and_old_answers_keep_their_questions(ggd, users, v1):
    old = make_onderzoek(ggd, users["meldpunt"], lead=users["bemoeizorger"])
    answer_all(old, users["bemoeizorger"])
    draft = services.new_draft_from(v1, by=users["beheerder"])
    assert draft.number == 2 and not draft.published
    assert draft.questions.count() == v1.questions.count()
    gedrag = draft.questions.get(key="gedrag")
    gedrag.text = "Wat heeft u zelf gezien?"
    gedrag.save()  # a draft may change
    draft.questions.get(key="conclusie").delete()
    Question.objects.create(version=draft, key="wapens", text="Zijn er wapens in huis?", kind="ynu", order=5)
    services.publish_version(draft)
    assert services.active_version() == draft

    new = make_onderzoek(ggd, users["meldpunt"], lead=users["bemoeizorger"])
    assert new.questionnaire == draft and old.questionnaire == v1
    old_gedrag = Answer.objects.get(onderzoek=old, question__key="gedrag")
    assert old_gedrag.question.text == "Waargenomen gedrag" and old_gedrag.question.version == v1
    assert services.questions_of(old).filter(key="conclusie").exists()
    assert not services.questions_of(new).filter(key="conclusie").exists()
    # An answer to a question of another version is refused.
    with pytest.raises(ValidationError):
        services.save_answers(new, {v1.questions.get(key="gedrag").pk: "x"}, by=users["bemoeizorger"])
    with pytest.raises(ValidationError):
        draft.questions.get(key="wapens").save()  # published now


def test_publishing_an_empty_or_broken_draft_is_refused(v1, users):
    draft = services.new_draft_from(v1)
    Question.objects.filter(version=draft, kind="multi").update(choices=[])
    with pytest.raises(ValidationError):
        services.publish_version(draft)
    empty = QuestionnaireVersion.objects.create(number=99)
    with pytest.raises(ValidationError):
        services.publish_version(empty)


def test_draft_save_and_strict_form(ggd, users):
    onderzoek = make_onderzoek(ggd, users["meldpunt"], lead=users["bemoeizorger"])
    questions = list(services.questions_of(onderzoek))
    assert QuestionnaireForm({"version": onderzoek.version}, questions=questions).is_valid()
    strict = QuestionnaireForm({"version": onderzoek.version}, questions=questions, strict=True)
    assert not strict.is_valid() and "q_gedrag" in strict.errors
    bad = QuestionnaireForm(
        {"version": 1, "q_stoornis": "misschien", "q_oordeel__date": "31-02-2026"}, questions=questions
    )
    assert not bad.is_valid()
    assert "q_stoornis" in bad.errors and "q_oordeel__date" in bad.errors


def test_answers_round_trip_and_missing_required(ggd, users):
    onderzoek = make_onderzoek(ggd, users["meldpunt"], lead=users["bemoeizorger"])
    assert {q.key for q in services.missing_required(onderzoek)} >= {"gedrag", "oordeel", "conclusie"}
    answers = full_answers(onderzoek)
    services.save_answers(onderzoek, answers, by=users["bemoeizorger"])
    assert services.missing_required(onderzoek) == []
    assert services.answers_by_question(onderzoek) == answers


def test_concurrent_questionnaire_save_is_refused(ggd, users):
    onderzoek = make_onderzoek(ggd, users["meldpunt"], lead=users["bemoeizorger"], others=[users["duo"]])
    seen = onderzoek.version
    gedrag = services.questions_of(onderzoek).get(key="gedrag")
    services.save_answers(onderzoek, {gedrag.pk: "eerste"}, by=users["bemoeizorger"], expected_version=seen)
    with pytest.raises(ConcurrentEditError):
        services.save_answers(onderzoek, {gedrag.pk: "tweede"}, by=users["duo"], expected_version=seen)
    assert services.answers_by_question(onderzoek)[gedrag.pk] == "eerste"


def test_only_assigned_workers_and_teamleider_may_answer(ggd, users):
    onderzoek = make_onderzoek(ggd, users["meldpunt"], lead=users["bemoeizorger"])
    gedrag = services.questions_of(onderzoek).get(key="gedrag")
    for name in ("meldpunt", "duo", "consultant", "other_teamleider", "partner", "beheerder"):
        with pytest.raises(ValidationError):
            services.save_answers(onderzoek, {gedrag.pk: "x"}, by=users[name])
    services.save_answers(onderzoek, {gedrag.pk: "x"}, by=users["teamleider"])


def test_version_1_is_restored_when_the_table_was_emptied(db):
    # As after a flush: the tables are empty (a raw delete; the models refuse it for published versions).
    Question.objects.all()._raw_delete(Question.objects.db)
    QuestionnaireVersion.objects.all()._raw_delete(QuestionnaireVersion.objects.db)
    version = services.active_version()
    assert version.number == 1 and version.published and version.questions.count() == 12
