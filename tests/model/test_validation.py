"""Partners, magazine issues and the references between files: one clear line per problem.

The CLI cases build a copy of tests/sites/partners-magazine/ once, then add one
bad file to a fresh copy each and check that `invoke build` stops with one line
naming that file, its line and field, and leaves the output byte for byte.
"""

import shutil

import pytest
from pelican.settings import read_settings

from conftest import ROOT, SETTINGS, SITES, build_copy, build_refuses, fresh_copy, invoke
from newsroom.model.references import unknown_partner
from newsroom.model.scan import scan
from newsroom.model.values import issue_number, parse_date, split_list

FIXTURE = SITES / "partners-magazine"
STORY = "Title: A story\nDate: 2024-05-01\nCategory: news\n"

# name: (file under content/, its text, what its one line says after "<file>")
CASES = {
    "unknown-partner": (
        "articles/2024/typo.en.md",
        STORY + "Partners: partner-beta, partner-alpah\n\nBody.\n",
        ':4: partners: "partner-alpah" is not a partner; did you mean "partner-alpha"?',
    ),
    "unknown-contributor": (
        "magazine/issue-5.en.md",
        "Issue: 5\nDate: 2024-12\nContributors: partner-alpha, nobody-at-all\n\nBody.\n",
        ':3: contributors: "nobody-at-all" is not a partner; '
        "add content/partners/nobody-at-all.<lang>.md or fix the slug",
    ),
    "partner-without-name": (
        "partners/partner-delta.en.md",
        "Kind: industry\nWebsite: https://delta.example.org/\n\nBody.\n",
        ':1: name: missing; add a line "Name: …" at the top of the file',
    ),
    "partner-kind-outside-the-set": (
        "partners/partner-delta.en.md",
        "Name: Partner Delta\nKind: charity\n\nBody.\n",
        ':2: kind: "charity" is not a kind of partner; '
        "use one of: government, international-organization, industry, academia",
    ),
    "partner-since-not-a-year": (
        "partners/partner-delta.en.md",
        "Name: Partner Delta\nKind: industry\nSince: last year\n\nBody.\n",
        ':3: since: "last year" is not a year',
    ),
    "partner-website-not-an-address": (
        "partners/partner-delta.en.md",
        "Name: Partner Delta\nWebsite: delta.example.org\n\nBody.\n",
        ':2: website: "delta.example.org" is not a web address',
    ),
    "issue-zero": (
        "magazine/issue-0.en.md",
        "Date: 2024\nIssue: 0\n\nBody.\n",
        ':2: issue: "0" is not a positive whole number',
    ),
    "issue-in-words": (
        "magazine/issue-two.en.md",
        "Issue: two\nDate: 2024\n\nBody.\n",
        ':1: issue: "two" is not a positive whole number',
    ),
    "issue-in-a-file-of-another-name": (
        "magazine/issue-01.en.md",
        "Issue: 1\nDate: 2024\n\nBody.\n",
        ":1: issue: issue 1 belongs in a file named issue-1.<lang>.md",
    ),
    "issue-without-number": (
        "magazine/issue-5.en.md",
        "Date: 2024\n\nBody.\n",
        ':1: issue: missing; add a line "Issue: <number>"',
    ),
    "issue-date-not-a-date": (
        "magazine/issue-5.en.md",
        "Issue: 5\nDate: 2024-13\n\nBody.\n",
        ':2: date: "2024-13" is not a date; write it as YYYY-MM-DD or YYYY-MM or YYYY',
    ),
    # Two issues with one number in one language: the file-name rule makes
    # them two files issue-<n>.<lang>.md, so the second one is refused for
    # its slug (content_index.scan) before the issue-number check can see it.
    "same-issue-twice-in-one-language": (
        "magazine/reprint/issue-1.en.md",
        (FIXTURE / "magazine/issue-1.en.md").read_text(encoding="utf-8"),
        ":1: slug: {content}/magazine/issue-1.en.md has the same slug and language; "
        "rename one of the two",
    ),
    "missing-logo": (
        "partners/partner-delta.en.md",
        "Name: Partner Delta\nKind: industry\nLogo: images/delta.png\n\nBody.\n",
        ':3: logo: "images/delta.png" is not a file under content/; check the path',
    ),
    "missing-cover": (
        "magazine/issue-5.en.md",
        "Issue: 5\nDate: 2024-12\nCover: images/issue-5.png\n\nBody.\n",
        ':3: cover: "images/issue-5.png" is not a file under content/',
    ),
    "missing-local-pdf": (
        "magazine/issue-5.en.md",
        "Issue: 5\nDate: 2024-12\nPdf: magazine/issue-5.pdf\n\nBody.\n",
        ':3: pdf: "magazine/issue-5.pdf" is not a file under content/',
    ),
    "missing-featured-image": (
        "articles/2024/no-image.fr.md",
        STORY + "Image: images/nowhere.jpg\nImage_alt: Une photo\n\nCorps.\n",
        ':4: image: "images/nowhere.jpg" is not a file under content/',
    ),
    "magazine-issue-that-does-not-exist": (
        "articles/2024/nine.en.md",
        STORY + "Magazine: 9\n\nBody.\n",
        ":4: magazine: there is no Smart Magazine issue 9; "
        "add content/magazine/issue-<n>.<lang>.md or fix the number",
    ),
    "magazine-not-a-number": (
        "articles/2024/nine.en.md",
        STORY + "Magazine: nine\n\nBody.\n",
        ':4: magazine: "nine" is not an issue number',
    ),
}


def build(content, output):
    return invoke("build", "--content", str(content), "--output", str(output))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The fixture site's content and its built output, made once."""
    return build_copy(FIXTURE, tmp_path_factory.mktemp("validation"))


@pytest.fixture
def good_site(built, tmp_path):
    """A fresh copy of the content and output that a test may change."""
    return fresh_copy(built, tmp_path)


@pytest.mark.parametrize("case", CASES)
def test_bad_reference_stops_the_build_with_one_line(good_site, case):
    content, output = good_site
    relative, text, expected = CASES[case]
    problem = build_refuses(content, output, relative, text)
    assert problem.startswith(f"{content / relative}{expected.format(content=content)}"), problem


def test_same_issue_number_is_reported_once_as_a_slug(good_site):
    """validation.check_references' "same issue number" check cannot fire:
    a duplicate number is a duplicate file name, refused by the scan first."""
    content, _ = good_site
    reprint = content / "magazine/reprint/issue-2.en.md"
    reprint.parent.mkdir()
    shutil.copy(content / "magazine/issue-2.en.md", reprint)

    result = invoke("check", "--content", str(content))

    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{reprint}:1: slug: {content}/magazine/issue-2.en.md has the same slug and language; "
        "rename one of the two"
    ]


@pytest.mark.parametrize(
    ("relative", "text", "kind"),
    [
        ("partners/partner-delta.fr.md", "Name: Partenaire Delta\n\nCorps.\n", "partner"),
        ("magazine/issue-5.fr.md", "Issue: 5\nDate: 2024-11\n\nCorps.\n", "issue"),
    ],
)
def test_translation_without_a_default_language_version_is_a_warning(
    good_site, relative, text, kind
):
    content, output = good_site
    lonely = content / relative
    lonely.write_text(text, encoding="utf-8")
    warning = f"{lonely}:1: warning: no en version of this {kind}"

    result = build(content, output)

    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if str(lonely) in line]
    assert len(warnings) == 1 and warnings[0].startswith(warning), result.stderr
    slug = lonely.name.split(".")[0]
    section = "partners" if kind == "partner" else "magazine"
    assert (output / "fr" / section / slug / "index.html").is_file()
    assert not (output / "en" / section / slug).exists()
    checked = invoke("check", "--content", str(content))
    assert checked.returncode == 0
    assert [line for line in checked.stderr.splitlines() if str(lonely) in line] == warnings


# Units -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("huawei, itu", ["huawei", "itu"]),
        ("  huawei  ", ["huawei"]),
        ("a,,b, ,c,", ["a", "b", "c"]),
        ("", []),
        (" , ", []),
    ],
)
def test_split_list(value, expected):
    assert split_list(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1", 1),
        ("12", 12),
        (" 3 ", 3),
        ("0", None),
        ("01", None),
        ("-1", None),
        ("+1", None),
        ("1.0", None),
        ("two", None),
        ("", None),
        ("1 2", None),
    ],
)
def test_issue_number(text, expected):
    assert issue_number(text) == expected


def testunknown_partner_suggests_the_nearest_slug():
    partners = ["huawei", "itu", "partner-alpha", "partner-beta"]
    assert (
        unknown_partner("huawai", partners) == '"huawai" is not a partner; did you mean "huawei"?'
    )
    assert unknown_partner("partner-alfa", partners).endswith('did you mean "partner-alpha"?')
    assert unknown_partner("unesco", partners) == (
        '"unesco" is not a partner; add content/partners/unesco.<lang>.md or fix the slug'
    )
    assert "did you mean" not in unknown_partner("huawai", [])


def testunknown_partner_in_the_real_content_suggests_huawei(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    settings = read_settings(str(SETTINGS), override={"PATH": str(content)})
    typo = content / "articles/2020/typo.en.md"
    typo.write_text(STORY + "Partners: huawai\n\nBody.\n", encoding="utf-8")

    problems = [str(problem) for problem in scan(settings).problems]

    assert problems == [f'{typo}:4: partners: "huawai" is not a partner; did you mean "huawei"?']


@pytest.mark.parametrize(
    ("text", "precision", "expected"),
    [
        ("2020-11-24", "day", (2020, 11, 24, 0, 0)),
        ("2020-11-24 10:30", "day", (2020, 11, 24, 10, 30)),
        ("2020-11-24T10:30:15", "day", (2020, 11, 24, 10, 30)),
        ("2020-11", "month", (2020, 11, 1, 0, 0)),
        ("2020", "year", (2020, 1, 1, 0, 0)),
    ],
)
def test_parse_date_precisions(text, precision, expected):
    date, found = parse_date(text, ("day", "month", "year"))
    assert found == precision
    assert (date.year, date.month, date.day, date.hour, date.minute) == expected


@pytest.mark.parametrize(
    "text", ["2020-13", "2020-1", "20201", "24/11/2020", "2020-11-31", "November 2020", ""]
)
def test_parse_date_rejects_what_is_not_a_date(text):
    with pytest.raises(ValueError):
        parse_date(text, ("day", "month", "year"))


@pytest.mark.parametrize("text", ["2020", "2020-11"])
def test_stories_need_a_full_date(text):
    """Only magazine issues may be dated to the year or month."""
    with pytest.raises(ValueError):
        parse_date(text)
    assert parse_date("2020-11-24") == (parse_date("2020-11-24", ("day",))[0], "day")
