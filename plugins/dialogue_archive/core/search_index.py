"""Write the Pagefind bundle for a set of search records.

Pagefind's Python API answers each call after a fixed 0.1 s pause, so adding 200,000
records one by one would take hours. Instead every record becomes a small HTML file in a
private temporary folder (never the published site), and Pagefind's command line indexes that
folder in one run. The files are deleted afterwards, whatever happens. Pagefind's word chunks are then
cut smaller (core/search_chunks.py).

The records and the index are made in memory (`/dev/shm`) when it has room, and the finished
index is then copied into the site. Made on this machine's disk, an index of 2,100 records
cost Pagefind 4.6-4.9 s of CPU instead of 2.6-2.9 s (its 2,300 files written one by one),
and writing the records 0.75-1.2 s instead of 0.08 s.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import cbor2
from jinja2 import Environment, FileSystemLoader, select_autoescape

from .asset_versions import FETCH_WATCH, RUNTIME_FILE, runtime_version, versioned
from .cache import DiskCache, remove_stale
from .search_chunks import CHUNK_BYTES, ChunkFormatError, cut_word_chunks, unpacked
from .search_text import SEPARATOR, SearchRecord

SESSIONS_FILE = "sessions.da_json"
"""Next to each index: its sessions' titles and dates by URL (`SearchRecords.sessions_of`),
gzipped JSON, fetched by the search page for the indexes whose results it shows. Not `.gz`,
for the reason given at search_chunks.WORDS_FILE."""
RECORDS_FILE = "records.da_json"
"""Next to each index: each record's Pagefind path and title by its result's id (`vi_2069e6b`,
its fragment's name), gzipped JSON (`write_records`). Fetched only when a result's excerpt
(its fragment, which alone holds its address) is lost: the result still links to its record.
Not `.gz`, for the reason given at search_chunks.WORDS_FILE."""
TOTALS_FILE = "totals.da_json"
"""Next to each index: how many of its records hold each filter value ({"topic": {"dat-dai":
310}, …}), read from the filter files Pagefind wrote, gzipped JSON. The filter panel's counts
before anything is typed or ticked are these, summed over the indexes searched (search.js
`totalsOf`): Pagefind's own (`filters()`) fetch the nine filter files of every index first,
4.8 MB in 639 requests for the whole archive at 10,000 sessions, and a first query typed at
once waited behind them. Not `.gz`, for the reason given at search_chunks.WORDS_FILE."""
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
        _index(folder, made, count)
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
        write_totals(made, bundle_dir)
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
            raise _unreadable(bundle_dir, f"a fragment ({fragment.name}", error) from error
    _write_gzipped_json(records, made / RECORDS_FILE)


def write_totals(made: Path, bundle_dir: Path) -> None:
    """TOTALS_FILE: each filter value's count of records, as Pagefind's `filters()` gives it
    (the length of the value's list of pages in its filter file)."""
    totals: dict[str, dict[str, int]] = {}
    for path in sorted((made / "filter").glob("*.pf_filter")):
        try:
            name, values = cbor2.loads(unpacked(path))
            totals[name] = {value: len(pages) for value, pages in values}
        except (OSError, ValueError, TypeError, cbor2.CBORDecodeError) as error:
            raise _unreadable(bundle_dir, f"a filter file ({path.name}", error) from error
    _write_gzipped_json(totals, made / TOTALS_FILE)


def _unreadable(bundle_dir: Path, what: str, error: Exception) -> SearchIndexError:
    """A file of Pagefind's this archive cannot read: Pagefind is not the release it knows."""
    return SearchIndexError(
        f"The search index made for {bundle_dir} has {what}: {error}) this archive cannot read. "
        "Install the pinned 'pagefind[bin]' (scripts/build sets it up).")


def _write_gzipped_json(data: object, path: Path) -> None:
    """One of our files beside an index: compact JSON, gzipped the same way at every build."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    path.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))


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
    more; a Pagefind that hangs is then stopped and the build fails, instead of waiting forever."""
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
    _write_gzipped_json(sessions, bundle_dir / SESSIONS_FILE)


def _index(folder: Path, made: Path, expected: int) -> None:
    """Index the records in `folder` into `made` with Pagefind's command line, in one run.
    Not through its Python API's service: every answer of that waits 0.1 s (ENGINEERING.md),
    three answers an index, and it answers "written" before its last files are on disk (3 of
    131 indexes had an empty pagefind-entry.json), which cost another 0.1-0.2 s of waiting for
    the files to settle: 0.5 s an index, most of a small archive's indexing. The run is
    started in the scratch folder with no PAGEFIND_ variable, so that no pagefind.yml of the
    build's folder or variable of the shell changes what it indexes."""
    from pagefind.service import get_executable  # the pinned binary, or PAGEFIND_BINARY_PATH's

    binary = get_executable()
    install = "Check that the pinned 'pagefind[bin]' is installed (scripts/build sets it up)."
    failed = f"Pagefind could not index the archive's {expected} search records"
    if binary is None:
        raise SearchIndexError(f"{failed}: it is not installed. {install}")
    environment = {name: value for name, value in os.environ.items() if not name.startswith("PAGEFIND_")}
    try:
        run = subprocess.run(
            [str(binary), "--site", str(folder), "--output-path", str(made),
             "--force-language", LANGUAGE], cwd=folder.parent, env=environment,
            stdin=subprocess.DEVNULL, capture_output=True, timeout=answer_seconds(expected))
    except subprocess.TimeoutExpired:
        raise SearchIndexError(
            f"Pagefind did not finish indexing {expected} search records within "
            f"{answer_seconds(expected):.0f} s (it may have stopped). Run the build again. {install}"
        ) from None
    except OSError as error:
        raise SearchIndexError(f"{failed}: it could not be started ({error}). {install}") from None
    if run.returncode != 0:
        said = (run.stderr or run.stdout).decode("utf-8", "replace").strip().splitlines()
        raise SearchIndexError(
            f"{failed}: it stopped with exit status {run.returncode}"
            f"{': ' + said[-1].strip().rstrip('.') if said else ''}. {install}")
    indexed = _indexed(made)
    if indexed is None:
        raise SearchIndexError(f"{failed}: it ended without writing a readable index. {install}")
    if indexed != expected:
        raise SearchIndexError(f"{failed}: it indexed {indexed} of them. {install}")


def _indexed(made: Path) -> int | None:
    """How many records the index `made` holds, by its entry file (None: unreadable)."""
    try:
        entry = json.loads((made / "pagefind-entry.json").read_text(encoding="utf-8"))
        return sum(language["page_count"] for language in entry["languages"].values())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
