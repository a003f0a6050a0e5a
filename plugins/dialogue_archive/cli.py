"""`dialogue-archive`: the press office's command line (validate, and more subcommands)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from .core.loader import fixed_build_date, load_archive
from .core.parallel import worker_count
from .publishing_cli import add_commands as add_publishing_commands


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date; write YYYY-MM-DD") from None


PLUGIN = "dialogue-archive"
"""The plugin's name in mkdocs.yml."""


class SettingsError(ValueError):
    """The site's mkdocs.yml cannot be read; the message says where and why."""


def site_settings(path: Path) -> tuple[Path, Any]:
    """The content folder to check and the build date its site fixes (as written). `path` is a
    content folder (whose site's mkdocs.yml, beside it, may fix the date), or a site's
    mkdocs.yml or the folder of one: then the content folder is the `docs_dir` it names."""
    content = path if (path / "registry").is_dir() else None
    if content is not None:
        config = path.resolve().parent / "mkdocs.yml"
    else:
        config = path if path.is_file() else path / "mkdocs.yml"
    if not config.is_file():
        return content or config.parent, None
    settings = _settings(config)
    plugins = settings.get("plugins") or []
    named = plugins.items() if isinstance(plugins, dict) else [
        pair for entry in plugins if isinstance(entry, dict) for pair in entry.items()]
    options = next((o for name, o in named if name == PLUGIN and isinstance(o, dict)), {})
    build_date = options.get("build_date")
    docs = config.parent / str(settings.get("docs_dir") or "docs")
    if content is not None:  # the date of the site built from this folder only
        return content, build_date if docs.resolve() == content.resolve() else None
    if docs.is_dir():
        print(f"info: {config} names the content folder {docs}: checking that folder")
        return docs, build_date
    return config.parent, None


def _settings(config: Path) -> dict[str, Any]:
    """mkdocs.yml as MkDocs reads it: its `INHERIT:` file merged in, `!ENV` values filled."""
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import yaml_load

    try:
        with config.open("rb") as source:
            settings = yaml_load(source)
    except (OSError, ValueError, yaml.YAMLError, ConfigurationError) as error:
        # ValueError: PyYAML reading `build_date: 2024-02-30`, a day that does not exist
        raise SettingsError(f"{config} cannot be read: {error}") from None
    return settings if isinstance(settings, dict) else {}


def cmd_validate(args: argparse.Namespace) -> int:
    """Check a whole archive without building; every problem as file:line:column: message.
    The build date is the one the build would use (`--build-date`, mkdocs.yml, the
    environment), so that what `validate` passes, the build does too."""
    try:
        content, written = site_settings(Path(args.content_dir))
        build_date = fixed_build_date(args.build_date or written)
    except ValueError as error:  # SettingsError too: the build would stop there as well
        print(f"error: {error}", file=sys.stderr)
        return 2
    archive, log = load_archive(content, build_date, workers=worker_count())
    for problem in log.sorted():
        print(problem, file=sys.stderr if problem.severity == "error" else sys.stdout)
    errors, warnings = len(log.errors), len(log.warnings)
    if errors:
        print(f"{errors} error(s), {warnings} warning(s) in {args.content_dir}: fix them, then "
              "run this command again.", file=sys.stderr)
        return 1
    items = sum(len(s.items) for s in archive.sessions)
    print(f"OK: {len(archive.sessions)} sessions, {items} items, {len(archive.agencies)} agencies, "
          f"{len(archive.topics)} topics, {len(archive.places)} places"
          + (f"; {warnings} warning(s)" if warnings else ""))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dialogue-archive",
        description="Write, check and publish the archive of citizen dialogue sessions.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = commands.add_parser("validate", help="check an archive without building it")
    validate.add_argument("content_dir", nargs="?", default="content",
                          help="the content folder (default: content)")
    validate.add_argument("--build-date", type=_date, default=None,
                          help="treat this day as today (YYYY-MM-DD)")
    validate.set_defaults(run=cmd_validate)
    add_publishing_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
