"""The field's own validators on the real site, and its Content-Security-Policy.

- The Nu Html Checker (vnu.jar, npm `vnu-jar`, run with Java): every built
  HTML page, the theme's stylesheets and the SVG favicon, in one run.
- axe-core (npm `axe-core`) in Debian's Chromium: WCAG 2.0, 2.1 and 2.2 A/AA
  rules on sample pages of every language, light at 1280 px and dark at 375 px.
- The Content-Security-Policy (CONTENT_SECURITY_POLICY, HTTP_HEADERS in
  pelicanconf.py): in every page's <meta> and in `_headers`, and no
  violation in Chromium while pages, search and the share button run.

`make test` installs the Node tools (`npm ci`) and Java. One Chromium and one
local server for the module; the server sends the `_headers` headers, as the
host would.
"""

import base64
import json
import shutil
import subprocess
from hashlib import sha256
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urlsplit
from urllib.request import urlopen

import pytest
from pelican.settings import read_settings
from playwright.sync_api import expect

from conftest import LANGS, SETTINGS, SITEURL
from newsroom.tools.browser import open_page, read_headers
from validators import (
    AXE,
    AXE_OPTIONS,
    AXE_RUN,
    LISTEN_FOR_CSP,
    NODE_TOOLS,
    VNU,
    axe_report,
    vnu_report,
)

ARTICLE = "/{lang}/news/2020/11/aicto-and-huawei-strengthen-their-cooperation/"
QUERY = {"ar": "هواوي", "en": "Huawei", "fr": "Huawei"}
SEARCH = "/{lang}/search/"
# Sample pages: (name, path, search term typed into the search page or None).
SITEWIDE_PAGES = [("entry", "/", None), ("not-found", "/404.html", None)]
LANGUAGE_PAGES = [
    ("home", "/{lang}/", None),
    ("article", ARTICLE, None),
    ("category", "/{lang}/news/", None),
    ("partner", "/{lang}/partners/huawei/", None),
    ("magazine", "/{lang}/magazine/", None),
    ("issue", "/{lang}/magazine/issue-1/", None),
    ("press", "/{lang}/press/", None),
    ("search", SEARCH, None),
    ("search-results", SEARCH, QUERY),
    ("not-found", "/{lang}/404.html", None),
]
PAGES = {
    name: (path, query)
    for name, path, query in SITEWIDE_PAGES
    + [
        (f"{lang}-{name}", path.format(lang=lang), query[lang] if query else None)
        for lang in LANGS
        for name, path, query in LANGUAGE_PAGES
    ]
}
# Light at desktop width and dark at phone width: every page in both schemes
# and at both widths, in half the runs of every combination.
VIEWS = [(1280, "light"), (375, "dark")]


def settings():
    return read_settings(str(SETTINGS))


# The Nu Html Checker


def vnu_files(site):
    """What vnu is given: every HTML page, the theme's CSS and its SVG (the
    favicon). Theme files carry a content hash in their names (assets.py)."""
    return [
        *site.html_pages(),
        site.root / "admin" / "index.html",  # the web editor's page, with its own policy
        *sorted((site.root / "theme/css").glob("*.css")),
        *sorted((site.root / "theme/images").glob("*.svg")),
    ]


class VnuRun(NamedTuple):
    checked: list[str]  # the files vnu names as checked, site-relative
    messages: dict[str, list[dict]]  # its errors by site-relative path


@pytest.fixture(scope="module")
def vnu(site):
    """vnu's report on the whole site, from one run.

    A message about no file (vnu could not read one, say) is under "vnu".
    """
    java = shutil.which("java")
    assert java, "Java is missing: run `make test`, or sudo apt-get install default-jre-headless"
    assert VNU.is_file(), f"{VNU} is missing: {NODE_TOOLS}"
    result = subprocess.run(
        [java, "-jar", str(VNU), "--stdout", "--verbose", "--format", "json", "--errors-only"]
        + ["--also-check-css", "--also-check-svg", *map(str, vnu_files(site))],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode in (0, 1), result.stderr  # 1: errors were found
    # --verbose names each file as vnu checks it, on the stream its report does
    # not use (stderr, with --stdout). A file it skips (vnu passes over a file
    # it cannot find without a word, exit 0) is missing from that list.
    root = f"{site.root}/"
    checked = [
        line.removeprefix(root) for line in result.stderr.splitlines() if line.startswith(root)
    ]
    messages = {}
    for message in json.loads(result.stdout)["messages"]:
        path = Path(unquote(urlsplit(message.get("url", "")).path))
        key = str(path.relative_to(site.root)) if path.is_relative_to(site.root) else "vnu"
        messages.setdefault(key, []).append(message)
    return VnuRun(checked, messages)


def vnu_errors(vnu, suffix):
    return {path: found for path, found in vnu.messages.items() if path.endswith(suffix)}


def test_vnu_checked_every_file(site, vnu):
    given = sorted(str(path.relative_to(site.root)) for path in vnu_files(site))
    missing = sorted(set(given) - set(vnu.checked))
    assert sorted(vnu.checked) == given, f"vnu does not say it checked: {missing}"
    assert len([path for path in vnu.checked if path.endswith(".html")]) > 40
    assert [path for path in vnu.checked if path.startswith("theme/css/newsroom.")]
    assert [path for path in vnu.checked if path.startswith("theme/images/favicon.")]
    assert not vnu.messages.get("vnu"), "Nu Html Checker:\n" + vnu_report(
        {"vnu": vnu.messages["vnu"]}
    )


def test_every_page_is_valid_html(vnu):
    errors = vnu_errors(vnu, ".html")
    assert not errors, "Nu Html Checker:\n" + vnu_report(errors)


def test_stylesheets_are_valid_css(vnu):
    errors = vnu_errors(vnu, ".css")
    assert not errors, "Nu Html Checker (CSS):\n" + vnu_report(errors)


def test_favicon_is_valid_svg(vnu):
    errors = vnu_errors(vnu, ".svg")
    assert not errors, "Nu Html Checker (SVG):\n" + vnu_report(errors)


# Chromium: axe-core and the Content-Security-Policy


def search_for(page, term):
    """Wait for Pagefind's UI; type `term` (if any), wait for its results and
    open every filter group, so that all of the UI is on the page."""
    page.locator(".pagefind-ui__search-input").wait_for()
    if term:
        page.locator(".pagefind-ui__search-input").press_sequentially(term)
        page.locator(".pagefind-ui__message").filter(has_text=term).wait_for()
        expect(page.locator(".pagefind-ui__result-link").first).to_be_visible()
        expect(page.locator(".pagefind-ui__loading")).to_have_count(0)
        filters = page.locator("details.pagefind-ui__filter-block")
        expect(filters.first).to_be_attached()
        filters.evaluate_all("(blocks) => blocks.forEach((block) => { block.open = true; })")
        expect(page.locator(".pagefind-ui__filter-checkbox").first).to_be_visible()


@pytest.mark.parametrize(("width", "scheme"), VIEWS, ids=[f"{w}-{s}" for w, s in VIEWS])
@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_wcag_violation(browser, base_url, name, width, scheme):
    assert AXE.is_file(), f"{AXE} is missing: {NODE_TOOLS}"
    path, term = PAGES[name]
    # axe comes in as an inline script, which the site's policy rightly refuses.
    with open_page(browser, base_url + path, width, scheme, bypass_csp=True) as page:
        if path.endswith("/search/"):
            search_for(page, term)
        page.add_script_tag(path=AXE)
        violations = page.evaluate(AXE_RUN, AXE_OPTIONS)
    assert not violations, axe_report(name, width, scheme, violations, *PAGES[name])


# The Content-Security-Policy


def test_the_policy_is_strict():
    policy = settings()["CONTENT_SECURITY_POLICY"]
    directives = {
        name: sources
        for name, *sources in (part.split() for part in policy.split(";") if part.strip())
    }
    assert directives["default-src"] == ["'self'"]
    # In development, one inline script by its hash: live reload's (pelicanconf.py).
    snippet = settings()["LIVERELOAD_SNIPPET"].encode()
    livereload = f"'sha256-{base64.b64encode(sha256(snippet).digest()).decode()}'"
    assert directives["script-src"] == ["'self'", livereload, "'wasm-unsafe-eval'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    sources = [source for values in directives.values() for source in values]
    assert not [s for s in sources if "unsafe-inline" in s or s == "'unsafe-eval'"]
    assert not [s for s in sources if "://" in s or s in ("*", "http:", "https:")]
    assert "frame-ancestors" not in directives  # ignored in a <meta>: _headers only


def test_every_page_carries_the_policy_first_in_its_head(site):
    policy = settings()["CONTENT_SECURITY_POLICY"]
    pages = site.html_pages()
    assert len(pages) > 40
    for path in pages:
        soup = site.soup("/" + str(path.relative_to(site.root)))
        metas = soup.select('meta[http-equiv="Content-Security-Policy"]')
        assert [meta["content"] for meta in metas] == [policy], path
        # Only the charset comes before it: it covers everything the page loads.
        first = soup.head.find_all(True, recursive=False)[:2]
        assert first[0].get("charset") == "utf-8" and first[1] is metas[0], path


def test_every_page_carries_the_referrer_policy(site):
    """Hosts that send no header (GitHub Pages) still keep the page's address
    from other sites: the policy is in every page's <meta>."""
    referrer = settings()["REFERRER_POLICY"]
    assert referrer == "strict-origin-when-cross-origin"
    for path in site.html_pages():
        soup = site.soup("/" + str(path.relative_to(site.root)))
        assert [m["content"] for m in soup.select('meta[name="referrer"]')] == [referrer], path


def header_rules(path):
    """{path pattern: {header: value}} of a `_headers` file."""
    rules, rule = {}, None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith(" "):
            rule = rules.setdefault(line.strip(), {})
        elif line.strip():
            name, _, value = line.strip().partition(": ")
            rule[name] = value
    return rules


def matches(pattern, url):
    return url.startswith(pattern[:-1]) if pattern.endswith("*") else url == pattern


def test_headers_file_for_static_hosts(site):
    policy = settings()["CONTENT_SECURITY_POLICY"]
    rules = header_rules(site.root / "_headers")
    assert rules.pop("/*") == {
        "Content-Security-Policy": f"{policy}; frame-ancestors 'none'",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "X-Content-Type-Options": "nosniff",
        "Strict-Transport-Security": "max-age=31536000",
        "Permissions-Policy": "accelerometer=(), camera=(), geolocation=(), gyroscope=(), "
        "magnetometer=(), microphone=(), payment=(), usb=()",
    }
    assert read_headers(site.root / "_headers") == settings()["HTTP_HEADERS"]
    # The web editor's own policy, which the later, more specific rule gives.
    admin = rules["/admin/*"]
    assert admin.pop("Content-Security-Policy") == (
        settings()["ADMIN_CONTENT_SECURITY_POLICY"] + "; frame-ancestors 'none'"
    )
    assert admin.pop("X-Robots-Tag") == "noindex, nofollow"
    assert all(list(headers) == ["Cache-Control"] for headers in rules.values())
    # Hosts combine the headers of every rule a path matches: one Cache-Control each.
    for file in site.root.rglob("*"):
        if file.is_file() and file.name != "_headers":
            url = "/" + file.relative_to(site.root).as_posix().removesuffix("index.html")
            caches = [rule["Cache-Control"] for p, rule in rules.items() if matches(p, url)]
            assert len(caches) == 1, (url, caches)
            if url.startswith("/theme/"):
                assert caches == ["public, max-age=31536000, immutable"], url
            elif url.endswith((".html", ".xml", ".json", "/")):
                assert "max-age=300" in caches[0], url


def visit(browser, url, term=None, width=1280):
    """Open `url` with the policy enforced, search for `term` on a search page;
    return the CSP violations reported and the console's errors."""
    errors = []

    def console(message):
        if message.type == "error":
            errors.append(message.text)

    on = {"console": console, "pageerror": lambda error: errors.append(str(error))}
    with open_page(browser, url, width, init_script=LISTEN_FOR_CSP, on=on) as page:
        if "/search/" in url:
            search_for(page, term)
        return page.evaluate("window.__cspViolations"), errors


@pytest.mark.parametrize("name", PAGES)
def test_no_csp_violation(browser, base_url, name):
    path, term = PAGES[name]
    violations, errors = visit(browser, base_url + path, term)
    assert not violations, f"{name} ({path}):\n" + "\n".join(
        f"  {v['directive']} blocked {v['blocked']} at {v['source']}:{v['line']} {v['sample']}"
        for v in violations
    )
    assert not errors, f"{name} ({path}): console errors:\n" + "\n".join(errors)


def test_the_server_sends_the_headers_file(base_url):
    """The browser tests above run under the HTTP headers as well as the <meta>."""
    with urlopen(base_url + "/en/") as response:
        headers = response.headers
    assert headers["Content-Security-Policy"].endswith("frame-ancestors 'none'")
    assert headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("lang", LANGS)
def test_search_finds_the_story_under_the_policy(browser, base_url, lang):
    with open_page(browser, base_url + SEARCH.format(lang=lang), 1280) as page:
        search_for(page, QUERY[lang])
        links = [
            link.get_attribute("href") for link in page.locator(".pagefind-ui__result-link").all()
        ]
    assert ARTICLE.format(lang=lang) in links


def test_structured_data_stays_on_the_page_under_the_policy(browser, base_url):
    """JSON-LD is data: the policy neither blocks nor reports it."""
    url = base_url + ARTICLE.format(lang="en")
    with open_page(browser, url, 1280, init_script=LISTEN_FOR_CSP) as page:
        data = page.evaluate(
            """[...document.querySelectorAll('script[type="application/ld+json"]')]
                .map((script) => JSON.parse(script.textContent)["@type"])"""
        )
        violations = page.evaluate("window.__cspViolations")
    assert data == ["NewsArticle", "BreadcrumbList"]
    assert not violations


def test_the_share_button_copies_the_link_under_the_policy(browser, base_url):
    url = base_url + ARTICLE.format(lang="en")
    with open_page(
        browser,
        url,
        1280,
        init_script=LISTEN_FOR_CSP,
        permissions=["clipboard-read", "clipboard-write"],
    ) as page:
        button = page.locator(".share__copy")
        expect(button).to_be_visible()  # share.js ran
        button.click()
        expect(page.locator(".share__status")).to_have_text(button.get_attribute("data-done"))
        copied = page.evaluate("navigator.clipboard.readText()")
        violations = page.evaluate("window.__cspViolations")
    assert copied == SITEURL + ARTICLE.format(lang="en")
    assert not violations
