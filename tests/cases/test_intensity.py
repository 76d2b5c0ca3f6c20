"""Issue 15, part 3: the intensity of a casus, opschalen with a reason, the timeline
entry, the audit row, and who may do it."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories import CasusFactory
from tests.service_audit import CONTEXT, assert_row, new_rows
from vangnet.access.models import BreakGlassGrant
from vangnet.audit.models import AccessLog
from vangnet.cases import policies as case_policies
from vangnet.cases import services, timeline
from vangnet.cases.models import Casus, IntensityChange, Phase
from vangnet.core.concurrency import ConcurrentEditError

pytestmark = pytest.mark.django_db

REASON = "Twee weken niet thuis aangetroffen, buren ongerust."


def test_a_new_casus_is_wekelijks(casus):
    assert casus.intensity == "wekelijks"


def test_opschalen_changes_the_casus_and_is_on_both_timelines(casus, users):
    change = services.change_intensity(
        casus, "dagelijks", reason=REASON, by=users["bemoeizorger"], expected_version=casus.version
    )
    casus.refresh_from_db()
    assert casus.intensity == "dagelijks"
    assert (change.from_intensity, change.to_intensity, change.reason) == ("wekelijks", "dagelijks", REASON)
    [whole] = [e for e in services.timeline(casus) if e.kind == "intensiteit"]
    assert whole.title == "Opgeschaald naar dagelijks (was: wekelijks)" and whole.text == REASON
    [paged] = [e for e in timeline.timeline_page(casus).entries if e.kind == "intensiteit"]
    assert paged.title == whole.title and paged.key == f"intensiteit-{change.pk}"


def test_afschalen_is_named_so(casus, users):
    services.change_intensity(
        casus, "maandelijks", reason="Gaat goed, woont stabiel.", by=users["duo"], expected_version=casus.version
    )
    [entry] = [e for e in services.timeline(casus) if e.kind == "intensiteit"]
    assert entry.title == "Afgeschaald naar maandelijks (was: wekelijks)"


def test_change_intensity_writes_one_audit_row(casus, users):
    with new_rows() as rows:
        services.change_intensity(
            casus, "dagelijks", reason=REASON, by=users["duo"], expected_version=casus.version, context=CONTEXT
        )
    [row] = rows
    assert_row(row, users["duo"], action="U", object_type="intensiteit", casus=casus)
    assert "opgeschaald" in row.detail and REASON not in row.detail


@pytest.mark.parametrize(
    "to, reason, field",
    [
        ("wekelijks", REASON, "to_intensity"),  # the same intensity
        ("elk uur", REASON, "to_intensity"),
        ("dagelijks", "   ", "reason"),
        ("dagelijks", "x" * 5001, "reason"),
    ],
)
def test_bad_input_is_refused_on_its_field_and_writes_nothing(casus, users, to, reason, field):
    with new_rows() as rows, pytest.raises(ValidationError) as exc:
        services.change_intensity(casus, to, reason=reason, by=users["duo"], expected_version=casus.version)
    assert field in exc.value.message_dict
    assert rows == [] and not IntensityChange.objects.exists()


def test_a_stale_version_is_a_conflict_and_writes_nothing(casus, users):
    stale = casus.version
    services.change_intensity(casus, "dagelijks", reason=REASON, by=users["duo"], expected_version=stale)
    other = Casus.objects.get(pk=casus.pk)
    with pytest.raises(ConcurrentEditError):
        services.change_intensity(other, "maandelijks", reason=REASON, by=users["bemoeizorger"], expected_version=stale)
    assert IntensityChange.objects.count() == 1


@pytest.mark.parametrize("who", ["meldpunt", "other_bemoeizorger", "other_teamleider", "partner", "beheerder"])
def test_the_service_refuses_whoever_does_not_work_on_the_casus(casus, users, who):
    with pytest.raises(PermissionDenied):
        services.change_intensity(casus, "dagelijks", reason=REASON, by=users[who], expected_version=casus.version)
    assert not IntensityChange.objects.exists()


def test_the_teamleider_of_the_organisation_may(casus, users):
    services.change_intensity(casus, "dagelijks", reason=REASON, by=users["teamleider"], expected_version=casus.version)
    assert IntensityChange.objects.count() == 1


@pytest.mark.parametrize(
    "who, status",
    [
        ("other_bemoeizorger", 404),  # not on the casus
        ("other_teamleider", 404),  # another organisation
        ("consultant", 404),  # not asked on this casus
        ("meldpunt", 403),  # sees the casus, not its care work
        ("partner", 403),
        ("beheerder", 403),
    ],
)
def test_the_page_refuses_wrong_users_with_one_refusal_row(casus, users, login, who, status):
    url = reverse("cases:intensity", args=[casus.pk])
    client = login(users[who])
    before = AccessLog.objects.filter(action=AccessLog.Action.REFUSED).count()
    assert client.get(url).status_code == status
    assert client.post(url, {"to_intensity": "dagelijks", "reason": REASON, "version": 1}).status_code == status
    assert AccessLog.objects.filter(action=AccessLog.Action.REFUSED).count() == before + 2
    assert not IntensityChange.objects.exists()


def test_break_the_glass_is_for_looking_not_for_opschalen(casus, users, login):
    # Only the meldpunt breaks the glass; it then sees the casus but may not change its intensity.
    BreakGlassGrant.objects.create(user=users["other_meldpunt"], person=casus.person, reason="Spoed: politie belt")
    assert case_policies.can_change_intensity(users["other_meldpunt"], casus) is False
    url = reverse("cases:intensity", args=[casus.pk])
    assert login(users["other_meldpunt"]).get(url).status_code == 403
    assert not IntensityChange.objects.exists()


def test_the_page_raises_the_intensity_and_the_casus_page_shows_it(casus, users, login):
    client = login(users["duo"])
    detail = client.get(reverse("cases:detail", args=[casus.pk])).content.decode()
    assert "Wekelijks" in detail and reverse("cases:intensity", args=[casus.pk]) in detail
    url = reverse("cases:intensity", args=[casus.pk])
    response = client.post(url, {"to_intensity": "dagelijks", "reason": REASON, "version": casus.version})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Opgeschaald naar dagelijks (was: wekelijks)" in page and REASON in page


def test_the_page_keeps_the_input_without_a_reason_and_on_a_conflict(casus, users, login):
    client = login(users["duo"])
    url = reverse("cases:intensity", args=[casus.pk])
    response = client.post(url, {"to_intensity": "dagelijks", "reason": "", "version": casus.version})
    assert response.status_code == 200 and "Geef een reden" in response.content.decode()
    services.change_intensity(casus, "maandelijks", reason="Rustig.", by=users["bemoeizorger"], expected_version=1)
    response = client.post(url, {"to_intensity": "dagelijks", "reason": REASON, "version": 1})
    html = response.content.decode()
    assert response.status_code == 200 and "Iemand anders heeft dit intussen gewijzigd" in html and REASON in html
    assert IntensityChange.objects.count() == 1


def test_a_double_submit_makes_one_change(casus, users, login):
    client = login(users["duo"])
    url = reverse("cases:intensity", args=[casus.pk])
    data = {"to_intensity": "dagelijks", "reason": REASON, "version": casus.version}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 200
    assert IntensityChange.objects.count() == 1


def test_the_migration_puts_nazorg_casussen_on_vinger_aan_de_pols(casus, users, ggd):
    nazorg = CasusFactory(organisation=ggd, casusregisseur=users["bemoeizorger"], phase=Phase.NAZORG)
    migration = importlib.import_module("vangnet.cases.migrations.0008_nazorg_vinger_aan_de_pols")
    migration.nazorg_to_vinger_aan_de_pols(apps, None)
    assert Casus.objects.get(pk=nazorg.pk).intensity == "vinger_aan_de_pols"
    assert Casus.objects.get(pk=casus.pk).intensity == "wekelijks"


def test_a_closed_casus_keeps_its_intensity(casus, users):
    Casus.objects.filter(pk=casus.pk).update(phase=Phase.AFGESLOTEN, closed_at=timezone.now() - timedelta(days=1))
    casus.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.change_intensity(casus, "dagelijks", reason=REASON, by=users["duo"], expected_version=casus.version)
    assert "to_intensity" in exc.value.message_dict
