"""Feeds: Pelican's Atom and RSS writer, told the run's language, plus JSON Feed.

NewsroomWriter is the runs' writer for pages too: with the content cache on,
pages go through the render cache (render_cache.py). It keeps the calls it
was given, so that `invoke serve` can write a story's pages again (live.py).

Pelican's writer links every feed to the site root and gives them all one
id, and gives entries an empty author. NewsroomWriter fixes those for
every feed a run writes (all stories, categories, partners, the magazine).
Entries carry full content with absolute links, newest first.
"""

import datetime
import json
import os

from pelican.utils import set_date_tzinfo
from pelican.writers import Writer

from . import render_cache

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
EMPTY_FEED_DATE = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


class NewsroomWriter(Writer):
    def __init__(self, output_path, settings=None, cached=True):
        super().__init__(output_path, settings=settings)
        self.cached = cached  # False: render every page (live.py)
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


def write_json_feed(generator, writer):
    """Signal article_writer_finalized: JSON Feed 1.1 of the run's stories."""
    settings = generator.settings
    path = settings.get("FEED_JSON")
    if not path:
        return
    siteurl, timezone = settings["SITEURL"], settings["TIMEZONE"]
    stories = generator.articles[: settings["FEED_MAX_ITEMS"]]
    feed = {
        "version": JSON_FEED_VERSION,
        "title": settings["SITENAME"],
        "home_page_url": f"{siteurl}/{settings['INDEX_URL']}",
        "feed_url": f"{siteurl}/{path}",
        "language": settings["DEFAULT_LANG"],
        "authors": [{"name": settings["SITENAME"]}],
        "items": [_json_item(story, siteurl, timezone) for story in stories],
    }
    target = os.path.join(writer.output_path, path)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "w", encoding="utf-8") as f:
        json.dump(feed, f, ensure_ascii=False, indent=1)


def _json_item(story, siteurl, timezone):
    url = f"{siteurl}/{story.url}"
    item = {
        "id": url,
        "url": url,
        "title": story.title_text,
        "content_html": story.get_content(siteurl),
        "date_published": set_date_tzinfo(story.date, timezone).isoformat(),
        "language": story.lang,
        "tags": [tag.name for tag in getattr(story, "tags", [])],
    }
    if story.metadata.get("summary"):
        item["summary"] = story.summary_text
    if hasattr(story, "modified"):
        item["date_modified"] = set_date_tzinfo(story.modified, timezone).isoformat()
    if story.metadata.get("image"):
        item["image"] = f"{siteurl}/{story.metadata['image']}"
    if story.metadata.get("byline"):
        item["authors"] = [{"name": story.metadata["byline"]}]
    return item
