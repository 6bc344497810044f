"""Newsletter editions: content/newsletter/<n>.<lang>.md.

An edition is content like a story: `Edition: <n>` (the file's name), a
`Date`, the `Stories` it carries (slugs of published stories of its
language, in the order the email shows them), an optional `Subject`, and
its introduction as the body. `invoke newsletter send` adds `Sent:` after a
real send. The web archive is run/newsletter.py's; the email is
tools/newsletter*.py's. The rules table checks each field (`edition_number`);
`check` looks across files: each story named must be a published story of
the edition's language.
"""

import difflib
import re

from .problems import Problem

NUMBER_RE = re.compile(r"^[1-9][0-9]*$")


def slugs(text):
    """The story slugs a `Stories` field holds: commas, spaces or lines between them."""
    return [slug for slug in re.split(r"[\s,]+", text) if slug]


def edition_number(file, name, field):
    """`Edition`: a positive whole number, which the file's name repeats."""
    if not field.value:
        return
    if not NUMBER_RE.match(field.value.strip()):
        message = f'"{field.value}" is not a positive whole number; write the edition\'s number'
        file.report(name, message, field.line)
    elif file.slug != field.value.strip():
        message = f"edition {field.value.strip()} belongs in a file named {field.value.strip()}"
        file.report(name, f"{message}.<lang>.md", field.line)


def check(index):
    """Each edition's stories: published stories of its language (a draft, a
    story of another language or an unknown slug is a Problem, with the
    nearest published slug suggested)."""
    published, drafts, anywhere = {}, {}, {}
    for item in index.items:
        if item.kind == "article":
            published.setdefault(item.lang, set()).add(item.slug)
            anywhere.setdefault(item.slug, set()).add(item.lang)
    for item in index.drafts:
        if item.kind == "article":
            drafts.setdefault(item.lang, set()).add(item.slug)
    for item in index.items + index.drafts:
        if item.kind != "edition" or "stories" not in item.meta:
            continue
        field = item.meta["stories"]
        mine = published.get(item.lang, set())
        for slug in slugs(field.value):
            if slug in mine:
                continue
            if slug in drafts.get(item.lang, set()):
                message = f'"{slug}" is a draft; publish it first, or take it out of Stories'
            elif slug in anywhere:
                others = ", ".join(sorted(anywhere[slug]))
                message = (
                    f'"{slug}" has no {item.lang} version (only {others}); '
                    "an edition carries stories of its own language"
                )
            else:
                message = f'"{slug}" is not a published story in {item.lang}'
                nearest = difflib.get_close_matches(slug, sorted(mine), n=1, cutoff=0.6)
                message += f'; did you mean "{nearest[0]}"?' if nearest else "; check the slug"
            index.report(item, Problem(item.path, field.line, "stories", message))
