"""Wvggz objects for tests/browser/test_accessibility.py, made on first use
(bram leads both onderzoeken; one open, one decided with an aanvraag)."""

import datetime

from django.utils import timezone

from vangnet.wvggz import services
from vangnet.wvggz.models import Outcome

from .helpers import answer_all, make_onderzoek


def wvggz_objects(s, p):
    if "wvggz" in s:
        return s["wvggz"]
    org = p["regisseur"].organisation
    now = timezone.now()
    open_one = make_onderzoek(
        org, p["meldpunt"], received_at=now - datetime.timedelta(days=9), lead=p["regisseur"], others=[p["duo"]]
    )
    answer_all(open_one, p["regisseur"])
    make_onderzoek(org, p["meldpunt"], received_at=now - datetime.timedelta(days=13))  # red, unassigned
    decided = make_onderzoek(org, p["meldpunt"], received_at=now - datetime.timedelta(days=5), lead=p["regisseur"])
    answer_all(decided, p["regisseur"])
    services.decide(decided, by=p["regisseur"], outcome=Outcome.AANVRAAG)
    s["wvggz"] = {"open": open_one, "decided": decided}
    return s["wvggz"]
