"""The statistics page and the open-data page, described as page specs like every other page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from . import urls
from .charts import BarChart, bar_chart, percent
from .labels import format_date
from .opendata import DATA_FILES, OpenData, csv_columns
from .opendata_schema import coded_values, documented_objects, field_codes
from .statistics import archive_statistics
from .vietnamese import sort_key
from .views import ArchiveViews, Link, PageSpec

MOST_FIRST = frozenset({"items_per_topic", "items_per_agency"})
"""Charts whose rows go largest first (see charts.DRAWN_BARS)."""


def statistics_page(views: ArchiveViews) -> PageSpec:
    return PageSpec(urls.statistics(), views.labels["nav"]["statistics"], "archive/statistics.html",
                    lambda: statistics_view(views), description=views.labels["statistics"]["intro"])


def statistics_view(views: ArchiveViews) -> dict[str, Any]:
    """Headline figures, then every chart with its table."""
    labels, text = views.labels, views.labels["statistics"]
    figures = archive_statistics(views.archive, labels, views.agency_name)

    def chart(key: str, label_heading: str, value_heading: str, shares: bool = False) -> BarChart:
        return bar_chart(f"tk-{key.replace('_', '-')}", text[key], figures[key], label_heading,
                         value_heading, shares, most_first=key in MOST_FIRST)

    charts = [
        chart("sessions_per_year", text["year"], text["session_count"]),
        chart("items_per_year", text["year"], text["item_count"]),
        chart("outcomes", text["category"], text["item_count"], shares=True),
        chart("items_per_topic", text["topic"], text["item_count"]),
        chart("items_per_agency", text["agency"], text["item_count"]),
        chart("commitment_status", text["status"], text["count"], shares=True),
        chart("commitment_deadlines", text["category"], text["count"], shares=True),
    ]
    notes = {"tk-outcomes": text["outcome_note"], "tk-items-per-topic": text["topic_note"],
             "tk-commitment-deadlines": text["share_on_time_note"]}
    scorecards = sorted(views.scorecards.items(), key=lambda pair: sort_key(views.agency_name(pair[0])))
    return {
        "kind": "statistics",
        "as_of": format_date(views.archive.build_date),
        "figures": figures,
        "share_on_the_spot": percent(figures["on_the_spot"], figures["items"]),
        "share_on_time": percent(figures["kept_on_time"], figures["deadline_decided"]),
        "charts": charts,
        "notes": notes,
        "scorecards": [(views.agency_link(agency), card) for agency, card in scorecards],
    }


def open_data_page(views: ArchiveViews, data: OpenData) -> PageSpec:
    return PageSpec(urls.open_data(), views.labels["nav"]["open-data"], "archive/open_data.html",
                    lambda: open_data_view(views, data),
                    description=views.labels["open_data"]["intro"])


def open_data_view(views: ArchiveViews, data: OpenData) -> dict[str, Any]:
    """Files, licence, how to cite, and every field of the JSON and CSV files documented."""
    text = views.labels["open_data"]
    example_session = next((s for s in data.sessions if s.items), None)
    example = None
    if example_session is not None:
        item = example_session.items[0]
        example = {
            "publisher": data.pub.publisher,
            "item": f"{views.labels['item_type'][item.type.value]} — {item.asker.label}",
            "session": example_session.meta.title,
            "date": format_date(example_session.date),
            "url": data.pub.url(example_session.src_uri) + f"#{item.id}",
            "accessed": format_date(views.archive.build_date),
        }
    docs = text["field_docs"]
    return {
        "kind": "open_data",
        "as_of": format_date(views.archive.build_date),
        "files": [Link(name, urls.DATA_DIR + name, text[key]) for name, key in DATA_FILES],
        "session_file": Link(urls.session_data(example_session.id).removeprefix(urls.DATA_DIR),
                             urls.session_data(example_session.id))
        if example_session else None,
        "licence": {"name": data.pub.licence_name, "url": data.pub.licence_url},
        "example": example,
        "objects": [(name, text["objects"][name],
                     [(f, docs[name][f], coded_values(field_codes(name, f), views.labels))
                      for f in fields])
                    for name, fields in documented_objects().items()],
        "csv_files": list(csv_columns(views.labels).items()),
    }


def accountability_pages(views: ArchiveViews, data: OpenData) -> Iterator[PageSpec]:
    """The statistics and open-data pages (the commitments pages have their own module)."""
    yield statistics_page(views)
    yield open_data_page(views, data)
