"""Links between the stories of one language: newer/older and related.

Computed once per run, after Pelican has read every article, from indexes
built in one pass: a story is compared with its neighbours in time in each
of its tags and partners, never with every other story.
"""

from collections import Counter, defaultdict

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
