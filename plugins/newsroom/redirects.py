"""Old addresses that redirect to a story or page: the `Old_URLs` field.

A content file lists the addresses it used to have (on the WordPress site,
say) in its front matter, one per line; `invoke import-wordpress` writes them,
and authors may add their own:

    Old_URLs: /2020/11/24/aicto-and-huawei/
        /?p=123

The redirects live with the content they lead to, so they follow the file
when its date, category or slug changes. The content scan checks the field
(`check_field`, every file) and the claims between files (`check`: two files
claiming one address, or an address that is another page's). After the
languages are merged, `write` puts a redirect page at each old path (a
`<meta http-equiv="refresh">`, a canonical link and a visible link, noindex)
and every old address in `/_redirects` for hosts that read it (Netlify,
Cloudflare Pages). An address with a query (`/?p=123`) cannot be a file: it
is only in `_redirects`.
"""

import re
from dataclasses import dataclass
from html import escape
from pathlib import PurePosixPath
from urllib.parse import parse_qsl, quote, unquote, urlsplit

from .languages import site_path
from .validation import Problem

FIELD = "old_urls"
REDIRECTS_FILE = "_redirects"
# Characters left as they are in a path of `_redirects`; the rest is percent-encoded.
PATH_SAFE = "/-._~!$&'()*+,;=:@"
# Paths written as a page file of their own; other extensions (.php, .asp)
# cannot be served as HTML by a static host, so they are in `_redirects` only.
PAGE_SUFFIXES = (".html", ".htm")
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


def check_field(meta, report):
    """One file's `Old_URLs`, as written; `report(field, message, line)`."""
    if FIELD in meta:
        for value in values(meta[FIELD]):
            try:
                parse(value)
            except ValueError as error:
                report(FIELD, str(error), meta[FIELD].line)


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
                continue  # check_field reported it
            if old not in seen and not (old.path == own and not old.query):
                seen.add(old)
                found.append((old, item))
    return found


def check(index, settings):
    """Across files: an address claimed twice, or one that is a page of the
    site (a story, a page, a home, a section…). Adds Problems to `index`."""
    prefix = site_path(settings["SITEURL"])
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
        owners.setdefault(old, item.path)


def write(site, items, settings):
    """Redirect pages and `_redirects` in the merged site (before the swap).
    Returns Problems for old paths that a page of the new site has taken,
    having written nothing; else an empty list."""
    prefix = site_path(settings["SITEURL"])
    pages, lines, problems = {}, [], []
    for old, item in claims(items, settings):
        target = f"{prefix}/{item.url}"
        quoted = quote(target, safe=PATH_SAFE)
        if old.query:
            # Netlify's form for a query: `/ p=123 /new/ 301`. The `!` lets it
            # redirect although a file (/index.html) exists at the path.
            query = " ".join(f"{k}={quote(v, safe='')}" for k, v in parse_qsl(old.query))
            lines.append(f"{old.encoded_path} {query} {quoted} 301!")
            continue
        lines.append(f"{old.encoded_path} {quoted} 301")
        file = _page_file(site, old.path, prefix)
        if file is None:
            continue
        shown = "/" + file.relative_to(site).as_posix()
        line = item.meta[FIELD].line
        if file in pages:  # /about and /about/ are one file
            owner = pages[file][0]
            if owner is not item:
                message = (
                    f'"{old}" is claimed by {owner.path} too ({shown}); keep it in one file only'
                )
                problems.append(Problem(item.path, line, FIELD, message))
            continue
        if file.exists() or any(parent.is_file() for parent in file.parents):
            message = (
                f'"{old}" is the address of a page of the site ({shown}); remove it from Old_URLs'
            )
            problems.append(Problem(item.path, line, FIELD, message))
        pages[file] = (item, _page(item, target, settings))
    if problems:
        return problems
    for file, (_, html) in pages.items():
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(html, encoding="utf-8")
    if lines:
        (site / REDIRECTS_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return []


def _page_file(site, path, prefix):
    """Where the redirect page for `path` goes in the site, or None: a path
    outside the site's own prefix, or one no static host serves as HTML."""
    if prefix:
        if not path.startswith(prefix + "/"):
            return None
        path = path[len(prefix) :]
    relative = PurePosixPath(path.lstrip("/"))
    if path.endswith("/") or "." not in relative.name:
        return site.joinpath(*relative.parts, "index.html")
    if relative.suffix.lower() in PAGE_SUFFIXES:
        return site.joinpath(*relative.parts)
    return None


def _page(item, target, settings):
    """A redirect page: refresh at once, canonical link, a link to follow, noindex."""
    language = settings["LANGUAGES"].get(item.lang, {})
    title = next(
        (item.meta[key].value for key in ("title", "name") if key in item.meta),
        target,
    )
    title = escape(" ".join(title.split()))
    canonical = escape(f"{settings['SITEURL']}/{item.url}")
    href = escape(target)
    policy = settings.get("CONTENT_SECURITY_POLICY")
    csp = (
        f'<meta http-equiv="Content-Security-Policy" content="{escape(policy)}">\n'
        if policy
        else ""
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{item.lang}" dir="{language.get("dir", "ltr")}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f"{csp}"
        f"<title>{title}</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{canonical}">\n'
        f'<meta http-equiv="refresh" content="0; url={href}">\n'
        "</head>\n"
        "<body>\n"
        f'<p><a href="{href}">{title}</a></p>\n'
        "</body>\n"
        "</html>\n"
    )
