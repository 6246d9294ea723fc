"""The worker pool: detection in spawned processes, and recovery when a worker dies."""

from __future__ import annotations

import json
import os
import signal

import pytest

from tollgate.config.policy import Redaction
from tollgate.proxy.redaction_pool import RedactionPool, RedactionUnavailable
from tollgate.redaction import PayloadKind

BODY = json.dumps(
    {"model": "m", "messages": [{"role": "user", "content": "mail ann@client.io"}]}
).encode()


@pytest.fixture(scope="module")
def pool():  # type: ignore[no-untyped-def]
    pool = RedactionPool(Redaction(), workers=1)
    pool.start()
    yield pool
    pool.close()


async def test_workers_redact_off_the_event_loop(pool: RedactionPool) -> None:
    result = await pool.redact(BODY, PayloadKind.OPENAI_CHAT)
    assert result.counts == {"EMAIL_ADDRESS": 1}
    assert (await pool.scan("call (415) 867-5309"))[0].entity_type == "PHONE_NUMBER"


async def test_a_dead_worker_fails_the_request_closed_and_the_pool_recovers(
    pool: RedactionPool,
) -> None:
    for pid in list(pool._executor._processes):  # type: ignore[union-attr]
        os.kill(pid, signal.SIGKILL)
    with pytest.raises(RedactionUnavailable):
        await pool.redact(BODY, PayloadKind.OPENAI_CHAT)
    result = await pool.redact(BODY, PayloadKind.OPENAI_CHAT)
    assert result.counts == {"EMAIL_ADDRESS": 1}
