"""The AICTO newsroom's Pelican plugin: every signal is wired here.

One module per concern:
- frontmatter, content_index: the cheap scan of every language's front matter
  (translations, content errors) that runs before the Pelican runs;
- languages: per-language settings; build: the parallel runs and the swap;
- reader: our Markdown reader (reading time, partner lists, typography);
- stories: newer/older and related stories, once per run;
- social_cards: the headline card for stories without a featured image;
- generators, partners, magazine: partner pages and the Smart Magazine,
  with validation (shared with the content check) for both;
- press: the press room (contacts, press kit, press releases, feeds);
- feeds: Atom/RSS in the run's language, and JSON Feed;
- drafts: the drafts page of development builds (authoring has the tools
  `invoke new`, `translate` and `status` use);
- i18n, templating: catalogs, localized dates and template helpers;
- links: root-relative links inside content.
See docs/architecture.md for which hook runs when.
"""

from pelican import signals

from . import (
    drafts,
    feeds,
    links,
    magazine,
    partners,
    press,
    reader,
    render_cache,
    social_cards,
    stories,
    templating,
)


def our_generators(pelican):
    return [
        partners.PartnersGenerator,
        magazine.MagazineGenerator,
        press.PressGenerator,
        drafts.DraftsGenerator,
    ]


def register():
    signals.get_generators.connect(our_generators)
    signals.get_writer.connect(feeds.use_our_writer)
    signals.finalized.connect(render_cache.finish)
    signals.article_writer_finalized.connect(feeds.write_json_feed)
    signals.readers_init.connect(reader.use_our_reader)
    signals.generator_init.connect(templating.install)
    signals.article_generator_finalized.connect(stories.link_stories)
    signals.article_generator_finalized.connect(social_cards.add_cards)
    signals.all_generators_finalized.connect(magazine.link)
    signals.all_generators_finalized.connect(partners.link)
    signals.all_generators_finalized.connect(links.root_relative_content_links)
    signals.all_generators_finalized.connect(templating.navigation)
