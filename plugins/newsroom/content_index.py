"""The content index: one cheap pass over every language's front matter.

Each language is built by its own Pelican run, which sees only its own
files. The language switcher and hreflang links need to know, in every run,
which translations exist and where: this scan tells them, before any run
starts, and reports the content errors that would stop a build (one file at a
time here; references between files are checked by validation.py).
"""

import datetime
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from . import press, redirects, validation
from .frontmatter import BinaryFile, read_source
from .languages import LANG_PLACEHOLDER
from .validation import Problem

# kind of item -> the setting that names its folders under content/
FOLDERS = {
    "article": "ARTICLE_PATHS",
    "page": "PAGE_PATHS",
    "partner": "PARTNER_PATHS",
    "issue": "MAGAZINE_PATHS",
    "contact": "PRESS_CONTACT_PATHS",  # contacts and kit items: on the press room, no page
    "kit": "PRESS_KIT_PATHS",
}
FILENAME_RE = re.compile(r"^(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<lang>[a-z]{2})\.md$")
STATUSES = ("published", "draft", "hidden")
REQUIRED = {
    "article": ("title", "date", "category"),
    "page": ("title",),
    "partner": ("name",),
    "issue": ("issue", "date"),
    "contact": ("name",),
    "kit": ("title", "file", "licence"),
}
HOW_TO_FIX = {
    "title": 'add a line "Title: …" at the top of the file',
    "name": 'add a line "Name: …" at the top of the file',
    "date": 'add a line "Date: YYYY-MM-DD" at the top of the file',
    "issue": 'add a line "Issue: <number>" at the top of the file',
    "category": 'add a line "Category: …" naming one of: {categories}',
    "file": 'add a line "File: …" with the path of the file from content/, e.g. press/kit/logo.png',
    "licence": 'add a line "Licence: …" saying how journalists may use the file',
}
# Magazine issues may be dated to the year or month only ("launched in 2020").
DATE_RE = {
    "day": re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?"),
    "month": re.compile(r"^\d{4}-\d{2}$"),
    "year": re.compile(r"^\d{4}$"),
}


@dataclass(frozen=True)
class Item:
    kind: str
    slug: str
    lang: str
    path: str
    url: str | None  # site-relative, e.g. "en/news/2020/11/<slug>/"; None: no page
    category: str | None = None
    meta: dict = field(default_factory=dict, compare=False)  # key -> frontmatter.Field


@dataclass
class ContentIndex:
    items: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    files: int = 0  # how many content files were read
    slugs: dict = field(default_factory=lambda: defaultdict(set))  # kind -> every slug named
    images: set = field(default_factory=set)  # images stories show, relative to content/
    # {real path of a content file: images its body shows}: cached reading
    # must be redone when one of them changes (reader.py)
    image_uses: dict = field(default_factory=dict)

    def alternates(self, settings):
        """{(kind, key): {lang: site-relative URL}} for every translatable page.

        Items are keyed by slug; listing pages by what they list. Only
        published items count, and only languages an item exists in.
        """
        table = defaultdict(dict)
        for lang in settings["LANGUAGES"]:
            for kind in ("index", "archives", "tags", "partners", "magazine", "search", "press"):
                table[(kind, "")][lang] = _url(settings, f"{kind.upper()}_URL", lang)
        for item in self.items:
            if item.url is None:  # no page of its own
                continue
            table[(item.kind, item.slug)][item.lang] = item.url
            if item.category:
                url = _url(settings, "CATEGORY_URL", item.lang, slug=item.category)
                table[("category", item.category)][item.lang] = url
        return dict(table)


def x_default(kind, found, settings):
    """The site-relative URL hreflang="x-default" names for a page whose
    versions are `found` ({lang: URL}): the entry page / for the homes, else
    the X_DEFAULT_LANG version, else the first in LANGUAGES order."""
    if kind == "index":
        return ""
    default = settings["X_DEFAULT_LANG"]
    if default in found:
        return found[default]
    return next((found[lang] for lang in settings["LANGUAGES"] if lang in found), None)


def _url(settings, key, lang, **values):
    pattern = settings[key].replace(LANG_PLACEHOLDER, lang)
    return pattern.format(lang=lang, **values)


def reserved_slugs(settings):
    """First path segments under /<lang>/ that belong to sections, not pages."""
    taken = set(settings["CATEGORIES"]) | {"page"}  # "page": /<lang>/page/2/ (pagination)
    for key, value in settings.items():
        if key.endswith("_URL") and isinstance(value, str) and value.startswith("{lang}/"):
            segment = value.split("/")[1]
            if segment and "{" not in segment:
                taken.add(segment)
    return taken


def parse_date(text, precisions=("day",)):
    """ISO 8601 dates: YYYY-MM-DD, optionally with a time; YYYY-MM or YYYY
    where `precisions` allows. Returns (datetime, precision)."""
    for precision in precisions:
        if DATE_RE[precision].match(text):
            padded = {"day": text, "month": f"{text}-01", "year": f"{text}-01-01"}[precision]
            return datetime.datetime.fromisoformat(padded), precision
    raise ValueError(text)


def scan(settings):
    """Read every content file's front matter; return a ContentIndex."""
    content = Path(settings["PATH"])
    index = ContentIndex()
    reserved = reserved_slugs(settings)
    seen = {}
    for kind, setting in FOLDERS.items():
        paths = sorted(
            path for folder in settings[setting] for path in (content / folder).rglob("*.md")
        )
        for path in paths:
            shown = shown_path(path)
            index.files += 1
            if name := FILENAME_RE.match(path.name):
                index.slugs[kind].add(name["slug"])
            item = _read_item(path, shown, kind, settings, reserved, index)
            if item is None:
                continue
            key = (kind, item.slug, item.lang)
            if key in seen:
                message = f"{seen[key]} has the same slug and language; rename one of the two"
                index.problems.append(Problem(shown, 1, "slug", message))
                continue
            seen[key] = shown
            index.items.append(item)
    validation.check_references(index, settings)
    redirects.check(index, settings)
    return index


def scan_file(path, kind, settings):
    """One file's checks, as `scan` makes them, without those across files
    (`invoke serve`, live.py: its front matter is the last build's)."""
    index = ContentIndex(files=1)
    _read_item(Path(path), shown_path(Path(path)), kind, settings, reserved_slugs(settings), index)
    return index


def _is_future(date, timezone):
    """Pelican's test: a story dated after now, in the site's time zone."""
    zone = ZoneInfo(timezone)
    aware = date if date.tzinfo else date.replace(tzinfo=zone)
    return aware > datetime.datetime.now(zone)


def shown_path(path):
    """How a file is named in messages: relative to where the author stands,
    when it can be (a path as the author would type it)."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _read_item(path, shown, kind, settings, reserved, index):
    """One file's Item, or None after recording in `index` why it cannot be built."""
    content_root = Path(settings["PATH"])
    problems = index.problems

    def report(field, message, line=1):
        problems.append(Problem(shown, line, field, message))

    name = FILENAME_RE.match(path.name)
    languages = settings["LANGUAGES"]
    if not name or name["lang"] not in languages:
        report(
            "file name",
            "name the file <slug>.<lang>.md, with a lower-case Latin slug "
            f"and a language among {', '.join(languages)}",
        )
        return None
    slug, lang = name["slug"], name["lang"]
    try:
        source = read_source(path)
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        report("encoding", "this is not UTF-8 text; save the file as UTF-8", line)
        return None
    except BinaryFile:
        report("file", "this is not a text file; content files are Markdown text")
        return None
    if not source.fields and not source.body.strip():
        report("file", 'the file is empty; start it with a front matter such as "Title: …"')
        return None
    if source.stray_line:  # the fields after it are lost: report this line alone
        fix = 'write it as "Key: value", or leave a blank line before the body'
        report("front matter", f"this line has no colon: {fix}", source.stray_line)
        return None
    meta = source.fields

    before = len(problems)
    categories = settings["CATEGORIES"]
    for required in REQUIRED[kind]:
        if required not in meta or not meta[required].value:
            report(
                required,
                "missing; " + HOW_TO_FIX[required].format(categories=", ".join(categories)),
            )
    precisions = ("day", "month", "year") if kind == "issue" else ("day",)
    dates = {}
    for key in ("date", "modified"):
        if key in meta and meta[key].value:
            try:
                dates[key], _ = parse_date(meta[key].value, precisions)
            except ValueError:
                text = f'"{meta[key].value}" is not a date'
                formats = " or ".join(
                    {"day": "YYYY-MM-DD", "month": "YYYY-MM", "year": "YYYY"}[p] for p in precisions
                )
                report(
                    key, f"{text}; write it as {formats} (a time may follow: HH:MM)", meta[key].line
                )
    date = dates.get("date")
    category = meta["category"].value if "category" in meta else None
    if kind == "article" and category and category not in categories:
        choices = ", ".join(categories)
        report(
            "category",
            f'"{category}" is not a category; use one of: {choices}',
            meta["category"].line,
        )
    status = meta["status"].value if "status" in meta else "published"
    if status not in STATUSES:
        report(
            "status",
            f'"{status}" is not a status; use one of: {", ".join(STATUSES)}',
            meta["status"].line,
        )
    if kind == "page" and slug in reserved:
        report(
            "slug", f'"{slug}" is taken by a section of the site (/{lang}/{slug}/); rename the file'
        )
    if status == "published":
        validation.check_finished(source, report)
    validation.check_item(kind, slug, meta, settings, report)
    if kind in press.FIELDS:
        press.check_item(kind, meta, settings, report)
    redirects.check_field(meta, report)
    used = set()
    validation.check_body(source, path, content_root, report, used)
    index.images |= used
    if used:
        index.image_uses[os.path.realpath(path)] = sorted(used)
    featured = meta["image"].value if kind in ("article", "page") and "image" in meta else ""
    if featured and (content_root / featured).is_file():
        index.images.add(featured)
    if len(problems) > before or status != "published":
        return None
    if (
        kind == "article"
        and not settings["WITH_FUTURE_DATES"]
        and _is_future(date, settings["TIMEZONE"])
    ):
        return None  # Pelican holds it back as a draft: no page to link to yet

    if kind == "article":
        values = {"lang": lang, "slug": slug, "category": category, "date": date}
        url = settings["ARTICLE_URL"].replace(LANG_PLACEHOLDER, lang).format(**values)
    elif kind in press.FIELDS:
        url = None  # shown on the press room
    else:
        url = _url(settings, f"{kind.upper()}_URL", lang, slug=slug)
    return Item(kind, slug, lang, shown, url, category if kind == "article" else None, meta)
