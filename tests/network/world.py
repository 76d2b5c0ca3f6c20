"""Objects for tests/test_permission_matrix.py's ``world``: a voorziening of the
police organisation (so the matrix's partner users are the receiving partner),
a referral to it from the matrix casus, and a due follow-up."""

import datetime

from django.utils import timezone

from tests.factories import CasusFactory
from vangnet.cases.models import CaseMember
from vangnet.network import services
from vangnet.network.models import FollowUp

from .factories import ServiceFactory, propose, to_in_care


def network_world(people, objects):
    # A second casus with the same team: "in zorg" moves its phase to nazorg,
    # which must not change the matrix casus that other rows use.
    casus = CasusFactory(organisation=objects["casus"].organisation, casusregisseur=people["regisseur"])
    CaseMember.objects.create(casus=casus, user=people["duo"], role=CaseMember.Role.DUO)
    police = people["partner"].organisation
    service = ServiceFactory(organisation=police, name="Zorg- en veiligheidsloket", type="anders")
    referral = propose(objects["casus"], service, people["regisseur"])
    done = propose(casus, ServiceFactory(organisation=police, name="Wijkagent-overleg"), people["regisseur"])
    to_in_care(done, people["regisseur"], people["partner"])
    follow_up = done.follow_ups.get(key="2w")
    FollowUp.objects.filter(pk=follow_up.pk).update(due_date=timezone.localdate() - datetime.timedelta(days=1))
    services.answer_follow_up(done.follow_ups.get(key="3m"), by=people["regisseur"], answer="nee")
    return {
        "service": service,
        "referral": referral,
        "follow_up": follow_up,
        "follow_up_no": done.follow_ups.get(key="3m"),
    }
