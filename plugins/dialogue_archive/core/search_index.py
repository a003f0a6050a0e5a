"""Write the Pagefind bundle for a set of search records.

Pagefind's Python API answers each call after a fixed 0.1 s pause, so adding 200,000
records one by one would take hours. Instead every record becomes a small HTML file in a
private temporary folder (never the published site), and Pagefind indexes that folder in
one call. The files are deleted afterwards, whatever happens. Pagefind's word chunks are then
cut smaller (core/search_chunks.py).
"""

from __future__ import annotations

import gzip
import json
import shutil
import tempfile
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from .search import SEPARATOR, SESSIONS_FILE, SearchRecord
from .search_chunks import CHUNK_BYTES, ChunkFormatError, cut_word_chunks

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
RECORD_TEMPLATE = "archive/search_record.html"
LANGUAGE = "vi"
"""One index language for every record: Pagefind would otherwise split the index by the
language it detects, and a query only searches one of them."""
FILES_PER_FOLDER = 1000


@dataclass(frozen=True)
class IndexStats:
    records: int
    seconds: float
    bundle_bytes: int


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message says what to do."""


def write_bundle(records: Iterable[SearchRecord], bundle_dir: Path,
                 chunk_bytes: int = CHUNK_BYTES) -> IndexStats:
    """Index `records` with Pagefind into `bundle_dir` (e.g. site/pagefind/2025-1), with word
    chunks of about `chunk_bytes`."""
    started = time.perf_counter()
    env = Environment(loader=FileSystemLoader(TEMPLATES_DIR), autoescape=select_autoescape(["html"]))
    template = env.get_template(RECORD_TEMPLATE)
    with tempfile.TemporaryDirectory(prefix="dialogue-archive-search-") as temp:
        folder = Path(temp)
        count = 0
        for count, record in enumerate(records, start=1):
            target = folder / f"{count // FILES_PER_FOLDER:05d}" / f"{count:07d}.html"
            target.parent.mkdir(exist_ok=True)
            html = template.render(record=record, language=LANGUAGE, separator=SEPARATOR)
            target.write_text(html, encoding="utf-8")
        shutil.rmtree(bundle_dir, ignore_errors=True)
        import asyncio  # here: a rebuild that reuses every index need not load it

        try:
            asyncio.run(_index(folder, bundle_dir, count))
        except Exception as error:  # the service reports any failure as a plain exception
            raise SearchIndexError(
                f"Pagefind could not index the archive's {count} search records: {error}. "
                "Check that the pinned 'pagefind[bin]' is installed (scripts/build sets it up)."
            ) from error
    try:
        cut_word_chunks(bundle_dir, chunk_bytes)
    except ChunkFormatError as error:
        raise SearchIndexError(
            f"The search index in {bundle_dir} is not in the layout this archive knows ({error}). "
            "Install the pinned 'pagefind[bin]' (scripts/build sets it up)."
        ) from error
    except OSError as error:
        raise SearchIndexError(f"The search index in {bundle_dir} could not be rewritten: {error}") from error
    size = sum(p.stat().st_size for p in bundle_dir.rglob("*") if p.is_file())
    return IndexStats(count, time.perf_counter() - started, size)


def write_sessions(sessions: Mapping[str, tuple[str, str]], bundle_dir: Path) -> None:
    """The titles and dates of an index's sessions (`SearchRecords.sessions_of`), beside it."""
    data = json.dumps(sessions, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    (bundle_dir / SESSIONS_FILE).write_bytes(gzip.compress(data, mtime=0))


async def _index(folder: Path, bundle_dir: Path, expected: int) -> None:
    """Index `folder` into `bundle_dir`. The service is closed by hand, after the written files
    have settled: Pagefind answers "written" before its last files are on disk, and closing
    the service at once (what its context manager does) can leave them empty (measured: 3
    of 131 indexes had an empty pagefind-entry.json)."""
    from pagefind.index import IndexConfig
    from pagefind.service import PagefindService

    config = IndexConfig(force_language=LANGUAGE, output_path=str(bundle_dir))
    async with PagefindService() as service:
        index = await service.create_index(config)
        result = await index.add_directory(str(folder))
        if result.get("page_count") != expected:
            raise SearchIndexError(f"{result.get('page_count')} of {expected} records were indexed")
        await index.write_files()
        await _settled(bundle_dir)


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
