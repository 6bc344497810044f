"""The run's writer: Pelican's, for pages and for feeds in the run's language.

With the content cache on, pages go through the render cache
(render_cache.py). NewsroomWriter keeps the calls it was given, so that a
kept run of `invoke serve` can write a story's pages again (child.py).

Pelican's writer links every feed to the site root and gives them all one
id, and gives entries an empty author. NewsroomWriter fixes those for
every feed a run writes (all stories, categories, partners, the magazine).
Entries carry full content with absolute links, newest first. JSON Feed is
json_feed.py's.
"""

import datetime

from pelican.writers import Writer

from . import render_cache

EMPTY_FEED_DATE = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


class NewsroomWriter(Writer):
    def __init__(self, output_path, settings=None, cached=True):
        super().__init__(output_path, settings=settings)
        self.cached = cached  # False: render every page (child.py)
        self.pages, self.feeds = [], []  # the calls, as (args, kwargs)

    def write_file(self, name, template, context, *args, **kwargs):
        self.pages.append(((name, template, context, *args), kwargs))
        cache = render_cache.active(self.settings, context) if self.cached else None
        if cache is not None:
            template = render_cache.CachedTemplate(template, cache)
        return super().write_file(name, template, context, *args, **kwargs)

    def write_feed(self, elements, context, *args, **kwargs):
        self.feeds.append(((elements, context, *args), kwargs))
        return super().write_feed(elements, context, *args, **kwargs)

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
