"""A site in another language: the labels file a translator writes, and what readers get."""

from __future__ import annotations

from pathlib import Path

from conftest import CONTENT, SAMPLE_BUILD_DATE, parse, run_build, write_config

ENGLISH = """\
locale:
  lang: en
  number: en-US
  thousands: ","
  og: en_US
  date: "{month}/{day}/{year}"
  short_date: "{month}/{day}/{year}"
weekday: [Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday]
nav:
  sessions: Sessions
text:
  commitment: Commitment
  commitments_count: commitments
  items_count: questions and opinions
search:
  results_count: "{count} results found"
"""
"""An English interface over the sample's Vietnamese records, as a translator starts one."""


def english_site(tmp_path: Path, extra: str = "") -> Path:
    """The sample archive built with ENGLISH (and `extra` lines) as its labels file and
    Material's English, as README says an English interface is made."""
    (tmp_path / "en.yaml").write_text(ENGLISH + extra, encoding="utf-8")
    config = write_config(tmp_path, CONTENT, tmp_path / "site", labels="en.yaml",
                          build_date=SAMPLE_BUILD_DATE.isoformat())
    config.write_text(config.read_text(encoding="utf-8") + "theme:\n  name: material\n  language: en\n",
                      encoding="utf-8")
    result = run_build(config)
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp_path / "site"


def marked_vietnamese(page: object, selector: str) -> list[bool]:
    """For each element `selector` finds: whether it is declared Vietnamese, itself or by
    an ancestor (what a screen reader goes by)."""
    found = page.select(selector)
    assert found, selector
    return [(element.find_parent(lang=True) if not element.has_attr("lang") else element)
            .get("lang") == "vi" for element in found]


def test_an_english_interface_declares_the_records_vietnamese(tmp_path: Path, sample_site: Path,
                                                              serve_site, browser) -> None:
    """Under an English interface every page was <html lang="en"> and nothing said the
    records' own text was Vietnamese: a screen reader read the sessions' titles, write-ups,
    questions and answers with an English voice (WCAG 3.1.2, a review's find)."""
    site = english_site(tmp_path)
    session = parse(next((site / "sessions" / "2024").glob("*/index.html")))
    assert session.html["lang"] == "en"
    for selector in ["h1", ".da-summary", ".da-writeup", ".da-item__text", ".da-answer__text",
                     ".da-commitment > p:not(.da-commitment__head)", ".da-tag"]:
        assert all(marked_vietnamese(session, selector)), selector
    # the interface's words stay English: the item's labels are not declared Vietnamese
    assert not any(marked_vietnamese(session, ".da-item__meta"))
    sessions = parse(site / "sessions" / "index.html")
    assert all(marked_vietnamese(sessions, ".da-entry__title"))
    assert not any(marked_vietnamese(sessions, ".da-entry__count"))
    assert all(marked_vietnamese(parse(site / "agencies" / "index.html"), ".da-registry .da-entry__title a"))
    assert all(marked_vietnamese(parse(site / "commitments" / "index.html"), "h2.da-entry__title"))
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert feed.count('<entry xml:lang="vi">') == feed.count("<entry") > 0, feed[:2000]
    # the search page's results, made in the browser
    page = browser.new_page()
    try:
        page.goto(serve_site(site) + "search/?q=h%E1%BB%99+kh%E1%BA%A9u")
        page.wait_for_selector("#da-results .da-result__title")
        titles = page.eval_on_selector_all(
            "#da-results .da-result__title, #da-results .da-result__excerpt",
            "els => els.map(e => e.closest('[lang]').getAttribute('lang'))")
        assert titles and set(titles) == {"vi"}, titles
    finally:
        page.close()
    # A Vietnamese site says it once, on <html>: no element of its pages repeats it.
    for path in [*sample_site.glob("sessions/*/*/index.html"), sample_site / "sessions" / "index.html"]:
        html = parse(path)
        assert html.html["lang"] == "vi" and html.select("body [lang]") == [], path
    assert "xml:lang" not in (sample_site / "feed.xml").read_text(encoding="utf-8").split("<entry", 1)[1]
