"""Each casus service writes its own access-log row, with the actor and the
context it is given, also without a request (issue 10: audit in the services)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.service_audit import CONTEXT, assert_row, new_rows
from vangnet.cases import services
from vangnet.cases.models import Phase

pytestmark = pytest.mark.django_db


def test_change_phase_writes_one_row(casus, users):
    with new_rows() as rows:
        services.change_phase(casus, Phase.VERKENNEN, by=users["duo"], context=CONTEXT)
    [row] = rows
    assert_row(row, users["duo"], action="U", object_type="casus", casus=casus, person=casus.person)
    assert row.reason == "casuslid" and row.detail == "fase gewijzigd naar verkennen"


def test_change_phase_refused_writes_none(casus, users):
    with new_rows() as rows, pytest.raises(ValidationError):
        services.change_phase(casus, Phase.AFGESLOTEN, by=users["duo"], context=CONTEXT)  # no reason
    assert rows == []


def test_contact_attempt_writes_one_row(casus, users):
    at = timezone.now() - timedelta(hours=1)
    with new_rows() as rows:
        services.log_contact_attempt(
            casus,
            at=at,
            type="huisbezoek",
            result="geen_gehoor",
            workers=[],
            with_police=False,
            note="",
            by=users["duo"],
            context=CONTEXT,
        )
    [row] = rows
    assert_row(row, users["duo"], action="C", object_type="casus", casus=casus)
    assert row.detail == "contactpoging vastgelegd"


def test_contact_attempt_refused_writes_none(casus, users):
    with new_rows() as rows, pytest.raises(ValidationError) as exc:
        services.log_contact_attempt(
            casus,
            at=timezone.now() + timedelta(days=1),
            type="huisbezoek",
            result="geen_gehoor",
            workers=[],
            with_police=False,
            note="",
            by=users["duo"],
            context=CONTEXT,
        )
    assert rows == [] and "at" in exc.value.message_dict  # keyed by the form field


def test_note_writes_one_row(casus, users):
    with new_rows() as rows:
        services.add_note(casus, text="Buurman belde.", by=users["bemoeizorger"], context=CONTEXT)
    [row] = rows
    assert_row(row, users["bemoeizorger"], action="C", object_type="casus", casus=casus)


def test_empty_note_writes_none(casus, users):
    with new_rows() as rows, pytest.raises(ValidationError) as exc:
        services.add_note(casus, text="  ", by=users["bemoeizorger"], context=CONTEXT)
    assert rows == [] and "text" in exc.value.message_dict


def test_update_members_writes_one_row(casus, users):
    with new_rows() as rows:
        services.update_members(
            casus,
            casusregisseur=users["bemoeizorger"],
            duo=[],
            by=users["teamleider"],
            expected_version=casus.version,
            context=CONTEXT,
        )
    [row] = rows
    assert_row(row, users["teamleider"], action="U", object_type="casus", casus=casus)
    assert row.detail == "casusleden gewijzigd"


def test_update_members_refused_writes_none(casus, users):
    with new_rows() as rows, pytest.raises(ValidationError) as exc:
        services.update_members(
            casus,
            casusregisseur=users["meldpunt"],
            duo=[],
            by=users["teamleider"],
            expected_version=casus.version,
            context=CONTEXT,
        )
    assert rows == [] and "casusregisseur" in exc.value.message_dict


APPS_WITH_ACTOR_SERVICES = ("cases", "intake", "triage", "network", "api", "worklists", "notifications")


@pytest.mark.django_db(databases=[])
@pytest.mark.parametrize("app", APPS_WITH_ACTOR_SERVICES)
def test_services_take_the_actor_not_the_request(app):
    """A service gets the acting user (and an AuditContext), never the HTTP request,
    so a task, a command or the API writes the same access-log row as a page."""
    import ast
    from pathlib import Path

    source = Path(__file__).resolve().parents[2] / "vangnet" / app / "services.py"
    takes_request = [
        node.name
        for node in ast.walk(ast.parse(source.read_text()))
        if isinstance(node, ast.FunctionDef) and "request" in [a.arg for a in node.args.args + node.args.kwonlyargs]
    ]
    assert takes_request == [], f"{app}/services.py: {takes_request}"


def test_start_or_reopen_casus_writes_its_own_casus_row(users, ggd, team):
    """Triage and the Wvggz outcome both start bemoeizorg through this one service,
    which writes the casus row (no copy in each caller)."""
    from tests.factories import PersonFactory

    person = PersonFactory()
    with new_rows() as rows:
        casus, created = services.start_or_reopen_casus(
            person=person,
            organisation=ggd,
            team=team,
            casusregisseur=users["bemoeizorger"],
            duo=[users["duo"]],
            by=users["meldpunt"],
            context=CONTEXT,
            cause="triage M-2026-00099",
            basis="triage",
        )
    assert created
    [row] = rows
    assert_row(row, users["meldpunt"], action="C", object_type="casus", casus=casus, person=person)
    assert (row.detail, row.reason) == ("casus gestart na triage M-2026-00099", "triage")

    with new_rows() as rows:
        again, created = services.start_or_reopen_casus(
            person=person,
            organisation=ggd,
            team=team,
            casusregisseur=users["bemoeizorger"],
            duo=[users["duo"]],
            by=users["meldpunt"],
            context=CONTEXT,
            cause="triage M-2026-00100",
        )
    assert again == casus and not created
    assert [r.detail for r in rows] == ["casus hervat na triage M-2026-00100"]
