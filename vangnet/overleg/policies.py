"""Who sees which meeting and which agenda item.

- Meeting: the host organisation's meldpunt and teamleider users (they run
  meetings) and every attendee with an account. Others: 404.
- Host actions (add attendees and items, share, record, close): meldpunt or
  teamleider of the host organisation, while the meeting is planned.
- Agenda item details: staff on their own basis (casus_access_basis /
  melding_access_basis, without break-the-glass), or, for any attendee, when
  the host shared the item with their organisation on a stated legal ground.
  Partners never get a basis from access.policies here (their own melding is
  status-only), only through an explicit share. Without a basis the item shows
  as "Agendapunt (niet zichtbaar voor u)".
"""

from django.db.models import Q

from vangnet.access.policies import casus_access_basis, is_active_worker, melding_access_basis
from vangnet.accounts import roles
from vangnet.accounts.models import Role

BASIS_HOST = "organisator overleg"
BASIS_ATTENDEE = "deelnemer overleg"
BASIS_SHARED = "gedeeld in overleg"


def _may_take_part(user) -> bool:
    # Those who may see client data: not functioneel beheer, not the policy officer.
    return is_active_worker(user) and user.role in roles.DATA_ACCESS


def is_host(user, meeting) -> bool:
    return (
        _may_take_part(user)
        and user.role in roles.ORGANISATION_WIDE
        and user.organisation_id == meeting.organisation_id
    )


def can_create_meeting(user) -> bool:
    return _may_take_part(user) and user.role in roles.ORGANISATION_WIDE


def meeting_access_basis(user, meeting) -> str | None:
    if not _may_take_part(user):
        return None
    if is_host(user, meeting):
        return BASIS_HOST
    if meeting.attendees.filter(user=user).exists():
        return BASIS_ATTENDEE
    return None


def visible_meetings(user, qs=None):
    from .models import Meeting

    qs = qs if qs is not None else Meeting.objects.all()
    if not _may_take_part(user):
        return qs.none()
    cond = Q(attendees__user=user)
    if user.role in roles.ORGANISATION_WIDE:
        cond |= Q(organisation_id=user.organisation_id)
    return qs.filter(pk__in=Meeting.objects.filter(cond).values("pk"))


def can_manage_meeting(user, meeting) -> bool:
    return meeting.is_open and is_host(user, meeting)


def item_access_basis(user, item) -> str | None:
    """Why this user may see the details of this agenda item (None: not at all)."""
    if not _may_take_part(user):
        return None
    if user.role != Role.PARTNER:
        if item.casus_id:
            basis = casus_access_basis(user, item.casus, include_break_glass=False)
        else:
            basis = melding_access_basis(user, item.melding, include_break_glass=False)
        if basis:
            return basis
    share = item.shares.filter(organisation_id=user.organisation_id).first()
    if share is not None:
        return f"{BASIS_SHARED}: {share.legal_ground}"
    return None


def can_act_on(user, action) -> bool:
    """The host, the owner, or a user of the owning organisation who may see the item
    (whatever the action's state: the view tells "already done" apart from "not yours")."""
    if not _may_take_part(user):
        return False
    if is_host(user, action.item.meeting) or action.owner_user_id == user.pk:
        return True
    return action.owner_organisation_id == user.organisation_id and item_access_basis(user, action.item) is not None


def can_complete_action(user, action) -> bool:
    return not action.done and can_act_on(user, action)
