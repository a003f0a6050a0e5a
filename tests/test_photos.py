"""Photos on a phone: a camera's large photo is shown from a smaller copy, made once."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import time
import unicodedata
import zlib
from pathlib import Path
from urllib.parse import unquote

import pytest
from conftest import build_archive, make_archive, parse, replace, run_build, validate, write_config
from dialogue_archive.core.photo_metadata import without_metadata
from PIL import Image, ImageCms, ImageStat, PngImagePlugin

SESSION = "sessions/2024/2024-06-20-doi-thoai-1"


def camera_photo(path: Path, width: int, height: int) -> None:
    """A JPEG as a camera saves one: detailed (noise does not compress), at high quality."""
    noise = Image.effect_noise((width // 4, height // 4), 60).convert("RGB").resize((width, height))
    noise.save(path, quality=95)


def with_photos(content: Path) -> Path:
    """The session with a large photo as its `image:`, another in its write-up, and a small one."""
    folder = content / SESSION
    camera_photo(folder / "quang-canh.jpg", 4000, 3000)
    camera_photo(folder / "hoi-truong.jpg", 3000, 2000)
    camera_photo(folder / "chu-ky.jpg", 400, 300)
    Image.effect_noise((600, 400), 60).convert("RGB").resize((2400, 1600)).save(folder / "so-do.png")
    # some cameras save a JPEG with a second picture after the first (MPO), which browsers show
    stereo = Image.effect_noise((500, 375), 60).convert("RGB").resize((2000, 1500))
    stereo.save(folder / "may-anh.jpg", "MPO", save_all=True, append_images=[stereo])
    index = folder / "index.md"
    text = index.read_text(encoding="utf-8").replace(
        "\n---\n", "\nimage:\n  src: quang-canh.jpg\n  caption: Quang cảnh buổi đối thoại\n---\n", 1)
    index.write_text(text + "\n![Hội trường UBND phường](hoi-truong.jpg)\n\n![Chữ ký](chu-ky.jpg)\n"
                     "\n![Sơ đồ hội trường](so-do.png)\n\n![Máy ảnh](may-anh.jpg)\n",
                     encoding="utf-8")
    return folder


def pixels(path: Path) -> tuple[int, int]:
    with Image.open(path) as image:
        return image.size


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("photos")
    with_photos(make_archive(tmp / "content"))
    return build_archive(tmp / "content", tmp)


@pytest.mark.parametrize("selector, original", [(".da-photo img", "quang-canh.jpg"),
                                                (".da-writeup img[alt^='Hội trường']", "hoi-truong.jpg"),
                                                (".da-writeup img[alt^='Sơ đồ']", "so-do.png"),
                                                (".da-writeup img[alt='Máy ảnh']", "may-anh.jpg")])
def test_a_large_photo_is_shown_from_a_smaller_copy_and_the_original_stays(site: Path, selector: str,
                                                                           original: str) -> None:
    folder = site / SESSION
    img = parse(folder / "index.html").select_one(selector)
    copy = folder / img["src"]
    assert img["src"] != original and copy.is_file()
    assert img["srcset"].split(", ")[0] == f"{img['src']} 1200w"  # the phone's choice
    assert original in img["srcset"] and img["sizes"]
    assert copy.stat().st_size < (folder / original).stat().st_size / 3
    assert pixels(copy) == (int(img["width"]), int(img["height"]))
    assert pixels(copy)[0] == 1200 < pixels(folder / original)[0]
    assert img["loading"] == "lazy"
    assert (folder / original).read_bytes() == (site.parent / "content" / SESSION / original).read_bytes()


def test_a_large_png_is_shown_from_a_webp_copy(site: Path) -> None:
    img = parse(site / SESSION / "index.html").select_one(".da-writeup img[alt^='Sơ đồ']")
    with Image.open(site / SESSION / img["src"]) as copy:
        assert copy.format == "WEBP"


def test_the_photo_viewer_link_opens_the_original(site: Path) -> None:
    link = parse(site / SESSION / "index.html").select_one("a[data-da-lightbox]")
    assert link["href"] == "quang-canh.jpg"


def test_a_small_photo_is_published_as_it_is_with_its_size(site: Path) -> None:
    img = parse(site / SESSION / "index.html").select_one(".da-writeup img[alt='Chữ ký']")
    assert img["src"] == "chu-ky.jpg" and not img.has_attr("srcset")
    assert (img["width"], img["height"], img["loading"]) == ("400", "300", "lazy")


def test_a_warm_build_reuses_the_copies(tmp_path: Path) -> None:
    with_photos(make_archive(tmp_path / "content"))
    copy = tmp_path / "site" / SESSION / "1200px" / "quang-canh.jpg"
    build_archive(tmp_path / "content", tmp_path)
    first = copy.stat()
    build_archive(tmp_path / "content", tmp_path)
    again = copy.stat()
    assert (again.st_ino, again.st_mtime_ns) == (first.st_ino, first.st_mtime_ns)


def test_a_turned_phone_photo_gets_its_size_as_shown(tmp_path: Path) -> None:
    """A phone saves a portrait photo as landscape pixels and an EXIF orientation."""
    content = make_archive(tmp_path / "content")
    folder = content / SESSION
    exif = Image.Exif()
    exif[0x0112] = 6  # turned a quarter clockwise when shown
    exif[0x8825] = {2: (16.0, 3.0, 0.0)}  # where it was taken
    Image.effect_noise((1000, 750), 60).convert("RGB").resize((4000, 3000)).save(
        folder / "doc.jpg", quality=95, exif=exif)
    index = folder / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n![Ảnh dọc](doc.jpg)\n", encoding="utf-8")
    site = build_archive(content, tmp_path)
    img = parse(site / SESSION / "index.html").select_one(".da-writeup img")
    assert (img["width"], img["height"]) == ("1200", "1600")
    with Image.open(site / SESSION / img["src"]) as copy:
        assert copy.size == (1200, 1600)
        assert not copy.getexif()  # nor the camera's other data (its GPS position)


def test_a_damaged_photo_is_named_and_published_as_it_is(tmp_path: Path) -> None:
    content = make_archive(tmp_path / "content")
    folder = content / SESSION
    whole = io.BytesIO()
    Image.effect_noise((800, 600), 60).convert("RGB").save(whole, "JPEG", quality=95)
    (folder / "hong.jpg").write_bytes(whole.getvalue()[: len(whole.getvalue()) // 2])  # cut off
    index = folder / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n![Ảnh hỏng](hong.jpg)\n", encoding="utf-8")
    site = tmp_path / "site"
    result = run_build(write_config(tmp_path, content, site, build_date="2026-11-28"))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Traceback" not in output
    assert f"content/{SESSION}/hong.jpg:1:1: warning: the photo cannot be read (image file is " \
           "truncated" in output, output
    assert "export it again as .jpg, .png or .webp" in output
    assert (site / SESSION / "hong.jpg").is_file()


def test_validate_warns_of_a_damaged_photo_as_the_build_does(tmp_path: Path) -> None:
    """A photo cut off passed `validate` and only the build said it could not be read."""
    content = make_archive(tmp_path / "content")
    folder = with_photos(content)
    whole = io.BytesIO()
    Image.effect_noise((800, 600), 60).convert("RGB").save(whole, "JPEG", quality=95)
    (folder / "hong.jpg").write_bytes(whole.getvalue()[: len(whole.getvalue()) // 2])  # cut off
    index = folder / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n![Ảnh hỏng](hong.jpg)\n", encoding="utf-8")
    before = sorted(tmp_path.rglob("*"))
    checked = validate(content)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert sorted(tmp_path.rglob("*")) == before  # no copy, no cache
    said = [line for line in checked.stdout.splitlines() if "hong.jpg" in line]
    assert len(said) == 1 and said[0].startswith(
        f"content/{SESSION}/hong.jpg:1:1: warning: the photo cannot be read (image file is truncated "), \
        checked.stdout
    assert said[0].endswith("export it again as .jpg, .png or .webp")
    built = run_build(write_config(tmp_path, content, tmp_path / "site", build_date="2026-11-28"))
    assert built.returncode == 0, built.stderr
    assert [line[line.index("content/"):] for line in built.stderr.splitlines() if "hong.jpg" in line] == said


def test_a_phone_fetches_the_copies_and_a_wide_screens_viewer_the_original(site: Path, serve_site,
                                                                          browser) -> None:
    base = serve_site(site)
    phone = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=3,
                                is_mobile=True, has_touch=True)
    tab = phone.new_page()
    fetched: list[str] = []
    tab.on("request", lambda request: fetched.append(request.url.rsplit("/", 2)[-2:]))
    tab.goto(f"{base}{SESSION}/")
    for img in tab.locator(".da-photo img, .da-writeup img").all():
        img.scroll_into_view_if_needed()
        img.evaluate("img => img.decode()")
    photos = {"/".join(parts) for parts in fetched if parts[-1].endswith((".jpg", ".png", ".webp"))
              and parts[0] != "images"}  # the theme's icon
    assert photos == {"1200px/quang-canh.jpg", "1200px/hoi-truong.jpg", "1200px/so-do.png.webp",
                      "1200px/may-anh.jpg", "2024-06-20-doi-thoai-1/chu-ky.jpg"}
    phone.close()

    desktop = browser.new_context(viewport={"width": 1600, "height": 900})
    tab = desktop.new_page()
    tab.goto(f"{base}{SESSION}/")
    tab.locator("a[data-da-lightbox]").click()
    viewer = tab.locator(".da-lightbox__image")
    viewer.evaluate("img => img.decode()")
    assert viewer.evaluate("img => img.currentSrc") == f"{base}{SESSION}/quang-canh.jpg"
    desktop.close()


def test_a_page_showing_another_sessions_photo_follows_its_changes(tmp_path: Path) -> None:
    """A write-up may show a photo of another session's folder (README: relative to index.md).
    When that photo was replaced by a small one, the next build reused the page from the cache,
    still naming the large photo's copy, which was gone: a broken photo on phones."""
    content = make_archive(tmp_path / "content", sessions=2)
    first, second = sorted((content / "sessions" / "2024").iterdir())
    camera_photo(first / "hoi-truong.jpg", 3000, 2000)
    index = second / "index.md"
    index.write_text(index.read_text(encoding="utf-8")
                     + f"\n![Hội trường](../{first.name}/hoi-truong.jpg)\n", encoding="utf-8")
    page = tmp_path / "site" / "sessions" / "2024" / second.name / "index.html"
    build_archive(content, tmp_path)
    assert "1200px/" in parse(page).select_one(".da-writeup img")["src"]
    camera_photo(first / "hoi-truong.jpg", 800, 600)  # small: published as it is
    build_archive(content, tmp_path)
    img = parse(page).select_one(".da-writeup img")
    assert (img["src"], img["width"], img["height"]) == (f"../{first.name}/hoi-truong.jpg", "800", "600")
    assert (page.parent / img["src"]).is_file()


def test_a_sixteen_bit_grey_scan_keeps_its_tones_in_its_copy(tmp_path: Path) -> None:
    """A 16-bit greyscale PNG (as scanners save a document) came out nearly white in its copy,
    which phones are shown: its values were cut at 255 instead of scaled."""
    content = make_archive(tmp_path / "content")
    folder = content / SESSION
    ramp = Image.linear_gradient("L").resize((2000, 1000)).convert("I").point(lambda value: value * 257)
    ramp.convert("I;16").save(folder / "ban-scan.png")
    index = folder / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n![Bản scan](ban-scan.png)\n", encoding="utf-8")
    site = build_archive(content, tmp_path)
    img = parse(site / SESSION / "index.html").select_one(".da-writeup img")
    assert "1200px/" in img["src"]
    with Image.open(site / SESSION / img["src"]) as copy:
        assert 100 < ImageStat.Stat(copy.convert("L")).mean[0] < 156  # a ramp from black to white



def test_a_shared_page_offers_the_copy_of_its_large_photo(site: Path) -> None:
    """A social network fetched the camera's original (8.77 MB for two photos on a session
    page; over 8 MB it refuses one): the copy the page shows is what it gets, with its size."""
    page = site / SESSION / "index.html"
    doc = parse(page)
    shown = doc.select_one(".da-photo img")
    meta = {m.get("property"): m["content"] for m in doc.select("meta[property^='og:image']")}
    assert meta["og:image"].endswith(f"/{SESSION}/{shown['src']}") and shown["src"] != "quang-canh.jpg"
    assert (meta["og:image:width"], meta["og:image:height"]) == (shown["width"], shown["height"]) \
        == ("1200", "900")


def test_a_daily_build_removes_the_sizes_of_photos_no_longer_in_the_archive(tmp_path: Path) -> None:
    """Each photo's sizes are kept in the cache under its path, length and time: those of a
    photo removed or replaced stayed there for ever, while the copies no site used were removed."""
    content = make_archive(tmp_path / "content")
    folder = with_photos(content)
    sizes = tmp_path / ".cache" / "dialogue-archive" / "photo-sizes"

    def widths() -> list[int]:
        return sorted(json.loads(p.read_text())["sized"]["width"] for p in sizes.glob("*/*.json"))

    build_archive(content, tmp_path, build_date=dt.date(2026, 11, 27))
    assert widths() == [400, 2000, 2400, 3000, 4000]
    three_days_ago = time.time() - 3 * 24 * 3600
    for entry in sizes.glob("*/*.json"):
        os.utime(entry, (three_days_ago, three_days_ago))
    (folder / "so-do.png").unlink()  # the 2400 px plan, and its place in the write-up
    replace(folder / "index.md", "\n![Sơ đồ hội trường](so-do.png)\n", "")
    build_archive(content, tmp_path, build_date=dt.date(2026, 11, 28))
    assert widths() == [400, 2000, 3000, 4000]  # those still shown stay, however old


@pytest.mark.parametrize("page, written, shown", [("about.md", "images/tru-so.jpg", "about/index.html"),
                                                  ("index.md", "images/tru-so.jpg", "index.html")])
def test_a_large_photo_of_another_page_is_shown_from_a_smaller_copy(tmp_path: Path, page: str, written: str,
                                                                    shown: str) -> None:
    """A photo of a page outside the sessions (about.md, the home page's text) was published
    as the camera's original only: a phone fetched its 4000x3000 pixels."""
    content = make_archive(tmp_path / "content")
    (content / "images").mkdir()
    camera_photo(content / "images" / "tru-so.jpg", 4000, 3000)
    text = content / page
    text.write_text((text.read_text(encoding="utf-8") if text.exists() else "# Giới thiệu\n")
                    + f"\n![Trụ sở UBND phường]({written})\n", encoding="utf-8")
    site = build_archive(content, tmp_path)
    img = parse(site / shown).select_one("img[alt^='Trụ sở']")
    copy = (site / shown).parent / img["src"]
    assert "1200px/" in img["src"] and copy.is_file()
    assert img["srcset"].split(", ")[0] == f"{img['src']} 1200w" and img["sizes"]
    assert pixels(copy) == (int(img["width"]), int(img["height"])) == (1200, 900)
    assert img["loading"] == "lazy"
    assert (site / "images" / "tru-so.jpg").read_bytes() == (content / "images" / "tru-so.jpg").read_bytes()


@pytest.mark.parametrize("page, up, shown, directory_urls", [
    ("about.md", "", "about/index.html", True),
    ("gioi-thieu/lich-su.md", "../", "gioi-thieu/lich-su/index.html", True),
    ("about.md", "", "about.html", False)])
def test_a_photo_and_a_document_typed_as_html_in_another_page_are_found_from_its_address(
        tmp_path: Path, page: str, up: str, shown: str, directory_urls: bool) -> None:
    """MkDocs leaves raw HTML as written: `<img src="images/tru-so.jpg">` in about.md, served at
    about/, was asked for at about/images/tru-so.jpg (a broken photo, without a copy), and a
    document's `<a href>` led nowhere, while validate and the build passed. Names with a space
    are read whole (a quoted value was cut at its space: a diff reader's find)."""
    content = make_archive(tmp_path / "content")
    (content / "images").mkdir()
    (content / "tai-lieu").mkdir()
    camera_photo(content / "images" / "tru so.jpg", 4000, 3000)
    (content / "tai-lieu" / "quy che.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (content / page).parent.mkdir(exist_ok=True)
    (content / page).write_text(
        f'# Giới thiệu\n\n<img src="{up}images/tru so.jpg" alt="Trụ sở UBND phường">\n\n'
        f'<p><a href="{up}tai-lieu/quy che.pdf">Quy chế đối thoại</a></p>\n\n'
        '```html\n<img src="images/tru-so.jpg">\n```\n', encoding="utf-8")
    site = tmp_path / "site"
    config = write_config(tmp_path, content, site, build_date="2024-07-01")
    urls = f"use_directory_urls: {str(directory_urls).lower()}\n"
    config.write_text(config.read_text(encoding="utf-8") + urls, encoding="utf-8")
    result = run_build(config)
    assert result.returncode == 0, result.stdout + result.stderr
    html = parse(site / shown)
    img = html.select_one("img[alt^='Trụ sở']")
    here = (site / shown).parent
    assert (here / unquote(img["src"])).resolve() == (site / "images" / "1200px" / "tru so.jpg").resolve()
    original = img["srcset"].split(", ")[1].split()[0]
    assert (here / unquote(original)).resolve() == (site / "images" / "tru so.jpg").resolve()
    assert (img["width"], img["height"]) == ("1200", "900")
    link = html.select_one("a[href$='che.pdf']")
    assert (here / unquote(link["href"])).resolve() == (site / "tai-lieu" / "quy che.pdf").resolve()
    assert (here / unquote(link["href"])).is_file()
    assert html.select_one("pre code").get_text() == '<img src="images/tru-so.jpg">\n'  # a sample, as written


def test_a_photo_in_a_folder_saved_with_a_decomposed_name_is_found(tmp_path: Path) -> None:
    """A folder 'ảnh' a Mac saved decomposed: only a file's own name was looked up both ways, and
    `![Trụ sở](ảnh/tru-so.jpg)` was 'not found' (a diff reader's find); the site publishes the
    folder under its composed name, where the page finds the photo and its copy."""
    content = make_archive(tmp_path / "content")
    (content / unicodedata.normalize("NFD", "ảnh")).mkdir()
    camera_photo(content / unicodedata.normalize("NFD", "ảnh") / "tru-so.jpg", 4000, 3000)
    (content / "about.md").write_text("# Giới thiệu\n\n![Trụ sở UBND phường](ảnh/tru-so.jpg)\n",
                                      encoding="utf-8")
    site = build_archive(content, tmp_path)
    img = parse(site / "about" / "index.html").select_one("img[alt^='Trụ sở']")
    assert unquote(img["src"]) == "../ảnh/1200px/tru-so.jpg"
    assert (site / "ảnh" / "1200px" / "tru-so.jpg").is_file()


def test_a_photo_of_another_page_saved_with_a_decomposed_name_gets_its_copy(tmp_path: Path) -> None:
    """A Mac saves 'trụ sở' decomposed (NFD); about.md names it composed, as texts are. The photo
    was published (under its composed name) without a copy, a srcset or a size: a phone fetched
    the camera's original."""
    content = make_archive(tmp_path / "content")
    (content / "images").mkdir()
    camera_photo(content / "images" / unicodedata.normalize("NFD", "trụ-sở.jpg"), 4000, 3000)
    (content / "about.md").write_text("# Giới thiệu\n\n![Trụ sở UBND phường](images/trụ-sở.jpg)\n",
                                      encoding="utf-8")
    site = build_archive(content, tmp_path)
    img = parse(site / "about" / "index.html").select_one("img[alt^='Trụ sở']")
    assert unquote(img["src"]) == "../images/1200px/trụ-sở.jpg"
    assert pixels(site / "images" / "1200px" / "trụ-sở.jpg") == (1200, 900)
    assert (img["width"], img["height"]) == ("1200", "900") and img["srcset"]
    assert (site / "images" / "trụ-sở.jpg").is_file()


@pytest.mark.parametrize("folder", ["images/1200px", "1200px"])
def test_a_file_in_a_folder_named_as_the_copies_folder_is_refused(tmp_path: Path, folder: str) -> None:
    """The build puts a photo's copy in `1200px/` next to it. A file of the content at
    images/1200px/tru-so.jpg was copied by MkDocs over the build's copy of images/tru-so.jpg
    (through its link, into the cache): the page showed the writer's other picture."""
    content = make_archive(tmp_path / "content")
    photos = content / folder.removesuffix("1200px")
    photos.mkdir(exist_ok=True)
    camera_photo(photos / "tru-so.jpg", 4000, 3000)
    (content / folder).mkdir()
    camera_photo(content / folder / "tru-so.jpg", 1200, 900)
    shown = (photos / "tru-so.jpg").relative_to(content).as_posix()
    (content / "about.md").write_text(f"# Giới thiệu\n\n![Trụ sở]({shown})\n", encoding="utf-8")
    checked = validate(content)
    said = f"content/{folder}/tru-so.jpg:1:1: the folder name '1200px' is the build's own"
    assert checked.returncode != 0 and said in checked.stderr, checked.stdout + checked.stderr
    assert "rename the folder" in checked.stderr
    built = run_build(write_config(tmp_path, content, tmp_path / "site"))
    assert built.returncode != 0 and said in built.stderr and "Traceback" not in built.stderr
    assert not (tmp_path / "site").exists()


UNUSED = f"content/{SESSION}/cccd-mat-truoc.jpg:1:1: warning: no text shows this photo: it is not " \
    "published; remove it from the folder, or show it"


def test_a_photo_no_text_shows_is_not_published_and_is_warned_of(tmp_path: Path) -> None:
    """The office copies every photo of the event into the session folder, a citizen's ID card
    among them: it was published at a guessable address, and validate said OK."""
    content = make_archive(tmp_path / "content")
    folder = content / SESSION
    used = {"quang-canh.jpg": "the write-up", "anh-bia.jpg": "image:", "ban-do.webp": "an answer",
            "bien-ban.JPG": "a link", "hoi-truong.png": "about.md"}
    for name in [*used, "cccd-mat-truoc.jpg", "CCCD-MAT-SAU.PNG"]:
        Image.new("RGB", (64, 48), "gray").save(folder / name, "WEBP" if name.endswith(".webp") else None)
    replace(folder / "index.md", "\n---\n", "\nimage:\n  src: anh-bia.jpg\n  alt: Hội trường\n---\n")
    index = folder / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n![Quang cảnh](quang-canh.jpg)\n\n"
                     "[Biên bản](bien-ban.JPG)\n", encoding="utf-8")
    replace(folder / "answers.yaml", "kiến nghị cấp trên.", "kiến nghị cấp trên. ![Bản đồ](ban-do.webp)")
    (content / "about.md").write_text(f"# Giới thiệu\n\n![Hội trường]({SESSION}/hoi-truong.png)\n",
                                      encoding="utf-8")
    checked = validate(content)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert UNUSED in checked.stdout, checked.stdout
    assert f"content/{SESSION}/CCCD-MAT-SAU.PNG:1:1: warning: no text shows this photo" in checked.stdout
    assert [line for line in checked.stdout.splitlines() if "no text shows" in line and "CCCD" not in line
            and "cccd" not in line] == [], checked.stdout
    site = tmp_path / "site"
    built = run_build(write_config(tmp_path, content, site, build_date="2026-11-28"))  # --strict
    assert built.returncode == 0, built.stderr
    assert UNUSED in built.stderr, built.stderr
    assert not (site / SESSION / "cccd-mat-truoc.jpg").exists()
    assert not (site / SESSION / "CCCD-MAT-SAU.PNG").exists()
    for name in used:
        assert (site / SESSION / name).is_file(), name
    page = parse(site / SESSION / "index.html")
    assert page.select_one("img[alt='Quang cảnh']")["src"] == "quang-canh.jpg"
    assert page.select_one("a[href='bien-ban.JPG']")


OWNER_XMP = '<x:xmpmeta xmlns:x="adobe:ns:meta/">Lê Thị Chủ</x:xmpmeta>'.encode()
"""An editor's XMP packet, naming the photo's owner (Pillow writes none into a PNG)."""


def located_photo(path: Path, size: tuple[int, int], fmt: str = "JPEG") -> None:
    """A phone's photo taken at a citizen's house: its EXIF holds where (a GPS IFD), the
    camera's serial number and its owner's name, and it is turned by its orientation."""
    exif = Image.Exif()
    exif[0x0112] = 6  # shown turned a quarter clockwise
    exif[0x013B] = "Nguyen Van Chu May"  # Artist: the owner
    exif.get_ifd(0x8825).update({1: "N", 2: (16.0, 3.0, 41.5), 3: "E", 4: (108.0, 12.0, 7.2)})
    exif.get_ifd(0x8769)[0xA431] = "SN-4412087"  # BodySerialNumber
    picture = Image.effect_noise((size[0] // 4, size[1] // 4), 60).convert("RGB").resize(size)
    options = {"quality": 95} if fmt == "JPEG" else {}
    picture.save(path, fmt, exif=exif, xmp=OWNER_XMP, **options)


def test_no_published_photo_tells_where_it_was_taken(tmp_path: Path) -> None:
    """The copy dropped the EXIF, but the original, still linked (srcset's largest entry, the
    photo viewer's link, open data's image.url), kept its GPS position, serial and owner."""
    content = make_archive(tmp_path / "content")
    folder = content / SESSION
    located_photo(folder / "nha-dan.jpg", (4000, 3000))  # large: a copy, and the original linked
    located_photo(folder / "ngo.jpg", (400, 300))  # small: the original alone
    located_photo(folder / "so-do.png", (300, 200), "PNG")
    camera_photo(folder / "hoi-truong.jpg", 800, 600)  # without metadata
    replace(folder / "index.md", "\n---\n", "\nimage:\n  src: nha-dan.jpg\n  alt: Nhà dân\n---\n")
    index = folder / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n![Ngõ vào nhà](ngo.jpg)\n\n"
                     "![Sơ đồ](so-do.png)\n\n![Hội trường](hoi-truong.jpg)\n", encoding="utf-8")
    for _ in range(2):  # made, then taken from the cache
        site = build_archive(content, tmp_path)
        published = sorted(p for p in (site / "sessions").rglob("*") if p.suffix in {".jpg", ".png", ".webp"})
        assert len(published) == 5, published  # four photos and the large one's copy
        for photo in published:
            with Image.open(photo) as image:
                exif = image.getexif()
                assert not exif.get_ifd(0x8825) and 0x013B not in exif, photo
                assert not exif.get_ifd(0x8769), photo
                assert not image.info.get("xmp") and b"Chu May" not in photo.read_bytes(), photo
        for name in ("nha-dan.jpg", "ngo.jpg", "so-do.png"):
            with Image.open(site / SESSION / name) as clean, Image.open(folder / name) as original:
                assert clean.getexif().get(0x0112) == 6, name  # shown turned, as before
                assert clean.tobytes() == original.tobytes(), name  # the same pixels: not re-encoded
        assert (site / SESSION / "hoi-truong.jpg").read_bytes() == (folder / "hoi-truong.jpg").read_bytes()
        page = parse(site / SESSION / "index.html")
        img = page.select_one(".da-photo img")
        assert img["srcset"].endswith(", nha-dan.jpg 3000w")  # as shown: turned
        assert page.select_one("a[data-da-lightbox]")["href"] == "nha-dan.jpg"
        data = json.loads((site / "data" / "archive.json").read_text(encoding="utf-8"))
        assert data["sessions"][0]["image"]["url"].endswith(f"{SESSION}/nha-dan.jpg")


OWNER_MARKS = (b"Chu May", b"SN-4412087", "Lê Thị Chủ".encode())
"""What located_photo writes of its owner and camera, in EXIF and XMP."""


def test_a_damaged_photo_file_is_published_without_its_metadata_too(tmp_path: Path) -> None:
    """Stray bytes between a JPEG's segments, bytes after a PNG's end, a picture with its own
    EXIF after a WebP's end: Pillow and browsers show such photos, but the cleaning stopped
    at the damage and the original was published with its GPS position and owner."""
    content = make_archive(tmp_path / "content")
    folder = content / SESSION
    for name, fmt in (("cong.jpg", "JPEG"), ("ban-ve.png", "PNG"), ("san.webp", "WEBP")):
        located_photo(folder / name, (400, 300), fmt)
    jpeg = (folder / "cong.jpg").read_bytes()
    (folder / "cong.jpg").write_bytes(jpeg[:20] + b"\x00\x00" + jpeg[20:])  # after JFIF's APP0
    (folder / "ban-ve.png").write_bytes((folder / "ban-ve.png").read_bytes() + b"\x00\x01\x02")
    (folder / "san.webp").write_bytes((folder / "san.webp").read_bytes() + jpeg)
    index = folder / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n![Cổng](cong.jpg)\n\n![Bản vẽ](ban-ve.png)\n"
                     "\n![Sân](san.webp)\n", encoding="utf-8")
    site = build_archive(content, tmp_path)
    for name in ("cong.jpg", "ban-ve.png", "san.webp"):
        published = (site / SESSION / name).read_bytes()
        assert not [mark for mark in OWNER_MARKS if mark in published], name
        with Image.open(site / SESSION / name) as clean, Image.open(folder / name) as original:
            assert not clean.getexif().get_ifd(0x8825), name
            assert clean.getexif().get(0x0112) == 6, name
            assert clean.tobytes() == original.tobytes(), name


COMMENTS = ("Ảnh CCCD của Nguyễn Văn A".encode(), "Người chụp: Trần Thị Bích".encode(),
            b"Copyright Pham Van Cuong", b"c2pa.author Le Van Duc")
"""What cameras and editors write besides EXIF and XMP: a comment (COM), a photographer's
name, Photoshop's "Save for Web" copyright (APP12 'Ducky'), content credentials naming the
author (APP11)."""
ICC = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def jpeg_segments(data: bytes) -> list[tuple[int, bytes]]:
    """A JPEG's segments up to its first scan, each its marker and its data."""
    segments, at = [], 2
    while data[at + 1] != 0xDA:
        length = int.from_bytes(data[at + 2:at + 4], "big")
        segments.append((data[at + 1], data[at + 4:at + 2 + length]))
        at += 2 + length
    return segments


def commented_jpeg(path: Path, size: tuple[int, int], mode: str = "RGB", orientation: int = 1) -> None:
    """A JPEG as a phone and an editor leave one: a comment, a photographer's name in a second
    one, Photoshop's copyright and content credentials, besides its colour profile."""
    picture = Image.effect_noise((size[0] // 4, size[1] // 4), 60).convert(mode).resize(size)
    exif = Image.Exif()
    exif[0x0112] = orientation
    saved = io.BytesIO()
    picture.save(saved, "JPEG", quality=95, comment=COMMENTS[0], icc_profile=ICC,
                 exif=exif if orientation != 1 else b"")
    data = saved.getvalue()
    notes = [(0xFE, COMMENTS[1]), (0xEC, b"Ducky\x00\x03\x00\x00\x00\x19\x00" + COMMENTS[2]),
             (0xEB, b"JP\x00\x00\x00\x00\x00\x01jumb" + COMMENTS[3])]
    path.write_bytes(data[:2] + b"".join(bytes([0xFF, marker]) + (len(body) + 2).to_bytes(2, "big") + body
                                         for marker, body in notes) + data[2:])


def test_a_jpegs_comments_are_published_in_no_photo(tmp_path: Path) -> None:
    """A JPEG's comments (COM) and the other application segments cameras and editors write in
    (APP12, APP11) were published in the original as they were, and Pillow wrote the comment
    into the copy too: 'Ảnh CCCD của Nguyễn Văn A' was on the site. Only what a browser draws
    with stays: the same pixels, the colour profile, a CMYK photo's Adobe transform, the
    orientation."""
    content = make_archive(tmp_path / "content")
    folder = content / SESSION
    photos = {"hop-dan.jpg": ((4000, 3000), "RGB", 6),  # large: a copy, and the original linked
              "ban-ky.jpg": ((400, 300), "RGB", 1),  # no EXIF: it was published as it is
              "in-an.jpg": ((400, 300), "CMYK", 1)}  # a printer's CMYK photo
    for name, (size, mode, orientation) in photos.items():
        commented_jpeg(folder / name, size, mode, orientation)
    index = folder / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "".join(
        f"\n![Ảnh {number}]({name})\n" for number, name in enumerate(photos)), encoding="utf-8")
    for _ in range(2):  # made, then taken from the cache
        site = build_archive(content, tmp_path)
        published = sorted(p for p in (site / "sessions").rglob("*.jpg"))
        assert len(published) == 4, published  # three photos and the large one's copy
        for photo in published:
            data = photo.read_bytes()
            assert not [text for text in COMMENTS if text in data], photo
            with Image.open(photo) as image:
                assert "comment" not in image.info and image.info.get("icc_profile") == ICC, photo
        for name, (_, mode, orientation) in photos.items():
            data = (site / SESSION / name).read_bytes()
            notes = sorted(marker for marker, _ in jpeg_segments(data) if marker >= 0xE0)  # APPn, COM
            assert notes == ([0xE0, *([0xE1] if orientation != 1 else []), 0xE2] if mode == "RGB"
                             else [0xE2, 0xEE]), (name, notes)  # CMYK: Adobe's, no JFIF
            with Image.open(site / SESSION / name) as clean, Image.open(folder / name) as original:
                assert clean.getexif().get(0x0112, 1) == orientation, name  # shown turned, as before
                assert clean.tobytes() == original.tobytes(), name  # the same pixels, colours as drawn
            scan = data.index(b"\xff\xda")
            assert (folder / name).read_bytes().endswith(data[scan:]), name  # copied byte for byte


LENGTHS = {"JPEG": [(b"\xff\xe0", 2, 2), (b"\xff\xe1", 2, 2), (b"\xff\xdb", 2, 2)],
           "PNG": [(b"IHDR", -4, 4), (b"eXIf", -4, 4), (b"IDAT", -4, 4)],
           "WEBP": [(b"VP8X", 4, 4), (b"EXIF", 4, 4), (b"VP8 ", 4, 4)]}
"""Where a segment's or chunk's length is (after, or before, its marker or name), and its size."""


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_a_cut_or_damaged_file_never_keeps_its_owner(tmp_path: Path, fmt: str) -> None:
    """A file cut anywhere (a copy stopped midway), a length running past the file's end, a
    PNG chunk with a wrong CRC: the cleaning gave up (the original published as it is, with
    its GPS position) instead of dropping what it could not read whole."""
    located_photo(tmp_path / "anh", (40, 30), fmt)
    data = (tmp_path / "anh").read_bytes()
    damaged = [data[:cut] for cut in range(len(data))]
    for name, offset, size in LENGTHS[fmt]:
        at = data.index(name) + offset
        damaged.append(data[:at] + b"\x7f" + b"\xff" * (size - 1) + data[at + size:])
    if fmt == "PNG":
        for name in (b"IHDR", b"eXIf", b"IDAT"):
            at = data.index(name) - 4
            end = at + 8 + int.from_bytes(data[at:at + 4], "big")
            damaged.append(data[:end] + b"\x00\x00\x00\x00" + data[end + 4:])  # its CRC
    for bad in damaged:
        published = without_metadata(bad, 6) or bad  # None: published as it is
        assert not [mark for mark in OWNER_MARKS if mark in published], (len(bad), bad[:40])


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """A PNG's chunks, each its name and its data, in the file's order."""
    chunks, at = [], 8
    while at + 8 <= len(data):
        length = int.from_bytes(data[at:at + 4], "big")
        chunks.append((data[at + 4:at + 8], data[at + 8:at + 8 + length]))
        at += 12 + length
    return chunks


def png_of(chunks: list[tuple[bytes, bytes]]) -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"".join(len(body).to_bytes(4, "big") + kind + body
                                           + zlib.crc32(kind + body).to_bytes(4, "big")
                                           for kind, body in chunks)


OLDER_PNG_CHUNKS = {"exif-cu.png": b"exIf", "exif-nen.png": b"zxIf", "xmp-cu.png": b"tXMP"}
"""The chunks older tools wrote a PNG's EXIF or XMP in, by the photo the test gives them."""


def test_a_png_with_an_older_metadata_chunk_is_published_without_it(tmp_path: Path) -> None:
    """Older ImageMagick wrote a PNG's EXIF in an `exIf` chunk (the name while eXIf was
    proposed; it still reads it), ExifTool reads a once-proposed compressed `zxIf` and a 2001
    draft's `tXMP`: the cleaning knew only `eXIf` and `iTXt`, and published such a PNG with
    its GPS position, serial and owner."""
    content = make_archive(tmp_path / "content")
    folder = content / SESSION
    located_photo(tmp_path / "goc.png", (400, 300), "PNG")
    chunks = png_chunks((tmp_path / "goc.png").read_bytes())
    exif = dict(chunks)[b"eXIf"]
    picture = [(kind, body) for kind, body in chunks if kind in {b"IHDR", b"IDAT", b"IEND"}]
    for name, kind in OLDER_PNG_CHUNKS.items():
        body = {b"exIf": exif, b"zxIf": zlib.compress(exif), b"tXMP": OWNER_XMP}[kind]
        (folder / name).write_bytes(png_of([picture[0], (kind, body), *picture[1:]]))
    index = folder / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "".join(
        f"\n![Sơ đồ {number}]({name})\n" for number, name in enumerate(OLDER_PNG_CHUNKS)), encoding="utf-8")
    site = build_archive(content, tmp_path)
    for name in OLDER_PNG_CHUNKS:
        published = (site / SESSION / name).read_bytes()
        kinds = [kind for kind, _ in png_chunks(published)]
        assert kinds == [b"IHDR", *[b"IDAT"] * kinds.count(b"IDAT"), b"IEND"], (name, kinds)
        assert not [mark for mark in OWNER_MARKS if mark in published], name
        with Image.open(site / SESSION / name) as clean, Image.open(folder / name) as original:
            assert clean.tobytes() == original.tobytes(), name


def webp_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """A WebP's chunks, each its name and its data, in the file's order."""
    chunks, at = [], 12
    while at + 8 <= len(data):
        length = int.from_bytes(data[at + 4:at + 8], "little")
        chunks.append((data[at:at + 4], data[at + 8:at + 8 + length]))
        at += 8 + length + (length & 1)
    return chunks


def webp_of(chunks: list[tuple[bytes, bytes]]) -> bytes:
    body = b"".join(kind + len(data).to_bytes(4, "little") + data + b"\x00" * (len(data) & 1)
                    for kind, data in chunks)
    return b"RIFF" + (4 + len(body)).to_bytes(4, "little") + b"WEBP" + body


TOOLS_CHUNKS = [(b"caBX", b"jumb c2pa " + COMMENTS[3]), (b"mkBT", COMMENTS[1])]
"""Chunks of a tool's own in a PNG: content credentials naming the author, an editor's text
layer (Fireworks kept its layers in such chunks)."""


def test_a_png_or_webp_is_published_without_the_chunks_no_browser_draws_with(tmp_path: Path) -> None:
    """Only EXIF, XMP and text chunks were dropped: content credentials (a PNG's `caBX`, a WebP's
    `C2PA`) naming the author and an editor's own chunks were published as they were, in the
    original and, for a WebP with nothing else, in a file published as it was. Only what a
    browser draws with stays: the colour profile, the pixels' size, the orientation."""
    content = make_archive(tmp_path / "content")
    folder = content / SESSION
    exif = Image.Exif()
    exif[0x0112] = 6
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", COMMENTS[0].decode())
    picture = Image.effect_noise((500, 375), 60).convert("RGB").resize((2000, 1500))
    saved = io.BytesIO()
    picture.save(saved, "PNG", icc_profile=ICC, dpi=(300, 300), exif=exif, pnginfo=text)
    chunks = png_chunks(saved.getvalue())
    (folder / "so-do.png").write_bytes(png_of([*chunks[:-1], *TOOLS_CHUNKS, chunks[-1]]))
    credentials = (b"C2PA", b"jumb c2pa " + COMMENTS[3])
    for name, orientation in (("san.webp", 6), ("cong.webp", 1)):  # the second: no EXIF
        saved = io.BytesIO()
        picture.resize((400, 300)).save(saved, "WEBP", icc_profile=ICC,
                                         exif=exif if orientation != 1 else b"")
        chunks = webp_chunks(saved.getvalue())  # VP8X, ICCP, VP8 and EXIF
        (folder / name).write_bytes(webp_of([*chunks[:3], credentials, *chunks[3:]]))
    index = folder / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n![Sơ đồ](so-do.png)\n\n![Sân](san.webp)\n"
                     "\n![Cổng](cong.webp)\n", encoding="utf-8")
    for _ in range(2):  # made, then taken from the cache
        site = build_archive(content, tmp_path)
        published = sorted(p for p in (site / "sessions").rglob("*") if p.suffix in {".png", ".webp"})
        assert len(published) == 4, published  # three photos and the PNG's copy
        for photo in published:
            assert not [text for text in COMMENTS if text in photo.read_bytes()], photo
        kinds = [kind for kind, _ in png_chunks((site / SESSION / "so-do.png").read_bytes())]
        assert kinds == [b"IHDR", b"iCCP", b"pHYs", b"eXIf", *[b"IDAT"] * kinds.count(b"IDAT"),
                         b"IEND"], kinds
        for name, drawn in (("san.webp", [b"VP8X", b"ICCP", b"VP8 ", b"EXIF"]),
                            ("cong.webp", [b"VP8X", b"ICCP", b"VP8 "])):
            chunks = webp_chunks((site / SESSION / name).read_bytes())
            assert [kind for kind, _ in chunks] == drawn, name
            assert chunks[0][1][0] == 0x20 | (0x08 if b"EXIF" in drawn else 0), name  # VP8X: ICC, EXIF
        for name, orientation in (("so-do.png", 6), ("san.webp", 6), ("cong.webp", 1)):
            with Image.open(site / SESSION / name) as clean, Image.open(folder / name) as original:
                assert clean.getexif().get(0x0112, 1) == orientation, name
                assert clean.info.get("icc_profile") == ICC, name
                assert clean.tobytes() == original.tobytes(), name


def gif_extension(label: int, data: bytes) -> bytes:
    """A GIF extension holding `data`, in blocks of at most 255 bytes."""
    blocks = b"".join(bytes([len(data[at:at + 255])]) + data[at:at + 255] for at in range(0, len(data), 255))
    return bytes([0x21, label]) + blocks + b"\x00"


def test_a_gif_of_another_page_is_published_without_its_comments(tmp_path: Path) -> None:
    """A GIF that a page of the content folder shows was published as it was, its comments
    (GIMP writes "Created with GIMP" in each, an office a name) and an editor's XMP
    included, where the page's JPEG was cleaned. Its frames, delays and loops stay."""
    content = make_archive(tmp_path / "content")
    (content / "images").mkdir()
    frames = [Image.effect_noise((48, 36), 60).convert("P") for _ in range(3)]
    saved = io.BytesIO()
    frames[0].save(saved, "GIF", save_all=True, append_images=frames[1:], duration=300, loop=0,
                   comment=COMMENTS[0])
    data = saved.getvalue()
    start = 13 + (3 << (data[10] & 7) + 1)  # after the global colour table
    xmp = gif_extension(0xFF, b"\x0bXMP DataXMP" + OWNER_XMP)  # an application's, as XMP is written
    notes = gif_extension(0xFE, COMMENTS[1])
    data = data[:start] + xmp + notes + data[start:]
    (content / "images" / "dong-ho.gif").write_bytes(data)
    for cut in range(len(data)):  # a copy stopped midway keeps none either
        bad = data[:cut]
        kept = without_metadata(bad, None) or bad
        assert not [mark for mark in [*COMMENTS, *OWNER_MARKS] if mark in kept], cut
    (content / "about.md").write_text("# Giới thiệu\n\n![Đồng hồ đếm ngược](images/dong-ho.gif)\n",
                                      encoding="utf-8")
    site = build_archive(content, tmp_path)
    published = (site / "images" / "dong-ho.gif").read_bytes()
    assert not [mark for mark in [*COMMENTS, *OWNER_MARKS] if mark in published]
    assert b"NETSCAPE2.0" in published  # the loops
    with Image.open(site / "images" / "dong-ho.gif") as clean, \
            Image.open(content / "images" / "dong-ho.gif") as original:
        assert "comment" not in clean.info and clean.n_frames == original.n_frames == 3
        for frame in range(3):
            clean.seek(frame)
            original.seek(frame)
            assert clean.tobytes() == original.tobytes() and clean.info["duration"] == 300
        assert clean.info["loop"] == 0
    img = parse(site / "about" / "index.html").select_one("img[alt^='Đồng hồ']")
    assert (img["width"], img["height"], img["loading"]) == ("48", "36", "lazy")


def test_a_png_whose_exif_follows_its_picture_is_shown_turned_as_its_page_says(
        tmp_path: Path, serve_site, browser) -> None:
    """A PNG may have its eXIf after the picture data (IDAT): its orientation was dropped with
    the GPS position. Pillow reads it there (the page's width and height, the copy are turned),
    Chromium ignores it there: the photo showed squeezed into its box, lying on its side."""
    content = make_archive(tmp_path / "content")
    folder = content / SESSION
    located_photo(tmp_path / "cuoi.png", (400, 300), "PNG")
    chunks = png_chunks((tmp_path / "cuoi.png").read_bytes())
    late = [chunk for chunk in chunks if chunk[0] != b"eXIf"]
    late[-1:-1] = [chunk for chunk in chunks if chunk[0] == b"eXIf"]  # just before IEND
    (folder / "cuoi.png").write_bytes(png_of(late))
    index = folder / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n![Sơ đồ lối vào](cuoi.png)\n", encoding="utf-8")
    site = build_archive(content, tmp_path)
    published = (site / SESSION / "cuoi.png").read_bytes()
    assert not [mark for mark in OWNER_MARKS if mark in published]
    with Image.open(site / SESSION / "cuoi.png") as clean, Image.open(folder / "cuoi.png") as original:
        assert clean.getexif().get(0x0112) == 6 and not clean.getexif().get_ifd(0x8825)
        assert clean.tobytes() == original.tobytes()
    tab = browser.new_page()
    tab.goto(f"{serve_site(site)}{SESSION}/")
    img = tab.locator(".da-writeup img[alt='Sơ đồ lối vào']")
    shown = img.evaluate("img => img.decode().then(() => [img.naturalWidth, img.naturalHeight])")
    assert shown == [int(img.get_attribute("width")), int(img.get_attribute("height"))] == [300, 400]
    tab.close()


def test_a_photo_pillow_cannot_read_is_published_without_its_metadata(tmp_path: Path) -> None:
    """An upload cut off keeps its whole EXIF at its start: it was published as it is, GPS
    position, serial and owner included, with the warning that it cannot be read."""
    content = make_archive(tmp_path / "content")
    folder = content / SESSION
    located_photo(tmp_path / "whole.jpg", (800, 600))
    whole = (tmp_path / "whole.jpg").read_bytes()
    (folder / "cat-do.jpg").write_bytes(whole[: len(whole) // 2])
    index = folder / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n![Ảnh gửi dở](cat-do.jpg)\n", encoding="utf-8")
    for _ in range(2):  # made, then taken from the cache
        site = tmp_path / "site"
        result = run_build(write_config(tmp_path, content, site, build_date="2026-11-28"))
        output = result.stdout + result.stderr
        assert result.returncode == 0 and "Traceback" not in output, output
        assert f"content/{SESSION}/cat-do.jpg:1:1: warning: the photo cannot be read (image file is " \
               "truncated" in output, output
        published = (site / SESSION / "cat-do.jpg").read_bytes()
        assert not [mark for mark in OWNER_MARKS if mark in published]
        with Image.open(site / SESSION / "cat-do.jpg") as clean:
            assert not clean.getexif().get_ifd(0x8825)  # no GPS position
            assert clean.getexif().get(0x0112) == 6  # shown turned, as before
        assert published.endswith(whole[whole.index(b"\xff\xda"): len(whole) // 2])  # the picture as it was


def test_a_webp_whose_exif_is_damaged_is_published_without_stopping_the_build(tmp_path: Path) -> None:
    """A WebP whose EXIF has one byte wrong in its TIFF header shows in browsers (unturned),
    but Pillow's reading of its orientation raised, and the build stopped with a traceback."""
    content = make_archive(tmp_path / "content")
    folder = content / SESSION
    for name, size in (("hu.webp", (400, 300)), ("hu-lon.webp", (2000, 1500))):  # the second: a copy
        located_photo(folder / name, size, "WEBP")
        data = (folder / name).read_bytes()
        at = data.index(b"MM\x00*")
        (folder / name).write_bytes(data[:at + 1] + b"\x95" + data[at + 2:])
    index = folder / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n![Hư](hu.webp)\n\n![Hư lớn](hu-lon.webp)\n",
                     encoding="utf-8")
    result = run_build(write_config(tmp_path, content, tmp_path / "site", build_date="2026-11-28"))
    output = result.stdout + result.stderr
    assert result.returncode == 0 and "Traceback" not in output, output
    page = parse(tmp_path / "site" / SESSION / "index.html")
    for alt, name, size in (("Hư", "hu.webp", ("400", "300")), ("Hư lớn", "hu-lon.webp", ("1200", "900"))):
        img = page.select_one(f".da-writeup img[alt='{alt}']")
        assert (img["width"], img["height"]) == size  # unturned, as a browser shows it
        published = (tmp_path / "site" / SESSION / name).read_bytes()
        assert not [mark for mark in OWNER_MARKS if mark in published], name
        with Image.open(io.BytesIO(published)) as clean, Image.open(folder / name) as original:
            assert clean.tobytes() == original.tobytes()
