"""Memory a large request needed goes back to the system once it is freed.

glibc serves blocks of 128 KB and more with their own mappings, returned
whole when freed, but raises that threshold to the largest such block freed
so far (up to 32 MB), after which request bodies and texts of several
megabytes come from the heap, which keeps them: two 7 MB requests left
Tollgate's process tree 115 MB larger for good (`bench/worker_memory.py`).
Fixing the threshold at 128 KB keeps it from rising. What it costs, each
large block mapped anew, is within noise for a 200 KB prompt (170 against
167 to 170 ms of redaction, measured in turn).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os

THRESHOLD = 128 * 1024
_M_MMAP_THRESHOLD = -3  # mallopt's parameter number, from glibc's malloc.h
# The same setting for processes started from this one (the detection
# workers' server): glibc reads it when a process starts.
_ENVIRONMENT = "MALLOC_MMAP_THRESHOLD_"


def return_large_blocks() -> bool:
    """Fix the threshold for this process and the ones it starts; False where libc is not glibc."""
    if _ENVIRONMENT in os.environ:
        return True  # the operator's own setting, which glibc applied when this process began
    os.environ[_ENVIRONMENT] = str(THRESHOLD)
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(_M_MMAP_THRESHOLD, THRESHOLD))
