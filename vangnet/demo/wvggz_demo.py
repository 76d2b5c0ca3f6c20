"""Demo scenarios for the Wvggz verkennend onderzoek, built through the services.

- "w-camera" (melding 26 days ago, triaged Wvggz by joost): investigated by
  sanne with ruben (psychiater); decided on day 11: request to the officier van
  justitie, sent the next day, the neighbour who reported it informed by letter.
- "w-recent" (6 days ago): sanne and ruben are assigned, part of the
  questionnaire is answered: green (8 days left).
- Two new Wvggz meldingen registered by fatima with the Wvggz flag: one 10 days
  ago (amber, kees is investigating) and one 13 days ago that nobody has been
  assigned to yet (red, 1 day left).

Dates the services set to "now" are moved back with plain updates afterwards,
as in the other demo modules."""

from datetime import datetime, time, timedelta

from vangnet.intake.models import Melding
from vangnet.intake.services import register_melding
from vangnet.triage.models import TriageDecision
from vangnet.triage.services import decide as triage_decide
from vangnet.wvggz import services
from vangnet.wvggz.models import MelderInformedHow, Onderzoek, Outcome

NEW_MELDINGEN = [
    dict(
        key="w-flat",
        days_ago=10,
        melder_type="naaste",
        melder_name="Kim Hendriks",
        relation="zus",
        given="Ronald",
        surname="Hendriks",
        sex="M",
        dob=(1979, 4, 12),
        street="Dijkstraat",
        number="14",
        postcode="4101 AB",
        city="Rivierstad",
        categories=["psychisch", "verwaarlozing-woning"],
        description="Mijn broer heeft zich opgesloten in zijn flat, praat over stralen uit het stopcontact en heeft "
        "de ramen dichtgeplakt. Hij wil geen hulp. Ik vraag de gemeente te onderzoeken of verplichte zorg nodig is.",
    ),
    dict(
        key="w-station",
        days_ago=13,
        melder_type="huisarts",
        melder_name="Huisartsenpraktijk De Linde",
        relation="huisarts",
        given="Samira",
        surname="Bouzid",
        sex="V",
        dob=(1988, 11, 3),
        street="Stationsweg",
        number="2a",
        postcode="4102 CD",
        city="Polderveen",
        categories=["psychisch"],
        description="Patiënte komt niet meer op afspraken, is volgens de familie verward en loopt 's nachts op "
        "straat. Zij weigert medicatie. Verzoek om een verkennend onderzoek Wvggz.",
    ),
]


def _at(clock, days_ago: int, hour: int = 10) -> datetime:
    return datetime.combine(clock.today - timedelta(days=days_ago), time(hour, 15), tzinfo=clock.tz)


def _register_wvggz_melding(world, clock, spec) -> Melding:
    from datetime import date

    melding = Melding(
        received_at=_at(clock, spec["days_ago"], 9),
        channel="telefoon",
        meldpunt=world.orgs["ggd"],
        melder_type=spec["melder_type"],
        melder_name=spec["melder_name"],
        melder_relation=spec["relation"],
        melder_phone="0612345678",
        melder_wants_feedback=True,
        is_wvggz=True,
        given_names=spec["given"],
        surname=spec["surname"],
        sex=spec["sex"],
        date_of_birth=date(*spec["dob"]),
        street=spec["street"],
        house_number=spec["number"],
        postcode=spec["postcode"],
        city=spec["city"],
        description=spec["description"],
    )
    categories = [world.categories[c] for c in spec["categories"] if c in world.categories]
    register_melding(melding, categories=categories or list(world.categories.values())[:1], by=world.users["fatima"])
    Melding.objects.filter(pk=melding.pk).update(created_at=melding.received_at)
    decision = triage_decide(
        melding,
        by=world.users["fatima"],
        outcome="wvggz",
        acute_danger="nee",
        already_in_care="onbekend",
        known_to_partners="onbekend",
        reason="Wvggz-melding: verkennend onderzoek gestart.",
    )
    TriageDecision.objects.filter(pk=decision.pk).update(decided_at=melding.received_at + timedelta(hours=3))
    _backdate(_onderzoek(melding), melding.received_at + timedelta(hours=3))
    world.meldingen[spec["key"]] = melding
    return melding


def _answers(onderzoek, values: dict) -> dict:
    by_key = {q.key: q for q in services.questions_of(onderzoek)}
    return {by_key[k].pk: v for k, v in values.items() if k in by_key}


def _onderzoek(melding) -> Onderzoek:
    return Onderzoek.objects.select_related("melding").get(melding=melding)


def _backdate(onderzoek, started: datetime) -> None:
    Onderzoek.objects.filter(pk=onderzoek.pk).update(started_at=started)


def build(world, clock) -> None:
    users = world.users
    marieke, sanne, kees, ruben = users["marieke"], users["sanne"], users["kees"], users["ruben"]

    # --- decided: aanvraag bij de officier van justitie
    camera = _onderzoek(world.meldingen["w-camera"])
    _backdate(camera, _at(clock, 25))
    services.assign_workers(camera, lead=sanne, others=[ruben], by=marieke)
    services.save_answers(
        camera,
        _answers(
            camera,
            {
                "melding": "Buurvrouw meldt dat buurman denkt dat er camera's in zijn muren zitten; hij sloeg met een hamer op haar deur.",
                "bronnen": {
                    "kinds": ["betrokkene", "melder", "naasten", "politie", "huisarts"],
                    "detail": "Huisbezoek met de wijkagent (dag 3); zus telefonisch (dag 4); huisarts (dag 5): "
                    "niet meer op spreekuur geweest sinds een jaar.",
                },
                "gedrag": "Deur alleen op een kier geopend; beschuldigt buren van afluisteren; ramen afgeplakt met folie; "
                "hamer naast de deur.",
                "stoornis": "ja",
                "stoornis_toelichting": "Achtervolgingswaan, geen ziekte-inzicht.",
                "ernstig_nadeel": ["agressie_oproepen", "bedreiging_veiligheid", "verwaarlozing"],
                "ernstig_nadeel_voor": "beide",
                "ernstig_nadeel_toelichting": "Dreiging richting buren neemt toe; familie durft niet meer langs.",
                "vrijwillig": "geprobeerd",
                "vrijwillig_toelichting": "Drie pogingen tot contact door bemoeizorg; elke hulp geweigerd.",
                "oordeel": {
                    "name": "R. Peters",
                    "profession": "psychiater",
                    "date": (clock.today - timedelta(days=16)).isoformat(),
                    "judgement": "Aannemelijk een psychotische stoornis die leidt tot ernstig nadeel; vrijwillige zorg is "
                    "niet haalbaar gebleken.",
                },
                "conclusie": "Verplichte zorg lijkt noodzakelijk. Aanvraag bij de officier van justitie.",
            },
        ),
        by=sanne,
    )
    services.decide(camera, by=sanne, outcome=Outcome.AANVRAAG)
    Onderzoek.objects.filter(pk=camera.pk).update(decided_at=_at(clock, 15, 14))
    camera.refresh_from_db()
    services.record_request_sent(camera, sent_at=_at(clock, 14, 11), by=sanne)
    camera.refresh_from_db()
    services.record_melder_informed(
        camera,
        how=MelderInformedHow.BRIEF,
        informed_at=_at(clock, 14, 15),
        message=services.melder_letter(camera),
        by=sanne,
    )

    # --- open, green: assigned and partly answered
    recent = _onderzoek(world.meldingen["w-recent"])
    _backdate(recent, _at(clock, 5))
    services.assign_workers(recent, lead=sanne, others=[ruben], by=marieke)
    services.save_answers(
        recent,
        _answers(
            recent,
            {
                "melding": "Wijkagent meldt dat mevrouw al dagen niet eet en denkt dat het eten vergiftigd is.",
                "bronnen": {"kinds": ["politie", "naasten"], "detail": "Moeder gesproken; eerdere opname bevestigd."},
            },
        ),
        by=sanne,
    )

    # --- open, amber and red: new Wvggz meldingen
    flat = _onderzoek(_register_wvggz_melding(world, clock, NEW_MELDINGEN[0]))
    services.assign_workers(flat, lead=kees, by=marieke)
    _onderzoek(_register_wvggz_melding(world, clock, NEW_MELDINGEN[1]))


def wipe(meldingen) -> None:
    """Remove the onderzoeken of the demo meldingen (they protect the meldingen)."""
    Onderzoek.objects.filter(melding__in=meldingen).delete()
