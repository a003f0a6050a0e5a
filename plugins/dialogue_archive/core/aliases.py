"""The addresses of renamed sessions: a session's former ids (`aliases`) keep their old
addresses working as redirects, and keep feed readers and calendars knowing it as before; and
what a published site has that the archive no longer holds under any id (gone_from_site)."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from . import urls
from .archive import Archive, Session
from .models import SESSION_ID_PATTERN, is_id


def alias_uris(session: Session) -> list[str]:
    """The session's former source paths (its `aliases`), each under the year of its date."""
    uris = []
    for alias in session.meta.aliases:
        match = SESSION_ID_PATTERN.match(alias)
        uris.append(urls.session(int(match.group(1)) if match else session.year, alias))
    return uris


def first_id(session: Session) -> str:
    """The id a session was first published under (its first former id, `aliases`): feed
    readers and calendars keep knowing a renamed session by it, instead of taking it for a
    new one."""
    return session.meta.aliases[0] if session.meta.aliases else session.id


def first_uri(session: Session) -> str:
    """The source path of the session's first address (see first_id)."""
    return alias_uris(session)[0] if session.meta.aliases else session.src_uri


def alias_redirects(archive: Archive) -> list[tuple[str, Session]]:
    """(old source path, session) for every alias of a session on the site."""
    return [(uri, session) for session in archive.published for uri in alias_uris(session)]


def holding(archive: Archive) -> dict[str, Session]:
    """Every session by its id and each of its former ids."""
    return {name: s for s in archive.sessions for name in (s.id, *s.meta.aliases)}


def vanished(published: Iterable[str], held: Mapping[str, Session]) -> list[str]:
    """The ids of sessions a site published (`published`) that the archive now holds under no
    id and no alias (`held`: `holding`): FORMAT.md's ids never change, and a folder renamed
    without `aliases` breaks the page's address, its feed entries (shown anew) and its open
    data. A draft or a scheduled session is still held: left out on purpose."""
    return sorted(set(published) - held.keys())


def vanished_items(published: Mapping[str, Iterable[str]], held: Mapping[str, Session]
                   ) -> dict[str, list[str]]:
    """For each session still held (`held`: `holding`), the ids (and former ids) of its items a
    site published (`published`, by the session's id then) that it now holds under no id and no
    alias: an item id changed by hand breaks every link to its answers (`#ho-so-gpxd`), which
    citizens share."""
    gone: dict[str, set[str]] = {}
    for session_id, items in published.items():
        if (session := held.get(session_id)) is None:
            continue  # a session gone is named by `vanished`
        names = {name for item in session.items for name in (item.id, *item.aliases)}
        if lost := set(items) - names:
            gone.setdefault(session.id, set()).update(lost)
    return {session_id: sorted(ids) for session_id, ids in sorted(gone.items())}


REGISTRY_SECTIONS = ("agencies", "topics", "places")
"""The site's folders of registry pages, each named as its registry file (registry/<name>.yaml)."""


@dataclass(frozen=True, slots=True)
class Gone:
    """What a published site holds that this archive no longer makes, by id (see gone_from_site)."""

    sessions: list[str]
    items: dict[str, list[str]]
    """Per session still held, its items' published ids it holds under no id or alias."""
    registry_pages: dict[str, list[str]]
    """Per registry section (agencies, topics, places), the ids of its pages no longer made."""


def gone_from_site(archive: Archive, site_dir: Path) -> Gone:
    """The sessions the site at `site_dir` published (its open data's session files) that the
    archive no longer holds under any id (renamed without `aliases`, or removed), their items
    likewise, and the registry entries whose pages it no longer makes (an id changed): read
    from the site before it is replaced, so that the build can say what breaks."""
    # Only names that are ids: any other file there was never a session (and its name, printed,
    # could hold a terminal's escape codes or a line break faking a log line).
    published = {p.stem: p for p in (site_dir / urls.DATA_DIR / "sessions").glob("*.json") if is_id(p.stem)}
    held = holding(archive)
    pages = {section: sorted({p.parent.name for p in (site_dir / section).glob("*/index.html")
                              if is_id(p.parent.name)} - {"page"} - set(registry))
             for section, registry in zip(REGISTRY_SECTIONS, (archive.agencies, archive.topics,
                                                              archive.places), strict=True)}
    return Gone(vanished(published, held), vanished_items(_published_items(published, held), held),
                {section: ids for section, ids in pages.items() if ids})


def _published_items(published: dict[str, Path], held: dict[str, Session]) -> dict[str, list[str]]:
    """The ids and former ids of the items the published site has (its open data's session
    files), of the sessions (`held`: holding) whose answers.yaml was changed, or removed, since
    their file was written, as make decides: reading them all would parse every record at
    every build."""
    items: dict[str, list[str]] = {}
    for session_id, path in published.items():
        if (session := held.get(session_id)) is None:
            continue
        try:
            with contextlib.suppress(FileNotFoundError):  # removed: every item may be gone
                if (session.folder / "answers.yaml").stat().st_mtime_ns <= path.stat().st_mtime_ns:
                    continue
            data = json.loads(path.read_bytes())
            names = [name for item in data["items"] for name in (
                item["id"], *(item["aliases"] if isinstance(item["aliases"], list) else ()))]
        except (OSError, ValueError, KeyError, TypeError, RecursionError):
            continue  # not a session's file as this archive writes it: nothing to compare
        # only ids: anything else was never an item of ours (and, printed, could hold a
        # terminal's escape codes or a line break faking a log line)
        items[session_id] = [name for name in names if isinstance(name, str) and is_id(name)]
    return items
