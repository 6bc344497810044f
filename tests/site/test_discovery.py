"""Discovery: feeds, sitemaps, robots.txt, head metadata and structured data."""

import json
import re
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import pytest
import xmlschema

from conftest import LANGS, SITEURL

SCHEMAS = Path(__file__).parents[1] / "schemas"
NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
ARTICLE = "/{lang}/news/2020/11/aicto-and-huawei-strengthen-their-cooperation/"


@pytest.fixture(scope="module")
def urlset_schema():
    # sitemap.xsd checks other namespaces strictly: load ours for xhtml:link and news:news.
    sources = [SCHEMAS / name for name in ("sitemap.xsd", "xhtml-link.xsd", "news.xsd")]
    return xmlschema.XMLSchema([str(source) for source in sources])


def feeds_of(site):
    """Every feed file of the built site, by type."""
    root = site.root
    return {
        "atom": sorted(root.glob("*/feeds/*.atom.xml"))
        + sorted(root.glob("*/partners/*/feed.atom.xml"))
        + sorted(root.glob("*/magazine/feed.atom.xml")),
        "rss": sorted(root.glob("*/feeds/*.rss.xml")),
        "json": sorted(root.glob("*/feed.json")),
    }


def test_every_feed_parses_cleanly_with_its_language_and_full_content(site):
    feeds = feeds_of(site)
    assert len(feeds["atom"]) >= 3 * 4 and len(feeds["rss"]) == 3
    for path in feeds["atom"] + feeds["rss"]:
        lang = path.relative_to(site.root).parts[0]
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.feed.title and parsed.feed.link == f"{SITEURL}/{lang}/"
        assert parsed.feed.get("language") == lang, path
        for entry in parsed.entries:
            assert entry.title and entry.link.startswith(SITEURL + "/")
            assert entry.id and (entry.get("published") or entry.get("updated"))
            html = entry.content[0].value if "content" in entry else entry.summary
            assert len(html) > 200, "full content, not a summary"
            # Links inside content are absolute: a feed reader has no page to resolve them.
            assert not re.search(r'(href|src)="/', html), path


def test_feeds_list_stories_newest_first_in_every_language(site):
    for lang in LANGS:
        parsed = feedparser.parse((site.root / lang / "feeds/all.atom.xml").read_bytes())
        links = [entry.link for entry in parsed.entries]
        assert SITEURL + ARTICLE.format(lang=lang) in links
        dates = [entry.published_parsed for entry in parsed.entries]
        assert dates == sorted(dates, reverse=True)


# The `stories` fixture's six stories, a day apart, newest first.
NEWEST_FIRST = ["foxtrot", "echo", "delta", "charlie", "bravo", "alpha"]


def feed_order(root, kind):
    """[(story slug, publication time)] in the order the `kind` feed lists them."""
    if kind == "json":
        items = json.loads((root / "en/feed.json").read_text(encoding="utf-8"))["items"]
        entries = [(item["url"], datetime.fromisoformat(item["date_published"])) for item in items]
    else:
        parsed = feedparser.parse((root / f"en/feeds/all.{kind}.xml").read_bytes())
        assert not parsed.bozo, parsed.get("bozo_exception")
        entries = [
            (entry.link, datetime(*entry.published_parsed[:6], tzinfo=UTC))
            for entry in parsed.entries
        ]
    return [(url.rstrip("/").rsplit("/", 1)[1], when) for url, when in entries]


@pytest.mark.parametrize("kind", ["atom", "rss", "json"])
def test_feeds_list_several_stories_newest_first(fixture_sites, kind):
    """The real feeds hold one story each: six show the order."""
    order = feed_order(fixture_sites("stories").root, kind)
    assert [slug for slug, _ in order] == NEWEST_FIRST
    times = [when for _, when in order]
    assert times == sorted(set(times), reverse=True), "each story older than the one before"


def test_category_partner_and_magazine_feeds_hold_their_entries(site):
    news = feedparser.parse((site.root / "en/feeds/news.atom.xml").read_bytes())
    partner = feedparser.parse((site.root / "en/partners/huawei/feed.atom.xml").read_bytes())
    magazine = feedparser.parse((site.root / "en/magazine/feed.atom.xml").read_bytes())
    assert [e.link for e in news.entries] == [SITEURL + ARTICLE.format(lang="en")]
    assert [e.link for e in partner.entries] == [SITEURL + ARTICLE.format(lang="en")]
    assert [e.link for e in magazine.entries] == [f"{SITEURL}/en/magazine/issue-1/"]
    # Each feed has its own id, not the site's.
    ids = {news.feed.id, partner.feed.id, magazine.feed.id}
    assert len(ids) == 3


def test_json_feeds_follow_json_feed_1_1(site):
    for lang in LANGS:
        feed = json.loads((site.root / lang / "feed.json").read_text(encoding="utf-8"))
        assert feed["version"] == "https://jsonfeed.org/version/1.1"
        assert feed["feed_url"] == f"{SITEURL}/{lang}/feed.json"
        assert feed["home_page_url"] == f"{SITEURL}/{lang}/"
        assert feed["language"] == lang and feed["title"] and feed["authors"]
        (item,) = feed["items"]
        assert item["id"] == item["url"] == SITEURL + ARTICLE.format(lang=lang)
        assert item["title"] and item["content_html"].startswith("<p>")
        assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$", item["date_published"])


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_links_its_feeds(site, lang):
    for page in sorted((site.root / lang).rglob("*.html")):
        soup = site.soup("/" + str(page.relative_to(site.root)))
        feeds = soup.select('head link[rel="alternate"][type]')
        types = {link["type"] for link in feeds}
        assert {"application/atom+xml", "application/rss+xml", "application/feed+json"} <= types
        for link in feeds:
            assert link["href"].startswith(SITEURL + "/") and site.exists(link["href"]), page


def test_sitemaps_are_valid_and_point_to_each_language(site, urlset_schema):
    index = xmlschema.XMLSchema(str(SCHEMAS / "siteindex.xsd"))
    index.validate(str(site.root / "sitemap.xml"))
    tree = ElementTree.parse(site.root / "sitemap.xml")
    locations = [loc.text for loc in tree.iterfind("sm:sitemap/sm:loc", NS)]
    assert locations == [f"{SITEURL}/{lang}/sitemap.xml" for lang in LANGS]
    for location in locations:
        urlset_schema.validate(str(site.file(location)))


def sitemap_urls(site):
    """{url: (lastmod, {hreflang: href})} over every language's sitemap."""
    urls = {}
    for lang in LANGS:
        tree = ElementTree.parse(site.root / lang / "sitemap.xml")
        for url in tree.iterfind("sm:url", NS):
            links = {
                link.get("hreflang"): link.get("href") for link in url.iterfind("xhtml:link", NS)
            }
            lastmod = url.findtext("sm:lastmod", namespaces=NS)
            urls[url.findtext("sm:loc", namespaces=NS)] = (lastmod, links)
    return urls


def test_sitemap_hreflang_sets_are_complete_and_reciprocal(site):
    urls = sitemap_urls(site)
    article = SITEURL + ARTICLE.format(lang="ar")
    lastmod, links = urls[article]
    assert lastmod == "2020-11-24T00:00:00+01:00"  # from the content, not the clock
    assert set(links) == {*LANGS, "x-default"}
    for url, (_, links) in urls.items():
        own = [lang for lang, href in links.items() if href == url and lang != "x-default"]
        assert own or url == SITEURL + "/", f"{url} does not list itself"
        assert "x-default" in links
        for lang, href in links.items():
            if lang != "x-default":
                assert href in urls, f"{url} names {href}, which no sitemap lists"
                assert urls[href][1] == links, f"{href} and {url} disagree"
        # Every URL in a sitemap is a page that was built.
        assert site.exists(url), url
    assert f"{SITEURL}/en/magazine/issue-1/" in urls  # magazine issues are listed too
    assert urls[f"{SITEURL}/en/magazine/issue-1/"][0] is None  # "Date: 2020" is no lastmod


def test_every_pages_hreflang_set_is_reciprocal(site):
    sets = {}
    for page in site.html_pages():
        soup = site.soup("/" + str(page.relative_to(site.root)))
        links = {
            link["hreflang"]: link["href"]
            for link in soup.select('head link[rel="alternate"][hreflang]')
        }
        canonical = soup.select_one('link[rel="canonical"]')
        if links:
            sets[canonical["href"]] = links
    assert len(sets) > 20
    for url, links in sets.items():
        assert "x-default" in links and url in links.values(), url
        for lang, href in links.items():
            if lang != "x-default" and href != url:
                assert sets.get(href) == links, f"{url} -> {href}"


def test_robots_txt_names_both_sitemaps(site):
    robots = (site.root / "robots.txt").read_text()
    assert f"Sitemap: {SITEURL}/sitemap.xml" in robots.splitlines()
    assert f"Sitemap: {SITEURL}/news-sitemap.xml" in robots.splitlines()


def test_news_sitemap_lists_the_last_two_days_only(fixture_sites, urlset_schema):
    site = fixture_sites("news-window", BUILD_DATE="2024-05-11T12:00:00+01:00")
    urlset_schema.validate(str(site.root / "news-sitemap.xml"))
    tree = ElementTree.parse(site.root / "news-sitemap.xml")
    news = {
        url.findtext("sm:loc", namespaces=NS): url.find("news:news", NS)
        for url in tree.iterfind("sm:url", NS)
    }
    assert set(news) == {
        f"{SITEURL}/en/news/2024/05/fresh/",
        f"{SITEURL}/fr/news/2024/05/fresh/",
    }  # not the old story, not the one dated after the build
    french = news[f"{SITEURL}/fr/news/2024/05/fresh/"]
    assert french.findtext("news:publication/news:language", namespaces=NS) == "fr"
    assert (
        french.findtext("news:publication/news:name", namespaces=NS) == "Salle de presse de l’AICTO"
    )
    assert french.findtext("news:title", namespaces=NS) == "Nouvelle fraîche"
    assert french.findtext("news:publication_date", namespaces=NS) == "2024-05-10T09:00:00+01:00"


def test_news_sitemap_is_empty_when_nothing_is_new(site):
    """The real content is from 2020: a well-formed urlset with no URL. (The
    sitemaps.org schema asks for at least one <url>; search engines accept
    an empty news sitemap, and this is what "no news" looks like.)"""
    tree = ElementTree.parse(site.root / "news-sitemap.xml")
    assert tree.getroot().tag == f"{{{NS['sm']}}}urlset"
    assert not list(tree.getroot())


def jsonld(soup):
    """{@type: data} of every JSON-LD block of a page; each must parse."""
    blocks = defaultdict(list)
    for script in soup.select('script[type="application/ld+json"]'):
        data = json.loads(script.string)
        assert data["@context"] == "https://schema.org"
        blocks[data["@type"]].append(data)
    return blocks


@pytest.mark.parametrize("lang", LANGS)
def test_story_pages_carry_news_article_and_breadcrumbs(site, lang):
    url = SITEURL + ARTICLE.format(lang=lang)
    blocks = jsonld(site.soup(ARTICLE.format(lang=lang)))
    (article,) = blocks["NewsArticle"]
    for field in ("headline", "description", "author", "publisher", "inLanguage"):
        assert article[field], field
    assert article["inLanguage"] == lang and article["mainEntityOfPage"]["@id"] == url
    assert article["datePublished"] == "2020-11-24T00:00:00+01:00"  # with its time zone
    assert article["dateModified"] == article["datePublished"]
    assert article["publisher"]["@type"] == "Organization" and article["publisher"]["name"]
    others = {SITEURL + ARTICLE.format(lang=other) for other in LANGS if other != lang}
    if lang == "en":  # the x-default version stands for the original
        assert {work["@id"] for work in article["workTranslation"]} == others
    else:
        assert article["translationOfWork"]["@id"] == SITEURL + ARTICLE.format(lang="en")
    (trail,) = blocks["BreadcrumbList"]
    items = [element["item"] for element in trail["itemListElement"]]
    assert items == [f"{SITEURL}/{lang}/", f"{SITEURL}/{lang}/news/", url]


def test_home_carries_the_organization_and_issues_a_publication_issue(site):
    (organization,) = jsonld(site.soup("/en/"))["Organization"]
    assert organization["name"] == "Arab ICT Organization"
    assert organization["alternateName"] == "AICTO"
    (issue,) = jsonld(site.soup("/fr/magazine/issue-1/"))["PublicationIssue"]
    assert issue["issueNumber"] == "1" and issue["datePublished"] == "2020"
    assert issue["isPartOf"]["@type"] == "Periodical"
    assert [c["url"] for c in issue["contributor"]] == [f"{SITEURL}/fr/partners/huawei/"]


@pytest.mark.parametrize("lang", LANGS)
def test_head_metadata_for_sharing(site, lang):
    soup = site.soup(ARTICLE.format(lang=lang))

    def meta(name):
        node = soup.select_one(f'meta[property="{name}"], meta[name="{name}"]')
        return node and node["content"]

    assert meta("og:type") == "article" and meta("og:url") == SITEURL + ARTICLE.format(lang=lang)
    assert meta("og:title") and meta("og:description") and meta("og:site_name")
    locales = {"ar": "ar_AR", "en": "en_US", "fr": "fr_FR"}
    assert meta("og:locale") == locales[lang]
    alternates = {n["content"] for n in soup.select('meta[property="og:locale:alternate"]')}
    assert alternates == {locales[other] for other in LANGS if other != lang}
    # No featured image: the generated card (tests/run/test_social_cards.py) is shared.
    assert meta("twitter:card") == "summary_large_image"
    assert meta("description")


def test_search_drafts_and_404_pages_are_noindex(site):
    for url in ("/en/search/", "/ar/404.html"):
        robots = site.soup(url).select_one('meta[name="robots"]')
        assert robots and robots["content"] == "noindex", url
    assert not site.soup(ARTICLE.format(lang="en")).select_one('meta[name="robots"]')
