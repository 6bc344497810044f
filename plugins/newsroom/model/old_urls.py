"""Old addresses that redirect to a story or page: the `Old_URLs` field.

A content file lists the addresses it used to have (on the WordPress site,
say) in its front matter, one per line; `invoke import-wordpress` writes them,
and authors may add their own:

    Old_URLs: /2020/11/24/aicto-and-huawei/
        /?p=123

The redirects live with the content they lead to, so they follow the file
when its date, category or slug changes. The rules table checks each value
(`parse`); `check` looks at the claims between files (two files claiming one
address, or an address that is another page's). After the languages are
merged, build/redirects.py writes the redirect pages and `/_redirects`.
"""

import re
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit

from .layout import site_path
from .problems import Problem

FIELD = "old_urls"
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


def values(field):
    """The addresses a field holds: one per line (spaces and commas separate too)."""
    return [value for value in re.split(r"[\s,]+", field.value) if value]


def claims(items, settings):
    """[(OldURL, item)] for every published item's Old_URLs, in scan order,
    each address once per item and never the item's own address."""
    prefix = site_path(settings["SITEURL"])
    found = []
    for item in items:
        if FIELD not in item.meta:
            continue
        own = unquote(f"{prefix}/{item.url}")
        seen = set()
        for value in values(item.meta[FIELD]):
            try:
                old = parse(value)
            except ValueError:
                continue  # the rules table reported it
            if old not in seen and not (old.path == own and not old.query):
                seen.add(old)
                found.append((old, item))
    return found


def reserved(settings):
    """The site's own addresses at its root: files and folders the build
    writes besides the pages (sitemaps, robots.txt, `_headers`, the search
    index, the theme…). An old address there would take their place."""
    names = {"_headers", "_redirects", "sitemap.xml", "news-sitemap.xml", "robots.txt", "404.html"}
    return names | {settings["SEARCH_BUNDLE_DIR"], settings["THEME_STATIC_DIR"]}


def check(index, settings):
    """Across files: an address claimed twice, or one that is a page of the
    site (a story, a page, a home, a section, a file the build writes…).
    Adds Problems to `index`."""
    prefix = site_path(settings["SITEURL"])
    owned = reserved(settings)
    pages = {}
    for versions in index.alternates(settings).values():
        for url in versions.values():
            pages[unquote(f"{prefix}/{url}")] = url
    owners = {}
    for old, item in claims(index.items, settings):
        line = item.meta[FIELD].line
        if old in owners:
            message = f'"{old}" is claimed by {owners[old]} too; keep it in one file only'
            index.problems.append(Problem(item.path, line, FIELD, message))
        elif not old.query and old.path in pages:
            message = f'"{old}" is the address of a page of the site; remove it from Old_URLs'
            index.problems.append(Problem(item.path, line, FIELD, message))
        elif _first_segment(old.path, prefix) in owned:
            message = f'"{old}" is an address the build writes itself; remove it from Old_URLs'
            index.problems.append(Problem(item.path, line, FIELD, message))
        owners.setdefault(old, item.path)


def _first_segment(path, prefix):
    """The first segment of `path` under the site's path prefix ("" outside it)."""
    if prefix and not path.startswith(prefix + "/"):
        return ""
    return path[len(prefix) :].lstrip("/").split("/")[0]
