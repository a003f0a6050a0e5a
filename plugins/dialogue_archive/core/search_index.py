"""Write the Pagefind bundle for a set of search records.

Pagefind's Python API answers each call after a fixed 0.1 s pause, so adding 200,000
records one by one would take hours. Instead every record becomes a small HTML file in a
private temporary folder (never the published site), and Pagefind indexes that folder in
one call. The files are deleted afterwards, whatever happens. Pagefind's word chunks are then
cut smaller (core/search_chunks.py).

The records and the index are made in memory (`/dev/shm`) when it has room, and the finished
index is then copied into the site. Made on this machine's disk, an index of 2,100 records
cost Pagefind 4.6-4.9 s of CPU instead of 2.6-2.9 s (its 2,300 files written one by one),
and writing the records 0.75-1.2 s instead of 0.08 s.
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Awaitable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from jinja2 import Environment, FileSystemLoader, select_autoescape

from .asset_versions import FETCH_WATCH, RUNTIME_FILE, runtime_version, versioned
from .cache import DiskCache, remove_stale
from .search_chunks import CHUNK_BYTES, ChunkFormatError, cut_word_chunks, unpacked
from .search_text import SEPARATOR, SearchRecord

if TYPE_CHECKING:  # loaded by the indexing alone (`_index`)
    from pagefind.service import PagefindService

T = TypeVar("T")

SESSIONS_FILE = "sessions.da_json"
"""Next to each index: its sessions' titles and dates by URL (`SearchRecords.sessions_of`),
gzipped JSON, fetched by the search page for the indexes whose results it shows. Not `.gz`,
for the reason given at search_chunks.WORDS_FILE."""
RECORDS_FILE = "records.da_json"
"""Next to each index: each record's Pagefind path and title by its result's id (`vi_2069e6b`,
its fragment's name), gzipped JSON (`write_records`). Fetched only when a result's excerpt
(its fragment, which alone holds its address) is lost: the result still links to its record.
Not `.gz`, for the reason given at search_chunks.WORDS_FILE."""
TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
WORKER_FILE = "pagefind-worker.js"
WORKER_URL = "`${basePath}pagefind-worker.js`"
"""How Pagefind's pagefind.js names its worker: given a version (asset_versions.runtime_version),
as search.js does pagefind.js, so that a browser never runs a worker of an earlier release."""
WASM_URL = "`${this.basePath}wasm.${language}.pagefind`"
"""How Pagefind's pagefind.js, and its worker, name its WebAssembly: given the same version, so
that a browser never runs the WebAssembly of an earlier release under a newer script."""
RECORD_TEMPLATE = "archive/search_record.html"
LANGUAGE = "vi"
"""One index language for every record: Pagefind would otherwise split the index by the
language it detects, and a query only searches one of them."""
UNUSED_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js",
                "pagefind-component-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                "pagefind-highlight.js")
"""Pagefind's own interfaces, written into every index and never loaded by search.js: not
published (418 KB an index, about 30 MB at 10,000 sessions)."""
SCRATCH = Path("/dev/shm")
SCRATCH_FREE = 256 << 20
"""Free bytes `SCRATCH` must have to be used: an index being made takes 10-20 MB there (two
at a time), and a container's default /dev/shm of 64 MB is left alone."""
SCRATCH_PREFIX = "dialogue-archive-search-"


@dataclass(frozen=True)
class IndexStats:
    records: int
    seconds: float
    bundle_bytes: int
    unstored: str | None = None
    """Why the index could not be kept in the cache (DiskCache.unstored), if it could not."""


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message says what to do."""


@dataclass(frozen=True)
class IndexJob:
    """One index to make in a worker process (`make_index`); pickled whole to reach it."""

    records: list[SearchRecord]
    sessions: dict[str, tuple[str, str]]
    """`write_sessions`' input."""
    bundle_dir: Path
    chunk_bytes: int
    cache: DiskCache
    namespace: str
    key: str
    """Under which the made index is kept in `cache` ('' = not kept)."""
    scratch: str | None = None
    """Where to make it (`scratch_space`)."""


def make_index(job: IndexJob) -> IndexStats:
    """Make one index, with its sessions file, and keep it in the cache. Runs in a worker
    process started afresh (`spawn`), not in a thread of the build: threads share one
    interpreter lock, and each of the thousands of system calls that write an index's files
    waited for it again while another thread wrote the open data (in a traced 10,000-session
    build, copying an index into the site took 22-23 s; 0.3-1.5 s alone). Nor in a forked
    copy of the build: every page the build writes afterwards is then held twice (the peak
    went from 830-850 MB to 1,250-1,310 MB at 1,000 sessions, and over 4 GB at 10,000)."""
    stats = write_bundle(job.records, job.bundle_dir, job.chunk_bytes, job.scratch)
    write_sessions(job.sessions, job.bundle_dir)
    if job.key:
        job.cache.store_tree(job.namespace, job.key, job.bundle_dir)
    return replace(stats, unstored=job.cache.unstored)


def write_bundle(records: Iterable[SearchRecord], bundle_dir: Path,
                 chunk_bytes: int = CHUNK_BYTES, scratch: str | None = None) -> IndexStats:
    """Index `records` with Pagefind into `bundle_dir` (e.g. site/pagefind/2025-1), with word
    chunks of about `chunk_bytes`, made in `scratch` (else in `scratch_folder()`)."""
    started = time.perf_counter()
    env = Environment(loader=FileSystemLoader(TEMPLATES_DIR), autoescape=select_autoescape(["html"]))
    template = env.get_template(RECORD_TEMPLATE)
    with tempfile.TemporaryDirectory(prefix=SCRATCH_PREFIX, dir=scratch or scratch_folder()) as temp:
        folder, made = Path(temp) / "records", Path(temp) / "index"
        count = 0
        for record in records:
            count += 1
            target = folder / record_file(record.url)
            target.parent.mkdir(parents=True, exist_ok=True)
            html = template.render(record=record, language=LANGUAGE, separator=SEPARATOR)
            target.write_text(html, encoding="utf-8")
        import asyncio  # here: a rebuild that reuses every index need not load it

        try:
            asyncio.run(asyncio.wait_for(_index(folder, made, count), answer_seconds(count)))
        except TimeoutError:
            raise SearchIndexError(
                f"Pagefind did not finish indexing {count} search records within "
                f"{answer_seconds(count):.0f} s (it may have stopped). Run the build again; check "
                "that the pinned 'pagefind[bin]' is installed (scripts/build sets it up)."
            ) from None
        except Exception as error:  # the service reports any failure as a plain exception
            # Closing a Pagefind that has already ended fails with ProcessLookupError.
            ended = isinstance(error, (PagefindEnded, ProcessLookupError, BrokenPipeError,
                                       ConnectionResetError))
            raise SearchIndexError(
                f"Pagefind could not index the archive's {count} search records: "
                f"{'it stopped before answering' if ended else str(error) or type(error).__name__}. "
                "Check that the pinned 'pagefind[bin]' is installed (scripts/build sets it up)."
            ) from error
        try:
            cut_word_chunks(made, chunk_bytes)
        except ChunkFormatError as error:
            raise SearchIndexError(
                f"The search index made for {bundle_dir} is not in the layout this archive knows "
                f"({error}). Install the pinned 'pagefind[bin]' (scripts/build sets it up)."
            ) from error
        except OSError as error:
            raise SearchIndexError(f"The search index made for {bundle_dir} could not be rewritten: "
                                   f"{error}") from error
        for name in UNUSED_FILES:
            (made / name).unlink(missing_ok=True)
        watch_fetches(made, bundle_dir)
        write_records(made, bundle_dir)
        shutil.rmtree(bundle_dir, ignore_errors=True)
        bundle_dir.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(made, bundle_dir)  # a rename when `temp` is on the site's file system
    size = sum(p.stat().st_size for p in bundle_dir.rglob("*") if p.is_file())
    return IndexStats(count, time.perf_counter() - started, size)


def watch_fetches(made: Path, bundle_dir: Path) -> None:
    """Prepend FETCH_WATCH to the index's worker, the rest of Pagefind's files left as written:
    a search that lost a chunk to the network then says so instead of finding nothing. The
    worker and the WebAssembly are fetched at the scripts' version (WORKER_URL, WASM_URL)."""
    tag = runtime_version()
    wasm = (WASM_URL, WASM_URL.replace(".pagefind`", f".pagefind?v={tag}`"))
    edits = {RUNTIME_FILE: [(WORKER_URL, f"`${{basePath}}{versioned(WORKER_FILE, tag)}`"), wasm],
             WORKER_FILE: [wasm]}
    for name, replacements in edits.items():
        try:
            script = (made / name).read_text(encoding="utf-8")
        except OSError as error:
            raise SearchIndexError(
                f"The search index made for {bundle_dir} has no readable {name} ({error}). "
                "Install the pinned 'pagefind[bin]' (scripts/build sets it up).") from error
        for old, new in replacements:
            if old not in script:
                raise SearchIndexError(
                    f"The search index made for {bundle_dir} has a {name} that does not fetch "
                    f"what this archive versions as it knows ({old}). Install the pinned "
                    "'pagefind[bin]' (scripts/build sets it up).")
            script = script.replace(old, new)
        if name == WORKER_FILE:
            script = FETCH_WATCH.read_text(encoding="utf-8") + "\n" + script
        (made / name).write_text(script, encoding="utf-8")


def write_records(made: Path, bundle_dir: Path) -> None:
    """RECORDS_FILE: each result's path and title, read from its fragment as Pagefind wrote it
    (its id is the fragment's name, known only once Pagefind has written it). A result whose
    fragment the network lost linked nowhere; the search page fetches this then, and only then."""
    records: dict[str, tuple[str, str]] = {}
    for fragment in sorted((made / "fragment").glob("*.pf_fragment")):
        try:
            data = json.loads(unpacked(fragment))
            records[fragment.stem] = (data["url"], data["meta"]["title"])
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise SearchIndexError(
                f"The search index made for {bundle_dir} has a fragment this archive cannot read "
                f"({fragment.name}: {error}). Install the pinned 'pagefind[bin]' (scripts/build "
                "sets it up).") from error
    data = json.dumps(records, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    (made / RECORDS_FILE).write_bytes(gzip.compress(data, mtime=0))


def record_file(url: str) -> str:
    """Where a record is written for Pagefind: its URL as a path, which Pagefind gives back as
    the result's `url` without indexing its words (search.js `recordUrl` reverses it). Not as
    metadata: Pagefind indexes every metadata value word by word, and the words of a session's
    folder (`…-bhyt`, `phien-00180`) found every item of the session. An item's file starts with
    `_`, which no id holds, so that an item `index` is not its session's write-up."""
    page, _, anchor = url.partition("#")
    return f"{page.strip('/')}/{'_' + anchor if anchor else 'index'}.html"


def answer_seconds(records: int) -> float:
    """How long Pagefind may take to index `records`: 1.3-2.5 ms a record here, so generously
    more. Pagefind's Python library waits for an answer forever, and one that stopped before
    answering hung the build (1 in 6 tries with a Pagefind that fails at once)."""
    return 120 + records * 0.05


def scratch_folder() -> str | None:
    """Where to make an index: `SCRATCH` when it has room and no temporary folder is asked
    for (TMPDIR and the like), else None: the system's temporary folder. Folders there that
    builds killed midway left (memory, in `SCRATCH`) are removed after a day."""
    if any(os.environ.get(name) for name in ("TMPDIR", "TEMP", "TMP")):
        return None
    try:
        if not (os.access(SCRATCH, os.W_OK | os.X_OK) and shutil.disk_usage(SCRATCH).free >= SCRATCH_FREE):
            return None
    except OSError:
        return None
    remove_stale(SCRATCH, (SCRATCH_PREFIX,))
    return str(SCRATCH)


def scratch_space() -> tempfile.TemporaryDirectory[str]:
    """A build's folder for its indexes to be made in (`scratch_folder`): removed at the end with
    what the workers stopped midway (a failure, Ctrl-C) left in it."""
    return tempfile.TemporaryDirectory(prefix=SCRATCH_PREFIX, dir=scratch_folder(),
                                       ignore_cleanup_errors=True)


def write_sessions(sessions: Mapping[str, tuple[str, str]], bundle_dir: Path) -> None:
    """The titles and dates of an index's sessions (`SearchRecords.sessions_of`), beside it."""
    data = json.dumps(sessions, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    (bundle_dir / SESSIONS_FILE).write_bytes(gzip.compress(data, mtime=0))


async def _index(folder: Path, bundle_dir: Path, expected: int) -> None:
    """Index `folder` into `bundle_dir`. The service is closed by hand, after the written files
    have settled: Pagefind answers "written" before its last files are on disk, and closing
    the service at once (what its context manager does) can leave them empty (measured: 3
    of 131 indexes had an empty pagefind-entry.json)."""
    import asyncio

    from pagefind.index import IndexConfig
    from pagefind.service import PagefindService

    config = IndexConfig(force_language=LANGUAGE, output_path=str(bundle_dir))
    # The library logs 'timed out waiting for responses' when Pagefind has stopped, before the
    # build's own message says so with what to do.
    logging.getLogger("pagefind").setLevel(logging.CRITICAL)
    # A Pagefind that stopped also fails the library's reading task, which asyncio would print
    # as a traceback; the failure is reported once, as SearchIndexError.
    asyncio.get_running_loop().set_exception_handler(lambda loop, context: None)
    async with PagefindService() as service:
        index = await _answer(service, service.create_index(config))
        result = await _answer(service, index.add_directory(str(folder)))
        if result.get("page_count") != expected:
            raise SearchIndexError(f"{result.get('page_count')} of {expected} records were indexed")
        await _answer(service, index.write_files())
        await _settled(bundle_dir)


class PagefindEnded(Exception):
    """Pagefind's process ended while the build waited for its answer."""


async def _answer(service: PagefindService, request: Awaitable[T]) -> T:
    """The answer to `request`, or `PagefindEnded` as soon as Pagefind's process has ended: the
    library waits for an answer forever when Pagefind stops after reading the request, and the
    build waited then for `answer_seconds` (two minutes and more) before saying it failed.
    The answers it still waits for then (or once the request failed: Pagefind gone before it
    was sent) are failed, or its closing waits 5 s for them. (`_backend` and `_responses` are
    the library's own, pinned: it has no other way to see its process, and cancelling the
    request instead fails its closing with CancelledError.)"""
    import asyncio

    answered = asyncio.ensure_future(request)
    ended = asyncio.ensure_future(service._backend.wait())
    await asyncio.wait({answered, ended}, return_when=asyncio.FIRST_COMPLETED)
    ended.cancel()
    if not answered.done() or answered.exception() is not None:
        for waiting in service._responses.values():
            if not waiting.done():
                waiting.set_exception(PagefindEnded())
    return await answered


async def _settled(bundle_dir: Path, timeout: float = 120.0) -> None:
    """Wait until the bundle is complete (its entry file reads as JSON, no file is empty) and
    has not changed for a moment."""
    import asyncio

    previous = None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        files = sorted((str(p), p.stat().st_size) for p in bundle_dir.rglob("*") if p.is_file())
        if files == previous and _complete(bundle_dir, files):
            return
        previous = files
        await asyncio.sleep(0.1)
    raise SearchIndexError(f"Pagefind did not finish writing {bundle_dir} within {timeout:.0f} s")


def _complete(bundle_dir: Path, files: list[tuple[str, int]]) -> bool:
    if not files or any(size == 0 for _, size in files):
        return False
    try:
        json.loads((bundle_dir / "pagefind-entry.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return True
