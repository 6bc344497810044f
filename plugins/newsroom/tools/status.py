"""`invoke status`: every story's languages, at a glance.

Missing and out-of-date translations, drafts, scheduled stories, and files
still holding the translator's marker, as a table or JSON. Changes are dated
by git commits in a git checkout, else by modification times.
"""

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from ..model.frontmatter import BinaryFile, read_source
from ..model.layout import FILENAME_RE
from ..model.problems import shown_path
from ..model.rules import TRANSLATE_MARK
from ..model.values import parse_date
from .git import GitError, git


@dataclass
class Version:
    lang: str
    path: Path
    status: str  # published, draft or hidden
    title: str
    date: datetime.datetime | None  # aware, in the site's time zone
    translation_of: str | None
    to_translate: bool  # still holds TRANSLATE_MARK
    changed: float | None = None  # seconds since the epoch
    scheduled: bool = False
    out_of_date: bool = False


@dataclass
class Story:
    slug: str
    versions: dict = field(default_factory=dict)  # lang -> Version
    original: str | None = None


def status(settings, as_json=False):
    """Every story's languages, missing and out-of-date translations, drafts and
    scheduled stories: a table, or JSON."""
    content = Path(settings["PATH"])
    zone = ZoneInfo(settings["TIMEZONE"])
    now = datetime.datetime.now(zone)
    stories = {}
    for folder in settings["ARTICLE_PATHS"]:
        for path in sorted((content / folder).rglob("*.md")):
            name = FILENAME_RE.match(path.name)
            if not name or name["lang"] not in settings["LANGUAGES"]:
                continue  # `invoke check` names it
            story = stories.setdefault(name["slug"], Story(name["slug"]))
            if name["lang"] not in story.versions:  # a duplicate: `invoke check` names it
                story.versions[name["lang"]] = _version(path, name["lang"], zone, now)
    times, dated_by = change_times(
        content, [v.path for s in stories.values() for v in s.versions.values()]
    )
    for story in stories.values():
        for version in story.versions.values():
            version.changed = times[version.path][0]
        story.original = _original(story, times)
        if story.original:
            reference = story.versions[story.original].changed
            for lang, version in story.versions.items():
                version.out_of_date = lang != story.original and version.changed < reference
    order = sorted(stories.values(), key=lambda s: s.slug)
    order.sort(key=lambda s: _story_date(s) or now, reverse=True)
    report = _report(order, settings, dated_by)
    if as_json:
        return json.dumps(report, ensure_ascii=False, indent=2)
    return _table(report)


def _version(path, lang, zone, now):
    try:
        source = read_source(path)
        text = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, BinaryFile):
        return Version(lang, path, "published", "", None, None, False)
    meta = {key: f.value for key, f in source.fields.items()}
    date = None
    try:
        date, _ = parse_date(meta.get("date", ""))
        date = date if date.tzinfo else date.replace(tzinfo=zone)
    except ValueError:
        pass  # `invoke check` reports it
    return Version(
        lang=lang,
        path=path,
        status=meta.get("status", "published").lower() or "published",
        title=meta.get("title", ""),
        date=date,
        translation_of=meta.get("translation_of") or None,
        to_translate=TRANSLATE_MARK in text,
        scheduled=date is not None and date > now,
    )


def _original(story, times):
    """The language a story was written in: the one its translations name in
    `Translation_of:`, else (in git) the version added first; None if unknown."""
    named = {v.translation_of for v in story.versions.values() if v.translation_of}
    named &= set(story.versions)
    if len(named) == 1:
        return named.pop()
    if len(story.versions) == 1:
        return next(iter(story.versions))
    added = {lang: times[v.path][1] for lang, v in story.versions.items()}
    if None in added.values():
        return None
    first = min(added.values())
    firsts = [lang for lang, when in added.items() if when == first]
    return firsts[0] if len(firsts) == 1 else None


def _story_date(story):
    version = story.versions.get(story.original)
    dates = [v.date for v in story.versions.values() if v.date]
    return version.date if version and version.date else min(dates, default=None)


def change_times(content, paths):
    """({path: (last change, first added or None)}, how they were dated).

    In a git checkout, a committed file is dated by its last commit and its
    first (git log); a file with uncommitted changes, or untracked, by its
    modification time. Elsewhere, every file by its modification time.
    """
    mtimes = {path: (path.stat().st_mtime, None) for path in paths}
    try:
        top = Path(git(content, "rev-parse", "--show-toplevel").strip()).resolve()
        where = str(Path(content).resolve().relative_to(top)) or "."
        log = git(top, "log", "--format=%x00%ct", "--name-only", "--", where)
        dirty = git(top, "status", "--porcelain", "-z", "--untracked-files=all", "--", where)
    except (ValueError, GitError):
        return mtimes, "file modification times (not a git checkout)"
    committed, when = {}, None
    for line in log.splitlines():
        if line.startswith("\0"):
            when = float(line[1:])
        elif line.strip() and when is not None:
            last, _ = committed.get(line, (when, None))
            committed[line] = (last, when)  # git log runs newest first
    changed = set()
    entries = iter(dirty.split("\0"))
    for entry in entries:
        if len(entry) > 3:
            changed.add(entry[3:])
            if entry[0] in "RC":
                next(entries, None)  # the name it was renamed or copied from
    times, uncommitted = {}, 0
    for path in paths:
        relative = Path(path).resolve().relative_to(top).as_posix()
        if relative in committed and relative not in changed:
            times[path] = committed[relative]
        else:
            times[path] = mtimes[path]
            uncommitted += 1
    how = "git commit times"
    if uncommitted:
        how += f" ({uncommitted} uncommitted or new files: their modification times)"
    return times, how


def _iso(when):
    return None if when is None else when.isoformat()


def _changed(seconds, zone):
    return datetime.datetime.fromtimestamp(seconds, zone).isoformat(timespec="seconds")


def _report(stories, settings, dated_by):
    """The status as plain data (what --json prints)."""
    languages = list(settings["LANGUAGES"])
    zone = ZoneInfo(settings["TIMEZONE"])
    out = []
    for story in stories:
        versions = story.versions
        out.append(
            {
                "slug": story.slug,
                "date": _iso(_story_date(story)),
                "original": story.original,
                "languages": [lang for lang in languages if lang in versions],
                "missing": [lang for lang in languages if lang not in versions],
                "out_of_date": [
                    lang for lang in languages if lang in versions and versions[lang].out_of_date
                ],
                "drafts": [
                    lang
                    for lang in languages
                    if lang in versions and versions[lang].status == "draft"
                ],
                "scheduled": {
                    lang: _iso(versions[lang].date)
                    for lang in languages
                    if lang in versions
                    and versions[lang].scheduled
                    and versions[lang].status != "draft"
                },
                "to_translate": [
                    lang for lang in languages if lang in versions and versions[lang].to_translate
                ],
                "versions": {
                    lang: {
                        "path": shown_path(v.path),
                        "title": v.title,
                        "status": v.status,
                        "date": _iso(v.date),
                        "changed": _changed(v.changed, zone),
                    }
                    for lang in languages
                    if (v := versions.get(lang))
                },
            }
        )
    return {
        "timezone": settings["TIMEZONE"],
        "changes_dated_by": dated_by,
        "languages": languages,
        "stories": out,
    }


def _cell(story, lang):
    """What the table says of one language of one story."""
    version = story["versions"].get(lang)
    if version is None:
        return "missing"
    words = [version["status"]]
    if lang in story["scheduled"]:
        words = ["scheduled"]
    if lang == story["original"] and len(story["versions"]) > 1:
        words.append("original")
    if lang in story["out_of_date"]:
        words.append("out of date")
    if lang in story["to_translate"]:
        words.append("to translate")
    return ", ".join(words)


def _minute(iso):
    """ "2024-05-06T10:30:00+01:00" -> "2024-05-06 10:30" (the report's time zone)."""
    return iso[:16].replace("T", " ")


def _table(report):
    languages = report["languages"]
    header = ["story", "date", *languages]
    rows = [
        [s["slug"], (s["date"] or "?")[:10], *(_cell(s, lang) for lang in languages)]
        for s in report["stories"]
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(row):
        return "  ".join(
            cell.ljust(width) for cell, width in zip(row, widths, strict=True)
        ).rstrip()

    out = [line(header), line(["-" * width for width in widths]), *map(line, rows)]
    stories = report["stories"]
    missing = sum(1 for s in stories if s["missing"])
    count = f"{len(stories)} {'story' if len(stories) == 1 else 'stories'}"
    out += ["", f'{count}; {missing} not in every language ("missing" above).']
    sections = {
        "Out of date (the original changed after the translation)": [
            f"  {s['versions'][lang]['path']}: changed {_minute(s['versions'][lang]['changed'])}, "
            f"its original {s['versions'][s['original']]['path']} on "
            f"{_minute(s['versions'][s['original']]['changed'])}"
            for s in stories
            for lang in s["out_of_date"]
        ],
        "Still to translate (made by `invoke translate`)": [
            f"  {s['versions'][lang]['path']}" for s in stories for lang in s["to_translate"]
        ],
        "Drafts (never published)": [
            f"  {s['versions'][lang]['path']}" for s in stories for lang in s["drafts"]
        ],
        f"Scheduled (published by the first build on or after their date, {report['timezone']})": [
            f"  {s['versions'][lang]['path']}: {_minute(when)}"
            for s in stories
            for lang, when in s["scheduled"].items()
        ],
    }
    for title, lines in sections.items():
        if lines:
            out += ["", f"{title}:", *lines]
    out += ["", f"Changes dated by {report['changes_dated_by']}."]
    return "\n".join(out)
