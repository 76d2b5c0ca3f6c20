"""Network pages: sociale kaart, referrals (worker and partner side), vinger aan
de pols, status messages to melders and the figures.

Access: referrals follow ``policies.referral_access_basis`` (refused: 404);
acting on something visible but not yours answers 403. Every read and write of
personal data is written to the access log; the sharing choice of a referral
is logged with the legal ground as the reason."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from vangnet.access import guards
from vangnet.access.policies import can_work_on_casus
from vangnet.accounts import roles
from vangnet.accounts.models import Role
from vangnet.audit.models import AccessLog
from vangnet.audit.services import AuditContext, ListRead, ObjectType, log_access, log_list_access
from vangnet.core import csv_export
from vangnet.core.concurrency import ConcurrentEditError
from vangnet.core.forms import add_service_errors, keep_input_after_conflict

from . import policies, services
from .forms import (
    ContactFormSet,
    DecisionForm,
    FollowUpForm,
    InCareForm,
    IntakeForm,
    PartnerAnswerForm,
    ReferralForm,
    ServiceFilterForm,
    ServiceForm,
    StatusMessageForm,
    WithdrawForm,
)
from .models import Service

Action = AccessLog.Action
PAGE_SIZE = 50


def _posted(request):
    """The POST data, also when empty (an empty POST must show the form's errors)."""
    return request.POST if request.method == "POST" else None


# --- sociale kaart -----------------------------------------------------------


any_role = guards.role_required(*roles.ALL)


@any_role
def service_list(request):
    form = ServiceFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    services_qs = services.search_services(type=data.get("type", ""), q=data.get("q", ""))
    page = Paginator(services_qs, PAGE_SIZE).get_page(request.GET.get("pagina"))
    context = {
        "form": form,
        "page": page,
        "services": page.object_list,
        "can_add": policies.can_add_service(request.user),
        "query": request.GET.urlencode(),
    }
    return render(request, "network/service_list.html", context)


def _service(pk) -> Service:
    service = Service.objects.select_related("organisation", "updated_by").filter(pk=pk).first()
    if service is None:
        raise Http404
    return service


@any_role
def service_detail(request, pk):
    service = _service(pk)
    context = {"service": service, "can_edit": policies.can_edit_service(request.user, service)}
    return render(request, "network/service_detail.html", context)


@guards.role_required(*roles.SOCIALE_KAART_EDITORS)
@require_http_methods(["GET", "POST"])
def service_edit(request, pk=None):
    user = request.user
    service = _service(pk) if pk else Service(organisation=user.organisation if user.role == Role.PARTNER else None)
    if pk and not policies.can_edit_service(user, service):
        raise PermissionDenied
    organisations = policies.service_organisations(user)
    post = request.POST if request.method == "POST" else None
    form = ServiceForm(post, instance=service, organisations=organisations)
    contacts = ContactFormSet(post, instance=service, prefix="contact")
    conflict = False
    if post is not None and form.is_valid() and contacts.is_valid():
        try:
            with transaction.atomic():
                obj = form.save(commit=False)
                services.touch_service(obj, by=user)
                if obj.pk:
                    fields = [f for f in form.Meta.fields] + ["updated_at", "updated_by"]
                    obj.save_versioned(form.cleaned_data.get("version") or obj.version, fields)
                else:
                    obj.save()
                contacts.instance = obj
                contacts.save()
        except ConcurrentEditError as exc:
            conflict = True
            keep_input_after_conflict(form, Service.objects.get(pk=service.pk).version, str(exc))
        else:
            messages.success(request, _("De voorziening is opgeslagen."))
            return redirect("network:service_detail", pk=obj.pk)
    context = {"form": form, "contacts": contacts, "service": service if pk else None, "conflict": conflict}
    return render(request, "network/service_form.html", context)


# --- referrals: the worker ---------------------------------------------------


def _casus_for_work(request, pk, detail):
    return guards.fetch(request, "casus", pk, allow=can_work_on_casus, detail=detail)


@guards.role_required(*roles.STAFF)
@require_http_methods(["GET", "POST"])
def referral_create(request, casus_pk):
    casus, _basis = _casus_for_work(request, casus_pk, "verwijzen")
    form = ReferralForm(_posted(request), initial={"service": request.GET.get("voorziening")}, casus=casus)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral = services.propose_referral(
                casus,
                data["service"],
                by=request.user,
                **{
                    k: data[k]
                    for k in (
                        "shared_parts",
                        "legal_ground",
                        "legal_ground_text",
                        "situation",
                        "help_question",
                        "risks",
                        "override",
                        "override_reason",
                    )
                },
                context=AuditContext.from_request(request),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("De verwijzing is voorgesteld aan %(org)s.") % {"org": referral.service.organisation}
            )
            return redirect("network:referral_detail", pk=referral.pk)
    return render(request, "network/referral_form.html", {"casus": casus, "form": form})


def _referral(request, pk, detail, *, action=Action.READ, allow=None):
    return guards.fetch(request, "verwijzing", pk, action=action, detail=detail, allow=allow)


def _worker_context(request, referral, **forms):
    can_manage = policies.can_manage_referral(request.user, referral)
    context = {
        "referral": referral,
        "casus": referral.casus,
        "person": referral.casus.person,
        "can_manage": can_manage,
        "follow_ups": referral.follow_ups.all(),
        "follow_up_label": services.follow_up_label,
    }
    if can_manage:
        v = {"version": referral.version}
        context["intake_form"] = forms.get("intake_form") or IntakeForm(
            initial={**v, "intake_on": referral.intake_date}
        )
        context["in_care_form"] = forms.get("in_care_form") or InCareForm(
            initial={**v, "in_care_on": timezone.localdate()}
        )
        context["withdraw_form"] = forms.get("withdraw_form") or WithdrawForm(initial=v)
    return context


@guards.role_required(*roles.STAFF)
def referral_detail(request, pk):
    referral, _basis = _referral(request, pk, "verwijzing bekeken")
    return render(request, "network/referral_detail.html", _worker_context(request, referral))


def _referral_step(request, pk, form_class, form_key, step, success, log_detail):
    """POST of one worker step (intake, in zorg, intrekken): 404/403 first, then the
    service, which writes the update row."""
    referral, _basis = _referral(request, pk, log_detail, allow=policies.can_manage_referral)
    form = form_class(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        try:
            step(
                referral, by=request.user, expected_version=version, context=AuditContext.from_request(request), **data
            )
        except ConcurrentEditError as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            if getattr(exc, "code", None) == "illegal_transition":
                # The referral moved on (another tab, a partner's answer): show its state now.
                messages.error(request, exc.messages[0])
                return redirect("network:referral_detail", pk=referral.pk)
            add_service_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect("network:referral_detail", pk=referral.pk)
    referral.refresh_from_db()
    return render(
        request, "network/referral_detail.html", _worker_context(request, referral, **{form_key: form}), status=200
    )


@guards.role_required(*roles.STAFF)
@require_POST
def referral_intake(request, pk):
    def step(referral, *, by, expected_version, context, intake_on, warm):
        services.record_intake(
            referral, by=by, on=intake_on, warm=warm, expected_version=expected_version, context=context
        )

    return _referral_step(
        request, pk, IntakeForm, "intake_form", step, _("De intake is vastgelegd."), "intake vastgelegd"
    )


@guards.role_required(*roles.STAFF)
@require_POST
def referral_in_care(request, pk):
    def step(referral, *, by, expected_version, context, in_care_on):
        services.record_in_care(referral, by=by, on=in_care_on, expected_version=expected_version, context=context)

    return _referral_step(
        request,
        pk,
        InCareForm,
        "in_care_form",
        step,
        _("In zorg vastgelegd. De casus staat nu in nazorg; de vinger-aan-de-polsmomenten zijn gepland."),
        "in zorg vastgelegd",
    )


@guards.role_required(*roles.STAFF)
@require_POST
def referral_withdraw(request, pk):
    def step(referral, *, by, expected_version, context, withdrawal_reason):
        services.withdraw_referral(
            referral, by=by, reason=withdrawal_reason, expected_version=expected_version, context=context
        )

    return _referral_step(
        request, pk, WithdrawForm, "withdraw_form", step, _("De verwijzing is ingetrokken."), "verwijzing ingetrokken"
    )


# --- referrals: the partner --------------------------------------------------


@guards.role_required(Role.PARTNER)
def partner_inbox(request):
    # casus__person: the log row's subject (it is not shown), in the same query rather than one per row.
    qs = (
        policies.partner_referrals(request.user)
        .select_related("service", "casus__person")
        .order_by("-proposed_at", "-pk")
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("pagina"))
    if page.object_list:  # one read row per referral shown, in one insert
        log_list_access(
            request,
            records=[
                ListRead(ObjectType.VERWIJZING, policies.BASIS_RECEIVING_PARTNER, casus=referral.casus)
                for referral in page.object_list
            ],
            detail="verwijzingen (netwerkpartner)",
        )
    return render(request, "network/partner_inbox.html", {"page": page, "referrals": page.object_list})


@guards.role_required(Role.PARTNER)
@require_http_methods(["GET", "POST"])
def partner_referral(request, pk):
    referral, _basis = _referral(
        request,
        pk,
        "verwijzing bekeken (netwerkpartner)",
        # A POST answers the referral: only while it is still open (answered already: 403).
        allow=lambda user, r: request.method != "POST" or policies.can_answer_referral(user, r),
    )
    form = None
    if policies.can_answer_referral(request.user, referral):
        form = PartnerAnswerForm(_posted(request), initial={"version": referral.version})
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                if data["answer"] == PartnerAnswerForm.ACCEPT:
                    services.accept_referral(
                        referral,
                        by=request.user,
                        intake_date=data["intake_date"],
                        expected_version=data["version"],
                        context=AuditContext.from_request(request),
                    )
                    done = _("U hebt de verwijzing geaccepteerd.")
                else:
                    services.refuse_referral(
                        referral,
                        by=request.user,
                        reason=data["refusal_reason"],
                        text=data["refusal_text"],
                        expected_version=data["version"],
                        context=AuditContext.from_request(request),
                    )
                    done = _("U hebt de verwijzing geweigerd. De bemoeizorger ziet uw reden.")
            except ConcurrentEditError as exc:
                form.add_error(None, str(exc))
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, done)
                return redirect("network:partner_referral", pk=referral.pk)
    context = {"referral": referral, "person": referral.casus.person, "form": form}
    return render(request, "network/partner_referral.html", context)


# --- vinger aan de pols --------------------------------------------------------


def _follow_up(request, pk, detail):
    return guards.fetch(
        request,
        "vinger aan de pols",
        pk,
        detail=detail,
        allow=lambda user, fu: can_work_on_casus(user, fu.referral.casus),
    )


@guards.role_required(*roles.STAFF)
@require_http_methods(["GET", "POST"])
def follow_up_answer(request, pk):
    follow_up, _basis = _follow_up(request, pk, "vinger aan de pols")
    if follow_up.is_answered:
        if follow_up.needs_decision:
            return redirect("network:follow_up_decide", pk=follow_up.pk)
        messages.info(request, _("Deze vinger aan de pols is al beantwoord."))
        return redirect("network:referral_detail", pk=follow_up.referral_id)
    form = FollowUpForm(_posted(request), initial={"checked_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            follow_up = services.answer_follow_up(
                follow_up, by=request.user, context=AuditContext.from_request(request), **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if follow_up.needs_decision:
                messages.warning(request, _("Niet meer in zorg: besluit nu wat er met de casus gebeurt."))
                return redirect("network:follow_up_decide", pk=follow_up.pk)
            messages.success(request, _("Het antwoord is vastgelegd."))
            return redirect("cases:detail", pk=follow_up.referral.casus_id)
    context = {"follow_up": follow_up, "form": form, "label": services.follow_up_label(follow_up.key)}
    return render(request, "network/follow_up_form.html", context)


@guards.role_required(*roles.STAFF)
@require_http_methods(["GET", "POST"])
def follow_up_decide(request, pk):
    follow_up, _basis = _follow_up(request, pk, "besluit na vinger aan de pols")
    if not follow_up.needs_decision:
        raise Http404
    form = DecisionForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.decide_after_no(
                follow_up, by=request.user, context=AuditContext.from_request(request), **form.cleaned_data
            )
        except ConcurrentEditError as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het besluit is vastgelegd."))
            return redirect("cases:detail", pk=follow_up.referral.casus_id)
    context = {"follow_up": follow_up, "form": form, "label": services.follow_up_label(follow_up.key)}
    return render(request, "network/follow_up_decide.html", context)


# --- status messages to melders ------------------------------------------------


@guards.role_required(*roles.MELDER_CONTACTS)
@require_http_methods(["GET", "POST"])
def status_message(request, pk):
    melding, _basis = guards.fetch(
        request,
        "melding",
        pk,
        policy=policies.status_message_basis,
        detail="statusbericht melder",
        queryset=services.meldingen_for_status_message(),
    )
    route = services.feedback_route(melding)
    form = StatusMessageForm(_posted(request))
    if request.method == "POST" and route.channel and form.is_valid():
        try:
            sent = services.send_status_message(
                melding, by=request.user, context=AuditContext.from_request(request), **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if sent.channel == sent.Channel.EMAIL:
                # The e-mail goes through the queue: its delivery status is shown on this page.
                messages.success(
                    request, _("Het statusbericht is verstuurd. Of de e-mail is afgeleverd, ziet u hieronder.")
                )
            else:
                messages.success(request, _("Het statusbericht is verstuurd."))
            return redirect("network:status_message", pk=melding.pk)
    previews = [
        (key, label, services.compose_status_message(melding, key)) for key, label in form.fields["template"].choices
    ]
    context = {
        "melding": melding,
        "route": route,
        "form": form,
        "previews": previews,
        "sent": melding.status_messages.select_related("sent_by"),
        "back_url": _back_url(request.user, melding),
    }
    return render(request, "network/status_message.html", context)


def _back_url(user, melding):
    from django.urls import reverse

    if melding.casus_id and guards.policies.casus_access_basis(user, melding.casus):
        return reverse("cases:detail", args=[melding.casus_id])
    return reverse("intake:detail", args=[melding.pk])


# --- figures -------------------------------------------------------------------


def _figures(request):
    if not policies.can_view_figures(request.user):
        raise PermissionDenied
    return services.figures(request.user.organisation)


@guards.role_required(Role.TEAMLEIDER)
def figures(request):
    return render(
        request, "network/figures.html", {"figs": _figures(request), "organisation": request.user.organisation}
    )


@guards.role_required(Role.TEAMLEIDER)
def figures_csv(request):
    figs = _figures(request)
    log_access(
        request, Action.EXECUTE, object_type=ObjectType.CIJFERS, detail="export cijfers netwerk (CSV, geaggregeerd)"
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="vangnet-netwerk-cijfers.csv"'
    writer = csv_export.writer(response, delimiter=";")
    for row in services.figures_csv_rows(figs):
        writer.writerow(row)
    return response
