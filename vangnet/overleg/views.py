"""Overleg pages. Meeting not visible: 404; visible but not the host: 403.
Each visible agenda item read is logged (services.agenda_for)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from vangnet.access import guards
from vangnet.audit.services import AuditContext
from vangnet.core.concurrency import ConcurrentEditError
from vangnet.core.views import FORM_PAGE_STATUS, form_post

from . import policies, services
from .forms import ActionItemForm, AgendaItemForm, AttendeeForm, CloseMeetingForm, MeetingForm, RecordForm, ShareForm
from .models import Meeting


def _meeting(request, pk, *, manage=False, detail="overleg bekeken"):
    meeting, _basis = guards.fetch(request, "overleg", pk, detail=detail, allow=policies.is_host if manage else None)
    return meeting


def _item(request, pk, detail):
    """An agenda item for its host: not in a visible meeting 404, not the host 403."""
    item, _basis = guards.fetch(
        request, "agendapunt", pk, detail=detail, allow=lambda user, i: policies.is_host(user, i.meeting)
    )
    return item


@login_required
def meeting_list(request):
    user = request.user
    if not policies._may_take_part(user):
        raise PermissionDenied
    meetings = policies.visible_meetings(user).select_related("organisation")
    return render(
        request,
        "overleg/list.html",
        {
            "planned": meetings.filter(status=Meeting.Status.GEPLAND).order_by("starts_at"),
            "done": meetings.filter(status=Meeting.Status.AFGEROND)[:25],
            "can_create": policies.can_create_meeting(user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request):
    if not policies.can_create_meeting(request.user):
        raise PermissionDenied
    form = MeetingForm(request.POST or None)

    def page(form):
        return render(request, "overleg/create.html", {"form": form})

    return form_post(
        request,
        form,
        lambda d: services.create_meeting(by=request.user, **d),
        success=lambda meeting: (
            _("Het overleg is aangemaakt. Voeg deelnemers en agendapunten toe."),
            reverse("overleg:detail", args=[meeting.pk]),
        ),
        render_invalid=page,
        invalid_status=FORM_PAGE_STATUS,
    )


@login_required
def meeting_detail(request, pk):
    meeting = _meeting(request, pk)
    user = request.user
    agenda = services.agenda_for(user, meeting, context=AuditContext.from_request(request))
    for item in agenda:
        for action in item.actions.all():
            action.can_complete = item.visible and policies.can_complete_action(user, action)
    return render(
        request,
        "overleg/detail.html",
        {
            "meeting": meeting,
            "agenda": agenda,
            "attendees": meeting.attendees.select_related("user__organisation"),
            "is_host": policies.is_host(user, meeting),
            "can_manage": policies.can_manage_meeting(user, meeting),
            "close_form": CloseMeetingForm(initial={"version": meeting.version}),
        },
    )


def _host_form(request, pk, form_class, template, call, success, **form_kwargs):
    meeting = _meeting(request, pk, manage=True)
    if not meeting.is_open:
        messages.error(request, _("Dit overleg is afgerond; het kan niet meer worden gewijzigd."))
        return redirect("overleg:detail", meeting.pk)
    form = form_class(request.POST or None)

    def page(form):
        return render(request, template, {"meeting": meeting, "form": form})

    return form_post(
        request,
        form,
        lambda d: call(meeting, d),
        success=(success, reverse("overleg:detail", args=[meeting.pk])),
        render_invalid=page,
        invalid_status=FORM_PAGE_STATUS,
    )


@login_required
@require_http_methods(["GET", "POST"])
def attendee_add(request, pk):
    return _host_form(
        request,
        pk,
        AttendeeForm,
        "overleg/attendee_form.html",
        lambda m, d: services.add_attendee(m, by=request.user, **d),
        _("De deelnemer is toegevoegd."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_add(request, pk):
    return _host_form(
        request,
        pk,
        AgendaItemForm,
        "overleg/item_add.html",
        lambda m, d: services.add_agenda_item(
            m, reference=d["reference"], by=request.user, context=AuditContext.from_request(request)
        ),
        _("Het agendapunt is toegevoegd."),
    )


@login_required
@require_POST
def meeting_close(request, pk):
    meeting = _meeting(request, pk, manage=True)
    form = CloseMeetingForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Het formulier is onvolledig; probeer het opnieuw."))
        services.close_meeting(meeting, by=request.user, expected_version=form.cleaned_data["version"])
    except ConcurrentEditError as exc:
        messages.error(request, exc.message)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Het overleg is afgerond."))
    return redirect("overleg:detail", meeting.pk)


def _item_context(item, **forms):
    return {
        "item": item,
        "meeting": item.meeting,
        "record_form": forms.get("record_form")
        or RecordForm(initial={"version": item.version, "notes": item.notes, "decision": item.decision}),
        "share_form": forms.get("share_form") or ShareForm(item=item),
        "share_person": services.item_person(item),  # whose consent and objection the share respects
        "action_form": forms.get("action_form") or ActionItemForm(meeting=item.meeting),
        "shares": item.shares.select_related("organisation"),
        "actions": item.actions.select_related("owner_user", "owner_organisation"),
    }


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request, pk):
    item = _item(request, pk, "agendapunt bewerken")

    def page(form):
        return render(request, "overleg/item_edit.html", _item_context(item, record_form=form))

    return form_post(
        request,
        RecordForm(request.POST) if request.method == "POST" else None,  # GET: the form with the saved text
        lambda d: services.record_item(
            item,
            notes=d["notes"],
            decision=d["decision"],
            expected_version=d["version"],
            by=request.user,
            context=AuditContext.from_request(request),
        ),
        success=(_("De bespreking is opgeslagen."), reverse("overleg:detail", args=[item.meeting_id])),
        render_invalid=page,
        record=item,
        invalid_status=FORM_PAGE_STATUS,
    )


def _form_kwargs(form_class: type, item: Any) -> dict[str, Any]:
    if form_class is ActionItemForm:
        return {"meeting": item.meeting}
    return {"item": item} if form_class is ShareForm else {}


def _item_post(request, pk, form_class, key, call, success):
    """A host's form on the agenda item page; errors show on that page."""
    item = _item(request, pk, "agendapunt bijwerken")
    return form_post(
        request,
        form_class(request.POST, **_form_kwargs(form_class, item)),
        lambda d: call(item, d),
        success=(success, reverse("overleg:item_edit", args=[item.pk])),
        render_invalid=lambda form: render(request, "overleg/item_edit.html", _item_context(item, **{key: form})),
    )


@login_required
@require_POST
def item_share(request, pk):
    return _item_post(
        request,
        pk,
        ShareForm,
        "share_form",
        lambda i, d: services.share_item(
            i,
            organisation=d["organisation"],
            ground=d["ground"],
            legal_ground=d["legal_ground"],
            override=d["override"],
            override_reason=d["override_reason"],
            by=request.user,
            context=AuditContext.from_request(request),
        ),
        _("Het agendapunt is gedeeld."),
    )


@login_required
@require_POST
def action_add(request, pk):
    return _item_post(
        request,
        pk,
        ActionItemForm,
        "action_form",
        lambda i, d: services.add_action(i, by=request.user, context=AuditContext.from_request(request), **d),
        _("Het actiepunt is toegevoegd."),
    )


@login_required
@require_POST
def action_done(request: HttpRequest, pk: int) -> HttpResponse:
    action, _basis = guards.fetch(
        request, "overleg-actiepunt", pk, detail="actiepunt gedaan", allow=policies.can_act_on
    )
    meeting = action.item.meeting
    try:
        services.complete_action(action, by=request.user, context=AuditContext.from_request(request))
    except ValidationError as exc:
        messages.info(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Het actiepunt is als gedaan gemarkeerd."))
    return redirect("overleg:detail", meeting.pk)
