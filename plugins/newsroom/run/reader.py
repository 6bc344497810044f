"""Our Markdown reader: Pelican's, plus what is known once a file is read.

Anything computed here lands in Pelican's reader cache with the content, so
a warm build does not redo it. Typography is done here, per language
(typography.py), instead of by Pelican's TYPOGRIFY, which runs after the
cache on every build and knows English rules only. Every body and summary
passes the HTML allowlist (model/html.py) before its typography; what the
allowlist takes away is recorded in `html_removed`, which unsafe.py turns
into content errors.
"""

import os
import re
from html import escape

from markupsafe import Markup
from pelican.readers import MarkdownReader
from pelican.utils import SafeDatetime

from ..model import html
from ..model.events import ZONE_IN_RUN
from ..model.frontmatter import read_source
from ..model.problems import shown_path
from ..model.rules import STATUSES
from ..model.values import canonical, parse_date, split_list
from .figures import FiguresExtension
from .typography import plain_text, typeset, typeset_title

TAG_RE = re.compile(r"<[^>]+>")
# Fields that take one of a few keys: the settings (or list) that hold them.
CHOICES = {
    "category": ("CATEGORIES",),
    "status": ("STATUSES",),
    "kind": ("PARTNER_KINDS", "PRESS_KIT_KINDS"),
    "translation_of": ("LANGUAGES",),
}


class NewsroomMarkdownReader(MarkdownReader):
    def read(self, source_path):
        self._date_precision = "day"
        # Images become <picture>s and figures while Markdown builds its tree
        # (figures.py). The extension joins the settings for this read only:
        # tags and categories keep a reference to the settings, and they are
        # pickled into the content cache, which cannot hold an extension.
        markdown = self.settings["MARKDOWN"]
        figures = FiguresExtension(source_path, self.settings)
        self.settings["MARKDOWN"] = {**markdown, "extensions": [*markdown["extensions"], figures]}
        try:
            content, metadata = super().read(source_path)
        finally:
            self.settings["MARKDOWN"] = markdown
        metadata["date_precision"] = self._date_precision
        if "author" in metadata:  # Pelican makes it an Author; feeds and JSON-LD want text
            metadata["byline"] = str(metadata["author"])
        if "name" in metadata and "title" not in metadata:
            metadata["title"] = metadata["name"]  # a partner's name is its title
        if "subject" in metadata and "title" not in metadata:
            metadata["title"] = metadata["subject"]  # a newsletter edition's
        if "timezone" in metadata:  # an event's (model/events.py): Pelican would
            # date the story in it, and refuse a name in another case
            metadata[ZONE_IN_RUN] = metadata.pop("timezone")
        lang = self.settings["DEFAULT_LANG"]  # one run, one language
        # The allowlist, before the typography: what it takes away is a
        # content error (unsafe.py reports it), and never reaches readers.
        cleaned = html.clean(content)
        removed = [("body", *found) for found in html.removed(content, cleaned)]
        content = typeset(cleaned, lang)
        if "summary" in metadata:  # already HTML: Pelican formats it as Markdown
            cleaned = html.clean(metadata["summary"])
            removed += [("summary", *found) for found in html.removed(metadata["summary"], cleaned)]
            metadata["summary"] = typeset(cleaned, lang)
            metadata["summary_text"] = _text(metadata["summary"])
        if removed:
            metadata["html_removed"] = _where(source_path, removed)
        if "title" in metadata:
            # The front matter's title is text: escape it, then typeset it for
            # headings (title_html) and take plain text for <title> and meta tags.
            title = typeset_title(escape(metadata["title"], quote=False), lang)
            metadata["title_html"] = Markup(title)  # escaped above: templates print it as it is
            metadata["title_text"] = _text(metadata["title_html"])
        wpm = self.settings["LANGUAGE"]["reading_wpm"]
        metadata["reading_time"] = reading_time(content, wpm)
        for name in ("partners", "contributors"):
            metadata[name] = split_list(metadata.get(name, ""))
        return content, metadata

    def process_metadata(self, name, value):
        # A known value in another case or spacing is that value ("News" is
        # news): the content check accepts it the same way (values.canonical).
        if name in CHOICES:
            keys = [key for setting in CHOICES[name] for key in self._choices(setting)]
            value = canonical(value, keys) or value
        # Magazine issues may be dated to the year or the month (Date: 2020):
        # Pelican's parser would fill in today's month and day instead.
        if name == "date":
            try:
                date, self._date_precision = parse_date(value.strip(), ("day", "month", "year"))
            except ValueError:
                pass  # the content check reports it; Pelican's parser decides here
            else:
                if self._date_precision != "day":
                    return SafeDatetime(date.year, date.month, date.day)
        return super().process_metadata(name, value)

    def _choices(self, setting):
        return STATUSES if setting == "STATUSES" else self.settings[setting]


def _where(path, removed):
    """ "file:line: field: message" for each (field, where, message) that the
    allowlist took away, the line found in the file's Markdown."""
    source, shown = read_source(path), shown_path(path)
    places = {"body": (source.body, source.body_line)}
    if "summary" in source.fields:
        places["summary"] = (source.fields["summary"].value, source.fields["summary"].line)
    return [
        f"{shown}:{html.line_of(*places[field], where)}: {field}: {message}"
        for field, where, message in removed
    ]


def _text(markup):
    """Plain text for <title>, meta tags, feeds and JSON-LD. widont's no-break
    spaces are for line breaking in headings, so they go; French U+202F stays."""
    return plain_text(markup).replace("\u00a0", " ")


def reading_time(html, words_per_minute):
    """Whole minutes to read `html`, at least one."""
    words = len(TAG_RE.sub(" ", html).split())
    return max(1, round(words / words_per_minute))


def use_our_reader(readers):
    """Signal readers_init: read Markdown with NewsroomMarkdownReader, and have
    the reader cache take a file's images into account."""
    for extension in NewsroomMarkdownReader.file_extensions:
        readers.reader_classes[extension] = NewsroomMarkdownReader
    readers._get_file_stamp = _stamp_with_images(readers)


def _stamp_with_images(readers):
    """Pelican's cache stamps a file by its checksum; the HTML we cache also
    holds its images' sizes and rendition names, so their digests join the stamp."""
    file_stamp = readers._get_file_stamp
    uses = readers.settings.get("NEWSROOM_IMAGE_USES", {})
    manifest = readers.settings.get("NEWSROOM_IMAGES", {})

    def stamp(filename):
        images = uses.get(os.path.realpath(filename), ())
        return (file_stamp(filename), *(manifest.get(image, {}).get("digest") for image in images))

    return stamp
