"""The theme: home, story pages, listings, localization and page weight."""

import re
from urllib.parse import urlsplit

import pytest
from babel.messages.pofile import read_po

from conftest import LANGS, THEME, text

ARTICLE = "/{lang}/news/2020/11/aicto-and-huawei-strengthen-their-cooperation/"
BUDGET = 60 * 1024  # an article page's HTML, CSS and JS, uncompressed


def catalog(lang):
    with open(THEME / f"translations/{lang}/LC_MESSAGES/messages.po", "rb") as f:
        return read_po(f, locale=lang)


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_every_ui_string_is_translated(lang):
    for message in catalog(lang):
        if not message.id:
            continue
        strings = message.string if message.pluralizable else (message.string,)
        assert all(strings) and not message.fuzzy, message.id
        source = " ".join(message.id) if message.pluralizable else message.id
        for string in strings:
            # Placeholders survive translation (a plural form may drop the number).
            assert set(re.findall(r"%\((\w+)\)s", string)) <= set(
                re.findall(r"%\((\w+)\)s", source)
            ), (message.id, string)


def test_no_english_ui_string_is_left_on_arabic_pages(site):
    english = [
        message.id
        for message in catalog("ar")
        if message.id and not message.pluralizable and "%(" not in message.id
    ]
    english.remove("Email")  # also a word inside mailto: links, never shown as text
    pages = sorted((site.root / "ar").rglob("*.html"))
    assert pages
    for page in pages:
        shown = text(site.soup("/" + str(page.relative_to(site.root))).body)
        left = [message for message in english if message in shown]
        assert not left, (page, left)


def test_article_page_has_the_story_furniture(site):
    soup = site.soup(ARTICLE.format(lang="en"))
    story = soup.select_one("article.story")
    assert text(story.select_one(".story__category")) == "News"
    assert story.select_one(".story__standfirst")
    assert text(story.select_one(".story__meta")).endswith("2 minutes read")
    assert text(soup.select_one(".tags")) == "Huawei Cooperation Smart Magazine Tech4ALL"
    shares = [a["href"] for a in soup.select(".share__links a")]
    where = [urlsplit(href).netloc or urlsplit(href).scheme for href in shares]
    assert where == ["mailto", "x.com", "www.linkedin.com", "www.facebook.com", "wa.me"]
    encoded = "http%3A//127.0.0.1%3A8000/en/news/2020/11/aicto-and-huawei"
    assert all(encoded in href for href in shares)
    assert soup.select_one("button.share__copy[hidden]")["data-url"].startswith("http://")


def test_reading_time_uses_arabic_plurals(site):
    meta = text(site.soup(ARTICLE.format(lang="ar")).select_one(".story__meta"))
    assert meta.endswith("قراءة في 3 دقائق")


def test_byline_update_date_and_featured_image(fixture_sites):
    site = fixture_sites("stories")
    soup = site.soup("/en/news/2024/01/foxtrot/")
    meta = soup.select_one(".story__meta")
    assert meta.select_one("bdi").get_text() == "Press Office"
    times = [time["datetime"][:10] for time in meta.select("time")]
    assert times == ["2024-01-06", "2024-02-01"]
    assert "Updated February 1, 2024" in text(meta)
    assert "3 minutes read" in text(meta)  # 701 words at 228 a minute
    image = soup.select_one("figure img")
    assert re.fullmatch(
        r"/generated/images/pixel\.[0-9a-f]{10}\.1w\.jpg", image["src"]
    )  # its rendition
    assert image["alt"] == "A single grey pixel"
    assert not image.has_attr("loading"), "the lead image is not lazy"
    assert text(soup.select_one("figcaption")) == "A caption for the pixel"


def test_older_newer_and_related_stories(fixture_sites):
    site = fixture_sites("stories")
    soup = site.soup("/en/news/2024/01/alpha/")
    related = [text(a) for a in soup.select(".related .card__title a")]
    assert related == ["Charlie", "Delta", "Bravo"]  # a partner first, then newest
    assert not soup.select_one('a[rel="prev"]'), "the oldest story has no older one"
    assert text(soup.select_one('.neighbours a[rel="next"] .neighbours__title')) == "Bravo"
    newest = site.soup("/en/news/2024/01/foxtrot/")
    assert not newest.select_one('.neighbours a[rel="next"]')
    assert not newest.select_one(".related"), "no shared tag or partner, no related block"


def test_home_page_has_a_lead_latest_and_sections(fixture_sites):
    site = fixture_sites("stories")
    soup = site.soup("/en/")
    assert text(soup.select_one(".lead__title")) == "Foxtrot"
    latest = [text(a) for a in soup.select("#latest-title + .cards .card__title a")]
    assert latest == ["Echo", "Delta", "Charlie", "Bravo", "Alpha"]
    sections = [text(h) for h in soup.select('[aria-labelledby^="section-"] .section__title a')]
    assert sections == ["News", "Press releases", "Events"]  # the order of CATEGORIES
    assert [text(a) for a in soup.select(".home-partners .partner-strip a")] == ["Huawei"]
    assert not soup.select(".home-magazine"), "no issue, no magazine slot"


def test_listings_paginate_with_numbers_and_rel_links(fixture_sites):
    site = fixture_sites("stories", DEFAULT_PAGINATION=2)
    first, second, third = (site.soup(url) for url in ("/en/", "/en/page/2/", "/en/page/3/"))
    assert [text(a) for a in second.select(".pagination li a")][1:4] == ["1", "2", "3"]
    assert second.select_one('.pagination a[aria-current="page"]').get_text() == "2"
    assert second.select_one('head link[rel="prev"]')["href"] == "/en/"
    assert second.select_one('head link[rel="next"]')["href"] == "/en/page/3/"
    assert first.select_one('.pagination a[rel="next"]')["href"] == "/en/page/2/"
    assert not third.select_one('link[rel="next"]')
    assert site.exists("/en/news/page/2/")  # four news stories, two a page


def test_archives_group_by_year_then_month(fixture_sites):
    soup = fixture_sites("stories").soup("/en/archives/")
    assert [text(h) for h in soup.select("h2")] == ["2024"]
    assert [text(h) for h in soup.select("h3")] == ["January 2024"]
    assert len(soup.select(".archive-list li")) == 6


def test_tag_index_has_an_empty_state(fixture_sites):
    soup = fixture_sites("no-english-original").soup("/en/tags/")
    assert soup.select_one(".empty")


@pytest.mark.parametrize("lang", LANGS)
def test_article_page_weight_is_within_budget(site, lang):
    """HTML plus the CSS and JS it loads, not counting images and fonts."""
    page = site.file(ARTICLE.format(lang=lang))
    soup = site.soup(ARTICLE.format(lang=lang))
    assets = [link["href"] for link in soup.select('link[rel="stylesheet"]')]
    assets += [script["src"] for script in soup.select("script[src]")]
    assert assets
    total = page.stat().st_size + sum(site.file(url).stat().st_size for url in assets)
    assert total <= BUDGET, f"{total} bytes"


def test_dates_can_be_written_with_arabic_digits():
    import datetime

    from newsroom.model.i18n import localized_date, localized_number

    day = datetime.date(2020, 11, 24)
    assert localized_date(day, "ar", digits="latn") == "24 نوفمبر 2020"
    assert localized_date(day, "ar", digits="arab") == "٢٤ نوفمبر ٢٠٢٠"
    assert localized_date(day, "fr") == "24 novembre 2020"
    assert localized_date(day, "en", "MMMM y") == "November 2020"
    assert localized_number(12345, "fr") == "12\u202f345"
    assert localized_number(3, "ar", digits="arab") == "٣"


def test_typography_follows_each_language_in_the_built_site(site):
    english, french, arabic = (site.soup(ARTICLE.format(lang=lang)) for lang in ("en", "fr", "ar"))
    assert english.select(".story__body span.caps")  # AICTO, HOU, …
    for soup in (french, arabic):
        assert not soup.select("span.caps, span.amp, span.dquo")
    french_body = french.select_one(".story__body").get_text()
    assert "\u202f:" in french_body and " :" not in french_body.replace("\u202f:", "")
    assert "«\u202f" in french_body and "\u202f»" in french_body
    arabic_body = arabic.select_one(".story__body").get_text()
    assert "“" not in arabic_body and "”" not in arabic_body
    for soup in (english, french, arabic):
        # <title> and meta tags carry plain text: no markup, no entities.
        assert "<" not in soup.title.decode_contents()
        assert "&" not in soup.title.get_text()
