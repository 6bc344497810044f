"""The language run: what runs inside one language's Pelican process.

`newsroom.register()` (the package's __init__) connects these modules to
Pelican's signals; `child` is the process's entry point, the only module of
this room that the build imports. Everything here may use the content
model (newsroom.model), never the build.

- child: the run's entry point: quiet logging, one line per error, and the
  kept run of `invoke serve` (keep, serve, rewrite);
- reader, figures, typography, picture: Markdown to HTML, per language;
- entries, partners, magazine, press, drafts: our generators, on one base class;
- links: newer/older/related stories, partner and issue links, the menu,
  root-relative links in content;
- templating, structured_data: what templates get besides Pelican's context;
- social_cards: a headline card for stories without a featured image;
- render_cache, writer, json_feed: pages taken from the last build when
  nothing they show changed, feeds in the run's language, JSON Feed.
"""
