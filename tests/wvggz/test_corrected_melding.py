"""A corrected arrival moment of the melding moves the 14-day term of its open
onderzoek (issue 12 item 1: norms use the corrected values); a decided one keeps
the term it was decided in."""

import datetime

import pytest
import time_machine

from vangnet.intake import services as intake
from vangnet.wvggz.models import Onderzoek, Status

from .helpers import local, make_onderzoek

pytestmark = pytest.mark.django_db


def correct_received_at(onderzoek, by, moment):
    melding = onderzoek.melding
    melding.refresh_from_db()
    intake.correct_melding(
        melding,
        values={"received_at": moment},
        categories=None,
        reason="De melding kwam een dag eerder binnen",
        by=by,
        expected_version=melding.version,
    )


def test_a_corrected_arrival_moves_the_term_of_the_open_onderzoek(ggd, users):
    with time_machine.travel(local(2026, 3, 3, 9, 0), tick=False):
        onderzoek = make_onderzoek(ggd, users["meldpunt"], received_at=local(2026, 3, 2, 10, 0))
        assert onderzoek.deadline == datetime.date(2026, 3, 16)
        correct_received_at(onderzoek, users["meldpunt"], local(2026, 3, 1, 10, 0))
    assert Onderzoek.objects.get(pk=onderzoek.pk).deadline == datetime.date(2026, 3, 15)


def test_a_decided_onderzoek_keeps_its_term(ggd, users):
    with time_machine.travel(local(2026, 3, 3, 9, 0), tick=False):
        onderzoek = make_onderzoek(ggd, users["meldpunt"], received_at=local(2026, 3, 2, 10, 0))
        Onderzoek.objects.filter(pk=onderzoek.pk).update(status=Status.AFGEROND)
        correct_received_at(onderzoek, users["meldpunt"], local(2026, 3, 1, 10, 0))
    assert Onderzoek.objects.get(pk=onderzoek.pk).deadline == datetime.date(2026, 3, 16)


def test_a_correction_of_another_field_leaves_the_term(ggd, users):
    with time_machine.travel(local(2026, 3, 3, 9, 0), tick=False):
        onderzoek = make_onderzoek(ggd, users["meldpunt"], received_at=local(2026, 3, 2, 10, 0))
        Onderzoek.objects.filter(pk=onderzoek.pk).update(deadline=datetime.date(2026, 3, 20))
        melding = onderzoek.melding
        melding.refresh_from_db()
        intake.correct_melding(
            melding,
            values={"surname": "Vissers"},
            categories=None,
            reason="Achternaam verkeerd gespeld",
            by=users["meldpunt"],
            expected_version=melding.version,
        )
    assert Onderzoek.objects.get(pk=onderzoek.pk).deadline == datetime.date(2026, 3, 20)
