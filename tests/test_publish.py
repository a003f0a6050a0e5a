"""Atomic publishing: a failed build leaves the published site exactly as it was; a good
build replaces it in one step and leaves no staging folder behind."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from conftest import run_build, write_config
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
