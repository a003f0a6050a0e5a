"""Statistics: numbers match the content, every chart has a table with the same numbers,
and the commitments and statistics pages fit a phone screen (screenshots in a real browser)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from conftest import CONTENT, SAMPLE_BUILD_DATE, build_archive, make_archive, parse, replace
from dialogue_archive.core.charts import DRAWN_BARS, adds_up, percent
from dialogue_archive.core.labels import VI
from dialogue_archive.core.loader import load_archive
from dialogue_archive.core.statistics import OUTCOMES
from dialogue_archive.core.vietnamese import sort_key
from dialogue_archive.core.views import ArchiveViews
from sample_records import raw_commitments, raw_done_date, raw_overdue, raw_sessions

S = VI["statistics"]


def charts(html) -> dict[str, list[tuple[str, int]]]:
    """Chart title -> (label, value) rows of its table; asserts the SVG shows the same numbers."""
    found = {}
    for figure in html.select("figure.da-chart"):
        title = figure.select_one("figcaption").get_text(strip=True)
        rows = [(tr.th.get_text(strip=True), int(tr.td.get_text(strip=True)))
                for tr in figure.select("table tbody tr")]
        svg = figure.select_one("svg")
        if svg is not None:
            assert svg["role"] == "img"
            assert svg.find("title", id=svg["aria-labelledby"]).get_text(strip=True) == title
            values = [int(re.match(r"\d+", t.get_text()).group()) for t in svg.select("text.da-chart__value")]
            expected = [value for _, value in rows]  # a long chart draws its first rows
            assert values == expected[:len(values)], title
            assert len(values) in (len(expected), DRAWN_BARS), title
        found[title] = rows
    return found


def published_items() -> list[tuple]:
    return [(s, item) for s in raw_sessions() for item in s.items]


def outcome(item: dict) -> str:
    modes = {a.get("mode", "on_the_spot") for a in item.get("answers") or []}
    return next((m for m in ("on_the_spot", "in_writing", "referred") if m in modes), "not_answered")


def test_statistics_page_numbers_match_the_content(sample_site) -> None:
    html = parse(sample_site / "statistics/index.html")
    found = charts(html)
    items = published_items()
    # A session announced ahead of its day, without a record yet, has not been held.
    sessions = [s for s in raw_sessions() if s.items or s.meta["date"] < SAMPLE_BUILD_DATE]
    assert len(sessions) < len(raw_sessions())  # the sample announces one
    held = {s.meta["date"].year for s in sessions}
    years = range(min(held), max(held) + 1)  # 2025, without a session, stands at 0
    assert set(years) > held
    assert found[S["sessions_per_year"]] == [
        (str(y), sum(s.meta["date"].year == y for s in sessions)) for y in years]
    assert found[S["items_per_year"]] == [
        (str(y), sum(s.meta["date"].year == y for s, _ in items)) for y in years]
    topic_names = {t["id"]: t["name"] for t in yaml.safe_load(
        (CONTENT / "registry/topics.yaml").read_text(encoding="utf-8"))}
    topics = Counter(t for _, item in items for t in item["topics"])
    assert dict(found[S["items_per_topic"]]) == {topic_names[t]: n for t, n in topics.items()}
    # the old and the new ward's units of one name are told apart by their period, as on every page
    periods = {f"{unit}{new}": period for unit in ("ubnd-phuong-hoa-xuan", "cong-an-phuong-hoa-xuan")
               for new, period in (("", " (đến 30/6/2025)"), ("-2025", " (từ 1/7/2025)"))}
    agency_names = {a["id"]: a["name"] + periods.get(a["id"], "") for a in yaml.safe_load(
        (CONTENT / "registry/agencies.yaml").read_text(encoding="utf-8"))}
    agencies = Counter(a for _, item in items for a in {x["by"] for x in item.get("answers") or []
                                                        if x.get("mode") != "referred"})  # no answer
    assert dict(found[S["items_per_agency"]]) == {agency_names[a]: n for a, n in agencies.items()}
    outcomes = Counter(outcome(item) for _, item in items)
    assert dict(found[S["outcomes"]]) == {VI["outcome"][k]: outcomes[k] for k in OUTCOMES}
    commitments = [c for _, _, c in raw_commitments()]
    statuses = Counter(c.get("status", "pending") for c in commitments)
    assert dict(found[S["commitment_status"]]) == {
        VI["commitment_status"][k]: statuses[k] for k in VI["commitment_status"]}
    dated = [(raw_done_date(c), c["due"]) for c in commitments if raw_done_date(c) and c.get("due")]
    on_time = sum(done <= due for done, due in dated)
    late = sum(done > due for done, due in dated)
    overdue = sum(raw_overdue(c) for c in commitments)
    deadlines = dict(found[S["commitment_deadlines"]])
    assert deadlines[VI["deadline_outcome"]["on_time"]] == on_time
    assert deadlines[VI["deadline_outcome"]["late"]] == late
    assert deadlines[VI["deadline_outcome"]["overdue"]] == overdue
    assert sum(deadlines.values()) == len(commitments)
    headline = html.select_one(".da-figures").get_text(" ", strip=True)
    assert f"{outcomes['on_the_spot']}/{len(items)}" in headline
    assert f"{on_time}/{on_time + late + overdue}" in headline
    share = (200 * outcomes["on_the_spot"] + len(items)) // (2 * len(items))
    assert f"{share}% {S['share_on_the_spot']}" in headline
    # the home page's "48 câu trả lời" links here: the figure is here too (a reader's find)
    answers = sum(a.get("mode") != "referred" for _, item in items for a in item.get("answers") or [])
    assert f"{answers} {S['answers']}" in headline
    home = parse(sample_site / "index.html").select_one(".da-figures").get_text(" ", strip=True)
    assert f"{answers} {VI['text']['answers_count']}" in home


def test_session_pages_show_their_own_figures(sample_site) -> None:
    for session in raw_sessions():
        html = parse(sample_site / f"sessions/{session.meta['date'].year}/{session.id}/index.html")
        block = html.select_one("section.da-session-stats")
        if not session.items:
            assert block is None
            continue
        found = charts(block)
        types = Counter(item["type"] for item in session.items)
        assert dict(found[S["by_type"]]) == {VI["item_type"][k]: types[k] for k in VI["item_type"]}
        scope = Counter(item.get("in_scope", True) for item in session.items)
        kind = VI["session_kind_in_sentence"][session.meta.get("kind", "dialogue")]  # "tiếp xúc cử tri"
        assert session.meta.get("subject")  # the sample's sessions announce one (see below)
        assert dict(found[S["scope"].format(kind=kind)]) == {
            S["in_scope"]: scope[True], S["out_of_scope"]: scope[False]}
        voters = session.meta.get("kind") == "voter_meeting"  # not "chủ đề buổi đối thoại" there
        assert ("Theo chủ đề buổi tiếp xúc cử tri" in block.get_text(" ", strip=True)) is voters
        outcomes = Counter(outcome(item) for item in session.items)
        assert dict(found[S["outcome"]]) == {VI["outcome"][k]: outcomes[k] for k in OUTCOMES}
        topics = Counter(t for item in session.items for t in item["topics"])
        assert sorted(n for _, n in found[S["by_topic"]]) == sorted(topics.values())


def test_tied_rows_are_in_vietnamese_alphabetical_order(sample_site) -> None:
    """Most first, and rows with the same count by name as a Vietnamese reader looks them up:
    Đ between D and E, Ủ among the U, not after Z."""
    stats = charts(parse(sample_site / "statistics/index.html"))
    tables = [stats[S["items_per_topic"]], stats[S["items_per_agency"]]]
    for path in sorted((sample_site / "sessions").glob("*/*/index.html")):
        block = parse(path).select_one("section.da-session-stats")
        if block is not None:
            tables.append(charts(block)[S["by_topic"]])
    for rows in tables:
        assert rows == sorted(rows, key=lambda row: (-row[1], sort_key(row[0])))
    # The sample's voter meeting in Hòa Xuân: four topics with one question each.
    hoa_xuan = parse(sample_site / "sessions/2024/2024-06-27-tiep-xuc-cu-tri-phuong-hoa-xuan/index.html")
    ones = [name for name, count in charts(hoa_xuan.select_one("section.da-session-stats"))[S["by_topic"]]
            if count == 1]
    assert ones == ["An ninh, trật tự", "Chính sách xã hội, bảo hiểm", "Đất đai", "Giáo dục"]


def test_a_count_reads_as_the_same_share_in_every_table(sample_site) -> None:
    """A journalist read "Đã hoàn thành 12 | 54%" above "Hoàn thành đúng hạn 12 | 55%", both of
    the same 22 commitments (each table rounded to add up to 100), and "2 | 0%" of 635: each
    share is the nearest percent on its own, never 0% or 100% when it is not, and a table whose
    shares then do not add up to 100% says they are rounded (the proofreader's 102%)."""
    sessions = sorted((sample_site / "sessions").glob("*/*/index.html"))
    pages = [sample_site / "statistics/index.html", *sessions]
    read: dict[tuple[int, int], set[str]] = {}
    tables = noted = 0
    for path in pages:
        for figure in parse(path).select("figure.da-chart"):
            table = figure.select_one("table")
            if len(table.select("thead th")) < 3:  # no share column (topics, agencies, years)
                continue
            rows = [[td.get_text(strip=True) for td in tr.select("td")] for tr in table.select("tbody tr")]
            values = [int(row[0].replace(".", "")) for row in rows]
            total = sum(values)
            if not total:
                continue
            tables += 1
            for value, (_, share) in zip(values, rows, strict=True):
                read.setdefault((value, total), set()).add(share)
                assert re.fullmatch(r"<1%|>99%|\d+%", share), (path, share)
                assert share != "0%" or not value, (path, value, total)
                assert share != "100%" or value == total, (path, value, total)
            printed = sum(int(share.strip("<>%")) for _, share in rows)
            said = S["rounded"] in figure.get_text()
            assert said == (printed != 100), (path, [share for _, share in rows])
            noted += said
    assert tables >= 10 and noted  # the statistics page's three and every session's
    assert {key: shares for key, shares in read.items() if len(shares) > 1} == {}
    assert read[(12, 22)] == {"55%"}  # the sample's 12 done of 22, in two tables


def test_a_share_is_the_nearest_percent_and_never_nothing_or_all_when_it_is_not() -> None:
    assert [percent(value, 22) for value in (3, 3, 12, 3, 1)] == ["14%", "14%", "55%", "14%", "5%"]
    assert not adds_up([3, 3, 12, 3, 1]) and adds_up([1, 3]) and adds_up([0, 0])
    assert percent(2, 635) == "<1%" and percent(634, 635) == ">99%"
    assert percent(0, 5) == "0%" and percent(5, 5) == "100%" and percent(1, 0) == ""
    assert percent(1, 200) == "1%" and percent(199, 200) == ">99%"  # 99.5 rounds up to 100


def test_a_scorecard_without_an_average_says_so_in_words(sample_site) -> None:
    """The scorecards table printed a bare "—", from no label, where an agency has no dated
    promise kept: a screen reader said nothing, or "gạch ngang"."""
    html = parse(sample_site / "statistics/index.html")
    cells = [tr.select("td")[-1] for tr in html.select("table.da-scorecards tbody tr")]
    missing = [cell for cell in cells if not re.fullmatch(r"[\d.]+", cell.get_text(strip=True))]
    assert missing and len(missing) < len(cells)  # the sample has both
    for cell in missing:
        assert cell.select_one("[aria-hidden=true]").get_text() == S["no_average"]
        assert cell.select_one(".da-visually-hidden").get_text() == VI["commitments"]["average_unknown"]


def test_the_scorecards_say_where_a_merged_units_commitments_are_counted(sample_site) -> None:
    """A unit merged away: its commitments count for it in the scorecards, and under the agency
    now responsible on the commitments page (UBND phường Cẩm Lệ: 3 here, 6 there); a journalist
    comparing the two took one for wrong (a review's find). The table says how many, and where
    the others are."""
    archive, _ = load_archive(CONTENT, SAMPLE_BUILD_DATE)
    carried = {id(r) for records in ArchiveViews(archive).carried.values() for r in records}
    html = parse(sample_site / "statistics/index.html")
    note = html.select_one("table.da-scorecards").find_next("p")
    assert carried and note.get_text(" ", strip=True) == (
        S["scorecards_carried"].replace("{count}", str(len(carried))) + " "
        + S["scorecards_carried_link"] + " .")
    assert note.select_one("a")["href"] == "../commitments/"


def test_every_chart_has_its_table(sample_site) -> None:
    html = parse(sample_site / "statistics/index.html")
    figures = html.select("figure.da-chart")
    assert len(figures) >= 7
    for figure in figures:
        assert figure.select_one("svg[role=img]") is not None
        assert figure.select_one("table thead th[scope=col]") is not None
        assert figure.select("table tbody th[scope=row]")


@pytest.mark.parametrize("path", ["commitments/", "statistics/"])
@pytest.mark.parametrize(("width", "height"), [(390, 844), (1366, 900)])
def test_pages_fit_phone_and_desktop(sample_site, serve_site, browser, tmp_path_factory, path: str,
                                     width: int, height: int) -> None:
    base = serve_site(sample_site)
    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        page.goto(base + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
        shots = Path(tmp_path_factory.getbasetemp()) / "screenshots"
        shots.mkdir(exist_ok=True)
        page.screenshot(path=str(shots / f"{path.strip('/')}-{width}.png"), full_page=True)
        if path == "statistics/":
            box = page.locator("svg.da-chart__svg").first.bounding_box()
            assert box and box["width"] <= width
            # Every chart's labels are drawn at the size of the text around them.
            sizes = page.evaluate("""[...document.querySelectorAll('svg.da-chart__svg')].map(svg =>
                [svg.closest('figure').id,
                 svg.querySelector('text').getBoundingClientRect().height])""")
            assert all(11 <= size <= 20 for _, size in sizes), sizes
    finally:
        page.close()


@pytest.mark.parametrize(("width", "smallest"), [(360, 12.8), (1280, 16)])
def test_every_chart_fills_its_column_and_draws_its_values_as_large_as_its_labels(
        sample_site, serve_site, browser, width: int, smallest: float) -> None:
    """Material's `figure { width: fit-content }` drew a chart of short labels 300 px wide at
    every window's width, its words 11.7 px, and the bars' values were 11.8 px on a 360 px
    phone (low-vision reviews' finds). A chart fills its column up to 384 px: its labels and
    values are no smaller than Material's smallest text, 12.8 px, on a 360 px phone, and the
    size of the page's text, 16 px, on a desktop."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    try:
        page.goto(serve_site(sample_site) + "statistics/")
        sizes = page.evaluate("""[...document.querySelectorAll('svg.da-chart__svg')].flatMap(svg =>
            [...svg.querySelectorAll('text')].map(text => [svg.closest('figure').id, text.textContent,
             parseFloat(getComputedStyle(text).fontSize) * svg.getBoundingClientRect().width
             / svg.viewBox.baseVal.width]))""")
        assert len({chart for chart, _, _ in sizes}) >= 7
        assert [text for text in sizes if text[2] < smallest - 0.01] == []
    finally:
        page.close()


TEXT_SPACING = ("* { line-height: 1.5 !important; letter-spacing: .12em !important;"
                " word-spacing: .16em !important; } p { margin-bottom: 2em !important; }")
"""WCAG 1.4.12's text spacing, as a reader's own stylesheet applies it."""


@pytest.mark.parametrize("width", [360, 1280])
def test_a_charts_labels_and_values_stay_whole_inside_it_under_text_spacing(
        sample_site, serve_site, browser, width: int) -> None:
    """SVG text does not wrap: under WCAG 1.4.12's text spacing the agencies' long names ran
    past the chart's edge, cut off, and names over 46 characters were drawn shortened with "…"
    (a low-vision review's find). Each label is drawn whole, on more lines where it is long,
    inside the drawing and above its bar; each value beside its bar, inside the drawing too."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    try:
        page.goto(serve_site(sample_site) + "statistics/")
        page.add_style_tag(content=TEXT_SPACING)
        spacing = "getComputedStyle(document.querySelector('.da-chart__label')).letterSpacing"
        assert page.evaluate(spacing) != "normal"  # the reader's stylesheet reaches the SVG
        drawn = page.evaluate("""() => [...document.querySelectorAll('svg.da-chart__svg')].map(svg => {
            const edge = svg.getBoundingClientRect();
            const values = svg.querySelectorAll('text.da-chart__value');
            const bars = svg.querySelectorAll('rect.da-chart__bar');
            return [svg.closest('figure').id, edge.left, edge.right,
                [...svg.querySelectorAll('text.da-chart__label')].map((label, i) => {
                    const box = label.getBoundingClientRect(), value = values[i].getBoundingClientRect();
                    const lines = [...label.querySelectorAll('tspan')].map(t => t.textContent);
                    return {lines: lines.length ? lines : [label.textContent],
                            left: Math.min(box.left, value.left), right: Math.max(box.right, value.right),
                            bottom: box.bottom, bar: bars[i].getBoundingClientRect().top}; })]; })""")
    finally:
        page.close()
    html = parse(sample_site / "statistics/index.html")
    assert len(drawn) >= 7
    outside = [(chart, right, row) for chart, left, right, rows in drawn for row in rows
               if row["left"] < left - 0.5 or row["right"] > right + 0.5]
    assert outside == []
    for chart, _, _, rows in drawn:
        assert all(row["bottom"] <= row["bar"] + 0.5 for row in rows), (chart, rows)
        names = [th.get_text(strip=True) for th in html.select(f"figure#{chart} tbody th")]
        assert [" ".join(row["lines"]) for row in rows] == names[:len(rows)], chart
    agencies = next(rows for chart, _, _, rows in drawn if chart == "tk-items-per-agency")
    assert max(len(row["lines"]) for row in agencies) > 1  # the sample has names that long


def test_a_long_label_is_cut_into_even_lines(sample_site) -> None:
    """A label cut at the most a line holds left one word alone on its last line ("Phòng Quản
    lý đô thị quận Cẩm" over "Lệ"): its lines are as even as its words allow, each holding
    more than one word here."""
    html = parse(sample_site / "statistics/index.html")
    cut = [[tspan.get_text() for tspan in label.select("tspan")]
           for label in html.select("figure#tk-items-per-agency text.da-chart__label")]
    assert any(len(lines) > 1 for lines in cut)
    assert [lines for lines in cut if any(" " not in line for line in lines[1:])] == []


def test_a_word_that_fits_a_line_is_not_cut() -> None:
    """Evening the lines cut a word longer than the even share though it fits a line whole
    ('UBND-Q' / 'LĐT-…': a diff reader's find); only a word longer than a line is cut."""
    from dialogue_archive.core.charts import LINE_CHARS, label_lines
    assert label_lines("Tổ công tác UBND-QLĐT-TNMT-KTHT-TCKH") == ("Tổ công tác", "UBND-QLĐT-TNMT-KTHT-TCKH")
    assert label_lines("Cổng dịch vụ công dichvucong.danang.gov.vn") == (
        "Cổng dịch vụ công", "dichvucong.danang.gov.vn")
    long_word = "Ban " + "Đ" * (LINE_CHARS + 5)
    lines = label_lines(long_word)
    assert "".join(lines).replace(" ", "") == long_word.replace(" ", "")
    assert all(len(line) <= LINE_CHARS for line in lines)


def test_a_long_chart_draws_its_largest_rows_and_its_table_keeps_them_all(sample_site) -> None:
    """150 agencies drew a chart 6,300 px tall above a table of the same rows (a review's find):
    a chart whose rows go largest first draws 15 of them; its table keeps every row."""
    html = parse(sample_site / "statistics/index.html")
    agencies = html.select_one("figure#tk-items-per-agency")
    rows = agencies.select("table tbody tr")
    assert len(rows) > DRAWN_BARS  # the sample's answering agencies: else this could not tell
    assert len(agencies.select("svg rect")) == DRAWN_BARS
    assert f"bảng dưới đây ghi đủ {len(rows)} dòng" in agencies.get_text()
    years = html.select_one("figure#tk-sessions-per-year")  # every year, in order
    assert len(years.select("svg rect")) == len(years.select("table tbody tr"))


def test_a_session_without_a_subject_has_no_on_the_subject_table(tmp_path: Path) -> None:
    """'Đúng chủ đề 100%' of a session that announced no subject said nothing true (a
    review's find, at voter meetings where voters raise anything)."""
    content = make_archive(tmp_path / "content")
    site = build_archive(content, tmp_path)
    page = parse(next((site / "sessions" / "2024").glob("*/index.html")))
    block = page.select_one("section.da-session-stats")
    assert block is not None and "Đúng chủ đề" not in block.get_text()
    assert block.select("figure")  # the other tables stay


def test_the_kept_on_time_rate_says_it_leaves_out_commitments_done_without_a_done_date(
        tmp_path: Path) -> None:
    """A commitment marked done with no update saying when is neither on time nor late: the
    rate leaves it out, and says so (a journalist read "0% … (0/253)" while the table below
    counted 118 done without a date; a review's find)."""
    content = make_archive(tmp_path / "content")
    replace(content / "sessions" / "2024" / "2024-06-20-doi-thoai-1" / "answers.yaml",
            "        due: 2024-12-31\n        status: in_progress\n",
            "        due: 2026-06-30\n        status: done\n      - id: cam-ket-b\n"
            "        by: ubnd-quan-cam-le\n        text: Y\n        due: 2026-06-30\n"
            "        status: pending\n")
    html = parse(build_archive(content, tmp_path) / "statistics" / "index.html")
    headline = next(li.get_text(" ", strip=True) for li in html.select(".da-figures li")
                    if S["share_on_time"] in li.get_text())
    assert headline == (f"0% {S['share_on_time']} (0/1; không tính 1 cam kết hoàn thành nhưng "
                        "không ghi ngày hoàn thành)")
    deadlines = html.select_one("figure#tk-commitment-deadlines")
    assert dict(charts(html)[S["commitment_deadlines"]])[VI["deadline_outcome"]["done_undated"]] == 1
    note = deadlines.select_one("p.da-chart__note").get_text()
    assert "hoàn thành nhưng không ghi ngày hoàn thành" in note
