"""Response-norm deadlines and overdue state, with the clock frozen."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from tests.conftest import verified_client
from tests.factories import CasusFactory, MeldingFactory, UserFactory
from vangnet.accounts.models import Role
from vangnet.cases.models import ContactAttempt, Phase
from vangnet.cases.services import refresh_has_contact_attempt
from vangnet.intake.models import Melding
from vangnet.norms import services
from vangnet.norms.models import NormSettings

AMS = ZoneInfo("Europe/Amsterdam")
pytestmark = pytest.mark.django_db


def local(*args):
    return datetime(*args, tzinfo=AMS)


def attempt(casus, at, result="geen_gehoor"):
    made = ContactAttempt.objects.create(
        casus=casus, at=at, type="huisbezoek", result=result, created_by=casus.casusregisseur
    )
    refresh_has_contact_attempt([casus.pk])  # as cases.services.log_contact_attempt does
    return made


def test_defaults():
    norms = NormSettings.current()
    assert (norms.triage_workdays, norms.first_attempt_workdays) == (0, 2)
    assert NormSettings.objects.count() == 1
    NormSettings.current()
    assert NormSettings.objects.count() == 1


def test_triage_deadline_same_workday_and_saturday():
    friday = MeldingFactory.build(received_at=local(2026, 3, 6, 9, 0))
    saturday = MeldingFactory.build(received_at=local(2026, 3, 7, 14, 0))
    assert services.triage_deadline(friday).astimezone(AMS).date().isoformat() == "2026-03-06"
    assert services.triage_deadline(saturday).astimezone(AMS).date().isoformat() == "2026-03-09"


def test_triage_deadline_on_holiday():
    koningsdag = MeldingFactory.build(received_at=local(2026, 4, 27, 11, 0))
    assert services.triage_deadline(koningsdag).astimezone(AMS).date().isoformat() == "2026-04-28"


def test_first_attempt_deadline_friday_plus_two_is_tuesday(ggd):
    casus = CasusFactory(organisation=ggd, opened_at=local(2026, 3, 6, 16, 0))
    assert services.first_attempt_deadline(casus).astimezone(AMS).date().isoformat() == "2026-03-10"


def test_norms_are_configurable(ggd):
    melding = MeldingFactory.build(received_at=local(2026, 3, 6, 9, 0))
    casus = CasusFactory(organisation=ggd, opened_at=local(2026, 3, 6, 9, 0))
    norms = NormSettings.current()
    norms.triage_workdays = 1
    norms.first_attempt_workdays = 5
    norms.save()
    assert services.triage_deadline(melding).astimezone(AMS).date().isoformat() == "2026-03-09"
    assert services.first_attempt_deadline(casus).astimezone(AMS).date().isoformat() == "2026-03-13"


def test_is_triage_overdue_flips_after_end_of_day():
    melding = MeldingFactory.build(received_at=local(2026, 3, 6, 9, 0), status=Melding.Status.TE_TRIEREN)
    assert not services.is_triage_overdue(melding, local(2026, 3, 6, 23, 59))
    assert services.is_triage_overdue(melding, local(2026, 3, 7, 0, 0))
    melding.status = Melding.Status.GETRIEERD
    assert not services.is_triage_overdue(melding, local(2026, 3, 9, 12, 0))


def test_is_triage_overdue_uses_frozen_clock():
    melding = MeldingFactory.build(received_at=local(2026, 3, 6, 9, 0))
    with time_machine.travel(local(2026, 3, 6, 17, 0), tick=False):
        assert not services.is_triage_overdue(melding)
    with time_machine.travel(local(2026, 3, 9, 8, 0), tick=False):
        assert services.is_triage_overdue(melding)


def test_first_attempt_overdue_and_attempt_clears_it(ggd):
    casus = CasusFactory(organisation=ggd, opened_at=local(2026, 3, 6, 9, 0))  # deadline Tue 10 March
    assert not services.is_first_attempt_overdue(casus, local(2026, 3, 10, 23, 0))
    assert services.is_first_attempt_overdue(casus, local(2026, 3, 11, 8, 0))
    assert services.first_attempt_status(casus, local(2026, 3, 9, 8, 0)) == services.FirstAttemptStatus.PENDING
    attempt(casus, local(2026, 3, 9, 10, 0))
    assert not services.is_first_attempt_overdue(casus, local(2026, 3, 11, 8, 0))
    assert services.first_attempt_status(casus, local(2026, 3, 11, 8, 0)) == services.FirstAttemptStatus.ON_TIME


def test_late_attempt_ends_overdue_but_norm_stays_missed(ggd):
    casus = CasusFactory(organisation=ggd, opened_at=local(2026, 3, 6, 9, 0))
    attempt(casus, local(2026, 3, 12, 10, 0))
    now = local(2026, 3, 13, 8, 0)
    assert not services.is_first_attempt_overdue(casus, now)
    assert services.first_attempt_status(casus, now) == services.FirstAttemptStatus.LATE_DONE


def test_closed_casus_without_attempt_is_not_overdue(ggd):
    casus = CasusFactory(organisation=ggd, opened_at=local(2026, 3, 6, 9, 0), phase=Phase.AFGESLOTEN)
    assert not services.is_first_attempt_overdue(casus, local(2026, 3, 20, 8, 0))


def test_overdue_querysets(ggd):
    now = local(2026, 5, 7, 10, 0)  # Thursday after Bevrijdingsdag
    late = MeldingFactory(meldpunt=ggd, received_at=local(2026, 5, 4, 9, 0))
    on_time = MeldingFactory(meldpunt=ggd, received_at=local(2026, 5, 7, 8, 0))
    MeldingFactory(meldpunt=ggd, received_at=local(2026, 5, 1, 9, 0), status=Melding.Status.GETRIEERD)
    older = MeldingFactory(meldpunt=ggd, received_at=local(2026, 4, 30, 9, 0))
    result = services.overdue_triage(Melding.objects.all(), now)
    assert result == [older, late]
    assert on_time not in result
    assert all(m.triage_deadline < now for m in result)

    # Opened Friday 1 May: +2 workdays skipping 5 May = Wednesday 6 May.
    no_attempt = CasusFactory(organisation=ggd, opened_at=local(2026, 5, 1, 9, 0))
    with_attempt = CasusFactory(organisation=ggd, opened_at=local(2026, 5, 1, 9, 0))
    attempt(with_attempt, local(2026, 5, 4, 9, 0))
    recent = CasusFactory(organisation=ggd, opened_at=local(2026, 5, 5, 9, 0))  # deadline Thu 7 May
    closed = CasusFactory(organisation=ggd, opened_at=local(2026, 4, 1, 9, 0), phase=Phase.AFGESLOTEN)
    from vangnet.cases.models import Casus

    result = services.overdue_first_attempt(Casus.objects.all(), now)
    assert result == [no_attempt]
    assert recent not in result and closed not in result
    # A changed norm moves the deadline: with 3 workdays it is Thursday 7 May, not yet passed.
    norms = NormSettings.current()
    norms.first_attempt_workdays = 3
    norms.save()
    assert services.overdue_first_attempt(Casus.objects.all(), now) == []


def test_overdue_triage_query_count(ggd, django_assert_num_queries):
    for day in range(1, 20):
        MeldingFactory(meldpunt=ggd, received_at=local(2026, 3, day, 9, 0))
    norms = NormSettings.current()
    with django_assert_num_queries(1):
        result = services.overdue_triage(Melding.objects.all(), local(2026, 3, 25, 9, 0), norms)
    assert len(result) == 19


# --- admin: one row, editable, not addable or deletable ------------------------


@pytest.fixture
def admin_client(ggd):
    user = UserFactory(role=Role.BEHEERDER, organisation=ggd, is_staff=True, is_superuser=True)
    return verified_client(user)


def test_admin_changelist_goes_to_the_single_row(admin_client):
    response = admin_client.get(reverse("admin:norms_normsettings_changelist"))
    assert response.status_code == 302
    assert response.url == reverse("admin:norms_normsettings_change", args=[1])


def test_admin_edits_norms(admin_client):
    url = reverse("admin:norms_normsettings_change", args=[NormSettings.current().pk])
    response = admin_client.post(url, {"triage_workdays": 1, "first_attempt_workdays": 3})
    assert response.status_code == 302
    norms = NormSettings.current()
    assert (norms.triage_workdays, norms.first_attempt_workdays) == (1, 3)


def test_admin_cannot_add_or_delete(admin_client):
    pk = NormSettings.current().pk
    assert admin_client.get(reverse("admin:norms_normsettings_add")).status_code == 403
    assert admin_client.post(reverse("admin:norms_normsettings_delete", args=[pk]), {"post": "yes"}).status_code == 403
    assert NormSettings.objects.count() == 1


def test_admin_refuses_non_staff(ggd):
    client = verified_client(UserFactory(role=Role.BEMOEIZORGER, organisation=ggd))
    response = client.get(reverse("admin:norms_normsettings_change", args=[NormSettings.current().pk]))
    assert response.status_code == 302
    assert "login" in response.url


def test_functioneel_beheerder_group_edits_norms(users, login):
    from vangnet.accounts.services import ensure_beheer_group

    beheerder = users["beheerder"]
    beheerder.groups.add(ensure_beheer_group())
    client = login(beheerder)
    response = client.get(reverse("admin:norms_normsettings_changelist"))
    assert response.status_code == 302
    url = reverse("admin:norms_normsettings_change", args=[NormSettings.current().pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"triage_workdays": 2, "first_attempt_workdays": 4}).status_code == 302
    assert NormSettings.current().triage_workdays == 2
    assert client.get(reverse("admin:norms_normsettings_add")).status_code == 403


def test_admin_rejects_out_of_range_norms(admin_client):
    url = reverse("admin:norms_normsettings_change", args=[NormSettings.current().pk])
    response = admin_client.post(url, {"triage_workdays": -1, "first_attempt_workdays": 31})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors.keys() == {"triage_workdays", "first_attempt_workdays"}
    assert NormSettings.current().first_attempt_workdays == 2
