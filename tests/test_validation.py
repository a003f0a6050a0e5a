"""`dialogue-archive validate` and the build report each problem once, located, without traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from conftest import ROOT, make_archive, replace, run_build, validate, write_config

SESSION = "sessions/2024/2024-06-20-doi-thoai-1"


def test_valid_archive_passes(tmp_path: Path) -> None:
    result = validate(make_archive(tmp_path / "content"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: 1 sessions, 1 items")


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
        f"{SESSION}/answers.yaml:7:9: YAML syntax error: did not find expected ',' or ']' "
        "(while parsing a flow sequence started on line 6)"),
    "unknown key": (
        f"{SESSION}/index.md", "summary:", "sumary:",
        f"{SESSION}/index.md:6:1: unknown key 'sumary' (did you mean 'summary'?)"),
    "folder disagrees with date": (
        f"{SESSION}/index.md", "date: 2024-06-20", "date: 2024-06-21",
        f"{SESSION}/index.md:3:7: date 2024-06-21 disagrees with the folder name"),
    "duplicate key": (
        f"{SESSION}/answers.yaml", "    topics: [xay-dung]\n",
        "    topics: [xay-dung]\n    topics: [cu-tru]\n",
        f"{SESSION}/answers.yaml:7:5: duplicate key 'topics' (already given on line 6)"),
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
