"""The drafts page of development builds: /<lang>/drafts/."""

import datetime
from zoneinfo import ZoneInfo

from .entries import EntriesGenerator


class DraftsGenerator(EntriesGenerator):
    """/<lang>/drafts/: the run's drafts (stories and pages) and scheduled stories.

    Written only when Pelican writes drafts (DRAFT_SAVE_AS is set), so the
    page and the drafts it links to exist together: never with publishconf.py.
    Its URL is DRAFTS_URL if set, else DRAFT_URL up to the slug.
    """

    def generate_context(self):
        settings = self.settings
        draft_url = settings.get("DRAFT_URL", "")
        self.url = settings.get("DRAFTS_URL") or draft_url.split("{slug}")[0]
        self.save_as = settings.get("DRAFTS_SAVE_AS") or f"{self.url}index.html"
        self.enabled = bool(settings.get("DRAFT_SAVE_AS")) and "{slug}" in draft_url
        if self.enabled:  # article.html links the page from its draft banner
            self.context["drafts_page_url"] = self.url

    def generate_output(self, writer):
        if not self.enabled:
            return
        now = datetime.datetime.now(ZoneInfo(self.settings["TIMEZONE"]))
        drafts = self.context.get("drafts", [])
        # With WITH_FUTURE_DATES off, Pelican makes future stories drafts too:
        # those are scheduled, not drafts the author marked.
        marked = [d for d in drafts if str(d.metadata.get("status", "")).lower() == "draft"]
        scheduled = [
            story
            for story in [*self.context.get("articles", []), *drafts]
            if story not in marked and story.date > now
        ]
        self.write(
            writer,
            self.save_as,
            self.url,
            "drafts",
            draft_articles=sorted(marked, key=lambda d: d.date, reverse=True),
            draft_pages=self.context.get("draft_pages", []),
            scheduled_articles=sorted(scheduled, key=lambda s: s.date),
        )
