"""Full-text search: the Pagefind index the build writes, and the search pages
in Debian's Chromium (one browser and one local server for the module)."""

import gzip
import json
import os
import re
import shutil
import subprocess

import pytest
from pelican.settings import read_settings
from playwright.sync_api import expect

from conftest import (
    LANGS,
    ROOT,
    SETTINGS,
    SITES,
    THEME,
    Site,
    build_copy,
    build_site,
    fresh_copy,
    invoke,
    snapshot,
)
from newsroom.build import BuildError, caches, search
from newsroom.build.search_stable import stabilize
from newsroom.model.i18n import translations
from newsroom.model.scan import scan
from newsroom.tools.browser import open_page

SLUG = "aicto-and-huawei-strengthen-their-cooperation"
ARTICLE = "/{lang}/news/2020/11/" + SLUG + "/"
QUERY = {"ar": "هواوي", "en": "Huawei", "fr": "Huawei"}
# Every page in every language that names Huawei: the story, the about page,
# the partner and the magazine issue; never a listing (home, archives, tags,
# partners, magazine), although they name Huawei too.
INDEXED = (
    ARTICLE,
    "/{lang}/about/",
    "/{lang}/partners/huawei/",
    "/{lang}/magazine/issue-1/",
)
# Pagefind's JavaScript API, in the page: the results of a search, with their data.
SEARCH = """async (term) => {
    const pagefind = await import("/pagefind/pagefind.js");
    const search = await pagefind.search(term);
    return Promise.all(search.results.map((result) => result.data()));
}"""
FILTERS = """async () => {
    const pagefind = await import("/pagefind/pagefind.js");
    return await pagefind.filters();
}"""


def gettext(lang, message):
    return translations(str(THEME), lang).gettext(message)


def search_page(browser, base_url, lang):
    return open_page(browser, f"{base_url}/{lang}/search/", 1280)


def type_query(page, term, results):
    """Type `term` into Pagefind's search box as a reader would; wait for
    `results` result links; return their URLs."""
    page.locator(".pagefind-ui__search-input").press_sequentially(term)
    page.locator(".pagefind-ui__message").filter(has_text=term).wait_for()
    links = page.locator(".pagefind-ui__result-link")
    expect(links).to_have_count(results)
    return [link.get_attribute("href") for link in links.all()]


def words(text):
    return " ".join(text.split())


# The index on disk


def test_the_index_has_one_language_index_per_language(site):
    entry = json.loads((site.root / "pagefind/pagefind-entry.json").read_text())
    published = scan(read_settings(str(SETTINGS))).items
    assert {lang: about["page_count"] for lang, about in entry["languages"].items()} == {
        lang: sum(1 for item in published if item.lang == lang) for lang in LANGS
    }
    assert all(about["page_count"] == len(INDEXED) for about in entry["languages"].values())


def test_one_run_per_language_gives_the_bundle_one_run_over_the_site_gives(site, tmp_path):
    # The build runs Pagefind per language folder and joins the bundles
    # (search.make_bundle): the index must be what Pagefind makes of the
    # whole site at once, made stable the same way.
    whole = tmp_path / "whole"
    command = [*search._pagefind(site.root), "--output-path", str(whole)]
    subprocess.run(command, cwd=tmp_path, check=True, capture_output=True)
    stabilize(whole)
    assert snapshot(whole) == snapshot(site.root / "pagefind")


def test_the_search_ui_is_served_from_the_bundle(site):
    for name in ("pagefind.js", "pagefind-ui.js", "pagefind-ui.css", "wasm.ar.pagefind"):
        assert (site.root / "pagefind" / name).is_file(), name


# The search page without a browser


@pytest.mark.parametrize("lang", LANGS)
def test_search_page_is_not_indexed_and_runs_no_inline_script(site, lang):
    soup = site.soup(f"/{lang}/search/")
    assert soup.select_one('head meta[name="robots"]')["content"] == "noindex"
    scripts = soup.find_all("script")
    assert all(script.get("src") and not script.string for script in scripts)
    # Our files carry a content hash in their names (assets.py); Pagefind's do not.
    sources = [re.sub(r"\.[0-9a-f]{10}\.js$", ".js", script["src"]) for script in scripts]
    ours = [src for src in sources if src in ("/pagefind/pagefind-ui.js", "/theme/js/search.js")]
    assert ours == ["/pagefind/pagefind-ui.js", "/theme/js/search.js"]  # deferred, in this order
    assert all(script.has_attr("defer") for script in scripts if script["src"] in ours)
    styles = [link["href"] for link in soup.select('link[rel="stylesheet"]')]
    assert "/pagefind/pagefind-ui.css" in styles
    assert soup.select_one(f'.search__fallback a[href="/{lang}/archives/"]')
    assert soup.html["lang"] == lang


def test_listing_and_search_pages_have_nothing_to_index(site):
    for url in ("/en/", "/en/archives/", "/en/partners/", "/en/magazine/", "/en/search/"):
        assert not site.soup(url).select("[data-pagefind-body]"), url


# In Chromium


@pytest.mark.parametrize("lang", LANGS)
def test_typing_a_query_finds_the_story_in_the_page_language(browser, base_url, lang):
    with search_page(browser, base_url, lang) as page:
        assert page.locator(".search__fallback").is_hidden()
        links = type_query(page, QUERY[lang], len(INDEXED))
    assert ARTICLE.format(lang=lang) in links
    assert set(links) == {url.format(lang=lang) for url in INDEXED}


def test_arabic_search_page_is_laid_out_right_to_left(browser, base_url):
    with search_page(browser, base_url, "ar") as page:
        assert page.evaluate("document.documentElement.dir") == "rtl"
        type_query(page, QUERY["ar"], len(INDEXED))
        direction = page.evaluate(
            "getComputedStyle(document.querySelector('.pagefind-ui__results')).direction"
        )
        # Pagefind's own Arabic strings: the placeholder is not its English "Search".
        placeholder = page.get_attribute(".pagefind-ui__search-input", "placeholder")
        icon, box = page.evaluate(
            """() => {
                const form = document.querySelector('.pagefind-ui__form');
                const icon = getComputedStyle(form, '::before');
                return [parseFloat(icon.right), form.getBoundingClientRect().width];
            }"""
        )
    assert direction == "rtl"
    assert placeholder == "بحث"
    assert icon < box / 2, "the search icon is not on the right"


@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_the_page_links_to_the_archives(browser, base_url, lang):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{base_url}/{lang}/search/")
        archives = page.locator(f'.search__fallback a[href="/{lang}/archives/"]')
        assert archives.is_visible()
        assert not page.locator(".pagefind-ui").count()
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_only_the_article_element_is_indexed(browser, base_url, lang):
    """Navigation, footer, share links, tags, related stories, timelines: not indexed."""
    with search_page(browser, base_url, lang) as page:
        results = page.evaluate(SEARCH, QUERY[lang])
        # Words that appear on every story page, but only in its furniture.
        furniture = {term: page.evaluate(SEARCH, term) for term in ("WhatsApp", "LinkedIn")}
    assert {result["url"] for result in results} == {url.format(lang=lang) for url in INDEXED}
    assert furniture == {"WhatsApp": [], "LinkedIn": []}
    left_out = [
        gettext(lang, message)
        for message in (
            "Skip to content",
            "The newsroom of the Arab ICT Organization (AICTO).",
            "News feed (Atom)",
            "Share this story",
            "Partners in this story",
            "Related stories",
            "Cooperation timeline",
            "Stories in this issue",
        )
    ]
    for result in results:
        for text in left_out:
            assert text not in result["content"], (result["url"], text)


@pytest.mark.parametrize("lang", LANGS)
def test_filters_have_readable_localized_values(site, browser, base_url, lang):
    with search_page(browser, base_url, lang) as page:
        filters = page.evaluate(FILTERS)
        results = {result["url"]: result for result in page.evaluate(SEARCH, QUERY[lang])}
    kind, category, year, partner = (
        gettext(lang, key) for key in ("Type", "Category", "Year", "Partner")
    )
    huawei = results[f"/{lang}/partners/huawei/"]["meta"]["title"]
    assert filters[kind] == {
        gettext(lang, "Stories"): 1,
        gettext(lang, "Pages"): 1,
        gettext(lang, "Partners"): 1,
        gettext(lang, "Smart Magazine"): 1,
    }
    assert filters[category] == {gettext(lang, "News"): 1}
    assert filters[year] == {"2020": 2}  # the story and the issue
    assert filters[partner] == {huawei: 3}  # the story, the partner, the issue
    story = results[ARTICLE.format(lang=lang)]
    assert story["filters"][kind] == [gettext(lang, "Stories")]
    headline = site.soup(ARTICLE.format(lang=lang)).h1.get_text()
    assert words(story["meta"]["title"]) == words(headline)
    assert story["meta"]["image"] == ""  # the story has no image
    issue = results[f"/{lang}/magazine/issue-1/"]
    assert issue["meta"]["title"] == gettext(lang, "Smart Magazine, issue %(number)s") % {
        "number": "1"
    }


# The build step


def test_drafts_and_hidden_stories_are_not_indexed(tmp_path, capsys):
    content = tmp_path / "content"
    shutil.copytree(SITES / "one-language", content)
    story = next(content.rglob("english-only.en.md"))
    for status in ("draft", "hidden"):
        text = story.read_text(encoding="utf-8").replace("Title:", f"Status: {status}\nTitle:", 1)
        (story.parent / f"{status}-story.en.md").write_text(text, encoding="utf-8")
    built = Site(build_site(tmp_path / "output", content))
    entry = json.loads((built.root / "pagefind/pagefind-entry.json").read_text())
    assert {lang: about["page_count"] for lang, about in entry["languages"].items()} == {
        "ar": 1,
        "en": 1,
    }
    draft = built.soup("/en/drafts/draft-story/")
    hidden_file = next(built.root.rglob("hidden-story/index.html"))
    hidden = built.soup("/" + str(hidden_file.relative_to(built.root)))
    for page in (draft, hidden):
        assert page.select_one("article.story") and not page.select("[data-pagefind-body]")
    assert "Search index: 2 pages (ar 1, en 1), " in capsys.readouterr().err


def test_a_failing_index_fails_the_build_and_keeps_the_output(tmp_path, monkeypatch):
    output, content = tmp_path / "output", tmp_path / "content"
    shutil.copytree(SITES / "one-language", content)
    build_site(output, content)
    before = snapshot(output)
    monkeypatch.setattr(search, "ROOT_SELECTOR", "[data-no-such-attribute]")
    story = next(content.rglob("*.md"))  # a change, or the build would have nothing to do
    story.write_text(story.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    with pytest.raises(BuildError) as error:
        build_site(output, content)
    lines = str(error.value).splitlines()
    assert lines and all(line.startswith("search index: ") for line in lines), lines
    assert snapshot(output) == before, "output/ is byte for byte the last build's"
    assert not list(tmp_path.glob("output.staging-*"))


# Pagefind missing or crashing, in a real `invoke build`. The build runs
# `python -m pagefind`: a `pagefind` package ahead of the real one on
# PYTHONPATH that cannot be imported stands for a missing module, and
# PAGEFIND_BINARY_PATH, which the real package reads, for a missing or
# crashing binary.


def _module_missing(folder):
    package = folder / "shadow" / "pagefind"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(
        "raise ModuleNotFoundError(\"No module named 'pagefind'\", name='pagefind')\n"
    )
    return {
        "PYTHONPATH": os.pathsep.join(filter(None, [str(package.parent), os.getenv("PYTHONPATH")]))
    }


def _binary(folder, script):
    binary = folder / "pagefind"
    binary.write_text(f"#!/bin/sh\n{script}\n")
    binary.chmod(0o755)
    return {"PAGEFIND_BINARY_PATH": str(binary)}


BROKEN_PAGEFIND = {
    # case: (environment of the build, what its one line must say)
    "module missing": (_module_missing, "No module named 'pagefind'"),
    "binary missing": (
        lambda folder: {"PAGEFIND_BINARY_PATH": str(folder / "no-such-pagefind")},
        "No such file or directory",
    ),
    "crashing": (
        lambda folder: _binary(folder, "echo 'index worker crashed' >&2; exit 101"),
        "index worker crashed",
    ),
    "killed by a signal": (lambda folder: _binary(folder, "kill -SEGV $$"), "SIGSEGV"),
}


@pytest.fixture(scope="module")
def one_language(tmp_path_factory):
    return build_copy(SITES / "one-language", tmp_path_factory.mktemp("one-language"))


@pytest.mark.parametrize("case", BROKEN_PAGEFIND)
def test_pagefind_missing_or_crashing_fails_in_one_line_and_keeps_the_output(
    one_language, tmp_path, case
):
    content, output = fresh_copy(one_language, tmp_path / "site")
    story = next(content.rglob("*.md"))  # the new site would differ from output/
    story.write_text(story.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    before = snapshot(output)
    environment, says = BROKEN_PAGEFIND[case]

    result = invoke(
        "build", "--content", str(content), "--output", str(output), env=environment(tmp_path)
    )

    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.splitlines()
    (line,) = [line for line in lines if line.startswith("search index: ")] or [result.stderr]
    assert "Pagefind" in line and says in line, line
    assert [line for line in lines if says in line] == [line], result.stderr
    assert snapshot(output) == before
    assert not list(output.parent.glob("output.*")), "no staging folder is left behind"


def test_an_edit_reindexes_its_language_only_and_gives_a_cold_builds_index(tmp_path):
    """Each language's bundle is kept with the digest of its pages: after an
    English edit, Arabic and French come from the cache, and the joined
    index is byte for byte what a cold build of the edited content makes."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    output = build_site(tmp_path / "warm" / "output", content)
    kept = caches.search_parts(output)
    before = {lang: (kept / lang / search.RECORD).stat().st_mtime_ns for lang in LANGS}
    story = content / "articles/2020/aicto-and-huawei-strengthen-their-cooperation.en.md"
    story.write_text(story.read_text() + "\nA sentence added to the English story.\n")
    build_site(output, content)
    after = {lang: (kept / lang / search.RECORD).stat().st_mtime_ns for lang in LANGS}
    assert [lang for lang in LANGS if after[lang] != before[lang]] == ["en"]
    cold = build_site(tmp_path / "cold" / "output", content)
    assert snapshot(output / "pagefind") == snapshot(cold / "pagefind")
    assert "sentence added" in "".join(
        gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        for path in (output / "pagefind").rglob("*.pf_fragment")
    )
