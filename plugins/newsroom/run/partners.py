"""Partner pages: /<lang>/partners/, one page and one Atom feed per partner.

A partner is content/partners/<slug>.<lang>.md; stories name partners with
`Partners: <slug>, …` and magazine issues with `Contributors: …`; links.py
links them both ways once every generator has read its files.
"""

from .entries import EntriesGenerator, Entry


class Partner(Entry):
    mandatory_properties = ("title",)  # the reader makes Name the title
    default_template = "partner"


class PartnersGenerator(EntriesGenerator):
    content_class = Partner
    paths_setting = "PARTNER_PATHS"

    def generate_context(self):
        self.partners = sorted(self.read_entries(), key=lambda p: p.title_text.casefold())
        self.copy_files(*(partner.metadata.get("logo") for partner in self.partners))
        self.context["partners"] = self.partners
        self.context["partners_by_slug"] = {partner.slug: partner for partner in self.partners}

    def generate_output(self, writer):
        settings = self.settings
        groups = group_by_kind(self.partners, settings["PARTNER_KINDS"])
        self.write(
            writer,
            settings["PARTNERS_SAVE_AS"],
            settings["PARTNERS_URL"],
            "partners",
            partner_groups=groups,
        )
        for partner in self.partners:
            self.write(writer, partner.save_as, partner.url, "partner", partner=partner)
            feed = settings["PARTNER_FEED_ATOM"]
            path = feed and feed.format(slug=partner.slug)
            self.write_feed(writer, partner.stories, path, partner.title_text)


def group_by_kind(partners, kinds):
    """[(kind or None, [partners])] in the order of PARTNER_KINDS, "other" last."""
    groups = [(kind, [p for p in partners if p.metadata.get("kind") == kind]) for kind in kinds]
    others = [p for p in partners if p.metadata.get("kind") not in kinds]
    return [group for group in groups if group[1]] + ([(None, others)] if others else [])
