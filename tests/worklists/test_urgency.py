"""Issue 11 item 5: every worklist sorts urgent first (danger, then any urgency
signal), then the norm deadline; the urgency shows as a badge with text."""

import pytest
from django.urls import reverse

from tests.factories import CasusFactory, MeldingFactory
from vangnet.cases.models import Phase
from vangnet.intake.models import Melding
from vangnet.triage.models import TriageDecision
from vangnet.worklists import services

from .conftest import NOW, local

pytestmark = pytest.mark.django_db

DANGER = ["gevaar_anderen"]
SIGNAL = ["huisuitzetting"]


def untriaged(ggd, day, indicators=(), surname="Zonder"):
    return MeldingFactory(
        meldpunt=ggd, received_at=local(2026, 5, day, 9, 0), urgency_indicators=list(indicators), surname=surname
    )


def casus_with(ggd, regisseur, *, day, indicators=(), acute=None):
    casus = CasusFactory(organisation=ggd, casusregisseur=regisseur, opened_at=local(2026, 4, day, 9, 0))
    melding = MeldingFactory(
        meldpunt=ggd,
        person=casus.person,
        casus=casus,
        status=Melding.Status.GETRIEERD,
        urgency_indicators=list(indicators),
    )
    if acute:
        TriageDecision.objects.create(
            melding=melding,
            casus=casus,
            acute_danger=acute,
            already_in_care="nee",
            known_to_partners="nee",
            outcome="bemoeizorg",
            decided_by=regisseur,
            decided_at=NOW,
        )
    return casus


def test_to_triage_danger_then_signal_then_oldest(users, login, ggd, frozen):
    old_plain = untriaged(ggd, 1)
    new_signal = untriaged(ggd, 6, SIGNAL)
    new_danger = untriaged(ggd, 7, DANGER)
    old_signal = untriaged(ggd, 2, SIGNAL)
    response = login(users["meldpunt"]).get(reverse("worklists:to_triage"))
    assert [m.pk for m in response.context["meldingen"]] == [new_danger.pk, old_signal.pk, new_signal.pk, old_plain.pk]
    html = response.content.decode()
    assert "Gevaar</span>" in html and "Urgent</span>" in html  # text, not colour only
    assert html.index(new_danger.reference) < html.index(old_plain.reference)


def test_home_triage_block_urgent_first(users, login, ggd, frozen):
    for day in (1, 2, 3, 4, 5, 6):
        untriaged(ggd, day)
    danger = untriaged(ggd, 7, DANGER)
    response = login(users["meldpunt"]).get(reverse("worklists:home"))
    shown = [m.pk for m in response.context["to_triage"]]
    assert shown[0] == danger.pk  # the newest melding, but in danger: above the five oldest
    assert len(shown) == 5


def test_overdue_meldingen_urgent_first(users, login, ggd, frozen):
    plain = untriaged(ggd, 1)
    signal = untriaged(ggd, 4, SIGNAL)
    response = login(users["meldpunt"]).get(reverse("worklists:overdue"))
    assert [m.pk for m in response.context["meldingen"]] == [signal.pk, plain.pk]


def test_casus_urgency_is_highest_melding_or_acute_danger(users, ggd, frozen):
    me = users["bemoeizorger"]
    plain = casus_with(ggd, me, day=1)
    signal = casus_with(ggd, me, day=2, indicators=SIGNAL)
    danger = casus_with(ggd, me, day=3, indicators=DANGER)
    acute = casus_with(ggd, me, day=4, acute="ja")
    unknown = casus_with(ggd, me, day=5, acute="onbekend")
    ranks = dict(services.with_urgency(services.Casus.objects.all()).values_list("pk", "urgency_rank"))
    assert ranks == {plain.pk: 0, signal.pk: 1, danger.pk: 2, acute.pk: 2, unknown.pk: 0}


def test_my_cases_urgent_first_then_contact_norm(users, login, ggd, frozen):
    me = users["bemoeizorger"]
    old_plain = casus_with(ggd, me, day=1)
    signal = casus_with(ggd, me, day=20, indicators=SIGNAL)
    acute = casus_with(ggd, me, day=25, acute="ja")
    closed = casus_with(ggd, me, day=2, indicators=DANGER)
    closed.phase = Phase.AFGESLOTEN
    closed.save()
    response = login(me).get(reverse("worklists:my_cases"))
    assert [c.pk for c in response.context["open_cases"]] == [acute.pk, signal.pk, old_plain.pk]
    home = login(me).get(reverse("worklists:home"))
    assert [c.pk for c in home.context["my_open"]] == [acute.pk, signal.pk, old_plain.pk]
    assert "Gevaar</span>" in home.content.decode()


def test_overdue_casussen_urgent_first(users, login, ggd, frozen):
    me = users["bemoeizorger"]
    plain = casus_with(ggd, me, day=1)
    danger = casus_with(ggd, me, day=10, indicators=DANGER)
    response = login(users["teamleider"]).get(reverse("worklists:overdue"))
    assert [c.pk for c in response.context["casussen"]] == [danger.pk, plain.pk]


def test_follow_ups_urgent_casus_first(users, login, ggd, police, frozen):
    from datetime import date

    from tests.network.factories import ServiceFactory, propose
    from vangnet.network.models import FollowUp

    me = users["bemoeizorger"]
    service = ServiceFactory(organisation=police)
    plain = casus_with(ggd, me, day=1)
    danger = casus_with(ggd, me, day=2, indicators=DANGER)
    early = FollowUp.objects.create(referral=propose(plain, service, me), key="2w", due_date=date(2026, 5, 1))
    late = FollowUp.objects.create(referral=propose(danger, service, me), key="2w", due_date=date(2026, 5, 6))
    response = login(me).get(reverse("worklists:home"))
    assert [fu.pk for fu in response.context["follow_ups"]] == [late.pk, early.pk]


def test_to_triage_pages_by_50_urgent_first_and_counts_all_overdue(users, login, ggd, frozen):
    from vangnet.audit.models import AccessLog

    plain = [untriaged(ggd, 1) for _ in range(50)]
    danger = untriaged(ggd, 7, DANGER)
    client = login(users["meldpunt"])
    first = client.get(reverse("worklists:to_triage"))
    assert first.context["total"] == 51
    assert first.context["overdue_count"] == 50  # all of 1 May; today's is within the norm
    assert first.context["meldingen"][0].pk == danger.pk and len(first.context["meldingen"]) == 50
    second = client.get(reverse("worklists:to_triage"), {"pagina": "2"})
    assert [m.pk for m in second.context["meldingen"]] == [max(m.pk for m in plain)]
    assert "Pagina 2 van 2" in second.content.decode()
    reads = AccessLog.objects.filter(user_id=str(users["meldpunt"].pk), action=AccessLog.Action.READ)
    assert reads.count() == 51  # one read per row shown, page by page


def test_overdue_pages_each_list_by_50_urgent_first(users, login, ggd, frozen):
    """Issue 17: 'te laat' was unpaged (19,000 rows and log rows at a region's size)."""
    from vangnet.audit.models import AccessLog

    plain = [untriaged(ggd, 1) for _ in range(50)]
    signal = untriaged(ggd, 4, SIGNAL)
    client = login(users["meldpunt"])
    first = client.get(reverse("worklists:overdue"))
    assert first.context["melding_page"].paginator.count == 51
    assert first.context["meldingen"][0].pk == signal.pk and len(first.context["meldingen"]) == 50
    second = client.get(reverse("worklists:overdue"), {"meldingen": "2"})
    assert [m.pk for m in second.context["meldingen"]] == [max(m.pk for m in plain)]
    assert "Pagina 2 van 2" in second.content.decode()
    reads = AccessLog.objects.filter(user_id=str(users["meldpunt"].pk), action=AccessLog.Action.READ)
    assert reads.count() == 51  # one read per row shown, page by page


@pytest.mark.parametrize("limit", [1, 2, 3, 5, 9])
def test_dashboard_triage_heads_equal_the_two_lists_they_replace(users, ggd, frozen, limit):
    """Issue 17: the dashboard takes the overdue head from the first rows when they hold it,
    else asks for it; either way the same rows, in the same order, as the two lists before."""
    from vangnet.norms.models import NormSettings

    for day, indicators in [(1, ()), (28, SIGNAL), (2, DANGER), (29, ()), (3, SIGNAL), (27, DANGER), (4, ())]:
        untriaged(ggd, day, indicators)
    user = users["meldpunt"]
    settings = NormSettings.current()
    counts = services.triage_counts(user, NOW, settings, None)
    assert 0 < counts["overdue"] < counts["total"]
    shown, overdue = services.triage_heads(user, NOW, settings, limit, counts["overdue"])
    assert [m.pk for m in shown] == [m.pk for m in services.meldingen_to_triage(user)[:limit]]
    assert [m.pk for m in overdue] == [m.pk for m in services.overdue_meldingen(user, NOW, settings)[:limit]]
    assert all(m.triage_overdue for m in overdue)
    shown_objects = {id(m) for m in shown}
    assert not any(id(m) in shown_objects for m in overdue)  # a mark on one list stays off the other
