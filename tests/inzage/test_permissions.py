"""Wrong users are refused: 404 for whom the person or inzage is not visible (another
organisation's teamleider), 403 for every other role; one REFUSED row each, nothing written."""

import pytest
from django.urls import reverse

from vangnet.audit.models import AccessLog
from vangnet.inzage.models import Inzage, InzageItem

from .conftest import release_all, start

pytestmark = pytest.mark.django_db

OTHERS = ["meldpunt", "bemoeizorger", "duo", "consultant", "partner", "beheerder", "privacy"]


def refused_rows():
    return AccessLog.objects.filter(action=AccessLog.Action.REFUSED).count()


@pytest.mark.parametrize("role", OTHERS + ["other_teamleider"])
def test_starting_is_refused(story, users, login, role):
    url = reverse("inzage:start", args=[story["person"].pk])
    client = login(users[role])
    before = refused_rows()
    expected = 404 if role == "other_teamleider" else 403
    assert client.get(url).status_code == expected
    assert client.post(url).status_code == expected
    assert refused_rows() == before + 2
    assert not Inzage.objects.exists()


@pytest.mark.parametrize("role", OTHERS + ["other_teamleider"])
def test_the_inzage_is_refused(story, users, login, role):
    tl = users["teamleider"]
    inzage = release_all(start(story["person"], tl), tl)
    item = inzage.items.first()
    client = login(users[role])
    expected = 404 if role == "other_teamleider" else 403
    before = refused_rows()
    for name in ("inzage:review", "inzage:pdf", "inzage:json"):
        assert client.get(reverse(name, args=[inzage.pk])).status_code == expected, name
    prefix = f"i{item.pk}"
    post = {"item": item.pk, f"{prefix}-decision": "afschermen", f"{prefix}-reason": "derden", f"{prefix}-version": 1}
    assert client.post(reverse("inzage:review", args=[inzage.pk]), post).status_code == expected
    assert client.post(reverse("inzage:release", args=[inzage.pk]), {"release-version": 1}).status_code == expected
    assert refused_rows() == before + 5
    assert InzageItem.objects.get(pk=item.pk).decision == "vrijgeven"
    refused = AccessLog.objects.filter(action=AccessLog.Action.REFUSED).order_by("-pk")[0]
    assert refused.user_id == str(users[role].pk)


def test_a_teamleider_who_lost_the_basis_no_longer_sees_the_inzage(story, users, login, other_org):
    """The inzage is seen with the organisation's involvement: move the teamleider away, 404."""
    tl = users["teamleider"]
    inzage = start(story["person"], tl)
    tl.organisation = other_org
    tl.save()
    assert login(tl).get(reverse("inzage:review", args=[inzage.pk])).status_code == 404
