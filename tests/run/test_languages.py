"""Edge cases of the three-language build, on small fixture sites."""

import re

from conftest import SITEURL


def hreflangs(soup):
    return {
        link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')
    }


def test_story_in_one_language_appears_in_that_language_only(fixture_sites):
    site = fixture_sites("one-language")
    url = "/ar/news/2024/03/arabic-only/"
    soup = site.soup(url)
    for lang in ("en", "fr"):
        assert not site.exists(f"/{lang}/news/2024/03/arabic-only/")
        assert "arabic-only" not in site.file(f"/{lang}/").read_text(encoding="utf-8")
    # Alternates name only the language it exists in; no switcher to nowhere.
    assert hreflangs(soup) == {"ar": SITEURL + url, "x-default": SITEURL + url}
    assert not soup.select(".language-switcher, .also-in")
    # Its category exists in Arabic only, so the English site has no link to it.
    assert site.exists("/ar/news/") and not site.exists("/en/news/")
    assert not site.soup("/en/").select('a[href="/en/news/"]')
    assert hreflangs(site.soup("/ar/news/")) == {
        "ar": SITEURL + "/ar/news/",
        "x-default": SITEURL + "/ar/news/",
    }


def test_every_language_home_builds_even_when_empty(fixture_sites):
    site = fixture_sites("one-language")
    soup = site.soup("/fr/")
    assert soup.html["lang"] == "fr"
    assert soup.select_one(".empty")
    assert site.soup("/fr/archives/").select_one(".empty")


def test_translation_without_an_english_original(fixture_sites):
    site = fixture_sites("no-english-original")
    ar, fr = "/ar/events/2024/05/no-english/", "/fr/events/2024/05/no-english/"
    assert not site.exists("/en/events/2024/05/no-english/")
    expected = {"ar": SITEURL + ar, "fr": SITEURL + fr, "x-default": SITEURL + ar}
    for url, other in ((ar, fr), (fr, ar)):
        soup = site.soup(url)
        assert hreflangs(soup) == expected
        assert [a["href"] for a in soup.select(".also-in a")] == [other]


def test_metadata_is_escaped(fixture_sites):
    site = fixture_sites("escaping")
    page = site.file("/en/news/2024/01/escaping/").read_text(encoding="utf-8")
    assert "<script>" not in page
    soup = site.soup("/en/news/2024/01/escaping/")
    scripts = soup.find_all("script")
    sources = [script["src"] for script in scripts if script.get("src")]
    assert len(sources) == 1 and re.fullmatch(r"/theme/js/share\.[0-9a-f]{10}\.js", sources[0])
    assert all(s.get("src") or s["type"] == "application/ld+json" for s in scripts)
    # Shown as text, typeset (English quotes), never run.
    assert "<script>alert(“title”)</script>" in soup.h1.get_text()
    assert "<script>alert(“title”)</script>" in soup.title.get_text()
    assert 'alert("summary")' in soup.select_one('meta[name="description"]')["content"]
    assert [a.get_text() for a in soup.select(".tags a")] == ['a "quoted" <b>tag</b>']
