"""The images the build makes (issue 17, item 11): renditions and social cards
are published under /generated/, where their content-hashed names are cached
for good, and the cache keeps only what the site still uses."""

from PIL import Image

from conftest import Site, build_site
from newsroom.tools.browser import read_headers

IMMUTABLE = "public, max-age=31536000, immutable"


def write(content, colour):
    (content / "images").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (900, 600), colour).save(content / "images/photo.jpg", quality=85)
    (content / "articles/2024").mkdir(parents=True, exist_ok=True)
    (content / "articles/2024/photo.en.md").write_text(
        "Title: With a photo\nDate: 2024-02-01\nCategory: news\n"
        "Image: images/photo.jpg\nImage_alt: A coloured rectangle\n\n"
        "![The same rectangle](/images/photo.jpg)\n",
        encoding="utf-8",
    )
    (content / "articles/2024/card.en.md").write_text(
        "Title: Without a photo\nDate: 2024-02-02\nCategory: news\n\nText.\n",
        encoding="utf-8",
    )


def rules(site):
    """{path pattern: Cache-Control} of `_headers`."""
    found, pattern = {}, None
    for line in (site.root / "_headers").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith(" "):
            pattern = line
        elif line.strip().startswith("Cache-Control:"):
            found[pattern] = line.split(":", 1)[1].strip()
    return found


def test_generated_images_live_under_generated_and_are_cached_for_good(tmp_path):
    write(tmp_path / "content", (200, 30, 30))
    site = Site(build_site(tmp_path / "output", tmp_path / "content"))
    soup = site.soup("/en/news/2024/02/photo/")
    sources = [img["src"] for img in soup.select("article img")]
    sources += [
        candidate.split()[0]
        for element in soup.select("article source, article img")
        for candidate in element.get("srcset", "").split(",")
        if candidate.strip()
    ]
    card = site.soup("/en/news/2024/02/card/").select_one('meta[property="og:image"]')["content"]
    assert sources and all(src.startswith("/generated/images/photo.") for src in sources), sources
    assert "/generated/cards/en/card." in card
    assert all(site.exists(src) for src in sources) and site.exists(card)
    assert rules(site)["/generated/*"] == IMMUTABLE
    assert "Cache-Control" not in read_headers(site.root / "_headers")  # one rule per path


def test_a_replaced_photo_leaves_no_renditions_behind(tmp_path):
    content = tmp_path / "content"
    write(content, (200, 30, 30))
    build_site(tmp_path / "output", content)
    cache = tmp_path / ".cache/images"
    [first] = cache.glob("??/*")

    write(content, (30, 30, 200))
    site = Site(build_site(tmp_path / "output", content))

    [second] = cache.glob("??/*")
    assert second != first and not first.exists()
    assert (second / "done").is_file()
    assert (
        site.soup("/en/news/2024/02/photo/")
        .select_one("article img")["src"]
        .startswith(f"/generated/images/photo.{second.name[:10]}.")
    )
