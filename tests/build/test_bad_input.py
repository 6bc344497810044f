"""Bad content stops the build with one clear line and loses nothing."""

import shutil

import pytest

from conftest import SETTINGS, SITES, THEME, build_refuses, invoke, snapshot
from newsroom.build import BuildError, build

GOOD = "Title: A good story\nDate: 2024-01-02\nCategory: news\n\nBody.\n"
CASES = {
    "missing-title": (
        "articles/2024/no-title.en.md",
        "Date: 2024-01-02\nCategory: news\n\nBody.\n",
        ":1: title: missing",
    ),
    "empty-title": (
        "articles/2024/empty-title.fr.md",
        "Title:\nDate: 2024-01-02\nCategory: news\n\nCorps.\n",
        ":1: title: missing",
    ),
    "bad-date": (
        "articles/2024/bad-date.en.md",
        "Title: T\nDate: 2024-13-45\nCategory: news\n\nBody.\n",
        ':2: date: "2024-13-45" is not a date',
    ),
    "date-in-words": (
        "articles/2024/words.ar.md",
        "Title: T\nCategory: news\nDate: next Tuesday\n\nBody.\n",
        ':3: date: "next Tuesday" is not a date',
    ),
    "unknown-category": (
        "articles/2024/category.en.md",
        "Title: T\nDate: 2024-01-02\nCategory: Sports\n\nBody.\n",
        ':3: category: "Sports" is not a category',
    ),
    "no-language-in-name": (
        "articles/2024/story.md",
        GOOD,
        ":1: file name: name the file <slug>.<lang>.md",
    ),
    "page-named-like-a-section": (
        "pages/archives.en.md",
        "Title: Archives\n\nBody.\n",
        ':1: slug: "archives" is taken by a section of the site',
    ),
    "not-utf-8": (
        "articles/2024/latin1.fr.md",
        "Title: Café\nDate: 2024-01-02\nCategory: news\n\nÉté.\n".encode("latin-1"),
        ":1: encoding: this is not UTF-8 text",
    ),
    "binary-file-named-md": (
        "articles/2024/picture.en.md",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        ":1: file: this is not a text file",
    ),
    "empty-file": ("articles/2024/empty.en.md", "", ":1: file: the file is empty"),
    "unknown-language": (
        "articles/2024/story.de.md",
        GOOD,
        ":1: file name: name the file <slug>.<lang>.md",
    ),
    "front-matter-line-without-colon": (
        "articles/2024/no-colon.en.md",
        "Title: T\nDate 2024-01-02\nCategory: news\n\nBody.\n",
        ":2: front matter: this line has no colon",
    ),
    "missing-image": (
        "articles/2024/image.en.md",
        GOOD + "\nText.\n\n![A photo]({static}/images/missing.jpg)\n",
        ":9: image: {static}/images/missing.jpg is not a file",
    ),
    "image-without-alt": (
        "articles/2024/alt.en.md",
        GOOD + "\n![]({static}/images/pixel.png)\n",
        ":7: image: {static}/images/pixel.png has no alt text",
    ),
    "image-from-another-site": (
        "articles/2024/remote.en.md",
        GOOD + "\n![A chart](https://example.org/chart.png)\n",
        ":7: image: https://example.org/chart.png is on another site",
    ),
    "raw-script": (
        "articles/2024/script.en.md",
        GOOD + "\n<script>alert(1)</script>\n",
        ":7: body: <script> is not allowed in a story",
    ),
    "raw-iframe": (
        "articles/2024/iframe.en.md",
        GOOD + '\nSee:\n\n<iframe src="https://www.youtube.com/embed/x"></iframe>\n',
        ":9: body: <iframe> is not allowed in a story",
    ),
    "summary-too-long": (
        "articles/2024/long.en.md",
        GOOD.replace("Category: news", "Category: news\nSummary: " + "word " * 50),
        ":4: summary: 249 characters; keep it to 200",
    ),
    "featured-image-without-alt": (
        "articles/2024/featured.en.md",
        GOOD.replace("Category: news", "Category: news\nImage: images/pixel.png"),
        ":4: image_alt: missing",
    ),
    "two-stories-with-one-slug-in-a-language": (
        "articles/2025/arabic-only.ar.md",  # the fixture has articles/2024/arabic-only.ar.md
        "Title: نسخة ثانية\nDate: 2025-01-02\nCategory: news\n\nنص.\n",
        ":1: slug: ",
    ),
    "unfinished-translation": (
        "articles/2024/half-done.fr.md",
        "Title: [translate] A good story\nDate: 2024-01-02\nCategory: news\n\nCorps.\n",
        ":1: title: still says [translate]",
    ),
    "image-without-static": (
        "articles/2024/relative.en.md",
        GOOD + "\n![A photo](photo.jpg)\n",
        ":7: image: photo.jpg: link images as {static}/…",
    ),
    "page-without-title": (
        "pages/contact.en.md",
        "Summary: A page.\n\nBody.\n",
        ":1: title: missing",
    ),
}


@pytest.fixture
def good_site(tmp_path):
    """A content folder that builds, and its built output."""
    content = tmp_path / "content"
    shutil.copytree(SITES / "one-language", content)
    output = tmp_path / "output"
    result = invoke("build", "--content", str(content), "--output", str(output))
    assert result.returncode == 0, result.stderr
    return content, output


@pytest.mark.parametrize("case", CASES)
def test_bad_input_stops_the_build_with_one_line(good_site, case):
    content, output = good_site
    relative, data, expected = CASES[case]
    assert expected in build_refuses(content, output, relative, data)


def test_failing_pelican_run_leaves_the_output_untouched(good_site, tmp_path):
    """Errors the scan cannot see (here, a broken template) stop the build too."""
    content, output = good_site
    theme = tmp_path / "theme"
    shutil.copytree(THEME, theme)
    (theme / "templates/article.html").write_text("{% extends 'base.html' %}{{ nonsense(", "utf-8")
    before = snapshot(output)

    with pytest.raises(BuildError) as error:
        build(str(SETTINGS), output=output, overrides={"PATH": str(content), "THEME": str(theme)})

    lines = str(error.value).splitlines()
    # Only the languages with an article render the broken template.
    assert [line[:5] for line in lines] == ["[ar] ", "[en] "]
    assert all("article.html:1: TemplateSyntaxError" in line for line in lines)
    assert snapshot(output) == before
    assert not list(output.parent.glob("output.*"))


def test_check_reports_the_same_problems_without_building(good_site):
    content, output = good_site
    (content / "articles/2024/no-title.en.md").write_text(CASES["missing-title"][1])
    (content / "articles/2024/bad-date.en.md").write_text(CASES["bad-date"][1])

    result = invoke("check", "--content", str(content))

    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and "Traceback" not in result.stderr
    assert any("no-title.en.md:1: title: missing" in line for line in lines)
    assert any("bad-date.en.md:2: date:" in line for line in lines)


def test_two_translations_with_one_slug_and_language_are_refused(good_site):
    content, _ = good_site
    copy = content / "articles/2023/arabic-only.ar.md"
    copy.parent.mkdir()
    shutil.copy(content / "articles/2024/arabic-only.ar.md", copy)

    result = invoke("check", "--content", str(content))

    assert result.returncode == 1
    assert "slug: " in result.stderr and "has the same slug and language" in result.stderr


def test_real_content_passes_the_check():
    result = invoke("check")
    assert result.returncode == 0, result.stderr
