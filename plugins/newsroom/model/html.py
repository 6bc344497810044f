"""The HTML a story may hold, after Markdown: one allowlist, two uses.

- `clean(html)` is the wall: nh3 (the Ammonia sanitizer) keeps only the
  tags, attributes and URL schemes below, whatever the Markdown held. The
  run's reader cleans every body and summary before the typography
  (run/reader.py); the WordPress import cleans every post.
- `removed(html)` says what `clean` takes away, for the author: the reader
  turns each into a content error naming the file and line, since a story
  that lost part of itself on the way would mislead its readers.

What the allowlist has is what Markdown (with `extra`: tables, footnotes,
definition lists, abbreviations, attribute lists, fenced code) and our
figures and galleries (run/figures.py) make: text, links, images and
<picture>, lists, tables, quotes, code. Scripts, embeds, forms, frames,
styles and event handlers are not on it, nor links to anything but web,
mail and telephone addresses and the site's own pages.
"""

from difflib import SequenceMatcher
from html.parser import HTMLParser

import nh3

TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "a", "em", "strong", "b", "i", "u",
    "s", "del", "ins", "sub", "sup", "small", "mark", "abbr", "cite", "q", "dfn", "code", "pre",
    "kbd", "samp", "var", "time", "span", "div", "blockquote", "ul", "ol", "li", "dl", "dt",
    "dd", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col",
    "figure", "figcaption", "picture", "source", "img", "details", "summary", "bdi", "bdo", "wbr",
}  # fmt: skip
ATTRIBUTES = {
    "*": {"id", "lang", "dir", "title"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "srcset", "sizes", "loading", "decoding",
            "fetchpriority"},
    "source": {"srcset", "sizes", "type", "media"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "td": {"colspan", "rowspan", "style"},
    "col": {"span"},
    "colgroup": {"span"},
    "time": {"datetime"},
    "blockquote": {"cite"},
    "q": {"cite"},
}  # fmt: skip
# Classes: only those our Markdown makes. Others are dropped without a word.
CLASSES = {
    "figure": {"figure"},
    "ul": {"gallery"},
    "div": {"footnote"},
    "a": {"footnote-ref", "footnote-backref"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
STYLES = {"text-align"}  # Markdown's table alignment
QUIET = {"class", "style"}  # presentation: cleaned, never an error

# Why a tag is not allowed, and what to do instead.
WHY = {
    "runs code": (
        {"script", "noscript", "template", "object", "embed", "applet", "svg", "math"},
        "remove it: a story holds text, links and images",
    ),
    "loads another site into the page": (
        {"iframe", "frame", "frameset", "portal", "video", "audio"},
        "link to the video or page instead, or add an image with a link",
    ),
    "changes the page itself": (
        {"meta", "base", "link", "style", "html", "head", "body", "title"},
        "remove it",
    ),
    "asks readers for data": (
        {"form", "input", "button", "select", "textarea", "option"},
        "link to the form's own page instead",
    ),
}
OTHER = ("is not in the HTML a story may hold", "remove it, or write it in Markdown")


def clean(html):
    """`html` with only what the allowlist has."""
    return nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags={"script", "style", "noscript", "template"},
        attributes=ATTRIBUTES,
        allowed_classes=CLASSES,
        url_schemes=URL_SCHEMES,
        filter_style_properties=STYLES,
        link_rel=None,  # our own rel, if any, is the theme's
        strip_comments=True,
    )


def removed(html, cleaned=None):
    """What `clean` takes away from `html`: [(where, message)], in order, each
    once; `where` is text to find the place by in the source."""
    before, after = _elements(html), _elements(clean(html) if cleaned is None else cleaned)
    found = {}
    matcher = SequenceMatcher(None, [t for t, _ in before], [t for t, _ in after], autojunk=False)
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation == "equal":
            for (tag, attributes), (_, kept) in zip(before[i1:i2], after[j1:j2], strict=True):
                for name, value in attributes.items():
                    if name not in QUIET and kept.get(name) != value:
                        found.setdefault(*_attribute(tag, name, value))
        elif operation in ("delete", "replace"):
            for tag, _ in before[i1:i2]:
                if tag not in TAGS:
                    why, fix = next(
                        ((why, fix) for why, (tags, fix) in WHY.items() if tag in tags), OTHER
                    )
                    found.setdefault(
                        f"<{tag}> is not allowed in a story: it {why}; {fix}", f"<{tag}"
                    )
    return [(where, message) for message, where in found.items()]


def line_of(text, first_line, where):
    """The line of `text` (which starts on `first_line`) where `where` first
    shows, whatever its case; `first_line` when it does not (an entity-encoded
    address, say)."""
    at = text.lower().find(where.lower())
    return first_line + (text.count("\n", 0, at) if at >= 0 else 0)


def _attribute(tag, name, value):
    if name.startswith("on"):
        return f"the event handler {name} on <{tag}> runs code; remove it", name
    if name in ("href", "src", "srcset", "cite"):
        shown = " ".join(value.split())[:40]
        message = (
            f'<{tag} {name}="{shown}"> is not a web address; link to https://… or to a page '
            "of the site ({filename}/{static})"
        )
        return message, value.strip()[:20] or name
    return f"the attribute {name} on <{tag}> is not allowed in a story; remove it", name


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, {name: value or "" for name, value in attrs}))

    handle_startendtag = handle_starttag


def _elements(html):
    """[(tag, {attribute: value})] of every element of `html`, in order."""
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.found
