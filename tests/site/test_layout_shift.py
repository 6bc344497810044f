"""No layout shift while a page loads, on a slow network, in Debian's Chromium (issue 17).

The Arabic web font is what could move text: `font-display: optional` and its
preload (newsroom.css, base.html) keep it from reflowing a page once shown.
Each page is loaded in a fresh context, cache disabled, under network
conditions emulated through the Chrome DevTools Protocol; a buffered
PerformanceObserver collects every `layout-shift` entry from the first paint
until the fonts are settled. On the first profile the preloaded font mostly
comes in time for the first paint; on the second it never does and the page
keeps its fallback font: both paths must keep the text still. (With
`font-display: swap` both moved it; so did `optional` under the family name
of the installed Noto Naskh Arabic, on the second.)
"""

import pytest

ARTICLE = "/{lang}/news/2020/11/aicto-and-huawei-strengthen-their-cooperation/"
PAGES = {
    "ar-home": "/ar/",
    "ar-article": ARTICLE.format(lang="ar"),
    "en-home": "/en/",
    "en-article": ARTICLE.format(lang="en"),
    "entry": "/",  # every language at once, the Arabic block in the Arabic font
}
# Chrome DevTools Protocol's Network.emulateNetworkConditions: latency in ms,
# throughputs in bytes per second.
NETWORKS = {
    # Lighthouse's mobile profile ("slow 4G"): a preloaded font comes in time.
    "slow-4g": {
        "latency": 150,
        "downloadThroughput": 1_600_000 / 8,
        "uploadThroughput": 750_000 / 8,
    },
    # A slow 3G line: the font misses its window and the page stays in the fallback.
    "slow-3g": {"latency": 400, "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8},
}
WIDTH, HEIGHT = 375, 2400  # a phone, several screens tall: shifts are only reported in view
ARABIC_FONTS = ("noto-naskh-arabic-400.", "noto-naskh-arabic-700.")

# Every layout shift since the page started (buffered), once the fonts have
# settled and two more frames have been painted, so that a reflow caused by a
# font that has just arrived is in the list.
MEASURE = r"""async () => {
    const shifts = [];
    const describe = (node) => {
        if (!node) return "?";
        const classes = typeof node.className === "string" ? node.className.trim() : "";
        return node.nodeName.toLowerCase() + (classes ? `.${classes.replace(/\s+/g, ".")}` : "");
    };
    const record = (entry) => shifts.push({
        value: entry.value,
        time: Math.round(entry.startTime),
        sources: entry.sources.map((source) => describe(source.node)),
    });
    const observer = new PerformanceObserver((list) => list.getEntries().forEach(record));
    observer.observe({type: "layout-shift", buffered: true});
    const painted = await Promise.race([
        new Promise((resolve) => new PerformanceObserver((list, paints) => {
            if (list.getEntriesByName("first-contentful-paint").length) {
                paints.disconnect();
                resolve(true);
            }
        }).observe({type: "paint", buffered: true})),
        new Promise((resolve) => setTimeout(() => resolve(false), 10000)),
    ]);
    await document.fonts.ready;
    for (let frame = 0; frame < 2; frame++) {
        await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
    observer.takeRecords().forEach(record);
    observer.disconnect();
    const navigation = performance.getEntriesByType("navigation")[0];
    return {
        supported: PerformanceObserver.supportedEntryTypes.includes("layout-shift"),
        shifts,
        pageLoaded: navigation.responseEnd,
        painted,
        fonts: performance.getEntriesByType("resource")
            .map((entry) => entry.name)
            .filter((name) => name.endsWith(".woff2")),
    };
}"""


def load(browser, url, network):
    """Load `url` cold under `network`; return what MEASURE reports."""
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send("Network.emulateNetworkConditions", {"offline": False, **network})
        response = page.goto(url, wait_until="load")
        assert response.ok, f"{url}: HTTP {response.status}"
        return page.evaluate(MEASURE)
    finally:
        context.close()


@pytest.mark.parametrize("network", NETWORKS)
@pytest.mark.parametrize("name", PAGES)
def test_no_layout_shift_on_a_slow_network(browser, base_url, name, network):
    path = PAGES[name]
    found = load(browser, base_url + path, NETWORKS[network])
    assert found["supported"]
    # The emulation was on (the page took at least the latency to come) and the page painted.
    assert found["pageLoaded"] >= NETWORKS[network]["latency"], found["pageLoaded"]
    assert found["painted"]
    if path.startswith("/ar/"):
        # The Arabic web font was fetched: what could move the text was there.
        assert all(any(f in url for url in found["fonts"]) for f in ARABIC_FONTS), found["fonts"]
    assert not found["shifts"], f"{name} ({path}) on {network}: " + "; ".join(
        f"{shift['value']:.4f} at {shift['time']} ms ({', '.join(shift['sources'])})"
        for shift in found["shifts"]
    )


def test_arabic_pages_preload_the_hashed_web_fonts(site):
    """The preload names the very files the stylesheet asks for, else the
    browser would download each font twice (and the preload buys nothing)."""
    stylesheet = site.soup("/ar/").select_one('link[rel="stylesheet"]')["href"]
    css = site.file(stylesheet).read_text(encoding="utf-8")
    for path in ("/ar/", ARTICLE.format(lang="ar")):
        preloads = site.soup(path).select('link[rel="preload"][as="font"]')
        assert len(preloads) == len(ARABIC_FONTS), path
        for link in preloads:
            assert link["type"] == "font/woff2" and link.has_attr("crossorigin"), link
            assert site.exists(link["href"]), link["href"]
            assert link["href"].rsplit("/", 1)[1] in css, link["href"]
    for path in ("/en/", ARTICLE.format(lang="en"), "/fr/"):
        assert not site.soup(path).select('link[rel="preload"]'), path
