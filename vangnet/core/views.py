"""A form page: one way for every app to show the form, validate it, call the
service and answer (the service-to-form contract of vangnet.core.forms)."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render

from .concurrency import ConcurrentEditError
from .forms import INVALID_POST_STATUS, add_service_errors, keep_input_after_conflict

# A page that shows its own form on GET and shows it again with the errors on POST
# has always answered 200 (browsers and the existing tests rely on it);
# INVALID_POST_STATUS is for a POST-only action whose form is shown on another page.
FORM_PAGE_STATUS = 200


def form_post(
    request,
    form,
    call: Callable,
    *,
    success,
    render_invalid: Callable,
    record=None,
    invalid_status: int = INVALID_POST_STATUS,
    message_level: int = messages.SUCCESS,
):
    """Validate ``form``, call the service ``call(form.cleaned_data)`` and answer.
    ``render_invalid(form)`` renders the page with the form: it is also what a
    GET gets (so a view may leave its own GET branch out).

    - the service's ValidationError goes on the form (``add_service_errors``);
    - an edit conflict (ConcurrentEditError) keeps what the user typed: ``record``
      (the versioned record the form edits) is read again and the form moves to
      its current version (``keep_input_after_conflict``); without ``record``
      (a form with more than one version) only the message is shown;
    - success: ``success`` is ``(message, url)`` or a function of the service's
      result giving it: the message is shown (at ``message_level``) and the user
      is redirected;
    - otherwise ``render_invalid(form)`` is answered with ``invalid_status``."""
    if request.method != "POST":
        _fill_in_kept_draft(request, form)
        return render_invalid(form)
    if form.is_valid():
        try:
            result = call(form.cleaned_data)
        except ConcurrentEditError as exc:
            message = exc.args[0] if exc.args else None
            if record is not None:
                record.refresh_from_db()
                keep_input_after_conflict(form, record.version, message)
            else:
                form.add_error(None, str(message or ConcurrentEditError.message))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            text, url = success(result) if callable(success) else success
            messages.add_message(request, message_level, text)
            return redirect(url)
    response = render_invalid(form)
    response.status_code = invalid_status
    return response


def _fill_in_kept_draft(request: HttpRequest, form: Any) -> None:
    """After re-login the form shows again what was typed when the session had
    expired (accounts.drafts, ADR 0009): server-side, so also without JavaScript,
    for a form page that posts to itself."""
    kept = getattr(request, "kept_draft", None)
    if not kept or kept.get("action") != request.path or form.is_bound:
        return
    data = QueryDict(mutable=True)
    for name, values in kept["fields"].items():
        data.setlist(name, values)
    form.data, form.is_bound = data, True


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """settings.CSRF_FAILURE_VIEW: a Dutch page in the normal layout instead of
    Django's English one; the technical reason only with DEBUG."""
    return render(request, "403_csrf.html", {"reason": reason if settings.DEBUG else ""}, status=403)
