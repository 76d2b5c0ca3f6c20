"""The visible_* querysets against their earlier definitions, on random small worlds.

Issue 17 reshaped visible_persons (narrow id sources instead of nesting the whole
visible_casussen and visible_meldingen subqueries) for speed only: the visible sets
must stay exactly the same. The earlier definitions are kept here as the reference;
every world mixes organisations, roles, memberships across organisations, meldingen
with and without person or casus, and break-the-glass grants."""

import random
from datetime import timedelta

import pytest
from django.db.models import Q
from django.utils import timezone

from tests.factories import MeldingFactory, OrganisationFactory, PersonFactory, UserFactory
from vangnet.access import policies as p
from vangnet.access.models import BreakGlassGrant
from vangnet.accounts import roles
from vangnet.accounts.models import Role
from vangnet.cases.models import CaseMember, Casus
from vangnet.intake.models import Melding
from vangnet.persons.models import Person

# --- the reference: the definitions before issue 17 --------------------------


def old_visible_casussen(user, *, include_break_glass=True):
    if not p.is_staff_worker(user):
        return set()
    cond = Q(pk__in=CaseMember.objects.filter(user=user).values("casus_id"))
    if user.role in roles.ORGANISATION_WIDE:
        cond |= Q(organisation_id=user.organisation_id)
    if include_break_glass:
        grants = set(p.active_grants(user).values_list("person_id", flat=True))
        if grants:
            cond |= Q(person_id__in=grants)
    return set(Casus.objects.filter(cond).values_list("pk", flat=True))


def old_visible_meldingen(user, *, include_break_glass=True):
    if not p.is_active_worker(user):
        return set()
    if user.role == Role.PARTNER:
        return set(Melding.objects.filter(created_by=user).values_list("pk", flat=True))
    if user.role not in roles.STAFF:
        return set()
    cond = Q(casus_id__in=CaseMember.objects.filter(user=user).values("casus_id"))
    if user.role in roles.ORGANISATION_WIDE:
        org = user.organisation_id
        cond |= Q(meldpunt_id=org) | Q(casus_id__in=Casus.objects.filter(organisation_id=org).values("pk"))
    if include_break_glass:
        grants = set(p.active_grants(user).values_list("person_id", flat=True))
        if grants:
            cond |= Q(person_id__in=grants)
    return set(Melding.objects.filter(cond).values_list("pk", flat=True))


def old_visible_persons(user, *, include_break_glass=True):
    if not p.is_staff_worker(user):
        return set()
    casus_ids = old_visible_casussen(user, include_break_glass=False)
    melding_ids = old_visible_meldingen(user, include_break_glass=False)
    ids = set(Casus.objects.filter(pk__in=casus_ids).values_list("person_id", flat=True))
    ids |= set(Melding.objects.filter(pk__in=melding_ids).exclude(person=None).values_list("person_id", flat=True))
    if include_break_glass:
        ids |= set(p.active_grants(user).values_list("person_id", flat=True))
    return set(Person.objects.filter(pk__in=ids).values_list("pk", flat=True))


# --- random small worlds ----------------------------------------------------

ROLES = [Role.MELDPUNT, Role.TEAMLEIDER, Role.BEMOEIZORGER, Role.CONSULTANT, Role.PARTNER, Role.BEHEERDER]


def random_world(rng: random.Random):
    orgs = [OrganisationFactory() for _ in range(rng.randint(2, 3))]
    users = [
        UserFactory(role=rng.choice(ROLES), organisation=rng.choice(orgs), is_active=rng.random() > 0.1)
        for _ in range(rng.randint(4, 8))
    ]
    staff = [u for u in users if u.role in roles.STAFF]
    persons = [PersonFactory() for _ in range(rng.randint(3, 7))]
    casussen = []
    for n in range(rng.randint(2, 6)):
        regisseur = rng.choice(staff) if staff else users[0]
        casus = Casus.objects.create(
            reference=f"C-EQ-{rng.randrange(10**8)}-{n}",
            person=rng.choice(persons),
            organisation=rng.choice(orgs),
            casusregisseur=regisseur,
            opened_at=timezone.now(),
        )
        # members of any organisation, not only the casus's own
        for member in rng.sample(users, rng.randint(0, min(3, len(users)))):
            CaseMember.objects.get_or_create(casus=casus, user=member, defaults={"role": CaseMember.Role.DUO})
        casussen.append(casus)
    for _ in range(rng.randint(3, 10)):
        of_casus = rng.choice([None, *casussen])
        # a melding's person is usually its casus's person, but not always
        person = rng.choice([None, of_casus.person if of_casus else None, *persons])
        MeldingFactory(meldpunt=rng.choice(orgs), person=person, casus=of_casus, created_by=rng.choice(users))
    now = timezone.now()
    for user in rng.sample(users, rng.randint(0, 2)):
        expired = rng.random() < 0.3
        BreakGlassGrant.objects.create(
            user=user,
            person=rng.choice(persons),
            reason="Test: dringend",
            created_at=now - timedelta(minutes=5),
            expires_at=now + (timedelta(hours=-1) if expired else timedelta(hours=2)),
        )
    return users


def ids(qs):
    return set(qs.values_list("pk", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize("seed", range(30))
def test_visible_sets_equal_the_reference(seed):
    rng = random.Random(seed)
    users = random_world(rng)
    wrong = []
    for user in users:
        for bg in (True, False):
            pairs = [
                (
                    "casussen",
                    ids(p.visible_casussen(user, include_break_glass=bg)),
                    old_visible_casussen(user, include_break_glass=bg),
                ),
                (
                    "meldingen",
                    ids(p.visible_meldingen(user, include_break_glass=bg)),
                    old_visible_meldingen(user, include_break_glass=bg),
                ),
                (
                    "persons",
                    ids(p.visible_persons(user, include_break_glass=bg)),
                    old_visible_persons(user, include_break_glass=bg),
                ),
            ]
            for what, new, old in pairs:
                if new != old:
                    wrong.append(f"{user.role} {what} (noodtoegang {bg}): new {sorted(new)} != old {sorted(old)}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
@pytest.mark.parametrize("seed", range(10))
def test_single_object_checks_agree_with_the_querysets(seed):
    rng = random.Random(1000 + seed)
    users = random_world(rng)
    wrong = []
    for user in users:
        casussen, persons = ids(p.visible_casussen(user)), ids(p.visible_persons(user))
        meldingen = ids(p.visible_meldingen(user))
        for casus in Casus.objects.all():
            if (p.casus_access_basis(user, casus) is not None) != (casus.pk in casussen):
                wrong.append(f"{user.role} casus {casus.pk}")
        for person in Person.objects.all():
            if (p.person_access_basis(user, person) is not None) != (person.pk in persons):
                wrong.append(f"{user.role} person {person.pk}")
        for melding in Melding.objects.all():
            if (p.melding_access_basis(user, melding) is not None) != (melding.pk in meldingen):
                wrong.append(f"{user.role} melding {melding.pk}")
    assert not wrong, "\n".join(wrong)
