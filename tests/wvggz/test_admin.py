import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from vangnet.wvggz.models import QuestionnaireVersion


@pytest.fixture
def beheer(users, login):
    user = users["beheerder"]
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="wvggz",
                                                         content_type__model__in=["questionnaireversion", "question"]))
    return login(user)


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
    assert 'name="title"' in beheer.get(reverse("admin:wvggz_questionnaireversion_change", args=[draft.pk])).content.decode()
    beheer.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.published and draft.published_at


def test_no_bulk_delete_and_no_add(beheer):
    changelist = reverse("admin:wvggz_questionnaireversion_changelist")
    assert "delete_selected" not in beheer.get(changelist).content.decode()
    assert beheer.get(reverse("admin:wvggz_questionnaireversion_add")).status_code == 403
