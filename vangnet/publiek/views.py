"""The public melding form: a few steps, kept in the session (never in the URL),
then one post that stores the melding through the meldpunt's intake.

Public on purpose: no login. Every post is rate limited per client address and per
session (django-ratelimit on the shared database cache); nothing the resident typed is
lost on an error, on going back or when a limit is hit."""

import secrets
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.core import is_ratelimited  # type: ignore[import-untyped]

from vangnet.audit.middleware import client_ip
from vangnet.audit.services import AuditContext
from vangnet.intake.services import AlreadySubmitted

from . import forms, services

SESSION_KEY = "publiek_melding"  # {"token": nonce, "steps": {step: {field: [values]}}}
DONE_KEY = "publiek_verstuurd"  # {"token", "reference", "code", "danger"} of the melding just sent
URL_NAMES = {"zorg": "publiek:zorg", "persoon": "publiek:persoon", "over-u": "publiek:melder"}
FORM_PAGE_STATUS = 200
INVALID_STATUS = 400
TOO_MANY_STATUS = 429
TOO_BIG_STATUS = 413


# --- abuse limits -------------------------------------------------------------------


def _ip_key(group: str, request: HttpRequest) -> str:
    return client_ip(request) or "onbekend"


def _session_key(group: str, request: HttpRequest) -> str:
    if not request.session.session_key:
        request.session.save()
    return request.session.session_key or "geen-sessie"


def _limited(request: HttpRequest, group: str, *, ip: str, session: str | None = None) -> bool:
    """Whether this post is one too many; every post counts, also a refused one."""
    limited = is_ratelimited(request, group=f"{group}:ip", key=_ip_key, rate=ip, method="POST", increment=True)
    if session is not None:
        limited = (
            is_ratelimited(
                request, group=f"{group}:sessie", key=_session_key, rate=session, method="POST", increment=True
            )
            or limited
        )
    return limited


def _rate(name: str) -> str:
    return settings.VANGNET_PUBLIEK_RATE_LIMITS[name]


def _too_big(request: HttpRequest) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > settings.VANGNET_PUBLIEK_MAX_POST_BYTES


def _refusal(request: HttpRequest, status: int) -> HttpResponse:
    return render(request, "publiek/refused.html", {"too_big": status == TOO_BIG_STATUS}, status=status)


# --- the steps in the session ---------------------------------------------------------


def _draft(request: HttpRequest) -> dict[str, Any]:
    draft = request.session.get(SESSION_KEY)
    if not isinstance(draft, dict) or not isinstance(draft.get("steps"), dict):
        draft = {"token": secrets.token_urlsafe(32), "steps": {}}
    return draft


def _keep(request: HttpRequest, step: str) -> None:
    """What was posted on this step, as typed (also when it is not valid)."""
    draft = _draft(request)
    draft["steps"][step] = {
        name: values[:20] for name, values in request.POST.lists() if name not in ("csrfmiddlewaretoken", "actie")
    }
    request.session[SESSION_KEY] = draft


def _stored(request: HttpRequest, step: str) -> dict[str, list[str]]:
    return _draft(request)["steps"].get(step) or {}


def _as_querydict(values: dict[str, list[str]]) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, items in values.items():
        data.setlist(name, list(items))
    return data


def _initial(form_class: type[forms.StepForm], values: dict[str, list[str]]) -> dict[str, Any]:
    form = form_class()
    initial: dict[str, Any] = {}
    for name, items in values.items():
        if name not in form.fields:
            continue
        multiple = isinstance(form.fields[name], forms.forms.MultipleChoiceField)
        initial[name] = list(items) if multiple else (items[0] if items else "")
    return initial


def _bound_steps(request: HttpRequest) -> list[forms.StepForm]:
    return [cls(_as_querydict(_stored(request, cls.step))) for cls in forms.STEPS]


def _step_context(current: str) -> dict[str, Any]:
    names = [cls.step for cls in forms.STEPS] + ["controleren"]
    return {"step_number": names.index(current) + 1, "step_count": len(names)}


# --- pages ----------------------------------------------------------------------------


@never_cache
@require_GET
def start(request: HttpRequest) -> HttpResponse:
    return render(request, "publiek/start.html")


def _step(request: HttpRequest, form_class: type[forms.StepForm]) -> HttpResponse:
    index = forms.STEPS.index(form_class)
    previous = URL_NAMES[forms.STEPS[index - 1].step] if index else "publiek:start"
    following = URL_NAMES[forms.STEPS[index + 1].step] if index + 1 < len(forms.STEPS) else "publiek:controleren"

    def page(form: forms.StepForm, status: int = FORM_PAGE_STATUS) -> HttpResponse:
        context = {"form": form, "previous": previous, "danger": _danger_told(request), **_step_context(form.step)}
        return render(request, "publiek/step.html", context, status=status)

    if request.method != "POST":
        return page(form_class(initial=_initial(form_class, _stored(request, form_class.step))))
    if _too_big(request):
        return _refusal(request, TOO_BIG_STATUS)
    _keep(request, form_class.step)
    if _limited(request, "publiek-stap", ip=_rate("stap_ip")):
        return _refusal(request, TOO_MANY_STATUS)
    if request.POST.get("actie") == "terug":
        return redirect(previous)
    form = form_class(request.POST)
    if not form.is_valid():
        return page(form)
    return redirect(following)


def _danger_told(request: HttpRequest) -> bool:
    """Whether the resident said there is danger now (then every page says: call 112)."""
    danger = _stored(request, forms.ZorgForm.step).get("danger") or [services.DANGER_NONE]
    return danger[0] in services.DANGER_SIGNAL


@never_cache
@require_http_methods(["GET", "POST"])
def zorg(request: HttpRequest) -> HttpResponse:
    return _step(request, forms.ZorgForm)


@never_cache
@require_http_methods(["GET", "POST"])
def persoon(request: HttpRequest) -> HttpResponse:
    return _step(request, forms.PersoonForm)


@never_cache
@require_http_methods(["GET", "POST"])
def melder(request: HttpRequest) -> HttpResponse:
    return _step(request, forms.MelderForm)


def _summary(steps: list[forms.StepForm]) -> list[dict[str, Any]]:
    """What the resident filled in, per step, as label and shown value."""
    out = []
    for form in steps:
        rows = []
        for name, field in form.fields.items():
            value = form.cleaned_data.get(name)
            if value in (None, "", [], False):
                continue
            if isinstance(field, forms.forms.ChoiceField):
                labels: dict[Any, Any] = dict(field.choices)  # type: ignore[arg-type]
                shown = (
                    ", ".join(str(labels.get(v, v)) for v in value) if isinstance(value, list) else labels.get(value)
                )
            elif value is True:
                shown = _("Ja")
            else:
                shown = value
            rows.append({"label": field.label, "value": shown})
        out.append({"title": form.title, "url": URL_NAMES[form.step], "rows": rows})
    return out


@never_cache
@require_http_methods(["GET", "POST"])
def controleren(request: HttpRequest) -> HttpResponse:
    done = request.session.get(DONE_KEY) or {}
    if request.method == "POST":
        if _too_big(request):
            return _refusal(request, TOO_BIG_STATUS)
        if done and done.get("token") == request.POST.get("token"):
            return redirect("publiek:verstuurd")  # the same form posted again: the one melding
        if _limited(request, "publiek-versturen", ip=_rate("versturen_ip"), session=_rate("versturen_sessie")):
            return _refusal(request, TOO_MANY_STATUS)
    steps = _bound_steps(request)
    for form in steps:
        if not form.is_valid():
            return redirect(URL_NAMES[form.step])
    draft = _draft(request)
    request.session[SESSION_KEY] = draft
    final = forms.VersturenForm(request.POST if request.method == "POST" else None, initial={"token": draft["token"]})

    def page(status: int = FORM_PAGE_STATUS, errors: list[str] | None = None) -> HttpResponse:
        context = {
            "summary": _summary(steps),
            "final": final,
            "errors": errors or [],
            "danger": _danger_told(request),
            **_step_context("controleren"),
        }
        return render(request, "publiek/controleren.html", context, status=status)

    if request.method != "POST":
        return page()
    if not final.is_valid() or final.cleaned_data["token"] != draft["token"]:
        return page(INVALID_STATUS, [_("Het formulier is verlopen. Controleer uw gegevens en verstuur opnieuw.")])
    if final.cleaned_data["website"]:
        return page(INVALID_STATUS, [_("Uw melding kon niet worden verstuurd. Bel het meldpunt: 0800-1205.")])
    zorg_form, persoon_form, melder_form = steps
    data = forms.to_public_melding(zorg_form.cleaned_data, persoon_form.cleaned_data, melder_form.cleaned_data)
    try:
        receipt = services.submit_public_melding(
            data, submission_token=draft["token"], context=AuditContext.from_request(request)
        )
    except AlreadySubmitted:
        return redirect("publiek:verstuurd")
    except ValidationError as error:
        return page(INVALID_STATUS, [str(m) for m in error.messages])
    request.session[DONE_KEY] = {
        "token": draft["token"],
        "reference": receipt.melding.reference,
        "code": services.format_code(receipt.code),
        "danger": data.danger in services.DANGER_SIGNAL,
        "feedback": data.wants_feedback,
    }
    request.session.pop(SESSION_KEY, None)
    return redirect("publiek:verstuurd")


@never_cache
@require_GET
def verstuurd(request: HttpRequest) -> HttpResponse:
    done = request.session.get(DONE_KEY)
    if not done:
        return redirect("publiek:start")
    return render(request, "publiek/verstuurd.html", {"done": done})


STATUS_TEXT: dict[str, Callable[[], str]] = {
    services.STATUS_RECEIVED: lambda: _("Ontvangen"),
    services.STATUS_IN_PROGRESS: lambda: _("In behandeling"),
    services.STATUS_DONE: lambda: _("Afgehandeld"),
}
STATUS_EXPLANATION: dict[str, Callable[[], str]] = {
    services.STATUS_RECEIVED: lambda: _("Het meldpunt heeft uw melding ontvangen en bekijkt deze zo snel mogelijk."),
    services.STATUS_IN_PROGRESS: lambda: _("Het meldpunt heeft uw melding bekeken. Er wordt iets mee gedaan."),
    services.STATUS_DONE: lambda: _("Het meldpunt heeft uw melding afgehandeld."),
}


@never_cache
@require_http_methods(["GET", "POST"])
def status(request: HttpRequest) -> HttpResponse:
    form = forms.StatusForm(request.POST if request.method == "POST" else None)
    result = None
    http_status = FORM_PAGE_STATUS
    if request.method == "POST":
        if _too_big(request):
            return _refusal(request, TOO_BIG_STATUS)
        if _limited(request, "publiek-status", ip=_rate("status_ip"), session=_rate("status_sessie")):
            return _refusal(request, TOO_MANY_STATUS)
        if form.is_valid():
            found = services.public_status(form.cleaned_data["reference"], form.cleaned_data["code"])
            if found is None:
                form.add_error(
                    None,
                    _(
                        "Wij vinden geen melding met dit kenmerk en deze statuscode. Kijk of u ze goed heeft overgenomen."
                    ),
                )
            else:
                result = {"text": STATUS_TEXT[found](), "explanation": STATUS_EXPLANATION[found]()}
    return render(request, "publiek/status.html", {"form": form, "result": result}, status=http_status)


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "publiek/privacy.html")
