"""Colour contrast of every piece of text, in light and dark, in Debian's Chromium (issue 17).

axe-core's color-contrast rule leaves Arabic out: its test for icon fonts
(isIconLigature: a text whose first letter drawn alone differs from the same
letter drawn within the text is taken for an icon ligature) holds for every
Arabic word, whose letters join, and once three texts in a font family look
like icons axe skips every text in that family. So axe checked 2 elements on
/ar/ against 35 on /en/, and reported neither a pass nor a doubt for the rest.

This module measures WCAG 2.2's contrast (1.4.3, AA) itself, from what
Chromium computes. For every element with text of its own that is rendered
(not display: none, visibility: hidden or opacity 0, nor clipped to nothing
like .visually-hidden), and every text field: its colour against what is
painted under the middle of its text, the background colours (an SVG shape's
fill) of the elements a hit test finds there, composited down to the first
opaque one. Text covered by another element, or over an image or a background
image, cannot be resolved so: it fails, named. Links are checked unvisited and
visited (CDP reads :visited colours, which scripts never see), text shown only
on focus (the skip link) focused. Large text (18 pt, or 14 pt at weight 700
and more) needs 3:1, other text 4.5:1. Generated content (::before, ::after)
is not checked. The pages are those axe sees in tests/site/test_validators.py,
each at 375 px (the smallest type: the strictest thresholds) in both schemes.
"""

import pytest

from conftest import LANGS
from newsroom.tools.browser import open_page

ARTICLE = "/{lang}/news/2020/11/aicto-and-huawei-strengthen-their-cooperation/"
QUERY = {"ar": "هواوي", "en": "Huawei", "fr": "Huawei"}
SEARCH = "/{lang}/search/"
LANGUAGE_PAGES = {
    "home": "/{lang}/",
    "article": ARTICLE,
    "category": "/{lang}/news/",
    "partner": "/{lang}/partners/huawei/",
    "magazine": "/{lang}/magazine/",
    "issue": "/{lang}/magazine/issue-1/",
    "press": "/{lang}/press/",
    "search": SEARCH,
    "search-results": SEARCH,
    "not-found": "/{lang}/404.html",
}
PAGES = {
    "entry": "/",
    "not-found": "/404.html",
    **{
        f"{lang}-{name}": path.format(lang=lang)
        for lang in LANGS
        for name, path in LANGUAGE_PAGES.items()
    },
}
WIDTH = 375
SCHEMES = ("light", "dark")
# How many elements with text each page had when this was written, in each
# scheme: a check that stopped seeing text (axe saw 2 on /ar/) fails here.
# More text only raises the count; lower a floor only for content removed.
CHECKED = {
    "entry": 6,
    "not-found": 9,
    "ar-home": 35,
    "ar-article": 46,
    "ar-category": 21,
    "ar-partner": 34,
    "ar-magazine": 32,
    "ar-issue": 26,
    "ar-press": 30,
    "ar-search": 17,
    "ar-search-results": 47,
    "ar-not-found": 17,
    "en-home": 40,
    "en-article": 76,
    "en-category": 24,
    "en-partner": 45,
    "en-magazine": 33,
    "en-issue": 30,
    "en-press": 31,
    "en-search": 18,
    "en-search-results": 48,
    "en-not-found": 18,
    "fr-home": 35,
    "fr-article": 46,
    "fr-category": 21,
    "fr-partner": 34,
    "fr-magazine": 32,
    "fr-issue": 26,
    "fr-press": 30,
    "fr-search": 17,
    "fr-search-results": 46,
    "fr-not-found": 17,
}

# Every element with text of its own, and every text field (its value, else
# its placeholder): what it looks like and what is painted under it.
TEXTS = r"""() => {
    const parse = (value) => {
        const match = /^rgba?\(([^)]*)\)$/.exec(value.trim());
        if (!match) return null;
        const parts = match[1].split(/[\s,/]+/).filter(Boolean).map(Number);
        return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
    };
    const name = (el) => {
        const parts = [];
        for (let node = el; node && node !== document.body && parts.length < 3;
             node = node.parentElement) {
            const classes = typeof node.className === "string" ? node.className.trim() : "";
            const label = node.id ? `#${node.id}` : classes ? `.${classes.split(/\s+/)[0]}` : "";
            parts.unshift(node.localName + label);
        }
        return parts.join(" > ");
    };
    const sized = (box) => box.width > 0 && box.height > 0;
    const outside = (box) => box.right <= 0 || box.bottom <= 0
        || box.left >= innerWidth || box.top >= innerHeight;
    // Clipped to nothing, like .visually-hidden or Pagefind's legends: no text to see.
    const clippedAway = (el) => {
        for (let node = el; node; node = node.parentElement) {
            const style = getComputedStyle(node);
            const box = node.getBoundingClientRect();
            const clips = style.overflow !== "visible" || style.clipPath !== "none";
            if (clips && (box.width <= 1 || box.height <= 1)) return true;
            if (/^inset\(50%/.test(style.clipPath)) return true;
            const clip = /^rect\(([^)]*)\)$/.exec(style.clip);
            if (clip) {
                const [top, right, bottom, left] = clip[1].split(/[\s,]+/).map(parseFloat);
                if (right <= left || bottom <= top) return true;
            }
        }
        return false;
    };
    const opacity = (el) => {
        let product = 1;
        for (let node = el; node; node = node.parentElement) {
            product *= Number(getComputedStyle(node).opacity);
        }
        return product;
    };
    const PICTURES = ["img", "picture", "video", "canvas", "iframe", "object", "embed", "image"];
    // What is painted under the text at (x, y), top first, down to the first
    // opaque colour: the background colours (an SVG shape's fill) of the
    // hit-test stack, so that whatever lies under the text counts, ancestor or not.
    const background = (el, x, y) => {
        const stack = document.elementsFromPoint(x, y);
        const at = stack.indexOf(el);
        if (at < 0) return {unresolved: "not hit at its own text"};
        const above = stack.slice(0, at).find((node) => !el.contains(node));
        if (above) return {unresolved: `covered by ${name(above)}`};
        const layers = [];
        for (const node of stack.slice(at)) {
            const style = getComputedStyle(node);
            if (PICTURES.includes(node.localName) || style.backgroundImage !== "none") {
                return {unresolved: `over an image: ${name(node)}`};
            }
            const shape = node instanceof SVGGeometryElement;
            const paint = shape ? style.fill : style.backgroundColor;
            if (shape && paint === "none") continue;
            const colour = parse(paint);
            if (!colour) return {unresolved: `paint ${paint} of ${name(node)}`};
            colour[3] *= (shape ? Number(style.fillOpacity) : 1) * Number(style.opacity);
            if (colour[3] > 0) layers.push({colour, from: name(node)});
            if (colour[3] >= 1) return {layers, unresolved: null};
        }
        // Nothing opaque: Chromium's canvas for the scheme.
        const dark = matchMedia("(prefers-color-scheme: dark)").matches;
        layers.push({colour: dark ? [18, 18, 18, 1] : [255, 255, 255, 1], from: "canvas"});
        return {layers, unresolved: null};
    };

    for (const old of document.querySelectorAll("[data-contrast-probe]")) {
        old.removeAttribute("data-contrast-probe");
    }
    const found = [];
    const skipped = {};
    const skip = (why) => { skipped[why] = (skipped[why] || 0) + 1; };
    const candidates = new Set();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.nodeValue.trim() && node.parentElement) candidates.add(node.parentElement);
    }
    for (const field of document.body.querySelectorAll("input, textarea")) candidates.add(field);
    const NOT_TEXT = ["script", "style", "template", "noscript"];
    const NOT_TEXT_FIELDS = [
        "hidden", "checkbox", "radio", "range", "color", "image", "file", "submit", "reset",
        "button",
    ];
    for (const el of candidates) {
        if (NOT_TEXT.includes(el.localName) || NOT_TEXT_FIELDS.includes(el.type)) continue;
        const style = getComputedStyle(el);
        let text, paint, box;
        if (el.localName === "input" || el.localName === "textarea") {
            text = el.value || el.placeholder;
            paint = el.value ? style.color : getComputedStyle(el, "::placeholder").color;
            box = () => el.getBoundingClientRect();
        } else {
            const own = [...el.childNodes]
                .filter((child) => child.nodeType === Node.TEXT_NODE && child.nodeValue.trim());
            text = own.map((child) => child.nodeValue.trim()).join(" ");
            const range = document.createRange();
            range.selectNodeContents(own[0]);
            box = () => [...range.getClientRects()].find(sized) || range.getBoundingClientRect();
            paint = el instanceof SVGElement ? style.fill : style.color;
        }
        const visible = el.checkVisibility({opacityProperty: true, visibilityProperty: true});
        if (!text.trim()) { skip("empty field"); continue; }
        if (!visible) { skip("not rendered"); continue; }
        if (!sized(box())) { skip("no box"); continue; }
        if (clippedAway(el)) { skip("clipped away"); continue; }
        if (el.disabled) { skip("disabled"); continue; }
        const colour = parse(paint);
        if (colour && colour[3] === 0) { skip("transparent text"); continue; }
        const scale = el instanceof SVGElement ? el.getScreenCTM().a : 1;
        const record = {
            where: name(el),
            text: text.trim().slice(0, 40),
            colour,
            opacity: opacity(el),
            size: parseFloat(style.fontSize) * scale,
            weight: Number(style.fontWeight),
            layers: [],
            unresolved: colour ? null : `colour ${paint}`,
        };
        // Into view, and focused if only focus shows it (the skip link).
        el.scrollIntoView({block: "center", inline: "center"});
        if (outside(box()) && el.tabIndex >= 0) el.focus();
        const where = box();
        if (outside(where)) {
            record.unresolved = record.unresolved || "out of view";
        } else {
            const x = Math.min(Math.max(where.left + where.width / 2, 0), innerWidth - 1);
            const y = Math.min(Math.max(where.top + where.height / 2, 0), innerHeight - 1);
            const ground = background(el, x, y);
            record.layers = ground.layers || [];
            record.unresolved = record.unresolved || ground.unresolved;
        }
        if (document.activeElement === el) el.blur();
        // Scripts never see :visited colours: visited_colours reads them through CDP.
        if (el.closest("a[href]")) {
            record.probe = String(found.length);
            el.setAttribute("data-contrast-probe", record.probe);
        }
        found.push(record);
    }
    scrollTo(0, 0);
    return {found, skipped};
}"""


def luminance(rgb):
    """WCAG 2.2's relative luminance of an sRGB colour (0-255 channels)."""

    def linear(channel):
        channel /= 255
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in rgb[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def over(top, bottom):
    """`top` (r, g, b, alpha) composited over the opaque `bottom`."""
    alpha = top[3]
    return [top[i] * alpha + bottom[i] * (1 - alpha) for i in range(3)] + [1]


def contrast(first, second):
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def ground(layers):
    """The opaque colour a stack of background layers (top first) makes."""
    colour = layers[-1]["colour"]
    for layer in reversed(layers[:-1]):
        colour = over(layer["colour"], colour)
    return colour


def required(record):
    """WCAG's minimum: 3:1 for large text (18 pt, or 14 pt bold), else 4.5:1."""
    points = record["size"] * 3 / 4
    return 3 if points >= 18 or (points >= 14 and record["weight"] >= 700) else 4.5


def ratio(record, colour):
    """Contrast of text in `colour` (its opacity applied) with its background."""
    background = ground(record["layers"])
    text = [*colour[:3], colour[3] * record["opacity"]]
    return contrast(over(text, background), background)


def visited_colours(cdp):
    """{probe: colour} of the elements TEXTS tagged inside links, as if every
    link were visited: Chromium keeps :visited from scripts, not from CDP."""
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    document = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    links = cdp.send("DOM.querySelectorAll", {"nodeId": document, "selector": "a[href]"})
    for node in links["nodeIds"]:
        cdp.send("CSS.forcePseudoState", {"nodeId": node, "forcedPseudoClasses": ["visited"]})
    probes = cdp.send(
        "DOM.querySelectorAll", {"nodeId": document, "selector": "[data-contrast-probe]"}
    )
    colours = {}
    for node in probes["nodeIds"]:
        attributes = cdp.send("DOM.getAttributes", {"nodeId": node})["attributes"]
        probe = dict(zip(attributes[::2], attributes[1::2], strict=True))["data-contrast-probe"]
        style = cdp.send("CSS.getComputedStyleForNode", {"nodeId": node})["computedStyle"]
        value = next(item["value"] for item in style if item["name"] == "color")
        colours[probe] = parse_rgb(value)
    for node in links["nodeIds"]:
        cdp.send("CSS.forcePseudoState", {"nodeId": node, "forcedPseudoClasses": []})
    return colours


def parse_rgb(value):
    """(r, g, b, alpha) of a computed `rgb()`/`rgba()` colour."""
    inside = value.strip().removeprefix("rgba(").removeprefix("rgb(").removesuffix(")")
    parts = [float(part) for part in inside.replace("/", " ").replace(",", " ").split()]
    return [*parts[:3], parts[3] if len(parts) > 3 else 1.0]


def search_for(page, term):
    """Type `term` into Pagefind's box, wait for results, open every filter group."""
    field = page.locator(".pagefind-ui__search-input")
    field.wait_for()
    field.press_sequentially(term)
    page.locator(".pagefind-ui__result-link").first.wait_for()
    page.locator(".pagefind-ui__loading").first.wait_for(state="detached")
    page.locator("details.pagefind-ui__filter-block").first.wait_for(state="attached")
    page.locator("details.pagefind-ui__filter-block").evaluate_all(
        "(blocks) => blocks.forEach((block) => { block.open = true; })"
    )
    page.locator(".pagefind-ui__filter-checkbox").first.wait_for()


def check(page, cdp):
    """(elements checked, {reason: elements left out}, problems) in the current scheme."""
    result = page.evaluate(TEXTS)
    visited = visited_colours(cdp)
    problems = []
    for record in result["found"]:
        where = f"{record['where']} {record['text']!r}"
        if record["unresolved"]:
            problems.append(f"{where}: cannot tell its background ({record['unresolved']})")
            continue
        needs = required(record)
        states = [("", record["colour"])]
        if "probe" in record:
            states.append((" visited", visited[record["probe"]]))
        for state, colour in states:
            found_ratio = ratio(record, colour)
            if found_ratio < needs:
                problems.append(
                    f"{where}{state}: {found_ratio:.2f}:1, needs {needs}:1 "
                    f"({record['size']:.1f} px, weight {record['weight']}; text "
                    f"{colour[:3]}, background {ground(record['layers'])[:3]} "
                    f"from {record['layers'][-1]['from']})"
                )
    return len(result["found"]), result["skipped"], problems


def test_the_contrast_maths_matches_wcag():
    black, white, grey = [0, 0, 0, 1], [255, 255, 255, 1], [118, 118, 118, 1]
    assert contrast(black, white) == pytest.approx(21)
    assert contrast(white, white) == pytest.approx(1)
    assert contrast(grey, white) == pytest.approx(4.54, abs=0.01)  # #767676, the AA limit
    assert contrast([119, 119, 119, 1], white) < 4.5  # #777777 just misses it
    half_black = [0, 0, 0, 0.5]
    assert over(half_black, white)[:3] == [127.5, 127.5, 127.5]
    layers = [{"colour": half_black}, {"colour": white}]
    assert ground(layers)[:3] == [127.5, 127.5, 127.5]
    assert required({"size": 24, "weight": 400}) == 3  # 18 pt
    assert required({"size": 18.7, "weight": 700}) == 3  # 14 pt bold
    assert required({"size": 18.7, "weight": 600}) == 4.5
    assert required({"size": 23.9, "weight": 400}) == 4.5
    assert parse_rgb("rgba(1, 2, 3, 0.5)") == [1, 2, 3, 0.5]


@pytest.mark.parametrize("name", PAGES)
def test_every_text_has_enough_contrast(browser, base_url, name):
    path = PAGES[name]
    checked, skipped, problems = {}, {}, []
    with open_page(browser, base_url + path, WIDTH) as page:
        if name.endswith("search-results"):
            search_for(page, QUERY[name.split("-")[0]])
        cdp = page.context.new_cdp_session(page)
        for scheme in SCHEMES:
            page.emulate_media(color_scheme=scheme)
            checked[scheme], skipped[scheme], found = check(page, cdp)
            problems += [f"{scheme}: {problem}" for problem in found]
    # Both schemes see the same elements, and no fewer than the page has.
    assert checked["light"] == checked["dark"] >= CHECKED[name], (checked, skipped)
    assert not problems, f"{name} ({path}):\n  " + "\n  ".join(problems)
