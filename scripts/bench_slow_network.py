"""Time to the first search result on a phone over a slow network, for built sites side by side.

    scripts/bench-slow-network SITE [SITE ...] [--query "giay phep xay dung"] [--runs 3]

Each site is served on 127.0.0.1 and opened in Chromium at 390 px, with the network held by the
Chrome DevTools Protocol to 300 ms of latency and 200 KB/s; the sites take turns in each run.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import threading
import time
from pathlib import Path
from urllib.parse import quote_plus

from playwright.sync_api import sync_playwright

LATENCY_MS = 300
BYTES_PER_SECOND = 200 * 1024


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(folder: Path) -> str:
    """A static server for `folder` on an OS-chosen port; its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sites", nargs="+", type=Path, help="built site folders")
    parser.add_argument("--query", default="giay phep xay dung")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    bases = {str(site): serve(site) for site in args.sites}
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for run in range(1, args.runs + 1):
            for site, base in bases.items():
                context = browser.new_context(viewport={"width": 390, "height": 844})
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.send("Network.emulateNetworkConditions", {
                    "offline": False, "latency": LATENCY_MS, "downloadThroughput": BYTES_PER_SECOND,
                    "uploadThroughput": BYTES_PER_SECOND // 2})
                started = time.perf_counter()
                page.goto(f"{base}search/?q={quote_plus(args.query)}")
                page.wait_for_selector("#da-results > li", timeout=120_000)
                print(f"run {run}  {site}: first result after {time.perf_counter() - started:.2f} s",
                      flush=True)
                context.close()
        browser.close()


if __name__ == "__main__":
    main()
