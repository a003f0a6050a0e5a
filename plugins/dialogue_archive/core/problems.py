"""Located problems: every error the archive reports names a file, line and column."""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in the content, in the `file:line:column: message` form."""

    path: str
    line: int
    column: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        return f"{self.path}:{self.line}:{self.column}: {prefix}{self.message}"


@dataclass
class ProblemLog:
    """Collects problems so that a run reports all of them at once."""

    root: Path | None = None
    problems: list[Problem] = field(default_factory=list)

    def add(self, path: Path | str, line: int, column: int, message: str,
            severity: str = "error") -> None:
        self.problems.append(Problem(self.display(path), line, column, message, severity))

    def display(self, path: Path | str) -> str:
        """Paths relative to the content folder's parent read best in messages."""
        path = Path(path)
        if self.root is not None:
            base = self.root.parent
            try:  # not resolved first: the path may be a symbolic link that loops
                return str(Path(os.path.abspath(path)).relative_to(os.path.abspath(base)))
            except ValueError:
                pass
            try:
                return str(path.resolve().relative_to(base.resolve()))
            except (OSError, ValueError):
                pass
        return str(path)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != "error"]

    def sorted(self) -> list[Problem]:
        return sorted(set(self.problems))


def did_you_mean(value: str, choices: Iterable[str], show: Callable[[str], str] = str) -> str:
    """A short hint naming the closest known value (as `show` writes it), or nothing."""
    close = difflib.get_close_matches(str(value), list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{show(close[0])}'?)" if close else ""
