"""The user's own notifications. No personal data in them, so no access log."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from . import services
from .models import Notification

PER_PAGE = 25


@login_required
def notification_list(request):
    qs = Notification.objects.filter(user=request.user)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("pagina"))
    return render(request, "notifications/list.html", {"page": page, "unread": services.unread_count(request.user)})


@login_required
@require_POST
def mark_read(request):
    services.mark_all_read(request.user)
    return redirect("notifications:list")
