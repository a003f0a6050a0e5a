"""How the preview watches the content for edits: polling, as MkDocs does, but paced by the
cost of a look.

MkDocs' preview server polls (watchdog's PollingObserver; it gave up the system's file events,
which Docker volumes and network drives do not deliver): every 0.5 s it lists and stats every
file of the content folder and compares the lists. At 10,000 sessions (30,000 files and
folders) one look costs about half a second of CPU, so the preview spent about a core on it,
idle or not, and while it rebuilt it held Python's interpreter lock against the build. Here the
pause after a look is at least PACE times what the look cost: a small archive is looked at
every 0.5 s as before, a large one less often, its edits seen a few seconds later at most.
Written against MkDocs 1.6 and watchdog 7 (requirements.lock), checked by the preview's tests.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial

from mkdocs.livereload import LiveReloadServer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingEmitter

PACE = 4
"""Pause after a look, in multiples of what the look cost: the watching takes a fifth of a core
at most."""


class PacedPollingEmitter(PollingEmitter):
    """Watchdog's polling of one watched path, pausing PACE times as long as its last look."""

    look_seconds = 0.0
    """The thread's CPU time of its last look (listing, stats and comparison)."""

    def on_thread_start(self) -> None:
        self._timed(super().on_thread_start)

    def queue_events(self, timeout: float) -> None:
        if not self.stopped_event.wait(max(timeout, PACE * self.look_seconds)):
            self._timed(partial(super().queue_events, 0))

    def _timed(self, look: Callable[[], None]) -> None:
        started = time.thread_time()
        look()
        self.look_seconds = time.thread_time() - started


class PacedPollingObserver(BaseObserver):
    """Watchdog's PollingObserver with `PacedPollingEmitter`s."""

    def __init__(self, timeout: float) -> None:
        super().__init__(PacedPollingEmitter, timeout=timeout)


def pace_watching(server: LiveReloadServer) -> None:
    """Have the preview `server`, not started yet, watch what it watches with a
    `PacedPollingObserver`; nothing is changed with a MkDocs that keeps its watching otherwise
    (the preview then polls as MkDocs does)."""
    try:
        watched, observer = dict(server._watched_paths), server.observer
    except AttributeError:
        return
    if observer.is_alive() or not hasattr(server, "_watch_refs"):
        return
    server.observer = PacedPollingObserver(observer.timeout)
    server._watched_paths, server._watch_refs = {}, {}
    for path, count in watched.items():
        for _ in range(count):
            server.watch(path)
