"""The open-data page, described as a page spec like every other page: the files the build
writes (see opendata.py) and every field of them documented."""

from __future__ import annotations

from typing import Any

from . import urls
from .labels import VI, format_date, format_size
from .opendata import OpenData, csv_columns
from .opendata_schema import coded_values, documented_objects, field_codes
from .views import ArchiveViews, Link, PageSpec


def open_data_page(views: ArchiveViews, data: OpenData) -> PageSpec:
    return PageSpec(urls.open_data(), VI["open_data"]["heading"], "archive/open_data.html",
                    lambda: open_data_view(views, data),
                    description=VI["open_data"]["intro"], updated=views.newest(views.data_dates))


def file_sizes(data: OpenData) -> list[str]:
    """Each data file's size as the page shows it, in the order of urls.DATA_FILES, then each
    year's bulk files (`OpenData.year_files`): the page's
    key in the cache, and what tells a preview whether the page must be written again once the
    files are (a file not measured yet shows the label `open_data.size_unknown`)."""
    return [_size(data, name) for name, _ in urls.DATA_FILES] + [
        _size(data, path) for _, paths in data.year_files() for path in paths]


def _size(data: OpenData, path: str) -> str:
    return format_size(data.sizes[path]) if path in data.sizes else VI["open_data"]["size_unknown"]


def open_data_view(views: ArchiveViews, data: OpenData) -> dict[str, Any]:
    """Files, licence, how to cite, and every field of the JSON and CSV files documented."""
    text = VI["open_data"]
    # A held session's, when there is one: the questions sent in before a session to come are
    # no example of a record (the sample's newest file was an announced session's).
    recorded = [s for s in data.sessions if s.items]
    example_session = next((s for s in recorded if not views.archive.announced(s)),
                           recorded[0] if recorded else None)
    example = None
    if example_session is not None:
        item = example_session.items[0]
        example = {
            "publisher": data.pub.publisher,
            "item": f"{VI['item_type'][item.type.value]} — {item.asker.label}",
            "session": example_session.meta.title,
            "date": format_date(example_session.date),
            "url": data.pub.url(example_session.src_uri) + f"#{item.id}",
            "accessed": format_date(views.archive.build_date),
        }
    docs = text["field_docs"]
    return {
        "kind": "open_data",
        "as_of": format_date(views.archive.build_date),
        # each with its size (file_sizes); the whole archive's files are saved, not shown,
        # by the browser
        "files": [(Link(name, urls.DATA_DIR + name, text[key]), _size(data, name), name in urls.BULK_FILES)
                  for name, key in urls.DATA_FILES],
        # each year's bulk files, in the columns of urls.BULK_FILES, saved by the browser too
        "years": [(year, [(Link(name, urls.DATA_DIR + path), _size(data, path))
                          for name, path in zip(urls.BULK_FILES, paths, strict=True)])
                  for year, paths in data.year_files()],
        "bulk_files": urls.BULK_FILES,
        "session_file": Link(urls.session_data(example_session.id).removeprefix(urls.DATA_DIR),
                             urls.session_data(example_session.id))
        if example_session else None,
        "licence": {"name": data.pub.licence_name, "url": data.pub.licence_url},
        "example": example,
        "objects": [(name, text["objects"][name],
                     [(f, docs[name][f], coded_values(field_codes(name, f)))
                      for f in fields])
                    for name, fields in documented_objects().items()],
        "csv_files": list(csv_columns().items()),
    }
