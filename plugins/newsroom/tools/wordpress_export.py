"""`invoke import-wordpress`, the export: what a WordPress export (WXR) holds.

`read` checks that the file is a whole WXR export; `post` turns one of its
items into a Post: language and translation group (Polylang or WPML), dates
in the site's time zone, status, author's display name, categories and
tags, excerpt, old addresses. `Library` is the media library (attachments).
wordpress.py makes our files from the Posts.
"""

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree
from pelican.tools.pelican_import import file_to_soup

from ..model import old_urls
from . import wordpress_html as html
from .authoring import AuthoringError

PUBLISHED = {"publish", "future"}  # "future": scheduled; our builds hold it until its date
SIZE_SUFFIX_RE = re.compile(r"-\d+x\d+(?=\.\w+$)")  # meeting-1024x683.jpg, a resized copy
ATTACHMENT_CLASS_RE = re.compile(r"^wp-image-(\d+)$")


@dataclass
class Attachment:
    url: str
    alt: str
    caption: str


@dataclass
class Post:
    """One WordPress post or page on its way to a content file."""

    id: str
    kind: str  # article or page
    lang: str | None
    group: str | None  # translation group, shared by the translations
    title: str
    name: str  # wp:post_name, decoded
    date: datetime.datetime | None
    author: str
    login: str  # the author's login, which their archive's address is made from
    categories: list  # [(slug, name)]
    tags: list  # [(slug, name)]
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
    category: str = ""  # ours, once chosen
    tag_names: list = field(default_factory=list)  # as the front matter has them
    notes: list = field(default_factory=list)  # for the author's attention


def read(export):
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


def child_text(node, name):
    """The text of `node`'s child `name` (prefixed names work: "wp:status"), or ""."""
    child = node.find(name, recursive=False)
    return (child.get_text() if child else "").strip()


def custom_fields(item):
    """{meta_key: meta_value} of an item's custom fields (wp:postmeta)."""
    return {
        child_text(meta, "wp:meta_key"): child_text(meta, "wp:meta_value")
        for meta in item.find_all("wp:postmeta", recursive=False)
    }


class Library:
    """The media library's items (attachments): by id, and by address, where
    WordPress's resized copies (name-1024x683.jpg) count as the original."""

    def __init__(self, items):
        self.by_id, self.by_path = {}, {}
        for item in items:
            if child_text(item, "wp:post_type") == "attachment":
                meta = custom_fields(item)
                attachment = Attachment(
                    child_text(item, "wp:attachment_url"),
                    " ".join(meta.get("_wp_attachment_image_alt", "").split()),
                    html.plain(child_text(item, "excerpt:encoded")),
                )
                self.by_id[child_text(item, "wp:post_id")] = attachment
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


def tag_name(name):
    """A WordPress tag's name as a tag of ours: one line, no comma (our tags
    are comma-separated)."""
    return " ".join(name.replace(",", " ").split())


def _language(code):
    """ "en" from "en", "en-us" or "en_US"."""
    return re.split(r"[-_]", code.strip().lower())[0] or None


def post(item, kind, status, authors, zone, base):
    meta = custom_fields(item)
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
    post_id = child_text(item, "wp:post_id")
    protected = bool(child_text(item, "wp:post_password"))
    post = Post(
        id=post_id,
        kind=kind,
        lang=lang,
        group=group,
        title=html.plain(child_text(item, "title")),
        name=unquote(child_text(item, "wp:post_name")),
        date=_date(item, zone),
        author=authors.get(child_text(item, "dc:creator")) or child_text(item, "dc:creator"),
        login=child_text(item, "dc:creator"),
        categories=terms["category"],
        tags=terms["post_tag"],
        status="published" if status in PUBLISHED and not protected else "draft",
        excerpt=html.plain(child_text(item, "excerpt:encoded")),
        html=child_text(item, "content:encoded"),
        old_urls=_old_urls(item, kind, post_id, base),
        thumbnail=meta.get("_thumbnail_id"),
        source_lang=source,
    )
    if protected:
        post.notes.append(
            "password-protected in WordPress: imported as a draft; publish it if it may be public"
        )
    if status in ("pending", "private"):
        post.notes.append(f'"{status}" in WordPress: imported as a draft')
    if kind == "article" and post.date is None:
        post.date = datetime.datetime.now(zone).replace(second=0, microsecond=0)
        post.notes.append("no date in WordPress: dated the day of the import; correct Date")
    if not post.title:
        post.title = f"WordPress post {post_id}"
        post.status = "draft"
        post.notes.append("no title in WordPress: give it a Title (it is a draft until then)")
    return post


def _date(item, zone):
    """The publication date in the site's time zone: from post_date_gmt (UTC)
    when WordPress has it, else post_date (taken as the site's local time);
    drafts often have only the latter."""
    for name, source_zone in (("wp:post_date_gmt", datetime.UTC), ("wp:post_date", zone)):
        text = child_text(item, name)
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
    for url in (child_text(item, "link"), child_text(item, "guid"), plain):
        if not url:
            continue
        parts = urlsplit(url)  # any host: guids keep a domain the site may have left
        path = parts.path or "/"
        if not re.search(r"[\s,]", unquote(path)):  # Arabic as Arabic; spaces stay encoded
            path = unquote(path)
        path += f"?{parts.query}" if parts.query else ""
        try:
            old_urls.parse(path)
        except ValueError:
            continue  # the home page, or nothing usable
        if path not in found:
            found.append(path)
    return found
