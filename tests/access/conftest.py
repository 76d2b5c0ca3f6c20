"""A small world with every relationship the access rules distinguish."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from tests.factories import CasusFactory, MeldingFactory, OrganisationFactory, PersonFactory, UserFactory
from vangnet.access.models import BreakGlassGrant
from vangnet.accounts.models import Role


def grant(user, person, *, created_ago=timedelta(minutes=5), expires_in=timedelta(hours=3)):
    now = timezone.now()
    return BreakGlassGrant.objects.create(
        user=user,
        person=person,
        reason="Test: dringend nodig",
        created_at=now - created_ago,
        expires_at=now + expires_in,
    )


@pytest.fixture
def world(users, ggd, other_org):
    third_org = OrganisationFactory(name="Derde organisatie")
    u = dict(users)
    u["consultant_nm"] = UserFactory(username="consultant_nm", role=Role.CONSULTANT, organisation=ggd)
    u["other_org_bz"] = UserFactory(username="other_org_bz", role=Role.BEMOEIZORGER, organisation=other_org)
    u["tl_member"] = UserFactory(username="tl_member", role=Role.TEAMLEIDER, organisation=third_org)
    u["bg_active"] = UserFactory(username="bg_active", role=Role.MELDPUNT, organisation=ggd)
    u["bg_expired"] = UserFactory(username="bg_expired", role=Role.MELDPUNT, organisation=ggd)
    u["bg_overlong"] = UserFactory(username="bg_overlong", role=Role.MELDPUNT, organisation=ggd)
    u["bg_wrong_role"] = UserFactory(
        username="bg_wrong_role", role=Role.BEMOEIZORGER, organisation=OrganisationFactory(name="Vierde organisatie")
    )
    u["inactive"] = UserFactory(username="inactive", role=Role.MELDPUNT, organisation=ggd, is_active=False)
    u["no_org"] = UserFactory(username="no_org", role=Role.MELDPUNT, organisation=None)

    p_own = PersonFactory(surname="Eigen", bsn="111222333")
    p_meld = PersonFactory(surname="Alleenmelding")
    p_other = PersonFactory(surname="Elders")
    casus_own = CasusFactory(
        person=p_own,
        organisation=ggd,
        casusregisseur=u["bemoeizorger"],
        members=[u["duo"], u["consultant"], u["tl_member"]],
    )
    melding_own = MeldingFactory(meldpunt=ggd, person=p_own, casus=casus_own, created_by=u["meldpunt"])
    melding_meld = MeldingFactory(meldpunt=ggd, person=p_meld, created_by=u["meldpunt"])
    casus_other = CasusFactory(person=p_other, organisation=other_org, casusregisseur=u["other_org_bz"])
    melding_other = MeldingFactory(
        meldpunt=other_org, person=p_other, casus=casus_other, created_by=u["other_meldpunt"]
    )
    partner_melding = MeldingFactory(meldpunt=ggd, created_by=u["partner"], channel="partner")

    grant(u["bg_active"], p_other)
    grant(u["bg_expired"], p_other, created_ago=timedelta(hours=5), expires_in=timedelta(hours=-1))
    # expires_at far in the future, but given 5 hours ago: never longer than 4 hours.
    grant(u["bg_overlong"], p_other, created_ago=timedelta(hours=5), expires_in=timedelta(days=3))
    # A grant for a role that may not break the glass counts for nothing.
    grant(u["bg_wrong_role"], p_own)

    objects = {
        "p_own": p_own,
        "p_meld": p_meld,
        "p_other": p_other,
        "casus_own": casus_own,
        "casus_other": casus_other,
        "melding_own": melding_own,
        "melding_meld": melding_meld,
        "melding_other": melding_other,
        "partner_melding": partner_melding,
    }
    return SimpleNamespace(users=u, objects=objects, third_org=third_org, **objects)
