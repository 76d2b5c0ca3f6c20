"""One table over every view: which role gets what.

Each app has detailed permission tests; this table is the safety net across
the whole project. It fails when a new URL is added without a row here, so no
view can ship without someone deciding who may use it.

Codes: 200 allowed; 403 wrong role; 404 not visible to this user (the existence
of a person or casus is itself sensitive); 302 redirected (login, or partner
home); 405 method not allowed.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import verified_client
from tests.factories import CasusFactory, MeldingFactory, PersonFactory, UserFactory
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
]

STAFF_DESK = {"meldpunt", "teamleider", "other_meldpunt", "other_teamleider"}


def row(default, **overrides):
    """Expected code per role: ``default`` for everyone not named."""
    expected = {role: default for role in ROLES}
    expected["anon"] = 302
    expected.update(overrides)
    return expected


def only(roles, allowed=200, refused=403, **overrides):
    expected = {role: (allowed if role in roles else refused) for role in ROLES}
    expected["anon"] = 302
    expected.update(overrides)
    return expected


# (url name, object key for the pk or None) -> expected GET status per role.
GET_MATRIX = {
    ("worklists:home", None): row(200, partner=302, other_partner=302),
    ("worklists:to_triage", None): only(STAFF_DESK),
    ("worklists:my_cases", None): only(
        {"meldpunt", "regisseur", "duo", "teamleider", "consultant", "other_meldpunt", "other_bz", "other_teamleider"}
    ),
    ("worklists:overdue", None): only(STAFF_DESK),
    ("intake:create", None): only(STAFF_DESK),
    ("intake:detail", "casus_melding"): only(
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
    ("triage:melding", "untriaged"): only(
        {"meldpunt", "teamleider"}, other_meldpunt=404, other_teamleider=404
    ),
    ("cases:detail", "casus"): only({"meldpunt", "regisseur", "duo", "teamleider"}, refused=404),
    ("cases:attempt_add", "casus"): only({"regisseur", "duo", "teamleider"}, refused=404, meldpunt=403),
    ("cases:phase", "casus"): only({"regisseur", "duo", "teamleider"}, refused=404, meldpunt=403),
    ("cases:note_add", "casus"): only({"regisseur", "duo", "teamleider"}, refused=404, meldpunt=403),
    ("cases:members", "casus"): only({"regisseur", "teamleider"}, refused=404, meldpunt=403, duo=403),
    ("persons:detail", "person"): only({"meldpunt", "regisseur", "duo", "teamleider"}, refused=404),
    ("persons:access_log", "person"): only({"teamleider"}, other_teamleider=404),
    ("persons:merge", "person"): only({"meldpunt", "teamleider"}, other_meldpunt=404, other_teamleider=404),
    ("persons:split", "person"): only({"meldpunt", "teamleider"}, other_meldpunt=404, other_teamleider=404),
    ("persons:duplicates", None): only({"teamleider", "other_teamleider"}),
    ("persons:duplicate_dismiss", "duplicate"): only({"teamleider"}, other_teamleider=404),
    ("access:break_glass", None): only({"meldpunt", "other_meldpunt"}),
    ("access:break_glass_review", None): only({"teamleider", "other_teamleider"}),
    # Reachable only after the user's own logged search; a bare URL is refused.
    ("access:break_glass_confirm", "person"): only(set(), meldpunt=404, other_meldpunt=404),
    ("api:meldingen", None): only({"partner", "other_partner"}, anon=403),
}

# Endpoints that only accept POST: wrong roles must still be refused on POST.
POST_ONLY = {
    ("intake:validate_bsn", None): {"meldpunt", "teamleider", "other_meldpunt", "other_teamleider", "partner", "other_partner"},
    ("triage:decision_fields", "untriaged"): {"meldpunt", "teamleider"},
    ("access:break_glass_mark_reviewed", "grant"): {"teamleider"},
    ("accounts:logout", None): set(ROLES) - {"anon"},
}

# Pages for everyone (login flow) or framework views, not about personal data.
PUBLIC = {"accounts:login", "accounts:otp_verify", "accounts:otp_setup", ":set_language"}


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


@pytest.fixture
def world(ggd, other_org, police):
    from vangnet.access.models import BreakGlassGrant

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
    return people, objects


def _url(name, key, objects):
    return reverse(name, args=[objects[key].pk]) if key else reverse(name)


def _client(role, people):
    from django.test import Client

    return Client() if role == "anon" else verified_client(people[role])


@pytest.mark.parametrize("name,key", list(GET_MATRIX), ids=[n for n, _ in GET_MATRIX])
def test_get_matrix(name, key, world):
    people, objects = world
    # The break-glass grant exists only for the POST_ONLY review endpoint; it must
    # not widen what the meldpunt user sees in this table.
    objects["grant"].expires_at = objects["grant"].created_at
    objects["grant"].save()
    url = _url(name, key, objects)
    got = {role: _client(role, people).get(url).status_code for role in ROLES}
    assert got == GET_MATRIX[(name, key)]


@pytest.mark.parametrize("name,key", list(POST_ONLY), ids=[n for n, _ in POST_ONLY])
def test_post_only_endpoints_refuse_wrong_roles(name, key, world):
    people, objects = world
    url = _url(name, key, objects)
    for role in ROLES:
        response = _client(role, people).post(url, {})
        if role == "anon":
            assert response.status_code in (302, 403), role
        elif role in POST_ONLY[(name, key)]:
            assert response.status_code not in (403, 404, 500), (role, response.status_code)
        else:
            assert response.status_code in (403, 404), (role, response.status_code)
