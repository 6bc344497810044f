"""The run's writer: Pelican's, for pages and for feeds in the run's language.

With the content cache on, pages and feeds go through the render cache
(render_cache.py): one the last build made from the same inputs is that
build's file, hard-linked. NewsroomWriter keeps the calls it was given, so
that a kept run of `invoke serve` can write a story's pages again, and with
NEWSROOM_CHANGED_ONLY writes only what changed (child.py).

Pelican's writer links every feed to the site root and gives them all one
id, and gives entries an empty author. NewsroomWriter fixes those for
every feed a run writes (all stories, categories, partners, the magazine).
Entries carry full content with absolute links, newest first. JSON Feed is
json_feed.py's.
"""

import datetime
import os

from pelican.writers import Writer

from ..model import files
from . import render_cache

EMPTY_FEED_DATE = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


class NewsroomWriter(Writer):
    def __init__(self, output_path, settings=None, cached=True):
        super().__init__(output_path, settings=settings)
        self.cached = cached  # False: render every page (child.py)
        # In a kept run's regeneration (child.py), a page or feed the render
        # cache takes from the last build is left where it is, in output/.
        self.changed_only = cached and bool(self.settings.get("NEWSROOM_CHANGED_ONLY"))
        self.pages, self.feeds = [], []  # the calls, as (args, kwargs)
        self._cache = self._context = None

    def write_file(self, name, template, context, *args, **kwargs):
        self.pages.append(((name, template, context, *args), kwargs))
        cache = render_cache.active(self.settings, context) if self.cached else None
        if cache is not None:
            template = render_cache.CachedTemplate(template, cache)
        self._cache, self._context = cache, context
        return super().write_file(name, template, context, *args, **kwargs)

    def _open_w(self, filename, encoding, override=False):
        """Pelican opens each page's file after rendering it: a page the render
        cache took from the last build is that build's file, linked."""
        if self._cache is not None and self._cache.last_reused:
            self._take(os.path.relpath(filename, self.output_path))
            return open(os.devnull, "w", encoding=encoding)
        return super()._open_w(filename, encoding, override)

    def _take(self, name):
        """The last build's file `name`: linked, or left in place (changed_only;
        the run's context lists those, as the social cards do)."""
        target = os.path.join(self.output_path, name)
        if self.changed_only:
            self._context.setdefault("left_in_place", set()).add(target)
        else:
            files.link(os.path.join(self.settings["NEWSROOM_PREVIOUS_OUTPUT"], name), target)

    def write_feed(
        self,
        elements,
        context,
        path=None,
        url=None,
        feed_type="atom",
        override_output=False,
        feed_title=None,
    ):
        """A feed, or the last build's when its stories are unchanged (render_cache)."""
        args = (elements, context, path, url, feed_type, override_output, feed_title)
        self.feeds.append((args, {}))
        self._cache, self._context = None, context  # feeds are written whole, or taken whole
        cache = render_cache.active(self.settings, context) if self.cached else None
        shown = elements[: self.settings["FEED_MAX_ITEMS"]]
        key = cache and path and cache.feed_signature(shown, feed_type, url or path, feed_title)
        if key and cache.take(path, key, feed=True):
            self._take(path)
            return None
        if key:
            cache.keep(path, key, feed=True)
        return super().write_feed(*args)

    def _create_new_feed(self, feed_type, feed_title, context):
        feed = super()._create_new_feed(feed_type, feed_title, context)
        feed.feed["language"] = self.settings["DEFAULT_LANG"]
        feed.feed["link"] = f"{self.site_url}/{self.settings['INDEX_URL']}"
        feed.feed["id"] = self.feed_url  # Pelican gives every feed the site's URL
        feed.feed["author_name"] = context["SITENAME"]  # the newsroom speaks for AICTO
        # An empty feed's <updated> would be the build's time: a fixed date
        # keeps builds reproducible (it is replaced by the newest entry's).
        latest = feed.latest_post_date
        feed.latest_post_date = lambda: latest() if feed.items else EMPTY_FEED_DATE
        return feed

    def _add_item_to_the_feed(self, feed, item):
        super()._add_item_to_the_feed(feed, item)
        entry = feed.items[-1]
        entry["title"] = getattr(item, "title_text", entry["title"])
        entry["author_name"] = item.metadata.get("byline")  # None: the feed's author


def use_our_writer(pelican):
    """Signal get_writer."""
    return NewsroomWriter
