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
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import QuietServer, open_filters
from dialogue_archive.core.labels import VI

WORDS = VI["search"]
BUSY = ["", WORDS["loading"], WORDS["searching"]]


class DroppingServer(QuietServer):
    drop: re.Pattern[str] | None = None
    """The paths whose requests get no answer: the connection is closed as a lost link does."""
    asked: list[str]
    """Every path asked for, with its query, the page's and its workers' alike."""


class _DroppingHandler(http.server.SimpleHTTPRequestHandler):
    server: DroppingServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        """Nothing is kept by the browser: a file a page loaded before the test's pattern is
        lost again (a site built a while before, heuristically fresh, was taken from the cache
        and nothing was lost)."""
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_head(self) -> object:
        self.server.asked.append(self.path)
        if self.server.drop and self.server.drop.search(self.path):
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return None
        return super().send_head()


@pytest.fixture(scope="module")
def server(sample_site: Path) -> Iterator[DroppingServer]:
    handler = functools.partial(_DroppingHandler, directory=str(sample_site))
    instance = DroppingServer(("127.0.0.1", 0), handler)
    instance.asked = []
    threading.Thread(target=instance.serve_forever, daemon=True).start()
    yield instance
    instance.shutdown()


@pytest.fixture
def tab(browser, server: DroppingServer) -> Iterator[object]:
    """A phone-sized page of its own (an empty cache); what it throws uncaught is in `.thrown`."""
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.thrown = []
    page.on("pageerror", lambda error: page.thrown.append(str(error)))
    yield page
    context.close()
    server.drop = None


def open_search(tab, server: DroppingServer, query: str, drop: str) -> str:
    """The search page at `?query` with the requests matching `drop` lost; its status line once
    it says something else than that it loads or searches."""
    server.drop = re.compile(drop)
    tab.goto(f"http://127.0.0.1:{server.server_address[1]}/search/?{query}")
    tab.wait_for_function("(busy) => !busy.includes(document.getElementById('da-status').textContent)",
                          arg=BUSY, timeout=20000)
    return tab.inner_text("#da-status")


LOST_EXCERPTS = r"/fragment/vi_[0-9a-f]{4}[0-7]"
"""Loses some of the first 20 results' excerpts of `EVERY_ITEM`, not all."""
EVERY_ITEM = "type=question&type=proposal&type=opinion&type=complaint"


def first_results(tab) -> list[str]:
    """The first 20 results, once shown: each one's title link, or '' for a result without one."""
    tab.wait_for_function("document.querySelectorAll('#da-results > li').length === 20", timeout=20000)
    return tab.eval_on_selector_all(
        "#da-results > li", "els => els.map(e => e.querySelector('.da-result__title a')?.href || '')")


def test_a_lost_excerpt_leaves_the_other_results_and_more_results_working(tab, server) -> None:
    """One fragment lost stopped the list there, with "Xem thêm kết quả" disabled for good; then
    a result whose excerpt was lost linked nowhere. It links to its record, titled, with a note
    in place of the excerpt; the others show as they do."""
    open_search(tab, server, EVERY_ITEM, r"(?!)")
    whole = first_results(tab)
    tab.goto("about:blank")
    open_search(tab, server, EVERY_ITEM, LOST_EXCERPTS)
    assert first_results(tab) == whole and all(whole)
    shown = tab.locator("#da-results > li")
    excerpts = shown.locator(".da-result__excerpt").all_inner_texts()
    lost = [i for i, text in enumerate(excerpts) if text == WORDS["excerpt_failed"]]
    assert 0 < len(lost) < 20, "the pattern must lose some of the first 20 excerpts, not all"
    titles = shown.locator(".da-result__title a").all_inner_texts()
    assert all(titles[i].strip() for i in lost)
    assert tab.inner_text("#da-status").endswith(WORDS["results_failed"])
    tab.wait_for_function("!document.getElementById('da-more').disabled", timeout=5000)
    assert tab.is_visible("#da-more")
    assert tab.thrown == []


def test_a_lost_excerpt_whose_link_is_lost_too_says_so(tab, server) -> None:
    """Without the index's records file either, a result's address is not known: it says that
    it could not be loaded, and the others show."""
    open_search(tab, server, EVERY_ITEM, LOST_EXCERPTS + r"|/records\.da_json")
    links = first_results(tab)
    lost = [text for text in tab.locator("#da-results > li").all_inner_texts()
            if text.strip() == WORDS["result_failed"]]
    assert 0 < len(lost) == links.count("") < 20
    assert tab.inner_text("#da-status").endswith(WORDS["results_failed"])
    assert tab.thrown == []


@pytest.mark.parametrize("lost", [r"/index/", r"pagefind-worker\.js|/index/"])
def test_a_lost_word_chunk_is_not_called_no_result(tab, server, lost: str) -> None:
    """Pagefind searched a chunk it could not fetch as empty: "no result", or a smaller count
    said to be of the whole archive. Searching again once the link is back finds them. So in
    its worker and, when the worker cannot start, in the page."""
    status = open_search(tab, server, "q=so+do", lost)
    tab.wait_for_timeout(500)  # a failure reported after the answer still changes the line
    assert tab.inner_text("#da-status") == WORDS["search_incomplete"], status
    server.drop = None
    tab.click(".da-search__form button[type=submit]")
    tab.wait_for_function("(busy) => !busy.includes(document.getElementById('da-status').textContent)"
                          " && document.querySelectorAll('#da-results > li').length > 0", arg=BUSY)
    assert tab.inner_text("#da-status").startswith("Tìm thấy")


@pytest.mark.parametrize("drop", [r"/wasm\.[^/]*\.pagefind", r"\.pf_meta"])
def test_a_lost_index_file_says_the_index_could_not_load(tab, server, drop: str) -> None:
    """Pagefind waited forever for its WASM or metadata: "Đang tải chỉ mục tìm kiếm…" stayed."""
    assert open_search(tab, server, "q=so+do", drop) == WORDS["load_failed"]


@pytest.mark.parametrize("drop", [r"(?!)", r"pagefind-worker\.js"])
def test_pagefinds_webassembly_comes_at_the_version_of_its_script(tab, server, drop: str) -> None:
    """Pagefind's WebAssembly was fetched at a fixed address while pagefind.js and its worker
    come at `?v=`: after a Pagefind upgrade, a browser ran its kept WebAssembly under the new
    script. It comes at their version, from the worker and, when the worker cannot start, from
    the page, and the search finds."""
    server.asked.clear()
    assert open_search(tab, server, "q=so+do", drop).startswith("Tìm thấy")
    asked = [urlsplit(path) for path in server.asked]

    def versions(file: str) -> set[str]:
        return {parse_qs(url.query).get("v", [""])[0] for url in asked if re.search(file, url.path)}

    runtime = versions(r"/pagefind\.js$")
    assert len(runtime) == 1 and "" not in runtime, runtime
    assert versions(r"/wasm\.[^/]*\.pagefind$") == runtime


def test_lost_filter_indexes_say_so_in_the_filter_panel(tab, server) -> None:
    """The filter panel opened empty, without a word; a search by filters said "no result"."""
    assert open_search(tab, server, "q=so+do", r"/filter/").startswith("Tìm thấy")  # words alone hold
    open_filters(tab)  # its counts, and the filter indexes, are asked for now
    assert tab.inner_text("#da-facets") == WORDS["filters_failed"]
    tab.goto("about:blank")
    assert open_search(tab, server, "type=question", r"/filter/") == WORDS["search_incomplete"]


def test_without_javascript_the_page_shows_no_dead_controls(browser, server) -> None:
    """The filter panel (a lone "Xem kết quả") and an empty results heading showed, doing nothing."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"http://127.0.0.1:{server.server_address[1]}/search/?q=so+do")
    assert page.is_visible("noscript p") and page.inner_text("noscript p") == WORDS["no_javascript"]
    for selector in ("#da-filters", "#da-results-heading", "#da-to-results", ".da-search__skip"):
        assert not page.is_visible(selector), selector
    context.close()


def test_filters_lost_while_one_has_the_focus(tab, server) -> None:
    """A year ticked whose filter index (never fetched before) is lost: the panel's message
    replaced the focused checkbox and the focus fell to the page's start; the status line said
    the same sentence once per file lost (a screen reader read it 9 times); "Xem 0 kết quả"
    stated a count the page calls incomplete (a screen-reader review)."""
    writes = []
    tab.expose_function("statusWritten", lambda text: writes.append(text))
    tab.add_init_script("""new MutationObserver((changes) => {
        const written = changes.some((c) => (c.target.nodeType === 1 ? c.target : c.target.parentElement)
          ?.id === 'da-status');
        if (written) window.statusWritten(document.getElementById('da-status').textContent);
      }).observe(document, {subtree: true, childList: true, characterData: true});""")
    open_search(tab, server, "q=so+do&year=2024", r"(?!)")  # nothing lost yet; 2022 never fetched
    open_filters(tab)  # its counts, and the filter indexes, are asked for now
    tab.evaluate("document.querySelector('details[data-facet=year]').open = true")
    tab.focus("#da-f-year-2022")
    server.drop = re.compile(r"/filter/")
    writes.clear()
    tab.keyboard.press("Space")  # 2022's index joins the search: its filters are fetched
    tab.wait_for_function("([said, panel]) => document.getElementById('da-status').textContent === said"
                          " && document.getElementById('da-facets').innerText === panel",
                          arg=[WORDS["search_incomplete"], WORDS["filters_failed"]], timeout=20000)
    tab.wait_for_timeout(1000)  # failures reported late must not write the line again
    assert tab.evaluate("document.activeElement.closest('#da-facets') !== null"
                        " && document.activeElement.textContent") == WORDS["filters_failed"]
    assert tab.text_content("#da-to-results") == WORDS["to_results"]
    assert writes.count(WORDS["search_incomplete"]) == 1, writes
    assert tab.thrown == []


def test_lost_filters_are_announced_after_the_results(tab, server) -> None:
    """Words typed find their results without the filter index: the status line said what was
    found, and the panel's message (no live region) was never read out (a screen-reader review)."""
    assert open_search(tab, server, "q=so+do", r"/filter/").startswith("Tìm thấy")
    tab.click("#da-filters > summary")  # folded on a phone: its filter indexes are asked for now
    tab.wait_for_function("(lost) => document.getElementById('da-status').textContent.endsWith(lost)",
                          arg=WORDS["filters_failed"], timeout=10000)
    tab.wait_for_timeout(500)  # failures reported late add nothing
    status = tab.inner_text("#da-status")
    assert status.startswith("Tìm thấy") and status.count(WORDS["filters_failed"]) == 1, status


def test_a_file_lost_in_one_tab_leaves_another_tabs_search_alone(tab, server) -> None:
    """The failures were reported on a BroadcastChannel, heard by every tab of the site: a word
    chunk lost in one tab called another tab's finished search incomplete (a diff reader's find).
    A report stays in the tab whose Pagefind asked for the file."""
    found = open_search(tab, server, "q=thue", r"^$")  # nothing lost here
    assert found.startswith("Tìm thấy"), found
    other = tab.context.new_page()
    server.drop = re.compile(r"/index/")
    other.goto(f"http://127.0.0.1:{server.server_address[1]}/search/?q=so+do")
    other.wait_for_function("(said) => document.getElementById('da-status').textContent === said",
                            arg=WORDS["search_incomplete"], timeout=20000)
    tab.wait_for_timeout(500)
    assert tab.inner_text("#da-status") == found


def test_an_index_that_cannot_load_leaves_no_results_of_the_search_before(tab, server) -> None:
    """The index failing to load for a new search said so, but the search before's results and
    its count stayed on screen under the message, as if they answered it."""
    assert open_search(tab, server, "q=so+do", r"^$").startswith("Tìm thấy")
    tab.wait_for_function("document.querySelectorAll('#da-results > li').length === 20", timeout=20000)
    server.drop = re.compile(r"/fragment/")  # a lost excerpt: the page drops its Pagefind instances
    tab.click("#da-more")
    tab.wait_for_function("(said) => document.getElementById('da-status').textContent.endsWith(said)",
                          arg=WORDS["results_failed"], timeout=20000)
    server.drop = re.compile(r"pagefind-entry\.json")  # then the next search cannot load its index
    tab.fill("#da-q", "dat dai")
    tab.click(".da-search__form button[type=submit]")
    tab.wait_for_function("(said) => document.getElementById('da-status').textContent === said",
                          arg=WORDS["load_failed"], timeout=20000)
    assert tab.locator("#da-results > li").count() == 0
    assert not tab.is_visible("#da-more")
    assert tab.text_content("#da-to-results") == WORDS["to_results"]


def search_again(tab, server: DroppingServer, drop: str) -> None:
    """The reader searches again (the form's button) with the requests matching `drop` lost."""
    server.drop = re.compile(drop)
    tab.click(".da-search__form button[type=submit]")
    tab.wait_for_function("(busy) => !busy.includes(document.getElementById('da-status').textContent)",
                          arg=BUSY, timeout=20000)


SESSION_LINKS = "#da-results .da-result__kind a"


@pytest.mark.parametrize("lost", ["sessions", "records", "words"])
def test_a_small_file_lost_once_is_fetched_again_by_the_next_search(tab, server, lost: str) -> None:
    """An index's sessions, records or words file that failed once was kept as lost until the
    page was reloaded: every result's session said "Phiên", a result whose excerpt was lost had
    no link, a query no index holds listed unrelated records, however often the reader searched
    again. The next search fetches the file again."""
    if lost == "sessions":
        open_search(tab, server, EVERY_ITEM, r"/sessions\.da_json")
        first_results(tab)
        assert set(tab.locator(SESSION_LINKS).all_inner_texts()) == {WORDS["session"]}
        search_again(tab, server, r"^$")
        first_results(tab)
        assert WORDS["session"] not in tab.locator(SESSION_LINKS).all_inner_texts()
    elif lost == "records":
        open_search(tab, server, EVERY_ITEM, LOST_EXCERPTS + r"|/records\.da_json")
        assert "" in first_results(tab)
        search_again(tab, server, LOST_EXCERPTS)
        assert all(first_results(tab))
        assert WORDS["excerpt_failed"] in tab.locator(".da-result__excerpt").all_inner_texts()
    else:
        assert open_search(tab, server, "q=xyzqwk", r"/words\.da_words").startswith("Tìm thấy")
        search_again(tab, server, r"^$")
        assert tab.inner_text("#da-status") == " ".join(
            [WORDS["no_results_unfiltered"], WORDS["missing_words"].replace("{words}", "“xyzqwk”")])
    assert tab.thrown == []


OWN_FILES = r"/[^/]+\.da_json$|/[^/]+\.da_words$"
"""Our files beside each index. Their version, pagefind-entry.json, is not counted: Pagefind asks
for it too, at an address alike."""


@pytest.mark.parametrize("drop", [r"/records\.da_json|/fragment/", r"/sessions\.da_json"])
def test_a_lost_file_is_asked_for_once_a_search(tab, server, drop: str) -> None:
    """A small file lost was forgotten as soon as it failed, so that the next search fetches it
    again: each of the 20 results whose excerpt was lost asked each index's records.da_json
    again, 80 requests for one search of the sample's 4 indexes (400 with 20), and each
    result's session file was asked again too. One search asks each file of each index once;
    the next search asks again."""
    server.asked.clear()
    open_search(tab, server, "q=co", drop)
    first_results(tab)
    asked = [urlsplit(path) for path in server.asked]
    own = Counter(url.path for url in asked if re.search(OWN_FILES, url.path))
    lost = [path for path in own if re.search(drop, path)]
    assert len(lost) >= 2, own  # the search asked the lost file of several indexes
    assert max(own.values()) == 1, own
    search_again(tab, server, drop)
    first_results(tab)
    again = Counter(urlsplit(path).path for path in server.asked)
    assert all(again[path] == 2 for path in lost), again
    assert tab.thrown == []
