"""Measure build speed, memory and output size on large synthetic archives (issue: fast at 10,000).

For each size it generates an archive in the real content format (scripts/synthetic_archive.py)
and measures, on this machine, in one run:
  (a) our full build (pages, search index, feeds, open data), cold cache, then warm with
      nothing changed (median of three runs), then after editing one session, a
      `mkdocs serve` preview rebuild after editing one session, and the next day's first
      build with nothing edited;
  (b) plain Material for MkDocs building the same text as ordinary Markdown pages kept out of
      the nav, with Material's default plugins (the baseline a team would otherwise use);
  (c) Python-Markdown alone converting the same text (the floor of this stack).
Wall time, peak memory of the whole process tree (PSS, sampled from /proc) and output size.

    scripts/bench                    # 1,000 sessions
    scripts/bench --sizes 1000,10000 # also 10,000 (takes a long while)
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic_archive import generate  # noqa: E402

PYTHON = sys.executable
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", DIALOGUE_ARCHIVE_BUILD_DATE="2026-11-28")
NEXT_DAY = {**ENV, "DIALOGUE_ARCHIVE_BUILD_DATE": "2026-11-29"}
"""The next morning's build: some commitments fall overdue, lists count as of the new day."""

SAMPLE_SECONDS = 1.0
WARM_RUNS = 3
TRACE = False
"""--trace: print each build's log lines and its memory every TRACE_SECONDS as they come,
timed from the build's start, to see which phase takes the time and the memory."""
TRACE_SECONDS = 5.0


@dataclass
class Measure:
    label: str
    seconds: float
    peak_mb: float
    output_mb: float | None = None


def _tree_memory_kb(root: int) -> int:
    """Proportional memory (PSS) of a process and all its descendants, from /proc: forked
    workers share their parent's pages, which a sum of RSS would count once per process."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry))
        except (OSError, IndexError, ValueError):
            continue
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/smaps_rollup") as rollup:
                total += next(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
        except (OSError, StopIteration, ValueError):
            pass
        stack.extend(children.get(pid, []))
    return total


def run(label: str, command: list[str], cwd: Path | None = None,
        output: Path | None = None, env: dict[str, str] = ENV) -> Measure:
    """Run a command to completion, sampling its process tree's memory every second (reading
    /proc/*/smaps_rollup walks a process's page tables: sampled every 0.2 s, it took half a
    core from the build it measured)."""
    peak = 0
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    log: list[str] = []

    def read() -> None:
        for line in process.stdout or []:
            log.append(line)
            if TRACE:
                print(f"  {time.monotonic() - started:7.1f} s  {line.rstrip()}", flush=True)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    traced = started
    while process.poll() is None:
        memory = _tree_memory_kb(process.pid)
        peak = max(peak, memory)
        if TRACE and time.monotonic() - traced >= TRACE_SECONDS:
            traced = time.monotonic()
            print(f"  {traced - started:7.1f} s  memory {memory / 1024:.0f} MB", flush=True)
        # Not a sleep: the wall time would be rounded up to the next sample (a 2.9 s rebuild
        # measured 4.0 s).
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=SAMPLE_SECONDS)
    reader.join()
    seconds = time.monotonic() - started
    if process.returncode != 0:
        sys.exit(f"{label} failed:\n{''.join(log[-40:])}")
    for line in log:
        if "dialogue-archive:" in line or "search:" in line:
            print("   ", line.strip())
    size = _size_mb(output) if output else None
    print(f"  {label}: {seconds:.1f} s, peak {peak / 1024:.0f} MB"
          + (f", output {size:.0f} MB" if size is not None else ""), flush=True)
    return Measure(label, seconds, peak / 1024, size)


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def plain_pages(content: Path, docs: Path) -> int:
    """The same text as ordinary Markdown pages: write-up, then each item and its answers."""
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Kho lưu trữ\n", encoding="utf-8")
    count = 0
    for index in sorted(content.glob("sessions/*/*/index.md")):
        _, front, body = index.read_text(encoding="utf-8").split("---", 2)
        meta = yaml.safe_load(front)
        parts = [f"---\ntitle: {meta['title']}\n---\n", body]
        answers = yaml.safe_load((index.parent / "answers.yaml").read_text(encoding="utf-8")) or {}
        for item in answers.get("items") or []:
            parts.append(f"\n## {item['id']}\n\n{item['text']}\n")
            parts.extend(f"\n{answer.get('text', '')}\n" for answer in item.get("answers") or [])
        (docs / f"{index.parent.name}.md").write_text("".join(parts), encoding="utf-8")
        count += 1
    return count


FLOOR = """
import pathlib, sys, time, markdown
pages = [p.read_text(encoding="utf-8") for p in sorted(pathlib.Path(sys.argv[1]).glob("*.md"))]
md = markdown.Markdown(extensions=["toc", "tables"])
for text in pages:
    md.reset(); md.convert(text)
"""


CAUGHT_UP = "search index and open data updated"


def edit_one_session(content: Path, start: str = "") -> None:
    """Edit the middle session (of those whose id starts with `start`)."""
    records = sorted(content.glob(f"sessions/*/{start}*/answers.yaml"))
    answers = records[len(records) // 2]
    text = answers.read_text(encoding="utf-8")
    answers.write_text(text.replace("text: |\n", "text: |\n      Đã chỉnh sửa.\n", 1), encoding="utf-8")


def serve_rebuild(config: Path, content: Path, only: str = "") -> tuple[float, float, float]:
    """Seconds from starting `mkdocs serve` to its first pages served, from saving an edited
    session to the end of its rebuild (the pages are served), and to the moment the search index
    and open data have caught up. `only`: a partial preview of that year (`scripts/serve
    --only`), one of whose sessions is edited."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # `mkdocs serve` builds into a temporary folder (4 GB at 10,000 sessions), which stays behind
    # if it is killed outright: it gets one inside the work folder, removed afterwards.
    scratch = config.parent / "serve-tmp"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir()
    process = subprocess.Popen(
        [PYTHON, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
        env=dict(ENV, TMPDIR=str(scratch), DIALOGUE_ARCHIVE_PREVIEW_ONLY=only),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    started = time.monotonic()
    assert process.stdout is not None

    def wait_for(text: str) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            if text in line:
                return
        raise RuntimeError(f"mkdocs serve ended before printing {text!r}")

    try:
        wait_for("Serving on")
        first = time.monotonic() - started
        wait_for(CAUGHT_UP)  # the first build's search and data
        time.sleep(2)
        edit_one_session(content, only)
        edited = time.monotonic()
        # Not "Documentation built in N seconds": MkDocs drops a message it logged before.
        wait_for("Reloading browsers")
        pages = time.monotonic() - edited
        wait_for(CAUGHT_UP)
        return first, pages, time.monotonic() - edited
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait()
        shutil.rmtree(scratch, ignore_errors=True)


def bench(sessions: int, work: Path, with_serve: bool) -> list[Measure]:
    print(f"\n== {sessions:,} sessions x 20 items ==", flush=True)
    content = generate(work / "content", sessions)
    items = sum(1 for _ in content.glob("sessions/*/*/answers.yaml")) * 20
    print(f"  generated {sessions:,} sessions, {items:,} items in {work / 'content'}")
    config = work / "mkdocs.yml"
    config.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {content}\nsite_dir: {work / 'site'}\n",
                      encoding="utf-8")
    build = [PYTHON, "-m", "mkdocs", "build", "--strict", "-f", str(config)]
    shutil.rmtree(work / ".cache", ignore_errors=True)
    results = [run("(a) our build, cold cache", build, output=work / "site"), warm_rebuild(build)]
    edit_one_session(content)
    results.append(run("(a) rebuild after editing one session", build))
    if with_serve:
        _, pages, caught_up = serve_rebuild(config, content)
        print(f"  (a) serve: preview rebuilt {pages:.1f} s after an edit, search and open data "
              f"{caught_up:.1f} s after it", flush=True)
        results.append(Measure("(a) serve preview rebuild after an edit", pages, 0))
        results.append(Measure("(a) serve: search and open data caught up", caught_up, 0))
        # a year's sessions, as an office previews its current year (the fullest year: the
        # newest may hold a few days)
        year = max((content / "sessions").iterdir(), key=lambda p: len(list(p.iterdir()))).name
        first, pages, caught_up = serve_rebuild(config, content, only=year)
        print(f"  (a) partial preview of {year} (serve --only {year}): pages served {first:.1f} s "
              f"after starting; rebuilt {pages:.1f} s after an edit, search and open data "
              f"{caught_up:.1f} s after it", flush=True)
        results.append(Measure(f"(a) partial preview (`--only {year}`): started", first, 0))
        results.append(Measure(f"(a) partial preview (`--only {year}`): rebuild after an edit",
                               pages, 0))
    results.append(run("(a) the next day's first build, nothing edited", build, env=NEXT_DAY))
    docs = work / "plain" / "docs"
    shutil.rmtree(work / "plain", ignore_errors=True)  # a --work folder may hold an earlier run
    plain_pages(content, docs)
    (work / "plain" / "mkdocs.yml").write_text(
        "site_name: Kho lưu trữ\ntheme:\n  name: material\n  language: vi\n  font: false\n"
        "nav:\n  - index.md\nnot_in_nav: |\n  /*.md\n", encoding="utf-8")
    results.append(run("(b) plain Material, pages not in nav", [PYTHON, "-m", "mkdocs", "build", "-q"],
                       cwd=work / "plain", output=work / "plain" / "site"))
    results.append(run("(c) Python-Markdown alone", [PYTHON, "-c", FLOOR, str(docs)]))
    return results


def warm_rebuild(build: list[str]) -> Measure:
    """The median of WARM_RUNS rebuilds: the first one after the cold build has measured up
    to 0.7 s more than the next ones at 1,000 sessions (the cold build's 400 MB still being
    written out, among others), which a single run cannot tell from the build's own time."""
    runs = [run(f"(a) warm rebuild, nothing changed, run {n}", build) for n in range(1, WARM_RUNS + 1)]
    median = sorted(runs, key=lambda m: m.seconds)[len(runs) // 2]
    print(f"  (a) warm rebuild: median of {WARM_RUNS} runs "
          f"({', '.join(f'{m.seconds:.1f}' for m in runs)} s)", flush=True)
    return Measure("(a) warm rebuild, nothing changed", median.seconds, max(m.peak_mb for m in runs))


def report(sessions: int, results: list[Measure]) -> None:
    by = {m.label[:3]: m for m in results if m.label.startswith(("(b)", "(c)"))}
    cold = results[0]
    print(f"\n| {sessions:,} sessions | wall time | peak memory | output | vs (b) | vs (c) |")
    print("|---|---|---|---|---|---|")
    for m in results:
        ratio_b = m.seconds / by["(b)"].seconds
        ratio_c = m.seconds / by["(c)"].seconds
        output = f"{m.output_mb:.0f} MB" if m.output_mb is not None else ""
        memory = f"{m.peak_mb:.0f} MB" if m.peak_mb else ""
        print(f"| {m.label} | {m.seconds:.1f} s | {memory} | {output} | {ratio_b:.2f}x | {ratio_c:.2f}x |")
    items = sessions * 20
    if cold.output_mb:
        print(f"\nOutput per item: {cold.output_mb * 1e6 / items / 1024:.1f} KB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000", help="comma-separated session counts")
    parser.add_argument("--work", type=Path, help="keep the generated archives here")
    parser.add_argument("--no-serve", action="store_true", help="skip the serve measurement")
    parser.add_argument("--trace", action="store_true",
                        help="print every build's log and memory as it runs, timed")
    args = parser.parse_args()
    global TRACE
    TRACE = args.trace
    print(f"machine: {os.cpu_count()} cores, python {sys.version.split()[0]}")
    for size in (int(s) for s in args.sizes.split(",")):
        work = (args.work / str(size)) if args.work else Path(tempfile.mkdtemp(prefix=f"bench-{size}-"))
        work.mkdir(parents=True, exist_ok=True)
        try:
            report(size, bench(size, work, not args.no_serve))
        finally:
            if not args.work:
                shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
