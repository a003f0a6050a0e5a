"""The site's page folders, kept empty from one build to the next.

With directory URLs every page is a folder of its own (3,600 at 1,000 sessions), and each
build made them all again and deleted the previous site's: on this machine's file system a
folder cost 0.02-0.8 ms to make and 0.07 ms to delete, often more than writing the page
itself (a hard link into the cache). The folders of the archive's own sections are therefore
kept, emptied of every file, and the next build writes into them; those it left empty are
removed at its end. Nothing of an earlier site is kept but its folder names (in the build
cache, or in a preview's own folder, until the next build takes them).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
from collections.abc import Iterable
from pathlib import Path

from .cache import remove_stale

SECTIONS = ("sessions", "agencies", "topics", "places", "commitments", "data")
"""The folders whose paths are the archive's ids (nearly all of the site's folders)."""
KEPT, KEEPING, TAKEN = "kept", "keeping-", "taken-"


def keep_for_next_build(root: Path, store: Path) -> None:
    """Keep the section folders of a retired site, emptied, in `store` (a folder of the build
    cache); a store already holding some is left as is. Never fails: at worst nothing is kept
    (the cache on another file system or mount, a build killed meanwhile)."""
    own = store / f"{KEEPING}{os.getpid()}"
    try:
        remove_stale(store, (KEEPING, TAKEN), keep=own.name)
        shutil.rmtree(own, ignore_errors=True)
        keep_folders(root, own)
        own.rename(store / KEPT)
    except OSError:  # nothing to keep, or another build kept its folders first
        shutil.rmtree(own, ignore_errors=True)


def take_kept_folders(store: Path, root: Path) -> list[str]:
    """Move the folders kept in `store` under `root` (a new, empty site folder); returns their
    names. Builds sharing the store never share folders: each takes them by a rename."""
    taken = store / f"{TAKEN}{os.getpid()}"
    shutil.rmtree(taken, ignore_errors=True)
    try:
        (store / KEPT).rename(taken)
    except OSError:  # none kept, or another build took them first
        return []
    return restore_folders(taken, root)


def keep_folders(root: Path, store: Path, names: Iterable[str] = SECTIONS) -> None:
    """Move `root/<name>` into `store`, emptied of its files (`store` must not exist)."""
    kept = [root / name for name in names if (root / name).is_dir() and not (root / name).is_symlink()]
    if not kept:
        return
    store.mkdir()
    for folder in kept:
        _remove_files(folder)
        folder.rename(store / folder.name)


def restore_folders(store: Path, root: Path) -> list[str]:
    """Move the folders kept in `store` under `root`, and remove the store; returns the names
    moved. Only a folder holding nothing but folders of this user, with the permissions a new
    folder gets now (the umask may have changed), is moved; and only where `root` has none of
    its name."""
    moved: list[str] = []
    try:
        if store.is_dir() and not store.is_symlink():
            mode = _new_folder_mode(root)
            for folder in sorted(store.iterdir()):
                target = root / folder.name
                if not os.path.lexists(target) and _only_folders(folder, mode):
                    folder.rename(target)
                    moved.append(folder.name)
    except OSError:  # another file system or mount, or removed meanwhile: the rest made anew
        pass
    if store.is_symlink():
        store.unlink()
    else:
        shutil.rmtree(store, ignore_errors=True)
    return moved


def remove_empty_folders(root: Path, names: Iterable[str]) -> None:
    """Remove the folders under `root/<name>` that the build left empty (deepest first)."""
    for name in names:
        for path, _, _ in os.walk(root / name, topdown=False):
            with contextlib.suppress(OSError):  # not empty: a file of this build is in it
                os.rmdir(path)


def _remove_files(folder: Path) -> None:
    """Delete every file (and link) under `folder`, keeping its folders."""
    pending = [str(folder)]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                else:
                    os.unlink(entry.path)


def _only_folders(folder: Path, mode: int) -> bool:
    """Whether `folder` and everything under it are folders of this user with `mode`."""
    def fits(status: os.stat_result) -> bool:
        return stat.S_ISDIR(status.st_mode) and stat.S_IMODE(status.st_mode) == mode \
            and status.st_uid == owner

    owner = os.geteuid()
    if not fits(folder.lstat()):
        return False
    pending = [str(folder)]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                if not fits(entry.stat(follow_symlinks=False)):
                    return False
                pending.append(entry.path)
    return True


def _new_folder_mode(root: Path) -> int:
    probe = root / f".folder-mode-{os.getpid()}"
    probe.mkdir()
    try:
        return stat.S_IMODE(probe.stat().st_mode)
    finally:
        probe.rmdir()
