"""A hostile value in every field of every kind of content is rendered inert.

The fixture is written here: a story (in English and Arabic), an event, a
page, a partner, a magazine issue, a media contact, a press-kit item, a
newsletter edition and a redirects file, each with
HOSTILE in every field that takes free text, a hostile address in every
field that takes a web address, and old addresses with markup in them. The
build must succeed, and every output format must show the value as text,
never as markup: every HTML page (elements, attributes, URLs, JSON-LD), the
Atom, RSS and JSON feeds, the sitemaps, `_headers`, `_redirects`, the
events' calendars, and the search index as Pagefind's own interface shows
it in Chromium.
Fields that take a closed set of values refuse such a value instead
(tests/build/test_security.py, tests/model/).
"""

import gzip
import json
import re
import xml.etree.ElementTree as ET

import feedparser
import icalendar
import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import Site, build_site
from newsroom.tools.browser import open_page, read_headers, serve

HOSTILE = "\"'><script>alert(1)</script><img src=x onerror=alert(2)>{{7*7}}&amp;"
# Markdown fields (Summary) and bodies hold the same as text: markup in them is
# refused, and entities are how Markdown writes < and > as text.
HOSTILE_MARKDOWN = HOSTILE.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
HOSTILE_URL = 'https://example.org/?q="><script>alert(3)</script>'
SHOWN = "<script>alert(1)</script>"  # what readers must see as text
OURS = re.compile(r"^/(theme/js|pagefind)/")  # where our scripts are


def write(content, relative, text):
    path = content / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_fixture(content):
    (content / "images").mkdir(parents=True)
    Image.new("RGB", (800, 600), (0, 107, 94)).save(content / "images/photo.png")
    (content / "press/kit").mkdir(parents=True)
    Image.new("RGB", (1600, 1200), (40, 40, 40)).save(content / "press/kit/photo.png")
    for lang in ("en", "ar"):
        write(
            content,
            f"articles/2024/hostile.{lang}.md",
            f"Title: {HOSTILE}\nDate: 2024-05-10 09:00\nCategory: news\n"
            f"Tags: {HOSTILE}\nAuthor: {HOSTILE}\nSummary: {HOSTILE_MARKDOWN}\n"
            f"Image: images/photo.png\nImage_alt: {HOSTILE}\nImage_caption: {HOSTILE}\n"
            f"Partners: hostile-partner\nMagazine: 1\n"
            + (
                'Old_URLs: /old/"><script>alert(5)</script>/\n    /?p="><b>1</b>\n'
                if lang == "en"
                else ""
            )
            + f"\n{HOSTILE_MARKDOWN}\n\n"
            + f"See [the page]({{filename}}/pages/hostile-page.{lang}.md).\n",
        )
    write(
        content,
        "articles/2024/hostile-event.en.md",
        f"Title: {HOSTILE}\nDate: 2024-05-08\nCategory: events\nSummary: {HOSTILE_MARKDOWN}\n"
        f"Start: 2024-06-01 10:00\nTimezone: Africa/Cairo\nLocation: {HOSTILE}\n"
        f"Online: {HOSTILE_URL}\nRegistration: {HOSTILE_URL}\n\n{HOSTILE_MARKDOWN}\n",
    )
    write(
        content,
        "newsletter/1.en.md",
        f"Edition: 1\nDate: 2024-05-10\nSubject: {HOSTILE}\nStories: hostile, plain\n"
        f"\n{HOSTILE_MARKDOWN}\n",
    )
    write(
        content,
        "redirects/old-lists.en.md",
        f"Title: {HOSTILE}\nRedirects: /category/news/ -> category news\n\n{HOSTILE_MARKDOWN}\n",
    )
    write(
        content,
        "articles/2024/plain.en.md",
        "Title: Plain\nDate: 2024-05-09\nCategory: news\n\nText.\n",
    )
    write(
        content,
        "pages/hostile-page.en.md",
        f"Title: {HOSTILE}\nSummary: {HOSTILE_MARKDOWN}\nImage: images/photo.png\n"
        f"Image_alt: {HOSTILE}\n\n{HOSTILE_MARKDOWN}\n",
    )
    write(content, "pages/hostile-page.ar.md", f"Title: {HOSTILE}\n\n{HOSTILE_MARKDOWN}\n")
    write(
        content,
        "partners/hostile-partner.en.md",
        f"Name: {HOSTILE}\nKind: industry\nLogo: images/photo.png\nWebsite: {HOSTILE_URL}\n"
        f"Country: {HOSTILE}\nSince: 2020\nSummary: {HOSTILE_MARKDOWN}\n\n{HOSTILE_MARKDOWN}\n",
    )
    write(
        content,
        "magazine/issue-1.en.md",
        f"Issue: 1\nDate: 2024-05\nTitle: {HOSTILE}\nCover: images/photo.png\n"
        f"Pdf: https://example.org/issue.pdf?{HOSTILE_URL}\nContributors: hostile-partner\n"
        f"Summary: {HOSTILE_MARKDOWN}\n\n{HOSTILE_MARKDOWN}\n",
    )
    write(
        content,
        "press/contacts/hostile-contact.en.md",
        f"Name: {HOSTILE}\nRole: {HOSTILE}\nEmail: press@example.org\nPhone: +216 71 000 000\n"
        f"\n{HOSTILE_MARKDOWN}\n",
    )
    write(
        content,
        "press/kit/photo.en.md",
        f"Title: {HOSTILE}\nFile: press/kit/photo.png\nKind: photo\nAlt: {HOSTILE}\n"
        f"Licence: {HOSTILE}\nLicence_url: {HOSTILE_URL}\nCredit: {HOSTILE}\n"
        f"\n{HOSTILE_MARKDOWN}\n",
    )
    return content


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    content = write_fixture(root / "content")
    # The news sitemap lists the story: it is a day old at this build date.
    return Site(build_site(root / "output", content, BUILD_DATE="2024-05-11T09:00:00+01:00"))


def pages(site):
    return [(path, BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser"))
            for path in site.html_pages()
            if "pagefind" not in path.parts]  # fmt: skip


def test_every_page_shows_the_value_as_text_and_runs_nothing_of_it(hostile):
    checked = pages(hostile)
    assert len(checked) > 30
    shown_in = 0
    for path, soup in checked:
        where = path.relative_to(hostile.root)
        for script in soup.find_all("script"):
            assert (script.get("type") == "application/ld+json") or OURS.match(
                script.get("src", "")
            ), f"{where}: {script}"
        for element in soup.find_all(True):
            handlers = [name for name in element.attrs if name.lower().startswith("on")]
            assert not handlers, f"{where}: <{element.name} {handlers}>"
            for name in ("href", "src", "action", "formaction", "poster", "data"):
                value = element.get(name, "")
                assert not value.strip().lower().startswith(("javascript:", "data:text")), where
        assert not soup.select('img[src="x"]'), where
        assert not soup.select("base, form[action^=http], iframe, object, embed"), where
        for refresh in soup.select('meta[http-equiv="refresh"]'):
            assert refresh["content"].startswith("0; url=/en/"), f"{where}: {refresh}"
        shown_in += SHOWN in soup.get_text()
    assert shown_in > 10, "the value is shown, as text, on the pages that show the fields"


def test_the_value_is_text_in_titles_attributes_and_json_ld(hostile):
    soup = hostile.soup("/en/news/2024/05/hostile/")
    assert SHOWN in soup.h1.get_text() and SHOWN in soup.title.get_text()
    assert SHOWN in soup.select_one('meta[property="og:title"]')["content"]
    assert SHOWN in soup.select_one('meta[name="description"]')["content"]
    assert SHOWN in soup.select_one("article img")["alt"]
    blocks = [json.loads(node.string) for node in soup.select('script[type="application/ld+json"]')]
    article = next(block for block in blocks if block["@type"] == "NewsArticle")
    assert SHOWN in article["headline"] and SHOWN in article["author"][0]["name"]
    partner = hostile.soup("/en/partners/hostile-partner/")
    assert partner.find("a", href=HOSTILE_URL) is not None  # the address, escaped
    kit = hostile.soup("/en/press/")
    assert kit.find("a", href=HOSTILE_URL) is not None
    assert SHOWN in kit.get_text()


FEEDS = [
    "/en/feeds/all.atom.xml",
    "/en/feeds/all.rss.xml",
    "/en/partners/hostile-partner/feed.atom.xml",
    "/en/magazine/feed.atom.xml",
    "/ar/feeds/all.atom.xml",
]


@pytest.mark.parametrize("feed", FEEDS)
def test_feeds_carry_the_value_as_text(hostile, feed):
    raw = hostile.file(feed).read_text(encoding="utf-8")
    ET.fromstring(raw)  # well-formed XML
    parsed = feedparser.parse(raw)
    assert not parsed.bozo, parsed.bozo_exception
    titles = [entry.title for entry in parsed.entries]
    assert any(SHOWN in title for title in titles), titles
    for entry in parsed.entries:
        for content in entry.get("content", []) + [{"value": entry.get("summary", "")}]:
            html = BeautifulSoup(content["value"], "html.parser")
            assert not html.find_all(["script", "iframe", "form"]), feed
            assert not html.select('img[src="x"]'), feed


def test_the_json_feed_carries_the_value_as_text(hostile):
    feed = json.loads(hostile.file("/en/feed.json").read_text(encoding="utf-8"))
    story = next(item for item in feed["items"] if item["url"].endswith("/hostile/"))
    assert SHOWN in story["title"] and SHOWN in story["summary"]
    assert SHOWN in story["authors"][0]["name"]
    html = BeautifulSoup(story["content_html"], "html.parser")
    assert not html.find_all("script") and not html.select('img[src="x"]')
    assert SHOWN in html.get_text()


def test_sitemaps_headers_and_redirects_stay_what_they_are(hostile):
    for name in ("/sitemap.xml", "/en/sitemap.xml", "/news-sitemap.xml"):
        ET.fromstring(hostile.file(name).read_bytes())
    news = ET.fromstring(hostile.file("/news-sitemap.xml").read_bytes())
    titles = [
        node.text for node in news.iter("{http://www.google.com/schemas/sitemap-news/0.9}title")
    ]
    assert any(SHOWN in title for title in titles), titles
    headers = read_headers(hostile.root / "_headers")
    assert set(headers) == {
        "Content-Security-Policy", "Referrer-Policy", "X-Content-Type-Options",
        "Strict-Transport-Security", "Permissions-Policy",
    }  # fmt: skip
    rules = (hostile.root / "_redirects").read_text(encoding="utf-8").splitlines()
    assert len(rules) == 3  # two Old_URLs and the redirects file's line
    assert all(
        len(rule.split(" ")) in (3, 4) and "<" not in rule and '"' not in rule for rule in rules
    )
    page = hostile.soup('/old/"><script>alert(5)</script>/')
    assert not page.find_all("script") and page.title.get_text() == HOSTILE  # as typed


def fragments(site):
    """Pagefind's page records: gzip, a marker, then JSON."""
    for path in sorted((site.root / "pagefind/fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        yield json.loads(data[data.index(b"{") :])


def test_the_calendars_carry_the_value_as_text(hostile):
    for path in ("en/events/calendar.ics", "en/events/hostile-event.ics"):
        calendar = icalendar.Calendar.from_ical((hostile.root / path).read_bytes())
        [event] = calendar.walk("VEVENT")
        assert SHOWN in str(event["SUMMARY"])  # the title as pages show it, typeset
        assert str(event["LOCATION"]) == HOSTILE
        assert HOSTILE_URL in str(event["DESCRIPTION"])


def test_the_search_index_holds_text(hostile):
    records = list(fragments(hostile))
    assert len(records) >= 6
    assert any(SHOWN in record["meta"]["title"] for record in records)
    assert any("alert(1)" in record["content"] for record in records)


def test_search_results_show_the_value_as_text(hostile, browser):
    headers = read_headers(hostile.root / "_headers")
    with (
        serve(hostile.root, headers=headers) as base,
        open_page(browser, f"{base}/en/search/?q=alert", 1280) as page,
    ):
        page.locator(".pagefind-ui__result-link").first.wait_for()
        results = page.locator(".pagefind-ui__results")
        assert SHOWN in results.inner_text()
        assert page.locator(".pagefind-ui__results script").count() == 0
        assert page.locator('.pagefind-ui__results img[src="x"]').count() == 0
