"""How many processes to use: builds spread work over the machine's cores."""

from __future__ import annotations

import os


def worker_count(requested: int = 0) -> int:
    """`requested` if positive; 0 means one worker per core this process may run on."""
    if requested > 0:
        return requested
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)
