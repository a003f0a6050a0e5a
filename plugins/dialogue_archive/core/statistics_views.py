"""The statistics page, described as a page spec like every other page."""

from __future__ import annotations

from typing import Any

from . import urls
from .charts import BarChart, bar_chart, percent
from .labels import VI, format_date
from .statistics import archive_statistics
from .vietnamese import sort_key
from .views import ArchiveViews, PageSpec

MOST_FIRST = frozenset({"items_per_topic", "items_per_agency"})
"""Charts whose rows go largest first (see charts.DRAWN_BARS)."""


def statistics_page(views: ArchiveViews) -> PageSpec:
    return PageSpec(urls.statistics(), VI["statistics"]["heading"], "archive/statistics.html",
                    lambda: statistics_view(views), description=VI["statistics"]["intro"],
                    updated=views.newest(views.data_dates))


def statistics_view(views: ArchiveViews) -> dict[str, Any]:
    """Headline figures, then every chart with its table."""
    text = VI["statistics"]
    figures = archive_statistics(views.archive, views.agency_name)

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
             "tk-items-per-agency": text["agency_note"],
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
        "scorecards": [(views.agency_link(agency, full=True), card) for agency, card in scorecards],
        "carried": len({id(r) for records in views.carried.values() for r in records}),
        "commitments_uri": urls.commitments(),
    }
