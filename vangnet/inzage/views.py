"""The pages of the inzage: start one for a person, review its free texts and release it,
download it. Thin: guarded fetch, form, service. A download is a read of the inzage whose
access-log row (the guard's) says "EXPORT" and the file."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from vangnet.access import guards
from vangnet.accounts.roles import Role
from vangnet.audit.services import Action, AuditContext
from vangnet.core.views import FORM_PAGE_STATUS, form_post

from . import export, services
from . import policies as inzage_policies
from .forms import ItemForm, ReleaseForm, StartForm
from .models import Decision, Inzage, InzageItem


@guards.role_required(Role.TEAMLEIDER)
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, person_pk: int) -> HttpResponse:
    person, _basis = guards.fetch(
        request,
        "persoon",
        person_pk,
        action=Action.EXECUTE if request.method == "POST" else Action.READ,
        policy=inzage_policies.inzage_basis,
        detail="inzage starten" if request.method == "POST" else "inzage voorbereiden",
    )
    form = StartForm(request.POST if request.method == "POST" else None)
    organisation = request.user.organisation  # type: ignore[union-attr]

    def page(form: StartForm) -> HttpResponse:
        return render(
            request,
            "inzage/start.html",
            {
                "person": person,
                "form": form,
                "inzagen": services.inzagen_of(person, organisation),
                "concept": services.open_concept(person, organisation),
            },
        )

    def said(started: services.Started) -> tuple[str, str]:
        text = (
            _("De inzage %(ref)s staat klaar als concept. Beoordeel de vrije teksten.")
            if started.created
            else _("Er staat al een concept-inzage %(ref)s klaar.")
        )
        return text % {"ref": started.inzage.reference}, reverse("inzage:review", args=[started.inzage.pk])

    return form_post(
        request,
        form,
        lambda _d: services.start_inzage(person, by=request.user, context=AuditContext.from_request(request)),
        success=said,
        render_invalid=page,
        invalid_status=FORM_PAGE_STATUS,
    )


def _review_page(
    request: HttpRequest,
    inzage: Inzage,
    *,
    bound: ItemForm | None = None,
    bound_item: int | None = None,
    release_form: ReleaseForm | None = None,
) -> HttpResponse:
    items = list(inzage.items.select_related("decided_by"))
    rows = []
    for item in items:
        if bound is not None and item.pk == bound_item:
            form = bound
        else:
            initial = {"version": item.version, "note": item.note, "reason": item.reason}
            if item.decision != Decision.OPEN:
                initial["decision"] = item.decision
            form = ItemForm(prefix=f"i{item.pk}", initial=initial)
        rows.append({"item": item, "form": form})
    open_items = sum(1 for i in items if i.decision == Decision.OPEN)
    return render(
        request,
        "inzage/review.html",
        {
            "inzage": inzage,
            "person": inzage.person,
            "rows": rows,
            "open_items": open_items,
            "shielded": sum(1 for i in items if i.decision == Decision.AFSCHERMEN),
            "release_form": release_form or ReleaseForm(initial={"version": inzage.version}, prefix="release"),
        },
    )


@guards.role_required(Role.TEAMLEIDER)
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    posting = request.method == "POST"
    inzage, _basis = guards.fetch(
        request,
        "inzage",
        pk,
        action=Action.UPDATE if posting else Action.READ,
        detail="vrije tekst beoordelen" if posting else "inzage beoordelen",
    )
    if not posting:
        return _review_page(request, inzage)
    raw = request.POST.get("item", "")
    item = inzage.items.filter(pk=int(raw)).first() if raw.isdigit() and len(raw) < 19 else None
    if item is None:
        # Not a text of this inzage: the page again, nothing saved.
        return _review_page(request, inzage)
    form = ItemForm(request.POST, prefix=f"i{item.pk}")

    def page(form: ItemForm) -> HttpResponse:
        return _review_page(request, inzage, bound=form, bound_item=item.pk)

    def decided(saved: InzageItem) -> tuple[str, str]:
        text = _("%(key)s: %(decision)s.") % {"key": saved.key, "decision": saved.get_decision_display()}
        return text, reverse("inzage:review", args=[inzage.pk]) + f"#tekst-{saved.pk}"

    return form_post(
        request,
        form,
        lambda d: services.decide_item(
            inzage,
            item_id=item.pk,
            decision=d["decision"],
            reason=d["reason"],
            note=d["note"],
            version=d["version"],
            by=request.user,
            context=AuditContext.from_request(request),
        ),
        success=decided,
        render_invalid=page,
        record=item,
        invalid_status=FORM_PAGE_STATUS,
    )


@guards.role_required(Role.TEAMLEIDER)
@require_POST
def release(request: HttpRequest, pk: int) -> HttpResponse:
    inzage, _basis = guards.fetch(request, "inzage", pk, action=Action.UPDATE, detail="inzage vrijgeven")
    form = ReleaseForm(request.POST, prefix="release")
    return form_post(
        request,
        form,
        lambda d: services.release_inzage(
            inzage, version=d["version"], by=request.user, context=AuditContext.from_request(request)
        ),
        success=(
            _("De inzage is vrijgegeven en kan worden gedownload."),
            reverse("inzage:review", args=[inzage.pk]),
        ),
        render_invalid=lambda form: _review_page(request, inzage, release_form=form),
        record=inzage,
    )


def _download(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    inzage, _basis = guards.fetch(
        request, "inzage", pk, allow=inzage_policies.can_download, detail=f"EXPORT: inzage ({kind.upper()})"
    )
    data = export.resolved(inzage)
    if kind == "pdf":
        response = HttpResponse(export.as_pdf(data), content_type="application/pdf")
    else:
        response = HttpResponse(export.as_json(data), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="inzage-{inzage.reference}.{kind}"'
    response["Cache-Control"] = "no-store"
    return response


@guards.role_required(Role.TEAMLEIDER)
@require_http_methods(["GET"])
def download_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _download(request, pk, "pdf")


@guards.role_required(Role.TEAMLEIDER)
@require_http_methods(["GET"])
def download_json(request: HttpRequest, pk: int) -> HttpResponse:
    return _download(request, pk, "json")
