"""Atom feeds of new sessions (the site, each agency, topic and place) and an iCalendar of sessions.

Readers follow the archive in a feed reader and put sessions in their calendar. Both are
made from the published sessions only: drafts and scheduled sessions never leak, even in
a draft preview. Timestamps come from the content and the build date, so a rebuild of the
same content gives the same files.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from . import urls
from .aliases import first_id, first_uri
from .archive import Archive, Session, Visibility
from .commitments import Carriers
from .labels import VI, content_lang, count_label, format_short_date
from .markup import excerpt
from .vietnamese import in_sentence

if TYPE_CHECKING:
    from icalendar import Event

FEED_ENTRIES = 50
"""A feed is polled often: it carries the newest sessions, not the archive."""
CALENDAR_PAST = 500
"""Held sessions in the calendar, the latest (see calendar_sessions)."""
LOCAL_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
SESSION_LENGTH = dt.timedelta(hours=2)
"""FORMAT.md records when a session starts, not when it ends: a dialogue takes a morning or an
afternoon, and a calendar shows an event without an end as lasting no time at all."""
ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SITE_FEED = "feed.xml"
CALENDAR = "calendar.ics"


def registry_feed(kind: str, record_id: str) -> str:
    """The feed of an agency, topic or place, next to its page (agencies/<id>/feed.xml)."""
    return posixpath.join(posixpath.dirname(urls.REGISTRY_PAGES[kind](record_id)), "feed.xml")


@dataclass(frozen=True)
class Site:
    """What feeds need to know about the site: names and absolute addresses."""

    name: str
    url: str
    page_url: Callable[[str], str]
    """A source path (`sessions/2024/x/index.md`) to its absolute URL."""

    def file_url(self, path: str) -> str:
        return self.url.rstrip("/") + "/" + path


def public_sessions(archive: Archive) -> list[Session]:
    """Newest first, without drafts and scheduled sessions whatever the preview setting."""
    return [s for s in archive.published if s.visibility is Visibility.published]


def session_agencies(session: Session, carriers: Carriers) -> set[str]:
    """Agencies a session concerns: organiser, participants, who answered or promised, and who
    carries a promise of it today for a unit now gone (as its page and commitments list say)."""
    found = {session.meta.organizer, *session.meta.participants}
    for item in session.items:
        found.update(a.by for a in item.answers)
        found.update(a.referred_to for a in item.answers if a.referred_to)
        for c in item.commitments:
            found.update((c.by, *carriers.now_responsible_ids(c)))
    return found


def feeds(archive: Archive, site: Site, carriers: Carriers,
          told_apart: Mapping[str, Mapping[str, str]] | None = None) -> Iterator[tuple[str, bytes]]:
    """(path in the site, Atom XML) for the site feed and one feed per agency, topic and place.
    `carriers`: the archive's, which the pages use. `told_apart`: per kind, the names of units
    sharing their name with another, as the pages show them ('Phường Hòa Xuân (từ 1/7/2025)'):
    two feeds of one title could not be told apart in a feed reader."""
    sessions = public_sessions(archive)
    text = VI["publishing"]
    build_date = archive.build_date
    # A feed with no entry yet says the archive's last change, not the day of the build: a
    # rebuild of unchanged content writes the same feeds.
    quiet = max((s.updated_at(build_date) for s in sessions), default=None) or dt.datetime.combine(
        build_date, dt.time(), tzinfo=LOCAL_ZONE)
    yield SITE_FEED, atom(sessions, site, SITE_FEED, text["feed_site"], text["feed_site_subtitle"],
                          urls.home(), archive, quiet)
    concerning: dict[str, dict[str, list[Session]]] = {kind: {} for kind in urls.REGISTRY_PAGES}
    for session in sessions:  # one pass: newest first within each list
        # A place's sessions: held there, or with askers living there (its wards' too).
        places = [area for place in [session.meta.place, *(i.asker.place for i in session.items)]
                  if place for area in archive.areas(place)]
        concerned = {"agency": session_agencies(session, carriers),
                     "topic": dict.fromkeys(t for item in session.items for t in item.topics),
                     "place": dict.fromkeys(places)}
        for kind, ids in concerned.items():
            for record_id in ids:
                concerning[kind].setdefault(record_id, []).append(session)
    registries = {"agency": archive.agencies, "topic": archive.topics, "place": archive.places}
    for kind, registry in registries.items():
        for record in registry.values():
            path = registry_feed(kind, record.id)
            name = (told_apart or {}).get(kind, {}).get(record.id, record.name)
            yield path, atom(concerning[kind].get(record.id, []), site, path,
                             text[f"feed_{kind}"].format(
                                 name=in_sentence(name, VI["locale"]["lang"]) if kind == "place" else name),
                             text["feed_subtitle_of"].format(name=name),
                             urls.REGISTRY_PAGES[kind](record.id), archive, quiet)


def atom(sessions: list[Session], site: Site, path: str, title: str, subtitle: str, page: str,
         archive: Archive, quiet: dt.datetime) -> bytes:
    """One Atom feed; `sessions` newest first; `quiet`: when it was updated if it is empty."""
    build_date = archive.build_date
    from feedgen.feed import FeedGenerator  # here: a rebuild reusing the feeds need not load it

    newest = sorted(sessions, key=lambda s: (s.published_at(), s.id), reverse=True)[:FEED_ENTRIES]
    feed = FeedGenerator()
    feed.id(site.file_url(path))
    feed.title(f"{title} — {site.name}")
    feed.subtitle(subtitle)
    feed.link(href=site.page_url(page), rel="alternate")
    feed.link(href=site.file_url(path), rel="self")
    feed.language(VI["locale"]["lang"])
    feed.author({"name": site.name})
    feed.updated(max((s.updated_at(build_date) for s in newest), default=quiet))
    own_summaries = [own_description(session) for session in newest]
    for session, own_summary in zip(newest, own_summaries, strict=True):
        entry = feed.add_entry(order="append")
        meta = session.meta
        url = site.page_url(session.src_uri)
        entry.id(site.page_url(first_uri(session)))  # a renamed session is no new entry
        entry.title(meta.title)
        entry.link(href=url, rel="alternate")
        entry.published(session.published_at())
        entry.updated(session.updated_at(build_date))  # a written answer, a kept promise
        entry.summary(_with_correction(own_summary or _fallback_summary(session, archive), session))
        entry.category(term=meta.kind.value, label=VI["session_kind"][meta.kind.value])
        if meta.author:
            entry.author({"name": meta.author})
    return _mark_content_lang(feed.atom_str(pretty=True), [bool(own) for own in own_summaries])


def _with_correction(summary: str, session: Session) -> str:
    """`summary`, then what the last correction changed, dated as the page's notice dates it:
    the entry's `updated` moved to its day, and a feed reader showing it again must say why."""
    if not session.meta.corrections:
        return summary
    last = max(session.meta.corrections, key=lambda c: c.date)
    stop = "" if summary.endswith((".", "!", "?", "…")) else "."
    return (f"{summary}{stop} {VI['text']['corrected_on'].format(date=format_short_date(last.date))}"
            f": {last.note}")


def _mark_content_lang(xml: bytes, own_summaries: list[bool]) -> bytes:
    """Under an interface in another language, each entry is declared in the records'
    (xml:lang: a feed reader's voice reads its title as Vietnamese), except what the
    interface's labels write: the category, and a summary made when the session has none.
    A Vietnamese site's feed is left as feedgen writes it."""
    lang = content_lang()
    if lang is None:
        return xml
    from lxml import etree

    root = etree.fromstring(xml, etree.XMLParser(remove_blank_text=True))
    interface = VI["locale"]["lang"]
    for entry, own_summary in zip(root.iterfind(f"{{{ATOM}}}entry"), own_summaries, strict=True):
        entry.set(XML_LANG, lang)
        for element in entry.iterfind(f"{{{ATOM}}}category"):
            element.set(XML_LANG, interface)
        if not own_summary:
            for element in entry.iterfind(f"{{{ATOM}}}summary"):
                element.set(XML_LANG, interface)
    return etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8")


DESCRIPTION_CHARS = 160
"""About as much of a description as search engines and share cards show."""


def session_description(session: Session, archive: Archive) -> str:
    """What a session's page is described and shared with, as its feed entry says it: without
    a summary, the page took the site's description."""
    return own_description(session) or _fallback_summary(session, archive)


def own_description(session: Session) -> str:
    """A session's own words about itself: its summary, else its write-up's first paragraph
    (Session.lead), cut at a word near DESCRIPTION_CHARS (empty when it has neither)."""
    return session.meta.summary or excerpt(session.lead, DESCRIPTION_CHARS)


def _fallback_summary(session: Session, archive: Archive) -> str:
    """Sessions without a summary still tell the reader what and where, and how many items
    they hold, in the lists' words: one not held yet is announced, one without its record yet
    has its record to follow (not '0 ý kiến')."""
    meta = session.meta
    if archive.announced(session):
        count = VI["text"]["announced"]
    elif not session.items:
        count = VI["text"]["record_to_follow"]
    else:
        items = len(session.items)
        count = count_label("publishing.items_in_session", items).format(count=items)
    return ". ".join(filter(None, [VI["session_kind"][meta.kind.value], meta.venue, count]))


def calendar_sessions(archive: Archive) -> list[Session]:
    """The announced sessions and the CALENDAR_PAST latest held ones: a calendar client fetches
    the whole file at each refresh, and every session ever held made it grow with the archive
    (5.6 MB at 10,000 sessions); the archive's pages and open data keep the others."""
    sessions = public_sessions(archive)  # newest first
    held = [s for s in sessions if not archive.announced(s)]
    return [s for s in sessions if archive.announced(s)] + held[:CALENDAR_PAST]


def calendar(archive: Archive, site: Site, places: Mapping[str, str] | None = None) -> bytes:
    """The sessions of `calendar_sessions`, as events in Vietnam's time zone; `places`: the
    names of places sharing their name with another, told apart as the pages tell them."""
    from icalendar import Calendar, vText  # here: a rebuild reusing the calendar need not load it

    cal = Calendar()
    host = urlsplit(site.url).hostname or "dialogue-archive"
    cal.add("prodid", f"-//{host}//dialogue-archive//{VI['locale']['lang'].upper()}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", vText(f"{VI['publishing']['calendar_name']} — {site.name}"))  # escaped
    cal.add("x-wr-timezone", str(LOCAL_ZONE))
    # the build day begins in Vietnam; DTSTAMP is written in UTC (RFC 5545)
    stamp = dt.datetime.combine(archive.build_date, dt.time(), tzinfo=LOCAL_ZONE).astimezone(dt.UTC)
    for session in sorted(calendar_sessions(archive), key=lambda s: (s.date, s.id)):
        place = archive.places.get(session.meta.place)
        name = (places or {}).get(session.meta.place, place.name if place else "")
        cal.add_component(_event(session, site, host, stamp, name))
    cal.add_missing_timezones()
    for zone in cal.walk("VTIMEZONE"):  # icalendar's English note on its own range of years
        zone.pop("COMMENT", None)
    return cal.to_ical()


def _event(session: Session, site: Site, host: str, stamp: dt.datetime, place: str) -> Event:
    from icalendar import Event

    meta = session.meta
    event = Event()
    event.add("uid", f"{first_id(session)}@{host}")  # a renamed session is the same event
    event.add("dtstamp", stamp)
    if meta.time:
        hour, minute = (int(x) for x in meta.time.split(":"))
        event.add("dtstart", dt.datetime.combine(meta.date, dt.time(hour, minute), tzinfo=LOCAL_ZONE))
        event.add("duration", SESSION_LENGTH)
    else:
        event.add("dtstart", meta.date)  # an all-day event
        event.add("dtend", meta.date + dt.timedelta(days=1))
    event.add("summary", meta.title)
    if meta.venue or place:  # without a hall, the area it served says where to go
        event.add("location", meta.venue or place)
    url = site.page_url(session.src_uri)
    event.add("url", url)
    event.add("description", "\n\n".join(filter(None, [own_description(session), url])))
    event.add("categories", [VI["session_kind"][meta.kind.value]])
    return event


def feed_links(kind: str, record_id: str | None) -> list[dict[str, Any]]:
    """Feeds a page offers in its <head> and as a visible link: its own, then the site's."""
    text = VI["publishing"]
    links = []
    if kind in urls.REGISTRY_PAGES and record_id:
        links.append({"path": registry_feed(kind, record_id), "title": text["follow"]})
    links.append({"path": SITE_FEED, "title": text["feed_site"]})
    return links
