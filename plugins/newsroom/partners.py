"""Partner pages: /<lang>/partners/, one page and one Atom feed per partner.

A partner is content/partners/<slug>.<lang>.md; stories name partners with
`Partners: <slug>, …` and magazine issues with `Contributors: …`.
"""

from .generators import EntriesGenerator, Entry


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


def link(generators):
    """Signal all_generators_finalized: stories and issues <-> partners.

    Sets partner.stories (newest first), partner.issues, partner.timeline
    (both, newest first) and, on each story, `partner_list`: the partners it
    names that have a page in this language.
    """
    context = generators[0].context  # shared by every generator of the run
    partners = context["partners_by_slug"]
    stories = context["articles"]
    issues = context.get("magazine_issues", [])
    for partner in partners.values():
        partner.stories = [story for story in stories if partner.slug in story.partners]
        partner.issues = [issue for issue in issues if partner.slug in issue.contributors]
        partner.timeline = sorted(
            partner.stories + partner.issues, key=lambda item: item.date, reverse=True
        )
    for story in stories:
        story.partner_list = [partners[slug] for slug in story.partners if slug in partners]
