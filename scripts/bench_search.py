"""Measure search on a synthetic archive (run through scripts/bench-search).

Bytes are counted from Playwright's context-wide `response` events, because Pagefind
fetches its index from a Web Worker (the page's performance entries miss those).
With --material the same archive is also built with Material's `search` plugin, to
measure the search_index.json every reader of that site would download first.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Response

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic_archive import generate

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
QUERIES = "thủ tục|dat dai|giấy chứng nhận quyền sử dụng|so do|ho khau|phường hòa|xử lý hồ sơ trễ hẹn"


def build(content: Path, site: Path, material_search: bool = False) -> float:
    config = content.parent / ("mkdocs-material.yml" if material_search else "mkdocs.yml")
    plugins = "  - search\n" if material_search else ""
    config.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {content}\nsite_dir: {site}\n"
                      f"plugins:\n{plugins}  - dialogue-archive:\n      build_date: '2026-11-28'\n",
                      encoding="utf-8")
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config)],
                            capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode:
        sys.exit(result.stdout[-3000:] + result.stderr[-3000:])
    indexed = re.findall(r"search: \d+ records indexed .*", result.stderr + result.stdout)
    print(f"build: {seconds:.1f} s; {indexed[-1] if indexed else ''}")  # not a progress line
    return seconds


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def measure_browser(site: Path, queries: list[str], whole: list[str], width: int = 1280) -> None:
    """Each query as a reader types it, first in the default scope (the newest records),
    then on a page opened with `?scope=all` (the whole archive), in a window `width` px wide
    (under 800 px, a phone's: the filter panel folded, its counts not fetched)."""
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    received: list[int] = []
    seen: set[str] = set()

    def on_response(response: Response) -> None:
        """Counted once per address and window: the facets' counts' Pagefind asks again for
        files the results' one fetched, and the browser answers from its cache."""
        if response.url in seen:
            return
        seen.add(response.url)
        try:
            received.append(len(response.body()))
        except Exception:  # redirects and aborted requests have no body
            received.append(int(response.headers.get("content-length", 0)))

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for scope, address, asked in (("default scope (newest records)", "search/", queries),
                                      ("whole archive", "search/?scope=all", whole)):
            if not asked:
                continue
            context = browser.new_context(viewport={"width": width, "height": 720})  # nothing cached
            seen.clear()
            context.on("response", on_response)
            page = context.new_page()
            received.clear()
            started = time.perf_counter()
            page.goto(base + address)
            page.wait_for_function("document.getElementById('da-status').textContent.indexOf('Nhập') === 0")
            ready = sum(received)
            print(f"{scope}: search page ready (HTML, CSS, JS, Pagefind runtime, the searched "
                  f"indexes' metadata): {ready / 1024:.0f} KB, {time.perf_counter() - started:.2f} s")
            for number, query in enumerate(asked, 1):
                received.clear()
                started = time.perf_counter()
                page.fill("#da-q", query)
                page.wait_for_function(
                    """(q) => { const s = document.getElementById('da-status').textContent;
                       const shown = document.querySelector('#da-results > li');
                       return (s.startsWith('Tìm thấy') && s.includes(q) && shown)
                              || s.startsWith('Không'); }""",
                    arg=query, polling=10, timeout=300_000)
                elapsed = time.perf_counter() - started
                counted = ""
                if page.get_attribute("#da-filters", "open") is not None:  # unfolded: it counts
                    page.wait_for_function(
                        "!document.getElementById('da-facets').hasAttribute('aria-busy')",
                        polling=20, timeout=300_000)
                    counted = f", the filters' counts after {time.perf_counter() - started:.2f} s"
                page.wait_for_timeout(300)  # late chunk and fragment fetches still count
                status = page.inner_text("#da-status")
                label = "  first query" if number == 1 else "  next query"
                extra = f" (with the page: {(ready + sum(received)) / 1024:.0f} KB)" if number == 1 else ""
                print(f"{label} {query!r}: {sum(received) / 1024:.0f} KB{extra}, {len(received)} requests, "
                      f"results shown after {elapsed * 1000:.0f} ms (includes the 180 ms typing pause)"
                      f"{counted}; {status}")
            context.close()
        browser.close()
    server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--material", action="store_true", help="also build with Material's search")
    parser.add_argument("--queries", default=QUERIES, help="queries separated by |")
    parser.add_argument("--whole-archive-queries", default=None,
                        help="queries for the whole-archive scope (default: the same; '' skips it)")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument("--width", type=int, default=1280, help="the window's width in px "
                        "(390: a phone's, whose filter panel starts folded)")
    parser.add_argument("--site", type=Path, help="only measure this already built site "
                        "(e.g. the one scripts/bench --work DIR left)")
    args = parser.parse_args()
    whole = args.queries if args.whole_archive_queries is None else args.whole_archive_queries
    whole = [q for q in whole.split("|") if q]
    if args.site:
        measure_browser(args.site, args.queries.split("|"), whole, args.width)
        return
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-search-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    content = generate(work / "content", args.sessions, args.items, args.seed)
    print(f"{args.sessions} sessions x {args.items} items generated in {time.perf_counter() - started:.1f} s")
    site = work / "site"
    build(content, site)
    bundle = site / "pagefind"
    print(f"Pagefind bundle: {folder_bytes(bundle) / 1e6:.1f} MB, {sum(1 for _ in bundle.rglob('*'))} "
          f"files; whole site {folder_bytes(site) / 1e6:.0f} MB")
    measure_browser(site, args.queries.split("|"), whole, args.width)
    if args.material:
        material_site = work / "site-material"
        build(content, material_site, material_search=True)
        index = material_site / "search" / "search_index.json"
        print(f"Material search_index.json: {index.stat().st_size / 1e6:.1f} MB (downloaded whole before "
              "the first query)")
    if not args.keep:
        subprocess.run(["rm", "-rf", str(work)], check=False)


if __name__ == "__main__":
    main()
