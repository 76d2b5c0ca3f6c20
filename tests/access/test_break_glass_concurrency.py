"""The daily break-glass cap holds when requests arrive at once: the user's row
is locked while her grants of today are counted."""

import pytest
from django.test import RequestFactory

from tests.core.concurrent_db import in_thread, run_together, shared_database
from tests.factories import OrganisationFactory, PersonFactory, UserFactory
from vangnet.access import services
from vangnet.access.models import BreakGlassGrant
from vangnet.accounts.models import Role
from vangnet.audit.services import AuditContext


@pytest.mark.django_db(transaction=True)
def test_parallel_requests_get_no_more_grants_than_the_daily_limit(settings):
    settings.VANGNET_BREAK_GLASS_DAILY_LIMIT = 2
    user = UserFactory(role=Role.MELDPUNT, organisation=OrganisationFactory(name="Meldpunt parallel"))
    persons = [PersonFactory(surname=f"Parallel{i}") for i in range(6)]

    def attempt(person):
        def go():
            request = RequestFactory().post("/noodtoegang/", REMOTE_ADDR="192.0.2.9")
            return services.break_the_glass(
                person, "Politie aan de deur, identiteit nodig", by=user, context=AuditContext.from_request(request)
            )

        return go

    with shared_database():
        results = run_together(*(attempt(p) for p in persons))
        stored = in_thread(lambda: BreakGlassGrant.objects.filter(user=user).count())
    granted = [r for r in results if isinstance(r, BreakGlassGrant)]
    refused = [r for r in results if isinstance(r, services.BreakGlassLimitReached)]
    assert (len(granted), len(refused)) == (2, 4), results
    assert stored == 2
