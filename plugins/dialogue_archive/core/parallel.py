"""How many processes to use (builds spread work over the machine's cores), and how they end."""

from __future__ import annotations

import os
import threading
import time


def worker_count(requested: int = 0) -> int:
    """`requested` if positive; 0 means one worker per core this process may run on."""
    if requested > 0:
        return requested
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def end_with(parent: int) -> None:
    """In a worker process (a pool's initializer): end when `parent` has gone, even killed
    outright (out of memory), instead of waiting for work forever, orphaned."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, name="dialogue-archive-end-with-parent", daemon=True).start()
