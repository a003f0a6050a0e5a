"""The build date: the day a build counts as today (schedules, deadlines, 'overdue'),
fixed by mkdocs.yml's `build_date`, a command's `--build-date` or the environment.

Its own module because the build, `validate`, the import and mkdocs.yml's checks all read it
alike, and none of them needs the content loader for it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from typing import Any

from .archive import TIMEZONE
from .models import calendar_problem

BUILD_DATE_VARIABLE = "DIALOGUE_ARCHIVE_BUILD_DATE"
"""The environment variable fixing the build date when mkdocs.yml (or `--build-date`) does not."""


def fixed_build_date(written: Any) -> dt.date | None:
    """The fixed build date: `written` (mkdocs.yml's `build_date`, a command's option), else
    the environment's BUILD_DATE_VARIABLE; None for today. The build and `validate` read it
    alike, so that `validate` finds the answers a build would find dated after it. Raises
    ValueError with the message to show."""
    for source, value in (("build_date", written),
                          (BUILD_DATE_VARIABLE, os.environ.get(BUILD_DATE_VARIABLE, ""))):
        try:
            day = build_day(value)
        except ValueError as exc:
            raise ValueError(f"{source} {exc}") from None
        if day is not None:
            return day
    return None


ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def build_day(value: object) -> dt.date | None:
    """The day a build date names: a date, or a YYYY-MM-DD text; None when blank. ValueError
    for anything else, '20261127' (a number) and '2026-W48-5' too, which Python reads but the
    README does not promise, with the message to show. Read alike from mkdocs.yml, the command
    line and the environment."""
    if value is None or isinstance(value, dt.date):
        return value
    if isinstance(value, str) and not value.strip():
        return None
    if not (isinstance(value, str) and ISO_DAY.fullmatch(value.strip())):
        raise ValueError(f"'{value}' is not a date; write YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(calendar_problem(value)) from None


def build_moment(build_date: dt.date | dt.datetime | None) -> dt.datetime:
    """'Now' for scheduling: a fixed build date counts as the end of that day."""
    if build_date is None:
        return dt.datetime.now(TIMEZONE)
    if isinstance(build_date, dt.datetime):
        return build_date if build_date.tzinfo else build_date.replace(tzinfo=TIMEZONE)
    return dt.datetime.combine(build_date, dt.time(23, 59, 59), tzinfo=TIMEZONE)
