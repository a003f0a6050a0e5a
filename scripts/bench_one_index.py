"""Time Pagefind on the largest search index of a built benchmark archive, alone.

    PYTHONPATH=<checkout>/plugins .venv/bin/python scripts/bench_one_index.py /tmp/benchwork/10000

Loads the archive (from the benchmark's cache), makes the records of its largest index with the
code on PYTHONPATH, and indexes them: run it with two checkouts in turn to compare their
indexing cost at the same moment of the machine.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from dialogue_archive.core.cache import DiskCache
from dialogue_archive.core.loader import load_archive
from dialogue_archive.core.search import SearchRecords
from dialogue_archive.core.search_index import write_bundle
from dialogue_archive.core.views import ArchiveViews


def main(work: Path) -> None:
    archive, _ = load_archive(work / "content", cache=DiskCache(work / ".cache" / "dialogue-archive"),
                              workers=2)
    records = SearchRecords(ArchiveViews(archive), True, 3000, 2000)
    shard = max(records.shards(), key=lambda s: s.records)
    chosen = list(records.records(shard.sessions))
    with tempfile.TemporaryDirectory() as temp:
        started = time.perf_counter()
        stats = write_bundle(chosen, Path(temp) / "index")
        print(f"index {shard.id}: {stats.records} records in {time.perf_counter() - started:.1f} s, "
              f"{stats.bundle_bytes:,} bytes")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
