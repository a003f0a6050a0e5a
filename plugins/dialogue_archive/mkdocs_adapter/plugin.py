"""MkDocs plugin `dialogue-archive`: one method per MkDocs event, the work is in the core."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import gc
import logging
import os
import threading
import time
import unicodedata
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from itertools import chain
from pathlib import Path
from typing import Any

from jinja2 import FileSystemBytecodeCache, pass_context
from jinja2.bccache import Bucket
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import DuplicateFilter, normalize_url

from ..core import urls
from ..core.aliases import gone_from_site
from ..core.archive import Archive, Visibility
from ..core.asset_versions import Asset, published_assets
from ..core.build_date import fixed_build_date
from ..core.cache import DiskCache, fingerprint
from ..core.commitment_views import commitment_pages
from ..core.fragments import FRAGMENTS_NAMESPACE
from ..core.label_overrides import untranslated, use_labels
from ..core.labels import VI, content_lang, count_label, format_number, format_short_date
from ..core.loader import (
    CHECKS_NAMESPACE,
    SESSIONS_NAMESPACE,
    ParsedSession,
    load_archive,
    loading_progress,
)
from ..core.markup import (
    LIST_UNDER_TEXT,
    TABLE_ALIGNMENT,
    heading_slug,
    reads_markdown_in_html,
    sanitise_page,
)
from ..core.opendata import RECORDS_NAMESPACE, YEARS_PREFIX, OpenData
from ..core.opendata_views import file_sizes, open_data_page
from ..core.parallel import Stopper, stop_as_interrupt, worker_count
from ..core.partial_preview import ChoiceError, PartialPreview, slow_preview_advice
from ..core.problems import ProblemLog
from ..core.progress import amount
from ..core.publish import PublishError, discard, hold_site, publish, staging_dir
from ..core.resizing import COPIES_NAMESPACE, SIZES_NAMESPACE, PhotoCopies, content_path, published_photos
from ..core.site_folders import (
    keep_folders,
    remove_empty_folders,
    restore_folders,
    take_kept_folders,
)
from ..core.statistics_views import statistics_page
from ..core.views import ArchiveViews, PageSpec
from .config import (
    ArchivePluginConfig,
    beside_config,
    full_disk_advice,
    labels_language,
    without_instant_loading,
)
from .html_links import RAW_HTML_LINKS
from .navigation import place_pages_under_sections
from .opendata_files import open_data, write_data
from .preview_reload import reload_browsers
from .preview_watch import watch_for_edits
from .publishing import (
    page_publishing,
    redirect_pages,
    robots_file,
    within_sitemap_limits,
    write_feeds,
)
from .rendering import (
    DEFERRED_TEMPLATE,
    PAGES,
    RenderJob,
    RenderReport,
    render_pages,
    silence_skipped_pages,
    site_fingerprint,
)
from .search import (
    HOLDERS_NAMESPACE,
    SEARCH_ASSETS_DIR,
    SEARCH_PREFIX,
    add_search_page,
    index_changed,
    keep_previous_bundle,
    place_search_index,
)

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

DRAFTS_VARIABLE = "DIALOGUE_ARCHIVE_DRAFTS"
ONLY_VARIABLE = "DIALOGUE_ARCHIVE_PREVIEW_ONLY"
"""The sessions a partial preview shows (`scripts/serve --only`; core/partial_preview.py)."""
WRITE_FAILURES = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS})
"""A site that cannot be written for want of room: said in one line, not a traceback."""
SHOWN_ERRORS = 5
"""Pages that could not be written named in the build's error, the rest counted: a full disk
fails every page (3,194 lines at 1,000 sessions)."""
PACKAGE_DIR = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
ASSETS_DIR = PACKAGE_DIR / "assets"
NAV_SECTIONS = ("sessions", "agencies", "topics", "places", "commitments", "statistics", "open-data")


SITE_FOLDERS = "site-folders"
"""The cache's folder where a published site's emptied folders wait for the next build."""
KEPT_FOLDERS = ".folders-kept"
"""In a preview, the previous rebuild's folders wait here, emptied, while MkDocs cleans the
site folder (it leaves hidden ones alone): see core/site_folders.py."""

NOT_IN_PAGES = frozenset({"cache", "cache_dir", "workers"})
"""Options that change how the site is built, not what it holds."""


class DialogueArchivePlugin(BasePlugin[ArchivePluginConfig]):
    """Loads the archive once per build and describes every page from it."""

    def __init__(self) -> None:
        self.archive: Archive | None = None
        self.views: ArchiveViews | None = None
        self.data: OpenData | None = None
        self.specs: dict[str, PageSpec] = {}
        self.files: Files | None = None
        self.nav: Any = None
        self.env: Any = None
        self.cache = DiskCache(None)
        self._view: tuple[Page, dict[str, Any]] | None = None
        self.atomic = False
        self.release_site: Callable[[], None] | None = None  # from on_config until published
        self.staging: tuple[Path, Path] | None = None  # (staging folder, real site_dir)
        self.built = False
        self.preview = False  # `mkdocs serve`: search and open data catch up after the pages
        self.cleaned = False  # MkDocs empties the site folder first (not --dirty)
        self.folders: list[str] = []  # the earlier site's folders this build writes into
        self.catch_up: threading.Event | None = None  # set when a preview's catch-up is done
        self.server: LiveReloadServer | None = None  # a preview's, to reload its browsers
        self.data_sizes: dict[str, int] = {}  # a preview's data files, as its last catch-up wrote them
        self.sizes_shown: list[str] | None = None  # those the open-data page written shows
        self.stopper = Stopper()  # kills a preview's search workers when it ends
        self.recent_sessions: dict[str, ParsedSession] | None = None  # kept by a preview
        self.partial: PartialPreview | None = None  # a partial preview's sessions
        self.started = time.time()
        self.build_started = 0.0  # time.monotonic() at the start of the build under way
        self.partial_advised = False  # a slow whole preview has said what `--only` does
        self.search_keys: dict[str, str] = {}  # a preview's indexes in its folder (search.KEPT_DIR)
        self.carried: dict[str, Callable[[Path], object]] = {}  # search indexes kept at publishing
        self.photo_keys: set[str] = set()  # the photos' sizes this build used (PhotoCopies.sizes_keys)
        self.search_namespaces: set[str] = set()  # the cache's search indexes this build used
        self.instant_off: list[str] = []  # Material's features turned off, said once per process
        self.assets: dict[str, Asset] = {}  # our scripts and stylesheets by URI (asset_versions.py)
        self.site_key: str | None = None  # site_fingerprint, worked out once a build (_render)

    # --- configuration ----------------------------------------------------------------

    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load and check the archive before MkDocs reads a page (problems stop the build
        here, before anything is written), and set up its templates, assets and menu."""
        self.build_started = time.monotonic()
        self._wait_for_catch_up()  # a rebuild must not clean the folder it is still writing
        if self.preview:
            _forget_logged_messages()
        if self.atomic and self.release_site is None:  # one build at a time, before it reads
            site_dir = Path(config.site_dir)
            try:
                self.release_site = hold_site(site_dir, lambda: log.info(
                    f"dialogue-archive: another build of {site_dir} is running; this one waits "
                    "for it to end, then builds the content as it is then"))
            except PublishError as error:
                raise PluginError(f"nothing was published: {error}") from None
        self.specs, self.carried, self.folders, self.sizes_shown = {}, {}, [], None
        self.site_key = None
        self.archive = self.views = self.data = None
        gc.unfreeze()  # the previous build's archive may go (see the freeze below)
        docs_dir = Path(config.docs_dir)
        self.cache = DiskCache(self._cache_dir(config))
        if (unwritable := self.cache.unwritable()) is not None:
            folder, why = unwritable
            raise PluginError(
                f"nothing was published: the build's cache cannot be written ({why}: {folder}); "
                "make that folder writable for you (or delete it, if another account's build "
                "made it), or set `cache_dir:` under the dialogue-archive plugin in mkdocs.yml to "
                "a folder you can write, or `cache: false`")
        # Loading allocates millions of objects that live until the build ends; collections
        # meanwhile would walk them again and again (measured: a fifth of the loading time).
        # Afterwards they are frozen: at 10,000 sessions they are 5 million objects, and each
        # full collection during the build walked them all (3 s).
        self._use_labels(config)
        labels_language(config)
        self.partial = partial_preview(self.preview, self.started)
        gc.disable()
        try:
            self._load(docs_dir, config.use_directory_urls,
                       reads_markdown_in_html(config.markdown_extensions))
        finally:
            gc.freeze()
            gc.enable()
        if not self.preview:
            _log_vanished(self.archive, Path(config.site_dir))
        # Our templates sit below the theme's custom_dir so that a site can override them.
        position = 1 if config.theme.custom_dir else 0
        if str(TEMPLATES_DIR) not in config.theme.dirs:
            config.theme.dirs.insert(position, str(TEMPLATES_DIR))
        # Before the site's own stylesheets and scripts: its rules win over the archive's. One
        # the site lists itself stays where it put it, at its version (it was loaded twice).
        self.assets = {**published_assets(ASSETS_DIR, urls.ASSETS_DIR),
                       **published_assets(SEARCH_ASSETS_DIR, urls.SEARCH_ASSETS_DIR)}
        ours = {".css": config.extra_css, ".js": config.extra_javascript}
        placed = dict.fromkeys(ours, 0)
        for asset in self.assets.values():
            target = ours.get(Path(asset.uri).suffix)
            if not asset.uri.startswith(urls.ASSETS_DIR) or target is None:
                continue
            listed = [i for i, x in enumerate(target) if str(x).partition("?")[0] == asset.uri]
            if listed:
                if isinstance(target[listed[0]], str):
                    target[listed[0]] = asset.url
                else:  # a script with attributes (ExtraScriptValue)
                    target[listed[0]].path = asset.url
            else:
                target.insert(placed[Path(asset.uri).suffix], asset.url)
                placed[Path(asset.uri).suffix] += 1
        if self.config.nav and not config.nav:
            config.nav = self._nav(docs_dir)
        _vietnamese_theme_defaults(config)
        self.instant_off = without_instant_loading(config, self.instant_off)
        if self.atomic:  # from here on MkDocs writes into the staging folder
            site_dir = Path(config.site_dir)
            try:
                self.staging, self.built = (staging_dir(site_dir), site_dir), False
            except PublishError as error:
                raise PluginError(f"nothing was published: {error}") from None
            config.site_dir = str(self.staging[0])
        return config

    def _load(self, docs_dir: Path, directory_urls: bool, pages_markdown_in_html: bool) -> None:
        """Load and check the archive, and build its views; problems stop the build.
        `pages_markdown_in_html`: whether the site's pages have md_in_html (load_archive)."""
        archive, problems = load_archive(docs_dir, self._build_date(), self._drafts(),
                                         cache=self.cache, workers=worker_count(self.config.workers),
                                         recent=self.recent_sessions,
                                         pages_markdown_in_html=pages_markdown_in_html,
                                         progress=loading_progress(log.info),
                                         only=self.partial)
        for warning in problems.warnings:  # advice: the content is valid, a strict build goes on
            log.info(str(warning))
        if problems.errors:
            errors = problems.sorted()
            raise PluginError(
                f"the archive in {docs_dir} has {len(problems.errors)} problem(s); nothing was "
                "published:\n" + "\n".join(str(p) for p in errors if p.severity == "error"))
        self.archive = archive
        if self.partial is not None:
            log.info(f"dialogue-archive: a partial preview of {len(archive.sessions)} of "
                     f"{amount(len(archive.sessions) + len(archive.left_out), 'session')} (those of "
                     f"{self.partial.described()}, and those edited since it started): its lists, "
                     "statistics, search and open data count these only, and links to the others "
                     "are not checked; scripts/build reads and checks them all")
            for unmatched in self.partial.unmatched([s.id for s in archive.sessions]
                                                    + [Path(f).name for f in archive.left_out]):
                log.warning(f"dialogue-archive: scripts/serve --only: {unmatched}")
        if not self._drafts():
            _log_held_back(archive)
        elif not self.preview:
            log.info("dialogue-archive: drafts and scheduled sessions are included, marked as "
                     "such: this site is a preview, not one to publish")
        silence_skipped_pages()
        self.views = ArchiveViews(archive, cache=self.cache, directory_urls=directory_urls)

    def _use_labels(self, config: MkDocsConfig) -> None:
        """The site's own words (the `labels` option) in place of the archive's, before
        anything is built from them."""
        problems = use_labels(beside_config(config.config_file_path, self.config.labels))
        if problems:
            raise PluginError(f"the labels file has {len(problems)} problem(s); nothing was "
                              "published:\n" + "\n".join(problems))
        if left := untranslated():
            log.info(f"dialogue-archive: the labels file's language is '{VI['locale']['lang']}', "
                     f"but {len(left)} label(s) are still the archive's Vietnamese words "
                     f"({', '.join(left[:5])}{', …' if len(left) > 5 else ''}): the pages show "
                     "them as they are; `dialogue-archive labels` prints every label to translate")

    def _drafts(self) -> bool:
        if self.config.drafts is not None:
            return bool(self.config.drafts)
        return os.environ.get(DRAFTS_VARIABLE, "").strip().lower() in {"true", "1", "yes", "on"}

    def _cache_dir(self, config: MkDocsConfig) -> Path | None:
        """`cache_dir` from the folder of mkdocs.yml, `.cache/dialogue-archive` there unless
        configured (cache: false = none)."""
        if not self.config.cache:
            return None
        return beside_config(config.config_file_path,
                             self.config.cache_dir or ".cache/dialogue-archive")

    def _build_date(self) -> dt.date | None:
        try:
            return fixed_build_date(self.config.build_date)
        except ValueError as error:
            raise PluginError(str(error)) from None

    @staticmethod
    def _nav(docs_dir: Path) -> list[Any]:
        """Home, the browse and report sections, then the site's own top-level pages."""
        nav: list[Any] = [{VI["nav"]["home"]: "index.md"}]
        nav += [{VI["nav"][name]: f"{name}/index.md"} for name in NAV_SECTIONS]
        nav += sorted(p.name for p in docs_dir.glob("*.md") if p.name != "index.md")
        return nav

    def on_pre_build(self, config: MkDocsConfig) -> None:
        if self.preview:  # before MkDocs cleans the preview's folder
            site_dir = Path(config.site_dir)
            keep_previous_bundle(site_dir)
            if self.cleaned:
                discard(site_dir / KEPT_FOLDERS)
                with contextlib.suppress(OSError):  # those not kept are deleted by MkDocs
                    keep_folders(site_dir, site_dir / KEPT_FOLDERS)

    # --- files and pages --------------------------------------------------------------

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.archive is not None and self.views is not None
        # MkDocs has emptied the site folder: the earlier site's folders go back in, empty
        if self.staging is not None and (store := self.cache.folder(SITE_FOLDERS)) is not None:
            self.folders = take_kept_folders(store, self.staging[0])
        elif self.preview and self.cleaned:
            self.folders = restore_folders(Path(config.site_dir) / KEPT_FOLDERS, Path(config.site_dir))
        shown = {s.id for s in self.archive.published}
        for file in list(files):
            if not file.src_uri.isascii():
                file = _composed(files, file)
            parts = file.src_uri.split("/")
            if parts[0] == "registry" and file.src_uri.endswith((".yaml", ".yml")):
                files.remove(file)  # registries are published as data, not as raw files
            elif parts[0] == "sessions" and len(parts) >= 3:
                if (len(parts) == 4 and parts[2] not in shown) or file.name == "answers" \
                        or self.archive.leaves_out(file.src_uri) \
                        or file.src_uri in self.archive.unused_photos:
                    files.remove(file)  # drafts, scheduled sessions, raw records and photos no
                    # text shows stay private
                elif file.src_uri.endswith("/index.md"):
                    file.inclusion = InclusionLevel.NOT_IN_NAV
        data = self.data = open_data(self.views, config, self.config)
        if self.preview:  # its open-data page is written before the data files (on_post_build)
            data.sizes = dict(self.data_sizes)
        for spec in chain(self.views.pages(), commitment_pages(self.views),
                          (statistics_page(self.views), open_data_page(self.views, data))):
            self.specs[spec.src_uri] = spec
            if spec.generated:
                in_nav = spec.src_uri in {f"{n}/index.md" for n in NAV_SECTIONS}
                files.append(File.generated(
                    config, spec.src_uri, content="",
                    inclusion=InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV))
        self.files = files
        for file in redirect_pages(self.archive, config):
            files.append(file)
        if files.get_file_from_path(urls.home()) is None:
            files.append(File.generated(config, urls.home(), content=""))
        for asset in self.assets.values():  # as published_assets made them, at their versions
            files.append(File.generated(config, asset.uri, content=asset.content))
        add_search_page(files, config, self.views, self.specs, self.config, self.cache)
        if (robots := robots_file(config, files)) is not None:
            files.append(robots)
        self._place_photos(config, files)
        return files

    def on_page_read_source(self, page: Page, config: MkDocsConfig) -> str | None:
        spec = self.specs.get(page.file.src_uri)
        if spec is None:  # a page of the content folder: NFC, as the archive's texts and the
            return unicodedata.normalize("NFC", page.file.content_string)  # redaction rules
        # The write-up was already read and validated by the core: do not parse it twice.
        return "" if not spec.generated else None

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            _defer(page, spec)
        else:  # a page of the content folder's own: redacted like every published text
            assert self.archive is not None
            markdown = self.archive.redactor.apply(markdown)
            # Redacted, and escaped: Material prints title, description, subtitle (in the menu,
            # on every page) and status (in a class) as they are. A value without markup
            # characters (template, icon) is unchanged by escaping.
            page.meta = {key: escape(self.archive.redactor.apply(value)) if isinstance(value, str)
                         else value for key, value in page.meta.items()}
            # The share card and feed links are in archive/base.html, which extends the site's
            # main.html: a page with a template of its own names what it extends.
            page.meta.setdefault("template", "archive/home.html" if page.file.src_uri == urls.home()
                                 else "archive/base.html")
        return markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A page of the content folder is sanitised as the write-ups are (ours are, already), and
        declared in the records' language under an interface in another one."""
        if page.file.src_uri in self.specs:
            return html
        assert self.views is not None
        html, lang = self.views.page_with_photo_sizes(sanitise_page(html), page.url), content_lang()
        if not lang:
            return html
        # Its text is the records' language, not always the interface's: its title too, which
        # Material writes above it when it has no <h1> (the home page's template writes its own).
        if "<h1" not in html and page.file.src_uri != urls.home():
            html = f"<h1>{escape(page.title)}</h1>{html}"
        return f'<div lang="{lang}">{html}</div>'

    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig,
                        nav: Any) -> dict[str, Any]:
        assert self.views is not None
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            if self._view is None or self._view[0] is not page:
                return context  # MkDocs' own pass: the page is written later, by rendering.py
            context["archive"] = self._view[1]
        elif page.file.src_uri == urls.home():
            context["archive"] = self.views.home_view()
        context["publishing"] = page_publishing(page, config, context.get("archive"))
        return context

    def _page_view(self, page: Page) -> dict[str, Any]:
        """The view of one of our pages, kept for the on_page_context that follows."""
        view = self.specs[page.file.src_uri].resolve()
        if view.get("toc"):
            page.toc = get_toc(view["toc"])
        self._check_links(page, self.specs[page.file.src_uri].links)
        self._view = (page, view)
        return view

    def _page_inputs(self, page: Page) -> str:
        return self.specs[page.file.src_uri].inputs

    def _reused_page(self, page: Page) -> None:
        self._check_links(page, self.specs[page.file.src_uri].links)

    def _check_links(self, page: Page, targets: list[str]) -> None:
        for target in targets:
            if self.archive is not None and self.archive.leaves_out(target):
                continue  # a partial preview's: not read, not checked
            if self.files is not None and self.files.get_file_from_path(target) is None:
                log.warning(f"{page.file.src_uri}: the write-up or its record links to '{target}', "
                            "which is not a page of the site; fix the path or remove the link")

    def on_nav(self, nav: Any, config: MkDocsConfig, files: Files) -> Any:
        self.nav = nav
        place_pages_under_sections(nav, files)
        if self.views is not None:
            # The sitemap's lastmod: the day what the page shows last changed where it is known
            # (README "Feeds, calendar, sharing, printing"), else none: MkDocs gives every page
            # the build day, which search engines learn to ignore. With no session yet, the
            # home page's is the build day: MkDocs dates the sitemap by its newest page, and
            # stopped with a traceback when no page had a date (registries without an ended unit).
            newest = self.views.newest(self.views.data_dates) or self.views.archive.build_date
            for file in files.documentation_pages():
                if file.page is not None:
                    spec = self.specs.get(file.src_uri)
                    day = spec.updated if spec else newest if file.src_uri == urls.home() else None
                    file.page.update_date = day.isoformat() if day else ""
        return nav

    def on_post_template(self, output_content: str, template_name: str,
                         config: MkDocsConfig) -> str:
        """The sitemap split into an index and parts past the protocol's limits (about 16,900
        sessions: README "Feeds, calendar, sharing, printing")."""
        if template_name == "sitemap.xml":
            return within_sitemap_limits(output_content, config)
        return output_content

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        env.filters["link"] = _link_filter(config.use_directory_urls)
        env.filters["short_date"] = format_short_date
        env.filters["number"] = format_number
        env.filters["asset"] = lambda uri: self.assets[uri].url  # '<uri>' | asset | url
        env.globals["labels"] = VI  # every template, Material's too (partials/language.html)
        env.globals["content_lang"] = _content_lang_attribute
        env.filters["content"] = _content_text
        env.globals["count_label"] = count_label  # '1 commitment', '2 commitments'
        env.globals["partial_preview"] = self.partial.described() if self.partial else ""
        # `tojson` sorts keys by default: the search page's filter values would then follow
        # their English ids (done, dropped, escalated...) instead of the order we give them.
        env.policies["json.dumps_kwargs"] = {**env.policies.get("json.dumps_kwargs", {}),
                                             "sort_keys": False}
        env.autoescape = _escape_archive_templates(env.autoescape)
        if (compiled := self.cache.folder("templates")) is not None:
            # Jinja compiles Material's and our 40-odd templates again for every build and
            # preview rebuild (0.5 s in a profile of a preview): keep them compiled, checked
            # against their source
            env.bytecode_cache = _CompiledTemplates(self.cache, compiled)
        self.env = env
        return env

    def _render_archive_pages(self, config: MkDocsConfig) -> None:
        """Write the deferred pages on every core (rendering.py); cached pages are copied. The
        open-data page waits for the data files (`_render_open_data_page`), except in a preview,
        which serves it at once with the sizes it knows."""
        assert self.files is not None
        started = time.monotonic()
        pages = [f.page for f in self.files.documentation_pages()
                 if f.page is not None and f.src_uri in self.specs and f.src_uri != urls.open_data()]
        report = self._render(config, pages)
        if self.preview:
            self._render_open_data_page(config)
        assert self.archive is not None
        items = sum(len(s.items) for s in self.archive.published)
        log.info(f"dialogue-archive: {amount(len(self.archive.published), 'session')}, "
                 f"{amount(items, 'item')}, {amount(len(pages), 'archive page')} "
                 f"({report.reused} unchanged, reused from the cache) "
                 f"written in {time.monotonic() - started:.1f} s")

    def _render_open_data_page(self, config: MkDocsConfig) -> bool:
        """The open-data page gives the size of each data file: written after them, or, in a
        preview, before them (with the sizes of its previous build) and again after them only if
        the sizes it shows changed; reused from the cache only while they are the same. Returns
        whether it was written."""
        assert self.files is not None and self.data is not None
        shown = file_sizes(self.data)
        file = self.files.get_file_from_path(urls.open_data())
        if shown == self.sizes_shown or file is None or file.page is None:
            return False
        self._render(config, [file.page], repr(shown))
        self.sizes_shown = shown
        return True

    def _render(self, config: MkDocsConfig, pages: list[Page], *inputs: str) -> RenderReport:
        """Render `pages` (rendering.py); `inputs`: what their views are made from besides the
        archive and our options, for their key in the cache."""
        assert self.archive is not None and self.files is not None
        for page in pages:
            if "render_template" not in page.meta:  # not read by a --dirty build: unchanged
                _defer(page, self.specs[page.file.src_uri])
        if self.site_key is None:  # the same for every page of the build
            self.site_key = site_fingerprint(config, self.nav, self, repr(VI),
                                             self.partial.described() if self.partial else "")
        job = RenderJob(pages=pages, config=config, nav=self.nav, env=self.env,
                        doc_files=self.files.documentation_pages(), view=self._page_view,
                        inputs=self._page_inputs, reused=self._reused_page,
                        cache=self.cache, site_key=self.site_key,
                        archive_key=fingerprint(self.archive.fingerprint, repr(sorted(
                            (k, v) for k, v in self.config.items() if k not in NOT_IN_PAGES)), *inputs)
                        if self.archive.fingerprint else "")
        report = render_pages(job, worker_count(self.config.workers))
        self.cache.stopped(report.unstored)
        for warning in report.warnings:
            log.warning(warning)
        if report.errors:
            errors = report.errors[:SHOWN_ERRORS]  # a full disk failed every page (3,194 lines)
            if len(report.errors) > SHOWN_ERRORS:
                errors.append(f"… and {len(report.errors) - SHOWN_ERRORS} more pages")
            todo = "" if report.full_disk is None else full_disk_advice(
                self.cache, report.full_disk, "free some space on that disk, or build into another "
                "--site-dir")
            advice = f"\n{todo[:1].upper()}{todo[1:]}." if todo else ""
            raise PluginError("pages could not be written:\n" + "\n".join(errors) + advice)
        return report

    def _place_photos(self, config: MkDocsConfig, files: Files) -> None:
        """The large photos of the published sessions and of the content folder's other pages
        get smaller copies in the site (core/resizing.py), and the pages their sizes; a photo
        whose file carries EXIF, XMP or comments is published without them, written into the
        site here (MkDocs leaves a file it would copy onto itself); a photo that cannot be read
        is published as it is but for that data, with a located warning (an INFO line:
        `--strict` goes on, as for the content's warnings). Before MkDocs renders the other
        pages (on_page_content uses the sizes), after it emptied the site folder."""
        assert self.archive is not None and self.views is not None
        docs_dir = Path(config.docs_dir)
        copies = PhotoCopies(docs_dir, Path(config.site_dir), self.cache)
        photos = published_photos(self.archive, self.archive.published)
        self.views.photos, unreadable = copies.place_all(photos, worker_count(self.config.workers))
        cleaned = [*(path for path, sized in self.views.photos.items() if sized.cleaned),
                   *(content_path(docs_dir, photo.path) for photo in unreadable if photo.cleaned)]
        for path in cleaned:
            if (file := files.get_file_from_path(path)) is not None:
                file.abs_src_path = file.abs_dest_path
        self.photo_keys = copies.sizes_keys
        where = ProblemLog(root=docs_dir)
        for photo in unreadable:
            photo.warn(where)
        for warning in where.warnings:
            log.info(str(warning))

    # --- atomic publishing (core/publish.py) -------------------------------------------

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., Any]
                 ) -> LiveReloadServer:
        """Kept for the catch-up, which reloads its browsers when it writes a page again; its
        watching of the content made to hear of edits at once (preview_watch.py)."""
        self.server = server
        watch_for_edits(server)
        return server

    def on_startup(self, *, command: str, dirty: bool) -> None:
        stop_as_interrupt()
        # `mkdocs build` publishes atomically; serve and gh-deploy keep MkDocs' own folders.
        self.atomic = command == "build" and not dirty
        self.preview = command == "serve"
        self.cleaned = not dirty
        self.recent_sessions = {} if self.preview else None
        self.started = time.time()  # a partial preview takes in the sessions edited since

    @event_priority(-100)
    def on_post_build(self, config: MkDocsConfig) -> None:
        self._render_archive_pages(config)
        if self.preview:
            # The edited page is what the writer waits for: serve it now; the search index
            # and the open data follow a few seconds later, before the next rebuild starts.
            done = self.catch_up = threading.Event()
            threading.Thread(target=self._catch_up, args=(config, done),
                             name="dialogue-archive-catch-up", daemon=True).start()
            self._advise_partial_preview()
        else:
            self._write_end_outputs(config)
        self.built = True  # every plugin has written its files

    def _advise_partial_preview(self) -> None:
        """Once, after a whole preview's slow rebuild: the partial preview (`--only`). Not
        after its first build (slow at any size when the cache is cold), which MkDocs runs
        before `on_serve` hands over the server."""
        assert self.archive is not None
        if self.partial is None and self.server is not None and not self.partial_advised:
            said = slow_preview_advice(time.monotonic() - self.build_started, self.archive.sessions)
            if said is not None:
                log.info(said)
                self.partial_advised = True

    def _write_end_outputs(self, config: MkDocsConfig, background: bool = False) -> None:
        """Feeds, calendar, open data and the search index: written last, from the archive."""
        assert self.archive is not None and self.views is not None and self.data is not None
        started = time.monotonic()
        workers = worker_count(self.config.workers)
        try:
            # The indexes left in the folder are known again once the new ones are complete.
            kept, self.search_keys = self.search_keys, {}
            placed = place_search_index(self.views, config, self.config, self.cache,
                                        kept if self.preview else None,
                                        self.staging[1] if self.staging else None)
            # Pagefind runs in its own processes: the feeds and data are written meanwhile.
            with ThreadPoolExecutor(1) as pool:
                files = pool.submit(self._write_feeds_and_data, config)
                try:
                    indexes = index_changed(placed, self.cache, workers,
                                            self.config.search_chunk_bytes, self.stopper)
                    self.carried, self.search_namespaces = indexes.carried, indexes.namespaces
                    if self.preview:
                        self.search_keys = indexes.keys
                    files.result()
                except KeyboardInterrupt:  # a build's Ctrl-C (a preview's: `on_shutdown`)
                    self.stopper.stop()  # the feeds and data stop too, instead of being waited for
                    raise
            if self.preview:
                self.data_sizes = self.data.sizes
            rewritten = self._render_open_data_page(config)
        except Exception as error:  # in the background, a log line instead of a traceback
            if not background:
                raise
            if self.stopper.stopped:  # the preview is ending: its workers were killed
                return
            log.error(f"preview: the search index or open data could not be written: {error}")
            return
        remove_empty_folders(Path(config.site_dir), self.folders)
        self._say_unstored()
        if background:
            log.info(f"preview: search index and open data updated "
                     f"{time.monotonic() - started:.1f} s after the pages")
            if rewritten and self.server is not None and reload_browsers(self.server):
                log.info("preview: the open-data page gives the new sizes of the data files: "
                         "reloading browsers")

    def _say_unstored(self) -> None:
        """One INFO line (`--strict` goes on: the site is whole) when the cache's disk filled up
        or became read-only during the build: the next builds redo what was not stored."""
        if self.cache.unstored is not None:
            log.info(f"dialogue-archive: the build's cache could not be written "
                     f"({self.cache.unstored}); the site was written without it, and the next "
                     f"builds redo what was not kept: make room on the disk of {self.cache.root} "
                     "(or make it writable again), or set `cache_dir:` under the dialogue-archive "
                     "plugin in mkdocs.yml to a folder on another disk, or `cache: false`")

    def _write_feeds_and_data(self, config: MkDocsConfig) -> None:
        assert self.archive is not None and self.data is not None and self.views is not None
        write_feeds(self.archive, config, self.cache, self.views.carriers,
                    {"agency": self.views.agency_names, "place": self.views.place_labels},
                    self.stopper)
        write_data(self.data, Path(config.site_dir), self.cache, self.stopper)

    def _catch_up(self, config: MkDocsConfig, done: threading.Event) -> None:
        try:
            self._write_end_outputs(config, True)
        finally:
            done.set()

    def _wait_for_catch_up(self) -> None:
        """Wait for the preview's search index and open data. On an event, not `Thread.join`: a
        join that Ctrl-C interrupts can take the thread for finished (Python 3.11), and the
        preview's folder was then deleted under its writing (a traceback, a folder left)."""
        if self.catch_up is not None:
            self.catch_up.wait()
            self.catch_up = None

    def on_build_error(self, error: Exception) -> None:
        self.built = False  # includes MkDocs' strict-mode abort, raised after on_post_build
        if isinstance(error, OSError) and error.errno in WRITE_FAILURES:
            # MkDocs' own writing (a theme file, a page) on a full disk: a traceback otherwise
            where = error.filename2 or error.filename
            todo = "free some space on that disk" if error.errno != errno.EROFS else \
                "that disk is mounted read-only"
            what = "the build's cache" if self.cache.holds(where) else "the site"
            raise Abort(f"{what} could not be written ({error.strerror}: {where}); "
                        f"{full_disk_advice(self.cache, where, f'{todo}, or build into another --site-dir')}"
                        ) from None

    def on_shutdown(self) -> None:
        if self.preview:  # Ctrl-C: the index being made for the preview is not waited for
            self.stopper.stop()
        self._wait_for_catch_up()
        try:
            self._publish()
        finally:
            if self.release_site is not None:  # the next build of the site may go on
                self.release_site()
                self.release_site = None

    def _publish(self) -> None:
        """Put the staged site in place if the build succeeded, else drop it."""
        if self.staging is None:
            return
        staging, site_dir = self.staging
        self.staging = None
        if self.built:
            try:
                left = publish(staging, site_dir, self.carried, self.cache.folder(SITE_FOLDERS))
            except PublishError as error:  # nothing moved, every move undone, or it says where
                discard(staging)
                raise PluginError(f"nothing was published: {error}") from None
            if left:
                log.warning(f"dialogue-archive: {left}")
            if self.archive is not None:
                self._sweep_cache(self.archive)
        else:
            discard(staging)
            log.error(f"nothing was published: {site_dir} is left as it was")

    def _sweep_cache(self, archive: Archive) -> None:
        """Once a day: yesterday's pages are no site's now, and what earlier code versions
        parsed and rendered (their keys hold the code's fingerprint) no build reads; search
        indexes of shards, and open data of years, the archive no longer has, at every build."""
        assert self.views is not None and self.data is not None
        day, sessions, fragments = archive.build_date.isoformat(), archive.sessions, self.views.fragments
        for namespace, what, kept in (
                (PAGES, "pages", ()), (COPIES_NAMESPACE, "photo copies", ()),
                (HOLDERS_NAMESPACE, "search page's index masks", ()),
                (SIZES_NAMESPACE, "photo sizes", self.photo_keys),
                (SESSIONS_NAMESPACE, "parsed sessions", {s.parsed_key for s in sessions}),
                (CHECKS_NAMESPACE, "lists of sessions checked", ()),
                (FRAGMENTS_NAMESPACE, "rendered texts",
                 lambda: {fragments.key(s) for s in sessions}),
                (RECORDS_NAMESPACE, "sessions' open data", self.data.record_keys)):
            if swept := self.cache.sweep(namespace, day, kept=kept):
                log.info(f"dialogue-archive: {swept} cached {what} no site uses any more removed")
        for prefix, used, what in ((SEARCH_PREFIX, self.search_namespaces, "search indexes"),
                                   (YEARS_PREFIX, self.data.year_namespaces(), "years' open data")):
            if swept := self.cache.sweep_folders(prefix, used):
                log.info(f"dialogue-archive: {swept} cached {what} no site uses any more removed")


class _CompiledTemplates(FileSystemBytecodeCache):
    """Jinja's compiled templates kept in the cache's folder, stored as the cache's entries
    are (DiskCache.store): a full disk there stops storing them, not the build."""

    def __init__(self, cache: DiskCache, folder: Path):
        super().__init__(str(folder))
        self.cache = cache

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.cache.store(partial(super().dump_bytecode, bucket))


def _composed(files: Files, file: File) -> File:
    """`file` under its name in Unicode NFC: a name saved decomposed (macOS saves 'cảnh' so)
    is published as written in the texts, which are NFC, and which a browser asks for."""
    name = unicodedata.normalize("NFC", file.src_uri)
    if name == file.src_uri:
        return file
    composed = File(name, file.src_dir, file.dest_dir, file.use_directory_urls, inclusion=file.inclusion)
    composed.abs_src_path = file.abs_src_path  # read from where it is
    files.remove(file)
    files.append(composed)
    return composed


def partial_preview(preview: bool, started: float) -> PartialPreview | None:
    """The sessions a partial preview shows, from the variable `scripts/serve --only` sets: in a
    preview only (a build publishes, and reads the whole archive); `started`: when it began."""
    written = os.environ.get(ONLY_VARIABLE, "")
    if not written.strip():
        return None
    if not preview:
        log.info(f"dialogue-archive: {ONLY_VARIABLE} is set, and left aside: a build reads and "
                 "publishes the whole archive (a partial preview is scripts/serve --only)")
        return None
    try:
        return PartialPreview.parse(written, started)
    except ChoiceError as error:
        raise PluginError(f"scripts/serve --only: {error}") from None


def _log_held_back(archive: Archive) -> None:
    """Say which sessions the public build leaves out, so that a press officer who expected
    one to appear sees why it did not."""
    drafts = sorted(s.id for s in archive.sessions if s.visibility is Visibility.draft)
    scheduled = sorted((s.published_at(), s.id) for s in archive.sessions
                       if s.visibility is Visibility.scheduled)
    parts = []
    if drafts:
        parts.append(f"{len(drafts)} draft(s) ({', '.join(drafts[:3])}{', ...' if len(drafts) > 3 else ''})")
    if scheduled:
        when, first = scheduled[0]
        parts.append(f"{len(scheduled)} scheduled session(s) (next: {first} at {when:%Y-%m-%d %H:%M})")
    if parts:
        log.info("dialogue-archive: not published yet: " + "; ".join(parts))


def _log_vanished(archive: Archive | None, site_dir: Path) -> None:
    """Name what the site published before that this build no longer makes (aliases.gone_from_site).
    Not an error: a session may be taken down on purpose."""
    if archive is None:
        return
    gone = gone_from_site(archive, site_dir)
    if gone.sessions:
        log.info(f"dialogue-archive: {len(gone.sessions)} session(s) of the published site are in "
                 f"the archive under no id or alias ({_some(gone.sessions)}): their pages, feed "
                 f"entries and open data go. A session renamed keeps its old id in its index.md, "
                 f"'aliases: [{gone.sessions[0]}]'; one removed on purpose needs nothing")
    for session_id, items in gone.items.items():
        log.info(f"dialogue-archive: {len(items)} item(s) of session {session_id} on the published "
                 f"site are in its answers.yaml under no id or alias ({_some(items)}): links to "
                 f"their answers (#{items[0]}) break. An item whose id changed keeps the old one in "
                 f"its 'aliases: [{items[0]}]'; one removed on purpose needs nothing")
    for section, pages in gone.registry_pages.items():
        log.info(f"dialogue-archive: {len(pages)} page(s) of the published site in {section}/ "
                 f"are no longer made ({_some(pages)}): an id of registry/{section}.yaml was "
                 "changed or removed, and links to its page and its feed break; published ids "
                 "never change (FORMAT.md)")


def _some(ids: list[str]) -> str:
    return ", ".join(ids[:5]) + (", ..." if len(ids) > 5 else "")


def _vietnamese_theme_defaults(config: MkDocsConfig) -> None:
    """Words the reader would otherwise see in English, unless the site chose otherwise:
    Material's "Made with Material for MkDocs" and the headings' "Permanent link". Heading
    anchors are always the archive's own (a site's `slugify` is replaced): `validate` checks
    links against them."""
    config.extra.setdefault("generator", False)
    toc = config.mdx_configs.setdefault("toc", {})
    if toc.get("permalink"):
        toc.setdefault("permalink_title", VI["theme"]["permalink"])
    # The headings of the home and other pages get the write-ups' anchors ('Đường' -> 'duong',
    # where Python-Markdown's default drops the 'đ'), which is what links are checked against.
    toc["slugify"] = heading_slug
    # A list right under a line of text, as the write-ups have it (markup.ListUnderText); links
    # and photos typed as HTML made for the page's address, as MkDocs makes Markdown ones.
    for extension in (LIST_UNDER_TEXT, RAW_HTML_LINKS):
        if extension not in config.markdown_extensions:
            config.markdown_extensions.append(extension)
    # The pages are sanitised (on_page_content): aligned table columns must say so in `align`.
    for name in config.markdown_extensions:
        if name in {"tables", "markdown.extensions.tables"}:
            config.mdx_configs.setdefault(name, {}).update(TABLE_ALIGNMENT)
        elif name in {"extra", "markdown.extensions.extra"}:
            config.mdx_configs.setdefault(name, {}).setdefault("tables", {}).update(TABLE_ALIGNMENT)


def _escape_archive_templates(previous: Any) -> Any:
    """Autoescape every archive template, partials included: an `{% include %}` does not inherit
    the caller's `{% autoescape %}` block, so a partial would otherwise print content raw."""

    def autoescape(name: str | None) -> bool:
        if name and name.startswith("archive/"):
            return True
        return bool(previous(name)) if callable(previous) else bool(previous)

    return autoescape


def _defer(page: Page, spec: PageSpec) -> None:
    """MkDocs renders DEFERRED_TEMPLATE (nothing) for one of our pages; rendering.py writes
    the real page, with `render_template`. Escaped here: Material prints page.meta.title and
    .description without escaping."""
    page.meta = {"title": escape(spec.title), "template": DEFERRED_TEMPLATE,
                 "render_template": spec.template}
    if spec.description:
        page.meta["description"] = escape(spec.description)
    # MkDocs would build a Python-Markdown instance for each page only to convert its empty
    # text (1.6 s for 3,195 pages in a preview rebuild at 1,000 sessions).
    page.render = _nothing_to_render(page)  # type: ignore[method-assign]


def _nothing_to_render(page: Page) -> Callable[[MkDocsConfig, Files], None]:
    """Page.render for an archive page: its HTML is written by rendering.py."""

    def render(config: MkDocsConfig, files: Files) -> None:
        page.content = ""

    return render


def _forget_logged_messages() -> None:
    """MkDocs logs a build's message once per process (its DuplicateFilter): in `mkdocs serve`,
    problems saved again, or back after a fix, were said as 'Aborted with a BuildError!' only,
    without their file:line:column lines. Each rebuild says its own messages."""
    for logged in logging.getLogger("mkdocs.commands.build").filters:
        if isinstance(logged, DuplicateFilter):
            logged.msgs.clear()


def _content_lang_attribute() -> Markup:
    """`<p{{ content_lang() }}>` on an element of the records' own text: ` lang="vi"` under an
    interface in another language, nothing on a Vietnamese site (its <html lang> says it)."""
    lang = content_lang()
    return Markup(' lang="{}"').format(lang) if lang else Markup("")


def _content_text(text: str, name: str | None = None) -> Markup:
    """`{{ name | content }}`, or `{{ sentence | content(name) }}` for a label holding a name: the
    records' text (the name) in `<span lang="vi">` under an interface in another language, so
    that a screen reader reads it with a Vietnamese voice; on a Vietnamese site the text as it
    was (escaped), without a span."""
    lang, whole = content_lang(), escape(text)
    if not lang:
        return whole
    part = whole if name is None else escape(name)
    return whole.replace(part, Markup('<span lang="{}">{}</span>').format(lang, part), 1)


def _link_filter(directory_urls: bool) -> Any:
    """`{{ 'agencies/x/index.md#item' | link }}`: a source path to a URL relative to the page."""

    @pass_context
    def link(context: Any, uri: str) -> Markup | str:
        path, _, anchor = str(uri).partition("#")
        url = urls.web_path(path, directory_urls) if path.endswith("index.md") else path
        url = normalize_url(url or ".", page=context.get("page"), base=context.get("base_url", ""))
        url = url.removesuffix(".") if url.endswith("/.") else url  # the 404 page's link home
        return f"{url}#{anchor}" if anchor else url

    return link
