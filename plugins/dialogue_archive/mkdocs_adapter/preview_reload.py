"""Reload the browsers showing a preview when a page changes after its build.

MkDocs' preview server tells browsers to reload once, when a build ends: a page that the
preview's catch-up writes again later (the open-data page, once the data files' sizes are
known) would stay as the browser first showed it. MkDocs has no call for this: its server's
version of the site (the "epoch" each page's script polls) is grown here as a build grows it.
Written against MkDocs 1.6 (requirements.lock), checked by the preview's browser test.
"""

from __future__ import annotations

from mkdocs.livereload import LiveReloadServer


def reload_browsers(server: LiveReloadServer) -> bool:
    """Have every browser showing the preview reload; False, and nothing done, while a rebuild
    is waiting or running: its own reload comes after it (and a version grown meanwhile would
    leave it smaller than the one browsers hold, so that they missed it)."""
    try:  # The build loop sets the version it builds under _rebuild_cond: held, no build starts.
        with server._rebuild_cond, server._epoch_cond:
            if server._want_rebuild or server._visible_epoch != server._wanted_epoch:
                return False
            server._wanted_epoch = server._visible_epoch = server._visible_epoch + 1
            server._epoch_cond.notify_all()
    except AttributeError:  # another MkDocs: the page is right, the browser shows it when reloaded
        return False
    return True
