"""The person page and the person's access log; the registry's merge, split and duplicate
review; the beheer page of the matcher's trained model."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.tasks import TaskResultStatus
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vangnet.access import guards, policies
from vangnet.accounts import roles
from vangnet.accounts.models import Role, User
from vangnet.audit.paging import Subjects, subject_log_page
from vangnet.audit.services import Action, AuditContext, ObjectType, flush_batch, log_access, log_list_access
from vangnet.core.views import FORM_PAGE_STATUS, form_post

from . import match_model_display, services
from . import policies as person_policies
from .forms import ChooseOtherForm, DismissForm, MergeForm, SplitForm
from .matching import trained
from .matching.store_models import MatchModelSource
from .models import DuplicateCandidate, Person
from .tasks import train_match_model

ROLE_LABELS = dict(Role.choices)
# Weekly training: a year of earlier versions.
EARLIER_VERSIONS_SHOWN = 52


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    # one query: the merged-away redirect, and which of the page's parts are empty
    flags = services.page_flags(pk)
    if flags.get("merged_into"):
        return redirect("persons:detail", flags["merged_into"])
    person, basis = guards.get_person(request, pk, detail=services.PERSON_DETAIL)
    melding_rows, casus_rows = services.related_records(request.user, person)
    _log_related_records(request, melding_rows, casus_rows)
    break_glass_until = None
    if basis == policies.BASIS_BREAK_GLASS:
        until = policies.break_glass_until(request.user, person.pk)
        break_glass_until = timezone.localtime(until) if until else None
    access_log_basis = policies.person_access_log_basis(request.user, person)
    return render(
        request,
        "persons/detail.html",
        {
            "person": person,
            "basis": basis,
            "person_basis": basis,  # by this name only from here: the consent block takes it as asked
            "masked_bsn": services.mask_bsn(person.bsn),
            "bsn_last": person.bsn[-3:] if person.bsn else "",
            "melding_rows": melding_rows,
            "casus_rows": casus_rows,
            "break_glass_until": break_glass_until,
            "can_view_access_log": access_log_basis is not None,
            # the same EXISTS as "does the organisation hold records of the person" (the
            # requests section asks it for a teamleider): asked once for both
            "org_holds_records": access_log_basis == policies.BASIS_REVIEW,
            "can_manage_registry": person_policies.can_manage_registry(request.user, basis),
            "aliases": list(person.aliases.all()) if flags.get("has_aliases", True) else [],
            "addresses": list(person.addresses.all()) if flags.get("has_addresses", True) else [],
            "person_flags": flags,
        },
    )


def _log_related_records(request: HttpRequest, melding_rows: list, casus_rows: list) -> None:
    """A list of references is a read of each; one group per basis so break-glass rows are flagged."""
    for basis, objs in services.related_records_by_basis(melding_rows, casus_rows).items():
        log_list_access(
            request,
            meldingen=objs["meldingen"],
            casussen=objs["casussen"],
            detail=services.PERSON_DETAIL,
            reason=basis or "",
            break_glass=basis == policies.BASIS_BREAK_GLASS,
        )


@guards.role_required(Role.TEAMLEIDER)
def access_log(request: HttpRequest, pk: int) -> HttpResponse:
    person, _basis = guards.fetch(
        request,
        "persoon",
        pk,
        policy=policies.person_access_log_basis,
        object_type=ObjectType.TOEGANGSLOG,
        detail="toegangslog van persoon bekeken",
    )
    flush_batch(request, keep_open=True)  # this very view is the top row of the log it shows
    # The subjects of services.access_log_for_person (the person and the records merged
    # into it, its meldingen and casussen), keyset-paged: page 100 costs what page 1 does.
    subjects = Subjects(
        person_ids=[person.pk, *services.merged_person_ids(person)],
        melding_ids=person.meldingen.values_list("pk", flat=True),
        casus_ids=person.casussen.values_list("pk", flat=True),
    )
    page = subject_log_page(
        subjects, voor=request.GET.get("voor"), na=request.GET.get("na"), oudste="oudste" in request.GET
    )
    for row in page:
        row.role_label = ROLE_LABELS.get(row.role, row.role)
    return render(request, "persons/access_log.html", {"person": person, "page": page})


# --- registry: merge, split, duplicate review --------------------------------------


@guards.role_required(*roles.ORGANISATION_WIDE)
def merge(request: HttpRequest, pk: int) -> HttpResponse:
    # Noodtoegang is for looking, not for changing the registry (403).
    keep, basis = guards.fetch(
        request,
        "persoon",
        pk,
        detail="samenvoegen: te behouden persoon",
        queryset=Person.objects.filter(is_active=True),
        allow_break_glass=False,
    )
    other_pk = request.POST.get("ander") or request.GET.get("ander")
    if not other_pk:
        choose = ChooseOtherForm(request.GET or None)
        choose.is_valid()  # "ander" is missing: shows the Dutch "fill in" error when something was sent
        return render(request, "persons/merge_choose.html", {"keep": keep, "form": choose})
    try:
        other_id = int(other_pk)
    except (TypeError, ValueError):
        choose = ChooseOtherForm({"ander": other_pk})
        choose.is_valid()
        return render(request, "persons/merge_choose.html", {"keep": keep, "form": choose})
    if other_id == keep.pk:
        choose = ChooseOtherForm({"ander": other_id})
        choose.is_valid()
        choose.add_error("ander", _("Kies een andere persoon dan de persoon die u behoudt."))
        return render(request, "persons/merge_choose.html", {"keep": keep, "form": choose})
    remove, basis = guards.fetch(
        request,
        "persoon",
        other_id,
        detail="samenvoegen: op te heffen persoon",
        queryset=Person.objects.filter(is_active=True),
        allow_break_glass=False,
    )
    form = MergeForm(
        request.POST if request.method == "POST" else None,
        initial={"keep_version": keep.version, "remove_version": remove.version},
    )

    def page(form: MergeForm) -> HttpResponse:
        rows = []
        for label, attr in COMPARE_FIELDS:
            a, b = getattr(keep, attr, ""), getattr(remove, attr, "")
            a, b = (a() if callable(a) else a), (b() if callable(b) else b)
            rows.append({"label": label, "keep": a, "remove": b, "differs": (a or "") != (b or "")})
        return render(
            request,
            "persons/merge.html",
            {
                "keep": keep,
                "remove": remove,
                "form": form,
                "rows": rows,
                "keep_counts": _counts(request.user, keep),
                "remove_counts": _counts(request.user, remove),
                "bsn_conflict": bool(keep.bsn and remove.bsn and keep.bsn != remove.bsn),
                "keep_bsn": services.mask_bsn(keep.bsn),
                "remove_bsn": services.mask_bsn(remove.bsn),
            },
        )

    # Two versions (both persons): on a conflict only the message, no record to move the form to.
    return form_post(
        request,
        form,
        lambda d: services.merge_persons(
            keep,
            remove,
            by=request.user,
            reason=d["reason"],
            keep_version=d["keep_version"],
            remove_version=d["remove_version"],
            context=AuditContext.from_request(request),
        ),
        success=(_("De personen zijn samengevoegd."), reverse("persons:detail", args=[keep.pk])),
        render_invalid=page,
        invalid_status=FORM_PAGE_STATUS,
    )


COMPARE_FIELDS = (
    (_("Voornamen"), "given_names"),
    (_("Roepnaam"), "roepnaam"),
    (_("Tussenvoegsel"), "tussenvoegsel"),
    (_("Achternaam"), "surname"),
    (_("Partnernaam"), "partner_name"),
    (_("Geslacht"), "get_sex_display"),
    (_("Geboortedatum"), "dob_text"),
    (_("Adres"), "address_line"),
    (_("Verblijfplaats"), "place_description"),
    (_("Telefoon"), "phone"),
)


def _counts(user: User | AnonymousUser, person: Person) -> dict[str, int]:
    return {
        "meldingen": policies.visible_meldingen(user, person.meldingen.all()).count(),
        "casussen": policies.visible_casussen(user, person.casussen.all()).count(),
        "meldingen_total": person.meldingen.count(),
        "casussen_total": person.casussen.count(),
    }


@guards.role_required(*roles.ORGANISATION_WIDE)
def split(request: HttpRequest, pk: int) -> HttpResponse:
    person, basis = guards.fetch(
        request,
        "persoon",
        pk,
        detail="splitsen",
        queryset=Person.objects.filter(is_active=True),
        allow_break_glass=False,
    )
    meldingen_qs = (
        policies.visible_meldingen(request.user, person.meldingen.all())
        .select_related("casus")
        .order_by("-received_at")
    )
    casussen_qs = (
        policies.visible_casussen(request.user, person.casussen.all())
        .select_related("organisation")
        .order_by("-opened_at")
    )
    form = SplitForm(
        request.POST if request.method == "POST" else None,
        initial={"version": person.version},
        meldingen_qs=meldingen_qs,
        casussen_qs=casussen_qs,
    )
    return form_post(
        request,
        form,
        lambda d: services.split_person(
            person,
            meldingen=d["meldingen"],
            casussen=d["casussen"],
            new_identity=form.identity(),
            by=request.user,
            reason=d["reason"],
            expected_version=d["version"],
            context=AuditContext.from_request(request),
        ),
        success=lambda result: (
            _("De persoon is gesplitst. Dit is de nieuwe persoon."),
            reverse("persons:detail", args=[result[0].pk]),
        ),
        render_invalid=lambda form: render(request, "persons/split.html", {"person": person, "form": form}),
        record=person,
        invalid_status=FORM_PAGE_STATUS,
    )


@guards.role_required(Role.TEAMLEIDER)
def duplicates(request: HttpRequest) -> HttpResponse:
    qs = services.open_duplicates(request.user)
    page = Paginator(qs, 25).get_page(request.GET.get("pagina"))
    shown = []
    for cand in page:
        shown += [cand.person_a, cand.person_b]
    if shown:
        log_list_access(request, persons=shown, detail="mogelijke dubbele personen", reason=policies.BASIS_REVIEW)
    return render(request, "persons/duplicates.html", {"page": page})


@guards.role_required(Role.TEAMLEIDER)
def duplicate_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    cand, _basis = guards.fetch(request, "dubbele persoon", pk, detail="mogelijke dubbele personen: beoordelen")
    # The proposal has no version: a conflict (someone decided first) only says so.
    return form_post(
        request,
        DismissForm(request.POST if request.method == "POST" else None),
        lambda d: services.dismiss_duplicate(
            cand, by=request.user, reason=d["reason"], context=AuditContext.from_request(request)
        ),
        success=(_("Het voorstel is afgewezen: dit zijn twee verschillende personen."), reverse("persons:duplicates")),
        render_invalid=lambda form: _dismiss_page(request, cand, form),
        invalid_status=FORM_PAGE_STATUS,
    )


def _dismiss_page(request: HttpRequest, cand: DuplicateCandidate, form: DismissForm) -> HttpResponse:
    log_list_access(
        request,
        persons=[cand.person_a, cand.person_b],
        detail="mogelijke dubbele personen: beoordelen",
        reason=policies.BASIS_REVIEW,
    )
    return render(request, "persons/duplicate_dismiss.html", {"cand": cand, "form": form})


# --- the matcher's trained model (issue 14): functioneel beheer, no personal data ----------


@guards.role_required(*roles.MATCH_MODEL_MANAGERS)
def match_model(request: HttpRequest) -> HttpResponse:
    active = trained.active_version()
    too_small = trained.registry_too_small()
    return render(
        request,
        "persons/match_model.html",
        {
            "active": match_model_display.version_row(active) if active else None,
            "model": match_model_display.describe_params(active.params) if active else None,
            "earlier": [
                match_model_display.version_row(v) for v in trained.earlier_versions()[:EARLIER_VERSIONS_SHOWN]
            ],
            "earlier_count": trained.earlier_versions().count(),
            "shown_count": EARLIER_VERSIONS_SHOWN,
            "too_small": None if too_small is None else trained.too_small_message(too_small),
        },
    )


@guards.role_required(*roles.MATCH_MODEL_MANAGERS)
@require_POST
def match_model_train(request: HttpRequest) -> HttpResponse:
    log_access(
        request,
        Action.EXECUTE,
        object_type=ObjectType.ZOEKMODEL,
        detail="zoekmodel personen: opnieuw trainen gevraagd",
    )
    # Said before queuing: in the worker the refusal would reach nobody.
    too_small = trained.registry_too_small()
    if too_small is not None:
        messages.error(request, trained.too_small_message(too_small))
        return redirect("persons:match_model")
    result = train_match_model.enqueue(source=MatchModelSource.HANDMATIG, acting_user_id=request.user.pk)
    if result.status == TaskResultStatus.SUCCESSFUL:
        # A backend that runs the task at once (development, tests).
        messages.success(
            request,
            _("Het zoekmodel is opnieuw getraind; versie %(version)s is nu actief.") % {"version": result.return_value},
        )
    elif result.status == TaskResultStatus.FAILED:
        messages.error(request, _("Het opnieuw trainen is mislukt. De vorige versie blijft actief."))
    else:
        messages.success(
            request,
            _(
                "Het opnieuw trainen is gestart. Dit duurt enkele minuten; daarna staat de nieuwe versie "
                "op deze pagina en wordt die meteen gebruikt."
            ),
        )
    return redirect("persons:match_model")
