"""Making the search indexes (core/search_index.py): where the work happens, and a build
whose indexing fails says so and leaves nothing behind."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import CONTENT, ROOT, Preview, build_archive, make_archive, run_build, write_config
from dialogue_archive.core import search_index
from dialogue_archive.core.cache import remove_stale
from dialogue_archive.core.search_text import SearchRecord

RECORD = SearchRecord(url="/phien/a/#muc-1", title="Câu hỏi 1", shown=(), extra="sổ đỏ", date="2024-06-20")
"""One search record, for the tests that run the indexing itself with another Pagefind."""


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


def test_an_indexing_worker_starts_without_loading_the_archives_model() -> None:
    # Each build starts its indexing workers afresh (core/parallel.py WorkerPool, `spawn`): they
    # import what an IndexJob needs, not the archive's model, Markdown and validation (which
    # cost each worker about 0.3 s of CPU, in every build and preview).
    script = ("import sys; import dialogue_archive.core.parallel, dialogue_archive.core.search_index; "
              "print(' '.join(sorted(sys.modules)))")
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True).stdout.split()
    heavy = {"dialogue_archive.core.models", "dialogue_archive.core.loader", "pydantic", "markdown",
             "dialogue_archive.core.views", "yaml"}
    assert not heavy & set(loaded), sorted(heavy & set(loaded))


@pytest.mark.parametrize("pagefind", ["missing", "stops at once", "stops while indexing"])
def test_a_build_whose_search_indexing_fails_says_so_and_leaves_nothing(
        tmp_path: Path, pagefind: str) -> None:
    """Pagefind missing, or stopping with an error, fails the build at once with what to do.
    (Through Pagefind's Python API, one that stopped after it had read a request, as a crash
    while indexing, was waited for until the time limit, two minutes and more.)"""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    config = write_config(tmp_path, CONTENT, tmp_path / "site", build_date="2026-11-28")
    binary = {"missing": str(tmp_path / "no-pagefind"), "stops at once": shutil.which("false"),
              "stops while indexing": str(tmp_path / "pagefind")}[pagefind]
    (tmp_path / "pagefind").write_text("#!/bin/sh\nsleep 1\nexit 1\n", encoding="utf-8")
    (tmp_path / "pagefind").chmod(0o755)
    result = run_build(config, env={"PAGEFIND_BINARY_PATH": binary, "TMPDIR": str(scratch)})
    output = result.stdout + result.stderr
    assert result.returncode != 0
    if pagefind == "missing":
        assert "search records: it could not be started" in output, output
    else:
        assert "search records: it stopped with exit status 1." in output, output
    assert "scripts/build sets it up" in output
    assert "nothing was published" in output
    assert "Traceback" not in output
    assert not (tmp_path / "site").exists()
    assert list(scratch.iterdir()) == []


def test_a_pagefind_that_hangs_is_stopped_at_the_time_limit_and_the_build_told(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hanging = tmp_path / "pagefind"
    hanging.write_text("#!/bin/sh\nexec sleep 61.5\n", encoding="utf-8")
    hanging.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(hanging))
    monkeypatch.setattr(search_index, "answer_seconds", lambda records: 1.0)
    started = time.monotonic()
    with pytest.raises(search_index.SearchIndexError, match="did not finish indexing 1 search records"):
        search_index.write_bundle([RECORD], tmp_path / "bundle", scratch=str(tmp_path))
    assert time.monotonic() - started < 10
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pagefind"]  # its records removed
    assert not any(p.read_bytes() == b"sleep\x0061.5\x00" for p in Path("/proc").glob("[0-9]*/cmdline"))


def test_a_pagefind_that_ends_without_an_index_fails_with_what_to_do(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", shutil.which("true") or "/bin/true")
    with pytest.raises(search_index.SearchIndexError) as failure:
        search_index.write_bundle([RECORD], tmp_path / "bundle", scratch=str(tmp_path))
    assert str(failure.value) == (
        "Pagefind could not index the archive's 1 search records: it ended without writing a "
        "readable index. Check that the pinned 'pagefind[bin]' is installed (scripts/build sets it up).")


def test_pagefind_settings_of_the_shell_or_the_folder_change_nothing_the_archive_indexes(
        tmp_path: Path) -> None:
    """Pagefind's command line reads PAGEFIND_ variables and a pagefind.yml in its working
    folder: an office that also indexes another site with Pagefind may have both."""
    content = make_archive(tmp_path / "content", sessions=2)
    site = tmp_path / "site"
    config = write_config(tmp_path, content, site)
    (tmp_path / "pagefind.yml").write_text('glob: "none.html"\n', encoding="utf-8")
    result = run_build(config, cwd=tmp_path, env={"PAGEFIND_ROOT_SELECTOR": "nav",
                                                  "PAGEFIND_EXCLUDE_SELECTORS": "body"})
    assert result.returncode == 0, result.stderr
    assert "search: 4 records indexed" in result.stderr, result.stderr
    entries = [json.loads(p.read_text(encoding="utf-8")) for p in site.glob("pagefind/*/pagefind-entry.json")]
    assert sum(e["languages"]["vi"]["page_count"] for e in entries) == 4


def test_index_workers_end_when_the_build_is_killed_outright(tmp_path: Path) -> None:
    """An out-of-memory kill gives the build no time to stop its workers: they must end by
    themselves, not wait for work forever."""
    pid_file = tmp_path / "worker.pid"
    script = f"""
import os, signal, time
from dialogue_archive.core.parallel import WorkerPool

def job(_):
    open({str(pid_file)!r}, "w").write(str(os.getpid()))
    time.sleep(60)

if __name__ == "__main__":
    pool = WorkerPool(1)
    pool.submit(job, None)
    while not os.path.exists({str(pid_file)!r}):
        time.sleep(0.1)
    os.kill(os.getpid(), signal.SIGKILL)
"""
    (tmp_path / "build.py").write_text(script, encoding="utf-8")
    subprocess.run([sys.executable, str(tmp_path / "build.py")], timeout=60)
    worker = int(pid_file.read_text())
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and running(worker):
        time.sleep(0.2)
    assert not running(worker), "the worker outlived the build"


def test_ctrl_c_waits_while_a_worker_is_being_started(tmp_path: Path) -> None:
    """Interrupted between starting a worker and sending it what to run, the build left a
    worker that failed with a traceback: Ctrl-C is held until the worker is started, then acts."""
    script = """
import os, signal, threading, time
from concurrent.futures import ProcessPoolExecutor
from dialogue_archive.core.parallel import WorkerPool

started = []
real = ProcessPoolExecutor.submit

def slow_submit(self, function, *args):
    threading.Thread(target=os.kill, args=(os.getpid(), signal.SIGINT)).start()
    time.sleep(1)  # Ctrl-C comes while the worker is being started
    future = real(self, function, *args)
    started.append(True)
    return future

ProcessPoolExecutor.submit = slow_submit

if __name__ == "__main__":
    threading.Thread(target=time.sleep, args=(30,), daemon=True).start()  # the feeds' thread
    try:
        with WorkerPool(1) as pool:
            pool.submit(abs, -1)
            time.sleep(10)
        print("not interrupted")
    except KeyboardInterrupt:
        print("interrupted, the worker started" if started else "interrupted while starting it")
"""
    (tmp_path / "build.py").write_text(script, encoding="utf-8")
    result = subprocess.run([sys.executable, str(tmp_path / "build.py")], capture_output=True,
                            text=True, timeout=60, preexec_fn=lambda: signal.signal(
                                signal.SIGINT, signal.SIG_DFL))
    assert result.stdout.strip() == "interrupted, the worker started", result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr


@pytest.fixture(scope="module")
def synthetic_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300 sessions: a build long enough to be interrupted in each of its phases."""
    content = tmp_path_factory.mktemp("synthetic") / "content"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "synthetic_archive.py"), "--sessions",
                    "300", "--out", str(content)], check=True, capture_output=True, timeout=120)
    return content


@pytest.mark.parametrize(("command", "moment", "stop", "to_group"), [
    ("build", "pages written:", signal.SIGINT, True), ("build", "archive pages", signal.SIGINT, True),
    ("serve", "archive pages", signal.SIGINT, True),
    # `kill` or `docker stop` (the main process alone), systemd (every process of the service)
    ("serve", "archive pages", signal.SIGTERM, False), ("build", "pages written:", signal.SIGTERM, True)])
def test_ctrl_c_or_a_stop_request_stops_a_build_at_once_quietly_and_leaves_nothing_running(
        tmp_path: Path, synthetic_archive: Path, command: str, moment: str, stop: signal.Signals,
        to_group: bool) -> None:
    """Ctrl-C in the terminal reaches every process of the build (the page-writing helpers,
    the search workers and their Pagefind): the build, or the preview while its search index,
    feeds and open data are made, stops within seconds, with no process's traceback, publishes
    nothing, and leaves no process or temporary folder behind. (The feeds and open data were
    written to their end first: 21 s at 300 sessions on a busy machine.) A request to stop
    (SIGTERM) does the same: it killed the preview outright, which left its temporary site (the
    whole site) in TMPDIR."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    config = write_config(tmp_path, synthetic_archive, tmp_path / "site")
    arguments = ["build", "--strict"]
    if command == "serve":
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            arguments = ["serve", "-a", f"127.0.0.1:{probe.getsockname()[1]}"]
    marker = f"dialogue-archive-test-{os.getpid()}-{command}-{moment.split()[0]}-{stop.name}"
    build = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", *arguments, "-f", str(config)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1", TMPDIR=str(scratch), TEST_MARKER=marker),
        # as from a terminal: a shell starts background jobs with Ctrl-C ignored
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert build.stdout is not None
    stuck = threading.Timer(120, lambda: os.killpg(build.pid, signal.SIGKILL))  # fail, not hang
    stuck.start()
    output, interrupted = [], 0.0
    try:
        for line in build.stdout:
            output.append(line)
            if moment in line and not interrupted:
                time.sleep(0.3)  # into the phase: its processes have started
                # to the group: what a terminal's Ctrl-C does
                (os.killpg if to_group else os.kill)(build.pid, stop)
                interrupted = time.monotonic()
        build.wait(timeout=60)
    finally:
        stuck.cancel()
    text = "".join(output)
    assert interrupted, text
    assert time.monotonic() - interrupted < 15, text
    if moment == "archive pages":  # the feeds and open data were being written (for seconds):
        assert "open data: written" not in text, text  # stopped, not waited for to their end
    assert "Traceback" not in text, text
    assert "search index or open data could not be written" not in text
    if command == "build":
        assert build.returncode != 0
        assert "nothing was published" in text
        assert not (tmp_path / "site").exists()
    time.sleep(2)  # a killed worker's Pagefind is reaped by init
    assert processes_with(marker) == []
    assert list(scratch.iterdir()) == []


def test_a_preview_started_in_the_background_stops_cleanly_when_asked_to(tmp_path: Path) -> None:
    """A preview started in the background (`scripts/serve &`, nohup) ignores Ctrl-C; `kill`
    stopped it outright, leaving its temporary site in TMPDIR. It now shuts down as on Ctrl-C."""
    text, returncode, scratch = stopped_preview(tmp_path, signal.SIG_IGN, [])
    assert returncode == 0, text
    assert "Shutting down" in text and "Traceback" not in text, text
    assert list(scratch.iterdir()) == []


@pytest.mark.parametrize("ctrl_c", [signal.SIG_DFL, signal.SIG_IGN], ids=["ctrl-c", "ctrl-c-ignored"])
def test_a_preview_asked_again_and_again_to_stop_stops_once_and_cleanly(
        tmp_path: Path, ctrl_c: signal.Handlers) -> None:
    """`timeout` or `pkill` around `scripts/serve`, a supervisor, or an impatient hand: stop
    requests one after the other while the preview shuts down. The second one, raised in the
    middle of MkDocs' shutdown, left its server's thread running (the preview never ended) or
    printed a traceback and "Aborted!". The stop under way is now left to finish."""
    text, returncode, scratch = stopped_preview(tmp_path, ctrl_c, [0.005] * 400)
    # -SIGTERM: a request that came once Python was ending, its handlers gone, the shutdown done
    assert returncode in (0, -signal.SIGTERM), text
    assert text.count("Shutting down") == 1, text
    assert "Traceback" not in text and "Aborted" not in text, text
    assert list(scratch.iterdir()) == []


def stopped_preview(tmp_path: Path, ctrl_c: signal.Handlers, pauses: list[float]
                    ) -> tuple[str, int | None, Path]:
    """A 3-session preview, started with Ctrl-C handled as `ctrl_c`, sent SIGTERM once its
    search index is written and again after each of `pauses` (seconds) while it runs: its
    output, its exit status (None if it had not ended 30 s later) and its TMPDIR."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    config = write_config(tmp_path, make_archive(tmp_path / "content", sessions=3), tmp_path / "site")
    preview = Preview(config, scratch, ctrl_c=ctrl_c)
    try:
        preview.wait_for("search index and open data updated")
        for pause in [0.0, *pauses]:
            time.sleep(pause)
            if preview.process.poll() is not None:
                break
            preview.process.terminate()  # SIGTERM, to the main process
        try:
            returncode: int | None = preview.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            returncode = None
            os.killpg(preview.process.pid, signal.SIGKILL)  # a hung one may not take SIGTERM
    finally:
        preview.stop()
    assert preview.process.stdout is not None
    return "".join(preview.lines) + preview.process.stdout.read(), returncode, scratch


def processes_with(marker: str) -> list[str]:
    """The command lines of the running processes whose environment holds `marker`."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and marker.encode() in (proc / "environ").read_bytes() and running(
                    int(proc.name)):
                found.append((proc / "cmdline").read_bytes().replace(b"\0", b" ").decode())
        except OSError:
            continue
    return found


def running(pid: int) -> bool:
    """Whether the process is alive (a zombie that no one reaped has ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_indexes_publish_no_unused_pagefind_interface_and_are_still_reused(tmp_path: Path) -> None:
    """Each index shipped Pagefind's own interfaces (418 KB, about 30 MB at 10,000 sessions),
    which the search page never loads (a review's find). A warm rebuild still reuses them."""
    content = make_archive(tmp_path / "content", sessions=3)
    site = tmp_path / "site"
    config = write_config(tmp_path, content, site)
    for build in ("cold", "warm"):
        result = run_build(config)
        assert result.returncode == 0, result.stderr
        indexes = [p for p in (site / "pagefind").iterdir() if p.is_dir()]
        assert indexes and all((p / "pagefind.js").is_file() for p in indexes)
        shipped = {f.name for p in indexes for f in p.iterdir()}
        assert shipped.isdisjoint({"pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js",
                                   "pagefind-component-ui.css", "pagefind-modular-ui.js",
                                   "pagefind-modular-ui.css", "pagefind-highlight.js"}), build
    assert "the search index is reused" in result.stderr


def test_a_browser_that_kept_an_earlier_index_finds_what_was_published_since(
        tmp_path: Path, serve_site: Any, browser: Any) -> None:
    """A static server sends no Cache-Control, so a browser keeps its files for a while (a tenth
    of their age): the words file beside each index kept its name from build to build, and a
    returning reader's search still said a new word was in no index (a review's find)."""
    content = make_archive(tmp_path / "content", sessions=2)
    site = build_archive(content, tmp_path)

    def age() -> None:  # published two days ago, as a site deployed earlier is
        old = time.time() - 2 * 86400
        for file in site.rglob("*"):
            os.utime(file, (old, old))

    age()
    base = serve_site(site)
    context = browser.new_context()
    try:
        page = context.new_page()
        for word, found in (("quaccxyz", False), ("quaccxyz", True)):
            page.goto(f"{base}search/?q={word}")
            page.wait_for_function("() => /Tìm thấy|Không tìm thấy/.test("
                                   "document.getElementById('da-status').textContent)")
            assert page.inner_text("#da-status").startswith("Tìm thấy") is found
            if not found:  # published now: a session's write-up holds the word
                with next((content / "sessions").glob("*/*/index.md")).open("a", encoding="utf-8") as text:
                    text.write("\nCử tri kiến nghị quaccxyz.\n")
                build_archive(content, tmp_path)
                age()
    finally:
        context.close()
