"""Reading a text file the press office wrote (a session's files, a labels file): every way it
can be unreadable is one located problem, never a traceback."""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

from .problems import ProblemLog
from .yamlio import position_of

MAX_FILE_BYTES = 5 * 1024 * 1024
"""A larger YAML or Markdown file is refused: nobody types that much for one session."""


def read_text(path: Path, log: ProblemLog) -> str | None:
    """UTF-8 text (BOM and CRLF accepted), NFC-normalised; None after reporting a problem."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        log.add(path, 1, 1, f"cannot read the file: {exc.strerror}")
        return None
    if len(raw) > MAX_FILE_BYTES:
        log.add(path, 1, 1, f"the file is {len(raw):,} bytes, more than the "
                f"{MAX_FILE_BYTES:,} allowed; split it or remove pasted content")
        return None
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Notepad's 'Unicode'
        log.add(path, 1, 1, "the file is saved as UTF-16 (Notepad's 'Unicode'), not UTF-8: save it "
                "again as UTF-8 (in Notepad: File, Save As, Encoding: UTF-8)")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        log.add(path, line, column, "the file is not UTF-8 text (byte "
                f"0x{raw[exc.start]:02x}); save it as UTF-8 in your editor")
        return None
    if "\x00" in text:
        log.add(path, *position_of(text, text.index("\x00")), "the file contains a NUL character "
                "(an invisible character of no text, often shown as ^@ or not at all); is it a "
                "text file? If so, delete the character here and save it again")
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    composed = unicodedata.normalize("NFC", text)
    if composed != text:
        log.read_decomposed(path, text)
    return composed
