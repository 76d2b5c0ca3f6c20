"""The choice per kind of event: defaults, saving, only one's own (issue 11 item 8)."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from vangnet.notifications.models import Channel, EventKind, NotificationPreference
from vangnet.notifications.services import preference_kinds, preferences_for, save_preferences

pytestmark = pytest.mark.django_db

URL = reverse("notifications:preferences")


def checked(page: str, name: str) -> list[str]:
    """The values of the checked radio buttons of group ``name``."""
    return re.findall(rf'<input type="radio" name="{name}" value="([^"]+)"[^>]*\bchecked', page)


def test_defaults_staff_in_the_app_only_partners_email_for_what_asks_them_to_act(users):
    staff = preferences_for(users["bemoeizorger"])
    assert set(staff) == {k.value for k in preference_kinds()} and EventKind.GENERAL not in staff
    # The due "vinger aan de pols" check was e-mailed before notifications existed.
    assert staff.pop(EventKind.FOLLOW_UP_DUE) == Channel.EMAIL
    assert set(staff.values()) == {Channel.APP}
    partner = preferences_for(users["partner"])
    assert partner[EventKind.REFERRAL_RECEIVED] == Channel.EMAIL
    assert partner[EventKind.REGIE_ACTION] == Channel.EMAIL
    assert partner[EventKind.PARTNER_MELDING_STATUS] == Channel.DIGEST
    assert partner[EventKind.CASUS_ROLE] == Channel.APP
    assert not NotificationPreference.objects.exists()


def test_the_page_shows_one_labelled_radio_group_per_kind_with_the_defaults(users, login):
    response = login(users["partner"]).get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("<fieldset>") == len(preference_kinds())
    assert "<legend>Nieuwe verwijzing voor uw organisatie" in page
    assert checked(page, "verwijzing_ontvangen") == ["email"]
    assert checked(page, "partnermelding_status") == ["dagoverzicht"]
    assert checked(page, "casus_rol") == ["app"]


def test_the_list_links_to_the_page(users, login):
    page = login(users["meldpunt"]).get(reverse("notifications:list")).content.decode()
    assert URL in page


def _all(channel, **overrides):
    data = {k.value: channel for k in preference_kinds()}
    data.update(overrides)
    return data


def test_saved_choices_are_stored_and_shown(users, login):
    client = login(users["bemoeizorger"])
    response = client.post(URL, _all(Channel.APP, casus_rol=Channel.EMAIL, casus_fase=Channel.DIGEST))
    assert response.status_code == 302 and response.url == URL
    stored = dict(NotificationPreference.objects.filter(user=users["bemoeizorger"]).values_list("kind", "channel"))
    assert stored[EventKind.CASUS_ROLE] == Channel.EMAIL and stored[EventKind.CASUS_PHASE_CHANGED] == Channel.DIGEST
    assert preferences_for(users["bemoeizorger"])[EventKind.CASUS_ROLE] == Channel.EMAIL
    page = client.get(URL).content.decode()
    assert "Uw keuzes voor notificaties zijn opgeslagen." in page
    assert checked(page, "casus_rol") == ["email"] and checked(page, "casus_fase") == ["dagoverzicht"]
    # Nobody else's choices changed.
    assert preferences_for(users["duo"])[EventKind.CASUS_ROLE] == Channel.APP


def test_a_bad_choice_is_a_dutch_message_on_its_group_and_the_rest_is_kept(users, login):
    data = _all(Channel.DIGEST, casus_rol="fax")
    del data["casus_fase"]
    response = login(users["bemoeizorger"]).post(URL, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'role="alert"' in page and page.count("Kies hoe u dit wilt horen.") == 4  # summary + field, twice
    assert checked(page, "wvggz") == ["dagoverzicht"] and checked(page, "casus_fase") == []
    assert not NotificationPreference.objects.exists()


def test_only_the_user_herself_may_save_her_choices(users):
    with pytest.raises(PermissionDenied):
        save_preferences(users["bemoeizorger"], _all(Channel.EMAIL), by=users["teamleider"])
    assert not NotificationPreference.objects.exists()


def test_the_page_needs_a_login(client):
    assert client.get(URL).status_code == 302
