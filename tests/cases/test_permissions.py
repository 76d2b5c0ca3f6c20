"""Who may see and do what on a casus.

Not visible -> 404 (existence is not revealed); visible but not allowed to
act -> 403. Refused requests write nothing."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from vangnet.accounts.models import Role
from vangnet.audit.models import AccessLog
from vangnet.cases.models import CaseMember, CaseNote, ContactAttempt, Phase

pytestmark = pytest.mark.django_db

# user -> (view, act, manage members)
MATRIX = {
    "bemoeizorger": (200, 200, 200),  # casusregisseur
    "duo": (200, 200, 403),
    "teamleider": (200, 200, 200),  # same organisation
    "meldpunt": (200, 403, 403),  # same organisation: looking only
    "other_teamleider": (404, 404, 404),
    "other_meldpunt": (404, 404, 404),
    "other_bemoeizorger": (404, 404, 404),  # same organisation, not a member
    "consultant": (404, 404, 404),  # not a member
    "partner": (404, 404, 404),
    "beheerder": (404, 404, 404),
}

ACT_VIEWS = ("attempt_add", "phase", "note_add")


def act_posts(casus, attempt_data):
    return {
        "attempt_add": attempt_data(),
        "phase": {"to_phase": "verkennen", "reason": "", "version": casus.version},
        "note_add": {"text": "Notitie"},
    }


@pytest.mark.parametrize("who", MATRIX)
def test_view_permission(casus, users, login, who):
    expected = MATRIX[who][0]
    response = login(users[who]).get(reverse("cases:detail", args=[casus.pk]))
    assert response.status_code == expected
    reads = AccessLog.objects.filter(casus_id=str(casus.pk), user_id=str(users[who].pk), action="R")
    assert reads.count() == (1 if expected == 200 else 0)


@pytest.mark.parametrize("who", MATRIX)
@pytest.mark.parametrize("view", ACT_VIEWS)
def test_act_permission(casus, users, login, attempt_data, who, view):
    expected = MATRIX[who][1]
    client = login(users[who])
    path = reverse(f"cases:{view}", args=[casus.pk])
    assert client.get(path).status_code == expected
    response = client.post(path, act_posts(casus, attempt_data)[view])
    if expected == 200:
        assert response.status_code == 302
    else:
        assert response.status_code == expected
        assert not ContactAttempt.objects.exists()
        assert not CaseNote.objects.exists()
        casus.refresh_from_db()
        assert casus.phase == Phase.CONTACT_LEGGEN
        rows = AccessLog.objects.filter(user_id=str(users[who].pk))
        assert not rows.exclude(action__in=["R", "G"]).exists()
        # One REFUSED row per refused request (the GET and the POST), naming the casus asked for.
        refused = rows.filter(action="G")
        assert refused.count() == 2 and set(refused.values_list("casus_id", flat=True)) == {str(casus.pk)}


@pytest.mark.parametrize("who", MATRIX)
def test_members_permission(casus, users, login, who):
    expected = MATRIX[who][2]
    client = login(users[who])
    path = reverse("cases:members", args=[casus.pk])
    assert client.get(path).status_code == expected
    response = client.post(path, {"casusregisseur": users["duo"].pk, "version": casus.version})
    assert response.status_code == (302 if expected == 200 else expected)
    casus.refresh_from_db()
    if expected != 200:
        assert casus.casusregisseur == users["bemoeizorger"]


def test_meldpunt_member_may_act(casus, users, login, attempt_data):
    CaseMember.objects.create(casus=casus, user=users["meldpunt"], role=CaseMember.Role.DUO)
    response = login(users["meldpunt"]).post(reverse("cases:attempt_add", args=[casus.pk]), attempt_data())
    assert response.status_code == 302
    assert ContactAttempt.objects.count() == 1


def test_consultant_member_may_act_but_not_manage(casus, users, login):
    CaseMember.objects.create(casus=casus, user=users["consultant"], role=CaseMember.Role.CONSULTANT)
    client = login(users["consultant"])
    assert client.get(reverse("cases:detail", args=[casus.pk])).status_code == 200
    assert (
        client.post(reverse("cases:note_add", args=[casus.pk]), {"text": "Advies: huisarts betrekken."}).status_code
        == 302
    )
    assert client.get(reverse("cases:members", args=[casus.pk])).status_code == 403


def test_inactive_member_is_refused(casus, users, login):
    duo = users["duo"]
    client = login(duo)
    duo.is_active = False
    duo.save()
    response = client.get(reverse("cases:detail", args=[casus.pk]))
    assert response.status_code in (302, 404)


def test_anonymous_goes_to_login(casus, client):
    for name in ("detail", "attempt_add", "phase", "note_add", "members"):
        response = client.get(reverse(f"cases:{name}", args=[casus.pk]))
        assert response.status_code == 302
        assert "/account/" in response["Location"]


def test_unknown_casus_is_404(users, login):
    assert login(users["teamleider"]).get(reverse("cases:detail", args=[999999])).status_code == 404


def test_unverified_session_is_sent_to_2fa(casus, users, client):
    client.force_login(users["bemoeizorger"])
    response = client.get(reverse("cases:detail", args=[casus.pk]))
    assert response.status_code == 302
    assert not AccessLog.objects.filter(action="R").exists()


def test_bemoeizorger_of_other_organisation_is_refused(casus, users, login, other_org):
    stranger = UserFactory(role=Role.BEMOEIZORGER, organisation=other_org)
    assert login(stranger).get(reverse("cases:detail", args=[casus.pk])).status_code == 404


def test_break_the_glass_is_for_looking_not_working(casus, users, login, attempt_data):
    from vangnet.access.models import BreakGlassGrant

    outsider = users["other_meldpunt"]
    client = login(outsider)
    assert client.get(reverse("cases:detail", args=[casus.pk])).status_code == 404
    BreakGlassGrant.objects.create(user=outsider, person=casus.person, reason="Acute zorgen, politie aan de lijn.")
    response = client.get(reverse("cases:detail", args=[casus.pk]))
    assert response.status_code == 200
    assert "noodtoegang" in response.content.decode()
    assert AccessLog.objects.get(user_id=str(outsider.pk), action="R").break_glass
    assert client.post(reverse("cases:attempt_add", args=[casus.pk]), attempt_data()).status_code == 403
    assert client.get(reverse("cases:members", args=[casus.pk])).status_code == 403
    assert not ContactAttempt.objects.exists()
