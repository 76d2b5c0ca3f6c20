"""bench/scale's options for the page benchmark (issue 17) on a tiny data set: more meldpunten,
hash-chained access-log rows, a busy casus, referrals, named te-triëren meldingen, presets."""

import pytest

from bench.scale.build import PRESETS, build, busy_casus_of, preset
from vangnet.accounts.models import User
from vangnet.audit import chain
from vangnet.audit.models import AccessLog
from vangnet.intake.models import Melding
from vangnet.network.models import Referral
from vangnet.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_page_benchmark_options_build_valid_data(monkeypatch):
    monkeypatch.setattr("bench.scale.build.ACCESS_BATCH", 400)
    res = build(
        persons=80,
        meldingen=120,
        seed=3,
        casus_share=0.4,
        attempts_per_casus=(1, 3),
        meldpunten=4,
        share_a=0.5,
        access_log=1_050,  # three batches
        busy_attempts=40,
        referrals=5,
        named_untriaged=1.0,
    )
    assert res.meldpunten == 4
    assert Organisation.objects.filter(name__startswith="Bench GGD ").count() == 4
    assert User.objects.filter(username__startswith="bench-bz-3-").count() == 20
    # every melding's meldpunt is a care organisation: none went to the partner
    assert not Melding.objects.filter(meldpunt__name="Bench partner").exists()
    assert res.access_log == AccessLog.objects.count() == 1_050
    assert chain.verify().ok
    busy = busy_casus_of(User.objects.get(username="bench-bemoeizorger"))
    assert busy.attempts.count() >= 40
    assert AccessLog.objects.filter(casus_id=str(busy.pk)).exists()
    assert res.referrals == Referral.objects.count() == 5
    untriaged = Melding.objects.filter(status=Melding.Status.TE_TRIEREN)
    assert untriaged.exists() and not untriaged.filter(surname="").exists()


def test_presets_scale_down():
    assert set(PRESETS) == {"demo", "region", "national"}
    trial = preset("national", 0.001)
    assert trial["persons"] == 1_000 and trial["meldingen"] == 2_000 and trial["meldpunten"] == 100
    assert preset("region")["access_log"] == 1_900_000
