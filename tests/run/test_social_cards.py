"""Stories without a featured image get a generated 1200×630 social card
(plugins/newsroom/run/social_cards.py): the headline in the story's language, the
site name, drawn once and then taken from the cache."""

import io
import json
import re
import shutil

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont, ImageStat

from conftest import ROOT, SITEURL, THEME, Site, build_site, snapshot
from newsroom.run import social_cards
from newsroom.tools import bench

FONT = THEME / "cards/noto-card-bold.ttf"
SIZE = (1200, 630)
BAND = 120  # the brand band at the bottom, with the site name
MARGIN = 80

# A fixture site: an Arabic and an English version of one story, a second
# Arabic story with a short headline, and a story with a featured image.
STORY = "/{lang}/news/2024/03/{slug}/"
HEADLINES = {
    ("ar", "card"): "خبر بلا صورة يحصل على بطاقة",
    ("en", "card"): "A story without a photograph gets a card",
    ("ar", "short"): "بطاقة تجريبية",
    ("en", "photo"): "A story with its own photograph",
}


def write_fixture(content):
    """The fixture's content folder, with its photograph made by Pillow."""
    for day, ((lang, slug), title) in enumerate(HEADLINES.items(), start=1):
        extra = "Image: images/photo.jpg\nImage_alt: A grey gradient\n" if slug == "photo" else ""
        path = content / "articles/2024" / f"{slug}.{lang}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"Title: {title}\nDate: 2024-03-0{day}\nCategory: news\n{extra}\nText.\n",
            encoding="utf-8",
        )
    (content / "images").mkdir()
    gradient = Image.linear_gradient("L").resize((640, 480)).convert("RGB")
    gradient.save(content / "images/photo.jpg", quality=80)
    return content


@pytest.fixture(scope="module")
def cards(tmp_path_factory):
    root = tmp_path_factory.mktemp("social-cards")
    return Site(build_site(root / "output", write_fixture(root / "content")))


def meta(soup, name):
    node = soup.select_one(f'meta[property="{name}"], meta[name="{name}"]')
    return node and node["content"]


def card_of(site, url):
    """The card that `url`'s og:image names, opened with Pillow."""
    image = meta(site.soup(url), "og:image")
    assert image.startswith(SITEURL + "/generated/cards/"), image
    assert site.exists(image), image
    return Image.open(site.file(image))


def news_article(soup):
    (block,) = [
        data
        for node in soup.select('script[type="application/ld+json"]')
        if (data := json.loads(node.string))["@type"] == "NewsArticle"
    ]
    return block


def dark_box(image):
    """Left, top, right, bottom of the dark pixels of `image` (grey levels)."""
    return image.point(lambda value: 255 if value < 128 else 0).getbbox()


def ink_box(card, top=20):
    """The box of the headline's ink: the dark pixels between the accent rule
    at the top and the band at the bottom."""
    area = card.convert("L").crop((0, top, card.width, card.height - BAND))
    left, upper, right, lower = dark_box(area)
    return left, upper + top, right, lower + top


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_story_without_a_featured_image_gets_a_card(cards, lang):
    soup = cards.soup(STORY.format(lang=lang, slug="card"))
    card = card_of(cards, STORY.format(lang=lang, slug="card"))
    assert (card.format, card.size) == ("PNG", SIZE)
    assert meta(soup, "og:image:width") == "1200" and meta(soup, "og:image:height") == "630"
    assert meta(soup, "og:image:alt") == HEADLINES[lang, "card"]  # what the card shows
    assert meta(soup, "twitter:card") == "summary_large_image"
    assert news_article(soup)["image"] == [meta(soup, "og:image")]


def test_a_featured_image_stays_the_shared_image(cards):
    soup = cards.soup(STORY.format(lang="en", slug="photo"))
    # Shared as its JPEG rendition (images.py), never wider than the file.
    shared = meta(soup, "og:image")
    assert re.fullmatch(
        re.escape(SITEURL) + r"/generated/images/photo\.[0-9a-f]{10}\.\d+w\.jpg", shared
    )
    assert cards.exists(shared)
    assert meta(soup, "og:image:alt") == "A grey gradient"
    assert news_article(soup)["image"] == [SITEURL + "/images/photo.jpg"]
    drawn = sorted(path.name for path in (cards.root / "generated/cards").rglob("*.png"))
    assert len(drawn) == 3 and not [name for name in drawn if name.startswith("photo.")]


def test_the_pixels_change_with_the_headline_and_only_there(cards):
    one = card_of(cards, STORY.format(lang="ar", slug="card")).convert("RGB")
    two = card_of(cards, STORY.format(lang="ar", slug="short")).convert("RGB")
    changed = ImageChops.difference(one, two).getbbox()
    assert changed is not None, "two headlines, one picture"
    assert changed[3] <= SIZE[1] - BAND, "the band with the site name is the same"


def test_an_arabic_headline_runs_right_to_left(cards):
    """The short Arabic headline is one line against the right margin."""
    left, _, right, _ = ink_box(card_of(cards, STORY.format(lang="ar", slug="short")))
    assert abs(right - (SIZE[0] - MARGIN)) <= 6 and left > SIZE[0] / 2
    left, _, right, _ = ink_box(card_of(cards, STORY.format(lang="en", slug="card")))
    assert abs(left - MARGIN) <= 6


def test_an_arabic_headline_is_shaped(cards):
    """The card's headline looks like the words set by HarfBuzz (letters joined,
    right to left), not like the same letters set one by one, unjoined."""
    card = card_of(cards, STORY.format(lang="ar", slug="short")).convert("L")
    ink = card.crop(ink_box(card))

    def typeset(layout, **options):
        font = ImageFont.truetype(str(FONT), 120, layout_engine=layout)
        image = Image.new("L", (1600, 400), 255)
        ImageDraw.Draw(image).text((40, 100), HEADLINES["ar", "short"], font=font, **options)
        return image.crop(dark_box(image)).resize(ink.size)

    def distance(reference):
        return ImageStat.Stat(ImageChops.difference(ink, reference)).mean[0]

    shaped = typeset(ImageFont.Layout.RAQM, direction="rtl", language="ar")
    unshaped = typeset(ImageFont.Layout.BASIC)
    # Mean grey-level differences, out of 255 (resizing alone costs about 11).
    assert distance(shaped) < 20 and distance(unshaped) > 3 * distance(shaped)


def cards_line(stderr):
    """{lang: (drawn, from the cache)} from the build's log lines."""
    found = re.findall(r"social cards \[(\w+)\]: (\d+) drawn, (\d+) from the cache", stderr)
    return {lang: (int(drawn), int(cached)) for lang, drawn, cached in found}


def test_a_second_build_draws_no_card(tmp_path, capfd):
    content = write_fixture(tmp_path / "content")
    first = build_site(tmp_path / "site" / "output", content)
    assert cards_line(capfd.readouterr().err) == {"ar": (2, 0), "en": (1, 0), "fr": (0, 0)}
    cache = tmp_path / "site/.cache/cards"
    before = {path: path.stat().st_mtime_ns for path in cache.rglob("*.png")}
    assert len(before) == 3

    # A new output beside the first shares its cache: nothing is drawn, nothing rewritten.
    second = build_site(tmp_path / "site" / "other", content)
    assert cards_line(capfd.readouterr().err) == {"ar": (0, 2), "en": (0, 1), "fr": (0, 0)}
    assert {path: path.stat().st_mtime_ns for path in cache.rglob("*.png")} == before
    assert snapshot(second) == snapshot(first)
    # Its cards are the cache's files, linked in as the renditions are: no bytes copied.
    linked = {path.stat().st_ino for path in (second / "generated/cards").rglob("*.png")}
    assert linked == {path.stat().st_ino for path in cache.rglob("*.png")}

    # A new headline is a new card, under a new URL; the old one leaves the cache.
    story = content / "articles/2024/card.en.md"
    story.write_text(story.read_text().replace("gets a card", "gets its card"))
    third = build_site(tmp_path / "site" / "output", content)
    assert cards_line(capfd.readouterr().err) == {"ar": (0, 2), "en": (1, 0), "fr": (0, 0)}
    assert len(list(cache.rglob("*.png"))) == 3
    old, new = (
        {path for path in snapshot(site) if path.startswith("generated/cards/")}
        for site in (second, third)
    )
    (gone,), (added,) = old - new, new - old
    assert gone.startswith("generated/cards/en/card.") and added.startswith(
        "generated/cards/en/card."
    )

    # A cold build in a fresh place gives the same bytes as the warm one.
    cold = build_site(tmp_path / "cold" / "output", content)
    assert snapshot(cold) == snapshot(third)


@pytest.mark.parametrize("lang", ["ar", "en", "fr"])
def test_the_real_seed_story_has_its_card(site, lang):
    url = f"/{lang}/news/2020/11/aicto-and-huawei-strengthen-their-cooperation/"
    card = card_of(site, url)
    assert card.size == SIZE
    assert news_article(site.soup(url))["image"] == [meta(site.soup(url), "og:image")]


def test_the_card_in_the_docs_is_the_one_the_build_makes(site):
    (card,) = (site.root / "generated/cards/ar").glob("aicto-and-huawei-*.png")
    documented = ROOT / "docs/images/social-card-ar.png"
    assert documented.read_bytes() == card.read_bytes(), (
        "docs/images/social-card-ar.png is stale: see docs/media.md to remake it"
    )
    assert documented.stat().st_size <= 40 * 1024


def test_the_card_takes_its_colours_from_the_stylesheet(tmp_path):
    """The theme's tokens are the one place for the colours: another accent in
    newsroom.css is another band on the card, under another key."""
    content = write_fixture(tmp_path / "content")
    theme = tmp_path / "theme"
    shutil.copytree(THEME, theme)
    css = theme / "static/css/newsroom.css"
    text = css.read_text(encoding="utf-8")
    assert "--color-accent: #006b5e;" in text
    css.write_text(text.replace("--color-accent: #006b5e;", "--color-accent: #7a1f5c;", 1))

    site = Site(build_site(tmp_path / "output", content, THEME=str(theme)))
    card = card_of(site, STORY.format(lang="en", slug="card")).convert("RGB")
    assert card.getpixel((5, 5)) == (0x7A, 0x1F, 0x5C)  # the rule at the top
    assert card.getpixel((5, SIZE[1] - 5)) == (0x7A, 0x1F, 0x5C)  # the band
    assert card.getpixel((5, SIZE[1] // 2)) == (255, 255, 255)  # the background, as before


# The site name in each language (the catalogs'), and its direction.
SITE_NAMES = {
    "ar": ("المركز الإعلامي للمنظمة العربية لتكنولوجيات الاتصال والمعلومات", "rtl"),
    "en": ("AICTO Newsroom", "ltr"),
    "fr": ("Salle de presse de l’AICTO", "ltr"),
}
ODD_HEADLINES = [
    "5G",
    "A headline far too long for any card, " * 6,  # cut with an ellipsis
    "Supercalifragilisticexpialidocious" * 3,  # one word wider than the box
    "قمة AICTO للذكاء الاصطناعي 2025 في تونس",  # Latin and digits inside Arabic
]


@pytest.fixture(scope="module")
def headlines(tmp_path_factory):
    """(headline, lang): the bench corpus's titles in the three languages, and odd ones."""
    corpus = tmp_path_factory.mktemp("corpus")
    assert bench.generate(corpus, 12, seed=3)["articles"]["en"] == 12
    found = []
    for path in sorted((corpus / "articles").rglob("*.md")):
        lang = path.name.split(".")[-2]
        found.append((re.search(r"(?m)^Title: (.*)$", path.read_text())[1], lang))
    return found + [(headline, lang) for headline in ODD_HEADLINES for lang in SITE_NAMES]


def card_before_issue_21(headline, lang):
    """A card drawn as before issue 21: the headline's steps pasted on a copy
    of the whole card's background, then Pillow's PNG encoder."""
    site_name, direction = SITE_NAMES[lang]
    colours = social_cards.theme_colours(THEME)
    text = {"direction": direction, "language": lang}
    left, top, right, bottom = social_cards.HEADLINE_BOX
    sizes = [round(size * social_cards.SCALE.get(lang, 1)) for size in social_cards.SIZES]
    leading = social_cards.LEADING[direction]
    font = social_cards._font(str(FONT), sizes[0])
    size, lines = social_cards._fit(
        headline, font, sizes, right - left, bottom - top, leading, text
    )
    font, leading = social_cards._font(str(FONT), size), size * leading
    white = social_cards.RULE + 1
    coverage = Image.new("L", (SIZE[0], SIZE[1] - BAND - white))
    y = top + (bottom - top - leading * len(lines)) / 2 + (leading + size * 0.75) / 2
    x, anchor = (right, "rs") if direction == "rtl" else (left, "ls")
    for line in lines:
        ImageDraw.Draw(coverage).text(
            (x, y - white), line, font=font, fill=255, anchor=anchor, **text
        )
        y += leading
    card = social_cards._background(site_name, lang, direction, str(FONT), colours).copy()
    steps = [round(value * (social_cards.STEPS - 1) / 255) for value in range(256)]
    card.paste(Image.frombytes("P", coverage.size, coverage.point(steps).tobytes()), (0, white))
    out = io.BytesIO()
    card.save(out, "PNG")
    return out.getvalue()


def pixels(png):
    image = Image.open(io.BytesIO(png))
    return image.format, image.mode, image.size, image.getpalette(), image.tobytes()


def test_cards_are_the_pixels_they_were_before_issue_21(headlines):
    """The frame drawn once per language, the rows encoded without Pillow and
    compressed faster give the pixels and palette the old way gave, card for
    card (the bytes differ: zlib's level and memory; docs/performance.md)."""
    colours = social_cards.theme_colours(THEME)
    for headline, lang in headlines:
        site_name, direction = SITE_NAMES[lang]
        card = social_cards.draw(headline, site_name, lang, direction, str(FONT), colours)
        assert pixels(card) == pixels(card_before_issue_21(headline, lang)), (lang, headline)
