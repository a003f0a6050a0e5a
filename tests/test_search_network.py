"""The search page on a connection that loses requests (a review on a cheap phone): it never
claims an answer it did not get. Driven in Chromium against the sample site, served by a real
server that drops the connection of the requests whose path matches a pattern (Playwright's
request interception made Pagefind's worker time out)."""

from __future__ import annotations

import functools
import http.server
import re
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from dialogue_archive.core.labels import VI

WORDS = VI["search"]
BUSY = ["", WORDS["loading"], WORDS["searching"]]


class DroppingServer(http.server.ThreadingHTTPServer):
    drop: re.Pattern[str] | None = None
    """The paths whose requests get no answer: the connection is closed as a lost link does."""


class _DroppingHandler(http.server.SimpleHTTPRequestHandler):
    server: DroppingServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self) -> object:
        if self.server.drop and self.server.drop.search(self.path):
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return None
        return super().send_head()


@pytest.fixture(scope="module")
def server(sample_site: Path) -> Iterator[DroppingServer]:
    handler = functools.partial(_DroppingHandler, directory=str(sample_site))
    instance = DroppingServer(("127.0.0.1", 0), handler)
    threading.Thread(target=instance.serve_forever, daemon=True).start()
    yield instance
    instance.shutdown()


def test_without_javascript_the_page_shows_no_dead_controls(browser, server) -> None:
    """The filter panel (a lone "Xem kết quả") and an empty results heading showed, doing nothing."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"http://127.0.0.1:{server.server_address[1]}/search/?q=so+do")
    assert page.is_visible("noscript p") and page.inner_text("noscript p") == WORDS["no_javascript"]
    for selector in ("#da-filters", "#da-results-heading", "#da-to-results", ".da-search__skip"):
        assert not page.is_visible(selector), selector
    context.close()
