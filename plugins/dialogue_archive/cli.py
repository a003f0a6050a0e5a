"""`dialogue-archive`: the press office's command line (validate, and more subcommands)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence

from .content_cli import SITE_DEFAULT, add_config_option
from .content_cli import add_commands as add_content_commands
from .core.archive import Archive
from .core.build_date import build_day, fixed_build_date
from .core.label_overrides import ARCHIVE_WORDS
from .core.loader import load_archive, loading_progress
from .core.parallel import worker_count
from .core.problems import ProblemLog
from .core.progress import amount
from .core.resizing import published_photos, unreadable_photos
from .mkdocs_adapter.config import option_problems
from .site_settings import chosen_site


def _date(value: str) -> dt.date | None:
    """--build-date, read as build_date in mkdocs.yml is (build_day)."""
    try:
        return build_day(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def cmd_validate(args: argparse.Namespace) -> int:
    """Check a whole archive without building; every problem as file:line:column: message.
    The build date is the one the build would use (`--build-date`, mkdocs.yml, the
    environment), so that what `validate` passes, the build does too."""
    try:
        site = chosen_site(args.content_dir, args.config_file)
    except ValueError as error:  # SettingsError: the build would stop there as well
        print(f"error: {error}", file=sys.stderr)
        return 2
    content = site.content
    if site.config is not None and (problems := option_problems(site.options, site.config)):
        print("\n".join(problems), file=sys.stderr)  # the build stops on them, before the content
        print(f"{len(problems)} error(s) in the site's settings: fix them, then run this command "
              "again.", file=sys.stderr)
        return 1
    try:  # after the options: a wrong build_date is one of them, said with the others
        build_date = fixed_build_date(args.build_date or site.build_date)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    archive, log = load_archive(content, build_date, workers=worker_count(),
                                pages_markdown_in_html=site.pages_markdown_in_html,
                                progress=loading_progress(_say))
    _check_photos(archive, log)
    for problem in log.sorted():
        print(problem, file=sys.stderr if problem.severity == "error" else sys.stdout)
    errors, warnings = len(log.errors), len(log.warnings)
    if errors:
        print(f"{errors} error(s), {warnings} warning(s) in {content}: fix them, then "
              "run this command again.", file=sys.stderr)
        return 1
    items = sum(len(s.items) for s in archive.sessions)
    print(f"OK: {amount(len(archive.sessions), 'session')}, {amount(items, 'item')}, "
          f"{amount(len(archive.agencies), 'agency', 'agencies')}, "
          f"{amount(len(archive.topics), 'topic')}, {amount(len(archive.places), 'place')}"
          + (f"; {warnings} warning(s)" if warnings else ""))
    return 0


def _say(text: str) -> None:
    """How far a long check is, on stderr: stdout holds the warnings and the summary."""
    print(text, file=sys.stderr, flush=True)


def _check_photos(archive: Archive, log: ProblemLog) -> None:
    """Warn of the photos the build would publish as they are because Pillow cannot read them
    (cut off, damaged), as the build does; the loader checks their names and first bytes only,
    and a truncated photo passed until the build. Drafts' photos too (they are published later),
    and those of the content folder's other pages."""
    photos = published_photos(archive, archive.sessions)
    refused = {problem.path for problem in log.errors}
    for photo in unreadable_photos(photos, worker_count()):
        if log.display(photo.path) not in refused:  # a renamed document is refused already
            photo.warn(log)


LABELS_HEADER = """\
# The archive's labels (core/labels.py), to start a site's own words or a translation from:
# replace the texts, keep each {…}, delete the labels you keep as they are, and name the file
# in mkdocs.yml (plugins: - dialogue-archive: labels: en.yaml). A label said with a count
# (labels.COUNTED) may have a singular beside it, <name>_one; a date form may write the
# month's name, {month_name}, in place of {month}. README: "The site's own words".
"""


def cmd_labels(args: argparse.Namespace) -> int:
    """Print every label of the archive as the YAML file the `labels` option reads."""
    import yaml

    sys.stdout.write(LABELS_HEADER + yaml.safe_dump(ARCHIVE_WORDS, allow_unicode=True,
                                                    sort_keys=False, width=100))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dialogue-archive",
        description="Write, check and publish the archive of citizen dialogue sessions.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = commands.add_parser("validate", help="check an archive without building it")
    validate.add_argument("content_dir", nargs="?", default=None,
                          help=f"the content folder, or the site's mkdocs.yml ({SITE_DEFAULT})")
    add_config_option(validate)
    validate.add_argument("--build-date", type=_date, default=None,
                          help="treat this day as today (YYYY-MM-DD)")
    validate.set_defaults(run=cmd_validate)
    labels = commands.add_parser("labels", help="print the archive's labels as a YAML file to "
                                 "translate (dialogue-archive labels > en.yaml)")
    labels.set_defaults(run=cmd_labels)
    add_content_commands(commands)
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
