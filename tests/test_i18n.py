"""A site in another language: the labels file a translator writes, and what readers get."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from conftest import (
    CONTENT,
    ROOT,
    SAMPLE_BUILD_DATE,
    build_archive,
    copy_sample,
    make_archive,
    parse,
    replace,
    run_build,
    write_config,
)

ENGLISH: dict[str, Any] = {
    "locale": {"lang": "en", "number": "en-US", "thousands": ",", "og": "en_US",
               "date": "{month}/{day}/{year}", "short_date": "{month}/{day}/{year}"},
    "weekday": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "nav": {"sessions": "Sessions"},
    "text": {"commitment": "Commitment", "commitments_count": "commitments",
             "items_count": "questions and opinions"},
    "search": {"results_count": "{count} results found"},
}
"""An English interface over the sample's Vietnamese records, as a translator starts one."""


def english_site(tmp_path: Path, content: Path = CONTENT, **more: dict[str, Any]) -> Path:
    """The sample archive (or `content`) built with ENGLISH (its groups extended by `more`) as
    its labels file and Material's English, as README says an English interface is made."""
    labels = {group: {**words, **more.pop(group, {})} if isinstance(words, dict) else words
              for group, words in ENGLISH.items()} | more
    (tmp_path / "en.yaml").write_text(yaml.safe_dump(labels, allow_unicode=True), encoding="utf-8")
    config = write_config(tmp_path, content, tmp_path / "site", labels="en.yaml",
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


def every_label_folded() -> dict[str, Any]:
    """Every label of the archive without its Vietnamese letters ('Tra loi'), as a reviewer
    made an interface whose every word tells apart from the records' (ENGLISH's locale kept)."""
    from dialogue_archive.core.label_overrides import ARCHIVE_WORDS
    from dialogue_archive.core.vietnamese import fold

    def folded(words: Any) -> Any:
        if isinstance(words, dict):
            return {key: folded(value) for key, value in words.items()}
        return [folded(word) for word in words] if isinstance(words, list) else fold(words)

    return {group: folded(words) for group, words in ARCHIVE_WORDS.items() if group != "locale"}


VIETNAMESE = re.compile(r"[À-ÖØ-öø-ỹ]")
"""A Vietnamese letter (the folded labels have none)."""
MATERIALS_CHROME = ".md-header__topic, .md-sidebar, .md-tabs, .md-path"
"""Material's menu, tabs, table of contents and the header's page title: Material's own
templates write the content pages' titles and headings there, unmarked (not yet done)."""


def unmarked_vietnamese(site: Path) -> dict[str, list[str]]:
    """Each page's texts with Vietnamese letters and no lang="vi" on them or an ancestor, but
    for the mkdocs.yml's site_name and copyright (the site's, in no record)."""
    config = yaml.safe_load((Path(__file__).parent.parent / "mkdocs.yml").read_text(encoding="utf-8"))
    own = (config["site_name"], config["copyright"])
    found = {}
    for path in sorted(site.rglob("*.html")):
        page = parse(path)
        for chrome in page.select(f"script, style, title, {MATERIALS_CHROME}"):
            chrome.decompose()
        texts = [text.strip() for text in page.find_all(string=VIETNAMESE)
                 if (text.find_parent(lang=True) or page.html).get("lang") != "vi"
                 and not any(name in text for name in own)]
        if texts:
            found[str(path.relative_to(site))] = texts
    return found


def test_an_english_interface_declares_the_records_vietnamese(tmp_path: Path, sample_site: Path,
                                                              serve_site, browser) -> None:
    """Under an English interface every page was <html lang="en"> and nothing said the
    records' own text was Vietnamese: a screen reader read the sessions' titles, write-ups,
    questions and answers with an English voice (WCAG 3.1.2, a review's find). Names within
    the interface's sentences ('Answered by: Bộ phận TN&TKQ quận'), the askers, progress
    notes, chart labels and the content folder's pages were still unmarked (a review's scan
    of a site whose every label was folded to ASCII found 1,700 texts)."""
    site = english_site(tmp_path, **every_label_folded())
    assert unmarked_vietnamese(site) == {}
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


def test_a_count_of_one_takes_the_labels_singular(tmp_path: Path, serve_site, browser) -> None:
    """Counts were '{n} {label}' or a label with {count}: an English interface said
    '1 commitments', '1 questions and opinions' (a review's find). A counted label may have a
    singular, `<name>_one`, which pages, feeds and the search page use for 1."""
    site = english_site(
        tmp_path,
        text={"commitments_count_one": "commitment", "items_count_one": "question or opinion"},
        search={"results_count_one": "{count} result found"})
    filters = [c.get_text(" ", strip=True) for c in
               parse(site / "commitments" / "index.html").select(".da-filter__count")]
    assert "1 commitment" in filters and "22 commitments" in filters, filters
    assert not [f for f in filters if f.startswith("1 ") and f != "1 commitment"], filters
    page = browser.new_page()
    try:
        page.goto(serve_site(site) + "search/?q=quy+ho%E1%BA%A1ch+treo")  # one session's write-up
        page.wait_for_function("document.getElementById('da-status').textContent.includes('found')")
        assert page.inner_text("#da-status").startswith("1 result found "), page.inner_text("#da-status")
    finally:
        page.close()


SAID_WITH_A_NUMBER = {
    "text": {"newest_of_one": "the latest of {total} session",
             "items_within_all_one": "See the {total} question of {name} and its units"},
    "commitments": {"inherited_one": "Carries {total} unfinished commitment.",
                    "inherited_overdue_one": "{overdue} is overdue.",
                    "average_base_one": "based on {n} commitment with its done date"},
    "statistics": {"share_on_time_undated_one": "leaving out {count} commitment done undated",
                   "drawn_first_one": "The chart draws {drawn} rows; the table has its {total} row."},
    "search": {"filtered_count_one": "with {count} filter"},
}
"""The labels said with a number that had no singular (a review's list), each given one."""


def test_every_label_said_with_a_number_may_have_a_singular(tmp_path: Path) -> None:
    """'based on 1 commitments with a done date', 'carries 1 unfinished commitments': seven
    labels said with a number were not counted labels, so a labels file could give them no
    singular (refused as no label); now it may, and the pages use it for 1."""
    from dialogue_archive.core.label_overrides import use_labels
    from dialogue_archive.core.labels import VI, count_label
    path = tmp_path / "en.yaml"
    path.write_text(yaml.safe_dump(SAID_WITH_A_NUMBER, allow_unicode=True), encoding="utf-8")
    try:
        assert use_labels(path) == []
        for group, singulars in SAID_WITH_A_NUMBER.items():
            for key, singular in singulars.items():
                name = f"{group}.{key.removesuffix('_one')}"
                assert count_label(name, 1) == singular
                assert count_label(name, 2) == VI[group][key.removesuffix("_one")]
    finally:
        use_labels(None)
    site = english_site(tmp_path, commitments={
        "average_base": "based on {n} commitments with a done date",
        "average_base_one": "based on {n} commitment with a done date"})
    said = {" ".join(p.get_text().split()) for path in (site / "agencies").glob("*/index.html")
            for p in parse(path).select(".da-scorecard p") if "based on" in p.get_text()}
    assert any("(based on 1 commitment with a done date)" in text for text in said), said
    assert any("(based on 2 commitments with a done date)" in text for text in said), said
    assert not [text for text in said if "based on 1 commitments" in text]


INHERITED = {"inherited": "Carries {total} unfinished commitments of units now gone.",
             "inherited_one": "Carries {total} unfinished commitment of a unit now gone.",
             "inherited_overdue": "{overdue} are overdue.", "inherited_overdue_one": "{overdue} is overdue.",
             "inherited_escalated": "It also carries {escalated} escalated commitments of units now gone.",
             "inherited_escalated_one": "It also carries {escalated} escalated commitment of a unit gone.",
             "inherited_link": "See the commitments this agency is responsible for"}
"""An English translator's words for an agency's inherited commitments, each count its own."""


def inherited_said(site: Path) -> dict[str, str]:
    """Each agency page's sentence on the commitments it carries for units now gone."""
    return {page.parent.name: " ".join(said.get_text().split())
            for page in sorted((site / "agencies").glob("*/index.html"))
            if (said := parse(page).select_one(".da-inherited")) is not None}


def test_the_inherited_commitments_and_their_overdue_each_take_their_count(tmp_path: Path,
                                                                         sample_site: Path) -> None:
    """`commitments.inherited` held two counts, its singular chosen by the first: English said
    'Carries 3 unfinished commitments, 1 of which are overdue' (a second office's find). The
    overdue ones are a sentence of their own, `commitments.inherited_overdue`, with its own
    singular."""
    link = "See the commitments this agency is responsible for ›"
    for folder in ("sample", "one"):
        (tmp_path / folder).mkdir()
    assert inherited_said(english_site(tmp_path / "sample", commitments=dict(INHERITED))) == {
        "ubnd-phuong-cam-le": "Carries 1 unfinished commitment of a unit now gone. 1 is overdue. "
                              f"It also carries 2 escalated commitments of units now gone. {link}",
        "ubnd-phuong-hoa-xuan-2025": f"Carries 2 unfinished commitments of units now gone. 2 are overdue. "
                                     f"{link}"}
    content = copy_sample(tmp_path / "content")  # the ward then carries one promise, overdue
    answers = content / "sessions" / "2024" / "2024-06-27-tiep-xuc-cu-tri-phuong-hoa-xuan" / "answers.yaml"
    replace(answers, "due: 2025-08-31\n        status: in_progress",
            "due: 2025-08-31\n        status: dropped")
    replace(answers, "status: in_progress\n            note: Bàn giao theo dõi",
            "status: dropped\n            note: Bàn giao theo dõi")
    said = inherited_said(english_site(tmp_path / "one", content, commitments=dict(INHERITED)))
    assert said["ubnd-phuong-hoa-xuan-2025"] == \
        f"Carries 1 unfinished commitment of a unit now gone. 1 is overdue. {link}"
    (tmp_path / "none").mkdir()  # none overdue: the sentence is left out, not "0 are overdue"
    replace(answers, "due: 2024-12-31", "due: 2099-12-31")
    replace(answers, "due: 2025-06-30", "due: 2099-06-30")  # and its extension
    said = inherited_said(english_site(tmp_path / "none", content, commitments=dict(INHERITED)))
    assert said["ubnd-phuong-hoa-xuan-2025"] == f"Carries 1 unfinished commitment of a unit now gone. {link}"
    # Vietnamese has one form for any count: two sentences, as the English
    assert inherited_said(sample_site)["ubnd-phuong-cam-le"] == (
        "Cơ quan đang chịu trách nhiệm thay cho đơn vị đã sáp nhập hoặc giải thể: 1 cam kết chưa "
        "hoàn thành. Trong đó có 1 cam kết đã quá hạn. 2 cam kết đã chuyển cấp trên của đơn vị đã "
        "sáp nhập hoặc giải thể cũng do cơ quan chịu trách nhiệm thay. Xem các cam kết cơ quan đang "
        "chịu trách nhiệm ›")


def test_an_older_labels_file_is_told_where_the_overdue_count_went(tmp_path: Path) -> None:
    """`commitments.inherited` held {overdue} until it became a label of its own: a labels file
    still writing it was refused with 'must hold {total}' alone, and a translator who deleted the
    part left the overdue sentence in Vietnamese on an English site (a diff reader's find)."""
    from dialogue_archive.core.label_overrides import use_labels
    path = tmp_path / "en.yaml"
    path.write_text("commitments:\n  inherited: Carries {total} unfinished commitments, {overdue} "
                    "of them overdue.\n", encoding="utf-8")
    try:
        assert use_labels(path) == [
            f"{path}:2:3: 'commitments.inherited' must hold {{total}} and no other {{…}}: the site "
            "puts its value there; {overdue} is now said by a label of its own, "
            "'commitments.inherited_overdue': move that part of the text there"]
    finally:
        use_labels(None)


def test_a_singular_is_checked_as_its_label(tmp_path: Path) -> None:
    """A singular keeps its label's {…}, and only a counted label has one."""
    from dialogue_archive.core.label_overrides import use_labels
    from dialogue_archive.core.labels import VI, count_label
    path = tmp_path / "en.yaml"
    path.write_text("publishing:\n  items_in_session_one: one question\n"
                    "text:\n  overdue_one: Overdue\n  items_count_one: question\n", encoding="utf-8")
    try:
        problems = use_labels(path)
        assert [p.split(": ", 1)[0] for p in problems] == [f"{path}:2:3", f"{path}:4:3"], problems
        assert "'publishing.items_in_session_one' must hold {count}" in problems[0]
        assert "'text.overdue_one' is no label" in problems[1] and "labels.COUNTED" in problems[1]
        path.write_text("text:\n  items_count_one: question\n", encoding="utf-8")
        assert use_labels(path) == []
        assert (count_label("text.items_count", 1), count_label("text.items_count", 2)) \
            == ("question", "ý kiến, câu hỏi")
    finally:
        use_labels(None)
    assert "items_count_one" not in VI["text"]  # a preview's rebuild without the file has none


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def test_a_date_form_may_write_the_months_name(tmp_path: Path, serve_site, browser) -> None:
    """A date form held {day}, {month} and {year} as numbers only: English could not write
    "June 27, 2024", and its 6/27/2024 is 27/6 to a Vietnamese reader (a review's find)."""
    site = english_site(tmp_path, locale={"date": "{month_name} {day}, {year}",
                                          "short_date": "{month_name} {day}, {year}"}, month=MONTHS)
    session = next((site / "sessions" / "2024").glob("2024-06-27-*/index.html"))
    kicker = parse(session).select_one(".da-kicker time")
    assert kicker["datetime"] == "2024-06-27" and kicker.get_text() == "Thursday, June 27, 2024"
    page = browser.new_page()
    try:
        page.goto(serve_site(site) + str(session.parent.relative_to(site)) + "/")
        printed = page.inner_text("[data-da-print-date]")
        assert printed == page.evaluate(
            "m => { const d = new Date(); return `${m[d.getMonth()]} ${d.getDate()}, ${d.getFullYear()}`; }",
            MONTHS), printed
    finally:
        page.close()


def test_a_date_form_keeps_its_day_month_and_year(tmp_path: Path) -> None:
    """{month_name} stands for {month}: a date form without a day, or with a name in no
    date form, is refused at its line; Vietnamese dates are written as before."""
    import datetime as dt

    from dialogue_archive.core.label_overrides import use_labels
    from dialogue_archive.core.labels import format_date, format_short_date
    path = tmp_path / "en.yaml"
    path.write_text('locale:\n  date: "{month_name} {year}"\n  weekday_date: "{weekday}, {month_name}"\n',
                    encoding="utf-8")
    try:
        problems = use_labels(path)
        assert [p.split(": ", 1)[0] for p in problems] == [f"{path}:2:3", f"{path}:3:3"], problems
        assert "'locale.date' must hold {day}, {month}, {year}" in problems[0]
        path.write_text('locale:\n  date: "{day} {month_name} {year}"\n', encoding="utf-8")
        assert use_labels(path) == []
        assert format_date(dt.date(2024, 6, 27)) == "27 tháng 6 2024"
    finally:
        use_labels(None)
    assert format_date(dt.date(2024, 6, 27)) == "ngày 27 tháng 6 năm 2024"
    assert format_short_date(dt.date(2024, 6, 27)) == "27/6/2024"


def test_the_reports_headings_are_their_labels_and_no_label_is_idle(tmp_path: Path) -> None:
    """The statistics and open-data pages' titles were their menu labels, while their own
    `heading` labels, and nine more, changed nothing a reader sees (a review's find): a
    translator's heading is the page's title now, and a label that is gone is refused."""
    site = english_site(tmp_path, nav={"statistics": "Statistics", "open-data": "Open data"},
                        statistics={"heading": "The archive in figures"},
                        open_data={"heading": "Open data files"})
    assert parse(site / "statistics" / "index.html").h1.get_text(strip=True) == "The archive in figures"
    assert parse(site / "open-data" / "index.html").h1.get_text(strip=True) == "Open data files"
    menu = [a.get_text(strip=True) for a in parse(site / "index.html").select(".md-tabs a, .md-nav a")]
    assert "Statistics" in menu and "Open data" in menu, menu
    from dialogue_archive.core.label_overrides import use_labels
    path = tmp_path / "old.yaml"
    # a file written before they were removed is told to delete their lines, not of a typo
    path.write_text("text:\n  photo: Photo\n  part_of: Part of\nstatistics:\n  of: of\n", encoding="utf-8")
    try:
        problems = use_labels(path)
        assert [p.split(" is no longer used")[0] for p in problems] \
            == [f"{path}:2:3: 'text.photo'", f"{path}:3:3: 'text.part_of'",
                f"{path}:5:3: 'statistics.of'"], problems
        assert all(p.endswith("delete this line") and "core/labels.py" not in p for p in problems)
    finally:
        use_labels(None)


def test_a_labels_file_naming_a_label_no_page_shows_is_told_to_delete_it(tmp_path: Path) -> None:
    """'text.in_scope', 'text.year' and 'publishing.print' ("In biên bản") were shown nowhere
    (a review's find): a translator's words for them changed nothing, silently. A labels file
    naming them is told, at each line, that the label is no longer used."""
    from dialogue_archive.core.label_overrides import use_labels
    path = tmp_path / "en.yaml"
    path.write_text("text:\n  in_scope: On topic\n  year: Year\npublishing:\n  print: Print the record\n",
                    encoding="utf-8")
    try:
        problems = use_labels(path)
        assert [p.split(" is no longer used")[0] for p in problems] \
            == [f"{path}:2:3: 'text.in_scope'", f"{path}:3:3: 'text.year'",
                f"{path}:5:3: 'publishing.print'"], problems
        assert all(p.endswith("delete this line") for p in problems), problems
    finally:
        use_labels(None)


def test_a_lists_next_pages_are_titled_by_the_labels_file(tmp_path: Path) -> None:
    """A list's page 2 was titled '<list> — Trang 2' by Python, in two places, whatever the
    labels file said (a review's find): its `text.paged_title` titles the sessions' and the
    commitments' next pages alike, in the tab and in the heading."""
    content = make_archive(tmp_path / "content", sessions=60)
    (tmp_path / "en.yaml").write_text('text:\n  page: page\n  paged_title: "{title} ({page} {number})"\n',
                                      encoding="utf-8")
    site = build_archive(content, tmp_path, labels="en.yaml")
    for folder, heading in (("sessions", "Phiên đối thoại"), ("commitments", "Cam kết của các cơ quan")):
        second = parse(site / folder / "page" / "2" / "index.html")
        assert second.h1.get_text(strip=True) == f"{heading} (page 2)", folder
        assert second.title.get_text().startswith(f"{heading} (page 2)"), second.title
    # a labels file written before the label, translating `page` alone, still titles them
    (tmp_path / "en.yaml").write_text("text:\n  page: Page\n", encoding="utf-8")
    second = parse(build_archive(content, tmp_path, labels="en.yaml") / "sessions" / "page" / "2"
                   / "index.html")
    assert second.h1.get_text(strip=True) == "Phiên đối thoại — Page 2"


def test_the_labels_command_writes_a_labels_file_to_start_from(tmp_path: Path, sample_site: Path) -> None:
    """A translator had to copy every label out of core/labels.py by hand (a review's
    wish): `dialogue-archive labels` prints them as the labels file the build reads."""
    printed = subprocess.run([sys.executable, "-m", "dialogue_archive.cli", "labels"],
                             capture_output=True, text=True, timeout=60)
    assert printed.returncode == 0, printed.stderr
    assert "{year}" in printed.stdout and "Phiên đối thoại" in printed.stdout
    (tmp_path / "all.yaml").write_text(printed.stdout, encoding="utf-8")
    site = build_archive(CONTENT, tmp_path, labels="all.yaml")
    for page in ["index.html", "sessions/index.html", "statistics/index.html", "open-data/index.html"]:
        assert (site / page).read_bytes() == (sample_site / page).read_bytes(), page
    # and a word changed in it is the site's
    (tmp_path / "all.yaml").write_text(printed.stdout.replace("counts_title: Số liệu lưu trữ",
                                                              "counts_title: Số liệu của kho"),
                                       encoding="utf-8")
    site = build_archive(CONTENT, tmp_path, labels="all.yaml")
    assert parse(site / "index.html").select_one("#so-lieu").get_text() == "Số liệu của kho"


def test_a_site_without_theme_language_takes_the_labels_language(tmp_path: Path) -> None:
    """An own mkdocs.yml without `theme.language` was `<html lang="en">` with Material's
    'Skip to content' on a Vietnamese site: the labels' locale.lang is the theme's language."""
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: Trường Giang\ndocs_dir: {make_archive(tmp_path / 'content')}\n"
                      f"site_dir: {tmp_path / 'site'}\ntheme:\n  name: material\nplugins:\n"
                      "  - dialogue-archive:\n      build_date: 2026-11-28\n", encoding="utf-8")
    result = run_build(config)
    assert result.returncode == 0, result.stderr
    home = parse(tmp_path / "site" / "index.html")
    assert home.html["lang"] == "vi"
    assert home.select_one("a.md-skip").get_text(strip=True) == "Bỏ qua, đến nội dung chính"


def test_a_theme_language_from_the_environment_or_a_theme_named_alone(tmp_path: Path,
                                                                    monkeypatch) -> None:
    """`language: !ENV [SITE_LANG, vi]` is the variable's value, else its default, as MkDocs
    reads it; `!ENV SITE_LANG` with the variable unset, as `theme: material` written alone, is
    no language: the labels' is taken (Material stopped on the unset one with a traceback, a
    second office's find)."""
    monkeypatch.delenv("SITE_LANG", raising=False)
    content = make_archive(tmp_path / "content")
    config = tmp_path / "mkdocs.yml"

    def build(theme: str, **env: str) -> subprocess.CompletedProcess[str]:
        config.write_text(f"site_name: Trường Giang\ndocs_dir: {content}\nsite_dir: {tmp_path / 'site'}\n"
                          f"{theme}plugins:\n  - dialogue-archive:\n      build_date: 2026-11-28\n",
                          encoding="utf-8")
        return run_build(config, env=env)

    for theme in ("theme:\n  name: material\n  language: !ENV [SITE_LANG, vi]\n",
                  "theme:\n  name: material\n  language: !ENV SITE_LANG\n", "theme: material\n"):
        result = build(theme)
        assert result.returncode == 0 and "Traceback" not in result.stderr, theme + result.stderr
        home = parse(tmp_path / "site" / "index.html")
        assert home.html["lang"] == "vi", theme
        assert home.select_one("a.md-skip").get_text(strip=True) == "Bỏ qua, đến nội dung chính"
    refused = build("theme:\n  name: material\n  language: !ENV [SITE_LANG, vi]\n", SITE_LANG="en")
    assert refused.returncode != 0 and f"{config}:6:3: theme.language is 'en' but the labels' " \
        "locale.lang is 'vi'" in refused.stderr, refused.stderr
    assert "Traceback" not in refused.stderr


def test_a_labels_language_material_does_not_translate_builds_in_it(tmp_path: Path,
                                                                    monkeypatch) -> None:
    """A labels file in a language Material has no words for (Khmer), under no
    `theme.language`, an unset `!ENV SITE_LANG` or `language: km`, stopped the build with a
    traceback (no `languages/None.html`, `km.html`): the pages are `<html lang="km">` and
    Material's own words its English."""
    monkeypatch.delenv("SITE_LANG", raising=False)
    (tmp_path / "km.yaml").write_text("locale:\n  lang: km\n", encoding="utf-8")
    content = make_archive(tmp_path / "content")
    config = tmp_path / "mkdocs.yml"
    for theme in ("theme: material\n", "theme:\n  name: material\n  language: !ENV SITE_LANG\n",
                  "theme:\n  name: material\n  language: km\n"):
        config.write_text(f"site_name: Trường Giang\ndocs_dir: {content}\nsite_dir: {tmp_path / 'site'}\n"
                          f"{theme}plugins:\n  - dialogue-archive:\n      labels: km.yaml\n"
                          "      build_date: 2026-11-28\n", encoding="utf-8")
        result = run_build(config)
        assert result.returncode == 0 and "Traceback" not in result.stderr, theme + result.stderr
        # a file of one label leaves the pages Vietnamese under lang="km": said, not silent
        assert re.search(r"INFO    -  dialogue-archive: the labels file's language is 'km', but "
                         r"\d{3} label\(s\) are still the archive's Vietnamese words \(locale\.date, "
                         r"session_kind\.dialogue, .*`dialogue-archive labels` prints every label "
                         "to translate", result.stderr), result.stderr
        home = parse(tmp_path / "site" / "index.html")
        assert home.html["lang"] == "km", theme
        assert home.select_one("nav.md-header__inner")["aria-label"] == "Header", theme


def test_a_theme_language_other_than_the_labels_is_refused_at_its_line(tmp_path: Path) -> None:
    """An English labels file under `theme.language: vi` (inherited from the repository's
    mkdocs.yml) gave English words under `<html lang="vi">`: the build and `validate` stop,
    naming both languages and what to write. The line is the site's own mkdocs.yml (its
    INHERIT:), told to add the language there: the message named the inherited file, and
    editing it changes every site that shares it."""
    (tmp_path / "en.yaml").write_text(yaml.safe_dump(ENGLISH), encoding="utf-8")
    content = make_archive(tmp_path / "content")
    config = write_config(tmp_path, content, tmp_path / "site", labels="en.yaml",
                          build_date="2026-11-28")
    refused = run_build(config)
    line = next(n for n, text in enumerate((ROOT / "mkdocs.yml").read_text(encoding="utf-8")
                                           .splitlines(), 1) if text == "  language: vi")
    said = (f"{config}:1:1: theme.language is 'vi' but the labels' locale.lang is 'en' (set at "
            f"{ROOT / 'mkdocs.yml'}:{line}:3, which this file INHERITs): add `language: en` under "
            f"`theme:` in this file, {config}, not in the file it inherits from")
    assert refused.returncode != 0 and said in refused.stderr, refused.stderr
    assert "Traceback" not in refused.stderr and not (tmp_path / "site").exists()
    checked = subprocess.run([sys.executable, "-m", "dialogue_archive.cli", "validate", str(config)],
                             capture_output=True, text=True, timeout=120)
    assert checked.returncode != 0 and said in checked.stdout + checked.stderr, checked.stdout
    config.write_text(config.read_text(encoding="utf-8") + "theme:\n  language: en\n", encoding="utf-8")
    result = run_build(config)
    assert result.returncode == 0, result.stderr
    assert parse(tmp_path / "site" / "index.html").html["lang"] == "en"


def test_a_label_in_another_group_is_said_to_be_there(tmp_path: Path) -> None:
    """`search.sessions_of_year` was given "did you mean 'no_sessions_in_years'" of the search
    group, though `text.sessions_of_year` is the label meant: the group that holds it is said."""
    from dialogue_archive.core.label_overrides import use_labels
    path = tmp_path / "nhan.yaml"
    path.write_text("search:\n  sessions_of_year: Buổi tiếp xúc cử tri năm {year}\n"
                    "lang: en\n", encoding="utf-8")
    try:
        problems = use_labels(path)
    finally:
        use_labels(None)
    assert problems == [
        f"{path}:2:3: 'sessions_of_year' is under text:, not search:; move it there, indented under it",
        f"{path}:3:1: 'lang' is under locale:, not the top level; move it there, indented under it",
    ], problems


def test_a_label_that_takes_no_value_is_told_to_lose_the_ones_written(tmp_path: Path) -> None:
    """`heading: Thống kê {x}` under statistics: was said to hold no {…}, false of the text
    written: `validate` says the label takes none, and which to remove."""
    (tmp_path / "nhan.yaml").write_text("statistics:\n  heading: Thống kê {x} {y}\n", encoding="utf-8")
    config = write_config(tmp_path, make_archive(tmp_path / "content"), tmp_path / "site",
                          labels="nhan.yaml")
    checked = subprocess.run([sys.executable, "-m", "dialogue_archive.cli", "validate", "mkdocs.yml"],
                             capture_output=True, text=True, timeout=120, cwd=config.parent)
    assert checked.returncode == 1
    assert checked.stderr.splitlines()[0] == (
        "nhan.yaml:2:3: 'statistics.heading' takes no {…}, the site has nothing "
        "to put there: remove {x}, {y}"), checked.stderr
