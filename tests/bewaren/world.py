"""Objects for tests/test_permission_matrix.py's ``world``: a hold on the matrix casus placed
by the privacy officer, a dry-run report and a removal run (issue 16 part 3)."""

from vangnet.bewaren import services
from vangnet.bewaren.models import RetentionRun


def bewaren_world(people, objects):
    hold = services.place_hold(objects["casus"], reason="Klacht bij de tuchtrechter loopt", by=people["privacy"])
    report = services.write_report()
    run = RetentionRun.objects.create(report=None)
    return {"hold": hold, "retention_report": report, "retention_run": run}
