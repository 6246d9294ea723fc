"""The worker pool: detection in spawned processes, and recovery when a worker dies."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import time

import pytest

from tollgate.config.policy import Redaction
from tollgate.proxy.redaction_pool import RedactionPool, RedactionUnavailable
from tollgate.redaction import PayloadKind

# The pool talks to its workers on the loop that first used it, as in the
# proxy, where one loop runs for the process's life.
pytestmark = pytest.mark.asyncio(loop_scope="module")

BODY = json.dumps(
    {"model": "m", "messages": [{"role": "user", "content": "mail ann@client.io"}]}
).encode()
SLOW = json.dumps(  # long enough to keep a worker busy for a while
    {
        "model": "m",
        "messages": [{"role": "user", "content": "Ann Lee wrote ann@client.io. " * 12000}],
    }
).encode()


@pytest.fixture(scope="module")
def pool():  # type: ignore[no-untyped-def]
    pool = RedactionPool(Redaction(), workers=2)
    pool.start()
    yield pool
    pool.close()


async def redacts(pool: RedactionPool) -> bool:
    return (await pool.redact(BODY, PayloadKind.OPENAI_CHAT)).counts == {"EMAIL_ADDRESS": 1}


async def until_serving(pool: RedactionPool, workers: int, within_s: float = 60) -> float:
    started = time.monotonic()
    while pool.serving < workers:
        assert time.monotonic() - started < within_s, "the worker was not replaced"
        await asyncio.sleep(0.05)
    return time.monotonic() - started


async def test_workers_redact_off_the_event_loop(pool: RedactionPool) -> None:
    assert await redacts(pool)
    assert (await pool.scan("call (415) 867-5309"))[0].entity_type == "PHONE_NUMBER"


async def test_an_idle_worker_killed_costs_no_request(pool: RedactionPool) -> None:
    first, second = pool.pids()
    os.kill(first, signal.SIGKILL)
    await asyncio.sleep(0.3)  # the executor sees its process gone
    results = [await redacts(pool) for _ in range(10)]
    assert all(results)
    await until_serving(pool, 2)
    assert second in pool.pids() and first not in pool.pids()  # only the dead one replaced


async def test_a_worker_killed_mid_request_fails_that_request_only(pool: RedactionPool) -> None:
    await until_serving(pool, 2)
    victim = asyncio.create_task(pool.redact(SLOW, PayloadKind.OPENAI_CHAT))
    # (about a second of work: killed while at it, not after a guess at how long it takes)
    while not any(w.busy for w in pool._pool):
        await asyncio.sleep(0.01)
    await asyncio.sleep(0.1)
    busy = pool.pids()[[w.busy for w in pool._pool].index(1)]
    os.kill(busy, signal.SIGKILL)
    with pytest.raises(RedactionUnavailable, match="stopped unexpectedly"):
        await victim
    # the other worker answers at once, while the dead one is replaced
    started = time.monotonic()
    assert await redacts(pool)
    assert time.monotonic() - started < 1.0
    await until_serving(pool, 2)


async def test_with_every_worker_dead_calls_fail_closed_until_replaced(
    pool: RedactionPool,
) -> None:
    await until_serving(pool, 2)
    for pid in pool.pids():
        os.kill(pid, signal.SIGKILL)
    await asyncio.sleep(0.3)
    with pytest.raises(RedactionUnavailable):
        await pool.redact(BODY, PayloadKind.OPENAI_CHAT)
    assert await pool.readiness() is not None
    await until_serving(pool, 2)
    assert await redacts(pool) and await pool.readiness() is None


async def test_a_watched_pool_replaces_a_worker_that_dies_idle_before_any_call_needs_it() -> None:
    watched = RedactionPool(Redaction(), workers=2)
    await asyncio.to_thread(watched.start)
    try:
        watched.watch()
        first, second = watched.pids()
        os.kill(first, signal.SIGKILL)
        started = time.monotonic()  # no call is made: the death itself must be noticed
        while first in watched.pids() or watched.serving < 2:
            assert time.monotonic() - started < 60, "the dead worker was not replaced"
            await asyncio.sleep(0.05)
        assert watched.restarts == 1
        assert second in watched.pids() and first not in watched.pids()
        # and so the other worker dying next still leaves one to serve
        os.kill(second, signal.SIGKILL)
        await asyncio.sleep(0.3)
        assert await redacts(watched)
        await until_serving(watched, 2)
        assert watched.restarts == 2
    finally:
        watched.close()


async def test_calls_arriving_together_at_a_fresh_worker_each_get_their_own_answer() -> None:
    fresh = RedactionPool(Redaction(), workers=1)
    await asyncio.to_thread(fresh.start)
    try:
        bodies = [
            json.dumps({"model": "m", "messages": [{"role": "user", "content": f"mail a{n}@b.io"}]})
            for n in range(16)
        ]
        answers = await asyncio.gather(
            *(fresh.redact(body.encode(), PayloadKind.OPENAI_CHAT) for body in bodies)
        )
        assert [a.counts for a in answers] == [{"EMAIL_ADDRESS": 1}] * 16
        # each answer is its own request's: the placeholders stand for that request's address
        assert [sorted(a.originals.values()) for a in answers] == [
            [f"a{n}@b.io"] for n in range(16)
        ]
        assert fresh.restarts == 0
    finally:
        fresh.close()


async def test_workers_use_the_detector_built_before_they_were_forked(pool: RedactionPool) -> None:
    from tollgate.redaction.worker import detector_shared

    await until_serving(pool, 2)
    assert [await pool._run(detector_shared) for _ in range(4)] == [True] * 4


async def test_a_worker_grown_past_its_limit_is_swapped_for_a_fresh_one_with_no_refusal() -> None:
    from tollgate.redaction.worker import _running

    # One worker, so every call meets the grown one or its successor: a swap
    # that left no worker serving for a moment would refuse a call here.
    single = RedactionPool(Redaction(worker_max_growth_mb=2), workers=1)
    await asyncio.to_thread(single.start)
    try:
        single.watch()
        (first,) = single.pids()
        assert all([await redacts(single) for _ in range(20)])  # small calls: no growth to speak of
        assert single.pids() == [first] and single.recycles == 0

        slow = asyncio.create_task(single.redact(SLOW, PayloadKind.OPENAI_CHAT))
        answers, started = [], time.monotonic()
        while single.pids() == [first] or not slow.done():
            assert time.monotonic() - started < 60, "the grown worker was not replaced"
            answers.append(await redacts(single))
        assert (await slow).counts == {"PERSON": 12000, "EMAIL_ADDRESS": 12000}
        assert answers and all(answers)  # every call during the swap was served
        (second,) = single.pids()
        assert second != first and single.recycles == 1 and single.restarts == 0
        while _running(first):  # the grown one ends once it has answered all it held
            assert time.monotonic() - started < 60, "the grown worker did not end"
            await asyncio.sleep(0.05)
        assert await redacts(single) and single.pids() == [second]
    finally:
        single.close()


async def test_ordinary_requests_leave_workers_under_the_default_memory_limit(
    pool: RedactionPool,
) -> None:
    await until_serving(pool, 2)
    before = pool.pids()
    for _ in range(3):  # a third of a megabyte of text, three times
        await pool.redact(SLOW, PayloadKind.OPENAI_CHAT)
    assert pool.recycles == 0 and pool.pids() == before


_GROWTH = """
from tollgate.redaction.worker import _GrowthWatch

limited, unlimited = _GrowthWatch(4), _GrowthWatch(0)
assert not limited() and not unlimited()
held = b"x" * (8 * 2**20)  # eight megabytes written: pages this process now holds
assert limited() and not unlimited()
del held
assert not limited()  # a large allocation given back is no growth
"""


async def test_a_worker_measures_growth_from_its_start_and_never_with_a_limit_of_0() -> None:
    import subprocess
    import sys

    # In a fresh process, as a worker is: this one's heap may already hold
    # freed pages that eight megabytes would reuse without growing.
    done = subprocess.run([sys.executable, "-c", _GROWTH], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
