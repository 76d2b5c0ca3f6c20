"""Issue 17: the triage screen takes the melding's zorgcategorieën from the melding's own
row (``_with_concerns``) instead of a query of their own; the labels and their order are
those of ``melding.categories.all()`` (ordered by order, then label), also for categories
with the same order, and none is 'Geen categorie gekozen'."""

import pytest
from django.urls import reverse
from django.utils import timezone

from vangnet.intake.models import ConcernCategory
from vangnet.triage.models import TriageDecision
from vangnet.triage.services import concern_labels, triageable_with_decision

pytestmark = pytest.mark.django_db


def _fetched(user, melding):
    return triageable_with_decision(user).get(pk=melding.pk)


def test_labels_from_the_row_are_those_of_the_categories_in_their_order(users, make_melding):
    made = [
        ConcernCategory.objects.create(code=code, label=label, order=order)
        for code, label, order in [
            ("t-zorg", "zorg mijdend", 5),
            ("t-alcohol", "Alcohol", 5),
            ("t-eerst", "Verward gedrag", 1),
            ("t-quote", 'Overlast "buren" & <portiek>', 9),
            ("t-accent", "Éénzaam", 5),
        ]
    ]
    melding = make_melding(categories=made)
    expected = [c.label for c in melding.categories.all()]
    assert len(expected) == 5
    user = users["meldpunt"]
    assert concern_labels(_fetched(user, melding)) == expected
    assert concern_labels(melding) == expected  # fetched without them: asked


def test_no_category_is_an_empty_list(users, make_melding):
    melding = make_melding()
    melding.categories.clear()
    assert concern_labels(_fetched(users["meldpunt"], melding)) == []


def test_the_screen_shows_them(login, users, make_melding):
    made = [
        ConcernCategory.objects.create(code="t-b", label="Bijna geen eten", order=2),
        ConcernCategory.objects.create(code="t-a", label="Agressie", order=2),
    ]
    melding = make_melding(categories=made)
    client = login(users["meldpunt"])
    page = client.get(reverse("triage:melding", args=[melding.pk])).content.decode()
    assert "<dd>Agressie, Bijna geen eten</dd>" in page
    melding.categories.clear()
    page = client.get(reverse("triage:melding", args=[melding.pk])).content.decode()
    assert "Geen categorie gekozen" in page


def test_the_decision_page_shows_them_too(login, users, make_melding):
    melding = make_melding(categories=[ConcernCategory.objects.create(code="t-c", label="Vervuiling", order=3)])
    TriageDecision.objects.create(
        melding=melding,
        decided_by=users["meldpunt"],
        decided_at=timezone.now(),
        acute_danger="nee",
        already_in_care="nee",
        known_to_partners="nee",
        outcome="geen_actie",
        reason="Niets aan de hand.",
    )
    page = login(users["meldpunt"]).get(reverse("triage:melding", args=[melding.pk])).content.decode()
    assert "<dd>Vervuiling</dd>" in page
