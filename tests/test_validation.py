"""`dialogue-archive validate` and the build report each problem once, located, without traceback."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import unicodedata
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import (
    MINIMAL_INDEX,
    ROOT,
    copy_sample,
    make_archive,
    replace,
    run_build,
    validate,
    write_config,
)
from dialogue_archive.core.archive import TIMEZONE as VIETNAM
from dialogue_archive.core.loader import load_archive
from dialogue_archive.core.models import period_end
from dialogue_archive.core.registry_match import Match, MatchError

SESSION = "sessions/2024/2024-06-20-doi-thoai-1"


@pytest.mark.parametrize(("written", "end"), [
    ("quý III/2025", "2025-09-30"), ("Quí III năm 2025", "2025-09-30"), ("Q4/2025", "2025-12-31"),
    ("tháng 9 năm 2025", "2025-09-30"), ("đến hết quý II/2025", "2025-06-30"),
    ("cuối năm 2025", "2025-12-31"),
    # a review's finds, given a wrong day: none is better
    ("quý I và quý II/2025", None), ("quý III-IV/2025", None), ("Q3-Q4/2025", None),
    ("trước Tết 2026", None), ("đầu năm 2026", None), ("giữa năm 2025", None),
])
def test_a_due_date_written_as_a_period_is_given_its_last_day_or_none(written: str, end: str | None) -> None:
    assert period_end(written) == (dt.date.fromisoformat(end) if end else None)


def test_valid_archive_passes(tmp_path: Path) -> None:
    result = validate(make_archive(tmp_path / "content"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: 1 session, 1 item, ")


def test_sample_content_is_valid() -> None:
    result = validate(Path(__file__).parent.parent / "content")
    assert result.returncode == 0, result.stderr


# Each case: a mutation of the minimal archive, and the one located message it must give.
CASES = {
    "broken reference": (
        f"{SESSION}/answers.yaml", "- by: phong-quan-ly-do-thi", "- by: phong-quan-ly-do-th",
        f"{SESSION}/answers.yaml:9:13: unknown agency 'phong-quan-ly-do-th' "
        "(did you mean 'phong-quan-ly-do-thi'?)"),
    "duplicate registry id": (
        "registry/topics.yaml", "- id: cu-tru", "- id: xay-dung",
        "registry/topics.yaml:4:7: duplicate id 'xay-dung'"),
    "wrong enum": (
        f"{SESSION}/answers.yaml", "type: proposal", "type: kien-nghi",
        f"{SESSION}/answers.yaml:3:11: 'kien-nghi' is not an allowed type: use one of question, "
        "opinion, proposal, complaint"),
    "wrong date": (
        f"{SESSION}/answers.yaml", "due: 2024-12-31", "due: 2024-02-30",
        f"{SESSION}/answers.yaml:15:14: '2024-02-30' is not a day of the calendar"),
    "YAML syntax error": (
        f"{SESSION}/answers.yaml", "topics: [xay-dung]", "topics: [xay-dung",
        f"{SESSION}/answers.yaml:6:13: YAML syntax error: the '[' opened here is not closed on its "
        "line: end the list with ']' (or remove the '[' if one value is meant)"),
    "a '[' left open in the front matter": (
        f"{SESSION}/index.md", "place: quan-cam-le", "place: [quan-cam-le",
        f"{SESSION}/index.md:5:8: YAML syntax error: the '[' opened here is not closed on its line"),
    "a line with only '...'": (
        f"{SESSION}/answers.yaml", "    type: proposal\n", "    type: proposal\n...\n",
        f"{SESSION}/answers.yaml:4:1: YAML syntax error: line 4 holds only '...', which ends the YAML "
        "document, so the lines after it cannot be read: remove it"),
    "an alias without its anchor": (
        f"{SESSION}/answers.yaml", "type: proposal", "type: *nope",
        f"{SESSION}/answers.yaml:3:11: YAML syntax error: '*nope' repeats the value marked '&nope', "
        "but no '&nope' is written above it: mark the value to repeat with '&nope' first"),
    "a python tag": (
        f"{SESSION}/answers.yaml", "type: proposal", "type: !!python/object:os.system x",
        f"{SESSION}/answers.yaml:3:11: '!!python/object:os.system' is a YAML tag, and tags are not "
        "used in this archive: write the value plainly, without it"),
    "a binary tag": (
        f"{SESSION}/answers.yaml", "type: proposal", "type: !!binary aGVsbG8=",
        f"{SESSION}/answers.yaml:3:11: '!!binary' is a YAML tag, and tags are not used"),
    "an equals sign, which YAML 1.1 reads as no text": (
        f"{SESSION}/answers.yaml", "type: proposal", "type: =",
        f"{SESSION}/answers.yaml:3:11: '=' is not an allowed type"),
    "a merge of a list": (
        f"{SESSION}/answers.yaml", "topics: [xay-dung]\n", "topics: &t [xay-dung]\n    <<: *t\n",
        f"{SESSION}/answers.yaml:7:5: '<<: *t' repeats the keys of a mapping, but what it names is a "
        "list (line 6): '<<' takes a mapping marked with '&'"),
    "a key indented one space less than the one above": (
        f"{SESSION}/answers.yaml", "        text: Phòng sẽ", "       text: Phòng sẽ",
        f"{SESSION}/answers.yaml:10:8: YAML syntax error: did not find expected '-' indicator (while "
        "parsing a block collection started on line 9); line 10 starts in column 8, but the lines "
        "above it start in column 9 (line 9) or 7 (the '-' on line 9): line it up with the block it "
        "belongs to, using spaces"),
    "a line of a block text indented less than its first line": (
        f"{SESSION}/answers.yaml", "    text: Đề nghị đơn giản hoá thành phần hồ sơ",
        "    text: |\n      Đề nghị đơn giản hoá\n    thành phần hồ sơ",
        f"{SESSION}/answers.yaml:9:5: YAML syntax error: could not find expected ':'; line 9 is "
        "indented less than the text above it (the block opened on line 7): indent every line of a "
        "block text at least as far as its first line"),
    "no space after a colon": (
        f"{SESSION}/answers.yaml", "    type: proposal", "    type:proposal",
        f"{SESSION}/answers.yaml:3:5: YAML syntax error: could not find expected ':'; put a space "
        "after the ':' on line 3 (key: value)"),
    "a line in the column of a list's dash without one": (
        f"{SESSION}/answers.yaml", "        by: ubnd-quan-cam-le", "      by: ubnd-quan-cam-le",
        f"{SESSION}/answers.yaml:13:7: YAML syntax error: did not find expected '-' indicator (while "
        "parsing a block collection started on line 12); line 13 starts in the column of the list's "
        "'-' (line 12) without one: indent it to column 9 to belong to the entry above, or start a "
        "new entry with '- '"),
    "a misaligned key in the front matter": (
        f"{SESSION}/index.md", "summary:",
        "chair:\n  position: Chủ tịch UBND quận\n   on_behalf_of: UBND\nsummary:",
        f"{SESSION}/index.md:8:16: YAML syntax error: mapping values are not allowed in this context; "
        "line 8 starts in column 4, but the lines above it start in column 3 (line 7): line it up "
        "with the block it belongs to, using spaces"),
    "unknown key": (
        f"{SESSION}/index.md", "summary:", "sumary:",
        f"{SESSION}/index.md:6:1: unknown key 'sumary' (did you mean 'summary'?)"),
    "folder disagrees with date": (
        f"{SESSION}/index.md", "date: 2024-06-20", "date: 2024-06-21",
        f"{SESSION}/index.md:3:7: date 2024-06-21 disagrees with the folder name "
        "'2024-06-20-doi-thoai-1'; rename the folder (once published, with its old id kept in "
        "'aliases: [2024-06-20-doi-thoai-1]') or fix the date"),
    "topic listed twice": (
        f"{SESSION}/answers.yaml", "topics: [xay-dung]", "topics: [xay-dung, cu-tru, xay-dung]",
        f"{SESSION}/answers.yaml:6:32: 'xay-dung' is listed twice in this item's topics: remove one"),
    "an agency listed twice among the participants": (
        f"{SESSION}/index.md", "summary:", "participants: [phong-tu-phap, phong-tu-phap]\nsummary:",
        f"{SESSION}/index.md:6:31: 'phong-tu-phap' is listed twice in participants: remove one (the "
        "page would name it twice)"),
    "two agencies in a list where one answers": (
        f"{SESSION}/answers.yaml", "- by: phong-quan-ly-do-thi",
        "- by: [phong-quan-ly-do-thi, phong-tu-phap]",
        f"{SESSION}/answers.yaml:9:13: by must be a text, not a list: an answer or a commitment is one "
        "agency's; for a joint answer write one answer per agency (the same text may be repeated), "
        "for a joint promise one commitment per agency"),
    "two agencies on one line where one answers": (
        f"{SESSION}/answers.yaml", "- by: phong-quan-ly-do-thi", "- by: phong-quan-ly-do-thi, phong-tu-phap",
        f"{SESSION}/answers.yaml:9:13: by names one agency, not several ('phong-quan-ly-do-thi, "
        "phong-tu-phap'): an answer or a commitment is one agency's"),
    "session kind typed in Vietnamese": (
        f"{SESSION}/index.md", "summary:", "kind: đối thoại\nsummary:",
        f"{SESSION}/index.md:6:7: 'đối thoại' is not an allowed kind: use one of dialogue, "
        "business_dialogue, voter_meeting, citizen_reception (write 'dialogue' for Đối thoại với "
        "công dân, 'business_dialogue' for Đối thoại doanh nghiệp"),
    "empty title": (
        f"{SESSION}/index.md", "title: Đối thoại với công dân về thủ tục hành chính", 'title: ""',
        f"{SESSION}/index.md:2:8: title must not be empty"),
    "empty date": (
        f"{SESSION}/index.md", "date: 2024-06-20", "date:",
        f"{SESSION}/index.md:3:6: the date is empty: write it as YYYY-MM-DD (e.g. 2024-06-20)"),
    "a count with a fraction": (
        f"{SESSION}/index.md", "summary:", "attendance: {citizens: 60.5}\nsummary:",
        f"{SESSION}/index.md:6:24: citizens must be a whole number, not '60.5'"),
    "a list entry of another type": (
        f"{SESSION}/answers.yaml", "topics: [xay-dung]", "topics: [xay-dung, true]",
        f"{SESSION}/answers.yaml:6:24: each entry of topics must be a text, not 'true'"),
    "a quote left open runs on to the next one": (
        f"{SESSION}/answers.yaml", "        text: Phòng sẽ rà soát và kiến nghị cấp trên.",
        '        document: "Công văn số 245/QLĐT\n        text: "Phòng sẽ rà soát."',
        f"{SESSION}/answers.yaml:10:19: YAML syntax error: did not find expected key (while parsing "
        "a block mapping started on line 9); the quote opened here is not closed on its line, so the "
        "text runs on to the next quote: close it after the text"),
    "a quoted text over two lines is no unclosed quote": (
        f"{SESSION}/answers.yaml", "    text: Đề nghị đơn giản hoá thành phần hồ sơ cấp giấy phép xây dựng.\n"
        "    answers:", '    text: "Đề nghị đơn giản hoá\n      thành phần hồ sơ."\n   answers:',
        f"{SESSION}/answers.yaml:9:4: YAML syntax error: did not find expected '-' indicator (while "
        "parsing a block collection started on line 2); line 9 starts in column 4, but the lines above "
        "it start in column 5 (line 7) or 3 (the '-' on line 2): line it up with the block it belongs "
        "to, using spaces"),
    "an id YAML reads as a number": (
        f"{SESSION}/answers.yaml", "- id: kien-nghi-don-gian-hoa", "- id: 017",
        f"{SESSION}/answers.yaml:12:13: id must be a text, not '017': YAML reads digits written "
        "without quotes as a number (017 as 15); put them in quotes as written (\"017\")"),
    "an id YAML reads as true or false": (
        f"{SESSION}/answers.yaml", "- id: ho-so-gpxd", "- id: yes",
        f"{SESSION}/answers.yaml:2:9: id must be a text, not 'yes': YAML reads yes, no, on, off, "
        "true and false written without quotes as true or false; put the text in quotes (\"yes\")"),
    # The word as the writer typed it, not as YAML read it (a helper's find: "'false' is not
    # an allowed status" for `status: no`, and "put the text in quotes ("yes")" for `text: No`).
    "a list of answers written without its '- '": (
        f"{SESSION}/answers.yaml", "      - by: phong-quan-ly-do-thi\n", "        by: phong-quan-ly-do-thi\n",
        f"{SESSION}/answers.yaml:9:9: answers must be a list, not a mapping (key: value): each entry "
        "starts with '- ' before its first key ('- by: ...'), the entry's other keys lined up under "
        "that key"),
    "a status YAML reads as false": (
        f"{SESSION}/answers.yaml", "        status: in_progress\n", "        status: no\n",
        f"{SESSION}/answers.yaml:16:17: 'no' is not an allowed status: use one of pending,"),
    "a text YAML reads as false": (
        f"{SESSION}/answers.yaml", "        text: Phòng sẽ rà soát và kiến nghị cấp trên.",
        "        text: No", f"{SESSION}/answers.yaml:10:15: text must be a text, not 'No': YAML reads "
        "yes, no, on, off, true and false written without quotes as true or false; put the text in "
        "quotes (\"No\")"),
    "a key YAML reads as a number": (
        f"{SESSION}/answers.yaml", "    type: proposal\n", "    type: proposal\n    123: x\n",
        f"{SESSION}/answers.yaml:4:5: unknown key '123' (allowed here: aliases, answers, asker, "
        "commitments, id, in_scope, procedures, text, topics, type)"),
    "a key YAML reads as null": (
        f"{SESSION}/answers.yaml", "    type: proposal\n", "    type: proposal\n    ~: x\n",
        f"{SESSION}/answers.yaml:4:5: unknown key '~' (allowed here:"),
    "a key YAML reads as true": (
        f"{SESSION}/answers.yaml", "    type: proposal\n", "    type: proposal\n    yes: x\n",
        f"{SESSION}/answers.yaml:4:5: unknown key 'yes' (allowed here:"),
    "a front matter key YAML reads as a year": (
        f"{SESSION}/index.md", "summary:", "2024: x\nsummary:",
        f"{SESSION}/index.md:6:1: unknown key '2024' (allowed here: aliases, attendance,"),
    # a key typed in Vietnamese was told only the allowed keys, though a Vietnamese value is
    # told its English one (a press office's helper)
    "a front matter key in Vietnamese": (
        f"{SESSION}/index.md", "summary:", "địa điểm: Hội trường UBND quận\nsummary:",
        f"{SESSION}/index.md:6:1: unknown key 'địa điểm' (write 'venue' for 'địa điểm': keys are "
        "written in English) (allowed here: aliases, attendance,"),
    "an answer key in Vietnamese": (
        f"{SESSION}/answers.yaml", "        text: Phòng sẽ rà soát", "        Hình thức: Trực tiếp\n"
        "        text: Phòng sẽ rà soát",
        f"{SESSION}/answers.yaml:10:9: unknown key 'Hình thức' (write 'mode' for 'Hình thức': keys "
        "are written in English) (allowed here: by, date, document, mode,"),
    "a registry key YAML reads as true": (
        "registry/places.yaml", "  kind: district", "  on: x\n  kind: district",
        "registry/places.yaml:3:3: unknown key 'on' (allowed here: id, kind, name, parent,"),
    # a unit's parent or successor named, not given by id (a press office's helper): told the
    # id, as a session's `by` or `place` is, not an agency id as the example of an id
    "a parent named in the registry": (
        "registry/agencies.yaml", "Phòng Tư pháp\n  parent: ubnd-quan-cam-le",
        "Phòng Tư pháp\n  parent: UBND quận Cẩm Lệ",
        "registry/agencies.yaml:7:11: 'UBND quận Cẩm Lệ' is the name of the agency 'ubnd-quan-cam-le' "
        "in this file: write its id, ubnd-quan-cam-le"),
    "a successor named in the registry": (
        "registry/places.yaml", "succeeded_by: [phuong-cam-le]", "succeeded_by: [phường Cẩm Lệ]",
        "registry/places.yaml:5:18: 'phường Cẩm Lệ' is the name of the place 'phuong-cam-le' in this "
        "file: write its id, phuong-cam-le"),
    "a unit that ends before it starts": (
        "registry/places.yaml", "  kind: district\n", "  kind: district\n  valid_from: 2025-07-01\n",
        "registry/places.yaml:5:16: valid_until (2025-06-30) is before valid_from (2025-07-01), so the "
        "unit never existed: fix the one that is mistyped (valid_from is the unit's first day, "
        "valid_until its last)"),
    # What a promise's writer expects to write and the archive computes, or writes otherwise
    # (a review's finds: 'did you mean due?', and no word of what to write instead).
    "overdue written on a commitment": (
        f"{SESSION}/answers.yaml", "        status: in_progress\n",
        "        status: in_progress\n        overdue: true\n",
        f"{SESSION}/answers.yaml:17:9: 'overdue' must not be written: it is computed at build time "
        "from due, status and the build date (FORMAT.md); write due and status"),
    "overdue written as a status": (
        f"{SESSION}/answers.yaml", "status: in_progress", "status: overdue",
        f"{SESSION}/answers.yaml:16:17: 'overdue' is not an allowed status: use one of pending, "
        "in_progress, done, escalated, dropped ('overdue' is not a status: it is computed at build "
        "time from due, status and the build date (FORMAT.md); write the status the work is in, "
        "pending or in_progress"),
    "overdue written as a status in the site's word": (
        f"{SESSION}/answers.yaml", "status: in_progress", "status: quá hạn",
        f"{SESSION}/answers.yaml:16:17: 'quá hạn' is not an allowed status: use one of pending, "
        "in_progress, done, escalated, dropped ('quá hạn' is not a status: it is computed at build "
        "time from due, status and the build date (FORMAT.md); write the status the work is in, "
        "pending or in_progress"),
    "a quarter for a due date": (
        f"{SESSION}/answers.yaml", "due: 2024-12-31", "due: quý III/2025",
        f"{SESSION}/answers.yaml:15:14: 'quý III/2025' is not a date: write it as YYYY-MM-DD (e.g. "
        "2024-06-20); 'quý III/2025' is a period: write its last day, 2025-09-30"),
    "a year for a due date": (
        f"{SESSION}/answers.yaml", "due: 2024-12-31", "due: trong năm 2025",
        f"{SESSION}/answers.yaml:15:14: 'trong năm 2025' is not a date: write it as YYYY-MM-DD (e.g. "
        "2024-06-20); 'trong năm 2025' is a period: write its last day, 2025-12-31"),
    "a year YAML reads as a number for a due date": (
        f"{SESSION}/answers.yaml", "due: 2024-12-31", "due: 2025",
        f"{SESSION}/answers.yaml:15:14: '2025' is not a date: write it as YYYY-MM-DD (e.g. "
        "2024-06-20); '2025' is a period: write its last day, 2025-12-31"),
    "a month for a due date": (
        f"{SESSION}/answers.yaml", "due: 2024-12-31", "due: 09/2025",
        f"{SESSION}/answers.yaml:15:14: '09/2025' is not a date: write it as YYYY-MM-DD (e.g. "
        "2024-06-20); '09/2025' is a period: write its last day, 2025-09-30"),
    "two quarters for a due date, which no hint dates wrong": (
        f"{SESSION}/answers.yaml", "due: 2024-12-31", "due: quý III-IV/2025",
        f"{SESSION}/answers.yaml:15:14: 'quý III-IV/2025' is not a date: write it as YYYY-MM-DD (e.g. "
        "2024-06-20); for a period, write its last day (e.g. 2025-09-30 for 'quý III/2025')"),
    "a due date of no period": (
        f"{SESSION}/answers.yaml", "due: 2024-12-31", "due: sớm nhất có thể",
        f"{SESSION}/answers.yaml:15:14: 'sớm nhất có thể' is not a date: write it as YYYY-MM-DD (e.g. "
        "2024-06-20); for a period, write its last day (e.g. 2025-09-30 for 'quý III/2025')"),
    "a comma in an unquoted text in braces": (
        f"{SESSION}/answers.yaml", "        status: in_progress\n",
        "        status: in_progress\n        updates:\n          - {date: 2025-01-10, status: "
        "in_progress, note: Kiểm tra lại chưa đạt, làm lại.}\n",
        f"{SESSION}/answers.yaml:18:82: unknown key 'làm lại.' (allowed here: date, due, note, status); in "
        "braces {...} a comma ends a value, so the text of 'note' stopped at the comma before "
        "'làm lại.', which was read as a key: put the whole text in quotes (note: \"Kiểm tra lại "
        "chưa đạt, …\")"),
    "duplicate key": (
        f"{SESSION}/answers.yaml", "    topics: [xay-dung]\n",
        "    topics: [xay-dung]\n    topics: [cu-tru]\n",
        f"{SESSION}/answers.yaml:7:5: duplicate key 'topics' (already given on line 6)"),
    "another English word for a status": (
        f"{SESSION}/answers.yaml", "status: in_progress", "status: finished",
        f"{SESSION}/answers.yaml:16:17: 'finished' is not an allowed status: use one of pending, "
        "in_progress, done, escalated, dropped (did you mean 'done'?)"),
    # a review's find: 'Lô #5' was published as 'Lô', and nothing said so
    "a ' #' in an unquoted text": (
        f"{SESSION}/answers.yaml", "giấy phép xây dựng.", "giấy phép xây dựng tại lô #5 khu B.",
        f"{SESSION}/answers.yaml:7:79: YAML reads ' #' and the rest of the line as a comment, so "
        "this text ends at '…cấp giấy phép xây dựng tại lô' and '#5 khu B.' is left out of it: if the "
        "'#' belongs to the text, write the whole text in quotes (\"…\"); if it is a comment, "
        "put two spaces before the '#'"),
    "a ' #' in an unquoted title": (
        f"{SESSION}/index.md", "title: Đối thoại với công dân", "title: Tổ # 3 đối thoại với công dân",
        f"{SESSION}/index.md:2:11: YAML reads ' #' and the rest of the line as a comment, so this "
        "text ends at 'Tổ' and '# 3 đối thoại với công dân về thủ tục hành chính' is left out"),
    "a ' #' in a list of texts": (
        "registry/topics.yaml", "synonyms: [hộ khẩu]", "synonyms:\n    - hộ khẩu #KT3",
        "registry/topics.yaml:7:15: YAML reads ' #' and the rest of the line as a comment, so this "
        "text ends at 'hộ khẩu' and '#KT3' is left out"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_invalid_archive_gives_one_located_message(tmp_path: Path, name: str) -> None:
    relative, old, new, expected = CASES[name]
    content = make_archive(tmp_path / "content")
    replace(content / relative, old, new)
    result = validate(content)
    assert result.returncode == 1
    problems = [line for line in result.stderr.splitlines() if line.startswith("content/")]
    assert len(problems) == 1, result.stderr
    assert problems[0].startswith(f"content/{expected}"), problems[0]
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize("comment", [
    "    label: Công dân phường Hòa Thọ Đông  # as FORMAT.md writes one",
    "    type: proposal # kiến nghị",
    '    text: "Đề nghị đơn giản hoá hồ sơ tại lô #5." # quoted',
])
def test_a_comment_that_cuts_no_text_is_a_comment(tmp_path: Path, comment: str) -> None:
    """Two spaces before the '#', a value of a list of choices, a text in quotes: nothing is
    left out, and nothing is said."""
    content = make_archive(tmp_path / "content")
    key = comment.split(":")[0]
    answers = content / SESSION / "answers.yaml"
    lines = [comment if line.startswith(f"{key}:") else line
             for line in answers.read_text(encoding="utf-8").splitlines()]
    answers.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = validate(content)
    assert result.returncode == 0, result.stderr


def test_the_agency_a_chair_spoke_for_is_checked_against_the_session_day(tmp_path: Path) -> None:
    """`on_behalf_of` written as an id was shown as that agency even when it no longer existed
    on the session's day, where `organizer` and `participants` are told which unit to use."""
    content = make_archive(tmp_path / "content")
    replace(content / "registry" / "agencies.yaml", "  short_name: Phòng Tư pháp\n",
            "  short_name: Phòng Tư pháp\n  valid_until: 2024-01-31\n")
    replace(content / SESSION / "index.md", "summary:",
            "chair: {name: Ông A, on_behalf_of: phong-tu-phap}\nsummary:")
    problems = [line for line in validate(content).stderr.splitlines() if line.startswith("content/")]
    assert problems == [f"content/{SESSION}/index.md:6:36: agency 'phong-tu-phap' (Phòng Tư pháp quận "
                        "Cẩm Lệ) did not exist on 20/06/2024: it existed until 31/01/2024; use the "
                        "agency of that time"]
    # an id mistyped was published as written, "(thay mặt phong-tu-phapp)" (a press office's find)
    replace(content / SESSION / "index.md", "on_behalf_of: phong-tu-phap", "on_behalf_of: phong-tu-phapp")
    problems = [line for line in validate(content).stderr.splitlines() if line.startswith("content/")]
    assert len(problems) == 1 and problems[0].startswith(
        f"content/{SESSION}/index.md:6:36: unknown agency 'phong-tu-phapp' (did you mean 'phong-tu-phap'"), \
        problems
    replace(content / SESSION / "index.md", "on_behalf_of: phong-tu-phapp", "on_behalf_of: Chủ tịch UBND")
    assert validate(content).returncode == 0


def test_a_folder_named_wrong_is_said_even_when_its_front_matter_is_broken(tmp_path: Path) -> None:
    """A folder's name was checked only once its index.md could be read: one mistake hid the
    other until the next run (a press office's find)."""
    content = make_archive(tmp_path / "content")
    folder = (content / SESSION).rename(content / "sessions/2024/2024-06-20-Doi-Thoai")
    replace(folder / "index.md", "organizer:", "organiser:")
    said = [line for line in validate(content).stderr.splitlines() if line.startswith("content/")]
    assert any("unknown key 'organiser'" in line for line in said), said
    assert "content/sessions/2024/2024-06-20-Doi-Thoai/index.md:1:1: the session folder " \
        "'2024-06-20-Doi-Thoai' must be named YYYY-MM-DD-<slug>" in "\n".join(said), said


def test_a_value_of_the_wrong_shape_is_told_how_to_write_it(tmp_path: Path) -> None:
    """'image: anh.jpg' was told it "must be a mapping (key: value)", with no word of its keys;
    'draft: có' that it "must be true or false" (a press office's find)."""
    content = make_archive(tmp_path / "content")
    replace(content / SESSION / "index.md", "summary:",
            "image: quang-canh.jpg\nattendance: 85\nsources: https://example.vn/bai\ndraft: có\n"
            "participants: 5\nchair: Lê Văn Bình, Chủ tịch UBND quận\ncorrections:\n"
            "  - 2024-06-25\nsummary:")
    said = [line.split(": ", 1)[1] for line in validate(content).stderr.splitlines()
            if line.startswith("content/")]
    assert said == [
        "image must be a mapping (key: value), not 'quang-canh.jpg'; write its keys on the lines "
        "below 'image:', indented by two spaces: '  src: quang-canh.jpg', then caption, alt",
        "attendance must be a mapping (key: value), not '85'; write each count on its own line "
        "below 'attendance:', indented by two spaces, who came and how many ('  citizens: 85')",
        "sources must be a list, not 'https://example.vn/bai'; write each entry below 'sources:' "
        "as '  - url: https://example.vn/bai', its other keys (title) lined up under 'url'",
        "draft must be true or false, not 'có': write true for 'có' (values are written in English)",
        "participants must be a list, not '5'",  # a list of ids: no counts by who came
        # the person and the position, not both as the name (a press office's helper)
        "chair must be a mapping (key: value), not 'Lê Văn Bình, Chủ tịch UBND quận'; write its keys "
        "on the lines below 'chair:', indented by two spaces: '  name: Lê Văn Bình', '  position: "
        "Chủ tịch UBND quận', then on_behalf_of",
        # an entry's advice keeps its dash: without it, the advice followed was a YAML error
        "each entry of corrections must be a mapping (key: value), not '2024-06-25'; write each "
        "entry below 'corrections:' as '  - date: 2024-06-25', its other keys (note) lined up "
        "under 'date'"], said


def test_a_phone_photo_browsers_do_not_show_is_told_to_be_saved_as_jpeg(tmp_path: Path) -> None:
    """An iPhone's .HEIC next to index.md was told to be moved out of the content folder, then,
    moved, "not found: put the photo next to index.md" (a press office's helper)."""
    content = make_archive(tmp_path / "content")
    (content / SESSION / "IMG_0001.HEIC").write_bytes(b"\x00\x00\x00\x18ftypheic")
    replace(content / SESSION / "index.md", "Sáng nay,", "![Ảnh từ điện thoại](IMG_0001.HEIC)\n\nSáng nay,")
    advice = ("'IMG_0001.HEIC' is a HEIC photo, which browsers do not show: save it as .jpg (or "
              ".png, .webp; a phone's share or export does it) next to index.md, and write that "
              "file's name in the write-up")
    said = [line for line in validate(content).stderr.splitlines() if line.startswith("content/")]
    assert said == [f"content/{SESSION}/IMG_0001.HEIC:1:1: {advice}; then remove this file from the "
                    "content folder",
                    f"content/{SESSION}/index.md:8:22: image {advice}"], said


def answers_problems(tmp_path: Path, old: str, new: str) -> list[str]:
    """The located problems `validate` reports once `old` is `new` in a minimal session's
    answers.yaml."""
    content = make_archive(tmp_path / "content")
    replace(content / SESSION / "answers.yaml", old, new)
    return [line for line in validate(content).stderr.splitlines() if line.startswith("content/")]


def test_a_key_mistyped_in_braces_after_a_text_is_told_as_a_typo_only(tmp_path: Path) -> None:
    """'statsu' after a note in braces was also told that a comma had cut the note's text."""
    problems = answers_problems(tmp_path, "        status: in_progress\n",
                                "        status: in_progress\n        updates:\n          - {date: "
                                "2025-01-10, note: Đã rà soát, statsu: in_progress}\n")
    assert problems == [f"content/{SESSION}/answers.yaml:18:50: unknown key 'statsu' (did you mean "
                        "'status'?) (allowed here: date, due, note, status)"], problems


def test_all_problems_reported_at_once(tmp_path: Path) -> None:
    content = make_archive(tmp_path / "content")
    answers = content / SESSION / "answers.yaml"
    replace(answers, "type: proposal", "type: kien-nghi")
    replace(answers, "- by: phong-quan-ly-do-thi", "- by: phong-qlđt")
    replace(content / SESSION / "index.md", "place: quan-cam-le", "place: cam-le")
    result = validate(content)
    assert result.returncode == 1
    located = [line for line in result.stderr.splitlines() if line.startswith("content/")]
    assert len(located) == 3, result.stderr
    assert "3 error(s)" in result.stderr


MORE_ITEMS = """\
  - id: ho-so-gpxd
    type: question
    asker: {label: Công dân, kind: citzen}
    topics: [cu-tru]
    text: Hỏi về đăng ký thường trú.
    commitments:
      - id: kien-nghi-don-gian-hoa
        by: ubnd-quan-cam-lee
        text: Trả lời bằng văn bản.
        due: 2024-01-01
  - id: ho-so-gpxd
    type: qeustion
    asker: {label: Công dân}
    topics: [cu-tru]
    text: Hỏi về hộ khẩu.
"""


def assert_located(content: Path, expected: list[str]) -> None:
    """`validate` reports exactly the problems `expected`, in order, each by its start (from
    the session's folder: 'answers.yaml:9:13: unknown agency')."""
    result = validate(content)
    located = [line for line in result.stderr.splitlines() if line.startswith("content/")]
    assert len(located) == len(expected), result.stderr
    for line, start in zip(located, expected, strict=True):
        assert line.startswith(f"content/{SESSION}/{start}"), (line, start)


@pytest.mark.parametrize("date", ["2024-06-20", "2024-13-01"])
def test_a_mistake_in_one_key_hides_no_other_problem(tmp_path: Path, date: str) -> None:
    """FORMAT.md: all problems at once. A typo in one key of the front matter (`time: 8h`), of
    an item (the asker's kind) or of a registry entry used to hide every id checked after it,
    in that whole session, item or entry, until the next run; with the session's date itself
    wrong, its items are still checked (all but against that date)."""
    content = make_archive(tmp_path / "content")
    index, answers = content / SESSION / "index.md", content / SESSION / "answers.yaml"
    replace(index, "date: 2024-06-20", f"date: {date}")
    replace(index, "summary:", "time: 8h\nkind: dialog\nsummary:")
    replace(index, "organizer: ubnd-quan-cam-le", "organizer: ubnd-quan-cam-lee")
    replace(answers, "topics: [xay-dung]", "topics: [xay-dungg]")
    replace(answers, "- by: phong-quan-ly-do-thi", "- by: phong-xyz")
    answers.write_text(answers.read_text(encoding="utf-8") + MORE_ITEMS, encoding="utf-8")
    agencies = content / "registry" / "agencies.yaml"
    agencies.write_text(agencies.read_text(encoding="utf-8") + "- id: phong-noi-vu\n  name: Phòng "
                        "Nội vụ\n  parent: ubnd-quan-cam-lee\n  valid_from: 2025-01-01\n"
                        "  valid_until: 2024-01-01\n", encoding="utf-8")
    result = validate(content)
    expected = [
        "registry/agencies.yaml:14:11: unknown agency 'ubnd-quan-cam-lee'",
        "registry/agencies.yaml:16:16: valid_until (2024-01-01) is before valid_from",
        f"{SESSION}/answers.yaml:6:14: unknown topic 'xay-dungg'",
        f"{SESSION}/answers.yaml:9:13: unknown agency 'phong-xyz'",
        f"{SESSION}/answers.yaml:17:9: duplicate item id 'ho-so-gpxd' (first used on line 2)",
        f"{SESSION}/answers.yaml:19:36: 'citzen' is not an allowed kind",
        f"{SESSION}/answers.yaml:23:13: duplicate commitment id 'kien-nghi-don-gian-hoa' (first used "
        "on line 12)",
        f"{SESSION}/answers.yaml:24:13: unknown agency 'ubnd-quan-cam-lee'",
        f"{SESSION}/answers.yaml:27:9: duplicate item id 'ho-so-gpxd' (first used on line 2)",
        f"{SESSION}/answers.yaml:28:11: 'qeustion' is not an allowed type",
        f"{SESSION}/index.md:4:12: unknown agency 'ubnd-quan-cam-lee'",
        f"{SESSION}/index.md:6:7: '8h' is not a time",
        f"{SESSION}/index.md:7:7: 'dialog' is not an allowed kind",
    ]
    if date == "2024-06-20":
        expected.insert(8, f"{SESSION}/answers.yaml:26:14: due date 2024-01-01 is before the session")
    else:
        expected.insert(10, f"{SESSION}/index.md:3:7: '2024-13-01' is not a day of the calendar")
    located = [line for line in result.stderr.splitlines() if line.startswith("content/")]
    assert len(located) == len(expected), result.stderr
    for line, start in zip(located, expected, strict=True):
        assert line.startswith(f"content/{start}"), (line, start)


def test_build_stops_with_the_same_messages_and_publishes_nothing(tmp_path: Path) -> None:
    content = make_archive(tmp_path / "content")
    replace(content / SESSION / "answers.yaml", "topics: [xay-dung]", "topics: [xay-dungg]")
    site = tmp_path / "site"
    result = run_build(write_config(tmp_path, content, site))
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert f"{SESSION}/answers.yaml:6:14: unknown topic 'xay-dungg' (did you mean 'xay-dung'?)" in output
    assert "Traceback" not in output
    assert not site.exists()


def test_missing_registry_is_named(tmp_path: Path) -> None:
    content = make_archive(tmp_path / "content")
    (content / "registry" / "places.yaml").unlink()
    result = validate(content)
    assert result.returncode == 1
    assert "content/registry/places.yaml:1:1: registry/places.yaml is missing" in result.stderr


@pytest.mark.parametrize("name", ["topics", "agencies", "places"])
@pytest.mark.parametrize("written", ["", "# danh mục\n\n", "[]\n"])
def test_an_empty_registry_is_one_error_at_the_file(tmp_path: Path, name: str, written: str) -> None:
    """An emptied registry (also one written `[]`) said nothing of its own and 'unknown topic'
    at every use of its ids instead, as if each of them were the mistake."""
    content = make_archive(tmp_path / "content")
    (content / "registry" / f"{name}.yaml").write_text(written, encoding="utf-8")
    result = validate(content)
    assert result.returncode == 1
    located = [line for line in result.stderr.splitlines() if line.startswith("content/")]
    assert located == [f"content/registry/{name}.yaml:1:1: registry/{name}.yaml is empty; every "
                       f"archive lists its {name} there (see FORMAT.md), one entry under '- id: "
                       "...' each"], result.stderr


@pytest.mark.parametrize("name", ["topics", "agencies", "places"])
@pytest.mark.parametrize("written", ["[[]]\n", "- {}\n", "- []\n"])
def test_a_registry_without_one_valid_entry_is_told_at_the_file_only(tmp_path: Path, name: str,
                                                                      written: str) -> None:
    """Its entries' problems are the mistake: 'unknown topic' at every use of its ids too buried
    them (78 lines for the sample archive)."""
    content = make_archive(tmp_path / "content", sessions=3)
    (content / "registry" / f"{name}.yaml").write_text(written, encoding="utf-8")
    result = validate(content)
    located = [line for line in result.stderr.splitlines() if line.startswith("content/")]
    assert located and all(line.startswith(f"content/registry/{name}.yaml:1:") for line in located), \
        result.stderr


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_columns_count_the_characters_of_the_file_as_saved(tmp_path: Path, form: str) -> None:
    """A Mac saves Vietnamese decomposed (NFD: `ờ` is three code points): the text is read in
    NFC, but the column must still point at the mistake in the file the writer opens, for a
    mistake found while reading the file as for one found when the whole archive is checked."""
    content = make_archive(tmp_path / "content")
    answers = content / SESSION / "answers.yaml"
    replace(answers, "    asker:\n      label: Công dân phường Hòa Thọ Đông\n",
            "    asker: {label: Công dân phường Hòa Thọ Đông, kind: citzen}\n")
    replace(answers, "      - by: phong-quan-ly-do-thi\n        text: Phòng sẽ rà soát",
            "      - {official: Trưởng phòng Quản lý đô thị, by: phong-qldt, text: Sẽ rà soát}\n"
            "        # rà soát")
    answers.write_text(unicodedata.normalize(form, answers.read_text(encoding="utf-8")),
                       encoding="utf-8")
    lines = answers.read_text(encoding="utf-8").splitlines()
    result = validate(content)
    for number, text in ((4, "'citzen' is not an allowed"), (8, "unknown agency 'phong-qldt'")):
        column = lines[number - 1].index(text.split("'")[1]) + 1
        assert f"{SESSION}/answers.yaml:{number}:{column}: {text}" in result.stderr, result.stderr


def test_messages_name_the_file_from_the_folder_the_command_runs_in(tmp_path: Path) -> None:
    """A copy of the archive checked from a parent folder: the path printed opens that copy,
    not another archive of the same folder name."""
    content = make_archive(tmp_path / "thu" / "content")
    replace(content / SESSION / "answers.yaml", "type: proposal", "type: kien-nghi")
    result = subprocess.run([sys.executable, "-m", "dialogue_archive.cli", "validate",
                             "thu/content"], cwd=tmp_path, capture_output=True, text=True,
                            timeout=120, env=dict(os.environ, PYTHONPATH=str(ROOT / "plugins")))
    assert f"thu/content/{SESSION}/answers.yaml:3:11: 'kien-nghi'" in result.stderr, result.stderr


def test_validate_checks_as_of_the_build_date_the_build_uses(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An answer dated after a fixed build date stops the build; `validate` said OK, since it
    read neither mkdocs.yml's `build_date` nor the environment's, and ignored a wrong one."""
    content = make_archive(tmp_path / "content")
    replace(content / SESSION / "answers.yaml", "        text: Phòng sẽ rà soát",
            "        date: 2024-08-12\n        mode: in_writing\n        text: Phòng sẽ rà soát")
    message = (f"{SESSION}/answers.yaml:10:15: answer date 2024-08-12 is after the day of the "
               "build (2024-06-25)")
    monkeypatch.delenv("DIALOGUE_ARCHIVE_BUILD_DATE", raising=False)
    config = write_config(tmp_path, content, tmp_path / "site", build_date="2024-06-25")
    for target in (content, tmp_path, config):  # the content folder, the site's folder, its file
        result = validate(target)
        assert result.returncode == 1 and message in result.stderr, (target, result.stderr)
        assert f"1 error(s), 0 warning(s) in {content}: fix them" in result.stderr  # not mkdocs.yml
    # run from the content folder itself; with the date in an INHERITed file, plugins as a mapping
    result = subprocess.run([sys.executable, "-m", "dialogue_archive.cli", "validate", "."],
                            cwd=content, capture_output=True, text=True, timeout=120)
    assert message in result.stderr, result.stderr
    (tmp_path / "base.yml").write_text("plugins:\n  dialogue-archive:\n    build_date: 2024-06-25\n",
                                       encoding="utf-8")
    config.write_text(f"INHERIT: base.yml\nsite_name: Thử\ndocs_dir: {content}\n", encoding="utf-8")
    assert message in validate(content).stderr
    config.write_text("site_name: Thử\nplugins:\n  - dialogue-archive:\n      build_date: 2024-02-30\n",
                      encoding="utf-8")
    result = validate(content)
    assert result.returncode == 2 and f"{config}:4:19: 2024-02-30 is not a day of the calendar" \
        in result.stderr
    config.unlink()
    assert validate(content).returncode == 0
    monkeypatch.setenv("DIALOGUE_ARCHIVE_BUILD_DATE", "2024-06-25")
    assert message in validate(content).stderr
    monkeypatch.setenv("DIALOGUE_ARCHIVE_BUILD_DATE", "28/11/2026")
    result = validate(content)
    assert result.returncode == 2
    assert "DIALOGUE_ARCHIVE_BUILD_DATE '28/11/2026' is not a date; write YYYY-MM-DD" in result.stderr
    monkeypatch.delenv("DIALOGUE_ARCHIVE_BUILD_DATE")
    result = subprocess.run([sys.executable, "-m", "dialogue_archive.cli", "validate", "--build-date",
                             "2026-11-31", str(content)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "'2026-11-31' is not a day of the calendar; check the day and the month" in result.stderr


def test_an_impossible_build_date_in_the_environment_gets_a_message(tmp_path: Path) -> None:
    """mkdocs.yml read the variable as YAML, and PyYAML raised on `2026-13-01`: a traceback."""
    content = make_archive(tmp_path / "content")
    site = tmp_path / "site"
    result = run_build(write_config(tmp_path, content, site),
                       env={"DIALOGUE_ARCHIVE_BUILD_DATE": "2026-13-01"})
    output = result.stdout + result.stderr
    assert result.returncode == 1
    # a day in the right form that the calendar lacks is said so, not 'write YYYY-MM-DD' (a review's find)
    assert "DIALOGUE_ARCHIVE_BUILD_DATE '2026-13-01' is not a day of the calendar; check the day " \
        "and the month" in output
    assert "Traceback" not in output and not site.exists()


def test_a_session_date_written_with_a_time_is_the_day_and_time_in_vietnam(tmp_path: Path) -> None:
    """A date with a time was cut to its day as written: the time was lost, and a UTC time
    (`Z`) could give the day before the one in Vietnam."""
    content = make_archive(tmp_path / "content")
    index = content / SESSION / "index.md"
    for written, start in (("2024-06-20T08:30:00+07:00", "08:30"), ("2024-06-19T20:00:00Z", "03:00"),
                           ("2024-06-20 08:30", "08:30"), ("'2024-06-20 14:00'", "14:00")):
        index.write_text(MINIMAL_INDEX.format(date=written), encoding="utf-8")
        archive, log = load_archive(content, dt.date(2026, 11, 28))
        assert not log.errors, log.errors
        meta = archive.sessions[0].meta
        assert (meta.date, meta.time) == (dt.date(2024, 6, 20), start)


def test_a_start_time_with_a_one_digit_hour_is_read_as_people_write_it(tmp_path: Path) -> None:
    """`time: 8:00` was refused ("write HH:MM") while `published: 2024-06-21 8:00` was read."""
    content = make_archive(tmp_path / "content")
    index = content / SESSION / "index.md"
    for written, start in (("8:00", "08:00"), ("'7:30'", "07:30"), ("14:05", "14:05")):
        index.write_text(MINIMAL_INDEX.format(date="2024-06-20"), encoding="utf-8")
        replace(index, "date: 2024-06-20", f"date: 2024-06-20\ntime: {written}")
        archive, log = load_archive(content, dt.date(2026, 11, 28))
        assert not log.errors, log.errors
        assert archive.sessions[0].meta.time == start
    replace(index, "time: 14:05", "time: 24:00")
    result = validate(content)
    assert result.returncode == 1 and f"{SESSION}/index.md:4:7: '24:00' is not a time" in result.stderr


def test_a_start_time_written_as_vietnamese_texts_do_is_told_its_hh_mm_form(tmp_path: Path) -> None:
    """`time: 14h00` (or `8g30`, `8 giờ 30 phút`), as press offices write an hour, was told
    only "write HH:MM": the message now gives the very value to write."""
    content = make_archive(tmp_path / "content")
    index = content / SESSION / "index.md"
    # '07.30' was echoed as YAML's number, '7.3', with no time to write; a part of the day
    # after a time got only the general example (a press office's helper)
    for written, start in (("14h00", "14:00"), ("8h", "08:00"), ("8g30", "08:30"),
                           ("8 giờ 30 phút", "08:30"), ("07.30", "07:30"), ("7:30 sáng", "07:30"),
                           ("7:30 tối", "19:30"), ("2 giờ chiều", "14:00")):
        index.write_text(MINIMAL_INDEX.format(date="2024-06-20"), encoding="utf-8")
        replace(index, "date: 2024-06-20", f"date: 2024-06-20\ntime: {written}")
        result = validate(content)
        assert result.returncode == 1 and (f"{SESSION}/index.md:4:7: '{written}' is not a time as "
                                           f"this field is written: write \"{start}\"") in result.stderr


def test_a_title_written_as_a_block_is_one_line(tmp_path: Path) -> None:
    """`title: |` keeps its line break in YAML; a feed's title, a calendar event's summary and
    the open data's title carried it."""
    content = make_archive(tmp_path / "content")
    replace(content / SESSION / "index.md", "title: Đối thoại với công dân về thủ tục hành chính",
            "title: |\n  Đối thoại với công dân\n  về thủ tục hành chính")
    replace(content / SESSION / "answers.yaml", "      label: Công dân phường Hòa Thọ Đông",
            "      label: >-\n        Công dân phường\n\n        Hòa Thọ Đông")
    archive, log = load_archive(content, dt.date(2026, 11, 28))
    assert not log.errors, log.errors
    session = archive.sessions[0]
    assert session.meta.title == "Đối thoại với công dân về thủ tục hành chính"
    assert session.items[0].asker.label == "Công dân phường Hòa Thọ Đông"


def test_items_written_as_a_mapping_are_refused(tmp_path: Path) -> None:
    """`items: {}` read as an empty record, while every other list given a mapping is refused."""
    content = make_archive(tmp_path / "content")
    (content / SESSION / "answers.yaml").write_text("items: {}\n", encoding="utf-8")
    result = validate(content)
    assert result.returncode == 1
    assert f"content/{SESSION}/answers.yaml:1:8: items must be a list" in result.stderr, result.stderr


def test_one_synonym_or_old_name_may_be_written_without_a_list(tmp_path: Path) -> None:
    """`synonyms: hộ khẩu` was refused ('must be a list') while `topics: xay-dung` passed."""
    content = make_archive(tmp_path / "content")
    replace(content / "registry" / "topics.yaml", "synonyms: [hộ khẩu]", "synonyms: hộ khẩu")
    replace(content / "registry" / "agencies.yaml", "  short_name: Phòng Tư pháp\n",
            "  short_name: Phòng Tư pháp\n  aliases: Phòng Tư pháp huyện\n")
    archive, log = load_archive(content, dt.date(2026, 11, 28))
    assert not log.errors, log.errors
    assert archive.topics["cu-tru"].synonyms == ["hộ khẩu"]
    assert archive.agencies["phong-tu-phap"].aliases == ["Phòng Tư pháp huyện"]
    replace(content / "registry" / "topics.yaml", "synonyms: hộ khẩu", "synonyms: hộ khẩu, tạm trú")
    result = validate(content)
    assert ("content/registry/topics.yaml:6:13: 'hộ khẩu, tạm trú' is several texts on one line: "
            "write them as a list, [hộ khẩu, tạm trú]") in result.stderr, result.stderr


def test_an_item_may_repeat_another_with_a_yaml_merge_key(tmp_path: Path) -> None:
    """`- <<: *first` then `id: b`: YAML's merge key, whose own keys replace the merged ones.
    Each own key was reported as a duplicate of the merged one."""
    content = make_archive(tmp_path / "content")
    answers = content / SESSION / "answers.yaml"
    replace(answers, "  - id: ho-so-gpxd\n", "  - &dau\n    id: ho-so-gpxd\n")
    answers.write_text(answers.read_text(encoding="utf-8") + "  - <<: *dau\n    id: ho-so-gpxd-2\n"
                       "    commitments: []\n    text: Đề nghị như trên, cho hồ sơ cấp lại.\n",
                       encoding="utf-8")
    result = validate(content)
    assert result.returncode == 0, result.stderr
    archive, _ = load_archive(content, dt.date(2026, 11, 28))
    first, second = archive.sessions[0].items
    assert (second.id, second.type, second.topics, second.commitments) == (
        "ho-so-gpxd-2", first.type, first.topics, [])
    assert second.text.startswith("Đề nghị như trên") and second.answers == first.answers
    replace(answers, "    id: ho-so-gpxd-2\n", "    id: ho-so-gpxd-2\n    id: ho-so-gpxd-3\n")
    assert "duplicate key 'id' (already given on line" in validate(content).stderr  # still one


@pytest.mark.parametrize(("repeat", "taken", "write"), [
    ("  - <<: *dau\n", "id and commitments",
     "its own id (id: …) and its own commitments, or none (commitments: [])"),
    ("  - <<: *dau\n    id: ho-so-gpxd-2\n", "commitments",
     "its own commitments, or none (commitments: [])"),
    ("  - {<<: *dau, text: Hỏi hai}\n", "id and commitments",  # a review's find: '&dau, text: …'
     "its own id (id: …) and its own commitments, or none (commitments: [])"),
])
def test_an_item_repeated_with_a_merge_key_is_told_at_the_merge_to_write_its_own_ids(
        tmp_path: Path, repeat: str, taken: str, write: str) -> None:
    """`- <<: *dau` without an `id:` of its own took the other item's id and commitments: each
    was reported as a duplicate at the other item (line 3, 'first used on line 3'), and the line
    to fix was never named."""
    content = make_archive(tmp_path / "content")
    answers = content / SESSION / "answers.yaml"
    replace(answers, "  - id: ho-so-gpxd\n", "  - &dau\n    id: ho-so-gpxd\n")
    answers.write_text(answers.read_text(encoding="utf-8") + repeat, encoding="utf-8")
    result = validate(content)
    located = [line for line in result.stderr.splitlines() if line.startswith("content/")]
    assert located == [
        f"content/{SESSION}/answers.yaml:18:{5 if '{' not in repeat else 6}: this item repeats the one "
        "marked '&dau' ('<<: *dau'), "
        f"and with it that item's {taken}, which belong to one item only: under the '<<' line, "
        f"write {write}"], result.stderr


@pytest.mark.parametrize(("merge", "repeated"), [
    ("*xd", "the one marked '&xd' ('<<: *xd')"),
    ("[*xd]", "another entry ('<<: [*xd]')")])  # a review's find: "('<<: ')"
def test_a_registry_entry_repeated_with_a_merge_key_is_told_at_the_merge_to_write_its_own_id(
        tmp_path: Path, merge: str, repeated: str) -> None:
    """As an item: `- <<: *xd` without an `id:` took the other entry's id, reported as a
    duplicate at the original entry ('line 1, first used on line 1')."""
    content = make_archive(tmp_path / "content")
    topics = content / "registry" / "topics.yaml"
    text = topics.read_text(encoding="utf-8")
    topics.write_text(text.replace("- id: xay-dung\n", "- &xd\n  id: xay-dung\n", 1)
                      + f"- <<: {merge}\n  name: Cấp phép xây dựng\n", encoding="utf-8")
    merge_line = len(text.replace("- id: xay-dung\n", "- &xd\n  id: xay-dung\n", 1).splitlines()) + 1
    result = validate(content)
    located = [line for line in result.stderr.splitlines() if line.startswith("content/")]
    assert located == [
        f"content/registry/topics.yaml:{merge_line}:3: this entry repeats {repeated}, and with it "
        "that entry's id 'xay-dung', which is one entry's only: under the '<<' line, write its "
        "own id"], result.stderr


UPDATES = ("        status: in_progress\n        updates:\n          - date: 2024-07-01\n"
           "            status: in_progress\n")
SECOND = ("  - id: {id}\n    type: {type}\n    asker: {{label: Công dân}}\n    topics: [cu-tru]\n"
          "    in_scope: {scope}\n    text: Hỏi về hộ khẩu.\n{commitments}")


@pytest.mark.parametrize("name, edits, expected", [
    # `draft` left out as wrong: still a draft, so its placeholder text is no problem
    ("draft", [("index.md", "summary:", "draft: có\nsummary:"),
               ("index.md", "Sáng nay, UBND quận tổ chức đối thoại với công dân.", "...")],
     ["index.md:6:8: draft must be true or false"]),
    # a status left out is not the default 'pending' that disagrees with the updates
    ("status", [("answers.yaml", "        status: in_progress\n", UPDATES.replace(
        "status: in_progress\n        updates", "status: đang làm\n        updates"))],
     ["answers.yaml:16:17: 'đang làm' is not an allowed status"]),
    # two items, neither valid, with one id
    ("ids of invalid items", [("answers.yaml", "type: proposal", "type: x"), ("answers.yaml", None,
                              SECOND.format(id="ho-so-gpxd", type="y", scope="true", commitments=""))],
     ["answers.yaml:3:11: 'x' is not an allowed type", "answers.yaml:17:9: duplicate item id "
      "'ho-so-gpxd' (first used on line 2)", "answers.yaml:18:11: 'y' is not an allowed type"]),
    # a commitment id reused by an item read without its commitments
    ("commitment id", [("answers.yaml", None, SECOND.format(
        id="muc-hai", type="question", scope="có", commitments="    commitments:\n      - id: "
        "kien-nghi-don-gian-hoa\n        text: Trả lời sau.\n"))],
     ["answers.yaml:21:15: in_scope must be true or false", "answers.yaml:24:9: missing required key "
      "'by'", "answers.yaml:24:13: duplicate commitment id 'kien-nghi-don-gian-hoa'"]),
])
def test_what_is_left_out_of_a_wrong_model_adds_no_problem_and_hides_none(
        tmp_path: Path, name: str, edits: list[tuple[str, str | None, str]], expected: list[str]) -> None:
    """The review's cases: a key left out to check the rest must not make a problem of its own
    (its default disagreeing with the file), nor hide one (ids of items that did not validate)."""
    content = make_archive(tmp_path / "content")
    for file, old, new in edits:
        path = content / SESSION / file
        if old is None:
            path.write_text(path.read_text(encoding="utf-8") + new, encoding="utf-8")
        else:
            replace(path, old, new)
    assert_located(content, expected)


ANSWER_BY = "      - by: phong-quan-ly-do-thi\n"
EARLY_ANSWER = ("answers.yaml", ANSWER_BY, ANSWER_BY + "        date: 2024-01-01\n")
BEFORE_SESSION = "answers.yaml:10:15: answer date 2024-01-01 is before the session (2024-06-20)"


@pytest.mark.parametrize("edits, expected", [
    pytest.param([("answers.yaml", ANSWER_BY, "      - by: UBND quận Cẩm Lệ\n        date: 2024-01-01\n")],
                 ["answers.yaml:9:13: 'UBND quận Cẩm Lệ' is the name of the agency 'ubnd-quan-cam-le'",
                  BEFORE_SESSION], id="answer by"),
    pytest.param([("answers.yaml", ANSWER_BY, ANSWER_BY + "        mode: referred\n        referred_to: "
                   "Phòng Tư pháp\n        date: 2024-01-01\n")],
                 ["answers.yaml:11:22: 'Phòng Tư pháp' is the name of the agency 'phong-tu-phap'",
                  "answers.yaml:12:15: answer date 2024-01-01 is before the session"], id="referred_to"),
    pytest.param([("answers.yaml", "        by: ubnd-quan-cam-le\n", "        by: UBND quận Cẩm Lệ\n"),
                  ("answers.yaml", "due: 2024-12-31", "due: 2024-01-01"),
                  ("answers.yaml", "status: in_progress\n", "status: in_progress\n        updates:\n"
                   "          - {date: 2024-07-01, status: done}\n")],
                 ["answers.yaml:13:13: 'UBND quận Cẩm Lệ' is the name of the agency 'ubnd-quan-cam-le'",
                  "answers.yaml:15:14: due date 2024-01-01 is before the session (2024-06-20)",
                  "answers.yaml:16:17: status is in_progress but the last update (01/07/2024) says done"],
                 id="commitment by"),
    pytest.param([("answers.yaml", "topics: [xay-dung]", "topics: [Xây dựng]"), EARLY_ANSWER],
                 ["answers.yaml:6:14: 'Xây dựng' is the name of the topic 'xay-dung'", BEFORE_SESSION],
                 id="topics"),
    pytest.param([("answers.yaml", "id: ho-so-gpxd", "id: Hồ sơ GPXD"), EARLY_ANSWER],
                 ["answers.yaml:2:9: 'Hồ sơ GPXD' is not a valid id", BEFORE_SESSION], id="item id"),
    pytest.param([("index.md", "organizer: ubnd-quan-cam-le", "organizer: UBND quận Cẩm Lệ"),
                  EARLY_ANSWER],
                 [BEFORE_SESSION, "index.md:4:12: 'UBND quận Cẩm Lệ' is the name of the agency "
                  "'ubnd-quan-cam-le'"], id="organizer"),
    pytest.param([("index.md", "place: quan-cam-le", "place: Quận Cẩm Lệ"), EARLY_ANSWER],
                 [BEFORE_SESSION, "index.md:5:8: 'Quận Cẩm Lệ' is the name of the place 'quan-cam-le'"],
                 id="place"),
])
def test_a_name_typed_for_an_id_hides_no_check_of_what_holds_it(
        tmp_path: Path, edits: list[tuple[str, str, str]], expected: list[str]) -> None:
    """README: a mistake in one key hides nothing else. A name typed where an id belongs (an
    answer's `by`, a commitment's, an item's topics or id, the organizer) left out the whole
    answer, commitment, item or front matter holding it, and with it their dates: the answer
    dated before the session was said only once the name was fixed, in the next run."""
    content = make_archive(tmp_path / "content")
    for file, old, new in edits:
        replace(content / SESSION / file, old, new)
    assert_located(content, expected)


COMMITMENT_END = "        status: in_progress\n"


@pytest.mark.parametrize("file, old, new, expected", [
    pytest.param("answers.yaml", COMMITMENT_END, COMMITMENT_END + "        updates:\n"
                 "          - {date: 2024-09-01, status: in_progress, note: Đã rà soát.}\n"
                 "          - {date: 2024-08-01, status: in_progress, note: Đã họp.}\n"
                 "          - {date: 2024-10-01, status: done, note: ''}\n",
                 ["answers.yaml:16:17: status is in_progress but the last update (01/10/2024) says done",
                  "answers.yaml:19:20: updates must be oldest first: 2024-08-01 comes after 2024-09-01",
                  "answers.yaml:20:52: note must not be empty"], id="updates"),
    pytest.param("index.md", "summary:", "corrections:\n  - {date: 20/07/2024, note: Sửa tên.}\n"
                 "  - {date: 2024-06-01, note: Sửa số.}\n  - {date: 2099-01-01}\n"
                 "  - {ngày: 2024-07-02, note: Bổ sung.}\nsummary:",
                 ["index.md:7:12: '20/07/2024' is not a date: write it as YYYY-MM-DD, here 2024-07-20",
                  "index.md:8:12: correction date 2024-06-01 is before the session",
                  "index.md:9:5: missing required key 'note'",
                  "index.md:9:12: correction date 2099-01-01 is after the day of the build",
                  "index.md:10:6: unknown key 'ngày' (write 'date' for 'ngày': keys are written in "
                  "English)"], id="corrections"),
    pytest.param("answers.yaml", COMMITMENT_END, COMMITMENT_END + "      - id: ra-soat\n"
                 "        by: ubnd-quan-cam-le\n        due: 2024-01-01\n"
                 "      - id: tra-loi\n        by: ubnd-quan-cam-le\n        txt: Trả lời bằng văn bản.\n"
                 "        due: 2024-02-01\n",
                 ["answers.yaml:17:9: missing required key 'text'",
                  "answers.yaml:19:14: due date 2024-01-01 is before the session",
                  "answers.yaml:22:9: unknown key 'txt' (did you mean 'text'?)",
                  "answers.yaml:23:14: due date 2024-02-01 is before the session"], id="commitments"),
])
def test_a_mistake_in_one_entry_of_a_list_hides_none_of_the_others(
        tmp_path: Path, file: str, old: str, new: str, expected: list[str]) -> None:
    """README: a mistake in one key hides nothing else. An empty note in one update hid the
    order of the updates and the commitment's status, a correction without its note (or with
    its date written day first, or as `ngày`) hid the dates of the others, a commitment without
    its text hid the due dates of the others: one more run each (a helper's finds)."""
    content = make_archive(tmp_path / "content")
    replace(content / SESSION / file, old, new)
    assert_located(content, expected)


def test_a_unit_that_did_not_exist_on_the_day_gets_the_units_of_that_day(tmp_path: Path) -> None:
    """A record keeps the unit of its day (FORMAT.md): a ward made in 2025 used in 2024 names
    the wards merged into it, and a name written for an id is looked up on the session's day,
    so that the one message says what to write (it suggested an id refused next time)."""
    content = copy_sample(tmp_path / "content")
    old = content / "sessions" / "2024" / "2024-05-23-doi-thoai-doanh-nghiep-ho-kinh-doanh" / "answers.yaml"
    replace(old, "      place: phuong-hoa-tho-dong", "      place: phuong-cam-le")
    new = next((content / "sessions" / "2026").glob("2026-04-*/answers.yaml"))
    replace(new, "      place: phuong-cam-le", "      place: Hòa Thọ Đông")
    result = validate(content)
    assert result.returncode == 1
    problems = [line.split(": ", 1)[1] for line in result.stderr.splitlines() if line.startswith("content/")]
    assert problems == [
        "place 'phuong-cam-le' (Phường Cẩm Lệ) did not exist on 23/05/2024: it exists from 01/07/2025; "
        "on that date use phuong-hoa-tho-dong (Phường Hòa Thọ Đông) or phuong-hoa-tho-tay (Phường Hòa "
        "Thọ Tây) or phuong-khue-trung (Phường Khuê Trung)",
        "'Hòa Thọ Đông' is a name, not an id, and the place 'Hòa Thọ Đông' (Phường Hòa Thọ Đông) did "
        "not exist on 16/04/2026: it existed until 30/06/2025; on that date use phuong-cam-le "
        "(Phường Cẩm Lệ)"], result.stderr


@pytest.mark.parametrize("answered", ["2025-07-10", "2025-07-10 10:00", "2025-13-01", "10/07/2025"])
def test_an_item_with_a_wrong_value_still_has_its_units_checked_on_its_day(
        tmp_path: Path, answered: str) -> None:
    """README: a mistake in one key hides nothing else. An item whose `type` was written wrong
    had its ids looked up, but not whether the units existed on the day: the ward it named,
    made a year after the session, was said only in the next run, once the type was fixed. An
    answer in writing is looked up on its own date, as a valid item's is, and not at all when
    that date is itself wrong (it was looked up on the session's day: 'did not exist')."""
    content = copy_sample(tmp_path / "content")
    old = content / "sessions" / "2024" / "2024-05-23-doi-thoai-doanh-nghiep-ho-kinh-doanh" / "answers.yaml"
    replace(old, "    type: question\n    asker:\n      label: Chủ hộ kinh doanh ăn uống, phường Hòa An\n"
                 "      kind: business\n      place: phuong-hoa-an",
            "    type: câu hỏi\n    asker:\n      label: Chủ hộ kinh doanh ăn uống, phường Hòa An\n"
            "      kind: business\n      place: phuong-cam-le")
    replace(old, "      - by: phong-tai-chinh-ke-hoach\n"
                 "        official: Phó Trưởng phòng Tài chính – Kế hoạch\n        mode: on_the_spot",
            "      - by: trung-tam-phuc-vu-hanh-chinh-cong-phuong-cam-le\n        mode: in_writing\n"
            f"        date: {answered}")
    result = validate(content)
    problems = [line.split(": ", 1)[1] for line in result.stderr.splitlines() if line.startswith("content/")]
    assert problems[0].startswith("'câu hỏi' is not an allowed type"), problems
    assert problems[1].startswith(
        "place 'phuong-cam-le' (Phường Cẩm Lệ) did not exist on 23/05/2024"), problems
    assert len(problems) == (2 if answered.startswith("2025-07-10") else 3), result.stderr
    assert not any("agency" in problem for problem in problems), problems


def test_a_date_that_disagrees_with_its_folder_is_the_one_problem_said(tmp_path: Path) -> None:
    """A one-digit typo in a session's date (2042 for 2024) gave 38 errors, most asking to
    change what was right: places and agencies 'did not exist on 27/06/2042', answers dated
    before the session, 'move it to sessions/2042/'. Which of date and folder is the typo is
    unknown: the mismatch is said, and the checks against the day wait until it is fixed."""
    content = copy_sample(tmp_path / "content")
    index = content / "sessions" / "2024" / "2024-06-27-tiep-xuc-cu-tri-phuong-hoa-xuan" / "index.md"
    replace(index, "date: 2024-06-27", "date: 2042-06-27")
    result = validate(content)
    problems = [line.split(": ", 1)[1] for line in result.stderr.splitlines() if line.startswith("content/")]
    assert problems == ["date 2042-06-27 disagrees with the folder name '2024-06-27-tiep-xuc-cu-tri-phuong"
                        "-hoa-xuan'; rename the folder (once published, with its old id kept in 'aliases: "
                        "[2024-06-27-tiep-xuc-cu-tri-phuong-hoa-xuan]') or fix the date"], result.stderr


def test_an_answer_date_reported_wrong_judges_no_agency_by_it(tmp_path: Path) -> None:
    """A referral of 2023 dated 2033 (a year's typo) was told, before its date's own error, that
    the district's committee and its police 'did not exist on 12/04/2033' and to use that day's
    successors, which the next run refused once the date was fixed (a review's find); so was an
    answer dated before its session. As with a session date that disagrees with its folder,
    the checks against a date said to be wrong wait until it is fixed. So in an item whose other
    mistake left its answers out, where their units are looked up on their own dates too: such
    an answer's date is checked as any other's (it was not said at all)."""
    content = copy_sample(tmp_path / "content")
    sessions = content / "sessions"
    replace(sessions / "2023" / "2023-09-21-doi-thoai-thu-tuc-hanh-chinh" / "answers.yaml",
            "        mode: referred\n        referred_to: cong-an-quan",
            "        mode: referred\n        date: 2033-04-12\n        referred_to: cong-an-quan")
    replace(sessions / "2026" / "2026-04-16-doi-thoai-lien-thong-khai-sinh-thuong-tru-bhyt" / "answers.yaml",
            "        official: Trưởng phòng Kinh tế, Hạ tầng và Đô thị\n        mode: on_the_spot",
            "        official: Trưởng phòng Kinh tế, Hạ tầng và Đô thị\n        mode: in_writing\n"
            "        date: 2024-04-20")  # 2026's answer, a year's typo: the ward's office was made in 2025
    replace(sessions / "2024" / "2024-05-23-doi-thoai-doanh-nghiep-ho-kinh-doanh" / "answers.yaml",
            "    type: question\n", "    type: câu hỏi\n")
    replace(sessions / "2024" / "2024-05-23-doi-thoai-doanh-nghiep-ho-kinh-doanh" / "answers.yaml",
            "        mode: on_the_spot\n", "        mode: in_writing\n        date: 2042-05-30\n")
    result = validate(content)
    problems = [line.split(": ", 1)[1] for line in result.stderr.splitlines() if line.startswith("content/")]
    assert len(problems) == 4, result.stderr
    assert problems[0].startswith("answer date 2033-04-12 is after the day of the build"), problems
    assert problems[1].startswith("'câu hỏi' is not an allowed type"), problems
    assert problems[2].startswith("answer date 2042-05-30 is after the day of the build"), problems
    assert problems[3] == ("answer date 2024-04-20 is before the session (2026-04-16); an answer "
                           "cannot come before the question"), problems


def test_a_correction_is_dated_between_the_session_and_today(tmp_path: Path) -> None:
    """A correction dated before the session, or after today, is a slip: the page would say the
    record was corrected on a day it was not. Each is said at its line, with what to write, in
    the same run as a correction without its note (a helper's find: two runs were needed)."""
    content = make_archive(tmp_path / "content")
    replace(content / SESSION / "index.md", "summary:",
            "corrections:\n  - date: 2024-06-01\n    note: Sửa tên cơ quan trả lời.\n"
            "  - {date: 2099-01-01, note: Bổ sung số văn bản.}\n  - date: 2024-07-02\nsummary:")
    dated = [
        f"content/{SESSION}/index.md:7:11: correction date 2024-06-01 is before the session "
        "(2024-06-20); write the day the published record was corrected",
        f"content/{SESSION}/index.md:9:12: correction date 2099-01-01 is after the day of the build "
        f"({dt.datetime.now(VIETNAM).date()}): a correction records what has already happened; fix "
        "the date: a correction is dated the day the record was corrected"]
    problems = [line for line in validate(content).stderr.splitlines() if line.startswith("content/")]
    assert problems == [*dated, f"content/{SESSION}/index.md:10:5: missing required key 'note'"], problems
    replace(content / SESSION / "index.md", "  - date: 2024-07-02\n",
            "  - date: 2024-07-02\n    note: Sửa lỗi chính tả.\n")
    problems = [line for line in validate(content).stderr.splitlines() if line.startswith("content/")]
    assert problems == dated, problems


def test_an_update_before_the_session_is_told_what_to_write(tmp_path: Path) -> None:
    problems = answers_problems(tmp_path, "status: in_progress", "status: in_progress\n        updates:\n"
                                "          - {date: 2024-01-10, note: Đã rà soát.}")
    assert problems == [f"content/{SESSION}/answers.yaml:18:20: update date 2024-01-10 is before the "
                        "session (2024-06-20); an update records a step taken after the commitment "
                        "was made: write its own day"], problems


def test_a_step_written_as_a_new_commitment_is_told_where_it_goes(tmp_path: Path) -> None:
    """A clerk adding a step under a new entry, its id mistyped, was told twice that the
    entry lacked by and text: one message now names the commitment meant and its line."""
    problems = answers_problems(tmp_path, "status: in_progress", "status: in_progress\n"
                                "      - id: kien-nghi-don-gian-hoaa\n        updates:\n"
                                "          - {date: 2024-12-20, status: done}\n"
                                "          - {status: done, note: Đã có văn bản.}")
    assert problems == [
        f"content/{SESSION}/answers.yaml:17:9: this commitment has updates but no by and text: to "
        "record steps of commitment 'kien-nghi-don-gian-hoa' (line 12), move these updates under "
        "its own 'updates:'; a new commitment needs by (the agency's id) and text (what was "
        "promised)",
        f"content/{SESSION}/answers.yaml:20:13: missing required key 'date': write the day of this "
        "step first, as '- date: 2025-09-20', its status, note or new due lined up under 'date'"], problems


def test_an_extension_to_before_the_session_is_said_at_its_line(tmp_path: Path) -> None:
    problems = answers_problems(tmp_path, "status: in_progress", "status: in_progress\n        updates:\n"
                                "          - {date: 2024-12-20, due: 2025-06-30}\n"
                                "          - {date: 2024-12-21, due: 2024-01-31}")
    assert problems == [f"content/{SESSION}/answers.yaml:19:37: new due date 2024-01-31 is before the "
                        "session (2024-06-20): write the date the agency must now be done by"], problems


def test_an_extension_to_before_its_own_day_is_said_at_its_line(tmp_path: Path) -> None:
    """A clerk typing 2025 for 2026 moved a due date to a day already past when it was set; the
    site called it an extension (a press office's helper)."""
    problems = answers_problems(tmp_path, "status: in_progress", "status: in_progress\n        updates:\n"
                                "          - {date: 2025-01-10, due: 2024-10-01}")
    assert problems == [f"content/{SESSION}/answers.yaml:18:37: new due date 2024-10-01 is before the "
                        "day of this update (2025-01-10), so it had passed when it was set: write the "
                        "date the agency must now be done by (check its year)"], problems


@pytest.mark.parametrize(("mode", "said"), [
    ("referred", "'phong-quan-ly-do-thi' is the agency that answers (by): an agency does not refer a "
                 "question to itself; write the agency it was sent to, or, if it answered itself, "
                 "remove referred_to and write its mode"),
    ("in_writing", "referred_to is only used with mode: referred")])
def test_a_referral_names_another_agency_at_its_line(tmp_path: Path, mode: str, said: str) -> None:
    """"UBND xã Hưng Tây · Chuyển đến UBND xã Hưng Tây" was published; and a referred_to beside
    another mode was said at the answer's first line, not at referred_to's."""
    problems = answers_problems(tmp_path, "      - by: phong-quan-ly-do-thi\n",
                                f"      - by: phong-quan-ly-do-thi\n        mode: {mode}\n"
                                "        referred_to: phong-quan-ly-do-thi\n")
    assert problems == [f"content/{SESSION}/answers.yaml:11:22: {said}"], problems


def test_the_date_of_an_answer_left_out_with_its_item_is_checked_whatever_its_by(tmp_path: Path) -> None:
    """An answer left out with its item (its `type` wrong) had its date checked only when its
    `by` was an agency id: with the agency's name typed there (which FORMAT.md does not allow,
    and which is said), or no `by` at all, an answer dated before its session or years after the
    build was not said until the item was fixed (a review's find). Each date is now said as a
    valid answer's, at its line and column."""
    content = make_archive(tmp_path / "content")
    replace(content / SESSION / "answers.yaml", "    type: proposal\n", "    type: kiến nghị\n")
    replace(content / SESSION / "answers.yaml", "      - by: phong-quan-ly-do-thi\n",
            "      - by: Phòng Quản lý đô thị\n        date: 2024-06-02\n"
            "        text: Đã trả lời.\n      - mode: in_writing\n        date: 2042-06-30\n")
    result = validate(content)
    problems = [line.split(": ", 1) for line in result.stderr.splitlines() if line.startswith("content/")]
    where = f"content/{SESSION}/answers.yaml"
    assert [at for at, _ in problems] == [f"{where}:{at}" for at in
                                          ("3:11", "9:13", "10:15", "12:9", "13:15")], result.stderr
    assert problems[2][1] == ("answer date 2024-06-02 is before the session (2024-06-20); an answer "
                              "cannot come before the question"), result.stderr
    assert problems[4][1].startswith("answer date 2042-06-30 is after the day of the build"), result.stderr


def test_a_name_that_no_unit_of_the_day_has_names_the_units_of_that_day() -> None:
    """'Tăng Tiến' in August 2025: the commune and the ward of that name had both ended."""
    def unit(ident: str, name: str, until: dt.date | None, after: list[str], start: dt.date | None = None):
        return SimpleNamespace(id=ident, name=name, kind="ward", short_name=None, aliases=[],
                               valid_from=start, valid_until=until, succeeded_by=after)
    ended = dt.date(2025, 6, 30)
    places = [unit("xa-tang-tien", "Xã Tăng Tiến", dt.date(2020, 1, 31), ["phuong-tang-tien"]),
              unit("phuong-tang-tien", "Phường Tăng Tiến", ended, ["phuong-viet-yen"], dt.date(2020, 2, 1)),
              unit("phuong-viet-yen", "Phường Việt Yên", None, [], dt.date(2025, 7, 1))]
    with pytest.raises(MatchError) as raised:
        Match.build("place", places).resolve("Tăng Tiến", dt.date(2025, 8, 3))
    assert str(raised.value) == (
        "no place named 'Tăng Tiến' existed on 03/08/2025 (xa-tang-tien (Xã Tăng Tiến), "
        "phuong-tang-tien (Phường Tăng Tiến)); on that date use phuong-viet-yen (Phường Việt Yên)")


def test_a_name_for_an_id_that_no_unit_of_the_day_had_names_the_units_of_that_day(tmp_path: Path) -> None:
    """validate says it as new and import do: the commune and the ward of that name had ended."""
    content = make_archive(tmp_path / "content", start=dt.date(2025, 8, 1))
    with (content / "registry" / "places.yaml").open("a", encoding="utf-8") as places:
        places.write("- id: xa-tang-tien\n  name: Xã Tăng Tiến\n  kind: commune\n  valid_until: 2020-01-31\n"
                     "  succeeded_by: [phuong-tang-tien]\n- id: phuong-tang-tien\n  name: Phường Tăng Tiến\n"
                     "  kind: ward\n  valid_from: 2020-02-01\n  valid_until: 2025-06-30\n"
                     "  succeeded_by: [phuong-cam-le]\n")
    session = content / "sessions" / "2025" / "2025-08-01-doi-thoai-1"
    replace(session / "index.md", "place: quan-cam-le", "place: Tăng Tiến")
    (session / "answers.yaml").write_text("items: []\n", encoding="utf-8")
    result = validate(content)
    assert result.returncode == 1
    assert ("index.md:5:8: 'Tăng Tiến' is a name, not an id, and no place named 'Tăng Tiến' existed on "
            "01/08/2025 (xa-tang-tien (Xã Tăng Tiến), phuong-tang-tien (Phường Tăng Tiến)); on that date "
            "use phuong-cam-le (Phường Cẩm Lệ)") in result.stderr, result.stderr


@pytest.mark.parametrize(("kind", "asker"), [("voter_meeting", "voter"),
                                             ("business_dialogue", "business"),
                                             ("dialogue", "citizen")])
def test_an_asker_of_no_written_kind_is_one_of_the_people_the_session_was_for(
        tmp_path: Path, kind: str, asker: str) -> None:
    """'Công dân' beside 'Bà L.T.H., cử tri khối 2' at a voter meeting, where the import makes
    the same asker a voter (a review's find)."""
    content = make_archive(tmp_path / "content")
    replace(content / SESSION / "index.md", "place: quan-cam-le\n", f"place: quan-cam-le\nkind: {kind}\n")
    archive, log = load_archive(content, dt.date(2026, 11, 28))
    assert not log.errors, log.errors
    assert archive.sessions[0].items[0].asker.kind.value == asker


SITE_MADE = ["topics/xay-dung/index.md", "agencies/index.md", "search/index.md", "statistics.md",
             "404.html"]
"""Files of the content folder at addresses the site makes itself (review finds)."""
SITE_FILES = ["data/items.pdf", "assets/dialogue-archive/archive.css",
              "assets/dialogue-archive-search/extra.js", "pagefind/logo.png", "data.md"]
"""Files in folders where the site writes files of its own: an office's archive.css was
replaced by the archive's own, with a DeprecationWarning traceback excerpt in the log."""


def test_a_page_at_an_address_the_site_makes_is_refused_by_validate_and_the_build(
        tmp_path: Path) -> None:
    """Validate said OK and the build published the site's page in its place, without a word
    but a DeprecationWarning traceback in the log."""
    content = make_archive(tmp_path / "content")
    for uri in SITE_MADE + SITE_FILES:
        (content / uri).parent.mkdir(parents=True, exist_ok=True)
        (content / uri).write_text("# Trang của cơ quan\n\nNội dung.\n", encoding="utf-8")
    (content / "agencies" / "so-do.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # a photo is no page
    expected = sorted([f"content/{uri}:1:1: the site makes /{uri.removesuffix('index.md')} itself"
                       for uri in SITE_MADE if uri != "statistics.md"]
                      + ["content/statistics.md:1:1: the site makes /statistics/ itself"]
                      + [f"content/{uri}:1:1: the site writes its own files in "
                         f"/{uri.rsplit('/', 1)[0] if '/' in uri else uri[:-3]}/" for uri in SITE_FILES])
    result = validate(content)
    assert result.returncode == 1
    located = sorted(line for line in result.stderr.splitlines() if line.startswith("content/"))
    assert len(located) == len(SITE_MADE + SITE_FILES), result.stderr
    assert all(line.startswith(start) for line, start in zip(located, expected, strict=True)), located
    assert "move or rename the file" in located[0]
    site = tmp_path / "site"
    built = run_build(write_config(tmp_path, content, site))
    output = built.stdout + built.stderr
    assert built.returncode == 1
    for line in located:
        assert line in output
    assert "Traceback" not in output and "DeprecationWarning" not in output
    assert not site.exists()


def test_a_page_whose_name_ends_in_index_is_a_page_of_its_own(tmp_path: Path) -> None:
    """'searchindex.md' was read as the search section's index page, refused as '/search'
    (a review's find); MkDocs publishes it at /searchindex/."""
    content = make_archive(tmp_path / "content")
    (content / "searchindex.md").write_text("# Mục lục tra cứu\n\n[Hướng dẫn](../huong-dan/)\n",
                                            encoding="utf-8")
    (content / "huong-dan").mkdir()  # a folder's README.md is its page, as in MkDocs
    (content / "huong-dan" / "README.md").write_text("# Hướng dẫn\n", encoding="utf-8")
    result = validate(content)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    built = run_build(write_config(tmp_path, content, site))
    assert built.returncode == 0, built.stderr
    assert "Mục lục tra cứu" in (site / "searchindex" / "index.html").read_text(encoding="utf-8")
    assert "Hướng dẫn" in (site / "huong-dan" / "index.html").read_text(encoding="utf-8")
    # an address-form link, checked by the archive, is no MkDocs advice to write it otherwise
    assert "unrecognized relative link" not in built.stdout + built.stderr  # (a review's find)
    # beside an index.md, MkDocs leaves a README.md out (and a strict build stopped); the
    # home page's text is index.md (review finds)
    (content / "huong-dan" / "index.md").write_text("# Hướng dẫn mới\n", encoding="utf-8")
    (content / "README.md").write_text("# Kho lưu trữ\n", encoding="utf-8")
    assert [line.split(": ", 1) for line in validate(content).stderr.splitlines()[:2]] == [
        ["content/README.md:1:1", "this folder's page is index.md, and MkDocs cannot publish "
         "README.md at the same address: merge it into index.md, or rename it"],
        ["content/huong-dan/README.md:1:1", "this folder's page is index.md, and MkDocs cannot "
         "publish README.md at the same address: merge it into index.md, or rename it"]]
    # a page and a folder's page at one address: MkDocs kept one without a word (a review's find)
    (content / "README.md").unlink()
    (content / "huong-dan" / "README.md").unlink()
    (content / "huong-dan.md").write_text("# Hướng dẫn cũ\n", encoding="utf-8")
    assert [line.split(": ", 1) for line in validate(content).stderr.splitlines()[:1]] == [
        ["content/huong-dan.md:1:1", "huong-dan.md and huong-dan/index.md are both the page "
         "/huong-dan/, and MkDocs publishes only one of them: merge them, or rename one"]]
    (content / "huong-dan" / "index.md").rename(content / "huong-dan" / "index.html")
    assert "huong-dan.md and huong-dan/index.html are both the page /huong-dan/" in \
        validate(content).stderr  # the office's index.html was replaced in silence


@pytest.mark.parametrize(("option", "value", "least"), [
    ("search_shard_records", "0", 1), ("search_shard_records", "-2", 1),
    ("search_scope_records", "-5", 1), ("search_chunk_bytes", "0", 1), ("workers", "-1", 0),
    ("workers", "many", 0)])
def test_a_numeric_option_out_of_range_is_refused_with_its_least_value(
        tmp_path: Path, option: str, value: str, least: int) -> None:
    """`search_shard_records: 0` stopped the build with a ZeroDivisionError traceback; a
    negative number of records or bytes built without a word."""
    content = make_archive(tmp_path / "content")
    site = tmp_path / "site"
    result = run_build(write_config(tmp_path, content, site, **{option: value}))
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert f"option '{option}': write a whole number of at least {least}" in output, output
    assert "Traceback" not in output
    assert not site.exists()


@pytest.mark.parametrize("given", ["content/index.md", "missing", "/nonexistent-folder"])
def test_validate_of_a_page_or_a_missing_folder_says_what_to_give(tmp_path: Path, given: str) -> None:
    """A Markdown page was read as a mkdocs.yml ('MkDocs encountered an error parsing the
    configuration file'); a missing folder was 'nonexistent:1:1: the content folder does not
    exist', its leading '/' dropped and a line and column given for a folder."""
    make_archive(tmp_path / "content")
    result = subprocess.run([sys.executable, "-m", "dialogue_archive.cli", "validate", given],
                            capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert result.returncode == 2
    what = "this is a file, not a mkdocs.yml" if given.endswith(".md") else "no such file or folder"
    assert result.stderr == (f"error: {given}: {what}; give the content folder (the one with "
                             "registry/ and sessions/) or the site's mkdocs.yml\n")


@pytest.mark.parametrize(("option", "message"), [
    ("workers: many", "mkdocs.yml:6:7: plugin dialogue-archive, option 'workers': write a whole "
                      "number of at least 0"),
    ("colour: blue", "mkdocs.yml:6:7: plugin dialogue-archive, option 'colour': Unrecognised "
                     "configuration name: colour"),
    ("labels: nhan.yaml", "nhan.yaml:1:1: 'sesions' is no label"),
    ("labels: thieu.yaml", "thieu.yaml:1:1: the labels file cannot be read"),
    # saved in Windows' Vietnamese code page: a traceback (UnicodeDecodeError) stopped both
    ("labels: cp1258.yaml", "cp1258.yaml:2:15: the file is not UTF-8 text (byte 0xf4)")])
def test_validate_of_a_sites_mkdocs_yml_refuses_what_the_build_refuses(
        tmp_path: Path, option: str, message: str) -> None:
    """validate said OK of a mkdocs.yml whose plugin options or labels file the build refuses.
    Each message starts with the file named from the folder the command runs in, as the
    content's are: the labels file's was its absolute path."""
    content = make_archive(tmp_path / "content")
    (tmp_path / "nhan.yaml").write_text("sesions:\n  x: Buổi\n", encoding="utf-8")
    (tmp_path / "cp1258.yaml").write_bytes(b"nav:\n  sessions: Bu\xf4i ti\xea\xcc\x81p\n")
    config = write_config(tmp_path, content, tmp_path / "site")
    config.write_text(config.read_text(encoding="utf-8").replace(
        "dialogue-archive: {}", f"dialogue-archive:\n      {option}"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "dialogue_archive.cli", "validate", "mkdocs.yml"],
                            capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert result.returncode == 1
    assert any(line.startswith(message) for line in result.stderr.splitlines()), result.stderr
    built = run_build(config, cwd=tmp_path)
    assert built.returncode == 1  # the build refuses the same
    if option.startswith("labels"):  # the options are said in MkDocs' words, without a file
        assert f"option 'labels': {message}" in built.stderr, built.stderr
    assert "Traceback" not in result.stderr + built.stderr, built.stderr


@pytest.mark.parametrize(("written", "refused"), [
    ("20261127", True), ('"2026-W48-5"', True), ("''", False), ("' '", False),
    ('"2026-11-27"', False)])
def test_validate_and_the_build_agree_on_a_build_date(tmp_path: Path, written: str,
                                                      refused: bool) -> None:
    """`build_date: 20261127` (a number) was refused by validate and used by the build; a
    blank one, which means none, was refused by both, and one of spaces did not fall back on
    DIALOGUE_ARCHIVE_BUILD_DATE (review finds)."""
    content = make_archive(tmp_path / "content")
    config = write_config(tmp_path, content, tmp_path / "site", build_date=written)
    env = {"DIALOGUE_ARCHIVE_BUILD_DATE": "2024-06-01"}  # before the session's day, 2024-06-20
    checked = subprocess.run([sys.executable, "-m", "dialogue_archive.cli", "validate", str(config)],
                             capture_output=True, text=True, timeout=120, env={**os.environ, **env})
    built = run_build(config, env=env)
    if not refused and written.strip("'\"").strip() == "":  # blank: the variable's day, 2024-06-01
        assert "after the day of the build" in checked.stdout + checked.stderr, checked
        assert checked.returncode == 1 and built.returncode == 1, (checked.stderr, built.stderr)
        return
    assert (checked.returncode != 0, built.returncode != 0) == (refused, refused), (
        checked.stderr, built.stderr)
    if refused:
        said = f"option 'build_date': '{written.strip(chr(34))}' is not a date; write YYYY-MM-DD"
        assert said in checked.stderr and said in built.stderr


def test_every_wrong_option_and_the_labels_file_are_refused_in_one_run(tmp_path: Path) -> None:
    """MkDocs checks a plugin's options up to the first that fails: `validate` said two of
    these, then the next once they were fixed, then the labels file; the build said one."""
    content = make_archive(tmp_path / "content")
    config = write_config(tmp_path, content, tmp_path / "site", workers="many", labelz="x.yaml",
                          labels="thieu.yaml", search_shard_records=0, build_date='"2026-13-45"')
    result = subprocess.run([sys.executable, "-m", "dialogue_archive.cli", "validate", "mkdocs.yml"],
                            capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert result.returncode == 1
    expected = ["mkdocs.yml:6:7: plugin dialogue-archive, option 'workers': write a whole number",
                "mkdocs.yml:7:7: plugin dialogue-archive, option 'labelz': Unrecognised",
                "mkdocs.yml:9:7: plugin dialogue-archive, option 'search_shard_records': write",
                # a date that is none was said alone, before the others (a review's find)
                "mkdocs.yml:10:7: plugin dialogue-archive, option 'build_date': '2026-13-45' is "
                "not a day of the calendar",
                "thieu.yaml:1:1: the labels file cannot be read",
                "5 error(s) in the site's settings"]
    lines = result.stderr.splitlines()
    assert len(lines) == len(expected), result.stderr
    for line, start in zip(lines, expected, strict=True):
        assert line.startswith(start), (line, start)
    built = run_build(config)
    for said in ("option 'workers': write a whole number", "option 'search_shard_records': write",
                 "Unrecognised configuration name: labelz", "the labels file cannot be read",
                 "option 'build_date': '2026-13-45' is not a day of the calendar"):
        assert said in built.stderr, built.stderr
    assert built.returncode == 1 and not (tmp_path / "site").exists()


def test_a_unit_succeeded_without_its_last_day_is_warned_of(tmp_path: Path) -> None:
    """FORMAT.md makes valid_until and succeeded_by optional each: a unit written with its
    successor alone was shown as existing still, linked to its successor one way only, and
    kept its open commitments, in silence (a review's find). Its end is not guessed from the
    successor's valid_from, which may be its founding day years before (a diff review's find)."""
    content = make_archive(tmp_path / "content")
    places = content / "registry" / "places.yaml"
    places.write_text(places.read_text(encoding="utf-8").replace("  valid_until: 2025-06-30\n", ""),
                      encoding="utf-8")
    archive, log = load_archive(content, dt.date(2026, 11, 28))
    assert [str(p) for p in log.problems] == [
        "content/registry/places.yaml:4:17: warning: place 'quan-cam-le' has succeeded_by but no "
        "valid_until, so the site shows it as existing still, its commitments with it: write its "
        "last day as valid_until"]
    assert not log.errors and archive.places["quan-cam-le"].valid_until is None
    # the same successor twice read as a split of the unit into it
    places.write_text(places.read_text(encoding="utf-8").replace(
        "succeeded_by: [phuong-cam-le]",
        "valid_until: 2025-06-30\n  succeeded_by: [phuong-cam-le, phuong-cam-le]"),
        encoding="utf-8")
    _, log = load_archive(content, dt.date(2026, 11, 28))
    assert [str(p) for p in log.problems] == [
        "content/registry/places.yaml:5:33: succeeded_by names 'phuong-cam-le' twice; write each "
        "successor once (several successors mean the unit was split)"]


def held_in_a_ward(tmp_path: Path) -> tuple[Path, Path]:
    """The minimal archive with its session held after the 2025 reform in the ward
    phuong-cam-le (a new ward office's archive), and that session's folder."""
    content = make_archive(tmp_path / "content", start=dt.date(2025, 8, 1))
    session = content / "sessions" / "2025" / "2025-08-01-doi-thoai-1"
    replace(session / "index.md", "place: quan-cam-le", "place: phuong-cam-le")
    replace(session / "answers.yaml", "due: 2024-12-31", "due: 2025-12-31")
    return content, session


GROUP = ("reads as a residential group (tổ dân phố, thôn, khu phố, ấp, bản, khối), below wards and "
         "communes, where places stop (FORMAT.md's kinds): ")
"""What every message about a residential group written as a place says of it."""


@pytest.mark.parametrize(("entry", "said"), [
    ("- id: to-dan-pho-cam-nam\n  name: Tổ dân phố Cẩm Nam\n  kind: ward\n",
     "place 'to-dan-pho-cam-nam' is a ward and cannot lie in 'phuong-cam-le' (Phường Cẩm Lệ), a ward: "
     "a parent is a larger kind of place (province, then district, then ward or commune); 'Tổ dân "
     f"phố Cẩm Nam' {GROUP}remove this entry, and write the group in the asker's label and its ward "
     "or commune as the asker's place (label: Cử tri tổ dân phố Cẩm Nam, place: phuong-cam-le); if it "
     "is no such group, fix parent or kind"),
    ("- id: thon-2\n  name: Thôn 2\n  kind: commune\n",
     "place 'thon-2' is a commune and cannot lie in 'phuong-cam-le' (Phường Cẩm Lệ), a ward: a parent "
     f"is a larger kind of place (province, then district, then ward or commune); 'Thôn 2' {GROUP}"
     "remove this entry, and write the group in the asker's label and its ward or commune as the "
     "asker's place (label: Cử tri thôn 2, place: phuong-cam-le); if it is no such group, fix parent "
     "or kind"),
    # told by its id alone: the example's label is not made of a name without its group's word
    ("- id: ap-binh-an\n  name: Bình An\n  kind: ward\n",
     "place 'ap-binh-an' is a ward and cannot lie in 'phuong-cam-le' (Phường Cẩm Lệ), a ward: a parent "
     f"is a larger kind of place (province, then district, then ward or commune); 'Bình An' {GROUP}"
     "remove this entry, and write the group in the asker's label and its ward or commune as the "
     "asker's place (label: Cử tri tổ dân phố Cẩm Nam, place: phuong-cam-le); if it is no such group, "
     "fix parent or kind"),
    # a ward in a ward is told to fix parent or kind, as before
    ("- id: phuong-hoa-tho\n  name: Phường Hòa Thọ\n  kind: ward\n",
     "place 'phuong-hoa-tho' is a ward and cannot lie in 'phuong-cam-le' (Phường Cẩm Lệ), a ward: a "
     "parent is a larger kind of place (province, then district, then ward or commune); fix parent "
     "or kind"),
], ids=["to-dan-pho", "thon", "ap-by-its-id", "a-ward"])
def test_a_residential_group_written_as_a_place_is_told_where_it_goes(
        tmp_path: Path, entry: str, said: str) -> None:
    """A new ward's office wrote its tổ dân phố as a place of kind ward within the ward, and was
    told to fix parent or kind, a dead end: FORMAT.md's kinds stop at ward and commune. When the
    name or id reads as such a group, the message says that, and where the group goes."""
    content, _ = held_in_a_ward(tmp_path)
    places = content / "registry" / "places.yaml"
    places.write_text(places.read_text(encoding="utf-8") + entry
                      + "  parent: phuong-cam-le\n  valid_from: 2025-07-01\n", encoding="utf-8")
    result = validate(content)
    problems = [line for line in result.stderr.splitlines() if line.startswith("content/")]
    assert problems == [f"content/registry/places.yaml:13:11: {said}"], result.stderr
    if entry.startswith("- id: to-dan-pho"):  # the build says it alike
        built = run_build(write_config(tmp_path, content, tmp_path / "site", build_date="2026-11-28"))
        assert built.returncode == 1 and f"registry/places.yaml:13:11: {said}" in built.stderr, \
            built.stderr


@pytest.mark.parametrize(("written", "said"), [
    ("to-dan-pho-cam-nam", "unknown place 'to-dan-pho-cam-nam'; it {group}write the group in the "
     "asker's label and its ward or commune as the asker's place (label: Cử tri tổ dân phố Cẩm Nam, "
     "place: phuong-cam-le); if it is no such group, add it to registry/places.yaml or use an "
     "existing one"),
    ("khu-pho-3", "unknown place 'khu-pho-3'; it {group}write the group in the asker's label and its "
     "ward or commune as the asker's place (label: Cử tri tổ dân phố Cẩm Nam, place: phuong-cam-le); "
     "if it is no such group, add it to registry/places.yaml or use an existing one"),
    ("Tổ dân phố Cẩm Nam", "'Tổ dân phố Cẩm Nam' is a name, not an id, and no place of the registry; "
     "it {group}write the group in the asker's label and its ward or commune as the asker's place "
     "(label: Cử tri tổ dân phố Cẩm Nam, place: phuong-cam-le)"),
    ("Ấp Bình An", "'Ấp Bình An' is a name, not an id, and no place of the registry; it {group}write "
     "the group in the asker's label and its ward or commune as the asker's place (label: Cử tri ấp "
     "Bình An, place: phuong-cam-le)"),
    # no group: the message of any unknown place
    ("phuong-cam-l", "unknown place 'phuong-cam-l' (did you mean 'phuong-cam-le'?); add it to "
     "registry/places.yaml or use an existing one"),
], ids=["to-dan-pho-id", "khu-pho-id", "to-dan-pho-name", "ap-name", "a-ward-misspelt"])
def test_an_askers_place_that_reads_as_a_residential_group_is_told_where_it_goes(
        tmp_path: Path, written: str, said: str) -> None:
    """`asker.place: to-dan-pho-cam-nam` was told to add the group to places.yaml, which refuses
    it (places stop at wards and communes): the group goes in the asker's label, and the
    session's ward, where it lies, is suggested as the place."""
    content, session = held_in_a_ward(tmp_path)
    replace(session / "answers.yaml", "      label: Công dân phường Hòa Thọ Đông\n",
            f"      label: Công dân phường Hòa Thọ Đông\n      place: {written}\n")
    problems = [line for line in validate(content).stderr.splitlines() if line.startswith("content/")]
    assert problems == [f"content/{session.relative_to(content)}/answers.yaml:6:14: "
                        + said.format(group=GROUP)], problems


def test_a_residential_group_as_a_places_kind_or_a_sessions_place_is_told_where_it_goes(
        tmp_path: Path) -> None:
    """`kind: tổ dân phố` was told the four kinds only, and a session's `place:` of a group to
    add it to places.yaml: both say where a group goes."""
    content, session = held_in_a_ward(tmp_path)
    places = content / "registry" / "places.yaml"
    places.write_text(places.read_text(encoding="utf-8") + "- id: khoi-5\n  name: Khối 5\n"
                      "  kind: tổ dân phố\n  parent: phuong-cam-le\n", encoding="utf-8")
    replace(session / "index.md", "place: phuong-cam-le", "place: to-dan-pho-cam-nam")
    problems = [line for line in validate(content).stderr.splitlines() if line.startswith("content/")]
    assert problems == [
        f"content/registry/places.yaml:12:9: 'tổ dân phố' is not an allowed kind: use one of province, "
        f"district, ward, commune; 'tổ dân phố' {GROUP}remove this entry, and write the group in the "
        "asker's label and its ward or commune as the asker's place (label: Cử tri tổ dân phố Cẩm Nam, "
        "place: <id of its ward or commune>)",
        f"content/{session.relative_to(content)}/index.md:5:8: unknown place 'to-dan-pho-cam-nam'; it "
        f"{GROUP}write the ward or commune the session served as place (place: <id of its ward or "
        "commune>) and name the group in the title or venue (venue: Nhà văn hóa tổ dân phố Cẩm Nam); "
        "if it is no such group, add it to registry/places.yaml or use an existing one"], problems


def test_two_attendance_keys_shown_as_one_label_are_warned_of(tmp_path: Path) -> None:
    """Attendance keys are free (FORMAT.md), and a session listing 'guests: 5' and 'khách mời: 3'
    showed two counts both labelled 'khách mời', in silence (a format check's find): the writer
    is told where, and the session still builds. Keys shown differently are left alone."""
    content = make_archive(tmp_path / "content")
    replace(content / SESSION / "index.md", "summary:", "attendance:\n  guests: 5\n  citizens: 40\n"
            "  hộ dân tổ 5: 3\n  Khách mời: 3\nsummary:")
    archive, log = load_archive(content, dt.date(2026, 11, 28))
    assert [str(p) for p in log.problems] == [
        f"content/{SESSION}/index.md:10:3: warning: attendance 'Khách mời' and 'guests' are both "
        "shown as 'Khách mời', two counts a reader cannot tell apart: write them as one key "
        "(their sum), or name one more precisely"]
    assert archive.sessions[0].meta.attendance == {"guests": 5, "citizens": 40, "hộ dân tổ 5": 3,
                                                   "Khách mời": 3}


def test_an_id_that_is_another_items_alias_is_named_as_such(tmp_path: Path) -> None:
    """An item's aliases share its id's namespace (both are anchors on the session page): an id
    equal to another item's alias was called a "duplicate item id" (a format check's find),
    which sent the writer looking for an id written twice that is not there."""
    content = make_archive(tmp_path / "content")
    answers = content / SESSION / "answers.yaml"
    replace(answers, "  - id: ho-so-gpxd\n", "  - id: ho-so-gpxd\n    aliases: [ho-so-cu]\n")
    answers.write_text(answers.read_text(encoding="utf-8") + """\
  - id: ho-so-cu
    type: question
    asker: {label: Công dân}
    topics: [xay-dung]
    text: Hỏi về hồ sơ cũ.
  - id: thu-tuc-moi
    aliases: [ho-so-gpxd]
    type: question
    asker: {label: Công dân}
    topics: [cu-tru]
    text: Hỏi về thủ tục mới.
""", encoding="utf-8")
    why = "ids and aliases are addresses on the session page, each unique in it; change one"
    at = f"content/{SESSION}/answers.yaml"
    lines = validate(content).stderr.splitlines()
    assert lines[:2] == [
        f"{at}:18:9: item id 'ho-so-cu' is already the item alias on line 3: {why}",
        f"{at}:24:15: item alias 'ho-so-gpxd' is already the item id on line 2: {why}",
    ], lines


def test_a_day_written_day_first_is_told_in_the_form_to_write(tmp_path: Path) -> None:
    """Offices write days day first ('31/12/2025'), and the format asks for YYYY-MM-DD: the
    message gives the day to write, not only the pattern (a format check's find); it is not
    taken for a period ('tháng 12/2025'). A day the calendar lacks gets no suggestion."""
    content = make_archive(tmp_path / "content")
    replace(content / SESSION / "index.md", "summary:", "published: '19/6/2024 8h30'\nsummary:")
    replace(content / SESSION / "answers.yaml", "due: 2024-12-31", "due: 31/12/2024")
    replace(content / SESSION / "answers.yaml", "      - by: phong-quan-ly-do-thi\n",
            "      - by: phong-quan-ly-do-thi\n        date: 31.02.2025\n")
    lines = validate(content).stderr.splitlines()
    assert lines[:3] == [
        f"content/{SESSION}/answers.yaml:10:15: '31.02.2025' is not a date: write it as YYYY-MM-DD "
        "(e.g. 2024-06-20)",
        f"content/{SESSION}/answers.yaml:16:14: '31/12/2024' is not a date: write it as YYYY-MM-DD, "
        "here 2024-12-31",
        f"content/{SESSION}/index.md:6:12: '19/6/2024 8h30' is not a date and time: write YYYY-MM-DD "
        "or YYYY-MM-DD HH:MM, here 2024-06-19 08:30",
    ], lines
