"""Write the archive's pages with the theme on every core, reusing unchanged pages.

MkDocs renders pages one after another. The archive's own pages (sessions, lists, reports)
are instead given an empty template during MkDocs' pass (so MkDocs skips them) and written
here afterwards by this process and forked helpers, each taking the next chunk of pages.
A page whose inputs (its view data, or what a session page's view is made from; the site's
configuration and navigation, our code and templates) are unchanged since an earlier build
is copied from the disk cache instead of being rendered. Lists and reports are looked up by
the whole archive's fingerprint first: building and hashing their views costs 0.6 s at
1,000 sessions, wasted when nothing changed.
"""

from __future__ import annotations

import errno
import gc
import logging
import multiprocessing
import os
import queue
import types
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import material
import mkdocs
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from mkdocs.utils import write_file

from ..core.cache import DiskCache, code_fingerprint, fingerprint
from ..core.parallel import ignore_interrupts, interrupts_held
from ..core.progress import PROGRESS_SECONDS, Throttle

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

DEFERRED_TEMPLATE = "archive/deferred.html"
"""Renders nothing: MkDocs then writes no file and leaves the page to this module."""
PAGES = "pages"
"""The cache namespace of written pages (see DiskCache.sweep)."""
CHUNK = 100
"""Pages per task: small enough for progress reports, large enough to keep workers busy."""


@dataclass
class RenderJob:
    """Everything a worker needs; inherited by fork, never pickled."""

    pages: Sequence[Page]
    config: MkDocsConfig
    nav: Any
    env: Any
    doc_files: Sequence[Any]
    view: Callable[[Page], dict[str, Any]]
    """Builds the page's view, its template's archive data (the plugin keeps it for its
    on_page_context, which the worker runs next, through MkDocs' plugin events)."""
    inputs: Callable[[Page], str]
    """A hash of what the page's view is made from when known without building it, else ''."""
    reused: Callable[[Page], None]
    """Checks a page reused by its inputs for what building its view would have reported."""
    cache: DiskCache
    site_key: str
    archive_key: str = ""
    """What the pages without `inputs` (lists, reports) are made from: the whole archive and
    our options. While it holds they are found without building their view ('' = unknown)."""


@dataclass
class RenderReport:
    rendered: int = 0
    reused: int = 0
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    full_disk: str | None = None
    """Where a write found the disk full ('' = not said); None when none did."""
    unstored: str | None = None
    """Why the cache stopped storing pages (DiskCache.unstored), if it did."""


_JOB: RenderJob | None = None


class _QuietDeferred(logging.Filter):
    """MkDocs reports each page it skips; ours are skipped on purpose and written later."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Page skipped")


def silence_skipped_pages() -> None:
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, _QuietDeferred) for f in logger.filters):
        logger.addFilter(_QuietDeferred())


def site_fingerprint(config: MkDocsConfig, nav: Any, ours: object, *extra: str) -> str:
    """What every page depends on besides its own data: code, templates, theme, config, the
    whole nav (a section's pages too: their titles and addresses are in every page's menu), the
    Markdown extensions' options (Material reads the toc's title), and the other plugins that
    run on each page written (their options, a hook's code); `ours`: the archive's plugin,
    whose options reach the pages through the archive's own keys."""
    settings = {key: config.get(key) for key in (
        "site_name", "site_url", "site_description", "site_author", "copyright", "repo_url",
        "repo_name", "edit_uri", "use_directory_urls", "extra", "extra_css", "extra_javascript",
        "markdown_extensions", "mdx_configs")}
    settings["plugins"] = [(name, _plugin_described(plugin)) for name, plugin in config.plugins.items()
                           if plugin is not ours]
    navigation = _nav_described(nav or [])
    return fingerprint(
        code_fingerprint(), mkdocs.__version__, getattr(material, "__version__", ""),
        repr(dict(config.theme)), repr(sorted(config.theme.dirs)), _stable(settings), repr(navigation),
        *_site_overrides(config.theme.custom_dir), *extra)


def _plugin_described(plugin: Any) -> str:
    """A hook (a module named in `hooks:`) by its code and that of the modules beside it, which
    it may import (MkDocs puts its folder on the import path: an edited helper module left every
    archive page with the hook's old output); a plugin by its options."""
    if isinstance(plugin, types.ModuleType):
        if not plugin.__file__:
            return ""
        hook = Path(plugin.__file__)
        beside = [m for m in hook.parent.glob("*.py") if m != hook and not m.name.startswith(".")]
        return fingerprint(hook.read_bytes(), *(f"{module.name}\0".encode() + _readable(module)
                                                for module in sorted(beside)))
    return _stable(dict(getattr(plugin, "config", None) or {}))


def _readable(path: Path) -> bytes:
    """A file's bytes, or nothing for one that cannot be read (an editor's lock link, a folder
    named `x.py`): a module the hook cannot import either."""
    try:
        return path.read_bytes()
    except OSError:
        return b""


NAV_META = ("subtitle", "status", "icon")
"""What Material's menu and tabs print of a page's front matter besides its title."""


def _nav_described(items: Any) -> list[Any]:
    """Each nav entry's title, address and what the menu prints of its front matter, with its
    children's, down the whole tree."""
    return [(item.title, getattr(item, "url", None),
             [repr((getattr(item, "meta", None) or {}).get(key)) for key in NAV_META],
             _nav_described(getattr(item, "children", None) or [])) for item in items]


def _stable(value: Any) -> str:
    """`repr` without what changes from run to run: a function (the toc's `slugify`, which
    the plugin sets) is named by where it is defined, not by its address in memory."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key!r}: {_stable(item)}" for key, item in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_stable(item) for item in value) + "]"
    if callable(value):
        return f"<{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__name__)}>"
    return repr(value)


def _site_overrides(custom_dir: str | None) -> list[str | bytes]:
    """The site's own templates (`theme.custom_dir`), by name and content: an edited override
    must reach every page (installed themes and ours are known by their versions and code)."""
    if not custom_dir:
        return []
    folder = Path(custom_dir)
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return [*(str(p.relative_to(folder)) for p in files), *(p.read_bytes() for p in files)]


def _render_one(job: RenderJob, page: Page, report: RenderReport) -> None:
    config = job.config
    config._current_page = page
    page.active = True
    try:
        destination = Path(page.file.abs_dest_path)
        own_inputs = job.inputs(page)
        page_key = partial(fingerprint, job.site_key, page.file.url, repr(page.meta))
        # Found by what the page is made from, when that is known without building its view:
        # a session's files, or for lists and reports the whole archive, while it is unchanged.
        quick = page_key(own_inputs or job.archive_key) if own_inputs or job.archive_key else ""
        if quick and job.cache.copy_to(PAGES, quick, destination):
            job.reused(page)
            report.reused += 1
            return
        view = job.view(page)
        key = quick if own_inputs else page_key(repr(view))  # the archive changed, maybe not the list
        if key != quick and job.cache.copy_to(PAGES, key, destination):
            job.cache.alias(PAGES, key, quick)
            report.reused += 1
            return
        context = get_context(job.nav, job.doc_files, config, page)
        context = config.plugins.on_page_context(context, page=page, config=config, nav=job.nav)
        template = job.env.get_template(page.meta["render_template"])
        output = config.plugins.on_post_page(template.render(context), page=page, config=config)
        data = output.encode("utf-8", errors="xmlcharrefreplace")
        # Written once, into the cache, and linked into the site: two copies would double the
        # disk writes, and the next build's deletion of the old site would free real files.
        job.cache.put_bytes(PAGES, key, data)
        if not job.cache.copy_to(PAGES, key, destination):  # no cache
            # Under another name, then renamed over the page (which may be a hard link into an
            # earlier cache): a preview writing its open-data page again serves it all along.
            temporary = destination.with_name(f".{destination.name}.{os.getpid()}")
            write_file(data, str(temporary))
            os.replace(temporary, destination)
        if key != quick:
            job.cache.alias(PAGES, key, quick)
        report.rendered += 1
    except OSError as error:  # a full disk: where, and why, as one line
        where = error.filename2 or error.filename
        report.errors.append(f"{page.file.src_uri}: {error.strerror}" + (f" ({where})" if where else ""))
        if error.errno == errno.ENOSPC and report.full_disk is None:
            report.full_disk = where or ""
    except Exception as error:  # reported to the parent, which fails the build
        report.errors.append(f"{page.file.src_uri}: {type(error).__name__}: {error}")
    finally:
        page.active = False
        config._current_page = None


class _Collect(logging.Handler):
    def __init__(self, report: RenderReport):
        super().__init__(logging.WARNING)
        self.report = report

    def emit(self, record: logging.LogRecord) -> None:
        self.report.warnings.append(record.getMessage())


def _render_chunk(indices: range) -> RenderReport:
    """Runs in a worker: warnings are returned, so the parent's strict mode counts them."""
    assert _JOB is not None
    report = RenderReport()
    logger = logging.getLogger("mkdocs")
    saved = logger.handlers[:]
    logger.handlers = [_Collect(report)]
    try:
        for index in indices:
            _render_one(_JOB, _JOB.pages[index], report)
    finally:
        logger.handlers = saved
    report.unstored = _JOB.cache.unstored
    return report


def render_pages(job: RenderJob, workers: int) -> RenderReport:
    """Render every page of the job: this process and `workers - 1` forked helpers each take
    the next chunk of pages until none is left. The parent renders too, so that only one
    forked copy of its memory grows (forked pages are copied as Python touches them)."""
    global _JOB
    _JOB = job
    chunks = [range(start, min(start + CHUNK, len(job.pages)))
              for start in range(0, len(job.pages), CHUNK)]
    progress = _Progress(len(job.pages))
    helpers: list[Any] = []
    try:
        if workers <= 1 or len(chunks) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            for chunk in chunks:
                progress.add(_render_chunk(chunk))
            return progress.total
        # Frozen objects are never visited by the helpers' garbage collector, which would
        # otherwise write to every object the parent shares and so copy its memory (the
        # plugin unfreezes them when the next build starts).
        gc.freeze()
        context = multiprocessing.get_context("fork")
        counter = context.Value("i", 0)
        reports: Any = context.Queue()
        helpers = [context.Process(target=_help, args=(chunks, counter, reports), daemon=True)
                   for _ in range(min(workers, len(chunks)) - 1)]
        with interrupts_held():  # a helper forked meanwhile would print a traceback
            for helper in helpers:
                helper.start()
        for chunk in _claim(chunks, counter):
            progress.add(_render_chunk(chunk))
            while (report := _next_report(reports, helpers, wait=False)) is not None:
                progress.add(report)
        while progress.chunks < len(chunks):
            progress.add(_next_report(reports, helpers, wait=True))
        return progress.total
    except BaseException:  # a failure or Ctrl-C: the helpers' pages are not waited for
        for helper in helpers:
            helper.terminate()
        raise
    finally:
        _JOB = None
        for helper in helpers:
            helper.join(timeout=5)
            if helper.is_alive():
                helper.terminate()


def _claim(chunks: list[range], counter: Any) -> Iterator[range]:
    """The chunks no process has taken yet, one at a time (the counter is shared)."""
    while True:
        with counter.get_lock():
            index = counter.value
            counter.value += 1
        if index >= len(chunks):
            return
        yield chunks[index]


def _help(chunks: list[range], counter: Any, reports: Any) -> None:
    """A forked helper: renders chunks until none is left, reporting each."""
    ignore_interrupts()
    for chunk in _claim(chunks, counter):
        reports.put(_render_chunk(chunk))


def _next_report(reports: Any, helpers: list[Any], wait: bool) -> Any:
    """A helper's next report; None if there is none yet and `wait` is false."""
    while True:
        try:
            return reports.get(timeout=1) if wait else reports.get_nowait()
        except queue.Empty:
            if not wait:
                return None
        if any(h.exitcode not in (None, 0) for h in helpers):
            raise PluginError("a page-writing process stopped unexpectedly (out of memory?); "
                               "run the build again, or set the plugin option workers: 1")


class _Progress:
    """Adds up the reports and logs how many pages are written, in long builds: after 2 s, then
    every PROGRESS_SECONDS (it logged every 100 pages: 296 lines a build at 10,000 sessions,
    burying the preview's other lines)."""

    def __init__(self, pages: int):
        self.pages = pages
        self.total = RenderReport()
        self.chunks = 0
        self.throttle = Throttle(PROGRESS_SECONDS, first=2)

    def add(self, report: RenderReport) -> None:
        total = self.total
        self.chunks += 1
        total.rendered += report.rendered
        total.reused += report.reused
        total.warnings += report.warnings
        total.errors += report.errors
        if total.full_disk is None:
            total.full_disk = report.full_disk
        total.unstored = total.unstored or report.unstored
        if self.pages >= 10 * CHUNK and self.throttle.due():
            log.info(f"pages written: {total.rendered + total.reused}/{self.pages}")
