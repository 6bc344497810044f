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
  file's `Old_URLs`, which the build turns into redirects (redirects.py).

Comments are not imported. Nothing is written until everything is known, so
a bad export or a file in the way stops the import with one line
(AuthoringError) and leaves the content folder as it was.
"""

import contextlib
import datetime
import hashlib
import html
import io
import re
import shutil
import tempfile
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit
from zoneinfo import ZoneInfo

from bs4 import BeautifulSoup, Comment, NavigableString
from lxml import etree
from pelican.tools.pelican_import import fields2pelican, file_to_soup
from pelican.utils import slugify

from . import redirects
from .authoring import AuthoringError, is_latin
from .content_index import FILENAME_RE, reserved_slugs, shown_path
from .languages import site_path
from .validation import SUMMARY_MAX

KINDS = {"post": "article", "page": "page"}  # WordPress post type -> ours
PUBLISHED = {"publish", "future"}  # "future": scheduled; our builds hold it until its date
DRAFTS = {"draft", "pending", "private"}
UPLOADS = "/wp-content/uploads/"
MEDIA_LIST = "wordpress-media.txt"
ALT_NEEDED = "[alt text needed]"
# Stands for `{static}/` on the way through pandoc, which would percent-encode braces.
STATIC_MARK = "/newsroom-static-mark/"
NO_ALT_MARK = "NEWSROOMIMAGEWITHOUTALT{}X"
NO_ALT_RE = re.compile(r"NEWSROOMIMAGEWITHOUTALT(\d+)X")
# [caption id="…" caption="old form"]<a><img></a> new form[/caption]
CAPTION_RE = re.compile(r"\[caption([^\]]*)\](.*?)\[/caption\]", re.S)
CAPTION_ATTRIBUTE_RE = re.compile(r'caption="([^"]*)"')
SHORTCODE_RE = re.compile(r"\[/?([a-z][a-z0-9_-]*)(?:\s[^\]\n]*)?\]")
SIZE_SUFFIX_RE = re.compile(r"-\d+x\d+(?=\.\w+$)")  # meeting-1024x683.jpg, a resized copy
ATTACHMENT_CLASS_RE = re.compile(r"^wp-image-(\d+)$")
# What stays of WordPress's HTML: the rest is presentation (classes, styles,
# sizes, srcset) that our theme does instead.
KEEP_ATTRIBUTES = {
    "a": ("href", "title"),
    "img": ("src", "alt", "title"),
    "td": ("colspan", "rowspan"),
    "th": ("colspan", "rowspan"),
    "ol": ("start",),
}
WRAPPERS = ("div", "span", "font", "section", "article", "header", "footer", "main", "center")
REMOVED = ("script", "style", "noscript", "form")
EMBEDS = ("iframe", "embed", "object", "video", "audio")


@dataclass
class Attachment:
    url: str
    alt: str
    caption: str


@dataclass
class Entry:
    """One WordPress post or page on its way to a content file."""

    id: str
    kind: str  # article or page
    lang: str | None
    group: str | None  # translation group, shared by the translations
    title: str
    name: str  # wp:post_name, decoded
    date: datetime.datetime | None
    author: str
    categories: list  # [(slug, name)]
    tags: list
    status: str  # published or draft
    excerpt: str
    html: str
    old_urls: list
    thumbnail: str | None
    source_lang: str | None  # WPML: the language it was translated from
    slug: str = ""
    path: Path | None = None
    body: str = ""
    no_alt: list = field(default_factory=list)  # paths of images without alt text
    lines: list = field(default_factory=list)  # front matter
    notes: list = field(default_factory=list)  # for the author's attention


def import_wordpress(settings, export, lang=None, category=None, categories=None, media_list=None):
    """Read `export`, write content files and the media list; return the report."""
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
    media_list = Path(media_list) if media_list else content.resolve().parent / MEDIA_LIST
    if not shutil.which("pandoc"):
        raise AuthoringError("pandoc is missing: install it (sudo apt-get install pandoc)")

    soup = _read(export)
    channel = soup.rss.channel
    base = _text(channel, "wp:base_site_url") or _text(channel, "link")
    authors = {
        _text(author, "wp:author_login"): _text(author, "wp:author_display_name")
        for author in channel.find_all("wp:author", recursive=False)
    }
    items = channel.find_all("item", recursive=False)
    library = Library(items)
    zone = ZoneInfo(settings["TIMEZONE"])
    skipped, comments = Counter(), 0
    entries, no_language, other_language = [], [], Counter()
    for item in items:
        comments += len(item.find_all("wp:comment", recursive=False))
        kind = KINDS.get(_text(item, "wp:post_type"))
        status = _text(item, "wp:status")
        if kind is None or status not in PUBLISHED | DRAFTS:
            if _text(item, "wp:post_type") != "attachment":
                skipped[f"{_text(item, 'wp:post_type')} ({status})"] += 1
            continue
        entry = _entry(item, kind, status, authors, zone, base)
        if entry.lang is None:
            entry.lang = lang
            if lang is None:
                no_language.append(entry.id)
                continue
        if entry.lang not in languages:
            other_language[entry.lang] += 1
            continue
        entries.append(entry)
    if no_language:
        raise AuthoringError(
            f"{len(no_language)} posts have no language (no Polylang or WPML data), "
            f"e.g. post {no_language[0]}; give the language of the site's posts with --lang "
            f"({', '.join(languages)})"
        )

    _assign_slugs(entries, settings, content)  # refuses a story or page already there
    if media_list.exists():
        raise AuthoringError(
            f"{shown_path(media_list)} exists already; the import writes over nothing: "
            "move it away, or give another --media-list"
        )
    media = Media(base)
    unmapped = Counter()
    bodies = [_prepare(entry, media, library) for entry in entries]
    for entry, markdown in zip(entries, _markdown(bodies), strict=True):
        entry.body = _finish(markdown, entry)
        _front_matter(entry, settings, mapping, category, media, library, unmapped)

    for entry in entries:
        entry.path.parent.mkdir(parents=True, exist_ok=True)
        with entry.path.open("x", encoding="utf-8") as out:
            out.write("\n".join(entry.lines) + "\n\n" + entry.body)
    if media.files:
        media_list.parent.mkdir(parents=True, exist_ok=True)
        with media_list.open("x", encoding="utf-8") as out:
            out.writelines(
                f"{url}\t{shown_path(content / path)}\n" for url, path in media.files.items()
            )
    return _report(
        export, entries, media, media_list, skipped, comments, other_language, unmapped, category
    )


def _read(export):
    """The export as a soup, after a strict check that it is a whole WXR file:
    BeautifulSoup's XML parser quietly recovers from broken XML, losing posts."""
    path = Path(export)
    if not path.is_file():
        raise AuthoringError(
            f"{export} is not a file; give the path of the WordPress export (.xml)"
        )
    try:
        root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as error:
        # libxml2 repeats the position at the end of its message: once is enough.
        reason = " ".join(re.sub(r",? line \d+, column \d+$", "", error.msg).split())
        raise AuthoringError(
            f"{export} is not well-formed XML (line {error.lineno}: {reason}); "
            "export it from WordPress again"
        ) from None
    wxr = "http://wordpress.org/export/"
    if root.getroot().tag != "rss" or not any(
        namespace.startswith(wxr) for namespace in root.getroot().nsmap.values()
    ):
        raise AuthoringError(
            f"{export} is not a WordPress export (WXR): export it from WordPress, "
            "Tools > Export > All content"
        )
    try:
        return file_to_soup(str(path))
    except UnicodeDecodeError:
        raise AuthoringError(
            f"{export} is not UTF-8 text; export it from WordPress again"
        ) from None


def _text(node, name):
    """The text of `node`'s child `name` (prefixed names work: "wp:status"), or ""."""
    child = node.find(name, recursive=False)
    return (child.get_text() if child else "").strip()


def _meta(item):
    """{meta_key: meta_value} of an item's custom fields (wp:postmeta)."""
    return {
        _text(meta, "wp:meta_key"): _text(meta, "wp:meta_value")
        for meta in item.find_all("wp:postmeta", recursive=False)
    }


class Library:
    """The media library's items (attachments): by id, and by address, where
    WordPress's resized copies (name-1024x683.jpg) count as the original."""

    def __init__(self, items):
        self.by_id, self.by_path = {}, {}
        for item in items:
            if _text(item, "wp:post_type") == "attachment":
                meta = _meta(item)
                attachment = Attachment(
                    _text(item, "wp:attachment_url"),
                    " ".join(meta.get("_wp_attachment_image_alt", "").split()),
                    _plain(_text(item, "excerpt:encoded")),
                )
                self.by_id[_text(item, "wp:post_id")] = attachment
                self.by_path.setdefault(self._key(attachment.url), attachment)

    @staticmethod
    def _key(url):
        return SIZE_SUFFIX_RE.sub("", unquote(urlsplit(url).path))

    def get(self, post_id):
        return self.by_id.get(post_id or "")

    def shown_by(self, img, src):
        """The item an <img> shows: by its wp-image-<id> class, else by its address."""
        for name in img.get("class", []):
            if (match := ATTACHMENT_CLASS_RE.match(name)) and match[1] in self.by_id:
                return self.by_id[match[1]]
        return self.by_path.get(self._key(src))


def _plain(text):
    """Text from HTML (titles, excerpts, captions): tags out, entities decoded,
    whitespace collapsed."""
    if "<" in text:  # BeautifulSoup warns about text that merely looks like a file name
        text = BeautifulSoup(text, "html.parser").get_text(" ")
    return " ".join(html.unescape(text).split())


def _language(code):
    """ "en" from "en", "en-us" or "en_US"."""
    return re.split(r"[-_]", code.strip().lower())[0] or None


def _entry(item, kind, status, authors, zone, base):
    meta = _meta(item)
    terms = defaultdict(list)
    for term in item.find_all("category", recursive=False):
        terms[term.get("domain")].append((unquote(term.get("nicename", "")), term.get_text()))
    lang, group, source = None, None, None
    if terms["language"]:  # Polylang
        lang = _language(terms["language"][0][0])
        if terms["post_translations"]:
            group = "polylang:" + terms["post_translations"][0][0]
    elif meta.get("_wpml_import_language_code"):  # WPML
        lang = _language(meta["_wpml_import_language_code"])
        if meta.get("_wpml_import_translation_group"):
            group = "wpml:" + meta["_wpml_import_translation_group"]
        source = _language(meta.get("_wpml_import_source_language_code", "")) or None
    post_id = _text(item, "wp:post_id")
    protected = bool(_text(item, "wp:post_password"))
    entry = Entry(
        id=post_id,
        kind=kind,
        lang=lang,
        group=group,
        title=_plain(_text(item, "title")),
        name=unquote(_text(item, "wp:post_name")),
        date=_date(item, zone),
        author=authors.get(_text(item, "dc:creator")) or _text(item, "dc:creator"),
        categories=terms["category"],
        tags=[name for _, name in terms["post_tag"]],
        status="published" if status in PUBLISHED and not protected else "draft",
        excerpt=_plain(_text(item, "excerpt:encoded")),
        html=_text(item, "content:encoded"),
        old_urls=_old_urls(item, kind, post_id, base),
        thumbnail=meta.get("_thumbnail_id"),
        source_lang=source,
    )
    if protected:
        entry.notes.append(
            "password-protected in WordPress: imported as a draft; publish it if it may be public"
        )
    if status in ("pending", "private"):
        entry.notes.append(f'"{status}" in WordPress: imported as a draft')
    if kind == "article" and entry.date is None:
        entry.date = datetime.datetime.now(zone).replace(second=0, microsecond=0)
        entry.notes.append("no date in WordPress: dated the day of the import; correct Date")
    if not entry.title:
        entry.title = f"WordPress post {post_id}"
        entry.status = "draft"
        entry.notes.append("no title in WordPress: give it a Title (it is a draft until then)")
    return entry


def _date(item, zone):
    """The publication date in the site's time zone: from post_date_gmt (UTC)
    when WordPress has it, else post_date (taken as the site's local time);
    drafts often have only the latter."""
    for name, source_zone in (("wp:post_date_gmt", datetime.UTC), ("wp:post_date", zone)):
        text = _text(item, name)
        if text and not text.startswith("0000"):
            try:
                when = datetime.datetime.strptime(text, "%Y-%m-%d %H:%M:%S")
            except ValueError:
                continue
            return when.replace(tzinfo=source_zone).astimezone(zone)
    return None


def _old_urls(item, kind, post_id, base):
    """Where the item was on the WordPress site, from the host's root: its
    link and the plain forms WordPress answers whatever the permalinks."""
    prefix = urlsplit(base).path.rstrip("/")
    plain = f"{prefix}/?p={post_id}" if kind == "article" else f"{prefix}/?page_id={post_id}"
    found = []
    for url in (_text(item, "link"), _text(item, "guid"), plain):
        if not url:
            continue
        parts = urlsplit(url)  # any host: guids keep a domain the site may have left
        path = parts.path or "/"
        if not re.search(r"[\s,]", unquote(path)):  # Arabic as Arabic; spaces stay encoded
            path = unquote(path)
        path += f"?{parts.query}" if parts.query else ""
        try:
            redirects.parse(path)
        except ValueError:
            continue  # the home page, or nothing usable
        if path not in found:
            found.append(path)
    return found


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


def _assign_slugs(entries, settings, content):
    groups = defaultdict(list)
    for entry in entries:
        key = (entry.kind, entry.group or f"post:{entry.id}")
        if any(other.lang == entry.lang for other in groups[key]):  # a broken group
            entry.notes.append("its translation group has another post in this language too")
            key = (entry.kind, f"post:{entry.id}")
        groups[key].append(entry)
    existing = _existing(settings, content)
    reserved = reserved_slugs(settings)
    taken = defaultdict(set)
    order = [*dict.fromkeys([settings["X_DEFAULT_LANG"], *settings["LANGUAGES"]])]
    subs = settings["SLUG_REGEX_SUBSTITUTIONS"]
    for (kind, _), members in groups.items():
        members.sort(key=lambda entry: order.index(entry.lang))
        slug = next(
            filter(None, (_latin_slug(e.name, subs) for e in members)),
            None,
        ) or next(filter(None, (_latin_slug(e.title, subs) for e in members)), None)
        if slug is None:
            slug = f"{'post' if kind == 'article' else 'page'}-{members[0].id}"
            for entry in members:
                entry.notes.append(
                    f'no Latin slug in WordPress: named "{slug}"; for a readable address, '
                    "rename its file (and its translations') with a few English words"
                )
        if kind == "page" and slug in reserved:
            for entry in members:
                entry.notes.append(f'"{slug}" is a section of the site: the page is "{slug}-page"')
            slug = f"{slug}-page"
        unique, number = slug, 2
        while unique in taken[kind]:
            unique, number = f"{slug}-{number}", number + 1
        if unique != slug:
            for entry in members:
                entry.notes.append(f'"{slug}" was taken by another imported post: "{unique}"')
        taken[kind].add(unique)
        for entry in members:
            entry.slug = unique
            if (kind, unique, entry.lang) in existing:
                raise AuthoringError(
                    f"{shown_path(existing[(kind, unique, entry.lang)])} exists already (WordPress "
                    f"post {entry.id} has its slug and language); the import writes over nothing: "
                    "move it away, or import into another --content folder"
                )
            if kind == "article":
                folder = content / settings["ARTICLE_PATHS"][0] / f"{entry.date.year:04d}"
            else:
                folder = content / settings["PAGE_PATHS"][0]
            entry.path = folder / f"{unique}.{entry.lang}.md"


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


# Media


class Media:
    """Every file the posts link to: its address -> its path under content/."""

    def __init__(self, base):
        self.base = base
        self.files = {}  # absolute URL -> "images/…"
        self.taken = set()

    def local(self, url):
        """The path under content/ for `url` (added to the list), or None for
        what is no file (data: URLs, links to pages)."""
        absolute = urljoin(self.base + "/", url.strip())
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https"):
            return None
        path = unquote(parts.path)
        if UPLOADS in path:
            segments = path.split(UPLOADS, 1)[1].split("/")
        else:
            segments = ["external", parts.netloc, *path.split("/")]
        segments = [_file_name(segment) for segment in segments if segment]
        fetch = parts._replace(path=quote(parts.path, safe="/%:@!$&'()*+,;=~")).geturl()
        if fetch in self.files:
            return self.files[fetch]
        wanted = "/".join(["images", *segments])
        local, number = wanted, 2
        while local in self.taken:  # two names that read alike: keep both files
            stem, dot, suffix = wanted.rpartition(".")
            local = f"{stem}-{number}.{suffix}" if dot else f"{wanted}-{number}"
            number += 1
        self.files[fetch] = local
        self.taken.add(local)
        return local

    @staticmethod
    def is_upload(url):
        return UPLOADS in unquote(urlsplit(url).path)


def _file_name(name):
    """A name the content check and every host accept: lower-case Latin
    letters, digits and hyphens, with its extension."""
    stem, dot, suffix = name.rpartition(".") if "." in name else (name, "", "")
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    safe = re.sub(r"[^a-z0-9]+", "-", ascii_stem.lower()).strip("-")
    if not safe:  # Arabic names, say
        safe = "file-" + hashlib.sha1(stem.encode()).hexdigest()[:8]
    suffix = re.sub(r"[^a-z0-9]", "", suffix.lower())
    return f"{safe}.{suffix}" if dot and suffix else safe


# Bodies: WordPress HTML -> HTML pandoc turns into our Markdown


def _prepare(entry, media, library):
    """The post's HTML, ready for fields2pelican: captions, embeds and
    scripts dealt with, media pointing to their new paths, presentation out.
    Notes for the author go on `entry`."""
    text = CAPTION_RE.sub(_caption_to_figure, entry.html)
    shortcodes = sorted({m[1] for m in SHORTCODE_RE.finditer(text)})
    if shortcodes:
        entry.notes.append(
            "WordPress shortcodes left as text: "
            + ", ".join(f"[{name}]" for name in shortcodes)
            + "; replace them with what they showed"
        )
    soup = BeautifulSoup(text, "html.parser")
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()  # block editor markers (<!-- wp:paragraph -->)
    for tag in soup.find_all(REMOVED):
        entry.notes.append(f"a <{tag.name}> was removed (scripts and forms do not run here)")
        tag.decompose()
    for tag in soup.find_all(EMBEDS):
        source = tag.get("src") or tag.get("data") or (tag.find("source") or {}).get("src")
        if source:
            link = soup.new_tag("a", href=source)
            link.string = source
            tag.replace_with(link)
            entry.notes.append(f"an embedded <{tag.name}> became a link: {source}")
        else:
            tag.decompose()
            entry.notes.append(f"an embedded <{tag.name}> without an address was removed")
    for figure in soup.find_all("figure"):
        caption = figure.find("figcaption")
        caption_text = _plain(caption.decode_contents()) if caption else ""
        if caption:
            caption.decompose()
        for img in figure.find_all("img"):
            if caption_text and not img.get("alt", "").strip():
                img["alt"] = caption_text  # a caption says what the image shows
        parts = [NavigableString("\n\n"), *list(figure.contents), NavigableString("\n\n")]
        if caption_text:
            emphasis = soup.new_tag("em")
            emphasis.string = caption_text
            parts[-1:] = [NavigableString("\n\n"), emphasis, NavigableString("\n\n")]
        figure.replace_with(*parts)
    for img in soup.find_all("img"):
        src = img.get("src", "")
        local = media.local(src) if src else None
        if local is None:
            entry.notes.append(f"an image with no usable address was removed: {src[:60]}")
            img.decompose()
            continue
        if not Media.is_upload(src):
            entry.notes.append(
                f"an image from another site ({src}) is in the media list: "
                "make sure the site may publish it"
            )
        attachment = library.shown_by(img, src)
        alt = " ".join(img.get("alt", "").split()) or (attachment.alt if attachment else "")
        if not alt:
            img.replace_with(NavigableString(NO_ALT_MARK.format(len(entry.no_alt))))
            entry.no_alt.append(local)
            continue
        img.attrs = {"src": STATIC_MARK + local, "alt": alt}
    for link in soup.find_all("a"):
        href = link.get("href", "")
        if href and Media.is_upload(href):
            link["href"] = STATIC_MARK + media.local(href)
    for tag in soup.find_all(True):
        keep = KEEP_ATTRIBUTES.get(tag.name, ())
        tag.attrs = {key: value for key, value in tag.attrs.items() if key in keep}
    for tag in soup.find_all(WRAPPERS):
        tag.unwrap()
    return str(soup)


def _caption_to_figure(match):
    """[caption] → <figure>, before the soup: the text after the image is the
    caption, or older WordPress's caption="…" attribute."""
    attributes, inner = match[1], match[2]
    image = re.match(r"\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)", inner, re.S)
    if not image:
        return inner
    caption = image[2].strip()
    if not caption and (old := CAPTION_ATTRIBUTE_RE.search(attributes)):
        caption = old[1]
    return f"<figure>{image[1]}<figcaption>{caption}</figcaption></figure>"


def _markdown(bodies):
    """Pelican's conversion, as `pelican-import` runs it: wpautop, then pandoc
    to Markdown. One call for every body, in a scratch folder."""
    with tempfile.TemporaryDirectory() as folder:
        fields = [
            ("-", body, f"body-{number}", None, None, [], [], None, "article", "wp-html")
            for number, body in enumerate(bodies)
        ]
        try:
            with contextlib.redirect_stdout(io.StringIO()):  # it prints each file's name
                fields2pelican(fields, "markdown", folder, disable_slugs=True)
        except SystemExit as error:
            raise AuthoringError(f"pandoc could not convert the posts: {error}") from None
        converted = []
        for number in range(len(bodies)):
            text = (Path(folder) / f"body-{number}.md").read_text(encoding="utf-8")
            converted.append(text.partition("\n\n")[2])  # after its header ("Title: -")
        return converted


def _finish(markdown, entry):
    """The Markdown body: media links to {static}/, and each image without
    alt text as a comment saying what to do (the check refuses an image
    without alt text, and a guess would mislead readers of screen readers)."""

    def no_alt(match):
        path = entry.no_alt[int(match[1])]
        return f"<!-- {ALT_NEEDED} an image without alt text: {{static}}/{path} -->"

    markdown = NO_ALT_RE.sub(no_alt, markdown).replace(STATIC_MARK, "{static}/")
    for path in entry.no_alt:
        entry.notes.append(
            f"an image without alt text is left in a comment ({ALT_NEEDED}): describe it and "
            f"put it back as ![what it shows]({{static}}/{path})"
        )
    return markdown.strip("\n") + "\n" if markdown.strip() else ""


# Front matter


def _front_matter(entry, settings, mapping, default, media, library, unmapped):
    lines = [f"Title: {entry.title}"]
    chosen = None
    if entry.kind == "article":
        lines.append(f"Date: {entry.date:%Y-%m-%d %H:%M}")
        chosen = next(
            (mapping[slug.lower()] for slug, _ in entry.categories if slug.lower() in mapping), None
        )
        if chosen is None:
            chosen = default
            for _, name in entry.categories or [("", "(none)")]:
                unmapped[name] += 1
        lines.append(f"Category: {chosen}")
        # Categories that are not ours are kept as tags, unless WordPress's default.
        tags = list(entry.tags)
        for slug, name in entry.categories:
            if slug.lower() not in mapping and slug.lower() != "uncategorized":
                tags.append(name)
        tags = list(dict.fromkeys(" ".join(t.replace(",", " ").split()) for t in tags if t.strip()))
        if tags:
            lines.append(f"Tags: {', '.join(tags)}")
        if entry.author:
            lines.append(f"Author: {entry.author}")
    if entry.excerpt:
        if len(entry.excerpt) <= SUMMARY_MAX:
            lines.append(f"Summary: {entry.excerpt}")
        else:
            entry.notes.append(
                f"the WordPress excerpt has {len(entry.excerpt)} characters, more than "
                f"{SUMMARY_MAX}: left out; write a Summary"
            )
    lines += _featured_image(entry, media, library)
    if entry.status != "published":
        lines.append(f"Status: {entry.status}")
    if entry.source_lang and entry.source_lang != entry.lang:
        lines.append(f"Translation_of: {entry.source_lang}")
    own = _new_url(entry, settings, chosen)
    entry.old_urls = [url for url in entry.old_urls if unquote(url) != own]
    if entry.old_urls:
        lines.append("Old_URLs: " + "\n    ".join(entry.old_urls))
    entry.lines = lines


def _featured_image(entry, media, library):
    attachment = library.get(entry.thumbnail)
    if attachment is None or not attachment.url:
        return []
    local = media.local(attachment.url)
    if local is None:
        return []
    alt = attachment.alt or attachment.caption
    if not alt:
        entry.notes.append(
            f"the featured image has no alt text: not set; add Image: {local} and "
            "Image_alt: (what it shows)"
        )
        return []
    lines = [f"Image: {local}", f"Image_alt: {alt}"]
    if attachment.caption and attachment.caption != alt:
        lines.append(f"Image_caption: {attachment.caption}")
    return lines


def _new_url(entry, settings, category):
    """The address the file will have, from the site's root: "/en/…/"."""
    key = "ARTICLE_URL" if entry.kind == "article" else "PAGE_URL"
    pattern = settings[key].replace("{lang}", entry.lang)
    values = dict(lang=entry.lang, slug=entry.slug, date=entry.date, category=category)
    return f"{site_path(settings['SITEURL'])}/{pattern.format(**values)}"


# The report


def _report(export, entries, media, media_list, skipped, comments, other, unmapped, category):
    out = [f"Imported {export}:"]
    if not entries:
        out.append("  no posts or pages in a language of the site")
    for kind, one, many in (("article", "story", "stories"), ("page", "page", "pages")):
        files = [entry for entry in entries if entry.kind == kind]
        if not files:
            continue
        languages = ", ".join(
            f"{lang} {n}" for lang, n in sorted(Counter(e.lang for e in files).items())
        )
        drafts = sum(entry.status != "published" for entry in files)
        out.append(
            f"  {_n(len({entry.slug for entry in files}), one, many)}: "
            f"{_n(len(files), 'file', 'files')}"
            + (f" ({languages})" if languages else "")
            + (f", {drafts} of them {'a draft' if drafts == 1 else 'drafts'}" if drafts else "")
        )
    urls = sum(len(entry.old_urls) for entry in entries)
    out.append(
        f"  {_n(urls, 'old address', 'old addresses')} in the files' Old_URLs: the build "
        "redirects them (a draft's once it is published)"
    )
    if media.files:
        out.append(
            f"  {_n(len(media.files), 'media file', 'media files')} to fetch, listed in "
            f"{shown_path(media_list)} (address, a tab, where the file goes): put each in place "
            "before building"
        )
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
    attention = [f"  {shown_path(entry.path)}: {note}" for entry in entries for note in entry.notes]
    if attention:
        out += [f"Needs your attention ({len(attention)}):", *attention]
    return "\n".join(out)


def _n(count, one, many):
    return f"{count} {one if count == 1 else many}"
