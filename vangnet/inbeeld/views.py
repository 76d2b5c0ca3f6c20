"""The "in beeld?" page for authorised network partners (others: 403)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from vangnet.audit.services import AuditContext
from vangnet.core.forms import add_service_errors

from . import policies, services
from .forms import InBeeldForm


@login_required
@require_http_methods(["GET", "POST"])
def ask(request):
    if not policies.can_ask_in_beeld(request.user):
        raise PermissionDenied
    answer = None
    form = InBeeldForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            answer = services.ask_in_beeld(
                by=request.user,
                context=AuditContext.from_request(request),
                purpose=data["purpose"],
                purpose_text=data["purpose_text"],
                bsn=data["bsn"],
                surname=data["surname"],
                given_names=data["given_names"],
                dob=data["date_of_birth"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            # The answer is shown on this page (no redirect: it is not kept anywhere to show later);
            # a fresh, empty form: the answer must not sit next to the typed identity.
            form = InBeeldForm()
    return render(
        request,
        "inbeeld/ask.html",
        {
            "form": form,
            "answer": answer,
            "remaining": services.remaining_today(request.user),
            "limit": services.DAILY_LIMIT,
        },
    )
