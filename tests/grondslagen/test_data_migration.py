"""The data migration records the task and ground of the casussen that existed
before this app: Wvggz for a casus of a Wvggz onderzoek, toeleiding otherwise, on
the legal task."""

from importlib import import_module

import pytest
from django.apps import apps

from tests.factories import CasusFactory
from tests.wvggz.helpers import make_onderzoek
from vangnet.grondslagen import services
from vangnet.grondslagen.models import CasusGrondslag

pytestmark = pytest.mark.django_db
migration = import_module("vangnet.grondslagen.migrations.0002_existing_casussen")


def test_existing_casussen_get_their_default_recorded(casus, ggd, users):
    wvggz_casus = CasusFactory(organisation=ggd, casusregisseur=users["bemoeizorger"])
    onderzoek = make_onderzoek(ggd, users["meldpunt"], person=wvggz_casus.person)
    type(onderzoek).objects.filter(pk=onderzoek.pk).update(casus=wvggz_casus)
    migration.record_defaults(apps, None)
    rows = {r.casus_id: (r.task, r.ground, r.version) for r in CasusGrondslag.objects.all()}
    assert rows == {casus.pk: ("toeleiding", "wettelijk", 1), wvggz_casus.pk: ("wvggz", "wettelijk", 1)}
    # From then on the stored row is the basis (version 1) and a change needs that version.
    assert services.current_basis(casus).version == 1
