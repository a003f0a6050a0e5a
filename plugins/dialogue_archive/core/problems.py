"""Located problems: every error the archive reports names a file, line and column."""

from __future__ import annotations

import difflib
import os
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
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
    decomposed: dict[str, str] = field(default_factory=dict)
    """The text as saved of each file that NFC normalisation changed, by displayed path."""

    def add(self, path: Path | str, line: int, column: int, message: str,
            severity: str = "error") -> None:
        self.problems.append(Problem(self.display(path), line, column, message, severity))

    def read_decomposed(self, path: Path | str, saved: str) -> None:
        """Positions in `path` are found in its NFC text, and reported in `saved`, the text as
        saved (one line per line of the NFC text)."""
        self.decomposed[self.display(path)] = saved

    def _as_saved(self, problem: Problem) -> Problem:
        saved = self.decomposed.get(problem.path)
        if saved is None:
            return problem
        return replace(problem, column=saved_column(saved, problem.line, problem.column))

    def display(self, path: Path | str) -> str:
        """The path from the current folder when the file is below it, as a terminal or an
        editor opens it; otherwise from the content folder's parent (`content/sessions/...`)."""
        path = Path(path)
        bases = [Path.cwd()] + ([self.root.parent] if self.root is not None else [])
        for base in bases:
            try:  # not resolved first: the path may be a symbolic link that loops
                return str(Path(os.path.abspath(path)).relative_to(os.path.abspath(base)))
            except ValueError:
                pass
        if self.root is not None:
            try:
                return str(path.resolve().relative_to(self.root.parent.resolve()))
            except (OSError, ValueError):
                pass
        return str(path)

    @property
    def errors(self) -> list[Problem]:
        return [self._as_saved(p) for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [self._as_saved(p) for p in self.problems if p.severity != "error"]

    def sorted(self) -> list[Problem]:
        return sorted({self._as_saved(p) for p in self.problems})


def saved_column(saved: str, line: int, column: int) -> int:
    """The column, in the text as saved, of the character at `column` of the NFC line: an
    editor counts `ờ` saved decomposed (o, horn, grave) as three characters."""
    lines = saved.split("\n")
    if not 1 <= line <= len(lines):
        return column
    text = lines[line - 1]
    passed = start = 0  # characters of the NFC line before the letter that starts at `start`
    for end in range(1, len(text) + 1):
        if end < len(text) and unicodedata.combining(text[end]):
            continue  # a mark of the letter that starts at `start`
        letter = unicodedata.normalize("NFC", text[start:end])
        if passed + len(letter) >= column:
            return start + min(column - passed, end - start)
        passed, start = passed + len(letter), end
    return column + len(text) - passed


LIKENESS = 0.6
"""How alike (0..1, difflib's ratio) a value must be to a known one to be suggested."""


def likeness(a: str, b: str) -> float:
    """How alike two texts are, 0..1: what every 'did you mean' is measured by."""
    return difflib.SequenceMatcher(None, a, b).ratio()


def close_matches(value: str, choices: Iterable[str], n: int = 1) -> list[str]:
    """The known values close enough to `value` to be what was meant, closest first: one
    written in other capitals first (`Id:` is `id`, which difflib finds only half alike)."""
    choices = list(choices)
    same = [choice for choice in choices if choice.casefold() == str(value).casefold()]
    alike = difflib.get_close_matches(str(value), choices, n=n, cutoff=LIKENESS)
    return list(dict.fromkeys([*same, *alike]))[:n]


def did_you_mean(value: str, choices: Iterable[str], show: Callable[[str], str] = str) -> str:
    """A short hint naming the closest known value (as `show` writes it), or nothing."""
    close = close_matches(value, choices)
    return f" (did you mean '{show(close[0])}'?)" if close else ""
