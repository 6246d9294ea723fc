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
    """`tollgate --version` and `check` stay quick; only detection workers pay for presidio.

    Nor numpy (sqlite-utils imports it when it can) or Unicode's confusables
    table (8 MB): the proxy process holds neither.
    """
    import subprocess
    import sys

    heavy = ("presidio_analyzer", "spacy", "numpy", "confusable_homoglyphs")
    probe = f"import sys, {module}; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_folding_look_alike_letters_loads_no_confusables_table() -> None:
    """The table is built into redaction/data; the library's 8 MB stays at build time."""
    import subprocess
    import sys

    probe = (
        "import sys; from tollgate.redaction.normalize import normalized_view; "
        "print(normalized_view('\u0440\u0430ypal \u0458ane@example.com')[0], "
        "'confusable_homoglyphs' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "paypal jane@example.com False"
