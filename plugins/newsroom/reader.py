"""Our Markdown reader: Pelican's, plus what is known once a file is read.

Anything computed here lands in Pelican's reader cache with the content, so
a warm build does not redo it (Pelican's own typogrify step runs after the
cache, on every build; ours does not need it).
"""

import re

from pelican.readers import MarkdownReader

TAG_RE = re.compile(r"<[^>]+>")


class NewsroomMarkdownReader(MarkdownReader):
    def read(self, source_path):
        content, metadata = super().read(source_path)
        language = self.settings["LANGUAGE"]
        metadata["reading_time"] = reading_time(content, language["reading_wpm"])
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
