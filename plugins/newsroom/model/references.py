"""The rules across files: what files say about each other.

Partner slugs (with the nearest known one suggested), magazine issue
numbers, and the files that front matter names on disk. Two issues cannot
share a number in one language: the number is in the file name (issue-<n>),
and the scan refuses two files with one slug and language. Partners and
issues with no version in X_DEFAULT_LANG are warnings.
"""

import difflib
from collections import defaultdict
from pathlib import Path

from .problems import Problem
from .values import URL_RE, issue_number, split_list

# Front-matter fields that name a file under content/ (or, for pdf, a URL).
FILE_FIELDS = {
    "article": ("image",),
    "partner": ("logo",),
    "issue": ("cover", "pdf"),
    "kit": ("file",),
}


def check_references(index, settings):
    """Checks across files; adds Problems and warnings (strings) to `index`."""
    content = Path(settings["PATH"])
    by_kind = defaultdict(list)
    for item in index.items:
        by_kind[item.kind].append(item)
    # Every partner file counts, even one with problems of its own: naming
    # it is not an error on top of those.
    partners = sorted(index.slugs["partner"])
    issues = {issue_number(item.meta["issue"].value) for item in by_kind["issue"]}

    def report(item, name, message):
        index.problems.append(Problem(item.path, item.meta[name].line, name, message))

    for item in by_kind["article"] + by_kind["issue"]:
        name = "partners" if item.kind == "article" else "contributors"
        if name in item.meta:
            for slug in split_list(item.meta[name].value):
                if slug not in partners:
                    report(item, name, unknown_partner(slug, partners))
    for item in by_kind["article"]:
        if "magazine" in item.meta and issue_number(item.meta["magazine"].value) not in issues:
            number = item.meta["magazine"].value
            report(
                item,
                "magazine",
                f"there is no Smart Magazine issue {number}; "
                "add content/magazine/issue-<n>.<lang>.md or fix the number",
            )
    for item in index.items:
        for name in FILE_FIELDS.get(item.kind, ()):
            value = item.meta[name].value if name in item.meta else ""
            is_url = name == "pdf" and URL_RE.match(value)
            if value and not is_url and not (content / value).is_file():
                report(
                    item,
                    name,
                    f'"{value}" is not a file under content/; '
                    "check the path (it is relative to content/)",
                )
    _warn_untranslated(index, by_kind, settings["X_DEFAULT_LANG"])


def unknown_partner(slug, partners):
    message = f'"{slug}" is not a partner'
    nearest = difflib.get_close_matches(slug, partners, n=1)
    if nearest:
        return f'{message}; did you mean "{nearest[0]}"?'
    return f"{message}; add content/partners/{slug}.<lang>.md or fix the slug"


def _warn_untranslated(index, by_kind, default):
    """Partners and issues without a version in the default language."""
    for kind in ("partner", "issue"):
        in_default = {item.slug for item in by_kind[kind] if item.lang == default}
        for item in by_kind[kind]:
            if item.slug not in in_default:
                index.warnings.append(
                    f"{item.path}:1: warning: no {default} version of this {kind} "
                    f"(content/…/{item.slug}.{default}.md)"
                )
