"""Large blocks go back to the system when freed, in the proxy and in the processes it starts."""

from __future__ import annotations

import os
import subprocess
import sys

# Frees one large block (which raises glibc's threshold by default), then
# allocates twenty of 1 to 2 MB, each followed by a small block that stays,
# and frees the large ones: how much of them the process still holds.
SCENARIO = """
import sys
from tollgate.proxy.large_blocks import return_large_blocks

def anonymous_kb():
    for line in open("/proc/self/status"):
        if line.startswith("RssAnon:"):
            return int(line.split()[1])

if sys.argv[1] == "set":
    return_large_blocks()
first = b"x" * (8 << 20)
del first
before = anonymous_kb()
kept, large = [], []
for n in range(20):
    large.append(b"%d" % n * (1 << 20))
    kept.append(b"k" * 2048 + bytes([n]))
del large
print((anonymous_kb() - before) // 1024)
if sys.argv[1] == "set":  # a process it starts, which calls nothing itself
    import subprocess
    subprocess.run([sys.executable, "-c", sys.argv[2], "unset"], check=True)
"""


def held_mb(how: str) -> list[int]:
    env = {k: v for k, v in os.environ.items() if k != "MALLOC_MMAP_THRESHOLD_"}
    answer = subprocess.run(
        [sys.executable, "-c", SCENARIO, how, SCENARIO],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return [int(line) for line in answer.stdout.split()]


def test_without_the_setting_the_heap_keeps_the_large_blocks_it_freed() -> None:
    assert held_mb("unset")[0] >= 16  # the case the setting is for


def test_the_setting_gives_them_back_in_this_process_and_in_the_ones_it_starts() -> None:
    itself, child = held_mb("set")
    assert itself <= 2 and child <= 2
