"""What a page says about itself when shared or followed: Open Graph and Twitter Card meta,
feed links, and the address and date printed on a paper copy. Also the redirects that keep
renamed sessions' old addresses working."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote, urljoin

from . import urls
from .archive import Archive, Session
from .labels import VI, format_short_date
from .models import SESSION_ID_PATTERN


@dataclass(frozen=True)
class MetaTag:
    attribute: str  # "property" (Open Graph) or "name" (Twitter, description)
    key: str
    content: str


def share_tags(title: str, description: str, url: str | None, site_name: str,
               session: Session | None = None) -> list[MetaTag]:
    """Open Graph and Twitter Card tags; a session page is an article with its photo."""
    image = (urljoin(url, quote(session.meta.image.src)) if session and session.meta.image and url
             else None)
    tags = [MetaTag("property", "og:type", "article" if session else "website"),
            MetaTag("property", "og:title", title),
            MetaTag("property", "og:description", description),
            MetaTag("property", "og:site_name", site_name),
            MetaTag("property", "og:locale", VI["locale"]["og"])]
    if url:
        tags.append(MetaTag("property", "og:url", url))
    if session is not None:
        tags.append(MetaTag("property", "article:published_time", session.published_at().isoformat()))
        tags.append(MetaTag("property", "article:section", session.meta.kind.value))
    if image and session and session.meta.image:
        alt = session.meta.image.alt or session.meta.image.caption or title
        tags += [MetaTag("property", "og:image", image), MetaTag("property", "og:image:alt", alt),
                 MetaTag("name", "twitter:image", image), MetaTag("name", "twitter:image:alt", alt)]
    tags += [MetaTag("name", "twitter:card", "summary_large_image" if image else "summary"),
             MetaTag("name", "twitter:title", title),
             MetaTag("name", "twitter:description", description)]
    return tags


def print_header(url: str | None, data_date: dt.date) -> dict[str, str]:
    """The address and the data's date (see ArchiveViews.data_date) a printed record carries."""
    return {"url": url or "", "updated": format_short_date(data_date),  # as "Ngày in"
            "updated_iso": data_date.isoformat()}


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
