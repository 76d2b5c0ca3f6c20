from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from vangnet.cases.models import CaseMember, ContactAttempt
from vangnet.cases.services import refresh_has_contact_attempt

AMS = ZoneInfo("Europe/Amsterdam")
# Thursday 7 May 2026, 10:00: the Tuesday before was Bevrijdingsdag.
NOW = datetime(2026, 5, 7, 10, 0, tzinfo=AMS)


def local(*args):
    return datetime(*args, tzinfo=AMS)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def add_attempt(casus, at, result="geen_gehoor"):
    attempt = ContactAttempt.objects.create(
        casus=casus, at=at, type="huisbezoek", result=result, created_by=casus.casusregisseur
    )
    refresh_has_contact_attempt([casus.pk])  # as cases.services.log_contact_attempt does
    return attempt


def add_member(casus, user, role=CaseMember.Role.DUO):
    return CaseMember.objects.get_or_create(casus=casus, user=user, defaults={"role": role})[0]
