"""Our Markdown reader: Pelican's, plus what is known once a file is read.

Anything computed here lands in Pelican's reader cache with the content, so
a warm build does not redo it. Typography is done here, per language
(typography.py), instead of by Pelican's TYPOGRIFY, which runs after the
cache on every build and knows English rules only.
"""

import re
from html import escape

from pelican.readers import MarkdownReader

from .typography import plain_text, typeset, typeset_title

TAG_RE = re.compile(r"<[^>]+>")


class NewsroomMarkdownReader(MarkdownReader):
    def read(self, source_path):
        content, metadata = super().read(source_path)
        lang = self.settings["DEFAULT_LANG"]  # one run, one language
        content = typeset(content, lang)
        if "summary" in metadata:  # already HTML: Pelican formats it as Markdown
            metadata["summary"] = typeset(metadata["summary"], lang)
        if "title" in metadata:
            # The front matter's title is text: escape it, then typeset it for
            # headings (title_html) and take plain text for <title> and meta tags.
            metadata["title_html"] = typeset_title(escape(metadata["title"], quote=False), lang)
            metadata["title_text"] = plain_text(metadata["title_html"])
        wpm = self.settings["LANGUAGE"]["reading_wpm"]
        metadata["reading_time"] = reading_time(content, wpm)
        metadata["partners"] = split_list(metadata.get("partners", ""))
        return content, metadata


def reading_time(html, words_per_minute):
    """Whole minutes to read `html`, at least one."""
    words = len(TAG_RE.sub(" ", html).split())
    return max(1, round(words / words_per_minute))


def split_list(value):
    """ "huawei, itu" -> ["huawei", "itu"] (front matter lists are comma-separated)."""
    return [item.strip() for item in value.split(",") if item.strip()]


def use_our_reader(readers):
    """Signal readers_init: read Markdown with NewsroomMarkdownReader."""
    for extension in NewsroomMarkdownReader.file_extensions:
        readers.reader_classes[extension] = NewsroomMarkdownReader
