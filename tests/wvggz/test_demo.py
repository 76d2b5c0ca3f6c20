from io import StringIO

import pytest
from django.core.management import call_command

from vangnet.wvggz.deadlines import AMBER, GREEN, RED, term_state
from vangnet.wvggz.models import Onderzoek


@pytest.mark.django_db
def test_demo_has_open_onderzoeken_in_every_colour_and_one_decided(settings):
    settings.VANGNET_DEMO = True
    call_command("load_demo", stdout=StringIO())
    open_colours = {term_state(o.deadline).rag for o in Onderzoek.objects.filter(status="open")}
    assert open_colours == {GREEN, AMBER, RED}
    decided = Onderzoek.objects.get(status="afgerond")
    assert decided.outcome == "aanvraag" and decided.request_sent_at and decided.melder_informed_how == "brief"
    assert decided.decided_at.date() <= decided.deadline
    assert Onderzoek.objects.filter(worker_rows__isnull=True, status="open").count() == 1
