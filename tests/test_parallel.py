"""Work spread over forked helpers (core/parallel.py), and a build whose search indexing fails
in one of them: every task done once, errors raised where the build can report them, and
nothing left behind."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import pytest

from conftest import CONTENT, run_build, write_config
from dialogue_archive.core import parallel, search_index
from dialogue_archive.core.cache import remove_stale
from dialogue_archive.core.parallel import HelperStopped, share_out


def slow_pid(task: int) -> tuple[int, int]:
    time.sleep(0.05)
    return task, os.getpid()


def test_every_task_is_done_once_by_this_process_and_its_helper() -> None:
    results: list[tuple[int, int]] = []
    share_out(list(range(20)), slow_pid, results.append, helpers=1)
    assert sorted(task for task, _ in results) == list(range(20))
    assert {pid for _, pid in results} - {os.getpid()}, "no task was done by a helper"
    assert os.getpid() in {pid for _, pid in results}


def test_helpers_work_while_this_process_runs_first_then_joins_them() -> None:
    results: list[tuple[int, int]] = []
    busy = []
    share_out(list(range(40)), slow_pid, results.append, helpers=2,
              first=lambda: (time.sleep(0.5), busy.append(len(results))))
    assert sorted(task for task, _ in results) == list(range(40))
    assert busy == [0], "results are added here only once `first` is done"
    assert len({pid for _, pid in results} - {os.getpid()}) == 2


def test_without_helpers_this_process_does_everything_in_order() -> None:
    results: list[tuple[int, int]] = []
    share_out([3, 1, 2], slow_pid, results.append, helpers=0)
    assert results == [(3, os.getpid()), (1, os.getpid()), (2, os.getpid())]


def fails_on_seven(task: int) -> int:
    if task == 7:
        raise ValueError(f"task {task} is bad")
    return task


def test_an_exception_in_a_helper_is_raised_here() -> None:
    results: list[int] = []
    with pytest.raises(ValueError, match="task 7 is bad"):
        # This process is busy first: the helper takes task 7.
        share_out(list(range(10)), fails_on_seven, results.append, helpers=1,
                  first=lambda: time.sleep(0.5))


class Unpicklable(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.callback = lambda: None


def raises_unpicklable(task: int) -> int:
    raise Unpicklable(f"cannot send task {task}")


def test_an_exception_that_cannot_be_pickled_arrives_as_its_text() -> None:
    with pytest.raises(RuntimeError, match="Unpicklable: cannot send task 0"):
        share_out([0], raises_unpicklable, lambda _: None, helpers=1, first=lambda: time.sleep(0.3))


def test_a_helper_that_dies_is_reported_instead_of_waited_for() -> None:
    parent = os.getpid()

    def dies(task: int) -> int:
        if os.getpid() != parent:
            os._exit(3)
        return task

    started = time.monotonic()
    with pytest.raises(HelperStopped, match="exit code 3"):
        share_out([0, 1], dies, lambda _: None, helpers=1, first=lambda: time.sleep(0.3))
    assert time.monotonic() - started < 10


def test_a_helper_stopped_after_a_failure_elsewhere_removes_its_temporary_files(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "STOP_SECONDS", 0.5)

    def work(task: int) -> int:
        if task == 0:
            time.sleep(0.3)  # the other helper has made its folder by then
            raise ValueError("the first task failed")
        with tempfile.TemporaryDirectory(dir=tmp_path):
            time.sleep(60)
        return task

    started = time.monotonic()
    with pytest.raises(ValueError, match="the first task failed"):
        # This process is busy first: the two helpers take a task each.
        share_out([0, 1], work, lambda _: None, helpers=2, first=lambda: time.sleep(0.2))
    assert time.monotonic() - started < 20, "the stuck helper was waited for"
    assert list(tmp_path.iterdir()) == []


def test_indexes_are_made_in_memory_only_when_no_temporary_folder_is_asked_for_and_there_is_room(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("TMPDIR", "TEMP", "TMP"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(search_index, "SCRATCH", tmp_path)
    assert search_index.scratch_folder() == str(tmp_path)
    monkeypatch.setattr(search_index, "SCRATCH_FREE", 1 << 60)
    assert search_index.scratch_folder() is None
    monkeypatch.setattr(search_index, "SCRATCH_FREE", 0)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    assert search_index.scratch_folder() is None
    monkeypatch.delenv("TMPDIR")
    monkeypatch.setattr(search_index, "SCRATCH", tmp_path / "missing")
    assert search_index.scratch_folder() is None


def test_leftovers_of_killed_builds_are_removed_after_a_day(tmp_path: Path) -> None:
    old, recent, mine, other = (tmp_path / name for name in (
        "dialogue-archive-search-old", "dialogue-archive-search-recent", "keeping-1", "unrelated"))
    for folder in (old, recent, mine, other):
        (folder / "records").mkdir(parents=True)
    (tmp_path / "dialogue-archive-search-file").write_text("x")
    two_days_ago = time.time() - 2 * 24 * 3600
    for path in (old, mine, other, tmp_path / "dialogue-archive-search-file"):
        os.utime(path, (two_days_ago, two_days_ago))
    remove_stale(tmp_path, ("dialogue-archive-search-", "keeping-"), keep="keeping-1")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "dialogue-archive-search-recent", "keeping-1", "unrelated"]


def test_a_build_whose_search_indexing_fails_says_so_and_leaves_nothing(tmp_path: Path) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    config = write_config(tmp_path, CONTENT, tmp_path / "site", build_date="2026-11-28")
    result = run_build(config, env={"PAGEFIND_BINARY_PATH": str(tmp_path / "no-pagefind"),
                                    "TMPDIR": str(scratch)})
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Pagefind could not index the archive's" in output
    assert "scripts/build sets it up" in output
    assert "nothing was published" in output
    assert "Traceback" not in output
    assert not (tmp_path / "site").exists()
    assert list(scratch.iterdir()) == []
