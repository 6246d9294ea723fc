"""The report meets WCAG 2.1 AA, checked for real: axe-core in headless Chromium, and the Tab key.

Needs Chromium (Debian's `chromium`) and tests/a11y's node modules; `make
test` installs the modules and `.ci/run` the browser. Without them this test
fails and says what to install: it is never skipped.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import sample_log

from tollgate.proxy.report import build_report
from tollgate.proxy.report_html import as_html
from tollgate.storage.period_plan import plan_period

A11Y = Path(__file__).parent / "a11y"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def axe(url: str) -> dict:
    if CHROMIUM is None or not (A11Y / "node_modules" / "axe-core").is_dir():
        pytest.fail(
            "the accessibility check needs Chromium (apt-get install chromium) and "
            "tests/a11y's node modules (npm ci --prefix tests/a11y; `make test` runs it)"
        )
    result = subprocess.run(
        ["node", str(A11Y / "axe_check.mjs"), url],
        capture_output=True,
        text=True,
        timeout=180,
        env={"CHROMIUM": CHROMIUM, "PATH": "/usr/local/bin:/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def served(tmp_path: Path):  # type: ignore[no-untyped-def]
    log = sample_log(tmp_path / "audit.db")
    report = build_report(
        log,
        plan_period(log.db, "2026-11-01T00:00:00.000Z", "2026-11-28T00:00:00.000Z"),
        log.verify(),
        ("URL",),
    )
    log.close()
    (tmp_path / "report.html").write_text(as_html(report), encoding="utf-8")
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/report.html"
    server.shutdown()
    server.server_close()


def test_the_report_has_no_wcag_21_aa_violation_and_works_by_keyboard(served: str) -> None:
    found = axe(served)
    assert found["violations"] == [], json.dumps(found["violations"], indent=2)
    assert found["passes"] > 10  # axe really ran its rules
    assert found["offsite"] == []  # nothing fetched from elsewhere
    links = [step for step in found["reached"] if step["tag"] == "a"]
    assert len(links) == found["focusables"] == 13  # every section link, in order
    assert all(step["outlined"] for step in found["reached"])  # focus is visible
