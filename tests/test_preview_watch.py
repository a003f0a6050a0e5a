"""The preview's watching of a large content folder (mkdocs_adapter/preview_watch.py): it still
sees an edit, and no longer takes a core to look for one."""

from __future__ import annotations

import time
from pathlib import Path

from dialogue_archive.mkdocs_adapter.preview_watch import PACE, PacedPollingObserver
from watchdog.events import FileSystemEvent, FileSystemEventHandler


def test_a_large_content_folder_is_watched_with_a_fifth_of_a_core_and_its_edits_still_seen(
        tmp_path: Path) -> None:
    # 30,000 files, as a content folder of 10,000 sessions with a photo each. MkDocs' own
    # polling lists and stats them all every 0.5 s: a look costs about 0.4 s of CPU, and took
    # half a core or more (a busy machine gives the watching thread less).
    content = tmp_path / "content"
    for n in range(150):
        folder = content / "sessions" / str(2016 + n % 10) / f"folder-{n}"
        folder.mkdir(parents=True)
        for name in range(200):
            (folder / f"{name}.md").touch()
    seen: list[str] = []

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if not event.is_directory:
                seen.append(str(event.src_path))

    observer = PacedPollingObserver(0.5)
    observer.schedule(Handler(), str(content), recursive=True)
    observer.start()
    try:
        (emitter,) = observer.emitters
        clock = time.pthread_getcpuclockid(emitter.ident)
        time.sleep(2)
        cpu, wall = time.clock_gettime(clock), time.monotonic()
        time.sleep(6)
        share = (time.clock_gettime(clock) - cpu) / (time.monotonic() - wall)
        assert emitter.look_seconds > 0
        assert share <= 1.5 / (1 + PACE), f"watching took {share:.0%} of a core"
        edited = content / "sessions" / "2020" / "folder-4" / "7.md"
        edited.write_text("y")
        saved = time.monotonic()
        while not seen and time.monotonic() - saved < 15:
            time.sleep(0.05)
        assert seen == [str(edited)]
    finally:
        observer.stop()
        observer.join()
