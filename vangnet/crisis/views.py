"""The pages of the crisis card and crisis episodes, under the casus: the card with
its history, changing the card, a new episode, and adding what came back. Thin:
guarded fetch, form, service."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vangnet.access import guards
from vangnet.accounts import roles
from vangnet.audit.services import AuditContext
from vangnet.core.views import FORM_PAGE_STATUS, form_post

from . import policies as crisis_policies
from . import services
from .forms import CrisisCardForm, EpisodeForm, FeedbackForm


class _CardVersion:
    """What ``form_post`` reads again after an edit conflict when the worker started
    without a card (someone else made one meanwhile): its version now."""

    def __init__(self, person_id: int) -> None:
        self.person_id = person_id
        self.version = 0

    def refresh_from_db(self) -> None:
        self.version = services.card_version(self.person_id)


@guards.role_required(*roles.STAFF)
@require_http_methods(["GET"])
def card(request: HttpRequest, casus_pk: int) -> HttpResponse:
    casus, basis = guards.fetch(
        request, "casus", casus_pk, allow=crisis_policies.can_view_crisis, detail="crisiskaart bekeken"
    )
    current = services.current_card(casus.person)
    return render(
        request,
        "crisis/card.html",
        {
            "casus": casus,
            "basis": basis,
            "card": current,
            "history": services.card_history(current) if current else [],
            "episodes": services.episodes(casus),
            "can_edit": crisis_policies.can_edit_crisis(request.user, casus) and casus.is_open,
        },
    )


@guards.role_required(*roles.CARE_TEAM)
@require_http_methods(["GET", "POST"])
def card_edit(request: HttpRequest, casus_pk: int) -> HttpResponse:
    casus, _basis = guards.fetch(
        request,
        "casus",
        casus_pk,
        allow=crisis_policies.can_edit_crisis,
        allow_break_glass=False,
        detail="crisiskaart bewerken",
    )
    current = services.current_card(casus.person)
    form = CrisisCardForm(request.POST if request.method == "POST" else None, card=current)

    def page(form: CrisisCardForm) -> HttpResponse:
        return render(request, "crisis/card_form.html", {"casus": casus, "form": form, "card": current})

    record: Any = current if current is not None else _CardVersion(casus.person_id)
    return form_post(
        request,
        form,
        lambda d: services.save_card(
            casus,
            expected_version=d["version"],
            values=d,
            by=request.user,
            context=AuditContext.from_request(request),
        ),
        success=(_("De crisiskaart is opgeslagen."), reverse("cases:detail", args=[casus.pk])),
        render_invalid=page,
        record=record,
        invalid_status=FORM_PAGE_STATUS,
    )


@guards.role_required(*roles.CARE_TEAM)
@require_http_methods(["GET", "POST"])
def episode_add(request: HttpRequest, casus_pk: int) -> HttpResponse:
    casus, _basis = guards.fetch(
        request,
        "casus",
        casus_pk,
        allow=crisis_policies.can_edit_crisis,
        allow_break_glass=False,
        detail="crisisepisode vastleggen",
    )
    form = EpisodeForm(request.POST if request.method == "POST" else None)

    def page(form: EpisodeForm) -> HttpResponse:
        return render(request, "crisis/episode_form.html", {"casus": casus, "form": form})

    return form_post(
        request,
        form,
        lambda d: services.record_episode(
            casus,
            kind=d["kind"],
            at=d["at"],
            what_happened=d["what_happened"],
            feedback=d["feedback"],
            by=request.user,
            context=AuditContext.from_request(request),
        ),
        success=(_("De crisisepisode is vastgelegd."), reverse("cases:detail", args=[casus.pk]) + "#tijdlijn"),
        render_invalid=page,
        invalid_status=FORM_PAGE_STATUS,
    )


@guards.role_required(*roles.CARE_TEAM)
@require_http_methods(["GET", "POST"])
def episode_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    episode, _basis = guards.fetch(
        request,
        "crisisepisode",
        pk,
        allow=crisis_policies.can_add_feedback,
        allow_break_glass=False,
        detail="terugkoppeling crisisepisode",
    )
    casus = episode.casus
    form = FeedbackForm(
        request.POST if request.method == "POST" else None,
        initial={"feedback": episode.feedback, "version": episode.version},
    )

    def page(form: FeedbackForm) -> HttpResponse:
        return render(request, "crisis/feedback_form.html", {"casus": casus, "form": form, "episode": episode})

    return form_post(
        request,
        form,
        lambda d: services.add_feedback(
            episode,
            expected_version=d["version"],
            feedback=d["feedback"],
            by=request.user,
            context=AuditContext.from_request(request),
        ),
        success=(_("De terugkoppeling is vastgelegd."), reverse("cases:detail", args=[casus.pk]) + "#tijdlijn"),
        render_invalid=page,
        record=episode,
        invalid_status=FORM_PAGE_STATUS,
    )
