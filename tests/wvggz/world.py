"""Objects for tests/test_permission_matrix.py (one line there calls wvggz_world)."""

from vangnet.wvggz.models import Outcome

from .helpers import answer_all, make_onderzoek


def wvggz_world(people, objects) -> dict:
    org = people["regisseur"].organisation
    onderzoek = make_onderzoek(org, people["meldpunt"], lead=people["regisseur"], others=[people["duo"]])
    decided = make_onderzoek(org, people["meldpunt"], lead=people["regisseur"], others=[people["duo"]])
    answer_all(decided, people["regisseur"])
    from vangnet.wvggz import services

    services.decide(decided, by=people["regisseur"], outcome=Outcome.AANVRAAG)
    return {"wvggz_onderzoek": onderzoek, "wvggz_aanvraag": decided}
