"""The addresses of renamed sessions: a session's former ids (`aliases`) keep their old
addresses working as redirects, and keep feed readers and calendars knowing it as before."""

from __future__ import annotations

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
