"""The user's own notifications and her choice of channel per kind of event.
No personal data in them (a kind and a reference), so no access log."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from vangnet.core.forms import MAX_DB_INTEGER
from vangnet.core.views import FORM_PAGE_STATUS, form_post

from . import services
from .forms import PreferencesForm
from .models import Notification

PER_PAGE = 25
UNREAD_FILTER = "ongelezen"


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    """Unread first, then newest first; ``?filter=ongelezen`` shows the unread ones only."""
    only_unread = request.GET.get("filter") == UNREAD_FILTER
    user: Any = request.user  # login_required: a User
    qs = Notification.objects.filter(user=user)
    if only_unread:
        qs = qs.filter(read_at=None)
    qs = qs.annotate(is_read=ExpressionWrapper(Q(read_at__isnull=False), output_field=BooleanField())).order_by(
        "is_read", "-created_at", "-id"
    )
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "notifications/list.html",
        {"page": page, "unread": services.unread_count(request.user), "only_unread": only_unread},
    )


@login_required
@require_POST
def mark_read(request: HttpRequest) -> HttpResponse:
    services.mark_all_read(request.user)
    return redirect("notifications:list")


@login_required
@require_POST
def open_notification(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one of the user's own notifications read and go to its page. Someone
    else's (or no) notification is 404, the same answer, so nothing leaks; a link
    that is not a path on this site is not followed (no open redirect)."""
    notification = services.open_notification(request.user, pk) if pk <= MAX_DB_INTEGER else None
    if notification is None:
        raise Http404
    if services.is_local_path(notification.url):
        return redirect(notification.url)
    return redirect("notifications:list")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    """Only the user's own choices: there is no way to name another user."""
    form = PreferencesForm(
        request.POST if request.method == "POST" else None, initial_channels=services.preferences_for(request.user)
    )

    def page(form: PreferencesForm) -> HttpResponse:
        return render(request, "notifications/preferences.html", {"form": form})

    return form_post(
        request,
        form,
        lambda d: services.save_preferences(request.user, d, by=request.user),
        success=(_("Uw keuzes voor notificaties zijn opgeslagen."), reverse("notifications:preferences")),
        render_invalid=page,
        invalid_status=FORM_PAGE_STATUS,
    )
