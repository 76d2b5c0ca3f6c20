"""The person page and the person's access log."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from vangnet.access import guards, policies
from vangnet.accounts.models import Role
from vangnet.audit.models import AccessLog
from vangnet.audit.services import log_access

from . import services
from .models import Person

ROLE_LABELS = dict(Role.choices)


@login_required
def detail(request, pk):
    person, basis = guards.get_person(request, pk, detail=services.PERSON_DETAIL)
    melding_rows, casus_rows = services.related_records(request.user, person)
    services.log_related_records(request, melding_rows, casus_rows)
    break_glass_until = None
    if basis == policies.BASIS_BREAK_GLASS:
        until = policies.break_glass_until(request.user, person.pk)
        break_glass_until = timezone.localtime(until) if until else None
    return render(
        request,
        "persons/detail.html",
        {
            "person": person,
            "basis": basis,
            "masked_bsn": services.mask_bsn(person.bsn),
            "bsn_last": person.bsn[-3:] if person.bsn else "",
            "melding_rows": melding_rows,
            "casus_rows": casus_rows,
            "break_glass_until": break_glass_until,
            "can_view_access_log": policies.can_view_person_access_log(request.user, person),
        },
    )


@guards.role_required(Role.TEAMLEIDER)
def access_log(request, pk):
    person = Person.objects.filter(pk=pk).first()
    if person is None:
        raise Http404
    basis = policies.person_access_log_basis(request.user, person)
    if basis is None:
        raise Http404
    log_access(
        request,
        AccessLog.Action.READ,
        person=person,
        object_type="toegangslog",
        detail="toegangslog van persoon bekeken",
        reason=basis,
    )
    page = Paginator(services.access_log_for_person(person), 50).get_page(request.GET.get("pagina"))
    for row in page:
        row.role_label = ROLE_LABELS.get(row.role, row.role)
    return render(request, "persons/access_log.html", {"person": person, "page": page})
