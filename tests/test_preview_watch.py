"""The preview's watching of a large content folder (mkdocs_adapter/preview_watch.py): an edit
is seen at once where the system tells of it, still seen where it does not, and looking for
one no longer takes a core."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from dialogue_archive.mkdocs_adapter.preview_watch import (
    PACE,
    FileEvents,
    PacedPollingEmitter,
    PreviewObserver,
)
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers.api import ObservedWatch


class Seen(FileSystemEventHandler):
    """Records the files' events, as MkDocs' handler acts on them (not on folders')."""

    def __init__(self) -> None:
        self.paths: list[str] = []

    def on_any_event(self, event: FileSystemEvent) -> None:
        if not event.is_directory:
            self.paths.append(str(event.src_path))

    def wait(self, seconds: float) -> float:
        """Seconds until something is seen (at most `seconds`)."""
        started = time.monotonic()
        while not self.paths and time.monotonic() - started < seconds:
            time.sleep(0.01)
        return time.monotonic() - started


def next_look(emitter: PacedPollingEmitter) -> None:
    """Returns once the polling has started its next look."""
    looked = emitter.last_look
    while emitter.last_look == looked:
        time.sleep(0.01)


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """30,000 files, as a content folder of 10,000 sessions with a photo each. MkDocs' own
    polling lists and stats them all every 0.5 s: a look costs about 0.4 s of CPU, and took
    half a core or more (a busy machine gives the watching thread less)."""
    content = tmp_path_factory.mktemp("watched") / "content"
    for n in range(150):
        folder = content / "sessions" / str(2016 + n % 10) / f"folder-{n}"
        folder.mkdir(parents=True)
        for name in range(200):
            (folder / f"{name}.md").touch()
    return content


@pytest.fixture
def watching(content: Path) -> Iterator[tuple[PreviewObserver, Seen]]:
    seen = Seen()
    observer = PreviewObserver(0.5)
    observer.schedule(seen, str(content), recursive=True)
    yield observer, seen
    observer.stop()
    observer.join()


def test_an_edit_in_a_large_content_folder_is_seen_at_once_and_once(
        content: Path, watching: tuple[PreviewObserver, Seen]) -> None:
    observer, seen = watching
    observer.start()
    (emitter,) = observer.emitters  # the polling
    time.sleep(1)
    next_look(emitter)  # edit just after a look, the next seconds away
    time.sleep(2 * emitter.look_seconds)  # (this look's end: it costs about as much as the last)
    looked = emitter.last_look
    edited = content / "sessions" / "2020" / "folder-4" / "7.md"
    edited.write_text("y")
    seen.wait(5)
    # The system may tell of one save twice (its truncation, its writing) within a moment, and
    # MkDocs rebuilds once for both; the polling, which finds the change too, adds nothing.
    time.sleep(0.2)
    told = list(seen.paths)
    assert told, "the edit was not seen"
    assert emitter.last_look == looked, "seen by the polling, not at once"
    for _ in range(2):  # the polling's next look, which finds the change too, has ended
        next_look(emitter)
    time.sleep(0.2)
    assert set(told) == {str(edited)}
    assert seen.paths == told, "told again by the polling"


def test_a_large_content_folder_without_file_events_is_polled_with_a_fifth_of_a_core(
        content: Path, watching: tuple[PreviewObserver, Seen]) -> None:
    # As a Docker volume on macOS or a network drive: the system tells of no edit.
    observer, seen = watching
    observer.file_events.observer = None
    observer.start()
    (emitter,) = observer.emitters
    clock = time.pthread_getcpuclockid(emitter.ident)
    time.sleep(2)
    cpu, wall = time.clock_gettime(clock), time.monotonic()
    time.sleep(6)
    share = (time.clock_gettime(clock) - cpu) / (time.monotonic() - wall)
    assert emitter.look_seconds > 0
    assert share <= 1.5 / (1 + PACE), f"watching took {share:.0%} of a core"
    edited = content / "sessions" / "2021" / "folder-5" / "8.md"
    edited.write_text("y")
    seen.wait(15)
    assert seen.paths == [str(edited)]


def test_the_folder_is_not_looked_at_while_the_preview_rebuilds_and_an_edit_made_then_is_seen_after(
        tmp_path: Path) -> None:
    # A look held the interpreter against the build; MkDocs rebuilds after the build anyway.
    edited = tmp_path / "index.md"
    edited.write_text("x")
    seen = Seen()
    observer = PreviewObserver(0.1)
    observer.file_events.observer = None  # the polling alone, which a rebuild holds
    observer.schedule(seen, str(tmp_path), recursive=True)
    during: list[tuple[bool, list[str]]] = []

    def rebuild() -> None:
        time.sleep(0.3)  # a look begun before the rebuild ends
        looked = emitter.last_look
        edited.write_text("y")
        time.sleep(2)
        during.append((emitter.last_look == looked, list(seen.paths)))

    observer.start()
    try:
        (emitter,) = observer.emitters
        observer.polling_held(rebuild)()
        seen.wait(5)
        assert during == [(True, [])]
        assert seen.paths == [str(edited)]
    finally:
        observer.stop()
        observer.join()


def test_file_events_that_cannot_be_had_are_given_up_with_their_reason(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A watch the system refuses (here a folder removed before the preview starts) leaves the
    polling alone, said once with the system's reason; inotify's limits, which a writer can
    raise, are named only when they are the reason (they were named for any refusal)."""
    events = FileEvents()
    events.schedule(ObservedWatch(str(tmp_path / "gone"), recursive=True), Seen())
    with caplog.at_level("INFO"):
        events.start()
    assert not events.listening and events.observer is None
    said = [r.getMessage() for r in caplog.records]
    assert len(said) == 1 and "No such file or directory" in said[0], said
    assert "max_user_watches" not in said[0], said
    events.stop()  # as the preview's end does: nothing left to stop, no error


def test_a_file_written_beside_a_watched_file_is_not_an_edit(tmp_path: Path) -> None:
    """MkDocs watches mkdocs.yml, a file: the file events watched its whole folder, so a log
    written beside it (`scripts/serve > serve.log`) rebuilt the preview about three times a
    second, each rebuild logging again (a press-office walk-through's find)."""
    config, content = tmp_path / "mkdocs.yml", tmp_path / "content"
    config.write_text("site_name: x\n", encoding="utf-8")
    content.mkdir()
    beside, inside = Seen(), Seen()
    observer = PreviewObserver(0.5)
    observer.schedule(inside, str(content), recursive=True)
    observer.schedule(beside, str(config), recursive=True)
    observer.start()
    try:
        assert observer.file_events.listening
        (tmp_path / "serve.log").write_text("INFO - Detected file changes\n", encoding="utf-8")
        time.sleep(1.5)  # three looks of the polling, and the events long delivered
        assert beside.paths == inside.paths == []
        config.write_text("site_name: y\n", encoding="utf-8")
        assert beside.wait(3.0) < 3.0 and set(beside.paths) == {str(config)}
    finally:
        observer.stop()
        observer.join()
