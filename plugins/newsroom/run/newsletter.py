"""The newsletter's web archive: /<lang>/newsletter/, a page per edition, a feed.

An edition is content/newsletter/<n>.<lang>.md (model/editions.py): its
introduction (the body) and the stories it carries, in its order. The same
edition becomes an email (tools/newsletter.py); here it is a page like any
listing, so that every edition can be read, linked and found again. The
archive page is written in every language, empty or not: the footer links
to it, with the list's subscribe page when NEWSLETTER_SUBSCRIBE_URL has one.
"""

from markupsafe import escape

from ..model.editions import slugs
from ..model.i18n import translations
from .entries import EntriesGenerator, Entry


class Edition(Entry):
    mandatory_properties = ("date",)
    default_template = "edition"


class NewsletterGenerator(EntriesGenerator):
    content_class = Edition
    paths_setting = "NEWSLETTER_PATHS"

    def generate_context(self):
        catalog = translations(self.settings["THEME"], self.settings["DEFAULT_LANG"])
        editions = self.read_entries()
        for edition in editions:
            edition.number = int(edition.metadata["edition"])
            listed = edition.metadata.get("stories", "")  # a list when on several lines
            edition.story_slugs = slugs(listed if isinstance(listed, str) else " ".join(listed))
            if not hasattr(edition, "title"):  # without a Subject: "Newsletter, edition 1"
                name = catalog.gettext("Newsletter, edition %(number)s")
                edition.title = edition.title_text = name % {"number": edition.number}
                edition.title_html = escape(edition.title)
        editions.sort(key=lambda edition: edition.number, reverse=True)
        self.editions = editions
        self.context["newsletter_editions"] = editions

    def generate_output(self, writer):
        settings = self.settings
        by_slug = {story.slug: story for story in self.context["articles"]}
        for edition in self.editions:
            edition.stories = [by_slug[slug] for slug in edition.story_slugs if slug in by_slug]
        self.write(writer, settings["NEWSLETTER_SAVE_AS"], settings["NEWSLETTER_URL"], "newsletter")
        for edition in self.editions:
            self.write(writer, edition.save_as, edition.url, "edition", edition=edition)
        title = translations(settings["THEME"], settings["DEFAULT_LANG"]).gettext("Newsletter")
        self.write_feed(writer, self.editions, settings["NEWSLETTER_FEED_ATOM"], title)
