"""Spread a build's work over the machine's cores, in forked processes.

Threads would share one interpreter lock: measured at 10,000 sessions, a thread copying a
search index's 2,300 files took 20 s instead of 1 s while another thread wrote the open data,
each of its system calls waiting for the lock again. Forked helpers share the build's memory
as it was at the fork (nothing is pickled but their results) and run on their own.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import queue
import signal
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

STOP_SECONDS = 5
"""How long a helper may finish its task once the work has failed elsewhere."""
Task = TypeVar("Task")
Result = TypeVar("Result")


class HelperStopped(RuntimeError):
    """A forked helper ended without reporting all its work (killed, out of memory)."""


def worker_count(requested: int = 0) -> int:
    """`requested` if positive; 0 means one worker per core this process may run on."""
    if requested > 0:
        return requested
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def share_out(tasks: Sequence[Task], work: Callable[[Task], Result], add: Callable[[Result], object],
              helpers: int, first: Callable[[], object] | None = None) -> None:
    """Run `work` on every task in this process and `helpers` forked ones, each taking the
    next task until none is left; `add` each result here, as they come. `first` runs here
    before this process takes tasks (the helpers are working meanwhile). An exception of
    `work` in a helper is raised here, as it would be without helpers.

    Objects are frozen before the fork: the helpers' garbage collector would otherwise write
    to every object they share, and so copy the build's memory (the plugin unfreezes them
    when the next build starts). Without fork, or without helpers, this process does all."""
    # No more helpers than tasks this process leaves them (it takes one too unless busy first).
    helpers = min(helpers, len(tasks) - (first is None))
    if "fork" not in multiprocessing.get_all_start_methods():
        helpers = 0
    processes: list[Any] = []
    context = multiprocessing.get_context("fork") if helpers > 0 else None
    counter = context.Value("i", 0) if context else _Counter()
    results: Any = context.Queue() if context else None
    try:
        if context is not None:
            gc.freeze()
            processes = [context.Process(target=_help, args=(tasks, work, counter, results), daemon=True)
                         for _ in range(helpers)]
            for process in processes:
                process.start()
        if first is not None:
            first()
        done = 0
        for task in _claim(tasks, counter):
            add(work(task))
            done += 1
            while results is not None and (outcome := _next(results, processes, wait=False)):
                add(_unpacked(outcome))
                done += 1
        while done < len(tasks):
            add(_unpacked(_next(results, processes, wait=True)))
            done += 1
    finally:
        with counter.get_lock():  # after an error: no helper takes another task
            counter.value = len(tasks)
        for process in processes:
            process.join(timeout=STOP_SECONDS)
            if process.is_alive():
                process.terminate()  # it cleans up as after an exception (`_stop`)
                process.join(timeout=STOP_SECONDS)


class _Counter:
    """A `multiprocessing.Value` stand-in for a single process."""

    def __init__(self) -> None:
        self.value = 0

    def get_lock(self) -> Any:
        return contextlib.nullcontext()


def _claim(tasks: Sequence[Any], counter: Any) -> Iterator[Any]:
    """The tasks no process has taken yet, one at a time (the counter is shared)."""
    while True:
        with counter.get_lock():
            index = counter.value
            counter.value += 1
        if index >= len(tasks):
            return
        yield tasks[index]


def _help(tasks: Sequence[Any], work: Callable[[Any], Any], counter: Any, results: Any) -> None:
    """A forked helper: works until no task is left, reporting each result or exception
    (pickled here: the queue would pickle it in a thread of its own, and drop it on error)."""
    signal.signal(signal.SIGTERM, _stop)
    for task in _claim(tasks, counter):
        try:
            outcome: tuple[bool, Any] = (True, work(task))
        except Exception as error:  # raised again in the parent
            outcome = (False, error)
        try:
            data = pickle.dumps(outcome)
        except Exception as error:  # what failed, as text, if it cannot be pickled itself
            failed = error if outcome[0] else outcome[1]
            outcome = (False, RuntimeError(f"{type(failed).__name__}: {failed}"))
            data = pickle.dumps(outcome)
        results.put(data)
        if not outcome[0]:
            return


def _stop(signum: int, frame: Any) -> None:
    """Stopped by the parent: leave as an exception would, removing temporary files."""
    raise SystemExit(1)


def _next(results: Any, processes: list[Any], wait: bool) -> tuple[bool, Any] | None:
    """A helper's next outcome; None if there is none yet and `wait` is false."""
    while True:
        try:
            return pickle.loads(results.get(timeout=1) if wait else results.get_nowait())
        except queue.Empty:
            if not wait:
                return None
        if stopped := [p.exitcode for p in processes if p.exitcode not in (None, 0)]:
            raise HelperStopped(f"a helper process stopped unexpectedly (exit code {stopped[0]}; "
                                "out of memory?)")


def _unpacked(outcome: tuple[bool, Any] | None) -> Any:
    assert outcome is not None
    succeeded, value = outcome
    if not succeeded:
        raise value
    return value
