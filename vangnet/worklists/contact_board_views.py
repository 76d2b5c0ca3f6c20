"""The contact-lapse board page (issue 15, part 3). Thin: the policy, the query
(``contact_board``), one read row per casus shown, render."""

from typing import cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from vangnet.access import guards, policies
from vangnet.accounts.models import User
from vangnet.audit.services import log_list_access

from . import contact_board
from . import policies as worklist_policies

BOARD_PER_PAGE = 50


@login_required
def contact_board_page(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    if not worklist_policies.can_view_contact_board(user):
        guards.log_role_refusal(request)
        raise PermissionDenied
    now = timezone.now()
    page = Paginator(contact_board.lapsed_order(user, now), BOARD_PER_PAGE).get_page(request.GET.get("pagina"))
    rows = contact_board.board_rows(user, list(page.object_list), now)
    detail = "contactbord: contact over tijd"
    members = [r.casus for r in rows if r.is_member]
    others = [r.casus for r in rows if not r.is_member]
    if members:
        log_list_access(request, casussen=members, detail=detail, reason=policies.BASIS_MEMBER)
    if others:
        log_list_access(request, casussen=others, detail=detail, reason=policies.BASIS_ORGANISATION)
    return render(request, "worklists/contact_board.html", {"rows": rows, "page": page})
