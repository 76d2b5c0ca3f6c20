"""Issue 17: the casus page's sections (plan, means, naasten, grondslagen, procesregie,
crisis) cost the same number of queries whatever their rows; each asks its count once."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import CasusFactory
from vangnet.middelen.models import Inzet, InzetKind
from vangnet.naasten.models import Consent, Naaste, Relation
from vangnet.plannen.models import Action, Goal

pytestmark = pytest.mark.django_db

CONSENT = Consent.NIETS


def _queries(client, url):
    client.get(url)  # warm up (session, caches)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


def _more_section_rows(casus, users, n):
    bz, now = users["bemoeizorger"], timezone.now()
    for i in range(n):
        goal = Goal.objects.create(casus=casus, text=f"Doel {i}", created_by=bz)
        for j in range(2):
            Action.objects.create(
                goal=goal,
                description=f"Actie {j}",
                owner_user=bz,
                due_date=timezone.localdate() - timedelta(days=j),
                created_by=bz,
            )
        Inzet.objects.create(
            casus=casus,
            kind=InzetKind.BUDGET,
            amount=Decimal("10.00"),
            purpose="Eten",
            approved_by=users["teamleider"],
            spent_on=timezone.localdate(),
            recorded_by=bz,
            recorded_at=now,
        )
        Naaste.objects.create(
            person=casus.person,
            name=f"Naaste {i}",
            relation=Relation.FAMILIE,
            consent=CONSENT,
            created_by=bz,
            created_at=now,
        )
        # more casussen of the person: can_record_consent asks them in one EXISTS
        CasusFactory(person=casus.person, organisation=casus.organisation, casusregisseur=users["duo"])


@pytest.mark.parametrize("role", ["bemoeizorger", "teamleider", "meldpunt"])
def test_casus_page_sections_do_not_grow_with_their_rows(casus, users, login, role):
    client = login(users[role])
    url = reverse("cases:detail", args=[casus.pk])
    _more_section_rows(casus, users, 1)
    few = _queries(client, url)
    _more_section_rows(casus, users, 6)
    many = _queries(client, url)
    assert len(many) == len(few), "\n".join(many)
    # membership asked once for the page (remembered on the casus), not per section
    membership = [q for q in many if q.lstrip().startswith('SELECT 1 AS "a" FROM "cases_casemember"')]
    assert len(membership) <= 1, membership


def test_casus_page_section_counts_in_one_query_each(casus, users):
    """The aggregates give what the separate counts gave."""
    from vangnet.middelen.templatetags.middelen_tags import middelen_casus_section
    from vangnet.plannen.templatetags.plannen_tags import plannen_casus_section

    _more_section_rows(casus, users, 3)
    first = Action.objects.filter(goal__casus=casus).order_by("pk").values_list("pk", flat=True)[0]  # due today
    Action.objects.filter(pk=first).update(status=Action.Status.GEDAAN)
    context = {"request": type("Req", (), {"user": users["teamleider"]})()}
    plan = plannen_casus_section(context, casus)
    assert (plan["goal_count"], plan["open_count"], plan["overdue_count"]) == (3, 5, 3)
    means = middelen_casus_section(context, casus)
    assert (means["inzet_count"], means["waiting_count"]) == (3, 0)


def test_first_timeline_page_from_the_pages_meldingen_is_the_same(casus, users):
    """The casus page hands its meldingen to the timeline: the same first page."""
    from tests.factories import MeldingFactory
    from vangnet.cases import timeline

    at = timezone.now() - timedelta(days=1)
    for i in range(4):  # two at the same moment: the id breaks the tie
        MeldingFactory(
            meldpunt=casus.organisation, person=casus.person, casus=casus, received_at=at + timedelta(hours=i // 2)
        )
    meldingen = list(casus.meldingen.order_by("-received_at"))
    for size in (2, 3, 25):
        given = timeline.timeline_page(casus, size=size, all_rows={"melding": meldingen})
        asked = timeline.timeline_page(casus, size=size)
        assert [e.key for e in given.entries] == [e.key for e in asked.entries]
        assert given.next_before == asked.next_before
