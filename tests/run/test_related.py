"""Related stories (stories.related_stories): the best-scored neighbours.

A shared partner weighs 2 and a shared tag 1; ties go to the newer story.
Candidates are the stories within REACH places of a story in each of its
tags' and partners' lists, so that the work grows linearly with the site."""

import random

from newsroom.run.links import REACH, WEIGHTS, _keys, related_stories


class Story:
    def __init__(self, name, tags=(), partners=()):
        self.name, self.partners = name, list(partners)
        self.tags = [Tag(slug) for slug in tags]

    def __repr__(self):
        return self.name


class Tag:
    def __init__(self, slug):
        self.slug = slug


def best_of_all(articles, count=3):
    """The definition, comparing every story with every other."""
    related = {}
    for article in articles:
        mine = list(_keys(article))
        scores = {}
        for position, other in enumerate(articles):
            score = sum(WEIGHTS[key[0]] for key in _keys(other) if key in mine)
            if other is not article and score:
                scores[other] = (-score, position)
        related[article] = sorted(scores, key=scores.get)[:count]
    return related


def test_within_reach_the_choice_is_the_best_of_all():
    rnd = random.Random(8)
    articles = []
    for n in range(REACH):  # every list is shorter than the reach
        tags = rnd.sample("abcdefgh", rnd.randint(0, 3))
        articles.append(Story(f"s{n}", tags, rnd.sample("pq", rnd.randint(0, 1))))
    assert related_stories(articles) == best_of_all(articles)


def test_a_key_counts_only_between_stories_within_reach_in_its_list():
    # Newest first. "far" shares three tags with "story", the fillers two,
    # but in the lists of "t" and "u" far is more than REACH places away:
    # only "v" (a list of two) counts for it, and the fillers win.
    story, near, far = Story("story", "tuv"), Story("near", "t"), Story("far", "tuv")
    filler = [Story(f"f{n}", "tu") for n in range(REACH)]
    articles = [story, near, *filler, far]
    assert related_stories(articles)[story] == filler[:3]
    assert best_of_all(articles)[story] == [far, *filler[:2]]
