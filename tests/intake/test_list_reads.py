"""The meldingen list writes the read rows of a page in one insert, each row with its own
basis (meldpunt, member, organisation), so a page with rows of three bases costs the same
queries as a page with rows of one; and the page's ids and rows come in one query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import CasusFactory, MeldingFactory
from vangnet.access import policies
from vangnet.audit.models import AccessLog

pytestmark = pytest.mark.django_db

URL = reverse("intake:list")


def _page(client, params=None):
    before = AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL, params or {})
    assert response.status_code == 200
    logged = {r.melding_id: r for r in AccessLog.objects.filter(pk__gt=before, action=AccessLog.Action.READ)}
    return len(ctx.captured_queries), [m.pk for m in response.context["rows"]], logged


def test_rows_of_three_bases_are_one_insert_with_each_rows_basis(users, login, ggd, other_org):
    tl = users["teamleider"]
    own = [MeldingFactory(meldpunt=ggd) for _ in range(3)]
    client = login(tl)
    client.get(URL)  # warm the session and the norms row
    one_basis, shown, logged = _page(client)
    assert set(shown) == {m.pk for m in own}
    assert {r.reason for r in logged.values()} == {policies.BASIS_MELDPUNT}

    member_casus = CasusFactory(organisation=other_org, members=[tl])
    org_casus = CasusFactory(organisation=ggd)
    via_member = MeldingFactory(meldpunt=other_org, casus=member_casus)
    via_org = MeldingFactory(meldpunt=other_org, casus=org_casus)
    three_bases, shown, logged = _page(client)
    assert set(shown) == {m.pk for m in own} | {via_member.pk, via_org.pk}
    assert {pk: r.reason for pk, r in logged.items()} == {
        **{str(m.pk): policies.BASIS_MELDPUNT for m in own},
        str(via_member.pk): policies.BASIS_MEMBER,
        str(via_org.pk): policies.BASIS_ORGANISATION,
    }
    assert {r.detail for r in logged.values()} == {"overzicht meldingen"}
    assert three_bases == one_basis


@pytest.mark.parametrize("sort", ["urgentie", "-ontvangen", "kenmerk", "gemeente", "-status", "-urgentie"])
def test_the_page_shows_the_rows_of_the_sorted_ids_in_their_order(users, login, ggd, sort):
    from django.http import QueryDict

    from vangnet.intake import filters

    for _ in range(30):
        MeldingFactory(meldpunt=ggd)
    client = login(users["meldpunt"])
    for page in ("1", "2"):
        data = QueryDict(mutable=True)
        data.update({"sorteer": sort})
        _fs, qs = filters.meldingen_list(users["meldpunt"], data)
        assert qs is not None
        expected = list(qs.values_list("pk", flat=True))[(int(page) - 1) * 25 : int(page) * 25]
        _n, shown, _logged = _page(client, {"sorteer": sort, "pagina": page})
        assert shown == expected
