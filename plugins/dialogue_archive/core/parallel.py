"""How many processes to use (builds spread work over the machine's cores), and how they end."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def worker_count(requested: int = 0) -> int:
    """`requested` if positive; 0 means one worker per core this process may run on."""
    if requested > 0:
        return requested
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
"""Asking a build or a preview to stop otherwise than by Ctrl-C: `kill`, `docker stop`, systemd
(SIGTERM), the terminal closed (SIGHUP)."""


def stop_as_interrupt() -> None:
    """In the build's main thread: a `STOP_SIGNALS` signal stops the build or the preview as
    Ctrl-C does, quietly, publishing nothing, its helpers and workers stopped and `mkdocs serve`'s
    temporary site deleted (killed by SIGTERM, a preview left that folder, the whole site, in
    TMPDIR). A signal that something else already handles is left to it.

    Once: a stop (or Ctrl-C) that comes while a stop is under way is dropped. `timeout`, `pkill`
    or an impatient hand send several; a second KeyboardInterrupt, raised in the middle of
    MkDocs' shutdown, left the preview's server thread running (the process never ended) or
    printed a traceback and "Aborted!"."""
    if threading.current_thread() is not threading.main_thread():
        return
    _stop.raised = False
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _interrupt_once)
    for stop in STOP_SIGNALS:
        if signal.getsignal(stop) is signal.SIG_DFL:
            signal.signal(stop, _interrupt)


class _StopRequest:
    """Whether a stop signal or Ctrl-C has been raised as KeyboardInterrupt (the one flag the
    signal handlers share)."""

    raised = False


_stop = _StopRequest()


def _interrupt_once(_received: int, _frame: object) -> None:
    if not _stop.raised:
        _stop.raised = True
        raise KeyboardInterrupt


def _interrupt(received: int, frame: object) -> None:
    if callable(signal.getsignal(signal.SIGINT)):
        signal.raise_signal(signal.SIGINT)  # handled as Ctrl-C is, `interrupts_held` included
    else:  # Ctrl-C ignored (a job started in the background, or with nohup)
        _interrupt_once(received, frame)


def ignore_interrupts() -> None:
    """In a helper or worker: leave Ctrl-C to the build, which then stops its helpers with
    SIGTERM (so a forked helper takes back SIGTERM's default from `stop_as_interrupt`). A
    terminal sends Ctrl-C to every process of the build, and each helper printed its own
    traceback. (Forked within `interrupts_held`, it starts with Ctrl-C blocked: what came
    meanwhile is dropped.)"""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for stop in STOP_SIGNALS:
        if signal.getsignal(stop) is _interrupt:
            signal.signal(stop, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


class Stopped(Exception):
    """Raised by `Stopper.check` in work that a stop made pointless."""


class Stopper:
    """Kills the processes of the `WorkerPool`s open with it, from another thread (a preview
    that ends while its search indexes are being made), and ends the work done meanwhile in a
    thread at its next step (`check`)."""

    def __init__(self) -> None:
        self._pools: set[WorkerPool] = set()
        self._lock = threading.Lock()
        self.stopped = False

    def stop(self) -> None:
        with self._lock:
            self.stopped = True
            for pool in self._pools:
                pool.kill()

    def check(self) -> None:
        """Between two steps of long work in a thread (the feeds, the open data): once stopped,
        raise `Stopped` instead of going on. After Ctrl-C, the build waited for that work to end
        (8-12 s at 300 sessions, 21 s on a busy machine)."""
        if self.stopped:
            raise Stopped

    def watch(self, pool: WorkerPool) -> None:
        with self._lock:
            self._pools.add(pool)
            if self.stopped:
                pool.kill()

    def forget(self, pool: WorkerPool) -> None:
        with self._lock:
            self._pools.discard(pool)


class WorkerPool:
    """Processes started afresh (`spawn`), each in a process group of its own, out of reach of
    the terminal's Ctrl-C (each printed a traceback). When the build fails or is interrupted,
    they are killed at once with their own children (Pagefind) instead of finishing their
    work; they also end when the build has gone, even killed outright (out of memory),
    instead of waiting for work forever, orphaned.

    Each worker watches a pipe from the build: its end closes when the build kills the pool or
    ends in any way. (A shared event was tried: setting it waits for its waiters, and a killed
    waiter never answers.)"""

    def __init__(self, workers: int, stopper: Stopper | None = None):
        context = multiprocessing.get_context("spawn")
        watched, self._alive = context.Pipe(duplex=False)
        self._pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_serve,
                                         initargs=(watched,))
        self._stopper = stopper
        self._closing = threading.Lock()

    def submit(self, function: Callable[[Any], T], job: Any) -> Future[T]:
        """Run `function(job)` in a worker; Ctrl-C waits while the pool starts one (see
        `interrupts_held`)."""
        with interrupts_held():
            return self._pool.submit(function, job)

    def kill(self) -> None:
        """Kill the workers and their children now: the futures not finished fail."""
        with self._closing:  # never closed twice: the number may be another file's by then
            self._alive.close()

    def __enter__(self) -> WorkerPool:
        if self._stopper is not None:
            self._stopper.watch(self)
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is not None:
            self.kill()
        try:
            self._pool.shutdown(cancel_futures=True)
        finally:
            if self._stopper is not None:
                self._stopper.forget(self)
            self.kill()


@contextlib.contextmanager
def interrupts_held() -> Iterator[None]:
    """Ctrl-C waits until the block is done. Starting a worker runs it, then sends it what to
    run: interrupted between the two, the build left a worker that failed with a traceback
    (EOFError; seen in two runs of the test suite, under load). Python raises KeyboardInterrupt
    in the main thread whichever thread the signal reached, so there its handler only notes it
    meanwhile. And the signal is blocked in this thread, so that the worker begins with it
    blocked (the mask is inherited): before it leaves the terminal's process group, it would
    stop the worker in the middle of its imports (`_serve` discards what was held)."""
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    noted: list[object] = []
    handler = signal.getsignal(signal.SIGINT) \
        if threading.current_thread() is threading.main_thread() else None
    if handler is not None:  # None: not set from Python, or not the main thread
        signal.signal(signal.SIGINT, lambda *_: noted.append(True))
    try:
        yield
    finally:
        if handler is not None:
            signal.signal(signal.SIGINT, handler)
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        if noted:
            signal.raise_signal(signal.SIGINT)  # now handled as it would have been


def _serve(watched: Any) -> None:
    """A `WorkerPool` process's initializer: its own process group; a Ctrl-C sent to the
    build's before it left is discarded; a watcher kills the group once the build closes its
    end of `watched` (or has gone)."""
    os.setpgid(0, 0)
    ignore_interrupts()

    def watch() -> None:
        with contextlib.suppress(EOFError, OSError):  # nothing is ever sent
            watched.recv()
        os.killpg(0, signal.SIGKILL)

    threading.Thread(target=watch, name="dialogue-archive-end-with-build", daemon=True).start()
