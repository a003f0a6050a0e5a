"""How often long work says how far it is (the build's log, `validate`'s stderr)."""

from __future__ import annotations

import time

PROGRESS_SECONDS = 10
"""A long build or `validate` says how far it is this often."""


class Throttle:
    """Says when `seconds` have passed since it was made or last said so; the first time after
    `first` seconds instead, when given (a first word soon, then one now and then)."""

    def __init__(self, seconds: float, first: float | None = None):
        self.seconds = seconds
        self.last = time.monotonic() - (seconds - first if first is not None else 0)

    def due(self) -> bool:
        if time.monotonic() - self.last < self.seconds:
            return False
        self.last = time.monotonic()
        return True
