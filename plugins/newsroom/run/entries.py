"""What our generators share: a generator for one kind of content file that
Pelican's own generators do not read (partners, magazine issues, the press
room's contacts and kit items), and the drafts page."""

from pelican.contents import Content
from pelican.generators import Generator


class Entry(Content):
    """A partner profile, a magazine issue, a press contact or kit item."""

    allowed_statuses = ("published", "hidden", "draft")
    default_status = "published"


class EntriesGenerator(Generator):
    """Reads the `content_class` files under the `paths_setting` folders, and
    writes pages and feeds with the run's writer.

    Each run sees its own language only (IGNORE_FILES), so one generator
    holds one language's entries.
    """

    content_class = Entry
    paths_setting = ""

    def read_entries(self, paths_setting=None, content_class=None):
        """The published entries, in file order (of another kind when
        `paths_setting` and `content_class` say so)."""
        entries = []
        for path in sorted(self.get_files(self.settings[paths_setting or self.paths_setting])):
            entry = self.readers.read_file(
                base_path=self.path,
                path=path,
                content_class=content_class or self.content_class,
                context=self.context,
            )
            self.add_source_path(entry)
            if entry.status == "published":
                entries.append(entry)
        return entries

    def copy_files(self, *paths):
        """Have Pelican's static generator copy these files (logos, covers, PDFs)."""
        self.context["static_links"].update(path for path in paths if path)

    def write(self, writer, save_as, url, template, **context):
        writer.write_file(save_as, self.get_template(template), self.context, url=url, **context)

    def write_feed(self, writer, items, path, title):
        if path:
            writer.write_feed(items, self.context, path, feed_title=title)


def find(generators, cls):
    """The run's generator of class `cls`."""
    return next(generator for generator in generators if isinstance(generator, cls))
