"""`invoke serve`'s quick paths (build/session.py): a saved story whose front
matter did not change is rewritten by the language run kept from the last
build, in place in output/; stories whose front matter changed, or that came
or went, are regenerated in the kept runs. The result must be byte for byte
a cold build's, and anything else must get a full build."""

import pytest

from conftest import SETTINGS, build_site, snapshot
from newsroom.build import BuildError
from newsroom.build.session import Session
from test_incremental import ARTICLE, copy_project, replace, substitute


@pytest.fixture
def session(tmp_path):
    """A Session on a copy of the `stories` fixture, after its first build."""
    content, theme = copy_project(tmp_path, "stories")
    overrides = {"PATH": str(content), "THEME": str(theme)}
    served = Session(str(SETTINGS), tmp_path / "served" / "output", overrides)
    served.content = content
    served.build()
    yield served
    served.cancel_search()
    served.stop()


def same_as_cold(session, tmp_path):
    session.settle()  # the search index follows the rewrite
    cold = build_site(
        tmp_path / "cold" / "output", session.content, THEME=session.overrides["THEME"]
    )
    one, two = snapshot(session.output), snapshot(cold)
    return sorted(path for path in one.keys() | two.keys() if one.get(path) != two.get(path))


def test_a_body_edit_is_rewritten_in_place_as_a_cold_build_would_make_it(session, tmp_path, capfd):
    assert set(session.workers) == {"ar", "en", "fr"}
    before = snapshot(session.output)
    replace(session.content, "bravo", "Fixture body for bravo.", "A *new* body for bravo.")

    assert session.update() == "rewrite"

    err = capfd.readouterr().err
    assert "Rewrote 5 files for" in err and "bravo.en.md" in err, err
    changed = {path for path, digest in snapshot(session.output).items() if before[path] != digest}
    # Its page and the feeds it is in; not the listings (they show its summary).
    assert {path for path in changed if not path.startswith("pagefind/")} == {
        "en/news/2024/01/bravo/index.html",
        "en/feeds/all.atom.xml",
        "en/feeds/all.rss.xml",
        "en/feeds/news.atom.xml",
        "en/feed.json",
    }
    assert same_as_cold(session, tmp_path) == []


def test_edits_in_a_row_then_a_full_build_equal_cold_builds(session, tmp_path):
    story = session.content / "articles/2024/charlie.en.md"
    bodies = ("See [Bravo]({filename}bravo.en.md), again.", "A [link](https://aicto.org/).")
    for text in (*bodies, "Fourth body."):
        story.write_text(story.read_text().rsplit("\n\n", 1)[0] + f"\n\n{text}\n")
        assert session.update() == "rewrite"
    assert same_as_cold(session, tmp_path) == []

    replace(session.content, "charlie", "Title: Charlie", "Title: Charlie, renamed")
    assert session.update() == "regenerate"  # its title is on other pages
    assert same_as_cold(session, tmp_path) == []

    # The runs kept by that build serve the next edit.
    replace(session.content, "charlie", "Fourth body.", "Fifth body.")
    assert session.update() == "rewrite"
    assert same_as_cold(session, tmp_path) == []


# Front matter a story's listings, neighbours, feeds or other pages show.
FRONT_MATTER_EDITS = {
    "title": ("bravo", "Title: Bravo", "Title: Bravo, renamed"),
    "summary": ("bravo", "Summary: Fixture story bravo.", "Summary: Fixture story bravo, again."),
    "tag-added": ("bravo", "Tags: one", "Tags: one, five"),  # a new tag page
    "tag-gone": ("echo", "Tags: four", "Tags: five"),  # tag four's page goes
    "tag-case": ("bravo", "Tags: one", "Tags: One"),  # the same slug, another name
    "partners": ("bravo", "Tags: one", "Tags: one\nPartners: huawei"),
    "date": ("bravo", "Date: 2024-01-02", "Date: 2024-03-02"),  # a new address, a new order
    "category": ("bravo", "Category: news", "Category: press-releases"),
    "status": ("delta", "Tags: two", "Tags: two\nStatus: draft"),  # out of the listings
}


@pytest.mark.parametrize("field", FRONT_MATTER_EDITS)
def test_a_front_matter_edit_is_regenerated_in_the_kept_runs_as_a_cold_build(
    session, tmp_path, capfd, field
):
    name, old, new = FRONT_MATTER_EDITS[field]
    replace(session.content, name, old, new)

    assert session.update() == "regenerate"

    err = capfd.readouterr().err
    assert "Regenerated " in err and "removed, in" in err, err
    assert same_as_cold(session, tmp_path) == []


def test_a_new_story_and_a_deleted_one_are_regenerated_as_a_cold_build(session, tmp_path):
    story = session.content / "articles/2024/golf.en.md"
    bravo = session.content / "articles/2024/bravo.en.md"
    story.write_text(bravo.read_text().replace("Bravo", "Golf").replace("bravo", "golf"))
    assert session.update() == "regenerate"
    assert same_as_cold(session, tmp_path) == []

    (session.content / "articles/2024/echo.en.md").unlink()  # its category's only story
    assert session.update() == "regenerate"
    assert same_as_cold(session, tmp_path) == []
    assert not (session.output / "en/news/2024/01/echo/index.html").exists()


def test_a_new_translation_regenerates_every_language_it_links(session, tmp_path, capfd):
    bravo = session.content / "articles/2024/bravo.en.md"
    french = bravo.read_text().replace("Title: Bravo", "Title: Bravo en français")
    (session.content / "articles/2024/bravo.fr.md").write_text(french)

    assert session.update() == "regenerate"

    assert "Regenerated ar, en, fr:" in capfd.readouterr().err
    assert same_as_cold(session, tmp_path) == []


def test_a_refused_new_story_leaves_output_and_the_kept_runs_as_they_were(session, tmp_path):
    session.settle()
    before = snapshot(session.output)
    story = session.content / "articles/2024/golf.en.md"
    bravo = session.content / "articles/2024/bravo.en.md"
    hostile = "Golf.\n\n<script>alert(1)</script>\n"
    story.write_text(bravo.read_text().replace("Fixture body for bravo.\n", hostile))

    with pytest.raises(BuildError, match=r"golf.en.md:9: body: <script> is not allowed"):
        session.update()

    assert snapshot(session.output) == before
    story.write_text(bravo.read_text().replace("Bravo", "Golf").replace("bravo", "golf"))
    assert session.update() == "regenerate"  # the runs are still the site's
    assert same_as_cold(session, tmp_path) == []


def test_regenerations_rewrites_and_full_builds_in_a_row_equal_cold_builds(session, tmp_path):
    replace(session.content, "charlie", "Title: Charlie", "Title: Charlie, renamed")
    assert session.update() == "regenerate"
    # The runs serve a body edit after their regeneration, then another one.
    replace(session.content, "charlie", "See [Bravo]", "Read [Bravo]")
    assert session.update() == "rewrite"
    assert same_as_cold(session, tmp_path) == []
    replace(session.content, "delta", "Tags: two", "Tags: two, three")
    assert session.update() == "regenerate"
    assert same_as_cold(session, tmp_path) == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "Fixture body for bravo.",
            "Fixture body for bravo.\n\n![A pixel]({static}/images/pixel.png)",
        ),
        ("Tags: one", "Tags: one\nOld_URLs: /2024/bravo-old/"),
    ],
    ids=["new-image", "old-urls"],
)
def test_new_images_and_redirects_get_a_full_build(session, tmp_path, old, new):
    replace(session.content, "bravo", old, new)
    assert session.update() == "build"
    assert same_as_cold(session, tmp_path) == []


def test_two_saved_stories_are_regenerated_a_partner_or_the_theme_builds_in_full(session, tmp_path):
    replace(session.content, "bravo", "Fixture body for bravo.", "New bravo.")
    replace(session.content, "delta", "Fixture body for delta.", "New delta.")
    assert session.update() == "regenerate"
    assert same_as_cold(session, tmp_path) == []
    substitute(session.content / "partners/huawei.en.md", "A fixture", "The fixture")
    assert session.update() == "build"  # not a story: other pages show it
    style = session.overrides["THEME"] + "/static/css/main.css"
    with open(style, "a") as css:
        css.write("\n.live { color: inherit; }\n")
    assert session.update() == "build"
    assert same_as_cold(session, tmp_path) == []


# A problem in a saved story, where it shows, its fix, and what the fix makes.
PROBLEMS = {
    "body": (
        ("Fixture body for bravo.", "![]({static}/images/pixel.png)"),
        r"bravo.en.md:7: image: .* has no alt text",
        ("![]({static}", "![A pixel]({static}"),
        "build",  # an image the last build did not show
    ),
    "front-matter": (
        ("Date: 2024-01-02", "Date: 2024-13-02"),
        r"bravo.en.md:2: date:",
        ("Date: 2024-13-02", "Date: 2024-02-02"),
        "regenerate",
    ),
}


@pytest.mark.parametrize("where", PROBLEMS)
def test_a_problem_in_the_saved_story_is_reported_and_output_is_kept(session, tmp_path, where):
    change, message, fix, then = PROBLEMS[where]
    session.settle()
    before = snapshot(session.output)
    replace(session.content, "bravo", *change)

    with pytest.raises(BuildError, match=message):
        session.update()

    assert snapshot(session.output) == before
    assert not list(session.output.parent.glob("output.staging-*"))
    replace(session.content, "bravo", *fix)
    assert session.update() == then
    assert same_as_cold(session, tmp_path) == []


def test_the_kept_runs_end_with_the_session(session):
    processes = [process for process, _ in session.workers.values()]
    assert all(process.is_alive() for process in processes)
    session.stop()
    assert session.workers == {}
    assert not any(process.is_alive() for process in processes)


def test_the_real_story_is_rewritten_as_a_cold_build_would_make_it(tmp_path):
    content, theme = copy_project(tmp_path, "real")
    overrides = {"PATH": str(content), "THEME": str(theme)}
    session = Session(str(SETTINGS), tmp_path / "served" / "output", overrides)
    session.content = content
    try:
        session.build()
        substitute(content / ARTICLE, "Within the framework", "In the framework")
        assert session.update() == "rewrite"
        assert same_as_cold(session, tmp_path) == []
    finally:
        session.stop()
