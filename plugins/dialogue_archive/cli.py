"""`dialogue-archive`: the press office's command line (validate, and more subcommands)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import yaml

from .core.loader import load_archive
from .core.parallel import worker_count
from .publishing_cli import add_commands as add_publishing_commands

Command = Callable[[argparse.Namespace], int]


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date; write YYYY-MM-DD") from None


class _AnyTag(yaml.SafeLoader):
    """Reads mkdocs.yml, whose `!!python/name:` and `!ENV` tags only MkDocs understands."""


_AnyTag.add_multi_constructor("", lambda loader, suffix, node: None)


def content_folder(path: Path) -> Path:
    """The content folder to check: `path`, or, when it is a site's mkdocs.yml or the folder
    of one rather than a content folder, the `docs_dir` that mkdocs.yml names."""
    config = path if path.is_file() else path / "mkdocs.yml"
    path = config.parent
    if (path / "registry").is_dir() or not config.is_file():
        return path
    try:
        settings = yaml.load(config.read_text(encoding="utf-8-sig"), Loader=_AnyTag) or {}
    except (yaml.YAMLError, UnicodeDecodeError):
        return path
    docs = path / str(settings.get("docs_dir") or "docs") if isinstance(settings, dict) else path
    if docs.is_dir():
        print(f"info: {config} names the content folder {docs}: checking that folder")
        return docs
    return path


def cmd_validate(args: argparse.Namespace) -> int:
    """Check a whole archive without building; every problem as file:line:column: message."""
    archive, log = load_archive(content_folder(Path(args.content_dir)), args.build_date,
                                workers=worker_count())
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
