"""One table over every view: which role gets what.

Each app has detailed permission tests; this table is the safety net across
the whole project. It fails when a new URL is added without a row here, so no
view can ship without someone deciding who may use it.

Codes: 200 allowed; 403 wrong role; 404 not visible to this user (the existence
of a person or casus is itself sensitive); 302 redirected (login, or partner
home); 405 method not allowed.
"""

import pytest
from django.conf import settings
from django.db.models import F
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.bewaren.world import bewaren_world
from tests.cases.world import corrections_world
from tests.conftest import verified_client
from tests.crisis.world import crisis_world
from tests.factories import CasusFactory, MeldingFactory, OrganisationFactory, PersonFactory, UserFactory
from tests.grondslagen.world import grondslagen_world
from tests.inzage.world import inzage_world
from tests.leefgebieden.world import leefgebieden_world
from tests.middelen.world import middelen_world
from tests.naasten.world import naasten_world
from tests.network.world import network_world
from tests.notifications.world import notification_world
from tests.plannen.world import plannen_world
from tests.procesregie.world import regie_world
from tests.shared_db import built_once
from tests.verzoeken.world import verzoeken_world
from tests.wvggz.world import wvggz_world
from vangnet.access.models import BreakGlassGrant
from vangnet.accounts.models import Role
from vangnet.cases.models import CaseMember
from vangnet.persons.models import DuplicateCandidate

pytestmark = pytest.mark.django_db

ROLES = [
    "anon",
    "meldpunt",
    "regisseur",
    "duo",
    "teamleider",
    "consultant",
    "partner",
    "other_partner",
    "beheerder",
    "other_meldpunt",
    "other_bz",
    "other_teamleider",
    "beleid",
    "privacy",
]

# Roles without personal data whose column follows functioneel beheer unless a row names them.
NO_DATA_ROLES = ("beleid", "privacy")

STAFF_DESK = {"meldpunt", "teamleider", "other_meldpunt", "other_teamleider"}


def _policy_officer(expected, beheer_only=False):
    """The policy officer and the privacy officer (no personal data) get what functioneel beheer
    gets, except what only some roles (beheer among them) may do: a row names "beleid" or
    "privacy" where they may."""
    for role in NO_DATA_ROLES:
        expected.setdefault(role, 403 if beheer_only else expected["beheerder"])
    return expected


def row(default, **overrides):
    """Expected code per role: ``default`` for everyone not named."""
    expected = dict.fromkeys([r for r in ROLES if r not in NO_DATA_ROLES], default)
    expected["anon"] = 302
    expected.update(overrides)
    return _policy_officer(expected)


def only(roles, allowed=200, refused=403, **overrides):
    expected = {role: (allowed if role in roles else refused) for role in ROLES if role not in NO_DATA_ROLES}
    expected["anon"] = 302
    expected.update(overrides)
    for role in NO_DATA_ROLES:
        if role in roles:
            expected.setdefault(role, allowed)
    return _policy_officer(expected, beheer_only="beheerder" in roles)


# (url name, object key for the pk or None) -> expected GET status per role.
GET_MATRIX = {
    # issue 16 part 3, retention (vangnet/bewaren/policies.py): the report, its release and the
    # run log are the privacy officer's; holds also the teamleider's, on her organisation's records.
    ("bewaren:report", None): only({"privacy"}),
    ("bewaren:release", "retention_report"): only({"privacy"}),
    ("bewaren:runs", None): only({"privacy"}),
    ("bewaren:run_detail", "retention_run"): only({"privacy"}),
    ("bewaren:holds", None): only({"privacy", "teamleider", "other_teamleider"}),
    ("bewaren:hold_lift", "hold"): only({"privacy", "teamleider"}, other_teamleider=404),
    # worklists (issue 11 items 5, 6, 9): partners land on their own home page (no redirect);
    # the teambelasting and its click-through lists are the teamleider's, of her own organisation.
    # issue 18 part 1, the public melding form (vangnet/publiek): PUBLIC ON PURPOSE, no login, the
    # same page for every role and for anonymous residents; it shows no stored personal data (the
    # check and confirmation pages show only the visitor's own session: empty here, so back to a step).
    ("publiek:start", None): row(200, anon=200),
    ("publiek:zorg", None): row(200, anon=200),
    ("publiek:persoon", None): row(200, anon=200),
    ("publiek:melder", None): row(200, anon=200),
    ("publiek:controleren", None): row(302, anon=302),
    ("publiek:verstuurd", None): row(302, anon=302),
    ("publiek:status", None): row(200, anon=200),
    ("publiek:privacy", None): row(200, anon=200),
    ("worklists:home", None): row(200),
    ("worklists:caseload", None): only({"teamleider", "other_teamleider"}),
    ("worklists:caseload_cases", None): only({"teamleider", "other_teamleider"}),
    ("worklists:to_triage", None): only(STAFF_DESK),
    ("worklists:my_cases", None): only(
        {"meldpunt", "regisseur", "duo", "teamleider", "consultant", "other_meldpunt", "other_bz", "other_teamleider"}
    ),
    ("worklists:overdue", None): only(STAFF_DESK),
    # issue 15, part 3: the contact-lapse board is the care team's (each sees the casussen she works on).
    ("worklists:contact_board", None): only(
        {"regisseur", "duo", "teamleider", "consultant", "other_bz", "other_teamleider"}
    ),
    ("intake:create", None): only(STAFF_DESK),
    ("intake:detail", "casus_melding"): only(
        {"meldpunt", "regisseur", "duo", "teamleider"},
        refused=404,
        partner=403,
        other_partner=403,
        beheerder=403,
    ),
    # issue 12: correcting a melding is for its meldpunt and teamleider; the casus team reads it (403).
    ("intake:correct", "casus_melding"): only(
        {"meldpunt", "teamleider"},
        refused=404,
        regisseur=403,
        duo=403,
        partner=403,
        other_partner=403,
        beheerder=403,
    ),
    # issue 12: the print view, for whoever may see the melding page.
    ("intake:print", "casus_melding"): only(
        {"meldpunt", "regisseur", "duo", "teamleider"},
        refused=404,
        partner=403,
        other_partner=403,
        beheerder=403,
    ),
    ("intake:partner_create", None): only({"partner", "other_partner"}),
    ("intake:partner_list", None): only({"partner", "other_partner"}),
    ("intake:partner_detail", "partner_melding"): only({"partner"}, other_partner=404),
    ("intake:partner_submitted", "partner_melding"): only({"partner"}, other_partner=404),
    ("triage:melding", "untriaged"): only({"meldpunt", "teamleider"}, other_meldpunt=404, other_teamleider=404),
    ("cases:detail", "casus"): only({"meldpunt", "regisseur", "duo", "teamleider"}, refused=404),
    ("cases:print", "casus"): only({"meldpunt", "regisseur", "duo", "teamleider"}, refused=404),
    ("cases:attempt_add", "casus"): only({"regisseur", "duo", "teamleider"}, refused=404, meldpunt=403),
    ("cases:phase", "casus"): only({"regisseur", "duo", "teamleider"}, refused=404, meldpunt=403),
    ("cases:note_add", "casus"): only({"regisseur", "duo", "teamleider"}, refused=404, meldpunt=403),
    ("cases:members", "casus"): only({"regisseur", "teamleider"}, refused=404, meldpunt=403, duo=403),
    # issue 15, part 3: op- of afschalen, for the care team working on the casus; the meldpunt,
    # partners and beheer are refused by role (403); the consultant is not on this casus (404).
    ("cases:intensity", "casus"): only(
        {"regisseur", "duo", "teamleider"},
        refused=404,
        meldpunt=403,
        other_meldpunt=403,
        partner=403,
        other_partner=403,
        beheerder=403,
    ),
    # issue 12: correcting/voiding an attempt or note: who logged it (the duo here), the
    # casusregisseur and the teamleider; the meldpunt sees the casus but may not (403).
    ("cases:attempt_correct", "attempt"): only({"regisseur", "duo", "teamleider"}, refused=404, meldpunt=403),
    ("cases:attempt_void", "attempt"): only({"regisseur", "duo", "teamleider"}, refused=404, meldpunt=403),
    ("cases:note_correct", "note"): only({"regisseur", "duo", "teamleider"}, refused=404, meldpunt=403),
    ("cases:note_void", "note"): only({"regisseur", "duo", "teamleider"}, refused=404, meldpunt=403),
    ("persons:detail", "person"): only({"meldpunt", "regisseur", "duo", "teamleider"}, refused=404),
    ("persons:access_log", "person"): only({"teamleider"}, other_teamleider=404),
    ("persons:merge", "person"): only({"meldpunt", "teamleider"}, other_meldpunt=404, other_teamleider=404),
    ("persons:split", "person"): only({"meldpunt", "teamleider"}, other_meldpunt=404, other_teamleider=404),
    ("persons:duplicates", None): only({"teamleider", "other_teamleider"}),
    ("persons:duplicate_dismiss", "duplicate"): only({"teamleider"}, other_teamleider=404),
    # issue 14: the matcher's trained model (weights and counts, no personal data) is functioneel
    # beheer's; the teamleider and the policy officer too get 403. Retraining is POST_ONLY below.
    ("persons:match_model", None): only({"beheerder"}),
    ("access:break_glass", None): only({"meldpunt", "other_meldpunt"}),
    ("access:break_glass_review", None): only({"teamleider", "other_teamleider"}),
    # Reachable only after the user's own logged search; a bare URL is refused.
    ("access:break_glass_confirm", "person"): only(set(), meldpunt=404, other_meldpunt=404),
    ("api:meldingen", None): only({"partner", "other_partner"}, anon=403),
    # in-beeld / procesregie / overleg (tests/procesregie/world.py): "partner" holds the
    # in-beeld permission and its police organisation is aan zet and shared in the meeting.
    ("inbeeld:ask", None): only({"partner"}),
    ("procesregie:home", None): only(
        {"meldpunt", "regisseur", "duo", "teamleider", "consultant", "other_meldpunt", "other_bz", "other_teamleider"}
    ),
    ("procesregie:escalate", "casus"): only({"regisseur", "duo", "teamleider"}, refused=404, meldpunt=403),
    ("procesregie:detail", "escalation"): only({"regisseur", "duo", "teamleider"}, refused=404),
    ("procesregie:close", "escalation"): only({"teamleider"}, refused=404, regisseur=403, duo=403),
    ("procesregie:aan_zet", None): row(200, beheerder=403),
    ("procesregie:figures", None): only({"teamleider", "other_teamleider"}),
    ("overleg:list", None): row(200, beheerder=403),
    ("overleg:create", None): only(STAFF_DESK),
    ("overleg:detail", "meeting"): only({"meldpunt", "teamleider", "regisseur", "partner"}, refused=404),
    ("overleg:attendee_add", "meeting"): only({"meldpunt", "teamleider"}, refused=404, regisseur=403, partner=403),
    ("overleg:item_add", "meeting"): only({"meldpunt", "teamleider"}, refused=404, regisseur=403, partner=403),
    ("overleg:item_edit", "agenda_item"): only({"meldpunt", "teamleider"}, refused=404, regisseur=403, partner=403),
    # vangnet.network: the sociale kaart is not personal data; referrals follow the casus
    # (staff) or the receiving organisation (partner); see vangnet/network/policies.py.
    ("network:service_list", None): row(200),
    ("network:service_detail", "service"): row(200),
    ("network:service_create", None): only({"partner", "other_partner", "beheerder"}),
    ("network:service_edit", "service"): only({"partner", "other_partner", "beheerder"}),
    ("network:referral_create", "casus"): only(
        {"regisseur", "duo", "teamleider"}, refused=404, meldpunt=403, partner=403, other_partner=403, beheerder=403
    ),
    ("network:referral_detail", "referral"): only(
        {"meldpunt", "regisseur", "duo", "teamleider"}, refused=404, partner=403, other_partner=403, beheerder=403
    ),
    ("network:partner_inbox", None): only({"partner", "other_partner"}),
    ("network:partner_referral", "referral"): only({"partner", "other_partner"}),
    ("network:follow_up_answer", "follow_up"): only(
        {"regisseur", "duo", "teamleider"}, refused=404, meldpunt=403, partner=403, other_partner=403, beheerder=403
    ),
    ("network:follow_up_decide", "follow_up_no"): only(
        {"regisseur", "duo", "teamleider"}, refused=404, meldpunt=403, partner=403, other_partner=403, beheerder=403
    ),
    ("network:status_message", "casus_melding"): only(
        {"meldpunt", "regisseur", "duo", "teamleider"},
        refused=404,
        consultant=403,
        partner=403,
        other_partner=403,
        beheerder=403,
    ),
    ("network:figures", None): only({"teamleider", "other_teamleider"}),
    # issue 15, leefgebieden (vangnet/leefgebieden/policies.py): the care team of the casus sees
    # and records the life-domain pictures; the meldpunt sees the casus but not this (403); the
    # consultant is not on this casus (404); partners see a picture only through a referral.
    ("leefgebieden:overview", "casus"): only(
        {"regisseur", "duo", "teamleider"},
        refused=404,
        meldpunt=403,
        other_meldpunt=403,
        partner=403,
        other_partner=403,
        beheerder=403,
    ),
    ("leefgebieden:picture_add", "casus"): only(
        {"regisseur", "duo", "teamleider"},
        refused=404,
        meldpunt=403,
        other_meldpunt=403,
        partner=403,
        other_partner=403,
        beheerder=403,
    ),
    ("leefgebieden:picture_correct", "leefgebiedenbeeld"): only(
        {"regisseur", "duo", "teamleider"},
        refused=404,
        meldpunt=403,
        other_meldpunt=403,
        partner=403,
        other_partner=403,
        beheerder=403,
    ),
    # issue 16 parts 1-2, grondslagen (vangnet/grondslagen/policies.py): whoever works on the casus
    # changes its task and ground (the meldpunt sees the casus, may not: 403); the person's
    # consent is recorded by staff on the person's casus and the organisation's meldpunt and
    # teamleider; the teamleider reviews the overrides of her organisation's workers.
    ("grondslagen:casus_task", "casus"): only(
        {"regisseur", "duo", "teamleider"},
        refused=404,
        meldpunt=403,
        partner=403,
        other_partner=403,
        beheerder=403,
    ),
    ("grondslagen:consent_add", "person"): only(
        {"meldpunt", "regisseur", "duo", "teamleider"},
        refused=404,
        partner=403,
        other_partner=403,
        beheerder=403,
    ),
    ("grondslagen:override_review", None): only({"teamleider", "other_teamleider"}),
    # issue 15 part 6, middelen (vangnet/middelen/policies.py): the care team of the casus sees
    # the means and waiting lists (as the leefgebieden); the meldpunt sees the casus, not this.
    # the waiting-time figures: the teamleider, for her own organisation (counts only).
    ("middelen:figures", None): only({"teamleider", "other_teamleider"}),
    ("middelen:overview", "casus"): only(
        {"regisseur", "duo", "teamleider"},
        refused=404,
        meldpunt=403,
        other_meldpunt=403,
        partner=403,
        other_partner=403,
        beheerder=403,
    ),
    # issue 15 part 2, plan van aanpak (vangnet/plannen/policies.py): the care team of the casus
    # sees and edits the plan (as the leefgebieden); a partner organisation sees only the action
    # it carries out, on plannen:partner_actions (the staff who may see data get an empty list).
    ("plannen:plan", "casus"): only(
        {"regisseur", "duo", "teamleider"},
        refused=404,
        meldpunt=403,
        other_meldpunt=403,
        partner=403,
        other_partner=403,
        beheerder=403,
    ),
    ("plannen:goal_add", "casus"): only(
        {"regisseur", "duo", "teamleider"},
        refused=404,
        meldpunt=403,
        other_meldpunt=403,
        partner=403,
        other_partner=403,
        beheerder=403,
    ),
    ("plannen:goal_edit", "plan_doel"): only(
        {"regisseur", "duo", "teamleider"},
        refused=404,
        meldpunt=403,
        other_meldpunt=403,
        partner=403,
        other_partner=403,
        beheerder=403,
    ),
    ("plannen:action_add", "plan_doel"): only(
        {"regisseur", "duo", "teamleider"},
        refused=404,
        meldpunt=403,
        other_meldpunt=403,
        partner=403,
        other_partner=403,
        beheerder=403,
    ),
    ("plannen:action_edit", "plan_actie"): only(
        {"regisseur", "duo", "teamleider"},
        refused=404,
        meldpunt=403,
        other_meldpunt=403,
        partner=403,
        other_partner=403,
        beheerder=403,
    ),
    ("plannen:partner_actions", None): row(200, beheerder=403),
    # issue 15 part 5, naasten (vangnet/naasten/policies.py): the care team of a casus of the
    # person sees and edits the naasten (as the leefgebieden); the meldpunt and partners do not.
    ("naasten:overview", "casus"): only(
        {"regisseur", "duo", "teamleider"},
        refused=404,
        meldpunt=403,
        other_meldpunt=403,
        partner=403,
        other_partner=403,
        beheerder=403,
    ),
    ("naasten:contact_add", "casus"): only(
        {"regisseur", "duo", "teamleider"},
        refused=404,
        meldpunt=403,
        other_meldpunt=403,
        partner=403,
        other_partner=403,
        beheerder=403,
    ),
    ("naasten:naaste_edit", "naaste"): only(
        {"regisseur", "duo", "teamleider"},
        refused=404,
        meldpunt=403,
        other_meldpunt=403,
        partner=403,
        other_partner=403,
        beheerder=403,
    ),
    ("network:figures_csv", None): only({"teamleider", "other_teamleider"}),
    # issue 15 part 4, crisis (vangnet/crisis/policies.py): whoever sees the casus sees the crisis
    # card (the meldpunt too); the care team working on the casus changes it and records crises;
    # partners see the card only through a referral that shares it.
    ("crisis:card", "casus"): only(
        {"meldpunt", "regisseur", "duo", "teamleider"},
        refused=404,
        partner=403,
        other_partner=403,
        beheerder=403,
    ),
    ("crisis:card_edit", "casus"): only(
        {"regisseur", "duo", "teamleider"},
        refused=404,
        meldpunt=403,
        other_meldpunt=403,
        partner=403,
        other_partner=403,
        beheerder=403,
    ),
    ("crisis:episode_add", "casus"): only(
        {"regisseur", "duo", "teamleider"},
        refused=404,
        meldpunt=403,
        other_meldpunt=403,
        partner=403,
        other_partner=403,
        beheerder=403,
    ),
    ("crisis:episode_feedback", "crisisepisode"): only(
        {"regisseur", "duo", "teamleider"},
        refused=404,
        meldpunt=403,
        other_meldpunt=403,
        partner=403,
        other_partner=403,
        beheerder=403,
    ),
    # vangnet.monitor (see vangnet/monitor/policies.py): aggregate figures; exact for the teamleider,
    # small cells suppressed for functioneel beheer and the policy officer.
    # issue 16 part 6: the register of processing, for the privacy officer and functioneel beheer.
    ("verwerking:register", None): only({"beheerder", "privacy"}),
    ("verwerking:register_csv", None): only({"beheerder", "privacy"}),
    ("verwerking:register_xlsx", None): only({"beheerder", "privacy"}),
    ("monitor:home", None): only({"teamleider", "other_teamleider", "beheerder", "beleid"}),
    ("monitor:export_csv", None): only({"teamleider", "other_teamleider", "beheerder", "beleid"}),
    ("monitor:export_xlsx", None): only({"teamleider", "other_teamleider", "beheerder", "beleid"}),
    # vangnet.wvggz (see vangnet/wvggz/policies.py): "regisseur" is the lead onderzoeker and
    # "duo" an onderzoeker; the meldpunt sees the summary only; the consultant is not assigned.
    ("wvggz:overview", None): only(
        {"meldpunt", "regisseur", "duo", "teamleider", "consultant", "other_meldpunt", "other_bz", "other_teamleider"}
    ),
    ("wvggz:overleg", None): only(STAFF_DESK),
    ("wvggz:figures", None): only({"teamleider", "other_teamleider"}),
    ("wvggz:figures_csv", None): only({"teamleider", "other_teamleider"}),
    ("wvggz:detail", "wvggz_onderzoek"): only(
        {"meldpunt", "regisseur", "duo", "teamleider"}, refused=404, partner=403, other_partner=403, beheerder=403
    ),
    ("wvggz:assign", "wvggz_onderzoek"): only({"teamleider"}, other_teamleider=404),
    ("wvggz:questionnaire", "wvggz_onderzoek"): only(
        {"regisseur", "duo", "teamleider"}, consultant=404, other_bz=404, other_teamleider=404
    ),
    ("wvggz:decide", "wvggz_onderzoek"): only(
        {"regisseur", "duo", "teamleider"}, consultant=404, other_bz=404, other_teamleider=404
    ),
    ("wvggz:request_pdf", "wvggz_aanvraag"): only(
        {"regisseur", "duo", "teamleider"}, consultant=404, other_bz=404, other_teamleider=404
    ),
    ("wvggz:melder", "wvggz_aanvraag"): only(
        {"regisseur", "duo", "teamleider"}, consultant=404, other_bz=404, other_teamleider=404
    ),
    ("notifications:list", None): row(200),
    # vangnet.search (issue 11, search): the register search is for staff only; partners and
    # beheer have none (403 and a refusal row). What it finds is decided per record.
    ("search:results", None): only(
        {"meldpunt", "regisseur", "duo", "teamleider", "consultant", "other_meldpunt", "other_bz", "other_teamleider"}
    ),
    # notifications (issue 11 items 7-8, notify-delivery): one's own choices only (no other user's
    # can be named); opening a notification is POST_ONLY below.
    ("notifications:preferences", None): row(200),
    # One's own password (vangnet.accounts): every logged-in user, nobody else's.
    ("accounts:password_change", None): row(200),
    # lists (issue 11 item 4): all meldingen for the meldpunt and the teamleider; all casussen
    # for the care team (teamleider: the organisation's, bemoeizorger/consultant: her own);
    # the CSV export of each for the same roles. Any other role: 403 and a refusal row.
    # issue 16 part 5, verzoeken (vangnet/verzoeken/policies.py): the teamleider of an organisation
    # that holds the person's records registers and handles the betrokkene's requests; the meldpunt
    # and the casus team see the person but may not (403); the privacy officer sees the register
    # (references, no content), nobody else.
    ("verzoeken:list", None): only({"teamleider", "other_teamleider"}),
    ("verzoeken:register", None): only({"privacy"}),
    ("verzoeken:register_export", None): only({"privacy"}),
    ("verzoeken:register_request", "person"): only({"teamleider"}, refused=404, meldpunt=403, regisseur=403, duo=403),
    ("verzoeken:detail", "verzoek"): only({"teamleider"}, refused=404),
    ("verzoeken:extend", "verzoek"): only({"teamleider"}, refused=404),
    ("verzoeken:decide", "verzoek"): only({"teamleider"}, refused=404),
    ("verzoeken:lift", "verzoek"): only({"teamleider"}, refused=404),
    ("intake:list", None): only(STAFF_DESK),
    ("intake:list_export", None): only(STAFF_DESK),
    ("cases:list", None): only({"regisseur", "duo", "teamleider", "consultant", "other_bz", "other_teamleider"}),
    ("cases:list_export", None): only({"regisseur", "duo", "teamleider", "consultant", "other_bz", "other_teamleider"}),
    # issue 16 part 4, inzage (vangnet/inzage/policies.py): only the teamleider of an organisation
    # holding records of the person (GGD); the other organisation's teamleider does not see the
    # person or the inzage (404); every other role is refused by role (403). The world's inzage is
    # released, so it can be downloaded.
    ("inzage:start", "person"): only({"teamleider"}, other_teamleider=404),
    ("inzage:review", "inzage"): only({"teamleider"}, other_teamleider=404),
    ("inzage:pdf", "inzage"): only({"teamleider"}, other_teamleider=404),
    ("inzage:json", "inzage"): only({"teamleider"}, other_teamleider=404),
}

# Endpoints that only accept POST: wrong roles must still be refused on POST.
POST_ONLY = {
    # issue 16 part 2: withdrawing a consent (as recording it) and marking an override reviewed.
    ("grondslagen:consent_withdraw", "toestemming"): {"meldpunt", "regisseur", "duo", "teamleider"},
    ("grondslagen:override_mark_reviewed", "afwijking"): {"teamleider"},
    ("intake:validate_bsn", None): {
        "meldpunt",
        "teamleider",
        "other_meldpunt",
        "other_teamleider",
        "partner",
        "other_partner",
    },
    ("triage:decision_fields", "untriaged"): {"meldpunt", "teamleider"},
    # issue 11, search: the register searched by hand at triage (the triage screen's users).
    ("triage:register_search", "untriaged"): {"meldpunt", "teamleider"},
    # issue 14, too little to search on: the search by place and description at triage.
    ("triage:place_search", "untriaged"): {"meldpunt", "teamleider"},
    ("access:break_glass_mark_reviewed", "grant"): {"teamleider"},
    ("accounts:logout", None): set(ROLES) - {"anon"},
    # issue 12, "ingelogd blijven" (static/vangnet/session.js): anyone logged in; without a session 401.
    ("accounts:session_keepalive", None): set(ROLES) - {"anon"},
    ("wvggz:request_sent", "wvggz_aanvraag"): {"regisseur", "duo", "teamleider"},
    ("notifications:mark_read", None): set(ROLES) - {"anon"},
    # notify-delivery: the notification is the meldpunt user's own; anyone else's pk is 404.
    ("notifications:open", "notification"): {"meldpunt"},
    ("procesregie:decision_add", "escalation"): {"teamleider"},
    ("procesregie:action_add", "escalation"): {"teamleider"},
    ("procesregie:action_done", "regie_action"): {"partner", "other_partner", "teamleider"},
    # issue 15 part 2: the plan action of the police, done by the police or the care team of the casus.
    ("plannen:action_done", "plan_actie"): {"partner", "other_partner", "regisseur", "duo", "teamleider"},
    # issue 15 part 6: whoever works on the casus records the means and the placement.
    ("middelen:inzet_add", "casus"): {"regisseur", "duo", "teamleider"},
    ("middelen:wachtlijst_add", "casus"): {"regisseur", "duo", "teamleider"},
    ("middelen:placement", "wachtlijst"): {"regisseur", "duo", "teamleider"},
    ("overleg:close", "meeting"): {"meldpunt", "teamleider"},
    ("overleg:item_share", "agenda_item"): {"meldpunt", "teamleider"},
    ("overleg:action_add", "agenda_item"): {"meldpunt", "teamleider"},
    ("overleg:action_done", "meeting_action"): {"meldpunt", "teamleider", "partner"},
    ("network:referral_intake", "referral"): {"regisseur", "duo", "teamleider"},
    ("network:referral_in_care", "referral"): {"regisseur", "duo", "teamleider"},
    ("network:referral_withdraw", "referral"): {"regisseur", "duo", "teamleider"},
    # issue 14: "Nu opnieuw trainen" on the beheer page of the matcher's model.
    ("persons:match_model_train", None): {"beheerder"},
    # issue 16 part 5: taking a request in hand, by the teamleider of the organisation it was made to.
    ("verzoeken:start", "verzoek"): {"teamleider"},
    # issue 16 part 4: releasing an inzage (the world's is released already: nothing changes).
    ("inzage:release", "inzage"): {"teamleider"},
}

# Pages for everyone (login flow) or framework views, not about personal data.
PUBLIC = {"accounts:login", "accounts:otp_verify", "accounts:otp_setup", ":set_language"}
# The one-time reset link: anonymous by design, protected by its token (a wrong or
# used token, or another user's uid, is refused: tests/accounts/test_four_eyes.py).
PUBLIC |= {"accounts:password_reset_confirm"}
# The health endpoint (issue 18): public on purpose for the container runtime and monitoring,
# without a login; it answers only ok/fout and a queue age, no personal data (tests/core/test_health.py).
PUBLIC |= {":health"}
# Single sign-on (issue 18): the way in through the municipality's provider, so public on
# purpose; 404 while it is off. Refusals and matching: tests/oidc/test_sso.py.
PUBLIC |= {"accounts:oidc_start", "accounts:oidc_callback", "accounts:oidc_refused"}


def all_url_names():
    names = set()

    def walk(patterns, ns=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace == "admin":
                    continue
                walk(p.url_patterns, f"{ns}:{p.namespace}".strip(":") if p.namespace else ns)
            elif isinstance(p, URLPattern):
                names.add(f"{ns}:{p.name}")

    walk(get_resolver().url_patterns)
    return names


def test_every_url_has_a_decided_permission_row():
    decided = {name for name, _ in GET_MATRIX} | {name for name, _ in POST_ONLY} | PUBLIC
    assert all_url_names() - decided == set(), "add the new view to the permission matrix"


def _make_world():
    # As the fixtures of tests/conftest.py (function-scoped there).
    ggd = OrganisationFactory(name="GGD Testregio", runs_meldpunt=True, does_bemoeizorg=True)
    other_org = OrganisationFactory(name="Andere GGD", runs_meldpunt=True, does_bemoeizorg=True)
    police = OrganisationFactory(
        name="Politie Testbasisteam", kind="politie", runs_meldpunt=False, does_bemoeizorg=False
    )
    people = {
        "meldpunt": UserFactory(role=Role.MELDPUNT, organisation=ggd),
        "regisseur": UserFactory(role=Role.BEMOEIZORGER, organisation=ggd),
        "duo": UserFactory(role=Role.BEMOEIZORGER, organisation=ggd),
        "teamleider": UserFactory(role=Role.TEAMLEIDER, organisation=ggd),
        "consultant": UserFactory(role=Role.CONSULTANT, organisation=ggd),
        "partner": UserFactory(role=Role.PARTNER, organisation=police),
        "other_partner": UserFactory(role=Role.PARTNER, organisation=police),
        "beheerder": UserFactory(role=Role.BEHEERDER, organisation=ggd, is_staff=True),
        "other_meldpunt": UserFactory(role=Role.MELDPUNT, organisation=other_org),
        "other_bz": UserFactory(role=Role.BEMOEIZORGER, organisation=ggd),
        "other_teamleider": UserFactory(role=Role.TEAMLEIDER, organisation=other_org),
        "beleid": UserFactory(
            role=Role.BELEID, organisation=OrganisationFactory(name="Gemeente Test", kind="gemeente")
        ),
        "privacy": UserFactory(role=Role.PRIVACY, organisation=ggd),
    }
    casus = CasusFactory(organisation=ggd, casusregisseur=people["regisseur"])
    CaseMember.objects.create(casus=casus, user=people["duo"], role=CaseMember.Role.DUO)
    casus_melding = MeldingFactory(
        meldpunt=ggd, created_by=people["meldpunt"], person=casus.person, casus=casus, status="getrieerd"
    )
    twin = PersonFactory(surname=casus.person.surname)
    MeldingFactory(meldpunt=ggd, created_by=people["meldpunt"], person=twin)
    objects = {
        "duplicate": DuplicateCandidate.objects.create(person_a=casus.person, person_b=twin, score=0.9),
        "casus": casus,
        "person": casus.person,
        "casus_melding": casus_melding,
        "untriaged": MeldingFactory(meldpunt=ggd, created_by=people["meldpunt"]),
        "partner_melding": MeldingFactory(meldpunt=ggd, created_by=people["partner"], channel="politie"),
        "grant": BreakGlassGrant.objects.create(
            user=people["meldpunt"], person=casus.person, reason="Spoed: politie aan de deur, identiteit nodig"
        ),
    }
    objects.update(network_world(people, objects))
    objects.update(regie_world(people, objects))
    objects.update(wvggz_world(people, objects))
    objects.update(notification_world(people, objects))
    objects.update(corrections_world(people, objects))
    objects.update(leefgebieden_world(people, objects))
    objects.update(crisis_world(people, objects))
    objects.update(plannen_world(people, objects))
    objects.update(middelen_world(people, objects))
    objects.update(naasten_world(people, objects))
    objects.update(verzoeken_world(people, objects))
    objects.update(inzage_world(people, objects))
    objects.update(grondslagen_world(people, objects))
    objects.update(bewaren_world(people, objects))
    return people, objects


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """One world for the whole table (it is the same for every row; the requests that write
    are undone after their test, tests/shared_db.py): ~100 tests, so built once."""
    yield from built_once(django_db_blocker, _make_world)


@pytest.fixture(scope="module")
def sessions(world, django_db_blocker):
    """One 2FA-verified session per role, made once in the world's transaction: each request
    of the table starts a client on its role's session (what a request changes in it, a
    logout too, is undone after its test)."""
    people, _ = world

    def log_in():
        return {
            role: verified_client(user).cookies[settings.SESSION_COOKIE_NAME].value for role, user in people.items()
        }

    yield from built_once(django_db_blocker, log_in)


def _url(name, key, objects):
    return reverse(name, args=[objects[key].pk]) if key else reverse(name)


def _client(role, people):
    return Client() if role == "anon" else verified_client(people[role])


def _logged_in(role, sessions):
    """As ``_client``, on the role's session of the module."""
    client = Client()
    if role != "anon":
        client.cookies[settings.SESSION_COOKIE_NAME] = sessions[role]
    return client


@pytest.mark.parametrize("name,key", list(GET_MATRIX), ids=[n for n, _ in GET_MATRIX])
def test_get_matrix(name, key, world, sessions):
    _, objects = world
    # The break-glass grant exists only for the POST_ONLY review endpoint; it must
    # not widen what the meldpunt user sees in this table.
    BreakGlassGrant.objects.filter(pk=objects["grant"].pk).update(expires_at=F("created_at"))
    url = _url(name, key, objects)
    got = {role: _logged_in(role, sessions).get(url).status_code for role in ROLES}
    assert got == GET_MATRIX[(name, key)]


@pytest.mark.parametrize("name,key", list(POST_ONLY), ids=[n for n, _ in POST_ONLY])
def test_post_only_endpoints_refuse_wrong_roles(name, key, world, sessions):
    _, objects = world
    url = _url(name, key, objects)
    for role in ROLES:
        response = _logged_in(role, sessions).post(url, {})
        if role == "anon":
            assert response.status_code in (302, 401, 403), role
        elif role in POST_ONLY[(name, key)]:
            assert response.status_code not in (403, 404, 500), (role, response.status_code)
        else:
            assert response.status_code in (403, 404), (role, response.status_code)
