"""`invoke import-wordpress`, the bodies: WordPress HTML to our Markdown.

Captions, embeds and scripts are dealt with, media point to their new paths
under content/images/ (and go on the list of files to fetch), presentation
is dropped, the rest passes the HTML allowlist of every story (what it
removes is reported), then Pelican's own conversion (wpautop, then pandoc)
makes the Markdown. Images without alt text are left in a comment saying what to do.
wordpress.py reads the export and writes the files.
"""

import contextlib
import hashlib
import io
import re
import tempfile
import unicodedata
from html import unescape
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

from bs4 import BeautifulSoup, Comment, NavigableString
from pelican.tools.pelican_import import fields2pelican

from ..model import html as allowed
from .authoring import AuthoringError

UPLOADS = "/wp-content/uploads/"
ALT_NEEDED = "[alt text needed]"
# Stands for `{static}/` on the way through pandoc, which would percent-encode braces.
STATIC_MARK = "/newsroom-static-mark/"
NO_ALT_MARK = "NEWSROOMIMAGEWITHOUTALT{}X"
NO_ALT_RE = re.compile(r"NEWSROOMIMAGEWITHOUTALT(\d+)X")
# [caption id="…" caption="old form"]<a><img></a> new form[/caption]
CAPTION_RE = re.compile(r"\[caption([^\]]*)\](.*?)\[/caption\]", re.S)
CAPTION_ATTRIBUTE_RE = re.compile(r'caption="([^"]*)"')
SHORTCODE_RE = re.compile(r"\[/?([a-z][a-z0-9_-]*)(?:\s[^\]\n]*)?\]")
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


def plain(text):
    """Text from HTML (titles, excerpts, captions): tags out, entities decoded,
    whitespace collapsed."""
    if "<" in text:  # BeautifulSoup warns about text that merely looks like a file name
        text = BeautifulSoup(text, "html.parser").get_text(" ")
    return " ".join(unescape(text).split())


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


def prepare(post, media, library):
    """The post's HTML, ready for fields2pelican: captions, embeds and
    scripts dealt with, media pointing to their new paths, presentation out.
    Notes for the author go on `post`."""
    text = CAPTION_RE.sub(_caption_to_figure, post.html)
    shortcodes = sorted({m[1] for m in SHORTCODE_RE.finditer(text)})
    if shortcodes:
        post.notes.append(
            "WordPress shortcodes left as text: "
            + ", ".join(f"[{name}]" for name in shortcodes)
            + "; replace them with what they showed"
        )
    soup = BeautifulSoup(text, "html.parser")
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()  # block editor markers (<!-- wp:paragraph -->)
    for tag in soup.find_all(REMOVED):
        post.notes.append(f"a <{tag.name}> was removed (scripts and forms do not run here)")
        tag.decompose()
    for tag in soup.find_all(EMBEDS):
        source = tag.get("src") or tag.get("data") or (tag.find("source") or {}).get("src")
        if source:
            link = soup.new_tag("a", href=source)
            link.string = source
            tag.replace_with(link)
            post.notes.append(f"an embedded <{tag.name}> became a link: {source}")
        else:
            tag.decompose()
            post.notes.append(f"an embedded <{tag.name}> without an address was removed")
    for figure in soup.find_all("figure"):
        caption = figure.find("figcaption")
        caption_text = plain(caption.decode_contents()) if caption else ""
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
            post.notes.append(f"an image with no usable address was removed: {src[:60]}")
            img.decompose()
            continue
        if not Media.is_upload(src):
            post.notes.append(
                f"an image from another site ({src}) is in the media list: "
                "make sure the site may publish it"
            )
        attachment = library.shown_by(img, src)
        alt = " ".join(img.get("alt", "").split()) or (attachment.alt if attachment else "")
        if not alt:
            img.replace_with(NavigableString(NO_ALT_MARK.format(len(post.no_alt))))
            post.no_alt.append(local)
            continue
        img.attrs = {"src": STATIC_MARK + local, "alt": alt}
    for link in soup.find_all("a"):
        href = link.get("href", "")
        if href and Media.is_upload(href):
            link["href"] = STATIC_MARK + media.local(href)
    for tag in soup.find_all(True):
        for key in tag.attrs:
            if key.lower().startswith("on"):  # presentation goes quietly; code is reported
                post.notes.append(f"removed from the post: the event handler {key} on <{tag.name}>")
        keep = KEEP_ATTRIBUTES.get(tag.name, ())
        tag.attrs = {key: value for key, value in tag.attrs.items() if key in keep}
    for tag in soup.find_all(WRAPPERS):
        tag.unwrap()
    # Then the allowlist every story's HTML passes (model/html.py): what it
    # takes away (a javascript: link, say) is reported, never imported.
    text = str(soup)
    for _, message in allowed.removed(text):
        post.notes.append(f"removed from the post: {message.split(';')[0]}")
    return allowed.clean(text)


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


def markdown(bodies):
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


def finish(markdown, post):
    """The Markdown body: media links to {static}/, and each image without
    alt text as a comment saying what to do (the check refuses an image
    without alt text, and a guess would mislead readers of screen readers)."""

    def no_alt(match):
        path = post.no_alt[int(match[1])]
        return f"<!-- {ALT_NEEDED} an image without alt text: {{static}}/{path} -->"

    markdown = NO_ALT_RE.sub(no_alt, markdown).replace(STATIC_MARK, "{static}/")
    for path in post.no_alt:
        post.notes.append(
            f"an image without alt text is left in a comment ({ALT_NEEDED}): describe it and "
            f"put it back as ![what it shows]({{static}}/{path})"
        )
    return markdown.strip("\n") + "\n" if markdown.strip() else ""
