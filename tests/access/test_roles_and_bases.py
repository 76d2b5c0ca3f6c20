"""Roles and access bases in one place each (issue 10): the role groups live in
vangnet.accounts.roles, every basis text is defined once (in a policies module),
and no app spells a basis or a role tuple out again."""

import importlib
import pathlib
import re

import pytest

from vangnet.accounts import roles

POLICY_MODULES = [
    "vangnet.access.policies",
    "vangnet.cases.policies",
    "vangnet.inbeeld.policies",
    "vangnet.network.policies",
    "vangnet.overleg.policies",
    "vangnet.persons.policies",
    "vangnet.procesregie.policies",
    "vangnet.wvggz.policies",
]
VANGNET = pathlib.Path(__file__).resolve().parents[2] / "vangnet"


def _sources():
    for path in VANGNET.rglob("*.py"):
        if "migrations" not in path.parts and "demo" not in path.parts:
            yield path, path.read_text(encoding="utf-8")


def _bases() -> dict[str, str]:
    """Every BASIS_* text defined in a policies module (re-exports counted once)."""
    found: dict[str, str] = {}
    for name in POLICY_MODULES:
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            if attr.startswith("BASIS_") and isinstance(value, str):
                found.setdefault(value, f"{name}.{attr}")
    return found


def test_every_basis_text_is_defined_once():
    definitions = []
    for path, text in _sources():
        definitions += [
            (m.group(2), f"{path.name}:{m.group(1)}") for m in re.finditer(r"^(BASIS_\w+) = \"([^\"]+)\"", text, re.M)
        ]
    texts = [t for t, _ in definitions]
    assert len(texts) == len(set(texts)), sorted(d for d in definitions if texts.count(d[0]) > 1)


@pytest.mark.parametrize("basis", sorted(_bases()))
def test_no_basis_is_spelled_out_in_a_call(basis):
    spelled = [str(p.relative_to(VANGNET)) for p, text in _sources() if f'reason="{basis}"' in text]
    assert spelled == []


def test_no_app_spells_out_a_tuple_of_roles():
    pattern = re.compile(r"\(\s*Role\.\w+\s*,\s*Role\.\w+")
    offenders = [str(p.relative_to(VANGNET)) for p, text in _sources() if pattern.search(text) and p.name != "roles.py"]
    assert offenders == []


def test_groups_are_made_of_roles():
    for group in (
        roles.STAFF,
        roles.ORGANISATION_WIDE,
        roles.CASE_WORKERS,
        roles.CARE_TEAM,
        roles.CONSULTANTS,
        roles.MELDER_CONTACTS,
        roles.MELDING_SENDERS,
        roles.SOCIALE_KAART_EDITORS,
        roles.DATA_ACCESS,
    ):
        assert set(group) <= set(roles.Role)
    assert roles.Role.PARTNER not in roles.STAFF and roles.Role.BEHEERDER not in roles.DATA_ACCESS
    assert set(roles.ALL) == set(roles.Role)
