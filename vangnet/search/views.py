"""The search page. The query travels in a POST body, never in the URL (ADR 0008):
a name or a BSN in a URL ends up in the access log's path, server logs and the
browser history."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from vangnet.access.guards import log_role_refusal
from vangnet.audit.services import log_list_access

from . import policies, services
from .forms import SearchForm


@login_required
@require_http_methods(["GET", "POST"])
def results(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not policies.can_search(user):
        log_role_refusal(request)
        raise PermissionDenied
    form = SearchForm(request.POST if request.method == "POST" else None)
    found = None
    if request.method == "POST" and form.is_valid():
        found = services.search_everything(user, form.cleaned_data["q"])
        if found.hits:
            log_list_access(request, records=services.reads_of(found), detail=services.log_detail(found.kind))
    template = "search/_results.html" if getattr(request, "htmx", False) else "search/results.html"
    return render(request, template, {"form": form, "results": found})
