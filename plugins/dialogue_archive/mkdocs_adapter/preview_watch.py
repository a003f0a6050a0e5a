"""How the preview watches the content for edits: the system's file events where they come,
and polling, as MkDocs does, paced by the cost of a look.

MkDocs' preview server polls (watchdog's PollingObserver; it gave up the system's file events,
which Docker volumes and network drives do not deliver): every 0.5 s it lists and stats every
file of the content folder and compares the lists. At 10,000 sessions (30,000 files and
folders) one look costs about half a second of CPU, so the preview spent about a core on it,
idle or not, and while it rebuilt it held Python's interpreter lock against the build. Here the
pause after a look is at least PACE times what the look cost: a small archive is looked at
every 0.5 s as before, a large one less often (every 2-3 s at 10,000 sessions), and not while
the preview rebuilds (a look held the interpreter against the build: an edit made meanwhile is
seen as the build ends, when MkDocs would rebuild for it anyway).

So that a large archive's edits are not seen seconds late, the preview also listens to Linux's
file events (inotify): where they come, an edit is seen at once, and the polling reports only
the changes no event told (a folder that delivers none: a Docker volume on macOS or Windows, a
network drive). Where they cannot be had (another system, the limit of watches reached), the
preview polls alone, as before.
Written against MkDocs 1.6 and watchdog 7 (requirements.lock), checked by the preview's tests.
"""

from __future__ import annotations

import errno
import logging
import threading
import time
from collections.abc import Callable
from functools import partial, wraps
from typing import Any

from mkdocs.livereload import LiveReloadServer
from watchdog.events import (
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers.api import BaseObserver, ObservedWatch
from watchdog.observers.polling import PollingEmitter

try:
    from watchdog.observers.inotify import InotifyObserver
except ImportError:  # not Linux: the preview polls alone
    InotifyObserver = None  # type: ignore[assignment,misc]

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

PACE = 4
"""Pause after a look, in multiples of what the look cost: the watching takes a fifth of a core
at most."""
GRACE = 0.3
"""How long a look that finds a change no event told of waits, once, for the event on its way
(the look may read the file between its writing and the event's telling)."""
FILE_CHANGES = [FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent]
"""The events asked of the system: MkDocs rebuilds on a file's change, not on its reading."""


class FileEvents:
    """The system's file events for the watched paths, forwarded to their handlers, and when
    each path was last told of, for the polling not to tell it again."""

    def __init__(self) -> None:
        self.observer: BaseObserver | None = InotifyObserver() if InotifyObserver else None
        self.watches: dict[ObservedWatch, ObservedWatch] = {}
        """The polling's watch of a path -> the events' watch of it."""
        self.told: dict[str, float] = {}
        self.lock = threading.Lock()

    def schedule(self, polled: ObservedWatch, handler: FileSystemEventHandler) -> None:
        """The same path as the polling's, as written: the watch of a file (mkdocs.yml) is of
        its folder's files (`path`) filtered by its own (`raw_path`); given its folder, a log
        written beside mkdocs.yml rebuilt the preview about three times a second."""
        if self.observer is None:
            return
        try:
            self.watches[polled] = self.observer.schedule(
                _Telling(handler, self), polled.raw_path, recursive=polled.is_recursive,
                event_filter=FILE_CHANGES)
        except OSError as error:  # on a watch added to a started preview
            self._give_up(error)

    def unschedule(self, polled: ObservedWatch) -> None:
        if self.observer is not None and polled in self.watches:
            self.observer.unschedule(self.watches.pop(polled))

    def start(self) -> None:
        if self.observer is None:
            return
        try:
            self.observer.start()
        except OSError as error:  # inotify's limits: of watches (a folder each) or instances
            self._give_up(error)

    def stop(self) -> None:
        """Stops the events' watches, also those started by a start that then failed."""
        if self.observer is not None:
            self.observer.stop()
            if self.observer.is_alive():
                self.observer.join()

    @property
    def listening(self) -> bool:
        return self.observer is not None and self.observer.is_alive()

    def tell(self, event: FileSystemEvent) -> None:
        now = time.monotonic()
        with self.lock:
            for path in _paths(event):
                self.told[path] = now

    def told_since(self, event: FileSystemEvent, since: float) -> bool:
        """Whether an event told of each of this change's paths at `since` or later."""
        with self.lock:
            return all(self.told.get(path, -1.0) >= since for path in _paths(event))

    def _give_up(self, error: OSError) -> None:
        """Said once; the limits named only when it is theirs (a folder gone is not)."""
        limits = (" (Linux: raise fs.inotify.max_user_watches and max_user_instances)"
                  if error.errno in (errno.ENOSPC, errno.EMFILE) else "")
        log.info(f"preview: the system's file events are not available ({error}); edits are "
                 "seen by looking at the content folder now and then, a few seconds late in a "
                 f"large archive{limits}")
        self.stop()
        self.observer = None


class _Telling(FileSystemEventHandler):
    """A MkDocs handler given the system's events, each noted in FileEvents first."""

    def __init__(self, handler: FileSystemEventHandler, events: FileEvents) -> None:
        self.handler, self.events = handler, events

    def dispatch(self, event: FileSystemEvent) -> None:
        self.events.tell(event)
        self.handler.dispatch(event)


def _paths(event: FileSystemEvent) -> list[str]:
    return [str(path) for path in (event.src_path, event.dest_path) if path]


class PacedPollingEmitter(PollingEmitter):
    """Watchdog's polling of one watched path, pausing PACE times as long as its last look, and
    leaving out the changes the system's events told of."""

    look_seconds = 0.0
    """The thread's CPU time of its last look (listing, stats and comparison)."""
    previous_look = -1.0
    """When the look before this one started: a change this look finds came after it."""
    last_look = -1.0
    graced = False
    """Whether this look has waited its GRACE."""

    def __init__(self, *args: Any, file_events: FileEvents, idle: threading.Event, **kwargs: Any
                 ) -> None:
        super().__init__(*args, **kwargs)
        self.file_events, self.idle = file_events, idle

    def on_thread_start(self) -> None:
        self._timed(super().on_thread_start)

    def queue_events(self, timeout: float) -> None:
        if self.stopped_event.wait(max(timeout, PACE * self.look_seconds)):
            return
        while not self.idle.wait(timeout):  # a rebuild is running: look once it is done
            if self.stopped_event.is_set():
                return
        self._timed(partial(super().queue_events, 0))

    def queue_event(self, event: FileSystemEvent) -> None:
        if not event.is_directory and self._told(event):
            return
        super().queue_event(event)

    def _told(self, event: FileSystemEvent) -> bool:
        if self.file_events.told_since(event, self.previous_look):
            return True
        if self.graced or not self.file_events.listening:
            return False
        self.graced = True  # once a look: a checkout of a thousand files waits once
        self.stopped_event.wait(GRACE)
        return self.file_events.told_since(event, self.previous_look)

    def _timed(self, look: Callable[[], None]) -> None:
        self.previous_look, self.last_look = self.last_look, time.monotonic()
        self.graced = False
        started = time.thread_time()
        look()
        self.look_seconds = time.thread_time() - started


class PreviewObserver(BaseObserver):
    """Watchdog's PollingObserver with `PacedPollingEmitter`s, and the system's file events
    (`FileEvents`) for the same paths."""

    def __init__(self, timeout: float) -> None:
        self.file_events, self.idle = FileEvents(), threading.Event()
        self.idle.set()
        super().__init__(PacedPollingEmitter, timeout=timeout, file_events=self.file_events,
                         idle=self.idle)

    def polling_held(self, builder: Callable[..., Any]) -> Callable[..., Any]:
        """`builder`, during whose runs the polling waits."""
        @wraps(builder)
        def build(*args: Any, **kwargs: Any) -> Any:
            self.idle.clear()
            try:
                return builder(*args, **kwargs)
            finally:
                self.idle.set()
        return build

    def schedule(self, event_handler: FileSystemEventHandler, path: Any, **options: Any
                 ) -> ObservedWatch:
        watch = super().schedule(event_handler, path, **options)
        self.file_events.schedule(watch, event_handler)
        return watch

    def unschedule(self, watch: ObservedWatch) -> None:
        self.file_events.unschedule(watch)
        super().unschedule(watch)

    def start(self) -> None:
        self.file_events.start()
        super().start()

    def stop(self) -> None:
        self.file_events.stop()
        super().stop()


def watch_for_edits(server: LiveReloadServer) -> None:
    """Have the preview `server`, not started yet, watch what it watches with a
    `PreviewObserver`, its polling held while it rebuilds; nothing is changed with a MkDocs
    that keeps its watching otherwise (the preview then polls as MkDocs does)."""
    try:
        watched, observer, builder = dict(server._watched_paths), server.observer, server.builder
    except AttributeError:
        return
    if observer.is_alive() or not hasattr(server, "_watch_refs"):
        return
    server.observer = PreviewObserver(observer.timeout)
    server.builder = server.observer.polling_held(builder)
    server._watched_paths, server._watch_refs = {}, {}
    for path, count in watched.items():
        for _ in range(count):
            server.watch(path)
