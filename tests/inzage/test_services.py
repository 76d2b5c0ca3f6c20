"""The rules of the inzage: who may start one, the review (a reason to shield, no change after
release, a double submit saved once, a conflict refused), the release gate, and the rows."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.service_audit import CONTEXT, assert_row, new_rows
from vangnet.audit.models import AccessLog
from vangnet.core.concurrency import ConcurrentEditError
from vangnet.inzage import services
from vangnet.inzage.models import Decision, Inzage, Status

from .conftest import release_all, start

pytestmark = pytest.mark.django_db


def decide(inzage, item, by, decision="vrijgeven", reason="", note="", version=None):
    return services.decide_item(
        inzage,
        item_id=item.pk,
        decision=decision,
        reason=reason,
        note=note,
        version=item.version if version is None else version,
        by=by,
        context=CONTEXT,
    )


def test_start_writes_the_start_row_and_one_read_row_per_casus_and_melding(story, users):
    tl = users["teamleider"]
    with new_rows() as rows:
        inzage = start(story["person"], tl)
    assert inzage.status == Status.CONCEPT and inzage.reference == f"INZ-{inzage.pk:06d}"
    assert [r.object_type for r in rows] == ["inzage"] * len(rows)
    first, *reads = rows
    assert_row(first, tl, action="C", object_type="inzage", person=story["person"])
    assert inzage.reference in first.detail and first.reason == "toezicht teamleider"
    meldingen = story["person"].meldingen.count()
    assert sorted(r.casus_id for r in reads if r.melding_id == "") == [str(story["casus"].pk)]
    assert len([r for r in reads if r.melding_id]) == meldingen == 2
    assert all(r.action == "R" and r.person_id == str(story["person"].pk) for r in reads)


def test_a_second_start_returns_the_open_concept_and_writes_nothing(story, users):
    first = start(story["person"], users["teamleider"])
    with new_rows() as rows:
        again = services.start_inzage(story["person"], by=users["teamleider"], context=CONTEXT)
    assert again.inzage == first and not again.created and rows == []
    assert Inzage.objects.count() == 1


@pytest.mark.parametrize("role", ["bemoeizorger", "meldpunt", "consultant", "other_teamleider", "privacy", "partner"])
def test_only_the_teamleider_of_an_involved_organisation_may_start(story, users, role):
    with new_rows() as rows, pytest.raises(PermissionDenied):
        services.start_inzage(story["person"], by=users[role], context=CONTEXT)
    assert rows == [] and not Inzage.objects.exists()


def test_shielding_needs_a_reason_and_another_reason_a_note(story, users):
    tl = users["teamleider"]
    inzage = start(story["person"], tl)
    item = inzage.items.first()
    with pytest.raises(ValidationError) as exc:
        decide(inzage, item, tl, decision="afschermen")
    assert "reason" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        decide(inzage, item, tl, decision="afschermen", reason="anders")
    assert "note" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        decide(inzage, item, tl, decision="misschien")
    assert "decision" in exc.value.message_dict
    saved = decide(inzage, item, tl, decision="afschermen", reason="anders", note="Gaat over de zus")
    assert (saved.decision, saved.reason, saved.decided_by) == ("afschermen", "anders", tl)


def test_a_decision_is_one_row_and_a_double_submit_is_saved_once(story, users):
    tl = users["teamleider"]
    inzage = start(story["person"], tl)
    item = inzage.items.first()
    version = item.version
    with new_rows() as rows:
        decide(inzage, item, tl, decision="afschermen", reason="derden", version=version)
        decide(inzage, item, tl, decision="afschermen", reason="derden", version=version)
    [row] = rows
    assert_row(row, tl, action="U", object_type="inzage", person=story["person"])
    assert f"{item.key} afschermen (derden)" in row.detail
    item.refresh_from_db()
    assert item.version == version + 1


def test_a_decision_on_an_old_version_is_a_conflict(story, users, ggd):
    from tests.factories import UserFactory
    from vangnet.accounts.roles import Role

    tl, other = users["teamleider"], UserFactory(role=Role.TEAMLEIDER, organisation=ggd)
    inzage = start(story["person"], tl)
    item = inzage.items.first()
    version = item.version
    decide(inzage, item, tl, version=version)
    with pytest.raises(ConcurrentEditError):
        decide(inzage, item, other, decision="afschermen", reason="derden", version=version)
    item.refresh_from_db()
    assert item.decision == Decision.VRIJGEVEN


def test_release_needs_every_text_decided(story, users):
    tl = users["teamleider"]
    inzage = start(story["person"], tl)
    decide(inzage, inzage.items.first(), tl)
    inzage.refresh_from_db()
    with new_rows() as rows, pytest.raises(ValidationError) as exc:
        services.release_inzage(inzage, version=inzage.version, by=tl, context=CONTEXT)
    assert "Beoordeel eerst alle vrije teksten" in str(exc.value) and rows == []
    inzage.refresh_from_db()
    assert inzage.status == Status.CONCEPT


def test_release_is_one_row_once_and_then_the_review_is_fixed(story, users):
    tl = users["teamleider"]
    inzage = start(story["person"], tl)
    with new_rows() as rows:
        release_all(inzage, tl)
        inzage.refresh_from_db()
        services.release_inzage(inzage, version=inzage.version, by=tl, context=CONTEXT)  # a double submit
    released = [r for r in rows if "vrijgegeven" in r.detail]
    assert len(released) == 1 and released[0].action == "U"
    assert len(rows) == inzage.items.count() + 1
    assert inzage.status == Status.VRIJGEGEVEN and inzage.released_by == tl
    with pytest.raises(ValidationError):
        decide(inzage, inzage.items.first(), tl, decision="afschermen", reason="derden")


def test_a_new_inzage_can_start_after_release(story, users):
    tl = users["teamleider"]
    release_all(start(story["person"], tl), tl)
    second = services.start_inzage(story["person"], by=tl, context=CONTEXT)
    assert second.created and Inzage.objects.count() == 2
    # The first inzage's own rows are in the second's access log.
    log = next(s for s in second.inzage.content["secties"] if s["sleutel"] == "toegangslog")
    assert any(f["waarde"] == "inzage" for r in log["records"] for f in r["velden"] if f["veld"] == "object_type")
    assert AccessLog.objects.filter(object_type="inzage", action="C").count() == 2
