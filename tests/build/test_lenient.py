"""What the build makes of values in another case, and of drafts with problems
(issue 17, items 3 and 5): built on a copy of tests/sites/partners-magazine/."""

import pytest

from conftest import SITES, Site, build_copy, fresh_copy, invoke, snapshot, text

FIXTURE = SITES / "partners-magazine"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_copy(FIXTURE, tmp_path_factory.mktemp("lenient"))


@pytest.fixture
def site(built, tmp_path):
    return fresh_copy(built, tmp_path)


def write(content, relative, text):
    (content / relative).write_text(text, encoding="utf-8")


def build(content, output):
    return invoke("build", "--content", str(content), "--output", str(output))


def test_values_in_another_case_are_their_keys_in_the_built_site(site):
    content, output = site
    write(
        content,
        "articles/2024/shouted.en.md",
        "Title: Shouted\nDate: 2024-06-01\nCategory: Press Releases\n\nBody.\n",
    )
    write(
        content,
        "articles/2024/quiet.en.md",
        "Title: Quiet\nDate: 2024-06-02\nCategory: news\nStatus: Draft\n\nBody.\n",
    )
    partner = content / "partners/partner-alpha.en.md"
    profile = partner.read_text(encoding="utf-8")
    assert "Kind: industry" in profile
    partner.write_text(profile.replace("Kind: industry", "Kind: INDUSTRY"), encoding="utf-8")

    result = build(content, output)

    assert result.returncode == 0, result.stderr
    built = Site(output)
    story = built.soup("/en/press-releases/2024/06/shouted/")
    category = story.select_one(".story__category a")
    assert (category["href"], category.get_text()) == ("/en/press-releases/", "Press releases")
    assert built.exists("/en/drafts/quiet/") and not built.exists("/en/news/2024/06/quiet/")
    groups = built.soup("/en/partners/").select("section")
    industry = [group for group in groups if "Partner Alpha" in text(group)]
    assert industry and "Industry" in industry[0].h2.get_text()


def test_a_draft_with_problems_never_stops_the_build(site):
    content, output = site
    bad = content / "articles/2024/unfinished.en.md"
    write(
        content,
        "articles/2024/unfinished.en.md",
        "Title: Unfinished\nDate: next Tuesday\nCategory: news\nStatus: draft\n"
        "Image: images/missing.png\nImage_alt: A photo\n\nBody.\n",
    )
    write(
        content,
        "articles/2024/careless.en.md",
        "Title: Careless\nDate: 2024-06-03\nCategory: news\nStatus: draft\n\n"
        '<p onclick="alert(1)">Text.</p>\n',
    )
    write(
        content, "articles/2024/new.en.md", "Title: New\nDate: 2024-06-04\nCategory: news\n\nB.\n"
    )
    before = snapshot(output)

    result = build(content, output)

    assert result.returncode == 0, result.stderr
    assert snapshot(output) != before
    built = Site(output)
    assert built.exists("/en/news/2024/06/new/")
    assert not built.exists("/en/drafts/unfinished/")  # left out until it is fixed
    warned = [line for line in result.stderr.splitlines() if "(a draft:" in line]
    # The scan's problem, and the one the run finds as it reads the draft.
    assert sorted(line.split(": ")[0:2] for line in warned) == [
        [f"{content / 'articles/2024/careless.en.md'}:6", "body"],
        [f"{bad}:2", "date"],
    ], result.stderr
    preview = built.soup("/en/drafts/careless/")
    assert "Text." in preview.get_text() and not preview.select("[onclick]")


def test_a_published_story_with_the_same_problem_stops_it(site):
    """The same unfinished file, published: an error, and nothing is built."""
    content, output = site
    write(
        content,
        "articles/2024/unfinished.en.md",
        "Title: Unfinished\nDate: next Tuesday\nCategory: news\n\nBody.\n",
    )
    before = snapshot(output)
    result = build(content, output)
    assert result.returncode == 1
    assert snapshot(output) == before
