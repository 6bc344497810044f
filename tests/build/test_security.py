"""Hostile content is refused with one line, or rendered inert (issue 12).

Each case of the security review is built here, with the CLI, on a copy of
tests/sites/partners-magazine/ built once: what the content rules refuse
stops the build with one line naming the file, its line and field, and
leaves the output byte for byte; what a build keeps is checked in the
output. The hostile value in every field of every kind is
tests/site/test_hostile.py's; the headers, nginx's.
"""

import re
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from conftest import SITES, build_copy, build_refuses, fresh_copy, invoke

FIXTURE = SITES / "partners-magazine"
STORY = "Title: A story\nDate: 2024-05-01\nCategory: news\n"
ISSUE = "Issue: 5\nDate: 2024-12\n"
META_REFRESH = '<meta http-equiv="refresh" content="0;url=https://evil.example/">'

# name: (file under content/, its text, what its one line says after "<file>")
REFUSED = {
    # Finding 1: front-matter keys that steer Pelican.
    "slug": (
        "articles/2024/slug.en.md",
        STORY + f'Slug: x">{META_REFRESH}\n\nBody.\n',
        ':4: slug: "slug" cannot be set in a content file: the file\'s name gives the slug',
    ),
    "save-as-headers": (
        "articles/2024/headers.ar.md",
        STORY + "Save_as: _headers\n\nنص.\n",
        ':4: save_as: "save_as" cannot be set in a content file',
    ),
    "save-as-a-home": (
        "articles/2024/home.en.md",
        STORY + "Save_as: en/index.html\n\nBody.\n",
        ':4: save_as: "save_as" cannot be set in a content file',
    ),
    "url": ("articles/2024/url.en.md", STORY + "URL: evil/\n\nBody.\n", ':4: url: "url" cannot'),
    "template": (
        "pages/template.en.md",
        "Title: A page\nTemplate: article\n\nBody.\n",
        ':2: template: "template" cannot be set in a content file: the theme chooses',
    ),
    "lang": (
        "articles/2024/lang.fr.md",
        STORY + "Lang: en\n\nCorps.\n",
        ':4: lang: "lang" cannot be set in a content file: the file\'s name gives the language',
    ),
    "title-html-on-an-issue": (
        "magazine/issue-5.en.md",
        ISSUE + "Title_html: <script>alert(1)</script>\n\nBody.\n",
        ':3: title_html: "title_html" cannot be set in a content file',
    ),
    "a-key-of-no-kind": (
        "partners/partner-delta.en.md",
        "Name: Delta\nSumary: One line.\n\nBody.\n",
        ':2: sumary: "sumary" is not a field of a partner; did you mean "summary"?',
    ),
    # Finding 2: script and other raw HTML, however it is written.
    "script-between-backticks-in-a-raw-html-block": (
        "articles/2024/backticks.en.md",
        STORY + '\nText.\n\n<div>`<script src="/images/x.js"></script>`</div>\n',
        ":7: body: <script> is not allowed in a story: it runs code",
    ),
    "meta-refresh": (
        "articles/2024/refresh.en.md",
        STORY + f"\nText.\n\n{META_REFRESH}\n",
        ":7: body: <meta> is not allowed in a story: it changes the page itself",
    ),
    "javascript-link-in-html": (
        "articles/2024/link.en.md",
        STORY + '\n<p><a href="javascript:alert(1)">Read</a></p>\n',
        ':5: body: <a href="javascript:alert(1)"> is not a web address',
    ),
    "event-handler": (
        "articles/2024/handler.en.md",
        STORY + '\nText.\n\n<p onmouseover="alert(1)">Hover</p>\n',
        ":7: body: the event handler onmouseover on <p> runs code",
    ),
    "event-handler-by-attribute-list": (
        "articles/2024/attributes.en.md",
        STORY + '\n## Heading {: onclick="alert(1)" }\n',
        ":5: body: the event handler onclick on <h2> runs code",
    ),
    "base": (
        "articles/2024/base.en.md",
        STORY + '\n<base href="https://evil.example/">\n',
        ":5: body: <base> is not allowed in a story: it changes the page itself",
    ),
    "form": (
        "articles/2024/form.en.md",
        STORY + '\n<form action="https://evil.example/">Search</form>\n',
        ":5: body: <form> is not allowed in a story: it asks readers for data",
    ),
    "markdown-javascript-link": (
        "articles/2024/markdown.en.md",
        STORY + "\nSee [the report](javascript:alert(1)).\n",
        ':5: body: <a href="javascript:alert(1)"> is not a web address',
    ),
    "reference-style-javascript-link": (
        "articles/2024/reference.en.md",
        STORY + "\nSee [the report][r].\n\n[r]: JavaScript:alert(1)\n",
        ':7: body: <a href="JavaScript:alert(1)"> is not a web address',
    ),
    "entity-encoded-javascript-link": (
        "articles/2024/entities.en.md",
        STORY + "\nSee [the report](&#106;avascript:alert(1)).\n",
        ':5: body: <a href="javascript:alert(1)"> is not a web address',
    ),
    "linked-gallery-photos": (
        "articles/2024/gallery.en.md",
        STORY
        + "\n- [![Alpha](/images/partner-alpha-logo.png)](javascript:alert(1)) One\n"
        + "- [![Cover](/images/issue-2-cover.png)](https://example.org/) Two\n",
        ':5: body: <a href="javascript:alert(1)"> is not a web address',
    ),
    "script-in-a-summary": (
        "articles/2024/summary.en.md",
        STORY + "Summary: A summary <script>alert(1)</script>\n\nBody.\n",
        ":4: summary: <script> is not allowed in a story: it runs code",
    ),
    # Uploads: only images and documents; SVG without script.
    "a-script-upload": ("images/x.js", "alert(document.cookie)\n", ":1: file: .js files are not"),
    "an-html-upload": ("images/page.html", "<script>alert(1)</script>\n", ":1: file: .html files"),
    "an-svg-with-script": (
        "images/drawing.svg",
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 2">\n'
        "<script>alert(1)</script>\n</svg>\n",
        ":2: svg: <script> is not allowed (it runs script or embeds a page)",
    ),
    "an-svg-with-a-handler": (
        "images/drawing.svg",
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 2">\n'
        '<rect width="2" height="2"\n onload="alert(1)"/>\n</svg>\n',
        ":3: svg: the event handler onload runs script",
    ),
    "an-svg-linking-out": (
        "images/drawing.svg",
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'viewBox="0 0 2 2">\n<use xlink:href="https://evil.example/x.svg#a"/>\n</svg>\n',
        ':2: svg: href="https://evil.example/x.svg#a" refers to another file or site',
    ),
    "translation-of-no-language": (
        "articles/2024/translated.fr.md",
        STORY + "Translation_of: <script>alert(1)</script>\n\nCorps.\n",
        ':4: translation_of: "<script>alert(1)</script>" is not a language of the site',
    ),
    # Finding 4: a key given twice.
    "a-key-twice": (
        "articles/2024/twice.en.md",
        STORY + "Status: published\nStatus: draft\n\nBody.\n",
        ":5: status: given twice (first on line 4); keep one of the two lines",
    ),
    # Finding 8: file fields take paths inside content/ only.
    "an-absolute-image-path": (
        "articles/2024/absolute.en.md",
        STORY + "Image: /etc/hostname\nImage_alt: A file\n\nBody.\n",
        ':4: image: "/etc/hostname" is outside content/',
    ),
    "an-image-path-climbing-out": (
        "articles/2024/climbing.en.md",
        STORY + "Image: ../secret.png\nImage_alt: A file\n\nBody.\n",
        ':4: image: "../secret.png" is outside content/',
    ),
    "a-logo-that-is-no-image": (
        "partners/partner-delta.en.md",
        "Name: Delta\nLogo: magazine/issue-2.pdf\n\nBody.\n",
        ':2: logo: "magazine/issue-2.pdf" is not an image',
    ),
    "a-pdf-outside-content": (
        "magazine/issue-5.en.md",
        ISSUE + "Pdf: ../../etc/issue.pdf\n\nBody.\n",
        ':3: pdf: "../../etc/issue.pdf" is outside content/',
    ),
    "a-redirect-over-the-redirects-file": (
        "articles/2024/old.en.md",
        STORY + "Old_URLs: /_redirects/\n\nBody.\n",
        ':4: old_urls: "/_redirects/" is an address the build writes itself',
    ),
    # Issue 17, item 10: addresses and folders the site owns.
    "a-redirect-over-robots-txt": (
        "articles/2024/old.en.md",
        STORY + "Old_URLs: /robots.txt\n\nBody.\n",
        ':4: old_urls: "/robots.txt" is an address the build writes itself',
    ),
    "a-redirect-into-the-search-index": (
        "articles/2024/old.en.md",
        STORY + "Old_URLs: /pagefind/pagefind.js\n\nBody.\n",
        ':4: old_urls: "/pagefind/pagefind.js" is an address the build writes itself',
    ),
    "a-file-where-the-build-puts-its-images": (
        "generated/cards/en/story.png",
        "not really a PNG, and not where it may go\n",
        ":1: file: content/generated/ is where the build puts the images it makes",
    ),
    "a-redirect-over-the-sitemap": (
        "articles/2024/old.en.md",
        STORY + "Old_URLs: https://old.example/sitemap.xml\n\nBody.\n",
        ':4: old_urls: "/sitemap.xml" is an address the build writes itself',
    ),
}


def build(content, output):
    return invoke("build", "--content", str(content), "--output", str(output))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The fixture site's content and its built output, made once."""
    return build_copy(FIXTURE, tmp_path_factory.mktemp("security"))


@pytest.fixture
def site(built, tmp_path):
    return fresh_copy(built, tmp_path)


@pytest.mark.parametrize("case", REFUSED)
def test_hostile_content_is_refused_with_one_line(site, case):
    content, output = site
    relative, text, expected = REFUSED[case]
    problem = build_refuses(content, output, relative, text)
    assert problem.startswith(f"{content / relative}{expected}"), problem


def test_invoke_check_finds_what_the_html_allowlist_would_remove(site):
    """The check authors run reads the bodies too, not only the front matter."""
    content, _ = site
    relative, text, expected = REFUSED["script-between-backticks-in-a-raw-html-block"]
    (content / relative).write_text(text, encoding="utf-8")
    result = invoke("check", "--content", str(content))
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"{content / relative}{expected}"), line


def test_code_about_html_is_shown_not_refused(site):
    """<script> in a code span or a fenced block is text about HTML: allowed, shown."""
    content, output = site
    (content / "articles/2024/about-html.en.md").write_text(
        STORY + "\nWrite `<script>` with care.\n\n```\n<script>alert(1)</script>\n```\n",
        encoding="utf-8",
    )
    assert build(content, output).returncode == 0
    page = (output / "en/news/2024/05/about-html/index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    assert [code.get_text() for code in soup.select("article code")] == [
        "<script>",
        "<script>alert(1)</script>\n",
    ]
    assert not [s for s in soup.find_all("script") if "alert" in (s.string or "")]


def rules(path):
    """`_redirects` read back: [(source, query or None, target, status)]."""
    read = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split(" ")
        assert len(fields) in (3, 4), f"a rule with {len(fields)} fields: {line!r}"
        if len(fields) == 3:
            read.append((fields[0], None, *fields[1:]))
        else:
            read.append(tuple(fields))
    return read


def test_redirect_rules_cannot_be_injected(site):
    """`*`, `:`, spaces and line breaks in an old address reach `_redirects`
    encoded: each old address is one rule, whose source reads back as it."""
    content, output = site
    old = [
        "/old/*/story/",
        "/a:name/b/",
        "/x%20*%20https://evil.example/%20301",
        "/?p=1%0A/*%20https://evil.example/%20301!",
        "/?x%20y=1",
    ]
    (content / "articles/2024/moved.en.md").write_text(
        STORY + "Old_URLs: " + "\n    ".join(old) + "\n\nBody.\n", encoding="utf-8"
    )
    assert build(content, output).returncode == 0
    read = rules(output / "_redirects")
    assert len(read) == len(old)
    for source, query, target, status in read:
        assert target == "/en/news/2024/05/moved/"
        assert not re.search(r"[*:\s]", source + (query or "")), source
        assert status in ("301", "301!")
    sources = [
        unquote(source) + (f"?{unquote(query)}" if query else "") for source, query, *_ in read
    ]
    assert sources == [unquote(value) for value in old]
