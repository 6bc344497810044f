"""Safe, reproducible builds: the same input gives the same bytes; odd input builds."""

import gzip
import json
import shutil

import feedparser

from conftest import SITES, Site, build_site, invoke, snapshot

HOSTILE = "<script>alert('x')</script> \"Quotes\" & <b>ampersands</b> &amp; more"


def test_two_builds_of_the_same_content_are_byte_identical(tmp_path):
    # Each build is a process of its own with its own PYTHONHASHSEED (its
    # language runs inherit it): an order that follows the iteration of a set
    # of strings differs between them. One process would give both one order.
    first, second = tmp_path / "first" / "output", tmp_path / "second" / "output"
    for output, seed in ((first, "1"), (second, "2")):
        result = invoke("build", "--output", str(output), env={"PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
    one, two = snapshot(first), snapshot(second)
    assert len(one) > 100
    differ = sorted(path for path in one.keys() | two.keys() if one.get(path) != two.get(path))
    assert differ == []
    # The search index is compared too (search_stable.py puts Pagefind's filters in order).
    assert any(path.startswith("pagefind/filter/") for path in one)


def test_a_five_megabyte_story_builds(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SITES / "one-language", content)
    paragraph = "The newsroom keeps long reports whole. " * 25 + "\n\n"
    body = paragraph * (5_000_000 // len(paragraph) + 1)
    story = content / "articles/2024/long-report.en.md"
    story.write_text(f"Title: A long report\nDate: 2024-03-06\nCategory: news\n\n{body}")
    assert story.stat().st_size > 5_000_000

    site = Site(build_site(tmp_path / "output", content))

    page = site.file("/en/news/2024/03/long-report/")
    assert page.stat().st_size > 5_000_000
    assert site.soup("/en/news/2024/03/long-report/").select(".story__body p")


def test_a_hostile_title_is_escaped_everywhere(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SITES / "one-language", content)
    story = content / "articles/2024/hostile.en.md"
    story.write_text(
        # The title alone: raw HTML in a summary is refused with the body's
        # allowlist (tests/build/test_security.py, "script-in-a-summary").
        f"Title: {HOSTILE}\nDate: 2024-03-06\nCategory: news\nSummary: A summary.\n\nBody.\n"
    )
    output = build_site(tmp_path / "output", content)
    site = Site(output)
    url = "/en/news/2024/03/hostile/"

    html = site.file(url).read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<b>ampersands</b>" not in html
    soup = site.soup(url)
    for shown in (soup.h1.get_text(), soup.title.get_text()):
        assert "<script>alert(" in shown and "<b>ampersands</b>" in shown
    tag = soup.select_one('meta[property="og:title"]')
    assert "<script>alert(" in tag["content"]
    (article,) = [
        data
        for data in map(json.loads, (s.string for s in soup.select('script[type$="json"]')))
        if data["@type"] == "NewsArticle"
    ]
    assert "<script>alert(" in article["headline"]
    feed = feedparser.parse((output / "en/feeds/all.atom.xml").read_bytes())
    assert not feed.bozo
    (entry,) = [e for e in feed.entries if e.link.endswith(url)]
    assert "<script>alert(" in entry.title
    # Pagefind's fragments hold the page's text as JSON: the title is text there too.
    fragments = [
        gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")
        for path in (output / "pagefind/fragment").iterdir()
    ]
    (record,) = [json.loads(f) for f in fragments if json.loads(f)["url"] == url]
    assert "<script>alert(" in record["meta"]["title"]
