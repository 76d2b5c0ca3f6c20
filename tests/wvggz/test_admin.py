import pytest
from django.urls import reverse

from vangnet.accounts.services import ensure_beheer_group
from vangnet.wvggz.models import QuestionnaireVersion


@pytest.fixture
def beheer(users, login):
    # The real "Functioneel beheer" group, as a beheerder gets it: no hand-picked permissions.
    user = users["beheerder"]
    user.groups.add(ensure_beheer_group())
    return login(user)


def test_beheerder_without_the_group_cannot_open_the_questionnaire(users, login):
    client = login(users["beheerder"])
    assert client.get(reverse("admin:wvggz_questionnaireversion_changelist")).status_code == 403


def test_beheerder_copies_edits_and_publishes_a_version(beheer):
    v1 = QuestionnaireVersion.objects.get(number=1)
    changelist = reverse("admin:wvggz_questionnaireversion_changelist")
    assert beheer.get(changelist).status_code == 200
    response = beheer.post(changelist, {"action": "make_draft", "_selected_action": [v1.pk]})
    assert response.status_code == 302
    draft = QuestionnaireVersion.objects.get(number=2)
    assert not draft.published and draft.questions.count() == v1.questions.count()
    # The published version opens read-only; a POST to it changes nothing.
    change_v1 = reverse("admin:wvggz_questionnaireversion_change", args=[v1.pk])
    page = beheer.get(change_v1)
    assert page.status_code == 200 and 'name="title"' not in page.content.decode()
    assert beheer.post(change_v1, {"title": "Gewijzigd"}).status_code == 403
    v1.refresh_from_db()
    assert v1.title != "Gewijzigd"
    # The draft is editable, then published.
    assert (
        'name="title"'
        in beheer.get(reverse("admin:wvggz_questionnaireversion_change", args=[draft.pk])).content.decode()
    )
    beheer.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.published and draft.published_at


def test_no_bulk_delete_and_no_add(beheer):
    changelist = reverse("admin:wvggz_questionnaireversion_changelist")
    assert "delete_selected" not in beheer.get(changelist).content.decode()
    assert beheer.get(reverse("admin:wvggz_questionnaireversion_add")).status_code == 403
