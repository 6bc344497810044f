"""A build that reuses the content cache gives the same bytes as a cold build.

Each case builds once (filling the cache), changes something, builds again in
the same place (warm), and compares with a cold build of the changed project
in a fresh place.
"""

import shutil

import pytest

from conftest import ROOT, THEME, build_site, snapshot

ARTICLE = "articles/2020/aicto-and-huawei-strengthen-their-cooperation.en.md"


def edit(content, theme):
    (content / ARTICLE).write_text(
        (content / ARTICLE).read_text().replace("Within the framework", "Within the frame"),
        encoding="utf-8",
    )


def retitle(content, theme):
    (content / ARTICLE).write_text(
        (content / ARTICLE).read_text().replace("Title: AICTO and HUAWEI", "Title: AICTO & HUAWEI"),
        encoding="utf-8",
    )


def add(content, theme):
    (content / "articles/2020/a-new-story.en.md").write_text(
        "Title: A new story\nDate: 2020-12-01\nCategory: news\nPartners: huawei\n\nNew text.\n"
    )


def delete(content, theme):
    (content / ARTICLE).unlink()


def restyle(content, theme):
    template = theme / "templates/partials/story_meta.html"
    template.write_text(template.read_text().replace("story-meta", "story-meta story-meta--x"))


@pytest.mark.parametrize("change", [edit, retitle, add, delete, restyle])
def test_a_warm_build_after_a_change_equals_a_cold_one(tmp_path, change):
    content, theme = tmp_path / "content", tmp_path / "theme"
    shutil.copytree(ROOT / "content", content)
    shutil.copytree(THEME, theme)
    warm = tmp_path / "warm" / "output"
    build_site(warm, content, THEME=str(theme))
    assert list((tmp_path / "warm" / ".cache" / "pelican").glob("*/en/*")), "the cache is used"

    change(content, theme)
    build_site(warm, content, THEME=str(theme))
    cold = build_site(tmp_path / "cold" / "output", content, THEME=str(theme))

    one, two = snapshot(warm), snapshot(cold)
    differ = [path for path in one.keys() | two.keys() if one.get(path) != two.get(path)]
    assert differ == []
