"""`invoke import-wordpress`, the old site's lists: the addresses of its
category, tag, date-archive, author and feed pages, each led to its
counterpart here, in a redirects file per language
(content/redirects/wordpress.<lang>.md, which model/old_urls.py reads).

WordPress answers them at /category/<slug>/ (a child category under its
parents' slugs), /tag/<slug>/, /<yyyy>/, /<yyyy>/<mm>/, /<yyyy>/<mm>/<dd>/,
/author/<name>/ and /feed/ (also after a category or a tag), each under the
language's prefix where Polylang or WPML gives one (/ar/…), which the posts'
own addresses show. A category goes to its category here (or to the tag the
import made of it), a tag to its tag, a date to the archives, an author to
the home (the site has no author pages), a feed to the feed. Only the lists
of posts that are published here are written (a list of drafts would lead
nowhere), and each address once, for the first language that has it.
"""

import re
from urllib.parse import unquote, urlsplit

from ..model.old_urls import LISTS_FIELD
from . import wordpress_export as wxr

SLUG = "wordpress"  # content/redirects/wordpress.<lang>.md
FEEDS = ("feed/", "feed/rss2/", "feed/atom/", "feed/rdf/")
NOTE = (
    "Written by `invoke import-wordpress`: the addresses of the WordPress site's\n"
    "categories, tags, date archives, authors and feeds, each led to its\n"
    "counterpart on this site. Change or remove lines as you like; this text is\n"
    "never published.\n"
)


def redirects(posts, channel, base, mapping, order, now):
    """{lang: [(old address, target)]} for the published stories' lists, in
    the languages' `order`; `mapping` is {WordPress category slug: ours}.
    `now` holds back scheduled posts, as the build does."""
    root = urlsplit(base).path.rstrip("/")
    parents = {
        unquote(wxr.child_text(term, "wp:category_nicename")): unquote(
            wxr.child_text(term, "wp:category_parent")
        )
        for term in channel.find_all("wp:category", recursive=False)
    }
    taken = {unquote(url) for post in posts for url in post.old_urls}
    published = [
        post
        for post in posts
        if post.kind == "article" and post.status == "published" and post.date <= now
    ]
    found = {}
    for lang in order:
        mine = [post for post in published if post.lang == lang]
        if not mine:
            continue
        prefix = _prefix(lang, [post for post in posts if post.lang == lang], root)
        lists = {}
        for path, target in _lists(mine, mapping, parents):
            address = f"{prefix}/{path}"
            if address not in taken:
                taken.add(address)
                lists[address] = target
        found[lang] = list(lists.items())
    return found


def _lists(posts, mapping, parents):
    """(path, target) of every list the language's published `posts` were in."""
    categories = {post.category for post in posts}
    tags = {name for post in posts for name in post.tag_names}
    for post in posts:
        for slug, name in post.categories:
            page, feed = _category_targets(slug, name, mapping, categories, tags)
            yield f"category/{_chain(slug, parents)}/", page
            yield f"category/{_chain(slug, parents)}/feed/", feed
        for slug, name in post.tags:
            yield f"tag/{slug}/", _tag_target(name, tags)
            yield f"tag/{slug}/feed/", _tag_target(name, tags)
        for pattern in ("%Y/", "%Y/%m/", "%Y/%m/%d/"):
            yield post.date.strftime(pattern), "archives"
        if nicename := _nicename(post.login):
            yield f"author/{nicename}/", "home"
    for feed in FEEDS:
        yield feed, "feed"


def text(lines):
    """A redirects file holding `lines` ([(old address, target)])."""
    rows = [f"{old} -> {target}" for old, target in lines]
    return f"{LISTS_FIELD.capitalize()}: " + "\n    ".join(rows) + "\n\n" + NOTE


def _prefix(lang, posts, root):
    """The language's prefix on the old site ("/ar" under Polylang or WPML,
    "" for a language at the root): what most of its posts' addresses start with."""
    links = [post.old_urls[0] for post in posts if post.old_urls and "?" not in post.old_urls[0]]
    prefixed = sum(link.startswith(f"{root}/{lang}/") for link in links)
    return f"{root}/{lang}" if links and prefixed * 2 > len(links) else root


def _chain(slug, parents):
    """A category's path: its parents' slugs, then its own (news/events)."""
    chain = [slug]
    while parents.get(chain[0]) and parents[chain[0]] not in chain:
        chain.insert(0, parents[chain[0]])
    return "/".join(chain)


def _category_targets(slug, name, mapping, categories, tags):
    """Where a WordPress category's page and feed lead: to our category it
    maps to, if the language has stories in it; else to the tag it became;
    else to the archives and the feed."""
    ours = mapping.get(slug.lower())
    if ours in categories:
        return f"category {ours}", f"category feed {ours}"
    if wxr.tag_name(name) in tags:
        return f"tag {wxr.tag_name(name)}", f"tag {wxr.tag_name(name)}"
    return "archives", "feed"


def _tag_target(name, tags):
    return f"tag {wxr.tag_name(name)}" if wxr.tag_name(name) in tags else "tags"


def _nicename(login):
    """The address WordPress gives an author's archive: the login, lower-cased,
    with what is not a letter, digit, _ or - made a hyphen."""
    return re.sub(r"[^a-z0-9_-]+", "-", login.lower()).strip("-")
