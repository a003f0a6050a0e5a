"""A small run of scripts/bench: the benchmark keeps working (its figures are not asserted)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_bench_runs_and_prints_its_table(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), "--sizes", "12", "--no-serve",
         "--work", str(tmp_path)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    rows = {line.split("|")[1].strip(): line for line in result.stdout.splitlines()
            if line.startswith("| (")}
    for label in ("(a) our build, cold cache", "(a) warm rebuild, nothing changed",
                  "(a) rebuild after editing one session", "(a) the next day's first build, nothing edited",
                  "(b) plain Material, pages not in nav",
                  "(c) Python-Markdown alone"):
        assert re.search(r"\| [\d.]+ s \|", rows[label]), rows.get(label)
    assert "search index is reused" in result.stdout
    assert re.search(r"Output per item: [\d.]+ KB", result.stdout)
