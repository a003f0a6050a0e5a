"""The press office's subcommands: `new` (a session folder) and `import` (a spreadsheet)."""

from __future__ import annotations

import argparse
import datetime as dt
import shlex
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .core.build_date import fixed_build_date
from .core.labels import VI
from .core.loader import LABEL_WORDS, load_archive
from .core.models import SESSION_ID_PATTERN, TIME_OF_DAY, SessionKind, spoken_time
from .core.registry_match import MatchError, folded_words
from .core.scaffold import NewSession, ScaffoldError, check_organizer, check_place, command, create_session
from .core.spreadsheet import (
    FORCE_KEEPS,
    SheetError,
    import_sheet,
    month_first_day,
    not_a_day,
    session_folder,
    written_day,
)
from .site_settings import SettingsError, Site, chosen_site, site_settings

REQUIRED = {
    "date": "day of the session (YYYY-MM-DD or DD/MM/YYYY)",
    "title": "headline of the write-up",
    "organizer": "agency that held it (id, name or alias)",
    "place": "area it served (id or name)",
}


def _date(value: str) -> dt.date:
    """YYYY-MM-DD, or as an office writes it, 18/09/2025 (as `import` reads its sheet). A date
    that is a day only when read month first ('7/18/2024', as US software writes it) is said
    to be one, with the way to write it; one date alone cannot tell which way '7/6/2024' was
    meant: it is read day first, as the sheet's dates are."""
    if (day := written_day(value)) is not None:
        return day
    if (day := month_first_day(value)) is not None:
        raise argparse.ArgumentTypeError(
            f"'{value}' is a day only when read month first ({day:%d/%m/%Y}), as US software "
            f"writes dates: write it day/month/year, {day:%d/%m/%Y}, or {day:%Y-%m-%d}")
    raise argparse.ArgumentTypeError(not_a_day(value))


def _time(value: str) -> str:
    """The start time as offices write it ('14h00', '8h30', '14h', '14 giờ', '8g30', '8:30', '2:30
    CH': the forms `import` reads beside a session's day, models.spoken_time) as HH:MM,
    FORMAT.md's form; only HH:MM was taken. A time of no day ('25h00', '8h75') is refused."""
    if written := spoken_time(value):
        return written
    if TIME_OF_DAY.fullmatch(value.strip()) is None:
        raise argparse.ArgumentTypeError(f"'{value}' is not a time: write the start time as 14:00 "
                                         "(or 14h00, 8h30, 14 giờ)")
    raise argparse.ArgumentTypeError(f"'{value}' is no time of the day (0:00 to 23:59): check "
                                     "the hour and the minutes")


def _kind(value: str) -> str:
    """A session's kind, as FORMAT.md writes it or as the site names it ('tiếp xúc cử tri':
    argparse's "invalid choice" named no value to write, where `validate` does)."""
    kinds = [kind.value for kind in SessionKind]
    meant = value if value in kinds else LABEL_WORDS.get(folded_words(value))
    if meant in kinds:
        return meant
    raise argparse.ArgumentTypeError(f"'{value}' is no kind of session: write one of " + ", ".join(
        f"{kind} ({VI['session_kind'][kind].lower()})" for kind in kinds))


def _ask(label: str, check: Callable[[str], Any]) -> Any:
    """Ask until the answer passes `check`; its error message is shown in between."""
    while True:
        answer = input(f"{label}: ").strip()
        try:
            return check(answer)
        except (ValueError, argparse.ArgumentTypeError) as exc:
            print(f"  {exc}", file=sys.stderr)


def cmd_new(args: argparse.Namespace) -> int:
    """Create sessions/<year>/<id>/ with index.md and answers.yaml, asking for what is missing;
    in the content folder `validate` would check (`chosen_site`), as of the site's build day."""
    try:
        site = chosen_site(args.content_dir, args.config_file)
        build_date = fixed_build_date(site.build_date)
    except ValueError as error:  # SettingsError, or a build_date that is no day
        print(f"error: {error}", file=sys.stderr)
        return 2
    archive, _ = load_archive(site.content, build_date)
    if not archive.agencies or not archive.places:
        print(f"{site.content}: no registry/agencies.yaml or registry/places.yaml to choose the "
              "organizer and place from; is this the content folder? Give it with --content-dir, "
              "or the site's mkdocs.yml with -f", file=sys.stderr)
        return 2
    missing = [name for name in REQUIRED if getattr(args, name) is None]
    if missing and not sys.stdin.isatty():
        print("missing: " + ", ".join(f"--{n} ({REQUIRED[n]})" for n in missing)
              + "\nGive them as options, or run the command in a terminal to be asked.", file=sys.stderr)
        return 2
    if args.date is None:
        args.date = _ask(f"Date, {REQUIRED['date']}", _date)
    if args.title is None:
        args.title = _ask(f"Title, {REQUIRED['title']}", _non_empty)
    if args.organizer is None:
        args.organizer = _ask(f"Organizer, {REQUIRED['organizer']}",
                              lambda v: check_organizer(archive, v, args.date))
    if args.place is None:
        args.place = _ask(f"Place, {REQUIRED['place']}", lambda v: check_place(archive, v, args.date))
    request = NewSession(date=args.date, title=args.title, organizer=args.organizer,
                         place=args.place, kind=args.kind, time=args.time, slug=args.slug,
                         draft=args.draft)
    try:
        folder = create_session(archive, request)
    except ScaffoldError as exc:
        for message in exc.messages:
            print(message, file=sys.stderr)
        return 2
    except OSError as exc:  # a content folder this account may not write in
        print(f"error: the session folder could not be written ({exc.strerror}: {exc.filename}); "
              "check that this account may write in the content folder", file=sys.stderr)
        return 2
    print(f"created {folder}/index.md and answers.yaml"
          + (" (draft: true, not published until you remove that line)" if args.draft else
             " (not a draft: validate and the build refuse it until the write-up's '...' is "
             "replaced by the news text)"))
    if args.date > archive.build_date:
        print(f"note: dated after today, it stays off the public site until {args.date:%d/%m/%Y} "
              "(or until 'published:', if you add it)")
    print(f"next: write the news text in index.md, then import the questions:\n"
          f"  {command()} import SHEET.xlsx --session {shlex.quote(str(folder))}")
    return 0


def _non_empty(value: str) -> str:
    if not value:
        raise ValueError("this cannot be empty")
    return value


def cmd_import(args: argparse.Namespace) -> int:
    """Read a spreadsheet into answers.yaml; every rejected row is reported with its number."""
    try:  # the build date the site's mkdocs.yml fixes: an update must not be dated after it
        folder = _named_session(args.session, args.config_file)
        build_date = _site_of_session(folder, args.config_file).build_date
        report = import_sheet(Path(args.sheet), folder, keep_valid=args.keep_valid,
                              force=args.force, worksheet=args.worksheet, build_date=build_date)
    except (SheetError, MatchError, SettingsError) as exc:
        print(exc, file=sys.stderr)
        return 2
    for line in report.notes:
        print(line)
    for line in report.warnings + (report.effects if report.written else []):
        print(line, file=sys.stderr)
    for line in report.errors:
        print(line, file=sys.stderr)
    print(report.summary(), file=sys.stderr if report.errors and not report.written else sys.stdout)
    return 1 if report.errors and not report.written else 0


def _named_session(named: str, config_file: str | None) -> Path:
    """The folder `--session` names: a path, or a session's id as `new` prints it, looked up in
    the content folder (`validate`'s, or the one `-f` names); a path to no folder was refused
    as "not a session folder", and `new`, which the message advised, then said it exists."""
    path = Path(named)
    if path.exists() or not SESSION_ID_PATTERN.match(named):
        return session_folder(path)
    content = chosen_site(None, config_file).content
    folder = content / "sessions" / named[:4] / named
    if not (folder / "index.md").is_file():
        raise SheetError(f"--session {named}: no such folder, and no session of that id in "
                         f"{content}/sessions/{named[:4]}/; give the session's folder (with its "
                         f"index.md), or create it with {command()} new")
    return folder


def _site_of_session(folder: Path, config_file: str | None) -> Site:
    """The site a session folder is imported for: the one `-f` names, which must build the
    folder's content folder, else the one whose mkdocs.yml is beside that folder, as `validate`
    reads it (`site_settings`)."""
    if config_file is None:
        return site_settings(folder.resolve().parent.parent.parent)
    site = chosen_site(None, config_file)
    if not folder.resolve().is_relative_to(site.content.resolve()):
        raise SettingsError(f"{folder}: this session folder is not in the content folder "
                            f"{site.content} that {config_file} names (docs_dir); give a session "
                            "of that folder, or the site's mkdocs.yml that builds this one")
    return site


SITE_DEFAULT = ("default: the mkdocs.yml of the folder the command runs in, its docs_dir, "
                "else content")
"""Where `validate` and `new` look for the content folder when told nothing (chosen_site)."""


def add_config_option(command: argparse.ArgumentParser) -> None:
    """`-f`, as `scripts/build -f` takes it: the site's mkdocs.yml, whose docs_dir is the content
    folder (validate, new) or must hold the session (import)."""
    command.add_argument("-f", "--config-file", metavar="MKDOCS_YML", default=None,
                         help="the site's mkdocs.yml, as scripts/build -f takes it: the content "
                         "folder is its docs_dir")


def add_commands(commands: Any) -> None:
    """Register `new` and `import` on the main parser's subcommands."""
    new = commands.add_parser("new", help="create a session folder that validates at once")
    new.add_argument("--date", type=_date, help=REQUIRED["date"])
    new.add_argument("--title", help=REQUIRED["title"])
    new.add_argument("--organizer", help=REQUIRED["organizer"])
    new.add_argument("--place", help=REQUIRED["place"])
    new.add_argument("--kind", default=SessionKind.dialogue.value, type=_kind,
                     help="kind of session: " + ", ".join(k.value for k in SessionKind)
                     + " (or its Vietnamese name, 'tiếp xúc cử tri'; default: dialogue)")
    new.add_argument("--time", type=_time, help="start time: 14:00, or 14h00, 8h30, 14 giờ")
    new.add_argument("--slug", help="end of the id after the date (default: from the title)")
    new.add_argument("--draft", action=argparse.BooleanOptionalAction, default=True,
                     help="write draft: true so that nothing is published before review (default)")
    new.add_argument("--content-dir", default=None,
                     help=f"the content folder, or the site's mkdocs.yml ({SITE_DEFAULT})")
    add_config_option(new)
    new.set_defaults(run=cmd_new)

    sheet = commands.add_parser("import", help="read questions and answers from a spreadsheet")
    sheet.add_argument("sheet", help="the .xlsx, .csv or .txt (Unicode Text) file")
    sheet.add_argument("--session", required=True,
                       help="the session folder (with index.md), its index.md, or the session id")
    sheet.add_argument("--sheet", dest="worksheet", metavar="NAME",
                       help="the worksheet to read, by its name (default: the one holding the table)")
    sheet.add_argument("--keep-valid", action="store_true",
                       help="write the rows that are valid even if others are not")
    sheet.add_argument("--force", action="store_true",
                       help=f"replace an existing answers.yaml: {FORCE_KEEPS}")
    add_config_option(sheet)
    sheet.set_defaults(run=cmd_import)
