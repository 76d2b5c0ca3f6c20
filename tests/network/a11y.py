"""Network objects for tests/browser/test_accessibility.py, made on first use
from that test's scenario (a casus of bram/dewi and the wijkagent partner)."""

import datetime

from django.utils import timezone

from tests.factories import CasusFactory
from vangnet.cases.models import CaseMember
from vangnet.network import services
from vangnet.network.models import FollowUp

from .factories import ServiceFactory, propose, to_in_care


def network_objects(s, p):
    if "network" in s:
        return s["network"]
    police = p["partner"].organisation
    service = ServiceFactory(organisation=police, name="Zorg- en veiligheidsloket", type="anders")
    proposed = propose(
        s["casus"], service, p["regisseur"], parts=("personalia", "contact", "situatie", "hulpvraag", "risico")
    )
    accepted = propose(s["casus"], ServiceFactory(organisation=police, name="Wijkagent-overleg"), p["regisseur"])
    services.accept_referral(accepted, by=p["partner"], intake_date=timezone.localdate())
    other = CasusFactory(organisation=s["casus"].organisation, casusregisseur=p["regisseur"], person=s["person"])
    CaseMember.objects.create(casus=other, user=p["duo"], role=CaseMember.Role.DUO)
    in_care = to_in_care(propose(other, service, p["regisseur"]), p["regisseur"], p["partner"])
    due = in_care.follow_ups.get(key="2w")
    FollowUp.objects.filter(pk=due.pk).update(due_date=timezone.localdate() - datetime.timedelta(days=1))
    no = in_care.follow_ups.get(key="3m")
    services.answer_follow_up(no, by=p["regisseur"], answer="nee", note="Komt niet meer op afspraken")
    services.refuse_referral(
        propose(other, ServiceFactory(organisation=police, name="Buurtteam"), p["regisseur"]),
        by=p["partner"],
        reason="doelgroep",
    )
    s["network"] = {
        "service": service,
        "proposed": proposed,
        "accepted": accepted,
        "in_care": in_care,
        "due": due,
        "no": no,
    }
    return s["network"]
