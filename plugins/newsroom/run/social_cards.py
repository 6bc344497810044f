"""Social cards: a 1200×630 image with the headline, for stories without a
featured image, so that a shared link still shows a picture (Open Graph,
Twitter/X, messaging apps).

The card is drawn with Pillow from the theme's own font (`theme/cards/`, made
by `invoke fonts`: Noto Sans and Noto Naskh Arabic in one file), shaped by
raqm (HarfBuzz and FriBiDi), so Arabic letters join and lines run right to
left. Nothing depends on the fonts installed on the machine.

Its colours are the theme's design tokens, read from the stylesheet
(`--color-text`, `--color-accent`, `--color-background`: light scheme), so
cards and pages never drift apart.

A card depends only on its headline, language, site name, the font, the
colours and how it is drawn (CARDS_VERSION and the layout's numbers). Their
hash names it in a cache beside the output (NEWSROOM_CARD_CACHE, set by
build/caches.py), so a build draws only new cards.
"""

import functools
import hashlib
import re
import struct
import sys
import zlib
from io import BytesIO
from pathlib import Path
from typing import NamedTuple

from PIL import Image, ImageColor, ImageDraw, ImageFont

from ..model.files import link, write_atomic

WIDTH, HEIGHT = 1200, 630  # the size Open Graph consumers show best (1.91:1)
FONT = "cards/noto-card-bold.ttf"  # under THEME
URL = "{folder}/cards/{lang}/{slug}.{key}.png"  # the key in the name: a new card, a new URL

STYLESHEET = "static/css/newsroom.css"  # under THEME: the design tokens
# Text on the background, and the background's colour on the accent.
TOKENS = ("--color-text", "--color-background", "--color-accent")

MARGIN = 80  # left and right
BAND = 120  # the brand band at the bottom, with the site name
RULE = 12  # the accent rule at the top
WHITE = RULE + 1  # the first row below the rule (rectangles include their last row)
HEADLINE_BOX = (MARGIN, RULE + 48, WIDTH - MARGIN, HEIGHT - BAND - 48)
SIZES = range(76, 43, -4)  # headline sizes tried, largest first
# Naskh reads smaller than Latin faces at the same size (as in newsroom.css).
SCALE = {"ar": 1.125}
NAME_SIZES = range(36, 21, -2)  # the site name's
# Line heights in font sizes: Naskh needs room for its deep descenders.
LEADING = {"rtl": 1.55, "ltr": 1.22}
ELLIPSIS = "…"
STEPS = 32  # of each blend in the palette
# Part of every card's key, with the numbers above: a change to how cards
# look bumps it, so that cached cards are drawn again (the committed docs
# card, which tests/run/test_social_cards.py redraws, shows when). A change
# of encoding alone, with the same pixels, does not (_Frame.png).
CARDS_VERSION = "1"
LAYOUT = (WIDTH, HEIGHT, MARGIN, BAND, RULE, tuple(SIZES), SCALE, tuple(NAME_SIZES), LEADING, STEPS)


class Card(NamedTuple):
    url: str  # site-relative
    width: int
    height: int
    alt: str  # the headline, which is what the card shows


def add_cards(generator):
    """Signal article_generator_finalized: give every published story without a
    featured image a card (`article.social_card`) and write it to the output."""
    settings = generator.settings
    lang = settings["DEFAULT_LANG"]
    direction = settings["LANGUAGE"]["dir"]
    font_file = Path(settings["THEME"]) / FONT
    colours = theme_colours(settings["THEME"])
    renderer = _digest(CARDS_VERSION, repr(LAYOUT), font_file.read_bytes(), *colours)
    folder = settings["MADE_IMAGES_DIR"]  # with the renditions: cached for good
    cache = settings.get("NEWSROOM_CARD_CACHE")
    cache = Path(cache) / lang if cache else None
    drawn = reused = 0
    used = set()  # cache files; two stories may share a headline, and so a card
    # A kept run's regeneration (child.py) leaves the cards output/ has in place.
    left = generator.context.setdefault("left_in_place", set())
    previous = settings.get("NEWSROOM_CHANGED_ONLY") and settings["NEWSROOM_PREVIOUS_OUTPUT"]
    for article in generator.articles:
        if article.metadata.get("image"):
            continue  # the featured image stands for the story
        headline = article.title_text
        key = _digest(renderer, lang, settings["SITENAME"], headline)
        address = URL.format(folder=folder, lang=lang, slug=article.slug, key=key[:12])
        card = Card(address, WIDTH, HEIGHT, headline)
        cached = cache / f"{key}.png" if cache else None
        target = Path(generator.output_path) / card.url
        if cached and cached.is_file():
            reused += 1
        else:
            data = draw(headline, settings["SITENAME"], lang, direction, font_file, colours)
            drawn += 1
            write_atomic(cached or target, data)
        if cached:
            used.add(cached)
            if previous and (Path(previous) / card.url).is_file():  # its name is its content
                left.add(str(target))
            else:
                link(cached, target)  # as the renditions: no bytes copied
        article.social_card = card
    if cache and cache.is_dir():
        for stale in set(cache.glob("*.png")) - used:  # retitled or deleted stories
            stale.unlink()
    # The work done, for the log and for tests (a second build draws nothing).
    print(f"social cards [{lang}]: {drawn} drawn, {reused} from the cache", file=sys.stderr)


def theme_colours(theme):
    """The TOKENS' values in the theme's stylesheet: its first `:root` block,
    which holds the light scheme."""
    css = (Path(theme) / STYLESHEET).read_text(encoding="utf-8")
    root = re.search(r":root\s*\{([^}]*)\}", css)[1]
    found = dict(re.findall(r"(--[\w-]+)\s*:\s*([^;]+);", root))
    return tuple(found[token].strip() for token in TOKENS)


def draw(headline, site_name, lang, direction, font_file, colours):
    """The card as PNG bytes: the same arguments give the same bytes."""
    rtl = direction == "rtl"
    text = {"direction": direction, "language": lang}
    font = _font(str(font_file), SIZES[0])
    scale = SCALE.get(lang, 1)

    left, top, right, bottom = HEADLINE_BOX
    sizes = [round(size * scale) for size in SIZES]
    size, lines = _fit(headline, font, sizes, right - left, bottom - top, LEADING[direction], text)
    font = _font(str(font_file), size)
    leading = size * LEADING[direction]
    # The headline is drawn as coverage (0–255) on the white area between the
    # rule and the band, then mapped to the palette's ink-on-paper steps:
    # cheaper than drawing in colour and quantizing the whole card. The area
    # is one column wider than the card, its text one pixel to the right:
    # column 0 stays 0, which is each PNG row's filter byte (none), so the
    # mapped bytes are the rows as the PNG stores them.
    coverage = Image.new("L", (WIDTH + 1, HEIGHT - BAND - WHITE))
    canvas = ImageDraw.Draw(coverage)
    # Centre the lines in the box; the first baseline sits about one size down.
    y = top + (bottom - top - leading * len(lines)) / 2 + (leading + size * 0.75) / 2
    x, anchor = (right, "rs") if rtl else (left, "ls")
    for line in lines:
        canvas.text((x + 1, y - WHITE), line, font=font, fill=255, anchor=anchor, **text)
        y += leading
    frame = _frame(site_name, lang, direction, font_file, colours)
    return frame.png(frame.above + coverage.tobytes().translate(_INK_STEPS) + frame.below)


class _Frame(NamedTuple):
    """What every card of a language shares, as PNG rows (each a filter byte,
    then the pixels' palette indexes): the rows above the headline's area
    and below it (the band), and the PNG's chunks before its image data."""

    above: bytes
    below: bytes
    head: bytes  # signature, IHDR, PLTE: as Pillow writes them

    def png(self, rows):
        """The PNG of `rows`, laid out as Pillow writes it (IDAT chunks of
        64 KiB). zlib's level 3 with a small hash table (memory level 6)
        compresses in 40 % of the time of Pillow's level 6, for cards about
        a fifth larger; the pixels are the same, so the encoding is not part
        of a card's key, and cards cached at level 6 stay valid."""
        compressor = zlib.compressobj(3, zlib.DEFLATED, 15, 6)
        data = compressor.compress(rows) + compressor.flush()
        chunks = [self.head]
        for start in range(0, len(data), IDAT_SIZE):
            chunks.append(_chunk(b"IDAT", data[start : start + IDAT_SIZE]))
        chunks.append(_chunk(b"IEND", b""))
        return b"".join(chunks)


IDAT_SIZE = 65536  # Pillow's (ImageFile.MAXBLOCK)


def _chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


@functools.cache
def _frame(site_name, lang, direction, font_file, colours):
    """The _Frame of a language's cards, made once per run from the
    background that Pillow draws and encodes."""
    background = _background(site_name, lang, direction, font_file, colours)
    out = BytesIO()
    background.save(out, "PNG")  # no metadata, so no date in the bytes
    png = out.getvalue()
    pixels = background.tobytes()
    rows = [b"\0" + pixels[row * WIDTH : (row + 1) * WIDTH] for row in range(HEIGHT)]
    head = 8  # the signature, then chunks: length, type, data, CRC
    while png[head + 4 : head + 8] != b"IDAT":
        head += 12 + struct.unpack(">I", png[head : head + 4])[0]
    return _Frame(b"".join(rows[:WHITE]), b"".join(rows[HEIGHT - BAND :]), png[:head])


def _background(site_name, lang, direction, font_file, colours):
    """What every card of a language shows besides its headline: the page,
    the accent rule and the band with the site name, in the palette."""
    _, background, accent = colours
    image = Image.new("RGB", (WIDTH, HEIGHT), background)
    canvas = ImageDraw.Draw(image)
    canvas.rectangle((0, 0, WIDTH, RULE), fill=accent)
    canvas.rectangle((0, HEIGHT - BAND, WIDTH, HEIGHT), fill=accent)
    rtl = direction == "rtl"
    text = {"direction": direction, "language": lang}
    left, _, right, _ = HEADLINE_BOX
    scale = SCALE.get(lang, 1)
    # The site name: smaller if it is long (the Arabic one is), cut if it must be.
    for name_size in NAME_SIZES:
        name_font = _font(str(font_file), round(name_size * scale))
        if name_font.getlength(site_name, **text) <= right - left:
            break
    name = _fit_line(site_name, name_font, right - left, text)
    position, anchor = (right if rtl else left, HEIGHT - BAND / 2), "rm" if rtl else "lm"
    canvas.text(position, name, font=name_font, fill=background, anchor=anchor, **text)
    return image.quantize(palette=_palette(colours), dither=Image.Dither.NONE)


@functools.cache
def _font(font_file, size):
    return ImageFont.truetype(str(font_file), size, layout_engine=ImageFont.Layout.RAQM)


def _palette(colours, steps=STEPS):
    """The only colours a card has: the blends of text on the background and of
    the background on the accent (anti-aliasing). Fixed, so the same band looks the same on every
    card, and a PNG of under half the RGB size."""
    values = []
    text, background, accent = colours
    for ink, paper in ((text, background), (background, accent)):
        ink, paper = ImageColor.getrgb(ink), ImageColor.getrgb(paper)
        for step in range(steps):
            values += [
                round(p + (i - p) * step / (steps - 1)) for i, p in zip(ink, paper, strict=True)
            ]
    palette = Image.new("P", (1, 1))
    palette.putpalette(values)
    return palette


# Coverage of the headline's ink (0–255) -> its step on the ink-on-paper
# blend, which is the palette's first STEPS entries (paper first), as a
# table for bytes.translate.
_INK_STEPS = bytes(round(value * (STEPS - 1) / 255) for value in range(256))


def _fit(headline, font, sizes, width, height, leading, text):
    """(size, lines): the largest size at which the headline wraps into the box;
    at the smallest size, as many lines as fit, the last one cut with an ellipsis."""
    for size in sizes:
        sized = _font(font.path, size)
        lines = _wrap(headline, sized, width, text)
        if len(lines) * size * leading <= height:
            return size, lines
    # Too long even at the smallest size (the loop's last): cut it.
    most = max(1, int(height // (size * leading)))
    return size, [*lines[: most - 1], _shorten(" ".join(lines[most - 1 :]), sized, width, text)]


def _wrap(headline, font, width, text):
    """Greedy line breaking at spaces, measured on the shaped text."""
    lines = []
    for word in headline.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and font.getlength(candidate, **text) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    # A word wider than the box (a long URL, say) is cut.
    return [_fit_line(line, font, width, text) for line in lines]


def _fit_line(line, font, width, text):
    return line if font.getlength(line, **text) <= width else _shorten(line, font, width, text)


def _shorten(line, font, width, text):
    """The longest start of `line` that fits with an ellipsis after it: whole
    words when one fits, else letters."""
    words = line.split()
    while len(words) > 1 and font.getlength(" ".join(words) + ELLIPSIS, **text) > width:
        words.pop()
    start = " ".join(words)
    while start and font.getlength(start + ELLIPSIS, **text) > width:
        start = start[:-1]
    return start.rstrip() + ELLIPSIS


def _digest(*parts):
    """A hash of `parts` (bytes or text) that no other split of the same bytes shares."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(hashlib.sha256(part if isinstance(part, bytes) else part.encode()).digest())
    return digest.hexdigest()
