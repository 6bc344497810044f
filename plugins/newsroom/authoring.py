"""Authoring tools: `invoke new`, `invoke translate`, `invoke status`.

The three commands read and write content files only; they never build.
Each takes the settings (pelicanconf.py, with PATH pointing at the content
folder) and returns the text to print, or raises AuthoringError with one line
for the author. tasks.py holds the thin Invoke wrappers. The drafts page that
`invoke new` points to is drafts.py's.
"""

import datetime
import json
import os
import re
import subprocess
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican.settings import read_settings
from pelican.utils import slugify

from .content_index import FILENAME_RE, parse_date, shown_path
from .frontmatter import BinaryFile, read_source
from .validation import TRANSLATE_MARK, split_list, unknown_partner

# TRANSLATE_MARK goes in front of every text still to translate: the front
# matter's texts and the comment holding the original. `invoke status` lists
# a file that still holds it; the content check refuses to publish one.
# Front-matter fields that are text in the story's language. Title, Image_alt
# and Image_caption keep the original behind TRANSLATE_MARK (the check wants a
# title, and alt text for an image); Summary and Tags are left empty, since a
# marked summary may pass the length limit and a marked tag would be a tag.
MARKED_FIELDS = ("title", "image_alt", "image_caption")
EMPTIED_FIELDS = ("summary", "tags")
# Never copied to a translation: `invoke translate` writes its own, or Pelican
# would read the file as another language's; old addresses belong to the
# version that had them (two files cannot claim one).
DROPPED_FIELDS = ("status", "translation_of", "lang", "translation", "slug", "old_urls")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FORMATS = "YYYY-MM-DD, or YYYY-MM-DD HH:MM"


class AuthoringError(Exception):
    """A mistake on the command line or in the content, in one line for the author."""


def load_settings(settings_file, content=None):
    """Pelican settings from `settings_file`, with PATH set to `content` if given."""
    overrides = {"PATH": str(Path(content).resolve())} if content else {}
    return read_settings(str(settings_file), override=overrides)


# invoke new


def new(settings, title, lang=None, category=None, partners=None, slug=None, date=None, *, preview):
    """Create content/articles/<yyyy>/<slug>.<lang>.md, a draft; return what to print."""
    title = " ".join((title or "").split())
    if not title:
        raise AuthoringError('the title is empty; give it in quotes: invoke new "Title" …')
    _check_choice("--lang", lang, settings["LANGUAGES"], "a language of the site")
    _check_choice("--category", category, settings["CATEGORIES"], "a category")
    date_text, when = _date(date, settings["TIMEZONE"])
    slug = _slug(title, slug, settings["SLUG_REGEX_SUBSTITUTIONS"])
    partners = _partners(partners, settings)
    taken = article_versions(settings, slug)
    if lang in taken:
        raise AuthoringError(
            f'the slug "{slug}" is taken by {shown_path(taken[lang])}; choose another --slug'
        )
    if taken:
        version = shown_path(next(iter(taken.values())))
        raise AuthoringError(
            f'the slug "{slug}" is taken by {version}; to translate that story, run: '
            f"invoke translate {version} --to {lang}; for another story, choose another --slug"
        )
    folder = Path(settings["PATH"]) / settings["ARTICLE_PATHS"][0] / f"{when.year:04d}"
    path = folder / f"{slug}.{lang}.md"
    lines = [
        f"Title: {title}",
        f"Date: {date_text}",
        f"Category: {category}",
        "Tags:",
        *([f"Partners: {', '.join(partners)}"] if partners else []),
        "Summary:",
        "Status: draft",
    ]
    folder.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as file:  # "x": never overwrite a file
        file.write("\n".join(lines) + "\n\n")
    url = f"{preview}/{_draft_url(settings, 'DRAFT_URL', lang, slug)}"
    return "\n".join(
        [
            f"Created {shown_path(path)} (a draft: write the story below the blank line).",
            f"Preview: {url} (while `make serve` runs)",
            'To publish it, fill in Summary and Tags, then delete the line "Status: draft".',
        ]
    )


def _check_choice(option, value, choices, what):
    if not value:
        raise AuthoringError(f"{option} is missing; use one of: {', '.join(choices)}")
    if value not in choices:
        raise AuthoringError(f'{option}: "{value}" is not {what}; use one of: {", ".join(choices)}')


def _date(text, timezone):
    """(the text for `Date:`, the datetime): `text`, or today in the site's time zone."""
    if not text:
        today = datetime.datetime.now(ZoneInfo(timezone)).date()
        return today.isoformat(), today
    try:
        when, _ = parse_date(text.strip())
    except ValueError:
        raise AuthoringError(f'--date: "{text}" is not a date; write it as {FORMATS}') from None
    return text.strip(), when


def is_latin(text):
    """True when every letter of `text` is a Latin letter (accents allowed)."""
    return all(unicodedata.name(char, "").startswith("LATIN") for char in text if char.isalpha())


def _slug(title, slug, substitutions):
    """The story's slug: `slug` checked, or one made from a Latin title.

    A title in another script (Arabic) gives no slug: transliteration drops
    the vowels ("khbr-bl-rby"), and the slug is the story's URL in every
    language for good, so the author names it (--slug) in a few English words.
    """
    if slug:
        if not SLUG_RE.match(slug):
            raise AuthoringError(
                f'--slug: "{slug}" is not a slug; use lower-case Latin letters, digits '
                "and single hyphens, e.g. aicto-and-huawei-sign-an-agreement"
            )
        return slug
    if not is_latin(title):
        raise AuthoringError(
            "the title is not in Latin letters, so it gives no readable URL; add --slug "
            "with a few English words in lower case, joined by hyphens, "
            "e.g. --slug aicto-and-huawei-sign-an-agreement"
        )
    made = re.sub(r"[^a-z0-9]+", "-", slugify(title, regex_subs=substitutions)).strip("-")
    if not made:
        raise AuthoringError("the title has no letters to make a slug from; add --slug")
    return made


def _partners(text, settings):
    """The partner slugs named by --partners, each of them a partner of the site."""
    names = split_list(text or "")
    known = sorted(
        name["slug"]
        for folder in settings["PARTNER_PATHS"]
        for path in (Path(settings["PATH"]) / folder).rglob("*.md")
        if (name := FILENAME_RE.match(path.name))
    )
    for name in names:
        if name not in known:
            raise AuthoringError(f"--partners: {unknown_partner(name, known)}")
    return names


def article_versions(settings, slug):
    """{lang: path} of the story files named <slug>.<lang>.md, in any year folder."""
    found = {}
    for folder in settings["ARTICLE_PATHS"]:
        for path in sorted((Path(settings["PATH"]) / folder).rglob(f"{slug}.*.md")):
            if (name := FILENAME_RE.match(path.name)) and name["slug"] == slug:
                found.setdefault(name["lang"], path)
    return found


def _draft_url(settings, key, lang, slug):
    return settings[key].replace("{lang}", lang).format(lang=lang, slug=slug)


# invoke translate


def translate(settings, file, to=None, *, preview):
    """Create the `to` version of a story or page beside `file`; return what to print."""
    path = Path(file)
    if not path.is_file():
        raise AuthoringError(f"{file} is not a file; give the path of the story to translate")
    name = FILENAME_RE.match(path.name)
    languages = settings["LANGUAGES"]
    if not name or name["lang"] not in languages:
        raise AuthoringError(f"{file} is not named <slug>.<lang>.md; give a story's file")
    kind = _kind(settings, path)
    slug, source_lang = name["slug"], name["lang"]
    _check_choice("--to", to, languages, "a language of the site")
    if to == source_lang:
        raise AuthoringError(f"{file} is the {to} version already; choose another --to")
    target = path.with_name(f"{slug}.{to}.md")
    existing = target if target.exists() else None
    if kind == "article":
        existing = existing or article_versions(settings, slug).get(to)
    if existing:
        raise AuthoringError(f"{shown_path(existing)} exists already; edit it instead")
    try:
        source = read_source(path)
    except (UnicodeDecodeError, BinaryFile):
        raise AuthoringError(f"{file} is not UTF-8 text; run `invoke check`") from None
    if TRANSLATE_MARK in path.read_text(encoding="utf-8"):
        raise AuthoringError(
            f"{file} still holds {TRANSLATE_MARK}: it is not translated yet; "
            "translate from the original instead"
        )
    fields = source.fields
    original = fields["translation_of"].value if "translation_of" in fields else source_lang
    if original not in languages or original == to:
        original = source_lang
    lines = []
    for key, meta in fields.items():
        value = meta.value
        if key in DROPPED_FIELDS:
            continue
        if key in MARKED_FIELDS and value:
            value = f"{TRANSLATE_MARK} {value}"
        elif key in EMPTIED_FIELDS:
            value = ""
        lines.append(_field(key, value))
    lines += ["Status: draft", f"Translation_of: {original}"]
    comment = _original_comment(
        path, fields, source.body, languages[source_lang]["name"], source_lang
    )
    with target.open("x", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n\n" + comment)
    url_key = "DRAFT_URL" if kind == "article" else "DRAFT_PAGE_URL"
    url = f"{preview}/{_draft_url(settings, url_key, to, slug)}"
    marked = ", ".join(name.capitalize() for name in MARKED_FIELDS if name in fields)
    emptied = ", ".join(name.capitalize() for name in EMPTIED_FIELDS if name in fields)
    todo = " and ".join(
        part
        for part in (
            marked and f"translate what follows {TRANSLATE_MARK} ({marked})",
            emptied and f"fill in {emptied}",
        )
        if part
    )
    return "\n".join(
        [
            f"Created {shown_path(target)} (a draft, from the {source_lang} version).",
            f"Preview: {url} (while `make serve` runs)",
            "The original text is in a comment at the end: write the translation in its place"
            + (f"; {todo} in the front matter." if todo else "."),
            'When it is ready, delete the comment and the line "Status: draft".',
        ]
    )


def _kind(settings, path):
    """ "article" or "page", by the folder under the content folder that holds `path`."""
    content = Path(settings["PATH"]).resolve()
    resolved = path.resolve()
    for kind, setting in (("article", "ARTICLE_PATHS"), ("page", "PAGE_PATHS")):
        for folder in settings[setting]:
            if resolved.is_relative_to(content / folder):
                return kind
    folders = [*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"]]
    where = " or ".join(f"{shown_path(content / folder)}/" for folder in folders)
    raise AuthoringError(f"{path} is not a story or a page: only files under {where} translate")


def _field(key, value):
    """One `Key: value` front-matter line; continuation lines are indented."""
    name = key.capitalize()
    return f"{name}: {value}".rstrip().replace("\n", "\n    ")


def _original_comment(path, fields, body, language, lang):
    """The original text as an HTML comment: Markdown passes it through unread,
    browsers never show it, and drafts never publish. Whatever in the text
    would end a comment early is escaped, so nothing leaks onto the page."""
    notes = [
        f"{TRANSLATE_MARK} The original, in {language} ({lang}), is {path.name}; its text follows.",
        "Write the translation in place of this comment.",
    ]
    for key in EMPTIED_FIELDS:
        if key in fields and fields[key].value:
            notes.append(f"The original's {key.capitalize()}: {fields[key].value}")
    text = "\n".join([*notes, "", body.strip("\n")])
    for end, escaped in (("<!--", "&lt;!--"), ("--!>", "--!&gt;"), ("-->", "--&gt;")):
        text = text.replace(end, escaped)
    return f"<!-- {text}\n-->\n"


# invoke status


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
        top = Path(_git(content, "rev-parse", "--show-toplevel").strip()).resolve()
        where = str(Path(content).resolve().relative_to(top)) or "."
        log = _git(top, "log", "--format=%x00%ct", "--name-only", "--", where)
        dirty = _git(top, "status", "--porcelain", "-z", "--untracked-files=all", "--", where)
    except (OSError, ValueError, subprocess.CalledProcessError):
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


def _git(folder, *args):
    return subprocess.run(
        ["git", "--no-optional-locks", "-c", "core.quotePath=false", "-C", str(folder), *args],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"},
    ).stdout


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
