"""Cross-links inside one language's run, made once after reading.

- `link_stories` (article_generator_finalized): newer/older and related
  stories, from indexes built in one pass: a story is compared with its
  neighbours in time in each of its tags and partners, never with every
  other story;
- `link_partners`, `link_issues` (all_generators_finalized): stories and
  issues <-> partners, issues <-> stories;
- `navigation`: the small summary the menu of every page reads;
- `root_relative_content_links`: `{static}` and `{filename}` links in
  content without a host.
"""

from collections import Counter, defaultdict

from .entries import find
from .magazine import MagazineGenerator

RELATED_COUNT = 3
# A shared partner says more about a story than a shared tag.
WEIGHTS = {"partners": 2, "tags": 1}
REACH = 50  # places apart in a tag's or partner's list (see related_stories)


def link_stories(generator):
    """Signal article_generator_finalized: set newer, older and related, and
    have the featured images copied."""
    articles = sorted(generator.articles, key=lambda a: a.date, reverse=True)
    for position, article in enumerate(articles):
        article.newer = articles[position - 1] if position > 0 else None
        article.older = articles[position + 1] if position + 1 < len(articles) else None
    for article, related in related_stories(articles).items():
        article.related = related
    # Featured images may live anywhere under content/: have them copied.
    featured = (a.metadata.get("image") for a in [*articles, *generator.drafts])
    generator.context["static_links"].update(path for path in featured if path)


def _keys(article):
    """The (kind, value) pairs that relate `article` to others."""
    yield from (("partners", slug) for slug in getattr(article, "partners", []))
    yield from (("tags", tag.slug) for tag in getattr(article, "tags", []))


def related_stories(articles, count=RELATED_COUNT, reach=REACH):
    """{article: [up to `count` related articles]}, best first, newest on ties.

    `articles` is newest first; its order breaks ties. A shared tag or
    partner counts between two stories that are at most `reach` places apart
    in its list (of stories, newest first): a tag on every story would
    otherwise make every story a candidate of every other (10,000 stories:
    15 s per language instead of 1.5 s), and a newsroom's related stories are
    close in time anyway. A rare tag or partner still reaches far back.
    """
    rank = {id(article): position for position, article in enumerate(articles)}
    sharing = defaultdict(list)  # key -> the ids of its stories, newest first
    place = {}  # (key, id(article)) -> the article's position in sharing[key]
    for article in articles:
        for key in _keys(article):
            place[key, id(article)] = len(sharing[key])
            sharing[key].append(id(article))
    related = {}
    for article in articles:
        scores = Counter()
        for key in _keys(article):
            at = place[key, id(article)]
            nearby = sharing[key][max(0, at - reach) : at + reach + 1]
            for _ in range(WEIGHTS[key[0]]):
                scores.update(nearby)  # counted in C
        scores.pop(id(article), None)
        best = sorted(scores, key=lambda other: (-scores[other], rank[other]))[:count]
        related[article] = [articles[rank[other]] for other in best]
    return related


def link_partners(generators):
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


def link_issues(generators):
    """Signal all_generators_finalized: issues <-> stories and contributors.

    Sets issue.stories and issue.contributor_list (partners with a page in
    this language) and, on a story that says `Magazine: <n>`, magazine_issue.
    """
    issues = {issue.number: issue for issue in find(generators, MagazineGenerator).issues}
    context = generators[0].context
    partners = context.get("partners_by_slug", {})
    for issue in issues.values():
        issue.stories = []
        issue.contributor_list = [partners[slug] for slug in issue.contributors if slug in partners]
    for story in context["articles"]:
        number = story.metadata.get("magazine")
        story.magazine_issue = issues.get(int(number)) if number else None
        if story.magazine_issue:
            story.magazine_issue.stories.append(story)


def navigation(generators):
    """Signal all_generators_finalized: what the menu of every page shows, as
    plain values: the categories with stories (in CATEGORIES order), and
    whether there are magazine issues and partners. Pages depend on this
    small summary, not on every story (render_cache.py)."""
    context = generators[0].context  # one context, shared by all generators
    in_use = {category.slug: category for category, _ in context.get("categories", [])}
    if "events_category" in context:  # events.py: its page is there, empty or not
        in_use[context["events_category"].slug] = context["events_category"]
    context["navigation"] = {
        "categories": [in_use[key] for key in context["CATEGORIES"] if key in in_use],
        "magazine": bool(context.get("magazine_issues")),
        "partners": bool(context.get("partners")),
    }


def root_relative_content_links(generators):
    """Signal all_generators_finalized: links inside content ({static},
    {filename}) without a host.

    Pelican prefixes them with SITEURL, which is absolute here (canonical and
    hreflang URLs need it). Pages must not name a host, so the same build works
    on any host or port: content links use the site's path instead. This runs
    before anything is rendered, and before Pelican's
    refresh_metadata_intersite_links rewrites the summaries.
    """
    # All generators share one context; Content objects read it when rendered.
    context = generators[0].context
    context["localsiteurl"] = context["SITE_PATH"]
