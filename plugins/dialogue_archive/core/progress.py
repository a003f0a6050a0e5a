"""How often long work says how far it is (the build's log, `validate`'s stderr), and the
counts its summaries end with."""

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


def amount(count: int, noun: str, nouns: str = "") -> str:
    """`count` and its noun in the terminal's English: "1 session", "7 sessions", "1 agency"
    (`nouns`: an irregular plural)."""
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"
