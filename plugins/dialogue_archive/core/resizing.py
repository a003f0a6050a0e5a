"""Smaller copies of the sessions' large photos, for phones.

A camera's photo (4000x3000, 6 MB) was published as it is and shown 330 px wide on a phone,
which at 400 kbit/s waited minutes for it. A photo wider than LARGE_WIDTH or heavier than
LARGE_BYTES gets a copy COPY_WIDTH px wide, in COPY_FOLDER next to it in the site; the page
shows the copy (`srcset` still names the original, for wide screens and the photo viewer).
A copy is made once per photo content and kept in the build's cache, which also keeps each
photo's sizes under its path, length and time: a warm build reads no photo. So is the file
published in place of an original that carries EXIF, XMP or comments (photo_metadata.py): the
original's link and `srcset` lead to it.
"""

from __future__ import annotations

import contextlib
import functools
import io
import unicodedata
import warnings
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import PIL
from PIL import Image, ImageOps, UnidentifiedImageError

from . import photo_metadata
from .archive import Archive, Session
from .cache import DiskCache, fingerprint
from .links import IMAGE_SUFFIXES
from .photo_metadata import ORIENTATION, without_metadata
from .problems import ProblemLog

# Pillow warns of a photo of more than 89 million pixels (a decompression bomb, it fears) and
# the build's log showed the warning with part of a traceback, and no file; it is read and
# copied as any other, and one twice that size is refused (DecompressionBombError, a warning
# naming the file).
warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)

LARGE_WIDTH = 1600
"""Wider than this (px, as shown: a turned photo's height) a photo gets a copy."""
LARGE_BYTES = 500_000
"""Heavier than this a photo gets a copy, however narrow."""
COPY_WIDTH = 1200
"""A phone's screen at three device pixels per CSS pixel; narrower photos keep their width."""
COPY_FOLDER = f"{COPY_WIDTH}px"
"""The copies' folder next to the photos, in the site: a session folder of the content has no
subfolders, and elsewhere a file of the content in a folder of this name is refused (the
loader's _stray_files), so no file of the content is ever there."""
JPEG_QUALITY = 82
WEBP_QUALITY = 80
SIZES = "(min-width: 76.25em) 760px, 100vw"
"""How wide the page shows a photo: the content column beside Material's two sidebars, or
the whole screen."""
COPY_FORMAT = {"JPEG": ("JPEG", ".jpg"), "MPO": ("JPEG", ".jpg"), "WEBP": ("WEBP", ".webp"),
               "PNG": ("WEBP", ".webp")}
"""A copy's format and suffix by the photo's: a PNG photo's copy is a WebP (PNG is lossless,
and a photo stays heavy in it at any size); MPO is the JPEG some cameras save, a second
picture after the first, which browsers show."""
SIZES_NAMESPACE = "photo-sizes"
COPIES_NAMESPACE = "photo-copies"
TURNED = {5, 6, 7, 8}
"""EXIF orientations a browser shows turned a quarter: width and height swap."""


@functools.cache
def resizing_version() -> str:
    """What a copy depends on besides the photo: the code making it and Pillow's version."""
    return fingerprint(Path(__file__).read_bytes(), Path(photo_metadata.__file__).read_bytes(),
                       PIL.__version__)


@dataclass(frozen=True)
class Sized:
    """A photo's size as shown, and its copy's if it has one."""

    width: int
    height: int
    copy_width: int = 0
    """0 when the photo is published without a copy."""
    copy_height: int = 0
    copy_suffix: str = ""
    """Added to the photo's name when the copy's format differs ('.webp' for a PNG)."""
    cleaned: bool = False
    """Published without the EXIF, XMP or comments its original carries: the build writes the file
    into the site, not MkDocs."""

    def copy_name(self, name: str) -> str:
        return f"{COPY_FOLDER}/{name}{self.copy_suffix}"


UNREADABLE = (OSError, ValueError, Image.DecompressionBombError)
"""What reading or decoding a photo raises when it cannot be read."""


@dataclass(frozen=True)
class Unreadable:
    """A photo Pillow cannot read: published as it is but for its EXIF, XMP and comments, with a
    warning."""

    path: Path
    why: str
    cleaned: bool = False
    """Published without the EXIF, XMP or comments its file carries (a file cut off keeps its
    whole EXIF, at its start): the build writes the file into the site, not MkDocs."""

    @classmethod
    def of(cls, path: Path, error: Exception) -> Unreadable:
        """From what reading or decoding the photo raised: the build and `validate` say it alike."""
        if isinstance(error, UnidentifiedImageError):
            return cls(path, "not a picture Pillow can read")
        return cls(path, (error.strerror if isinstance(error, OSError) else None) or str(error))

    @property
    def message(self) -> str:
        return (f"the photo cannot be read ({self.why}): it is published as it is, less any EXIF, "
                "XMP or comment, and a browser may show it broken or not at all; open it in a photo "
                "editor and export it again as .jpg, .png or .webp")

    def warn(self, log: ProblemLog) -> None:
        """Located at the photo itself (a session's folder publishes it, shown or not): an
        INFO line of the build, as the content's other warnings."""
        log.add(self.path, 1, 1, self.message, severity="warning")


def published_photos(archive: Archive, sessions: Iterable[Session]) -> list[Path]:
    """The photos the site publishes for `sessions` and the content folder's other pages, each
    once: those the build gives copies and sizes, and `validate` decodes."""
    return list(dict.fromkeys([*(photo for session in sessions
                                 for photo in archive.session_photos[session.id]),
                               *(archive.root / photo for photo in archive.page_photos)]))


def session_photos(folder: Path) -> list[Path]:
    """The photos of a session's folder (FORMAT.md: next to index.md)."""
    try:
        return sorted(p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file())
    except OSError:
        return []


def content_path(root: Path, photo: Path) -> str:
    """A photo's path in the content folder `root`, in NFC, as the site publishes the file
    and the texts name it (a Mac saves a name decomposed)."""
    return unicodedata.normalize("NFC", photo.relative_to(root).as_posix())


def photo_stamps(photos: Iterable[Path]) -> str:
    """The paths, lengths and times of the photos a page shows, which it shows the sizes of:
    known when the page's inputs are (before the copies are placed), from one status each."""
    stamps = []
    for photo in photos:
        with contextlib.suppress(OSError):  # missing: the page is made anew when it appears
            status = photo.stat()
            stamps.append(f"{photo}\0{status.st_size}\0{status.st_mtime_ns}")
    return "\n".join(stamps)


def image_attributes(sized: Sized, src: str) -> dict[str, str]:
    """An <img>'s attributes for the photo at `src` (its URL, relative to the page): the copy,
    with the original in `srcset` for wider screens; its size; loaded when scrolled to."""
    if not sized.copy_width:
        return {"src": src, "width": str(sized.width), "height": str(sized.height), "loading": "lazy"}
    folder, _, name = src.rpartition("/")
    copy = (f"{folder}/" if folder else "") + sized.copy_name(name)
    return {"src": copy, "srcset": f"{copy} {sized.copy_width}w, {src} {sized.width}w",
            "sizes": SIZES, "width": str(sized.copy_width), "height": str(sized.copy_height),
            "loading": "lazy"}


class PhotoCopies:
    """Places the copies of a site's large photos, from the cache or made anew."""

    def __init__(self, root: Path, site_dir: Path, cache: DiskCache):
        self.root = root
        self.site_dir = site_dir
        self.cache = cache
        self.sizes_keys: set[str] = set()
        """The keys of the photos' sizes this build read or stored: the daily sweep keeps
        them (DiskCache.sweep), and removes those of photos gone or changed."""

    def place_all(self, photos: Iterable[Path], workers: int) -> tuple[dict[str, Sized], list[Unreadable]]:
        """Every photo's size by its path in the content folder ('sessions/2024/x/anh.jpg'),
        its copy written into the site; the photos that cannot be read. Pillow decodes and
        encodes without Python's lock: threads use every core."""
        photos = list(photos)
        with ThreadPoolExecutor(max(1, workers)) as pool:
            results = list(pool.map(self.place, photos))
        sizes: dict[str, Sized] = {}
        unreadable = []
        for photo, result in zip(photos, results, strict=True):
            if isinstance(result, Unreadable):
                unreadable.append(result)
            else:
                sizes[content_path(self.root, photo)] = result
        return sizes, unreadable


    def place(self, photo: Path) -> Sized | Unreadable:
        """The photo's size; its copy, if it has one, linked from the cache into the site."""
        try:
            status = photo.stat()
        except OSError as error:  # removed since the folder was listed
            return Unreadable.of(photo, error)
        known = fingerprint(resizing_version(), str(photo), str(status.st_size), str(status.st_mtime_ns))
        self.sizes_keys.add(known)
        published = self.site_dir / content_path(self.root, photo)  # where the site has the photo

        def copy_of(sized: Sized) -> Path:
            return published.parent / sized.copy_name(published.name)

        info = self.cache.get_json(SIZES_NAMESPACE, known)
        if isinstance(info, dict) and "why" in info:
            unreadable = Unreadable(photo, info["why"], cleaned="clean" in info)
            if not unreadable.cleaned or self.cache.copy_to(COPIES_NAMESPACE, info["clean"], published):
                return unreadable
        elif isinstance(info, dict):
            sized = Sized(**info["sized"])
            if (not sized.copy_width or self.cache.copy_to(COPIES_NAMESPACE, info["key"], copy_of(sized))) \
                    and (not sized.cleaned or self.cache.copy_to(COPIES_NAMESPACE, info["clean"], published)):
                return sized
        try:
            data = photo.read_bytes()
        except OSError as error:  # not kept: a photo made readable again has the same time
            return Unreadable.of(photo, error)
        key, clean_key = fingerprint(resizing_version(), data), fingerprint(resizing_version(), data, "clean")
        # before decoding: a photo Pillow cannot read is published too, and is cleaned as well
        if (clean := published_original(data)) is not None:
            self._write(clean_key, clean, published)
        try:
            sized, made = resized(data, photo.name)
        except UNREADABLE as error:
            unreadable = replace(Unreadable.of(photo, error), cleaned=clean is not None)
            self.cache.put_json(SIZES_NAMESPACE, known,
                                {"why": unreadable.why, **({"clean": clean_key} if clean else {})})
            return unreadable
        if made is not None:
            self._write(key, made, copy_of(sized))
        sized = replace(sized, cleaned=clean is not None)
        self.cache.put_json(SIZES_NAMESPACE, known, {"sized": asdict(sized), "key": key, "clean": clean_key})
        return sized

    def _write(self, key: str, data: bytes, destination: Path) -> None:
        """A file made from a photo, kept in the cache and linked into the site at `destination`."""
        self.cache.put_bytes(COPIES_NAMESPACE, key, data)
        if not self.cache.copy_to(COPIES_NAMESPACE, key, destination):  # a build without a cache
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.unlink(missing_ok=True)  # it may be a link into an earlier build's cache
            destination.write_bytes(data)


def unreadable_photos(photos: Iterable[Path], workers: int) -> list[Unreadable]:
    """The photos the build would warn of as unreadable, found without making copies (for
    `validate`): each decoded whole, as the build decodes it, but a JPEG at an eighth of its
    size (32 ms for a 4000x3000 camera photo, where making its copy takes 160 ms). Threads use
    every core: Pillow decodes without Python's lock."""
    with ThreadPoolExecutor(max(1, workers)) as pool:
        return [found for found in pool.map(_unreadable, photos) if found is not None]


def _unreadable(photo: Path) -> Unreadable | None:
    try:
        with Image.open(io.BytesIO(photo.read_bytes())) as image:
            image.draft(image.mode, (max(1, image.width // 8), max(1, image.height // 8)))
            image.load()
    except UNREADABLE as error:
        return Unreadable.of(photo, error)
    return None


def published_original(data: bytes) -> bytes | None:
    """What the site publishes in place of a photo whose file carries EXIF, XMP or comments (a
    camera's GPS position, its serial number, its owner's name): the same picture without
    them, turned as before (its EXIF orientation kept); None when it carries none. A file
    Pillow cannot decode too (cut off, it keeps its EXIF): its orientation as Pillow reads its
    header, none when Pillow cannot even open it (the walker needs no decoding)."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            orientation = exif_orientation(image)
    except UNREADABLE:
        orientation = None
    return without_metadata(data, orientation)


def exif_orientation(image: Image.Image) -> int | None:
    """The photo's EXIF orientation; None when its EXIF is damaged: Pillow raises SyntaxError
    for a WebP's whose TIFF header has a byte wrong (the build stopped with a traceback), and
    a browser shows such a photo unturned."""
    try:
        return image.getexif().get(ORIENTATION)
    except SyntaxError:
        return None


def resized(data: bytes, name: str) -> tuple[Sized, bytes | None]:
    """A photo's size as a browser shows it (turned as its EXIF orientation says), and the
    bytes of its copy when it is large and the copy is lighter; `name`: the photo's file name.
    Raises what Pillow raises for a photo it cannot read (a truncated file too: the whole photo
    is decoded)."""
    with Image.open(io.BytesIO(data)) as image:
        orientation = exif_orientation(image)
        turned = orientation in TURNED
        width, height = (image.height, image.width) if turned else image.size
        animated = image.format != "MPO" and getattr(image, "n_frames", 1) > 1
        large = width > LARGE_WIDTH or len(data) > LARGE_BYTES
        if not large or animated or image.format not in COPY_FORMAT:
            image.load()
            return Sized(width, height), None
        copy_width = min(COPY_WIDTH, width)
        copy_height = max(1, round(height * copy_width / width))
        # Decoded at a fraction of its size where JPEG allows it (`draft`): much faster.
        image.thumbnail((copy_height, copy_width) if turned else (copy_width, copy_height))
        small = ImageOps.exif_transpose(image) if orientation else image.copy()  # it reads the EXIF again
        kind, suffix = COPY_FORMAT[image.format]
        icc = image.info.get("icc_profile")
    if small.mode.startswith("I"):  # 16-bit greys (a scan): converted as they are, all but white
        small = small.convert("I").point(lambda value: value / 256).convert("L")
    # The copy takes the pixels and the colour profile, nothing else of the file: Pillow wrote
    # a JPEG's comment ('Ảnh CCCD của …') into the copy of it, from what it read.
    small.info.clear()
    output = io.BytesIO()
    if kind == "JPEG":
        small = small if small.mode in {"RGB", "L", "CMYK"} else small.convert("RGB")
        small.save(output, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True, icc_profile=icc)
    else:
        small = small if small.mode in {"RGB", "RGBA"} else small.convert("RGBA")
        small.save(output, "WEBP", quality=WEBP_QUALITY, method=4, icc_profile=icc)
    copy = output.getvalue()
    if len(copy) >= len(data):  # a light photo, wide but already compressed hard
        return Sized(width, height), None
    own = Path(name).suffix.lower().replace(".jpeg", ".jpg")  # a JPEG named .png gets a '.jpg'
    return Sized(width, height, small.width, small.height, "" if own == suffix else suffix), copy
