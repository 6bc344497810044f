"""The Smart Magazine: /<lang>/magazine/, one page per issue, an Atom feed.

An issue is content/magazine/issue-<n>.<lang>.md. A story that appeared in
an issue says `Magazine: <n>`; links.py links issues, stories and
contributors once every generator has read its files.
"""

from pathlib import Path

from ..model.i18n import translations
from ..model.values import URL_RE
from .entries import EntriesGenerator, Entry


class Issue(Entry):
    mandatory_properties = ("date",)  # an issue's theme (its title) is optional
    default_template = "issue"


class MagazineGenerator(EntriesGenerator):
    content_class = Issue
    paths_setting = "MAGAZINE_PATHS"

    def generate_context(self):
        issues = self.read_entries()
        catalog = translations(self.settings["THEME"], self.settings["DEFAULT_LANG"])
        for issue in issues:
            issue.number = int(issue.metadata["issue"])
            if not hasattr(issue, "title"):  # feeds need one: "Smart Magazine, issue 1"
                name = catalog.gettext("Smart Magazine, issue %(number)s")
                issue.title = name % {"number": issue.number}
            self._files(issue)
        issues.sort(key=lambda issue: issue.number, reverse=True)
        for position, issue in enumerate(issues):
            issue.newer = issues[position - 1] if position > 0 else None
            issue.older = issues[position + 1] if position + 1 < len(issues) else None
        self.issues = issues
        self.context["magazine_issues"] = issues

    def _files(self, issue):
        """Cover and PDF: where readers get them, and the PDF's size when it is ours."""
        site_path = self.settings["SITE_PATH"]
        cover = issue.metadata.get("cover")
        issue.cover_url = f"{site_path}/{cover}" if cover else None
        pdf = issue.metadata.get("pdf")
        issue.pdf_url, issue.pdf_size = None, None
        if pdf and URL_RE.match(pdf):
            issue.pdf_url = pdf
        elif pdf:
            issue.pdf_url = f"{site_path}/{pdf}"
            issue.pdf_size = (Path(self.path) / pdf).stat().st_size
        self.copy_files(cover, pdf if pdf and not URL_RE.match(pdf) else None)

    def generate_output(self, writer):
        settings = self.settings
        self.write(writer, settings["MAGAZINE_SAVE_AS"], settings["MAGAZINE_URL"], "magazine")
        for issue in self.issues:
            self.write(writer, issue.save_as, issue.url, "issue", issue=issue)
        title = translations(settings["THEME"], settings["DEFAULT_LANG"]).gettext("Smart Magazine")
        self.write_feed(writer, self.issues, settings["MAGAZINE_FEED_ATOM"], title)
