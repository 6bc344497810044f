"""The scan as authors meet it (issue 17, items 3-7): lenient about form, strict
about meaning, every problem at once, drafts and links checked too."""

import pytest
from pelican.settings import read_settings

from conftest import SETTINGS
from newsroom.model.scan import scan

STORY = "Title: T\nDate: 2024-01-02\nCategory: news\n"


def scanned(content, files):
    for relative, text in files.items():
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return scan(read_settings(str(SETTINGS), override={"PATH": str(content)}), bodies=True)


def lines(index):
    return [str(problem).split(":", 1)[1] for problem in index.problems]


@pytest.mark.parametrize(
    ("field", "written", "key"),
    [
        ("Category", "News", "news"),
        ("Category", " Press Releases", "press-releases"),
        ("Category", "PRESS_RELEASES", "press-releases"),
        ("Status", "Draft", "draft"),
        ("Status", "HIDDEN", "hidden"),
    ],
)
def test_a_known_value_in_another_case_or_spacing_is_that_value(tmp_path, field, written, key):
    text = STORY.replace("Category: news\n", "") + f"{field}: {written}\n"
    if field == "Status":
        text += "Category: news\n"
    index = scanned(tmp_path, {"articles/2024/t.en.md": text + "\nBody.\n"})
    assert index.problems == []
    if field == "Category":
        assert [item.category for item in index.items] == [key]
        assert index.items[0].url == f"en/{key}/2024/01/t/"
    elif key == "draft":
        assert [item.slug for item in index.drafts] == ["t"] and index.items == []


def test_the_kind_of_a_partner_and_of_a_kit_item_in_any_case(tmp_path):
    index = scanned(
        tmp_path,
        {
            "partners/p.en.md": "Name: P\nKind: Industry\n\nBody.\n",
            "press/kit/f.en.md": "Title: F\nFile: press/kit/f.pdf\nLicence: L\nKind: DOCUMENT\n",
            "press/kit/f.pdf": "%PDF-1.4\n",
        },
    )
    assert index.problems == []


def test_an_unknown_value_keeps_its_message_and_a_suggestion(tmp_path):
    index = scanned(tmp_path, {"articles/2024/t.en.md": STORY.replace("news", "New") + "\nBody.\n"})
    assert lines(index) == [
        '3: category: "New" is not a category; use one of: news, press-releases, events '
        '(did you mean "news"?)'
    ]


def test_every_problem_of_a_file_in_one_run(tmp_path):
    text = (
        "Title: [translate] A title\nDate: 24/11/2020\nCategory: sport\n"
        "Summary: [translate] A summary\nImage_alt: [translate] alt\nSumary: x\n"
        "\n![](/images/nowhere.png)\n\n<iframe src='https://example.org/'></iframe>\n"
    )
    index = scanned(tmp_path, {"articles/2024/t.en.md": text})
    found = lines(index)
    assert [": ".join(line.split(": ")[:2]) for line in found] == [
        "6: sumary",
        "2: date",
        "3: category",
        "1: title",
        "4: summary",
        "5: image_alt",
        "8: image",
        "8: image",
        "10: body",
        "10: body",
    ], found


def test_a_key_with_a_space_is_named(tmp_path):
    index = scanned(
        tmp_path, {"articles/2024/t.en.md": STORY + "Image alt: A photo\nTags: x\n\nBody.\n"}
    )
    assert lines(index) == [
        '4: front matter: "Image alt" is not a field name: names have Latin letters, digits '
        "and _ only; write Image_alt"
    ]


def test_a_draft_is_checked_and_its_problems_are_warnings(tmp_path):
    index = scanned(
        tmp_path,
        {
            "articles/2024/draft.en.md": "Title: D\nDate: next week\nCategory: news\n"
            "Status: draft\nImage: images/missing.png\nImage_alt: A photo\n\nBody.\n",
            "articles/2024/sound-draft.en.md": STORY + "Status: Draft\nPartners: nobody\n\nText.\n",
            "articles/2024/published.en.md": STORY + "\nBody.\n",
        },
    )
    assert index.problems == []
    assert [item.slug for item in index.items] == ["published"]
    assert index.excluded == {"articles/2024/draft.en.md"}
    draft, sound = str(tmp_path / "articles/2024/draft.en.md"), "sound-draft.en.md"
    assert [line.split(": ", 2)[:2] for line in index.warnings] == [
        [f"{draft}:2", "date"],
        [f"{tmp_path / 'articles/2024'}/{sound}:5", "partners"],
    ]
    assert all(line.endswith("(a draft: it stays out of the build until this is fixed)")
               for line in index.warnings)  # fmt: skip


def test_filename_links_name_a_published_story(tmp_path):
    index = scanned(
        tmp_path,
        {
            "articles/2024/target.en.md": STORY + "\nBody.\n",
            "articles/2024/unfinished.en.md": STORY + "Status: draft\n\nBody.\n",
            "pages/about.en.md": "Title: About\n\nBody.\n",
            "articles/2024/linker.en.md": STORY
            + "\nSee [it]({filename}target.en.md), [the page]({filename}/pages/about.en.md)\n"
            + "and [this]({filename}#top).\n\n"
            + "Not [this]({filename}targte.en.md) nor [that]({filename}unfinished.en.md).\n\n"
            + "[ref]: {filename}/articles/2023/gone.en.md\n",
        },
    )
    assert lines(index) == [
        '8: link: "{filename}targte.en.md" is not a file; did you mean '
        "{filename}/articles/2024/target.en.md?",
        '8: link: "{filename}unfinished.en.md" is a draft or unpublished: publish it first, '
        "or remove the link",
        '10: link: "{filename}/articles/2023/gone.en.md" is not a file; did you mean '
        "{filename}/articles/2024/target.en.md?",
    ]
