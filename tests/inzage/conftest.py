"""Fixtures for the inzage tests: the story of one person (tests/inzage/story.py) at the GGD,
and helpers to start, review and release an inzage through the real services."""

import pytest

from tests.service_audit import CONTEXT
from vangnet.inzage import services
from vangnet.inzage.models import Decision

from .story import make_story


@pytest.fixture
def story(users, ggd):
    return make_story(
        ggd=ggd,
        regisseur=users["bemoeizorger"],
        duo=users["duo"],
        meldpunt=users["meldpunt"],
        partner=users["partner"],
        teamleider=users["teamleider"],
    )


def start(person, by):
    return services.start_inzage(person, by=by, context=CONTEXT).inzage


def release_all(inzage, by, *, shield=()):
    """Decide every text (``shield``: the keys to shield, as third-party data) and release."""
    for item in inzage.items.all():
        decision = Decision.AFSCHERMEN if item.key in shield else Decision.VRIJGEVEN
        services.decide_item(
            inzage,
            item_id=item.pk,
            decision=decision,
            reason="derden" if decision == Decision.AFSCHERMEN else "",
            version=item.version,
            by=by,
            context=CONTEXT,
        )
    inzage.refresh_from_db()
    return services.release_inzage(inzage, version=inzage.version, by=by, context=CONTEXT)
