"""Shared fixtures: real sites built in temporary folders, served on 127.0.0.1, read in Chromium."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import functools
import http.server
import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import forked
import pytest
from bs4 import BeautifulSoup
from dialogue_archive import cli
from dialogue_archive.core.label_overrides import use_labels

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
"""axe-core, pinned in tests/package-lock.json (scripts/test runs `npm ci --prefix tests`)."""


def serious_violations(page: object) -> list[str]:
    """axe-core's serious and critical findings on the page as it is now."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
          .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3)
            .map(n => n.target.join(' ')).join(', '));
    }""")
SAMPLE_BUILD_DATE = dt.date(2026, 11, 28)
"""The sample archive is always built 'on' this day, so schedules and overdue are stable."""

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def write_config(folder: Path, docs_dir: Path, site_dir: Path, **plugin_options: object) -> Path:
    """A mkdocs.yml that INHERITs the project's and points at another content folder."""
    options = "".join(f"\n      {k}: {v}" for k, v in plugin_options.items())
    config = folder / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {docs_dir}\nsite_dir: {site_dir}\n"
        f"plugins:\n  - dialogue-archive:{options or ' {}'}\n", encoding="utf-8")
    return config


def as_an_office_account(command: list[str]) -> list[str]:
    """`command` run without root's right to write anywhere (tests run as root here): file
    permissions then hold as they do for the account an office builds with."""
    if os.geteuid() != 0:
        return command
    return ["setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search,-fowner",
            *command]


def run_build(config: Path, *extra: str, env: dict[str, str] | None = None,
              cwd: Path | None = None, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` as a user runs it (from `cwd`, else the tests' folder), in a
    process of its own (`forked`); returns the finished process."""
    full_env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
    return forked.run("mkdocs", ["build", "--strict", "-f", config, *extra], env=full_env,
                      cwd=cwd, timeout=timeout)


def validate(content: Path) -> subprocess.CompletedProcess[str]:
    """`dialogue-archive validate content`: the command's own `main`, run in this process with
    what it prints caught, as a finished process. The suite validates some 500 archives, and a
    new Python process for each spent most of its time importing; the tests that run the
    installed command itself (its exit code, Ctrl-C) still start it as a user does. The site's
    labels a `labels` option put in place are the archive's own again afterwards."""
    args = ["validate", str(content)]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(args)
        except SystemExit as stop:  # argparse refusing the arguments: its exit code, as Python's
            code = 0 if stop.code is None else stop.code if isinstance(stop.code, int) else 1
        finally:
            use_labels(None)
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def replace(path: Path, old: str, new: str) -> None:
    """Change one occurrence of `old` in a file (which must contain it)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def build_archive(content: Path, tmp: Path, build_date: dt.date = SAMPLE_BUILD_DATE,
                  **plugin_options: object) -> Path:
    """Build `content` into tmp/site and return the site folder; fails the test on errors."""
    site = tmp / "site"
    config = write_config(tmp, content, site, build_date=str(build_date), **plugin_options)
    result = run_build(config)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def copy_sample(target: Path) -> Path:
    """A private copy of the sample content that a test may change."""
    shutil.copytree(CONTENT, target)
    return target


def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample archive of content/, built once for the whole test run: under pytest-xdist
    the first worker to need it builds it in the run's shared temporary folder and the others
    wait for it (each worker built its own copy before). Tests only read it."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        return build_archive(CONTENT, tmp_path_factory.mktemp("sample"))
    shared = tmp_path_factory.getbasetemp().parent / "sample"
    shared.mkdir(exist_ok=True)
    with (shared / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (shared / "built").exists():
            build_archive(CONTENT, shared)
            (shared / "built").touch()
    return shared / "site"


@pytest.fixture(scope="session")
def long_list_site(tmp_path_factory: pytest.TempPathFactory) -> Callable[[dt.date], Path]:
    """long_list_site(start) -> the site of make_archive's 120 sessions, the newest on `start`
    (lists of three pages), built once per `start` for every test that only reads it."""
    built: dict[dt.date, Path] = {}

    def site(start: dt.date = dt.date(2024, 6, 20)) -> Path:
        if start not in built:
            tmp = tmp_path_factory.mktemp("long-lists")
            built[start] = build_archive(make_archive(tmp / "content", sessions=120, start=start), tmp)
        return built[start]

    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that drops a transfer (a download it saves elsewhere, a page left) is no
        error of the site: only others are printed."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def serve_site() -> Iterator[object]:
    """serve_site(folder) -> base URL of a static server on 127.0.0.1 with an OS-chosen port."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = QuietServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: scripts/test installs it with apt-get")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


MINIMAL_REGISTRY = {
    "agencies.yaml": """\
- id: ubnd-quan-cam-le
  name: Ủy ban nhân dân quận Cẩm Lệ
  short_name: UBND quận Cẩm Lệ
- id: phong-tu-phap
  name: Phòng Tư pháp quận Cẩm Lệ
  short_name: Phòng Tư pháp
  parent: ubnd-quan-cam-le
- id: phong-quan-ly-do-thi
  name: Phòng Quản lý đô thị quận Cẩm Lệ
  short_name: Phòng QLĐT
  parent: ubnd-quan-cam-le
""",
    "topics.yaml": """\
- id: xay-dung
  name: Xây dựng
  synonyms: [GPXD, giấy phép xây dựng]
- id: cu-tru
  name: Cư trú
  synonyms: [hộ khẩu]
""",
    "places.yaml": """\
- id: quan-cam-le
  name: Quận Cẩm Lệ
  kind: district
  valid_until: 2025-06-30
  succeeded_by: [phuong-cam-le]
- id: phuong-cam-le
  name: Phường Cẩm Lệ
  kind: ward
  valid_from: 2025-07-01
""",
}

MINIMAL_INDEX = """\
---
title: Đối thoại với công dân về thủ tục hành chính
date: {date}
organizer: ubnd-quan-cam-le
place: quan-cam-le
summary: Công dân hỏi về giấy phép xây dựng.
---
Sáng nay, UBND quận tổ chức đối thoại với công dân.
"""

MINIMAL_ANSWERS = """\
items:
  - id: ho-so-gpxd
    type: proposal
    asker:
      label: Công dân phường Hòa Thọ Đông
    topics: [xay-dung]
    text: Đề nghị đơn giản hoá thành phần hồ sơ cấp giấy phép xây dựng.
    answers:
      - by: phong-quan-ly-do-thi
        text: Phòng sẽ rà soát và kiến nghị cấp trên.
    commitments:
      - id: kien-nghi-don-gian-hoa
        by: ubnd-quan-cam-le
        text: Kiến nghị UBND thành phố đơn giản hoá hồ sơ.
        due: 2024-12-31
        status: in_progress
"""


class Preview:
    """`mkdocs serve` of `config`, its output read line by line as it comes. `before`: Python
    run in its process before MkDocs starts; `ctrl_c`: how it takes Ctrl-C (SIG_IGN: as a
    shell's `cmd &` starts it)."""

    def __init__(self, config: Path, tmp_path: Path, *, before: str = "",
                 ctrl_c: signal.Handlers = signal.SIG_DFL, **env: str):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        mkdocs = ["-c", f"{before}\nfrom mkdocs.__main__ import cli\ncli()"] if before else ["-m", "mkdocs"]
        self.process = subprocess.Popen(
            [sys.executable, *mkdocs, "serve", "-f", str(config), "-a", f"127.0.0.1:{self.port}"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
            # serve's temporary site stays behind when it is stopped: in tmp_path, not in /tmp
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1", TMPDIR=str(tmp_path), **env),
            preexec_fn=lambda: signal.signal(signal.SIGINT, ctrl_c))
        self.lines: list[str] = []
        self.timer = threading.Timer(240, self.stop)
        self.timer.start()

    def wait_for(self, text: str) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)
            if text in line:
                return
        raise AssertionError("".join(self.lines))

    def get(self, path: str) -> bytes:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}") as response:
            return response.read()

    def stop(self) -> None:
        self.timer.cancel()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait()


def make_archive(root: Path, sessions: int = 1, start: dt.date = dt.date(2024, 6, 20)) -> Path:
    """A small valid archive: the minimal registries and `sessions` one-item sessions."""
    (root / "registry").mkdir(parents=True, exist_ok=True)
    for name, text in MINIMAL_REGISTRY.items():
        (root / "registry" / name).write_text(text, encoding="utf-8")
    (root / "index.md").write_text("---\ntitle: Kho lưu trữ\n---\nGiới thiệu.\n", encoding="utf-8")
    for n in range(sessions):
        day = start - dt.timedelta(days=n)
        folder = root / "sessions" / str(day.year) / f"{day.isoformat()}-doi-thoai-{n + 1}"
        folder.mkdir(parents=True)
        (folder / "index.md").write_text(MINIMAL_INDEX.format(date=day.isoformat()), encoding="utf-8")
        (folder / "answers.yaml").write_text(MINIMAL_ANSWERS, encoding="utf-8")
    return root


def open_filters(page) -> None:
    """Unfold the filter panel as a reader does on a phone, where it starts folded, and wait
    for its counts, made once it is unfolded."""
    if page.get_attribute("#da-filters", "open") is None:
        page.click("#da-filters > summary")
    page.wait_for_function("!document.getElementById('da-facets').hasAttribute('aria-busy')")
