"""The front-matter reader agrees with Python-Markdown's meta extension."""

import markdown
import pytest

from newsroom.model.frontmatter import read_front_matter

SAMPLES = {
    "plain": "Title: A title\nDate: 2020-11-24\n\nBody: not metadata\n",
    "fenced": "---\nTitle: Fenced\nTags: a, b\n---\nBody\n",
    "continued": "Title: Long\nSummary: first line\n    second line\nDate: 2020-11-24\n\nBody\n",
    "mixed-case keys": "TITLE: Upper\nCategory: news\n\nBody\n",
    "no front matter": "Just a paragraph.\n\nAnother one.\n",
    "stops at a non-meta line": "Title: T\nnot a key line\nDate: 2020-11-24\n",
}


@pytest.mark.parametrize("name", SAMPLES)
def test_reads_what_python_markdown_reads(tmp_path, name):
    path = tmp_path / "story.en.md"
    path.write_text(SAMPLES[name], encoding="utf-8")
    md = markdown.Markdown(extensions=["meta"])
    md.convert(SAMPLES[name])
    expected = {key: "\n".join(values) for key, values in md.Meta.items()}

    assert {key: f.value for key, f in read_front_matter(path).items()} == expected


def test_gives_the_line_of_each_key(tmp_path):
    path = tmp_path / "story.en.md"
    path.write_text("---\nTitle: T\nSummary: a\n    b\nDate: x\n---\n", encoding="utf-8")
    lines = {key: f.line for key, f in read_front_matter(path).items()}
    assert lines == {"title": 2, "summary": 3, "date": 5}


def test_ignores_a_byte_order_mark(tmp_path):
    path = tmp_path / "story.en.md"
    path.write_bytes("\ufeffTitle: T\n\nBody\n".encode())
    assert read_front_matter(path)["title"].value == "T"
