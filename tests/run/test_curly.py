"""English quotes and dashes: run/curly.py gives smartypants' output, exactly.

The fast path must never differ from the library it replaces, so these
tests compare the two on the bench corpus's English stories (as Markdown
makes them HTML), on the same stories with apostrophes, dashes and
ellipses worked in, on odd cases that hit smartypants' quirks, and on a
seeded soup of the characters its rules look at.
"""

import random
import re

import markdown
import pytest
import smartypants
from typogrify.filters import applyfilters

from newsroom.run import curly, typography
from newsroom.tools import bench

# Punctuation the corpus does not write, worked into its sentences.
VARIANTS = (
    (" the ", " the '80s and the "),
    (". ", "... It's the members' plan -- or 'theirs'. "),
    (", ", ", \"'quoted' words,\" "),
    (" and ", " and--as ``they'' say--"),
    (" of ", " of \\\"escaped\\\" and \\'single\\' \\-- "),
)
ODD = [
    "'",
    '"',
    "<em>word</em>'s",
    'He said <em>"</em>yes"',
    "'80s and '90s",
    "&&#x2013;'word &#8211;'word &ndash;\"word",  # the verbose-comment quirk
    "'.\\B text",  # the "\\B" quirk: a backslash, then B
    '".\\B text',
    "<code>'kept'</code> 'curled' <pre>\"kept\"</pre> <PRE>'kept'</pre>",
    "<pre><code>'a'</code>'b'</pre>'c'",  # a skipped element inside another
    "<!-- 'a comment' --> <!-- a -- comment --> 'x'",
    "<preview>'x'</preview>",  # smartypants takes <preview> for <pre>
    "a < b 'c' > d",
    "<a href=\"x\" title=\"'t'\">'link'</a>",
    "...", ". . .", "---", "``", "''", "\\\\", "\\`",
]  # fmt: skip
SOUP = [
    *"'\"`\\-. as10<>()[,!xB\n\t",
    *("<code>", "</code>", "<pre>", "</pre>", "<!--", "-->", "&nbsp;", "&#8211;"),
    *("&&#x2013;", "&mdash;", "0s", "<em>", "</em>", "<PRE class='x'>", "<preview>"),
]


def md(text):
    return markdown.markdown(text, extensions=["extra"], output_format="html5")


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    """HTML of the corpus's English bodies, summaries and titles, and their variants."""
    corpus = tmp_path_factory.mktemp("corpus")
    bench.generate(corpus, 40, seed=5)
    found = []
    for path in sorted((corpus / "articles").rglob("*.en.md")):
        head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        fields = dict(re.findall(r"(?m)^(\w+): (.*)$", head))
        texts = [md(body), fields["Title"]] + (
            [md(fields["Summary"])] if "Summary" in fields else []
        )
        found += texts
        for old, new in VARIANTS:
            found += [text.replace(old, new) for text in texts]
    assert len(found) > 400
    return found


def soup(count=5000, seed=21):
    rng = random.Random(seed)
    return ["".join(rng.choices(SOUP, k=rng.randint(1, 16))) for _ in range(count)]


def test_smartypants_is_the_library_s(english):
    for text in english + ODD + soup():
        assert curly.smartypants(text) == smartypants.smartypants(text), text


def test_the_inputs_reach_every_rule(english):
    """The comparison above is worth something only if the texts exercise
    what the fast path skips: quotes, dashes, ellipses, backticks, escapes."""
    changed = [text for text in english if smartypants.smartypants(text) != text]
    assert len(changed) > len(english) / 3
    made = "".join(smartypants.smartypants(text) for text in english)
    for entity in ("&#8216;", "&#8217;", "&#8220;", "&#8221;", "&#8212;", "&#8230;", "&#34;"):
        assert entity in made, entity


def old_english(html):
    """typeset(html, "en") as it was: typogrify's applyfilters with the
    library's smartypants."""
    masked, kept = typography._mask(html.replace("\x00", "\ufffd"))
    masked = typography._AMP.sub('<span class="amp">&amp;</span>', masked)
    return typography._unmask(
        typography._widont(applyfilters(masked, amp=False, widont=False)), kept
    )


def test_english_typography_is_what_it_was(english):
    for text in english + ODD:
        assert typography.typeset(text, "en") == old_english(text), text
