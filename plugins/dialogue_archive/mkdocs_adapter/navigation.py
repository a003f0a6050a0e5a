"""Where a page outside the menu belongs, for the menu tabs and the breadcrumbs.

A session, an agency or a year's list is not in the site's menu (10,000 sessions would make
it unusable), so MkDocs gives it no parent: no tab is marked while it is read, and Material's
breadcrumbs (`navigation.path`) stop at the home page. Each such page is given the nearest
page above it in the folder tree as its parent: a session's is its year's list, whose parent
is the sessions page of the menu. Material then marks the "Phiên đối thoại" tab and shows
"Trang chủ › Phiên đối thoại › Phiên đối thoại năm 2024".
"""

from __future__ import annotations

import posixpath
from typing import Any

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


def place_pages_under_sections(nav: Any, files: Files) -> None:
    """Give every page missing from `nav` the nearest index page of a folder above it."""
    in_nav = {id(page) for page in nav.pages}
    for file in files.documentation_pages():
        page = file.page
        if page is None or id(page) in in_nav or page.parent is not None:
            continue
        parent = _nearest_index(file.src_uri, files)
        if parent is not None:
            page.parent = parent


def _nearest_index(src_uri: str, files: Files) -> Page | None:
    folder = posixpath.dirname(src_uri)
    if posixpath.basename(src_uri) in {"index.md", "README.md"}:
        folder = posixpath.dirname(folder) if folder else None
    while folder:
        found = files.get_file_from_path(f"{folder}/index.md")
        if found is not None and found.page is not None:
            return found.page
        folder = posixpath.dirname(folder)
    return None
