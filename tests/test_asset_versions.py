"""Our scripts and stylesheets across a release (core/asset_versions.py): their names never
change and servers send them without Cache-Control, so a returning visitor's browser mixed an
earlier release's copies with the new ones (an old vietnamese.js under a new search.js: no
export 'iForY', no result). Pages now ask for them at an address that follows their content."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import dialogue_archive
from conftest import CONTENT, SAMPLE_BUILD_DATE, parse, run_build, write_config

OURS = re.compile(r"/assets/dialogue-archive[^/]*/[^/?]+$")
RUNTIME = re.compile(r"/pagefind/[^/]+/pagefind(-worker)?\.js$")
PLUGINS = Path(dialogue_archive.__file__).resolve().parent.parent
"""The code under test, copied for a release of its own."""


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:10]


def test_the_search_page_loads_our_assets_at_addresses_of_their_content(
        sample_site: Path, serve_site, browser) -> None:
    """Every script and stylesheet of ours the search page loads, the modules search.js imports,
    and Pagefind's script and worker (our fetch-watch.js is prepended to the worker) come at
    `?v=`; ours at the hash of what is served there. The search still finds."""
    base = serve_site(sample_site)
    context = browser.new_context()
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    try:
        page.goto(f"{base}search/?q=so+do")
        page.wait_for_function("document.querySelectorAll('#da-results > li').length > 0", timeout=20000)
        status = page.inner_text("#da-status")
    finally:
        context.close()
    assert status.startswith("Tìm thấy"), status
    loaded: dict[str, str] = {}
    for url in requested:
        path, query = urlsplit(url).path, parse_qs(urlsplit(url).query)
        if OURS.search(path) or RUNTIME.search(path):
            loaded[path] = query.get("v", [""])[0]
    names = {path.rsplit("/", 1)[1] for path in loaded}
    assert {"search.js", "vietnamese.js", "fetch-watch.js", "search.css", "archive.css",
            "archive.js", "pagefind.js", "pagefind-worker.js"} <= names, sorted(loaded)
    for path, version in loaded.items():
        if OURS.search(path):
            assert version == content_hash((sample_site / path.lstrip("/")).read_bytes()), path
        else:  # Pagefind's: one version for the script and the worker it starts
            assert version and version == loaded[re.sub(r"[^/]+$", "pagefind.js", path)], path


def versions_of(site: Path) -> dict[str, str]:
    """Our assets' versioned addresses on the search page, and those search.js imports."""
    html = parse(site / "search" / "index.html")
    page_url = "http://site/search/"
    found = {urljoin(page_url, tag.get("href") or tag.get("src")) for tag in html.find_all(["link", "script"])
             if "dialogue-archive" in (tag.get("href") or tag.get("src") or "")}
    script = (site / "assets/dialogue-archive-search/search.js").read_text(encoding="utf-8")
    search_js = "http://site/assets/dialogue-archive-search/search.js"
    found |= {urljoin(search_js, name) for name in re.findall(r'^import .*"(\./[^"]+)";', script, re.M)}
    return {urlsplit(url).path.rsplit("/", 1)[1]: urlsplit(url).query for url in found}


def test_a_changed_asset_changes_its_address_and_an_unchanged_one_keeps_it(
        sample_site: Path, tmp_path: Path) -> None:
    """A release whose vietnamese.js changed: vietnamese.js and search.js, which imports it, are
    asked for at new addresses; the other files at the same, so browsers keep using theirs."""
    plugins = tmp_path / "plugins"
    shutil.copytree(PLUGINS, plugins, ignore=shutil.ignore_patterns("__pycache__"))
    changed = plugins / "dialogue_archive" / "search_assets" / "vietnamese.js"
    changed.write_text(changed.read_text(encoding="utf-8") + "// the next release\n", encoding="utf-8")
    config = write_config(tmp_path, CONTENT, tmp_path / "site", build_date=str(SAMPLE_BUILD_DATE))
    result = run_build(config, env={"PYTHONPATH": str(plugins)})
    assert result.returncode == 0, result.stderr
    before, after = versions_of(sample_site), versions_of(tmp_path / "site")
    assert set(before) == set(after)
    assert {"search.js", "vietnamese.js", "fetch-watch.js", "search.css", "archive.css"} <= set(before)
    assert all(query.startswith("v=") for query in before.values()), before
    assert {name for name in before if before[name] != after[name]} == {"search.js", "vietnamese.js"}


def runtime_version_of(plugins: Path) -> str:
    """asset_versions.runtime_version as the code in `plugins` works it out."""
    script = "from dialogue_archive.core.asset_versions import runtime_version; print(runtime_version())"
    return subprocess.run([sys.executable, "-c", script], env={**os.environ, "PYTHONPATH": str(plugins)},
                          capture_output=True, text=True, check=True).stdout.strip()


def test_pagefinds_scripts_change_address_when_the_build_rewrites_them_otherwise(tmp_path: Path) -> None:
    """pagefind.js, its worker and WebAssembly file are asked for at one version; the build
    rewrites addresses in the first two (search_index.py), so a release changing how it does
    so gives them a new address, though Pagefind and fetch-watch.js are the same."""
    plugins = tmp_path / "plugins"
    shutil.copytree(PLUGINS, plugins, ignore=shutil.ignore_patterns("__pycache__"))
    before = runtime_version_of(plugins)
    rewriter = plugins / "dialogue_archive" / "core" / "search_index.py"
    rewriter.write_text(rewriter.read_text(encoding="utf-8") + "\n# another release\n", encoding="utf-8")
    assert runtime_version_of(plugins) != before
