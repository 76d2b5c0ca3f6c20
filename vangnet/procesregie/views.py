"""Procesregie pages. Thin: fetch through the policies (not visible: 404;
visible but not yours to do: 403), call a service, render. Reads are logged."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from vangnet.access import guards
from vangnet.audit.models import AccessLog
from vangnet.audit.services import AuditContext, ListRead, ObjectType, log_list_access
from vangnet.core.concurrency import ConcurrentEditError
from vangnet.core.views import FORM_PAGE_STATUS, form_post

from . import policies, services
from .forms import ActionForm, CloseForm, CompleteActionForm, DecisionForm, EscalateForm
from .models import Escalation

A = AccessLog.Action


def _escalation(request, pk, detail, *, allow=None):
    return guards.fetch(request, "procesregie", pk, detail=detail, allow=allow)


def _detail_context(request, escalation, basis, **forms):
    can_direct = policies.can_direct(request.user, escalation)
    today = timezone.localdate()
    actions = list(escalation.actions.select_related("organisation", "done_by"))
    for action in actions:
        action.overdue = action.is_overdue(today)
        action.can_complete = policies.can_complete_action(request.user, action)
    return {
        "escalation": escalation,
        "casus": escalation.casus,
        "basis": basis,
        "decisions": escalation.decisions.select_related("recorded_by"),
        "actions": actions,
        "can_direct": can_direct,
        "decision_form": forms.get("decision_form") or (DecisionForm() if can_direct else None),
        "action_form": forms.get("action_form") or (ActionForm() if can_direct else None),
    }


@login_required
def home(request):
    """Mijn procesregie: overdue actions first, then my escalations as regisseur,
    then escalations of casussen I work on."""
    if not policies.can_view_procesregie(request.user):
        raise PermissionDenied
    user = request.user
    overdue = services.regisseur_overdue_actions(user)
    as_regisseur = list(
        Escalation.objects.filter(procesregisseur=user, status=Escalation.Status.OPEN).select_related("casus__person")
    )
    others = list(
        policies.visible_escalations(user)
        .exclude(procesregisseur=user)
        .select_related("casus__person", "procesregisseur")[:50]
    )
    casussen = {e.casus.pk: e.casus for e in as_regisseur + others} | {
        a.escalation.casus.pk: a.escalation.casus for a in overdue
    }
    if casussen:
        log_list_access(request, casussen=casussen.values(), detail="procesregie: overzicht", reason="procesregie")
    return render(
        request, "procesregie/home.html", {"overdue": overdue, "as_regisseur": as_regisseur, "others": others}
    )


@login_required
@require_http_methods(["GET", "POST"])
def escalate(request, casus_pk):
    casus, _basis = guards.fetch(
        request, "casus", casus_pk, detail="escaleren naar procesregie", allow=policies.can_escalate
    )
    current = services.open_escalation(casus)
    if current is not None:
        messages.info(request, _("Deze casus is al geëscaleerd naar procesregie."))
        return redirect("procesregie:detail", current.pk)
    regisseurs = policies.eligible_procesregisseurs(casus)
    form = EscalateForm(request.POST or None, regisseurs=regisseurs)
    return form_post(
        request,
        form,
        lambda d: services.escalate_casus(
            casus,
            description=d["description"],
            procesregisseur=d["procesregisseur"],
            by=request.user,
            context=AuditContext.from_request(request),
        ),
        success=lambda escalation: (
            _("De casus is geëscaleerd naar procesregie."),
            reverse("procesregie:detail", args=[escalation.pk]),
        ),
        render_invalid=lambda form: render(request, "procesregie/escalate.html", {"casus": casus, "form": form}),
        invalid_status=FORM_PAGE_STATUS,
    )


@login_required
def detail(request, pk):
    escalation, basis = _escalation(request, pk, "escalatie bekeken")
    return render(request, "procesregie/detail.html", _detail_context(request, escalation, basis))


def _direct_post(request, pk, form_class, form_key, call, success):
    """A regisseur's form on the escalation page; errors show on that page."""
    escalation, basis = _escalation(request, pk, "procesregie bijgewerkt", allow=policies.can_direct)
    return form_post(
        request,
        form_class(request.POST),
        lambda d: call(escalation, d),
        success=(success, reverse("procesregie:detail", args=[escalation.pk])),
        render_invalid=lambda form: render(
            request, "procesregie/detail.html", _detail_context(request, escalation, basis, **{form_key: form})
        ),
    )


@login_required
@require_POST
def decision_add(request, pk):
    return _direct_post(
        request,
        pk,
        DecisionForm,
        "decision_form",
        lambda e, d: services.record_decision(
            e,
            text=d["text"],
            decided_on=d["decided_on"],
            by=request.user,
            context=AuditContext.from_request(request),
        ),
        _("Het besluit is vastgelegd."),
    )


@login_required
@require_POST
def action_add(request, pk):
    return _direct_post(
        request,
        pk,
        ActionForm,
        "action_form",
        lambda e, d: services.assign_action(
            e,
            organisation=d["organisation"],
            description=d["description"],
            due_date=d["due_date"],
            by=request.user,
            context=AuditContext.from_request(request),
        ),
        _("De actie is toegewezen."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def close(request, pk):
    escalation, basis = _escalation(request, pk, "escalatie afronden", allow=policies.can_direct)
    form = CloseForm(request.POST or None, initial={"version": escalation.version})

    def page(form):
        return render(
            request, "procesregie/close.html", {"escalation": escalation, "casus": escalation.casus, "form": form}
        )

    return form_post(
        request,
        form,
        lambda d: services.close_escalation(
            escalation,
            note=d["note"],
            by=request.user,
            expected_version=d["version"],
            context=AuditContext.from_request(request),
        ),
        success=(_("De escalatie is afgerond."), reverse("procesregie:detail", args=[escalation.pk])),
        render_invalid=page,
        record=escalation,
        invalid_status=FORM_PAGE_STATUS,
    )


@login_required
def aan_zet(request):
    """Actions for the user's organisation: action text, due date and casus reference only."""
    if not policies.can_view_aan_zet(request.user):
        raise PermissionDenied
    open_actions, done_actions = services.actions_aan_zet(request.user)
    today = timezone.localdate()
    for action in open_actions:
        action.overdue = action.is_overdue(today)
        action.form = CompleteActionForm(initial={"version": action.version}, prefix=f"a{action.pk}")
    shown = open_actions + done_actions
    if shown:  # one read row per action shown (each with its own detail), in one insert
        log_list_access(
            request,
            records=[
                ListRead(
                    ObjectType.PROCESREGIE_ACTIE,
                    policies.BASIS_AAN_ZET,
                    casus=action.escalation.casus,
                    detail=f"actie {action.pk} aan zet",
                )
                for action in shown
            ],
        )
    return render(request, "procesregie/aan_zet.html", {"open_actions": open_actions, "done_actions": done_actions})


@login_required
@require_POST
def action_done(request, pk):
    user = request.user
    # Not the regisseur and not the organisation aan zet: 404; otherwise can_act_on (403).
    action, _basis = guards.fetch(
        request, "procesregie-actie", pk, action=A.UPDATE, detail="actie afronden", allow=policies.can_act_on
    )
    if not policies.can_complete_action(user, action):
        messages.info(request, _("Deze actie is al afgerond."))
        return redirect(_after_done(user, action))
    form = CompleteActionForm(request.POST, prefix=f"a{action.pk}")
    if not form.is_valid():
        messages.error(request, _("De toelichting is te lang of het formulier is onvolledig; probeer het opnieuw."))
        return redirect(_after_done(user, action))
    try:
        services.complete_action(
            action,
            note=form.cleaned_data["note"],
            by=user,
            expected_version=form.cleaned_data["version"],
            context=AuditContext.from_request(request),
        )
    except ConcurrentEditError as exc:
        messages.error(request, exc.message)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("De actie is als gedaan gemarkeerd."))
    return redirect(_after_done(user, action))


def _after_done(user, action):
    if action.escalation.procesregisseur_id == user.pk:
        return reverse("procesregie:detail", args=[action.escalation_id])
    return reverse("procesregie:aan_zet")


@login_required
def figures(request):
    if not policies.can_view_figures(request.user):
        raise PermissionDenied
    return render(request, "procesregie/figures.html", {"figures": services.figures(request.user.organisation)})
