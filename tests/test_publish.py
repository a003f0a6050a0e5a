"""Atomic publishing: a failed build leaves the published site exactly as it was; a good
build replaces it in one step and leaves no staging folder behind."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import as_an_office_account, run_build, write_config
from dialogue_archive.core.publish import publish, staging_dir
from test_bad_input import BASE, S


def snapshot(site: Path) -> dict[str, str]:
    """Every file of a site with the hash of its bytes."""
    return {
        str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_failed_builds_keep_the_published_site(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    site = tmp_path / "public" / "site"
    config = write_config(tmp_path, content, site, build_date="2026-11-28")
    write_up = content / S / "index.md"
    good = write_up.read_text(encoding="utf-8")

    first = run_build(config)
    assert first.returncode == 0, first.stderr
    before = snapshot(site)
    assert f"{S}/index.html" in before

    # 1. a content error: refused while loading, before MkDocs writes anything
    write_up.write_text(good.replace("date: 2024-06-20", "date: 2024-02-30"), encoding="utf-8")
    refused = run_build(config)
    assert refused.returncode != 0
    assert "index.md:3:7" in refused.stderr and "Traceback" not in refused.stderr
    assert snapshot(site) == before

    # 2. a strict-mode warning (link to a missing page): MkDocs aborts after on_post_build,
    #    when every page has already been written to the staging folder
    write_up.write_text(good + "\nXem [trang cũ](khong-co.md).\n", encoding="utf-8")
    aborted = run_build(config)
    assert aborted.returncode != 0
    assert "strict" in aborted.stderr.lower() or "khong-co.md" in aborted.stderr
    assert snapshot(site) == before

    # 3. fixed: the new text is published, and nothing is left beside the site
    write_up.write_text(good.replace("Nhiều ý kiến", "Rất nhiều ý kiến"), encoding="utf-8")
    fixed = run_build(config)
    assert fixed.returncode == 0, fixed.stderr
    page = (site / S / "index.html").read_text(encoding="utf-8")
    assert "Rất nhiều ý kiến" in page
    assert snapshot(site) != before
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]


def test_every_file_of_the_site_can_be_read_by_the_web_server(tmp_path: Path) -> None:
    """nginx runs as www-data, not as the user who built the site: under the usual umask every
    file must be readable and every folder listable by others, after a cold build and after
    one that links its pages and data from the cache."""
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    site = tmp_path / "site"
    config = write_config(tmp_path, content, site, build_date="2026-11-28")
    umask = os.umask(0o022)
    try:
        for build in ("cold", "warm"):
            result = run_build(config)
            assert result.returncode == 0, result.stderr
            private = [str(p.relative_to(tmp_path)) for p in [site, *site.rglob("*")]
                       if p.stat().st_mode & 0o777 != (0o755 if p.is_dir() else 0o644)]
            assert private == [], f"{build} build: {private[:10]}"
    finally:
        os.umask(umask)


def test_folders_that_stopped_builds_left_beside_the_site_are_removed(tmp_path: Path) -> None:
    """A build killed outright leaves its staging folder, and one stopped by Ctrl-C while it
    removed the old site leaves that copy, with text a redaction rule may since have removed:
    the next build removes them, but not those of a build still running, nor other folders."""
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    site = tmp_path / "site"
    left = [tmp_path / f".staging-site-{gone}", tmp_path / f".retired-site-{gone}"]
    kept = [tmp_path / f".retired-site-{os.getpid()}", tmp_path / f".staging-other-{gone}",
            tmp_path / ".staging-site-notes"]
    for folder in left + kept:
        (folder / "sessions").mkdir(parents=True)
    staging = staging_dir(site)
    assert staging.is_dir()
    assert [f for f in left if f.exists()] == []
    assert [f for f in kept if not f.exists()] == []


def build_as_an_office_account(config: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(as_an_office_account(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)]),
        capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), timeout=600)


def test_a_cache_this_account_cannot_write_in_is_said_before_anything_is_built(tmp_path: Path
                                                                             ) -> None:
    """A cache folder that cannot be made (a read-only checkout) stopped the build with a
    traceback; one made read-only, or by another account's build, with a line per page."""
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    site = tmp_path / "site"
    config = write_config(tmp_path, content, site, build_date="2026-11-28")
    (tmp_path / ".cache").mkdir(mode=0o555)
    try:
        refused = build_as_an_office_account(config)
    finally:
        (tmp_path / ".cache").chmod(0o755)
    cache = tmp_path / ".cache" / "dialogue-archive"
    assert refused.returncode != 0 and "Traceback" not in refused.stderr, refused.stderr
    assert f"the build's cache cannot be written (Permission denied: {cache})" in refused.stderr
    assert "`cache_dir:`" in refused.stderr and not site.exists()
    assert run_build(config).returncode == 0
    before = snapshot(site)
    (cache / "pages").chmod(0o555)
    write_up = content / S / "index.md"  # a page to write into the cache
    write_up.write_text(write_up.read_text(encoding="utf-8").replace(
        "Nhiều ý kiến", "Rất nhiều ý kiến"), encoding="utf-8")
    try:
        refused = build_as_an_office_account(config)
    finally:
        (cache / "pages").chmod(0o755)
    assert refused.returncode != 0 and "Traceback" not in refused.stderr, refused.stderr
    assert f"cannot be written (Permission denied: {cache / 'pages'})" in refused.stderr
    assert snapshot(site) == before


def test_a_site_folder_this_account_cannot_write_in_is_never_taken_offline(tmp_path: Path) -> None:
    """A site/ that another account made (or a read-only one): publishing moved the unchanged
    search indexes out of it after retiring it, failed, and left no site at all; every later
    build then failed removing the old one (a review's find)."""
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    site = tmp_path / "public" / "site"
    config = write_config(tmp_path, content, site, build_date="2026-11-28")
    assert run_build(config).returncode == 0
    for folder in (site, site / "pagefind"):
        folder.chmod(0o555)
    write_up = content / S / "index.md"
    write_up.write_text(write_up.read_text(encoding="utf-8").replace(
        "Nhiều ý kiến", "Rất nhiều ý kiến"), encoding="utf-8")
    try:
        first = build_as_an_office_account(config)
        assert first.returncode == 0, first.stderr
        assert "Traceback" not in first.stderr
        assert "Rất nhiều ý kiến" in (site / S / "index.html").read_text(encoding="utf-8")
        assert "the new site is published, but the old one" in first.stderr
        assert list((site / "pagefind").glob("*/pagefind-entry.json"))  # search made anew
        again = build_as_an_office_account(config)  # the old one left beside does not block
        assert again.returncode == 0, again.stderr
        # a parent folder this account cannot write in: said, and the site stays as it was
        before = snapshot(site)
        site.parent.chmod(0o555)
        refused = build_as_an_office_account(config)
        assert refused.returncode != 0 and "Traceback" not in refused.stderr
        assert f"give this account write permission on {site.parent}" in refused.stderr
        assert snapshot(site) == before
    finally:
        for folder in [site.parent, *site.parent.rglob("*")]:
            if folder.is_dir() and not folder.is_symlink():
                folder.chmod(0o755)


PAUSING_HOOK = """
import os, pathlib, time
_into = os.environ["PAUSE_RENAMES_INTO"].split(",")
_rename = pathlib.Path.rename


def _pause(target):
    if any(part in str(target) for part in _into):
        pathlib.Path(os.environ["PAUSE_MARK"]).write_text(str(target))
        release = os.environ.get("PAUSE_UNTIL")
        waited = time.monotonic()
        while release and not os.path.exists(release) and time.monotonic() - waited < 120:
            time.sleep(0.05)
        time.sleep(float(os.environ.get("PAUSE_SECONDS", "0")))


def rename(self, target):
    if os.environ.get("PAUSE_WHEN") == "before":
        _pause(target)
    moved = _rename(self, target)
    if os.environ.get("PAUSE_WHEN") != "before":
        _pause(target)
    return moved


pathlib.Path.rename = rename
"""


def pausing(tmp_path: Path, into: str, **settings: str) -> dict[str, str]:
    """The environment of a build that pauses at each rename of a folder into a name holding
    one of `into` (comma-separated), as a slow disk or a loaded machine would: a sitecustomize
    on PYTHONPATH; PAUSE_MARK is written at the first pause."""
    hook = tmp_path / "hook"
    hook.mkdir(exist_ok=True)
    (hook / "sitecustomize.py").write_text(PAUSING_HOOK, encoding="utf-8")
    return {"PYTHONPATH": os.pathsep.join([str(hook), os.environ.get("PYTHONPATH", "")]),
            "PAUSE_RENAMES_INTO": into, "PAUSE_MARK": str(tmp_path / "paused"), **settings}


def test_a_reader_never_finds_the_site_missing_while_a_build_publishes(tmp_path: Path) -> None:
    """Publishing renamed site/ aside, moved the unchanged search indexes, then renamed the new
    one in: in between there was no site (a web server answered 404; a build killed there left
    none until the next one). Now the two folders are exchanged in one step: with every rename
    of publishing slowed down, a reader finds the home page and a session's page all along."""
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    site = tmp_path / "public" / "site"
    config = write_config(tmp_path, content, site, build_date="2026-11-28")
    assert run_build(config).returncode == 0
    pages = [site / "index.html", site / S / "index.html"]
    missing: set[str] = set()
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            for page in pages:
                try:
                    page.read_bytes()
                except FileNotFoundError:
                    missing.add(str(page.relative_to(site)))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        slowed = run_build(config, env=pausing(tmp_path, ".retired-,/pagefind/", PAUSE_SECONDS="0.5"))
    finally:
        done.set()
        reader.join()
    assert slowed.returncode == 0 and "Traceback" not in slowed.stderr, slowed.stderr
    assert (tmp_path / "paused").exists()  # publishing was slowed down
    assert missing == set(), f"{sorted(missing)} missing while the build published"
    assert list((site / "pagefind").glob("*/pagefind-entry.json"))
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]


def wait_for(condition: Callable[[], bool], what: str) -> None:
    """Poll `condition` for up to two minutes (a build's step, on a loaded machine)."""
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < 120, f"no {what} after 120 s"
        time.sleep(0.05)


@pytest.mark.parametrize("pause", ["before", "after"])
def test_a_build_waits_for_the_other_build_of_its_site_and_publishes_the_newer_content(
        tmp_path: Path, pause: str) -> None:
    """A cron build started, the editor changed a session and ran scripts/build, and the cron
    build, finishing last, published the content as it was before the change (both said
    nothing: the cron build paused `before` it began publishing); two builds publishing at once
    (paused `after` its first rename) failed with a traceback and left two copies of the site.
    Now the second build says it waits for the first, then builds the content as it is then:
    the newer content is published last, and each build publishes whole."""
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    site = tmp_path / "public" / "site"
    config = write_config(tmp_path, content, site, build_date="2026-11-28")
    assert run_build(config).returncode == 0
    released = tmp_path / "go-on"
    waiting = f"another build of {site} is running; this one waits for it to end"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)]
    with (tmp_path / "cron.log").open("w") as cron_log, (tmp_path / "editor.log").open("w") as editor_log:
        # the cron build stops on its first rename of publishing until the test lets it go on
        cron = subprocess.Popen(command, stderr=cron_log, env=dict(
            os.environ, NO_MKDOCS_2_WARNING="1", PAUSE_WHEN=pause, PAUSE_UNTIL=str(released),
            **pausing(tmp_path, ".retired-,/pagefind/")))
        wait_for((tmp_path / "paused").exists, "publishing by the first build")
        write_up = content / S / "index.md"
        write_up.write_text(write_up.read_text(encoding="utf-8").replace(
            "Nhiều ý kiến", "Rất nhiều ý kiến"), encoding="utf-8")
        editor = subprocess.Popen(command, stderr=editor_log,
                                  env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
        wait_for(lambda: editor.poll() is not None or waiting in (tmp_path / "editor.log").read_text(),
                 "end or wait of the second build")
        released.touch()
        assert cron.wait(300) == 0 and editor.wait(300) == 0, (
            (tmp_path / "cron.log").read_text() + (tmp_path / "editor.log").read_text())
    logs = {name: (tmp_path / f"{name}.log").read_text() for name in ("cron", "editor")}
    assert [name for name, log in logs.items() if "Traceback" in log] == [], logs
    assert "Rất nhiều ý kiến" in (site / S / "index.html").read_text(encoding="utf-8")
    assert logs["editor"].count(waiting) == 1 and waiting not in logs["cron"], logs
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]


def test_without_the_rename_exchange_the_new_site_is_published_whole(tmp_path: Path) -> None:
    """Where the system has no `renameat2` exchange (another system, an older C library, a
    file system that refuses it) the site is renamed aside and the new one renamed in: no
    test ran that path (ext4 and tmpfs have the exchange). Run for real, it publishes the new
    site with the old one's unchanged search index moved in, keeps the old site's section
    folders for the next build, and leaves nothing beside the site."""
    site, staging, folders = tmp_path / "site", tmp_path / ".staging-site-1", tmp_path / "folders"
    (site / "pagefind" / "2024-1").mkdir(parents=True)
    (site / "pagefind" / "2024-1" / "pagefind.js").write_text("index", encoding="utf-8")
    (site / "sessions" / "old").mkdir(parents=True)
    (site / "sessions" / "old" / "index.html").write_text("old", encoding="utf-8")
    (site / "index.html").write_text("old", encoding="utf-8")
    (staging / "sessions" / "new").mkdir(parents=True)
    (staging / "sessions" / "new" / "index.html").write_text("new", encoding="utf-8")
    (staging / "index.html").write_text("new", encoding="utf-8")
    (staging / "pagefind").mkdir()
    folders.mkdir()
    made: list[Path] = []
    left = publish(staging, site, {"pagefind/2024-1": made.append}, folders, exchange=False)
    assert left is None and made == []
    assert snapshot(site) == {
        "index.html": hashlib.sha256(b"new").hexdigest(),
        "sessions/new/index.html": hashlib.sha256(b"new").hexdigest(),
        "pagefind/2024-1/pagefind.js": hashlib.sha256(b"index").hexdigest()}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folders", "site"]
    assert sorted(p.relative_to(folders).as_posix() for p in folders.rglob("*")) == \
        ["kept", "kept/sessions", "kept/sessions/old"]  # emptied, for the next build
