"""`invoke import-wordpress`: a WordPress export (WXR) becomes our content files.

Pelican's importer (`pelican.tools.pelican_import`) does what it can, as it
is: `file_to_soup` reads the export and `fields2pelican` turns each body into
Markdown (WordPress's own paragraph rules, `decode_wp_content`, then pandoc).
Its `wp2fields` is not used: it drops pending, private and scheduled posts
and keeps no post ids, links, category slugs, excerpts or languages. What it
lacks is here:

- each post's language and translations, from Polylang (the `language` and
  `post_translations` terms) or WPML (the `_wpml_import_*` custom fields of
  its Export and Import add-on); one Latin slug per translation group;
- our layout, front matter, categories (WordPress category slugs mapped onto
  ours), statuses, authors' display names, excerpts as summaries, featured
  images;
- media: links to `/wp-content/uploads/…` (and images from elsewhere) point
  to `{static}/images/…`, and a list says which file to fetch to which path;
- old addresses (the post's link, `?p=<id>`, `?page_id=<id>`) go in each
  file's `Old_URLs`, which the build turns into redirects (build/redirects.py).

The bodies are wordpress_html.py's.

Comments are not imported. Nothing is written until everything is known, so
a bad export or a file in the way stops the import with one line
(AuthoringError) and leaves the content folder as it was.
"""

import datetime
import re
import shutil
from collections import Counter, defaultdict
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import unquote
from zoneinfo import ZoneInfo

from pelican.utils import slugify

from ..model.layout import FILENAME_RE, reserved_slugs, site_path
from ..model.problems import shown_path
from ..model.rules import SUMMARY_MAX
from . import wordpress_export as wxr
from . import wordpress_html as html
from . import wordpress_lists as lists
from . import wordpress_media as media
from .authoring import AuthoringError, is_latin

KINDS = {"post": "article", "page": "page"}  # WordPress post type -> ours
DRAFTS = {"draft", "pending", "private"}
MEDIA_LIST = "wordpress-media.txt"


def import_wordpress(
    settings,
    export,
    lang=None,
    category=None,
    categories=None,
    media_list=None,
    media_from=None,
    fetch_media=False,
    progress=print,
):
    """Read `export`, write content files, the redirects of the old site's
    lists and the media list, put the media in place from `media_from` or
    the old site (`fetch_media`); return the report."""
    content = Path(settings["PATH"])
    languages = settings["LANGUAGES"]
    if lang and lang not in languages:
        raise AuthoringError(
            f'--lang: "{lang}" is not a language of the site; use one of: {", ".join(languages)}'
        )
    category = category or next(iter(settings["CATEGORIES"]))
    if category not in settings["CATEGORIES"]:
        raise AuthoringError(
            f'--category: "{category}" is not a category; '
            f"use one of: {', '.join(settings['CATEGORIES'])}"
        )
    mapping = _category_mapping(categories, settings["CATEGORIES"])
    source = media.check_source(media_from)
    media_list = Path(media_list) if media_list else content.resolve().parent / MEDIA_LIST
    if not shutil.which("pandoc"):
        raise AuthoringError("pandoc is missing: install it (sudo apt-get install pandoc)")

    soup = wxr.read(export)
    channel = soup.rss.channel
    base = wxr.child_text(channel, "wp:base_site_url") or wxr.child_text(channel, "link")
    authors = {
        wxr.child_text(author, "wp:author_login"): wxr.child_text(author, "wp:author_display_name")
        for author in channel.find_all("wp:author", recursive=False)
    }
    items = channel.find_all("item", recursive=False)
    library = wxr.Library(items)
    zone = ZoneInfo(settings["TIMEZONE"])
    skipped, comments = Counter(), 0
    posts, no_language, other_language = [], [], Counter()
    for item in items:
        comments += len(item.find_all("wp:comment", recursive=False))
        kind = KINDS.get(wxr.child_text(item, "wp:post_type"))
        status = wxr.child_text(item, "wp:status")
        if kind is None or status not in wxr.PUBLISHED | DRAFTS:
            if wxr.child_text(item, "wp:post_type") != "attachment":
                skipped[f"{wxr.child_text(item, 'wp:post_type')} ({status})"] += 1
            continue
        post = wxr.post(item, kind, status, authors, zone, base)
        if post.lang is None:
            post.lang = lang
            if lang is None:
                no_language.append(post.id)
                continue
        if post.lang not in languages:
            other_language[post.lang] += 1
            continue
        posts.append(post)
    if no_language:
        raise AuthoringError(
            f"{len(no_language)} posts have no language (no Polylang or WPML data), "
            f"e.g. post {no_language[0]}; give the language of the site's posts with --lang "
            f"({', '.join(languages)})"
        )

    _assign_slugs(posts, settings, content)  # refuses a story or page already there
    if media_list.exists():
        raise AuthoringError(
            f"{shown_path(media_list)} exists already; the import writes over nothing: "
            "move it away, or give another --media-list"
        )
    files = html.Media(base)
    unmapped = Counter()
    bodies = [html.prepare(post, files, library) for post in posts]
    for post, markdown in zip(posts, html.markdown(bodies), strict=True):
        post.body = html.finish(markdown, post)
        _front_matter(post, settings, mapping, category, files, library, unmapped)
    order = [*dict.fromkeys([settings["X_DEFAULT_LANG"], *languages])]
    now = datetime.datetime.now(zone)
    redirects = {
        content / settings["REDIRECT_PATHS"][0] / f"{lists.SLUG}.{code}.md": lines
        for code, lines in lists.redirects(posts, channel, base, mapping, order, now).items()
    }
    for path in redirects:
        if path.exists():
            raise AuthoringError(
                f"{shown_path(path)} exists already; the import writes over nothing: "
                "move it away, or import into another --content folder"
            )

    for post in posts:
        post.path.parent.mkdir(parents=True, exist_ok=True)
        with post.path.open("x", encoding="utf-8") as out:
            out.write("\n".join(post.lines) + "\n\n" + post.body)
    for path, lines in redirects.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as out:
            out.write(lists.text(lines))
    if files.files:
        media_list.parent.mkdir(parents=True, exist_ok=True)
        with media_list.open("x", encoding="utf-8") as out:
            out.writelines(
                f"{url}\t{shown_path(content / path)}\n" for url, path in files.files.items()
            )
    gathered = media.gather(files.files, content, source, fetch_media, progress)
    found = Found(posts, content, files, media_list, gathered, source, redirects)
    return _report(export, found, skipped, comments, other_language, unmapped, category)


def _category_mapping(text, ours):
    """{WordPress category slug: our category}: ours by their own slug, plus
    --categories "slug=ours,…" (slugs as WordPress shows them, any script)."""
    mapping = {key: key for key in ours}
    for pair in filter(None, (part.strip() for part in (text or "").split(","))):
        wordpress, _, target = (side.strip() for side in pair.partition("="))
        if not wordpress or target not in ours:
            raise AuthoringError(
                f'--categories: "{pair}" is not "wordpress-slug=category" with a category among '
                f"{', '.join(ours)}"
            )
        mapping[unquote(wordpress).lower()] = target
    return mapping


# Slugs: one per translation group, Latin, unique, never taken by a file already there


def _assign_slugs(posts, settings, content):
    groups = defaultdict(list)
    for post in posts:
        key = (post.kind, post.group or f"post:{post.id}")
        if any(other.lang == post.lang for other in groups[key]):  # a broken group
            post.notes.append("its translation group has another post in this language too")
            key = (post.kind, f"post:{post.id}")
        groups[key].append(post)
    existing = _existing(settings, content)
    reserved = reserved_slugs(settings)
    taken = defaultdict(set)
    order = [*dict.fromkeys([settings["X_DEFAULT_LANG"], *settings["LANGUAGES"]])]
    subs = settings["SLUG_REGEX_SUBSTITUTIONS"]
    for (kind, _), members in groups.items():
        members.sort(key=lambda post: order.index(post.lang))
        slug = next(
            filter(None, (_latin_slug(e.name, subs) for e in members)),
            None,
        ) or next(filter(None, (_latin_slug(e.title, subs) for e in members)), None)
        if slug is None:
            slug = f"{'post' if kind == 'article' else 'page'}-{members[0].id}"
            for post in members:
                post.notes.append(
                    f'no Latin slug in WordPress: named "{slug}"; for a readable address, '
                    "rename its file (and its translations') with a few English words"
                )
        if kind == "page" and slug in reserved:
            for post in members:
                post.notes.append(f'"{slug}" is a section of the site: the page is "{slug}-page"')
            slug = f"{slug}-page"
        unique, number = slug, 2
        while unique in taken[kind]:
            unique, number = f"{slug}-{number}", number + 1
        if unique != slug:
            for post in members:
                post.notes.append(f'"{slug}" was taken by another imported post: "{unique}"')
        taken[kind].add(unique)
        for post in members:
            post.slug = unique
            if (kind, unique, post.lang) in existing:
                raise AuthoringError(
                    f"{shown_path(existing[(kind, unique, post.lang)])} exists already (WordPress "
                    f"post {post.id} has its slug and language); the import writes over nothing: "
                    "move it away, or import into another --content folder"
                )
            if kind == "article":
                folder = content / settings["ARTICLE_PATHS"][0] / f"{post.date.year:04d}"
            else:
                folder = content / settings["PAGE_PATHS"][0]
            post.path = folder / f"{unique}.{post.lang}.md"


def _existing(settings, content):
    """{(kind, slug, lang): path} of the stories and pages already there."""
    found = {}
    for kind, setting in (("article", "ARTICLE_PATHS"), ("page", "PAGE_PATHS")):
        for folder in settings[setting]:
            for path in sorted((content / folder).rglob("*.md")):
                if name := FILENAME_RE.match(path.name):
                    found.setdefault((kind, name["slug"], name["lang"]), path)
    return found


def _latin_slug(text, substitutions):
    """A slug as `invoke new` makes one, from Latin text only; else None."""
    if not text or not is_latin(text):
        return None
    made = re.sub(r"[^a-z0-9]+", "-", slugify(text, regex_subs=substitutions)).strip("-")
    return made or None


# Front matter


def _front_matter(post, settings, mapping, default, media, library, unmapped):
    fields = [("Title", post.title)]
    chosen = None
    if post.kind == "article":
        fields.append(("Date", f"{post.date:%Y-%m-%d %H:%M}"))
        chosen = next(
            (mapping[slug.lower()] for slug, _ in post.categories if slug.lower() in mapping), None
        )
        if chosen is None:
            chosen = default
            for _, name in post.categories or [("", "(none)")]:
                unmapped[name] += 1
        fields.append(("Category", chosen))
        # Categories that are not ours are kept as tags, unless WordPress's default.
        names = [name for _, name in post.tags]
        names += [
            name
            for slug, name in post.categories
            if slug.lower() not in mapping and slug.lower() != "uncategorized"
        ]
        post.tag_names = list(dict.fromkeys(wxr.tag_name(name) for name in names if name.strip()))
        if post.tag_names:
            fields.append(("Tags", ", ".join(post.tag_names)))
        if post.author:
            fields.append(("Author", post.author))
    summary = escape(post.excerpt, quote=False)  # Summary is Markdown: its text, as text
    if summary and len(summary) <= SUMMARY_MAX:
        fields.append(("Summary", summary))
    elif summary:
        post.notes.append(
            f"the WordPress excerpt has {len(summary)} characters, more than "
            f"{SUMMARY_MAX}: left out; write a Summary"
        )
    fields += _featured_image(post, media, library)
    if post.status != "published":
        fields.append(("Status", post.status))
    if post.source_lang in settings["LANGUAGES"] and post.source_lang != post.lang:
        fields.append(("Translation_of", post.source_lang))
    # One line each: a line break in a WordPress field must not start a field of its own.
    post.lines = [f"{key}: {' '.join(str(value).split())}" for key, value in fields]
    post.category = chosen
    own = _new_url(post, settings, chosen)
    post.old_urls = [url for url in post.old_urls if unquote(url) != own]
    if post.old_urls:  # parsed addresses (old_urls.parse), one per line by design
        post.lines.append("Old_URLs: " + "\n    ".join(post.old_urls))


def _featured_image(post, media, library):
    attachment = library.get(post.thumbnail)
    if attachment is None or not attachment.url:
        return []
    local = media.local(attachment.url)
    if local is None:
        return []
    alt = attachment.alt or attachment.caption
    if not alt:
        post.notes.append(
            f"the featured image has no alt text: not set; add Image: {local} and "
            "Image_alt: (what it shows)"
        )
        return []
    fields = [("Image", local), ("Image_alt", alt)]
    if attachment.caption and attachment.caption != alt:
        fields.append(("Image_caption", attachment.caption))
    return fields


def _new_url(post, settings, category):
    """The address the file will have, from the site's root: "/en/…/"."""
    key = "ARTICLE_URL" if post.kind == "article" else "PAGE_URL"
    pattern = settings[key].replace("{lang}", post.lang)
    values = dict(lang=post.lang, slug=post.slug, date=post.date, category=category)
    return f"{site_path(settings['SITEURL'])}/{pattern.format(**values)}"


# The report


@dataclass
class Found:
    """What the import wrote and gathered, for the report."""

    posts: list
    content: Path
    files: object  # wordpress_html.Media
    media_list: Path
    gathered: object  # wordpress_media.Gathered
    source: Path | None  # --media-from
    redirects: dict  # path of a redirects file -> its lines


def _report(export, found, skipped, comments, other, unmapped, category):
    posts = found.posts
    out = [f"Imported {export}:"]
    if not posts:
        out.append("  no posts or pages in a language of the site")
    for kind, one, many in (("article", "story", "stories"), ("page", "page", "pages")):
        files = [post for post in posts if post.kind == kind]
        if not files:
            continue
        languages = ", ".join(
            f"{lang} {n}" for lang, n in sorted(Counter(e.lang for e in files).items())
        )
        drafts = sum(post.status != "published" for post in files)
        out.append(
            f"  {_n(len({post.slug for post in files}), one, many)}: "
            f"{_n(len(files), 'file', 'files')}"
            + (f" ({languages})" if languages else "")
            + (f", {drafts} of them {'a draft' if drafts == 1 else 'drafts'}" if drafts else "")
        )
    urls = sum(len(post.old_urls) for post in posts)
    out.append(
        f"  {_n(urls, 'old address', 'old addresses')} in the files' Old_URLs: the build "
        "redirects them (a draft's once it is published)"
    )
    if found.redirects:
        count = sum(len(lines) for lines in found.redirects.values())
        where = ", ".join(shown_path(path) for path in found.redirects)
        out.append(
            f"  {_n(count, 'address', 'addresses')} of the old site's categories, tags, date "
            f"archives, authors and feeds in {where}: the build redirects them"
        )
    if found.files.files:
        out.append(
            f"  {_n(len(found.files.files), 'media file', 'media files')} listed in "
            f"{shown_path(found.media_list)} (address, a tab, where the file goes)"
        )
    out += media.report(found.gathered, found.source, posts, found.content)
    left = [_n(comments, "comment", "comments") + " (the site has none)"] if comments else []
    left += [f"{n} {what}" for what, n in sorted(skipped.items())]
    left += [f"{_n(n, 'post', 'posts')} in {lang}" for lang, n in sorted(other.items())]
    if left:
        out.append("Not imported: " + "; ".join(left) + ".")
    if unmapped:
        names = ", ".join(f"{name} ({n})" for name, n in sorted(unmapped.items()))
        out.append(
            f"Category {category} went to the posts whose WordPress categories are not ours: "
            f"{names}; to map them, import again with --categories slug=category"
        )
    attention = [f"  {shown_path(post.path)}: {note}" for post in posts for note in post.notes]
    if attention:
        out += [f"Needs your attention ({len(attention)}):", *attention]
    return "\n".join(out)


def _n(count, one, many):
    return f"{count} {one if count == 1 else many}"
