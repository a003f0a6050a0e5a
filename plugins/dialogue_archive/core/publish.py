"""Atomic publishing: a failed build never touches the site that is already published.

The build writes into a staging folder next to the site folder; only a build that
finished without error replaces the site, by exchanging the two folders in one rename (no
copying), so a web server never serves a half-written site, nor finds no site at all, and a
broken build leaves the old one as it was.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import functools
import os
import shutil
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from .parallel import Stopper, interrupts_held
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


def hold_site(site_dir: Path, waiting: Callable[[], None]) -> Callable[[], None]:
    """Take the lock of the builds that publish into `site_dir` (an exclusive `flock` on
    `.<site name>.lock` beside it), after calling `waiting` once if another build holds it;
    returns what releases it, once published. A build that read the content before another
    published would otherwise publish its older content over the newer. The kernel releases
    the lock of a process that dies, killed or not (its empty file stays until the next build)."""
    site_dir = site_dir.resolve()
    lock = site_dir.with_name(f".{site_dir.name}.lock")
    said = False
    while True:
        held = _open_lock(lock)
        try:
            fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not said:
                waiting()
                said = True
            try:
                fcntl.flock(held, fcntl.LOCK_EX)
            except BaseException:  # Ctrl-C while waiting
                os.close(held)
                raise
        try:
            if os.path.samestat(os.fstat(held), os.stat(lock)):
                return functools.partial(_release, lock, held)
        except FileNotFoundError:
            pass
        os.close(held)  # the build that held it removed that file on releasing: lock the new one


def _open_lock(lock: Path) -> int:
    """The lock file, made if needed; a clear message where it cannot be."""
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
        return os.open(lock, os.O_RDONLY | os.O_CREAT, 0o644)  # flock needs no write access
    except OSError as error:
        existing = next(p for p in lock.parents if p.exists())  # the one to make writable
        raise PublishError(
            f"the build cannot make {lock.name} in {lock.parent} ({error.strerror}): the builds "
            f"of the site take turns with it; give this account write permission on {existing}, "
            "or build into another --site-dir") from None


def _release(lock: Path, held: int) -> None:
    """Remove the lock file while still holding it (a build waiting on it then locks a new
    one: hold_site checks), and let the next build go on."""
    with contextlib.suppress(OSError):
        lock.unlink()
    os.close(held)


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
            folders: Path | None = None, exchange: bool = True) -> str | None:
    """Put the staged build in place of `site_dir` in one step, then drop the old site; what
    to tell the user if that old site could not be removed.

    `carried` names folders the new site keeps unchanged from the published one (the search
    indexes: most of the site's files); they are moved across rather than copied again, and
    each comes with a way to make it anew in the staging folder, used first for any the
    published site no longer has, so that only renames happen while publishing.
    The old site's folders are kept, emptied, in `folders` for the next build (site_folders.py).
    `exchange`: False renames one folder after the other, as where the system has no exchange
    (the tests' way to that path: the file systems they run on all have it)."""
    site_dir = site_dir.resolve()
    moved = []
    for path, remake in (carried or {}).items():
        if (site_dir / path).is_dir() and _movable(site_dir / path):
            moved.append(path)  # another account's folder is made anew from the cache instead
        elif remake(staging / path) is False:  # the cache's copy went meanwhile (another build)
            raise PublishError(f"{path} is neither in the published site nor in the cache any "
                               "more (another build pruned it meanwhile); build again")
    retired = site_dir.with_name(f"{RETIRED_PREFIX}{site_dir.name}-{os.getpid()}")
    with interrupts_held():  # Ctrl-C waits for the renames: the site is the old or the new one
        old = _swap(staging, site_dir, retired, moved, exchange)
    if old is None:
        return None
    try:
        if folders is not None:
            keep_for_next_build(old, folders)
        discard(old)
    except OSError as error:  # published; the old site's files are another account's
        return (f"the new site is published, but the old one, moved to {old}, could not be "
                f"removed ({error.strerror}); remove it as the account that owns it")
    return None


def _swap(staging: Path, site_dir: Path, retired: Path, moved: list[str], exchange: bool = True
          ) -> Path | None:
    """Publish the staged site; where the old site is now (None: there was none). The
    unchanged indexes go into the new site first, so that the swap itself is one step (a
    rename exchange) where the system has it; every move is undone if one fails, so that the
    site stays the old one. Any failure is a PublishError, saying where things are."""
    done: list[str] = []
    old = site_dir  # where the published site is
    try:
        for path in moved:
            (staging / path).parent.mkdir(parents=True, exist_ok=True)
            (site_dir / path).rename(staging / path)
            done.append(path)
        if not site_dir.exists():
            staging.rename(site_dir)
            return None
        if exchange and _exchange(staging, site_dir):
            return staging
        discard(retired)
        site_dir.rename(retired)  # without the exchange, there is no site until the next rename
        old = retired
        staging.rename(site_dir)
        return retired
    except OSError as error:
        failed = f"the new site could not be put in place of {site_dir} ({error})"
        try:
            if old != site_dir:
                old.rename(site_dir)
                old = site_dir
            for path in reversed(done):
                (staging / path).rename(site_dir / path)
        except OSError as undoing:
            where = (f"the published site is in {old}: rename it to {site_dir}" if old != site_dir
                     else "its search may miss some results until the next build")
            raise PublishError(f"{failed}, and undoing it failed too ({undoing}): {where}; did "
                               "another program write there meanwhile?") from None
        raise PublishError(f"{failed}; the published site is left as it was") from None


RENAME_EXCHANGE = 2
"""renameat2's flag (linux/fs.h) that swaps two paths atomically."""
AT_FDCWD = -100
"""renameat2's `dirfd` for paths taken from the current folder (or absolute)."""


@functools.cache
def _renameat2() -> Callable[..., int] | None:
    """The C library's renameat2 (Linux, glibc 2.28 and later); None where there is none."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def _exchange(one: Path, other: Path) -> bool:
    """Swap two existing folders in one step, so that a web server reading one of the names
    finds either folder there, never neither; False where the system or the file system
    cannot (the caller then renames one after the other)."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(AT_FDCWD, os.fsencode(one), AT_FDCWD, os.fsencode(other), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):  # a file system that refuses it
        return False
    raise OSError(code, os.strerror(code), str(one), None, str(other))


def discard(folder: Path) -> None:
    """Remove a staging or retired folder if it is there."""
    if folder.is_symlink() or folder.is_file():
        folder.unlink()
    elif folder.exists():
        shutil.rmtree(folder)


def write_files(folder: Path, files: Iterable[tuple[str, str | bytes]],
                stopper: Stopper | None = None) -> list[str]:
    """Write (relative path, content) pairs under `folder` as they come, so that the feeds
    never have to be held in memory together, until `stopper` stops; returns the paths written
    (for the cache's manifest)."""
    written = []
    for name, content in files:
        if stopper is not None:
            stopper.check()
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)  # it may be a hard link into the cache
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
        written.append(name)
    return written
