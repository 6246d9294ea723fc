"""Imports go one way: config <- redaction, storage <- proxy; no generic top-level names."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
RULES = {
    "config": {
        "forbidden": {
            "tollgate.redaction",
            "tollgate.storage",
            "tollgate.proxy",
            "mitmproxy",
            "presidio_analyzer",
            "sqlite_utils",
            "sqlite3",
        }
    },
    "redaction": {
        "forbidden": {"tollgate.storage", "tollgate.proxy", "mitmproxy", "sqlite_utils", "sqlite3"}
    },
    "storage": {
        "forbidden": {
            "tollgate.redaction",
            "tollgate.proxy",
            "mitmproxy",
            "presidio_analyzer",
            "spacy",
        }
    },
}


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", sorted(RULES))
def test_package_imports_only_what_its_layer_allows(package: str) -> None:
    forbidden = RULES[package]["forbidden"]
    for path in (ROOT / package).glob("*.py"):
        for name in imported_modules(path):
            assert not any(name == f or name.startswith(f + ".") for f in forbidden), (
                f"{path.name} imports {name}"
            )


def test_code_imports_through_the_tollgate_namespace() -> None:
    for package in ("config", "redaction", "storage", "proxy"):
        for path in (ROOT / package).glob("*.py"):
            for name in imported_modules(path):
                assert name.split(".")[0] not in {"config", "redaction", "storage", "proxy"}, (
                    f"{path.name}: {name}"
                )


@pytest.mark.parametrize(
    "module", ["tollgate.proxy.cli", "tollgate.proxy.runner", "tollgate.proxy.governor"]
)
def test_the_cli_and_the_proxy_process_do_not_load_presidio_or_spacy(module: str) -> None:
    """`tollgate --version` and `check` stay quick; only detection workers pay for presidio."""
    import subprocess
    import sys

    probe = (
        f"import sys, {module}; "
        "print(sorted(m for m in ('presidio_analyzer', 'spacy') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
