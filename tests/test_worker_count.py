"""How many detection workers Tollgate starts when the policy does not say (see bench/workers.py)."""

from __future__ import annotations

import pytest

from tollgate.proxy.redaction_pool import default_workers


@pytest.mark.parametrize(("cores", "workers"), [(1, 2), (2, 2), (3, 2), (4, 3), (8, 7)])
def test_the_default_worker_count_leaves_a_core_to_the_proxy_and_keeps_two(
    cores: int, workers: int
) -> None:
    assert default_workers(cores) == workers


def test_the_default_worker_count_reads_the_cores_this_process_may_use(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("os.sched_getaffinity", lambda _pid: {0, 1, 2, 3, 4})
    monkeypatch.setattr("os.cpu_count", lambda: 64)
    assert default_workers() == 4
