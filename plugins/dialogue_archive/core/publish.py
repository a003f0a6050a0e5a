"""Atomic publishing: a failed build never touches the site that is already published.

The build writes into a staging folder next to the site folder; only a build that
finished without error replaces the site, by renaming folders (no copying), so a web
server never serves a half-written site and a broken build leaves the old one as it was.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from .parallel import interrupts_held
from .site_folders import keep_for_next_build

STAGING_PREFIX = ".staging-"
RETIRED_PREFIX = ".retired-"


class PublishError(RuntimeError):
    """The site folder cannot be written as publishing needs; the message says what to do.
    Nothing was published: the site is as it was."""


def staging_dir(site_dir: Path) -> Path:
    """An empty folder beside `site_dir` (same file system, so the swap is a rename)."""
    site_dir = site_dir.resolve()
    staging = site_dir.with_name(f"{STAGING_PREFIX}{site_dir.name}-{os.getpid()}")
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        discard(staging)
        staging.mkdir()
    except OSError as error:
        existing = next(p for p in site_dir.parents if p.exists())  # the one to make writable
        raise PublishError(
            f"the build cannot make {staging.name} in {site_dir.parent} ({error.strerror}): it "
            "writes the new site there, beside the site folder, and swaps the two; give this "
            f"account write permission on {existing}, or build into another --site-dir"
        ) from None
    for prefix in (STAGING_PREFIX, RETIRED_PREFIX):
        for left in site_dir.parent.glob(f"{prefix}{site_dir.name}-*"):
            if left != staging and not _running(left.name.rsplit("-", 1)[-1]):
                with contextlib.suppress(OSError):  # another account's: it stays, harmless
                    discard(left)  # a build killed, or stopped while it published, left it
    return staging


def _movable(folder: Path) -> bool:
    """Whether this account may move `folder` to another parent (its parent and the folder
    itself writable: a folder moved elsewhere has its '..' rewritten)."""
    return os.access(folder, os.W_OK | os.X_OK) and os.access(folder.parent, os.W_OK | os.X_OK)


def _running(pid: str) -> bool:
    """Whether the build of that process id may still be using its folder."""
    if not pid.isdigit():
        return True  # not a name this module gave: left alone
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def publish(staging: Path, site_dir: Path,
            carried: Mapping[str, Callable[[Path], object]] | None = None,
            folders: Path | None = None) -> str | None:
    """Put the staged build in place of `site_dir` with two renames, then drop the old site;
    what to tell the user if that old site could not be removed.

    `carried` names folders the new site keeps unchanged from the published one (the search
    indexes: most of the site's files); they are moved across rather than copied again, and
    each comes with a way to make it anew in the staging folder, used first for any the
    published site no longer has, so that only renames happen once the old site is retired.
    The old site's folders are kept, emptied, in `folders` for the next build (site_folders.py)."""
    site_dir = site_dir.resolve()
    moved = []
    for path, remake in (carried or {}).items():
        if (site_dir / path).is_dir() and _movable(site_dir / path):
            moved.append(path)  # another account's folder is made anew from the cache instead
        elif remake(staging / path) is False:  # the cache's copy went meanwhile (another build)
            raise PublishError(f"{path} is neither in the published site nor in the cache any "
                               "more (another build pruned it meanwhile); build again")
    retired = site_dir.with_name(f"{RETIRED_PREFIX}{site_dir.name}-{os.getpid()}")
    discard(retired)
    with interrupts_held():  # Ctrl-C waits for the renames: the site is the old or the new one
        _swap(staging, site_dir, retired, moved)
    try:
        if folders is not None:
            keep_for_next_build(retired, folders)
        discard(retired)
    except OSError as error:  # published; the old site's files are another account's
        return (f"the new site is published, but the old one, moved to {retired}, could not be "
                f"removed ({error.strerror}); remove it as the account that owns it")
    return None


def _swap(staging: Path, site_dir: Path, retired: Path, moved: list[str]) -> None:
    """The renames that publish, undone if one fails, so that the site stays the old one."""
    done: list[str] = []
    retired_it = False
    try:
        if site_dir.exists():
            site_dir.rename(retired)
            retired_it = True
        for path in moved:
            (staging / path).parent.mkdir(parents=True, exist_ok=True)
            (retired / path).rename(staging / path)
            done.append(path)
        staging.rename(site_dir)
    except OSError as error:
        for path in reversed(done):
            (staging / path).rename(retired / path)
        if retired_it:
            retired.rename(site_dir)
        raise PublishError(f"the new site could not be put in place of {site_dir} ({error}); the "
                           "published site is left as it was") from None


def discard(folder: Path) -> None:
    """Remove a staging or retired folder if it is there."""
    if folder.is_symlink() or folder.is_file():
        folder.unlink()
    elif folder.exists():
        shutil.rmtree(folder)


def write_files(folder: Path, files: Iterable[tuple[str, str | bytes]]) -> None:
    """Write (relative path, content) pairs under `folder` as they come, so that the feeds
    never have to be held in memory together."""
    for name, content in files:
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)  # it may be a hard link into the cache
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
