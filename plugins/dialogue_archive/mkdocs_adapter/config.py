"""Options of the `dialogue-archive` plugin in mkdocs.yml."""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ConfigErrors, ConfigWarnings, ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from ..core.build_date import build_day
from ..core.cache import DiskCache
from ..core.label_overrides import use_labels
from ..core.labels import VI
from ..core.search import SCOPE_RECORDS, SHARD_RECORDS
from ..core.search_chunks import CHUNK_BYTES
from ..site_settings import read_settings

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

INSTANT = "navigation.instant"
"""Material's instant loading, and its sub-features (`navigation.instant.progress`, …)."""
INHERITED = re.compile(r"^INHERIT:\s*['\"]?(.+?)['\"]?\s*$", re.MULTILINE)
"""mkdocs.yml's `INHERIT:` line, and the file it names."""


class AtLeast(c.BaseConfigOption[int]):
    """A whole number no less than `least`: `search_shard_records: 0` stopped the build with a
    ZeroDivisionError traceback, and a negative number of records or bytes went unnoticed."""

    def __init__(self, least: int, default: int) -> None:
        super().__init__()
        self.least, self.default = least, default

    def run_validation(self, value: object) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or value < self.least:
            raise ValidationError(f"write a whole number of at least {self.least} "
                                  f"(the default is {self.default}), not {value!r}")
        return value


class Day(c.BaseConfigOption[str | dt.date]):
    """A day, YYYY-MM-DD, or blank for none: a string that is no day ('2026-13-45') passed the
    option's check and stopped the build later, alone, once the other options were fixed."""

    def run_validation(self, value: object) -> str | dt.date:
        try:
            build_day(value)
        except ValueError as exc:
            raise ValidationError(str(exc)) from None
        return value


class ArchivePluginConfig(base.Config):
    build_date = c.Optional(Day())
    """Fixed 'today' (YYYY-MM-DD) for reproducible builds: schedules and overdue use it.
    Falls back to the DIALOGUE_ARCHIVE_BUILD_DATE environment variable, then today."""

    drafts = c.Optional(c.Type(bool))
    """Also build drafts and scheduled sessions, clearly marked (previews only). Falls back to
    the DIALOGUE_ARCHIVE_DRAFTS environment variable (`scripts/serve` sets it), then false: a
    site's own mkdocs.yml with a `plugins:` block of its own replaces the repository's, and
    its preview then lost its drafts."""

    labels = c.Optional(c.Type(str))
    """A YAML file of labels replacing the archive's words (core/labels.py's keys), a path
    from the folder of mkdocs.yml: another kind of archive, or another language."""

    nav = c.Type(bool, default=True)
    """Build the short site navigation when mkdocs.yml has no `nav:` of its own."""

    cache = c.Type(bool, default=True)
    """Keep rendered fragments and pages on disk, so that unchanged work is not redone."""

    cache_dir = c.Optional(c.Type(str))
    """Where the cache lives, a path from the folder of mkdocs.yml; default
    `.cache/dialogue-archive` next to mkdocs.yml."""

    workers = AtLeast(0, default=0)
    """Processes that parse sessions, write pages and make search indexes; 0 = one per
    available core, 1 = no extra page writer and one search-index worker."""

    search_shard_records = AtLeast(1, default=SHARD_RECORDS)
    """Most search records in one Pagefind index (see core/search.py for why they are small)."""

    search_scope_records = AtLeast(1, default=SCOPE_RECORDS)
    """Records a query searches before the reader asks for older sessions."""

    search_chunk_bytes = AtLeast(1, default=CHUNK_BYTES)
    """Bytes of one word chunk of the index, about: what a query fetches per word
    (core/search_chunks.py)."""

    data_licence = c.Type(str, default="CC BY 4.0")
    """Licence of the open data (/data/), the publisher's choice; shown on the open-data page."""

    data_licence_url = c.Type(str, default="https://creativecommons.org/licenses/by/4.0/deed.vi")

    data_publisher = c.Optional(c.Type(str))
    """Who publishes the data (for citations); defaults to mkdocs.yml `copyright`, then site_name."""

    def checked(self) -> tuple[ConfigErrors, ConfigWarnings, list[str]]:
        """Every option's problem, its warnings (an unknown option) and, once `labels` is
        valid, the labels file's problems (whose words are then put in use: use_labels), all
        in one run. MkDocs' Config.validate stops at the first option that fails: a site's
        settings were refused in rounds. So each failed option takes its default, and the
        others are checked again."""
        defaults = type(self)(config_file_path=self.config_file_path)
        failed: ConfigErrors = []
        for _ in range(len(defaults) + 1):  # each round sets one option or more back
            found, warnings = super().validate()
            failed += found
            if not found:
                break
            for name, _ in found:
                self[name] = defaults[name]
        labels = [] if any(name == "labels" for name, _ in failed) else use_labels(
            beside_config(self.config_file_path, self.labels))
        return failed, warnings, labels

    def validate(self) -> tuple[ConfigErrors, ConfigWarnings]:
        """`checked`, as MkDocs takes it: the labels file's problems under the option
        `labels`; with any problem, the warnings too, which MkDocs drops for a plugin whose
        options fail."""
        failed, warnings, labels = self.checked()
        failed += [("labels", ValidationError(problem)) for problem in labels]
        return (failed + warnings, []) if failed else (failed, warnings)


def beside_config(config_file: str | None, written: str | None) -> Path | None:
    """A path an option writes (the `labels` file, `cache_dir`), from the folder of mkdocs.yml:
    not from the folder the build was started in, which a relative `cache_dir` was."""
    return Path(config_file or ".").resolve().parent / written if written else None


def option_problems(options: dict[str, Any], config_file: Path) -> list[str]:
    """What the build refuses in the plugin's `options` (as written in `config_file`), in
    its labels file and in a `theme.language` not the labels', found by the build's own checks:
    `validate` of a site's mkdocs.yml then passes what the build does. The labels file's words
    are used after."""
    schema = ArchivePluginConfig(config_file_path=str(config_file))
    schema.load_dict(options)
    failed, warnings, labels = schema.checked()
    try:
        lines = config_file.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):  # read a moment ago by site_settings
        lines = []
    located = sorted((_position_of(name, lines) or (1, 1), name, str(error))
                     for name, error in [*failed, *warnings])
    words_known = not labels and all(name != "labels" for name, _ in failed)
    language = [language_problem(config_file, read_settings(config_file))] if words_known else []
    return [f"{config_file}:{line}:{column}: plugin dialogue-archive, option '{name}': {error}"
            for (line, column), name, error in located] + labels + [p for p in language if p]


def _position_of(option: str, lines: list[str]) -> tuple[int, int] | None:
    """(line, column) of the first indented line that sets `option`; None when none does (an
    INHERIT file may)."""
    for number, line in enumerate(lines, 1):
        key = line.lstrip()
        if key.startswith(f"{option}:") and key != line:
            return number, len(line) - len(key) + 1
    return None


def language_problem(config_file: Path, settings: dict[str, Any]) -> str | None:
    """`file:line:column: message` when mkdocs.yml's `theme.language` (Material's own words,
    `<html lang>`) is not the labels' `locale.lang`: English words under `<html lang="vi">`.
    A language set in a file mkdocs.yml INHERITs is said at mkdocs.yml's own `theme:` (or
    `INHERIT:`) line, with what to add there: the message named the shared file, and editing
    it changes every site built from it."""
    theme = settings.get("theme")
    written = theme.get("language") if isinstance(theme, dict) else None
    lang = VI["locale"]["lang"]
    if written is None or str(written).lower() == lang.lower():
        return None
    path, (line, column) = _where_set(config_file, "language")
    mismatch = f"theme.language is '{written}' but the labels' locale.lang is '{lang}'"
    labels = f"or `lang: {written}` under `locale:` in the labels file"
    if path == config_file:
        return (f"{path}:{line}:{column}: {mismatch}: write `language: {lang}` under `theme:` in "
                f"{config_file.name} (or leave it out: the labels' language is then taken), {labels}")
    own_line, own_column = _top_level_line(config_file, ("theme", "INHERIT"))
    return (f"{config_file}:{own_line}:{own_column}: {mismatch} (set at {path}:{line}:{column}, "
            f"which this file INHERITs): add `language: {lang}` under `theme:` in this file, "
            f"{config_file}, not in the file it inherits from (other sites may share it), {labels}")


def _top_level_line(config_file: Path, keys: tuple[str, ...]) -> tuple[int, int]:
    """(line, 1) of the first of `keys` that `config_file` sets at its top level; (1, 1) when
    it sets none of them."""
    try:
        lines = config_file.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1, 1
    for key in keys:
        for number, line in enumerate(lines, 1):
            if line.startswith(f"{key}:"):
                return number, 1
    return 1, 1


def _where_set(config_file: Path, option: str) -> tuple[Path, tuple[int, int]]:
    """The file (mkdocs.yml or a file it INHERITs from) and (line, column) that set `option`."""
    path = config_file
    for _ in range(10):  # an INHERIT chain is short; a loop in it is MkDocs' to refuse
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            break
        if (position := _position_of(option, text.splitlines())) is not None:
            return path, position
        if (inherited := INHERITED.search(text)) is None:
            break
        path = path.parent / inherited.group(1)
    return config_file, (1, 1)


def labels_language(config: MkDocsConfig) -> None:
    """Material's words and `<html lang>` in the labels' language: a site's own mkdocs.yml
    without `theme.language` was `<html lang="en">` ("Skip to content") on a Vietnamese site.
    Left unset, it is the labels' `locale.lang` (when Material has that language); set to
    another, the build stops at its line. Unset includes a `theme: material` written alone and
    an empty value, as `!ENV SITE_LANG` is when that variable is not set (read_settings fills
    `!ENV` as MkDocs does): Material stopped on that with a traceback, no `languages/None.html`.
    A language Material does not translate (`km`) is still `<html lang>`, its words Material's
    English (`material_language`, read by partials/language.html): Material stopped on it with
    a traceback, no `languages/km.html`."""
    if config.config_file_path is None:
        return
    config_file = Path(config.config_file_path)
    settings = read_settings(config_file)
    if (problem := language_problem(config_file, settings)) is not None:
        raise PluginError(f"nothing was published:\n{problem}")
    theme = settings.get("theme")
    if not (isinstance(theme, dict) and theme.get("language") is not None):
        config.theme["language"] = VI["locale"]["lang"]
    if not any((Path(folder) / "partials" / "languages" / f"{config.theme['language']}.html").is_file()
               for folder in config.theme.dirs):
        config.theme["material_language"] = "en"


def without_instant_loading(config: MkDocsConfig, said: list[str]) -> list[str]:
    """Turn off Material's instant loading, said in one INFO line (a strict build goes on): it
    keeps the first page's header, whose search box then sends a query to an address relative
    to that first page (a 404), and it runs the search page's JSON settings as a script (a
    SyntaxError: search never starts), nor does it run a page's own scripts. Returns the
    features turned off; `said`, those an earlier build of this process said it turned off, are
    not said again: a preview repeated the line at every rebuild."""
    features = config.theme.get("features") or []
    instant = [f for f in features if f == INSTANT or str(f).startswith(f"{INSTANT}.")]
    if instant:
        config.theme["features"] = [f for f in features if f not in instant]
    if instant and instant != said:
        log.info("dialogue-archive: theme.features %s turned off: the archive's search and "
                 "header need each page loaded in full", ", ".join(map(str, instant)))
    return instant


def full_disk_advice(cache: DiskCache, where: str | None, otherwise: str) -> str:
    """What to do about a full disk at `where`: when it is in the cache's folder, make room
    there or put the cache elsewhere (the messages sent the user to the site's disk, or
    /dev/shm, which had room); `otherwise` else."""
    if not cache.holds(where):
        return otherwise
    return (f"free some space on the disk of the build's cache ({cache.root}), or set "
            "`cache_dir:` under the dialogue-archive plugin in mkdocs.yml to a folder on another "
            "disk, or `cache: false`")
