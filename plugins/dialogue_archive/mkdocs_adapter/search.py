"""Search in the MkDocs build: the /search/ page, its scripts, and the Pagefind bundle.

The bundle is built from the archive model in `on_post_build` (never by reading the
written HTML), into `<site_dir>/pagefind/`.
"""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from ..core import urls
from ..core.archive import Archive
from ..core.asset_versions import runtime_version
from ..core.cache import DiskCache, code_fingerprint, fingerprint
from ..core.parallel import Stopper, WorkerPool
from ..core.progress import PROGRESS_SECONDS, Throttle
from ..core.search import SearchRecords, Shard
from ..core.search_index import IndexJob, IndexStats, SearchIndexError, make_index, scratch_space
from ..core.views import ArchiveViews, PageSpec
from .config import ArchivePluginConfig, full_disk_advice

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

SEARCH_ASSETS_DIR = Path(__file__).resolve().parent.parent / "search_assets"
BUNDLE_DIR = urls.SEARCH_BUNDLE_DIR.rstrip("/")
HOLDERS_NAMESPACE = "index-holders"
"""The search page's masks of which indexes hold each filter value (`_holders`); not named
SEARCH_PREFIX…, whose folders are the indexes'."""
SEARCH_PREFIX = "search-"
"""The cache's namespaces of search indexes: `search-<shard>-<variant>` (_namespace)."""
KEPT_DIR = ".pagefind-kept"
"""In a preview, the previous rebuild's indexes wait here while MkDocs cleans the folder (it
leaves hidden folders alone): an unchanged one is moved back instead of being deleted and
linked again from the cache (most of the preview folder's 28,000 files at 1,000 sessions)."""


def keep_previous_bundle(site_dir: Path) -> None:
    """Before MkDocs cleans a preview's folder: set its search indexes aside."""
    bundle, kept = site_dir / BUNDLE_DIR, site_dir / KEPT_DIR
    shutil.rmtree(kept, ignore_errors=True)
    if bundle.is_dir():
        bundle.rename(kept)


def records_for(views: ArchiveViews, config: MkDocsConfig, options: ArchivePluginConfig) -> SearchRecords:
    return SearchRecords(views, config.use_directory_urls, options.search_shard_records,
                         options.search_scope_records)


def add_search_page(files: Files, config: MkDocsConfig, views: ArchiveViews,
                    specs: dict[str, PageSpec], options: ArchivePluginConfig, cache: DiskCache) -> None:
    """The generated /search/ page (out of the menu: the header box leads to it); its scripts
    are the plugin's assets (SEARCH_ASSETS_DIR)."""
    records = records_for(views, config, options)
    shards = records.shards()
    spec = records.page(shards, _holders(records, shards, config, options, cache))
    specs[spec.src_uri] = spec
    files.append(File.generated(config, spec.src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV))


@dataclass(frozen=True)
class SearchIndexes:
    """What `place_search_index` and `index_changed` wrote."""

    keys: dict[str, str]
    """Index id -> key, of every index."""
    carried: dict[str, Callable[[Path], object]]
    """Unchanged indexes left for `publish` to move from the published site (site path -> how
    to restore it from the cache instead)."""
    namespaces: set[str]
    """The cache's namespaces of this build's indexes: the others are swept (SEARCH_PREFIX)."""


@dataclass(frozen=True)
class PlacedIndexes:
    """The search index with its unchanged indexes in place (`place_search_index`): what is
    left to make (`index_changed`)."""

    indexes: SearchIndexes
    records: SearchRecords
    todo: list[tuple[Shard, Path, str]]
    total: int
    started: float


def place_search_index(views: ArchiveViews, config: MkDocsConfig, options: ArchivePluginConfig,
                       cache: DiskCache, kept: dict[str, str] | None = None,
                       published: Path | None = None) -> PlacedIndexes:
    """The search index of every item and write-up, in small indexes under site/pagefind/
    (`SearchRecords.shards`): an index whose sessions (and what the build date decides about
    them, the registries and code) did not change since a previous build is not made again:
    it is moved back from KEPT_DIR when `kept` (index id -> key, of the indexes set aside
    there) has its key; left in the `published` site, to be carried over when the build is
    published, when it is the cache's copy; else linked from the cache. The others are left to
    `index_changed`. Done before the feeds and data are written alongside Pagefind: checking
    and linking thousands of files, each folder read waited for the interpreter behind that
    thread (1.1-1.3 s of a rebuild after an edit at 1,000 sessions, against 0.05 s alone)."""
    records = records_for(views, config, options)
    archive = views.archive
    started = time.monotonic()
    site = Path(config.site_dir)
    indexes = SearchIndexes({}, {}, set())
    try:
        shards = records.shards()
        todo: list[tuple[Shard, Path, str]] = []
        for shard in shards:
            path = f"{BUNDLE_DIR}/{shard.id}"
            bundle, namespace = site / path, _namespace(archive, shard)
            indexes.namespaces.add(namespace)
            key = indexes.keys[shard.id] = _index_key(views, config, options, shard)
            if (kept or {}).get(shard.id) == key and (site / KEPT_DIR / shard.id).is_dir():
                bundle.parent.mkdir(parents=True, exist_ok=True)
                shutil.rmtree(bundle, ignore_errors=True)
                (site / KEPT_DIR / shard.id).rename(bundle)
            elif not archive.context_fingerprint:
                todo.append((shard, bundle, key))
            elif published is not None and cache.holds_tree(namespace, key, published / path):
                indexes.carried[path] = partial(cache.restore_tree, namespace, key)
            elif not cache.restore_tree(namespace, key, bundle):
                todo.append((shard, bundle, key))
        return PlacedIndexes(indexes, records, todo, len(shards), started)
    finally:
        shutil.rmtree(site / KEPT_DIR, ignore_errors=True)


def index_changed(placed: PlacedIndexes, cache: DiskCache, workers: int, chunk_bytes: int,
                  stopper: Stopper | None = None) -> SearchIndexes:
    """Make with Pagefind the indexes `place_search_index` left, `workers` at a time (each
    index is a separate Pagefind process); `stopper` can kill them."""
    if not placed.total:
        log.info("search: nothing is published yet, there is nothing to index")
    elif not placed.todo:
        log.info("search: the archive is unchanged, the search index is reused")
    else:
        _index_shards(placed.records, placed.todo, placed.records.archive.context_fingerprint,
                      cache, workers, placed.total, placed.started, chunk_bytes, stopper)
    return placed.indexes


def _index_key(views: ArchiveViews, config: MkDocsConfig, options: ArchivePluginConfig,
               shard: Shard) -> str:
    """What a shard's index is made of: its sessions, what the build date decides about them,
    the registries and the code (an index made under the same key is reused)."""
    return fingerprint(views.archive.context_fingerprint, code_fingerprint(), runtime_version(),
                       str(config.use_directory_urls), str(options.search_chunk_bytes),
                       *(s.source_key + views.day_facts(s) for s in shard.sessions))


def _holders(records: SearchRecords, shards: list[Shard], config: MkDocsConfig,
             options: ArchivePluginConfig, cache: DiskCache) -> dict[str, dict[str, str]]:
    """`SearchRecords.holders` of the indexes `shards`, kept in `cache` under their keys: the
    masks say what the indexes' records hold, and an index is reused under the same key. Made
    again, they walk every item: 0.14-0.18 s of a warm build at 1,000 sessions, 1.5-1.9 s at
    10,000."""
    key = fingerprint(*(f"{shard.id} {_index_key(records.views, config, options, shard)}"
                        for shard in shards)) if records.archive.context_fingerprint else ""
    if key and isinstance(kept := cache.get_pickle(HOLDERS_NAMESPACE, key), dict):
        return kept
    holders = records.holders(shards)
    if key:
        cache.put_pickle(HOLDERS_NAMESPACE, key, holders)
    return holders


def _first_failure(error: OSError) -> tuple[str, str | None]:
    """One line for the message, and the path that failed: a copy that failed (shutil.Error)
    lists every file it could not copy, 2,300 of an index (a line of 1 MB that blamed /dev/shm
    for the site's full disk)."""
    if isinstance(error, shutil.Error) and error.args and isinstance(error.args[0], list):
        failures = error.args[0]
        source, target, why = failures[0]
        more = f" (and {len(failures) - 1} more files)" if len(failures) > 1 else ""
        return f"{why}, copying {source} to {target}{more}", target
    return str(error), error.filename2 or error.filename


def _namespace(archive: Archive, shard: Shard) -> str:
    """Where a shard's index is cached: one entry is kept a namespace (they are large), apart
    for a preview and a build (`Archive.cache_variant`)."""
    return f"{SEARCH_PREFIX}{shard.id}-{archive.cache_variant}"


def _index_shards(records: SearchRecords, todo: list[tuple[Shard, Path, str]], context: str,
                  cache: DiskCache, workers: int, total: int, started: float, chunk_bytes: int,
                  stopper: Stopper | None) -> None:
    """Index the shards of `todo` with Pagefind, in `workers` worker processes (make_index), and
    cache each bundle. Records are made here for one shard more than there are workers, at
    most: all of them at once would hold every record of the archive in memory."""
    todo.sort(key=lambda task: -task[0].records)  # largest first: workers finish together
    workers = max(1, min(workers, len(todo)))
    done: list[IndexStats] = []
    pending: set[Future[IndexStats]] = set()
    report = Throttle(PROGRESS_SECONDS)
    try:
        with scratch_space() as scratch, WorkerPool(workers, stopper) as pool:
            for shard, bundle, key in todo:
                if len(pending) > workers:
                    finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                    done += [future.result() for future in finished]
                    if report.due():
                        log.info(f"search: {len(done)}/{len(todo)} indexes written")
                job = IndexJob(list(records.records_of(shard)), records.sessions_of(shard), bundle,
                               chunk_bytes, cache, _namespace(records.views.archive, shard),
                               key if context else "",
                               scratch)
                pending.add(pool.submit(make_index, job))
            done += [future.result() for future in wait(pending).done]
        for stats in done:  # a worker found the cache's disk full: said once, by the build
            cache.stopped(stats.unstored)
    except SearchIndexError as error:
        raise PluginError(str(error)) from None
    except BrokenProcessPool as error:
        raise PluginError(f"a search-indexing process stopped unexpectedly ({error}; out of "
                          "memory?): run the build again, or set the plugin option workers: 1"
                          ) from None
    except OSError as error:  # a full disk or /dev/shm, a folder that cannot be written
        failure, where = _first_failure(error)
        todo = full_disk_advice(cache, where, "free some space there (the site's folder, or "
                                "TMPDIR, /dev/shm otherwise, where indexes are made), or set "
                                "TMPDIR to a folder with room")
        raise PluginError(f"the search index could not be written: {failure}; {todo}") from None
    log.info(f"search: {sum(d.records for d in done)} records indexed in "
             f"{time.monotonic() - started:.1f} s ({sum(d.bundle_bytes for d in done) / 1e6:.1f} MB); "
             f"{total - len(todo)} of {total} unchanged indexes reused")
