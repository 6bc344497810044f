"""The AICTO newsroom: our Pelican plugin, the build that drives it, and tools.

The folders are the rooms where code runs; imports go one way
(tests/test_rooms.py guards it):

- model/: the content model, plain Python: front matter, the rules of every
  kind of file, the scan. Everyone may import it; it imports no other room.
- run/: what runs inside one language's Pelican process: reader,
  typography, generators, templating, the writer. `register()` below wires
  its receivers; the build reaches it only through run/child.py.
- build/: the parent process: scan, fork the runs, merge, assets,
  redirects, sitemaps, search, swap, and `invoke serve`'s session.
- tools/: commands for authors and operators (authoring, WordPress import,
  publish, fonts, bench, browser checks), which nothing in the build imports.

docs/architecture.md has a table per folder and the hooks in order.
"""


def register():
    """Pelican's entry point (PLUGINS = ["newsroom"]): every signal we use, in one place."""
    from pelican import signals

    from .run import (
        events,
        json_feed,
        links,
        reader,
        render_cache,
        social_cards,
        templating,
        unsafe,
        writer,
    )

    signals.get_generators.connect(our_generators)
    signals.get_writer.connect(writer.use_our_writer)
    signals.finalized.connect(render_cache.finish)
    signals.article_writer_finalized.connect(json_feed.write_json_feed)
    signals.readers_init.connect(reader.use_our_reader)
    signals.content_object_init.connect(unsafe.collect)
    signals.generator_init.connect(templating.install)
    signals.article_generator_finalized.connect(events.collect)
    signals.article_generator_finalized.connect(links.link_stories)
    signals.article_generator_finalized.connect(social_cards.add_cards)
    signals.all_generators_finalized.connect(unsafe.report)
    signals.all_generators_finalized.connect(links.link_issues)
    signals.all_generators_finalized.connect(links.link_partners)
    signals.all_generators_finalized.connect(links.root_relative_content_links)
    signals.all_generators_finalized.connect(links.navigation)


def our_generators(pelican):
    """Signal get_generators: ours, after Pelican's own and before its static generator."""
    from .run import drafts, events, magazine, newsletter, partners, press

    return [
        partners.PartnersGenerator,
        magazine.MagazineGenerator,
        press.PressGenerator,
        events.EventsGenerator,
        newsletter.NewsletterGenerator,
        drafts.DraftsGenerator,
    ]
