"""`invoke check-site --changed`: the content-only CI path (issue 21).

On a copy of tests/sites/stories/: a first run builds and checks every page;
a good correction passes, checking only the pages it rendered anew; a
change that breaks a link, or the HTML (two headings with one id), fails
with one line per problem and leaves output/ byte for byte the last good
site, so CI has nothing to publish.
"""

import shutil

import pytest

from conftest import SITES, invoke, snapshot

STORY = "articles/2024/bravo.en.md"
PAGE = "/en/news/2024/01/bravo/index.html"


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    """A copy of the fixture, built and checked once (every page)."""
    root = tmp_path_factory.mktemp("gates")
    shutil.copytree(SITES / "stories", root / "content")
    result = check_site(root)
    assert result.returncode == 0, result.stderr
    assert "Every gate passed on" in result.stdout
    return root


def check_site(root):
    return invoke(
        "check-site",
        "--changed",
        "--content",
        str(root / "content"),
        "--output",
        str(root / "output"),
    )


@pytest.fixture
def site(checked, tmp_path):
    shutil.copytree(checked / "content", tmp_path / "content")
    shutil.copytree(checked / "output", tmp_path / "output")
    shutil.copytree(checked / ".cache", tmp_path / ".cache")
    return tmp_path


def edit(root, old, new):
    path = root / "content" / STORY
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_correction_passes_on_the_pages_it_rendered(site):
    edit(site, "Fixture body for bravo.", "A corrected body for bravo.")

    result = check_site(site)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith(
        "Every gate passed on 1 pages (links, HTML, axe), the feeds and sitemaps."
    )
    assert "A corrected body" in (site / "output" / PAGE.lstrip("/")).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("added", "line"),
    [
        (
            "See [the programme](/en/programme/).",
            f"links: {PAGE}: /en/programme/ is not a page or file of the site",
        ),
        ("## One {#same}\n\n## Two {#same}", f"html: {PAGE}:"),
    ],
    ids=["broken-link", "duplicate-id"],
)
def test_a_change_that_breaks_a_gate_publishes_nothing(site, added, line):
    before = snapshot(site / "output")
    edit(site, "Fixture body for bravo.", f"Fixture body for bravo.\n\n{added}")

    result = check_site(site)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    failures = [row for row in result.stderr.splitlines() if row.startswith(("links:", "html:"))]
    assert len(failures) == 1 and failures[0].startswith(line), result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        f"check-site: 1 failed; {site / 'output'} was left as it was."
    )
    assert snapshot(site / "output") == before
    assert not list(site.glob(".output.before-check-*"))


def test_a_content_error_is_the_builds_one_line(site):
    before = snapshot(site / "output")
    edit(site, "Category: news", "Category: sports")

    result = check_site(site)

    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith(
        f"build: {site / 'content' / STORY}:3: category:"
    )
    assert snapshot(site / "output") == before
