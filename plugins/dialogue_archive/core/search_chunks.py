"""Cut a Pagefind index's word chunks smaller, so that a query fetches little more than the
words it asks for.

A browser loads, for each word of a query, the word chunk that holds it. Pagefind closes a
chunk when it holds 20,000 word positions, a constant in its source (`chunk_index(word_map,
20000)`, "TODO: Parameterize", no option in 1.5), so each word typed costs 25-120 KB per
index searched whatever the word (measured on a 2,100-record index: `quyền` alone is 2.5 KB
compressed, in a chunk of 115 KB with `phường` and `quận`). This module re-cuts every chunk
at word boundaries into pieces of about `CHUNK_BYTES`, and rewrites the index's metadata to
list them, each from where its words start to its last word (`_start`); it also lists the
index's words (`WORDS_FILE`).

The files are Pagefind's own format (gzip of `pagefind_dcd` + CBOR, read with `cbor2`); a
word's bytes are copied as they are, never decoded into a different form. The bundle is
changed only once every new file is written: the old metadata stays in use until
`pagefind-entry.json` names the new one.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import itertools
import json
from pathlib import Path

import cbor2

CHUNK_BYTES = 16_000
"""Uncompressed bytes of one word chunk, about (6-11 KB compressed). Smaller chunks cost more
entries in the index's metadata, which every search loads (about 25 bytes each: a
2,100-record index goes from 26 chunks to 160, and its metadata from 20.5 to 21.9 KB)."""

WORDS_FILE = "words.da_words"
"""Every word of the index, sorted, one a line, gzipped (9 KB for 3,000 records): the search
page checks that an index holds a word starting with each word typed before it lists the
index's results, since Pagefind answers a word it lacks with a shorter one. Not `.gz`: a
server could then send it as `Content-Encoding: gzip`, as Pagefind's own files avoid too."""

SIGNATURE = b"pagefind_dcd"
FORMAT = "1.5."
"""The Pagefind versions whose file layout this module knows."""


class ChunkFormatError(ValueError):
    """The bundle is not in the layout this module knows (another Pagefind version)."""


def cut_word_chunks(bundle: Path, target: int = CHUNK_BYTES) -> int:
    """Re-cut every word chunk of the Pagefind bundle in `bundle` (one index: its
    pagefind-entry.json, metadata and index/ folder) into chunks of about `target` bytes.
    Returns how many chunks the index has now."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    if not str(entry.get("version", "")).startswith(FORMAT):
        raise ChunkFormatError(f"Pagefind {entry.get('version')} is not {FORMAT}x")
    written: list[Path] = []  # new files, removed again if the bundle cannot be re-cut
    used: set[Path] = set()  # every file the new metadata needs
    replaced: list[Path] = []
    count = 0
    indexed: set[str] = set()
    try:
        for language, info in entry["languages"].items():
            meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
            meta = cbor2.loads(unpacked(meta_path))
            if not (isinstance(meta, list) and len(meta) > 2 and all(
                    isinstance(c, list) and len(c) == 3 for c in meta[2])):
                raise ChunkFormatError(f"{meta_path.name} does not list word chunks as expected")
            chunks: list[list[str]] = []
            for start, _, name in meta[2]:
                source = bundle / "index" / f"{name}.pf_index"
                listed = []
                for words, body in _cut(unpacked(source), target):
                    indexed.update(words)
                    new = _write(bundle / "index", language, 7, ".pf_index", body, written, used)
                    listed.append([words[0], words[-1], new])
                listed[0][0] = start
                for before, after in itertools.pairwise(listed):
                    after[0] = _start(before[1], after[0])
                chunks += listed
                replaced.append(source)
            meta[2] = chunks
            count += len(chunks)
            new_meta = _write(bundle, f"pagefind.{language}", 10, ".pf_meta", cbor2.dumps(meta),
                              written, used)
            replaced.append(meta_path)
            info["hash"] = new_meta.removeprefix("pagefind.")
    except (OSError, ValueError, KeyError, IndexError, TypeError, cbor2.CBORError) as error:
        for path in written:
            path.unlink(missing_ok=True)
        if isinstance(error, OSError | ChunkFormatError):
            raise
        raise ChunkFormatError(f"{type(error).__name__}: {error}") from error
    words = "\n".join(sorted(indexed)).encode("utf-8")
    (bundle / WORDS_FILE).write_bytes(gzip.compress(words, mtime=0))
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    for path in replaced:
        if path not in used:
            path.unlink()
    return count


def unpacked(path: Path) -> bytes:
    """A Pagefind file's content, unzipped and without its signature."""
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise ChunkFormatError(f"{path.name} is not a Pagefind file")
    return raw[len(SIGNATURE):]


def _write(folder: Path, prefix: str, digits: int, suffix: str, body: bytes,
           written: list[Path], used: set[Path]) -> str:
    """Write `body` under a content-hashed name, as Pagefind names its files (so a browser's
    cached copy of an older file is never taken for it), longer if another file has that
    name; a file already holding `body` is kept."""
    data = gzip.compress(SIGNATURE + body, 6, mtime=0)
    digest = hashlib.sha256(body).hexdigest()
    path = folder / f"{prefix}_{digest[:digits]}{suffix}"
    while path.exists() and path.read_bytes() != data:
        digits += 1
        path = folder / f"{prefix}_{digest[:digits]}{suffix}"
    if not path.exists():
        path.write_bytes(data)
        written.append(path)
    used.add(path)
    return path.name.removesuffix(suffix)


def _cut(chunk: bytes, target: int) -> list[tuple[list[str], bytes]]:
    """A chunk (CBOR: an array holding the array of its words, each an array whose first item
    is the word) as pieces of whole words: (their words, the piece's CBOR)."""
    if not chunk or chunk[0] != 0x81:
        raise ChunkFormatError("a word chunk does not start as expected")
    count, start = _array_length(chunk, 1)
    stream = io.BytesIO(chunk)
    stream.seek(start)
    decoder = cbor2.CBORDecoder(stream)
    pieces: list[tuple[list[str], bytes]] = []
    words: list[str] = []
    begin = start
    for _ in range(count):
        words.append(decoder.decode()[0])
        end = stream.tell()
        if end - begin >= target:
            pieces.append((words, _array(chunk[begin:end], len(words))))
            words, begin = [], end
    if words:
        pieces.append((words, _array(chunk[begin:stream.tell()], len(words))))
    if stream.tell() != len(chunk) or not pieces:
        raise ChunkFormatError("a word chunk holds more than its words")
    return pieces


def _array_length(data: bytes, at: int) -> tuple[int, int]:
    """The length of the CBOR array whose header starts at `at`, and where its items start."""
    head = data[at]
    if 0x80 <= head < 0x98:
        return head - 0x80, at + 1
    sizes = {0x98: 1, 0x99: 2, 0x9A: 4, 0x9B: 8}
    if head not in sizes:
        raise ChunkFormatError("a word chunk's word list is not a counted array")
    size = sizes[head]
    return int.from_bytes(data[at + 1:at + 1 + size], "big"), at + 1 + size


def _array(items: bytes, count: int) -> bytes:
    """CBOR for a chunk holding `count` words whose encodings are `items`."""
    if count < 24:
        head = bytes([0x80 + count])
    else:
        size = next(s for s in (1, 2, 4, 8) if count < 1 << (8 * s))
        head = bytes([{1: 0x98, 2: 0x99, 4: 0x9A, 8: 0x9B}[size]]) + count.to_bytes(size, "big")
    return b"\x81" + head + items


def _start(last: str, first: str) -> str:
    """Where a chunk starts: the shortest start of its first word that sorts after the last
    word of the chunk before (Pagefind's rule). Pagefind also shortens where a chunk ends, so
    its last word sorts after it and is found only by a wider look-up; a chunk here ends at
    its last word, so each word is found in exactly the one chunk that holds it."""
    common = 0
    for a, b in zip(last, first, strict=False):
        if a != b:
            break
        common += 1
    return first[:common + 1]
