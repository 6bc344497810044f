"""Responsive images, figures and galleries (plugins/newsroom/: build/media.py
makes the renditions, run/figures.py and run/picture.py the markup).

The fixture is written by the tests: a story in English and Arabic with a
4000×3000 photograph (its featured image), a figure with a caption, a
decorative image, a small image and a gallery of 12 photographs, all made
with Pillow. Built once per module; the browser tests serve that build.
"""

import json
import random
import re
import shutil
import subprocess

import pytest
from PIL import Image, ImageDraw, ImageFilter

from conftest import ROOT, Site, build_refuses, build_site, snapshot
from newsroom.tools.browser import open_page, read_headers, serve
from newsroom.tools.lighthouse import report as lighthouse_report
from validators import AXE, AXE_OPTIONS, AXE_RUN, VNU, axe_report, vnu_report

STORY = "/{lang}/news/2024/03/photo-story/"
GALLERY = 12
MEDIA_TYPES = {"image/avif": "AVIF", "image/webp": "WEBP", "image/jpeg": "JPEG", "image/png": "PNG"}


def photograph(path, size, seed):
    """A photograph-like image: many shapes on a gradient, softened, with grain.
    Flat colours would compress far better than photographs do; at 720 px this
    is about 60 KB as JPEG, like a news photograph."""
    rng = random.Random(seed)
    width, height = size
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    draw = ImageDraw.Draw(image)
    for _ in range(800):
        x, y, r = (
            rng.randrange(width),
            rng.randrange(height),
            rng.randrange(width // 80, width // 8),
        )
        colour = tuple(rng.randrange(256) for _ in range(3))
        draw.ellipse((x, y, x + r, y + r), fill=colour)
    image = image.filter(ImageFilter.GaussianBlur(width / 2700))
    grain = Image.effect_noise(size, 40).convert("RGB")
    Image.blend(image, grain, 0.18).save(path, quality=92)


BODY = """The meeting opened with a photograph of the room.

![The meeting room, seen from the door]({{static}}/images/2024/room.jpg)
*The meeting room. Photo: the fixture's own.*

![](/images/2024/rule.png){{.decorative}}

A small logo stays at its own size: ![A small square logo](/images/2024/small.png) in the text.

{gallery}
"""


def write_story(content, lang, title):
    gallery = "\n".join(
        f"- ![Photograph {n} of the visit](/images/2024/gallery-{n:02}.jpg) Caption {n}"
        for n in range(1, GALLERY + 1)
    )
    text = (
        f"Title: {title}\nDate: 2024-03-05\nCategory: news\n"
        "Image: images/2024/lead.jpg\nImage_alt: The delegations around the table\n"
        "Image_caption: The two delegations.\n\n" + BODY.format(gallery=gallery)
    )
    path = content / "articles" / "2024" / f"photo-story.{lang}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def write_content(content):
    images = content / "images" / "2024"
    images.mkdir(parents=True)
    photograph(images / "lead.jpg", (4000, 3000), 1)
    photograph(images / "room.jpg", (2400, 1600), 2)
    for n in range(1, GALLERY + 1):
        photograph(images / f"gallery-{n:02}.jpg", (1600, 1200), 100 + n)
    Image.new("RGBA", (600, 8), (120, 120, 120, 0)).save(images / "rule.png")
    Image.new("RGBA", (96, 96), (0, 107, 94, 255)).save(images / "small.png")
    write_story(content, "en", "A visit in photographs")
    write_story(content, "ar", "زيارة بالصور")


@pytest.fixture(scope="module")
def media(tmp_path_factory):
    folder = tmp_path_factory.mktemp("media")
    write_content(folder / "content")
    return folder


@pytest.fixture(scope="module")
def built(media):
    return Site(build_site(media / "output", media / "content"))


@pytest.fixture(scope="module")
def served(built):
    with serve(built.root, headers=read_headers(built.root / "_headers")) as url:
        yield url


def story(built, lang="en"):
    return built.soup(STORY.format(lang=lang))


def candidates(srcset):
    """[(url, width)] of a srcset attribute."""
    return [(url, int(w[:-1])) for url, w in (part.split() for part in srcset.split(", "))]


def check_rendition(built, url, width, media_type):
    with Image.open(built.file(url)) as image:
        assert image.width == width, url
        assert image.format == MEDIA_TYPES[media_type], url
        return image.size


def test_featured_image_is_a_picture_in_modern_formats_with_its_size(built):
    picture = story(built).select_one(".story > .figure picture")
    types = [source["type"] for source in picture.find_all("source")]
    assert types == ["image/avif", "image/webp"]
    img = picture.img
    assert (img["width"], img["height"]) == ("1440", "1080"), "the largest rendition's size"
    assert img["alt"] == "The delegations around the table"
    # The lead image loads at once, first; every rendition exists as declared.
    assert "loading" not in img.attrs and img["fetchpriority"] == "high"
    for element, media_type in [
        *zip(picture.find_all("source"), types, strict=True),
        (img, "image/jpeg"),
    ]:
        widths = [w for _, w in candidates(element["srcset"])]
        assert widths == [360, 720, 1080, 1440]
        assert element["sizes"]
        for url, width in candidates(element["srcset"]):
            check_rendition(built, url, width, media_type)
    assert built.exists(img["src"])


def test_images_in_the_text_load_lazily_with_their_size(built):
    body = story(built).select_one(".story__body")
    pictures = body.select("picture")
    assert len(pictures) == 2 + 1 + GALLERY  # figure, decorative, small logo, gallery
    for picture in pictures:
        img = picture.img
        assert img["loading"] == "lazy" and img["decoding"] == "async"
        assert int(img["width"]) > 0 and int(img["height"]) > 0
        ratio = int(img["width"]) / int(img["height"])
        with Image.open(built.file(img["src"])) as file:
            assert abs(file.width / file.height - ratio) < 0.01


def test_images_are_never_upscaled(built):
    body = story(built).select_one(".story__body")
    small = body.find("img", alt="A small square logo")
    assert small.parent.name == "picture", "an image inside text stays inside it"
    assert [w for _, w in candidates(small["srcset"])] == [96]
    assert (small["width"], small["height"]) == ("96", "96")
    assert small.find_parent("p"), "a picture inside a sentence stays in its paragraph"
    room = body.select_one("figure.figure img")
    assert [w for _, w in candidates(room["srcset"])] == [360, 720, 1080, 1440]
    # Transparency keeps a PNG fallback.
    rule = body.find("img", alt="")
    assert rule["src"].endswith(".png")
    check_rendition(built, rule["src"], 600, "image/png")


def test_an_image_with_an_italic_line_below_is_a_figure_with_its_caption(built):
    figure = story(built).select_one(".story__body figure.figure")
    assert figure.img["alt"] == "The meeting room, seen from the door"
    assert (
        figure.figcaption.get_text(" ", strip=True) == "The meeting room. Photo: the fixture’s own."
    )
    assert figure.parent.name != "p"


def test_a_decorative_image_has_empty_alt_text_and_no_figure(built):
    rule = story(built).select_one(".story__body").find("img", alt="")
    assert rule is not None
    assert "class" not in rule.attrs
    assert rule.find_parent("figure") is None


def test_a_list_of_images_is_a_gallery_of_figures(built):
    gallery = story(built).select_one(".story__body ul.gallery")
    items = gallery.find_all("li", recursive=False)
    assert len(items) == GALLERY
    for n, item in enumerate(items, 1):
        link = item.select_one("figure > a")
        assert link.img["alt"] == f"Photograph {n} of the visit"
        assert item.figure.figcaption.get_text(strip=True) == f"Caption {n}"
        # The link opens the largest rendition (1440 px), not the 1600 px original.
        assert check_rendition(built, link["href"], 1440, "image/jpeg") == (1440, 1080)


def test_the_viewer_script_is_only_on_pages_with_a_gallery(built):
    page = story(built)
    scripts = [s["src"] for s in page.find_all("script", src=True)]
    assert any(re.search(r"/theme/js/gallery\.[0-9a-f]+\.js$", s) for s in scripts), scripts
    assert page.select_one("dialog.viewer")
    other = built.soup("/en/")
    assert not other.select("dialog.viewer")
    assert not [s for s in other.find_all("script", src=True) if "gallery" in s["src"]]


def after_the_build(media, built, tmp_path, caches=True):
    """A copy of the module's content and output, with its caches: the state
    its build left, without making the 16 renditions again (about 18 s)."""
    content = tmp_path / "content"
    shutil.copytree(media / "content", content)
    shutil.copytree(built.root, tmp_path / "output")
    if caches:
        shutil.copytree(media / ".cache", tmp_path / ".cache")
    return content, tmp_path / "output"


def test_an_image_without_alt_text_is_refused_naming_file_image_and_line(media, built, tmp_path):
    content, output = after_the_build(media, built, tmp_path, caches=False)
    text = (content / "articles/2024/photo-story.en.md").read_text(encoding="utf-8")
    broken = text.replace("![The meeting room, seen from the door]", "![]")
    line = (
        broken.splitlines().index(next(x for x in broken.splitlines() if x.startswith("![]("))) + 1
    )
    message = build_refuses(content, output, "articles/2024/photo-story.en.md", broken)
    assert f"photo-story.en.md:{line}:" in message
    assert "image" in message and "{static}/images/2024/room.jpg" in message
    assert "alt text" in message and "{.decorative}" in message


def test_a_second_build_processes_no_image(media, built, tmp_path, capfd):
    content, output = after_the_build(media, built, tmp_path)
    cache = tmp_path / ".cache" / "images"
    assert len(list(cache.glob("*/*/done"))) == 16  # the module's build made every rendition set
    stamps = {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()}
    first = snapshot(output)
    capfd.readouterr()
    build_site(output, content)
    assert "Images: 0 of 16 processed" in capfd.readouterr().err
    assert {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()} == stamps
    assert snapshot(output) == first


def test_a_changed_image_is_processed_again_and_its_pages_follow(media, built, tmp_path, capfd):
    """The cached reading of a story holds its images' sizes: replacing a
    photograph in place must reach the page, exactly as a build without the
    content and page caches has it. (Renditions and cards are kept by their
    bytes and what they show, so the cold build may reuse them.)"""
    content, output = after_the_build(media, built, tmp_path)
    build_site(output, content)  # the content cache of this folder, warm
    photograph(content / "images/2024/room.jpg", (1000, 1000), 7)  # now square, smaller
    capfd.readouterr()
    warm = Site(build_site(output, content))
    assert "Images: 1 of 16 processed" in capfd.readouterr().err
    room = warm.soup(STORY.format(lang="en")).select_one(".story__body figure.figure img")
    assert (room["width"], room["height"]) == ("1000", "1000")
    shutil.rmtree(tmp_path / ".cache" / "pelican")
    (tmp_path / ".cache" / "last-build").unlink()
    cold = build_site(tmp_path / "cold", content)
    assert snapshot(warm.root) == snapshot(cold)


def test_a_real_site_build_has_no_renditions_to_make(site):
    """The seed story has no image: nothing is made, nothing links to one."""
    assert not list(site.root.rglob("*w.avif"))


def test_the_photo_story_is_valid_html(built):
    pages = [str(built.file(STORY.format(lang=lang))) for lang in ("en", "ar")]
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--stdout", "--format", "json", "--errors-only", *pages],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stdout)["messages"]
    assert not messages, vnu_report({"photo story": messages})


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_axe_finds_no_violation_in_the_gallery_and_the_open_viewer(browser, served, lang):
    with open_page(browser, served + STORY.format(lang=lang), 375, bypass_csp=True) as page:
        page.add_script_tag(path=AXE)
        violations = page.evaluate(AXE_RUN, AXE_OPTIONS)
        page.click(".gallery li:nth-child(1) a")
        violations += page.evaluate(AXE_RUN, AXE_OPTIONS)
    assert not violations, axe_report(f"{lang} photo story", 375, "light", violations)


def image_bytes(browser, url, lang_width=375):
    """Bytes of images the page fetches on its first load, at a phone's width
    and density (375 CSS px, 2 device px per CSS px), without scrolling."""
    fetched = {}

    def on_response(response):
        if response.request.resource_type == "image":
            fetched[response.url] = len(response.body())

    with open_page(
        browser, url, lang_width, on={"response": on_response}, device_scale_factor=2
    ) as page:
        page.wait_for_load_state("networkidle")
    return fetched


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_first_load_on_a_phone_fetches_at_most_200_kb_of_images(browser, served, lang):
    fetched = image_bytes(browser, served + STORY.format(lang=lang))
    assert any("lead" in url for url in fetched), "the lead image is fetched"
    assert all(re.search(r"\.(avif|svg)$", url) for url in fetched), fetched  # the best format
    assert sum(fetched.values()) <= 200_000, fetched


@pytest.mark.parametrize(
    ("lang", "forward", "back"),
    [("en", "ArrowRight", "ArrowLeft"), ("ar", "ArrowLeft", "ArrowRight")],
)
def test_the_viewer_works_by_keyboard_and_mirrors_in_arabic(browser, served, lang, forward, back):
    requests = []
    with open_page(
        browser,
        served + STORY.format(lang=lang),
        1024,
        on={"request": lambda r: requests.append(r.url)},
    ) as page:
        page.focus(".gallery li:nth-child(2) a")
        page.keyboard.press("Enter")
        dialog = page.locator("dialog.viewer")
        assert dialog.evaluate("d => d.open")
        assert page.locator(".viewer__image").get_attribute("alt") == "Photograph 2 of the visit"
        assert page.locator(".viewer__caption").inner_text() == "Caption 2"
        assert (
            page.locator(".viewer__position").inner_text()
            == f"2 {'من' if lang == 'ar' else 'of'} {GALLERY}"
        )
        page.keyboard.press(forward)
        assert page.locator(".viewer__image").get_attribute("alt") == "Photograph 3 of the visit"
        page.keyboard.press(back)
        page.keyboard.press(back)
        assert page.locator(".viewer__image").get_attribute("alt") == "Photograph 1 of the visit"
        page.keyboard.press(back)  # wraps around to the last
        assert page.locator(".viewer__caption").inner_text() == f"Caption {GALLERY}"
        page.keyboard.press("Escape")
        assert not dialog.evaluate("d => d.open")
        # Focus returns to the photo that opened the viewer.
        opener = "document.querySelector('.gallery li:nth-child(2) a')"
        assert page.evaluate(f"document.activeElement === {opener}")
    assert all(url.startswith(served) for url in requests), "everything loads from our origin"


def test_without_javascript_a_gallery_photo_links_to_its_large_version(browser, served):
    with open_page(
        browser, served + STORY.format(lang="en"), 1024, java_script_enabled=False
    ) as page:
        page.click(".gallery li:nth-child(1) a")
        page.wait_for_load_state()
        assert re.search(r"/generated/images/2024/gallery-01\.[0-9a-f]+\.1440w\.jpg$", page.url)


@pytest.fixture(scope="module")
def lighthouse_result(built, tmp_path_factory):
    lighthouse = ROOT / "node_modules" / ".bin" / "lighthouse"
    with serve(built.root, headers=read_headers(built.root / "_headers")) as url:
        path = tmp_path_factory.mktemp("lighthouse") / "story.json"
        return lighthouse_report(url + STORY.format(lang="en"), path, lighthouse, ["performance"])


def test_lighthouse_mobile_performance_of_the_photo_story(lighthouse_result):
    audits = lighthouse_result["audits"]
    assert audits["cumulative-layout-shift"]["numericValue"] == 0
    score = round(lighthouse_result["categories"]["performance"]["score"] * 100)
    assert score >= 95, json.dumps(
        {
            k: audits[k]["displayValue"]
            for k in (
                "largest-contentful-paint",
                "total-blocking-time",
                "first-contentful-paint",
                "speed-index",
            )
        }
    )
