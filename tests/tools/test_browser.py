"""The real site in Debian's Chromium: right-to-left layout, overflow, web font, screenshots.

One Chromium and one local server for the whole module (newsroom.browser).
"""

import itertools
import struct

import pytest

from newsroom.tools.browser import PAGES, WIDTHS, open_page, shoot

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def url(base_url, lang, page):
    return base_url + PAGES[page].format(lang=lang)


@pytest.mark.parametrize("width", WIDTHS)
def test_arabic_article_is_laid_out_right_to_left(browser, base_url, width):
    with open_page(browser, url(base_url, "ar", "article"), width) as page:
        assert page.evaluate("document.documentElement.dir") == "rtl"
        assert page.evaluate("getComputedStyle(document.querySelector('main')).direction") == "rtl"
        # The box of the name's text: on a narrow screen the link itself fills
        # the header's width, and its lines start on the right.
        left, right, viewport = page.evaluate(
            """() => {
                const text = document.createRange();
                text.selectNodeContents(document.querySelector('.site-header .site-name'));
                const box = text.getBoundingClientRect();
                return [box.left, box.right, window.innerWidth];
            }"""
        )
        assert viewport - right < left, f"the site name is not on the right: {left}-{right} px"


@pytest.mark.parametrize(
    ("lang", "name", "width"), list(itertools.product(("ar", "en"), PAGES, (320, *WIDTHS)))
)
def test_no_horizontal_overflow(browser, base_url, lang, name, width):
    with open_page(browser, url(base_url, lang, name), width) as page:
        scroll_width, inner_width = page.evaluate(
            "[document.documentElement.scrollWidth, window.innerWidth]"
        )
    assert scroll_width <= inner_width


def test_arabic_text_renders_in_the_self_hosted_font(browser, base_url):
    """Needs the theme's @font-face for theme/static/fonts/noto-naskh-arabic-*.woff2.
    The font is `font-display: optional`: a first visit may keep the fallback
    when the font misses its ~100 ms (a busy machine), so the page is loaded
    again, as a reader's next page would be, with the font in the cache."""
    with open_page(browser, url(base_url, "ar", "article"), 375) as page:  # fonts are ready
        page.reload()
        page.evaluate("document.fonts.ready.then(() => true)")
        loaded = page.evaluate(
            "[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)"
        )
        assert '"Noto Naskh Arabic Subset"' in loaded or "Noto Naskh Arabic Subset" in loaded
        # Debian's own Noto Naskh Arabic may be installed: only a loaded web
        # font (isCustomFont) shows the theme's file is the one in use.
        cdp = page.context.new_cdp_session(page)
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        document = cdp.send("DOM.getDocument")["root"]["nodeId"]
        title = cdp.send("DOM.querySelector", {"nodeId": document, "selector": "h1"})["nodeId"]
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": title})["fonts"]
    web_fonts = [f["familyName"] for f in fonts if f["isCustomFont"]]
    assert web_fonts == ["Noto Naskh Arabic"], f"is the theme's @font-face in? {fonts}"


def test_screenshots_are_full_pages_at_the_viewport_width(browser, base_url, tmp_path):
    paths = shoot(browser, base_url, tmp_path)
    expected = {
        f"{lang}-{page}-{width}-{scheme}.png"
        for lang in ("ar", "en")
        for page in ("home", "article", "listing")
        for width in (375, 1280)
        for scheme in ("light", "dark")
    }
    assert len(expected) == 24
    assert {path.name for path in paths} == expected
    assert {path.name for path in tmp_path.iterdir()} == expected
    for path in paths:
        header = path.read_bytes()[:24]
        assert header[:8] == PNG_SIGNATURE and header[12:16] == b"IHDR", path.name
        width, height = struct.unpack(">II", header[16:24])
        assert width == int(path.stem.split("-")[2]), path.name
        assert height > 0
