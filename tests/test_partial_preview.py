"""A partial preview (`scripts/serve --only`): which sessions it reads, and what it leaves unjudged."""

from __future__ import annotations

import datetime as dt
import logging
import os
import subprocess
import time
from pathlib import Path

import pytest
from conftest import ROOT, make_archive
from dialogue_archive.core.loader import load_archive
from dialogue_archive.core.partial_preview import ChoiceError, PartialPreview
from dialogue_archive.mkdocs_adapter.plugin import ONLY_VARIABLE, partial_preview

DAY = dt.date(2026, 11, 28)


def test_the_sessions_asked_for_are_years_months_or_ids() -> None:
    assert PartialPreview.parse(" 2024, 2023-06 2022-08-18-doi-thoai,2024", 0).starts == (
        "2024", "2023-06", "2022-08-18-doi-thoai")
    for typed in ("", " , ", "2024/06", "Năm 2024", "2024,*"):
        with pytest.raises(ChoiceError, match="give a year"):
            PartialPreview.parse(typed, 0)


def test_a_partial_preview_reads_its_sessions_and_judges_no_link_to_the_others(tmp_path: Path) -> None:
    """A link from a shown session to one left out (here to an anchor that session lacks) is
    not judged: that session is not read. The whole archive's load reports it."""
    content = make_archive(tmp_path / "content", sessions=3)  # 20, 19 and 18 June 2024
    first, second, third = (content / "sessions" / "2024" / f"2024-06-{day}-doi-thoai-{n}"
                            for n, day in ((1, 20), (2, 19), (3, 18)))
    with (first / "index.md").open("a", encoding="utf-8") as text:
        text.write(f"\nXem [phiên trước](../{second.name}/index.md#khong-co-muc-nay).\n")
    _, whole = load_archive(content, DAY)
    assert any("#khong-co-muc-nay" in str(problem) for problem in whole.errors)

    later = time.time() + 1000
    archive, log = load_archive(content, DAY, only=PartialPreview(("2024-06-20",), later))
    assert not log.errors, log.sorted()
    assert [s.id for s in archive.sessions] == [first.name]
    assert archive.left_out == {f"sessions/2024/{second.name}", f"sessions/2024/{third.name}"}

    os.utime(third / "answers.yaml", (later + 1, later + 1))  # edited once the preview started
    archive, _ = load_archive(content, DAY, only=PartialPreview(("2024-06-20",), later))
    assert sorted(s.id for s in archive.sessions) == sorted([first.name, third.name])


def test_a_start_no_session_has_is_said() -> None:
    """`--only 2062` for 2026: the preview showed no session, and said nothing of it."""
    ids = ["2026-04-16-doi-thoai-lien-thong", "2024-06-27-tiep-xuc-cu-tri"]
    assert PartialPreview.parse("2062,2024-06", 0).unmatched(ids) == [
        "no session's id starts with '2062' (did you mean '2026'?)"]


def test_a_build_leaves_the_partial_preview_aside(monkeypatch, caplog) -> None:
    """A build publishes: it reads the whole archive, whatever the variable says."""
    monkeypatch.setenv(ONLY_VARIABLE, "2024")
    with caplog.at_level(logging.INFO):
        assert partial_preview(preview=False, started=0) is None
    assert "a build reads and publishes the whole archive" in caplog.text
    assert partial_preview(preview=True, started=0) is not None


def test_scripts_serve_says_what_only_takes(tmp_path: Path) -> None:
    result = subprocess.run([str(ROOT / "scripts" / "serve"), "--only", "Năm 2024", "-a", "127.0.0.1:1"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert result.returncode == 1
    assert "scripts/serve --only: 'Năm' is not the start of a session id: give a year (2026)" in result.stderr
    assert "Traceback" not in result.stderr
