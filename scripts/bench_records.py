"""Time making the search records of a built benchmark archive's first indexes, alone.

    PYTHONPATH=<checkout>/plugins .venv/bin/python scripts/bench_records.py /tmp/benchwork/10000

Loads the archive (from the benchmark's cache) and makes the records of its first 8 indexes
with the code on PYTHONPATH, in CPU seconds: run it with two checkouts in turn to compare.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from dialogue_archive.core.cache import DiskCache
from dialogue_archive.core.loader import load_archive
from dialogue_archive.core.search import SearchRecords
from dialogue_archive.core.views import ArchiveViews

INDEXES = 8


def main(work: Path) -> None:
    archive, _ = load_archive(work / "content", cache=DiskCache(work / ".cache" / "dialogue-archive"),
                              workers=2)
    records = SearchRecords(ArchiveViews(archive), True, 3000, 2000)
    shards = records.shards()[:INDEXES]
    started = time.process_time()
    count = sum(1 for shard in shards for _ in records.records_of(shard))
    print(f"{count} records of {len(shards)} indexes made in {time.process_time() - started:.1f} s CPU")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
