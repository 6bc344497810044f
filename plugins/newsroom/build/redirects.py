"""Redirect pages and `/_redirects`, written into the merged site before the swap.

Each published item's `Old_URLs`, and each line of a redirects file
(model/old_urls.py), becomes a redirect page
at each old path (a `<meta http-equiv="refresh">`, a canonical link and a
visible link, noindex) and a line of `/_redirects` for hosts that read it
(Netlify, Cloudflare Pages). An address with a query (`/?p=123`) cannot be a
file: it is only in `_redirects`. An old path that the merged site already
has a file at is a Problem, and nothing is written.
"""

from html import escape
from pathlib import PurePosixPath
from urllib.parse import parse_qsl, quote

from ..model.i18n import translations
from ..model.layout import site_path
from ..model.old_urls import FIELD_NAMES, PATH_SAFE, claim_field, claims
from ..model.problems import Problem

REDIRECTS_FILE = "_redirects"
# Paths written as a page file of their own; other extensions (.php, .asp)
# cannot be served as HTML by a static host, so they are in `_redirects` only.
PAGE_SUFFIXES = (".html", ".htm")


def write(site, items, settings):
    """Redirect pages and `_redirects` in the merged site (before the swap).
    Returns Problems for old paths that a page of the new site has taken,
    having written nothing; else an empty list."""
    prefix = site_path(settings["SITEURL"])
    pages, lines, problems = {}, [], []
    for claim in claims(items, settings):
        old, item = claim.old, claim.item
        target = f"{prefix}/{claim.url}"
        quoted = quote(target, safe=PATH_SAFE)
        if old.query:
            # Netlify's form for a query: `/ p=123 /new/ 301`. The `!` lets it
            # redirect although a file (/index.html) exists at the path.
            pairs = parse_qsl(old.query, keep_blank_values=True)
            query = " ".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs)
            lines.append(f"{old.encoded_path} {query} {quoted} 301!")
            continue
        lines.append(f"{old.encoded_path} {quoted} 301")
        file = _page_file(site, old.path, prefix)
        if file is None:
            continue
        shown = "/" + file.relative_to(site).as_posix()
        field = claim_field(claim)
        if file in pages:  # /about and /about/ are one file
            owner = pages[file][0]
            if owner is not item:
                message = (
                    f'"{old}" is claimed by {owner.path} too ({shown}); keep it in one file only'
                )
                problems.append(Problem(item.path, claim.line, field, message))
            continue
        if file.exists() or any(parent.is_file() for parent in file.parents):
            message = (
                f'"{old}" is the address of a page of the site ({shown}); '
                f"remove it from {FIELD_NAMES[field]}"
            )
            problems.append(Problem(item.path, claim.line, field, message))
        pages[file] = (item, _page(claim, target, settings))
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


def _page(claim, target, settings):
    """A redirect page: refresh at once, canonical link, a link to follow, noindex."""
    item = claim.item
    language = settings["LANGUAGES"].get(item.lang, {})
    title = escape(" ".join((_title(claim, settings) or target).split()))
    canonical = escape(f"{settings['SITEURL']}/{claim.url}")
    href = escape(target)
    policy, referrer = settings.get("CONTENT_SECURITY_POLICY"), settings.get("REFERRER_POLICY")
    csp = ""  # as partials/csp.html puts them in every page
    if policy:
        csp += f'<meta http-equiv="Content-Security-Policy" content="{escape(policy)}">\n'
    if referrer:
        csp += f'<meta name="referrer" content="{escape(referrer)}">\n'
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


def _title(claim, settings):
    """What the page calls the new address: a story's title, a tag's name, a
    category's name in the file's language; else "" (its address)."""
    target = claim.target
    if target and target.kind.startswith("category"):
        name = settings["CATEGORIES"][target.key]
        return translations(settings["THEME"], claim.item.lang).gettext(name)
    return claim.title
