"""The one table of rules (model/rules.py): closed lists, and the guide that shows them.

Every kind of file has a closed set of fields; the authoring guide's
front-matter reference (docs/authoring.md, section 14) lists exactly the same
fields, so an author never reads of a field the check refuses, nor meets a
refusal of a field the guide offers.
"""

import re

import pytest
from pelican.settings import read_settings

from conftest import ROOT, SETTINGS
from newsroom.model import rules
from newsroom.model.frontmatter import read_source

GUIDE = (ROOT / "docs/authoring.md").read_text(encoding="utf-8")
SECTIONS = {
    "article": "Article",
    "page": "Page",
    "partner": "Partner",
    "issue": "Magazine issue",
    "contact": "Media contact",
    "kit": "Press kit item",
    "edition": "Newsletter edition",
    "redirects": "Redirects file",
}
GOOD = {
    "article": "Title: T\nDate: 2024-01-02\nCategory: news\n",
    "page": "Title: T\n",
    "partner": "Name: N\n",
    "issue": "Issue: 1\nDate: 2024\n",
    "contact": "Name: N\nEmail: press@example.org\n",
    "kit": "Title: T\nFile: press/kit/x.pdf\nLicence: CC BY 4.0\n",
    "edition": "Edition: 1\nDate: 2026-03-16\n",
    "redirects": "Redirects: /category/news/ -> Category News\n    /feed/ → feed\n",
}
SLUGS = {"issue": "issue-1", "edition": "1"}


def guide_fields(kind):
    """The field names of the guide's table for `kind`, lower-cased."""
    section = GUIDE.split(f"\n### {SECTIONS[kind]}\n", 1)[1].split("\n### ", 1)[0]
    section = section.split("\n## ", 1)[0]
    names = []
    for row in re.findall(r"^\| (`[^|]+`) \|", section, re.M):
        names += [name.lower() for name in re.findall(r"`([A-Za-z_]+)`", row)]
    return names


@pytest.mark.parametrize("kind", SECTIONS)
def test_the_guide_lists_exactly_the_fields_of_each_kind(kind):
    assert sorted(guide_fields(kind)) == sorted(rules.KINDS[kind].fields)


def problems(tmp_path, kind, text, slug="x"):
    path = tmp_path / f"{SLUGS.get(kind, slug)}.en.md"
    path.write_text(text + "\nBody.\n", encoding="utf-8")
    settings = read_settings(str(SETTINGS), override={"PATH": str(tmp_path)})
    file = rules.File(path, "f", kind, SLUGS.get(kind, slug), "en", read_source(path), settings)
    rules.check(file)
    return [str(problem) for problem in file.problems]


@pytest.mark.parametrize("kind", SECTIONS)
def test_a_good_file_of_each_kind_passes(tmp_path, kind):
    (tmp_path / "press/kit").mkdir(parents=True)
    (tmp_path / "press/kit/x.pdf").write_bytes(b"%PDF-1.4\n")
    assert problems(tmp_path, kind, GOOD[kind]) == []


@pytest.mark.parametrize("kind", SECTIONS)
@pytest.mark.parametrize("key", ["slug", "url", "save_as", "template", "lang", "title_html"])
def test_keys_that_steer_pelican_are_refused_in_every_kind(tmp_path, kind, key):
    found = problems(tmp_path, kind, GOOD[kind] + f"{key.capitalize()}: x\n")
    line = GOOD[kind].count("\n") + 1
    assert found == [
        f'f:{line}: {key}: "{key}" cannot be set in a content file: '
        + rules.STEERING.get(key, "the site makes it from the rest of the file")
        + "; remove the line"
    ]


@pytest.mark.parametrize("kind", SECTIONS)
def test_an_unknown_key_is_refused_with_the_nearest_suggested(tmp_path, kind):
    found = problems(tmp_path, kind, GOOD[kind] + "Statsu: draft\n")
    assert len(found) == 1 and found[0].endswith('did you mean "status"?'), found


@pytest.mark.parametrize("kind", SECTIONS)
def test_a_key_given_twice_is_refused(tmp_path, kind):
    text = GOOD[kind] + "Status: published\nStatus: draft\n"
    first = GOOD[kind].count("\n") + 1
    assert problems(tmp_path, kind, text) == [
        f"f:{first + 1}: status: given twice (first on line {first}); keep one of the two lines"
    ]


def test_a_repeated_key_and_its_continuation_lines_are_not_read(tmp_path):
    path = tmp_path / "x.en.md"
    path.write_text("Title: One\nTitle: Two\n    more of two\nDate: 2024-01-02\n\nBody\n")
    source = read_source(path)
    assert {key: field.value for key, field in source.fields.items()} == {
        "title": "One",
        "date": "2024-01-02",
    }
    assert source.repeated == [("title", 2, 1)]
