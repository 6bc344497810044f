"""The rules across files: what files say about each other.

Partner slugs (with the nearest known one suggested), magazine issue
numbers, the files that front matter names on disk, and the stories and
pages that `{filename}` links name (published ones, not drafts). Two issues
cannot share a number in one language: the number is in the file name
(issue-<n>), and the scan refuses two files with one slug and language.
Partners and issues with no version in X_DEFAULT_LANG are warnings. Drafts
are checked too; their problems are warnings (ContentIndex.report).
"""

import difflib
from collections import defaultdict
from pathlib import Path

from .events import event_of
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
    for item in index.items + index.drafts:
        by_kind[item.kind].append(item)
    # Every partner file counts, even one with problems of its own: naming
    # it is not an error on top of those.
    partners = sorted(index.slugs["partner"])
    issues = {
        issue_number(item.meta["issue"].value) for item in index.items if item.kind == "issue"
    }

    def report(item, name, message):
        index.report(item, Problem(item.path, item.meta[name].line, name, message))

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
    for item in index.items + index.drafts:
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
    _check_links(index, content)
    _check_event_versions(index, settings)
    published = {
        kind: [item for item in items if not item.draft] for kind, items in by_kind.items()
    }
    _warn_untranslated(index, defaultdict(list, published), settings["X_DEFAULT_LANG"])


def _check_links(index, content):
    """`{filename}` links name a file that exists and, for a story or page, one
    that is built (not a draft)."""
    choices = None  # every Markdown file, for a suggestion: listed at the first missing one
    for item in index.items + index.drafts:
        for line, target in item.links:
            written = target.split("}", 1)[-1].split("|", 2)[-1].split("#")[0].split("?")[0]
            if not written:
                continue  # {filename}#anchor: this file
            base = content if written.startswith("/") else Path(item.path).parent
            file = (base / written.lstrip("/")).resolve()
            if file.suffix == ".md" and file.is_file() and str(file) not in index.pages:
                message = (
                    f'"{target}" is a draft or unpublished: publish it first, or remove the link'
                )
            elif not file.is_file():
                if choices is None:
                    markdown = sorted(path for path in content.rglob("*.md") if path.is_file())
                    choices = ["/" + path.relative_to(content).as_posix() for path in markdown]
                nearest = difflib.get_close_matches(
                    "/" + _relative(file, content), choices, n=1, cutoff=0.5
                )
                message = f'"{target}" is not a file'
                if nearest:
                    message += f"; did you mean {{filename}}{nearest[0]}?"
                else:
                    message += "; check the path (from this file's folder, or from content/ with /)"
            else:
                continue
            index.report(item, Problem(item.path, line, "link", message))


def _check_event_versions(index, settings):
    """The translations of an event share its calendar entry (one UID, one
    SEQUENCE): their time, zone and status must be the original's (the
    X_DEFAULT_LANG version, else the first in LANGUAGES order)."""
    order = [settings["X_DEFAULT_LANG"], *settings["LANGUAGES"]]
    versions = defaultdict(list)
    for item in index.items:
        if item.kind == "article" and "start" in item.meta:
            versions[item.slug].append(item)
    for items in versions.values():
        items.sort(key=lambda item: order.index(item.lang))
        events = [
            event_of({k: f.value for k, f in item.meta.items()}, settings["EVENT_TIMEZONE"])
            for item in items
        ]
        original, first = items[0], events[0]
        for item, event in zip(items[1:], events[1:], strict=True):
            if event.revision != first.revision:
                message = (
                    f"differs from the {original.lang} version ({first.describe()}); the "
                    "translations of an event share its Start, End, Timezone and Event_status"
                )
                index.report(item, Problem(item.path, item.meta["start"].line, "start", message))


def _relative(file, content):
    try:
        return file.relative_to(content.resolve()).as_posix()
    except ValueError:
        return file.name


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
