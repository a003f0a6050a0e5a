"""Which sessions a partial preview shows.

A preview of a whole archive makes every list, report and page again after each edit: at
10,000 sessions that is half a minute, however small the edit. A press office previewing its
latest sessions can instead name them (`scripts/serve --only 2026`): the preview then reads,
checks and builds those sessions and any session edited since it started, and counts only
them in its lists, statistics, search and open data. The full build (`scripts/build`) always
reads and checks the whole archive.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .problems import did_you_mean

if TYPE_CHECKING:
    from .archive import Session

SLOW_REBUILD = 10.0
"""Seconds: a whole preview's rebuild after an edit at least this slow is told of the partial
preview (about 3 s at 1,000 sessions, half a minute at 10,000)."""

CHOICE = re.compile(r"[0-9a-z][0-9a-z-]*")
"""A year, a month (`2026-03`), a day or a whole session id: the start of session ids."""


class ChoiceError(ValueError):
    """What is wrong with the sessions asked for, said to the person who typed them."""


@dataclass(frozen=True)
class PartialPreview:
    """The sessions whose id starts with one of `starts`, and those whose folder, write-up or
    record changed at or after `since` (seconds since the epoch: when the preview started)."""

    starts: tuple[str, ...]
    since: float

    @classmethod
    def parse(cls, written: str, since: float) -> PartialPreview:
        """From what was typed: starts of session ids, separated by commas or spaces."""
        starts = tuple(dict.fromkeys(part for part in re.split(r"[,\s]+", written.strip()) if part))
        if not starts:
            raise ChoiceError("no session named: give a year (2026), a month (2026-03) or "
                              "session ids, separated by commas")
        for start in starts:
            if not CHOICE.fullmatch(start):
                raise ChoiceError(f"'{start}' is not the start of a session id: give a year "
                                  "(2026), a month (2026-03) or session ids, separated by commas")
        return cls(starts, since)

    def shows(self, folder: Path) -> bool:
        """Whether the session of `folder` is in the preview."""
        return folder.name.startswith(self.starts) or any(
            _changed_since(path, self.since) for path in (folder, folder / "index.md",
                                                          folder / "answers.yaml"))

    def unmatched(self, ids: list[str]) -> list[str]:
        """What to say of each start that no session id of `ids` (the whole archive's) has."""
        return [f"no session's id starts with '{start}'"
                f"{did_you_mean(start, sorted({ident[:len(start)] for ident in ids}))}"
                for start in self.starts if not any(ident.startswith(start) for ident in ids)]

    def described(self) -> str:
        """The sessions asked for, as typed: said in the log and atop every page."""
        return ", ".join(self.starts)


def slow_preview_advice(seconds: float, sessions: Sequence[Session]) -> str | None:
    """What a whole preview whose rebuild after an edit took `seconds` says, once: the writer
    waiting for it learns there of the partial preview, named with the newest sessions' year."""
    if seconds < SLOW_REBUILD or not sessions:
        return None
    year = max(session.meta.date for session in sessions).year
    return (f"preview: this edit took {seconds:.0f} s to show, as every edit builds the whole "
            f"archive ({len(sessions)} sessions) again; a partial preview builds only the sessions "
            "you name and those you edit, in seconds: stop this one (Ctrl-C) and run "
            f"scripts/serve --only {year} (a year; or a month such as {year}-03, or session ids)")


def _changed_since(path: Path, moment: float) -> bool:
    try:
        return path.stat().st_mtime >= moment
    except OSError:
        return False
