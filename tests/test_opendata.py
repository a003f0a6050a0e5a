"""Open data: archive.json validates against schema.json and holds every item of the content,
items.csv opens in the csv module, per-session files, and drafts/scheduled never appear."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import importlib.util
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import CONTENT, SAMPLE_BUILD_DATE, build_archive, copy_sample, make_archive, parse, replace
from dialogue_archive.core.labels import VI
from dialogue_archive.core.opendata import COMMITMENT_COLUMNS, CSV_COLUMNS
from jsonschema import Draft202012Validator
from sample_records import raw_commitments, raw_done_date, raw_names, raw_overdue, raw_sessions


def load(site: Path, name: str) -> dict:
    return json.loads((site / "data" / name).read_text(encoding="utf-8"))


def norm(text: str) -> str:
    return " ".join(str(text).split())


def as_exported(text: str) -> str:
    """A text of the sample as open data carries it: a link to another session's item is a full
    address, read outside the site."""
    return re.sub(r"\]\(\.\./\.\./(\d{4})/([^/)]+)/index\.md(#[^)]*)?\)",
                  r"](https://doithoai.example.vn/sessions/\1/\2/\3)", norm(text))


def test_questions_sent_in_before_a_session_are_told_apart_in_the_csv(tmp_path: Path) -> None:
    """An announced session may list questions sent in before it (README); the statistics do
    not count them, and items.csv says which rows they are (a review counted them as held)."""
    content = copy_sample(tmp_path / "content")
    announced = "2026-12-15-tiep-cong-dan-dinh-ky-thang-12"
    (content / "sessions/2026" / announced / "answers.yaml").write_text(
        "items:\n  - id: hoi-truoc-ve-so-do\n    type: question\n    asker: {label: Một hộ dân}\n"
        "    topics: [dat-dai]\n    text: Hồ sơ cấp giấy chứng nhận nộp từ tháng 9 chưa có kết quả.\n",
        encoding="utf-8")
    site = build_archive(content, tmp_path)
    raw = (site / "data/items.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw, newline="")))
    assert {r["session_held"] for r in rows if r["session_id"] == announced} == {"false"}
    held_items = {(r["session_id"], r["item_id"]) for r in rows if r["session_held"] == "true"}
    assert {r["session_id"] for r in rows if r["session_held"] == "true"} \
        == {s["id"] for s in load(site, "archive.json")["sessions"] if s["held"]} - {announced} \
        - {s["id"] for s in load(site, "archive.json")["sessions"] if not s["items"]}
    counted = parse(site / "statistics/index.html").get_text(" ")
    assert f"{len(held_items)} ý kiến, câu hỏi" in norm(counted), len(held_items)
    # The open-data page's example of a session's file, and of citing an item, is a held
    # session's: it was the newest session with items, the announced one.
    page = parse(site / "open-data/index.html")
    held = "2026-04-16-doi-thoai-lien-thong-khai-sinh-thuong-tru-bhyt"
    assert [a["href"] for a in page.select("a[href*='data/sessions/']")] == [f"../data/sessions/{held}.json"]
    assert f"/sessions/2026/{held}/#" in page.select_one(".da-citation a")["href"]


def test_archive_json_validates_against_its_schema(sample_site) -> None:
    schema = load(sample_site, "schema.json")
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    errors = list(Draft202012Validator(schema).iter_errors(load(sample_site, "archive.json")))
    assert not errors, errors[:3]
    # every property of every object is required (nullable where it may be empty), so types
    # generated from the schema are alike: the chair's agency id was the only optional one
    assert all(set(d.get("required", [])) == set(d["properties"])
               for d in schema["$defs"].values() if "properties" in d)
    # the schema is strict enough to catch a broken record
    broken = load(sample_site, "archive.json")
    del next(s for s in broken["sessions"] if s["items"])["items"][0]["text"]
    assert list(Draft202012Validator(schema).iter_errors(broken))


def test_the_schema_lists_every_code_and_refuses_a_wrong_one(sample_site) -> None:
    """A mistyped code ('finished' for a status) must not validate: coded fields are enums."""
    schema = load(sample_site, "schema.json")
    validator = Draft202012Validator(schema)
    data = load(sample_site, "archive.json")
    item = next(i for s in data["sessions"] for i in s["items"] if i["answers"] and i["commitments"])
    commitment = next(c for i in (i for s in data["sessions"] for i in s["items"])
                      for c in i["commitments"] if c["updates"] and c["updates"][-1]["status"])
    wrong = [(data["sessions"][0], "kind"), (item, "type"), (item, "outcome"), (item["asker"], "kind"),
             (item["answers"][0], "mode"), (item["commitments"][0], "status"),
             (item["commitments"][0], "deadline"), (commitment["updates"][-1], "status"),
             (data["places"][0], "kind")]
    for record, field in wrong:
        kept = record[field]
        record[field] = "finished"
        assert list(validator.iter_errors(data)), field
        record[field] = kept
    assert not list(validator.iter_errors(data))
    codes = {name: d["enum"] for name, d in schema["$defs"].items() if "enum" in d}
    assert codes["CommitmentStatus"] == list(VI["commitment_status"])
    assert codes["Deadline"] == list(VI["deadline_outcome"])
    assert codes["Outcome"] == list(VI["outcome"])


def test_archive_json_round_trips_every_item(sample_site) -> None:
    data = load(sample_site, "archive.json")
    sessions = {s["id"]: s for s in data["sessions"]}
    raw = raw_sessions()
    assert set(sessions) == {s.id for s in raw}
    names = {a["id"]: a["name"] for a in data["agencies"]}
    for session in raw:
        exported = sessions[session.id]
        assert exported["title"] == session.meta["title"]
        assert exported["date"] == session.meta["date"].isoformat()
        assert exported["organizer"] == {"id": session.meta["organizer"],
                                         "name": names[session.meta["organizer"]]}
        assert [i["id"] for i in exported["items"]] == [i["id"] for i in session.items]
        for item, out in zip(session.items, exported["items"], strict=True):
            assert out["url"] == (f"https://doithoai.example.vn/sessions/{session.meta['date'].year}/"
                                  f"{session.id}/#{item['id']}")
            assert norm(out["text"]) == as_exported(item["text"])
            assert out["type"] == item["type"]
            assert [t["id"] for t in out["topics"]] == item["topics"]
            answers = item.get("answers") or []
            assert [(a["by"]["id"], a["by"]["name"], norm(a["text"])) for a in out["answers"]] == [
                (a["by"], names[a["by"]], norm(a.get("text", ""))) for a in answers]
            for c, o in zip(item.get("commitments") or [], out["commitments"], strict=True):
                assert (o["id"], o["by"]["id"], o["status"]) == (c["id"], c["by"], c.get("status", "pending"))
                assert o["overdue"] is raw_overdue(c)
                done = raw_done_date(c)
                assert o["done_date"] == (done.isoformat() if done else None)
                assert len(o["updates"]) == len(c.get("updates") or [])
    assert data["build_date"] == SAMPLE_BUILD_DATE.isoformat()
    assert data["licence"]["name"] == "CC BY 4.0"


def test_an_announced_session_is_told_apart_from_a_held_one(sample_site) -> None:
    """A session announced ahead of its day is in archive.json: `held` says it has not taken
    place yet, as its page's "Sắp diễn ra" flag does."""
    sessions = load(sample_site, "archive.json")["sessions"]
    for session in sessions:
        page = parse(sample_site / "sessions" / session["date"][:4] / session["id"] / "index.html")
        assert session["held"] is not bool(page.select(".da-kicker .da-flag")), session["id"]
    assert {s["held"] for s in sessions} == {True, False}
    held = sum(s["held"] for s in sessions)
    figures = parse(sample_site / "statistics/index.html").select_one("main").get_text(" ")
    assert f"{held} phiên đối thoại" in norm(figures)


def test_an_empty_item_list_reads_as_a_record_to_follow(sample_site) -> None:
    """`items: []` could be read as 'nobody raised a question'; the site says the record will
    follow (an announced session's answers.yaml is `items: []` too), and so do the data's field
    descriptions."""
    empty = [s for s in load(sample_site, "archive.json")["sessions"] if not s["items"]]
    assert empty
    for session in empty:
        page = parse(sample_site / "sessions" / session["date"][:4] / session["id"] / "index.html")
        assert "sẽ được cập nhật sau" in norm(page.select_one("main").get_text(" "))
    described = load(sample_site, "schema.json")["$defs"]["Session"]["properties"]["items"]["description"]
    assert "Danh sách rỗng nghĩa là biên bản chưa được cập nhật" in described
    assert "sẽ được cập nhật sau" in described


def test_session_files_are_sessions_of_the_schema(sample_site) -> None:
    schema = load(sample_site, "schema.json")
    session_schema = {"$schema": schema["$schema"], "$defs": schema["$defs"],
                      "$ref": "#/$defs/SessionFile"}
    validator = Draft202012Validator(session_schema)
    archive = load(sample_site, "archive.json")
    files = sorted((sample_site / "data/sessions").glob("*.json"))
    assert [f.stem for f in files] == sorted(s["id"] for s in archive["sessions"])
    head = ("format_version", "build_date", "site_url", "publisher", "licence")
    for session in archive["sessions"]:
        data = load(sample_site, f"sessions/{session['id']}.json")
        assert not list(validator.iter_errors(data))
        # a saved copy says as of which day `overdue` holds, whose data it is and its licence
        assert list(data)[:len(head)] == list(head)
        assert {key: data.pop(key) for key in head} == {key: archive[key] for key in head}
        assert data == session
        # the session's page offers its own file, to a journalist who found it there
        page = sample_site / "sessions" / session["date"][:4] / session["id"] / "index.html"
        link = parse(page).find("a", string="JSON")
        assert (page.parent / link["href"]).resolve() == (sample_site / "data/sessions" /
                                                          f"{session['id']}.json").resolve()


def test_items_csv_has_one_row_per_item_answer(sample_site) -> None:
    raw = (sample_site / "data/items.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    expected = [(s.id, item["id"], str(n) if answers else "")
                for s in sorted(raw_sessions(), key=lambda s: s.meta["date"], reverse=True)
                for item in s.items
                for answers in [item.get("answers") or []]
                for n in (range(1, len(answers) + 1) if answers else [0])]
    assert sorted((r["session_id"], r["item_id"], r["answer_number"]) for r in rows) == sorted(expected)
    unanswered = [r for r in rows if not r["answer_number"]]
    assert all(r["answer_by"] == "" and r["outcome"] == "not_answered" for r in unanswered)
    # an item's commitment counts on its first row only: summing the column in a spreadsheet
    # gives the archive's count (a reviewer's pandas sum said 24 for 22 when every row had them)
    assert sum(int(r["commitments"] or 0) for r in rows) == len(raw_commitments())
    assert sum(int(r["commitments_overdue"] or 0) for r in rows) \
        == sum(raw_overdue(c) for _, _, c in raw_commitments())
    later = [r for r in rows if r["answer_number"] not in ("", "1")]
    assert later and all(r["commitments"] == r["commitments_overdue"] == "" for r in later)
    assert all(r["commitments"] for r in rows if r["answer_number"] in ("", "1"))
    assert any("ư" in r["item_text"] or "đ" in r["item_text"] for r in rows)
    # the asker's place by its id: two places share the name "Phường Hòa Xuân"
    places = {(s.id, item["id"]): (item["asker"].get("place") or "") for s in raw_sessions()
              for item in s.items}
    assert "phuong-hoa-xuan" in {r["asker_place_id"] for r in rows}
    assert all(r["asker_place_id"] == places[r["session_id"], r["item_id"]] for r in rows)
    # each name column gives the registry's name of the id beside it, as a reader of the sheet
    # without the registries needs it
    agencies, places_named, topics = raw_names("agencies"), raw_names("places"), raw_names("topics")
    meta = {s.id: s.meta for s in raw_sessions()}
    for r in rows:
        assert (r["organizer_id"], r["place_id"]) == (meta[r["session_id"]]["organizer"],
                                                      meta[r["session_id"]]["place"])
        assert r["organizer"] == agencies[r["organizer_id"]]
        assert r["place"] == places_named[r["place_id"]]
        assert r["asker_place"] == places_named.get(r["asker_place_id"], "")
        assert r["answer_by"] == agencies.get(r["answer_by_id"], "")
        assert r["answer_referred_to"] == agencies.get(r["answer_referred_to_id"], "")
        assert r["topics"] == "; ".join(topics[t] for t in r["topic_ids"].split("; ") if t)
    assert all(r["topic_ids"] for r in rows) and any(r["answer_referred_to_id"] for r in rows)
    # commitments_overdue says on which day it was counted, as commitments.csv does
    assert {r["as_of"] for r in rows} == {SAMPLE_BUILD_DATE.isoformat()}
    # codes and their Vietnamese labels side by side, as for the item type
    assert {r["session_kind"] for r in rows} <= set(VI["session_kind"])
    assert all(r["session_kind_label"] == VI["session_kind"][r["session_kind"]] for r in rows)


def test_csv_files_are_written_as_the_csv_module_writes_their_cells(sample_site) -> None:
    """Each session's rows are written out once and kept in the cache without their `as_of`
    (core/opendata.py, `_holed`): every CSV file must still be byte for byte what the csv
    module's "excel" dialect writes of its cells, after a BOM, with CRLF line ends."""
    files = sorted((sample_site / "data").rglob("*.csv"))
    assert len(files) > 4
    cells = set()
    for path in files:
        raw = path.read_bytes().decode("utf-8")
        rows = list(csv.reader(io.StringIO(raw.removeprefix("\ufeff"), newline="")))
        again = io.StringIO(newline="")
        csv.writer(again, lineterminator="\r\n").writerows(rows)
        assert raw == "\ufeff" + again.getvalue(), path
        cells |= {cell for row in rows for cell in row}
    assert any("\n" in cell for cell in cells) and any('"' in cell for cell in cells)  # quoted
    assert "" in cells  # written empty (the csv module writes a lone empty cell as "")


def test_commitments_csv_has_one_row_per_promise_with_its_status(sample_site) -> None:
    """A journalist checks in a spreadsheet whether promises were kept: every published
    commitment once, with its agency, due date, status, overdue flag and latest update."""
    raw = (sample_site / "data/commitments.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert tuple(rows[0].keys()) == COMMITMENT_COLUMNS
    by_id = {r["commitment_id"]: r for r in rows}
    expected = raw_commitments()
    assert len(rows) == len(by_id) == len(expected) > 5
    for session, item, c in expected:
        row = by_id[c["id"]]
        assert (row["session_id"], row["item_id"], row["by_id"]) == (session.id, item["id"], c["by"])
        assert row["status"] == c.get("status", "pending")
        assert row["item_type_label"] == VI["item_type"][item["type"]]  # beside its code, as in items.csv
        assert row["due"] == (c["due"].isoformat() if c.get("due") else "")
        assert row["overdue"] == ("true" if raw_overdue(c) else "false")
        done = raw_done_date(c)
        assert row["done_date"] == (done.isoformat() if done else "")
        updates = c.get("updates") or []
        assert row["updates"] == str(len(updates))
        assert row["last_update_date"] == (updates[-1]["date"].isoformat() if updates else "")
        assert row["commitment_url"].endswith(f"/{session.id}/#cam-ket-{c['id']}"), row["commitment_url"]
    assert any(r["overdue"] == "true" for r in rows) and any(r["status"] == "done" for r in rows)
    # a saved copy still says on which day "overdue" was true, as the open-data page does
    assert {r["as_of"] for r in rows} == {SAMPLE_BUILD_DATE.isoformat()}
    page = parse(sample_site / "open-data/index.html").select_one("main").get_text(" ")
    day = SAMPLE_BUILD_DATE
    assert f"Dữ liệu được tạo ngày {day.day} tháng {day.month} năm {day.year}; các trường overdue" in page


def test_commitments_of_an_agency_today_as_the_site_lists_them(sample_site) -> None:
    """'Which commitments of agency X are overdue today' is answered from the data as the site
    answers it: a dissolved agency's unfinished promise is carried by the unit that took over."""
    rows = list(csv.DictReader(io.StringIO(
        (sample_site / "data/commitments.csv").read_text(encoding="utf-8-sig"), newline="")))
    carried = [r for r in rows if r["now_by_ids"]]
    assert carried and all(r["now_by_ids"] != r["by_id"] for r in carried)
    archive = load(sample_site, "archive.json")
    exported = {c["id"]: c for s in archive["sessions"] for i in s["items"] for c in i["commitments"]}
    for row in rows:
        now_by = exported[row["commitment_id"]]["now_by"]
        assert "; ".join(x["id"] for x in now_by) == row["now_by_ids"]
        assert "; ".join(x["name"] for x in now_by) == row["now_by"]
    for page in sorted((sample_site / "commitments/agency").glob("*/index.html")):
        agency = page.parent.name
        listed = {a["href"].split("#cam-ket-")[1]: bool(entry.select(".da-status--overdue"))
                  for entry in parse(page).select("li.da-commitment-entry")
                  for a in entry.select(".da-entry__title a")}
        mine = [r for r in rows if agency in (r["by_id"], *r["now_by_ids"].split("; "))]
        assert listed == {r["commitment_id"]: r["overdue"] == "true" for r in mine}, agency


def conforms(cell: str, field: dict, missing: list[str]) -> bool:
    """Whether a CSV cell reads as its Table Schema field declares (the types datapackage.json
    uses; any other type does not conform)."""
    if cell in missing:
        return True
    if cell not in field.get("constraints", {}).get("enum", [cell]):
        return False
    match field["type"]:
        case "string":
            return True
        case "integer":
            return re.fullmatch(r"-?\d+", cell) is not None
        case "boolean":
            return cell in field["trueValues"] + field["falseValues"]
        case "date":
            try:
                return dt.date.fromisoformat(cell).isoformat() == cell
            except ValueError:
                return False
    return False


DATA_RESOURCE_V1 = {
    "type": "object", "required": ["name", "path", "bytes", "hash"],
    "properties": {"name": {"type": "string", "pattern": "^([-a-z0-9._/])+$"},
                   "path": {"type": "string"}, "bytes": {"type": "integer"},
                   "hash": {"type": "string", "pattern": "^([^:]+:[a-fA-F0-9]+|[a-fA-F0-9]{32}|)$"}},
}
"""Data Package v1's data-resource profile on a resource's name, size and hash (the frictionless
library, which checks the whole package, is not installed here), with size and hash required."""


def test_datapackage_gives_each_files_size_and_hash(sample_site) -> None:
    """datapackage.json gave no `bytes` (a review's find): a tool could not warn before
    fetching archive.json, 456 MB at 10,000 sessions. Each resource has its file's size and
    SHA-256, true to the file published beside it."""
    descriptor = sample_site / "data" / "datapackage.json"
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    assert package["resources"]
    for resource in package["resources"]:
        Draft202012Validator(DATA_RESOURCE_V1).validate(resource)
        raw = (sample_site / "data" / resource["path"]).read_bytes()
        assert (resource["bytes"], resource["hash"]) \
            == (len(raw), f"sha256:{hashlib.sha256(raw).hexdigest()}"), resource["path"]
    if importlib.util.find_spec("frictionless") is not None:  # checks bytes and hash too
        from frictionless import validate
        report = validate(str(descriptor))
        assert report.valid, report.flatten(["type", "note"])[:5]


def test_datapackage_gives_each_csv_column_its_type(sample_site) -> None:
    """pandas read the procedure code '2.000720' as the number 2.00072: datapackage.json
    (Frictionless Data Package) declares every column of both CSV files, in order, with a type
    and codes that every cell matches, so that a tool keeps codes as text."""
    package = load(sample_site, "datapackage.json")
    archive = load(sample_site, "archive.json")
    assert package["licenses"] == [{"title": archive["licence"]["name"], "path": archive["licence"]["url"]}]
    assert package["contributors"] == [{"title": archive["publisher"], "role": "publisher",
                                        "path": archive["site_url"]}]
    assert package["created"].startswith(archive["build_date"])
    resources = {r["path"]: r for r in package["resources"]}
    assert {path for path in resources if not path.startswith("years/")} \
        == {"archive.json", "items.csv", "commitments.csv", "schema.json", "popolo.json"}
    assert all((sample_site / "data" / path).is_file() for path in resources)
    page = parse(sample_site / "open-data/index.html")
    for path, columns in (("items.csv", CSV_COLUMNS), ("commitments.csv", COMMITMENT_COLUMNS)):
        resource, schema = resources[path], resources[path]["schema"]
        dialect = resource["dialect"]
        raw = (sample_site / "data" / path).read_bytes()
        assert raw.endswith(dialect["lineTerminator"].encode())
        # an IANA name, as the Data Package spec asks (Python's 'utf-8-sig' failed iconv and
        # TextDecoder); readers drop the BOM that spreadsheet programs need
        assert resource["encoding"] == "utf-8" and raw.startswith("\ufeff".encode())
        text = raw.decode(resource["encoding"]).removeprefix("\ufeff")
        header, *rows = csv.reader(io.StringIO(text, newline=""),
                                   delimiter=dialect["delimiter"], quotechar=dialect["quoteChar"])
        assert header == [f["name"] for f in schema["fields"]] == list(columns)
        assert rows
        for row in rows:
            for cell, field in zip(row, schema["fields"], strict=True):
                assert conforms(cell, field, schema["missingValues"]), (path, field["name"], cell)
        # described as the open-data page describes the column, its codes included
        table = page.find(id=f"cot-{path.replace('.', '-')}").find_next("table")
        meanings = [norm(th.find_next_sibling("td").get_text()) for th in table.select("th[scope=row]")]
        assert [norm(f["description"]) for f in schema["fields"]] == meanings
    items = {f["name"]: f for f in resources["items.csv"]["schema"]["fields"]}
    commitments = {f["name"]: f for f in resources["commitments.csv"]["schema"]["fields"]}
    assert items["procedures"]["type"] == "string" == items["item_id"]["type"]
    cells = csv.DictReader(io.StringIO((sample_site / "data/items.csv").read_text(encoding="utf-8-sig")))
    assert any(re.fullmatch(r"\d+\.\d+", row["procedures"]) for row in cells)  # would be a number
    assert (items["session_date"]["type"], items["in_scope"]["type"], items["answer_number"]["type"],
            commitments["due"]["type"], commitments["overdue"]["type"]) == (
        "date", "boolean", "integer", "date", "boolean")
    assert commitments["status"]["constraints"]["enum"] == list(VI["commitment_status"])
    assert "../data/datapackage.json" in {a["href"] for a in page.select("main a[href]")}


def test_every_code_has_its_vietnamese_label_as_the_site_shows_it(sample_site) -> None:
    """A reader of the data sees the words of the site next to each English code."""
    items = list(csv.DictReader(io.StringIO(
        (sample_site / "data/items.csv").read_text(encoding="utf-8-sig"), newline="")))
    statistics = norm(parse(sample_site / "statistics/index.html").select_one("main").get_text(" "))
    referred = [r for r in items if r["answer_mode"] == "referred"]
    assert referred and {r["answer_mode_label"] for r in referred} == {"Chuyển cơ quan khác giải quyết"}
    assert "Chuyển cơ quan khác giải quyết" in statistics
    assert all(r["outcome_label"] == VI["outcome"][r["outcome"]] for r in items)
    assert all(r["asker_kind_label"] == VI["asker_kind"][r["asker_kind"]] for r in items)
    commitments = list(csv.DictReader(io.StringIO(
        (sample_site / "data/commitments.csv").read_text(encoding="utf-8-sig"), newline="")))
    assert all(r["deadline_label"] == VI["deadline_outcome"][r["deadline"]] for r in commitments)
    data = load(sample_site, "archive.json")
    assert all(p["kind_label"] == VI["place_kind"][p["kind"]] for p in data["places"])
    committees = {a["kind_label"] for a in data["agencies"] if a["kind"] == "people_committee"}
    assert committees == {"Ủy ban nhân dân"}
    for session in data["sessions"]:
        page = parse(sample_site / "sessions" / session["date"][:4] / session["id"] / "index.html")
        text = norm(page.select_one("main").get_text(" "))
        assert set(session["attendance_labels"]) == set(session["attendance"])
        assert all(label in text for label in session["attendance_labels"].values())
        for item in session["items"]:
            assert item["outcome_label"] == VI["outcome"][item["outcome"]]
            assert all(c["deadline_label"] == VI["deadline_outcome"][c["deadline"]]
                       for c in item["commitments"])


def test_csv_cells_read_well_in_a_spreadsheet(tmp_path: Path) -> None:
    """A Markdown list ('- ...') or '=...' opened in Excel would be '#NAME?' or a formula, and a
    line break the YAML block kept inside a sentence would cut the cell's sentence."""
    content = make_archive(tmp_path / "content")
    answers = next(content.glob("sessions/*/*/answers.yaml"))
    answers.write_text(answers.read_text(encoding="utf-8").replace(
        "text: Đề nghị", "text: |\n      - Hỗ trợ người cao tuổi;\n      - Đề nghị", 1).replace(
        "text: Phòng sẽ rà soát", "text: |\n          Phòng sẽ rà soát hồ sơ nộp qua\n          mạng.\n"
        "          **Một lần** là đủ,\n          -5% thời gian.\n\n"
        "          Sau đó phòng:\n\n          - tiếp nhận hồ sơ nộp\n            trực tuyến;\n\n"
        "          Sau đó phòng", 1), encoding="utf-8")
    site = build_archive(content, tmp_path)
    rows = list(csv.DictReader(io.StringIO((site / "data/items.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0]["item_text"].startswith("'- Hỗ trợ người cao tuổi;\n- Đề nghị")
    # A line break inside a paragraph is a space on the page; in a cell it cut the sentence.
    assert rows[0]["answer_text"].startswith("Phòng sẽ rà soát hồ sơ nộp qua mạng. **Một lần** là đủ, "
                                             "-5% thời gian.\n\nSau đó phòng:\n\n"
                                             "- tiếp nhận hồ sơ nộp trực tuyến;\n\nSau đó phòng")
    item = load(site, "archive.json")["sessions"][0]["items"][0]
    assert item["text"].startswith("- Hỗ trợ người cao tuổi;")  # the JSON keeps the text
    assert item["answers"][0]["text"].startswith("Phòng sẽ rà soát hồ sơ nộp qua\nmạng.")


def test_places_of_one_name_are_told_apart_in_the_calendar_and_popolo(tmp_path: Path) -> None:
    """A ward that kept its name when wards merged into it: the calendar's and Popolo's location
    name the place as the pages do, with its period (found by a review helper)."""
    content = make_archive(tmp_path / "content", start=dt.date(2024, 6, 20))
    make_archive(content, start=dt.date(2025, 8, 1))
    replace(content / "registry" / "places.yaml", "- id: phuong-cam-le\n",
            "- id: phuong-cam-le-cu\n  name: Phường Cẩm Lệ\n  kind: ward\n  parent: quan-cam-le\n"
            "  valid_until: 2025-06-30\n  succeeded_by: [phuong-cam-le]\n- id: phuong-cam-le\n")
    replace(content / "sessions" / "2024" / "2024-06-20-doi-thoai-1" / "index.md",
            "place: quan-cam-le", "place: phuong-cam-le-cu")
    replace(content / "sessions" / "2025" / "2025-08-01-doi-thoai-1" / "index.md",
            "place: quan-cam-le", "place: phuong-cam-le")
    (content / "sessions" / "2025" / "2025-08-01-doi-thoai-1" / "answers.yaml").write_text(
        "items: []\n", encoding="utf-8")
    site = build_archive(content, tmp_path)
    calendar = (site / "calendar.ics").read_text(encoding="utf-8")
    assert "LOCATION:Phường Cẩm Lệ (đến 30/6/2025)" in calendar, calendar
    assert "LOCATION:Phường Cẩm Lệ (từ 1/7/2025)" in calendar
    locations = {e["start_date"][:4]: e["location"] for e in load(site, "popolo.json")["events"]}
    assert locations == {"2024": "Phường Cẩm Lệ (đến 30/6/2025)", "2025": "Phường Cẩm Lệ (từ 1/7/2025)"}


def test_popolo_events_and_speeches(sample_site) -> None:
    popolo = load(sample_site, "popolo.json")
    raw = raw_sessions()
    assert len(popolo["events"]) == len(raw)
    questions = [s for s in popolo["speeches"] if s["type"] == "question"]
    answers = [s for s in popolo["speeches"] if s["type"] == "answer"]
    referrals = [s for s in popolo["speeches"] if s["type"] == "referral"]
    assert len(questions) == sum(len(s.items) for s in raw)
    given = [a for s in raw for i in s.items for a in i.get("answers") or []]
    # a referral is no answer, as the statistics count (a reuser counted 51 answers, the site 48)
    assert len(answers) == len([a for a in given if a.get("mode") != "referred"])
    assert sorted(r["referred_to_id"] for r in referrals) == sorted(
        a["referred_to"] for a in given if a.get("mode") == "referred") != []
    assert {a["audience_id"] for a in answers + referrals} <= {q["id"] for q in questions}
    # each answer joins the organisation that gave it
    organizations = {o["id"] for o in popolo["organizations"]}
    assert sorted(a["organization_id"] for a in answers + referrals) == sorted(a["by"] for a in given)
    assert {a["organization_id"] for a in answers + referrals} <= organizations
    # every speech's id is an address that leads to it on its session page
    site_url = "https://doithoai.example.vn/"
    for speech in popolo["speeches"]:
        page, anchor = speech["id"].removeprefix(site_url).split("#")
        assert parse(sample_site / page / "index.html").find(id=anchor), speech["id"]
    # Popolo's speech date is a date-time (RFC 3339): a plain date failed its schema, every
    # speech (a review's find with jsonschema and Popolo's speech.json)
    moment = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00")
    assert all(moment.fullmatch(speech["date"]) for speech in popolo["speeches"]), \
        [speech["date"] for speech in popolo["speeches"][:3]]
    start = {e["id"]: e["start_date"] for e in popolo["events"]}
    assert all(q["date"] == start[q["event_id"]] or "T" not in start[q["event_id"]]
               for q in questions)  # a question at the session's start


def test_open_data_page_documents_every_field_and_column(sample_site) -> None:
    html = parse(sample_site / "open-data/index.html")
    text = html.select_one("main").get_text(" ")
    schema = load(sample_site, "schema.json")
    objects = {"Archive": schema, **schema["$defs"]}
    documented = {code.get_text() for code in html.select("table.da-fields th code")}
    for definition in objects.values():
        for field, prop in definition.get("properties", {}).items():  # not enums
            assert field in documented and prop["description"] in text, field
    for heading, columns in (("cot-items-csv", CSV_COLUMNS), ("cot-commitments-csv", COMMITMENT_COLUMNS)):
        table = html.find(id=heading).find_next("table")
        assert [code.get_text() for code in table.select("th[scope=row] code")] == list(columns)
    assert "CC BY 4.0" in text
    links = {a["href"] for a in html.select("main a[href]")}
    for name in ("archive.json", "items.csv", "commitments.csv", "schema.json", "popolo.json"):
        assert f"../data/{name}" in links
    citation = html.select_one(".da-citation a")["href"]
    page, anchor = citation.removeprefix("https://doithoai.example.vn/").split("#")
    assert parse(sample_site / page / "index.html").find(id=anchor) is not None


SIZE = re.compile(r"(\d{1,3}(?:\.\d{3})*)(?:,(\d))? (byte|KB|MB|GB)")
UNIT_BYTES = {"byte": 1, "KB": 10**3, "MB": 10**6, "GB": 10**9}


def assert_size_shown(shown: str, file: Path) -> None:
    """`shown` is the size of `file` as a Vietnamese reader writes it ('456,4 MB')."""
    number, decimal, unit = SIZE.fullmatch(shown).groups()
    value = int(number.replace(".", "")) + int(decimal or 0) / 10
    step = UNIT_BYTES[unit] / (10 if decimal else 1)
    size = file.stat().st_size
    assert abs(value * UNIT_BYTES[unit] - size) <= step / 2, (file, shown, size)
    assert unit == "byte" or size >= UNIT_BYTES[unit] * 0.95, (file, shown, size)


def test_the_open_data_page_gives_each_files_size_and_saves_the_whole_archive(
        sample_site, serve_site, browser) -> None:
    """Clicking archive.json (456 MB at 10,000 sessions) had the browser display it, and the
    tab crashed (a review's find); the page gave no size. Each file's row gives its size as a
    Vietnamese reader writes it ('456,4 MB'), true to the file, and the files of the whole
    archive are saved, not shown; the small descriptors and a session's file stay viewable."""
    html = parse(sample_site / "open-data/index.html")
    table = html.find(id="tep-du-lieu").find_next("table")
    headers = [th.get_text(strip=True) for th in table.select("thead th")]
    column = headers.index("Dung lượng") - 1  # the file's name is the row's <th>
    links = {}
    for row in table.select("tbody tr"):
        if row.th.a is None:
            continue
        name = row.th.a.get_text(strip=True)
        links[name] = row.th.a
        assert_size_shown(row.select("td")[column].get_text(strip=True), sample_site / "data" / name)
    assert {name for name, a in links.items() if a.has_attr("download")} \
        == {"archive.json", "items.csv", "commitments.csv", "popolo.json"}
    assert set(links) == {"archive.json", "items.csv", "commitments.csv", "popolo.json",
                          "schema.json", "datapackage.json"}
    assert not html.select_one('main a[href*="data/sessions/"]').has_attr("download")
    page = browser.new_page()
    try:
        page.set_viewport_size({"width": 1200, "height": 900})
        page.goto(serve_site(sample_site) + "open-data/")
        # each file's name on one line: the size column left 'commitments.c' over 'sv'
        names = page.locator("table.da-files tbody th code")
        assert names.count() == 7
        for name in names.all():
            assert len(name.evaluate("e => [...e.getClientRects()].map(r => r.top)")) == 1, name.inner_text()
        with page.expect_download(timeout=10_000) as saved:
            page.locator('main a[href$="data/archive.json"]').click()
        assert saved.value.suggested_filename == "archive.json"
        assert page.url.endswith("/open-data/")  # still on the page, nothing displayed
    finally:
        page.close()


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def test_each_year_has_the_bulk_files_of_its_sessions(sample_site) -> None:
    """The whole archive's files pass 100 MB, which many hosts refuse for one file, at about
    2,300-3,000 sessions, and there was nothing smaller but a session's file. Each year now has
    archive.json, items.csv, commitments.csv and popolo.json of its sessions, in the same
    schema and columns, which add up to the whole archive's; the open-data page links each
    (saved, not shown) with its size, and datapackage.json describes each."""
    data = sample_site / "data"
    whole = load(sample_site, "archive.json")
    years = sorted({dt.date.fromisoformat(s["date"]).year for s in whole["sessions"]}, reverse=True)
    assert len(years) > 2
    validator = Draft202012Validator(load(sample_site, "schema.json"))
    sessions, items, commitments, events, speeches = [], [], [], [], []
    for year in years:
        folder = data / "years" / str(year)
        archive = json.loads((folder / "archive.json").read_text(encoding="utf-8"))
        validator.validate(archive)
        assert {key: value for key, value in archive.items() if key != "sessions"} \
            == {key: value for key, value in whole.items() if key != "sessions"}
        assert {s["date"][:4] for s in archive["sessions"]} == {str(year)}
        sessions += archive["sessions"]
        for name, columns, rows in (("items.csv", CSV_COLUMNS, items),
                                    ("commitments.csv", COMMITMENT_COLUMNS, commitments)):
            assert (folder / name).read_bytes().startswith(b"\xef\xbb\xbf")  # Excel's BOM
            read = read_csv(folder / name)
            assert read and list(read[0]) == list(columns)
            assert {row["session_date"][:4] for row in read} == {str(year)}
            rows += read
        popolo = json.loads((folder / "popolo.json").read_text(encoding="utf-8"))
        assert popolo["organizations"] == load(sample_site, "popolo.json")["organizations"]
        events += popolo["events"]
        speeches += popolo["speeches"]
    assert sessions == whole["sessions"]
    assert items == read_csv(data / "items.csv")
    assert commitments == read_csv(data / "commitments.csv")
    popolo = load(sample_site, "popolo.json")
    assert (events, speeches) == (popolo["events"], popolo["speeches"])

    html = parse(sample_site / "open-data/index.html")
    table = html.find(id="tep-theo-nam").find_next("table")
    bulk = ["archive.json", "items.csv", "commitments.csv", "popolo.json"]
    assert [th.get_text(strip=True) for th in table.select("thead th")] == ["Năm", *bulk]
    rows = table.select("tbody tr")
    assert [int(row.th.get_text(strip=True)) for row in rows] == years
    for year, row in zip(years, rows, strict=True):
        cells = row.select("td")
        assert [cell.a.get_text(strip=True) for cell in cells] == bulk
        for name, cell in zip(bulk, cells, strict=True):
            assert cell.a["href"] == f"../data/years/{year}/{name}" and cell.a.has_attr("download")
            assert_size_shown(cell.select_one(".da-file-size").get_text(strip=True),
                              data / "years" / str(year) / name)

    package = load(sample_site, "datapackage.json")
    resources = {r["path"]: r for r in package["resources"]}
    for year in years:
        for name in bulk:
            resource = resources[f"years/{year}/{name}"]
            assert resource["name"] == f"{name.rpartition('.')[0]}-{year}"
            assert resource.get("schema") == resources[name].get("schema")
            assert str(year) in resource["description"]


def test_the_open_data_page_says_where_a_text_too_long_for_excel_is_whole(sample_site) -> None:
    """An answer of 62 KB, which validate accepts, is a 49,944-character cell of items.csv,
    beyond the 32,767 characters an Excel cell holds, and the page did not say so (a review's
    find). The data is not cut: the page says the limit beside items.csv and names the files
    that also hold the whole text."""
    table = parse(sample_site / "open-data/index.html").find(id="tep-du-lieu").find_next("table")
    row = next(r for r in table.select("tbody tr") if r.th.a and r.th.a.get_text(strip=True) == "items.csv")
    said = " ".join(row.get_text(" ").split())
    assert "32.767 ký tự" in said and "Excel" in said, said
    assert "archive.json" in said and "sessions/<mã phiên>.json" in said, said


def test_no_text_of_the_open_data_page_is_smaller_than_materials_smallest(
        sample_site, serve_site, browser) -> None:
    """The field lists' names (`format_version`, `province`) were 11.9 px, Material's code size
    in a smaller table's text (a low-vision review's find); Material's smallest text is 12.8 px."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(serve_site(sample_site) + "open-data/")
        small = page.evaluate("""() => { const found = new Map();
            const walker = document.createTreeWalker(document.querySelector('.md-content'),
                                                     NodeFilter.SHOW_TEXT);
            for (let n; (n = walker.nextNode());) {
                const size = parseFloat(getComputedStyle(n.parentElement).fontSize);
                if (n.data.trim() && n.parentElement.getClientRects().length && size < 12.8)
                    found.set(n.data.trim().slice(0, 30), size);
            }
            return [...found]; }""")
        assert small == []
    finally:
        page.close()


def test_open_data_page_shows_each_code_with_its_meaning(sample_site) -> None:
    """A reader of the field list sees `pending` as a code and what it means in Vietnamese."""
    html = parse(sample_site / "open-data/index.html")
    table = html.find(id="cot-commitments-csv").find_next("table")
    status = next(th for th in table.select("th[scope=row]") if th.get_text() == "status")
    cell = status.find_next_sibling("td")
    assert [c.get_text() for c in cell.select("code")] == list(VI["commitment_status"])
    for code, label in VI["commitment_status"].items():
        assert f"{code} ({label})" in norm(cell.get_text())
    mode = next(th for th in html.select("#doi-tuong-answer ~ div th[scope=row]") if th.get_text() == "mode")
    assert "referred (Chuyển cơ quan khác giải quyết)" in norm(mode.find_next_sibling("td").get_text())


@pytest.fixture(scope="module")
def site_with_unpublished(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample plus a draft and a scheduled session, built as a draft preview."""
    tmp = tmp_path_factory.mktemp("unpublished")
    content = copy_sample(tmp / "content")
    source = next(p.parent for p in sorted((content / "sessions").glob("*/*/answers.yaml"))
                  if "aliases:" not in (p.parent / "index.md").read_text(encoding="utf-8"))
    for slug, extra in (("ban-nhap", "draft: true"),
                        ("hen-gio", f"published: {SAMPLE_BUILD_DATE + dt.timedelta(days=5)} 08:00")):
        target = content / f"sessions/2022/2022-01-01-{slug}"
        shutil.copytree(source, target)
        index = target / "index.md"
        text = re.sub(r"(?m)^published:.*\n", "", index.read_text(encoding="utf-8"))
        text = re.sub(r"(?m)^date:.*$", f"date: 2022-01-01\n{extra}", text, count=1)
        index.write_text(text, encoding="utf-8")
    return build_archive(content, tmp, drafts="true")


def test_drafts_and_scheduled_sessions_never_appear_in_the_data(site_with_unpublished) -> None:
    site = site_with_unpublished
    assert (site / "sessions/2022/2022-01-01-ban-nhap/index.html").exists()  # the preview shows it
    data = (site / "data/archive.json").read_text(encoding="utf-8")
    for slug in ("ban-nhap", "hen-gio"):
        assert slug not in data
        assert slug not in (site / "data/items.csv").read_text(encoding="utf-8-sig")
        assert slug not in (site / "data/popolo.json").read_text(encoding="utf-8")
        assert not (site / f"data/sessions/2022-01-01-{slug}.json").exists()


def test_a_session_photo_is_in_the_open_data(tmp_path: Path) -> None:
    content = make_archive(tmp_path / "content")
    index = next(content.glob("sessions/*/*/index.md"))
    (index.parent / "quang-canh.jpg").write_bytes(b"\xff\xd8\xff\xe0 photo")
    index.write_text(index.read_text(encoding="utf-8").replace(
        "summary:", "image:\n  src: quang-canh.jpg\n  caption: Quang cảnh buổi đối thoại\n"
        "  alt: Hội trường UBND quận\nsummary:", 1), encoding="utf-8")
    site = build_archive(content, tmp_path)
    data = load(site, "archive.json")
    image = data["sessions"][0]["image"]
    assert image["caption"] == "Quang cảnh buổi đối thoại" and image["alt"] == "Hội trường UBND quận"
    assert image["url"].startswith(data["site_url"])
    assert (site / image["url"].removeprefix(data["site_url"])).is_file()


def test_a_session_photo_named_with_a_percent_sign_has_a_working_address(tmp_path: Path) -> None:
    """`image: src: 50%.jpg` was `…/50%.jpg` in archive.json and data/sessions/<id>.json, an
    address browsers cannot read; the page had `50%25.jpg`. Both now lead to the file."""
    from urllib.parse import unquote, urljoin

    from PIL import Image
    content = make_archive(tmp_path / "content")
    index = next(content.glob("sessions/*/*/index.md"))
    Image.new("RGB", (40, 30), (32, 64, 192)).save(index.parent / "50%.jpg", "JPEG")
    replace(index, "summary:", "image:\n  src: 50%.jpg\n  alt: Hội trường\nsummary:")
    site = build_archive(content, tmp_path)
    data = load(site, "archive.json")
    session = data["sessions"][0]
    url = session["image"]["url"]
    assert url == f"{data['site_url']}{Path(session['url'].removeprefix(data['site_url']))}/50%25.jpg"
    assert load(site, f"sessions/{session['id']}.json")["image"]["url"] == url
    page = index.parent.relative_to(content) / "index.html"
    link = parse(site / page).select_one("a.da-photo__link")["href"]
    assert link == "50%25.jpg" and (site / unquote(urljoin(page.as_posix(), link))).is_file()


def test_links_in_the_open_data_are_full_addresses(tmp_path: Path) -> None:
    """Read outside the site, `../2024-06-19-.../index.md#x` would lead nowhere."""
    content = make_archive(tmp_path / "content", sessions=2)
    answers = next(content.glob("sessions/*/2024-06-20-*/answers.yaml"))
    answers.write_text(answers.read_text(encoding="utf-8").replace(
        "text: Đề nghị", "text: Như [phiên trước](../2024-06-19-doi-thoai-2/index.md#ho-so-gpxd) "
        "và [mục này](#ho-so-gpxd). Đề nghị", 1), encoding="utf-8")
    site = build_archive(content, tmp_path)
    data = load(site, "archive.json")
    text = next(s for s in data["sessions"] if s["id"].startswith("2024-06-20"))["items"][0]["text"]
    root = data["site_url"]
    assert (f"[phiên trước]({root}sessions/2024/2024-06-19-doi-thoai-2/#ho-so-gpxd) và "
            f"[mục này]({root}sessions/2024/2024-06-20-doi-thoai-1/#ho-so-gpxd)") in text


def test_html_comments_stay_out_of_the_open_data(tmp_path: Path) -> None:
    """The page does not show an office's notes to itself in HTML comments: nor does the data."""
    content = make_archive(tmp_path / "content")
    index = next(content.glob("sessions/*/*/index.md"))
    index.write_text(index.read_text(encoding="utf-8") + "\n<!-- ghi chú nội bộ:\nxác minh lại -->\n"
                     "Buổi đối thoại kết thúc lúc 11 giờ.\n", encoding="utf-8")
    answers = index.parent / "answers.yaml"
    answers.write_text(answers.read_text(encoding="utf-8").replace(
        "text: Đề nghị", "text: <!-- hỏi lại phòng -->Đề nghị", 1), encoding="utf-8")
    site = build_archive(content, tmp_path)
    published = (site / "data" / "archive.json").read_text(encoding="utf-8")
    assert "ghi chú nội bộ" not in published and "hỏi lại phòng" not in published
    assert "Buổi đối thoại kết thúc lúc 11 giờ." in published
    assert "ghi chú nội bộ" not in (site / index.parent.relative_to(content) / "index.html").read_text(
        encoding="utf-8")


def test_a_text_with_a_unicode_line_separator_is_the_same_in_every_file(tmp_path: Path) -> None:
    """A write-up pasted from a web page can hold a line separator (U+2028), and YAML's `\\N`
    writes a next-line character (U+0085): archive.json, indenting each session, broke its lines
    there too, and the text got two spaces inside it there, not in the session's own file."""
    content = make_archive(tmp_path / "content")
    index = next(content.glob("sessions/*/*/index.md"))
    index.write_text(index.read_text(encoding="utf-8") + "\nDán từ trang web:\u2028dòng sau.\n",
                     encoding="utf-8")
    asked = "Đề nghị đơn giản hoá thành phần hồ sơ cấp giấy phép xây dựng."
    replace(index.parent / "answers.yaml", f"text: {asked}",
            'text: "Đề nghị đơn giản hoá\\Nthành phần hồ sơ."')
    site = build_archive(content, tmp_path)
    own = load(site, f"sessions/{index.parent.name}.json")
    assert own["writeup"].endswith("Dán từ trang web:\u2028dòng sau.")
    assert own["items"][0]["text"] == "Đề nghị đơn giản hoá\u0085thành phần hồ sơ."
    for bulk in ("archive.json", f"years/{own['date'][:4]}/archive.json"):
        (session,) = load(site, bulk)["sessions"]
        assert (session["writeup"], session["items"]) == (own["writeup"], own["items"]), bulk


def test_the_write_up_is_in_the_open_data(sample_site) -> None:
    """FORMAT.md's session is its write-up too: a journalist reusing the data gets the press
    office's text, as the page publishes it."""
    archive = load(sample_site, "archive.json")
    root = archive["site_url"]
    for session in archive["sessions"]:
        source = CONTENT / "sessions" / session["date"][:4] / session["id"] / "index.md"
        body = source.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        plain = [line.strip() for line in body.splitlines() if line.strip() and "](" not in line]
        assert all(line in session["writeup"] for line in plain), session["id"]
        assert session["writeup"] or not body.strip()
        assert "](../" not in session["writeup"] and "](./" not in session["writeup"]
    assert any(f"]({root}" in s["writeup"] for s in archive["sessions"])
