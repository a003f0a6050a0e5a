"""Options of the `dialogue-archive` plugin in mkdocs.yml."""

from __future__ import annotations

import datetime as dt

from mkdocs.config import base
from mkdocs.config import config_options as c


class ArchivePluginConfig(base.Config):
    build_date = c.Optional(c.Type((str, dt.date)))
    """Fixed 'today' (YYYY-MM-DD) for reproducible builds: schedules and overdue use it.
    Falls back to the DIALOGUE_ARCHIVE_BUILD_DATE environment variable, then today."""

    drafts = c.Type(bool, default=False)
    """Also build drafts and scheduled sessions, clearly marked (previews only)."""

    nav = c.Type(bool, default=True)
    """Build the short site navigation when mkdocs.yml has no `nav:` of its own."""
