"""Issue 17: the known-person lookup fetches the candidates' history in one query per kind
and writes its access-log rows in one insert. The rows and the history are the same as
the per-candidate version gave (kept below as the reference); the query count does not
grow with the candidates or their history."""

import dataclasses
import random
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import CasusFactory, MeldingFactory, PersonFactory, UserFactory
from tests.service_audit import CONTEXT, new_rows
from vangnet.access import policies
from vangnet.access.models import BreakGlassGrant
from vangnet.accounts.roles import Role
from vangnet.audit.services import Action, ObjectType, audit
from vangnet.triage.services import find_known_persons, known_person_ids, log_known_person_lookup

pytestmark = pytest.mark.django_db

FIELDS = (
    "action",
    "object_type",
    "detail",
    "reason",
    "break_glass",
    "user_id",
    "username",
    "role",
    "organisation",
    "ip_address",
    "path",
    "person_id",
    "casus_id",
    "melding_id",
)


def _reference_histories(melding, user, person):
    """The history as the per-candidate version fetched it (two visibility queries each)."""
    meldingen = policies.visible_meldingen(
        user, person.meldingen.exclude(pk=melding.pk).select_related("meldpunt", "triage")
    ).order_by("-received_at")
    casussen = policies.visible_casussen(
        user, person.casussen.select_related("casusregisseur", "organisation", "team")
    ).order_by("-opened_at")
    return [m.pk for m in meldingen], [c.pk for c in casussen]


def _reference_log(user, melding, candidates, *, reason, context):
    """log_known_person_lookup as it was before issue 17: one audit row at a time."""
    audit(
        user,
        Action.EXECUTE,
        context=context,
        melding=melding,
        object_type=ObjectType.PERSOON,
        detail=f"triage {melding.reference}: zoeken naar bekende persoon ({len(candidates)} kandidaten)",
        reason=reason,
    )
    for known in candidates:
        audit(
            user,
            Action.READ,
            context=context,
            person=known.person,
            object_type=ObjectType.PERSOON,
            detail=f"triage {melding.reference}: mogelijke bekende persoon "
            f"({known.verdict or 'exact'}; {', '.join(str(r) for r in (known.agree or known.reasons))})",
            reason=policies.person_access_basis(user, known.person, include_break_glass=False)
            or "triage: identiteit bevestigen",
        )
        for m in known.meldingen:
            basis = policies.melding_access_basis(user, m)
            audit(
                user,
                Action.READ,
                context=context,
                melding=m,
                person=known.person,
                object_type=ObjectType.MELDING,
                detail=f"triage {melding.reference}: eerdere melding",
                reason=basis or reason,
                break_glass=basis == policies.BASIS_BREAK_GLASS,
            )
        for c in known.casussen:
            basis = policies.casus_access_basis(user, c)
            audit(
                user,
                Action.READ,
                context=context,
                casus=c,
                object_type=ObjectType.CASUS,
                detail=f"triage {melding.reference}: eerdere casus",
                reason=basis or reason,
                break_glass=basis == policies.BASIS_BREAK_GLASS,
            )


def _world(seed, ggd, other_org, users, *, namesakes):
    """``namesakes`` persons called Jan de Vries with a random history: meldingen at this
    meldpunt and at another, casussen of this organisation and of another (some with the
    user as a member), and a break-the-glass grant for one of them."""
    rng = random.Random(seed)
    user = UserFactory(username=f"mp{seed}", role=Role.MELDPUNT, organisation=ggd)
    outsider = users["other_meldpunt"]
    start = timezone.now() - timedelta(days=400)
    minute = iter(range(100_000))
    persons = []
    for _i in range(namesakes):
        person = PersonFactory(given_names="Jan", tussenvoegsel="de", surname="Vries", date_of_birth=None)
        persons.append(person)
        for _j in range(rng.randint(0, 3)):
            org = rng.choice([ggd, other_org])
            casus = CasusFactory(
                person=person,
                organisation=org,
                casusregisseur=UserFactory(organisation=org, role=Role.BEMOEIZORGER),
                opened_at=start + timedelta(minutes=next(minute)),
                members=[user] if rng.random() < 0.2 else [],
            )
            for _k in range(rng.randint(0, 2)):
                meldpunt = rng.choice([ggd, other_org])
                MeldingFactory(
                    person=person,
                    casus=casus if rng.random() < 0.6 else None,
                    meldpunt=meldpunt,
                    created_by=user if meldpunt == ggd else outsider,
                    received_at=start + timedelta(minutes=next(minute)),
                )
    if persons:
        now = timezone.now()
        BreakGlassGrant.objects.create(
            user=user,
            person=rng.choice(persons),
            reason="Test",
            created_at=now - timedelta(minutes=5),
            expires_at=now + timedelta(hours=1),
        )
    melding = MeldingFactory(
        given_names="Jan", surname="de Vries", meldpunt=ggd, created_by=user, received_at=timezone.now()
    )
    return user, melding


def _rows(rows):
    return [tuple(getattr(r, f) for f in FIELDS) for r in rows]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_same_history_and_rows_as_the_per_candidate_version(seed, ggd, other_org, users):
    user, melding = _world(seed, ggd, other_org, users, namesakes=6)
    candidates = find_known_persons(melding, user)
    assert len(candidates) >= 3
    assert sum(len(k.meldingen) + len(k.casussen) for k in candidates) >= 3
    for known in candidates:
        assert ([m.pk for m in known.meldingen], [c.pk for c in known.casussen]) == _reference_histories(
            melding, user, known.person
        )
    with new_rows() as before:
        _reference_log(user, melding, candidates, reason="grondslag van de melding", context=CONTEXT)
    with new_rows() as after:
        log_known_person_lookup(user, melding, candidates, reason="grondslag van de melding", context=CONTEXT)
    assert _rows(after) == _rows(before)
    assert any(r.break_glass for r in after) or not any(r.break_glass for r in before)
    # Candidates made without the bases (another caller): the bases are asked, the same rows.
    bare = [dataclasses.replace(k, melding_bases={}, casus_bases={}) for k in candidates]
    with new_rows() as asked:
        log_known_person_lookup(user, melding, bare, reason="grondslag van de melding", context=CONTEXT)
    assert _rows(asked) == _rows(before)
    # What the register search leaves out: the same persons, without their history.
    assert known_person_ids(melding) == {k.person.pk for k in candidates}


def _queries(user, melding):
    with CaptureQueriesContext(connection) as ctx:
        candidates = find_known_persons(melding, user)
        log_known_person_lookup(user, melding, candidates, reason="grondslag van de melding", context=CONTEXT)
    return len(candidates), len(ctx.captured_queries)


def test_queries_do_not_grow_with_candidates_or_history(ggd, other_org, users):
    few_user, few = _world(11, ggd, other_org, users, namesakes=1)
    n_few, q_few = _queries(few_user, few)
    many_user, many = _world(12, ggd, other_org, users, namesakes=8)
    n_many, q_many = _queries(many_user, many)
    assert n_many > n_few
    assert q_many <= q_few


def _page_queries(user, melding):
    from django.urls import reverse

    from tests.conftest import verified_client

    client = verified_client(user)
    url = reverse("triage:melding", args=[melding.pk])
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_triage_page_queries_do_not_grow_with_candidates(ggd, other_org, users):
    few_user, few = _world(31, ggd, other_org, users, namesakes=1)
    q_few, n_few = _page_queries(few_user, few), len(find_known_persons(few, few_user))
    many_user, many = _world(32, ggd, other_org, users, namesakes=8)
    assert len(find_known_persons(many, many_user)) > n_few
    assert _page_queries(many_user, many) <= q_few


def test_triage_page_queries_do_not_grow_with_teams_or_colleagues(ggd, other_org, users):
    """Issue 17: each team's label fetched its organisation, and both colleague lists ran
    their own query."""
    from tests.factories import TeamFactory

    user, melding = _world(33, ggd, other_org, users, namesakes=1)
    before = _page_queries(user, melding)
    TeamFactory.create_batch(4, organisation=user.organisation)
    UserFactory.create_batch(4, organisation=user.organisation, role=Role.BEMOEIZORGER)
    assert _page_queries(user, melding) == before
