"""Architecture: views fetch personal data only through vangnet.access.guards.

A view that calls ``get_object_or_404`` or fetches one personal-data record by
its id itself (``Model.objects.get(...)``, ``Model.objects.filter(pk=...).first()``)
can forget the access rule or the access-log row; this test fails on it. The
personal-data models are the ones in the guard's registry plus their close
relatives below."""

import ast
from pathlib import Path

import pytest
from django.apps import apps

from vangnet.access import guards

ROOT = Path(__file__).resolve().parents[2]
FEATURE_APPS = [
    "cases",
    "intake",
    "triage",
    "persons",
    "network",
    "wvggz",
    "inbeeld",
    "overleg",
    "procesregie",
    "worklists",
    "api",
    "access",
]
# Records that hold personal data but are reached through a registered kind.
RELATED = {
    "triage.TriageDecision",
    "cases.CaseNote",
    "cases.ContactAttempt",
    "cases.CaseMember",
    "persons.PersonAlias",
    "persons.PersonAddress",
    "network.StatusMessage",
    "inbeeld.InBeeldQuestion",
    "wvggz.Answer",
    "procesregie.Decision",
    "overleg.AgendaShare",
    # Earlier values of corrected records (issue 12) and forms kept after a session expiry.
    "intake.MeldingRevision",
    "cases.ContactAttemptRevision",
    "cases.CaseNoteRevision",
    "accounts.FormDraft",
    # issue 15 part 4: the crisis card of a casus' person and its versions, reached through the casus.
    "crisis.CrisisCard",
    "crisis.CrisisCardVersion",
    # issue 16 part 4: the free texts of an inzage, reached through the inzage.
    "inzage.InzageItem",
}
FETCH_ONE = {"get", "first", "last", "earliest", "latest", "get_or_create", "update_or_create"}
NOT_A_RECORD = {"values", "values_list", "exists", "count", "aggregate"}
BY_ID = {"pk", "id", "pk__exact", "id__exact"}


def personal_models() -> set[str]:
    return guards.personal_data_models() | RELATED


def _imported_models(tree: ast.Module, app_label: str) -> dict[str, str]:
    """Local name -> "app_label.Model" for the models a views module imports."""
    names = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom) or not (node.module or "").endswith("models"):
            continue
        module = node.module or ""
        if node.level:  # from .models import X
            label = app_label
        else:  # from vangnet.cases.models import Casus
            parts = module.split(".")
            label = parts[-2] if len(parts) >= 2 else ""
        for alias in node.names:
            try:
                model = apps.get_model(label, alias.name)
            except (LookupError, ValueError):
                continue
            names[alias.asname or alias.name] = model._meta.label
    return names


def _chain(node):
    """The calls of a chain like A.objects.filter(...).first(), outermost first, and its root."""
    calls = []
    while True:
        if isinstance(node, ast.Call):
            calls.append(node)
            node = node.func
        elif isinstance(node, ast.Attribute):
            node = node.value
        else:
            return calls, node


def violations(source: str, app_label: str) -> list[str]:
    tree = ast.parse(source)
    models = _imported_models(tree, app_label)
    personal = personal_models()
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if name in ("get_object_or_404", "get_list_or_404"):
            found.append(f"line {node.lineno}: {name}")
            continue
        if not isinstance(func, ast.Attribute) or func.attr not in FETCH_ONE:
            continue
        calls, root = _chain(node)
        methods = [c.func.attr for c in calls if isinstance(c.func, ast.Attribute)]
        if set(methods) & NOT_A_RECORD:
            continue
        # The chain must start at <PersonalModel>.objects.
        if not (isinstance(root, ast.Name) and models.get(root.id) in personal):
            continue
        by_id = func.attr == "get" or any(kw.arg in BY_ID for c in calls for kw in c.keywords)
        if by_id:
            found.append(f"line {node.lineno}: {root.id}.objects...{func.attr}() by id")
    return found


def _views():
    for app in FEATURE_APPS:
        path = ROOT / "vangnet" / app / "views.py"
        if path.exists():
            yield app, path


@pytest.mark.parametrize(("app", "path"), list(_views()), ids=[app for app, _ in _views()])
def test_views_fetch_personal_data_only_through_the_guard(app, path):
    assert violations(path.read_text(), app) == [], (
        f"{path.relative_to(ROOT)}: fetch personal data with vangnet.access.guards.fetch"
    )


def test_the_check_itself_catches_the_forbidden_shapes():
    bad = """
from django.shortcuts import get_object_or_404
from vangnet.cases.models import Casus
from vangnet.persons.models import Person as P
from .models import Referral

def a(request, pk):
    return Casus.objects.get(pk=pk)
def b(request, pk):
    return get_object_or_404(P, pk=pk)
def c(request, pk):
    return Referral.objects.select_related("casus").filter(pk=pk).first()
def d(request, pk):
    return P.objects.filter(id=pk).last()
"""
    assert len(violations(bad, "network")) == 4


def test_the_check_lets_the_allowed_shapes_pass():
    good = """
from vangnet.intake.models import Melding
from .models import Service

def a(request, pk):
    version = Melding.objects.filter(pk=pk).values_list("version", flat=True).first()  # a number, not a record
    service = Service.objects.get(pk=pk)  # sociale kaart: not personal data
    latest = Melding.objects.filter(created_by=request.user).first()  # a list's first row, not a fetch by id
    return version, service, latest
"""
    assert violations(good, "network") == []
