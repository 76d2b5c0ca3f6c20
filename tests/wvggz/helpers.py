"""Helpers for the Wvggz tests: an onderzoek with a known melding date, answers."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from tests.factories import MeldingFactory, PersonFactory
from vangnet.wvggz import services
from vangnet.wvggz.models import OnderzoekWorker

AMS = ZoneInfo("Europe/Amsterdam")

BEHAVIOUR = "Roept 's nachts op het balkon tegen onzichtbare stemmen en gooit met serviesgoed."
JUDGEMENT = "Waarschijnlijk een psychotische stoornis; zonder behandeling dreigt ernstig nadeel."
DISORDER = "Achterdocht, stemmen horen, verwarde spraak."


def local(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=AMS)


def make_onderzoek(org, by, *, received_at=None, lead=None, others=(), **melding_kwargs):
    person = melding_kwargs.pop("person", None) or PersonFactory(
        given_names="Jan", surname="Visser", date_of_birth=datetime.date(1970, 5, 17)
    )
    melding = MeldingFactory(
        meldpunt=org,
        created_by=by,
        person=person,
        status="getrieerd",
        received_at=received_at or local(2026, 3, 1, 10, 0),
        **melding_kwargs,
    )
    onderzoek = services.open_onderzoek(melding, by=by)
    if lead is not None:
        OnderzoekWorker.objects.create(onderzoek=onderzoek, user=lead, role=OnderzoekWorker.Role.LEAD)
        for user in others:
            OnderzoekWorker.objects.create(onderzoek=onderzoek, user=user, role=OnderzoekWorker.Role.WORKER)
    return onderzoek


def judgement_day(onderzoek) -> datetime.date:
    """A plausible day for the professional's judgement: four days after the
    melding, or the melding's own day when that is still ahead."""
    melding_day = timezone.localdate(onderzoek.melding.received_at)
    later = melding_day + datetime.timedelta(days=4)
    return later if later <= timezone.localdate() else melding_day


def full_answers(onderzoek) -> dict:
    """Answers for every question of version 1 (by key) -> {question id: value}."""
    by_key = {q.key: q for q in services.questions_of(onderzoek)}
    values = {
        "melding": "Buurvrouw meldt dat de buurman al weken schreeuwt en niet meer buiten komt.",
        "bronnen": {"kinds": ["betrokkene", "huisarts", "politie"], "detail": "Huisarts dr. Bakker gebeld op 3 maart."},
        "gedrag": BEHAVIOUR,
        "stoornis": "ja",
        "stoornis_toelichting": DISORDER,
        "ernstig_nadeel": ["levensgevaar", "verwaarlozing"],
        "ernstig_nadeel_voor": "beide",
        "ernstig_nadeel_toelichting": "Het gas stond open; de woning is vervuild.",
        "vrijwillig": "geprobeerd",
        "vrijwillig_toelichting": "Bemoeizorg drie keer aan de deur, geweigerd.",
        "oordeel": {
            "name": "Dr. R. de Psychiater",
            "profession": "psychiater",
            "date": judgement_day(onderzoek).isoformat(),
            "judgement": JUDGEMENT,
        },
        "conclusie": "Verplichte zorg lijkt nodig; vrijwillige zorg is geprobeerd en geweigerd.",
    }
    return {by_key[k].pk: v for k, v in values.items() if k in by_key}


def answer_all(onderzoek, by):
    services.save_answers(onderzoek, full_answers(onderzoek), by=by)
    onderzoek.refresh_from_db()
    return onderzoek
