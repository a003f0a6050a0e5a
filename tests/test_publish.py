"""Atomic publishing: a failed build leaves the published site exactly as it was; a good
build replaces it in one step and leaves no staging folder behind."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import as_an_office_account, run_build, write_config
from dialogue_archive.core.publish import staging_dir
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
