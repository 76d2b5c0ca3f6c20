"""Case conference rules: create, invite, put on the agenda, share, record, act, close."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.access.policies import casus_access_basis, melding_access_basis
from vangnet.audit.models import AccessLog
from vangnet.audit.services import AuditContext, ObjectType, audit
from vangnet.cases.models import Casus
from vangnet.core.errors import field_error as _error
from vangnet.grondslagen import services as grondslagen
from vangnet.intake.models import Melding

from . import policies
from .models import ActionItem, AgendaItem, AgendaShare, Attendee, Meeting

A = AccessLog.Action


def _check_manage(user, meeting):
    if not policies.is_host(user, meeting):
        raise PermissionDenied
    if not meeting.is_open:
        raise ValidationError(_("Dit overleg is afgerond; het kan niet meer worden gewijzigd."), code="closed")


def _subject_log(context, user, action, item, detail, reason):
    audit(
        user,
        action,
        context=context,
        casus=item.casus,
        melding=item.melding,
        object_type=ObjectType.AGENDAPUNT,
        detail=detail,
        reason=reason,
    )


def create_meeting(*, kind, title, starts_at, by) -> Meeting:
    if not policies.can_create_meeting(by):
        raise PermissionDenied
    meeting = Meeting.objects.create(
        kind=kind, title=title.strip(), starts_at=starts_at, organisation=by.organisation, created_by=by
    )
    Attendee.objects.create(meeting=meeting, user=by)
    return meeting


def add_attendee(meeting, *, by, user=None, external_name="", external_organisation="") -> Attendee:
    _check_manage(by, meeting)
    external_name = (external_name or "").strip()
    if user is None and not external_name:
        raise ValidationError(_("Kies een gebruiker of vul de naam van een externe deelnemer in."), code="required")
    if user is not None and external_name:
        raise ValidationError(_("Kies een gebruiker óf vul een externe naam in, niet allebei."), code="both")
    try:
        with transaction.atomic():
            return Attendee.objects.create(
                meeting=meeting,
                user=user,
                external_name=external_name,
                external_organisation=(external_organisation or "").strip(),
            )
    except IntegrityError as exc:
        raise _error("user", _("Deze gebruiker staat al op de deelnemerslijst."), "duplicate") from exc


def find_subject(reference: str):
    """A casus or melding by its reference (C-... / M-...)."""
    reference = (reference or "").strip().upper()
    casus = Casus.objects.filter(reference__iexact=reference).first()
    if casus:
        return casus, None
    return None, Melding.objects.filter(reference__iexact=reference).first()


@transaction.atomic
def add_agenda_item(meeting, *, reference, by, context: AuditContext | None = None) -> AgendaItem:
    """Only what the host may see goes on the agenda: a casus or melding of their own work."""
    _check_manage(by, meeting)
    casus, melding = find_subject(reference)
    basis = None
    if casus is not None:
        basis = casus_access_basis(by, casus, include_break_glass=False)
    elif melding is not None:
        basis = melding_access_basis(by, melding, include_break_glass=False)
    if basis is None:
        # Same message for "does not exist" and "not yours": existence is sensitive.
        raise _error("reference", _("Geen casus of melding met dit kenmerk gevonden die u mag agenderen."), "not_found")
    if meeting.items.filter(casus=casus, melding=melding).exists():
        raise _error("reference", _("Dit onderwerp staat al op de agenda."), "duplicate")
    order = (meeting.items.aggregate(m=Max("order"))["m"] or 0) + 1
    item = AgendaItem.objects.create(meeting=meeting, casus=casus, melding=melding, order=order)
    _subject_log(context, by, A.CREATE, item, f"geagendeerd in overleg {meeting.pk}", basis)
    return item


def item_casus(item: AgendaItem) -> Casus | None:
    """The casus an agenda item is about (directly, or through its melding), or None."""
    if item.casus_id:
        return item.casus
    melding = item.melding
    return melding.casus if melding is not None and melding.casus_id else None


def item_person(item: AgendaItem) -> Any:
    casus = item_casus(item)
    if casus is not None:
        return casus.person
    return item.melding.person if item.melding is not None else None


def item_task(item: AgendaItem) -> str:
    """The task the item is shared under: its casus' (issue 16); a melding without casus: toeleiding."""
    return grondslagen.casus_task(item_casus(item))


@transaction.atomic
def share_item(
    item: AgendaItem,
    *,
    organisation: Any,
    ground: str,
    legal_ground: str,
    override: bool = False,
    override_reason: str = "",
    by: Any,
    context: AuditContext | None = None,
) -> AgendaShare:
    """Share an agenda item with a partner organisation on a ground that fits the item's
    task, respecting the person's objection and consent (issue 16; an override needs a
    reason, is on the access-log row and waits for the teamleider's review)."""
    _check_manage(by, item.meeting)
    if not ground:
        raise _error("ground", _("Kies de grondslag voor het delen."), "required")
    legal_ground = (legal_ground or "").strip()
    if not legal_ground:
        raise _error("legal_ground", _("Vul de grondslag in voor het delen van dit agendapunt."), "required")
    if organisation.pk == item.meeting.organisation_id:
        raise _error("organisation", _("De eigen organisatie ziet dit agendapunt al."), "own")
    if AgendaShare.objects.filter(item=item, organisation=organisation).exists():
        raise _error("organisation", _("Dit agendapunt is al gedeeld met deze organisatie."), "duplicate")
    check = grondslagen.check_sharing(
        item_person(item),
        organisation,
        task=item_task(item),
        ground=ground,
        override=override,
        override_reason=override_reason,
        organisation_field="organisation",
        ground_field="ground",
    )
    share, created = AgendaShare.objects.get_or_create(
        item=item,
        organisation=organisation,
        defaults={"ground": ground, "legal_ground": legal_ground, "shared_by": by},
    )
    if not created:
        raise _error("organisation", _("Dit agendapunt is al gedeeld met deze organisatie."), "duplicate")
    reason = " | ".join(r for r in (check.log_reason(), f"{share.get_ground_display()}: {legal_ground}") if r)
    _subject_log(context, by, A.UPDATE, item, f"agendapunt gedeeld met {organisation}", reason)
    grondslagen.record_override(
        check,
        person=item_person(item),
        casus=item_casus(item),
        organisation=organisation,
        via="agendapunt",
        reference=f"agendapunt {item.pk}",
        ground=ground,
        by=by,
    )
    return share


@transaction.atomic
def record_item(item, *, notes, decision, expected_version, by, context: AuditContext | None = None) -> AgendaItem:
    _check_manage(by, item.meeting)
    item.notes, item.decision = (notes or "").strip(), (decision or "").strip()
    item.save_versioned(expected_version, ["notes", "decision"])
    _subject_log(context, by, A.UPDATE, item, "bespreking en besluit vastgelegd", policies.BASIS_HOST)
    return item


@transaction.atomic
def add_action(
    item, *, description, due_date, by, owner_user=None, owner_organisation=None, context: AuditContext | None = None
) -> ActionItem:
    _check_manage(by, item.meeting)
    description = (description or "").strip()
    if not description:
        raise _error("description", _("Beschrijf de actie."), "required")
    if (owner_user is None) == (owner_organisation is None):
        raise ValidationError(_("Kies als eigenaar een persoon óf een organisatie."), code="owner")
    if due_date is None:
        raise _error("due_date", _("Vul in wanneer de actie uiterlijk klaar moet zijn."), "required")
    action = ActionItem.objects.create(
        item=item,
        description=description,
        due_date=due_date,
        owner_user=owner_user,
        owner_organisation=owner_organisation,
    )
    _subject_log(context, by, A.CREATE, item, f"actiepunt {action.pk} toegevoegd", policies.BASIS_HOST)
    return action


@transaction.atomic
def complete_action(action, *, by, context: AuditContext | None = None) -> ActionItem:
    if action.done:
        raise ValidationError(_("Dit actiepunt is al gedaan."), code="done")
    if not policies.can_complete_action(by, action):
        raise PermissionDenied
    updated = ActionItem.objects.filter(pk=action.pk, done=False).update(done=True, done_at=timezone.now(), done_by=by)
    if not updated:
        raise ValidationError(_("Dit actiepunt is al gedaan."), code="done")
    action.refresh_from_db()
    _subject_log(context, by, A.UPDATE, action.item, f"actiepunt {action.pk} gedaan", "eigenaar actiepunt")
    return action


def close_meeting(meeting, *, by, expected_version) -> Meeting:
    _check_manage(by, meeting)
    meeting.status = Meeting.Status.AFGEROND
    meeting.save_versioned(expected_version, ["status"])
    return meeting


def agenda_for(user, meeting, *, context: AuditContext | None = None):
    """The agenda as this user may see it; one logged read per visible item."""
    rows = []
    items = meeting.items.select_related("casus__person", "melding__person").prefetch_related(
        "shares__organisation", "actions"
    )
    for item in items:
        basis = policies.item_access_basis(user, item)
        item.visible = basis is not None
        item.basis = basis
        if item.visible:
            _subject_log(context, user, A.READ, item, f"agendapunt in overleg {meeting.pk}", basis)
        rows.append(item)
    return rows
