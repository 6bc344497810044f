"""A build that reuses the caches gives the same bytes as a cold build.

Each case builds once (filling the content cache and the render cache's
records), changes something, builds again in the same place (warm), and
compares with a cold build of the changed project in a fresh place; the warm
build must differ from the one before the change, or the two compared would
be builds of the same project. The real content has one story per language;
the `stories` fixture has six, linked by tags, partners, dates and a
{filename} link, so that a change reaches other pages than its own (newer,
older, related, listings, partner pages).
"""

import re
import shutil

import pytest

from conftest import ROOT, SITES, THEME, build_site, snapshot
from newsroom.build import BuildError

ARTICLE = "articles/2020/aicto-and-huawei-strengthen-their-cooperation.en.md"
STORY = "articles/2024/{}.en.md"


def substitute(path, old, new):
    """Put `new` in place of the first `old` in the file at `path`. `old` must be
    there: a fixture that no longer holds it would make the change a no-op."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path} does not hold {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def replace(content, name, old, new):
    """`substitute` in the `stories` fixture's story `name`."""
    substitute(content / STORY.format(name), old, new)


def create(path, text):
    assert not path.exists(), f"{path} is there already"
    path.write_text(text, encoding="utf-8")


def edit(content, theme):
    substitute(content / ARTICLE, "Within the framework", "Within the frame")


def retitle(content, theme):
    substitute(content / ARTICLE, "Title: AICTO and HUAWEI", "Title: AICTO & HUAWEI")


def add(content, theme):
    create(
        content / "articles/2020/a-new-story.en.md",
        "Title: A new story\nDate: 2020-12-01\nCategory: news\nPartners: huawei\n\nNew text.\n",
    )


def delete(content, theme):
    (content / ARTICLE).unlink()


def restyle(content, theme):
    substitute(
        theme / "templates/partials/story_meta.html", "story-meta", "story-meta story-meta--x"
    )


def edit_body(content, theme):
    replace(content, "bravo", "Fixture body for bravo.", "A new body for bravo.")


def retitle_linked(content, theme):
    # Alpha's related stories and Bravo's neighbours show this title.
    replace(content, "bravo", "Title: Bravo", "Title: Bravo, renamed")


def retag(content, theme):
    replace(content, "delta", "Tags: two", "Tags: one, five")


def rename_partner(content, theme):
    substitute(content / "partners/huawei.en.md", "Name: Huawei", "Name: Huawei Technologies")


def redate_link_target(content, theme):
    # Charlie links to Bravo with {filename}: Bravo's new URL must reach it.
    replace(content, "bravo", "Date: 2024-01-02", "Date: 2023-12-30")


def unpublish(content, theme):
    replace(content, "charlie", "Title: Charlie", "Title: Charlie\nStatus: draft")


def add_story(content, theme):
    create(
        content / STORY.format("golf"),
        "Title: Golf\nDate: 2024-01-07\nCategory: news\nTags: one\nPartners: huawei\n\nGolf.\n",
    )


def delete_story(content, theme):
    (content / STORY.format("delta")).unlink()


REAL = [edit, retitle, add, delete, restyle]
STORIES = [
    edit_body,
    retitle_linked,
    retag,
    rename_partner,
    redate_link_target,
    unpublish,
    add_story,
    delete_story,
    restyle,
]
CASES = [("real", change) for change in REAL] + [("stories", change) for change in STORIES]


def copy_project(tmp_path, site):
    content, theme = tmp_path / "content", tmp_path / "theme"
    if site == "real":
        shutil.copytree(ROOT / "content", content)
    else:
        shutil.copytree(SITES / "stories", content)
        replace(
            content, "charlie", "Fixture body for charlie.", "See [Bravo]({filename}bravo.en.md)."
        )
    shutil.copytree(THEME, theme)
    return content, theme


@pytest.mark.parametrize(("site", "change"), CASES, ids=[f"{s}-{c.__name__}" for s, c in CASES])
def test_a_warm_build_after_a_change_equals_a_cold_one(tmp_path, site, change):
    content, theme = copy_project(tmp_path, site)
    warm = tmp_path / "warm" / "output"
    build_site(warm, content, THEME=str(theme))
    assert list((tmp_path / "warm" / ".cache" / "pelican").glob("*/en/*")), "the cache is used"

    before = snapshot(warm)
    change(content, theme)
    build_site(warm, content, THEME=str(theme))
    cold = build_site(tmp_path / "cold" / "output", content, THEME=str(theme))

    one, two = snapshot(warm), snapshot(cold)
    # Else "warm equals cold" would compare two builds of the unchanged project.
    assert one != before, "the change shows in the warm build"
    differ = [path for path in one.keys() | two.keys() if one.get(path) != two.get(path)]
    assert differ == []


def pages_done(stderr, lang):
    """(rendered, reused) from the run's line "pages [en]: 3 rendered, 40 from the last build"."""
    found = re.search(rf"pages \[{lang}\]: (\d+) rendered, (\d+) from the last build", stderr)
    assert found, stderr
    return int(found[1]), int(found[2])


def test_a_warm_build_renders_only_the_pages_a_change_reaches(tmp_path, capfd):
    content, theme = copy_project(tmp_path, "stories")
    output = tmp_path / "output"
    build_site(output, content, THEME=str(theme))
    rendered, reused = pages_done(capfd.readouterr().err, "en")
    assert reused == 0 and rendered > 20

    build_site(output, content, THEME=str(theme))
    assert "Nothing changed since the last build" in capfd.readouterr().err  # uptodate.py

    # A new file no page shows: the runs go, but they render nothing, and
    # the search index (the HTML being the same) is the last build's.
    shutil.copy(content / "images/pixel.png", content / "images/unused.png")
    build_site(output, content, THEME=str(theme))
    err = capfd.readouterr().err
    assert pages_done(err, "en") == (0, rendered)
    assert "the last build's, the pages being the same" in err

    edit_body(content, theme)  # Bravo's body: its page and the listings it is in
    build_site(output, content, THEME=str(theme))
    again, kept = pages_done(capfd.readouterr().err, "en")
    assert 0 < again < rendered / 2 and again + kept == rendered

    rename_partner(content, theme)  # the menu and partner chips: every page
    build_site(output, content, THEME=str(theme))
    assert pages_done(capfd.readouterr().err, "en") == (rendered, 0)


def test_the_scan_reads_again_a_story_whose_image_came_or_went(tmp_path):
    """The scan keeps each file's findings between builds (build/caches.py),
    but a story's check looks for the images its body shows: a new or
    removed image must be seen although the story's file did not change."""
    content, theme = copy_project(tmp_path, "stories")
    output = tmp_path / "output"
    shown = "![Later]({static}/images/later.png)"
    replace(content, "bravo", "Fixture body for bravo.", f"Fixture body for bravo.\n\n{shown}")
    with pytest.raises(BuildError, match="bravo.en.md:9: image: .*later.png is not a file"):
        build_site(output, content, THEME=str(theme))

    shutil.copy(content / "images/pixel.png", content / "images/later.png")
    build_site(output, content, THEME=str(theme))
    assert "images/later" in (output / "en/news/2024/01/bravo/index.html").read_text()

    (content / "images/later.png").unlink()
    with pytest.raises(BuildError, match="bravo.en.md:9: image: .*later.png is not a file"):
        build_site(output, content, THEME=str(theme))
