"""A content-addressed disk cache: work whose inputs did not change is not redone.

Entries are files named by the SHA-256 of everything that decides their content, written
atomically (temporary file + rename), so parallel workers and interrupted builds never
leave a half-written entry. Several builds may share the cache (`scripts/serve` next to
`scripts/build`): an entry another build removes or replaces meanwhile is a miss, never an
error. Deleting the folder is always safe.

Entries are hard-linked into the site (copying 4 GB of pages at 10,000 sessions would double
the build's writes), so a tool that rewrites a site file in place would rewrite the entry too.
Every file entry is therefore stored with a modification time of a whole second, and one whose
time has a fraction was written since: it is dropped and made anew, never published again.
(A file system that keeps whole seconds only cannot tell; it never wrongly drops an entry.)

A folder entry counts only when whole: it holds a manifest (MANIFEST) of its files and their
sizes, and one that lost a file (deleted by hand, or by a clean-up while a build was storing
it) is a miss, removed and made anew: it used to be published as it was, a site without its
feeds or with search results whose excerpts were missing, at every later build.

Storing is an optimisation: a full disk (or quota), or one remounted read-only, stops it
(`DiskCache.store`), never the build, which then writes into the site directly.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import json
import os
import pickle
import shutil
import stat
import tempfile
import threading
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any


def _modes() -> tuple[int, int]:
    """The modes an ordinary file and folder get under this process's umask: the temporary
    files and folders the cache starts from are private (0600, 0700), and the site is made of
    them, so it would be unreadable to a web server running as another user."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask, 0o777 & ~umask


FILE_MODE, FOLDER_MODE = _modes()

SECOND = 1_000_000_000  # nanoseconds
STAGING_PREFIX = ".tmp-"
STALE_STAGING_SECONDS = 24 * 3600
"""A staging folder older than this was left by an interrupted build, not one running."""
UNUSED_SECONDS = 2 * 24 * 3600
"""A swept entry is older than this: a preview's pages, or a parallel build's, outlive its end."""
REFRESH_SECONDS = UNUSED_SECONDS // 2
"""An entry read is given the present time once its own is older than this (`_refresh`): read
every day, it is never swept, and a warm build does not write the time of every entry it reads."""
SWEPT_STAMP = ".swept"
"""The build day a namespace was last swept on (DiskCache.sweep); its time says when."""
MANIFEST = ".manifest.json"
"""In a folder entry: its files (path within it -> size). Made empty before them, filled after
them: one removed meanwhile (the cache deleted while the entry was written, its files with it)
leaves the entry unstored. Never restored into a site."""
SWEEP_SECONDS = 24 * 3600
"""A namespace is swept again after this, even for the same build day: with a fixed
`build_date` (reproducible builds) the day never changes, and an archive swept once, at its
first build, every edit's earlier pages then staying in the cache for good."""


def remove_stale(folder: Path, prefixes: tuple[str, ...], keep: str = "") -> None:
    """Remove the folders and files named with one of `prefixes` in `folder` that builds
    killed midway left there (older than STALE_STAGING_SECONDS, this user's), except `keep`."""
    limit = time.time() - STALE_STAGING_SECONDS
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            if entry.name.startswith(prefixes) and entry.name != keep:
                with contextlib.suppress(OSError):
                    info = entry.lstat()
                    if info.st_uid == os.getuid() and info.st_mtime < limit:
                        if stat.S_ISDIR(info.st_mode):
                            shutil.rmtree(entry, ignore_errors=True)
                        else:
                            entry.unlink()


STORE_FAILURES = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS})
"""Why storing into a cache that could be written when the build began may fail midway: the
build goes on without storing (DiskCache.store)."""


CACHE_VERSION = "1"
"""Bump when the shape of cached data changes: every old entry is then ignored."""


def fingerprint(*parts: str | bytes) -> str:
    """SHA-256 of the parts, each length-prefixed so that ('ab', 'c') != ('a', 'bc')."""
    digest = hashlib.sha256(CACHE_VERSION.encode())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


PACKAGE_DIR = Path(__file__).resolve().parent.parent
CODE_SUFFIXES = {".py", ".html", ".css", ".js", ".svg", ".md", ".yaml"}


LIBRARIES = ("markdown", "nh3", "python-slugify", "pyyaml", "pydantic", "jinja2", "feedgen",
             "icalendar", "cbor2")
"""The libraries whose output the cache keeps, besides this package's code: Python-Markdown,
nh3 and python-slugify render the texts (a session's description and excerpts, the links and
heading ids its checks read, kept with the parsed session), PyYAML and pydantic read the
records (kept as pickled models), Jinja2 writes the pages and search records, feedgen and
icalendar the feeds and calendar, cbor2 the search index's chunks. Not pymdown-extensions:
the archive's texts are rendered without it, and the content folder's own pages, which MkDocs
renders with the site's extensions, are never cached. MkDocs, Material and Pagefind are in
the keys of the pages and search indexes, Pillow in those of the photo copies."""


def library_versions(libraries: tuple[str, ...] = LIBRARIES) -> tuple[str, ...]:
    """'name version' of each library installed ('name' alone for one that is not)."""
    versions = []
    for library in libraries:
        try:
            versions.append(f"{library} {metadata.version(library)}")
        except metadata.PackageNotFoundError:
            versions.append(library)
    return tuple(versions)


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of this package's code, templates and assets, and of the installed versions of
    the LIBRARIES: a new version of either invalidates outputs (an upgraded Python-Markdown
    reused the sessions parsed and the pages written with the old one)."""
    sources = sorted(p for p in PACKAGE_DIR.rglob("*") if p.is_file() and p.suffix in CODE_SUFFIXES)
    return fingerprint(*(str(p.relative_to(PACKAGE_DIR)) for p in sources),
                       *(p.read_bytes() for p in sources), *library_versions())


class DiskCache:
    """Namespaced entries under one folder; a cache without a folder stores nothing."""

    def __init__(self, root: Path | None):
        self.root = root
        self.unstored: str | None = None
        """Why storing failed (the error and where), once it did: nothing more is stored."""

    def store(self, action: Callable[[], object]) -> None:
        """Run `action`, which writes into the cache, unless storing failed before. A full disk
        (or quota) or one remounted read-only stops storing, not the build, which it used to
        stop though the site's disk had room: what is not stored is written into the site
        instead, and the build says so once (`unstored`)."""
        if self.root is None or self.unstored is not None:
            return
        try:
            action()
        except OSError as error:
            where = error.filename2 or error.filename
            if error.errno not in STORE_FAILURES or (where and not self.holds(where)):
                raise
            self.stopped(f"{error.strerror}: {where or self.root}")

    def stopped(self, why: str | None) -> None:
        """Stop storing for `why` (another process's `unstored`, when it has one): the
        processes writing pages or search indexes report it, and those after them skip the
        writes that would fail the same way."""
        if why is not None and self.unstored is None:
            self.unstored = why

    def unwritable(self) -> tuple[Path, str] | None:
        """The folder of the cache that cannot be written, and why, if there is one: the cache's
        own, or one of its namespaces, made by another account (an earlier build with sudo)
        or read-only. Tried by writing, as the build would: the permission bits do not tell
        for root or ACLs."""
        if self.root is None:
            return None
        folder = self.root
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for folder in [self.root, *(p for p in self.root.iterdir() if p.is_dir())]:
                handle, probe = tempfile.mkstemp(dir=folder, prefix=STAGING_PREFIX)
                os.close(handle)
                os.unlink(probe)
        except OSError as error:
            return folder, error.strerror or str(error)
        return None

    def holds(self, path: str | Path | None) -> bool:
        """Whether `path` is in the cache's folder: a full disk there is the cache's, and the
        message then names it (it sent the user to the site's disk)."""
        if self.root is None or not path:
            return False
        return Path(path).resolve().is_relative_to(self.root.resolve())

    def folder(self, namespace: str) -> Path | None:
        """A folder of the cache for a library's own files (None without a cache)."""
        if self.root is None:
            return None
        folder = self.root / namespace
        self.store(functools.partial(folder.mkdir, parents=True, exist_ok=True))
        return folder if folder.is_dir() else None

    def _path(self, namespace: str, key: str, suffix: str) -> Path:
        assert self.root is not None
        return self.root / namespace / key[:2] / f"{key}{suffix}"

    def _read(self, namespace: str, key: str, suffix: str) -> bytes | None:
        if self.root is None:
            return None
        try:
            with self._path(namespace, key, suffix).open("rb") as stream:
                _refresh(stream.fileno())
                return stream.read()
        except OSError:
            return None

    def get_json(self, namespace: str, key: str) -> Any | None:
        data = self._read(namespace, key, ".json")
        try:
            return None if data is None else json.loads(data)
        except ValueError:  # a damaged entry is a miss
            return None

    def put_json(self, namespace: str, key: str, value: Any) -> None:
        if self.root is not None and self.unstored is None:  # not dumped for nothing
            self.store(functools.partial(
                _write_entry, self._path(namespace, key, ".json"),
                json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()))

    def put_bytes(self, namespace: str, key: str, data: bytes) -> None:
        if self.root is not None:
            self.store(functools.partial(_write_entry, self._path(namespace, key, ".bin"), data))

    def get_pickle(self, namespace: str, key: str) -> Any | None:
        """An object kept with `put_pickle`, or None when there is none or it cannot be read
        back (an entry cut short, or written by other code than this): the caller makes it
        again then, instead of a traceback."""
        data = self._read(namespace, key, ".bin")
        try:
            return None if data is None else pickle.loads(data)
        except Exception:  # pickle raises whatever the damaged data leads it to
            return None

    def put_pickle(self, namespace: str, key: str, value: Any) -> None:
        if self.root is not None and self.unstored is None:  # not dumped for nothing
            self.put_bytes(namespace, key, pickle.dumps(value, pickle.HIGHEST_PROTOCOL))

    def restore_tree(self, namespace: str, key: str, destination: Path, merge: bool = False) -> bool:
        """Place a cached folder at `destination`, replacing it, or with `merge` adding its files
        to the folder's (replacing those of the same name); False on a miss. An entry that is
        not whole (`_whole`) is removed. Its files are checked against the manifest as they are
        copied, by the status the copy takes anyway: restoring is on a warm build's path."""
        if self.root is None:
            return False
        source = self.root / namespace / key
        if not source.is_dir():
            return False
        if not merge:
            shutil.rmtree(destination, ignore_errors=True)
        prefix, copied = f"{source}{os.sep}", 0

        def copy(file: str, target: str) -> None:
            nonlocal copied
            if not _as_stored(os.stat(file), files.get(file.removeprefix(prefix))):
                raise OSError(f"{file} is not as it was stored")
            _replace_with_link(file, target)
            copied += 1

        try:
            files = _manifest(source)
            shutil.copytree(source, destination, copy_function=copy, dirs_exist_ok=merge,
                            ignore=lambda folder, _: [MANIFEST] if folder == str(source) else [])
            if copied != len(files):
                raise OSError(f"{source} lost files since it was stored")
            _give_folder_mode(source, destination)
        except (OSError, ValueError, shutil.Error):  # pruned by another build meanwhile, or not whole
            if not _whole(source):
                shutil.rmtree(source, ignore_errors=True)
            return False
        return True

    def made_tree(self, namespace: str, key: str, destination: Path,
                  write: Callable[[Path], Iterable[str]], merge: bool = False) -> None:
        """Place at `destination` (as `restore_tree` does) the folder `write` fills, made once
        per `key` and linked from the cache afterwards; written in place without a cache or
        a key."""
        if key:
            if self.restore_tree(namespace, key, destination, merge):
                return
            self.store_files(namespace, key, write)  # anew, when the entry was not whole
            if self.restore_tree(namespace, key, destination, merge):
                return
        if not merge:
            shutil.rmtree(destination, ignore_errors=True)
        with _naming(destination):  # a full disk's error names no file: the site's, here
            write(destination)

    def holds_tree(self, namespace: str, key: str, folder: Path) -> bool:
        """Whether `folder` is a linked copy of the cached folder `key` (as `restore_tree` and
        `store_tree` make them): every file of it is the entry's own, not an equal one, and none
        is missing or added, nor missing from the entry's manifest; its top-level files were not
        rewritten in place. The files are told by the inodes their folders list, with no call
        per file: a search index holds thousands (23,000 files at 1,000 sessions; a status for
        each took 0.3 s of a 2.9 s warm build)."""
        if self.root is None:
            return False
        entry = self.root / namespace / key
        try:
            stored: dict[str, os.DirEntry[str]] = {}
            listed: dict[str, os.DirEntry[str]] = {}
            _walk(entry, stored)
            _walk(folder, listed)
            del stored[MANIFEST]
            top = [p for name, p in stored.items() if "/" not in name]
            return bool(stored) and entry.stat().st_dev == folder.stat().st_dev \
                and listed.keys() == stored.keys() == _manifest(entry).keys() \
                and all(listed[name].inode() == p.inode() for name, p in stored.items()) \
                and all(_untouched(p.path) and stat.S_IMODE(p.stat().st_mode) == FILE_MODE for p in top) \
                and stat.S_IMODE(folder.stat().st_mode) == FOLDER_MODE  # not an earlier umask's
        except (OSError, ValueError, KeyError):  # gone, or without a readable manifest
            return False

    def store_tree(self, namespace: str, key: str, source: Path) -> None:
        """Keep a copy of `source` under `key` (entries of the namespace are replaced)."""
        self.store_files(namespace, key, functools.partial(_copy_tree, source))

    def store_files(self, namespace: str, key: str, write: Callable[[Path], Iterable[str]]) -> None:
        """Keep under `key` the folder that `write` fills and the files it says it wrote
        (entries of the namespace are replaced), unless the entry is already there; nothing
        when one of those files, or the manifest, went while `write` ran (a clean-up, or the
        cache deleted meanwhile), nor when the cache's disk is full (`store`). The manifest
        lists what the writer wrote, not what the folder holds afterwards: a file a clean-up
        removed before the folder was listed was missing from both, and the entry was kept
        without it (a site without /feed.xml at every later build)."""
        self.store(functools.partial(self._store_files, namespace, key, write))

    def _store_files(self, namespace: str, key: str, write: Callable[[Path], Iterable[str]]) -> None:
        assert self.root is not None
        target = self.root / namespace / key
        if target.exists():
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=STAGING_PREFIX))
        try:
            staging.chmod(FOLDER_MODE)
            (staging / MANIFEST).touch(FILE_MODE)
            with _naming(staging):
                written = write(staging)
            try:
                files = {name: _stamp(staging / name) for name in written}
            except FileNotFoundError:  # removed meanwhile
                return
            try:  # never created here: a manifest removed meanwhile stays missing
                handle = os.open(staging / MANIFEST, os.O_WRONLY | os.O_TRUNC)
            except FileNotFoundError:
                return
            with _naming(staging / MANIFEST), os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(files, stream, ensure_ascii=False, separators=(",", ":"))
            try:
                os.replace(staging, target)
            except OSError:  # another build stored the same entry first: keep theirs
                if not target.is_dir():
                    raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        self._prune(target)

    @staticmethod
    def _prune(kept: Path) -> None:
        """One bundle of a namespace is enough (they are large): remove the others, and what
        an interrupted build left staged more than a day ago."""
        for old in kept.parent.iterdir():
            if old == kept or not old.is_dir():
                continue
            if old.name.startswith(STAGING_PREFIX):
                with contextlib.suppress(OSError):
                    if time.time() - old.stat().st_mtime < STALE_STAGING_SECONDS:
                        continue
            shutil.rmtree(old, ignore_errors=True)

    def sweep(self, namespace: str, day: str, unused_for: float = UNUSED_SECONDS,
              kept: Collection[str] | Callable[[], Collection[str]] = frozenset()) -> int:
        """Remove the file entries of `namespace` that no published site links to and that
        were stored or last read (`_refresh`) more than `unused_for` seconds ago; once per
        `day` (a build's date), and once a day (SWEEP_SECONDS) for the same `day`: every
        edit, and every day's lists and reports, leave their earlier pages behind (keyed by
        the build date, a daily build left a whole site's, about 425 MB at 1,000 sessions).
        Entries under a key of `kept` stay, however old: the build read them, but no site
        links to them (data it keeps for itself, as the photos' sizes, the parsed sessions);
        a callable gives them only when the sweep is due. How many files went."""
        folder = self.folder(namespace)
        if folder is None:
            return 0
        stamp = folder / SWEPT_STAMP
        with contextlib.suppress(OSError):
            recent = stamp.stat().st_mtime > time.time() - SWEEP_SECONDS
            if recent and stamp.read_text(encoding="utf-8") == day:
                return 0
        if callable(kept):
            kept = kept()
        names: dict[int, list[Path]] = {}
        counts: dict[int, os.stat_result] = {}
        for path in folder.glob("*/*"):
            with contextlib.suppress(OSError):
                info = path.lstat()
                if stat.S_ISREG(info.st_mode):
                    names.setdefault(info.st_ino, []).append(path)
                    counts[info.st_ino] = info
        removed = 0
        old = time.time() - unused_for
        for inode, paths in names.items():
            info = counts[inode]
            linked = info.st_nlink > len(paths)  # from outside the cache: a site's file
            named = any(path.name.partition(".")[0] in kept for path in paths)
            if not linked and not named and info.st_mtime < old:
                for path in paths:
                    with contextlib.suppress(OSError):
                        path.unlink()
                        removed += 1
        with contextlib.suppress(OSError):
            stamp.write_text(day, encoding="utf-8")
        return removed

    def sweep_folders(self, prefix: str, used: Collection[str], unused_for: float = UNUSED_SECONDS) -> int:
        """Remove the namespaces named `prefix`… that are not `used` (a search index of a
        shard the archive no longer has), as `sweep` does its entries: none of their files
        linked from a site, and all stored more than `unused_for` seconds ago (a preview's
        own are used by it). How many went."""
        if self.root is None:
            return 0
        old, removed = time.time() - unused_for, 0
        with contextlib.suppress(OSError):
            for folder in self.root.glob(f"{prefix}*"):
                if folder.name in used or not folder.is_dir():
                    continue
                with contextlib.suppress(OSError):
                    files = [p.lstat() for p in folder.rglob("*") if not p.is_dir()]
                    if all(f.st_nlink == 1 and f.st_mtime < old for f in files):
                        shutil.rmtree(folder)
                        removed += 1
        return removed

    def alias(self, namespace: str, key: str, other: str) -> None:
        """Make the file entry `key` findable under `other` too (no-op for an empty `other`)."""
        if self.root is None or not other:
            return
        self.store(functools.partial(self._alias, namespace, key, other))

    def _alias(self, namespace: str, key: str, other: str) -> None:
        target = self._path(namespace, other, ".bin")
        target.parent.mkdir(parents=True, exist_ok=True)
        # Linked under a temporary name, then renamed over the old entry: a build reading
        # `other` meanwhile finds the old file or the new one, never none.
        # (A rename onto another link of the same file does nothing: the name is then removed.)
        temporary = target.with_name(f"{STAGING_PREFIX}{os.getpid()}-{target.name}")
        try:
            _replace_with_link(self._path(namespace, key, ".bin"), temporary)
            os.replace(temporary, target)
        except OSError:  # the entry is gone (cache cleared): a miss later
            pass
        finally:
            temporary.unlink(missing_ok=True)

    def copy_to(self, namespace: str, key: str, destination: Path) -> bool:
        """Place a cached file at `destination`; False on a miss."""
        if self.root is None:
            return False
        source = self._path(namespace, key, ".bin")
        try:
            if not _untouched(source):
                source.unlink()
                return False
        except OSError:  # no such entry
            return False
        destination.parent.mkdir(parents=True, exist_ok=True)
        try:
            _replace_with_link(source, destination)
        except FileNotFoundError:  # replaced or removed by another build just now: a miss
            return False
        return True


def _write_entry(path: Path, data: bytes) -> None:
    """A file entry written whole under a temporary name, then renamed into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=STAGING_PREFIX)
    try:
        os.fchmod(handle, FILE_MODE)
        with _naming(temporary), os.fdopen(handle, "wb") as stream:  # closing writes too
            stream.write(data)
        _stamp(temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def _naming(path: Path | str) -> Iterator[None]:
    """Errors of writing into `path` name it: a write's own (a full disk) names no file, and
    the message could not say that the full disk is the cache's."""
    try:
        yield
    except OSError as error:
        if error.filename is None and error.errno is not None:
            raise OSError(error.errno, error.strerror, str(path)) from error
        raise


def _stamp(path: Path | str) -> int:
    """Give a new entry a modification time of a whole second (see the module's docstring);
    its size, for a manifest."""
    status = os.stat(path)
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns // SECOND * SECOND))
    return status.st_size


def _refresh(handle: int) -> None:
    """Give an entry read whose time is more than REFRESH_SECONDS old the present whole second:
    a sweep removes the entries no build read for UNUSED_SECONDS, not those written that long
    ago (an archive's daily sweep removed the parsed sessions of another sharing the cache,
    which read them every day). An entry rewritten in place (a fraction) keeps its time, which
    tells so; one this account cannot change keeps it too."""
    status = os.fstat(handle)
    now = time.time_ns() // SECOND * SECOND
    if status.st_mtime_ns % SECOND == 0 and status.st_mtime_ns < now - REFRESH_SECONDS * SECOND:
        with contextlib.suppress(OSError):
            os.utime(handle, ns=(status.st_atime_ns, now))


def _untouched(path: Path | str) -> bool:
    """Whether a file entry is as stored: not rewritten in place through a link in a site.
    Raises OSError when it is not there."""
    status = os.stat(path)
    return not stat.S_ISDIR(status.st_mode) and status.st_mtime_ns % SECOND == 0


def _give_folder_mode(source: Path, destination: Path) -> None:
    """Folders copied from the cache take the mode of a new folder now: copying keeps the
    cache's, which an earlier build made under another umask (0700 folders in a site that a
    web server running as another user cannot read)."""
    for folder, _, _ in os.walk(source):
        target = destination / os.path.relpath(folder, source)
        if stat.S_IMODE(target.stat().st_mode) != FOLDER_MODE:
            target.chmod(FOLDER_MODE)


def _walk(folder: Path, found: dict[str, os.DirEntry[str]], prefix: str = "") -> None:
    """Every file under `folder` (its path within it) into `found`, as the folder lists it
    (its inode then costs no call)."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                _walk(Path(entry.path), found, f"{prefix}{entry.name}/")
            else:
                found[prefix + entry.name] = entry


def _manifest(entry: Path) -> dict[str, int]:
    """A folder entry's files and their sizes (MANIFEST). Raises OSError or ValueError when it
    has none that can be read: an entry stored by a build that stopped or lost it."""
    files = json.loads((entry / MANIFEST).read_bytes())
    if not isinstance(files, dict):
        raise ValueError(f"{entry / MANIFEST} is not a manifest")
    return files


def _as_stored(status: os.stat_result, size: int | None) -> bool:
    """Whether a file of a folder entry is as stored: a file of the size its manifest gives
    (None: not listed there), not rewritten in place."""
    return stat.S_ISREG(status.st_mode) and status.st_size == size and status.st_mtime_ns % SECOND == 0


def _whole(entry: Path) -> bool:
    """Whether a folder entry holds the files its manifest lists, as they were stored, and no
    other: one that lost a file (removed by hand, or by a clean-up while it was written) would
    publish a site without it."""
    found: dict[str, os.DirEntry[str]] = {}
    try:
        files = _manifest(entry)
        _walk(entry, found)
        del found[MANIFEST]
        return found.keys() == files.keys() and all(
            _as_stored(file.stat(), files[name]) for name, file in found.items())
    except (OSError, ValueError, KeyError):
        return False


def _copy_tree(source: Path, target: Path) -> list[str]:
    """Link (or copy) every file of `source` into the folder `target`, stopping at the first
    failure: shutil.copytree goes on and reports them all as text, and a full disk, which
    only stops storing (DiskCache.store), could no longer be told from another error.
    Returns the files (paths within `target`)."""
    written = []
    for folder, _, files in os.walk(source):
        within = os.path.relpath(folder, source)
        (target / within).mkdir(parents=True, exist_ok=True)
        for name in files:
            path = os.path.normpath(os.path.join(within, name))
            _link_or_copy(os.path.join(folder, name), target / path)
            written.append(path)
    return written


def _replace_with_link(source: Path | str, destination: Path | str) -> None:
    """A file already at `destination` is replaced in one step: linked (or copied) under a
    temporary name beside it, then renamed over it. Never written in place, as it may itself be
    linked to another cache entry; nor unlinked first: a preview's page written again while
    served (the open-data page after its catch-up) was missing meanwhile, or, copied across
    file systems (a cache on disk, the preview's site in a /tmp of tmpfs), half written."""
    destination = Path(destination)
    if not os.path.lexists(destination):
        _link_or_copy(source, destination)
        return
    temporary = destination.with_name(
        f"{STAGING_PREFIX}{os.getpid()}-{threading.get_ident()}-{destination.name}")
    try:
        _link_or_copy(source, temporary)
        os.replace(temporary, destination)  # a link to the same file already: nothing done
    finally:
        temporary.unlink(missing_ok=True)


def _link_or_copy(source: Path | str, destination: Path | str) -> None:
    """A hard link: cached outputs are never written in place (entries are replaced, and
    writers of the site unlink a file before writing it); other tools' writes are caught by
    the entries' whole-second times (see the module's docstring). The file takes the mode a new
    file gets now: an entry an earlier build made under umask 077 (0600) published pages a web
    server running as another user could not read."""
    if stat.S_IMODE(os.stat(source).st_mode) != FILE_MODE:
        os.chmod(source, FILE_MODE)  # its time, by which rewrites are caught, is kept
    try:
        os.link(source, destination)
    except OSError:  # another file system, or links not supported
        shutil.copyfile(source, destination)
