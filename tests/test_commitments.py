"""Commitments: computed status around the due date, the commitments pages, agency scorecards."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from conftest import CONTENT, SAMPLE_BUILD_DATE, build_archive, make_archive, parse, replace
from dialogue_archive.core.commitments import Carriers, deadline_outcome, done_date, is_overdue
from dialogue_archive.core.labels import VI
from dialogue_archive.core.loader import load_archive
from dialogue_archive.core.models import Commitment
from sample_records import raw_commitments, raw_done_date, raw_overdue

DUE = dt.date(2025, 3, 31)
STATUSES = ["pending", "in_progress", "done", "escalated", "dropped"]


def commitment(status: str, due: dt.date | None = DUE, updates: list | None = None) -> Commitment:
    return Commitment.model_validate({"id": "x", "by": "a", "text": "t", "due": due, "status": status,
                                      "updates": updates or []})


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize(("build_date", "late"), [
    (DUE - dt.timedelta(days=1), False), (DUE, False), (DUE + dt.timedelta(days=1), True)])
def test_overdue_only_after_the_due_day_and_only_while_open(status: str, build_date: dt.date,
                                                            late: bool) -> None:
    assert is_overdue(commitment(status), build_date) is (late and status in {"pending", "in_progress"})


def test_no_due_date_is_never_overdue() -> None:
    assert not is_overdue(commitment("pending", due=None), dt.date(2100, 1, 1))
    assert deadline_outcome(commitment("pending", due=None), dt.date(2100, 1, 1)) == "no_due"


def test_done_date_is_the_update_that_set_done() -> None:
    updates = [{"date": "2025-01-10", "status": "in_progress", "note": "a"},
               {"date": "2025-03-31", "status": "done", "note": "b"},
               {"date": "2025-04-20", "note": "c"}]
    done = commitment("done", updates=updates)
    assert done_date(done) == DUE
    assert deadline_outcome(done, dt.date(2026, 1, 1)) == "on_time"  # done on the due day
    late = commitment("done", updates=[{"date": "2025-04-01", "status": "done", "note": "b"}])
    assert deadline_outcome(late, dt.date(2026, 1, 1)) == "late"
    # a later update that says done again (the report sent) does not move the day it was done
    reported = commitment("done", updates=[
        {"date": "2025-03-20", "status": "done", "note": "Đã lắp đèn"},
        {"date": "2025-05-02", "status": "done", "note": "Gửi báo cáo kết quả"}])
    assert done_date(reported) == dt.date(2025, 3, 20)
    assert deadline_outcome(reported, dt.date(2026, 1, 1)) == "on_time"
    undated = commitment("done")
    assert done_date(undated) is None
    assert deadline_outcome(undated, dt.date(2026, 1, 1)) == "done_undated"
    assert deadline_outcome(commitment("escalated"), dt.date(2026, 1, 1)) == "escalated"
    assert deadline_outcome(commitment("in_progress"), DUE) == "not_yet_due"


def test_an_extended_deadline_is_the_one_overdue_counts_from_and_not_the_one_kept() -> None:
    """An agency given more time is not overdue before its new due date; done within the
    extension, the promise made at the session was still kept late (README "Extensions")."""
    extension = {"date": "2025-03-20", "due": "2025-06-30"}  # a new due date alone is an update
    extended = commitment("in_progress", updates=[extension])
    assert extended.current_due == dt.date(2025, 6, 30)
    assert not is_overdue(extended, dt.date(2025, 4, 15))
    assert deadline_outcome(extended, dt.date(2025, 4, 15)) == "not_yet_due"
    assert is_overdue(extended, dt.date(2025, 7, 1))
    done = commitment("done", updates=[extension, {"date": "2025-05-10", "status": "done"}])
    assert deadline_outcome(done, dt.date(2025, 7, 1)) == "late"
    first_due_later = commitment("pending", due=None, updates=[{"date": "2025-01-10", "due": "2025-02-28"}])
    assert is_overdue(first_due_later, dt.date(2025, 3, 1))
    assert deadline_outcome(first_due_later, dt.date(2025, 3, 1)) == "overdue"


def test_an_extended_deadline_is_shown_with_the_one_first_promised(tmp_path: Path) -> None:
    """A citizen sees the due date in force and that it was extended, from which date; the
    lists of overdue promises and the open data agree."""
    content = make_archive(tmp_path / "content")
    answers = next((content / "sessions").glob("*/*/answers.yaml"))
    replace(answers, "status: in_progress", "status: in_progress\n        updates:\n"
            "          - date: 2024-12-20\n            due: 2025-06-30\n"
            "            note: UBND quận đồng ý gia hạn để chờ ý kiến của thành phố.")
    site = build_archive(content, tmp_path, build_date=dt.date(2025, 4, 15))  # past the first due

    def shown(block) -> str:
        return " ".join(block.get_text().split())

    said = "Hạn: 30/6/2025 (đã gia hạn, hạn ban đầu 31/12/2024)"
    page = parse(site / answers.parent.relative_to(content) / "index.html")
    assert said in shown(page.select_one(".da-commitment__head"))
    assert shown(page.select_one(".da-timeline li")) == ("20/12/2024 · hạn mới 30/6/2025: UBND quận đồng ý "
                                                          "gia hạn để chờ ý kiến của thành phố.")
    entry = entries(parse(site / "commitments" / "index.html"))[0]
    assert said in shown(entry.select_one(".da-entry__meta"))
    assert not entries(parse(site / "commitments" / "overdue" / "index.html"))
    data = (site / "data" / "commitments.csv").read_text(encoding="utf-8-sig")
    row = next(csv.DictReader(io.StringIO(data)))
    assert (row["due"], row["current_due"], row["overdue"]) == ("2024-12-31", "2025-06-30", "false")


def test_a_due_date_brought_forward_is_not_called_an_extension(tmp_path: Path) -> None:
    """A new due date earlier than the one promised was shown "đã gia hạn" (extended), the
    opposite of what happened (a press office's helper)."""
    content = make_archive(tmp_path / "content")
    answers = next((content / "sessions").glob("*/*/answers.yaml"))
    replace(answers, "status: in_progress", "status: in_progress\n        updates:\n"
            "          - {date: 2024-07-01, due: 2024-09-30, note: Thành phố yêu cầu xong sớm.}")
    site = build_archive(content, tmp_path, build_date=dt.date(2024, 8, 15))
    said = "Hạn: 30/9/2024 (hạn đã được điều chỉnh sớm hơn, hạn ban đầu 31/12/2024)"
    page = parse(site / answers.parent.relative_to(content) / "index.html")
    assert said in " ".join(page.select_one(".da-commitment__head").get_text().split())
    entry = entries(parse(site / "commitments" / "index.html"))[0]
    assert said in " ".join(entry.select_one(".da-entry__meta").get_text().split())


NOW = VI["commitments"]["now_responsible"]


def test_a_unit_of_today_of_an_ended_ones_name_is_told_apart_without_nested_brackets(
        sample_site: Path) -> None:
    """The new Hòa Xuân ward and its committee share their names with the old ones, told
    apart by "(từ 1/7/2025)", which after "nay thuộc" nested brackets. After a unit of
    another name (the district's committee) only units of today are named there, and the
    mark goes; after the old ward it must stay, after a comma (a helper's find: "Tỉnh Quảng
    Trị (đến 30/6/2025) (nay thuộc tỉnh Quảng Trị)" said a province was part of itself)."""
    for page, said in (
            ("commitments/index.html",
             "Ủy ban nhân dân quận Cẩm Lệ (nay thuộc trách nhiệm của Ủy ban nhân dân phường Hòa Xuân)"),
            ("sessions/2024/2024-06-27-tiep-xuc-cu-tri-phuong-hoa-xuan/index.html",
             "(nay thuộc phường Hòa Xuân, từ 1/7/2025)"),
            ("sessions/2023/2023-09-21-doi-thoai-thu-tuc-hanh-chinh/index.html",
             "Phường Hòa Xuân (đến 30/6/2025) (nay thuộc phường Hòa Xuân, từ 1/7/2025)")):
        text = " ".join(parse(sample_site / page).get_text().split())
        assert said in text and "(từ 1/7/2025))" not in text, page


def entries(html) -> list:
    return html.select("ol.da-commitments > li.da-commitment-entry")


def test_commitments_page_lists_every_commitment_with_counts(sample_site) -> None:
    raw = raw_commitments()
    assert raw, "the sample archive has commitments"
    html = parse(sample_site / "commitments/index.html")
    shown = entries(html)
    assert len(shown) == min(len(raw), 50)
    texts = {e.select_one(".da-entry__title a").get_text(strip=True) for e in shown}
    assert texts == {" ".join(c["text"].split()) for _, _, c in raw}
    # As a screen reader says them: "Quá hạn, 5 cam kết" ("Quá hạn 5" ran the two together,
    # and "2026 5" reads as two years: "năm" is both "five" and "year").
    filters = {" ".join(a.get_text().split())
               for a in html.select(".da-filters a, .da-filters [aria-current]")}
    statuses = Counter(c.get("status", "pending") for _, _, c in raw)
    for status in STATUSES:
        assert f"{VI['commitment_status'][status]}, {statuses[status]} cam kết" in filters
    assert f"{VI['commitments']['overdue']}, {sum(raw_overdue(c) for _, _, c in raw)} cam kết" in filters
    years = Counter(s.meta["date"].year for s, _, _ in raw)
    assert {f"{year}, {count} cam kết" for year, count in years.items()} <= filters
    # Two badges side by side are read as two words: "Chưa thực hiện, Quá hạn".
    overdue = html.select_one(".da-status--overdue")
    assert f", {VI['commitments']['overdue']}" in " ".join(overdue.parent.get_text().split())
    # the escalated label is not the done label
    assert VI["commitment_status"]["escalated"] != VI["commitment_status"]["done"]
    # each entry links to the commitment's anchor on its session page, which exists
    for entry in shown:
        href = entry.select_one(".da-entry__title a")["href"]
        page, anchor = href.split("#")
        target = parse((sample_site / "commitments" / page / "index.html").resolve())
        assert target.find(id=anchor) is not None, href


def test_each_commitment_is_read_from_its_heading_then_its_status(sample_site, serve_site, browser) -> None:
    """The status line ("Đã hoàn thành · Hạn: 30/6/2026") came before its <h2>: a screen reader
    jumping by headings landed past it, and read it as the end of the commitment above (a
    screen-reader review). In Chromium, as laid out on a phone and a desktop."""
    for width in (390, 1280):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(serve_site(sample_site) + "commitments/")
        order = page.eval_on_selector_all("li.da-commitment-entry", """entries => entries.map((e) => [
            e.firstElementChild.tagName, e.children[1].querySelector('.da-status') !== null,
            e.children[1].getBoundingClientRect().top
              >= e.firstElementChild.getBoundingClientRect().bottom])""")
        context.close()
        assert order and all(entry == ["H2", True, True] for entry in order), (width, order[:3])


def test_filter_pages_show_exactly_their_commitments(sample_site) -> None:
    raw = raw_commitments()
    overdue = entries(parse(sample_site / "commitments/overdue/index.html"))
    assert len(overdue) == sum(raw_overdue(c) for _, _, c in raw)
    assert all(e.select_one(".da-status--overdue") for e in overdue)
    for status in STATUSES:
        page = parse(sample_site / f"commitments/status/{status}/index.html")
        shown = entries(page)
        assert len(shown) == sum(c.get("status", "pending") == status for _, _, c in raw)
        assert all(e.select_one(f".da-status--{status}") for e in shown)
        assert page.select_one(".da-filters [aria-current]").get_text(" ", strip=True).startswith(
            VI["commitment_status"][status])
    # An agency's list holds the commitments it made and those it carries now for an agency
    # that is gone (the entry says so, linking to it).
    carried = Counter()
    for entry in entries(parse(sample_site / "commitments/index.html")):
        summary = entry.select(".da-entry__summary")[0]
        if NOW in summary.get_text():
            carried[summary.select("a")[-1]["href"].rstrip("/").split("/")[-1]] += 1
    assert carried  # the sample has one
    for agency, count in (Counter(c["by"] for _, _, c in raw) + carried).items():
        shown = entries(parse(sample_site / f"commitments/agency/{agency}/index.html"))
        assert len(shown) == count, agency
        assert sum(NOW in e.get_text() for e in shown) >= carried[agency]
    for year, count in Counter(s.meta["date"].year for s, _, _ in raw).items():
        assert len(entries(parse(sample_site / f"commitments/year/{year}/index.html"))) == count
    # an agency without commitments keeps an empty list at its address (a shared link to it
    # was a 404 once its last commitment moved away), not named in the filter bar
    page = parse(sample_site / "commitments/agency/phong-y-te/index.html")
    assert not entries(page) and VI["commitments"]["none"] in page.get_text()
    assert "phong-y-te" not in str(page.select_one(".da-filters"))


def test_agency_scorecards_match_the_content(sample_site) -> None:
    raw = raw_commitments()
    by_agency: dict[str, list] = {}
    for session, _, c in raw:
        by_agency.setdefault(c["by"], []).append((session, c))
    labels = VI["commitments"]
    for agency, records in by_agency.items():
        html = parse(sample_site / f"agencies/{agency}/index.html")
        card = html.select_one("section.da-scorecard")
        assert card is not None, agency
        figures = {dt_.get_text(strip=True): int(dt_.find_next_sibling("dd").get_text(strip=True))
                   for dt_ in card.select("dl dt")}
        statuses = Counter(c.get("status", "pending") for _, c in records)
        assert figures[labels["total"]] == len(records)
        assert figures[labels["open"]] == statuses["pending"] + statuses["in_progress"]
        assert figures[labels["overdue"]] == sum(raw_overdue(c) for _, c in records)
        assert figures[labels["done"]] == statuses["done"]
        assert figures[labels["escalated"]] == statuses["escalated"]
        assert figures[labels["dropped"]] == statuses["dropped"]
        days = [(raw_done_date(c) - s.meta["date"]).days for s, c in records if raw_done_date(c)]
        shown = card.select_one(".da-scorecard__days")
        if days:
            average = sum(days) / len(days)
            assert int(re.match(r"\d+", shown.get_text()).group()) == int(average + 0.5)
        else:
            assert shown is None


def test_the_scorecards_and_the_lists_name_agencies_in_full(sample_site) -> None:
    """A proofreader found "Bộ phận TN&TKQ quận" and "Chi nhánh VPĐKĐĐ Cẩm Lệ" in the
    statistics' scorecards and the commitments lists, which a citizen cannot read, under a chart
    naming them in full: they, and the item lists, name every agency as the chart does."""
    registry = {a["id"]: a for a in yaml.safe_load(
        (CONTENT / "registry/agencies.yaml").read_text(encoding="utf-8"))}

    def agency(link) -> str:
        return link["href"].rstrip("/").split("/")[-1]

    statistics = parse(sample_site / "statistics/index.html")
    chart = {agency(a): a.get_text(strip=True)
             for a in statistics.select("figure#tk-items-per-agency tbody th a")}
    named = []
    for link in statistics.select("table.da-scorecards tbody th a"):
        named.append((agency(link), link.get_text(strip=True)))
        if agency(link) in chart:
            assert link.get_text(strip=True) == chart[agency(link)]
    for path in sorted((sample_site / "commitments").glob("**/index.html")):
        for entry in entries(parse(path)):
            links = entry.select(".da-entry__summary")[0].select("a")  # its agency, who has it now
            named += [(agency(a), a.get_text(strip=True)) for a in links]
    short = {registry[a]["short_name"] for a, _ in named if registry[a].get("short_name")}
    assert {"Bộ phận TN&TKQ quận", "Chi nhánh VPĐKĐĐ Cẩm Lệ"} <= short  # else this could not tell
    for agency_id, text in named:
        name = registry[agency_id]["name"]  # told apart from a namesake by a bracket after it
        assert text == name or text.startswith(f"{name} ("), (agency_id, text)
    # Nor do the item lists of the topic pages ("Trả lời: Bộ phận TN&TKQ quận"): a short name
    # that no full name contains is one a reader would meet there.
    unreadable = {a["short_name"] for a in registry.values() if a.get("short_name")
                  and not any(a["short_name"] in b["name"] for b in registry.values())}
    assert "Bộ phận TN&TKQ quận" in unreadable
    answered = " ".join(meta.get_text(" ", strip=True)
                        for path in sorted((sample_site / "topics").glob("*/index.html"))
                        for meta in parse(path).select(".da-group .da-entry__meta"))
    assert "Bộ phận Tiếp nhận và Trả kết quả quận Cẩm Lệ" in answered
    assert not [short for short in unreadable if short in answered]


def test_session_page_shows_status_due_agency_and_timeline(sample_site) -> None:
    session, _, c = next((s, i, c) for s, i, c in raw_commitments() if c.get("updates"))
    html = parse(sample_site / f"sessions/{session.meta['date'].year}/{session.id}/index.html")
    block = html.find(id=f"cam-ket-{c['id']}")
    assert VI["commitment_status"][c.get("status", "pending")] in block.get_text()
    assert block.select_one("time")["datetime"] == c["due"].isoformat()
    assert len(block.select("ol.da-timeline li")) == len(c["updates"])
    as_of = f"ngày {SAMPLE_BUILD_DATE.day} tháng {SAMPLE_BUILD_DATE.month} năm {SAMPLE_BUILD_DATE.year}"
    assert as_of in parse(sample_site / "commitments/index.html").select_one("main").get_text()


def test_a_promise_kept_after_its_due_date_says_so_where_its_status_is_shown(tmp_path: Path) -> None:
    """A promise done late looked exactly like one done on time on its session page and in the
    commitments lists; only the statistics and open data said 'Hoàn thành sau hạn'."""
    content = make_archive(tmp_path / "content", sessions=2)
    late, on_time = sorted((content / "sessions").glob("*/*/answers.yaml"))
    for answers, day in ((late, "2025-02-10"), (on_time, "2024-12-20")):
        replace(answers, "status: in_progress", "status: done\n        updates:\n"
                f"          - date: {day}\n            status: done\n            note: Đã gửi văn bản.")
    site = build_archive(content, tmp_path)
    done, said = VI["commitment_status"]["done"], VI["deadline_outcome"]["late"]

    def shown(block) -> str:
        return " ".join(block.get_text().split())

    for answers, is_late in ((late, True), (on_time, False)):
        page = parse(site / answers.parent.relative_to(content) / "index.html")
        for block in (page.select_one(".da-commitment__head"), page.select_one(".da-item__meta")):
            assert (f"{done}, {said}" in shown(block)) is is_late, shown(block)
            assert f"{done}" in shown(block)
    for listing in ("commitments", "commitments/status/done"):
        entries = parse(site / listing / "index.html").select(".da-commitment-entry")
        assert sorted(f"{done}, {said}" in shown(e.select_one(".da-entry__meta")) for e in entries) \
            == [False, True], listing
        late_one = next(e for e in entries if said in shown(e))
        assert late_one.select_one(".da-status--late").get_text() == said


def test_an_unfinished_commitment_of_a_dissolved_agency_names_who_carries_it_now(
        tmp_path: Path) -> None:
    """The 2025 reorganisation dissolved district offices: a citizen following a promise must
    see which office answers for it today, on the commitments page and on the session page."""
    content = make_archive(tmp_path / "content", sessions=7)
    agencies = content / "registry" / "agencies.yaml"
    replace(agencies, "  short_name: Phòng QLĐT\n  parent: ubnd-quan-cam-le\n",
            "  short_name: Phòng QLĐT\n  parent: ubnd-quan-cam-le\n  valid_until: 2025-06-30\n"
            "  succeeded_by: phong-kinh-te-ha-tang-do-thi\n- id: phong-kinh-te-ha-tang-do-thi\n"
            "  name: Phòng Kinh tế, Hạ tầng và Đô thị phường Cẩm Lệ\n  short_name: Phòng KT, HT&ĐT\n"
            "  valid_from: 2025-07-01\n")
    files = sorted((content / "sessions").glob("*/*/answers.yaml"))
    first, second, third, fourth, fifth, sixth, seventh = files
    for answers, status in ((first, "done"), (second, "in_progress"), (third, "in_progress"),
                            (fourth, "pending"), (fifth, "in_progress"), (sixth, "in_progress"),
                            (seventh, "in_progress")):
        replace(answers, "      - id: kien-nghi-don-gian-hoa\n        by: ubnd-quan-cam-le",
                "      - id: kien-nghi-don-gian-hoa\n        by: phong-quan-ly-do-thi")
        replace(answers, "status: in_progress", f"status: {status}")
    # An update after the office ended says itself who took the file over: no guess then.
    replace(third, "status: in_progress", "status: in_progress\n        updates:\n"
            "          - date: 2025-09-01\n            status: in_progress\n"
            "            note: Hồ sơ đã bàn giao cho UBND phường Hòa Xuân.")
    # So does an update before it ended that names another agency: that agency carries it
    # (README; it used to be left to the reader, 'xem cập nhật tiến độ': a review's find).
    replace(fourth, "status: pending", "status: pending\n        updates:\n"
            "          - date: 2025-06-25\n            status: pending\n"
            "            note: Chưa thực hiện; bàn giao hồ sơ cho Phòng Tư pháp từ 01/7/2025.")
    # An agency named without handing anything over is no new owner (a review helper's cases),
    replace(fifth, "status: in_progress", "status: in_progress\n        updates:\n"
            "          - date: 2025-04-01\n"
            "            note: Đã trình UBND quận Cẩm Lệ phê duyệt kinh phí.")
    # and an update after the office ended that names the registry's successor confirms it.
    replace(sixth, "status: in_progress", "status: in_progress\n        updates:\n"
            "          - date: 2025-08-10\n            status: in_progress\n"
            "            note: Phòng KT, HT&ĐT đã tiếp nhận hồ sơ theo dõi.")
    # A note after the office ended that hands nothing over ('chuyên viên' is no 'chuyển'):
    # nobody is known to carry it.
    replace(seventh, "status: in_progress", "status: in_progress\n        updates:\n"
            "          - date: 2025-08-10\n            status: in_progress\n"
            "            note: Chuyên viên UBND quận Cẩm Lệ đã kiểm tra thực địa.")
    site = build_archive(content, tmp_path)
    responsible = sorted(" ".join(entry.select(".da-entry__summary")[0].get_text().split())
                         for entry in parse(site / "commitments" / "index.html")
                         .select(".da-commitment-entry"))
    office = "Cơ quan chịu trách nhiệm: Phòng Quản lý đô thị quận Cẩm Lệ"  # in full in the lists
    assert responsible == [  # the kept one needs nobody now; the others say the office is gone
        office] + [  # 'UBND phường Hòa Xuân' is no agency here
        f"{office} (cơ quan hoạt động đến hết 30/6/2025; chưa xác định đơn vị tiếp nhận)"] * 2 + [
        f"{office} (nay thuộc trách nhiệm của Phòng Kinh tế, Hạ tầng và Đô thị phường Cẩm Lệ)"] * 3 + [
        f"{office} (nay thuộc trách nhiệm của Phòng Tư pháp quận Cẩm Lệ)"]
    page = parse(site / second.parent.relative_to(content) / "index.html")
    head = page.select_one(".da-commitment__head")
    assert "Phòng QLĐT (nay thuộc trách nhiệm của Phòng KT, HT&ĐT) ·" in " ".join(head.get_text().split())
    assert head.select("a")[-1]["href"].endswith("agencies/phong-kinh-te-ha-tang-do-thi/")
    gone = parse(site / fourth.parent.relative_to(content) / "index.html").select_one(".da-commitment__head")
    assert "Phòng QLĐT (nay thuộc trách nhiệm của Phòng Tư pháp) ·" in " ".join(gone.get_text().split())
    assert gone.select("a")[-1]["href"].endswith("agencies/phong-tu-phap/")
    # The office that carries it says so on its own page, though it made no commitment itself.
    carrier = parse(site / "agencies" / "phong-kinh-te-ha-tang-do-thi" / "index.html")
    said = carrier.select_one(".da-inherited")
    assert said is not None and "3 cam kết chưa hoàn thành" in " ".join(said.get_text().split())
    assert said.select_one("a")["href"].endswith("commitments/agency/phong-kinh-te-ha-tang-do-thi/")


def test_a_referral_to_a_dissolved_agency_awaiting_its_answer_names_who_has_it_now(
        tmp_path: Path) -> None:
    """A review's find: a question referred to an office since dissolved said only "Chuyển đến"
    that office; a citizen following it up is told which office has its work today, as a
    commitment's reader is. Once that office has answered, nothing more is said."""
    content = make_archive(tmp_path / "content", sessions=2)
    replace(content / "registry" / "agencies.yaml",
            "  short_name: Phòng Tư pháp\n  parent: ubnd-quan-cam-le\n",
            "  short_name: Phòng Tư pháp\n  parent: ubnd-quan-cam-le\n  valid_until: 2025-06-30\n"
            "  succeeded_by: phong-van-hoa-xa-hoi\n- id: phong-van-hoa-xa-hoi\n"
            "  name: Phòng Văn hóa - Xã hội phường Cẩm Lệ\n  short_name: Phòng VH-XH\n"
            "  valid_from: 2025-07-01\n")
    awaiting, answered = sorted((content / "sessions").glob("*/*/answers.yaml"))
    for answers in (awaiting, answered):
        replace(answers, "      - by: phong-quan-ly-do-thi\n",
                "      - by: phong-quan-ly-do-thi\n        mode: referred\n"
                "        referred_to: phong-tu-phap\n")
    replace(answered, "        text: Phòng sẽ rà soát và kiến nghị cấp trên.\n",
            "        text: Phòng sẽ rà soát và kiến nghị cấp trên.\n      - by: phong-tu-phap\n"
            "        mode: in_writing\n        text: Phòng Tư pháp đã trả lời bằng văn bản.\n")
    site = build_archive(content, tmp_path)
    heads = [" ".join(parse(site / answers.parent.relative_to(content) / "index.html")
                      .select_one(".da-answer__by").get_text().split())
             for answers in (awaiting, answered)]
    assert heads[0] == ("Phòng QLĐT · Chuyển đến Phòng Tư pháp (nay thuộc trách nhiệm của "
                        "Phòng VH-XH)"), heads
    assert heads[1] == "Phòng QLĐT · Chuyển đến Phòng Tư pháp", heads


def test_an_agencys_inherited_unfinished_commitments_are_those_not_started_or_in_progress(
        sample_site: Path) -> None:
    """An agency's page said '3 cam kết chưa hoàn thành' of the units now gone it carries,
    counting the two escalated to a higher level ('Đã chuyển cấp trên'), where the commitments'
    pages say 'Chưa hoàn thành (chưa thực hiện, đang thực hiện)': its count is now that of its
    list's inherited entries not started or in progress."""
    entries = [" ".join(e.get_text().split()) for e in parse(
        sample_site / "commitments" / "agency" / "ubnd-phuong-cam-le" / "index.html")
        .select(".da-commitment-entry")]
    inherited = [e for e in entries if "(nay thuộc trách nhiệm của Ủy ban nhân dân phường Cẩm Lệ)" in e]
    unfinished = [e for e in inherited if any(f" {VI['commitment_status'][s]}" in e
                                              for s in ("pending", "in_progress"))]
    assert len(inherited) == 3 and len(unfinished) == 1  # the sample's two others are escalated
    said = " ".join(parse(sample_site / "agencies" / "ubnd-phuong-cam-le" / "index.html")
                    .select_one(".da-inherited").get_text().split())
    assert f": {len(unfinished)} cam kết chưa hoàn thành." in said


def test_an_agencys_page_adds_up_to_its_commitments_list(sample_site: Path) -> None:
    """UBND phường Cẩm Lệ's scorecard said 3, its sentence 1 unfinished carried for a unit now
    gone, and both linked to a list of 6 (a numbers audit's find): the 2 escalated commitments
    it carries were said nowhere. The scorecard and the carried commitments the page names, by
    status, now add up to the list, for every agency."""
    said_numbers = [re.compile(r"(\d+) cam kết chưa hoàn thành\."),
                    re.compile(r"(\d+) cam kết đã chuyển cấp trên")]
    checked = []
    for page in sorted((sample_site / "commitments" / "agency").glob("*/index.html")):
        listed = len(parse(page).select(".da-commitment-entry"))
        agency = parse(sample_site / "agencies" / page.parent.name / "index.html")
        total = agency.select_one(".da-scorecard__figures dd")
        carried = agency.select_one(".da-inherited")
        sentence = " ".join(carried.get_text().split()) if carried else ""
        said = [int(m[1]) for pattern in said_numbers if (m := pattern.search(sentence))]
        assert (int(total.get_text()) if total else 0) + sum(said) == listed, (page.parent.name, sentence)
        checked.append(page.parent.name)
    assert "ubnd-phuong-cam-le" in checked
    sentence = " ".join(parse(sample_site / "agencies" / "ubnd-phuong-cam-le" / "index.html")
                        .select_one(".da-inherited").get_text().split())
    assert "2 cam kết đã chuyển cấp trên của đơn vị đã sáp nhập hoặc giải thể" in sentence, sentence


def test_a_note_that_denies_a_handover_hands_nothing_over(tmp_path: Path) -> None:
    """'Chưa bàn giao hồ sơ cho X' named X the carrier on the pages, in commitments.csv and on
    X's page, and 'X chưa tiếp nhận' sent the reader to the updates for a receiver (a review's
    finds): a denied handover leaves the promise with no known receiver."""
    content = make_archive(tmp_path / "content", sessions=2)
    replace(content / "registry" / "agencies.yaml", "  short_name: Phòng QLĐT\n  parent: ubnd-quan-cam-le\n",
            "  short_name: Phòng QLĐT\n  parent: ubnd-quan-cam-le\n  valid_until: 2025-06-30\n"
            "  succeeded_by: phong-kinh-te-ha-tang-do-thi\n- id: phong-kinh-te-ha-tang-do-thi\n"
            "  name: Phòng Kinh tế, Hạ tầng và Đô thị phường Cẩm Lệ\n  short_name: Phòng KT, HT&ĐT\n"
            "  valid_from: 2025-07-01\n")
    for answers, note in zip(sorted((content / "sessions").glob("*/*/answers.yaml")), (
            "Chưa bàn giao hồ sơ cho Phòng Kinh tế, Hạ tầng và Đô thị phường Cẩm Lệ do còn thiếu tài liệu.",
            "Phòng Tư pháp chưa tiếp nhận vì chưa có quyết định phân công."), strict=True):
        replace(answers, "      - id: kien-nghi-don-gian-hoa\n        by: ubnd-quan-cam-le",
                "      - id: kien-nghi-don-gian-hoa\n        by: phong-quan-ly-do-thi")
        replace(answers, "status: in_progress", "status: in_progress\n        updates:\n"
                f"          - date: 2025-08-01\n            status: in_progress\n            note: {note}")
    site = build_archive(content, tmp_path)
    responsible = [" ".join(entry.select(".da-entry__summary")[0].get_text().split())
                   for entry in parse(site / "commitments" / "index.html").select(".da-commitment-entry")]
    assert responsible == ["Cơ quan chịu trách nhiệm: Phòng Quản lý đô thị quận Cẩm Lệ (cơ quan hoạt "
                           "động đến hết 30/6/2025; chưa xác định đơn vị tiếp nhận)"] * 2
    rows = list(csv.DictReader(io.StringIO(
        (site / "data" / "commitments.csv").read_text(encoding="utf-8-sig"), newline="")))
    assert [row["now_by_ids"] for row in rows] == ["", ""]
    carrier = parse(site / "agencies" / "phong-kinh-te-ha-tang-do-thi" / "index.html")
    assert carrier.select_one(".da-inherited") is None


@pytest.mark.parametrize(("note", "carrier"), [
    ("Chưa thực hiện; bàn giao hồ sơ cho Phòng Tư pháp từ 01/7/2025.", "phong-tu-phap"),
    ("Phòng Tư pháp đã tiếp nhận hồ sơ theo dõi.", "phong-tu-phap"),
    ("Ban giao ho so cho Phong Tu phap.", "phong-tu-phap"),
    # a letter received from an agency, a paper sent to one: no file handed over (a review's
    # finds, which named them the carrier)
    ("Đã tiếp nhận văn bản trả lời của Phòng Tư pháp; đang hoàn thiện hồ sơ.", None),
    ("Đã chuyển Phòng Tư pháp thẩm định dự thảo.", None),
    ("Bàn giao hồ sơ cho Phòng Tư pháp và UBND quận Cẩm Lệ.", None),  # two: left to the reader
    ("Phòng Tư pháp đã nhận bàn giao hồ sơ.", "phong-tu-phap"),  # a review's find
    ("UBND quận Cẩm Lệ đã nhận bàn giao mặt bằng từ chủ đầu tư.", None),  # a site, not the file
    # a denied handover gives nothing; a later one in the same note still does
    ("Không được bàn giao hồ sơ cho Phòng Tư pháp.", None),
    ("Phòng Tư pháp từ chối tiếp nhận hồ sơ.", None),
    ("Chua chuyen ho so sang Phong Tu phap.", None),
    ("Chưa bàn giao được vì thiếu tài liệu; nay đã bàn giao hồ sơ cho Phòng Tư pháp.", "phong-tu-phap"),
    # denials a review found still read as handovers: 'giao cho' after a denied 'chuyển', and
    # words between the denial and the verb; the 'không' of 'hàng không' denies nothing
    ("Chưa chuyển giao hồ sơ cho Phòng Tư pháp.", None),
    ("chua chuyen giao ho so cho Phong Tu phap.", None),
    ("Chưa thực hiện bàn giao hồ sơ cho Phòng Tư pháp.", None),
    ("Chưa có quyết định bàn giao hồ sơ cho Phòng Tư pháp.", None),
    ("Cảng hàng không bàn giao hồ sơ cho Phòng Tư pháp.", "phong-tu-phap"),
    ("Không, đã bàn giao hồ sơ cho Phòng Tư pháp.", "phong-tu-phap"),  # 'đã': it was done
    # an agency named as the one NOT given the file is not a second receiver (it left the
    # note open, 'xem cập nhật tiến độ')
    ("Chưa bàn giao cho UBND quận Cẩm Lệ; nay đã bàn giao hồ sơ cho Phòng Tư pháp.", "phong-tu-phap"),
])
def test_a_handover_to_an_agency_the_registry_does_not_name_names_it_in_so_many_words(
        tmp_path: Path, note: str, carrier: str | None) -> None:
    assert carried_by(tmp_path, "", "in_progress", "2025-06-25", note) == ((carrier,) if carrier else ())


@pytest.mark.parametrize(("day", "carrier"), [
    ("2024-10-12", "phong-kinh-te-ha-tang-do-thi"),  # the escalation itself: the successor
    ("2025-08-01", None),  # after the office ended: a file sent on, to whom the words leave open
])
def test_a_note_written_before_the_agency_ended_hands_over_only_in_so_many_words(
        tmp_path: Path, day: str, carrier: str | None) -> None:
    """An escalated promise's note of 2023, 'đã có văn bản chuyển kiến nghị đến Công an thành
    phố', took the district's file from its successor and left it to the reader (a review's
    find in the sample)."""
    successor = ("  succeeded_by: phong-kinh-te-ha-tang-do-thi\n- id: phong-kinh-te-ha-tang-do-thi\n"
                 "  name: Phòng Kinh tế, Hạ tầng và Đô thị phường Cẩm Lệ\n  valid_from: 2025-07-01\n")
    assert carried_by(tmp_path, successor, "escalated", day,
                      "Đã có văn bản chuyển kiến nghị đến Phòng Tư pháp.") == ((carrier,) if carrier else ())


@pytest.mark.parametrize("note", ["Chưa bàn giao hồ sơ cho UBND quận Cẩm Lệ.",
                                  "Chưa, bàn giao hồ sơ cho UBND quận Cẩm Lệ.",
                                  "Không — chuyển hồ sơ sang UBND quận Cẩm Lệ.",
                                  "Chưa - bàn giao hồ sơ cho UBND quận Cẩm Lệ."])
def test_a_denial_set_apart_by_a_comma_or_a_dash_still_denies_the_handover(tmp_path: Path,
                                                                           note: str) -> None:
    """'Chưa, bàn giao hồ sơ cho X' after the file went to Phòng Tư pháp was read as a handover
    naming nobody, and the promise had no known receiver on the site, where 'Chưa bàn giao …'
    left it with Phòng Tư pháp (a review's find): a comma or a dash after the denial denies the
    verb as well; a ';' still ends its clause ('Chưa thực hiện; bàn giao …' hands over)."""
    assert carried_by(tmp_path, "", "in_progress", "2025-08-01", note,
                      earlier=("2025-07-05", "Đã bàn giao hồ sơ cho Phòng Tư pháp.")) == ("phong-tu-phap",)


def carried_by(tmp_path: Path, successor: str, status: str, day: str, note: str,
               earlier: tuple[str, str] | None = None) -> tuple[str, ...]:
    """Who carries a commitment of Phòng QLĐT, which ended on 30/06/2025 (`successor`: the
    registry's lines naming who succeeded it), after one update dated `day` saying `note`
    (and `earlier`, the day and note of an update before it)."""
    content = make_archive(tmp_path / "content", sessions=1)
    replace(content / "registry" / "agencies.yaml", "  short_name: Phòng QLĐT\n  parent: ubnd-quan-cam-le\n",
            "  short_name: Phòng QLĐT\n  parent: ubnd-quan-cam-le\n  valid_until: 2025-06-30\n" + successor)
    answers = next((content / "sessions").glob("*/*/answers.yaml"))
    replace(answers, "      - id: kien-nghi-don-gian-hoa\n        by: ubnd-quan-cam-le",
            "      - id: kien-nghi-don-gian-hoa\n        by: phong-quan-ly-do-thi")
    updates = [earlier] if earlier else []
    replace(answers, "status: in_progress", f"status: {status}\n        updates:\n" + "".join(
        f"          - date: {when}\n            note: {said}\n" for when, said in [*updates, (day, note)]))
    archive, log = load_archive(content, SAMPLE_BUILD_DATE)
    assert not log.errors, log.errors
    commitment = next(c for s in archive.sessions for i in s.items for c in i.commitments)
    return Carriers(archive).now_responsible_ids(commitment)


def test_an_item_says_whether_its_promise_was_kept_before_its_texts(sample_site) -> None:
    """On a phone the commitment is screens below the question: its status leads the item."""
    records = raw_commitments()
    checked = 0
    for page_path in sorted((sample_site / "sessions").glob("*/*/index.html")):
        for item in parse(page_path).select("article.da-item"):
            cards = item.select(".da-commitment")
            meta = item.select_one(".da-item__meta")
            links = meta.select("a[href^='#cam-ket-']")
            assert [a["href"][1:] for a in links] == [c["id"] for c in cards]
            for link, card in zip(links, cards, strict=True):
                assert link.find_next("span").get_text() == card.select_one(".da-status").get_text()
                checked += 1
    assert checked == len(records)
