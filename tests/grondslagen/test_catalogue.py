"""The catalogue of tasks and grounds is complete configuration: every task has its
purpose, data categories, recipients and grounds (each with an article of law), and
the referral's legal grounds are the catalogue's."""

from vangnet.grondslagen import catalogue
from vangnet.grondslagen.catalogue import CATALOGUE, Ground, Task
from vangnet.network.models import LegalGround


def test_every_task_is_described_for_the_register_of_processing():
    assert set(CATALOGUE) == set(Task)
    for task, spec in CATALOGUE.items():
        assert spec.task == task
        assert str(spec.purpose) and spec.data_categories and spec.recipients
        assert spec.grounds and spec.default_ground in [f.ground for f in spec.grounds]
        for fit in spec.grounds:
            assert str(fit.explanation) and fit.article


def test_grounds_fit_their_task():
    assert catalogue.grounds_for(Task.TOELEIDING)[0] == Ground.WETTELIJK
    assert catalogue.fits("toeleiding", "toestemming")
    assert not catalogue.fits("wvggz", "toestemming")
    assert not catalogue.fits("wvggz", "onzin") and not catalogue.fits("onzin", "wettelijk")
    assert "Wvggz art. 5:2" in dict(catalogue.ground_choices("wvggz"))["wettelijk"]


def test_the_referral_uses_the_catalogue_grounds():
    assert LegalGround is Ground
