"""What a page says about itself when shared or followed: Open Graph and Twitter Card meta,
feed links, and the address and date printed on a paper copy."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urljoin

from .archive import Session
from .labels import VI, format_short_date


@dataclass(frozen=True)
class MetaTag:
    attribute: str  # "property" (Open Graph) or "name" (Twitter, description)
    key: str
    content: str


def share_tags(title: str, description: str, url: str | None, site_name: str,
               session: Session | None = None, photo: dict[str, str] | None = None) -> list[MetaTag]:
    """Open Graph and Twitter Card tags; a session page is an article with its photo.
    `photo`: the attributes of the photo the page shows (views.image_attributes): a large
    one's copy, which a social network fetches in a moment where the original took seconds
    (and one over 8 MB it refuses)."""
    image = urljoin(url, photo["src"]) if session and session.meta.image and photo and url else None
    tags = [MetaTag("property", "og:type", "article" if session else "website"),
            MetaTag("property", "og:title", title),
            MetaTag("property", "og:description", description),
            MetaTag("property", "og:site_name", site_name),
            MetaTag("property", "og:locale", VI["locale"]["og"])]
    if url:
        tags.append(MetaTag("property", "og:url", url))
    if session is not None:
        tags.append(MetaTag("property", "article:published_time", session.published_at().isoformat()))
        tags.append(MetaTag("property", "article:section", VI["session_kind"][session.meta.kind.value]))
    if image and session and session.meta.image:
        alt = session.meta.image.alt or session.meta.image.caption or title
        tags += [MetaTag("property", "og:image", image), MetaTag("property", "og:image:alt", alt),
                 *(MetaTag("property", f"og:image:{side}", photo[side]) for side in ("width", "height")
                   if photo and side in photo),
                 MetaTag("name", "twitter:image", image), MetaTag("name", "twitter:image:alt", alt)]
    tags += [MetaTag("name", "twitter:card", "summary_large_image" if image else "summary"),
             MetaTag("name", "twitter:title", title),
             MetaTag("name", "twitter:description", description)]
    return tags


def print_header(url: str | None, data_date: dt.date) -> dict[str, str]:
    """The address and the data's date (see ArchiveViews.data_date) a printed record carries."""
    return {"url": url or "", "updated": format_short_date(data_date),  # as "Ngày in"
            "updated_iso": data_date.isoformat()}


ROBOTS = "robots.txt"


def robots_txt(sitemap_url: str) -> str:
    """A site's robots.txt when its office wrote none: everything may be crawled, and the
    sitemap is named, so a search engine finds every page without being told of it."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n"
