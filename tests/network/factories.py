"""Test data for the network app, built through the real services."""

from typing import Any

import factory
from django.utils import timezone

from tests.factories import ModelFactory, OrganisationFactory
from vangnet.network import services
from vangnet.network.models import Service


class ServiceFactory(ModelFactory[Service]):
    class Meta:
        model = Service

    organisation = factory.SubFactory(OrganisationFactory, kind="ggz", runs_meldpunt=False, does_bemoeizorg=False)
    name = factory.Sequence(lambda n: f"Voorziening {n}")
    type = "ggz"
    intake_criteria = "18+, ernstige psychiatrische aandoening"
    waiting_weeks = 4


SITUATION = "Man van 52, woont alleen, vervuilde woning, wil praten over schulden."
HELP_QUESTION = "Begeleiding bij schulden en dagbesteding."
RISKS = "Geen agressie bekend; honden in huis."


def propose(casus, service, by, parts=("personalia", "situatie", "hulpvraag"), **kwargs):
    data: dict[str, Any] = {
        "shared_parts": list(parts),
        # issue 16: "toestemming" needs a recorded consent (vangnet.grondslagen); the default
        # casus task (toeleiding) runs on the legal task.
        "legal_ground": "wettelijk",
        "legal_ground_text": "Wpg art. 2, OGGZ-taak gemeente",
        "situation": SITUATION,
        "help_question": HELP_QUESTION,
        "risks": RISKS,
    }
    data.update(kwargs)
    return services.propose_referral(casus, service, by=by, **data)


def to_in_care(referral, worker, partner):
    """Walk a proposed referral to "in zorg" (today)."""
    today = timezone.localdate()
    services.accept_referral(referral, by=partner, intake_date=today)
    services.record_intake(referral, by=worker, on=today, warm=True)
    services.record_in_care(referral, by=worker, on=today)
    return referral
