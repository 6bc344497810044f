"""Typography per language for rendered article HTML and headlines.

Pelican's TYPOGRIFY setting applies one set of English rules to every language:
curly English quotes and `caps` spans are wrong in French and get in the way in
Arabic. `typeset` applies each language's own rules instead:

- en: typogrify as it is (amp, smartypants, caps, initial_quotes, widont),
  except that amp and widont no longer act again on their own output;
  smartypants' rules run in curly.py, faster, with the same output.
- fr: a U+202F NARROW NO-BREAK SPACE before ; : ! ? and inside « »,
  "…" → « … », ' → ’, then widont. U+202F inside the guillemets too, not
  U+00A0: one space for every French mark (so "already spaced" means one
  thing), and CSS does not count it as a word separator, so justification
  never stretches it and a guillemet cannot drift away from its word.
- ar: "…" → «…», with no space inside, as Arabic writes them. Nothing else:
  no smartypants, no caps, no Latin punctuation, and no widont, because a
  no-break space is a bidi "common separator" (U+0020 is "whitespace"): between
  two numbers in right-to-left text it fuses them into one run and swaps their
  visual order ("2020 2021").
- any other language: unchanged.

Code (code, pre, kbd, samp, tt, script, style, math), comments and every
attribute are swapped for opaque placeholder tags before any rule runs and put
back at the end (one regex pass each way), so no rule can reach them. French and
Arabic then edit the text between tags, split once per step, with the
characters on either side across inline tags. Typesetting the output again
changes nothing, in every language.
"""

import html as _html
import re

from typogrify.filters import caps, initial_quotes, widont

from . import curly

NNBSP = "\u202f"  # NARROW NO-BREAK SPACE

# Elements whose text is never typeset: smartypants' own list (which adds tt).
_KEEP = ("code", "pre", "kbd", "samp", "tt", "script", "style", "math")
# The attributes of a start tag; quoted values may hold ">".
_ATTRS = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
# Inline elements: text on both sides of their tags reads as one run of text.
_INLINE = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "cite", "data", "del", "dfn", "em", "font", "i", "img",
        "ins", "mark", "q", "s", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
    }
)  # fmt: skip

_MASK = re.compile(
    rf"""
      (?P<comment><!--.*?-->)
    | (?P<keep><(?P<el>{"|".join(_KEEP)})(?=[\s/>]){_ATTRS}>.*?</(?P=el)\s*>
        | <span\ class="(?:caps|amp|dquo|quo)">[^<]*</span>)  # typogrify's marks: done
    | <(?P<name>[a-zA-Z][a-zA-Z0-9-]*)\s{_ATTRS}>
    """,
    re.I | re.S | re.X,
)
_UNMASK = re.compile(r"<[^<>\x00]*\x00(\d+)>")
_SPLIT = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"</?([a-zA-Z][a-zA-Z0-9-]*)")
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);")

# A space, typed or as an entity, that French spacing replaces.
_SP = r"(?:\s|&(?:nbsp|thinsp|\#0*160|\#0*8201|\#0*8239|\#x0*a0|\#x0*2009|\#x0*202f);)"
_FRENCH = re.compile(
    rf"""
      (?P<space>{_SP}*)(?P<mark>[;:!?»])  # marks that take a space before
    | «(?P<inside>{_SP}*)                 # « takes one after
    | &\#?\w+;                            # any other entity, whole: its ; is no semicolon
    """,
    re.I | re.X,
)
# What may follow a French ; : ! ? that is punctuation. Anything else (a letter,
# a digit, "/", "=", "«") means a URL, a time, a ratio or code: hands off.
_AFTER_MARK = {";": "»”", ":": "»”", "!": "»”’)]…!?", "?": "»”’)]…!?"}
# After these a straight quote opens.
_OPENERS = "([{«“‘—–"
# typogrify's amp, but its pattern eats the space after "&": in "a & & b" only
# the first & got wrapped, the second on the next run. Lookarounds eat nothing.
_AMP = re.compile(r"(?:(?<=\s)|(?<=&nbsp;))(?:&amp;|&#38;|&)(?=\s|&nbsp;)")

_NO_BREAK = re.compile(r"[\u00a0\u202f]|&(?:nbsp|#0*160|#x0*a0|#0*8239|#x0*202f);", re.I)
_HIDDEN = re.compile(r"<\x01([^>]*)>")
_PLAIN_DROP = re.compile(rf"<!--.*?-->|<(script|style)\b{_ATTRS}>.*?</\1\s*>", re.I | re.S)
_PLAIN_TAG = re.compile(rf"</?([a-zA-Z][a-zA-Z0-9-]*){_ATTRS}>")
_COLLAPSE = re.compile(r"[ \t\n\r\f\v]+")  # not \s: no-break spaces must stay


def typeset(html: str, lang: str) -> str:
    """Typography for rendered HTML (body or summary) in language `lang`.

    "ar", "en" and "fr" (or a regional variant such as "fr-CA") get their
    rules; any other language is returned unchanged.
    """
    rules = _RULES.get((lang or "").lower().replace("_", "-").split("-")[0])
    if rules is None or not html:
        return html
    # NUL marks our placeholders; HTML parsers would not show one anyway.
    masked, kept = _mask(html.replace("\x00", "\ufffd"))
    return _unmask(rules(masked), kept)


def typeset_title(title: str, lang: str) -> str:
    """Typography for a headline, returned as HTML for <h1> and listings.

    The title is read as HTML, as Pelican and the templates read it (`AT&amp;T`).
    Line breaks from a continued front-matter line become one space.
    """
    return typeset(_COLLAPSE.sub(" ", title).strip(" "), lang)


def plain_text(html: str) -> str:
    """Plain text from typeset HTML, for <title>, meta tags and JSON-LD.

    No tags, entities decoded (no-break spaces stay U+00A0 / U+202F characters),
    whitespace collapsed. Not escaped: the template escapes it.
    """
    text = _PLAIN_DROP.sub("", html)
    # A block boundary separates words (<p>a</p><p>b</p> is "a b"); inline tags do not.
    text = _PLAIN_TAG.sub(lambda m: "" if m[1].lower() in _INLINE else " ", text)
    return _COLLAPSE.sub(" ", _html.unescape(text)).strip(" ")


# Masking: code, comments and attributes out of reach of every rule.


def _mask(html):
    """Swap code, comments and attributes for placeholder tags; return (html, originals).

    A placeholder keeps what the rules look at: a tag keeps its name (<a␀7>, so
    widont still sees an <a>); code becomes a nameless tag (<␀7>) that reads as
    a word; a comment (<!␀7>) reads as nothing. ␀ is NUL, which HTML text never holds.
    """
    kept = []

    def hide(m):
        kept.append(m[0])
        prefix = "!" if m["comment"] else "" if m["keep"] else m["name"]
        return f"<{prefix}\x00{len(kept) - 1}>"

    return _MASK.sub(hide, html), kept


def _unmask(html, kept):
    return _UNMASK.sub(lambda m: kept[int(m[1])], html) if kept else html


# The rules of each language, on masked HTML.


def _english(html):
    html = _AMP.sub('<span class="amp">&amp;</span>', html)
    # typogrify's applyfilters(amp=False, widont=False), with smartypants'
    # rules run by curly.py (the same output, a third of the time).
    return _widont(initial_quotes(caps(curly.smartypants(html))))


def _french(html):
    # Masked HTML has no attribute left: every ' is text, and an apostrophe.
    html = _edit_text(html.replace("'", "’"), _straight_quotes)
    # Spacing once quotes are final, and before widont, which would turn a
    # U+202F into &nbsp;.
    return _widont(_edit_text(html, _french_spacing))


def _arabic(html):
    return _edit_text(html, _straight_quotes)


_RULES = {"ar": _arabic, "en": _english, "fr": _french}


def _widont(html):
    """typogrify's widont, made idempotent.

    It glues the last two words of a block with &nbsp;, but on its own output it
    would glue the two before them. Hidden behind a tag, an existing no-break
    space (ours or the author's) ends the last word, so widont sees no gap left.
    """
    hidden, count = _NO_BREAK.subn("<\x01\\g<0>>", html)
    html = widont(hidden)
    return _HIDDEN.sub(r"\1", html) if count else html


# One pass over the text between tags, each piece edited knowing its neighbours.


def _edit_text(html, edit):
    """Apply edit(text, before, after) to each text piece between tags.

    `before` and `after` are the characters next to the piece across inline
    tags: "" at a block boundary (<p>, <li>, <br>…), "x" next to masked code
    (it reads as a word). Quotes and marks split by <em> or <a> need them.
    """
    parts = _SPLIT.split(html)  # text, tag, text, tag, …, text
    before = [""] * len(parts)
    context = ""
    for i, part in enumerate(parts):
        if i % 2:
            context = _across(part, context)
        elif part:
            before[i] = context
            context = _char_before(part, len(part), "")
    context = ""
    for i in range(len(parts) - 1, -1, -1):
        part = parts[i]
        if i % 2:
            context = _across(part, context)
        elif part:
            after, context = context, _char_after(part, 0, "")
            parts[i] = edit(part, before[i], after)
    return "".join(parts)


def _across(tag, context):
    """The context seen through `tag`: kept by inline tags, reset by the others."""
    if tag.startswith("<\x00"):
        return "x"
    if tag.startswith("<!"):
        return context
    name = _TAG_NAME.match(tag)
    return context if name and name[1].lower() in _INLINE else ""


def _char_before(text, i, outside):
    """The character before text[i], an entity decoded; `outside` at the start."""
    if i == 0:
        return outside
    if text[i - 1] == ";":
        amp = text.rfind("&", max(0, i - 40), i)
        if amp != -1 and _ENTITY.fullmatch(text, amp, i):
            return _html.unescape(text[amp:i])[-1]
    return text[i - 1]


def _char_after(text, j, outside):
    """The character at text[j], an entity decoded; `outside` at the end."""
    if j == len(text):
        return outside
    if text[j] == "&" and (entity := _ENTITY.match(text, j)):
        return _html.unescape(entity[0])[0]
    return text[j]


def _straight_quotes(text, before, after):
    """Straight double quotes become « and », spaces left as they are.

    Arabic wants none inside; French spacing adds its own afterwards.
    """
    if '"' not in text:
        return text

    def fix(m):
        prev = _char_before(text, m.start(), before)
        nxt = _char_after(text, m.end(), after)
        opens_after = not prev or prev.isspace() or prev in _OPENERS
        closes_before = not nxt or nxt.isspace()
        if opens_after:
            return '"' if closes_before else "«"  # spaces on both sides: leave it
        if closes_before:
            return "»"
        # Glued on both sides: a quote before a letter opens. Arabic attaches
        # و ف ب ل to the next word, quotes included: و"هواوي" is و«هواوي».
        return "«" if nxt.isalnum() else "»"

    return re.sub('"', fix, text)


def _french_spacing(text, before, after):
    def fix(m):
        if m.lastgroup == "mark":
            return _french_mark(text, m, before, after)
        if m.lastgroup == "inside":
            nxt = _char_after(text, m.end(), after)
            # No space typed and none to add: « ends the block, or a space
            # follows across an inline tag.
            if not m["inside"] and (not nxt or nxt.isspace()):
                return m[0]
            return "«" + NNBSP
        return m[0]  # an entity

    return _FRENCH.sub(fix, text)


def _french_mark(text, m, before, after):
    """The space before ; : ! ? or »: U+202F, replacing any space typed there."""
    mark = m["mark"]
    prev = _char_before(text, m.start(), before)
    if not prev or (not m["space"] and prev.isspace()):
        return m[0]  # a block starts with it, or a space sits across a tag
    if prev == "«" or (mark != "»" and prev in ";:!?"):
        return m[0]  # « took the space; or the second of ?! or !!: the first took it
    if mark != "»":
        nxt = _char_after(text, m.end(), after)
        if nxt and not nxt.isspace() and nxt not in _AFTER_MARK[mark]:
            return m[0]  # http://, 10:30, 3:1, ?q=1
    return NNBSP + mark
