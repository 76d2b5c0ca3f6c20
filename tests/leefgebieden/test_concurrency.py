"""Two pictures of the same casus and day at the same moment (two workers, or a
double submit that races): one picture is stored, the other request is told on the
date field; never two pictures, never a 500. Real threads, on both databases."""

import pytest
from django.core.exceptions import ValidationError

from tests.core.concurrent_db import ensure_reference_data, in_thread, run_together, shared_database
from vangnet.cases.models import Casus
from vangnet.leefgebieden import services
from vangnet.leefgebieden.models import Assessment

from .conftest import days_ago


@pytest.fixture
def reference_rows(transactional_db):
    ensure_reference_data()


@pytest.mark.django_db(transaction=True)
def test_two_pictures_of_one_day_at_once_one_is_stored(reference_rows, casus, users):
    def picture(by, score):
        def go():
            fresh = Casus.objects.select_related("person").get(pk=casus.pk)
            return services.record_picture(fresh, assessed_on=days_ago(1), scores={"wonen": (score, "")}, by=by)

        return go

    with shared_database():
        results = run_together(picture(users["bemoeizorger"], 2), picture(users["duo"], 4))
        stored = in_thread(lambda: Assessment.objects.count())
    won = [r for r in results if isinstance(r, Assessment)]
    told = [r for r in results if isinstance(r, ValidationError)]
    assert (len(won), len(told)) == (1, 1), results
    assert told[0].error_dict["assessed_on"][0].code == "same_day"
    assert stored == 1
