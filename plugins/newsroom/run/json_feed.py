"""JSON Feed 1.1 of the run's stories, beside Pelican's Atom and RSS feeds."""

import json
import os

from pelican.utils import set_date_tzinfo

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


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
