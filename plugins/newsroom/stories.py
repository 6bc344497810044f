"""Links between the stories of one language: newer/older and related.

Computed once per run, after Pelican has read every article, from indexes
built in one pass: no story is compared with every other.
"""

from collections import Counter, defaultdict

RELATED_COUNT = 3
# A shared partner says more about a story than a shared tag.
WEIGHTS = {"partners": 2, "tags": 1}


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


def related_stories(articles, count=RELATED_COUNT):
    """{article: [up to `count` related articles]}, best first, newest on ties.

    `articles` is newest first; its order breaks ties.
    """
    rank = {id(article): position for position, article in enumerate(articles)}
    sharing = defaultdict(list)
    for article in articles:
        for key in _keys(article):
            sharing[key].append(article)
    related = {}
    for article in articles:
        scores = Counter()
        for key in _keys(article):
            for other in sharing[key]:
                if other is not article:
                    scores[id(other)] += WEIGHTS[key[0]]
        by_id = {id(other): other for key in _keys(article) for other in sharing[key]}
        best = sorted(scores, key=lambda other: (-scores[other], rank[other]))[:count]
        related[article] = [by_id[other] for other in best]
    return related
