"""Rebuilds reuse unchanged work, and never serve stale pages, search or data after an edit."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import types
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

import dialogue_archive
import feedparser
import pytest
from conftest import (
    ROOT,
    SAMPLE_BUILD_DATE,
    Preview,
    copy_sample,
    make_archive,
    parse,
    replace,
    run_build,
    validate,
    write_config,
)
from dialogue_archive.core import loader, progress, urls
from dialogue_archive.core.cache import DiskCache
from dialogue_archive.core.labels import VI, format_size
from dialogue_archive.core.loader import load_archive, private_copy
from dialogue_archive.core.problems import ProblemLog
from dialogue_archive.core.publish import publish, write_files
from dialogue_archive.core.search import SearchRecords
from dialogue_archive.core.views import ArchiveViews
from dialogue_archive.mkdocs_adapter import rendering

SEED = "sessions/2023/2023-09-21-doi-thoai-thu-tuc-hanh-chinh"


def digest(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def without_search(files: dict[str, str]) -> dict[str, str]:
    return {path: sha for path, sha in files.items() if not path.startswith("pagefind/")}


def files_of(site: Path) -> dict[str, str]:
    """`digest`, but the files Pagefind names or fills anew at each run (a search index's
    filters, its meta and entry files: two cold builds differ there) counted by folder."""
    files: dict[str, str] = {}
    for path, sha in digest(site).items():
        if "/filter/" in path or path.endswith((".pf_meta", "/pagefind-entry.json")):
            folder = f"{path.rsplit('/', 1)[0]}/*"
            files[folder] = str(int(files.get(folder, "0")) + 1)
        else:
            files[path] = sha
    return files


def build(config: Path) -> str:
    result = run_build(config)
    assert result.returncode == 0, result.stderr
    return result.stderr


def test_warm_rebuild_reuses_everything_and_changes_nothing(tmp_path: Path) -> None:
    content = copy_sample(tmp_path / "content")
    site = tmp_path / "site"
    config = write_config(tmp_path, content, site, build_date=str(SAMPLE_BUILD_DATE))
    first_log = build(config)
    assert "(0 unchanged" in first_log and "records indexed" in first_log
    first = digest(site)
    second_log = build(config)
    assert "search index is reused" in second_log
    pages = int(second_log.split(" archive pages (")[0].rsplit(" ", 1)[1])
    assert f"({pages} unchanged" in second_log
    assert digest(site) == first


def test_a_damaged_cached_session_is_read_again_from_its_files(tmp_path: Path) -> None:
    """A cached session that cannot be read back (cut short by a full disk, or written by other
    code) stopped every later build with a traceback from pickle (a review's find)."""
    content = make_archive(tmp_path / "content", sessions=2)
    site = tmp_path / "site"
    config = write_config(tmp_path, content, site, build_date=str(SAMPLE_BUILD_DATE))
    build(config)
    first = without_search(digest(site))
    entries = list((tmp_path / ".cache").rglob("sessions/**/*.bin"))
    assert len(entries) == 2
    entries[0].write_bytes(entries[0].read_bytes()[:40])
    entries[1].write_bytes(b"\x80\x04\x95garbage")
    log = build(config)
    assert "Traceback" not in log
    assert without_search(digest(site)) == first


def test_a_change_to_the_menu_or_the_markdown_options_reaches_every_archive_page(tmp_path: Path) -> None:
    """Every archive page carries the whole menu and Material's table of contents: a page
    inside a menu section renamed or retitled, or the toc's title changed, must not leave the
    cached pages with the old menu (they kept a link to a page that no longer existed)."""
    content = make_archive(tmp_path / "content")
    (content / "guides").mkdir()
    site = tmp_path / "site"
    config = write_config(tmp_path, content, site, build_date="2026-11-28")
    base = config.read_text(encoding="utf-8")
    page = site / "sessions" / "2024" / "2024-06-20-doi-thoai-1" / "index.html"

    hook = tmp_path / "banner.py"

    def build_with(name: str, title: str, toc: str, subtitle: str = "", banner: str = "v1") -> str:
        for old in (content / "guides").iterdir():
            old.unlink()
        (content / "guides" / f"{name}.md").write_text(
            f"---\ntitle: {title}\n{f'subtitle: {subtitle}' if subtitle else ''}\n---\n\nXin chào.\n",
            encoding="utf-8")
        # A hook that marks every page, as a site adds a banner (README: a deploy step's script),
        # with its text in a module beside it, which it imports.
        hook.write_text("import banner_text\n\n\ndef on_post_page(output, **kwargs):\n"
                        "    return output + f'<!-- {banner_text.TEXT} -->'\n", encoding="utf-8")
        (tmp_path / "banner_text.py").write_text(f"TEXT = '{banner}'\n", encoding="utf-8")
        lock = tmp_path / ".#banner.py"  # an editor's lock beside it, a link to nothing
        if not lock.is_symlink():
            lock.symlink_to("user@host.1234:1700000000")
        config.write_text(base + f"nav:\n  - index.md\n  - Hỗ trợ:\n      - guides/{name}.md\n"
                          f"markdown_extensions:\n  - toc:\n      permalink: true\n      title: {toc}\n"
                          "hooks:\n  - banner.py\n", encoding="utf-8")
        result = run_build(config)
        assert result.returncode == 0, result.stderr
        return page.read_text(encoding="utf-8")

    first = build_with("help", "Hướng dẫn tra cứu", "Mục lục A")
    assert "Hướng dẫn tra cứu" in first and 'aria-label="Mục lục A"' in first
    second = build_with("help", "Hướng dẫn tra cứu mới", "Mục lục B")
    assert "Hướng dẫn tra cứu mới" in second and 'aria-label="Mục lục B"' in second
    third = build_with("huong-dan", "Hướng dẫn tra cứu mới", "Mục lục B")
    assert "guides/huong-dan/" in third and "guides/help/" not in third
    # What the menu prints of a page's front matter, and the code of a hook and of a module it
    # imports (a review's finds):
    fourth = build_with("huong-dan", "Hướng dẫn tra cứu mới", "Mục lục B", subtitle="Cập nhật 2026")
    assert "Cập nhật 2026" in fourth and fourth.endswith("<!-- v1 -->")
    assert build_with("huong-dan", "Hướng dẫn tra cứu mới", "Mục lục B", banner="v2").endswith("<!-- v2 -->")


def test_a_new_build_writes_into_the_old_sites_folders_and_publishes_nothing_else_of_it(
        tmp_path: Path) -> None:
    """Page folders are kept, emptied, from one build to the next (core/site_folders.py): a
    removed session leaves neither its page nor an empty folder, and the kept folders hold no
    file of the old site."""
    content = make_archive(tmp_path / "content", sessions=3)
    site = tmp_path / "site"
    config = write_config(tmp_path, content, site, build_date="2026-11-28")
    store = tmp_path / ".cache" / "dialogue-archive" / "site-folders"
    removed = sorted(content.glob("sessions/*/*"))[0]
    removed_page = site / removed.relative_to(content)
    build(config)
    first_sessions = (site / "sessions").stat().st_ino
    build(config)  # publishing it kept the first site's folders, emptied
    assert [p for p in store.rglob("*") if not p.is_dir()] == []
    assert (store / "kept" / "sessions").is_dir()
    shutil.rmtree(removed)
    build(config)
    assert (site / "sessions").stat().st_ino == first_sessions  # the kept folders, written into
    assert not removed_page.exists() and removed_page.parent.is_dir()
    assert [p for p in site.rglob("*") if p.is_dir() and not any(p.iterdir())] == []
    assert sorted(p.name for p in tmp_path.iterdir()) == [".cache", "content", "mkdocs.yml", "site"]


def test_kept_folders_are_made_anew_when_they_cannot_serve(tmp_path: Path) -> None:
    """Kept folders are taken only when they can be: not across file systems (one cache for
    sites on two), not with the permissions of an earlier umask, not through a link, and
    never with a file in them; files linked from the cache take the current umask's mode too.
    Each build still succeeds, without a traceback."""
    content = make_archive(tmp_path / "content", sessions=2)
    cache = tmp_path / "cache"
    store = cache / "site-folders"
    config = write_config(tmp_path, content, tmp_path / "site", build_date="2026-11-28",
                          cache_dir=str(cache))

    def build_with(umask: int, config: Path = config) -> None:
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
                                capture_output=True, text=True, umask=umask,
                                env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), timeout=600)
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr

    def modes(site: Path) -> tuple[set[int], set[int]]:
        """The modes of the site's folders, and of its files."""
        return ({p.stat().st_mode & 0o777 for p in site.rglob("*") if p.is_dir()},
                {p.stat().st_mode & 0o777 for p in site.rglob("*") if p.is_file()})

    build_with(0o077)
    build_with(0o077)
    assert modes(tmp_path / "site") == ({0o700}, {0o600})
    build_with(0o022)  # the folders and files of a umask 077 site, kept or cached, do not serve
    assert modes(tmp_path / "site") == ({0o755}, {0o644})
    build_with(0o022)
    assert modes(tmp_path / "site") == ({0o755}, {0o644})
    # a kept store replaced by a link to folders holding a page: nothing of it is published
    outside = tmp_path / "outside" / "sessions" / "zzz"
    outside.mkdir(parents=True)
    (outside / "index.html").write_text("RIÊNG TƯ", encoding="utf-8")
    shutil.rmtree(store / "kept")
    (store / "kept").symlink_to(tmp_path / "outside")
    build_with(0o022)
    assert not (tmp_path / "site" / "sessions" / "zzz").exists()
    assert (outside / "index.html").read_text(encoding="utf-8") == "RIÊNG TƯ"
    assert [p for p in store.rglob("*") if not p.is_dir()] == []
    # the same cache for a site on another file system: its folders cannot be moved there
    elsewhere = Path("/dev/shm")
    if elsewhere.is_dir() and os.access(elsewhere, os.W_OK) \
            and elsewhere.stat().st_dev != tmp_path.stat().st_dev:
        other = Path(tempfile.mkdtemp(dir=elsewhere))
        try:
            build_with(0o022)  # keeps this site's folders for the next build
            assert (store / "kept").is_dir()
            (tmp_path / "b").mkdir()
            build_with(0o022, write_config(tmp_path / "b", content, other / "site",
                                           build_date="2026-11-28", cache_dir=str(cache)))
            assert (other / "site" / "sessions").is_dir()
        finally:
            shutil.rmtree(other)


def test_a_dirty_build_writes_the_archive_pages_it_did_not_read(tmp_path: Path) -> None:
    """`mkdocs build --dirty` leaves unchanged pages unread: ours are still written whole."""
    content = make_archive(tmp_path / "content", sessions=2)
    site = tmp_path / "site"
    config = write_config(tmp_path, content, site, build_date="2026-11-28")
    build(config)
    page = next(site.glob("sessions/*/*/index.html"))
    title = re.search(r"<title>[^<]+", page.read_text(encoding="utf-8"))
    dirty = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--dirty", "-f", str(config)],
                           capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
                           timeout=600)  # not --strict: MkDocs warns of every dirty build
    assert dirty.returncode == 0 and "Traceback" not in dirty.stderr, dirty.stderr
    assert title and title[0] in page.read_text(encoding="utf-8")


def test_search_indexes_missing_or_changed_in_the_published_site_are_restored(tmp_path: Path
                                                                           ) -> None:
    """A rebuild carries unchanged search indexes over from the published site only when they
    are the cache's own copy: one deleted or altered there is restored, not published again."""
    content = copy_sample(tmp_path / "content")
    site = tmp_path / "site"
    config = write_config(tmp_path, content, site, build_date=str(SAMPLE_BUILD_DATE))
    build(config)
    first = digest(site)
    bundles = sorted(p for p in (site / "pagefind").iterdir() if p.is_dir())
    assert len(bundles) >= 4
    shutil.rmtree(bundles[0])
    entry = bundles[1] / "pagefind-entry.json"
    entry.unlink()
    entry.write_text("{}", encoding="utf-8")
    # Within an index's folders too (a review's find: only its top-level files were checked,
    # and a changed record was published again on every later build):
    fragment = next((bundles[2] / "fragment").iterdir())
    fragment.unlink()
    fragment.write_bytes(b"altered")
    next((bundles[3] / "index").iterdir()).unlink()
    assert "search index is reused" in build(config)
    assert digest(site) == first
    # Its entry file rewritten in place, the cache's copy with it: that index is made again.
    with (bundles[2] / "pagefind-entry.json").open("r+b") as stream:
        stream.write(b"altered")
    log = build(config)
    assert "3 of 4 unchanged indexes reused" in log, log
    assert all(json.loads(f.read_bytes()) for f in (site / "pagefind").glob("*/pagefind-entry.json"))


def test_a_cache_entry_that_lost_a_file_is_made_anew(tmp_path: Path) -> None:
    """A cached folder (the feeds, the open data, a search index) with a file removed by hand
    was restored as it was: the next builds published a site without /feed.xml, stopped with
    a FileNotFoundError traceback for data/items.csv, or with a search index lacking one
    result's excerpt (a review's find). Such an entry is a miss, and the site is whole."""
    first, second, cache, build_again = built_once(tmp_path)
    for lost in [*cache.glob("feeds/*/feed.xml"), *cache.glob("opendata-files/*/items.csv"),
                 next(cache.glob("search-*/*/fragment/*"))]:
        lost.unlink()
    result = build_again()
    assert result.returncode == 0, result.stderr
    assert without_search(digest(second)) == without_search(digest(first))
    assert (second / "feed.xml").is_file() and (second / "data" / "items.csv").is_file()
    for index in (first / "pagefind").iterdir():  # one fragment a page: as many in each index
        assert len(list((second / "pagefind" / index.name / "fragment").iterdir())) == \
            len(list((index / "fragment").iterdir())), index.name
    assert [*cache.glob("feeds/*/feed.xml"), *cache.glob("opendata-files/*/items.csv")] != []


def test_a_cache_entry_written_while_the_cache_was_deleted_is_not_kept(tmp_path: Path) -> None:
    """The cache deleted while an entry was written (`rm -rf` by an admin or a clean-up job)
    took the files written so far, and the entry was stored with the rest only: every later
    build published the feeds without /feed.xml (a review's find). It is not stored."""
    root = tmp_path / "cache"
    cache = DiskCache(root)
    deleted: list[Path] = []

    def feeds() -> Iterator[tuple[str, str]]:
        yield "feed.xml", "<feed/>"
        if not deleted:  # once, during the first build
            subprocess.run(["rm", "-rf", str(root)], check=True)
            deleted.append(root)
        yield "agencies/phuong-hoa-an/feed.xml", "<feed/>"

    for build_ in ("the build during the deletion", "the next build"):
        site = tmp_path / build_
        cache.made_tree("feeds", "k" * 64, site, lambda folder: write_files(folder, feeds()))
        assert sorted(str(p.relative_to(site)) for p in site.rglob("*.xml")) == \
            ["agencies/phuong-hoa-an/feed.xml", "feed.xml"], build_


def test_a_cache_entry_that_lost_a_file_while_it_was_written_is_not_kept(tmp_path: Path) -> None:
    """A clean-up that removed a file of a folder entry being written, after the writer wrote
    it and before the manifest was made, went unseen: the manifest was made by listing the
    folder, so the file was missing from it too, and every later build published the feeds
    without /feed.xml (a review's find). The manifest lists what the writer wrote: the entry
    is not kept, and both sites are whole."""
    root = tmp_path / "cache"
    cache = DiskCache(root)
    removed: list[Path] = []

    def feeds() -> Iterator[tuple[str, str]]:
        yield "feed.xml", "<feed/>"
        yield "agencies/phuong-hoa-an/feed.xml", "<feed/>"
        if not removed:  # once, during the first build, after the last file is written
            removed.extend(root.glob("feeds/.tmp-*/feed.xml"))
            subprocess.run(["rm", "-f", *map(str, removed)], check=True)

    for build_ in ("the build during the clean-up", "the next build"):
        site = tmp_path / build_
        cache.made_tree("feeds", "k" * 64, site, lambda folder: write_files(folder, feeds()))
        assert sorted(str(p.relative_to(site)) for p in site.rglob("*.xml")) == \
            ["agencies/phuong-hoa-an/feed.xml", "feed.xml"], build_
    assert len(removed) == 1


@contextlib.contextmanager
def small_disk(folder: Path, size: str) -> Iterator[Path]:
    """A file system of its own at `folder`, `size` large (tmpfs, mounted as root)."""
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                             capture_output=True, text=True)
    if mounted.returncode:
        pytest.skip(f"the test needs a small file system of its own: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


@pytest.mark.parametrize("cached", [(), ("sessions", "fragments", "templates"),
                                    ("sessions", "fragments", "templates", "pages", "feeds",
                                     "opendata-files")])
def test_a_full_disk_holding_the_cache_stops_storing_not_the_build(tmp_path: Path,
                                                                   cached: tuple[str, ...]) -> None:
    """The cache on a full disk stopped the build (a review's find), though the site's disk had
    room and the cache only saves work. The build goes on without storing, says so in one line
    naming the cache's folder and what to do, and publishes the site a build without a cache
    publishes. With `cached` already there, the disk fills at the parsed sessions, the pages,
    or the search indexes."""
    content = copy_sample(tmp_path / "content")
    warm, uncached = tmp_path / "warm-cache", tmp_path / "uncached"
    build(write_config(tmp_path, content, tmp_path / "site1", cache_dir=str(warm),
                       build_date=str(SAMPLE_BUILD_DATE)))
    uncached.mkdir()
    build(write_config(uncached, content, uncached / "site", cache="false",
                       build_date=str(SAMPLE_BUILD_DATE)))
    with small_disk(tmp_path / "disk", "64m") as disk:
        cache = disk / "cache"
        cache.mkdir()
        for namespace in cached:
            shutil.copytree(warm / namespace, cache / namespace)
        used = shutil.disk_usage(disk).used
        subprocess.run(["mount", "-o", f"remount,size={used // 1024 + 16}k", str(disk)], check=True)
        (tmp_path / "two").mkdir()
        result = run_build(write_config(tmp_path / "two", content, tmp_path / "site2",
                                        cache_dir=str(cache), build_date=str(SAMPLE_BUILD_DATE)))
    assert result.returncode == 0, result.stdout + result.stderr
    said = [line for line in result.stderr.splitlines() if "cache could not be written" in line]
    assert len(said) == 1 and "No space left on device" in said[0], result.stderr
    assert f"make room on the disk of {cache}" in said[0] and "`cache: false`" in said[0], said
    assert "Traceback" not in result.stderr and "WARNING" not in result.stderr, result.stderr
    assert files_of(tmp_path / "site2") == files_of(uncached / "site")


def test_a_full_temporary_folder_does_not_stop_the_open_data(tmp_path: Path) -> None:
    """popolo.json's speeches were gathered in a file of the system's temporary folder: a full
    TMPDIR was taken for a full cache, then stopped the build with "the site could not be written
    (No space left on device: None)" though the site's disk had room (a diff reader's find).
    They are gathered in the folder written."""
    content = copy_sample(tmp_path / "content")
    cache = tmp_path / "cache"
    config = write_config(tmp_path, content, tmp_path / "site", cache_dir=str(cache),
                          build_date=str(SAMPLE_BUILD_DATE))
    build(config)
    shutil.rmtree(cache / "opendata-files")  # the search indexes stay: they need TMPDIR's room
    with small_disk(tmp_path / "tmp", "64k") as tmp:
        result = run_build(config, env={"TMPDIR": str(tmp)})
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and ": None" not in result.stderr, result.stderr
    assert (tmp_path / "site" / "data" / "popolo.json").stat().st_size > 1000


def test_publishing_carries_folders_over_or_makes_them_anew(tmp_path: Path) -> None:
    site, staging = tmp_path / "site", tmp_path / "staging"
    (site / "pagefind" / "a").mkdir(parents=True)
    (site / "pagefind" / "a" / "x.js").write_text("a", encoding="utf-8")
    (site / "old.html").write_text("old", encoding="utf-8")
    (staging / "pagefind").mkdir(parents=True)
    (staging / "index.html").write_text("new", encoding="utf-8")
    made: list[Path] = []
    publish(staging, site, {"pagefind/a": made.append, "pagefind/b": made.append})
    assert (site / "pagefind" / "a" / "x.js").read_text(encoding="utf-8") == "a"
    assert made == [site.resolve().with_name("staging") / "pagefind" / "b"]
    assert sorted(p.name for p in site.iterdir()) == ["index.html", "pagefind"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_publishing_stops_before_moving_anything_when_a_folder_cannot_be_made(tmp_path: Path) -> None:
    """A search index the published site lacks is made from the cache; if another build pruned
    the cache's copy meanwhile, publishing stops with the site as it was, not without it."""
    site, staging = tmp_path / "site", tmp_path / "staging"
    site.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")
    (staging / "pagefind").mkdir(parents=True)
    (staging / "index.html").write_text("new", encoding="utf-8")
    with pytest.raises(RuntimeError, match="pagefind/b is neither in the published site nor in the cache"):
        publish(staging, site, {"pagefind/b": lambda folder: False})
    assert (site / "index.html").read_text(encoding="utf-8") == "old"


def _strong_paragraphs(package: Path) -> str:
    """A new version of the Markdown code that starts paragraphs with an x."""
    markup = package / "core" / "markup.py"
    markup.write_text(markup.read_text(encoding="utf-8") + textwrap.dedent("""
        _render_body = MarkdownRenderer.render_body
        def _strong(self, *args, **kwargs):
            made = _render_body(self, *args, **kwargs)
            return dataclasses.replace(made, html=made.html.replace("<p>", "<p><strong>x</strong>"))
        MarkdownRenderer.render_body = _strong
        import dataclasses
        """), encoding="utf-8")
    return "<strong>x</strong>"


def _new_writeup_class(package: Path) -> str:
    """A new version of the session page's template only (no Python changed)."""
    replace(package / "templates" / "archive" / "session.html", 'class="da-writeup"',
            'class="da-writeup da-writeup--v2"')
    return 'class="da-writeup da-writeup--v2"'


@pytest.mark.parametrize("upgrade", [_strong_paragraphs, _new_writeup_class],
                         ids=["markdown code", "template"])
def test_a_new_version_of_the_code_renders_the_pages_again(tmp_path: Path,
                                                           upgrade: Callable[[Path], str]) -> None:
    """The rendered texts and pages are kept under a key that changes with the code and
    templates that make them: a plugin updated by `git pull` must not serve the old version's
    HTML from the cache."""
    content = make_archive(tmp_path / "content")
    site = tmp_path / "site"
    config = write_config(tmp_path, content, site)
    package = tmp_path / "code" / "dialogue_archive"
    shutil.copytree(Path(dialogue_archive.__file__).parent, package)
    env = {"PYTHONPATH": str(package.parent)}
    assert run_build(config, env=env).returncode == 0
    page = site / "sessions" / "2024" / "2024-06-20-doi-thoai-1" / "index.html"
    shown = upgrade(package)
    assert shown not in page.read_text(encoding="utf-8")
    assert run_build(config, env=env).returncode == 0
    assert shown in page.read_text(encoding="utf-8")


def test_a_new_version_of_python_markdown_parses_and_writes_the_sessions_again(tmp_path: Path
                                                                               ) -> None:
    """A parsed session holds what Python-Markdown made of its texts (excerpts, the links and
    heading ids its checks read), and its page the texts' HTML; their keys held our code but
    no library's version, so an upgraded Markdown reused both (a review's find). Another
    version recorded for Markdown (its metadata first on the path, its code unchanged) is an
    upgrade: nothing parsed or written by the old one is reused."""
    content = make_archive(tmp_path / "content", sessions=2)
    cache = tmp_path / "cache"
    config = write_config(tmp_path, content, tmp_path / "site", cache_dir=str(cache))
    installed = metadata.distribution("markdown")
    upgraded = tmp_path / "upgraded" / "markdown-99.0.dist-info"  # its entry points too
    record = next(f for f in installed.files or [] if f.name == "METADATA")
    shutil.copytree(Path(str(record.locate())).parent, upgraded)
    replace(upgraded / "METADATA", f"Version: {installed.version}", "Version: 99.0")

    def entries() -> dict[str, int]:
        return {namespace: len(list((cache / namespace).glob("*/*")))
                for namespace in ("sessions", "fragments", "pages")}

    build(config)
    before = entries()
    build(config)
    assert entries() == before  # unchanged: all reused
    env = {"PYTHONPATH": os.pathsep.join([str(upgraded.parent), os.environ.get("PYTHONPATH", "")])}
    assert run_build(config, env=env).returncode == 0
    assert entries() == {namespace: 2 * count for namespace, count in before.items()}, before


def test_an_edit_reaches_the_page_the_search_index_and_the_data(tmp_path: Path) -> None:
    content = copy_sample(tmp_path / "content")
    site = tmp_path / "site"
    config = write_config(tmp_path, content, site, build_date=str(SAMPLE_BUILD_DATE))
    build(config)
    before = digest(site)
    answers = content / SEED / "answers.yaml"
    text = answers.read_text(encoding="utf-8")
    marker = "Phòng đã tiếp nhận thêm 12 hồ sơ trong tuần."
    answers.write_text(text.replace("    text: |\n", f"    text: |\n      {marker}\n", 1), encoding="utf-8")
    agencies = content / "registry" / "agencies.yaml"
    agencies.write_text(agencies.read_text(encoding="utf-8").replace(
        "name: Thanh tra quận Cẩm Lệ", "name: Thanh tra quận Cẩm Lệ (đổi tên)", 1), encoding="utf-8")
    log = build(config)
    assert "records indexed" in log  # the search index was rebuilt, not reused
    page = parse(site / SEED / "index.html")
    assert marker in page.get_text()
    assert page.select('a[title="Thanh tra quận Cẩm Lệ (đổi tên)"]')  # registry names too
    archive = json.loads((site / "data" / "archive.json").read_text(encoding="utf-8"))
    assert marker in json.dumps(archive, ensure_ascii=False)
    after = digest(site)
    assert after[f"{SEED}/index.html"] != before[f"{SEED}/index.html"]
    assert after["about/index.html"] == before["about/index.html"]


def test_the_search_pages_index_masks_are_kept_and_follow_an_edit(tmp_path: Path) -> None:
    """The search page's masks of which indexes hold each topic, agency and place are kept in
    the cache under their indexes' keys (a warm build walked every item again for them): a
    build reads them back, and an edit moving a ward's answers out of an index is in the next
    build's masks, as the archive gives them."""
    content = copy_sample(tmp_path / "content")
    site = tmp_path / "site"
    config = write_config(tmp_path, content, site, build_date=str(SAMPLE_BUILD_DATE))

    def masks() -> dict[str, dict[str, str]]:
        page = parse(site / "search" / "index.html")
        return json.loads(page.select_one("#da-search-config").string)["holders"]

    def from_archive() -> dict[str, dict[str, str]]:
        archive, _ = load_archive(content, SAMPLE_BUILD_DATE)
        search = SearchRecords(ArchiveViews(archive))
        return search.holders(search.shards())

    kept = tmp_path / ".cache" / "dialogue-archive" / "index-holders"
    build(config)
    before = masks()
    assert before == from_archive() and len(list(kept.rglob("*.bin"))) == 1
    build(config)
    assert masks() == before and len(list(kept.rglob("*.bin"))) == 1  # read back, not made again
    answers = content / "sessions" / "2022" / "2022-08-18-doi-thoai-cap-giay-chung-nhan-quyen-su-dung-dat" \
        / "answers.yaml"
    answers.write_text(answers.read_text(encoding="utf-8").replace(
        "place: phuong-hoa-phat", "place: phuong-hoa-an"), encoding="utf-8")
    build(config)
    assert masks() == from_archive() != before
    assert before["place"]["phuong-hoa-phat"] != masks()["place"].get("phuong-hoa-phat")


def test_open_data_rebuilt_from_the_cache_is_a_cold_builds_and_only_what_changed_is_made(
        tmp_path: Path) -> None:
    """data/ was one cache entry, made again whole when anything changed: an edit, or the next
    day (each CSV row says the day it was computed on). Each session's data is now cached by
    what it is made of, and each year's bulk files by their sessions' and the day. After each
    change below, the site a warm build publishes must be the one a build without a cache
    publishes, a year the change did not touch be linked from the cache, and only the data of
    the sessions changed be made anew, as the build says."""
    content = make_archive(tmp_path / "content", sessions=3, start=dt.date(2024, 1, 2))
    edited, renamed, alone = sorted(content.glob("sessions/*/*"), reverse=True)  # 2024, 2024, 2023
    replace(alone / "answers.yaml", "due: 2024-12-31", "due: 2024-06-10")  # overdue on 11/06
    warm, cold = tmp_path / "warm", tmp_path / "cold"
    data = warm / "site" / "data"
    options: dict[str, object] = {"build_date": "2024-06-01"}

    def inodes(year: str) -> dict[str, int]:
        return {p.name: p.stat().st_ino for p in (data / "years" / year).iterdir()}

    def rebuild(sessions: str, years: str) -> None:
        """A warm build, saying how many `sessions`' data it made anew and how many `years`'
        files it wrote, and a cold one of the same input: the same site (search indexes aside)."""
        log = build(write_config(warm, content, warm / "site", **options))
        assert f"{sessions} sessions' data made anew" in log and f"{years} years' files written" in log, log
        shutil.rmtree(cold, ignore_errors=True)
        cold.mkdir()
        build(write_config(cold, content, cold / "site", cache="false", **options))
        assert without_search(digest(warm / "site")) == without_search(digest(cold / "site"))

    warm.mkdir()
    build(write_config(warm, content, warm / "site", **options))
    before_2023, before_2024 = inodes("2023"), inodes("2024")

    replace(edited / "answers.yaml", "Phòng sẽ rà soát", "Phòng đã rà soát")  # an edit
    rebuild("1 of 3", "1 of 2")
    assert inodes("2023") == before_2023  # linked from the cache
    assert all(inodes("2024")[name] != inode for name, inode in before_2024.items())
    assert "Phòng đã rà soát" in (data / "years" / "2024" / "items.csv").read_text(encoding="utf-8")

    options["build_date"] = "2024-06-11"  # the next day that matters: a commitment overdue
    rebuild("1 of 3", "2 of 2")  # every row says the day; one session's data changed
    rows = read_rows(data / "commitments.csv")
    assert [row["session_id"] for row in rows if row["overdue"] == "true"] == [alone.name]
    assert {row["as_of"] for row in rows} == {"2024-06-11"}

    old_id = renamed.name
    new_id = old_id.replace("doi-thoai", "doi-thoai-cong-dan")
    renamed.rename(renamed.with_name(new_id))
    replace(renamed.with_name(new_id) / "index.md", "\n---\n", f"\naliases: [{old_id}]\n---\n")
    rebuild("1 of 3", "1 of 2")
    files = {p.stem: p.read_bytes() for p in (data / "sessions").iterdir()}
    assert files[old_id] == files[new_id] and json.loads(files[new_id])["id"] == new_id

    shutil.rmtree(alone)  # 2023's only session
    for entry in (warm / ".cache").glob("*/opendata-sessions/*/*"):  # cut short (a full disk)
        entry.write_bytes(entry.read_bytes()[:100])
    rebuild("2 of 2", "0 of 1")  # the whole archive's files from the sessions' data made again
    assert sorted(p.name for p in (data / "years").iterdir()) == ["2024"]
    assert not (data / "sessions" / f"{alone.name}.json").exists()

    options["data_licence"] = "CC0 1.0"
    rebuild("2 of 2", "1 of 1")
    assert json.loads((data / "years" / "2024" / "archive.json").read_bytes())["licence"]["name"] == "CC0 1.0"


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def test_a_changed_plugin_option_reaches_the_pages_of_an_unchanged_archive(tmp_path: Path) -> None:
    """Lists and reports are reused while the archive is unchanged, but our options count too."""
    content = copy_sample(tmp_path / "content")
    site = tmp_path / "site"
    build(write_config(tmp_path, content, site, build_date=str(SAMPLE_BUILD_DATE)))
    build(write_config(tmp_path, content, site, build_date=str(SAMPLE_BUILD_DATE),
                       data_licence="CC0 1.0"))
    licence = parse(site / urls.open_data().replace("index.md", "index.html")).select_one('a[rel="license"]')
    assert licence.get_text() == "CC0 1.0"


def test_a_new_site_url_reaches_the_canonical_links_feeds_calendar_and_data_of_a_warm_rebuild(
        tmp_path: Path) -> None:
    """An office moves its archive to its own domain: with the same cache, no page, feed,
    calendar or open-data file may keep pointing readers at the old address."""
    content = make_archive(tmp_path / "content", sessions=2)
    site = tmp_path / "site"
    config = write_config(tmp_path, content, site, build_date=str(SAMPLE_BUILD_DATE))
    old, new = "https://doithoai.example.vn/", "https://doithoai.truonggiang.gov.vn/"

    def build_at(site_url: str) -> dict[Path, str]:
        config.write_text(re.sub(r"(?m)^site_url: .*\n", "", config.read_text(encoding="utf-8"))
                          + f"site_url: {site_url}\n", encoding="utf-8")
        build(config)
        return {path: path.read_text(encoding="utf-8") for path in site.rglob("*")
                if path.suffix in {".html", ".xml", ".ics", ".json", ".csv"}}

    assert any(old in text for text in build_at(old).values())
    texts = build_at(new)
    sessions = sorted(site.glob("sessions/*/*/index.html"))
    assert len(sessions) == 2
    for page in sessions:
        address = f"{new}{page.parent.relative_to(site).as_posix()}/"
        assert parse(page).find("link", rel="canonical")["href"] == address
    feeds = sorted(site.rglob("feed.xml"))
    assert len(feeds) > 1  # the site's and the agencies', topics' and places' feeds
    for path in feeds:
        feed = feedparser.parse(path.read_bytes())
        links = [feed.feed.link, *(entry.link for entry in feed.entries)]
        assert all(link.startswith(new) for link in links), (path, links)
    assert f"URL:{new}sessions/" in texts[site / "calendar.ics"]
    assert [str(path.relative_to(site)) for path, text in texts.items() if old in text] == []


def test_session_pages_are_made_from_a_private_copy_equal_to_the_loaded_session(tmp_path: Path
                                                                              ) -> None:
    """Page writers read sessions back from the cache (see loader.private_copy), so that they do
    not touch, and so copy, the archive they share by fork: the pages must not change."""
    cache = DiskCache(tmp_path / "cache")
    archive, problems = load_archive(copy_sample(tmp_path / "content"), SAMPLE_BUILD_DATE, cache=cache)
    assert not problems.errors
    views = ArchiveViews(archive, cache=cache)
    for session in archive.published:
        copy = private_copy(session, cache)
        assert copy.meta is not session.meta
        assert not any(a is b for a, b in zip(copy.items, session.items, strict=True))
        assert views.session_page_view(session) == views.session_view(session)
    uncached = load_archive(tmp_path / "content", SAMPLE_BUILD_DATE)[0].published[0]
    assert private_copy(uncached, DiskCache(None)) is uncached


def test_sessions_read_back_from_the_cache_share_their_models_field_sets(tmp_path: Path) -> None:
    """Pydantic keeps a set of given fields in every model (a fifth of a large archive's
    memory unless shared); unpickling must share them as validating does."""
    cache = DiskCache(tmp_path / "cache")
    content = copy_sample(tmp_path / "content")
    for _ in range(2):  # parsed, then read back from the cache
        archive, _problems = load_archive(content, SAMPLE_BUILD_DATE, cache=cache)
        items = [item for session in archive.sessions for item in session.items]
        assert len({id(item.__pydantic_fields_set__) for item in items}) < len(items) / 5


def test_items_checked_without_a_problem_are_not_checked_again_until_registries_or_day_change(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A warm build skips the checks of items against the registries and the day that found
    nothing before (loader.CheckedItems); a registry edit or another build day checks them again,
    and a session whose checks found a problem is checked, and told, at every build."""
    cache = DiskCache(tmp_path / "cache")
    content = copy_sample(tmp_path / "content")
    checked: list[str] = []
    original = loader._check_items
    shown = ProblemLog(root=content).display

    def check_items(*args: Any) -> None:
        checked.append(shown(args[4]))
        original(*args)

    monkeypatch.setattr(loader, "_check_items", check_items)

    def load(day: dt.date = SAMPLE_BUILD_DATE) -> list[str]:
        checked.clear()
        return [str(p) for p in load_archive(content, day, cache=cache)[1].sorted()]

    first = load()
    assert len(checked) > 5
    assert load() == first
    assert set(checked) <= {p.split(":")[0] for p in first}  # only where a problem was told
    # the same units ended then (the registries' last end is 2025-06-30): only the day differs
    answers = content / "sessions/2026/2026-04-16-doi-thoai-lien-thong-khai-sinh-thuong-tru-bhyt/answers.yaml"
    assert any(p.startswith(f"{shown(answers)}:57:") and "2026-06-01 is after the day of the build" in p
               for p in load(dt.date(2026, 5, 20)))
    replace(content / "registry" / "topics.yaml", "- id: dat-dai\n", "- id: dat-dai-moi\n")
    land = content / "sessions/2022/2022-08-18-doi-thoai-cap-giay-chung-nhan-quyen-su-dung-dat"
    assert any(p.startswith(f"{shown(land / 'answers.yaml')}:9:")
               and "unknown topic 'dat-dai'" in p for p in load())


def test_a_later_day_makes_the_site_a_cold_build_makes_reusing_what_the_day_left(
        tmp_path: Path) -> None:
    """A day passing changes some pages without any file changing: an announced session is
    held, a commitment falls overdue, an agency ends, lists and reports count "as of" the day.
    The next day's build from the cache must make the site a cold build makes that day, and
    reuse the session pages and search indexes the day did not touch (all of them were made
    again every day: at 10,000 sessions a morning's first preview took a cold build's time)."""
    content = copy_sample(tmp_path / "content")
    announced = content / "sessions" / "2026" / "2026-12-15-tiep-cong-dan-dinh-ky-thang-12"
    replace(announced / "index.md", "published: 2026-11-25T09:00:00+07:00\n", "")  # by its day
    with (content / "registry" / "places.yaml").open("a", encoding="utf-8") as places:
        places.write("  valid_until: 2027-01-10\n  succeeded_by: [phuong-cam-le]\n")  # merged
    warm, cold = tmp_path / "warm", tmp_path / "cold"
    warm.mkdir()
    build(write_config(warm, content, warm / "site", build_date="2026-12-15"))  # announced
    # Held the next day, with the same data's date; then the commitment due 31/12/2026 is
    # overdue; then the ward of 2025 the ward of a session of 2024 became is merged again.
    for day in ("2026-12-16", "2027-01-02", "2027-01-11"):
        log = build(write_config(warm, content, warm / "site", build_date=day))
        shutil.rmtree(cold, ignore_errors=True)
        cold.mkdir()
        build(write_config(cold, content, cold / "site", build_date=day))
        # Pagefind names its files by hashes that differ from run to run: the records the
        # indexes are made of are compared in test_a_sessions_day_facts_decide_its_records.
        assert without_search(digest(warm / "site")) == without_search(digest(cold / "site"))
        if day == "2026-12-16":
            reused = int(log.split(" archive pages (")[1].split(" ")[0])
            assert 40 < reused < int(log.split(" archive pages (")[0].rsplit(" ", 1)[1]), log
            assert "3 of 4 unchanged indexes reused" in log, log
    sessions = warm / "site" / "sessions"
    printed = parse(sessions / "2026" / "2026-04-16-doi-thoai-lien-thong-khai-sinh-thuong-tru-bhyt"
                    / "index.html")
    assert printed.select_one(".da-print-header time")["datetime"] == "2027-01-01"  # overdue since
    merged = (sessions / "2024" / "2024-06-27-tiep-xuc-cu-tri-phuong-hoa-xuan" / "index.html")
    assert "(nay thuộc phường Cẩm Lệ)" in " ".join(parse(merged).get_text().split())


GPXD_2026 = "sessions/2026/2026-04-16-doi-thoai-lien-thong-khai-sinh-thuong-tru-bhyt/index.md"


@pytest.mark.parametrize(("scheduled", "days", "changed"), [
    # a session held, a commitment overdue
    (False, ["2026-11-28", "2026-12-15", "2026-12-16", "2027-01-01", "2027-01-02"], 2),
    # in a preview, a scheduled session's commitment due 30/06/2026 falls overdue before its
    # publication, which its data's date stays (a review's find)
    (True, ["2026-06-15", "2026-07-05"], 1),
])
def test_a_sessions_day_facts_decide_its_records(tmp_path: Path, scheduled: bool, days: list[str],
                                                changed: int) -> None:
    """A search index is reused on a later day while its sessions' day facts and the archive's
    context hold (see the test above): a session's records must then be the same."""
    content = copy_sample(tmp_path / "content")
    if scheduled:
        replace(content / GPXD_2026, "published: 2026-04-17T10:00:00+07:00",
                "published: 2026-12-20T10:00:00+07:00")
    seen: dict[str, list[tuple[str, str]]] = {}
    for day in days:
        archive, problems = load_archive(content, dt.date.fromisoformat(day), include_drafts=scheduled)
        assert not problems.errors, problems.errors
        views = ArchiveViews(archive)
        search = SearchRecords(views)
        for session in archive.published:
            facts = archive.context_fingerprint + views.day_facts(session)
            seen.setdefault(session.id, []).append((facts, repr(list(search.records([session])))))
    found = 0
    for states in seen.values():
        records_by_facts: dict[str, set[str]] = {}
        for facts, records in states:
            records_by_facts.setdefault(facts, set()).add(records)
        assert all(len(records) == 1 for records in records_by_facts.values())
        found += len(records_by_facts) > 1
    assert found == changed  # the sessions the days changed


def test_a_reused_page_whose_link_target_was_removed_still_stops_the_strict_build(tmp_path: Path
                                                                                ) -> None:
    """A link to a page the build makes (a year's list) from a write-up read from the cache is
    checked against the lists of this build: its year gone, it is refused at its line."""
    content = make_archive(tmp_path / "content", sessions=2, start=dt.date(2024, 1, 1))
    newer, older = (content / "sessions" / y for y in ("2024", "2023"))
    write_up = next(newer.glob("*/index.md"))
    with write_up.open("a", encoding="utf-8") as text:
        text.write("\nXem [các phiên năm 2023](../../2023/index.md).\n")
    config = write_config(tmp_path, content, tmp_path / "site", build_date=str(SAMPLE_BUILD_DATE))
    build(config)
    shutil.rmtree(older)  # the linking session is unchanged: its page comes from the cache
    result = run_build(config)
    assert result.returncode == 1
    assert (f"{write_up.relative_to(tmp_path).as_posix()}:10:26: the link '../../2023/index.md' points "
            "to the sessions of 2023, a page the site does not make") in result.stderr, result.stderr


@pytest.mark.parametrize("cache", [True, False])
def test_serve_shows_an_edit_then_brings_search_and_data_up_to_date(tmp_path: Path, cache: bool
                                                                    ) -> None:
    """`mkdocs serve` writes the pages first; the search index and open data follow. Without
    a disk cache, the unchanged search indexes are still kept from the previous rebuild."""
    content = copy_sample(tmp_path / "content")
    config = write_config(tmp_path, content, tmp_path / "site", build_date=str(SAMPLE_BUILD_DATE),
                          cache=str(cache).lower())
    preview = Preview(config, tmp_path)
    try:
        preview.wait_for("search index and open data updated")
        slug = SEED.rsplit("/", 1)[1]
        assert json.loads(preview.get(f"data/sessions/{slug}.json"))["id"] == slug
        # written after the data files, whose sizes it gives
        assert "Dung lượng" in preview.get("open-data/").decode("utf-8")
        served = next(p for p in tmp_path.iterdir() if p.name.startswith("mkdocs_"))
        folder = (served / SEED).stat().st_ino
        answers = content / SEED / "answers.yaml"
        answers.write_text(answers.read_text(encoding="utf-8").replace(
            "text: ", "text: Ghi chú xem trước ", 1), encoding="utf-8")
        preview.wait_for("Reloading browsers")  # MkDocs drops a repeated "Documentation built in 0.82 s"
        assert "Ghi chú xem trước" in preview.get(f"{SEED}/").decode("utf-8")
        preview.wait_for("search index and open data updated")
        assert "Ghi chú xem trước" in preview.get(f"data/sessions/{slug}.json").decode("utf-8")
        reused = re.search(r"(\d+) of (\d+) unchanged indexes reused", "".join(preview.lines[-6:]))
        assert reused and 0 < int(reused[1]) < int(reused[2]), "".join(preview.lines[-6:])
        # the rebuild wrote into the previous rebuild's folders, and left none empty
        assert (served / SEED).stat().st_ino == folder
        assert [p for p in served.rglob("*") if p.is_dir() and not any(p.iterdir())] == []
        assert [p.name for p in served.iterdir() if p.name.startswith(".")] == []
    finally:
        preview.stop()


SIZE_CELL = 'main tr:has(a[href$="/archive.json"]) td.da-file-size'
"""archive.json's size on the open-data page."""


@pytest.mark.parametrize("cache", [True, False])
def test_serve_keeps_the_open_data_page_and_reloads_it_with_the_new_sizes(tmp_path: Path, cache: bool,
                                                                          browser) -> None:
    """The open-data page, which gives the data files' sizes, was written only once the
    preview's catch-up had written the files: after every save it was missing for seconds, and
    a browser showing it reloaded into the theme's 'page not found' and stayed there (a
    review's find). It is served at every moment, with the sizes the preview knows, and a
    browser showing it reloads by itself when the sizes it gives change."""
    content = copy_sample(tmp_path / "content")
    config = write_config(tmp_path, content, tmp_path / "site", build_date=str(SAMPLE_BUILD_DATE),
                          cache=str(cache).lower())
    preview = Preview(config, tmp_path)
    statuses: list[int] = []
    stop = threading.Event()

    def poll() -> None:
        while not stop.is_set():
            try:
                preview.get("open-data/")
                statuses.append(200)
            except urllib.error.HTTPError as error:
                statuses.append(error.code)
            time.sleep(0.01)

    page = browser.new_page()
    poller = threading.Thread(target=poll)
    try:
        preview.wait_for("search index and open data updated")
        page.goto(f"http://127.0.0.1:{preview.port}/open-data/")
        before = page.locator(SIZE_CELL).inner_text()
        poller.start()
        answers = content / SEED / "answers.yaml"  # 50 KB more: archive.json grows by as much
        answers.write_text(answers.read_text(encoding="utf-8").replace(
            "text: ", "text: " + "Ghi chú xem trước rất dài. " * 2000, 1), encoding="utf-8")
        preview.wait_for("Reloading browsers")
        preview.wait_for("search index and open data updated")
        time.sleep(0.5)
        stop.set()
        poller.join()
        assert statuses and set(statuses) == {200}, statuses
        served = next(p for p in tmp_path.iterdir() if p.name.startswith("mkdocs_"))
        size = format_size((served / "data/archive.json").stat().st_size)
        assert size != before
        assert size in preview.get("open-data/").decode("utf-8")
        # the browser, left as it is, reloads the page with the new size
        page.wait_for_function(f"size => document.querySelector('{SIZE_CELL}')?.textContent.trim()"
                               " === size", arg=size, timeout=10_000)
        # a save that leaves the sizes as they are reloads the browsers once, as before
        answers.write_text(answers.read_text(encoding="utf-8").replace("rất dài.", "rất dài!", 1),
                           encoding="utf-8")
        preview.wait_for("Reloading browsers")
        said = len(preview.lines)
        preview.wait_for("search index and open data updated")
        assert not any("reloading browsers" in line for line in preview.lines[said:]), preview.lines
    finally:
        stop.set()
        if poller.is_alive():
            poller.join()
        page.close()
        preview.stop()


def test_a_partial_preview_shows_the_sessions_asked_for_and_those_edited(tmp_path: Path) -> None:
    """A preview of a large archive made every page again after an edit (half a minute at
    10,000 sessions). `scripts/serve --only 2024` reads and builds that year's sessions, says
    on every page that it is partial, and takes in a session of another year once it is edited;
    the links to the sessions it leaves out are not reported."""
    content = copy_sample(tmp_path / "content")
    config = write_config(tmp_path, content, tmp_path / "site", build_date=str(SAMPLE_BUILD_DATE))
    shown = sorted((content / "sessions" / "2024").iterdir())
    other = next((content / "sessions" / "2023").iterdir())
    links_to_others = shown[0]
    with (links_to_others / "index.md").open("a", encoding="utf-8") as text:
        text.write(f"\nXem [phiên trước](../../2023/{other.name}/index.md).\n")
    preview = Preview(config, tmp_path, DIALOGUE_ARCHIVE_PREVIEW_ONLY="2024")
    try:
        preview.wait_for("search index and open data updated")
        said = "".join(preview.lines)
        total = len(list(content.glob("sessions/*/*/index.md")))
        assert f"a partial preview of {len(shown)} of {total} sessions (those of 2024" in said, said
        assert "WARNING" not in said and "Aborted" not in said, said  # links_to_others is not judged
        page = preview.get(links_to_others.relative_to(content).as_posix() + "/").decode("utf-8")
        assert VI["text"]["partial_preview"].replace("{sessions}", "2024") in page
        with pytest.raises(urllib.error.HTTPError, match="404"):
            preview.get(other.relative_to(content).as_posix() + "/")
        answers = other / "answers.yaml"
        answers.write_text(answers.read_text(encoding="utf-8").replace(
            "text: ", "text: Ghi chú xem trước ", 1), encoding="utf-8")
        preview.wait_for("Reloading browsers")
        assert "Ghi chú xem trước" in preview.get(other.relative_to(content).as_posix() + "/").decode("utf-8")
        assert f"a partial preview of {len(shown) + 1} of {total} sessions" in "".join(preview.lines)
    finally:
        preview.stop()


def test_a_whole_preview_slow_to_build_again_tells_once_of_the_partial_one(tmp_path: Path) -> None:
    """At 10,000 sessions a whole preview builds again for half a minute after every edit: the
    writer waiting for it is told, once, of `scripts/serve --only`, named with the newest
    sessions' year. (Here any rebuild is slow enough: the threshold is set to 0 s.)"""
    content = copy_sample(tmp_path / "content")
    config = write_config(tmp_path, content, tmp_path / "site", build_date=str(SAMPLE_BUILD_DATE))
    answers = content / SEED / "answers.yaml"
    newest = max(folder.name for folder in content.glob("sessions/*/*"))[:4]
    preview = Preview(config, tmp_path, before="from dialogue_archive.core import partial_preview\n"
                      "partial_preview.SLOW_REBUILD = 0")
    try:
        preview.wait_for("search index and open data updated")
        assert not any("--only" in line for line in preview.lines), preview.lines  # a first build
        for edit in ("Ghi chú thứ nhất ", "Ghi chú thứ hai "):
            answers.write_text(answers.read_text(encoding="utf-8").replace("text: ", f"text: {edit}", 1),
                               encoding="utf-8")
            preview.wait_for("Reloading browsers")
            preview.wait_for("search index and open data updated")
        said = [line for line in preview.lines if "--only" in line]
        assert len(said) == 1, "".join(preview.lines)
        sessions = len(list(content.glob("sessions/*/*/index.md")))
        assert f"builds the whole archive ({sessions} sessions) again" in said[0], said
        assert f"scripts/serve --only {newest} (a year; or a month such as {newest}-03" in said[0], said
    finally:
        preview.stop()


def test_serve_says_where_the_problems_are_at_every_rebuild(tmp_path: Path) -> None:
    """MkDocs logs a message once per process: a mistake saved again (or back after a fix) was
    said as 'Aborted with a BuildError!' only, without its file:line:column (a review's find)."""
    content = copy_sample(tmp_path / "content")
    config = write_config(tmp_path, content, tmp_path / "site", build_date=str(SAMPLE_BUILD_DATE))
    answers = content / SEED / "answers.yaml"
    preview = Preview(config, tmp_path)
    try:
        preview.wait_for("search index and open data updated")
        answers.write_text(re.sub(r"type: \w+", "type: khong-co", answers.read_text(encoding="utf-8"),
                                  count=1), encoding="utf-8")
        for said in (1, 2):  # the mistake, then the same file saved again
            preview.wait_for("Aborted with a BuildError!")
            assert sum("answers.yaml:" in line and "khong-co" in line for line in preview.lines) == said
            answers.write_text(answers.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    finally:
        preview.stop()


def test_serve_says_once_that_instant_loading_is_turned_off(tmp_path: Path) -> None:
    """The INFO line saying Material's `navigation.instant` is turned off came again at every
    rebuild of a preview (a second office's find): it is said at the first build only."""
    content = copy_sample(tmp_path / "content")
    config = write_config(tmp_path, content, tmp_path / "site", build_date=str(SAMPLE_BUILD_DATE))
    config.write_text(config.read_text(encoding="utf-8") + "theme:\n  features:\n"
                      "    - navigation.instant\n", encoding="utf-8")
    answers = content / SEED / "answers.yaml"
    preview = Preview(config, tmp_path)
    try:
        for edit in ("Ghi chú thứ nhất ", "Ghi chú thứ hai "):
            preview.wait_for("search index and open data updated")
            answers.write_text(answers.read_text(encoding="utf-8").replace("text: ", f"text: {edit}", 1),
                               encoding="utf-8")
            preview.wait_for("Reloading browsers")
        preview.wait_for("search index and open data updated")
        said = [line for line in preview.lines if "navigation.instant turned off" in line]
        assert len(said) == 1 and "INFO" in said[0], "".join(preview.lines)
    finally:
        preview.stop()


def test_builds_sharing_one_cache_all_succeed_and_leave_it_tidy(tmp_path: Path) -> None:
    """`scripts/serve` next to `scripts/build`, or two CI jobs, share the cache: entries another
    build stores, replaces or prunes meanwhile are misses, never a failed build."""
    content = make_archive(tmp_path / "content", sessions=40)
    cache = tmp_path / "shared-cache"
    for round_ in range(2):  # the second round: entries replaced while others read them
        if round_:
            replace(next(content.glob("sessions/*/*/answers.yaml")), "sẽ rà soát", "đã rà soát")
        for n in range(4):
            (tmp_path / f"b{round_}{n}").mkdir()
        configs = [write_config(tmp_path / f"b{round_}{n}", content, tmp_path / f"site{round_}{n}",
                                cache_dir=str(cache), build_date="2026-11-28") for n in range(4)]
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        builds = [subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(c)],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
                  for c in configs]
        for process in builds:
            _, errors = process.communicate(timeout=600)
            assert process.returncode == 0, errors
        sites = [{path: sha for path, sha in digest(tmp_path / f"site{round_}{n}").items()
                  if not path.startswith("pagefind/")}  # Pagefind's own names vary by run
                 for n in range(4)]
        assert all(site == sites[0] for site in sites[1:])
    assert [p for p in cache.rglob(".tmp-*")] == []


def built_once(tmp_path: Path) -> tuple[Path, Path, Path, Callable[[], subprocess.CompletedProcess[str]]]:
    """The sample built into site1 with a cache of its own: (site1, site2, the cache, a build of
    the same content with that cache into site2, run when the test has done what it does)."""
    content = copy_sample(tmp_path / "content")
    cache = tmp_path / "cache"
    first, second = tmp_path / "site1", tmp_path / "site2"
    for folder in (tmp_path / "one", tmp_path / "two"):
        folder.mkdir()
    build(write_config(tmp_path / "one", content, first, cache_dir=str(cache),
                       build_date=str(SAMPLE_BUILD_DATE)))
    again = write_config(tmp_path / "two", content, second, cache_dir=str(cache),
                         build_date=str(SAMPLE_BUILD_DATE))
    return first, second, cache, lambda: run_build(again)


def test_a_site_file_rewritten_in_place_is_not_published_again(tmp_path: Path) -> None:
    """The site's files are hard links into the cache: a deploy step that rewrites one in place
    (a minifier, a script adding a banner) rewrites the cached entry too. The next build sees it
    and makes the file anew instead of publishing the altered one."""
    first, second, _, build_again = built_once(tmp_path)
    session_page = first / SEED / "index.html"
    altered = [first / "data" / "items.csv", first / "data" / "years" / "2024" / "popolo.json",
               session_page, first / "feed.xml", next((first / "pagefind").glob("*/pagefind-entry.json"))]
    originals = {p.relative_to(first): p.read_bytes() for p in altered}
    for path in altered:
        with path.open("ab") as stream:  # in place: the same inode
            stream.write(b"<!-- TAMPERED -->")
    result = build_again()
    assert result.returncode == 0, result.stderr
    for relative, original in originals.items():
        now = (second / relative).read_bytes()
        if relative.parts[0] == "pagefind":  # indexed anew: Pagefind's own hashes vary by run
            assert json.loads(now)["languages"], relative
        else:
            assert now == original, relative


def test_an_edited_template_override_reaches_the_pages_built_from_the_cache(tmp_path: Path) -> None:
    """The site's own templates (`theme.custom_dir`) were not part of the pages' cache keys: an
    edited override was published only once the cache was deleted."""
    content = copy_sample(tmp_path / "content")
    overrides = tmp_path / "overrides"
    (overrides / "archive" / "partials").mkdir(parents=True)
    template = "archive/partials/session_stats.html"
    original = (ROOT / "plugins" / "dialogue_archive" / "templates" / template).read_text(encoding="utf-8")
    site, config = tmp_path / "site", tmp_path / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {content}\nsite_dir: {site}\ntheme:\n  name: "
        f"material\n  custom_dir: {overrides}\nplugins:\n  - dialogue-archive:\n      build_date: "
        f"'{SAMPLE_BUILD_DATE}'\n", encoding="utf-8")
    for word in ("MỘT", "HAI"):
        (overrides / template).write_text(original.replace(
            "{{ stats_heading }}</h2>", "{{ stats_heading }} " + word + "</h2>"), encoding="utf-8")
        result = run_build(config)
        assert result.returncode == 0, result.stderr
        page = parse(site / "sessions" / "2024" / "2024-06-27-tiep-xuc-cu-tri-phuong-hoa-xuan" / "index.html")
        assert page.select_one("#so-lieu-phien").get_text().endswith(word)


def test_a_preview_and_a_build_keep_each_their_search_indexes(tmp_path: Path) -> None:
    """A preview (drafts shown) between two builds sharing the cache: each made its indexes
    over the other's, and the build after a preview indexed everything again (a review's find:
    about 6 minutes at 10,000 sessions)."""
    content = make_archive(tmp_path / "content", sessions=3)
    config = write_config(tmp_path, content, tmp_path / "site", build_date=str(SAMPLE_BUILD_DATE))
    assert run_build(config).returncode == 0
    preview = run_build(config, "--site-dir", str(tmp_path / "preview"),
                        env={"DIALOGUE_ARCHIVE_DRAFTS": "true"})
    assert preview.returncode == 0, preview.stderr
    again = run_build(config)
    assert again.returncode == 0, again.stderr
    assert "records indexed" not in again.stderr, again.stderr


def test_a_daily_build_removes_the_pages_no_site_uses_any_more(tmp_path: Path) -> None:
    """An edited session's or a changed list's earlier page stays in the cache, unused: each
    day's build stored a whole site's pages again, and the cache grew by that much a day, for
    ever (a review's find, when pages were keyed by the build date)."""
    content = make_archive(tmp_path / "content", sessions=3)
    site = tmp_path / "site"

    def build_on(day: str) -> set[Path]:
        result = run_build(write_config(tmp_path, content, site, build_date=day))
        assert result.returncode == 0, result.stderr
        return {p for p in (tmp_path / ".cache" / "dialogue-archive" / "pages").glob("*/*.bin")}

    first = build_on("2026-11-27")
    three_days_ago = int(time.time()) - 3 * 24 * 3600
    for path in first:
        os.utime(path, (three_days_ago, three_days_ago))
    replace(next(content.glob("sessions/*/*/index.md")), "Sáng nay", "Chiều nay")
    second = build_on("2026-11-28")
    assert first - second  # the edited session's earlier page went
    assert first & second  # the pages still published stay, however old
    published = {(p.stat().st_ino) for p in site.rglob("*.html")}
    assert {p.stat().st_ino for p in second} <= published  # today's stay: the site uses them


def test_a_build_with_a_fixed_date_still_removes_the_pages_no_site_uses_once_a_day(
        tmp_path: Path) -> None:
    """With `build_date` fixed (reproducible builds) the cache was swept once, at the first
    build: the day it is swept once for never changed, and every edit's earlier pages stayed
    in the cache for good. A build sweeps once the last sweep is a day old, whatever its date."""
    content = make_archive(tmp_path / "content", sessions=3)
    site, root = tmp_path / "site", tmp_path / ".cache" / "dialogue-archive"

    def build() -> set[Path]:
        result = run_build(write_config(tmp_path, content, site, build_date=str(SAMPLE_BUILD_DATE)))
        assert result.returncode == 0, result.stderr
        return set((root / "pages").glob("*/*.bin"))

    first = build()
    three_days_ago = int(time.time()) - 3 * 24 * 3600
    for path in root.rglob("*"):  # the pages, and the last sweep, three days ago
        os.utime(path, (three_days_ago, three_days_ago), follow_symlinks=False)
    replace(next(content.glob("sessions/*/*/index.md")), "Sáng nay", "Chiều nay")
    second = build()
    assert first - second  # the edited session's earlier page went
    assert first & second  # the pages still published stay, however old


def test_a_daily_build_removes_what_another_code_version_cached(tmp_path: Path) -> None:
    """Parsed sessions, rendered texts and sessions' open data are keyed by the code that made
    them, and a search index folder by its shard, a year's open data by its year: after an
    upgrade, the earlier release's stayed in the cache for ever (59 KB a session per upgrade, a
    review's find). The next day's build removes those two days old that it did not use, and
    keeps its own, however old."""
    content = make_archive(tmp_path / "content", sessions=3)
    site, root = tmp_path / "site", tmp_path / ".cache" / "dialogue-archive"

    def build_on(day: str) -> None:
        result = run_build(write_config(tmp_path, content, site, build_date=day))
        assert result.returncode == 0, result.stderr

    def entries() -> set[Path]:
        return {p for folder in ("sessions", "fragments", "opendata-sessions")
                for p in (root / folder).glob("*/*.*")}

    def folders() -> set[str]:
        return {p.name for pattern in ("search-*", "opendata-year-*") for p in root.glob(pattern)}

    build_on("2026-11-27")
    ours, namespaces = entries(), folders()
    assert len(list(root.glob("opendata-sessions/*/*"))) == 3 and "opendata-year-2024-" in str(namespaces)
    cache, earlier = DiskCache(root), hashlib.sha256(b"an earlier release").hexdigest()
    cache.put_bytes("sessions", earlier, b"a session parsed by an earlier release")
    cache.put_json("fragments", earlier, {"body": "<p>rendered by an earlier release</p>"})
    cache.put_bytes("opendata-sessions", earlier, b"a session exported by an earlier release")
    for namespace, file in (("search-2019-1-0a1b2c3d", "pagefind.js"),
                            ("opendata-year-2019-0a1b2c3d", "items.csv")):
        (tmp_path / "earlier").mkdir()
        (tmp_path / "earlier" / file).write_text("an earlier release's\n", encoding="utf-8")
        cache.store_tree(namespace, earlier, tmp_path / "earlier")
        shutil.rmtree(tmp_path / "earlier")  # its site was replaced: nothing outside links to it
    three_days_ago = int(time.time()) - 3 * 24 * 3600
    for path in root.rglob("*"):
        os.utime(path, (three_days_ago, three_days_ago), follow_symlinks=False)
    build_on("2026-11-30")
    assert entries() == ours  # the earlier release's three entries went, this build's stayed
    assert folders() == namespaces


def test_a_daily_build_keeps_what_another_archive_sharing_the_cache_reads(tmp_path: Path) -> None:
    """Two archives may share a cache, but an entry's age was when it was written: archive A's
    daily sweep removed B's parsed sessions and rendered texts once two days old, though B
    built (and read them) every day, and B parsed everything again every two or three days
    (a review's find). Only entries no build read for two days go: B's parsed sessions,
    which each of its builds reads, stay."""
    root = tmp_path / "cache"

    def build_on(archive: str, day: str) -> None:
        folder = tmp_path / archive
        config = write_config(folder, folder / "content", folder / "site", build_date=day,
                              cache_dir=str(root))
        result = run_build(config)
        assert result.returncode == 0, result.stderr

    def entries() -> set[Path]:
        return set((root / "sessions").glob("*/*.*"))

    make_archive(tmp_path / "a" / "content", sessions=2)
    make_archive(tmp_path / "b" / "content", sessions=2, start=dt.date(2023, 3, 1))
    build_on("a", "2026-11-20")
    of_a = entries()
    build_on("b", "2026-11-20")
    of_b = entries() - of_a
    assert of_a and of_b
    three_days_ago = int(time.time()) - 3 * 24 * 3600
    for path in root.rglob("*"):
        os.utime(path, (three_days_ago, three_days_ago), follow_symlinks=False)
    build_on("b", "2026-11-21")  # reads its entries; its sweep removes A's, unread since
    build_on("a", "2026-11-22")
    assert of_b <= entries()


def test_a_relative_cache_dir_is_from_the_folder_of_mkdocs_yml(tmp_path: Path) -> None:
    """`cache_dir: ../cache` was taken from the folder the build was started in: `cd / &&
    scripts/build -f /x/mkdocs.yml` wrote /cache. It is from mkdocs.yml's folder, as `labels`."""
    site_folder, elsewhere = tmp_path / "site-config", tmp_path / "started" / "here"
    site_folder.mkdir()
    elsewhere.mkdir(parents=True)
    config = write_config(site_folder, make_archive(tmp_path / "content"), tmp_path / "site",
                          build_date="2026-11-28", cache_dir="../cache")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
                            capture_output=True, text=True, cwd=elsewhere,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), timeout=600)
    assert result.returncode == 0, result.stderr
    assert any((tmp_path / "cache").iterdir()), sorted(tmp_path.iterdir())
    assert list((tmp_path / "started").iterdir()) == [elsewhere] and not any(elsewhere.iterdir())


def test_a_page_written_again_is_never_missing_nor_half_written(tmp_path: Path) -> None:
    """A cached page placed over the one a site holds (the preview writes the open-data page
    again while it is served) was unlinked first, then linked or, across file systems (a cache
    on disk, the preview's site in a /tmp of tmpfs), copied: a reader meanwhile got a 404 or
    half the page (a code reader's find). It is renamed over the old one, whole."""
    if not Path("/dev/shm").is_dir():
        pytest.skip("the test needs /dev/shm, a file system of its own")
    with tempfile.TemporaryDirectory(dir="/dev/shm") as shm:
        if os.stat(shm).st_dev == os.stat(tmp_path).st_dev:
            pytest.skip("the test needs the cache on another file system than the site")
        cache = DiskCache(Path(shm) / "cache")
        new = b"<p>new</p>" * 2_000_000  # 20 MB: a container's /dev/shm may hold 64 MB
        cache.put_bytes("pages", "k" * 64, new)
        page = tmp_path / "site" / "open-data" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_bytes(b"<p>old</p>")
        seen: set[int | None] = set()
        done = threading.Event()

        def watch() -> None:
            while not done.is_set():
                try:
                    seen.add(page.stat().st_size)
                except FileNotFoundError:
                    seen.add(None)

        watcher = threading.Thread(target=watch)
        watcher.start()
        try:
            assert cache.copy_to("pages", "k" * 64, page)
        finally:
            done.set()
            watcher.join()
        assert seen <= {len(b"<p>old</p>"), len(new)}, sorted(seen, key=str)[:5]
        assert page.read_bytes() == new
        assert [p.name for p in page.parent.iterdir()] == ["index.html"]


def test_loading_tells_its_progress_as_sessions_are_parsed_and_read_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cold 10,000-session build parsed for a minute and a half without a word: loading now
    tells how many sessions are loaded, after each chunk parsed on the cores and every
    PROGRESS_SESSIONS read back from the cache (the build logs it every 10 s)."""
    content = make_archive(tmp_path / "content", sessions=120)
    cache = DiskCache(tmp_path / "cache")
    told: list[tuple[int, int]] = []
    archive, problems = load_archive(content, dt.date(2026, 11, 28), cache=cache, workers=2,
                                     progress=lambda loaded, total: told.append((loaded, total)))
    assert not problems.errors and len(archive.sessions) == 120
    assert told == [(50, 120), (100, 120), (120, 120)]  # chunks of 50, in order
    monkeypatch.setattr(loader, "PROGRESS_SESSIONS", 50)
    told.clear()
    load_archive(content, dt.date(2026, 11, 28), cache=cache, workers=2,
                 progress=lambda loaded, total: told.append((loaded, total)))
    assert told == [(50, 120), (100, 120)]  # read back, nothing parsed


def test_validate_tells_how_far_a_long_check_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`validate` parsed a 10,000-session archive for a minute and a half without a word (it has
    no cache): it prints `sessions loaded: k/n` on stderr every PROGRESS_SECONDS, here every
    chunk, and its summary stays alone on stdout."""
    content = make_archive(tmp_path / "content", sessions=120)
    monkeypatch.setattr(loader, "PROGRESS_SECONDS", 0)
    result = validate(content)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == ["sessions loaded: 50/120", "sessions loaded: 100/120",
                                          "sessions loaded: 120/120"]
    assert result.stdout.startswith("OK: 120 sessions")


def test_a_long_page_writing_says_how_far_it_is_now_and_then(monkeypatch: pytest.MonkeyPatch,
                                                              caplog: pytest.LogCaptureFixture) -> None:
    """Writing 29,585 pages logged `pages written: k/n` after every 100 pages once 2 s had
    passed: 296 lines a build at 10,000 sessions, in which a preview's own lines were lost. It
    now says it after 2 s, then every PROGRESS_SECONDS (the build's clock here: 100 pages
    every 0.125 s)."""
    now = [0.0]
    monkeypatch.setattr(progress, "time", types.SimpleNamespace(monotonic=lambda: now[0]))
    pages = rendering._Progress(30_000)
    with caplog.at_level(logging.INFO, logger=rendering.log.name):
        for _ in range(300):
            now[0] += 0.125
            pages.add(rendering.RenderReport(reused=100))
    assert [r.getMessage() for r in caplog.records if "pages written" in r.getMessage()] == [
        "pages written: 1600/30000", "pages written: 9600/30000", "pages written: 17600/30000",
        "pages written: 25600/30000"]
