"""The README's commands, run as a press officer runs them: from any folder."""

from __future__ import annotations

import os
import socket
import subprocess
from pathlib import Path

from conftest import CONTENT, ROOT, SAMPLE_BUILD_DATE, write_config


def test_scripts_build_takes_the_callers_relative_config(tmp_path: Path) -> None:
    """`scripts/build -f mkdocs.yml`, typed in the office's own folder, builds that folder's
    config (the script used to move to the repository first, and built the repository's)."""
    write_config(tmp_path, CONTENT, Path("own-site"), build_date=str(SAMPLE_BUILD_DATE))
    result = subprocess.run([str(ROOT / "scripts" / "build"), "-f", "mkdocs.yml"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=600,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "own-site" / "index.html").is_file()  # its site_dir, beside it


def test_scripts_build_says_where_an_unquoted_impossible_date_is(tmp_path: Path) -> None:
    """`build_date: 2024-02-30` without quotes, in the site's file or the one it inherits from,
    stopped MkDocs with PyYAML's traceback before any plugin ran ('day is out of range')."""
    (tmp_path / "base.yml").write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\nplugins:\n"
                                       "  - dialogue-archive:\n      build_date: 2024-02-30\n",
                                       encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(f"INHERIT: base.yml\ndocs_dir: {CONTENT}\n"
                                         "site_dir: own-site\n", encoding="utf-8")
    result = subprocess.run([str(ROOT / "scripts" / "build"), "--config-file=mkdocs.yml"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=600,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert result.returncode == 1
    assert "base.yml:4:19: 2024-02-30 is not a day of the calendar" in result.stderr, result.stderr
    assert "write a date that exists" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "own-site").exists()


def test_scripts_build_in_an_offices_folder_builds_that_folders_config(tmp_path: Path) -> None:
    """Typed without -f in the office's own folder, `scripts/build` built the repository's
    sample (into the repository's site/), which the README's next step says to upload, while
    `dialogue-archive validate` there read the folder's own mkdocs.yml (a helper's find). The
    folder's file is read, and said: its impossible date stops the build at its line."""
    (tmp_path / "mkdocs.yml").write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {CONTENT}\n"
                                         "site_dir: own-site\nplugins:\n  - dialogue-archive:\n"
                                         "      build_date: 2024-02-30\n", encoding="utf-8")
    result = subprocess.run([str(ROOT / "scripts" / "build")], cwd=tmp_path, capture_output=True,
                            text=True, timeout=600, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert result.returncode == 1
    assert f"info: using {tmp_path / 'mkdocs.yml'}, this folder's (-f names another)" in result.stderr
    assert "mkdocs.yml:6:19: 2024-02-30 is not a day of the calendar" in result.stderr, result.stderr


def test_scripts_serve_on_an_address_in_use_says_so_before_building(tmp_path: Path) -> None:
    """A second preview on the same port built the whole site, then failed with a traceback."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        address = f"127.0.0.1:{taken.getsockname()[1]}"
        result = subprocess.run([str(ROOT / "scripts" / "serve"), "-a", address], cwd=tmp_path,
                                capture_output=True, text=True, timeout=120,
                                env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert result.returncode == 1
    assert f"error: {address} is in use" in result.stderr and "-a 127.0.0.1:8010" in result.stderr
    assert "Building documentation" not in result.stderr and "Traceback" not in result.stderr
