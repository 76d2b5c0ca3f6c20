"""Which werkvoorraad a role sees on the home page.

- a network partner: the partner home (referrals to the organisation, procesregie
  actions aan zet, their own meldingen);
- the policy officer: the figures page (a link to the monitor);
- the privacy officer: the privacy page (retention, requests, register of processing);
- the functioneel beheerder, and any other role without client work: the beheer page;
- staff: their own casussen, follow-ups and Wvggz terms; the meldpunt and the
  teamleider also the organisation's overview (to triage, overdue meldingen and
  casussen).

These pick a page, they open no record: every list on it is filtered by the
app's own policies and fetched through the access guards."""

from vangnet.access.policies import is_active_worker
from vangnet.accounts import roles
from vangnet.accounts.models import User
from vangnet.accounts.roles import Role


def can_view_partner_home(user: User) -> bool:
    return user.role == Role.PARTNER


def can_view_figures_home(user: User) -> bool:
    return user.role == Role.BELEID


def can_view_privacy_home(user: User) -> bool:
    return user.role in roles.PRIVACY_OFFICERS


def can_view_beheer_home(user: User) -> bool:
    return user.role == Role.BEHEERDER or user.role not in roles.STAFF


def can_view_organisation_overview(user: User) -> bool:
    return user.role in roles.ORGANISATION_WIDE


def can_view_caseload(user: User) -> bool:
    """The teambelasting (caseload per worker) of one's own organisation: the teamleider only.
    The figures are counts; the click-through lists open casussen of her organisation,
    which she sees anyway (``visible_casussen``)."""
    return is_active_worker(user) and user.role == Role.TEAMLEIDER


def can_view_contact_board(user: User) -> bool:
    """The contact-lapse board (issue 15, part 3): the care team (bemoeizorgers, the
    teamleider, the consultant); each sees the casussen she works on
    (``worklists.contact_board``). Not the meldpunt, partners, beheer or beleid."""
    return is_active_worker(user) and user.role in roles.CARE_TEAM
