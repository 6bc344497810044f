"""The real content/ builds into the URL layout, in three languages."""

import json
import re

import pytest

from conftest import LANGS, ROOT, SITEURL

SLUG = "aicto-and-huawei-strengthen-their-cooperation"
ARTICLE = "/{lang}/news/2020/11/" + SLUG + "/"
DIRECTION = {"ar": "rtl", "en": "ltr", "fr": "ltr"}


@pytest.mark.parametrize("lang", LANGS)
def test_contract_urls_exist_in_every_language(site, lang):
    for url in (
        f"/{lang}/",
        ARTICLE.format(lang=lang),
        f"/{lang}/news/",
        f"/{lang}/archives/",
        f"/{lang}/tags/",
        f"/{lang}/about/",
        f"/{lang}/feeds/all.atom.xml",
        f"/{lang}/feeds/all.rss.xml",
    ):
        assert site.exists(url), url


def test_site_wide_pages_exist(site):
    assert site.exists("/")
    assert site.exists("/404.html")


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_of_a_language_has_its_lang_and_dir(site, lang):
    pages = sorted((site.root / lang).rglob("*.html"))
    assert len(pages) >= 6
    for page in pages:
        html = site.soup("/" + str(page.relative_to(site.root))).html
        assert (html["lang"], html["dir"]) == (lang, DIRECTION[lang]), page


@pytest.mark.parametrize("lang", LANGS)
def test_article_links_to_its_translations_both_ways(site, lang):
    soup = site.soup(ARTICLE.format(lang=lang))
    hreflang = {
        link["hreflang"]: link["href"]
        for link in soup.select('head link[rel="alternate"][hreflang]')
    }
    expected = {other: SITEURL + ARTICLE.format(lang=other) for other in LANGS}
    assert hreflang == {**expected, "x-default": expected["en"]}
    # The visible switcher and the "also in" list link the other two.
    switcher = {a["hreflang"]: a["href"] for a in soup.select(".language-switcher a")}
    assert switcher == {other: ARTICLE.format(lang=other) for other in LANGS}
    also_in = {a["hreflang"] for a in soup.select(".also-in a")}
    assert also_in == set(LANGS) - {lang}
    canonical = soup.select_one('link[rel="canonical"]')["href"]
    assert canonical == SITEURL + ARTICLE.format(lang=lang)


def test_english_body_is_the_press_release(site):
    seed = (ROOT / "tests/data" / f"{SLUG}.en.txt").read_text(encoding="utf-8")
    title, *paragraphs = [line.strip() for line in seed.splitlines() if line.strip()]
    soup = site.soup(ARTICLE.format(lang="en"))

    def text(node):
        return " ".join(node.get_text().split())  # typogrify's no-break spaces too

    assert text(soup.h1) == title.rstrip(".")
    assert [text(p) for p in soup.select(".story__body p")] == paragraphs


def test_translations_keep_the_press_release_structure(site):
    english = site.soup(ARTICLE.format(lang="en")).select(".story__body p")
    for lang in ("ar", "fr"):
        translated = site.soup(ARTICLE.format(lang=lang)).select(".story__body p")
        assert len(translated) == len(english), lang
    arabic = site.soup(ARTICLE.format(lang="ar")).get_text()
    assert "هواوي" in arabic
    assert not re.search("[٠-٩]", arabic), "Arabic pages use Latin digits"


def test_dates_are_localized_in_time_elements(site):
    shown = {}
    for lang in LANGS:
        time = site.soup(ARTICLE.format(lang=lang)).select_one(".story__meta time")
        assert time["datetime"].startswith("2020-11-24T00:00:00")
        shown[lang] = time.get_text()
    assert shown == {"ar": "24 نوفمبر 2020", "en": "November 24, 2020", "fr": "24 novembre 2020"}


def test_entry_page_links_every_home_without_javascript(site):
    soup = site.soup("/")
    assert not soup.find("script")
    links = {a["hreflang"]: a["href"] for a in soup.select("main a[hreflang]")}
    assert links == {lang: f"/{lang}/" for lang in LANGS}
    for section in soup.select("main section"):
        assert section["lang"] in LANGS
        assert section["dir"] == DIRECTION[section["lang"]]
    hreflang = {link["hreflang"] for link in soup.select('link[rel="alternate"][hreflang]')}
    assert hreflang == {*LANGS, "x-default"}
    assert soup.html["lang"] and soup.title.get_text().strip()


@pytest.mark.parametrize("lang", LANGS)
def test_homes_point_x_default_at_the_entry_page(site, lang):
    soup = site.soup(f"/{lang}/")
    x_default = soup.select_one('link[hreflang="x-default"]')["href"]
    assert x_default == SITEURL + "/"
    assert soup.select_one(".cards a")["href"] == ARTICLE.format(lang=lang)


def urls_in_page(soup):
    """Every URL a page names: href, src, each srcset candidate, content of og:url/og:image."""
    for node in soup.select("[href], [src]"):
        yield node.get("href") or node.get("src")
    for node in soup.select("[srcset]"):
        yield from (candidate.split()[0] for candidate in node["srcset"].split(","))
    for node in soup.select('meta[property="og:url"], meta[property="og:image"]'):
        yield node["content"]


def urls_in_feeds(root):
    """Links of feed entries and the links inside their content."""
    for path in sorted(root.glob("*/**/*.xml")):
        if "sitemap" in path.name:
            continue
        text = path.read_text(encoding="utf-8")
        yield from re.findall(r'<link href="([^"]+)"', text)
        yield from re.findall(r"(?:href|src)=&quot;([^&]+)&quot;", text)
    for path in sorted(root.glob("*/feed.json")):
        for item in json.loads(path.read_text(encoding="utf-8"))["items"]:
            yield item["url"]
            yield from re.findall(r'(?:href|src)="([^"]+)"', item["content_html"])


def test_every_internal_link_resolves(site):
    """Every URL into the site, in pages and feeds, names a built file."""
    broken = []
    for page in site.html_pages():
        soup = site.soup("/" + str(page.relative_to(site.root)))
        for url in urls_in_page(soup):
            if url.startswith(("#", "mailto:")):
                continue
            internal = url.startswith("/") or url.startswith(SITEURL)
            if internal and not site.exists(url.split("#")[0].split("?")[0]):
                broken.append(f"{page.relative_to(site.root)}: {url}")
    feed_urls = list(urls_in_feeds(site.root))
    assert len(feed_urls) > 20
    broken += [f"feed: {url}" for url in feed_urls if not url.startswith(SITEURL)]
    broken += [f"feed: {url}" for url in feed_urls if not site.exists(url.split("#")[0])]
    assert not broken


def test_nothing_is_requested_from_another_origin(site):
    for page in site.html_pages():
        soup = site.soup("/" + str(page.relative_to(site.root)))
        for node in soup.select("script[src], img[src], iframe[src], link[rel=stylesheet]"):
            url = node.get("src") or node.get("href")
            assert url.startswith("/") and not url.startswith("//"), (page, url)


def test_arabic_tags_keep_their_letters_in_urls(site):
    soup = site.soup(ARTICLE.format(lang="ar"))
    tags = [a["href"] for a in soup.select(".tags a")]
    assert "/ar/tags/هواوي/" in tags
    assert all(site.exists(url) for url in tags)
