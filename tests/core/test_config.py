"""All configuration is declared and documented (issue 10, item 8).

- Every environment variable the code reads is a row of README's Configuration table, and every
  row is read somewhere (no stale documentation).
- Every ``getattr(settings, "X", default)`` in vangnet/ names a setting declared in
  vangnet/settings.py, so the default lives in one place and an operator can find it.

The code is parsed (ast), not imported, so a variable read in a rarely used module counts too.
"""

import ast
import re
from pathlib import Path

import vangnet.settings as declared_settings

ROOT = Path(__file__).resolve().parents[2]

# Read by a library on our behalf rather than by os.environ in our code.
READ_BY_LIBRARIES = {"DATABASE_URL"}  # dj_database_url.config() in vangnet/settings.py


def source_files() -> list[Path]:
    files = [p for p in (ROOT / "vangnet").rglob("*.py") if "migrations" not in p.parts]
    return sorted(files + sorted((ROOT / "scripts").glob("*.py")))


def _is_environ(node: ast.expr) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == "environ") or (
        isinstance(node, ast.Name) and node.id == "environ"
    )


def _first_string(call: ast.Call) -> str | None:
    if call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str):
        return call.args[0].value
    return None


def env_var_names(tree: ast.AST) -> set[str]:
    """Names read with os.environ.get / os.environ[...] / os.getenv / env_bool-style helpers."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and (name := _first_string(node)):
            func = node.func
            if (
                (isinstance(func, ast.Attribute) and func.attr == "get" and _is_environ(func.value))
                or (isinstance(func, ast.Attribute) and func.attr == "getenv")
                or (
                    isinstance(func, ast.Name)
                    and (func.id == "getenv" or func.id == "env" or func.id.startswith("env_"))
                )
            ):
                names.add(name)
        elif (
            isinstance(node, ast.Subscript)
            and isinstance(node.ctx, ast.Load)
            and _is_environ(node.value)
            and isinstance(node.slice, ast.Constant)
            and isinstance(node.slice.value, str)
        ):
            names.add(node.slice.value)
    return names


def settings_getattr_names(tree: ast.AST) -> set[str]:
    """Names read with getattr(settings, "X", ...)."""
    return {
        node.args[1].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "getattr"
        and len(node.args) >= 2
        and isinstance(node.args[0], ast.Name)
        and node.args[0].id == "settings"
        and isinstance(node.args[1], ast.Constant)
        and isinstance(node.args[1].value, str)
    }


def code_env_vars() -> set[str]:
    names = set(READ_BY_LIBRARIES)
    for path in source_files():
        names |= env_var_names(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
    return names


def readme_env_vars(readme: str) -> set[str]:
    """The variable names in the first column of the table under '## Configuration'."""
    section = readme.split("\n## Configuration", 1)[1]
    section = re.split(r"\n#{2,3} ", section, maxsplit=1)[0]
    names: set[str] = set()
    for line in section.splitlines():
        if line.startswith("|") and not line.startswith("|---"):
            first_cell = line.split("|")[1]
            names |= set(re.findall(r"`([A-Z][A-Z0-9_]+)`", first_cell))
    return names


def test_the_scanner_finds_every_way_of_reading_the_environment():
    tree = ast.parse(
        "import os\n"
        "a = os.environ.get('A_GET', '1')\n"
        "b = os.environ['B_ITEM']\n"
        "c = os.getenv('C_GETENV')\n"
        "d = env_bool('D_BOOL', False)\n"
        "os.environ['NOT_READ'] = 'written, not read'\n"
    )
    assert env_var_names(tree) == {"A_GET", "B_ITEM", "C_GETENV", "D_BOOL"}
    # ...and on the real code it sees the variables read in settings.py in each way.
    assert {"SECRET_KEY", "VANGNET_TRUST_X_FORWARDED_FOR", "SESSION_IDLE_SECONDS"} <= code_env_vars()


def test_every_environment_variable_read_is_in_the_readme_configuration_table():
    documented = readme_env_vars((ROOT / "README.md").read_text(encoding="utf-8"))
    missing = sorted(code_env_vars() - documented)
    assert not missing, f"Read from the environment but not in README's Configuration table: {missing}"


def test_every_variable_in_the_readme_configuration_table_is_read():
    documented = readme_env_vars((ROOT / "README.md").read_text(encoding="utf-8"))
    stale = sorted(documented - code_env_vars())
    assert not stale, f"In README's Configuration table but read nowhere: {stale}"


def test_every_setting_read_with_a_default_is_declared_in_settings_py():
    read = set()
    for path in source_files():
        read |= settings_getattr_names(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
    assert "VANGNET_AUDIT_ALLOW_FLUSH" in read  # the scanner sees the real reads
    undeclared = sorted(name for name in read if not hasattr(declared_settings, name))
    assert not undeclared, f"getattr(settings, ...) of settings not declared in vangnet/settings.py: {undeclared}"
