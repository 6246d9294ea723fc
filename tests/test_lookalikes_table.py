"""The look-alike table shipped in redaction/data is Unicode's confusables data, as built."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from tollgate.redaction.normalize import _lookalikes

TOOL = Path(__file__).resolve().parent.parent / "tools" / "build_lookalikes.py"


def _build_tool():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("build_lookalikes", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_table_is_what_the_library_gives_today() -> None:
    """Rebuilt from the installed library, the table is the one detection reads:
    a newer confusables release or an edit to either side shows here."""
    assert _lookalikes() == _build_tool().lookalikes()


def test_the_table_folds_the_look_alikes_attacks_use() -> None:
    fold = _lookalikes()
    assert len(fold) > 1_000
    assert {fold[c] for c in "аеорс"} == set("aeopc")  # Cyrillic
    assert fold["ᴍ"] == "m" and fold["🅹"] == "j" and fold["🇯"] == "j"
    assert all(len(c) == 1 and not c.isascii() and t.isascii() for c, t in fold.items())
