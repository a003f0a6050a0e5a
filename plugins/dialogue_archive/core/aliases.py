"""The addresses of renamed sessions: a session's former ids (`aliases`) keep their old
addresses working as redirects, and keep feed readers and calendars knowing it as before."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from . import urls
from .archive import Archive, Session
from .models import SESSION_ID_PATTERN


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
