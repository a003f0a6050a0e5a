"""`dialogue-archive new` and `dialogue-archive import`, run as a press officer runs them."""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import select
import shlex
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import forked
import openpyxl
import pytest
import yaml
from conftest import ROOT, as_an_office_account, copy_sample
from data import sample_sheet
from dialogue_archive.cli import main
from dialogue_archive.core.loader import load_archive
from dialogue_archive.core.scaffold import session_slug
from openpyxl.chart import BarChart, Reference

CLI = [sys.executable, "-m", "dialogue_archive.cli"]
NEW = ["new", "--date", "2024-07-18", "--title", "Đối thoại với công dân phường Hòa Thọ Đông về đất đai",
       "--organizer", "UBND P. Hòa Thọ Đông", "--place", "Hoà Thọ Đông", "--time", "08:00"]
SESSION_ID = "2024-07-18-doi-thoai-voi-cong-dan-phuong-hoa-tho-dong-ve-dat-dai"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return copy_sample(tmp_path / "content")


def new_session(content: Path, *extra: str) -> Path:
    assert main([*NEW, "--content-dir", str(content), *extra]) == 0
    return content / "sessions" / "2024" / SESSION_ID


def errors_of(content: Path) -> list[str]:
    _, log = load_archive(content, include_drafts=True)
    return [str(p) for p in log.errors]


def items_of(folder: Path) -> list[dict]:
    return yaml.safe_load((folder / "answers.yaml").read_text(encoding="utf-8"))["items"] or []


# --- new -------------------------------------------------------------------------------


def test_new_creates_a_draft_session_that_validates_at_once(content: Path, capsys) -> None:
    folder = new_session(content)
    assert (folder / "index.md").is_file() and (folder / "answers.yaml").is_file()
    assert errors_of(content) == []
    assert main(["validate", str(content)]) == 0
    archive, _ = load_archive(content, include_drafts=True)
    session = next(s for s in archive.sessions if s.id == SESSION_ID)
    assert session.meta.organizer == "ubnd-phuong-hoa-tho-dong"  # found by its alias
    assert session.meta.place == "phuong-hoa-tho-dong"  # found by its name without "Phường"
    assert session.meta.time == "08:00" and session.meta.draft is True
    assert session.visibility.value == "draft" and session.items == []
    assert "Hòa Thọ Đông" in session.body


def test_new_takes_a_start_time_with_a_one_digit_hour(content: Path) -> None:
    """`--time 8:00` was refused as not HH:MM; it is written `08:00`, as the pages show it."""
    folder = new_session(content, "--time", "8:00")
    assert 'time: "08:00"' in (folder / "index.md").read_text(encoding="utf-8")
    assert errors_of(content) == []


@pytest.mark.parametrize(("written", "time"), [
    ("14h00", "14:00"), ("8h30", "08:30"), ("14h", "14:00"), ("14 giờ", "14:00"), ("8g30", "08:30"),
    ("8 giờ 30 phút", "08:30"), ("2:30 CH", "14:30")])
def test_new_takes_the_start_time_as_an_office_writes_it(content: Path, written: str, time: str) -> None:
    """`--time 14h00` was refused ('not HH:MM … e.g. 08:00'), though offices write times so (and
    `import` reads them so beside a session's day): it is the time it says, written HH:MM."""
    folder = new_session(content, "--time", written)
    assert f'time: "{time}"' in (folder / "index.md").read_text(encoding="utf-8")
    assert errors_of(content) == []


@pytest.mark.parametrize(("written", "said"), [
    ("25h00", "'25h00' is no time of the day (0:00 to 23:59): check the hour and the minutes"),
    ("8h75", "'8h75' is no time of the day (0:00 to 23:59): check the hour and the minutes"),
    ("sáng", "'sáng' is not a time: write the start time as 14:00 (or 14h00, 8h30, 14 giờ)")])
def test_new_refuses_a_start_time_of_no_day(content: Path, capsys, written: str, said: str) -> None:
    with pytest.raises(SystemExit):
        main([*NEW, "--content-dir", str(content), "--time", written])
    assert f"argument --time: {said}" in capsys.readouterr().err
    assert not (content / "sessions" / "2024" / SESSION_ID).exists()


def test_new_takes_the_date_as_an_office_writes_it(content: Path) -> None:
    """`import` reads 18/07/2024 from a sheet: `new` takes it too (found by a review helper)."""
    argv = [*NEW, "--content-dir", str(content)]
    argv[argv.index("2024-07-18")] = "18/07/2024"
    assert main(argv) == 0
    assert (content / "sessions" / "2024" / SESSION_ID / "index.md").is_file()


def test_new_says_a_day_not_on_the_calendar_is_none(content: Path, capsys) -> None:
    """'write YYYY-MM-DD' was said of 2024-02-31, written so (a diff review's find)."""
    for written in ("2024-02-31", "31/02/2024", "ngày 31 tháng 2 năm 2024"):
        argv = [*NEW, "--content-dir", str(content)]
        argv[argv.index("2024-07-18")] = written
        with pytest.raises(SystemExit):
            main(argv)
        assert f"'{written}' is not a day of the calendar; check the day and the month" in \
            capsys.readouterr().err
    argv[argv.index("ngày 31 tháng 2 năm 2024")] = "2024/06/20"  # a day, in a form not read
    with pytest.raises(SystemExit):
        main(argv)
    assert "'2024/06/20' is not a date; write it as day/month/year" in capsys.readouterr().err


def test_new_says_a_date_written_month_first(content: Path, capsys) -> None:
    """`new --date 7/18/2024` (18 July written month first, as US software writes dates) was
    said to be 'not a day of the calendar; check the day and the month' (a review's find): it is
    said to be a day when read month first, with how to write it; nothing is created."""
    argv = [*NEW, "--content-dir", str(content)]
    argv[argv.index("2024-07-18")] = "7/18/2024"
    with pytest.raises(SystemExit):
        main(argv)
    assert "argument --date: '7/18/2024' is a day only when read month first (18/07/2024), as " \
        "US software writes dates: write it day/month/year, 18/07/2024, or 2024-07-18" in \
        capsys.readouterr().err
    assert not (content / "sessions" / "2024" / SESSION_ID).exists()


def test_new_without_draft_and_with_own_slug(content: Path, capsys) -> None:
    assert main([*NEW, "--content-dir", str(content), "--no-draft", "--slug", "hoa-tho-dong"]) == 0
    assert ("(not a draft: validate and the build refuse it until the write-up's '...' is replaced "
            "by the news text)") in capsys.readouterr().out  # it said nothing (a review's find)
    index = content / "sessions" / "2024" / "2024-07-18-hoa-tho-dong" / "index.md"
    _, log = load_archive(content, dt.date(2026, 11, 28))
    assert [p.message for p in log.errors] == [  # public at once: the news text comes first
        "the write-up still has the scaffold's placeholder '...': write the news text in its "
        "place, or keep 'draft: true' until it is written"]
    index.write_text(index.read_text(encoding="utf-8").replace("\n...\n", "\nBài tin.\n"), encoding="utf-8")
    archive, log = load_archive(content, dt.date(2026, 11, 28))
    assert not log.errors
    assert "2024-07-18-hoa-tho-dong" in {s.id for s in archive.published}


def test_new_refuses_a_slug_that_makes_the_id_too_long(content: Path, capsys) -> None:
    slug = "doi-thoai-voi-cong-dan-ve-thu-tuc-cap-giay-chung-nhan-quyen-su-dung-dat-va-tai-san-gan-lien"
    assert main([*NEW, "--content-dir", str(content), "--slug", slug]) == 2
    said = capsys.readouterr().err
    assert f"--slug makes a session id of {11 + len(slug)} characters, more than 100" in said
    assert not list((content / "sessions" / "2024").glob(f"*{slug}*"))


def test_new_in_a_content_folder_it_may_not_write_in_says_so(content: Path) -> None:
    sessions = content / "sessions" / "2024"
    sessions.chmod(0o555)
    try:
        result = subprocess.run(as_an_office_account([
            sys.executable, "-m", "dialogue_archive.cli", *NEW, "--content-dir", str(content)]),
            capture_output=True, text=True, timeout=120)
    finally:
        sessions.chmod(0o755)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert "the session folder could not be written (Permission denied" in result.stderr


def test_new_says_when_a_session_dated_ahead_goes_public(content: Path, capsys) -> None:
    assert main(["new", "--date", "2099-01-05", "--title", "Tiếp công dân định kỳ", "--organizer",
                 "ubnd-phuong-cam-le", "--place", "phuong-cam-le", "--content-dir", str(content)]) == 0
    assert "note: dated after today, it stays off the public site until 05/01/2099" \
        in capsys.readouterr().out


def test_import_takes_the_session_id_new_printed(content: Path, tmp_path: Path, monkeypatch,
                                                 capsys) -> None:
    """`new` prints the session's id, and a press officer gives it to `--session`: it was
    refused as "not a session folder", with advice to run `new`, which then said the session
    exists (a press-office walk-through's find). The id is looked up in the content folder,
    as `validate` finds it; an id of no session names where it looked."""
    new_session(content)
    monkeypatch.chdir(tmp_path)  # beside content/, as the README's commands run
    sheet = sample_sheet.write_csv(tmp_path / "tong-hop.csv")
    assert main(["import", str(sheet), "--session", SESSION_ID]) == 0, capsys.readouterr().err
    assert len(items_of(content / "sessions" / "2024" / SESSION_ID)) == 5
    assert main(["import", str(sheet), "--session", "2024-07-19-khong-co"]) == 2
    said = capsys.readouterr().err.strip()
    assert said.startswith(
        "--session 2024-07-19-khong-co: no such folder, and no session of that id in "
        "content/sessions/2024/; give the session's folder (with its index.md), or create it "
        "with ") and said.endswith("dialogue-archive new"), said


def test_new_refuses_an_existing_id_and_unknown_names(content: Path, capsys) -> None:
    new_session(content)
    capsys.readouterr()
    assert main([*NEW, "--content-dir", str(content)]) == 2
    assert f"session '{SESSION_ID}' already exists ({content / 'sessions' / '2024' / SESSION_ID}); " \
        "choose another --slug, or edit that session (to import a spreadsheet into it: import " \
        "--session with its folder or id)" in capsys.readouterr().err
    assert main(["new", "--content-dir", str(content), "--date", "2024-07-19", "--title", "Đối thoại",
                 "--organizer", "phong-tu-phapp", "--place", "Hòa Thọ"]) == 2
    err = capsys.readouterr().err
    assert "--organizer: unknown agency 'phong-tu-phapp' (did you mean 'phong-tu-phap'" in err
    assert "--place: unknown place 'Hòa Thọ'" in err
    assert not (content / "sessions" / "2024" / "2024-07-19-doi-thoai").exists()
    assert main(["new", "--content-dir", str(content), "--date", "2024-07-19", "--title", "「」",
                 "--organizer", "phong-tu-phap", "--place", "Hòa Thọ Đông"]) == 2
    assert "the title gives no address" in capsys.readouterr().err
    assert main(["new", "--content-dir", str(content), "--date", "2026-01-10", "--title", "Đối thoại",
                 "--organizer", "ubnd-phuong-cam-le", "--place", "Hòa Thọ Đông"]) == 2
    assert ("--place: place 'Hòa Thọ Đông' (Phường Hòa Thọ Đông) did not exist on 10/01/2026: it "
            "existed until 30/06/2025; on that date use phuong-cam-le (Phường Cẩm Lệ)"
            ) in capsys.readouterr().err


def test_new_refuses_personal_data_in_the_title_or_slug_that_make_the_address(
        content: Path, capsys) -> None:
    """The address made from the title is permanent: a name or a phone number must not get in
    there, where no redaction reaches."""
    base = ["new", "--content-dir", str(content), "--date", "2024-08-23", "--organizer",
            "ubnd-quan-cam-le", "--place", "Hòa Thọ Đông"]
    assert main([*base, "--title", "Đối thoại hộ bà Lê Thị Mai, ĐT 0905123456"]) == 2
    err = capsys.readouterr().err
    assert "--title: '0905123456' looks like a phone number" in err
    assert "'Lê Thị Mai' in --title looks like the full name of a private person" in err
    assert main([*base, "--title", "Đối thoại về đất đai", "--slug", "ong-hung-0905-123-456"]) == 2
    assert ("--slug: 'ong-hung-0905-123-456' holds '0905-123-456', which looks like a phone "
            "number") in capsys.readouterr().err
    assert not list((content / "sessions" / "2024").glob("2024-08-23-*"))


@pytest.mark.parametrize("started", ["program", "module"])
def test_the_next_command_new_shows_runs_from_where_the_officer_is(content: Path, tmp_path: Path,
                                                                   started: str) -> None:
    """Run by its full path from another folder, `new` showed '.venv/bin/dialogue-archive
    import …', which only works from the repository folder: it now shows the command as it
    was started (its path, or `python -m dialogue_archive.cli`), and that command, pasted
    there, imports the sheet."""
    program = [str(Path(sys.executable).parent / "dialogue-archive")] if started == "program" \
        else [sys.executable, "-m", "dialogue_archive.cli"]
    content = Path(shutil.copytree(content, tmp_path / "kho luu tru"))  # a space: quoted
    elsewhere = tmp_path / "van-phong"
    elsewhere.mkdir()
    created = subprocess.run(
        [*program, "new", "--content-dir", os.path.relpath(content, elsewhere), "--date",
         "2024-07-18", "--title", "Đối thoại với công dân phường Hòa Thọ Đông về đất đai",
         "--organizer", "UBND phường Hòa Thọ Đông", "--place", "Hòa Thọ Đông"],
        cwd=elsewhere, capture_output=True, text=True, check=True)
    hint = created.stdout.splitlines()[-1].strip()
    assert hint.startswith(f"{' '.join(program)} import SHEET.xlsx --session "), created.stdout
    sheet = Path(sample_sheet.__file__).parent / "cam-le-2024-07-18-thong-ke-y-kien.xlsx"
    folder = content / "sessions" / "2024" / SESSION_ID
    # the scaffolded answers.yaml's comment is read later, from anywhere: its paths are whole
    comment = next(line for line in (folder / "answers.yaml").read_text(encoding="utf-8").splitlines()
                   if "import bang-tong-hop.xlsx" in line)
    assert f" import bang-tong-hop.xlsx --session '{folder}'" in comment, comment
    assert comment.removeprefix("#").split()[0].startswith("/"), comment
    imported = subprocess.run(hint.replace("SHEET.xlsx", str(sheet)), shell=True, cwd=elsewhere,
                              capture_output=True, text=True)
    assert imported.returncode == 0, imported.stderr
    assert items_of(folder)
    from_anywhere = comment.removeprefix("#").strip().replace("bang-tong-hop.xlsx", str(sheet))
    again = subprocess.run(from_anywhere + " --force", shell=True, cwd=tmp_path,
                           capture_output=True, text=True)
    assert again.returncode == 0, (from_anywhere, again.stderr)


def test_an_offices_commands_work_in_the_content_folder_its_mkdocs_yml_names(
        content: Path, tmp_path: Path) -> None:
    """Run from an office's own folder (its mkdocs.yml beside its content folder, as README's
    "To build another archive" has it), `new` read `content/` there, not the `docs_dir` that
    `validate` reads ("content: no registry/agencies.yaml …"), and from the repository it wrote
    into the sample: `new`, `import` and `validate` now find the content folder alike, from the
    folder's mkdocs.yml or the one `-f` names, as scripts/build takes it."""
    office = tmp_path / "truong-giang"
    office.mkdir()
    archive = Path(shutil.move(content, office / "my-archive"))
    (office / "mkdocs.yml").write_text("site_name: Xã Trường Giang\ndocs_dir: my-archive\n"
                                       "plugins:\n  - dialogue-archive:\n      build_date: 2026-11-28\n",
                                       encoding="utf-8")
    created = subprocess.run([*CLI, *NEW], cwd=office, capture_output=True, text=True, timeout=120)
    assert created.returncode == 0, created.stderr
    folder = archive / "sessions" / "2024" / SESSION_ID
    sheet = sample_sheet.HERE / f"{sample_sheet.NAME}.csv"
    imported = subprocess.run([*CLI, "import", str(sheet), "--session", str(folder.relative_to(office))],
                              cwd=office, capture_output=True, text=True, timeout=120)
    assert imported.returncode == 0, imported.stderr
    assert items_of(folder)
    checked = subprocess.run([*CLI, "validate"], cwd=office, capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0 and "OK: 8 sessions" in checked.stdout, checked.stderr
    # from anywhere, with -f; as of the site's build day (28/11/2026), not the machine's
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    config = os.path.relpath(office / "mkdocs.yml", elsewhere)
    ahead = subprocess.run([*CLI, "new", "-f", config, "--date", "2026-11-30", "--title",
                            "Tiếp xúc cử tri phường Hòa Xuân", "--organizer", "UBND phường Hòa Xuân",
                            "--place", "Hòa Xuân"], cwd=elsewhere, capture_output=True, text=True,
                           timeout=120)
    assert ahead.returncode == 0, ahead.stderr
    assert (archive / "sessions/2026/2026-11-30-tiep-xuc-cu-tri-phuong-hoa-xuan/index.md").is_file()
    assert "note: dated after today, it stays off the public site until 30/11/2026" in ahead.stdout
    checked = subprocess.run([*CLI, "validate", "-f", config], cwd=elsewhere, capture_output=True,
                             text=True, timeout=120)
    assert checked.returncode == 0 and "OK: 9 sessions" in checked.stdout, checked.stderr
    assert not list(elsewhere.iterdir())
    assert not (ROOT / "content/sessions/2026/2026-11-30-tiep-xuc-cu-tri-phuong-hoa-xuan").exists()
    # a session of another archive is not imported for this site
    other = new_session(copy_sample(tmp_path / "other"))
    refused = subprocess.run([*CLI, "import", str(sheet), "--session", str(other), "-f", config],
                             cwd=elsewhere, capture_output=True, text=True, timeout=120)
    assert refused.returncode == 2, refused.stderr
    assert ("this session folder is not in the content folder "
            f"{Path(config).parent / 'my-archive'} that {config} names (docs_dir)") in refused.stderr
    assert items_of(other) == []


def test_a_content_folder_with_a_line_break_in_its_path_still_gets_a_valid_record(
        content: Path, tmp_path: Path) -> None:
    """The scaffolded answers.yaml's comment held the folder's path: a line break in it ended
    the comment and made YAML of the rest ('items: evil', a duplicate key; a review's find)."""
    odd = Path(shutil.copytree(content, tmp_path / "kho\nitems: evil #"))
    assert main(["new", "--content-dir", str(odd), "--date", "2024-07-18", "--title",
                 "Đối thoại về đất đai", "--organizer", "UBND phường Hòa Thọ Đông", "--place",
                 "Hòa Thọ Đông"]) == 0
    assert errors_of(odd) == []


@pytest.mark.parametrize(("kind", "heading", "asker"), [
    ("business_dialogue", "# Ý kiến, kiến nghị của doanh nghiệp và câu trả lời", "kind: business"),
    ("voter_meeting", "# Ý kiến, kiến nghị của cử tri và câu trả lời", "kind: voter"),
    # its Vietnamese name, as the site writes it: argparse said "invalid choice", naming no value
    ("Tiếp xúc cử tri", "# Ý kiến, kiến nghị của cử tri và câu trả lời", "kind: voter")])
def test_the_scaffolded_record_speaks_of_the_people_the_session_is_for(
        content: Path, kind: str, heading: str, asker: str) -> None:
    """A business dialogue's answers.yaml spoke of 'người dân' and its example asker was a
    citizen, unlike its page and the default asker (a review's find)."""
    assert main(["new", "--content-dir", str(content), "--date", "2024-07-18", "--title",
                 "Đối thoại về thuế", "--kind", kind, "--organizer", "UBND phường Hòa Thọ Đông",
                 "--place", "Hòa Thọ Đông"]) == 0
    record = (content / "sessions/2024/2024-07-18-doi-thoai-ve-thue/answers.yaml").read_text("utf-8")
    assert record.startswith(heading + " tại buổi") and f"#      {asker} " in record, record[:600]


def test_new_names_the_kinds_of_session_for_one_it_does_not_know(content: Path, capsys) -> None:
    with pytest.raises(SystemExit):
        main(["new", "--content-dir", str(content), "--date", "2024-07-18", "--title", "Đối thoại",
              "--kind", "họp dân", "--organizer", "UBND phường Hòa Thọ Đông", "--place", "Hòa Thọ Đông"])
    assert ("'họp dân' is no kind of session: write one of dialogue (đối thoại với công dân), "
            "business_dialogue (đối thoại doanh nghiệp), voter_meeting (tiếp xúc cử tri), "
            "citizen_reception (tiếp công dân)") in capsys.readouterr().err


@pytest.mark.parametrize(("kind", "caption", "chair", "attendance"), [
    ("voter_meeting", "tiếp xúc cử tri", "Chủ tịch Ủy ban MTTQ Việt Nam phường Hòa Xuân", "voters"),
    ("business_dialogue", "đối thoại doanh nghiệp", "Phó Chủ tịch UBND phường Hòa Xuân", "businesses")])
def test_the_scaffolds_examples_follow_the_sessions_kind_and_the_offices_registry(
        content: Path, kind: str, caption: str, chair: str, attendance: str) -> None:
    """A voter meeting's or a business dialogue's index.md said 'Quang cảnh buổi đối thoại' and
    'Phó Chủ tịch UBND …' for every kind, and suggested `participants: [phong-tu-phap]`, an
    agency the office's registry may lack (the sample's ended on 30/6/2025). The examples now
    follow the kind, and their ids are the registry's, of the session's day: every example of
    index.md and answers.yaml, uncommented, validates."""
    assert main(["new", "--content-dir", str(content), "--date", "2026-11-20", "--kind", kind,
                 "--title", "Gặp gỡ ở Hòa Xuân", "--organizer", "UBND phường Hòa Xuân",
                 "--place", "Hòa Xuân"]) == 0
    folder = content / "sessions" / "2026" / "2026-11-20-gap-go-o-hoa-xuan"
    index = (folder / "index.md").read_text(encoding="utf-8")
    assert f"#   caption: Quang cảnh buổi {caption}\n" in index
    assert f"#   position: {chair}\n" in index and f"#   {attendance}: 60\n" in index
    assert "phong-tu-phap" not in index
    lines = index.splitlines(keepends=True)
    for first, last in (("# chair:\n", "#   agencies: 10\n"), ("# corrections:", "#     note: ...\n")):
        start = next(n for n, line in enumerate(lines) if line.startswith(first))
        end = lines.index(last)
        lines[start:end + 1] = [line.removeprefix("# ") for line in lines[start:end + 1]]
    (folder / "index.md").write_text("".join(lines), encoding="utf-8")
    head, example = (folder / "answers.yaml").read_text(encoding="utf-8").split("items: []\n")
    # the asker of the session's place, not the sample's ward's 'tổ dân phố 12' (a commune has
    # thôn: a helper's find)
    asker = {"voter_meeting": "Cử tri", "business_dialogue": "Hộ kinh doanh"}[kind]
    assert f"#      label: {asker} phường Hòa Xuân " in example, example
    (folder / "answers.yaml").write_text(head + "items:\n" + re.sub(r"(?m)^#(  [ -])", r"\1", example),
                                         encoding="utf-8")
    assert errors_of(content) == []
    archive, _ = load_archive(content, include_drafts=True)
    session = next(s for s in archive.sessions if s.folder == folder)
    assert session.meta.participants and len(session.items) == 1, session.meta
    assert session.meta.corrections and session.items[0].commitments[0].updates, session


def test_new_as_the_readme_runs_it(content: Path, capsys) -> None:
    """The README's example: a long title's id ends with a whole phrase, the write-up says
    'tại phường …' mid-sentence, and the hints show the command as the README runs it."""
    assert main(["new", "--content-dir", str(content), "--date", "2024-07-18", "--title",
                 "Đối thoại với công dân phường Hòa Thọ Đông về đất đai, xây dựng",
                 "--organizer", "UBND phường Hòa Thọ Đông", "--place", "Hòa Thọ Đông"]) == 0
    folder = content / "sessions" / "2024" / SESSION_ID  # not '…-ve-dat-dai-xay'
    hint = f"  .venv/bin/dialogue-archive import SHEET.xlsx --session {folder}\n"
    assert hint in capsys.readouterr().out
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "\n   .venv/bin/dialogue-archive import tests/data/" in readme
    body = (folder / "index.md").read_text(encoding="utf-8")
    assert "tổ chức buổi đối thoại với công dân tại phường Hòa Thọ Đông.\n" in body
    assert (f"#   .venv/bin/dialogue-archive import bang-tong-hop.xlsx --session {folder}\n"
            in (folder / "answers.yaml").read_text(encoding="utf-8"))
    assert errors_of(content) == []


@pytest.mark.parametrize(("title", "slug"), [
    ("Đoàn ĐBQH tỉnh tiếp xúc cử tri xã Cửa Tùng trước Kỳ họp thứ 10, Quốc hội khóa XV",
     "doan-dbqh-tinh-tiep-xuc-cu-tri-xa-cua-tung-truoc-ky-hop"),
    ("Chủ tịch UBND phường Cẩm Lệ tiếp công dân định kỳ tháng 12/2026 tại trụ sở tiếp công dân phường",
     "chu-tich-ubnd-phuong-cam-le-tiep-cong-dan-dinh-ky")])
def test_a_long_title_is_not_cut_between_a_word_and_its_number(title: str, slug: str) -> None:
    """A session id is permanent: '…-truoc-ky-hop-thu' lost the sitting's number, and read as
    a word cut short (a helper's find). The cut goes before the word that needs the number."""
    assert session_slug(title) == slug


def test_new_without_a_terminal_lists_what_is_missing(content: Path) -> None:
    result = subprocess.run([*CLI, "new", "--content-dir", str(content), "--title", "Đối thoại"],
                            capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert result.returncode == 2
    assert "missing: --date" in result.stderr and "--organizer" in result.stderr
    assert "--place" in result.stderr and "--title" not in result.stderr.split("missing:")[1].split("\n")[0]
    assert "Traceback" not in result.stderr


def test_new_asks_in_a_terminal(content: Path) -> None:
    """A real pseudo-terminal: the command asks, refuses a wrong answer, and asks again."""
    master, slave = os.openpty()
    command = [*CLI, "new", "--content-dir", str(content), "--title", "Đối thoại tại Khuê Trung"]
    process = subprocess.Popen(command, stdin=slave, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    os.close(slave)
    for answer in ["18 tháng 7", "2024-07-18", "UBND phuong Khue Trung", "Khuê Trung"]:
        select.select([], [master], [], 5)
        os.write(master, (answer + "\n").encode())
    _, err = process.communicate(timeout=60)
    os.close(master)
    assert process.returncode == 0, err.decode()
    assert "is not a date" in err.decode()  # the first answer was refused, then asked again
    folder = content / "sessions" / "2024" / "2024-07-18-doi-thoai-tai-khue-trung"
    assert "organizer: ubnd-phuong-khue-trung" in (folder / "index.md").read_text(encoding="utf-8")
    assert errors_of(content) == []


# --- import: the sample spreadsheet ---------------------------------------------------------


def check_sample_items(items: list[dict]) -> None:
    assert len(items) == 5
    first, second, third, fourth, fifth = items
    assert first["type"] == "proposal" and first["topics"] == ["xay-dung"]
    assert first["procedures"] == ["1.009994"] and first["asker"]["place"] == "phuong-hoa-tho-dong"
    assert first["commitments"][0]["status"] == "in_progress"
    assert first["commitments"][0]["due"] == dt.date(2024, 7, 31)
    # one question, two agencies: the continuation row is a second answer, not a new item
    assert [a["by"] for a in second["answers"]] == ["chi-nhanh-van-phong-dang-ky-dat-dai-cam-le",
                                                   "phong-tai-nguyen-moi-truong"]
    written = second["answers"][1]
    assert written["mode"] == "in_writing" and written["date"] == dt.date(2024, 8, 5)
    assert written["document"] == "Công văn số 812/TNMT"
    assert second["commitments"][0]["by"] == "ubnd-quan-cam-le"
    assert third["in_scope"] is False and third["topics"] == ["moi-truong", "giao-thong-do-thi"]
    assert third["answers"][0]["mode"] == "referred"
    assert third["answers"][0]["referred_to"] == "doi-quan-ly-trat-tu-do-thi"
    assert third["asker"]["kind"] == "business"
    assert fourth["asker"]["label"] == "Công dân" and fourth["type"] == "opinion"
    assert fourth["answers"][0] == {"by": "bo-phan-tiep-nhan-tra-ket-qua", "mode": "on_the_spot",
                                    "text": "Cảm ơn ý kiến của công dân; Bộ phận sẽ tiếp tục nâng cao "
                                            "chất lượng phục vụ.\n"}
    assert fifth["topics"] == ["thue-phi"]  # "Thuế, phí, lệ phí" is one name, not three
    assert fifth["commitments"][0]["status"] == "done"
    assert len({i["id"] for i in items}) == 5


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_import_the_shipped_sample(content: Path, suffix: str, capsys) -> None:
    folder = new_session(content)
    sheet = sample_sheet.HERE / f"{sample_sheet.NAME}.{suffix}"
    assert main(["import", str(sheet), "--session", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "column(s) not imported: Ghi chú" in out and "wrote 5 item(s)" in out
    check_sample_items(items_of(folder))
    assert errors_of(content) == []
    text = (folder / "answers.yaml").read_text(encoding="utf-8")
    assert "topics: [xay-dung]" in text and "\n    text: >\n" in text  # readable YAML


def test_generated_sheets_match_the_shipped_ones(tmp_path: Path) -> None:
    """The shipped files are what the generator writes (the .xlsx compared cell by cell)."""
    import openpyxl

    made = sample_sheet.write_csv(tmp_path / "s.csv")
    assert made.read_bytes() == (sample_sheet.HERE / f"{sample_sheet.NAME}.csv").read_bytes()
    ours = openpyxl.load_workbook(sample_sheet.write_xlsx(tmp_path / "s.xlsx")).active
    shipped = openpyxl.load_workbook(sample_sheet.HERE / f"{sample_sheet.NAME}.xlsx").active
    assert list(ours.values) == list(shipped.values)
    assert {str(r) for r in ours.merged_cells.ranges} == {str(r) for r in shipped.merged_cells.ranges}


def test_reordered_columns_extra_columns_blank_rows_no_bom(content: Path, tmp_path: Path, capsys) -> None:
    order = list(reversed(range(len(sample_sheet.HEADER))))
    header = [sample_sheet.HEADER[i].upper() for i in order] + ["Người nhập"]
    header[header.index("NỘI DUNG Ý KIẾN")] = "noi dung"  # no diacritics, lower case
    rows = [[row[i] for i in order] + ["Văn thư"] for row in sample_sheet.ROWS]
    rows.insert(0, [""] * len(header))
    sheet = tmp_path / "khong-bom.csv"
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, delimiter=";")
        out.writerow(header)
        out.writerows(rows)
    folder = new_session(content)
    assert main(["import", str(sheet), "--session", str(folder)]) == 0
    assert "GHI CHÚ, Người nhập" in capsys.readouterr().out
    check_sample_items(items_of(folder))


def test_merged_question_in_xlsx_without_empty_cells(content: Path, tmp_path: Path) -> None:
    """In Excel the merged question cells hold the text on both rows once unmerged: the merge,
    not emptiness, says that the second row is the same question."""
    sheet = sample_sheet.write_xlsx(tmp_path / "gop-o.xlsx")
    folder = new_session(content)
    assert main(["import", str(sheet), "--session", str(folder)]) == 0
    assert len(items_of(folder)[1]["answers"]) == 2
    unmerged = sample_sheet.write_xlsx(tmp_path / "khong-gop.xlsx", merge=False)
    assert main(["import", str(unmerged), "--session", str(folder), "--force"]) == 0
    assert len(items_of(folder)[1]["answers"]) == 2  # empty STT and content continue the question


def test_a_header_below_a_whole_official_heading_is_found(content: Path, tmp_path: Path) -> None:
    """A report as offices file it: the national motto, the office, the report's number, its
    name and a note above a two-row header at rows 12 and 13."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for cell, value in {"A1": "UBND QUẬN CẨM LỆ", "E1": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                        "A2": "UBND PHƯỜNG HÒA XUÂN", "E2": "Độc lập - Tự do - Hạnh phúc",
                        "A4": "Số: 215/BC-UBND", "E4": "Hòa Xuân, ngày 21 tháng 11 năm 2026",
                        "A6": "BÁO CÁO", "A7": "Tổng hợp ý kiến, kiến nghị của công dân",
                        "A8": "(Kèm theo Kế hoạch số 120/KH-UBND ngày 01/11/2026)",
                        "A12": "STT", "B12": "Ý kiến của công dân", "F12": "Trả lời"}.items():
        sheet[cell] = value
    sheet.merge_cells("A12:A13")
    sheet.merge_cells("B12:E12")
    sheet.merge_cells("F12:G12")
    for column, name in zip("BCDEFG", ["Người nêu", "Loại", "Lĩnh vực", "Nội dung kiến nghị",
                                       "Cơ quan trả lời", "Nội dung trả lời"], strict=True):
        sheet[f"{column}13"] = name
    sheet.append(["1", "Công dân tổ 6", "Kiến nghị", "Môi trường",
                  "Đề nghị lắp thêm thùng rác công cộng ở chợ.", "UBND phường Hòa Xuân",
                  "Phường sẽ lắp thêm 5 thùng rác trong tháng 12."])
    workbook.save(tmp_path / "bao-cao.xlsx")
    folder = hoa_xuan_session(content)
    assert main(["import", str(tmp_path / "bao-cao.xlsx"), "--session", str(folder)]) == 0
    [item] = items_of(folder)
    assert item["text"].startswith("Đề nghị lắp thêm thùng rác")
    assert item["answers"][0]["text"].startswith("Phường sẽ lắp thêm")


@pytest.mark.parametrize("group", ["Trả lời của cơ quan chức năng", "Lãnh đạo trả lời", "PHẦN TRẢ LỜI",
                                   "Ý kiến giải trình, trả lời"])
def test_content_columns_under_an_answer_group_are_the_answer(content: Path, tmp_path: Path,
                                                              group: str) -> None:
    """'Nội dung' under both groups of a two-row header: the one under 'Trả lời của cơ quan
    chức năng' is the answer (and 'Đơn vị' there the agency that answered), not more of the
    question. A group named otherwise than 'Trả lời …' ('Lãnh đạo trả lời') joined the answer
    to the question, which was published unanswered (a review's find)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"], sheet["B1"] = "STT", "Ý kiến, kiến nghị của cử tri"
    sheet["F1"] = group
    sheet.merge_cells("A1:A2")
    sheet.merge_cells("B1:E1")
    sheet.merge_cells("F1:G1")
    for column, name in zip("BCDEFG", ["Người nêu", "Loại", "Lĩnh vực", "Nội dung", "Đơn vị",
                                       "Nội dung"], strict=True):
        sheet[f"{column}2"] = name
    sheet.append(["1", "Cử tri tổ 8", "Câu hỏi", "Cư trú", "Thủ tục nhập hộ khẩu cho con?",
                  "Công an phường Hòa Xuân", "Đăng ký thường trú qua Cổng dịch vụ công."])
    workbook.save(tmp_path / "nhom.xlsx")
    folder = hoa_xuan_session(content)
    assert main(["import", str(tmp_path / "nhom.xlsx"), "--session", str(folder)]) == 0
    [item] = items_of(folder)
    assert item["text"].strip() == "Thủ tục nhập hộ khẩu cho con?"
    assert [(a["by"], a["text"].strip()) for a in item["answers"]] == [
        ("cong-an-phuong-hoa-xuan-2025", "Đăng ký thường trú qua Cổng dịch vụ công.")]


def test_a_worksheet_is_chosen_by_its_name(content: Path, tmp_path: Path, capsys) -> None:
    """An office keeps each session's questions in a worksheet of one workbook: --sheet reads
    the one named (it had to save each as its own file; found by a review helper)."""
    workbook = openpyxl.Workbook()
    for title, question in (("Phiên 18-9", "Hỏi về tạm trú."), ("Phiên 20-11", "Hỏi về sổ đỏ.")):
        sheet = workbook.create_sheet(title)
        sheet.append(["STT", "Người nêu", "Loại", "Lĩnh vực", "Nội dung"])
        sheet.append(["1", "Ông A.", "Câu hỏi", "Cư trú", question])
    workbook.remove(workbook["Sheet"])
    workbook.save(tmp_path / "tong-hop.xlsx")
    folder = hoa_xuan_session(content)
    assert main(["import", str(tmp_path / "tong-hop.xlsx"), "--session", str(folder),
                 "--sheet", "phien 20-11"]) == 0
    assert [item["text"].strip() for item in items_of(folder)] == ["Hỏi về sổ đỏ."]
    assert "read the worksheet 'Phiên 20-11'; not read: 'Phiên 18-9'" in capsys.readouterr().out
    assert main(["import", str(tmp_path / "tong-hop.xlsx"), "--session", str(folder), "--force",
                 "--sheet", "Phiên 25-11"]) == 2
    assert "no worksheet named 'Phiên 25-11'; the workbook has 'Phiên 18-9', 'Phiên 20-11'" in (
        capsys.readouterr().err)


def test_the_active_worksheet_is_read_and_a_hidden_one_only_when_named(content: Path,
                                                                       tmp_path: Path) -> None:
    """A hidden worksheet (an old template, last year's table) with more known columns than the
    active one was read instead of it, and only an info line said so (a review's find): the
    active worksheet is read whenever it has a header, a hidden one only when --sheet names it,
    another shown one instead of the active with a warning; row messages name the worksheet."""
    workbook = openpyxl.Workbook()
    active = workbook.active
    active.title = "Phiên 20-11"
    active.append(["STT", "Loại", "Lĩnh vực", "Nội dung"])
    active.append(["1", "Câu hỏi", "Cư trú", "Câu hỏi của phiên này."])
    for title, state in (("Mẫu cũ", "hidden"), ("Năm 2023", "veryHidden")):
        old = workbook.create_sheet(title)
        old.sheet_state = state
        old.append(["STT", "Người nêu", "Đối tượng", "Phường", "Loại", "Lĩnh vực", "Nội dung",
                    "Cơ quan trả lời", "Nội dung trả lời"])
        old.append(["1", "Ông Z.", "Công dân", "Hòa Xuân", "Kiến nghị", "Đất đai",
                    f"Câu hỏi của bảng {title}.", "UBND phường Hòa Xuân", "Trả lời cũ."])
    workbook.save(tmp_path / "so.xlsx")
    folder = hoa_xuan_session(content)
    result = run_import(tmp_path / "so.xlsx", folder)
    assert result.returncode == 0, result.stderr
    assert [item["text"].strip() for item in items_of(folder)] == ["Câu hỏi của phiên này."]
    assert ("read the worksheet 'Phiên 20-11'; not read: 'Mẫu cũ' (hidden), 'Năm 2023' (hidden)"
            in result.stdout)
    result = run_import(tmp_path / "so.xlsx", folder, "--force", "--sheet", "Mẫu cũ")
    assert result.returncode == 0, result.stderr
    assert [item["text"].strip() for item in items_of(folder)] == ["Câu hỏi của bảng Mẫu cũ."]

    guide = workbook.create_sheet("Hướng dẫn", 0)  # a guide in front, open: the table is elsewhere
    guide["A1"] = "Điền mỗi ý kiến trên một dòng của trang Phiên 20-11."
    workbook.active = 0
    active["C2"] = "Cư trú đô thị"
    workbook.save(tmp_path / "so.xlsx")
    result = run_import(tmp_path / "so.xlsx", folder, "--force")
    assert ("warning: so.xlsx: the active worksheet 'Hướng dẫn' has no table (a row of column "
            "names with rows under it), so the worksheet 'Phiên 20-11' was read") in result.stderr
    assert "so.xlsx[Phiên 20-11]:row 2: column 'Lĩnh vực': unknown topic 'Cư trú đô thị'" in (
        result.stderr)

    # A sheet of a header alone over a session's items empties nothing (a fuzzing review's find)
    template = openpyxl.Workbook()
    template.active.append(["STT", "Loại", "Lĩnh vực", "Nội dung"])
    template.save(tmp_path / "mau.xlsx")
    before = (folder / "answers.yaml").read_bytes()
    result = run_import(tmp_path / "mau.xlsx", folder, "--force")
    assert result.returncode == 2 and "the table has no question under its header (row 1)" in result.stderr
    assert (folder / "answers.yaml").read_bytes() == before

    # An empty template in front (its header alone) is no table either (a diff reader's find:
    # its 0 items replaced the session's); and a table only in a hidden worksheet is named.
    guide.append(["STT", "Loại", "Lĩnh vực", "Nội dung"])
    active["C2"] = "Cư trú"
    workbook.save(tmp_path / "so.xlsx")
    result = run_import(tmp_path / "so.xlsx", folder, "--force")
    assert result.returncode == 0, result.stderr
    assert [item["text"].strip() for item in items_of(folder)] == ["Câu hỏi của phiên này."]
    del workbook["Phiên 20-11"]
    workbook.remove(guide)
    workbook.create_sheet("Hướng dẫn", 0)["A1"] = "Bảng ở trang khác."
    workbook.active = 0
    workbook.save(tmp_path / "so.xlsx")
    result = run_import(tmp_path / "so.xlsx", folder, "--force")
    assert result.returncode == 2
    assert ("so.xlsx: no worksheet Excel shows holds a table, but the hidden worksheets 'Mẫu cũ', "
            "'Năm 2023' do: if it holds this session's questions, read it with --sheet \"Mẫu cũ\"") \
        in result.stderr


def test_a_guide_in_front_of_several_sessions_worksheets_reads_none(content: Path,
                                                                    tmp_path: Path) -> None:
    """A guide in front of one worksheet per session: the first of them was read, with a warning
    (a fuzzing review's find), into a session that may be the other's. The import stops naming
    them and the --sheet to add, and nothing is written; --sheet reads the one named."""
    workbook = openpyxl.Workbook()
    workbook.active.title = "Hướng dẫn"
    workbook.active["A1"] = "Mỗi phiên một trang; điền mỗi ý kiến trên một dòng."
    for title, question in (("Phiên 18-9", "Hỏi về tạm trú."), ('Phiên "20-11"', "Hỏi về sổ đỏ.")):
        sheet = workbook.create_sheet(title)
        sheet.append(["STT", "Người nêu", "Loại", "Lĩnh vực", "Nội dung"])
        sheet.append(["1", "Ông A.", "Câu hỏi", "Cư trú", question])
    workbook.save(tmp_path / "cac-phien.xlsx")
    folder = hoa_xuan_session(content)
    result = run_import(tmp_path / "cac-phien.xlsx", folder)
    assert result.returncode == 2, result.stdout
    assert result.stderr.strip() == (
        "cac-phien.xlsx: the active worksheet 'Hướng dẫn' has no table (a row of column names with "
        "rows under it), and the worksheets 'Phiên 18-9', 'Phiên \"20-11\"' each hold one, so nothing "
        "was read: add --sheet with this session's worksheet, --sheet \"Phiên 18-9\" or "
        "--sheet 'Phiên \"20-11\"'")
    assert items_of(folder) == []
    # the option as said, read as a shell reads it (`--sheet "Phiên "20-11""` passed 'Phiên 20-11')
    suggested = shlex.split(result.stderr.strip().rsplit(" or ", 1)[1])
    result = run_import(tmp_path / "cac-phien.xlsx", folder, *suggested)
    assert result.returncode == 0, result.stderr
    assert [item["text"].strip() for item in items_of(folder)] == ["Hỏi về sổ đỏ."]


def test_a_workbook_opening_on_no_worksheet_is_read_or_told(content: Path, tmp_path: Path) -> None:
    """A workbook whose saved active tab no longer exists, or whose front sheet is a chart,
    stopped the import with a Python traceback (a fuzzing review's find)."""
    workbook = openpyxl.Workbook()
    workbook.active.append(["STT", "Loại", "Lĩnh vực", "Nội dung"])
    workbook.active.append(["1", "Câu hỏi", "Cư trú", "Câu hỏi của phiên này."])
    workbook.save(tmp_path / "tab.xlsx")
    with zipfile.ZipFile(tmp_path / "tab.xlsx") as source, \
            zipfile.ZipFile(tmp_path / "stale.xlsx", "w") as target:
        for entry in source.infolist():
            data = source.read(entry.filename)
            if entry.filename == "xl/workbook.xml":  # the tab a deleted sheet had
                data = re.sub(rb'activeTab="\d+"', b'activeTab="3"', data) if b"activeTab" in data \
                    else re.sub(rb"<workbookView\b", b'<workbookView activeTab="3"', data, count=1)
            target.writestr(entry, data)
    folder = hoa_xuan_session(content)
    result = run_import(tmp_path / "stale.xlsx", folder)
    assert result.returncode == 0, result.stderr
    assert [item["text"].strip() for item in items_of(folder)] == ["Câu hỏi của phiên này."]

    chart = openpyxl.Workbook()
    hidden = chart.active
    hidden.append([1])
    hidden.sheet_state = "hidden"
    front = chart.create_chartsheet("Biểu đồ", 0)
    bars = BarChart()
    bars.add_data(Reference(hidden, min_col=1, min_row=1, max_row=1))
    front.add_chart(bars)
    chart.active = 0
    chart.save(tmp_path / "chart.xlsx")
    result = run_import(tmp_path / "chart.xlsx", folder, "--force")
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert "chart.xlsx: the workbook has no worksheet Excel shows" in result.stderr


def day_lines(days: list[str]) -> list[str]:
    """A summary sheet's lines, a question a row, each dated by a 'Ngày đối thoại' of `days`."""
    return ["STT,Ngày đối thoại,Người nêu,Loại,Lĩnh vực,Nội dung"] + [
        f'{n},"{day}",Ông A.,Câu hỏi,Cư trú,Câu hỏi số {n}.' for n, day in enumerate(days, 1)]


def test_a_commune_offices_sheet_as_it_keeps_it(content: Path, tmp_path: Path) -> None:
    """A review's finds in one commune's workbook: its headers shortened as offices write them
    ('Đơn vị TL', 'ND trả lời', 'Ngày TL'), one on two lines of its cell, a phone column named
    'SĐT liên hệ', a voter's question at a dialogue, and the workbook saved while its list of
    delegates was in front (the import read that list and asked to rename its columns)."""
    workbook = openpyxl.Workbook()
    questions = workbook.active
    questions.title = "Tổng hợp ý kiến"
    questions.append(["TT", "Người nêu", "Phân loại", "Lĩnh vực", "Nội dung\ný kiến", "Đơn vị TL",
                      "Ngày TL", "ND trả lời", "SĐT liên hệ"])
    questions.append([1, "Cử tri tổ 8", "Câu hỏi", "Cư trú", "Thủ tục nhập hộ khẩu cho con?",
                      "Công an phường Hòa Xuân", dt.datetime(2026, 11, 25),
                      "Đăng ký qua Cổng dịch vụ công.", "0905 123 456"])
    questions.append([2, "Bà L.", "Kiến nghị", "Cư trú", "", "Công an phường Hòa Xuân", None, "Đã rõ."])
    delegates = workbook.create_sheet("Đại biểu dự")
    delegates.append(["TT", "Họ và tên", "Chức vụ", "Đơn vị"])
    delegates.append([1, "Nguyễn Văn A", "Chủ tịch", "UBND phường"])
    delegates.append([2, "Trần Thị B", "Trưởng Công an", "Công an phường"])
    workbook.active = 1
    workbook.save(tmp_path / "tong-hop.xlsx")
    folder = hoa_xuan_session(content)
    result = run_import(tmp_path / "tong-hop.xlsx", folder, "--keep-valid")
    assert result.returncode == 0, result.stderr
    assert ("the active worksheet 'Đại biểu dự' holds no questions (no column of their type, "
            "topics or text), so the worksheet 'Tổng hợp ý kiến' was read") in result.stderr
    assert "column(s) of citizens' personal data, never imported nor published: SĐT liên hệ" in (
        result.stdout)
    assert "tong-hop.xlsx[Tổng hợp ý kiến]:row 3: column 'Nội dung ý kiến': is empty" in (
        result.stderr), result.stderr
    [item] = items_of(folder)
    assert item["asker"] == {"label": "Cử tri tổ 8", "kind": "voter"}
    assert [(a["by"], a["date"], a["text"].strip()) for a in item["answers"]] == [
        ("cong-an-phuong-hoa-xuan-2025", dt.date(2026, 11, 25), "Đăng ký qua Cổng dịch vụ công.")]


def test_a_session_day_column_named_the_short_way_keeps_other_days_out(content: Path,
                                                                       tmp_path: Path) -> None:
    """'Ngày ĐT' (ngày đối thoại) was an unknown column: a question of another day was imported
    into this session with a warning to rename or delete the column (a review's find)."""
    sheet = write_text_sheet(tmp_path / "ngay-dt.csv", "\n".join(
        day_lines(["20/11/2026", "15/03/2026"])).replace("Ngày đối thoại", "Ngày ĐT") + "\n")
    folder = hoa_xuan_session(content)
    result = run_import(sheet, folder)
    assert result.returncode == 2
    assert ("ngay-dt.csv: column 'Ngày ĐT' (B) holds dates, and row(s) 3 are of another day than "
            "this session's (20/11/2026)") in result.stderr, result.stderr


def test_a_semicolon_csv_from_excel_with_merged_cells_and_a_code_as_a_number(
        content: Path, tmp_path: Path) -> None:
    """A ';' CSV as a Vietnamese Excel saves it: a procedure code written as a number with a
    decimal comma ('1,009994') is that code, and a row whose agency was in cells merged in the
    workbook (saved in the first row only) is told why it is empty."""
    sheet = tmp_path / "cham-phay.csv"
    sheet.write_text("STT;Người nêu;Loại;Lĩnh vực;Mã TTHC;Nội dung;Đơn vị trả lời;Nội dung trả lời\n"
                     "1;Ông A.;Câu hỏi;Xây dựng;1,009994;Hồ sơ cấp phép?;UBND phường Hòa Xuân;Đã rõ.\n"
                     "2;Bà B.;Câu hỏi;Xây dựng;;Lệ phí bao nhiêu?;;Theo quy định.\n", encoding="utf-8-sig")
    folder = hoa_xuan_session(content)
    result = run_import(sheet, folder, "--keep-valid")
    assert result.returncode == 0, result.stderr
    assert ("cham-phay.csv:row 3: column 'Đơn vị trả lời': is empty: say which agency answered (a "
            "CSV keeps the value of cells merged in Excel in their first row only: fill it on each "
            "row, or import the .xlsx)") in result.stderr, result.stderr
    [item] = items_of(folder)
    assert item["procedures"] == ["1.009994"]


def test_a_summary_sheet_of_several_sessions_is_refused_until_filtered(content: Path,
                                                                       tmp_path: Path) -> None:
    """A year's summary sheet with a column of session dates ('Ngày đối thoại', no column of
    the format) had all its rows imported into one session, with a warning advising to delete
    the column (a review's find): the rows of other days are named and nothing is written; the
    sheet filtered to this session's day (Excel hides the other rows) is imported."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Ngày đối thoại", "Người nêu", "Loại", "Lĩnh vực", "Nội dung"])
    for n, day in enumerate((dt.datetime(2026, 3, 15), dt.datetime(2026, 11, 20), "20/11/2026",
                             dt.datetime(2026, 12, 1)), 1):
        sheet.append([n, day, "Ông A.", "Câu hỏi", "Cư trú", f"Câu hỏi số {n}."])
    workbook.save(tmp_path / "nam.xlsx")
    folder = hoa_xuan_session(content)
    before = (folder / "answers.yaml").read_bytes()
    result = run_import(tmp_path / "nam.xlsx", folder, "--keep-valid")
    assert result.returncode == 2
    assert ("nam.xlsx: column 'Ngày đối thoại' (B) holds dates, and row(s) 2, 5 are of another day "
            "than this session's (20/11/2026)") in result.stderr
    assert "Filter the sheet to this session's rows" in result.stderr
    assert (folder / "answers.yaml").read_bytes() == before
    for row in (2, 5):  # Excel's filter on the column hides the rows of other days
        sheet.row_dimensions[row].hidden = True
    workbook.save(tmp_path / "nam.xlsx")
    result = run_import(tmp_path / "nam.xlsx", folder)
    assert result.returncode == 0, result.stderr
    assert [item["text"] for item in items_of(folder)] == ["Câu hỏi số 2.", "Câu hỏi số 3."]
    # the column that keeps other sessions' rows out is not one to delete (a helper's find)
    assert "column 'Ngày đối thoại' (B) is not a known column" not in result.stderr, result.stderr
    assert ("info: nam.xlsx: column 'Ngày đối thoại' (B) is read as the sessions' days: its rows "
            "are this session's (20/11/2026); it is not imported otherwise") in result.stdout
    sheet["B1"] = "Ngày nhận đơn"  # other days, none the session's: not sessions' days
    for row in (2, 5):
        sheet.row_dimensions[row].hidden = False
        sheet.cell(row, 2).value = dt.datetime(2026, 10, 1)
    for row in (3, 4):
        sheet.cell(row, 2).value = dt.datetime(2026, 9, 1)
    workbook.save(tmp_path / "nam.xlsx")
    result = run_import(tmp_path / "nam.xlsx", folder, "--force")
    assert result.returncode == 0, result.stderr
    assert ("info: nam.xlsx: column 'Ngày nhận đơn' (B) holds the day the question was received, "
            "which the format has no field for: not imported") in result.stdout
    sheet.cell(3, 2).value = dt.datetime(2026, 11, 20)  # some received on the session's day
    workbook.save(tmp_path / "nam.xlsx")
    assert run_import(tmp_path / "nam.xlsx", folder, "--force").returncode == 0


def test_content_columns_under_a_commitment_group_are_the_commitment(content: Path,
                                                                     tmp_path: Path) -> None:
    """'Nội dung' and 'Đơn vị' under 'Cam kết, hứa giải quyết' are the commitment and the agency
    that carries it out: the promise was joined to the citizen's question, and lost (found by a
    review helper)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"], sheet["B1"] = "STT", "Ý kiến, kiến nghị của cử tri"
    sheet["F1"], sheet["H1"] = "Trả lời", "Cam kết, hứa giải quyết"
    for cells in ("A1:A2", "B1:E1", "F1:G1", "H1:J1"):
        sheet.merge_cells(cells)
    for column, name in zip("BCDEFGHIJ", ["Người nêu", "Loại", "Lĩnh vực", "Nội dung", "Đơn vị",
                                          "Nội dung", "Nội dung", "Đơn vị", "Thời hạn"], strict=True):
        sheet[f"{column}2"] = name
    sheet.append(["1", "Cử tri tổ 8", "Kiến nghị", "Môi trường", "Rác tồn đọng ở kiệt 12.",
                  "UBND phường Hòa Xuân", "Phường sẽ thu gom trong tuần.",
                  "Thu gom rác tồn đọng ở kiệt 12", "UBND phường Hòa Xuân", "30/12/2026"])
    workbook.save(tmp_path / "cam-ket.xlsx")
    folder = hoa_xuan_session(content)
    assert main(["import", str(tmp_path / "cam-ket.xlsx"), "--session", str(folder)]) == 0
    [item] = items_of(folder)
    assert item["text"].strip() == "Rác tồn đọng ở kiệt 12."
    assert [(c["by"], c["text"], str(c["due"])) for c in item["commitments"]] == [
        ("ubnd-phuong-hoa-xuan-2025", "Thu gom rác tồn đọng ở kiệt 12", "2026-12-30")]
    # an agency the registry lacks, in both: each problem names its own column (a review's
    # find: the same line twice, "column 'Đơn vị'", for the answer's and the commitment's)
    sheet["F3"], sheet["I3"] = "Phòng Không Có", "Ban Không Có"
    workbook.save(tmp_path / "cam-ket.xlsx")
    result = run_import(tmp_path / "cam-ket.xlsx", folder, "--force")
    assert "cam-ket.xlsx:row 3: column 'Đơn vị (F)': unknown agency 'Phòng Không Có'" in result.stderr
    assert "cam-ket.xlsx:row 3: column 'Đơn vị (I)': unknown agency 'Ban Không Có'" in result.stderr
    sheet["I3"] = "#N/A"  # an Excel error: said by the table's reader, by the same name
    workbook.save(tmp_path / "cam-ket.xlsx")
    result = run_import(tmp_path / "cam-ket.xlsx", folder, "--force")
    assert "cam-ket.xlsx:row 3: column 'Đơn vị (I)': holds Excel's error value #N/A" in result.stderr


def test_section_headings_and_totals_among_the_rows_are_no_questions(content: Path,
                                                                      tmp_path: Path) -> None:
    """'I | LĨNH VỰC ĐẤT ĐAI' merged across the row above a field's questions, and a 'Tổng
    cộng' row under them: read as what they are, said in a note, not three errors each."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Người nêu", "Loại", "Lĩnh vực", "Nội dung", "Cơ quan trả lời", "Trả lời"])
    sheet.append(["I", "LĨNH VỰC CƯ TRÚ"])
    sheet.merge_cells("B2:G2")
    sheet.append(["1", "Công dân tổ 1", "Câu hỏi", "Cư trú", "Hỏi về tạm trú.",
                  "Công an phường Hòa Xuân", "Đăng ký qua Cổng dịch vụ công."])
    sheet.append(["II", "LĨNH VỰC ĐẤT ĐAI", None, None, None, None, None])
    sheet.append(["2", "Công dân tổ 2", "Kiến nghị", "Đất đai", "Đề nghị cấp sổ đỏ.",
                  "UBND phường Hòa Xuân", "Phường đang rà soát."])
    # written whole in one cell merged across the row, or in the first cell alone (a review's
    # finds: each was read as a question with an unknown topic, type and agency)
    sheet.append(["III. LĨNH VỰC XÂY DỰNG"])
    sheet.merge_cells("A6:G6")
    sheet.append(["Phần IV - Ý kiến khác"])
    sheet.append(["3", "Công dân tổ 3", "Kiến nghị", "Xây dựng", "Hỏi về giấy phép xây dựng.",
                  "UBND phường Hòa Xuân", "Phường hướng dẫn hồ sơ."])
    sheet.append(["Tổng cộng: 3 ý kiến"])
    sheet.append([None, "Tổng cộng", None, None, "3 ý kiến", None, "3 lượt trả lời"])
    sheet.append(["Tổng: 3 ý kiến"])
    workbook.save(tmp_path / "muc.xlsx")
    folder = hoa_xuan_session(content)
    result = run_import(tmp_path / "muc.xlsx", folder)
    assert result.returncode == 0, result.stderr
    assert [i["text"].strip() for i in items_of(folder)] == [
        "Hỏi về tạm trú.", "Đề nghị cấp sổ đỏ.", "Hỏi về giấy phép xây dựng."]
    said = result.stdout + result.stderr
    for row, text in ((2, "LĨNH VỰC CƯ TRÚ"), (4, "LĨNH VỰC ĐẤT ĐAI"), (6, "III. LĨNH VỰC XÂY DỰNG"),
                      (7, "Phần IV - Ý kiến khác"), (9, "Tổng cộng: 3 ý kiến"),
                      (10, "Tổng cộng | 3 ý kiến | 3 lượt trả lời"), (11, "Tổng: 3 ý kiến")):
        assert f"info: muc.xlsx: row {row} is read as a section heading or a total ('{text}')" in said


def test_a_section_heading_merged_across_the_row_fills_no_unknown_column(content: Path,
                                                                          tmp_path: Path) -> None:
    """'I. LĨNH VỰC ĐẤT ĐAI' merged across A:H, as offices group their questions, puts its text in
    every cell it covers, an unknown column's too: the heading rows were counted among the rows
    that fill that column ('though 3 row(s) fill it' for one question's value), a column no
    question fills was warned about as holding data (a review's find), and a column of the
    sessions' days was refused as mostly holding no day (so with a total merged across the row
    below). A heading is no value of the table's
    columns: the heading is still read as one, and said."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Người nêu", "Loại", "Lĩnh vực", "Nội dung", "Cơ quan trả lời", "Trả lời",
                  "Mức độ hài lòng", "Phân loại nội bộ", "Ngày đối thoại"])
    sheet.append(["I. LĨNH VỰC ĐẤT ĐAI"])
    sheet.merge_cells("A2:J2")
    sheet.append(["1", "Công dân tổ 2", "Kiến nghị", "Đất đai", "Đề nghị cấp sổ đỏ.",
                  "UBND phường Hòa Xuân", "Phường đang rà soát.", "Hài lòng", None, "20/11/2026"])
    sheet.append(["II", "LĨNH VỰC CƯ TRÚ"])
    sheet.merge_cells("B4:J4")
    sheet.append(["2", "Công dân tổ 1", "Câu hỏi", "Cư trú", "Hỏi về tạm trú.",
                  "Công an phường Hòa Xuân", "Đăng ký qua Cổng dịch vụ công.", None, None, "20/11/2026"])
    sheet.append(["Tổng cộng: 2 ý kiến"])
    sheet.merge_cells("A6:J6")
    workbook.save(tmp_path / "nhom.xlsx")
    folder = hoa_xuan_session(content)
    result = run_import(tmp_path / "nhom.xlsx", folder)
    assert result.returncode == 0, result.stderr
    assert [i["text"].strip() for i in items_of(folder)] == ["Đề nghị cấp sổ đỏ.", "Hỏi về tạm trú."]
    said = result.stdout + result.stderr
    assert [line.split(": ", 2)[2] for line in said.splitlines() if "column" in line] == [
        "column(s) not imported: Phân loại nội bộ",
        "column 'Ngày đối thoại' (J) is read as the sessions' days: its rows are this session's "
        "(20/11/2026); it is not imported otherwise",
        "column 'Mức độ hài lòng' (H) is not a known column and is not imported, though 1 row(s) "
        "fill it: rename it to a column name of the README if it is for the site, or delete it"], said
    for row, text in ((2, "I. LĨNH VỰC ĐẤT ĐAI"), (4, "LĨNH VỰC CƯ TRÚ"), (6, "Tổng cộng: 2 ý kiến")):
        assert f"info: nhom.xlsx: row {row} is read as a section heading or a total ('{text}')" in said


def test_rows_numbered_in_advance_and_left_empty_are_skipped(content: Path, tmp_path: Path) -> None:
    """A template with STT filled down to 10 and five questions: each empty numbered row was three
    errors, 'is empty' (a review's find); skipped, and named once."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Người hỏi", "Loại", "Lĩnh vực", "Nội dung", "Cơ quan trả lời",
                  "Nội dung trả lời"])
    sheet.append([1, "Ông A.", "Câu hỏi", "Cư trú", "Hỏi về tạm trú.", "Công an phường Hòa Xuân",
                  "Đăng ký qua Cổng dịch vụ công."])
    for number in range(2, 6):
        sheet.append([number])
    workbook.save(tmp_path / "mau.xlsx")
    folder = hoa_xuan_session(content)
    result = run_import(tmp_path / "mau.xlsx", folder)
    assert result.returncode == 0, result.stderr
    assert [item["text"] for item in items_of(folder)] == ["Hỏi về tạm trú."]
    assert ("info: mau.xlsx: row(s) 3, 4, 5, 6 hold nothing but their number ('STT'), and are "
            "skipped") in result.stdout


def test_hidden_rows_and_columns_are_not_imported(content: Path, tmp_path: Path) -> None:
    """What Excel hides (an internal note column, the rows of another session) is not what the
    office means to publish: left out, and said."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Người hỏi", "Loại", "Lĩnh vực", "Nội dung", "Nội dung",
                  "Cơ quan trả lời", "Trả lời"])
    sheet.append(["1", "Ông A.", "Câu hỏi", "Cư trú", "Hỏi về tạm trú.", "Ghi chú nội bộ.",
                  "UBND phường Hòa Xuân", "Trả lời."])
    sheet.append(["2", "Bà B.", "Câu hỏi", "Cư trú", "Câu của phiên khác.", None,
                  "UBND phường Hòa Xuân", "Trả lời."])
    sheet.column_dimensions["F"].hidden = True
    sheet.row_dimensions[3].hidden = True
    sheet.column_dimensions.group("J", "Z", hidden=True)  # unused columns hidden to the right
    workbook.save(tmp_path / "an.xlsx")
    folder = hoa_xuan_session(content)
    result = run_import(tmp_path / "an.xlsx", folder)
    assert result.returncode == 0, result.stderr
    [item] = items_of(folder)
    assert item["text"].strip() == "Hỏi về tạm trú."
    assert "info: an.xlsx: hidden in Excel, so not read: rows 3; columns F" in result.stdout


# --- import: errors ----------------------------------------------------------------------


def broken_sheet(tmp_path: Path) -> Path:
    rows = [list(r) for r in sample_sheet.ROWS]
    col = {name: i for i, name in enumerate(sample_sheet.HEADER)}
    rows[0][col["Lĩnh vực"]] = "Xây dựngg"                 # sheet row 3
    rows[1][col["Loại"]] = "Thắc mắc"                      # sheet row 4
    rows[2][col["Ngày trả lời"]] = "32/13/2024"            # sheet row 5 (continuation)
    rows[4][col["Cơ quan trả lời"]] = ""                   # sheet row 7
    rows[5][col["Nội dung ý kiến"]] = ""                   # sheet row 8: STT 4 without content
    return sample_sheet.write_csv(tmp_path / "loi.csv", rows=rows)


def test_every_bad_row_is_reported_and_nothing_is_written(content: Path, tmp_path: Path) -> None:
    folder = new_session(content)
    before = (folder / "answers.yaml").read_bytes()
    result = run_import(broken_sheet(tmp_path), folder)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("loi.csv:row")]
    assert lines == [
        "loi.csv:row 3: column 'Lĩnh vực': unknown topic 'Xây dựngg' (did you mean 'xay-dung', "
        "Xây dựng?); use an id, name or alias from the registry, or add it there",
        "loi.csv:row 4: column 'Loại': 'Thắc mắc' is not one of: Câu hỏi, Ý kiến, Kiến nghị, Phản ánh",
        "loi.csv:row 5: column 'Ngày trả lời': '32/13/2024' is not a day of the calendar; check the "
        "day and the month",
        "loi.csv:row 7: column 'Cơ quan trả lời': is empty: say which agency answered (a CSV "
        "keeps the value of cells merged in Excel in their first row only: fill it on each row, or "
        "import the .xlsx)",
        "loi.csv:row 8: column 'Nội dung ý kiến': is empty: write the question (a row that adds "
        "an answer to the question above leaves its asker, type and topic empty)",
    ]
    assert "nothing was written" in result.stderr and "Traceback" not in result.stderr
    assert (folder / "answers.yaml").read_bytes() == before


def test_keep_valid_writes_the_good_rows(content: Path, tmp_path: Path, capsys) -> None:
    folder = new_session(content)
    assert main(["import", str(broken_sheet(tmp_path)), "--session", str(folder), "--keep-valid"]) == 0
    assert "those rows were skipped" in capsys.readouterr().out
    items = items_of(folder)
    assert [i["asker"]["label"] for i in items] == ["Bà L.T.H."]  # STT 5, the one valid row
    assert errors_of(content) == []


def test_keep_valid_on_a_re_import_removes_no_item_answers_yaml_has(content: Path, tmp_path: Path) -> None:
    """Re-imported with --force --keep-valid, a sheet whose rows now have problems (here a typo,
    and a phone number only found after the row was matched to its item) deleted the items
    those rows held, naming some of them at most (a press-office walk-through's find): links to
    published questions broke. Nothing is written, and every item it would remove is named."""
    folder = new_session(content)
    assert run_import(sample_sheet.write_csv(tmp_path / "dung.csv"), folder).returncode == 0
    before = (folder / "answers.yaml").read_bytes()
    ids = [item["id"] for item in items_of(folder)]
    rows = [list(r) for r in sample_sheet.ROWS]
    col = {name: i for i, name in enumerate(sample_sheet.HEADER)}
    rows[0][col["Lĩnh vực"]] = "Xây dựngg"
    rows[1][col["Nội dung trả lời"]] += " Liên hệ anh Bình, số 0905 123 456."
    result = run_import(sample_sheet.write_csv(tmp_path / "sua.csv", rows=rows), folder,
                        "--force", "--keep-valid")
    assert result.returncode == 1 and (folder / "answers.yaml").read_bytes() == before
    summary = result.stderr.splitlines()[-1]
    assert summary == (f"2 problem(s) in sua.csv; nothing was written: with those rows skipped, "
                       f"answers.yaml would lose 2 of its items ({ids[0]}, {ids[1]}), which "
                       "--keep-valid does not remove. Fix the rows and import again (an item taken "
                       "out of the sheet on purpose: --force without --keep-valid)"), result.stderr
    rows[0][col["Lĩnh vực"]] = "Xây dựng"  # a new question's slip takes nothing away
    rows[1] = sample_sheet.ROWS[1]
    rows.append(["9", "Ông K.", "Công dân", "", "Câu hỏi", "Đất đaii", "", "Hỏi thêm.", "Có",
                 "Phòng QLĐT", "", "", "", "", "", "Trả lời.", "", "", "", "", ""])
    result = run_import(sample_sheet.write_csv(tmp_path / "them.csv", rows=rows), folder,
                        "--force", "--keep-valid")
    assert result.returncode == 0 and "those rows were skipped" in result.stdout, result.stderr
    assert [item["id"] for item in items_of(folder)] == ids


def test_bad_dates_are_reported_on_their_row(content: Path, tmp_path: Path, capsys) -> None:
    rows = [list(r) for r in sample_sheet.ROWS]
    rows[2][sample_sheet.HEADER.index("Ngày trả lời")] = "32/13/2024"
    rows[0][sample_sheet.HEADER.index("Hạn")] = "sớm"
    folder = new_session(content)
    assert main(["import", str(sample_sheet.write_csv(tmp_path / "d.csv", rows=rows)),
                 "--session", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "d.csv:row 3: column 'Hạn': 'sớm' is not a date; write it as day/month/year, " \
        "such as 20/06/2024" in err
    assert "d.csv:row 5: column 'Ngày trả lời': '32/13/2024' is not a day of the calendar" in err


def test_a_column_of_dates_written_month_first_is_refused(content: Path, tmp_path: Path) -> None:
    """A due date column written month first, as US software writes it: '3/6/2027' (6 March)
    was published as due on 3 June, in silence, beside '6/13/2027', which is no day read day
    first (a review's find). The import stops, naming that cell, and writes nothing, even with
    --keep-valid; a slip in a column written day first is its own row's problem."""
    folder = hoa_xuan_session(content)
    header = "STT,Người hỏi,Loại,Lĩnh vực,Nội dung,Cơ quan trả lời,Trả lời,Cam kết,Hạn\n"
    sheet = write_text_sheet(tmp_path / "us.csv", header + (
        "1,Ông A.,Kiến nghị,Đất đai,Hỏi một.,UBND phường Hòa Xuân,Trả lời.,Rà soát hồ sơ,3/6/2027\n"
        "2,Ông B.,Kiến nghị,Đất đai,Hỏi hai.,UBND phường Hòa Xuân,Trả lời.,Sửa đường,6/13/2027\n"))
    result = run_import(sheet, folder, "--keep-valid")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "us.csv:row 3: column 'Hạn': '6/13/2027' is a day only when read month first (13/06/2027), "
        "so the dates of this column seem to be written month/day/year, as US software writes "
        "them, and nothing was read: the others would be taken day first, as Vietnam writes them "
        "('3/6/2027' on row 2 as 03/06/2027). Write the column's dates day/month/year (13/06/2027 "
        "for this one), then import again")
    assert items_of(folder) == []
    slip = write_text_sheet(tmp_path / "vn.csv", header + (
        "1,Ông A.,Kiến nghị,Đất đai,Hỏi một.,UBND phường Hòa Xuân,Trả lời.,Rà soát hồ sơ,20/6/2027\n"
        "2,Ông B.,Kiến nghị,Đất đai,Hỏi hai.,UBND phường Hòa Xuân,Trả lời.,Sửa đường,6/13/2027\n"))
    result = run_import(slip, folder)
    assert result.returncode == 1
    assert "vn.csv:row 3: column 'Hạn': '6/13/2027' is not a day of the calendar read day first, " \
        "as Vietnam writes dates; read month first, it is 13/06/2027: write that, if it is the " \
        "day meant" in result.stderr


def kept_valid(workbook: openpyxl.Workbook, path: Path, content: Path) -> tuple[Path, list[str]]:
    """Import `workbook`, saved at `path`, into the Hòa Xuân session with --keep-valid: the
    session's folder, and the messages naming a row."""
    workbook.save(path)
    folder = hoa_xuan_session(content)
    result = run_import(path, folder, "--keep-valid")
    assert result.returncode == 0, result.stderr
    return folder, rows_said(result)


def test_a_slip_month_first_among_excel_dates_is_its_rows_problem(content: Path, tmp_path: Path) -> None:
    """A due date column of Excel date cells (6 March, 20 June) and the text '6/13/2027': the
    whole sheet was refused as written month/day/year, nothing read (a diff reader's find),
    though the Excel that made the dates reads them day first (one reading them month first
    would have made '6/13/2027' a date too). The text is its row's slip; --keep-valid writes
    the other rows, with their dates."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Người hỏi", "Loại", "Lĩnh vực", "Nội dung", "Cơ quan trả lời", "Trả lời",
                  "Cam kết", "Hạn"])
    for n, (promise, due) in enumerate((("Rà soát hồ sơ", dt.datetime(2027, 3, 6)),
                                        ("Sửa đường", dt.datetime(2027, 6, 20)),
                                        ("Sửa cống", "6/13/2027")), 1):
        sheet.append([n, f"Ông {'ABC'[n - 1]}.", "Kiến nghị", "Đất đai", f"Hỏi {n}.",
                      "UBND phường Hòa Xuân", "Trả lời.", promise, due])
    folder, rows_said = kept_valid(workbook, tmp_path / "han.xlsx", content)
    assert rows_said == [
        "han.xlsx:row 4: column 'Hạn': '6/13/2027' is not a day of the calendar read day first, "
        "as Vietnam writes dates; read month first, it is 13/06/2027: write that, if it is the "
        "day meant"]
    assert [[c["due"] for c in item["commitments"]] for item in items_of(folder)] == [
        [dt.date(2027, 3, 6)], [dt.date(2027, 6, 20)]]


def test_a_column_typed_month_first_into_an_excel_reading_day_first_is_refused(
        content: Path, tmp_path: Path) -> None:
    """'7/6/2027' (meant 6 July) typed month first into an Excel reading dates day first is the
    date cell 7 June; '6/13/2027' and '6/20/2027' stay texts. The date cell was taken for proof
    of a column written day first: the two texts were each their row's slip, and once fixed the
    first row was published as 7 June (a code reader's find). A date cell of a day up to 12
    proves nothing: the column is refused as written month first."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Người hỏi", "Loại", "Lĩnh vực", "Nội dung", "Cơ quan trả lời", "Trả lời",
                  "Cam kết", "Hạn"])
    for n, due in enumerate((dt.datetime(2027, 6, 7), "6/13/2027", "6/20/2027"), 1):
        sheet.append([n, f"Ông {'ABC'[n - 1]}.", "Kiến nghị", "Đất đai", f"Hỏi {n}.",
                      "UBND phường Hòa Xuân", "Trả lời.", "Rà soát hồ sơ", due])
    workbook.save(tmp_path / "han.xlsx")
    folder = hoa_xuan_session(content)
    result = run_import(tmp_path / "han.xlsx", folder, "--keep-valid")
    assert result.returncode == 2, result.stderr
    assert ("han.xlsx:row 3: column 'Hạn': '6/13/2027' is a day only when read month first "
            "(13/06/2027), so the dates of this column seem to be written month/day/year") in result.stderr
    assert items_of(folder) == []


@pytest.mark.parametrize("days", [("11/20/2026", "11/20/2026", "12/15/2026"),
                                  ("Sáng 11/20/2026", '"Thứ Sáu, 11/20/2026"', "Chiều 12/15/2026")])
def test_a_summary_sheet_whose_session_dates_are_written_month_first_is_refused(
        content: Path, tmp_path: Path, days: tuple[str, str, str]) -> None:
    """A year's summary sheet whose 'Ngày đối thoại' is written month first ('11/20/2026', as
    US software writes dates), alone or beside the part of the day or the weekday ('Sáng
    11/20/2026'), had all its rows imported into the session of 20/11/2026, those of 15 December
    too: read day first, none of its dates is a day, so the column did not count as one of
    dates (a review's find, then a helper's for the words). It is refused as an imported date
    column is, naming the cell; nothing is written."""
    folder = hoa_xuan_session(content)
    before = (folder / "answers.yaml").read_bytes()
    sheet = write_text_sheet(tmp_path / "us.csv", (
        "STT,Ngày đối thoại,Người nêu,Loại,Lĩnh vực,Nội dung\n"
        f"1,{days[0]},Ông A.,Câu hỏi,Cư trú,Câu hỏi số 1.\n"
        f"2,{days[1]},Ông B.,Câu hỏi,Cư trú,Câu hỏi số 2.\n"
        f"3,{days[2]},Bà C.,Câu hỏi,Cư trú,Câu hỏi số 3.\n"))
    result = run_import(sheet, folder, "--keep-valid")
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip() == (
        f"us.csv:row 2: column 'Ngày đối thoại': '{days[0]}' is a day only when read month first "
        "(20/11/2026), so the dates of this column seem to be written month/day/year, as US "
        "software writes them, and nothing was read: the others would be taken day first, as "
        "Vietnam writes them. Write the column's dates day/month/year (20/11/2026 for this one), "
        "then import again")
    assert (folder / "answers.yaml").read_bytes() == before


@pytest.mark.parametrize(("written", "said"), [
    ("12/15/2026", "is not a day of the calendar read day first, as Vietnam writes dates; read "
                   "month first, it is 15/12/2026: write that, if it is the day meant"),
    ("31/11/2026", "is not a day of the calendar; check the day and the month"),
    ("hôm qua", "is not a date; write it as day/month/year, such as 20/06/2024"),
])
def test_a_session_day_that_is_no_day_is_its_rows_problem(content: Path, tmp_path: Path,
                                                           written: str, said: str) -> None:
    """A year's summary sheet filtered to the session's day, one of its 'Ngày đối thoại' a slip
    ('12/15/2026' month first among '20/11/2026's, '31/11/2026'): that row was imported into the
    session in silence, with only the warning every unknown column gets (a diff reader's find),
    though which session it is of cannot be told. It is an error on its row, as in the imported
    date columns; --keep-valid writes the others."""
    folder = hoa_xuan_session(content)
    sheet = write_text_sheet(tmp_path / "nam.csv", (
        "STT,Ngày đối thoại,Người nêu,Loại,Lĩnh vực,Nội dung\n"
        "1,20/11/2026,Ông A.,Câu hỏi,Cư trú,Câu hỏi số 1.\n"
        f"2,{written},Ông B.,Câu hỏi,Cư trú,Câu hỏi số 2.\n"
        "3,20/11/2026,Bà C.,Câu hỏi,Cư trú,Câu hỏi số 3.\n"))
    result = run_import(sheet, folder, "--keep-valid")
    assert result.returncode == 0, result.stderr
    assert rows_said(result) == [
        f"nam.csv:row 3: column 'Ngày đối thoại': '{written}' {said} (this column says which "
        "session the row is of)"]
    assert [item["text"] for item in items_of(folder)] == ["Câu hỏi số 1.", "Câu hỏi số 3."]


def test_a_session_day_with_the_part_of_the_day_or_the_weekday_is_read(content: Path,
                                                                       tmp_path: Path) -> None:
    """Offices write a session's day with its part of the day or its weekday ('Sáng 20/11/2026',
    '20/11/2026 (chiều)', 'Thứ Sáu, 20/11/2026'): such a cell among dates was an error on its
    row (or, the column holding no date alone, the column was not read as one of sessions'
    days at all, and every row was imported). The one date of such a cell is read; a weekday
    the date is not, two dates, or other words are an error on the row, naming them; a day of
    another session so written is one, and the sheet is refused."""
    folder = hoa_xuan_session(content)
    days = ["20/11/2026", "Sáng 20/11/2026", "20/11/2026 (chiều)", "Thứ Sáu, 20/11/2026",
            "Buổi tối thứ 6, ngày 20 tháng 11 năm 2026", "Thứ Năm, 20/11/2026",
            "Sáng 20/11/2026 và 21/11/2026", "Sáng 20/11/2026 tại nhà văn hóa"]
    lines = day_lines(days)
    result = run_import(write_text_sheet(tmp_path / "buoi.csv", "\n".join(lines)), folder,
                        "--keep-valid")
    assert result.returncode == 0, result.stderr
    assert rows_said(result) == [
        "buoi.csv:row 7: column 'Ngày đối thoại': 'Thứ Năm, 20/11/2026': 20/11/2026 falls on Thứ "
        "Sáu, not on Thứ Năm: correct the date or the weekday (this column says which session the "
        "row is of)",
        "buoi.csv:row 8: column 'Ngày đối thoại': 'Sáng 20/11/2026 và 21/11/2026' holds 2 dates, and "
        "a row is of one session: write its day alone (this column says which session the row is of)",
        "buoi.csv:row 9: column 'Ngày đối thoại': 'Sáng 20/11/2026 tại nhà văn hóa' holds, beside its "
        "date, more than a part of the day (Sáng, Chiều, …), a weekday (Thứ Sáu, …) or a time "
        "(8h00): write the day alone, such as 20/06/2024 (this column says which session the row "
        "is of)"]
    assert [item["text"] for item in items_of(folder)] == [f"Câu hỏi số {n}." for n in range(1, 6)]

    lines[3] = '3,"Chiều 21/11/2026",Ông A.,Câu hỏi,Cư trú,Câu hỏi số 3.'
    result = run_import(write_text_sheet(tmp_path / "buoi.csv", "\n".join(lines[:6])), folder,
                        "--force")
    assert result.returncode == 2
    assert ("buoi.csv: column 'Ngày đối thoại' (B) holds dates, and row(s) 4 are of another day "
            "than this session's (20/11/2026)") in result.stderr


def test_a_session_day_beside_its_time_is_read_and_a_time_of_no_day_is_said(
        content: Path, tmp_path: Path) -> None:
    """A press office's sheet often writes the session's time beside its day ('8h00 ngày
    20/11/2026', '20/11/2026 8:30', '14h30, 20/11/2026'): each such cell was an error on its
    row (or, the column holding no date alone, the column was not read as one of sessions' days,
    and every row was imported). The date is read and the time left aside; a time that is none
    of the day ('25h00') is an error on its cell, naming it."""
    folder = hoa_xuan_session(content)
    days = ["8h00 ngày 20/11/2026", "20/11/2026 8:30", "14h30, 20/11/2026",
            "Sáng thứ Sáu, lúc 8 giờ 30 phút, ngày 20 tháng 11 năm 2026", "20/11/2026 25h00"]
    lines = day_lines(days)
    result = run_import(write_text_sheet(tmp_path / "gio.csv", "\n".join(lines)), folder,
                        "--keep-valid")
    assert result.returncode == 0, result.stderr
    assert rows_said(result) == [
        "gio.csv:row 6: column 'Ngày đối thoại': '20/11/2026 25h00' holds the time '25h00', which "
        "is no time of the day (0h00 to 23h59): correct it, or write the day alone, such as "
        "20/06/2024 (this column says which session the row is of)"]
    assert [item["text"] for item in items_of(folder)] == [f"Câu hỏi số {n}." for n in range(1, 5)]
    lines[2] = '2,"15/10/2026 8:30",Ông A.,Câu hỏi,Cư trú,Câu hỏi số 2.'  # another session's
    result = run_import(write_text_sheet(tmp_path / "gio.csv", "\n".join(lines[:5])), folder,
                        "--force")
    assert result.returncode == 2
    assert ("gio.csv: column 'Ngày đối thoại' (B) holds dates, and row(s) 3 are of another day "
            "than this session's (20/11/2026)") in result.stderr


def test_a_session_day_beside_a_time_of_the_12_hour_clock_or_a_range_is_read(
        content: Path, tmp_path: Path) -> None:
    """A time on the 12-hour clock, as Excel writes one in Vietnamese ('8:30 SA', sáng; '2:30:00
    CH', chiều) or in English ('8:30 AM'), or after 'từ' ('từ 8h00', 'từ 8h00 đến 11h00'), beside
    a summary sheet's 'Ngày đối thoại': no cell was a day, so the column was skipped as unknown
    and every row, another session's too, was imported into this one with exit 0 (a reader's
    find). The time is left aside as the others are: the day is read, another session's row
    refuses the sheet, and a column written month first ('11/20/2026 8:30 AM') is refused as
    such."""
    folder = hoa_xuan_session(content)
    days = ["20/11/2026 8:30 SA", "20/11/2026 2:30:00 CH", "8:30 AM, 20/11/2026", "20/11/2026 từ 8h00",
            "20/11/2026 từ 8h00 đến 11h00", "20/11/2026 9:00 sáng"]
    lines = day_lines(days)
    result = run_import(write_text_sheet(tmp_path / "gio.csv", "\n".join(lines)), folder)
    assert result.returncode == 0, result.stderr
    assert [item["text"] for item in items_of(folder)] == [f"Câu hỏi số {n}." for n in range(1, 7)]
    before = (folder / "answers.yaml").read_bytes()
    lines[4] = '4,"15/12/2026 từ 8h00",Ông A.,Câu hỏi,Cư trú,Câu hỏi số 4.'  # another session's
    result = run_import(write_text_sheet(tmp_path / "gio.csv", "\n".join(lines)), folder, "--force")
    assert result.returncode == 2, result.stderr
    assert ("gio.csv: column 'Ngày đối thoại' (B) holds dates, and row(s) 5 are of another day "
            "than this session's (20/11/2026)") in result.stderr
    result = run_import(write_text_sheet(tmp_path / "us.csv", (
        "STT,Ngày đối thoại,Người nêu,Loại,Lĩnh vực,Nội dung\n"
        "1,11/20/2026 8:30 AM,Ông A.,Câu hỏi,Cư trú,Câu hỏi số 1.\n"
        "2,12/15/2026 2:00 PM,Ông B.,Câu hỏi,Cư trú,Câu hỏi số 2.\n")), folder, "--force")
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(
        "us.csv:row 2: column 'Ngày đối thoại': '11/20/2026 8:30 AM' is a day only when read month "
        "first (20/11/2026)")
    assert (folder / "answers.yaml").read_bytes() == before


def test_a_session_day_stored_as_excels_number_with_its_time_is_that_day(
        content: Path, tmp_path: Path) -> None:
    """A date-time cell formatted as General holds Excel's day number with the time as its
    fraction ('46346.3541666667' is 20/11/2026 8:30), in an .xlsx and in a CSV saved from one:
    it was no day, so a summary sheet's 'Ngày đối thoại' was skipped as an unknown column and
    its row of 15/12/2026 imported into the session of 20/11/2026, exit 0 (a reader's find), and
    in 'Ngày trả lời' it was 'not a date'. Its day is read, the time left aside."""
    workbook = openpyxl.Workbook()
    workbook.active.append(["STT", "Ngày đối thoại", "Người nêu", "Loại", "Lĩnh vực", "Nội dung",
                            "Cơ quan trả lời", "Ngày trả lời", "Trả lời"])
    for n, day in enumerate((46346.3541666667, 46346.75), 1):
        workbook.active.append([n, day, "Ông A.", "Câu hỏi", "Cư trú", f"Câu hỏi số {n}.",
                                "UBND phường Hòa Xuân", 46347.6, "Đã trả lời."])
    workbook.save(tmp_path / "gio.xlsx")
    folder = hoa_xuan_session(content)
    result = run_import(tmp_path / "gio.xlsx", folder)
    assert result.returncode == 0, result.stderr
    assert [(item["text"], item["answers"][0]["date"]) for item in items_of(folder)] == [
        ("Câu hỏi số 1.", dt.date(2026, 11, 21)), ("Câu hỏi số 2.", dt.date(2026, 11, 21))]
    before = (folder / "answers.yaml").read_bytes()
    sheet = write_text_sheet(tmp_path / "serial.csv", (
        "STT,Ngày đối thoại,Người nêu,Loại,Lĩnh vực,Nội dung\n"
        "1,46346.3541666667,Ông A.,Câu hỏi,Cư trú,Câu hỏi số 1.\n"
        "2,46346.3541666667,Ông B.,Câu hỏi,Cư trú,Câu hỏi số 2.\n"
        "3,46371.5833333333,Bà C.,Câu hỏi,Cư trú,Câu hỏi số 3.\n"))
    result = run_import(sheet, folder, "--force")
    assert result.returncode == 2, result.stderr
    assert ("serial.csv: column 'Ngày đối thoại' (B) holds dates, and row(s) 4 are of another day "
            "than this session's (20/11/2026)") in result.stderr
    assert (folder / "answers.yaml").read_bytes() == before


def test_a_time_beside_the_answers_date_or_the_due_date_is_left_aside(content: Path,
                                                                       tmp_path: Path) -> None:
    """A time beside the day in 'Ngày trả lời' or 'Hạn' ('8h00 ngày 21/11/2026', '31/12/2026
    17:00', '21/11/2026 8:30 SA', '2:30:00 CH', '8:30 AM', 'từ 8h00 đến 11h00') was 'not a date'
    on its row, though the same beside a session's day is left aside. They read their day as
    the column of sessions' days does: the day is written (FORMAT.md's dates are days), the
    time left aside; a time of no day ('25h00') is still an error on its cell, and a column
    written month first beside its times ('6/13/2027 17:00') is refused as one written alone."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Người hỏi", "Loại", "Lĩnh vực", "Nội dung", "Cơ quan trả lời",
                  "Ngày trả lời", "Trả lời", "Cam kết", "Hạn"])
    for n, (answered, due) in enumerate((
            ("8h00 ngày 21/11/2026", "31/12/2026 17:00"),
            ("21/11/2026 8:30", "17h00 ngày 31/12/2026"),
            ("21/11/2026 8:30 SA", "31/12/2026 2:30:00 CH"),
            ("8:30 AM, 21/11/2026", "31/12/2026 từ 8h00 đến 11h00"),
            (46347.3541666667, dt.datetime(2026, 12, 31, 17, 0)),  # a date-time cell, as General
            ("21/11/2026 8:30", "31/12/2026 25h00"),
            ("21/11/2026 8:30", "25h00")), 1):
        sheet.append([n, f"Ông {'ABCDEFG'[n - 1]}.", "Kiến nghị", "Đất đai", f"Hỏi {n}.",
                      "UBND phường Hòa Xuân", answered, "Đã trả lời.", "Rà soát hồ sơ.", due])
    folder, said = kept_valid(workbook, tmp_path / "gio.xlsx", content)
    no_time = ("holds the time '25h00', which is no time of the day (0h00 to 23h59): correct it, "
               "or write the day alone, such as 20/06/2024")
    assert said == [f"gio.xlsx:row 7: column 'Hạn': '31/12/2026 25h00' {no_time}",
                    f"gio.xlsx:row 8: column 'Hạn': '25h00' {no_time}"]
    assert [(item["text"], item["answers"][0]["date"], item["commitments"][0]["due"])
            for item in items_of(folder)] == [
        (f"Hỏi {n}.", dt.date(2026, 11, 21), dt.date(2026, 12, 31)) for n in range(1, 6)]
    before = (folder / "answers.yaml").read_bytes()
    header = "STT,Người hỏi,Loại,Lĩnh vực,Nội dung,Cơ quan trả lời,Trả lời,Cam kết,Hạn\n"
    result = run_import(write_text_sheet(tmp_path / "us.csv", header + (
        "1,Ông A.,Kiến nghị,Đất đai,Hỏi một.,UBND phường Hòa Xuân,Trả lời.,Rà soát,3/6/2027 17:00\n"
        "2,Ông B.,Kiến nghị,Đất đai,Hỏi hai.,UBND phường Hòa Xuân,Trả lời.,Sửa đường,6/13/2027 17:00\n"
    )), folder, "--force", "--keep-valid")
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(
        "us.csv:row 3: column 'Hạn': '6/13/2027 17:00' is a day only when read month first "
        "(13/06/2027), so the dates of this column seem to be written month/day/year"), result.stderr
    assert (folder / "answers.yaml").read_bytes() == before


def test_excels_day_number_with_a_decimal_comma_in_a_csv_is_that_day(content: Path,
                                                                     tmp_path: Path) -> None:
    """A Vietnamese-locale Excel saves a CSV with ';' between its cells and the comma as its
    decimal separator: a date-time cell formatted as General is '46346,354' there, not
    '46346.354'. It was 'not a date' in 'Ngày trả lời' and 'Hạn', and a summary sheet's 'Ngày
    đối thoại' of them refused the sheet as holding no day. It is the day '46346.354' is, as
    '46346' alone is; a list of two day numbers ('46347, 46348') is still no day, and a day
    number of another session refuses the sheet."""
    folder = hoa_xuan_session(content)
    lines = ["STT;Ngày đối thoại;Người nêu;Loại;Lĩnh vực;Nội dung;Cơ quan trả lời;Ngày trả lời;"
             "Trả lời;Cam kết;Hạn"] + [
        f"{n};{day};Ông {'ABC'[n - 1]}.;Câu hỏi;Cư trú;Câu hỏi số {n}.;UBND phường Hòa Xuân;"
        f"{answered};Đã trả lời.;Rà soát hồ sơ.;{due}"
        for n, (day, answered, due) in enumerate((("46346,354", "46347,6", "46387,7083333333"),
                                                  ("46346", "46347", "46387"),
                                                  ("46346,75", "46347, 46348", "46387")), 1)]
    result = run_import(write_text_sheet(tmp_path / "vn.csv", "\n".join(lines)), folder, "--keep-valid")
    assert result.returncode == 0, result.stderr
    assert rows_said(result) == [
        "vn.csv:row 4: column 'Ngày trả lời': '46347, 46348' is not a date; write it as "
        "day/month/year, such as 20/06/2024"]
    assert [(item["text"], item["answers"][0]["date"], item["commitments"][0]["due"])
            for item in items_of(folder)] == [
        (f"Câu hỏi số {n}.", dt.date(2026, 11, 21), dt.date(2026, 12, 31)) for n in (1, 2)]
    before = (folder / "answers.yaml").read_bytes()
    lines[3] = lines[3].replace(";46346,75;", ";46371,5833333333;")  # 15/12/2026 14:00
    result = run_import(write_text_sheet(tmp_path / "vn.csv", "\n".join(lines)), folder, "--force")
    assert result.returncode == 2, result.stderr
    assert ("vn.csv: column 'Ngày đối thoại' (B) holds dates, and row(s) 4 are of another day "
            "than this session's (20/11/2026)") in result.stderr
    assert (folder / "answers.yaml").read_bytes() == before


def test_a_column_named_for_sessions_days_that_holds_no_day_read_is_refused(
        content: Path, tmp_path: Path) -> None:
    """A summary sheet's 'Ngày đối thoại' whose cells are mostly a form of day the import does
    not read ('Sáng 20/11', no year) was skipped as an unknown column, and every row, those of
    15 December too, was imported into the session of 20/11/2026 with exit 0 and a warning (a
    reader's find). A column whose name says it holds the sessions' days refuses the sheet,
    naming it and its first cells that hold no day, and nothing is written, even with
    --keep-valid; a column only named for sessions ('Buổi' holding parts of the day, 'Thời gian
    đối thoại' holding hours) is still an unknown column."""
    folder = hoa_xuan_session(content)
    before = (folder / "answers.yaml").read_bytes()
    days = ["Sáng 20/11", "Sáng 20/11", "20/11/2026", "Chiều 15/12", "Chiều 15/12", "Sáng 16/12"]
    lines = ["STT,Ngày đối thoại,Người nêu,Loại,Lĩnh vực,Nội dung"] + [
        f"{n},{day},Ông A.,Câu hỏi,Cư trú,Câu hỏi số {n}." for n, day in enumerate(days, 1)]
    result = run_import(write_text_sheet(tmp_path / "nam.csv", "\n".join(lines)), folder,
                        "--keep-valid")
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines() == [
        "nam.csv: column 'Ngày đối thoại' (B) names the sessions' days, and 5 of its 6 filled "
        "row(s) hold no day that can be read, so which session each row is of cannot be told and "
        "nothing was written. Write each day as day/month/year (20/11/2026), alone or beside the "
        "part of the day, the weekday or the time (Sáng, Thứ Sáu, 8h00), and import again; if the "
        "column holds no sessions' days, rename it:",
        "nam.csv:row 2: column 'Ngày đối thoại': 'Sáng 20/11' is not a date; write it as "
        "day/month/year, such as 20/06/2024",
        "nam.csv:row 3: column 'Ngày đối thoại': 'Sáng 20/11' is not a date; write it as "
        "day/month/year, such as 20/06/2024",
        "nam.csv:row 5: column 'Ngày đối thoại': 'Chiều 15/12' is not a date; write it as "
        "day/month/year, such as 20/06/2024",
        "… and 2 more"]
    assert (folder / "answers.yaml").read_bytes() == before
    for name, cells in (("Buổi", ("Sáng", "Chiều")), ("Thời gian đối thoại", ("8h00 - 11h00", "14h00"))):
        other = [lines[0].replace("Ngày đối thoại", name)] + [
            line.replace(day, cells[n % 2])
            for n, (line, day) in enumerate(zip(lines[1:], days, strict=True))]
        result = run_import(write_text_sheet(tmp_path / "nam.csv", "\n".join(other)), folder, "--force")
        assert result.returncode == 0, result.stderr
        assert f"column '{name}' (B) is not a known column and is not imported" in result.stderr


def test_a_session_day_that_is_no_day_in_merged_cells_is_said_once(content: Path,
                                                                    tmp_path: Path) -> None:
    """A summary sheet's 'Ngày đối thoại' written once, merged beside two questions (B2:B3),
    as a slip ('31/11/2026'), the others dated each: said once, on the merge's first row,
    naming the merge, not on each of its rows; none of them is imported."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Ngày đối thoại", "Người nêu", "Loại", "Lĩnh vực", "Nội dung"])
    for n in (1, 2, 3, 4, 5):
        day = dt.datetime(2026, 11, 20) if n > 2 else "31/11/2026" if n == 1 else None
        sheet.append([n, day, "Ông A.", "Câu hỏi", "Cư trú", f"Câu hỏi số {n}."])
    sheet.merge_cells("B2:B3")
    folder, rows_said = kept_valid(workbook, tmp_path / "gop.xlsx", content)
    assert rows_said == [
        "gop.xlsx:row 2: column 'Ngày đối thoại': '31/11/2026' is not a day of the calendar; check "
        "the day and the month (this column says which session the row is of); said once for the "
        "merged cells B2:B3"]
    assert [item["text"] for item in items_of(folder)] == [
        "Câu hỏi số 3.", "Câu hỏi số 4.", "Câu hỏi số 5."]


def test_a_session_day_merged_beside_its_questions_still_keeps_other_sessions_out(
        content: Path, tmp_path: Path) -> None:
    """A summary sheet's 'Ngày đối thoại': this session's day merged beside its ten questions,
    then three rows of another session, each with its day and hour ('15/10/2026 8h00', the
    hour left aside). The merge dates each of its rows: the column is one of sessions' days, and
    the sheet is refused naming the three rows, nothing written (counting the merge as one cell,
    as a change of this day did, imported the other session's questions into this one, with
    exit 0)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Ngày đối thoại", "Người nêu", "Loại", "Lĩnh vực", "Nội dung"])
    for n in range(1, 14):
        day = dt.datetime(2026, 11, 20) if n == 1 else "15/10/2026 8h00" if n > 10 else None
        sheet.append([n, day, "Ông A.", "Câu hỏi", "Cư trú", f"Câu hỏi số {n}."])
    sheet.merge_cells("B2:B11")
    workbook.save(tmp_path / "tonghop.xlsx")
    folder = hoa_xuan_session(content)
    before = (folder / "answers.yaml").read_bytes()
    result = run_import(tmp_path / "tonghop.xlsx", folder)
    assert result.returncode == 2, result.stderr
    assert ("tonghop.xlsx: column 'Ngày đối thoại' (B) holds dates, and row(s) 12, 13, 14 are of "
            "another day than this session's (20/11/2026)") in result.stderr
    assert (folder / "answers.yaml").read_bytes() == before


def test_sessions_days_merged_over_several_rows_are_listed_once(content: Path,
                                                                tmp_path: Path) -> None:
    """A summary sheet's 'Ngày đối thoại' written once beside several questions, in cells merged
    over their rows: the column's error listed the merged cell once per row it covers ('row 2',
    'row 3', 'row 4', each "'Sáng 20/11' is not a date", then '… and 3 more' for one cell more),
    and named another session's day merged over three rows as 'row(s) 5, 6, 7'. Merged cells
    are listed once, with their range."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Ngày đối thoại", "Người nêu", "Loại", "Lĩnh vực", "Nội dung"])
    for n in range(1, 9):
        sheet.append([n, None, "Ông A.", "Câu hỏi", "Cư trú", f"Câu hỏi số {n}."])
    for cell, day in (("B2", "Sáng 20/11"), ("B7", "Chiều 20/11"), ("B8", "20/11/2026"),
                      ("B9", "20/11/2026")):
        sheet[cell] = day
    sheet.merge_cells("B2:B6")
    workbook.save(tmp_path / "gop.xlsx")
    folder = hoa_xuan_session(content)
    before = (folder / "answers.yaml").read_bytes()
    result = run_import(tmp_path / "gop.xlsx", folder)
    assert result.returncode == 2, result.stderr
    not_a_date = "is not a date; write it as day/month/year, such as 20/06/2024"
    assert result.stderr.strip().splitlines() == [
        "gop.xlsx: column 'Ngày đối thoại' (B) names the sessions' days, and 6 of its 8 filled "
        "row(s) hold no day that can be read, so which session each row is of cannot be told and "
        "nothing was written. Write each day as day/month/year (20/11/2026), alone or beside the "
        "part of the day, the weekday or the time (Sáng, Thứ Sáu, 8h00), and import again; if the "
        "column holds no sessions' days, rename it:",
        f"gop.xlsx:row 2: column 'Ngày đối thoại': 'Sáng 20/11' {not_a_date}; said once for the "
        "merged cells B2:B6",
        f"gop.xlsx:row 7: column 'Ngày đối thoại': 'Chiều 20/11' {not_a_date}"]
    sheet.unmerge_cells("B2:B6")
    for row, day in ((2, dt.datetime(2026, 11, 20)), (5, "15/12/2026"), (7, "20/11/2026"),
                     (8, "16/12/2026"), (9, "20/11/2026")):
        sheet.cell(row, 2).value = day
    for cells in ("B2:B4", "B5:B7"):
        sheet.merge_cells(cells)
    workbook.save(tmp_path / "gop.xlsx")
    result = run_import(tmp_path / "gop.xlsx", folder)
    assert result.returncode == 2, result.stderr
    assert ("gop.xlsx: column 'Ngày đối thoại' (B) holds dates, and row(s) 5-7 (merged cells "
            "B5:B7), 8 are of another day than this session's (20/11/2026)") in result.stderr
    assert (folder / "answers.yaml").read_bytes() == before


@pytest.mark.parametrize(("written", "day"), [("Quý III/2025", "30/09/2025"),
                                             ("Tháng 9/2025", "30/09/2025"),
                                             ("Trong năm 2026", "31/12/2026")])
def test_a_due_date_written_as_a_period_is_told_its_last_day(
        content: Path, tmp_path: Path, capsys, written: str, day: str) -> None:
    """As validation says of answers.yaml: 'Quý III/2025' in 'Hạn' was told only to write a
    day/month/year, not which day."""
    rows = [list(r) for r in sample_sheet.ROWS]
    rows[0][sample_sheet.HEADER.index("Hạn")] = written
    folder = new_session(content)
    assert main(["import", str(sample_sheet.write_csv(tmp_path / "d.csv", rows=rows)),
                 "--session", str(folder)]) == 1
    assert f"d.csv:row 3: column 'Hạn': '{written}' is a period: write its last day, {day}" \
        in capsys.readouterr().err


def test_every_problem_of_a_row_is_reported_in_one_run(content: Path, tmp_path: Path, capsys) -> None:
    """A press officer fixes the sheet in one go: seven mistakes on one row are seven messages of
    one run, not one message a run (personal data included, though the row cannot be read)."""
    rows = [list(r) for r in sample_sheet.ROWS]
    column = sample_sheet.HEADER.index
    rows[0][column("Loại")] = "Thắc mắc"
    rows[0][column("Lĩnh vực")] = "Xây dựngg"
    rows[0][column("Hạn")] = "sớm"
    rows[0][column("Ngày trả lời")] = "32/13/2024"
    # ... and personal data, which the row's other problems kept from being checked
    rows[0][column("Người hỏi")] = "Nguyễn Văn Hùng"
    rows[0][column("Nội dung ý kiến")] += " Gọi cho tôi: 0905 123 456."
    rows[0][column("Nội dung trả lời")] += " Hộ bà Trần Thị Mai đã được cấp phép."
    folder = new_session(content)
    assert main(["import", str(sample_sheet.write_csv(tmp_path / "d.csv", rows=rows)),
                 "--session", str(folder)]) == 1
    first = [line for line in capsys.readouterr().err.splitlines() if line.startswith("d.csv:row 3:")]
    assert [line.split(": ", 2)[1] for line in first] == [  # left to right, as in the sheet
        "column 'Người hỏi'", "column 'Loại'", "column 'Lĩnh vực'", "column 'Nội dung ý kiến'",
        "column 'Ngày trả lời'", "column 'Nội dung trả lời'", "column 'Hạn'"], first
    assert "names a person ('Nguyễn Văn Hùng')" in first[0]
    assert "'0905 123 456' looks like a phone number" in first[3]
    assert "'Trần Thị Mai' in this cell looks like the full name of a private person" in first[5]


def test_every_problem_of_a_rows_answer_and_commitment_is_reported_in_one_run(
        content: Path, tmp_path: Path, capsys) -> None:
    """An unknown agency hid the answer's other cells, and the commitment's agency its due date:
    the office fixed one, ran the import again, and only then heard of the next (a review's find)."""
    rows = [list(r) for r in sample_sheet.ROWS]
    column = sample_sheet.HEADER.index
    assert rows[0][column("Cam kết")]
    rows[0][column("Cơ quan trả lời")] = "Phòng Không Có"
    rows[0][column("Hình thức")] = "Bay"
    rows[0][column("Ngày trả lời")] = "32/13/2024"
    rows[0][column("Cơ quan thực hiện")] = "Phòng Không Có Nốt"
    rows[0][column("Hạn")] = "sớm"
    rows[0][column("Tình trạng")] = "Lửng lơ"
    folder = new_session(content)
    assert main(["import", str(sample_sheet.write_csv(tmp_path / "d.csv", rows=rows)),
                 "--session", str(folder)]) == 1
    first = [line for line in capsys.readouterr().err.splitlines() if line.startswith("d.csv:row 3:")]
    assert [line.split(": ", 2)[1] for line in first] == [
        "column 'Cơ quan trả lời'", "column 'Hình thức'", "column 'Ngày trả lời'",
        "column 'Cơ quan thực hiện'", "column 'Hạn'", "column 'Tình trạng'"], first


def test_problems_are_listed_by_row_then_column(content: Path, tmp_path: Path, capsys) -> None:
    """Personal data is found once every row is read: its rows are still listed in their place."""
    rows = sample_rows()
    column = sample_sheet.HEADER.index
    rows[0][column("Nội dung trả lời")] += " Liên hệ số 0905123456."  # row 3, column P
    rows[0][column("Người hỏi")] = "Nguyễn Văn Hùng"  # row 3, column B
    rows[4][column("Loại")] = "Thắc mắc"  # row 7, found as the row is read
    folder = new_session(content)
    assert main(["import", str(sample_sheet.write_csv(tmp_path / "p.csv", rows=rows)),
                 "--session", str(folder)]) == 1
    lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith("p.csv:row")]
    assert [line.split(": ", 2)[:2] for line in lines] == [
        ["p.csv:row 3", "column 'Người hỏi'"], ["p.csv:row 3", "column 'Nội dung trả lời'"],
        ["p.csv:row 7", "column 'Loại'"]], lines


def test_existing_answers_are_not_overwritten_without_force(content: Path, capsys) -> None:
    folder = content / "sessions" / "2024" / "2024-06-27-tiep-xuc-cu-tri-phuong-hoa-xuan"
    before = (folder / "answers.yaml").read_bytes()
    sheet = sample_sheet.HERE / f"{sample_sheet.NAME}.csv"
    assert main(["import", str(sheet), "--session", str(folder)]) == 2
    assert "already has items; add --force" in capsys.readouterr().err
    assert (folder / "answers.yaml").read_bytes() == before
    # a file that cannot be imported says so first: adding --force only led to the real problem
    (folder.parent / "trong.csv").write_text("", encoding="utf-8")
    assert main(["import", str(folder.parent / "trong.csv"), "--session", str(folder)]) == 2
    said = capsys.readouterr().err
    assert "no header row found" in said and "--force" not in said, said
    assert (folder / "answers.yaml").read_bytes() == before


def test_sheet_level_problems_are_clear(content: Path, tmp_path: Path, capsys) -> None:
    folder = new_session(content)
    latin = tmp_path / "latin.csv"
    latin.write_bytes(b"STT,Lo\xe0i,L\xe3nh v\xf4c,N\xf4i dung\n")  # a Windows code page, not UTF-8
    headless = sample_sheet.write_csv(tmp_path / "thieu-cot.csv",
                                      header=["STT", "Người hỏi", *sample_sheet.HEADER[2:5], "Nhóm",
                                              *sample_sheet.HEADER[6:]])
    odt = shutil.copy(sample_sheet.HERE / f"{sample_sheet.NAME}.csv", tmp_path / "bang.ods")
    # Hostile or damaged files (a security review): each stopped with a traceback, or took
    # gigabytes of memory, before.
    huge_cell = tmp_path / "o-qua-dai.csv"
    huge_cell.write_text("STT,Nội dung\n1,Ngắn.\n2," + "x" * 200_000 + "\n", encoding="utf-8")
    bomb = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", "<a>" + " " * (250 * 2**20) + "</a>")
    laughs = tmp_path / "loi.xlsx"
    with zipfile.ZipFile(sample_sheet.HERE / f"{sample_sheet.NAME}.xlsx") as source, \
            zipfile.ZipFile(laughs, "w") as archive:
        for entry in source.infolist():
            archive.writestr(entry, source.read(entry) if entry.filename != "xl/workbook.xml" else
                             '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aa">]><workbook>&a;&a;')
    expected = {
        huge_cell: "o-qua-dai.csv:line 3: cannot be read as a table (field larger than field limit",
        bomb: "bom.xlsx: the workbook unpacks to 250 MB, more than a session's sheet ever needs",
        laughs: "loi.xlsx: cannot be read as an Excel workbook",
        latin: "not UTF-8 (an older Vietnamese encoding, such as Windows-1258 or TCVN3, perhaps); "
               "save it as 'CSV UTF-8'",
        headless: "thieu-cot.csv:row 2 looks like the header, but it has no column for the topics "
                  "(Lĩnh vực / Nhóm lĩnh vực / Chủ đề)",
        odt: "only .xlsx, .csv and .txt (Excel's Unicode Text) spreadsheets are read",
    }
    for sheet, message in expected.items():
        assert main(["import", str(sheet), "--session", str(folder)]) == 2
        assert message in capsys.readouterr().err


def sample_rows() -> list[list[str]]:
    return [list(r) for r in sample_sheet.ROWS]


def test_import_refuses_what_validate_would_refuse(content: Path, tmp_path: Path, capsys) -> None:
    """Personal data in a sheet is reported on its row: the file it would write must validate."""
    rows = sample_rows()
    column = sample_sheet.HEADER.index
    rows[0][column("Người hỏi")] = "Nguyễn Văn Hùng"
    rows[1][column("Nội dung trả lời")] += " Liên hệ số 0905123456 để được hướng dẫn."
    rows[4][column("Nội dung ý kiến")] = "Ý kiến"  # its words make the id of a part of the page
    folder = new_session(content)
    before = (folder / "answers.yaml").read_bytes()
    assert main(["import", str(sample_sheet.write_csv(tmp_path / "p.csv", rows=rows)),
                 "--session", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "p.csv:row 3: column 'Người hỏi': names a person ('Nguyễn Văn Hùng')" in err
    assert "or write Có in the column 'Đồng ý nêu tên' if the person agreed in writing" in err
    assert ("p.csv:row 4: column 'Nội dung trả lời': '0905123456' looks like a phone number, "
            "which is personal data") in err
    assert (folder / "answers.yaml").read_bytes() == before
    assert main(["import", str(tmp_path / "p.csv"), "--session", str(folder), "--keep-valid"]) == 0
    assert "y-kien-y-kien" in [i["id"] for i in items_of(folder)]
    assert len(items_of(folder)) == 3 and errors_of(content) == []
    # the person agreed in writing to be named: the sheet says so in its own column
    consent = [[*row, "Có" if i == 0 else ""] for i, row in enumerate(rows)]
    consent[1][column("Nội dung trả lời")] = sample_sheet.ROWS[1][column("Nội dung trả lời")]
    sheet = sample_sheet.write_csv(tmp_path / "q.csv", header=[*sample_sheet.HEADER, "Đồng ý nêu tên"],
                                   rows=consent)
    assert main(["import", str(sheet), "--session", str(folder), "--force"]) == 0
    assert items_of(folder)[0]["asker"] == {"label": "Nguyễn Văn Hùng", "kind": "citizen",
                                            "place": "phuong-hoa-tho-dong", "named_with_consent": True}
    assert errors_of(content) == []


def test_a_hidden_character_in_a_cell_is_reported_on_its_row(content: Path, tmp_path: Path,
                                                             capsys) -> None:
    """A direction override (shows '654 321 5090' as a phone number) is refused on its row, as
    validate words it (a review found the row missing and pydantic's 'Value error, ')."""
    rows = sample_rows()
    rows[0][sample_sheet.HEADER.index("Nội dung ý kiến")] += " Số \u202e654 321 5090\u202c."
    folder = new_session(content)
    assert main(["import", str(sample_sheet.write_csv(tmp_path / "h.csv", rows=rows)),
                 "--session", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "h.csv:row 3: item '" in err and ("text: the text holds an invisible control character "
                                             "(U+202E, which changes the order") in err, err
    assert "Value error" not in err


def test_rows_that_cannot_belong_to_the_question_above_are_reported(content: Path, tmp_path: Path,
                                                                   capsys) -> None:
    rows = sample_rows()
    column = sample_sheet.HEADER.index
    rows[2][column("Người hỏi")] = "Bà B."  # a continuation row with its own asker
    rows[0][column("Chuyển đến")] = "Đội QLTTĐT"  # referred, but the mode says on the spot
    folder = new_session(content)
    assert main(["import", str(sample_sheet.write_csv(tmp_path / "c.csv", rows=rows)),
                 "--session", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "c.csv:row 5: column 'Nội dung ý kiến': is empty: write the question" in err
    assert ("c.csv:row 3: column 'Chuyển đến': names an agency, but the answer's Hình thức says "
            "Trực tiếp") in err


def test_an_agency_referring_a_question_to_itself_is_told_at_its_cell(content: Path, tmp_path: Path,
                                                                     capsys) -> None:
    """"UBND xã Hưng Tây · Chuyển đến UBND xã Hưng Tây" was published from answers.yaml; from a
    sheet it was said in the YAML's words ('answers.0.referred_to'), not the sheet's."""
    rows = sample_rows()
    column = sample_sheet.HEADER.index
    rows[0][column("Hình thức")] = "Chuyển"
    rows[0][column("Chuyển đến")] = rows[0][column("Cơ quan trả lời")]
    folder = new_session(content)
    assert main(["import", str(sample_sheet.write_csv(tmp_path / "r.csv", rows=rows)),
                 "--session", str(folder)]) == 1
    err = capsys.readouterr().err
    assert ("r.csv:row 3: column 'Chuyển đến': names the agency that answers ('Cơ quan trả lời'): an "
            "agency does not refer a question to itself; write the agency it was sent to, or, if it "
            "answered itself, empty 'Chuyển đến'") in err, err
    assert "answers.0" not in err


def test_a_column_that_a_cell_makes_necessary_but_the_sheet_lacks_is_named(content: Path,
                                                                          tmp_path: Path, capsys) -> None:
    """'Chuyển' needs 'Chuyển đến': a sheet without that column is told to add it (no empty cell
    is blamed), and the second answer to that question is no problem of its own."""
    gone = sample_sheet.HEADER.index("Chuyển đến")
    rows = [[cell for i, cell in enumerate(row) if i != gone] for row in sample_rows()]
    header = [name for i, name in enumerate(sample_sheet.HEADER) if i != gone]
    rows[1][header.index("Hình thức")] = "Chuyển"  # row 4, answered again on row 5
    folder = new_session(content)
    sheet = sample_sheet.write_csv(tmp_path / "c.csv", header=header, rows=rows)
    assert main(["import", str(sheet), "--session", str(folder)]) == 1
    advice = ("column 'Hình thức': the sheet has no 'Chuyển đến' column: add one (the agency referred "
              "to), or change 'Hình thức'")
    err = capsys.readouterr().err
    # the header's problem, said once with the rows it stops (it was said on each of them: a
    # review's find, 17 lines for one column)
    assert [line for line in err.splitlines() if line.startswith("c.csv:row")] == [
        f"c.csv:row 4: {advice} (said once for row(s) 4, 7)"], err
    # a referral without its text (which it may lack): not also told to write the answer, a
    # knock-on of the missing column (a helper's find)
    referred = write_text_sheet(tmp_path / "chuyen.csv", "STT,Người hỏi,Loại,Lĩnh vực,Nội dung,"
                                "Cơ quan trả lời,Hình thức,Trả lời\n1,Ông A.,Câu hỏi,Cư trú,Hỏi về "
                                "tạm trú,UBND phường Hòa Xuân,Chuyển,\n")
    assert main(["import", str(referred), "--session", str(folder)]) == 1
    err = capsys.readouterr().err
    assert [line for line in err.splitlines() if line.startswith("chuyen.csv:row")] == [
        f"chuyen.csv:row 2: {advice}"], err
    # the other cells that a row's values make necessary: the answer, the commitment, its agency
    folder = hoa_xuan_session(content)
    head = "STT,Người hỏi,Loại,Lĩnh vực,Nội dung,Cơ quan trả lời,Văn bản,"
    row = "1,Ông A.,Câu hỏi,Cư trú,Hỏi về tạm trú,"
    for columns, cells, message in [
        ("Cam kết", "UBND phường Hòa Xuân,,", "column 'Cơ quan trả lời': the sheet has no 'Nội dung "
         "trả lời' column: add one (the answer), or write the number of the written reply in 'Văn bản'"),
        ("Hạn", "UBND phường Hòa Xuân,Công văn số 1,31/12/2026", "column 'Hạn': the sheet has no "
         "'Cam kết' column: add one (the commitment), or leave 'Hạn' empty"),
        ("Cam kết", ",,Rà soát hồ sơ", "column 'Cam kết': the sheet has no 'Cơ quan thực hiện' column: "
         "add one (the agency responsible), or name the agency that answered in 'Cơ quan trả lời'"),
    ]:
        sheet = write_text_sheet(tmp_path / "d.csv", f"{head}{columns}\n{row}{cells}\n")
        assert main(["import", str(sheet), "--session", str(folder)]) == 1
        assert [line for line in capsys.readouterr().err.splitlines() if "row 2" in line] == [
            f"d.csv:row 2: {message}"]


def test_keep_valid_never_replaces_a_record_with_nothing(content: Path, tmp_path: Path, capsys) -> None:
    folder = content / "sessions" / "2024" / "2024-06-27-tiep-xuc-cu-tri-phuong-hoa-xuan"
    before = (folder / "answers.yaml").read_bytes()
    rows = sample_rows()
    for row in rows:
        if row[0]:
            row[sample_sheet.HEADER.index("Loại")] = "Hỏi đáp"
    sheet = sample_sheet.write_csv(tmp_path / "x.csv", rows=rows)
    assert main(["import", str(sheet), "--session", str(folder), "--keep-valid", "--force"]) == 1
    assert "no row could be imported; nothing was written" in capsys.readouterr().err
    assert (folder / "answers.yaml").read_bytes() == before


def test_a_broken_registry_is_reported_instead_of_every_row(content: Path, capsys) -> None:
    with (content / "registry" / "topics.yaml").open("a", encoding="utf-8") as topics:
        topics.write("  - oops: [\n")
    folder = content / "sessions" / "2024" / "2024-06-27-tiep-xuc-cu-tri-phuong-hoa-xuan"
    before = (folder / "answers.yaml").read_bytes()
    sheet = sample_sheet.HERE / f"{sample_sheet.NAME}.csv"
    assert main(["import", str(sheet), "--session", str(folder), "--force", "--keep-valid"]) == 2
    err = capsys.readouterr().err
    assert "the registries or redaction rules have problems; fix them first" in err
    assert "registry/topics.yaml:" in err and "column 'Lĩnh vực'" not in err
    assert (folder / "answers.yaml").read_bytes() == before


def test_sheets_as_offices_save_them(content: Path, tmp_path: Path, capsys) -> None:
    """A ';' CSV with a title row (Excel in some locales), a workbook whose first worksheet is
    a guide, and a file that is not a workbook at all."""
    plain = (sample_sheet.HERE / f"{sample_sheet.NAME}.csv").read_text(encoding="utf-8-sig")
    semicolons = tmp_path / "chấm-phẩy.csv"
    rows = list(csv.reader(plain.splitlines()))
    with semicolons.open("w", encoding="utf-8-sig", newline="") as out:
        out.write("THỐNG KÊ Ý KIẾN, KIẾN NGHỊ NGÀY 18/7/2024\n")
        csv.writer(out, delimiter=";").writerows(rows)
    folder = new_session(content)
    assert main(["import", str(semicolons), "--session", str(folder)]) == 0
    check_sample_items(items_of(folder))

    import openpyxl
    book = openpyxl.load_workbook(sample_sheet.HERE / f"{sample_sheet.NAME}.xlsx")
    guide = book.create_sheet("Hướng dẫn", 0)
    guide["A1"] = "Điền mỗi ý kiến trên một dòng của trang Tổng hợp."
    book.active = 0
    book.save(tmp_path / "two.xlsx")
    assert main(["import", str(tmp_path / "two.xlsx"), "--session", str(folder), "--force"]) == 0
    out = capsys.readouterr().out
    assert "read the worksheet" in out and "not read: 'Hướng dẫn'" in out
    check_sample_items(items_of(folder))

    # Excel's "Unicode Text" and some exports: UTF-16, which its byte-order mark says
    utf16 = tmp_path / "unicode.csv"
    utf16.write_text(plain, encoding="utf-16")
    assert main(["import", str(utf16), "--session", str(folder), "--force"]) == 0
    check_sample_items(items_of(folder))
    # as Excel names it: Unicode Text (.txt), tab-separated (it was refused for its name)
    unicode_text = tmp_path / "unicode.txt"
    with unicode_text.open("w", encoding="utf-16", newline="") as out:
        csv.writer(out, delimiter="\t").writerows(rows)
    assert main(["import", str(unicode_text), "--session", str(folder), "--force"]) == 0
    check_sample_items(items_of(folder))

    fake = tmp_path / "khong-phai.xlsx"
    fake.write_text("STT,Nội dung\n", encoding="utf-8")
    assert main(["import", str(fake), "--session", str(folder), "--force"]) == 2
    err = capsys.readouterr().err
    assert "cannot be read as an Excel workbook" in err and "Traceback" not in err


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_utf16_csv_without_its_byte_order_mark_is_read(content: Path, tmp_path: Path,
                                                         encoding: str) -> None:
    """Some exports write UTF-16 without a byte-order mark: it was refused as 'not UTF-8 (an
    older Vietnamese encoding, perhaps)', which sent the office looking for the wrong fix (a
    review's find)."""
    plain = (sample_sheet.HERE / f"{sample_sheet.NAME}.csv").read_text(encoding="utf-8-sig")
    sheet = tmp_path / "unicode-text.csv"
    with sheet.open("w", encoding=encoding, newline="") as out:
        csv.writer(out, delimiter="\t").writerows(csv.reader(plain.splitlines()))
    assert not sheet.read_bytes().startswith((b"\xff\xfe", b"\xfe\xff"))
    folder = new_session(content)
    assert main(["import", str(sheet), "--session", str(folder)]) == 0
    check_sample_items(items_of(folder))
    # with its mark but cut short (an odd number of bytes): said so, not "an older encoding"
    (tmp_path / "cut.csv").write_bytes(plain.encode("utf-16")[:-1])
    result = run_import(tmp_path / "cut.csv", folder, "--force")
    assert result.returncode == 2
    assert "looks like UTF-16 with its byte-order mark, and cannot be read as such" in result.stderr


def test_a_header_in_two_rows_and_excel_true_false_cells(content: Path, tmp_path: Path) -> None:
    """Group names above the columns ('Ý kiến', 'Trả lời'), merged across them; ticks as TRUE/FALSE."""
    import openpyxl

    book = openpyxl.load_workbook(sample_sheet.write_xlsx(tmp_path / "mot.xlsx", merge=False))
    sheet = book.active
    sheet.insert_rows(2)
    column = {name: i + 1 for i, name in enumerate(sample_sheet.HEADER)}
    sheet.cell(2, column["Người hỏi"], "Ý kiến, kiến nghị")
    sheet.merge_cells(start_row=2, start_column=column["Người hỏi"], end_row=2,
                      end_column=column["Đúng chủ đề?"])
    sheet.cell(2, column["Cơ quan trả lời"], "Trả lời")
    sheet.merge_cells(start_row=2, start_column=column["Cơ quan trả lời"], end_row=2,
                      end_column=column["Nội dung trả lời"])
    for row in range(4, sheet.max_row + 1):
        cell = sheet.cell(row, column["Đúng chủ đề?"])
        if cell.value in ("Có", "Không"):
            cell.value = cell.value == "Có"
    book.save(tmp_path / "hai-dong.xlsx")
    folder = new_session(content)
    assert main(["import", str(tmp_path / "hai-dong.xlsx"), "--session", str(folder)]) == 0
    check_sample_items(items_of(folder))
    # The same sheet saved by Excel as CSV: the ticks become the words TRUE and FALSE.
    def as_excel_writes(value: object) -> object:
        if isinstance(value, bool):
            return str(value).upper()
        if isinstance(value, dt.datetime):
            return f"{value:%d/%m/%Y}"
        return "" if value is None else value

    with (tmp_path / "excel.csv").open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows([[as_excel_writes(v) for v in row]
                                      for row in sheet.iter_rows(values_only=True)])
    assert main(["import", str(tmp_path / "excel.csv"), "--session", str(folder), "--force"]) == 0
    check_sample_items(items_of(folder))


# --- import: cell texts as typed --------------------------------------------------------


def test_a_header_in_two_rows_saved_as_csv(content: Path, tmp_path: Path) -> None:
    """Saved as CSV, a merged header cell keeps its name in its top cell only ('STT' over two
    rows, 'Trả lời' over three columns): the lower row was read as a question, and the sheet
    told to add a 'Cơ quan trả lời' column it had (a review's find)."""
    folder = hoa_xuan_session(content)
    sheet = write_text_sheet(tmp_path / "hai-dong.csv", (
        "BÁO CÁO Ý KIẾN CỬ TRI\n\n"
        "STT,Người hỏi,Loại,Lĩnh vực,\"Nội dung ý kiến, kiến nghị\",Trả lời,,,Hạn giải quyết\n"
        ",,,,,Cơ quan trả lời,Nội dung trả lời,Hình thức,\n"
        "1,Cử tri tổ 3,Kiến nghị,Cư trú,Đề nghị cấp lại thẻ.,Công an phường Hòa Xuân,Đã hướng dẫn.,"
        "Trực tiếp,\n"))
    assert main(["import", str(sheet), "--session", str(folder)]) == 0
    [item] = items_of(folder)
    assert item["text"].strip() == "Đề nghị cấp lại thẻ."
    assert [(a["by"], a["mode"], a["text"].strip()) for a in item["answers"]] == [
        ("cong-an-phuong-hoa-xuan-2025", "on_the_spot", "Đã hướng dẫn.")]


def test_a_title_total_or_official_column_is_no_part_of_the_questions(content: Path, tmp_path: Path,
                                                                       capsys) -> None:
    """Review finds: a title right above the header that says 'trả lời' made the question's
    'Nội dung' the answer's; 'Tổng kinh phí …' in an answer's row was dropped as a total; and
    'Họ tên' under 'Trả lời' (the official's) is no asker."""
    folder = hoa_xuan_session(content)
    sheet = write_text_sheet(tmp_path / "tieu-de.csv", (
        "TỔNG HỢP Ý KIẾN CỬ TRI VÀ KẾT QUẢ TRẢ LỜI TẠI BUỔI ĐỐI THOẠI\n"
        "STT,Loại,Lĩnh vực,Nội dung,Cơ quan trả lời,Nội dung trả lời\n"
        "1,Kiến nghị,Cư trú,Đề nghị cấp lại thẻ.,Công an phường Hòa Xuân,Đã hướng dẫn.\n"
        ",,,,,Tổng kinh phí dự kiến 2 tỷ đồng từ ngân sách.\n"))
    assert main(["import", str(sheet), "--session", str(folder)]) == 1
    said = capsys.readouterr()
    assert "read as a section heading or a total" not in said.out + said.err
    assert "tieu-de.csv:row 4: column 'Cơ quan trả lời': is empty" in said.err
    grouped = openpyxl.Workbook()
    rows = grouped.active
    rows.append(["STT", "Loại", "Lĩnh vực", "Nội dung ý kiến", "Trả lời"])
    rows.append([None, None, None, None, "Cơ quan", "Họ tên", "Nội dung"])
    rows.merge_cells("E1:G1")
    rows.append(["1", "Kiến nghị", "Cư trú", "Đề nghị cấp lại thẻ.", "Công an phường Hòa Xuân", "Ông Tâm",
                 "Đã hướng dẫn."])
    grouped.save(tmp_path / "ho-ten.xlsx")
    assert main(["import", str(tmp_path / "ho-ten.xlsx"), "--session", str(folder), "--force"]) == 0
    [item] = items_of(folder)
    assert "asker" not in item or item["asker"].get("label") != "Ông Tâm"


def test_line_breaks_in_a_cell_read_as_typed_on_the_page(content: Path, tmp_path: Path) -> None:
    """Alt+Enter in a cell: the page shows the lines as paragraphs and a list, not one run-on
    paragraph ("Cụ thể: - Hộ … - Chưa …")."""
    from dialogue_archive.core.markup import MarkdownRenderer

    rows = sample_rows()
    column = sample_sheet.HEADER.index
    rows[0][column("Nội dung ý kiến")] = ("Đề nghị cấp giấy chứng nhận cho các hộ tái định cư khu B.\n"
                                          "Cụ thể:\n- Hộ đã nộp đủ hồ sơ từ năm 2023\n"
                                          "- Chưa nhận được phản hồi")
    rows[0][column("Nội dung trả lời")] = ("Phường đã tiếp nhận.\r\n\r\nSẽ trả lời bằng văn bản.\r\n"
                                           "Trân trọng.")
    folder = new_session(content)
    assert main(["import", str(sample_sheet.write_csv(tmp_path / "alt-enter.csv", rows=rows)),
                 "--session", str(folder)]) == 0
    first = items_of(folder)[0]
    assert first["text"] == ("Đề nghị cấp giấy chứng nhận cho các hộ tái định cư khu B.\n\nCụ thể:\n\n"
                             "- Hộ đã nộp đủ hồ sơ từ năm 2023\n- Chưa nhận được phản hồi\n")
    page = MarkdownRenderer().render_body(first["text"], "sessions/x/index.md").html
    assert page.count("<p>") == 2 and page.count("<li>") == 2 and page.count("<ul>") == 1
    answer = MarkdownRenderer().render_body(first["answers"][0]["text"], "sessions/x/index.md").html
    assert answer.count("<p>") == 3
    assert errors_of(content) == []


def rewritten(workbook: openpyxl.Workbook, path: Path, rewrite: Callable[[bytes], bytes]) -> None:
    """`workbook` saved at `path` with the XML of each of its parts passed through `rewrite`:
    as another program writes what openpyxl writes its own way."""
    plain = path.with_name(f"plain-{path.name}")
    workbook.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as made:
        for entry in source.infolist():
            made.writestr(entry, rewrite(source.read(entry.filename)))


def excel_wrote(workbook: openpyxl.Workbook, path: Path, escapes: dict[bytes, bytes]) -> None:
    """`workbook` saved at `path` as Excel writes what openpyxl does not: each key of `escapes`
    in its XML replaced by Excel's own escape."""
    def escaped(data: bytes) -> bytes:
        for mark, escape in escapes.items():
            data = data.replace(mark, escape)
        return data

    rewritten(workbook, path, escaped)


INLINE_TEXT = re.compile(rb'<is><t(?: xml:space="preserve")?>(.*?)</t></is>')
"""An inline text cell's text as openpyxl writes it (t="inlineStr")."""


def test_inline_texts_written_as_values_are_read(content: Path, tmp_path: Path) -> None:
    """Some programs (not Excel) write a text cell as an inline text (t="inlineStr") with its
    text as a value, <v>, not in <is>: openpyxl reads such a cell as empty, and the questions
    and answers disappeared (written so throughout, the whole table: 'no header row found').
    Each cell reads as the text it holds, entities and Excel's escapes decoded."""
    workbook = openpyxl.Workbook()
    workbook.active.append(["STT", "Người hỏi", "Loại", "Lĩnh vực", "Nội dung", "Cơ quan trả lời",
                            "Nội dung trả lời"])
    workbook.active.append(["1", "Ông A.", "Kiến nghị", "Đất đai", "Hỏi về sổ đỏ & nhà ở.CR-LFDòng hai.",
                            "UBND phường Hòa Xuân", "Phường đã trả lời <tại chỗ>."])
    rewritten(workbook, tmp_path / "v.xlsx",
              lambda data: INLINE_TEXT.sub(rb"<v>\1</v>", data).replace(b"CR-LF", b"_x000D_\n"))
    assert b"<is>" not in zipfile.ZipFile(tmp_path / "v.xlsx").read("xl/worksheets/sheet1.xml")
    folder = hoa_xuan_session(content)
    result = run_import(tmp_path / "v.xlsx", folder)
    assert result.returncode == 0, result.stderr
    [item] = items_of(folder)
    assert item["text"] == "Hỏi về sổ đỏ & nhà ở.\n\nDòng hai.\n"
    assert item["asker"]["label"] == "Ông A." and item["topics"] == ["dat-dai"]
    assert item["answers"] == [{"by": "ubnd-phuong-hoa-xuan-2025", "mode": "on_the_spot",
                                "text": "Phường đã trả lời <tại chỗ>."}]


def test_a_carriage_return_excel_saved_as_an_escape_is_a_line_break(content: Path,
                                                                     tmp_path: Path) -> None:
    """Text pasted into a cell from a web form keeps its carriage returns, which Excel saves as
    '_x000D_' (and a typed '_x000D_' as '_x005F_x000D_'); openpyxl leaves them so, and the page
    showed 'Trả lời dòng một.<em>x000D</em>' (a review's find): read as Excel shows the cell."""
    workbook = openpyxl.Workbook()
    workbook.active.append(["STT", "Người hỏi", "Loại", "Lĩnh vực", "Nội dung", "Cơ quan trả lời",
                            "Nội dung trả lời"])
    workbook.active.append(["1", "Ông A.", "Kiến nghị", "Đất đai", "Hỏi về sổ đỏ.CR-LFDòng hai.",
                            "UBND phường Hòa Xuân", "Trả lời dòng một.CR-LFTrả lời mã LITERAL."])
    excel_wrote(workbook, tmp_path / "excel.xlsx", {b"CR-LF": b"_x000D_\n", b"LITERAL": b"_x005F_x000D_"})
    folder = hoa_xuan_session(content)
    result = run_import(tmp_path / "excel.xlsx", folder)
    assert result.returncode == 0, result.stderr
    [item] = items_of(folder)
    assert item["text"] == "Hỏi về sổ đỏ.\n\nDòng hai.\n"
    assert item["answers"][0]["text"] == "Trả lời dòng một.\n\nTrả lời mã _x000D_.\n"
    assert item["id"] == "hoi-ve-so-do-dong-hai"


def test_a_character_excel_escaped_that_cannot_be_stored_is_said_on_its_cell(
        content: Path, tmp_path: Path) -> None:
    """'_xD800_' in a workbook, Excel's escape for half of a character, stopped the import with
    a YAML error on no cell (a fuzzing review's find): the cell is named, and nothing is written.
    Two halves escaped one after the other are the one character they make."""
    workbook = openpyxl.Workbook()
    workbook.active.append(["STT", "Người hỏi", "Loại", "Lĩnh vực", "Nội dung", "Cơ quan trả lời",
                            "Nội dung trả lời"])
    workbook.active.append(["1", "Ông A.", "Kiến nghị", "Đất đai", "Hỏi về sổ đỏ HALF.",
                            "UBND phường Hòa Xuân", "Trả lời."])
    workbook.active.append(["2", "Bà B.", "Câu hỏi", "Xây dựng", "Hỏi về giấy phép.",
                            "UBND phường Hòa Xuân", "Đã cấp PAIR"])
    excel_wrote(workbook, tmp_path / "excel.xlsx", {b"HALF": b"_xD800_", b"PAIR": b"_xD83D__xDE00_"})
    folder = hoa_xuan_session(content)
    result = run_import(tmp_path / "excel.xlsx", folder)
    assert result.returncode == 1, result.stdout
    assert rows_said(result) == [
        "excel.xlsx:row 2: column 'Nội dung': holds a character that cannot be stored (Excel's "
        "escape _xD800_ in the file: half of a character, which stands for none): type the "
        "cell's text again"]
    assert "YAML" not in result.stderr and items_of(folder) == []
    result = run_import(tmp_path / "excel.xlsx", folder, "--keep-valid")
    assert result.returncode == 0, result.stderr
    [item] = items_of(folder)
    assert item["answers"][0]["text"] == "Đã cấp \U0001f600"


@pytest.mark.parametrize("worksheets", [1, 2])
@pytest.mark.parametrize(("written", "stored", "column"), [
    ((b"<v>1234567</v>", b"<v>NaN</v>"), "a number, and that is no number", "G"),
    ((b't="b"><v>1</v>', b't="b"><v>true</v>'), "TRUE or FALSE (as 1 or 0), and that is neither", "H"),
    ((b't="n"><v>45463</v>', b't="d"><v>20/06/2024</v>'),
     "a date written year-month-day (2024-06-20), and that is not one", "I"),
    ((b'<c r="A2" t="inlineStr"><is><t>1</t></is>', b'<c r="A2" t="s"><v>7</v>'),
     "the number of a text in the workbook's list of texts, and that is none of the 0 text(s) it "
     "lists", "A"),
])
def test_a_cell_that_holds_no_value_of_its_type_is_said_on_its_cell(
        content: Path, tmp_path: Path, worksheets: int, written: tuple[bytes, bytes], stored: str,
        column: str) -> None:
    """A number cell stored as '<v>NaN</v>', a TRUE/FALSE one as '<v>true</v>', a date one as
    '<v>20/06/2024</v>' (not year-month-day), a text one as the number of a text the workbook
    does not list (programs wrote the files) stopped the import with openpyxl's words, 'Unable
    to read workbook: could not read worksheets … invalid XML', or the last one with a traceback
    (a fuzzing review's find, then reviews' for the others): the cell is named, with what to do;
    nothing is written."""
    workbook = openpyxl.Workbook()
    workbook.active.title = "Phiên 20-11"
    workbook.active.append(["STT", "Người hỏi", "Loại", "Lĩnh vực", "Nội dung", "Cơ quan trả lời",
                            "Nội dung trả lời", "Đúng chủ đề?", "Ngày trả lời"])
    workbook.active.append(["1", "Ông A.", "Kiến nghị", "Đất đai", "Hỏi về sổ đỏ.",
                            "UBND phường Hòa Xuân", 1234567, True, dt.date(2024, 6, 20)])
    if worksheets == 2:
        workbook.create_sheet("Hướng dẫn").append(["Điền mỗi ý kiến một dòng."])
    workbook.save(tmp_path / "plain.xlsx")
    with zipfile.ZipFile(tmp_path / "plain.xlsx") as plain, \
            zipfile.ZipFile(tmp_path / "nan.xlsx", "w") as made:
        for entry in plain.infolist():
            made.writestr(entry, plain.read(entry.filename).replace(*written))
    folder = hoa_xuan_session(content)
    result = run_import(tmp_path / "nan.xlsx", folder)
    assert result.returncode == 2
    where = "nan.xlsx[Phiên 20-11]" if worksheets == 2 else "nan.xlsx"
    value = written[1].split(b"<v>")[1].removesuffix(b"</v>").decode()
    assert result.stderr.strip() == (
        f"{where}:row 2: column {column}: holds '{value}' where the file stores {stored} (a "
        "program wrote it, not Excel): type the cell's value again in Excel or LibreOffice (or "
        "empty the cell), save the workbook, and import it again")
    assert items_of(folder) == []


def test_a_cell_stored_as_an_error_or_of_an_unknown_type_is_said_on_its_cell(
        content: Path, tmp_path: Path) -> None:
    """A cell the file stores as a formula's error (t="e") with another value than Excel's
    codes ('#ERROR!', as a program wrote it), and one of a type no spreadsheet has (t="x"), were
    read as texts and published: the answer '#ERROR!', the question of the unknown type. Each
    is an error on its cell, as Excel's error values are ('#N/A' stored as an error is said as
    ever); --keep-valid writes the other rows."""
    workbook = openpyxl.Workbook()
    workbook.active.append(["STT", "Người hỏi", "Loại", "Lĩnh vực", "Nội dung", "Cơ quan trả lời",
                            "Nội dung trả lời"])
    for n, answer in enumerate(("ERROR-CELL", "Trả lời hai.", "NA-CELL", "Trả lời bốn."), 1):
        workbook.active.append([str(n), f"Ông {'ABCD'[n - 1]}.", "Kiến nghị", "Đất đai",
                                "UNKNOWN-TYPE" if n == 2 else f"Hỏi {n}.", "UBND phường Hòa Xuân",
                                answer])
    rewritten(workbook, tmp_path / "loai.xlsx", lambda data: data.replace(
        b't="inlineStr"><is><t>ERROR-CELL</t></is>', b't="e"><v>#ERROR!</v>').replace(
        b't="inlineStr"><is><t>NA-CELL</t></is>', b't="e"><v>#N/A</v>').replace(
        b't="inlineStr"><is><t>UNKNOWN-TYPE</t></is>', 't="x"><v>Hỏi về giấy phép.</v>'.encode()))
    folder = hoa_xuan_session(content)
    result = run_import(tmp_path / "loai.xlsx", folder, "--keep-valid")
    assert result.returncode == 0, result.stderr
    assert rows_said(result) == [
        "loai.xlsx:row 2: column 'Nội dung trả lời': holds '#ERROR!', which the file stores as a "
        "formula's error value, though it is none of Excel's (#N/A, #REF!, …: a program wrote it, "
        "not Excel): put the text there, or fix the formula",
        "loai.xlsx:row 3: column 'Nội dung': holds 'Hỏi về giấy phép.' in a type of cell that "
        "spreadsheets do not have (t=\"x\" in the file: a program wrote it, not Excel), so what it "
        "holds is not known: type the cell's value again in Excel or LibreOffice, save the "
        "workbook, and import it again",
        "loai.xlsx:row 4: column 'Nội dung trả lời': holds Excel's error value #N/A (a formula "
        "that failed, or that points at a deleted cell): put the text there, or fix the formula"]
    assert [item["text"] for item in items_of(folder)] == ["Hỏi 4."]


def test_a_session_day_of_an_unknown_type_or_an_error_is_said_and_other_columns_stay_quiet(
        content: Path, tmp_path: Path) -> None:
    """A summary sheet's 'Ngày đối thoại' holding '20/11/2026' in a cell of a type no
    spreadsheet has (t="x", as a program wrote it) was read as that day, and its row imported,
    where the same cell in an imported column is an error: it is one there too, as is a '#N/A'
    (which was 'not a date'). A column the import does not read ('Ghi chú') holding such cells
    stays quiet: nothing of it is published, and its info line names it already."""
    workbook = openpyxl.Workbook()
    workbook.active.append(["STT", "Ngày đối thoại", "Người nêu", "Loại", "Lĩnh vực", "Nội dung",
                            "Ghi chú"])
    for n, (day, note) in enumerate((("20/11/2026", "UNKNOWN-NOTE"), ("UNKNOWN-DAY", "REF-NOTE"),
                                     ("NA-DAY", None), ("20/11/2026", None)), 1):
        workbook.active.append([n, day, "Ông A.", "Câu hỏi", "Cư trú", f"Câu hỏi số {n}.", note])
    cells = {"UNKNOWN-DAY": 't="x"><v>20/11/2026</v>', "NA-DAY": 't="e"><v>#N/A</v>',
             "UNKNOWN-NOTE": 't="x"><v>Đã gọi lại</v>', "REF-NOTE": 't="e"><v>#REF!</v>'}

    def rewrite(data: bytes) -> bytes:
        for written, stored in cells.items():
            data = data.replace(f't="inlineStr"><is><t>{written}</t></is>'.encode(), stored.encode())
        return data

    rewritten(workbook, tmp_path / "loai.xlsx", rewrite)
    folder = hoa_xuan_session(content)
    result = run_import(tmp_path / "loai.xlsx", folder, "--keep-valid")
    assert result.returncode == 0, result.stderr
    assert rows_said(result) == [
        "loai.xlsx:row 3: column 'Ngày đối thoại': holds '20/11/2026' in a type of cell that "
        "spreadsheets do not have (t=\"x\" in the file: a program wrote it, not Excel), so what it "
        "holds is not known: type the cell's value again in Excel or LibreOffice, save the "
        "workbook, and import it again (this column says which session the row is of)",
        "loai.xlsx:row 4: column 'Ngày đối thoại': holds Excel's error value #N/A (a formula that "
        "failed, or that points at a deleted cell): put the text there, or fix the formula (this "
        "column says which session the row is of)"]
    assert "Ghi chú" not in result.stderr
    assert "info: loai.xlsx: column(s) not imported: Ghi chú" in result.stdout
    assert [item["text"] for item in items_of(folder)] == ["Câu hỏi số 1.", "Câu hỏi số 4."]


def test_a_mark_for_none_in_a_cell_is_no_value(content: Path, tmp_path: Path) -> None:
    """'Không', '-', 'Không có' typed for 'none' were published as a commitment 'Không' (an open
    promise on the site), an answer in writing with the document 'Không', an official '-'
    (a review's find): in an optional column such a cell is empty, said once per column; in a
    required one, an error on its cell."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Người hỏi", "Loại", "Lĩnh vực", "Nội dung", "Cơ quan trả lời",
                  "Người trả lời", "Số văn bản", "Nội dung trả lời", "Cam kết", "Tình trạng"])
    sheet.append(["1", "Ông A.", "Kiến nghị", "Đất đai", "Hỏi về sổ đỏ.", "UBND phường Hòa Xuân",
                  "-", "Không", "Trả lời tại hội nghị.", "Không", None])
    sheet.append(["2", "Bà B.", "Câu hỏi", "Xây dựng", "Hỏi về giấy phép.", "UBND phường Hòa Xuân",
                  "Chủ tịch", "–", "Trả lời hai.", "không có", "-"])
    workbook.save(tmp_path / "khong.xlsx")
    folder = hoa_xuan_session(content)
    result = run_import(tmp_path / "khong.xlsx", folder)
    assert result.returncode == 0, result.stderr
    items = items_of(folder)
    assert [item.get("commitments") for item in items] == [None, None]
    assert [item["answers"] for item in items] == [
        [{"by": "ubnd-phuong-hoa-xuan-2025", "mode": "on_the_spot", "text": "Trả lời tại hội nghị."}],
        [{"by": "ubnd-phuong-hoa-xuan-2025", "official": "Chủ tịch", "mode": "on_the_spot",
          "text": "Trả lời hai."}]]
    assert ("info: khong.xlsx: column 'Cam kết': 'Không' on row(s) 2; 'không có' on row(s) 3: "
            "read as empty (a mark for 'none')") in result.stdout
    assert "column 'Số văn bản': 'Không' on row(s) 2; '–' on row(s) 3: read as empty" in result.stdout

    sheet.append(["3", "Ông C.", "Không", "x", "-", "UBND phường Hòa Xuân", None, None, "Trả lời."])
    workbook.save(tmp_path / "khong.xlsx")
    result = run_import(tmp_path / "khong.xlsx", folder, "--force")
    assert result.returncode == 1
    for column, mark, what in (("Loại", "Không", "the type"), ("Lĩnh vực", "x", "the topics"),
                               ("Nội dung", "-", "the question")):
        assert (f"khong.xlsx:row 4: column '{column}': holds only '{mark}', a mark for 'none', "
                f"but every item needs {what}: write it") in result.stderr
    assert result.stderr.count("khong.xlsx:row 4:") == 3


def refused_mode(content: Path, tmp_path: Path, mode: str) -> str:
    """The import's messages for a row whose answer's mode is `mode`, which it refuses: nothing
    is written."""
    folder = hoa_xuan_session(content)
    sheet = write_text_sheet(tmp_path / "mode.csv", (
        "STT,Người hỏi,Loại,Lĩnh vực,Nội dung,Cơ quan trả lời,Hình thức,Nội dung trả lời\n"
        f"1,Ông A.,Kiến nghị,Đất đai,Đề nghị làm đường.,UBND phường Hòa Xuân,\"{mode}\",Đã trả lời.\n"))
    result = run_import(sheet, folder)
    assert result.returncode == 1
    assert items_of(folder) == []
    return result.stderr


@pytest.mark.parametrize("mode", ["Ghi nhận", "Tiếp thu", "tiếp thu, ghi nhận", "Đã ghi nhận",
                                  "Đã tiếp thu", "Tiếp thu ý kiến cử tri", "Tiếp thu và ghi nhận"])
def test_an_opinion_noted_as_the_answers_mode_is_not_published_as_answered(
        content: Path, tmp_path: Path, mode: str) -> None:
    """'Ghi nhận' and 'Tiếp thu' (the opinion noted, taken on board) as the answer's mode were
    published as answered at the session (a review's find): which it was, only the office knows,
    and the cell says so; nothing is written. Other spellings of the same words ('Đã ghi nhận',
    'Tiếp thu ý kiến cử tri') got only the list of modes (a diff reader's find): the same."""
    assert (f"mode.csv:row 2: column 'Hình thức': '{mode}' says that the opinion was noted, not "
            "how it was answered, and the site would show it answered at the session: write Trực "
            "tiếp if it was so answered, Bằng văn bản if a written answer follows (its number in "
            "'Văn bản'), or, if it is not answered yet, empty the answer's cells (the site shows it "
            "so; a promise made goes in 'Cam kết')") in refused_mode(content, tmp_path, mode)


@pytest.mark.parametrize("mode", ["Trả lời trực tiếp, ghi nhận", "Bằng văn bản giải trình",
                                  "Chuyển, tiếp thu"])
def test_a_mode_written_beside_noted_or_explained_is_no_known_mode(
        content: Path, tmp_path: Path, mode: str) -> None:
    """A mode's own words beside 'ghi nhận' or 'giải trình' say two things: neither the advice
    for 'noted' nor the mode the row's cells imply is sure (a row 'Bằng văn bản giải trình'
    with no document would have been published as answered at the session), so the cell is
    refused as no known mode (a mutation sampler's find: no test said so)."""
    assert (f"mode.csv:row 2: column 'Hình thức': '{mode}' is not one of: Trực tiếp, "
            "Bằng văn bản, Chuyển") in refused_mode(content, tmp_path, mode)


def test_an_opinion_explained_as_the_answers_mode_takes_the_mode_its_cells_imply(
        content: Path, tmp_path: Path) -> None:
    """'Tiếp thu, giải trình' (the opinion explained) as the answer's mode was read as Trực
    tiếp, and an answer given in a written report ('Báo cáo tiếp thu, giải trình …' in 'Văn
    bản') was published as answered at the session (a review's find): the words say that it was
    answered, not how, so the mode is the one the row's other cells imply, as for an empty
    cell: Bằng văn bản with a document, Chuyển with an agency referred to, else Trực tiếp."""
    folder = hoa_xuan_session(content)
    sheet = write_text_sheet(tmp_path / "giai-trinh.csv", (
        "STT,Người hỏi,Loại,Lĩnh vực,Nội dung,Cơ quan trả lời,Hình thức,Văn bản,Chuyển đến,"
        "Nội dung trả lời\n"
        "1,Ông A.,Kiến nghị,Đất đai,Đề nghị làm đường.,UBND phường Hòa Xuân,\"Tiếp thu, giải "
        "trình\",Báo cáo số 45/BC-UBND,,Đã giải trình.\n"
        "2,Bà B.,Kiến nghị,Đất đai,Đề nghị lát vỉa hè.,UBND phường Hòa Xuân,\"Tiếp thu, giải "
        "trình\",,,Phường đã giải trình.\n"
        "3,Ông C.,Kiến nghị,Đất đai,Hỏi về sổ đỏ.,UBND phường Hòa Xuân,Giải trình,,"
        "Công an phường Hòa Xuân,\n"
        # another spelling (a diff reader's find: 'is not one of …')
        "4,Bà D.,Kiến nghị,Đất đai,Hỏi về cống.,UBND phường Hòa Xuân,\"Ghi nhận, giải trình\","
        "Báo cáo số 46/BC-UBND,,Đã giải trình.\n"))
    result = run_import(sheet, folder)
    assert result.returncode == 0, result.stderr
    assert [[answer["mode"] for answer in item["answers"]] for item in items_of(folder)] == [
        ["in_writing"], ["on_the_spot"], ["referred"], ["in_writing"]]


def test_an_answer_dated_after_the_session_is_no_answer_on_the_spot(content: Path,
                                                                    tmp_path: Path) -> None:
    """A voter meeting's 'Tiếp thu, giải trình' answered on 22/11 for a session of 20/11 was
    written `mode: on_the_spot, date: 2026-11-22`: an answer given on the spot is given at the
    session. A mode that does not say how (explained, or empty) with a later date is in
    writing; one that says on the spot with a later date is an error on its row, saying which
    to fix."""
    assert main(["new", "--content-dir", str(content), "--date", "2026-11-20", "--kind",
                 "voter_meeting", "--title", "Tiếp xúc cử tri phường Hòa Xuân", "--organizer",
                 "UBND phường Hòa Xuân", "--place", "Hòa Xuân"]) == 0
    folder = content / "sessions" / "2026" / "2026-11-20-tiep-xuc-cu-tri-phuong-hoa-xuan"
    sheet = write_text_sheet(tmp_path / "cu-tri.csv", (
        "STT,Loại,Lĩnh vực,Nội dung,Cơ quan trả lời,Hình thức,Ngày trả lời,Nội dung trả lời\n"
        "1,Kiến nghị,Đất đai,Đề nghị làm đường.,UBND phường Hòa Xuân,\"Tiếp thu, giải trình\","
        "22/11/2026,Phường đã giải trình.\n"
        "2,Kiến nghị,Đất đai,Đề nghị lát vỉa hè.,UBND phường Hòa Xuân,,22/11/2026,Sẽ lát.\n"
        "3,Kiến nghị,Đất đai,Hỏi về sổ đỏ.,UBND phường Hòa Xuân,\"Tiếp thu, giải trình\",,"
        "Đã giải trình tại hội nghị.\n"
        "4,Kiến nghị,Đất đai,Hỏi về cống.,UBND phường Hòa Xuân,Trả lời trực tiếp,22/11/2026,Sẽ nạo vét.\n"
        "5,Kiến nghị,Đất đai,Hỏi về đèn.,UBND phường Hòa Xuân,Tại hội nghị,20/11/2026,Sẽ lắp.\n"))
    result = run_import(sheet, folder)
    assert result.returncode == 1
    assert rows_said(result) == [
        "cu-tri.csv:row 5: column 'Hình thức': 'Trả lời trực tiếp' says the answer was given at the "
        "session (20/11/2026), but 'Ngày trả lời' says 22/11/2026: if it was answered after the "
        "session, write Bằng văn bản (or empty 'Hình thức'); if at the session, empty 'Ngày trả lời'"]
    assert run_import(sheet, folder, "--keep-valid").returncode == 0
    assert [item["answers"] for item in items_of(folder)][:2] == [
        [{"by": "ubnd-phuong-hoa-xuan-2025", "mode": "in_writing", "date": dt.date(2026, 11, 22),
          "text": "Phường đã giải trình."}],
        [{"by": "ubnd-phuong-hoa-xuan-2025", "mode": "in_writing", "date": dt.date(2026, 11, 22),
          "text": "Sẽ lát."}]]
    assert [item["answers"][0]["mode"] for item in items_of(folder)[2:]] == ["on_the_spot"] * 2


def test_a_dash_for_the_answers_text_is_no_answer(content: Path, tmp_path: Path) -> None:
    """A dash in the answer's text was published as the answer '-' (a fuzzing review's find):
    with no agency the question is unanswered, said in an info line; with an agency alone, an
    error on the cell; with a written reply's number, the answer has no text. 'Không' stays an
    answer (to a yes-or-no question)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Người hỏi", "Loại", "Lĩnh vực", "Nội dung", "Cơ quan trả lời",
                  "Số văn bản", "Nội dung trả lời"])
    sheet.append(["1", "Ông A.", "Kiến nghị", "Đất đai", "Hỏi về sổ đỏ.", None, None, "-"])
    sheet.append(["2", "Bà B.", "Câu hỏi", "Xây dựng", "Có phải xin phép sửa mái nhà không?",
                  "UBND phường Hòa Xuân", None, "Không"])
    sheet.append(["3", "Ông C.", "Kiến nghị", "Đất đai", "Hỏi về đo đạc.", "UBND phường Hòa Xuân",
                  "Công văn số 12/UBND", "—"])
    workbook.save(tmp_path / "gach.xlsx")
    folder = hoa_xuan_session(content)
    result = run_import(tmp_path / "gach.xlsx", folder)
    assert result.returncode == 0, result.stderr
    assert [item["answers"] for item in items_of(folder)] == [
        [],
        [{"by": "ubnd-phuong-hoa-xuan-2025", "mode": "on_the_spot", "text": "Không"}],
        [{"by": "ubnd-phuong-hoa-xuan-2025", "mode": "in_writing", "document": "Công văn số 12/UBND"}]]
    assert ("info: gach.xlsx: column 'Nội dung trả lời': '-' on row(s) 2; '—' on row(s) 4: read "
            "as empty (a mark for 'none')") in result.stdout

    sheet.append(["4", "Bà D.", "Kiến nghị", "Môi trường", "Hỏi về rác.", "UBND phường Hòa Xuân",
                  None, "–"])
    workbook.save(tmp_path / "gach.xlsx")
    before = (folder / "answers.yaml").read_text(encoding="utf-8")
    result = run_import(tmp_path / "gach.xlsx", folder, "--force")
    assert result.returncode == 1
    assert ("gach.xlsx:row 5: column 'Nội dung trả lời': holds only '–', which is no answer: write "
            "the answer's text, or, if the question is not answered yet, empty 'Cơ quan trả lời' "
            "too") in result.stderr
    assert (folder / "answers.yaml").read_text(encoding="utf-8") == before


def test_a_dash_in_one_of_two_answer_columns_is_no_line_of_the_answer(content: Path,
                                                                      tmp_path: Path) -> None:
    """Two columns of the answer's text are joined; a dash in one of them was published as the
    answer's first paragraph, '-' (a diff reader's find)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Người hỏi", "Loại", "Lĩnh vực", "Nội dung", "Cơ quan trả lời",
                  "Nội dung trả lời", "Nội dung trả lời"])
    sheet.append(["1", "Ông A.", "Kiến nghị", "Đất đai", "Hỏi về sổ đỏ.", "UBND phường Hòa Xuân",
                  "-", "Đã trả lời tại buổi đối thoại."])
    sheet.append(["2", "Bà B.", "Kiến nghị", "Đất đai", "Hỏi về đo đạc.", "UBND phường Hòa Xuân",
                  "Đã hướng dẫn.", "—"])
    workbook.save(tmp_path / "hai-cot.xlsx")
    folder = hoa_xuan_session(content)
    result = run_import(tmp_path / "hai-cot.xlsx", folder)
    assert result.returncode == 0, result.stderr
    assert [[answer["text"].strip() for answer in item["answers"]] for item in items_of(folder)] == [
        ["Đã trả lời tại buổi đối thoại."], ["Đã hướng dẫn."]]


def dated_question_sheet() -> tuple[openpyxl.Workbook, Any]:
    """A workbook whose first question's cell holds a date (20/11/2026), as Excel makes one of
    what was typed, and its worksheet, for more rows."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Người hỏi", "Loại", "Lĩnh vực", "Nội dung", "Cơ quan trả lời",
                  "Nội dung trả lời"])
    sheet.append(["1", "Ông A.", "Kiến nghị", "Đất đai", dt.datetime(2026, 11, 20),
                  "UBND phường Hòa Xuân", "Trả lời."])
    return workbook, sheet


def test_an_excel_date_in_a_column_of_text_is_said_to_be_a_date(content: Path,
                                                                 tmp_path: Path) -> None:
    """A date cell in the question column (columns shifted by one) was published as the question
    '2026-11-20 00:00:00' (a fuzzing review's find), and one in the STT column read as its
    number: the cell is said to hold a date, with the likely cause; nothing is written."""
    workbook, sheet = dated_question_sheet()
    sheet.append([dt.datetime(2026, 1, 2), "Bà B.", "Câu hỏi", "Xây dựng", "Hỏi về giấy phép.",
                  "UBND phường Hòa Xuân", "Trả lời hai."])
    sheet.append(["3", "Ông C.", "Kiến nghị", "Đất đai", dt.time(9, 15),  # '9:15' typed
                  "UBND phường Hòa Xuân", "Trả lời ba."])
    workbook.save(tmp_path / "lech.xlsx")
    folder = hoa_xuan_session(content)
    result = run_import(tmp_path / "lech.xlsx", folder)
    assert result.returncode == 1, result.stdout
    said = ("holds a {0} ({1}), not text: the columns may be shifted (check that the header row "
            "names each column above its values), or Excel turned what was typed into a {0} "
            "(format the cell as Text and type it again)")
    errors = rows_said(result)
    assert errors == [f"lech.xlsx:row 2: column 'Nội dung': {said.format('date', '20/11/2026')}",
                      f"lech.xlsx:row 3: column 'STT': {said.format('date', '02/01/2026')}",
                      f"lech.xlsx:row 4: column 'Nội dung': {said.format('time', '09:15')}"]
    assert items_of(folder) == []


@pytest.mark.parametrize("merged", ["E2:E4", "E2:F4"])
def test_a_date_in_merged_question_cells_is_said_once(content: Path, tmp_path: Path,
                                                       merged: str) -> None:
    """A date typed in the question's cells merged over the three rows of its answers was said
    once per row, three errors for one cell (a review's find), and merged over two imported
    columns (E2:F4) twice on the first row: it is said once, on the merge's first row and
    column, naming the merged range; the rows it covers are not imported, the next question
    is."""
    workbook, sheet = dated_question_sheet()
    sheet.append([None, None, None, None, None, "Công an phường Hòa Xuân", "Trả lời hai."])
    sheet.append([None, None, None, None, None, "Công an phường Hòa Xuân", "Trả lời ba."])
    sheet.append(["2", "Bà B.", "Câu hỏi", "Xây dựng", "Hỏi về giấy phép.", "UBND phường Hòa Xuân",
                  "Trả lời bốn."])
    for cells in ("A2:A4", "B2:B4", "C2:C4", "D2:D4", merged):
        sheet.merge_cells(cells)
    workbook.save(tmp_path / "gop.xlsx")
    folder = hoa_xuan_session(content)
    result = run_import(tmp_path / "gop.xlsx", folder, "--keep-valid")
    assert result.returncode == 0, result.stderr
    errors = rows_said(result)
    assert errors == [
        "gop.xlsx:row 2: column 'Nội dung': holds a date (20/11/2026), not text: the columns may "
        "be shifted (check that the header row names each column above its values), or Excel "
        "turned what was typed into a date (format the cell as Text and type it again); said once "
        f"for the merged cells {merged}"]
    assert [(item["text"], [a["text"] for a in item["answers"]]) for item in items_of(folder)] == [
        ("Hỏi về giấy phép.", ["Trả lời bốn."])]


@pytest.mark.parametrize(("merged", "said"), [
    (("E2:E4",), "'Nội dung': holds Excel's error value #N/A (a formula that failed, or that points "
     "at a deleted cell): put the text there, or fix the formula; said once for the merged cells "
     "E2:E4"),
    (("E2:F4",), "'Nội dung': holds Excel's error value #N/A (a formula that failed, or that points "
     "at a deleted cell): put the text there, or fix the formula; said once for the merged cells "
     "E2:F4"),
    (("E2:E4", "G2:G4"), "'Nội dung': holds Excel's error value #N/A (a formula that failed, or "
     "that points at a deleted cell): put the text there, or fix the formula; so does 'Nội dung "
     "trả lời' (#N/A); said once for the merged cells E2:E4, G2:G4"),
])
def test_an_excel_error_in_merged_cells_is_said_once(content: Path, tmp_path: Path,
                                                      merged: tuple[str, ...], said: str) -> None:
    """'#N/A' in a question's cells merged over the three rows of its answers was said once per
    row, and a merge over two imported columns (E2:F4) twice on its first row (a review's find):
    it is said once, on the merge's first row, naming the merged range; the rows it covers are
    not imported, the next question is."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Người hỏi", "Loại", "Lĩnh vực", "Nội dung", "Cơ quan trả lời",
                  "Nội dung trả lời"])
    sheet.append(["1", "Ông A.", "Kiến nghị", "Đất đai", "#N/A", "UBND phường Hòa Xuân",
                  "#N/A" if "G2:G4" in merged else "Trả lời."])
    sheet.append([None, None, None, None, None, "Công an phường Hòa Xuân", "Trả lời hai."])
    sheet.append([None, None, None, None, None, "Công an phường Hòa Xuân", "Trả lời ba."])
    sheet.append(["2", "Bà B.", "Câu hỏi", "Xây dựng", "Hỏi về giấy phép.", "UBND phường Hòa Xuân",
                  "Trả lời bốn."])
    for cells in ("A2:A4", "B2:B4", "C2:C4", "D2:D4", *merged):
        sheet.merge_cells(cells)
    workbook.save(tmp_path / "loi.xlsx")
    folder = hoa_xuan_session(content)
    result = run_import(tmp_path / "loi.xlsx", folder, "--keep-valid")
    assert result.returncode == 0, result.stderr
    assert rows_said(result) == [
        f"loi.xlsx:row 2: column {said}"]
    assert [(item["text"], [a["text"] for a in item["answers"]]) for item in items_of(folder)] == [
        ("Hỏi về giấy phép.", ["Trả lời bốn."])]


def test_a_problem_of_cells_merged_over_several_rows_is_said_once(content: Path,
                                                                  tmp_path: Path) -> None:
    """A due date that is no day merged beside three questions (I4:I6), an unknown agency
    merged beside two (F7:F8): the same error was said on each row the merge covers; a section
    heading merged over two rows was noted twice, and a 'Không' merged over three rows was
    listed as 'row(s) 7, 8, 9'. Each is said once, on the merge's first row, naming its range;
    the rows it covers are still not imported."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Người nêu", "Loại", "Lĩnh vực", "Nội dung", "Cơ quan trả lời",
                  "Trả lời", "Cam kết", "Hạn"])
    sheet.append(["I", "LĨNH VỰC ĐẤT ĐAI"])
    sheet.append([])
    for n in range(1, 7):
        sheet.append([n, f"Ông {'ABCDEF'[n - 1]}.", "Kiến nghị", "Đất đai", f"Hỏi {n}.",
                      "UBND phường Hòa Xuân", "Đã trả lời.", "Rà soát hồ sơ." if n < 4 else None])
    sheet["I4"], sheet["F7"], sheet["H7"] = "31/13/2026", "Phòng Không Có", "Không"
    for cells in ("A2:A3", "B2:I3", "I4:I6", "F7:F8", "H7:H9"):
        sheet.merge_cells(cells)
    workbook.save(tmp_path / "gop.xlsx")
    folder = hoa_xuan_session(content)
    result = run_import(tmp_path / "gop.xlsx", folder, "--keep-valid")
    assert result.returncode == 0, result.stderr
    due, agency = rows_said(result)
    assert due == ("gop.xlsx:row 4: column 'Hạn': '31/13/2026' is not a day of the calendar; "
                   "check the day and the month; said once for the merged cells I4:I6")
    assert agency.startswith("gop.xlsx:row 7: column 'Cơ quan trả lời': unknown agency 'Phòng "
                             "Không Có'"), agency
    assert agency.endswith("; said once for the merged cells F7:F8"), agency
    notes = result.stdout.splitlines()
    assert [line for line in notes if "section heading" in line] == [
        "info: gop.xlsx: row 2 is read as a section heading or a total ('LĨNH VỰC ĐẤT ĐAI'), not "
        "as a question"]
    assert ("info: gop.xlsx: column 'Cam kết': 'Không' on row(s) 7-9 (merged cells H7:H9): read as "
            "empty (a mark for 'none')") in notes
    assert [item["text"] for item in items_of(folder)] == ["Hỏi 6."]


def merged_question_sheet(path: Path, question: Any) -> Path:
    """A question (`question` in its cells E3:E5) answered on three rows, its cells merged, the
    first of them hidden (a filter), between two questions of one row each."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Người hỏi", "Loại", "Lĩnh vực", "Nội dung", "Cơ quan trả lời",
                  "Nội dung trả lời"])
    sheet.append(["1", "Ông A.", "Kiến nghị", "Đất đai", "Hỏi một.", "UBND phường Hòa Xuân", "Trả lời."])
    sheet.append(["2", "Ông B.", "Kiến nghị", "Đất đai", question, "UBND phường Hòa Xuân",
                  "Trả lời hai."])
    sheet.append([None, None, None, None, None, "Công an phường Hòa Xuân", "Trả lời ba."])
    sheet.append([None, None, None, None, None, "Công an phường Hòa Xuân", "Trả lời bốn."])
    sheet.append(["3", "Bà C.", "Câu hỏi", "Xây dựng", "Hỏi về giấy phép.", "UBND phường Hòa Xuân",
                  "Trả lời năm."])
    for cells in ("A3:A5", "B3:B5", "C3:C5", "D3:D5", "E3:E5"):
        sheet.merge_cells(cells)
    sheet.row_dimensions[3].hidden = True
    workbook.save(path)
    return path


@pytest.mark.parametrize(("question", "said"), [
    ("#N/A", "holds Excel's error value #N/A (a formula that failed, or that points at a deleted "
     "cell): put the text there, or fix the formula"),
    (dt.datetime(2026, 6, 1), "holds a date (01/06/2026), not text: the columns may be shifted "
     "(check that the header row names each column above its values), or Excel turned what was "
     "typed into a date (format the cell as Text and type it again)"),
])
def test_a_problem_of_merged_cells_whose_first_row_is_hidden_is_said_on_a_row_shown(
        content: Path, tmp_path: Path, question: Any, said: str) -> None:
    """'#N/A' (or a date) in a question's cells merged over rows 3-5, row 3 hidden by a filter:
    it was said on row 3 only, which is not read, so nothing was said and rows 4 and 5 (two
    answers the sheet shows) were dropped in silence, exit 0 (a diff reader's find). It is said
    on row 4, the merge's first row shown, naming the merge; those rows are not imported."""
    folder = hoa_xuan_session(content)
    result = run_import(merged_question_sheet(tmp_path / "loc.xlsx", question), folder, "--keep-valid")
    assert result.returncode == 0, result.stderr
    assert rows_said(result) == [
        f"loc.xlsx:row 4: column 'Nội dung': {said}; said once for the merged cells E3:E5"]
    assert [(item["text"], [a["text"] for a in item["answers"]]) for item in items_of(folder)] == [
        ("Hỏi một.", ["Trả lời."]), ("Hỏi về giấy phép.", ["Trả lời năm."])]


def test_the_rows_shown_of_a_merged_question_whose_first_row_is_hidden_answer_it(
        content: Path, tmp_path: Path) -> None:
    """A question's cells merged over rows 3-5, row 3 hidden by a filter: Excel shows the
    question on rows 4 and 5, but their answers were published under the question above
    (Ông A.'s), exit 0 (a diff reader's find). They are the merged question's answers; row 3's,
    hidden, is not read."""
    folder = hoa_xuan_session(content)
    result = run_import(merged_question_sheet(tmp_path / "loc.xlsx", "Hỏi hai."), folder)
    assert result.returncode == 0, result.stderr
    assert "info: loc.xlsx: hidden in Excel, so not read: rows 3" in result.stdout
    assert [(item["asker"]["label"], item["text"], [a["text"] for a in item["answers"]])
            for item in items_of(folder)] == [
        ("Ông A.", "Hỏi một.", ["Trả lời."]),
        ("Ông B.", "Hỏi hai.", ["Trả lời ba.", "Trả lời bốn."]),
        ("Bà C.", "Hỏi về giấy phép.", ["Trả lời năm."])]


def test_decomposed_text_from_a_mac_is_stored_in_nfc(content: Path, tmp_path: Path) -> None:
    import unicodedata

    rows = [[unicodedata.normalize("NFD", cell) for cell in row] for row in sample_rows()]
    header = [unicodedata.normalize("NFD", name) for name in sample_sheet.HEADER]
    folder = new_session(content)
    sheet = sample_sheet.write_csv(tmp_path / "mac.csv", header=header, rows=rows)
    assert main(["import", str(sheet), "--session", str(folder)]) == 0
    text = (folder / "answers.yaml").read_text(encoding="utf-8")
    assert text == unicodedata.normalize("NFC", text) and "Ông N.V.H., tổ dân phố 12" in text
    check_sample_items(items_of(folder))
    assert errors_of(content) == []


# --- import: columns named the office's way -------------------------------------------------


def hoa_xuan_session(content: Path) -> Path:
    """A session of 20/11/2026 in today's phường Hòa Xuân, as the tester's sheets are."""
    assert main(["new", "--content-dir", str(content), "--date", "2026-11-20", "--title",
                 "Đối thoại với công dân phường Hòa Xuân", "--organizer", "UBND phường Hòa Xuân",
                 "--place", "Hòa Xuân"]) == 0
    return content / "sessions" / "2026" / "2026-11-20-doi-thoai-voi-cong-dan-phuong-hoa-xuan"


def rows_said(result: subprocess.CompletedProcess[str]) -> list[str]:
    """The import's messages that name a row."""
    return [line for line in result.stderr.splitlines() if ":row " in line]


def write_text_sheet(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def run_import(sheet: Path, folder: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """`dialogue-archive import` as a press officer runs it."""
    return forked.run("dialogue-archive", ["import", sheet, "--session", folder, *extra])


def import_into_hoa_xuan(content: Path, sheet: Path, text: str) -> subprocess.CompletedProcess[str]:
    """A CSV of `text` imported into a new session of phường Hòa Xuân (`hoa_xuan_session`)."""
    return run_import(write_text_sheet(sheet, text), hoa_xuan_session(content))


def test_a_csv_line_longer_than_the_csv_limit_is_read_when_its_cells_are_not(content: Path,
                                                                               tmp_path: Path) -> None:
    """The file is also read with ';' and tabs as separators (Excel writes them in some
    locales): read so, a line with two long cells (70,000 characters each, comma-separated) was
    one cell over the csv module's limit, and the import was refused ('field larger than field
    limit'), though no cell is. A reading that fails counts only when no reading finds a header."""
    question, answer = "Đề nghị " + "rút ngắn " * 7_800, "Trả lời " + "đã tiếp thu " * 5_900
    assert len(question) > 70_000 and len(answer) > 70_000
    folder = hoa_xuan_session(content)
    result = run_import(write_text_sheet(tmp_path / "dai.csv", (
        "STT,Người nêu,Loại,Lĩnh vực,Nội dung,Cơ quan trả lời,Trả lời\n"
        f"1,Ông A.,Kiến nghị,Cư trú,{question},UBND phường Hòa Xuân,{answer}\n")), folder)
    assert result.returncode == 0, result.stderr
    item, = items_of(folder)
    assert item["text"].strip() == question.strip() and item["answers"][0]["text"].strip() == answer.strip()


def test_a_csv_quote_never_closed_or_a_comma_outside_quotes_is_refused_at_its_line(
        content: Path, tmp_path: Path) -> None:
    """An unclosed quote read the rows below into one question, and a comma in an unquoted
    answer moved its end past the header, where it was dropped: both were imported, "wrote 1
    item(s)", and published (a press office's find). Each is now refused where it is, and
    nothing is written; a column the header does not name is said, not dropped in silence."""
    header = "STT,Người nêu,Loại,Lĩnh vực,Nội dung,Cơ quan trả lời,Trả lời\n"
    folder = hoa_xuan_session(content)
    result = run_import(write_text_sheet(tmp_path / "ngoac.csv", header + (
        '1,Cử tri tổ 5,Kiến nghị,Cư trú,"Đề nghị rút ngắn thời gian,UBND phường Hòa Xuân,Đã tiếp thu.\n'
        "2,Cử tri tổ 6,Câu hỏi,Cư trú,Thủ tục tạm trú?,UBND phường Hòa Xuân,Làm trên VNeID.\n")), folder)
    assert result.returncode == 2 and not items_of(folder)
    assert "ngoac.csv:line 2: a double quote (\") opens a cell on this line and is never closed" \
        in result.stderr, result.stderr
    result = run_import(write_text_sheet(tmp_path / "phay.csv", header + (
        "1,Cử tri tổ 5,Kiến nghị,Cư trú,Đề nghị rút ngắn.,UBND phường Hòa Xuân,Đã tiếp thu, sẽ rút ngắn\n"
        "2,Cử tri tổ 6,Câu hỏi,Cư trú,Thủ tục tạm trú?,UBND phường Hòa Xuân,Làm trên VNeID.\n")), folder)
    assert result.returncode == 1 and not items_of(folder)
    assert ("phay.csv:row 2: the row has 8 cells, its header 7: 'sẽ rút ngắn' is under no column. "
            "A text holding a comma must be in double quotes") in result.stderr, result.stderr
    # the row's last columns empty: the overflow fell in them, nothing was past the header, and
    # the answer's end became a commitment nobody made (a helper's find)
    result = run_import(write_text_sheet(tmp_path / "trong.csv", header.replace("\n", ",Cam kết,Hạn\n") + (
        "1,Cử tri tổ 5,Kiến nghị,Cư trú,Đề nghị rút ngắn.,UBND phường Hòa Xuân,Sẽ sửa, xong trước Tết.,,\n")),
        folder)
    assert result.returncode == 1 and not items_of(folder)
    assert ("trong.csv:row 2: the row has 10 cells, its header 9: a text holding a comma without "
            "double quotes moved the cells after it") in result.stderr, result.stderr
    result = run_import(write_text_sheet(tmp_path / "cot.csv", header.replace("\n", ",\n") + (
        "1,Cử tri tổ 5,Kiến nghị,Cư trú,Đề nghị rút ngắn.,UBND phường Hòa Xuân,Đã tiếp thu.,"
        "Ghi chú riêng\n")), folder)
    assert result.returncode == 0, result.stderr
    assert "cot.csv: column H has no name in the header row, though 1 row(s) fill it: not imported" \
        in result.stderr, result.stderr


def test_a_name_agreed_to_in_a_question_is_told_where_it_may_go_in_the_sheets_words(
        content: Path, tmp_path: Path) -> None:
    """The message lost where a name agreed to may be written ("may be named only, with
    named_with_consent: true"), spoke of a YAML key the sheet has not, and gave "ông T.T.L."
    for a woman's name (a press office's find)."""
    result = import_into_hoa_xuan(content, tmp_path / "ten.csv", (
        "STT,Người nêu,Loại,Lĩnh vực,Nội dung,Đồng ý nêu tên\n"
        '1,Bà Trần Thị Lan,Kiến nghị,Cư trú,"Tôi là Trần Thị Lan, đề nghị giải quyết sớm.",Có\n'))
    assert result.returncode == 1, result.stderr
    said = next(line for line in result.stderr.splitlines() if "Trần Thị Lan" in line)
    assert "write initials ('bà T.T.L.')" in said, said
    assert ("may be named only in the column 'Người nêu', with Có in the column 'Đồng ý nêu tên'"
            in said and "named_with_consent" not in said), said


def test_an_asker_left_unnamed_is_the_kind_and_the_ward_as_a_sentence_says_it(content: Path,
                                                                              tmp_path: Path) -> None:
    """'Công dân Phường Hòa Xuân' was published as the item's heading: within a label, as
    FORMAT.md writes it, the ward is 'phường Hòa Xuân' (a review's find)."""
    result = import_into_hoa_xuan(content, tmp_path / "phuong.csv", (
        "STT,Người nêu,Phường,Loại,Lĩnh vực,Nội dung\n"
        "1,,Hòa Xuân,Kiến nghị,Cư trú,Đề nghị rút ngắn thời gian đăng ký tạm trú.\n"))
    assert result.returncode == 0, result.stderr
    folder = content / "sessions" / "2026" / "2026-11-20-doi-thoai-voi-cong-dan-phuong-hoa-xuan"
    assert items_of(folder)[0]["asker"]["label"] == "Công dân phường Hòa Xuân"


def test_a_residential_group_column_is_said_in_the_askers_label(content: Path, tmp_path: Path) -> None:
    """A sheet's 'Tổ dân phố' column was unknown, and its warning suggested renaming it to
    'Thành phần' (the asker's kind), which would have made every row an error. FORMAT.md's places
    stop at wards: the group is said in the asker's label, unless the label names it already."""
    result = import_into_hoa_xuan(content, tmp_path / "to.csv", (
        "STT,Người hỏi,Tổ dân phố,Phường,Loại,Lĩnh vực,Nội dung\n"
        "1,,Cẩm Nam,Hòa Xuân,Kiến nghị,Cư trú,Đề nghị rút ngắn thời gian đăng ký tạm trú.\n"
        "2,Công dân,Tổ dân phố Cẩm Nam,,Câu hỏi,Cư trú,Hỏi về thủ tục khai báo tạm vắng.\n"
        "3,Ông N.V.A.,12,,Ý kiến,Cư trú,Góp ý về việc cấp thẻ căn cước.\n"
        "4,Công dân tổ dân phố Cẩm Nam,Cẩm Nam,,Ý kiến,Cư trú,Góp ý về xác nhận cư trú.\n"))
    assert result.returncode == 0, result.stderr
    assert "Tổ dân phố" not in result.stderr and "Thành phần" not in result.stderr
    folder = content / "sessions" / "2026" / "2026-11-20-doi-thoai-voi-cong-dan-phuong-hoa-xuan"
    assert [item["asker"]["label"] for item in items_of(folder)] == [
        "Công dân tổ dân phố Cẩm Nam, phường Hòa Xuân", "Công dân tổ dân phố Cẩm Nam",
        "Ông N.V.A., tổ dân phố 12", "Công dân tổ dân phố Cẩm Nam"]
    assert errors_of(content) == []


def test_a_column_named_to_alone_is_not_read_into_the_askers_label(content: Path, tmp_path: Path) -> None:
    """'Tổ' was read as the asker's residential group, but a voter meeting's sheet names the
    deputies' group so: 'Tổ đại biểu số 3' was added to every citizen's label."""
    result = import_into_hoa_xuan(content, tmp_path / "to-dai-bieu.csv", (
        "STT,Người hỏi,Tổ,Loại,Lĩnh vực,Nội dung\n"
        "1,Cử tri,Tổ đại biểu số 3,Kiến nghị,Cư trú,Đề nghị rút ngắn thời gian đăng ký tạm trú.\n"))
    assert result.returncode == 0, result.stderr
    folder = content / "sessions" / "2026" / "2026-11-20-doi-thoai-voi-cong-dan-phuong-hoa-xuan"
    assert [item["asker"]["label"] for item in items_of(folder)] == ["Cử tri"]
    assert "'Tổ'" in result.stderr  # told as a column the import does not read


def test_a_residential_group_written_as_the_askers_place_says_where_to_write_it(
        content: Path, tmp_path: Path) -> None:
    """'Tổ dân phố Cẩm Nam' in the place column was an unknown place, with no way out: FORMAT.md's
    places stop at wards and communes."""
    result = import_into_hoa_xuan(content, tmp_path / "dia-ban.csv", (
        "STT,Người hỏi,Địa bàn,Loại,Lĩnh vực,Nội dung\n"
        "1,,Tổ dân phố Cẩm Nam,Kiến nghị,Cư trú,Đề nghị rút ngắn thời gian đăng ký tạm trú.\n"
        "2,,Hòa Xuân,Kiến nghị,Cư trú,Hỏi về thủ tục khai báo tạm vắng.\n"))
    assert result.returncode == 1
    assert rows_said(result) == [
        "dia-ban.csv:row 2: column 'Địa bàn': 'Tổ dân phố Cẩm Nam' is a residential group, and "
        "places stop at wards and communes: write the ward or commune in 'Địa bàn', and the group "
        "in 'Người hỏi' (Công dân tổ dân phố Cẩm Nam) or in a column 'Tổ dân phố' of its own"]


def test_personal_data_in_a_question_is_reported_once_not_again_in_its_id(content: Path,
                                                                         tmp_path: Path) -> None:
    """The id made from the question's first words left out the ID number the question holds:
    it was reported a second time, as an id the press office never typed (found by a review
    helper)."""
    result = import_into_hoa_xuan(content, tmp_path / "cccd.csv", (
        "STT,Người nêu,Loại,Lĩnh vực,Nội dung\n"
        "1,Ông A.,Kiến nghị,Cư trú,Căn cước số 001085012345 của tôi bị sai ngày sinh.\n"))
    assert result.returncode != 0
    problems = [line for line in result.stderr.splitlines() if line.startswith("cccd.csv:row")]
    assert problems == ["cccd.csv:row 2: column 'Nội dung': '001085012345' looks like a citizen ID "
                        "(CCCD) number, which is personal data; remove it: citizen ID numbers are never "
                        "published"], result.stderr


def test_a_date_cell_that_shows_excels_day_number_is_that_day(content: Path, tmp_path: Path) -> None:
    """A date cell formatted as General shows (and saves to CSV) Excel's day number: 46347 is
    21/11/2026, not 'not a date' (found by a review helper)."""
    result = import_into_hoa_xuan(content, tmp_path / "so.csv", (
        "STT,Người nêu,Loại,Lĩnh vực,Nội dung,Cơ quan trả lời,Ngày trả lời,Trả lời\n"
        "1,Ông A.,Câu hỏi,Cư trú,Hỏi về tạm trú.,UBND phường Hòa Xuân,46347,Đã trả lời.\n"))
    assert result.returncode == 0, result.stderr
    [item] = items_of(content / "sessions" / "2026" / "2026-11-20-doi-thoai-voi-cong-dan-phuong-hoa-xuan")
    assert item["answers"][0]["date"] == dt.date(2026, 11, 21)


def test_a_date_written_out_as_in_an_official_text_is_that_day(content: Path, tmp_path: Path) -> None:
    """'ngày 25 tháng 11 năm 2026', as official texts write dates, was 'not a date' (a review's
    find); a day that does not exist still is."""
    result = import_into_hoa_xuan(content, tmp_path / "chu.csv", (
        "STT,Người nêu,Loại,Lĩnh vực,Nội dung,Cơ quan trả lời,Ngày trả lời,Trả lời,Cam kết,Hạn\n"
        "1,Ông A.,Câu hỏi,Cư trú,Hỏi về tạm trú.,UBND phường Hòa Xuân,ngày 25 tháng 11 năm 2026,"
        "Đã trả lời.,Rà soát hồ sơ.,Ngày 31 tháng 12 năm 2026\n"))
    assert result.returncode == 0, result.stderr
    [item] = items_of(content / "sessions" / "2026" / "2026-11-20-doi-thoai-voi-cong-dan-phuong-hoa-xuan")
    assert item["answers"][0]["date"] == dt.date(2026, 11, 25)
    assert item["commitments"][0]["due"] == dt.date(2026, 12, 31)
    result = run_import(write_text_sheet(tmp_path / "sai.csv", (
        "STT,Người nêu,Loại,Lĩnh vực,Nội dung,Cơ quan trả lời,Ngày trả lời,Trả lời\n"
        "1,Ông A.,Câu hỏi,Cư trú,Hỏi về tạm trú.,UBND phường Hòa Xuân,ngày 31 tháng 11 năm 2026,x\n")),
        content / "sessions" / "2026" / "2026-11-20-doi-thoai-voi-cong-dan-phuong-hoa-xuan", "--force")
    assert "'ngày 31 tháng 11 năm 2026' is not a day of the calendar" in result.stderr, result.stderr


def test_an_asker_whose_name_is_a_companys_or_an_associations_is_of_that_kind(content: Path,
                                                                               tmp_path: Path) -> None:
    """Without an 'Đối tượng' cell, 'Công ty TNHH Minh Phát' at a citizens' dialogue was a
    citizen (a review's find): the kind its name says comes before the session's default, and
    a kind written in the sheet before both."""
    result = import_into_hoa_xuan(content, tmp_path / "ten.csv", (
        "STT,Người nêu,Loại,Lĩnh vực,Nội dung\n"
        "1,Công ty TNHH Minh Phát,Kiến nghị,Cư trú,Đề nghị hướng dẫn đăng ký tạm trú cho công nhân.\n"
        "2,Hội Người cao tuổi tổ 5,Ý kiến,Cư trú,Đề nghị niêm yết thủ tục tại nhà văn hóa.\n"
        "3,Ông A.,Câu hỏi,Cư trú,Hỏi về thời hạn tạm trú.\n"
        "4,ẩn danh,Câu hỏi,Cư trú,Hỏi về lệ phí đăng ký tạm trú.\n"
        "5,Hội viên Hội Nông dân,Câu hỏi,Cư trú,Hỏi về tạm trú của con.\n"  # a person: a diff review's find
        "6,HTX Trường Thịnh,Kiến nghị,Cư trú,Đề nghị niêm yết thủ tục.\n"))  # a name, not 'trưởng'
    assert result.returncode == 0, result.stderr
    folder = content / "sessions" / "2026" / "2026-11-20-doi-thoai-voi-cong-dan-phuong-hoa-xuan"
    assert [item["asker"]["kind"] for item in items_of(folder)] == [
        "business", "organization", "citizen", "citizen", "citizen", "business"]
    assert items_of(folder)[3]["asker"]["label"] == "Ẩn danh"  # it opens a line of the page
    written = run_import(write_text_sheet(tmp_path / "co.csv", (
        "STT,Người nêu,Đối tượng,Loại,Lĩnh vực,Nội dung\n"
        "1,Công ty TNHH Minh Phát,Công dân,Kiến nghị,Cư trú,Đề nghị hướng dẫn đăng ký tạm trú.\n")),
        folder, "--force")
    assert written.returncode == 0, written.stderr
    assert items_of(folder)[0]["asker"]["kind"] == "citizen"


def test_a_second_answers_row_with_a_date_written_out_is_no_signature(content: Path,
                                                                      tmp_path: Path) -> None:
    """A second answer's row (STT empty) or a sub-numbered question ('1.2') of short cells and a
    date written out was taken, with every row below it, for the signature block: the import
    wrote the rows above it and said 'info' (a diff review's find)."""
    header = "STT,Người nêu,Loại,Lĩnh vực,Nội dung,Cơ quan trả lời,Hình thức,Văn bản,Ngày trả lời,Trả lời\n"
    result = import_into_hoa_xuan(content, tmp_path / "hai.csv", header + (
        "1,Ông A.,Câu hỏi,Cư trú,Hỏi về tạm trú.,UBND phường Hòa Xuân,Trực tiếp,,,Đã trả lời.\n"
        ",,,,,UBND phường Hòa Xuân,Bằng văn bản,Công văn 812,ngày 25 tháng 11 năm 2026,\n"
        ",,,,,UBND phường Hòa Xuân,,,ngày 26 tháng 11 năm 2026,Đã trả lời.\n"  # three cells
        "1.2,Bà B.,Kiến nghị,Cư trú,Xin rút ngắn,UBND phường Hòa Xuân,Bằng văn bản,CV 9,"
        "ngày 26 tháng 11 năm 2026,\n"
        "2,Bà C.,Câu hỏi,Cư trú,Hỏi về lệ phí.,UBND phường Hòa Xuân,Trực tiếp,,,Miễn phí.\n"
        ",,,,\"Hòa Xuân, ngày 27 tháng 11 năm 2026\",,,,,\n"
        ",,,,NGƯỜI LẬP BIỂU,,,,,\n"))
    assert result.returncode == 0, result.stderr
    items = items_of(content / "sessions" / "2026" / "2026-11-20-doi-thoai-voi-cong-dan-phuong-hoa-xuan")
    assert [len(item["answers"]) for item in items] == [3, 1, 1]
    assert items[0]["answers"][1]["date"] == dt.date(2026, 11, 25)
    assert "row 7 and below are read as the signature block" in result.stdout + result.stderr


def test_keep_valid_writes_nothing_of_a_second_answers_row_it_skips(content: Path, tmp_path: Path) -> None:
    """The row's answer failed and its commitment was written anyway, or the reverse, though
    the import said the row was skipped (a diff review's find)."""
    header = "STT,Người nêu,Loại,Lĩnh vực,Nội dung,Cơ quan trả lời,Ngày trả lời,Trả lời,Cam kết,Tình trạng\n"
    folder = hoa_xuan_session(content)
    for second in (",,,,,UBND phường Hòa Xuân,01/01/2024,Trả lời sớm.,Rà soát hồ sơ tạm trú.,\n",
                   ",,,,,UBND phường Hòa Xuân,,Trả lời thêm.,Rà soát hồ sơ tạm trú.,Xong rồi\n"):
        result = run_import(write_text_sheet(tmp_path / "k.csv", header + (
            "1,Ông A.,Câu hỏi,Cư trú,Hỏi về tạm trú.,UBND phường Hòa Xuân,,Đã trả lời.,,\n" + second)),
            folder, "--keep-valid", "--force")
        assert result.returncode == 0 and "row 3" in result.stderr, result.stderr
        [item] = items_of(folder)
        assert len(item["answers"]) == 1 and "commitments" not in item, item


def test_common_wordings_of_the_answer_and_question_columns(content: Path, tmp_path: Path,
                                                           capsys) -> None:
    folder = hoa_xuan_session(content)
    wordings = write_text_sheet(tmp_path / "headers4.csv", (
        "STT,Họ và tên người hỏi,Loại ý kiến,Lĩnh vực,\"Nội dung kiến nghị, phản ánh\","
        "Đơn vị chủ trì trả lời,Kết quả giải quyết,Thời gian trả lời\n"
        "1,Ông A.,Kiến nghị,Cư trú,Hỏi về tạm trú,Công an phường Cẩm Lệ,Đã trả lời,25/11/2026\n"))
    assert main(["import", str(wordings), "--session", str(folder)]) == 0
    [item] = items_of(folder)
    assert item["asker"]["label"] == "Ông A." and item["text"] == "Hỏi về tạm trú"
    assert item["answers"] == [{"by": "cong-an-phuong-cam-le", "mode": "in_writing",  # a later day
                                "date": dt.date(2026, 11, 25), "text": "Đã trả lời"}]
    # the header of an official form: 'NỘI DUNG CÂU HỎI/KIẾN NGHỊ', and two agency columns
    form = write_text_sheet(tmp_path / "headers1.csv", (
        "TT,Họ tên người hỏi,Cơ quan trả lời,\"NỘI DUNG CÂU HỎI/KIẾN NGHỊ\",Lĩnh vực,Loại,"
        "\"Cơ quan, đơn vị trả lời\",Nội dung trả lời\n"
        "1,Ông A.,,Hỏi về tạm trú,Cư trú,Câu hỏi,Công an phường Hòa Xuân,Trả lời A\n"))
    assert main(["import", str(form), "--session", str(folder), "--force"]) == 0
    out = capsys.readouterr().out
    assert ("columns 'Cơ quan trả lời' (C) and 'Cơ quan, đơn vị trả lời' (G) are both read as the "
            "answering agency") in out
    [item] = items_of(folder)
    assert item["text"] == "Hỏi về tạm trú" and item["answers"][0]["by"] == "cong-an-phuong-hoa-xuan-2025"
    assert errors_of(content) == []
    # a voter meeting's sheet, with what it tracks written as offices write it (a review's finds)
    voters = write_text_sheet(tmp_path / "headers5.csv", (
        "STT,Họ tên cử tri,Số điện thoại,Loại,Lĩnh vực,Nội dung,Cơ quan trả lời,Hình thức,Trả lời,"
        "Cam kết,Hạn giải quyết,Tình trạng\n"
        "1,Ông A.,0905123456,Kiến nghị,Cư trú,Hỏi về tạm trú,Công an phường Cẩm Lệ,Trả lời tại hội nghị,"
        "Tiếp thu,Rà soát hồ sơ tạm trú,31/12/2026,Chưa giải quyết\n"))
    assert main(["import", str(voters), "--session", str(folder), "--force"]) == 0
    out = capsys.readouterr().out
    assert "column(s) of citizens' personal data, never imported nor published: Số điện thoại" in out
    [item] = items_of(folder)
    assert item["asker"]["label"] == "Ông A." and item["answers"][0]["mode"] == "on_the_spot"
    [commitment] = item["commitments"]
    assert (commitment["due"], commitment["status"]) == (dt.date(2026, 12, 31), "pending")
    assert "0905" not in (folder / "answers.yaml").read_text(encoding="utf-8")


def test_a_cooperative_is_a_business_and_a_short_kind_is_told_its_spelling(
        content: Path, tmp_path: Path, capsys) -> None:
    """'Hợp tác xã' in 'Đối tượng' was refused though an asker named 'HTX …' is a business, and
    'Hộ KD' was told only the first word of each kind, not that 'HKD' is one (a helper's find)."""
    header = "STT,Người hỏi,Đối tượng,Loại,Lĩnh vực,Nội dung,Cơ quan trả lời,Trả lời\n"
    row = "{n},Đại diện một đơn vị,{kind},Kiến nghị,Cư trú,Hỏi về tạm trú,Công an phường Cẩm Lệ,Tiếp thu\n"
    folder = hoa_xuan_session(content)
    sheet = write_text_sheet(tmp_path / "dt.csv", header + row.format(n=1, kind="Hợp tác xã")
                             + row.format(n=2, kind="Hộ KD"))
    assert main(["import", str(sheet), "--session", str(folder)]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "dt.csv:row 3: column 'Đối tượng': 'Hộ KD' is not one of: Công dân, Doanh nghiệp, Tổ chức, "
        "Cử tri (did you mean 'HKD'?)")
    sheet.write_text(header + row.format(n=1, kind="HTX"), encoding="utf-8")
    assert main(["import", str(sheet), "--session", str(folder)]) == 0
    assert items_of(folder)[0]["asker"]["kind"] == "business"


def test_a_due_date_and_a_done_day_before_the_session_are_said_in_one_run(
        content: Path, tmp_path: Path, capsys) -> None:
    """A row's 'Ngày hoàn thành' before the session hid its 'Hạn' before it, which came on the
    next run, in ISO dates the clerk had not typed (a press office's helper)."""
    sheet = write_text_sheet(tmp_path / "hai.csv", (
        "STT,Người hỏi,Loại,Lĩnh vực,Nội dung,Cơ quan trả lời,Trả lời,Cam kết,Hạn,Tình trạng,"
        "Ngày hoàn thành\n1,Ông A.,Kiến nghị,Cư trú,Hỏi về tạm trú,Công an phường Cẩm Lệ,Tiếp thu,"
        "Rà soát hồ sơ tạm trú,15/11/2026,Đã hoàn thành,18/11/2026\n"))
    folder = hoa_xuan_session(content)
    assert main(["import", str(sheet), "--session", str(folder)]) == 1
    err = capsys.readouterr().err
    assert ("hai.csv:row 2: column 'Hạn': 15/11/2026 is before the session (20/11/2026), so the "
            "commitment would be overdue from the start: write the date it must be done by") in err, err
    assert "hai.csv:row 2: column 'Ngày hoàn thành': 18/11/2026 is before the session (20/11/2026)" in err


def test_a_day_the_work_was_done_dates_a_done_commitment(content: Path, tmp_path: Path, capsys) -> None:
    """A sheet could say a commitment was done but not when ('Ngày hoàn thành' was no known
    column): the statistics then counted it "done, no day given", never on time, and the office
    had to type the update into answers.yaml (a helper's find). The day is now its update's."""
    header = ("STT,Người hỏi,Loại,Lĩnh vực,Nội dung,Cơ quan trả lời,Trả lời,Cam kết,Hạn,Tình trạng,"
              "Ngày hoàn thành\n")
    row = ("1,Ông A.,Kiến nghị,Cư trú,Hỏi về tạm trú,Công an phường Cẩm Lệ,Tiếp thu,"
           "Rà soát hồ sơ tạm trú,31/12/2026,")

    def imported(name: str, cells: str, *extra: str) -> int:
        return main(["import", str(write_text_sheet(tmp_path / name, header + row + cells)),
                     "--session", str(folder), *extra])

    folder = hoa_xuan_session(content)
    assert imported("xong.csv", "Đã hoàn thành,25/11/2026\n") == 0
    [commitment] = items_of(folder)[0]["commitments"]
    assert commitment["status"] == "done"
    assert commitment["updates"] == [{"date": dt.date(2026, 11, 25), "status": "done"}]
    assert errors_of(content) == []
    # a day given for work still in progress: one of the two cells is mistaken
    assert imported("lech.csv", "Đang thực hiện,25/11/2026\n", "--force") == 1
    assert ("lech.csv:row 2: column 'Ngày hoàn thành': a day the work was done, but 'Tình trạng' "
            "says 'Đang thực hiện': empty one of them") in capsys.readouterr().err
    # imported again once the work is done (the status cell left empty): the update is of
    # that day, not of the import's
    shutil.rmtree(folder)
    folder = hoa_xuan_session(content)
    assert imported("dang.csv", "Đang thực hiện,\n") == 0
    capsys.readouterr()
    assert imported("xong2.csv", ",28/11/2026\n", "--force") == 0
    [commitment] = items_of(folder)[0]["commitments"]
    assert (commitment["status"], commitment["updates"]) == (
        "done", [{"date": dt.date(2026, 11, 28), "status": "done"}]), commitment
    assert ("commitment 'ra-soat-ho-so-tam-tru' was in_progress (Đang thực hiện) in answers.yaml and "
            "is done (Đã hoàn thành) in the sheet, on 28/11/2026: an update of that day records "
            "it") in capsys.readouterr().err
    assert errors_of(content) == []


def test_two_question_columns_are_joined_two_agency_columns_must_agree(content: Path, tmp_path: Path,
                                                                       capsys) -> None:
    folder = hoa_xuan_session(content)
    twice = write_text_sheet(tmp_path / "headers2.csv", (
        "STT,Người hỏi,Loại,Lĩnh vực,Nội dung,Nội dung,Cơ quan trả lời,Trả lời\n"
        "1,Ông A.,Câu hỏi,Cư trú,Hỏi về tạm trú,phần hai của câu hỏi,Công an phường Hòa Xuân,Trả lời A\n"))
    assert main(["import", str(twice), "--session", str(folder)]) == 0
    assert "their texts are joined" in capsys.readouterr().out
    assert items_of(folder)[0]["text"] == "Hỏi về tạm trú\n\nphần hai của câu hỏi\n"
    disagree = write_text_sheet(tmp_path / "hai-co-quan.csv", (
        "STT,Người hỏi,Loại,Lĩnh vực,Nội dung,Cơ quan trả lời,Đơn vị trả lời,Trả lời\n"
        "1,Ông A.,Câu hỏi,Cư trú,Hỏi về tạm trú,Công an phường Hòa Xuân,UBND phường Hòa Xuân,Trả lời A\n"))
    assert main(["import", str(disagree), "--session", str(folder), "--force"]) == 1
    assert ("hai-co-quan.csv:row 2: column 'Đơn vị trả lời': says 'UBND phường Hòa Xuân' but the "
            "column 'Cơ quan trả lời' (F) says 'Công an phường Hòa Xuân', and both give the answering "
            "agency: leave one of them empty") in capsys.readouterr().err


def test_a_column_that_is_not_known_but_holds_data_is_a_warning(content: Path, tmp_path: Path) -> None:
    result = import_into_hoa_xuan(content, tmp_path / "la.csv", (
        "STT,Người hỏi,Loại,Lĩnh vực,Nội dung,Cơ quan trả lời,Trả lời,Văn bản số,Ghi chú,Cột trống\n"
        "1,Ông A.,Câu hỏi,Cư trú,Hỏi về tạm trú,Công an phường Hòa Xuân,Đã hướng dẫn,CV 12/CA,gấp,\n"))
    assert result.returncode == 0, result.stderr
    assert ("warning: la.csv: column 'Văn bản số' (H) is not a known column and is not imported, "
            "though 1 row(s) fill it: did you mean 'Văn bản' (the written reply)?") in result.stderr
    assert "info: la.csv: column(s) not imported: Ghi chú, Cột trống" in result.stdout
    assert "read the 1 warning(s) above" in result.stdout


def test_a_column_of_the_day_a_question_was_received_is_told_not_taken_for_the_answers_date(
        content: Path, tmp_path: Path) -> None:
    """'Ngày nhận' got 'did you mean 'Ngày văn bản' (the answer's date)?': followed, the days
    questions were received became their answers' dates. The columns of that day are known
    ones the format has no field for, said in a note; and no column is suggested for a name
    that means another thing ('Ngày bắt đầu', the day work began, is no 'Ngày trả lời' nor a
    due date), while a misspelt or longer name still gets one."""
    result = import_into_hoa_xuan(content, tmp_path / "nhan.csv", (
        "STT,Ngày nhận,Ngày tiếp nhận,Ngày gửi,Loại,Lĩnh vực,Nội dung,Cơ quan trả lời,Trả lời,"
        "Cam kết,Ngày bắt đầu,Văn bản số\n"
        "1,15/11/2026,16/11/2026,14/11/2026,Câu hỏi,Cư trú,Hỏi về tạm trú,Công an phường Hòa Xuân,"
        "Đã hướng dẫn,Rà soát hồ sơ,25/11/2026,CV 12/CA\n"))
    assert result.returncode == 0, result.stderr
    for letter, name in (("B", "Ngày nhận"), ("C", "Ngày tiếp nhận"), ("D", "Ngày gửi")):
        assert (f"info: nhan.csv: column '{name}' ({letter}) holds the day the question was received, "
                "which the format has no field for: not imported") in result.stdout
        assert f"'{name}'" not in result.stderr
    assert ("warning: nhan.csv: column 'Ngày bắt đầu' (K) is not a known column and is not "
            "imported, though 1 row(s) fill it: rename it to a column name of the README if it is "
            "for the site, or delete it") in result.stderr
    assert "column 'Văn bản số' (L) is not a known column and is not imported, though 1 row(s) " \
        "fill it: did you mean 'Văn bản' (the written reply)?" in result.stderr
    assert "did you mean 'Ngày" not in result.stderr and "Hạn" not in result.stderr
    item, = items_of(content / "sessions/2026/2026-11-20-doi-thoai-voi-cong-dan-phuong-hoa-xuan")
    assert "date" not in item["answers"][0] and "due" not in item["commitments"][0]


def test_a_header_without_the_question_column_says_which_column_it_may_be(content: Path,
                                                                          tmp_path: Path) -> None:
    result = import_into_hoa_xuan(content, tmp_path / "vu-viec.csv", (
        "THỐNG KÊ Ý KIẾN\n"
        "STT,Người hỏi,Loại,Lĩnh vực,Nội dung vụ việc,Cơ quan trả lời,Trả lời\n"
        "1,Ông A.,Câu hỏi,Cư trú,Hỏi về tạm trú,Công an phường Hòa Xuân,Trả lời A\n"))
    assert result.returncode == 2
    assert ("vu-viec.csv:row 2 looks like the header, but it has no column for the question (Nội dung / "
            "Nội dung ý kiến / Nội dung câu hỏi / Nội dung kiến nghị / …): did you mean the column "
            "'Nội dung vụ việc'?") in result.stderr
    assert "no header row found" not in result.stderr


# --- import: re-importing a published session ------------------------------------------------


def test_reimport_keeps_published_ids_and_hand_written_updates(content: Path, tmp_path: Path) -> None:
    """--force after the sheet was corrected: permalinks (#id) keep working, a commitment's
    updates typed into answers.yaml stay, and the ids that disappear are named."""
    folder = new_session(content)
    assert main(["import", str(sample_sheet.HERE / f"{sample_sheet.NAME}.csv"),
                 "--session", str(folder)]) == 0
    before = yaml.safe_load((folder / "answers.yaml").read_text(encoding="utf-8"))
    first, second = before["items"][0], before["items"][1]
    first["commitments"][0]["updates"] = [{"date": dt.date(2024, 7, 25), "status": "in_progress",
                                          "note": "Gia đình đã bổ sung bản vẽ"}]
    second["aliases"] = ["so-do-quy-hoach-treo"]
    (folder / "answers.yaml").write_text(yaml.safe_dump(before, allow_unicode=True, sort_keys=False),
                                         encoding="utf-8")
    rows = sample_rows()
    column = sample_sheet.HEADER.index
    rows[0][column("Nội dung ý kiến")] = rows[0][column("Nội dung ý kiến")].replace(
        "Gia đình tôi nộp", "Gia đình chúng tôi đã nộp")  # its first words make another id
    rows[0][column("Cam kết")] = "Trả kết quả giấy phép xây dựng cho hộ gia đình ông N.V.H."
    del rows[5]  # STT 4 is taken out of the sheet
    sheet = sample_sheet.write_csv(tmp_path / "sua.csv", rows=rows)
    result = run_import(sheet, folder, "--force")
    assert result.returncode == 0, result.stderr
    after = items_of(folder)
    assert [i["id"] for i in after] == [before["items"][n]["id"] for n in (0, 1, 2, 4)]
    assert after[0]["text"].startswith("Gia đình chúng tôi đã nộp")
    assert after[0]["commitments"][0]["id"] == first["commitments"][0]["id"]
    assert after[0]["commitments"][0]["updates"] == first["commitments"][0]["updates"]
    assert after[1]["aliases"] == ["so-do-quy-hoach-treo"]
    gone = before["items"][3]["id"]
    assert (f"warning: sua.csv: no row of the sheet matches the item(s) {gone} of answers.yaml: "
            f"their ids disappear, and links to them (#{gone}) stop working") in result.stderr
    assert errors_of(content) == []
    help_text = forked.run("dialogue-archive", ["import", "--help"]).stdout
    help_text = " ".join(help_text.split())  # as argparse wraps it to the options' width
    assert "keeps its id" in help_text and "replaced by the sheet" in help_text


def imported_sample(content: Path) -> tuple[Path, dict]:
    """A new session with the sample sheet imported, and its answers.yaml as read."""
    folder = new_session(content)
    assert main(["import", str(sample_sheet.HERE / f"{sample_sheet.NAME}.csv"),
                 "--session", str(folder)]) == 0
    return folder, yaml.safe_load((folder / "answers.yaml").read_text(encoding="utf-8"))


def write_record(folder: Path, record: dict) -> None:
    """answers.yaml as edited by hand."""
    (folder / "answers.yaml").write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False),
                                         encoding="utf-8")


def test_reimport_keeps_a_reworded_commitment_and_says_which_disappear(
        content: Path, tmp_path: Path) -> None:
    """A commitment reworded in the sheet (same agency) keeps its id and the updates typed under
    it; one taken out of the sheet is named, with its updates, instead of vanishing silently."""
    folder, record = imported_sample(content)
    first, second = (record["items"][n]["commitments"][0] for n in (0, 1))
    first["updates"] = [{"date": dt.date(2024, 7, 25), "status": "in_progress", "note": "Đã làm"}]
    write_record(folder, record)
    rows = sample_rows()
    column = sample_sheet.HEADER.index
    rows[0][column("Cam kết")] = "Huy động cán bộ xuống tận nơi hướng dẫn từng hộ trong tuần"
    taken = next(row for row in rows if " ".join(str(row[column("Cam kết")]).split())
                 == " ".join(second["text"].split()))  # the second item's commitment
    for key in ("Cam kết", "Cơ quan thực hiện", "Hạn", "Tình trạng"):
        taken[column(key)] = ""
    sheet = sample_sheet.write_csv(tmp_path / "sua.csv", rows=rows)
    result = run_import(sheet, folder, "--force")
    assert result.returncode == 0, result.stderr
    after = items_of(folder)
    assert after[0]["commitments"][0]["text"].startswith("Huy động cán bộ")
    assert after[0]["commitments"][0]["id"] == first["id"]
    assert after[0]["commitments"][0]["updates"] == first["updates"]
    assert not after[1].get("commitments")
    assert (f"no commitment of the sheet's item {after[1]['id']} matches {second['id']} in "
            "answers.yaml: its id and the updates recorded under it disappear") in result.stderr


def test_a_refused_reimport_does_not_say_what_writing_would_have_done(content: Path,
                                                                       tmp_path: Path) -> None:
    """Nothing is written when a row has a problem: the ids of answers.yaml do not disappear,
    and no warning says they do."""
    folder, record = imported_sample(content)
    sheet = write_text_sheet(tmp_path / "loi.csv", (
        "STT,Người hỏi,Loại,Lĩnh vực,Nội dung,Cơ quan trả lời,Trả lời\n"
        "1,Ông A.,Câu hỏi,Không có lĩnh vực này,Một câu hỏi khác hẳn.,UBND quận Cẩm Lệ,Trả lời.\n"))
    result = run_import(sheet, folder, "--force")
    assert result.returncode == 1
    assert "nothing was written" in result.stderr
    assert "disappear" not in result.stderr
    assert items_of(folder) == record["items"]


def test_reimport_over_an_answers_file_that_cannot_be_read_is_refused(content: Path) -> None:
    """--force would replace a record it cannot read, and with it every published id, alias and
    update: it is refused until the file is fixed."""
    folder = new_session(content)
    assert main(["import", str(sample_sheet.HERE / f"{sample_sheet.NAME}.csv"),
                 "--session", str(folder)]) == 0
    answers = folder / "answers.yaml"
    broken = answers.read_text(encoding="utf-8").replace("  - id:", "\t- id:", 1)
    answers.write_text(broken, encoding="utf-8")
    result = run_import(sample_sheet.HERE / f"{sample_sheet.NAME}.csv", folder, "--force")
    assert result.returncode != 0
    assert "answers.yaml cannot be read as YAML items" in result.stderr
    assert "validate shows where" in result.stderr
    assert "Traceback" not in result.stderr
    assert answers.read_text(encoding="utf-8") == broken


def reimported_statuses(content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                        change: Callable[[dict[str, Any], dict[str, Any]], None], row3: str, row5: str
                        ) -> tuple[Path, dict[str, Any], dict[str, Any], Path, dt.date]:
    """The sample imported, the commitments of its first two items changed by hand (`change`),
    and a sheet whose 'Tình trạng' says `row3` and `row5` for them: (the session folder, the two
    commitments as answers.yaml has them, the sheet, the build's day, fixed)."""
    day = dt.date(2026, 11, 28)
    monkeypatch.setenv("DIALOGUE_ARCHIVE_BUILD_DATE", day.isoformat())
    folder, record = imported_sample(content)
    first, second = (record["items"][n]["commitments"][0] for n in (0, 1))
    change(first, second)
    write_record(folder, record)
    rows = sample_rows()
    rows[0][sample_sheet.HEADER.index("Tình trạng")] = row3
    rows[2][sample_sheet.HEADER.index("Tình trạng")] = row5
    return folder, first, second, sample_sheet.write_csv(tmp_path / "txct.csv", rows=rows), day


def test_reimport_records_a_changed_status_as_an_update_of_the_day(
        content: Path, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sheet has no column for the dates of updates: a new 'Tình trạng' becomes an update of
    the build's day (the day the build checks dates against, fixed here as a press office may
    fix it); an empty cell keeps the status the updates give."""
    def change(first: dict[str, Any], second: dict[str, Any]) -> None:
        first["updates"] = [{"date": dt.date(2024, 12, 20), "status": "in_progress", "note": "Đã bổ sung"}]
        second["status"] = "in_progress"
        second["updates"] = [{"date": dt.date(2024, 9, 1), "status": "in_progress"}]

    folder, first, second, sheet, day = reimported_statuses(
        content, tmp_path, monkeypatch, change, "Đã hoàn thành", "")
    capsys.readouterr()
    assert main(["import", str(sheet), "--session", str(folder), "--force"]) == 0
    said = capsys.readouterr()
    assert (f"commitment '{first['id']}' was in_progress (Đang thực hiện) in answers.yaml and is done "
            f"(Đã hoàn thành) in the sheet: an update dated {day:%d/%m/%Y}") in said.out + said.err
    # dated the day of the import, the work may show as done late when it was not: said
    due = first["due"]
    assert (f"{day:%d/%m/%Y} (after the due date, {due:%d/%m/%Y}: the site shows it 'Hoàn thành "
            "sau hạn') records the change; if the work was done earlier, correct the update's "
            "date in answers.yaml") in said.out + said.err
    after = items_of(folder)
    assert after[0]["commitments"][0]["status"] == "done"
    assert after[0]["commitments"][0]["updates"] == [*first["updates"],
                                                     {"date": day, "status": "done"}]
    assert after[1]["commitments"][0]["status"] == "in_progress"
    assert after[1]["commitments"][0]["updates"] == second["updates"]
    assert errors_of(content) == []
    assert main(["import", str(sheet), "--session", str(folder), "--force"]) == 0
    assert items_of(folder) == after  # the same sheet again: nothing new to record


def test_reimport_writes_every_update_plainly(content: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Two statuses changed on one day: PyYAML wrote the second update's date as `*id001`, an
    alias of the first's `&id001`, and an officer who deleted the first update broke the file
    at a line he never touched (a review's find)."""
    folder, *_, sheet, day = reimported_statuses(
        content, tmp_path, monkeypatch, lambda first, second: None, "Đã hoàn thành", "Đã hoàn thành")
    assert main(["import", str(sheet), "--session", str(folder), "--force"]) == 0
    written = (folder / "answers.yaml").read_text(encoding="utf-8")
    assert written.count(f"date: {day.isoformat()}") == 2 and "&id" not in written, written
    assert errors_of(content) == []


def test_reimport_with_an_empty_status_keeps_the_status_of_answers_yaml(
        content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A commitment whose status answers.yaml holds (its updates only notes): an empty cell
    keeps it, and a new one is recorded as an update; the empty cell lowered it to pending
    (found by a review helper)."""
    def change(*commitments: dict[str, Any]) -> None:
        for commitment in commitments:
            commitment["status"] = "in_progress"
            commitment["updates"] = [{"date": dt.date(2024, 12, 20), "note": "Điện lực đã khởi công"}]

    folder, first, second, sheet, day = reimported_statuses(
        content, tmp_path, monkeypatch, change, "", "Đã hoàn thành")
    assert main(["import", str(sheet), "--session", str(folder), "--force"]) == 0
    after = items_of(folder)
    assert after[0]["commitments"][0]["status"] == "in_progress"
    assert after[0]["commitments"][0]["updates"] == first["updates"]
    assert after[1]["commitments"][0]["status"] == "done"
    assert after[1]["commitments"][0]["updates"] == [*second["updates"], {"date": day, "status": "done"}]
    assert errors_of(content) == []


def test_a_bad_answer_date_hides_neither_the_commitment_nor_its_problems(
        content: Path, tmp_path: Path) -> None:
    """The answer fails on its date, yet its agency is the row's: the commitment is still read
    (its own bad due date reported in the same run), not told to name an agency it names."""
    result = import_into_hoa_xuan(content, tmp_path / "ngay.csv", (
        "STT,Người nêu,Loại,Lĩnh vực,Nội dung,Cơ quan trả lời,Ngày trả lời,Trả lời,Cam kết,Hạn\n"
        "1,Ông A.,Kiến nghị,Đất đai,Đề nghị cấp sổ đỏ.,UBND phường Hòa Xuân,31/02/2026,"
        "Đang làm.,Cấp sổ,31/02/2027\n"))
    assert result.returncode != 0
    assert "ngay.csv:row 2: column 'Ngày trả lời': '31/02/2026' is not a day of the calendar" in result.stderr
    assert "ngay.csv:row 2: column 'Hạn': '31/02/2027' is not a day of the calendar" in result.stderr
    assert "Cơ quan thực hiện" not in result.stderr


def test_names_spelt_with_i_or_y_match_the_registry(content: Path, tmp_path: Path) -> None:
    """'Quản lí' and 'Quản lý', 'kĩ' and 'kỹ': both spellings are correct and offices use
    either; the registry's name is found whichever the sheet has."""
    folder = new_session(content)
    sheet = write_text_sheet(tmp_path / "li.csv", (
        "STT,Người hỏi,Loại,Lĩnh vực,Nội dung,Cơ quan trả lời,Trả lời\n"
        "1,Ông A.,Câu hỏi,Xây dựng,Hỏi về giấy phép.,Phòng Quản lí đô thị quận Cẩm Lệ,Trả lời.\n"))
    assert main(["import", str(sheet), "--session", str(folder)]) == 0
    assert items_of(folder)[0]["answers"][0]["by"] == "phong-quan-ly-do-thi"


def test_names_written_with_eth_for_d_stroke_match_the_registry(content: Path, tmp_path: Path) -> None:
    """Old-font conversions and PDF copies write `Đ` as `Ð` (Latin Eth, U+00D0), which looks
    the same: the registry's name is found, by `new` and by `import`."""
    eth = str.maketrans("Đđ", "\u00d0\u00f0")
    argv = [*NEW, "--content-dir", str(content)]
    argv[argv.index("UBND P. Hòa Thọ Đông")] = "UBND TP Đà Nẵng".translate(eth)
    argv[argv.index("Hoà Thọ Đông")] = "Đà Nẵng".translate(eth)
    assert main(argv) == 0
    folder = content / "sessions" / "2024" / SESSION_ID
    archive, _ = load_archive(content, include_drafts=True)
    session = next(s for s in archive.sessions if s.id == SESSION_ID)
    assert (session.meta.organizer, session.meta.place) == ("ubnd-thanh-pho-da-nang", "thanh-pho-da-nang")
    sheet = write_text_sheet(tmp_path / "eth.csv", (
        "STT,Người hỏi,Loại,Lĩnh vực,Nội dung,Cơ quan trả lời,Trả lời\n"
        "1,Ông A.,Câu hỏi,Đất đai,Hỏi về sổ đỏ.,Chi nhánh VPĐKĐĐ Cẩm Lệ,Trả lời.\n").translate(eth))
    assert main(["import", str(sheet), "--session", str(folder)]) == 0
    assert items_of(folder)[0]["answers"][0]["by"] == "chi-nhanh-van-phong-dang-ky-dat-dai-cam-le"


def test_names_written_with_the_usual_initials_or_in_full_match_the_registry(content: Path,
                                                                            tmp_path: Path) -> None:
    """'CA phường' is 'Công an phường', 'Văn phòng Ủy ban nhân dân quận' 'Văn phòng UBND quận':
    offices write either, and the registry has one of them."""
    folder = new_session(content)
    sheet = write_text_sheet(tmp_path / "viet-tat.csv", (
        "STT,Người hỏi,Loại,Lĩnh vực,Nội dung,Cơ quan trả lời,Trả lời\n"
        "1,Ông A.,Câu hỏi,Cư trú,Hỏi về tạm trú.,CA phường Khuê Trung,Trả lời.\n"
        "2,Ông B.,Câu hỏi,Đất đai,Hỏi về sổ đỏ.,Chi nhánh Văn phòng đăng ký đất đai Cẩm Lệ,Trả lời.\n"
        "3,Ông C.,Câu hỏi,Đất đai,Hỏi về đo đạc.,Phòng TN&MT,Trả lời.\n"
        "4,Ông D.,Câu hỏi,Cư trú,Hỏi về lịch tiếp.,Văn phòng Ủy ban nhân dân quận,Trả lời.\n"
        # 'P.' is Phòng or Phường: the one that names an entry (no hint at all before)
        "5,Ông E.,Câu hỏi,Xây dựng,Hỏi về giấy phép.,P.QLĐT,Trả lời.\n"
        "6,Ông G.,Câu hỏi,Hộ tịch,Hỏi về khai sinh.,P. Tư pháp,Trả lời.\n"))
    assert main(["import", str(sheet), "--session", str(folder)]) == 0
    assert [item["answers"][0]["by"] for item in items_of(folder)] == [
        "cong-an-phuong-khue-trung", "chi-nhanh-van-phong-dang-ky-dat-dai-cam-le",
        "phong-tai-nguyen-moi-truong", "van-phong-ubnd-quan-cam-le", "phong-quan-ly-do-thi",
        "phong-tu-phap"]



def test_initials_that_stand_for_two_names_keep_each_entry_its_own(tmp_path: Path) -> None:
    """'VH-TT' is 'Văn hóa – Thông tin' and 'Văn hóa – Thể thao': a registry holding both
    found neither by its own short name once initials and words were made alike (a review's
    find)."""
    from dialogue_archive.core.models import Agency
    from dialogue_archive.core.registry_match import Match
    match = Match.build("agency", [
        Agency(id="trung-tam-vhtt", name="Trung tâm Văn hóa - Thông tin quận"),
        Agency(id="trung-tam-vhtt-tt", name="Trung tâm Văn hóa - Thể thao quận",
               short_name="Trung tâm VH-TT quận")])
    assert match.resolve("Trung tâm VH-TT quận") == "trung-tam-vhtt-tt"
    assert match.resolve("Trung tâm Văn hoá – Thông tin quận") == "trung-tam-vhtt"
    assert match.resolve("Trung tâm Văn hóa và Thông tin quận") == "trung-tam-vhtt"  # 'và' for '-'
    match = Match.build("agency", [Agency(id="phong-tckh", name="Phòng Tài chính – Kế hoạch")])
    assert match.resolve("Phòng Tài chính và Kế hoạch") == "phong-tckh"  # 'và' before initials


def test_a_name_cut_short_is_told_the_agency_whose_name_it_starts() -> None:
    """'Phòng Kinh tế' was told "did you mean Phòng Văn hóa - Xã hội", the closest name by
    letters, where the registry has one agency whose name starts so (a press office's find)."""
    from dialogue_archive.core.models import Agency
    from dialogue_archive.core.registry_match import Match, MatchError
    match = Match.build("agency", [
        Agency(id="phong-kt-ht-dt", name="Phòng Kinh tế, Hạ tầng và Đô thị phường Hải Châu"),
        Agency(id="phong-vh-xh", name="Phòng Văn hóa - Xã hội phường Hải Châu"),
        Agency(id="phong-noi-vu", name="Phòng Nội vụ")])
    with pytest.raises(MatchError) as said:
        match.resolve("Phong Kinh te")
    assert "(did you mean 'phong-kt-ht-dt', Phòng Kinh tế, Hạ tầng và Đô thị phường Hải Châu?)" \
        in str(said.value), said.value


def test_a_name_cut_to_its_usual_words_is_told_the_agency_of_the_place() -> None:
    """'Mặt trận xã' and 'MTTQ xã' for 'Ủy ban Mặt trận Tổ quốc Việt Nam xã Diễn Châu' got no
    suggestion: a name whose words a registry name holds in order suggests that entry, the one
    of the session's place where two communes have one."""
    from dialogue_archive.core.models import Agency
    from dialogue_archive.core.registry_match import Match
    match = Match.build("agency", [
        Agency(id="ubmttq-dien-chau", name="Ủy ban Mặt trận Tổ quốc Việt Nam xã Diễn Châu"),
        Agency(id="ubmttq-dien-ky", name="Ủy ban Mặt trận Tổ quốc Việt Nam xã Diễn Kỷ"),
        Agency(id="ubnd-dien-chau", name="Ủy ban nhân dân xã Diễn Châu"),
        Agency(id="hoi-nong-dan-dien-chau", name="Hội Nông dân xã Diễn Châu")])
    meant = " (did you mean 'ubmttq-dien-chau', Ủy ban Mặt trận Tổ quốc Việt Nam xã Diễn Châu?)"
    assert match.did_you_mean("Mặt trận xã", near="Xã Diễn Châu") == meant
    assert match.did_you_mean("Ủy ban MTTQ xã", near="Xã Diễn Châu") == meant
    assert match.did_you_mean("MTTQ xã", near="Xã Diễn Kỷ") == \
        " (did you mean 'ubmttq-dien-ky', Ủy ban Mặt trận Tổ quốc Việt Nam xã Diễn Kỷ?)"
    assert match.did_you_mean("Nông dân xã", near="Xã Diễn Châu") == \
        " (did you mean 'hoi-nong-dan-dien-chau', Hội Nông dân xã Diễn Châu?)"


def test_an_agency_the_registry_lacks_gets_the_likeliest_of_its_day_or_one_row_each(
        content: Path, tmp_path: Path, capsys) -> None:
    """The agency a name holds whole, among those of the session's day, is suggested (a review's
    finds: 'Phòng QLĐT quận Cẩm Lệ' got Phòng Y tế; 'UBND phường' in 2025 a ward merged away); two
    agencies in one cell are said to be two."""
    folder = new_session(content)  # 18/07/2024, in Hòa Thọ Đông
    sheet = write_text_sheet(tmp_path / "ten.csv", (
        "STT,Người hỏi,Loại,Lĩnh vực,Nội dung,Cơ quan trả lời,Trả lời\n"
        "1,Ông A.,Câu hỏi,Xây dựng,Hỏi về giấy phép.,Phòng QLĐT huyện,Trả lời.\n"
        "2,Ông B.,Câu hỏi,Đất đai,Hỏi về sổ đỏ.,\"Phòng TNMT, UBND P. Khuê Trung\",Trả lời.\n"))
    assert main(["import", str(sheet), "--session", str(folder)]) == 1
    err = capsys.readouterr().err
    assert ("unknown agency 'Phòng QLĐT huyện' (did you mean 'phong-quan-ly-do-thi', Phòng Quản lý đô "
            "thị quận Cẩm Lệ?)") in err
    assert ("'Phòng TNMT, UBND P. Khuê Trung' names 2 agency entries (phong-tai-nguyen-moi-truong "
            "(Phòng Tài nguyên và Môi trường quận Cẩm Lệ), ubnd-phuong-khue-trung (Ủy ban nhân dân "
            "phường Khuê Trung)), where one is written: give each its own row") in err
    assert main([*NEW, "--content-dir", str(content), "--date", "2025-09-01", "--slug", "doi-thoai-thang-9",
                 "--organizer", "ubnd-phuong-cam-le", "--place", "phuong-cam-le"]) == 0
    later = content / "sessions" / "2025" / "2025-09-01-doi-thoai-thang-9"
    sheet.write_text("STT,Người hỏi,Loại,Lĩnh vực,Nội dung,Cơ quan trả lời,Trả lời\n"
                     "1,Ông A.,Câu hỏi,Xây dựng,Hỏi về giấy phép.,UBND phường,Trả lời.\n", encoding="utf-8")
    assert main(["import", str(sheet), "--session", str(later)]) == 1
    assert "unknown agency 'UBND phường' (did you mean 'ubnd-phuong-cam-le'" in capsys.readouterr().err


def test_an_agency_named_without_its_ward_gets_the_sessions_wards_as_suggestion(content: Path,
                                                                                tmp_path: Path) -> None:
    """'CA phường' and 'UBND phường' in a session of phường Hòa Xuân got phường Cẩm Lệ's police
    and committee as 'did you mean' (a review's find): an officer following it records another
    ward's agency."""
    result = import_into_hoa_xuan(content, tmp_path / "phuong.csv", (
        "STT,Người hỏi,Loại,Lĩnh vực,Nội dung,Cơ quan trả lời,Trả lời\n"
        "1,Ông A.,Câu hỏi,Cư trú,Hỏi về tạm trú.,CA phường,Trả lời.\n"
        "2,Ông B.,Câu hỏi,Cư trú,Hỏi về tạm trú.,UBND phường,Trả lời.\n"))
    assert result.returncode == 1
    assert "unknown agency 'CA phường' (did you mean 'cong-an-phuong-hoa-xuan-2025'" in result.stderr
    assert "unknown agency 'UBND phường' (did you mean 'ubnd-phuong-hoa-xuan-2025'" in result.stderr
    # one naming another ward keeps the closest name (the session's ward came first)
    folder = content / "sessions" / "2026" / "2026-11-20-doi-thoai-voi-cong-dan-phuong-hoa-xuan"
    result = run_import(write_text_sheet(tmp_path / "phuong-khac.csv", (
        "STT,Người hỏi,Loại,Lĩnh vực,Nội dung,Cơ quan trả lời,Trả lời\n"
        "1,Ông A.,Câu hỏi,Cư trú,Hỏi về tạm trú.,UBND phường Cẩm Lệe,Trả lời.\n")), folder)
    assert "unknown agency 'UBND phường Cẩm Lệe' (did you mean 'ubnd-phuong-cam-le'" in result.stderr


def test_excel_error_values_are_refused_where_they_stand(content: Path, tmp_path: Path) -> None:
    """'#N/A' from a VLOOKUP that found nothing is no question nor an answer."""
    result = import_into_hoa_xuan(content, tmp_path / "loi-excel.csv", (
        "STT,Người hỏi,Loại,Lĩnh vực,Nội dung,Cơ quan trả lời,Trả lời\n"
        "1,Ông A.,Câu hỏi,Cư trú,#N/A,UBND phường Hòa Xuân,#REF!\n"
        "2,Bà B.,#N/A,Cư trú,Hỏi về tạm trú.,#N/A,Trả lời.\n"))
    assert result.returncode == 1
    assert "loi-excel.csv:row 2: column 'Nội dung': holds Excel's error value #N/A" in result.stderr
    assert "; so does 'Trả lời' (#REF!)" in result.stderr
    # said once: not again as an unknown agency or type (a review's find)
    assert [line for line in result.stderr.splitlines() if line.startswith("loi-excel.csv:row 3")] == [
        "loi-excel.csv:row 3: column 'Loại': holds Excel's error value #N/A (a formula that failed, "
        "or that points at a deleted cell): put the text there, or fix the formula; so does "
        "'Cơ quan trả lời' (#N/A)"]
    assert "Traceback" not in result.stderr


def test_an_excel_error_in_the_second_of_two_joined_columns_is_no_part_of_the_text(
        content: Path, tmp_path: Path) -> None:
    """Two 'Nội dung' columns are joined into one text, and a '#N/A' in the second was
    published as the question's last line (a review's find)."""
    joined = import_into_hoa_xuan(content, tmp_path / "hai-cot.csv", (
        "STT,Người hỏi,Loại,Lĩnh vực,Nội dung,Nội dung,Cơ quan trả lời,Trả lời\n"
        "1,Ông A.,Câu hỏi,Cư trú,Hỏi về tạm trú.,#N/A,UBND phường Hòa Xuân,Trả lời.\n"))
    assert joined.returncode == 1
    assert "hai-cot.csv:row 2: column 'Nội dung (F)': holds Excel's error value #N/A" in joined.stderr


def test_an_excel_error_in_one_of_two_columns_of_one_value_is_said_as_such(
        content: Path, tmp_path: Path) -> None:
    """'#N/A' in the first of two 'Cơ quan trả lời' columns was said as an unknown agency and as
    the columns disagreeing, never as an Excel error (a review's find)."""
    result = import_into_hoa_xuan(content, tmp_path / "hai-co-quan.csv", (
        "STT,Người hỏi,Loại,Lĩnh vực,Nội dung,Cơ quan trả lời,Cơ quan trả lời,Trả lời\n"
        "1,Ông A.,Câu hỏi,Cư trú,Hỏi về tạm trú.,#N/A,UBND phường Hòa Xuân,Trả lời.\n"))
    assert result.returncode == 1
    assert [line for line in result.stderr.splitlines() if ":row 2:" in line] == [
        "hai-co-quan.csv:row 2: column 'Cơ quan trả lời (F)': holds Excel's error value #N/A (a "
        "formula that failed, or that points at a deleted cell): put the text there, or fix the "
        "formula"]


def test_a_formula_whose_value_the_workbook_does_not_hold_is_said_not_read_as_empty(
        content: Path, tmp_path: Path) -> None:
    """A workbook a program wrote holds formulas without their values: the asker's formula was
    read as an empty cell (the default label published) and the commitment's dropped, without
    a word (a review's find)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Người hỏi", "Loại", "Lĩnh vực", "Nội dung", "Cơ quan trả lời",
                  "Nội dung trả lời", "Cam kết"])
    sheet.append([1, '=CONCAT("Ông ","N.V.A")', "Câu hỏi", "Xây dựng", "Hỏi về giấy phép.",
                  "UBND phường Hòa Xuân", "Trả lời.", '=CONCAT("Sửa ","đường")'])
    workbook.save(tmp_path / "cong-thuc.xlsx")
    folder = hoa_xuan_session(content)
    result = run_import(tmp_path / "cong-thuc.xlsx", folder)
    assert result.returncode == 1
    assert ("cong-thuc.xlsx:row 2: column 'Người hỏi': holds the formula =CONCAT(\"Ông \",\"N.V.A\"), "
            "whose value the file does not hold") in result.stderr
    assert "so does 'Cam kết'" in result.stderr
    # a formula whose value is an empty text, as Excel and LibreOffice save it (a text cell with
    # an empty value), is an empty cell: that row imports (a review's find: it was refused)
    sheet["B2"], sheet["H2"] = "Ông N.V.A", '=IF(1=1,"","x")'
    workbook.save(tmp_path / "rong.xlsx")
    with zipfile.ZipFile(tmp_path / "rong.xlsx") as made, \
            zipfile.ZipFile(tmp_path / "da-luu.xlsx", "w", zipfile.ZIP_DEFLATED) as saved:
        for entry in made.infolist():
            data = made.read(entry.filename)
            if entry.filename == "xl/worksheets/sheet1.xml":
                data, count = re.subn(rb'<c r="H2"><f>(.*?)</f><v\s*/?>(?:</v>)?</c>',
                                      rb'<c r="H2" t="str"><f>\1</f><v></v></c>', data)
                assert count == 1, data
            saved.writestr(entry, data)
    saved_result = run_import(tmp_path / "da-luu.xlsx", folder)
    assert saved_result.returncode == 0, saved_result.stderr


def test_a_repeated_stt_with_the_same_question_is_one_item(content: Path, tmp_path: Path,
                                                            capsys) -> None:
    """The 'not merged' layout: each agency's answer on a row of its own that repeats the
    question's STT (and its question, or leaves it empty)."""
    folder = hoa_xuan_session(content)
    sheet = write_text_sheet(tmp_path / "dup-stt.csv", (
        "STT,Người hỏi,Loại,Lĩnh vực,Nội dung,Cơ quan trả lời,Trả lời\n"
        "1,Ông A.,Câu hỏi,Cư trú,Hỏi về tạm trú,Công an phường Hòa Xuân,Trả lời của công an\n"
        "1,Ông A.,Câu hỏi,Cư trú,Hỏi về tạm trú,UBND phường Hòa Xuân,Trả lời của UBND\n"
        "1,,,,,UBND phường Hòa Xuân,Trả lời bổ sung\n"
        "2,Ông B.,Câu hỏi,Cư trú,Hỏi về tạm trú,UBND phường Hòa Xuân,Trả lời\n"
        "2,Bà C.,Câu hỏi,Cư trú,Hỏi về thường trú,UBND phường Hòa Xuân,Trả lời khác\n"))
    assert main(["import", str(sheet), "--session", str(folder)]) == 0
    first, second, third = items_of(folder)
    assert [a["text"] for a in first["answers"]] == ["Trả lời của công an", "Trả lời của UBND",
                                                    "Trả lời bổ sung"]
    assert first["asker"]["label"] == "Ông A." and second["asker"]["label"] == "Ông B."
    assert third["text"] == "Hỏi về thường trú"  # another question: an item, and a warning
    assert "warning: dup-stt.csv:row 6: STT 2 again, with another question than row 5: imported " \
        "as an item of its own" in capsys.readouterr().err
    assert errors_of(content) == []


def test_an_official_forms_column_numbers_and_signature_block_are_not_rows(content: Path,
                                                                          tmp_path: Path,
                                                                          capsys) -> None:
    """'(1) (2) … (21)' under the header, and 'Người lập biểu', 'KT. CHỦ TỊCH', the signer's name
    and 'Nơi nhận' under the table, as an office's official form has them."""
    import openpyxl

    book = openpyxl.load_workbook(sample_sheet.write_xlsx(tmp_path / "mau.xlsx", merge=False))
    sheet = book.active
    sheet.insert_rows(3)
    for column in range(1, len(sample_sheet.HEADER) + 1):
        sheet.cell(3, column, f"({column})")
    last = sheet.max_row
    sheet.cell(last + 2, 16, "Hòa Thọ Đông, ngày 18 tháng 7 năm 2024")
    sheet.cell(last + 3, 1, "Người lập biểu")
    sheet.cell(last + 3, 16, "KT. CHỦ TỊCH")
    sheet.cell(last + 4, 16, "PHÓ CHỦ TỊCH")
    sheet.cell(last + 7, 1, "Trần Thị B")
    sheet.cell(last + 7, 16, "Nguyễn Văn C")
    sheet.cell(last + 8, 1, "Nơi nhận:")
    sheet.cell(last + 9, 1, "- UBND quận;")
    book.save(tmp_path / "mau-bieu.xlsx")
    folder = new_session(content)
    assert main(["import", str(tmp_path / "mau-bieu.xlsx"), "--session", str(folder)]) == 0
    assert (f"row {last + 2} and below are read as the signature block ('Hòa Thọ Đông, ngày 18 tháng "
            "7 năm 2024'), not as questions") in capsys.readouterr().out
    check_sample_items(items_of(folder))
    assert errors_of(content) == []


def test_a_row_of_four_signers_ends_the_table(content: Path, tmp_path: Path, capsys) -> None:
    """Four signers' roles in merged cells on one row were read as a question (a diff review's
    find, after a rule that took four values for a second answer's row)."""
    import openpyxl

    book = openpyxl.load_workbook(sample_sheet.write_xlsx(tmp_path / "mau.xlsx", merge=False))
    sheet = book.active
    last = sheet.max_row
    for start, role in ((1, "NGƯỜI LẬP BIỂU"), (6, "KIỂM SOÁT"), (11, "TRƯỞNG PHÒNG"), (16, "KT. CHỦ TỊCH")):
        sheet.cell(last + 2, start, role)
        sheet.merge_cells(start_row=last + 2, start_column=start, end_row=last + 2, end_column=start + 3)
    book.save(tmp_path / "bon.xlsx")
    folder = new_session(content)
    assert main(["import", str(tmp_path / "bon.xlsx"), "--session", str(folder)]) == 0
    assert f"row {last + 2} and below are read as the signature block" in capsys.readouterr().out
    check_sample_items(items_of(folder))


@pytest.mark.parametrize("role", ["CHỦ TỊCH", "Giám đốc", "TRƯỞNG PHÒNG"])
def test_a_signature_block_under_a_bare_role_is_not_rows(content: Path, tmp_path: Path,
                                                         capsys, role: str) -> None:
    """A signer's role without 'KT.' or 'TM.' (the chair signs in his own name), then his name:
    both were read as rows, and the import stopped on an item without a question."""
    import openpyxl

    book = openpyxl.load_workbook(sample_sheet.write_xlsx(tmp_path / "mau.xlsx", merge=False))
    sheet = book.active
    last = sheet.max_row
    sheet.cell(last + 2, 16, role)
    sheet.cell(last + 5, 16, "Nguyễn Văn C")
    book.save(tmp_path / "ky.xlsx")
    folder = new_session(content)
    assert main(["import", str(tmp_path / "ky.xlsx"), "--session", str(folder)]) == 0
    assert f"row {last + 2} and below are read as the signature block ('{role}')" \
        in capsys.readouterr().out
    check_sample_items(items_of(folder))


def test_a_procedure_code_that_excel_turned_into_a_number(content: Path, tmp_path: Path) -> None:
    """2.000720 typed into a cell that Excel formats as a number is 2.00072."""
    import openpyxl

    book = openpyxl.load_workbook(sample_sheet.write_xlsx(tmp_path / "so.xlsx"))
    sheet = book.active
    code = sample_sheet.HEADER.index("Thủ tục") + 1
    sheet.cell(3, code).value = 2.00072
    sheet.cell(7, code).value = 2.0007
    book.save(tmp_path / "so.xlsx")
    folder = new_session(content)
    result = run_import(tmp_path / "so.xlsx", folder, "--keep-valid")
    assert "so.xlsx:row 7: column 'Thủ tục': unknown procedure '2.0007'" in result.stderr
    assert items_of(folder)[0]["procedures"] == ["2.000720"]
    assert errors_of(content) == []


def test_reimport_of_a_question_grown_longer_keeps_its_id_without_a_warning(content: Path,
                                                                           tmp_path: Path) -> None:
    folder = hoa_xuan_session(content)
    head = "STT,Người hỏi,Loại,Lĩnh vực,Nội dung,Nội dung,Cơ quan trả lời,Trả lời\n"
    short = write_text_sheet(tmp_path / "a.csv", head + "1,Ông A.,Câu hỏi,Cư trú,Hỏi về tạm trú,,UBND "
                             "phường Hòa Xuân,Trả lời A\n")
    longer = write_text_sheet(tmp_path / "b.csv", head + "1,Ông A.,Câu hỏi,Cư trú,Hỏi về tạm trú,phần "
                              "hai của câu hỏi dài hơn phần một,UBND phường Hòa Xuân,Trả lời A\n")
    assert main(["import", str(short), "--session", str(folder)]) == 0
    result = run_import(longer, folder, "--force")
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    assert [i["id"] for i in items_of(folder)] == ["hoi-ve-tam-tru"]


def test_a_session_whose_front_matter_is_wrong_is_not_imported_into(content: Path, capsys) -> None:
    """Its date, kind and place are not known for sure: the import says to fix it first (the
    front matter is now read without its wrong keys to check the rest, which let it go on)."""
    folder = content / "sessions" / "2024" / "2024-06-27-tiep-xuc-cu-tri-phuong-hoa-xuan"
    index = folder / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("\ndate:", "\ntime: 8h\ndate:", 1),
                     encoding="utf-8")
    before = (folder / "answers.yaml").read_bytes()
    sheet = sample_sheet.HERE / f"{sample_sheet.NAME}.csv"
    assert main(["import", str(sheet), "--session", str(folder), "--force", "--keep-valid"]) == 2
    err = capsys.readouterr().err
    assert "the session's index.md has problems; fix them first" in err and "'8h' is not a time" in err
    assert (folder / "answers.yaml").read_bytes() == before


def test_reimport_dates_its_update_by_the_sites_build_date(
        content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A site that fixes `build_date` in its mkdocs.yml: the update is dated that day, which
    validate and the build accept; import used the machine's day, after it (a review's find)."""
    def change(first: dict[str, Any], second: dict[str, Any]) -> None:
        first["updates"] = [{"date": dt.date(2024, 12, 20), "status": "in_progress", "note": "Đã bổ sung"}]

    folder, first, _, sheet, _ = reimported_statuses(
        content, tmp_path, monkeypatch, change, "Đã hoàn thành", "")
    monkeypatch.delenv("DIALOGUE_ARCHIVE_BUILD_DATE")
    fixed = dt.date(2026, 11, 28)  # the sample's day; the machine's is later
    (content.parent / "mkdocs.yml").write_text(
        f"site_name: Thử\ndocs_dir: {content.name}\nplugins:\n  - dialogue-archive:\n"
        f"      build_date: {fixed}\n", encoding="utf-8")
    assert main(["import", str(sheet), "--session", str(folder), "--force"]) == 0
    assert items_of(folder)[0]["commitments"][0]["updates"] == [*first["updates"],
                                                                {"date": fixed, "status": "done"}]
    assert main(["validate", str(content)]) == 0


def test_import_takes_the_sessions_index_md_for_its_folder(content: Path) -> None:
    """`--session …/index.md` (a file manager's 'copy path') said 'not a session folder (no
    index.md)' of the index.md itself."""
    folder = new_session(content)
    result = run_import(sample_sheet.HERE / f"{sample_sheet.NAME}.csv", folder / "index.md")
    assert result.returncode == 0, result.stderr
    assert len(items_of(folder)) > 0


def test_import_of_a_folder_or_into_a_file_says_which_to_give(content: Path) -> None:
    """A folder given as the sheet was 'no such file'; another file given as the session was
    'not a session folder (no index.md)'."""
    folder = new_session(content)
    result = run_import(folder, folder)
    assert result.returncode == 2
    assert f"{folder}: this is a folder; give the spreadsheet file (.xlsx or .csv)" in result.stderr
    result = run_import(sample_sheet.HERE / f"{sample_sheet.NAME}.csv", content / "about.md")
    assert result.returncode == 2
    assert (f"{content / 'about.md'}: this is a file; give the session folder (the folder that "
            "holds index.md)") in result.stderr
    assert items_of(folder) == []


def test_a_long_unknown_agency_is_named_by_its_start(content: Path, tmp_path: Path) -> None:
    """A 30,000-character cell in 'Cơ quan trả lời' was quoted whole in its message (a fuzzing
    review's find), where validate names a long value by its first 60 characters."""
    long = "Phòng " + "rất dài " * 50
    result = import_into_hoa_xuan(content, tmp_path / "dai.csv",
                                  "STT,Loại,Lĩnh vực,Nội dung,Cơ quan trả lời,Nội dung trả lời\n"
                                  f"1,Câu hỏi,Cư trú,Câu hỏi.,{long},Trả lời.\n")
    assert result.returncode != 0
    message = next(line for line in result.stderr.splitlines() if "unknown agency" in line)
    assert f"unknown agency '{long[:60]}…'" in message and len(message) < 400, message
