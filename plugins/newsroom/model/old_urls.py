"""Old addresses that redirect: a story's or page's own, and the old site's lists.

A content file lists the addresses it used to have (on the WordPress site,
say) in its front matter, one per line; `invoke import-wordpress` writes them,
and authors may add their own:

    Old_URLs: /2020/11/24/aicto-and-huawei/
        /?p=123

The redirects live with the content they lead to, so they follow the file
when its date, category or slug changes. The old site's lists (a category,
a tag, a month's archive, an author, a feed) have no file of their own here:
their addresses go in a redirects file, content/redirects/<slug>.<lang>.md,
one line each, to a list of the site in the file's language, named rather
than written as an address, so that it follows the URL settings too:

    Redirects: /category/news/ -> category news
        /tag/huawei/ -> tag Huawei
        /2020/11/ -> archives
        /author/aicto/ -> home
        /feed/ -> feed

The rules table checks each value with `addresses` and `redirect_lines`
(`parse`, `parse_redirect`); `check` looks
at the claims between files (two files claiming one address, an address
that is another page's, a tag no story has). After the languages are
merged, build/redirects.py writes the redirect pages and `/_redirects`.
"""

import re
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit

from pelican.urlwrappers import Tag

from .layout import site_path, url
from .problems import Problem
from .values import canonical, split_list

FIELD = "old_urls"
LISTS_FIELD = "redirects"  # the field of a redirects file
# Characters left as they are in `_redirects`: RFC 3986's unreserved ones and
# the path's slashes. The rest is percent-encoded: `*` and `:` mean splats and
# placeholders to the hosts that read the file, spaces separate its fields.
PATH_SAFE = "/-._~"
FORMS = "in full (https://…) or from its first / (e.g. /2020/11/24/my-story/)"


@dataclass(frozen=True)
class OldURL:
    path: str  # decoded, from the host's root: "/2020/11/24/المنظمة/"
    query: str  # "p=123", or ""

    def __str__(self):
        """As authors read it: the path decoded (Arabic stays Arabic)."""
        return self.path + (f"?{self.query}" if self.query else "")

    @property
    def encoded_path(self):
        """The path as `_redirects` wants it: special characters percent-encoded."""
        return quote(self.path, safe=PATH_SAFE)


def parse(text):
    """The OldURL a value names; ValueError with what to do, for the author."""
    parts = urlsplit(text)
    if parts.scheme not in ("", "http", "https") or not (parts.netloc or text.startswith("/")):
        raise ValueError(f'"{text}" is not an address; write it {FORMS}')
    path = unquote(parts.path or "/")
    segments = path.split("/")
    if any(segment in (".", "..") for segment in segments) or re.search(r"[\\\x00-\x1f]", path):
        raise ValueError(f'"{text}" is not a usable address; write it {FORMS}')
    if path == "/" and not parts.query:
        raise ValueError(f'"{text}" is the home page, which the site has; remove it')
    return OldURL(path, parts.query)


def addresses(file, name, field):
    """`Old_URLs`: each address in full or from its first /."""
    for value in values(field):
        try:
            parse(value)
        except ValueError as error:
            file.report(name, str(error), field.line)


def redirect_lines(file, name, field):
    """`Redirects`: one "<old address> -> <list of the site>" a line."""
    for line, text in lines(field):
        try:
            parse_redirect(text, file.settings["CATEGORIES"])
        except ValueError as error:
            file.report(name, str(error), line)


def values(field):
    """The addresses a field holds: one per line (spaces and commas separate too)."""
    return [value for value in re.split(r"[\s,]+", field.value) if value]


@dataclass(frozen=True)
class Claim:
    """An old address and where it now leads."""

    old: OldURL
    item: object  # the scan's Item whose file claims it
    url: str  # the new address, site-relative: "en/news/2020/11/<slug>/"
    line: int  # where the file names it
    title: str  # what the redirect page calls the new address ("": its address)
    target: object = None  # a redirects file's line: the Target it names


def claims(items, settings):
    """[Claim] for every published item's old addresses, in scan order, each
    once per item and never the item's own address."""
    prefix = site_path(settings["SITEURL"])
    found = []
    for item in items:
        if LISTS_FIELD in item.meta and item.kind == "redirects":
            found += _list_claims(item, settings)
        if FIELD not in item.meta:
            continue
        own = unquote(f"{prefix}/{item.url}")
        title = next((item.meta[key].value for key in ("title", "name") if key in item.meta), "")
        seen = set()
        for value in values(item.meta[FIELD]):
            try:
                old = parse(value)
            except ValueError:
                continue  # the rules table reported it
            if old not in seen and not (old.path == own and not old.query):
                seen.add(old)
                found.append(Claim(old, item, item.url, item.meta[FIELD].line, title))
    return found


def reserved(settings):
    """The site's own addresses at its root: files and folders the build
    writes besides the pages (sitemaps, robots.txt, `_headers`, the search
    index, the theme…). An old address there would take their place."""
    names = {"_headers", "_redirects", "sitemap.xml", "news-sitemap.xml", "robots.txt", "404.html"}
    return names | {settings["SEARCH_BUNDLE_DIR"], settings["THEME_STATIC_DIR"]}


def check(index, settings):
    """Across files: an address claimed twice, one that is a page of the site
    (a story, a page, a home, a section, a file the build writes…), or a list
    that the site will not have (a tag or category no published story of the
    language has). Adds Problems to `index`."""
    prefix = site_path(settings["SITEURL"])
    owned = reserved(settings)
    pages = {}
    for versions in index.alternates(settings).values():
        for address in versions.values():
            pages[unquote(f"{prefix}/{address}")] = address
    tags = _tags(index.items, settings)
    owners = {}
    for claim in claims(index.items, settings):
        old, field = claim.old, claim_field(claim)
        where = FIELD_NAMES[field]
        message = None
        if old in owners and owners[old][0] == claim.item.path:
            message = f'"{old}" is on line {owners[old][1]} too; keep one of the two'
        elif old in owners:
            message = f'"{old}" is claimed by {owners[old][0]} too; keep it in one file only'
        elif not old.query and old.path in pages:
            message = f'"{old}" is the address of a page of the site; remove it from {where}'
        elif _first_segment(old.path, prefix) in owned:
            message = f'"{old}" is an address the build writes itself; remove it from {where}'
        elif claim.target:
            message = _missing(claim, set(pages.values()), tags, settings)
        if message:
            index.problems.append(Problem(claim.item.path, claim.line, field, message))
        owners.setdefault(old, (claim.item.path, claim.line))


FIELD_NAMES = {FIELD: "Old_URLs", LISTS_FIELD: "Redirects"}


def claim_field(claim):
    """The field a claim's line is in, as problems name it."""
    return LISTS_FIELD if claim.target else FIELD


def _missing(claim, pages, tags, settings):
    """Why a redirects file's target is a list the site will not have, or None."""
    target, lang = claim.target, claim.item.lang
    if target.kind == "tag" and claim.url not in tags:
        return (
            f'no published story in {lang} has the tag "{target.key}"; '
            "name a tag one has, or lead it to tags (the list of every tag)"
        )
    category = url(settings, "CATEGORY_URL", lang, slug=target.key)
    if target.kind.startswith("category") and category not in pages:
        return (
            f'no published story in {lang} is in the category "{target.key}"; '
            "name a category that has stories, or lead it to archives"
        )
    return None


def _tags(items, settings):
    """The addresses of the tag pages the published stories make."""
    named = {
        (name, item.lang)
        for item in items
        if item.kind == "article" and "tags" in item.meta
        for name in split_list(item.meta["tags"].value)
    }  # each tag slugified once per language, not once per story
    return {
        url(settings, "TAG_URL", lang, slug=tag_slug(name, lang, settings)) for name, lang in named
    }


def _first_segment(path, prefix):
    """The first segment of `path` under the site's path prefix ("" outside it)."""
    if prefix and not path.startswith(prefix + "/"):
        return ""
    return path[len(prefix) :].lstrip("/").split("/")[0]


# The old site's lists: a redirects file's lines -------------------------------

# Each list a line may lead to, and the setting that gives its address.
TARGETS = {
    "home": "INDEX_URL",
    "archives": "ARCHIVES_URL",
    "tags": "TAGS_URL",
    "feed": "FEED_ALL_ATOM",
    "category": "CATEGORY_URL",
    "category feed": "CATEGORY_FEED_ATOM",
    "tag": "TAG_URL",
}
TARGET_FORMS = "home, archives, tags, feed, category <key>, category feed <key> or tag <name>"
ARROW_RE = re.compile(r"\s+(?:->|→)\s+")


@dataclass(frozen=True)
class Target:
    kind: str  # a key of TARGETS
    key: str = ""  # the category's key or the tag's name


def lines(field):
    """[(line number, text)] of a Redirects field's non-empty lines."""
    return [
        (field.line + number, text.strip())
        for number, text in enumerate(field.value.split("\n"))
        if text.strip()
    ]


def parse_redirect(text, categories):
    """(OldURL, Target) of a line "<old address> -> <target>"; ValueError
    with what to do. Targets are read in any case and spacing."""
    match = ARROW_RE.search(text)
    if not match:
        raise ValueError(
            f'"{text}" is not "<old address> -> <target>", a target being {TARGET_FORMS}'
        )
    return parse(text[: match.start()]), _target(text[match.end() :], categories)


def _target(text, categories):
    words = text.split()
    folded = [word.casefold() for word in words]
    for size, kind in ((2, "category feed"), (1, "category"), (1, "tag")):
        if " ".join(folded[:size]) == kind and len(words) > size:
            key = " ".join(words[size:])
            if kind == "tag":
                return Target(kind, key)
            found = canonical(key, categories)
            if found is None:
                raise ValueError(f'"{key}" is not a category; use one of: {", ".join(categories)}')
            return Target(kind, found)
    if " ".join(folded) in ("home", "archives", "tags", "feed"):
        return Target(" ".join(folded))
    raise ValueError(f'"{text}" is not a list of the site; lead it to {TARGET_FORMS}')


def tag_slug(name, lang, settings):
    """The slug the language's run gives the tag `name` (/tags/<slug>/ is its
    page): with the language's own settings (Arabic keeps its letters)."""
    return Tag(name, {**settings, **settings["LANGUAGES"][lang].get("settings", {})}).slug


def target_url(target, lang, settings):
    """The site-relative address of `target` in `lang`."""
    slug = tag_slug(target.key, lang, settings) if target.kind == "tag" else target.key
    return url(settings, TARGETS[target.kind], lang, slug=slug)


def _list_claims(item, settings):
    """[Claim] of a redirects file's lines (those the rules table passed)."""
    found = []
    for line, text in lines(item.meta[LISTS_FIELD]):
        try:
            old, target = parse_redirect(text, settings["CATEGORIES"])
        except ValueError:
            continue  # the rules table reported it
        address = target_url(target, item.lang, settings)
        found.append(Claim(old, item, address, line, target.key, target))
    return found
