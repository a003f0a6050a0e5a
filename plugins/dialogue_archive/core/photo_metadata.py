"""A photo's file without what its camera or editor wrote about it, for publication.

A camera writes into the photo's EXIF its GPS position (a photo taken at a complainant's house
says where they live), its serial number and its owner's name; an editor adds XMP or IPTC, and
both write comments ("Ảnh CCCD của …", a photographer's or a program's name). The site
publishes the original photo (the image link, the largest `srcset` entry, open data's
`image.url`), so a photo that carries such data is published without it: its pixels are
copied byte for byte (no re-encoding: the same quality), and its EXIF orientation is kept
alone, so that it shows as before. A file keeps only the segments or chunks a browser draws
with, as a list of what to keep, not of what to drop: cameras and editors write text in most
of a JPEG's sixteen application segments, and tools add chunks of their own to a PNG or WebP
(content credentials naming an author). Only the file's structure is read (JPEG segments,
PNG and WebP chunks): Pillow reads no segment it does not decode, and has no lossless way to
drop them; pyexiv2 (exiv2) was tried and leaves what it does not recognise (README). A damaged
structure is read as decoders read it, never past the file's end, so that any file gets an
answer.
"""

from __future__ import annotations

import struct
import zlib

ORIENTATION = 0x0112
EXIF_HEADER = b"Exif\x00\x00"
JPEG_NOTES = {*range(0xE0, 0xF0), 0xFE}
"""The application segments (APP0-APP15) and comments (COM): where cameras and editors write
what they say of a photo (EXIF and XMP in APP1, Photoshop's IPTC in APP13 and its "Save for
Web" comment and copyright in APP12, content credentials in APP11, a comment in COM)."""
JPEG_DRAWN = ((0xE0, b"JFIF\x00"), (0xE2, b"ICC_PROFILE\x00"), (0xEE, b"Adobe"))
"""The application segments a browser draws with, by marker and what their data starts with:
JFIF's (the colours are YCbCr), the ICC colour profile (in parts), Adobe's (a CMYK or YCCK
picture's colour transform)."""
JPEG_UNSIZED = {0x01, *range(0xD0, 0xDA)}
"""Markers without a length (TEM, RST0-7, SOI, EOI), as Pillow reads them."""
METADATA_SIGNS = (EXIF_HEADER, b"<x:xmpmeta", b"http://ns.adobe.com/")
"""What starts an EXIF block or an XMP packet (or names XMP's namespace) wherever it is."""
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_DRAWN = {b"cHRM", b"cICP", b"gAMA", b"iCCP", b"mDCv", b"cLLi", b"sBIT", b"sRGB", b"tRNS",
             b"bKGD", b"pHYs", b"acTL", b"fcTL", b"fdAT"}
"""The PNG specification's ancillary chunks that say how the pixels are drawn (colour space,
transparency, background, pixel shape, an animation's frames); the critical ones (IHDR, PLTE,
IDAT, IEND: a name starting with a capital), which every reader must know, stay too. The
others go: EXIF (`eXIf`; `exIf`, its name while proposed, which older ImageMagick wrote and
still reads; `zxIf`, a once-proposed compressed EXIF ExifTool reads), XMP (an iTXt,
'XML:com.adobe.xmp'; `tXMP` in a 2001 draft ExifTool reads), the other text chunks (an
author, a comment), tIME, the palette suggestions (sPLT, named) and histogram, and any
chunk of a tool's own (`caBX`, content credentials naming an author; an editor's layers)."""
WEBP_DRAWN = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP"}
"""The chunks a WebP is drawn from: its picture (lossy, lossless, its alpha), the extended
format's header, an animation's frames and the colour profile. The others go: EXIF, XMP and
any chunk of a tool's own (`C2PA`, content credentials naming an author), which readers skip."""
WEBP_FLAGS = 0x08 | 0x04
"""VP8X's flags saying the file holds EXIF and XMP."""
GIF_SIGNATURES = (b"GIF87a", b"GIF89a")
GIF_DRAWN = (b"NETSCAPE2.0", b"ANIMEXTS1.0", b"ICCRGBG1012")
"""The application extensions a browser draws with: an animation's loops (Netscape's, and the
same under another name) and the ICC colour profile. The others go (XMP, ImageMagick's IPTC),
with the comments (GIMP writes "Created with GIMP" in each) and the plain text, which
browsers do not draw."""


def orientation_exif(orientation: int | None) -> bytes:
    """An EXIF block (TIFF, big-endian) holding only an orientation; empty for none, the
    upright one (no block needed) or a value that is none of EXIF's eight (browsers ignore it)."""
    if not isinstance(orientation, int) or not 2 <= orientation <= 8:
        return b""
    return b"MM\x00*\x00\x00\x00\x08" + struct.pack(">HHHIHHI", 1, ORIENTATION, 3, 1, orientation, 0, 0)


def without_metadata(data: bytes, orientation: int | None) -> bytes | None:
    """`data` without EXIF, XMP, comments and text metadata, `orientation` (as its EXIF said) kept; None
    when it holds none (published as it is) or is no JPEG, PNG, WebP or GIF file. Never raises,
    whatever the bytes: the build calls it on every photo."""
    strip = (_jpeg if data.startswith(b"\xff\xd8") else _png if data.startswith(PNG_SIGNATURE)
             else _webp if data[:4] == b"RIFF" and data[8:12] == b"WEBP"
             else _gif if data.startswith(GIF_SIGNATURES) else None)
    clean = strip(data, orientation) if strip else None
    return None if clean == data else clean  # an orientation alone, as this writes it


def _carries_metadata(part: bytes) -> bool:
    """Whether `part` holds EXIF or XMP: what follows a picture's end (another picture, a phone's
    video), or a segment that should hold none."""
    return any(sign in part for sign in METADATA_SIGNS)


def _jpeg(data: bytes, orientation: int | None) -> bytes | None:
    """Segments up to the first scan, but the application segments no browser draws with and
    comments; the picture's data after it copied as it is, up to its end (EOI). What follows
    the end (an MPO's second picture, a phone's video) is dropped with the metadata: it may
    carry its own."""
    kept, removed, at = [data[:2]], False, 2
    while at + 1 < len(data):
        marker = data[at + 1]
        if data[at] != 0xFF or marker in {0x00, 0xFF}:  # fill or stray bytes: skipped, as Pillow
            at += 1  # and libjpeg skip them (a photo with them shows)
            continue
        if marker == 0xDA:  # start of scan: the picture's data follows
            break
        # a length cut off, or past the file's end, ends the segment there
        end = at + 2 + (0 if marker in JPEG_UNSIZED else int.from_bytes(data[at + 2:at + 4], "big"))
        segment = data[at:end]
        index = marker == 0xE2 and segment[4:8] == b"MPF\x00"  # an MPO's index of pictures
        # a segment whose damaged length swallowed an EXIF or XMP segment goes with it
        if _carries_metadata(segment) or (marker in JPEG_NOTES and not index and not any(
                marker == drawn and segment[4:].startswith(sign) for drawn, sign in JPEG_DRAWN)):
            removed = True
        elif not index:
            kept.append(segment)
        at = end
    finish = data.find(b"\xff\xd9", at)
    finish = len(data) if finish < 0 else finish + 2
    if not removed and not _carries_metadata(data[finish:]):
        return None
    block = orientation_exif(orientation)
    segment = struct.pack(">BBH", 0xFF, 0xE1, 2 + len(EXIF_HEADER) + len(block)) + EXIF_HEADER + block
    exif = [segment] if block else []
    return b"".join([kept[0], *exif, *kept[1:], data[at:finish]])


def _png(data: bytes, orientation: int | None) -> bytes | None:
    """The chunks a browser draws with, up to IEND, each copied as it is (a chunk's CRC is not
    checked: another chunk goes whatever its CRC, one drawn with stays as the original has
    it); what follows the end goes with the metadata, as after a JPEG's. The orientation is
    written before the picture data wherever the eXIf was: Pillow (the page's size, the copy)
    reads one after it too, Chromium ignores it there (README)."""
    kept, removed, at = [PNG_SIGNATURE], False, len(PNG_SIGNATURE)
    while at + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        end = at + 12 + length
        if kind == b"IEND":
            kept.append(data[at:end])
            removed = removed or _carries_metadata(data[end:])
            break
        critical = not kind[0] & 0x20  # a name starting with a capital: every reader knows it
        if not (critical or kind in PNG_DRAWN) or end > len(data):  # the second: cut off, or
            removed = True  # its damaged length swallowed what follows; no reader can use it
        else:
            if kind == b"IDAT" and (block := orientation_exif(orientation)):
                kept.append(struct.pack(">I4s", len(block), b"eXIf") + block
                            + struct.pack(">I", zlib.crc32(b"eXIf" + block)))
                orientation = None  # written once, before the first picture data
            kept.append(data[at:end])
        at = end
    return b"".join(kept) if removed else None


def _webp(data: bytes, orientation: int | None) -> bytes | None:
    """The chunks a browser draws with, up to the end the RIFF header gives; what follows it
    goes with the metadata."""
    finish = 8 + int.from_bytes(data[4:8], "little")
    riff, chunks, removed, at = data[:finish], [], _carries_metadata(data[finish:]), 12
    while at + 8 <= len(riff):
        kind, length = struct.unpack("<4sI", riff[at:at + 8])
        end = at + 8 + length + (length & 1)  # padded to an even length
        if kind not in WEBP_DRAWN or end > len(riff) + (length & 1):  # the second: as a PNG's
            removed = True
        else:
            chunks.append(riff[at:end])
        at = end
    if not removed:
        return None
    if chunks and chunks[0][:4] == b"VP8X" and len(chunks[0]) > 8:  # a file with metadata has one
        block = orientation_exif(orientation)
        if block:  # after the picture, as the format orders chunks
            chunks.append(struct.pack("<4sI", b"EXIF", len(block)) + block + b"\x00" * (len(block) & 1))
        flags = chunks[0][8] & ~WEBP_FLAGS | (0x08 if block else 0)
        chunks[0] = chunks[0][:8] + bytes([flags]) + chunks[0][9:]
    body = b"".join(chunks)
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WEBP" + body


def _gif(data: bytes, orientation: int | None) -> bytes | None:
    """The header and colour table, the pictures, and the extensions a browser draws with (a
    frame's delay and transparency, GIF_DRAWN), up to the trailer; what follows it, or follows
    a block that is none (where browsers stop), goes with the comments, as after a JPEG's end.
    A GIF has no EXIF, and no orientation to keep."""
    at = 13 + (_gif_colours(data[10]) if len(data) > 10 else 0)
    kept, removed = [data[:at]], False
    while at < len(data) and data[at] in {0x21, 0x2C}:
        if data[at] == 0x2C:  # a picture: its place, its colour table, then its data's blocks
            flags = data[at + 9] if at + 9 < len(data) else 0
            end = _gif_blocks(data, at + 11 + _gif_colours(flags))
            kept.append(data[at:end])
        else:  # an extension: its label, then its blocks
            end = _gif_blocks(data, at + 2)
            if data[at + 1:at + 2] == b"\xf9" or (data[at + 1:at + 3] == b"\xff\x0b"
                                                  and data[at + 3:at + 14] in GIF_DRAWN):
                kept.append(data[at:end])
            else:
                removed = True
        at = end
    if data[at:at + 1] == b";":  # the trailer
        kept.append(data[at:at + 1])
        at += 1
    return b"".join(kept) if removed or _carries_metadata(data[at:]) else None


def _gif_colours(flags: int) -> int:
    """The length of the colour table a GIF's screen or picture `flags` say follows them."""
    return 3 << (flags & 7) + 1 if flags & 0x80 else 0


def _gif_blocks(data: bytes, at: int) -> int:
    """Where the data blocks starting at `at` end (after the empty one), or the file's end."""
    while at < len(data) and data[at]:
        at += 1 + data[at]
    return min(at + 1, len(data))
