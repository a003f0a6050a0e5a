"""A content-addressed disk cache: work whose inputs did not change is not redone.

Entries are files named by the SHA-256 of everything that decides their content, written
atomically (temporary file + rename), so parallel workers and interrupted builds never
leave a half-written entry. Deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

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


class DiskCache:
    """Namespaced entries under one folder; a cache without a folder stores nothing."""

    def __init__(self, root: Path | None):
        self.root = root
        self.hits = 0
        self.misses = 0

    def _path(self, namespace: str, key: str, suffix: str) -> Path:
        assert self.root is not None
        return self.root / namespace / key[:2] / f"{key}{suffix}"

    def _write(self, path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def get_json(self, namespace: str, key: str) -> Any | None:
        if self.root is None:
            return None
        try:
            value = json.loads(self._path(namespace, key, ".json").read_bytes())
        except (OSError, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put_json(self, namespace: str, key: str, value: Any) -> None:
        if self.root is not None:
            self._write(self._path(namespace, key, ".json"),
                        json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode())

    def get_bytes(self, namespace: str, key: str) -> bytes | None:
        if self.root is None:
            return None
        try:
            data = self._path(namespace, key, ".bin").read_bytes()
        except OSError:
            self.misses += 1
            return None
        self.hits += 1
        return data

    def put_bytes(self, namespace: str, key: str, data: bytes) -> None:
        if self.root is not None:
            self._write(self._path(namespace, key, ".bin"), data)

    def copy_to(self, namespace: str, key: str, destination: Path) -> bool:
        """Copy a cached file to `destination`; False on a miss. (A copy, not a hard link: a
        later in-place write to the site, e.g. `mkdocs build --dirty`, must not reach the cache.)"""
        if self.root is None:
            return False
        source = self._path(namespace, key, ".bin")
        if not source.is_file():
            self.misses += 1
            return False
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, destination)
        self.hits += 1
        return True

